// guards: a fast yes/no check for the valid path, generated from the same schema views Ajv
// compiles. Ajv's code (compiled with allErrors) stays the source of issues; a guard only answers
// "valid?" and must give Ajv's answer on every input, so every keyword below mirrors Ajv's own
// semantics: its type tests (strict numbers), keywords that apply only to their own type, `required`
// as `!== undefined`, `for...in` for the keys of an object, code-point lengths, `u` patterns, the
// same format functions. A schema using a keyword with no mapping here gets no guard at all (the
// runtime then runs Ajv), never an approximate one.
import type { Format, FormatDefinition } from "ajv";
import { type JsonObject, type JsonValue, isObject, walkSchema } from "../../model/schema-walk.js";

/** Thrown (and caught per root) when a schema uses something a guard cannot mirror exactly. */
export class GuardUnsupported extends Error {}

export interface GuardInput {
  /** Every schema resource (each with an absolute `$id`) the roots may reference. */
  readonly resources: readonly JsonObject[];
  /** Export name -> `$id` of the schema to guard. */
  readonly roots: Readonly<Record<string, string>>;
  /** The format definitions Ajv compiled with, by name (Ajv's own `ajv.formats`). */
  readonly formats: Readonly<Record<string, Format | undefined>>;
  /** JS expression for the table of format functions, the same one Ajv's standalone code uses. */
  readonly formatsCode: string;
  /** JS expression for the code-point counter Ajv's code uses for minLength/maxLength. */
  readonly ucs2lengthCode: string;
  /** Constants the module already declares (initialiser text -> name): a pattern or format the
   *  guards need is taken from there instead of being declared twice. */
  readonly declared?: ReadonlyMap<string, string>;
}

export interface GuardOutput {
  /** ESM source: per root, an exported `(data: unknown) => boolean`, or `undefined` if skipped. */
  readonly source: string;
  /** Roots with no guard, with the reason. */
  readonly skipped: ReadonlyMap<string, string>;
}

// Keywords that only annotate: they never change whether a value is valid.
const ANNOTATION = new Set([
  "$schema", "$id", "$anchor", "$defs", "$comment", "title", "description", "default", "examples", "deprecated",
  "readOnly", "writeOnly", "contentEncoding", "contentMediaType", "contentSchema",
]);
const STRING_KEYWORDS = ["pattern", "minLength", "maxLength"];
const NUMBER_KEYWORDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const OBJECT_KEYWORDS = ["properties", "required", "additionalProperties", "patternProperties", "propertyNames", "minProperties", "maxProperties", "dependentRequired", "dependentSchemas"];
const ARRAY_KEYWORDS = ["items", "prefixItems", "contains", "minContains", "maxContains", "minItems", "maxItems", "uniqueItems"];
const OTHER_KEYWORDS = ["type", "enum", "const", "format", "$ref", "allOf", "anyOf", "oneOf", "not", "if", "then", "else"];
const SUPPORTED = new Set([...STRING_KEYWORDS, ...NUMBER_KEYWORDS, ...OBJECT_KEYWORDS, ...ARRAY_KEYWORDS, ...OTHER_KEYWORDS]);
// Above this many names a `switch` beats a chain of comparisons for "is this key declared?".
const SWITCH_FROM = 6;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

type Group = "string" | "number" | "object" | "array";

/** Local variable names of one generated function: numbered per function, so two functions that
 *  check the same thing have the same text and are emitted once. */
class Scope {
  private next = 0;
  name(prefix: string): string {
    return `${prefix}${this.next++}`;
  }
}

/** Ajv's test for one JSON type (with strictNumbers: numbers must be finite). */
function typeTest(type: string, v: string): string {
  switch (type) {
    case "null": return `${v} === null`;
    case "boolean": return `typeof ${v} === "boolean"`;
    case "string": return `typeof ${v} === "string"`;
    case "number": return `(typeof ${v} === "number" && isFinite(${v}))`;
    case "integer": return `(typeof ${v} === "number" && !(${v} % 1) && !isNaN(${v}) && isFinite(${v}))`;
    case "object": return `(typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v}))`;
    case "array": return `Array.isArray(${v})`;
    default: throw new GuardUnsupported(`unknown type "${type}"`);
  }
}

/** Whether a JSON value (from a schema) passes Ajv's test for `type`. */
function hasType(type: string, value: JsonValue): boolean {
  switch (type) {
    case "null": return value === null;
    case "boolean": return typeof value === "boolean";
    case "string": return typeof value === "string";
    case "number": return typeof value === "number" && Number.isFinite(value);
    case "integer": return typeof value === "number" && Number.isInteger(value);
    case "object": return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array": return Array.isArray(value);
    default: return false;
  }
}

/** The JSON types a group of keywords applies to, as Ajv gates them. */
function groupOf(type: string): Group | undefined {
  if (type === "integer" || type === "number") return "number";
  if (type === "string" || type === "object" || type === "array") return type;
  return undefined;
}

function property(v: string, name: string): string {
  return IDENTIFIER.test(name) ? `${v}.${name}` : `${v}[${JSON.stringify(name)}]`;
}

function and(parts: readonly string[]): string {
  const kept = parts.filter((p) => p !== "true");
  if (kept.includes("false")) return "false";
  return kept.length === 0 ? "true" : kept.length === 1 ? kept[0]! : kept.map((p) => `(${p})`).join(" && ");
}

function or(parts: readonly string[]): string {
  const kept = parts.filter((p) => p !== "false");
  if (kept.includes("true")) return "true";
  return kept.length === 0 ? "false" : kept.length === 1 ? kept[0]! : kept.map((p) => `(${p})`).join(" || ");
}

function literal(value: JsonValue): string {
  return JSON.stringify(value);
}

class GuardCompiler {
  private readonly declarations: string[] = [];
  private readonly functionFor = new Map<JsonValue, string>();
  private readonly constants = new Map<string, string>();
  private readonly bodies = new Map<string, string>();
  private readonly compiling = new Set<string>();
  private readonly selfReferencing = new Set<string>();
  private readonly byId = new Map<string, JsonObject>();
  private names = 0;

  constructor(private readonly input: GuardInput) {
    for (const resource of input.resources) {
      if (typeof resource.$id !== "string") throw new Error("guards: every resource needs an absolute $id");
      this.byId.set(resource.$id, resource);
    }
  }

  /** Compiles one root; on an unsupported keyword nothing of it is kept. */
  root(id: string): string {
    const resource = this.byId.get(id);
    if (!resource) throw new Error(`guards: no schema with $id ${id}`);
    const saved = { declarations: this.declarations.length, functions: new Map(this.functionFor), constants: new Map(this.constants), bodies: new Map(this.bodies) };
    try {
      return this.functionOf(resource, id);
    } catch (error) {
      this.declarations.length = saved.declarations;
      this.functionFor.clear();
      for (const [k, v] of saved.functions) this.functionFor.set(k, v);
      this.constants.clear();
      for (const [k, v] of saved.constants) this.constants.set(k, v);
      this.bodies.clear();
      for (const [k, v] of saved.bodies) this.bodies.set(k, v);
      throw error;
    }
  }

  source(exports: ReadonlyMap<string, string | undefined>): string {
    const lines = [...this.declarations];
    for (const [name, fn] of exports) lines.push(`export const ${name} = ${fn ?? "undefined"};`);
    return lines.join("\n");
  }

  /** Module-level names carry a `$`, which Ajv's generated names never do: the guards can share
   *  one module with Ajv's standalone code. */
  private name(prefix: string): string {
    return `guard$${prefix}${this.names++}`;
  }

  /** A module-level constant, declared once per distinct initialiser. */
  private constant(prefix: string, init: string): string {
    const shared = this.input.declared?.get(init.replace("/* @__PURE__ */ ", ""));
    if (shared) return shared;
    let name = this.constants.get(init);
    if (!name) {
      name = this.name(prefix);
      this.constants.set(init, name);
      this.declarations.push(`const ${name} = ${init};`);
    }
    return name;
  }

  /** The function checking a whole schema node (used for $ref targets and roots). */
  private functionOf(node: JsonValue, base: string): string {
    const known = this.functionFor.get(node);
    if (known) {
      if (this.compiling.has(known)) this.selfReferencing.add(known);
      return known;
    }
    const name = this.name("schema");
    this.functionFor.set(node, name);
    this.compiling.add(name);
    const body = this.check(node, "d", base, undefined, new Scope());
    this.compiling.delete(name);
    // A schema that is one call (e.g. an object's checking function) is that function, unless the
    // schema refers to itself (its name is then already in use).
    const call = /^(guard\$\w+)\(d\)$/.exec(body)?.[1];
    const emitted = call && !this.selfReferencing.has(name) ? call : this.emitFunction(name, `return ${body};`);
    this.functionFor.set(node, emitted);
    return emitted;
  }

  /** Declares `function name(d) { body }`, or returns the function already declared with the
   *  same body (a recursive body keeps its own name). */
  private emitFunction(name: string, body: string): string {
    const recursive = new RegExp(`\\b${name}\\(`).test(body);
    const existing = recursive ? undefined : this.bodies.get(body);
    if (existing) return existing;
    if (!recursive) this.bodies.set(body, name);
    this.declarations.push(`function ${name}(d) {\n  ${body}\n}`);
    return name;
  }

  private resolve(ref: string, base: string): { node: JsonValue; base: string } {
    const url = new URL(ref, base);
    const fragment = decodeURIComponent(url.hash.slice(1));
    url.hash = "";
    const resource = this.byId.get(url.href);
    if (!resource) throw new GuardUnsupported(`$ref ${ref} does not name a known schema`);
    if (fragment === "") return { node: resource, base: url.href };
    if (!fragment.startsWith("/")) return { node: this.anchor(resource, fragment, ref), base: url.href };
    let node: JsonValue | undefined = resource;
    for (const raw of fragment.slice(1).split("/")) {
      const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      node = Array.isArray(node) ? node[Number(token)] : isObject(node) && Object.hasOwn(node, token) ? node[token] : undefined;
      if (node === undefined) throw new GuardUnsupported(`$ref ${ref} points at nothing`);
    }
    return { node, base: url.href };
  }

  /** The subschema of `resource` with `"$anchor": name` (not one inside an embedded resource). */
  private anchor(resource: JsonObject, name: string, ref: string): JsonObject {
    let found: JsonObject | undefined;
    walkSchema(resource, (node, pointer) => {
      if (pointer !== "" && typeof node.$id === "string") throw new GuardUnsupported("embedded $id");
      if (node.$anchor === name) found = node;
    });
    if (!found) throw new GuardUnsupported(`$ref ${ref} names no $anchor of its schema`);
    return found;
  }

  /** A boolean expression: does the value in variable `v` satisfy `node`? `known` is a JSON type
   *  the caller has already established for `v`. */
  private check(node: JsonValue, v: string, base: string, known: Group | undefined, scope: Scope): string {
    if (node === true) return "true";
    if (node === false) return "false";
    if (!isObject(node)) throw new GuardUnsupported("a subschema must be an object or a boolean");
    if (typeof node.$id === "string" && node.$id !== base) throw new GuardUnsupported("embedded $id");
    node = withoutUnevaluated(node);
    for (const key of Object.keys(node)) {
      if (!SUPPORTED.has(key) && !ANNOTATION.has(key) && !key.startsWith("x-")) throw new GuardUnsupported(`keyword "${key}"`);
    }
    const parts: string[] = [];
    // Groups of keywords that only apply to values of their own type.
    const groups: Partial<Record<Group, string>> = {
      string: this.stringChecks(node, v),
      number: this.numberChecks(node, v),
      array: this.arrayChecks(node, v, base),
    };
    if (node.type !== undefined) {
      const types = (Array.isArray(node.type) ? node.type : [node.type]) as string[];
      // Ajv drops "integer" when "number" is also allowed.
      const effective = types.includes("number") ? types.filter((t) => t !== "integer") : types;
      let bare = true;
      const branches = effective.map((type) => {
        const group = groupOf(type);
        // An object's type test goes into its own checking function (one call, not two tests).
        if (group === "object") {
          const objectCheck = this.objectChecks(node, v, base, known !== "object");
          if (objectCheck) bare = false;
          return objectCheck ?? (known === "object" ? "true" : typeTest(type, v));
        }
        const groupCheck = group ? groups[group] : undefined;
        if (groupCheck) bare = false;
        const test = group !== undefined && group === known && type !== "integer" ? "true" : typeTest(type, v);
        return and([test, groupCheck ?? "true"]);
      });
      // An enum of values that all have an allowed type already implies the type test.
      const implied = bare && Array.isArray(node.enum) && node.enum.every((value) => effective.some((type) => hasType(type, value)));
      if (!implied) parts.push(or(branches));
      // Groups whose type is not allowed can never apply: the type test already failed.
    } else {
      groups.object = this.objectChecks(node, v, base, false);
      for (const group of ["string", "number", "object", "array"] as const) {
        const groupCheck = groups[group];
        if (!groupCheck || groupCheck === "true") continue;
        parts.push(group === known ? groupCheck : or([`!(${typeTest(group, v)})`, groupCheck]));
      }
    }
    if (Array.isArray(node.enum)) {
      parts.push(or(node.enum.map((value) => (typeof value === "object" && value !== null ? `${this.equal()}(${v}, ${this.constant("value", literal(value))})` : `${v} === ${literal(value)}`))));
    }
    if (node.const !== undefined) {
      const value = node.const;
      parts.push(typeof value === "object" && value !== null ? `${this.equal()}(${v}, ${this.constant("value", literal(value))})` : `${v} === ${literal(value)}`);
    }
    if (typeof node.$ref === "string") {
      const target = this.resolve(node.$ref, base);
      parts.push(`${this.functionOf(target.node, target.base)}(${v})`);
    }
    const narrowed = node.type === "object" || node.type === "array" || node.type === "string" ? (node.type as Group) : known;
    if (Array.isArray(node.allOf)) parts.push(and(node.allOf.map((sub) => this.check(sub, v, base, narrowed, scope))));
    if (Array.isArray(node.anyOf)) parts.push(or(node.anyOf.map((sub) => this.check(sub, v, base, narrowed, scope))));
    if (Array.isArray(node.oneOf)) {
      const branches = node.oneOf.map((sub) => this.check(sub, v, base, narrowed, scope));
      parts.push(`(${branches.map((b) => `(${b} ? 1 : 0)`).join(" + ")}) === 1`);
    }
    if (node.not !== undefined) parts.push(`!(${this.check(node.not, v, base, narrowed, scope)})`);
    if (node.if !== undefined && (node.then !== undefined || node.else !== undefined)) {
      const condition = this.check(node.if, v, base, narrowed, scope);
      const then = node.then === undefined ? "true" : this.check(node.then, v, base, narrowed, scope);
      const otherwise = node.else === undefined ? "true" : this.check(node.else, v, base, narrowed, scope);
      parts.push(`(${condition} ? ${then} : ${otherwise})`);
    }
    return and(parts);
  }

  /** A rough cost of checking a value against `node`: 1 for type, enum and const tests, 2 for a
   *  pattern or length, 3 for a format, 4 for an object or array with contents to check. */
  private cost(node: JsonValue, base: string, depth: number): number {
    if (!isObject(node)) return 1;
    let cost = 1;
    if (typeof node.$ref === "string" && depth < 8) {
      const target = this.resolve(node.$ref, base);
      cost = Math.max(cost, this.cost(target.node, target.base, depth + 1));
    }
    if (typeof node.pattern === "string" || node.minLength !== undefined || node.maxLength !== undefined) cost = Math.max(cost, 2);
    if (typeof node.format === "string") cost = Math.max(cost, 3);
    if ([...OBJECT_KEYWORDS, ...ARRAY_KEYWORDS].some((k) => node[k] !== undefined)) cost = Math.max(cost, 4);
    for (const key of ["anyOf", "oneOf", "allOf"] as const) {
      const branches = node[key];
      if (Array.isArray(branches)) for (const branch of branches) cost = Math.max(cost, this.cost(branch, base, depth + 1));
    }
    return cost;
  }

  /** True when `node` rejects `undefined` (every JSON type test, enum and const does). */
  private rejectsUndefined(node: JsonValue, base: string, seen = new Set<JsonValue>()): boolean {
    if (node === false) return true;
    if (!isObject(node) || seen.has(node)) return false;
    seen.add(node);
    if (node.type !== undefined || Array.isArray(node.enum) || node.const !== undefined) return true;
    if (typeof node.$ref === "string") {
      const target = this.resolve(node.$ref, base);
      if (this.rejectsUndefined(target.node, target.base, seen)) return true;
    }
    if (Array.isArray(node.allOf) && node.allOf.some((sub) => this.rejectsUndefined(sub, base, seen))) return true;
    return Array.isArray(node.anyOf) && node.anyOf.length > 0 && node.anyOf.every((sub) => this.rejectsUndefined(sub, base, seen));
  }

  private equal(): string {
    return this.constant("equal", `require("ajv/dist/runtime/equal").default`);
  }

  private stringChecks(node: JsonObject, v: string): string | undefined {
    const parts: string[] = [];
    if (typeof node.minLength === "number" || typeof node.maxLength === "number") {
      const length = this.input.ucs2lengthCode;
      // A string of n code units has between n/2 and n code points: count only when that decides.
      if (typeof node.minLength === "number") parts.push(`(${v}.length >= ${2 * node.minLength} || (${v}.length >= ${node.minLength} && ${length}(${v}) >= ${node.minLength}))`);
      if (typeof node.maxLength === "number") parts.push(`(${v}.length <= ${node.maxLength} || ${length}(${v}) <= ${node.maxLength})`);
    }
    if (typeof node.pattern === "string") parts.push(`${this.constant("pattern", `/* @__PURE__ */ new RegExp(${literal(node.pattern)}, "u")`)}.test(${v})`);
    const format = this.formatCheck(node, v, "string");
    if (format) parts.push(format);
    return parts.length ? and(parts) : undefined;
  }

  private numberChecks(node: JsonObject, v: string): string | undefined {
    const parts: string[] = [];
    if (typeof node.minimum === "number") parts.push(`${v} >= ${node.minimum}`);
    if (typeof node.maximum === "number") parts.push(`${v} <= ${node.maximum}`);
    if (typeof node.exclusiveMinimum === "number") parts.push(`${v} > ${node.exclusiveMinimum}`);
    if (typeof node.exclusiveMaximum === "number") parts.push(`${v} < ${node.exclusiveMaximum}`);
    if (typeof node.multipleOf === "number") {
      // Ajv's own test: the quotient must be an integer as parseInt reads it.
      parts.push(`(${node.multipleOf} !== 0 && (${v} / ${node.multipleOf}) === parseInt(${v} / ${node.multipleOf}))`);
    }
    const format = this.formatCheck(node, v, "number");
    if (format) parts.push(format);
    return parts.length ? and(parts) : undefined;
  }

  private formatCheck(node: JsonObject, v: string, group: "string" | "number"): string | undefined {
    if (typeof node.format !== "string") return undefined;
    const definition = this.input.formats[node.format];
    if (definition === undefined) throw new GuardUnsupported(`unknown format "${node.format}"`);
    if (definition === true) return undefined;
    const object = typeof definition === "object" && !(definition instanceof RegExp) ? (definition as FormatDefinition<string | number>) : undefined;
    if (object?.async) throw new GuardUnsupported(`async format "${node.format}"`);
    const type = object?.type ?? "string";
    if (type !== group) return undefined;
    const validate = object ? object.validate : definition;
    // A global or sticky pattern keeps state between calls: a second copy of it could disagree.
    if (validate instanceof RegExp && /[gy]/.test(validate.flags)) throw new GuardUnsupported(`stateful pattern of format "${node.format}"`);
    if (validate instanceof RegExp) return `${this.constant("format", `/* @__PURE__ */ new RegExp(${literal(validate.source)}, ${literal(validate.flags)})`)}.test(${v})`;
    // Called the way Ajv calls it: as a method of the definition object, or as a plain function.
    const access = `${this.input.formatsCode}${IDENTIFIER.test(node.format) ? `.${node.format}` : `[${literal(node.format)}]`}`;
    return `${this.constant("format", access)}${object ? ".validate" : ""}(${v})`;
  }

  /** A call checking the object keywords of `node`; with `typed`, the function first checks that
   *  the value is an object (and there is no call at all when there is nothing else to check). */
  private objectChecks(node: JsonObject, v: string, base: string, typed: boolean): string | undefined {
    if (!OBJECT_KEYWORDS.some((k) => node[k] !== undefined)) return undefined;
    const properties = isObject(node.properties) ? node.properties : {};
    const required = Array.isArray(node.required) ? (node.required as string[]) : [];
    if (Object.hasOwn(properties, "__proto__") || required.includes("__proto__")) throw new GuardUnsupported('a property named "__proto__"');
    const patterns = isObject(node.patternProperties) ? Object.entries(node.patternProperties).map(([source, sub]) => ({ test: this.constant("pattern", `/* @__PURE__ */ new RegExp(${literal(source)}, "u")`), sub })) : [];
    const scope = new Scope();
    const d = "d";
    const body: string[] = [];
    if (typed) body.push(`if (!${typeTest("object", d)}) return false;`);

    const additional = node.additionalProperties;
    const names = Object.keys(properties);
    const checkAdditional = additional !== undefined && additional !== true;
    if (checkAdditional || patterns.length > 0 || node.propertyNames !== undefined) {
      const key = scope.name("k");
      const loop: string[] = [];
      if (node.propertyNames !== undefined) loop.push(`if (!(${this.check(node.propertyNames, key, base, "string", scope)})) return false;`);
      for (const { test, sub } of patterns) {
        const value = scope.name("p");
        loop.push(`if (${test}.test(${key})) { const ${value} = ${d}[${key}]; if (!(${this.check(sub, value, base, undefined, scope)})) return false; }`);
      }
      if (checkAdditional) {
        let onExtra = "return false;";
        if (additional !== false) {
          const value = scope.name("p");
          onExtra = `{ const ${value} = ${d}[${key}]; if (!(${this.check(additional, value, base, undefined, scope)})) return false; }`;
        }
        const declaredPatterns = patterns.map(({ test }) => `${test}.test(${key})`);
        if (names.length >= SWITCH_FROM && declaredPatterns.length === 0) {
          loop.push(`switch (${key}) {\n${names.map((n) => `      case ${literal(n)}:`).join("\n")}\n        break;\n      default: ${onExtra}\n    }`);
        } else {
          const declared = or([...names.map((n) => `${key} === ${literal(n)}`), ...declaredPatterns]);
          loop.push(declared === "false" ? onExtra : `if (!(${declared})) ${onExtra}`);
        }
      }
      body.push(`for (const ${key} in ${d}) {\n    ${loop.join("\n    ")}\n  }`);
    }
    // Cheap checks first: a payload that fails one is rejected before the patterns, formats and
    // nested objects run (the answer does not depend on the order).
    const byCost = names.map((name, position) => ({ name, position, cost: this.cost(properties[name]!, base, 0) })).sort((a, b) => a.cost - b.cost || a.position - b.position);
    for (const { name } of byCost) {
      const value = scope.name("p");
      const check = this.check(properties[name]!, value, base, undefined, scope);
      const present = required.includes(name);
      if (!present && check === "true") continue;
      // A required value's check needs no `=== undefined` test when the check rejects undefined.
      const missing = present && !this.rejectsUndefined(properties[name]!, base) ? `${value} === undefined || ` : "";
      body.push(present
        ? `const ${value} = ${property(d, name)}; if (${missing}!(${check})) return false;`
        : `const ${value} = ${property(d, name)}; if (${value} !== undefined && !(${check})) return false;`);
    }
    const missing = required.filter((name) => !Object.hasOwn(properties, name));
    if (missing.length) body.push(`if (${or(missing.map((name) => `${property(d, name)} === undefined`))}) return false;`);
    if (typeof node.minProperties === "number") body.push(`if (Object.keys(${d}).length < ${node.minProperties}) return false;`);
    if (typeof node.maxProperties === "number") body.push(`if (Object.keys(${d}).length > ${node.maxProperties}) return false;`);
    if (isObject(node.dependentRequired)) {
      for (const [name, deps] of Object.entries(node.dependentRequired)) {
        if (!Array.isArray(deps) || deps.length === 0) continue;
        body.push(`if (${property(d, name)} !== undefined && (${or(deps.map((dep) => `${property(d, String(dep))} === undefined`))})) return false;`);
      }
    }
    if (isObject(node.dependentSchemas)) {
      for (const [name, sub] of Object.entries(node.dependentSchemas)) {
        body.push(`if (${property(d, name)} !== undefined && !(${this.check(sub, d, base, "object", scope)})) return false;`);
      }
    }
    if (body.length === (typed ? 1 : 0)) return undefined;
    body.push("return true;");
    return `${this.emitFunction(this.name("object"), body.join("\n  "))}(${v})`;
  }

  private arrayChecks(node: JsonObject, v: string, base: string): string | undefined {
    if (!ARRAY_KEYWORDS.some((k) => node[k] !== undefined)) return undefined;
    const scope = new Scope();
    const d = "d";
    const body: string[] = [];
    if (typeof node.minItems === "number") body.push(`if (${d}.length < ${node.minItems}) return false;`);
    if (typeof node.maxItems === "number") body.push(`if (${d}.length > ${node.maxItems}) return false;`);
    const prefix = Array.isArray(node.prefixItems) ? node.prefixItems : [];
    prefix.forEach((sub, index) => {
      const item = scope.name("p");
      const check = this.check(sub, item, base, undefined, scope);
      if (check !== "true") body.push(`if (${d}.length > ${index}) { const ${item} = ${d}[${index}]; if (!(${check})) return false; }`);
    });
    if (node.items !== undefined && node.items !== true) {
      if (node.items === false) body.push(`if (${d}.length > ${prefix.length}) return false;`);
      else {
        const i = scope.name("i");
        const item = scope.name("p");
        body.push(`for (let ${i} = ${prefix.length}; ${i} < ${d}.length; ${i}++) { const ${item} = ${d}[${i}]; if (!(${this.check(node.items, item, base, undefined, scope)})) return false; }`);
      }
    }
    if (node.uniqueItems === true) {
      // Ajv's answer: no two items deep-equal by its own `equal` (fast-deep-equal).
      const i = scope.name("i");
      const j = scope.name("j");
      body.push(`for (let ${i} = ${d}.length; ${i}-- > 1;) { for (let ${j} = ${i}; ${j}--;) { if (${this.equal()}(${d}[${i}], ${d}[${j}])) return false; } }`);
    }
    if (node.contains !== undefined) {
      const min = typeof node.minContains === "number" ? node.minContains : 1;
      const max = typeof node.maxContains === "number" ? node.maxContains : undefined;
      const count = scope.name("n");
      const i = scope.name("i");
      const item = scope.name("p");
      body.push(`let ${count} = 0; for (let ${i} = 0; ${i} < ${d}.length; ${i}++) { const ${item} = ${d}[${i}]; if (${this.check(node.contains, item, base, undefined, scope)}) ${count}++; }`);
      body.push(`if (${count} < ${min}${max === undefined ? "" : ` || ${count} > ${max}`}) return false;`);
    }
    if (body.length === 0) return undefined;
    body.push("return true;");
    return `${this.emitFunction(this.name("array"), body.join("\n  "))}(${v})`;
  }
}

// Keywords that evaluate properties or items of the instance in place, from subschemas: with any
// of them (or `contains`, which Ajv does not count as evaluating), which items and properties are
// "evaluated" depends on the data, and Ajv's tracking of it has known gaps a guard would have to copy.
const INHERITED_NAMES = `^(?:${Object.getOwnPropertyNames(Object.prototype).join("|")})$`;
const IN_PLACE = ["allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$ref", "$dynamicRef", "dependentSchemas", "contains"];

/** `unevaluatedProperties` / `unevaluatedItems` on a node whose only evaluating keywords are its own
 *  `properties`, `patternProperties`, `additionalProperties`, `prefixItems` and `items`: there they
 *  mean exactly `additionalProperties` / `items` (or nothing, when those are present). */
function withoutUnevaluated(node: JsonObject): JsonObject {
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

/** Compiles a guard for every root it can; the others are listed in `skipped` with the reason. */
export function compileGuards(input: GuardInput): GuardOutput {
  const compiler = new GuardCompiler(input);
  const exports = new Map<string, string | undefined>();
  const skipped = new Map<string, string>();
  for (const [name, id] of Object.entries(input.roots)) {
    try {
      exports.set(name, compiler.root(id));
    } catch (error) {
      if (!(error instanceof GuardUnsupported)) throw error;
      exports.set(name, undefined);
      skipped.set(name, error.message);
    }
  }
  return { source: compiler.source(exports), skipped };
}
