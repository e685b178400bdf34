// objects: properties, required, additionalProperties, patternProperties, propertyNames, the
// property counts and dependentRequired/dependentSchemas, checked in one guard function per object
// schema: a `for...in` over the keys where a key can be refused, then each declared property,
// cheapest check first.
import { type JsonObject, type JsonValue, isObject } from "../../../model/schema-walk.js";
import { ACCEPT, type Expr, REJECT, type Stmt, bang, binary, block, call, chain, constant, index, line, literal, member, name, not, or, paren, property, regExp, rejectIf, rejectUnless } from "./code.js";
import { type GuardContext, GuardUnsupported, Scope } from "./context.js";
import { ARRAY_KEYWORDS } from "./arrays.js";
import { typeOf } from "./types.js";

export const OBJECT_KEYWORDS = ["properties", "required", "additionalProperties", "patternProperties", "propertyNames", "minProperties", "maxProperties", "dependentRequired", "dependentSchemas"];

// Above this many names a `switch` beats a chain of comparisons for "is this key declared?".
const SWITCH_FROM = 6;

/** A call checking the object keywords of `node`; with `typed`, the function first checks that
 *  the value is an object (and there is no call at all when there is nothing else to check). */
export function objectChecks(node: JsonObject, v: string, base: string, typed: boolean, context: GuardContext): Expr | undefined {
  if (!OBJECT_KEYWORDS.some((k) => node[k] !== undefined)) return undefined;
  const properties = isObject(node.properties) ? node.properties : {};
  const required = Array.isArray(node.required) ? (node.required as string[]) : [];
  if (Object.hasOwn(properties, "__proto__") || required.includes("__proto__")) throw new GuardUnsupported('a property named "__proto__"');
  const patterns = isObject(node.patternProperties) ? Object.entries(node.patternProperties).map(([source, sub]) => ({ pattern: context.constant("pattern", regExp(source, "u")), sub })) : [];
  const scope = new Scope();
  const d = name("d");
  const body: Stmt[] = [];
  if (typed) body.push(rejectIf(bang(typeOf("object", "d"))));

  const additional = node.additionalProperties;
  const names = Object.keys(properties);
  const checkAdditional = additional !== undefined && additional !== true;
  if (checkAdditional || patterns.length > 0 || node.propertyNames !== undefined) {
    const key = scope.name("k");
    const loop: Stmt[] = [];
    if (node.propertyNames !== undefined) loop.push(rejectUnless(context.check(node.propertyNames, key, base, "string", scope)));
    const matches = (pattern: Expr) => call(member(pattern, "test"), name(key));
    for (const { pattern, sub } of patterns) {
      const value = scope.name("p");
      loop.push({ kind: "if", test: matches(pattern), then: block(constant(value, index(d, name(key))), rejectUnless(context.check(sub, value, base, undefined, scope))) });
    }
    if (checkAdditional) {
      let onExtra: Stmt = REJECT;
      if (additional !== false) {
        const value = scope.name("p");
        onExtra = block(constant(value, index(d, name(key))), rejectUnless(context.check(additional, value, base, undefined, scope)));
      }
      if (names.length >= SWITCH_FROM && patterns.length === 0) {
        loop.push({ kind: "switch", value: name(key), cases: names, otherwise: onExtra });
      } else {
        const declared = or([...names.map((n) => binary(name(key), "===", literal(n))), ...patterns.map(({ pattern }) => matches(pattern))]);
        loop.push(declared.kind === "false" ? onExtra : { kind: "if", test: not(declared), then: onExtra });
      }
    }
    body.push({ kind: "for-in", key, object: d, body: loop });
  }
  // Cheap checks first: a payload that fails one is rejected before the patterns, formats and
  // nested objects run (the answer does not depend on the order).
  const byCost = names.map((n, position) => ({ name: n, position, cost: cost(properties[n]!, base, 0, context) })).sort((a, b) => a.cost - b.cost || a.position - b.position);
  for (const { name: propertyName } of byCost) {
    const value = scope.name("p");
    const check = context.check(properties[propertyName]!, value, base, undefined, scope);
    const present = required.includes(propertyName);
    if (!present && check.kind === "true") continue;
    const read = constant(value, property(d, propertyName));
    // A required value's check needs no `=== undefined` test when the check rejects undefined.
    const absent = binary(name(value), "===", literal(undefined));
    const test = !present ? chain("&&", [binary(name(value), "!==", literal(undefined)), not(check)]) : rejectsUndefined(properties[propertyName]!, base, context) ? not(check) : chain("||", [absent, not(check)]);
    body.push(line(read, rejectIf(test)));
  }
  const missing = required.filter((n) => !Object.hasOwn(properties, n));
  if (missing.length) body.push(rejectIf(or(missing.map((n) => isAbsent(d, n)))));
  const keyCount = member(call(member(name("Object"), "keys"), d), "length");
  if (typeof node.minProperties === "number") body.push(rejectIf(binary(keyCount, "<", literal(node.minProperties))));
  if (typeof node.maxProperties === "number") body.push(rejectIf(binary(keyCount, ">", literal(node.maxProperties))));
  if (isObject(node.dependentRequired)) {
    for (const [trigger, deps] of Object.entries(node.dependentRequired)) {
      if (!Array.isArray(deps) || deps.length === 0) continue;
      body.push(rejectIf(chain("&&", [isPresent(d, trigger), paren(or(deps.map((dep) => isAbsent(d, String(dep)))))])));
    }
  }
  if (isObject(node.dependentSchemas)) {
    for (const [trigger, sub] of Object.entries(node.dependentSchemas)) {
      body.push(rejectIf(chain("&&", [isPresent(d, trigger), not(context.check(sub, "d", base, "object", scope))])));
    }
  }
  if (body.length === (typed ? 1 : 0)) return undefined;
  body.push(ACCEPT);
  return call(context.declareFunction("object", body), name(v));
}

const isAbsent = (object: Expr, key: string): Expr => binary(property(object, key), "===", literal(undefined));
const isPresent = (object: Expr, key: string): Expr => binary(property(object, key), "!==", literal(undefined));

/** A rough cost of checking a value against `node`: 1 for type, enum and const tests, 2 for a
 *  pattern or length, 3 for a format, 4 for an object or array with contents to check. */
export function cost(node: JsonValue, base: string, depth: number, context: GuardContext): number {
  if (!isObject(node)) return 1;
  let total = 1;
  if (typeof node.$ref === "string" && depth < 8) {
    const target = context.resolve(node.$ref, base);
    total = Math.max(total, cost(target.node, target.base, depth + 1, context));
  }
  if (typeof node.pattern === "string" || node.minLength !== undefined || node.maxLength !== undefined) total = Math.max(total, 2);
  if (typeof node.format === "string") total = Math.max(total, 3);
  if ([...OBJECT_KEYWORDS, ...ARRAY_KEYWORDS].some((k) => node[k] !== undefined)) total = Math.max(total, 4);
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const branches = node[key];
    if (Array.isArray(branches)) for (const branch of branches) total = Math.max(total, cost(branch, base, depth + 1, context));
  }
  return total;
}

/** True when `node` rejects `undefined` (every JSON type test, enum and const does). */
export function rejectsUndefined(node: JsonValue, base: string, context: GuardContext, seen = new Set<JsonValue>()): boolean {
  if (node === false) return true;
  if (!isObject(node) || seen.has(node)) return false;
  seen.add(node);
  if (node.type !== undefined || Array.isArray(node.enum) || node.const !== undefined) return true;
  if (typeof node.$ref === "string") {
    const target = context.resolve(node.$ref, base);
    if (rejectsUndefined(target.node, target.base, context, seen)) return true;
  }
  if (Array.isArray(node.allOf) && node.allOf.some((sub) => rejectsUndefined(sub, base, context, seen))) return true;
  return Array.isArray(node.anyOf) && node.anyOf.length > 0 && node.anyOf.every((sub) => rejectsUndefined(sub, base, context, seen));
}
