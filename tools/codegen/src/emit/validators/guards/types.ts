// types: `type`, `enum` and `const`, with Ajv's own type tests (strict numbers: finite only) and
// its deep equality for object and array values.
import type { JsonObject, JsonValue } from "../../../model/schema-walk.js";
import { type Expr, type JsonType, binary, call, literal, name, or, typeTest } from "./code.js";
import { type GuardContext, type Group, GuardUnsupported } from "./context.js";

export const TYPE_KEYWORDS = ["type", "enum", "const"];

const JSON_TYPES: readonly string[] = ["null", "boolean", "string", "number", "integer", "object", "array"] satisfies JsonType[];

/** Ajv's test for one JSON type of the value in variable `v`. */
export function typeOf(type: string, v: string): Expr {
  if (!JSON_TYPES.includes(type)) throw new GuardUnsupported(`unknown type "${type}"`);
  return typeTest(type as JsonType, name(v));
}

/** Whether a JSON value (from a schema) passes Ajv's test for `type`. */
export function hasType(type: string, value: JsonValue): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    default:
      return false;
  }
}

/** The keyword group a JSON type gates. */
export function groupOf(type: string): Group | undefined {
  if (type === "integer" || type === "number") return "number";
  if (type === "string" || type === "object" || type === "array") return type;
  return undefined;
}

/** The types of `type` as Ajv tests them: it drops "integer" when "number" is also allowed. */
export function effectiveTypes(node: JsonObject): string[] | undefined {
  if (node.type === undefined) return undefined;
  const types = (Array.isArray(node.type) ? node.type : [node.type]) as string[];
  return types.includes("number") ? types.filter((t) => t !== "integer") : types;
}

/** True when every value of the node's `enum` has one of `types`: the enum implies the type test. */
export function enumImpliesType(node: JsonObject, types: readonly string[]): boolean {
  return Array.isArray(node.enum) && node.enum.every((value) => types.some((type) => hasType(type, value)));
}

/** `v` equals `value`: `===` for a primitive, Ajv's deep equality for an object or array. */
function equals(value: JsonValue, v: string, context: GuardContext): Expr {
  if (typeof value !== "object" || value === null) return binary(name(v), "===", literal(value));
  return call(context.equal(), name(v), context.constant("value", literal(value)));
}

export function enumCheck(node: JsonObject, v: string, context: GuardContext): Expr | undefined {
  return Array.isArray(node.enum) ? or(node.enum.map((value) => equals(value, v, context))) : undefined;
}

export function constCheck(node: JsonObject, v: string, context: GuardContext): Expr | undefined {
  return node.const === undefined ? undefined : equals(node.const, v, context);
}
