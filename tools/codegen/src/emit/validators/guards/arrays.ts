// arrays: minItems/maxItems, prefixItems, items, uniqueItems (Ajv's deep equality) and contains
// with its bounds, checked in one guard function per array schema.
import type { JsonObject } from "../../../model/schema-walk.js";
import { ACCEPT, type Expr, type Stmt, block, binary, call, chain, constant, index, line, literal, member, name, postfix, rejectIf, rejectUnless } from "./code.js";
import { type GuardContext, Scope } from "./context.js";

export const ARRAY_KEYWORDS = ["items", "prefixItems", "contains", "minContains", "maxContains", "minItems", "maxItems", "uniqueItems"];

/** A call of the function checking the array keywords of `node` (the caller tests the type). */
export function arrayChecks(node: JsonObject, v: string, base: string, context: GuardContext): Expr | undefined {
  if (!ARRAY_KEYWORDS.some((k) => node[k] !== undefined)) return undefined;
  const scope = new Scope();
  const d = name("d");
  const length = member(d, "length");
  const body: Stmt[] = [];
  if (typeof node.minItems === "number") body.push(rejectIf(binary(length, "<", literal(node.minItems))));
  if (typeof node.maxItems === "number") body.push(rejectIf(binary(length, ">", literal(node.maxItems))));
  const prefix = Array.isArray(node.prefixItems) ? node.prefixItems : [];
  prefix.forEach((sub, position) => {
    const item = scope.name("p");
    const check = context.check(sub, item, base, undefined, scope);
    if (check.kind !== "true") body.push({ kind: "if", test: binary(length, ">", literal(position)), then: block(constant(item, index(d, literal(position))), rejectUnless(check)) });
  });
  if (node.items !== undefined && node.items !== true) {
    if (node.items === false) body.push(rejectIf(binary(length, ">", literal(prefix.length))));
    else {
      const i = scope.name("i");
      const item = scope.name("p");
      const check = context.check(node.items, item, base, undefined, scope);
      body.push(eachItem(i, literal(prefix.length), block(constant(item, index(d, name(i))), rejectUnless(check))));
    }
  }
  if (node.uniqueItems === true) {
    // Ajv's answer: no two items deep-equal by its own `equal` (fast-deep-equal).
    const i = scope.name("i");
    const j = scope.name("j");
    const same = rejectIf(call(context.equal(), index(d, name(i)), index(d, name(j))));
    const inner: Stmt = { kind: "for", variable: j, start: name(i), test: postfix(name(j), "--"), body: block(same) };
    body.push({ kind: "for", variable: i, start: length, test: binary(postfix(name(i), "--"), ">", literal(1)), body: block(inner) });
  }
  if (node.contains !== undefined) {
    const min = typeof node.minContains === "number" ? node.minContains : 1;
    const max = typeof node.maxContains === "number" ? node.maxContains : undefined;
    const count = scope.name("n");
    const i = scope.name("i");
    const item = scope.name("p");
    const check = context.check(node.contains, item, base, undefined, scope);
    const counted: Stmt = { kind: "if", test: check, then: { kind: "expr", expr: postfix(name(count), "++") } };
    body.push(line({ kind: "let", name: count, init: literal(0) }, eachItem(i, literal(0), block(constant(item, index(d, name(i))), counted))));
    const outside = [binary(name(count), "<", literal(min)), ...(max === undefined ? [] : [binary(name(count), ">", literal(max))])];
    body.push(rejectIf(chain("||", outside)));
  }
  if (body.length === 0) return undefined;
  body.push(ACCEPT);
  return call(context.declareFunction("array", body), name(v));
}

/** `for (let i = start; i < d.length; i++) body` */
function eachItem(i: string, start: Expr, body: Stmt): Stmt {
  return { kind: "for", variable: i, start, test: binary(name(i), "<", member(name("d"), "length")), update: postfix(name(i), "++"), body };
}
