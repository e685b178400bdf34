// The one Ajv configuration used everywhere at codegen time: 2020-12 dialect, strict mode,
// formats from ajv-formats, and our annotation keywords registered so strict mode accepts them.
import { Ajv2020, type Options } from "ajv/dist/2020.js";
import * as coreModule from "ajv/dist/core.js";
import * as draft2020Module from "ajv/dist/vocabularies/draft2020.js";
import * as addFormatsModule from "ajv-formats";
import type { Format } from "ajv";
import { ANNOTATION_KEYWORDS } from "./model/keywords.js";
import * as ownFormats from "./runtime/formats.js";

/** The `exports.default` of a CommonJS module (ajv-formats, Ajv's core and vocabularies): how it
 *  arrives depends on the loader (tsx, vitest, Node's own ESM), so take whichever shape is there. */
function commonJsDefault<T>(module: { default: T }): T {
  const outer = (module as unknown as { default: { default?: T } & T }).default;
  return outer.default ?? outer;
}

type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = commonJsDefault(addFormatsModule as unknown as { default: AddFormats });
const AjvCore = commonJsDefault(coreModule as unknown as { default: typeof import("ajv/dist/core.js").default });
const draft2020Vocabularies = commonJsDefault(draft2020Module as unknown as { default: typeof import("ajv/dist/vocabularies/draft2020.js").default });

export interface CodegenAjvOptions extends Options {
  /** Compile Ajv 2020's bookkeeping for `unevaluated*` and `$dynamicRef` (an `evaluated` record per
   *  function, a `dynamicAnchors` argument per call) into the code. Default true; false is for
   *  schemas that use none of those keywords (emit/validators/ajv-trim.ts `usesTrackedKeywords`). Such an
   *  instance does not check schemas against the 2020-12 meta-schema, whose own code needs the
   *  tracking: load.ts has checked every schema by then. */
  readonly tracking?: boolean;
}

/** Ajv 2020 with its tracking off. Ajv2020's constructor forces `unevaluated` and `dynamicRef` on
 *  whatever its options say, so this is Ajv's core with the 2020-12 vocabularies, its options
 *  given as they are (never changed after construction). It has no 2020-12 meta-schema: it checks
 *  no schema (load.ts has), and no schema that refers to a meta-schema is compiled with it. */
class UntrackedAjv2020 extends AjvCore {
  constructor(options: Options) {
    super({ ...options, validateSchema: false, next: true, unevaluated: false, dynamicRef: false });
  }

  override _addVocabularies(): void {
    super._addVocabularies();
    for (const vocabulary of draft2020Vocabularies) this.addVocabulary(vocabulary);
  }
}

export function createAjv({ tracking = true, ...options }: CodegenAjvOptions = {}): Ajv2020 {
  const settings: Options = { strict: true, allowUnionTypes: true, allErrors: true, ...options };
  // Both are Ajv 2020-12 to every caller; only the compiled bookkeeping differs.
  const ajv = tracking ? new Ajv2020(settings) : (new UntrackedAjv2020(settings) as unknown as Ajv2020);
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
