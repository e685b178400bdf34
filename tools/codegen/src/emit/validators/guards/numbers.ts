// numbers: the range keywords, `multipleOf` as Ajv tests it, and number formats.
import type { JsonObject } from "../../../model/schema-walk.js";
import { type Expr, and, binary, call, chain, literal, name, paren } from "./code.js";
import type { GuardContext } from "./context.js";
import { formatCheck } from "./strings.js";

export const NUMBER_KEYWORDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];

const BOUNDS = [
  ["minimum", ">="],
  ["maximum", "<="],
  ["exclusiveMinimum", ">"],
  ["exclusiveMaximum", "<"],
] as const;

export function numberChecks(node: JsonObject, v: string, context: GuardContext): Expr | undefined {
  const value = name(v);
  const parts: Expr[] = [];
  for (const [keyword, op] of BOUNDS) {
    const bound = node[keyword];
    if (typeof bound === "number") parts.push(binary(value, op, literal(bound)));
  }
  if (typeof node.multipleOf === "number") {
    // Ajv's own test: the quotient must be an integer as parseInt reads it.
    const divisor = literal(node.multipleOf);
    const quotient = binary(value, "/", divisor);
    parts.push(paren(chain("&&", [binary(divisor, "!==", literal(0)), binary(paren(quotient), "===", call(name("parseInt"), quotient))])));
  }
  const format = formatCheck(node, v, "number", context);
  if (format) parts.push(format);
  return parts.length ? and(parts) : undefined;
}
