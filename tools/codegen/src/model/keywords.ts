// Our schema vocabulary: annotation keywords that carry model knowledge to the generators.
// They add no validation of their own; their meta-schemas make Ajv reject malformed annotations.
import type { KeywordDefinition } from "ajv";

/** A legacy flat field kept for old clients. `replacedBy` is the JSON Pointer (from the model root)
 *  of the canonical field that replaces it, or null when nothing replaces it yet. */
export const LEGACY = "x-legacy";
/** On an enum: the provider adds values without notice, so tolerant mode accepts unknown ones. */
export const PROVIDER_EXTENSIBLE = "x-provider-extensible";
/** On an enum: what each value means, for JSDoc and docs. */
export const ENUM_DESCRIPTIONS = "x-enum-descriptions";

export const ANNOTATION_KEYWORDS: KeywordDefinition[] = [
  {
    keyword: LEGACY,
    schemaType: "object",
    metaSchema: {
      type: "object",
      properties: { replacedBy: { type: ["string", "null"], pattern: "^(/[^/]+)+$" } },
      required: ["replacedBy"],
      additionalProperties: false,
    },
  },
  { keyword: PROVIDER_EXTENSIBLE, schemaType: "boolean", metaSchema: { type: "boolean" } },
  {
    keyword: ENUM_DESCRIPTIONS,
    schemaType: "object",
    metaSchema: { type: "object", additionalProperties: { type: "string" } },
  },
];
