// Ajv compiled at start-up from the published schemas, with the options the generated validators
// were compiled with (2020-12, strict, all errors, formats in full mode). The first-error variant
// is Ajv's own fast option: stop at the first error (allErrors: false); the messages variant adds
// Ajv's message strings to its errors, as our issues carry messages.
import { schemas } from "@org/payment-schemas";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import * as addFormatsModule from "ajv-formats";
import type { ModelName } from "../payloads.js";

// ajv-formats is CommonJS: the plugin arrives as the default export, or as its `default` property.
type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats: AddFormats = (addFormatsModule as unknown as { default: { default?: AddFormats } & AddFormats }).default.default ?? (addFormatsModule as unknown as { default: AddFormats }).default;
const ANNOTATION_KEYWORDS = ["x-legacy", "x-provider-extensible", "x-enum-descriptions"];

export type AjvValidators = Record<ModelName, ValidateFunction>;

/** `messages`: Ajv's default, a message string in every error (the generated code has none). */
export function compileAjv(allErrors: boolean, messages = false): AjvValidators {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors, inlineRefs: false, messages });
  addFormats(ajv);
  ajv.addVocabulary(ANNOTATION_KEYWORDS);
  for (const schema of Object.values(schemas)) ajv.addSchema(schema as object);
  const get = (model: ModelName): ValidateFunction => {
    const schema = (schemas as Record<string, { $id: string }>)[model];
    const validate = schema ? ajv.getSchema(schema.$id) : undefined;
    if (!validate) throw new Error(`no schema for ${model}`);
    return validate;
  };
  return { PaymentSessionResult: get("PaymentSessionResult"), SessionResultResponse: get("SessionResultResponse") };
}
