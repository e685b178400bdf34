// composition: allOf, anyOf, oneOf (exactly one branch holds), not, and if/then/else (only with a
// then or an else: an `if` alone never changes the answer).
import type { JsonObject } from "../../../model/schema-walk.js";
import { type Expr, and, binary, chain, conditional, literal, not, or, paren, TRUE } from "./code.js";
import type { GuardContext, Group, Scope } from "./context.js";

export const COMPOSITION_KEYWORDS = ["allOf", "anyOf", "oneOf", "not", "if", "then", "else"];

/** The node's composition checks, in keyword order; `known` is the JSON type established for `v`. */
export function compositionChecks(node: JsonObject, v: string, base: string, known: Group | undefined, scope: Scope, context: GuardContext): Expr[] {
  const check = (sub: JsonObject[keyof JsonObject]) => context.check(sub, v, base, known, scope);
  const parts: Expr[] = [];
  if (Array.isArray(node.allOf)) parts.push(and(node.allOf.map(check)));
  if (Array.isArray(node.anyOf)) parts.push(or(node.anyOf.map(check)));
  if (Array.isArray(node.oneOf)) {
    const holds = node.oneOf.map((sub) => paren(conditional(check(sub), literal(1), literal(0))));
    parts.push(binary(paren(chain("+", holds)), "===", literal(1)));
  }
  if (node.not !== undefined) parts.push(not(check(node.not)));
  if (node.if !== undefined && (node.then !== undefined || node.else !== undefined)) {
    const condition = check(node.if);
    const then = node.then === undefined ? TRUE : check(node.then);
    const otherwise = node.else === undefined ? TRUE : check(node.else);
    parts.push(paren(conditional(condition, then, otherwise)));
  }
  return parts;
}
