// Follows a property path such as /order/order_number through a model and the models it
// references (directly, or as `anyOf: [{$ref}, {type: "null"}]`).
import type { Model } from "./schema-set.js";
import { isObject, type JsonObject, unescapePointer } from "./schema-walk.js";

export interface ResolvedProperty {
  /** The property's own schema (as written where the property is declared). */
  readonly schema: JsonObject;
  /** Property names along the path, e.g. ["order", "order_number"]. */
  readonly path: readonly string[];
}

type ModelLookup = (fromId: string, ref: string) => Model | undefined;

/** The object model a property schema leads to, if any (through $ref or a nullable $ref). */
export function referencedModel(schema: JsonObject, fromId: string, lookup: ModelLookup): Model | undefined {
  if (typeof schema.$ref === "string") return lookup(fromId, schema.$ref);
  if (Array.isArray(schema.anyOf)) {
    for (const branch of schema.anyOf) if (isObject(branch) && typeof branch.$ref === "string") return lookup(fromId, branch.$ref);
  }
  return undefined;
}

export function resolvePropertyPath(model: Model, pointer: string, lookup: ModelLookup): ResolvedProperty | undefined {
  // JSON Pointer tokens: "~1" is "/" and "~0" is "~" inside a property name.
  const path = pointer.split("/").slice(1).map(unescapePointer);
  let current: Model | undefined = model;
  let schema: JsonObject | undefined;
  for (const [i, token] of path.entries()) {
    if (!current) return undefined;
    const properties = current.schema.properties;
    const next = isObject(properties) ? properties[token] : undefined;
    if (!isObject(next)) return undefined;
    schema = next;
    if (i < path.length - 1) current = referencedModel(next, current.id, lookup);
  }
  return schema ? { schema, path } : undefined;
}
