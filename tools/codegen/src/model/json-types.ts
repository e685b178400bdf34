// Which JSON types a schema node admits, looking through $refs to other models: what the adapters
// (flat fields) and the fixtures (narrowing by cross-field rules) ask of a property.
import type { Model, SchemaSet } from "./schema-set.js";
import { type JsonObject, isObject } from "./schema-walk.js";

export const JSON_TYPES = ["string", "number", "integer", "boolean", "null", "object", "array"] as const;

/** The JSON types a property schema admits, looking through $refs to other models. */
export function admittedTypes(set: SchemaSet, model: Model, schema: JsonObject): Set<string> {
  const all = new Set<string>(JSON_TYPES);
  if (typeof schema.$ref === "string") {
    const target = set.modelForRef(model.id, schema.$ref);
    return target ? admittedTypes(set, target, target.schema) : all;
  }
  if (Array.isArray(schema.anyOf)) {
    const types = new Set<string>();
    for (const branch of schema.anyOf) if (isObject(branch)) for (const t of admittedTypes(set, model, branch)) types.add(t);
    return types;
  }
  if (typeof schema.type === "string") return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type.map(String));
  const values = Array.isArray(schema.enum) ? schema.enum : "const" in schema ? [schema.const!] : undefined;
  if (values) return new Set(values.map((v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v)));
  return all;
}
