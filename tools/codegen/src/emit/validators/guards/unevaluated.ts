// unevaluated: `unevaluatedProperties` / `unevaluatedItems` where they have a plain meaning. On a
// node whose only evaluating keywords are its own `properties`, `patternProperties`,
// `additionalProperties`, `prefixItems` and `items`, they mean exactly `additionalProperties` /
// `items` (or nothing, when those are present). Beside any keyword that evaluates in place, from
// subschemas (or `contains`, which Ajv does not count as evaluating), which items and properties are
// "evaluated" depends on the data, and Ajv's tracking of it has known gaps a guard would have to copy.
import { type JsonObject, isObject } from "../../../model/schema-walk.js";
import { GuardUnsupported } from "./context.js";

const INHERITED_NAMES = `^(?:${Object.getOwnPropertyNames(Object.prototype).join("|")})$`;
const IN_PLACE = ["allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$ref", "$dynamicRef", "dependentSchemas", "contains"];

/** `node` with its `unevaluated*` keywords replaced by their plain equivalents; throws
 *  GuardUnsupported where they have none. */
export function withoutUnevaluated(node: JsonObject): JsonObject {
  if (node.unevaluatedProperties === undefined && node.unevaluatedItems === undefined) return node;
  const inPlace = IN_PLACE.find((key) => node[key] !== undefined);
  if (inPlace) throw new GuardUnsupported(`keyword "${node.unevaluatedProperties !== undefined ? "unevaluatedProperties" : "unevaluatedItems"}" beside "${inPlace}"`);
  const { unevaluatedProperties, unevaluatedItems, ...out } = node;
  if (unevaluatedProperties !== undefined && out.additionalProperties === undefined) {
    out.additionalProperties = unevaluatedProperties;
    // With patternProperties, Ajv looks a key up in an object of evaluated names, where every name
    // Object.prototype has (constructor, toString, __proto__...) is found: it counts those as
    // evaluated, and so do we. (Without, it compares the key with the declared names.)
    if (isObject(out.patternProperties)) out.patternProperties = { ...out.patternProperties, [INHERITED_NAMES]: true };
  }
  if (unevaluatedItems !== undefined && out.items === undefined) out.items = unevaluatedItems;
  return out;
}
