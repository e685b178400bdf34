// Plain-JSON helpers shared by the loader, the linter and the emitters.
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Base URL of every schema's `$id`: `$id` = base + path under schemas/. Never fetched. */
export const SCHEMA_BASE_URL = "https://schemas.payment-types.invalid/";

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function escapePointer(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The property name a JSON Pointer token stands for ("~1" is "/", "~0" is "~"). */
export function unescapePointer(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Keywords whose value is one subschema, a map of subschemas, or an array of subschemas. */
const SINGLE = ["additionalProperties", "items", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contentSchema"];
const MAP = ["properties", "patternProperties", "$defs", "dependentSchemas"];
const ARRAY = ["allOf", "anyOf", "oneOf", "prefixItems"];

/** Calls `visit` on every subschema (object form) of `schema`, depth first, with its JSON Pointer. */
export function walkSchema(schema: JsonValue, visit: (node: JsonObject, pointer: string) => void, pointer = ""): void {
  if (!isObject(schema)) return;
  visit(schema, pointer);
  for (const key of SINGLE) if (key in schema) walkSchema(schema[key]!, visit, `${pointer}/${key}`);
  for (const key of MAP) {
    const map = schema[key];
    if (isObject(map)) for (const [name, sub] of Object.entries(map)) walkSchema(sub, visit, `${pointer}/${key}/${escapePointer(name)}`);
  }
  for (const key of ARRAY) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((sub, i) => walkSchema(sub, visit, `${pointer}/${key}/${i}`));
  }
}

/** Calls `visit` on every object anywhere in `value` (not only subschemas). */
export function walkJson(value: JsonValue, pointer: string, visit: (node: JsonObject, pointer: string) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => walkJson(v, `${pointer}/${i}`, visit));
  else if (isObject(value)) {
    visit(value, pointer);
    for (const [k, v] of Object.entries(value)) walkJson(v, `${pointer}/${escapePointer(k)}`, visit);
  }
}

/** Returns a deep copy of `schema` with `transform` applied to every subschema, bottom-up. */
export function mapSchema(schema: JsonValue, transform: (node: JsonObject, pointer: string) => JsonObject, pointer = ""): JsonValue {
  if (!isObject(schema)) return schema;
  const copy: JsonObject = { ...schema };
  for (const key of SINGLE) if (key in copy) copy[key] = mapSchema(copy[key]!, transform, `${pointer}/${key}`);
  for (const key of MAP) {
    const map = copy[key];
    if (isObject(map)) copy[key] = Object.fromEntries(Object.entries(map).map(([name, sub]) => [name, mapSchema(sub, transform, `${pointer}/${key}/${escapePointer(name)}`)]));
  }
  for (const key of ARRAY) {
    const list = copy[key];
    if (Array.isArray(list)) copy[key] = list.map((sub, i) => mapSchema(sub, transform, `${pointer}/${key}/${i}`));
  }
  return transform(copy, pointer);
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Reads the value at a JSON Pointer inside `value`, or undefined. */
export function getPointer(value: JsonValue, pointer: string): JsonValue | undefined {
  if (pointer === "") return value;
  let current: JsonValue | undefined = value;
  for (const raw of pointer.slice(1).split("/")) {
    const token = unescapePointer(raw);
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isObject(current)) current = Object.hasOwn(current, token) ? current[token] : undefined;
    else return undefined;
  }
  return current;
}
