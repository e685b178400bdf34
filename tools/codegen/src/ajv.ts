// The one Ajv configuration used everywhere at codegen time: 2020-12 dialect, strict mode,
// formats from ajv-formats, and our annotation keywords registered so strict mode accepts them.
import { Ajv2020, type Options } from "ajv/dist/2020.js";
import * as addFormatsModule from "ajv-formats";
import { ANNOTATION_KEYWORDS } from "./keywords.js";

// ajv-formats is CommonJS with an `exports.default`: how it arrives depends on the loader (tsx,
// vitest, Node's own ESM), so take whichever shape is there.
type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats: AddFormats = (addFormatsModule as unknown as { default: { default?: AddFormats } & AddFormats }).default.default ?? (addFormatsModule as unknown as { default: AddFormats }).default;

export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, ...options });
  addFormats(ajv);
  for (const definition of ANNOTATION_KEYWORDS) ajv.addKeyword(definition);
  return ajv;
}
