// The one Ajv configuration used everywhere at codegen time: 2020-12 dialect, strict mode,
// formats from ajv-formats, and our annotation keywords registered so strict mode accepts them.
import { Ajv2020, type Options } from "ajv/dist/2020.js";
import * as addFormatsModule from "ajv-formats";
import type { Format } from "ajv";
import { ANNOTATION_KEYWORDS } from "./model/keywords.js";
import * as ownFormats from "./runtime/formats.js";

// ajv-formats is CommonJS with an `exports.default`: how it arrives depends on the loader (tsx,
// vitest, Node's own ESM), so take whichever shape is there.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats: AddFormats = (addFormatsModule as unknown as { default: { default?: AddFormats } & AddFormats }).default.default ?? (addFormatsModule as unknown as { default: AddFormats }).default;

export interface CodegenAjvOptions extends Options {
  /** Compile Ajv 2020's bookkeeping for `unevaluated*` and `$dynamicRef` (an `evaluated` record per
   *  function, a `dynamicAnchors` argument per call) into the code. Default true; false is for
   *  schemas that use none of those keywords (emit/validators/ajv-trim.ts `usesTrackedKeywords`). Such an
   *  instance does not check schemas against the 2020-12 meta-schema, whose own code needs the
   *  tracking: load.ts has checked every schema by then. */
  readonly tracking?: boolean;
}

/** Ajv 2020 turns its tracking on whatever its options say; this one leaves it off, decided as it
 *  is built, before any schema is added or compiled. */
class UntrackedAjv2020 extends Ajv2020 {
  constructor(options: Options) {
    super({ ...options, validateSchema: false });
    this.opts.unevaluated = false;
    this.opts.dynamicRef = false;
  }
}

export function createAjv({ tracking = true, ...options }: CodegenAjvOptions = {}): Ajv2020 {
  const settings: Options = { strict: true, allowUnionTypes: true, allErrors: true, ...options };
  const ajv = tracking ? new Ajv2020(settings) : new UntrackedAjv2020(settings);
  addFormats(ajv);
  useOwnFormats(ajv);
  for (const definition of ANNOTATION_KEYWORDS) ajv.addKeyword(definition);
  // Ajv resolves `$ref: "#name"` to the subschema with that `$anchor`, but its strict mode does not
  // list `$anchor` among the keywords it knows.
  if (!ajv.getKeyword("$anchor")) ajv.addKeyword("$anchor");
  return ajv;
}

/** Replaces ajv-formats' definitions by our RFC checks (runtime/formats.ts) wherever we have one:
 *  loading (examples), the validators' Ajv code and the guards all judge formats by this one table. */
export function useOwnFormats(ajv: Ajv2020): void {
  for (const [name, exportName] of Object.entries(ownFormats.FORMAT_EXPORTS)) {
    ajv.addFormat(name, (ownFormats as unknown as Record<string, Format>)[exportName]!);
  }
}
