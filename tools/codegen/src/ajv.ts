// The one Ajv configuration used everywhere at codegen time: 2020-12 dialect, strict mode,
// formats from ajv-formats, and our annotation keywords registered so strict mode accepts them.
import { Ajv2020, type Options } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { ANNOTATION_KEYWORDS } from "./keywords.js";

// ajv-formats is CommonJS: under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, ...options });
  addFormats(ajv);
  for (const definition of ANNOTATION_KEYWORDS) ajv.addKeyword(definition);
  return ajv;
}
