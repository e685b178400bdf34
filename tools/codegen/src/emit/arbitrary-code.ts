// Turns one schema node into a fast-check expression that produces only values the node accepts:
// one transform per kind of node (types, nullability, enums, formats, patterns, lengths, ranges,
// closed objects), plus the cross-field rules of an object (`allOf` of `if`/`then`/`else`), which
// become one record variant per outcome of their conditions. A node it cannot honour exactly is a
// schema error (file, JSON Pointer, rule "fixtures"), never a looser arbitrary.
import { createAjv } from "../ajv.js";
import { SchemaError, SchemaSetError } from "../errors.js";
import { ENUM_DESCRIPTIONS, LEGACY, PROVIDER_EXTENSIBLE } from "../keywords.js";
import type { Model, SchemaSet } from "../load.js";
import { type JsonObject, type JsonValue, escapePointer, isObject } from "../schema-walk.js";
import { admittedTypes } from "./json-types.js";

export interface ArbitraryContext {
  readonly set: SchemaSet;
  readonly model: Model;
  /** The expression naming another model's arbitrary. */
  readonly reference: (model: Model) => string;
  /** Declares a constant (emitted before the model's arbitrary) and returns its name. */
  readonly declare?: (expression: string) => string;
}

const ANNOTATIONS = new Set(["$schema", "$id", "$comment", "title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly", LEGACY, PROVIDER_EXTENSIBLE, ENUM_DESCRIPTIONS]);

/** The dates behind generated `date` / `date-time` values: four-digit years, as RFC 3339 requires.
 *  A file using DATES declares it once with DATES_DECLARATION. */
export const DATES = "dates";
export const DATES_DECLARATION = `const ${DATES} = fc.date({ min: new Date("1970-01-01T00:00:00.000Z"), max: new Date("2099-12-31T23:59:59.999Z"), noInvalidDate: true });`;

function fail(ctx: ArbitraryContext, pointer: string, message: string): never {
  throw new SchemaSetError([new SchemaError(ctx.model.file, pointer, "fixtures", message)]);
}

function keywords(schema: JsonObject): string[] {
  return Object.keys(schema).filter((k) => !ANNOTATIONS.has(k));
}

function only(ctx: ArbitraryContext, schema: JsonObject, pointer: string, allowed: readonly string[], what: string): void {
  const extra = keywords(schema).filter((k) => !allowed.includes(k));
  if (extra.length > 0) fail(ctx, `${pointer}/${escapePointer(extra[0]!)}`, `the fixtures generator cannot honour "${extra[0]}" on ${what} (supported: ${allowed.join(", ")})`);
}

function json(value: JsonValue): string {
  return JSON.stringify(value);
}

/** A key of an emitted object literal. */
export function objectKey(name: string): string {
  // A computed key keeps "__proto__" an own property of the record model instead of its prototype.
  return /^[A-Za-z_$][\w$]*$/.test(name) && name !== "__proto__" ? name : `[${JSON.stringify(name)}]`;
}

export function arbitraryFor(ctx: ArbitraryContext, schema: JsonObject, pointer: string): string {
  if (typeof schema.$ref === "string") {
    only(ctx, schema, pointer, ["$ref"], "a $ref");
    const target = ctx.set.modelForRef(ctx.model.id, schema.$ref);
    if (!target) fail(ctx, `${pointer}/$ref`, `cannot resolve $ref "${schema.$ref}"`);
    return ctx.reference(target);
  }
  if ("const" in schema) return `fc.constant(${json(schema.const!)})`;
  if (Array.isArray(schema.enum)) {
    if (schema.enum.length === 0) fail(ctx, `${pointer}/enum`, "an empty enum admits no value");
    return `fc.constantFrom(${schema.enum.map(json).join(", ")})`;
  }
  if (Array.isArray(schema.anyOf)) {
    only(ctx, schema, pointer, ["anyOf"], "an anyOf node");
    const branches = schema.anyOf.map((b, i) => (isObject(b) ? b : fail(ctx, `${pointer}/anyOf/${i}`, "expected a schema object")));
    const nullIndex = branches.findIndex((b) => b.type === "null" && keywords(b).length === 1);
    if (branches.length === 2 && nullIndex >= 0) {
      const other = 1 - nullIndex;
      return `fc.option(${arbitraryFor(ctx, branches[other]!, `${pointer}/anyOf/${other}`)}, { nil: null })`;
    }
    return `fc.oneof(${branches.map((b, i) => arbitraryFor(ctx, b, `${pointer}/anyOf/${i}`)).join(", ")})`;
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type.map(String);
    const nonNull = types.filter((t) => t !== "null");
    const arbitraries = nonNull.map((t) => arbitraryFor(ctx, { ...schema, type: t }, pointer));
    const value = arbitraries.length === 1 ? arbitraries[0]! : `fc.oneof(${arbitraries.join(", ")})`;
    if (nonNull.length === 0) return "fc.constant(null)";
    return types.includes("null") ? `fc.option(${value}, { nil: null })` : value;
  }
  // Keywords of other types do not apply (a nullable string narrowed to null keeps no maxLength).
  if (typeof schema.type === "string") schema = withoutOtherTypesKeywords(schema, schema.type);
  switch (schema.type) {
    case "string":
      return stringArbitrary(ctx, schema, pointer);
    case "integer":
    case "number":
      return numberArbitrary(ctx, schema, pointer);
    case "boolean":
      only(ctx, schema, pointer, ["type"], "a boolean");
      return "fc.boolean()";
    case "null":
      only(ctx, schema, pointer, ["type"], "null");
      return "fc.constant(null)";
    case "object":
      return objectArbitrary(ctx, schema, pointer);
    case "array":
      return arrayArbitrary(ctx, schema, pointer);
    case undefined:
      only(ctx, schema, pointer, [], "a schema without a type");
      return "fc.jsonValue()";
    default:
      return fail(ctx, `${pointer}/type`, `unknown type ${json(schema.type)}`);
  }
}

const TYPE_KEYWORDS: Record<string, readonly string[]> = {
  string: ["pattern", "minLength", "maxLength", "format"],
  number: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format"],
  object: ["properties", "required", "additionalProperties", "patternProperties", "propertyNames", "minProperties", "maxProperties", "dependentRequired", "dependentSchemas", "unevaluatedProperties"],
  array: ["items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains", "minContains", "maxContains", "unevaluatedItems"],
};

function withoutOtherTypesKeywords(schema: JsonObject, type: string): JsonObject {
  const own = new Set(TYPE_KEYWORDS[type === "integer" ? "number" : type] ?? []);
  const foreign = new Set(Object.values(TYPE_KEYWORDS).flat().filter((k) => !own.has(k)));
  return Object.fromEntries(Object.entries(schema).filter(([k]) => !foreign.has(k)));
}

// A host name without reserved "??--" labels (RFC 5891 4.2.3.1), which fast-check's domain() can produce.
const HOSTNAMES = `fc.domain().filter((h) => h.length <= 253 && !/(^|\\.)[^.]{2}--/.test(h))`;
const JSON_POINTERS = `fc.array(fc.string(), { maxLength: 4 }).map((tokens) => tokens.map((t) => "/" + t.replace(/~/g, "~0").replace(/\\//g, "~1")).join(""))`;
const WEB_URLS = "fc.webUrl({ withQueryParameters: true, withFragments: true })";

/** An arbitrary per string format the validators check, each producing only values the format's
 *  RFC check (runtime/formats.ts) accepts; a format missing here is a schema error. */
export const FORMAT_ARBITRARIES: Readonly<Record<string, string>> = {
  date: `${DATES}.map((d) => d.toISOString().slice(0, 10))`,
  "date-time": `${DATES}.map((d) => d.toISOString())`,
  time: `${DATES}.map((d) => d.toISOString().slice(11))`,
  "iso-date-time": `${DATES}.map((d) => d.toISOString())`,
  "iso-time": `${DATES}.map((d) => d.toISOString().slice(11))`,
  duration: "fc.oneof(fc.tuple(fc.nat({ max: 99 }), fc.nat({ max: 11 }), fc.nat({ max: 30 }), fc.nat({ max: 23 }), fc.nat({ max: 59 }), fc.nat({ max: 59 })).map(([y, mo, d, h, mi, s]) => `P${y}Y${mo}M${d}DT${h}H${mi}M${s}S`), fc.nat({ max: 52 }).map((w) => `P${w}W`))",
  uuid: "fc.uuid()",
  hostname: HOSTNAMES,
  email: `fc.emailAddress().filter((e) => !/(@|\\.)[^.@]{2}--/.test(e) && e.length - e.lastIndexOf("@") <= 254)`,
  uri: WEB_URLS,
  // ajv-formats' url pattern refuses a host label with "--" in it.
  url: "fc.webUrl().filter((u) => !u.includes(\"--\"))",
  "uri-reference": `fc.oneof(${WEB_URLS}, fc.webPath())`,
  "uri-template": `fc.tuple(fc.webUrl(), fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/)).map(([url, name]) => \`\${url}{?\${name}}\`)`,
  ipv4: "fc.ipV4()",
  ipv6: "fc.ipV6()",
  "json-pointer": JSON_POINTERS,
  "json-pointer-uri-fragment": `fc.array(fc.stringMatching(/^[a-z0-9_.~-]{0,6}$/), { maxLength: 4 }).map((tokens) => "#" + tokens.map((t) => "/" + t.replace(/~/g, "~0")).join(""))`,
  byte: "fc.base64String()",
  password: "fc.string()",
  binary: "fc.string()",
  "relative-json-pointer": `fc.tuple(fc.nat({ max: 9 }), fc.oneof(fc.constant("#"), ${JSON_POINTERS})).map(([up, rest]) => \`\${up}\${rest}\`)`,
  regex: `fc.string().map((s) => s.replace(/[\\\\^$.*+?()[\\]{}|/]/g, "\\\\$&"))`,
};

function stringArbitrary(ctx: ArbitraryContext, schema: JsonObject, pointer: string): string {
  only(ctx, schema, pointer, ["type", "format", "pattern", "minLength", "maxLength"], "a string");
  const minLength = typeof schema.minLength === "number" ? schema.minLength : undefined;
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
  if (typeof schema.format === "string") {
    if (schema.pattern !== undefined || minLength !== undefined || maxLength !== undefined) fail(ctx, `${pointer}/format`, "the fixtures generator cannot combine a format with a pattern or length limits");
    const arbitrary = FORMAT_ARBITRARIES[schema.format];
    if (arbitrary === undefined) fail(ctx, `${pointer}/format`, `the fixtures generator knows no arbitrary for format "${schema.format}" (known: ${Object.keys(FORMAT_ARBITRARIES).join(", ")})`);
    return arbitrary;
  }
  if (typeof schema.pattern === "string") {
    // fast-check's maxLength counts UTF-16 units, never fewer than the code points the schema counts.
    const options = maxLength !== undefined ? `, { maxLength: ${maxLength} }` : "";
    const arbitrary = `fc.stringMatching(new RegExp(${json(schema.pattern)}, "u")${options})`;
    return minLength !== undefined && minLength > 0 ? `${arbitrary}.filter((s) => [...s].length >= ${minLength})` : arbitrary;
  }
  // "binary" units are code points, which is what minLength/maxLength count.
  const limits = [minLength !== undefined ? `minLength: ${minLength}` : "", maxLength !== undefined ? `maxLength: ${maxLength}` : ""].filter(Boolean);
  return `fc.string({ unit: "binary"${limits.map((l) => `, ${l}`).join("")} })`;
}

function numberArbitrary(ctx: ArbitraryContext, schema: JsonObject, pointer: string): string {
  only(ctx, schema, pointer, ["type", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"], `a${schema.type === "integer" ? "n integer" : " number"}`);
  const num = (key: string) => (typeof schema[key] === "number" ? (schema[key] as number) : undefined);
  if (schema.type === "integer") {
    const formatRange: Record<string, [number, number]> = { int32: [-(2 ** 31), 2 ** 31 - 1], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] };
    if (schema.format !== undefined && !(String(schema.format) in formatRange)) fail(ctx, `${pointer}/format`, `the fixtures generator knows no integer format "${String(schema.format)}" (known: int32, int64)`);
    const [formatMin, formatMax] = formatRange[String(schema.format)] ?? [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
    // Integers beyond 2^53 have no exact JavaScript number, so the safe range bounds every value.
    const lows = [formatMin, Number.MIN_SAFE_INTEGER, Math.ceil(num("minimum") ?? -Infinity), Math.floor(num("exclusiveMinimum") ?? -Infinity) + 1];
    const highs = [formatMax, Number.MAX_SAFE_INTEGER, Math.floor(num("maximum") ?? Infinity), Math.ceil(num("exclusiveMaximum") ?? Infinity) - 1];
    const min = Math.max(...lows);
    const max = Math.min(...highs);
    if (min > max) fail(ctx, pointer, "the integer range is empty");
    return `fc.integer({ min: ${min}, max: ${max} })`;
  }
  if (schema.format !== undefined) fail(ctx, `${pointer}/format`, `the fixtures generator knows no number format "${String(schema.format)}"`);
  const parts = ["noNaN: true", "noDefaultInfinity: true"];
  const min = num("exclusiveMinimum") ?? num("minimum");
  const max = num("exclusiveMaximum") ?? num("maximum");
  if (min !== undefined) parts.push(`min: ${min}`, `minExcluded: ${num("exclusiveMinimum") !== undefined}`);
  if (max !== undefined) parts.push(`max: ${max}`, `maxExcluded: ${num("exclusiveMaximum") !== undefined}`);
  return `fc.double({ ${parts.join(", ")} })`;
}

function arrayArbitrary(ctx: ArbitraryContext, schema: JsonObject, pointer: string): string {
  only(ctx, schema, pointer, ["type", "items", "minItems", "maxItems"], "an array");
  const items = isObject(schema.items) ? arbitraryFor(ctx, schema.items, `${pointer}/items`) : "fc.jsonValue()";
  const limits = [typeof schema.minItems === "number" ? `minLength: ${schema.minItems}` : "", typeof schema.maxItems === "number" ? `maxLength: ${schema.maxItems}` : ""].filter(Boolean);
  return limits.length > 0 ? `fc.array(${items}, { ${limits.join(", ")} })` : `fc.array(${items})`;
}

function objectArbitrary(ctx: ArbitraryContext, schema: JsonObject, pointer: string): string {
  only(ctx, schema, pointer, ["type", "properties", "required", "additionalProperties", "allOf"], "an object");
  const properties = isObject(schema.properties) ? schema.properties : {};
  const additional = schema.additionalProperties;
  if (Object.keys(properties).length === 0 && isObject(additional)) {
    if (schema.allOf !== undefined) fail(ctx, `${pointer}/allOf`, "cross-field rules on a map-like object are not supported by the fixtures generator");
    return `fc.dictionary(fc.string({ unit: "binary" }), ${arbitraryFor(ctx, additional, `${pointer}/additionalProperties`)}, { noNullPrototype: true })`;
  }
  if (isObject(additional)) fail(ctx, `${pointer}/additionalProperties`, "the fixtures generator cannot combine declared properties with an additionalProperties schema");
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  if (schema.allOf === undefined) return record(ctx, properties, required, new Map(), pointer);
  return crossFieldVariants(ctx, schema, properties, required, pointer);
}

/** The `name: arbitrary` entries of a record over `properties`; `fixed` replaces a property's arbitrary. */
function recordEntries(ctx: ArbitraryContext, properties: JsonObject, fixed: ReadonlyMap<string, string>, pointer: string): [string, string][] {
  return Object.keys(properties).map((name) => {
    const property = properties[name];
    const at = `${pointer}/properties/${escapePointer(name)}`;
    return [name, fixed.get(name) ?? (isObject(property) ? arbitraryFor(ctx, property, at) : fail(ctx, at, "expected a schema object"))];
  });
}

/** fc.record over the entries (and the properties of `shared`, an object of arbitraries declared once). */
function recordOf(entries: readonly [string, string][], required: ReadonlySet<string>, shared?: { readonly name: string; readonly keys: readonly string[] }): string {
  const keys = [...(shared?.keys ?? []), ...entries.map(([name]) => name)];
  const requiredKeys = keys.filter((k) => required.has(k));
  const options = requiredKeys.length === keys.length ? "{ noNullPrototype: true }" : `{ requiredKeys: [${requiredKeys.map((k) => JSON.stringify(k)).join(", ")}], noNullPrototype: true }`;
  const members = [...(shared ? [`...${shared.name}`] : []), ...entries.map(([name, code]) => `${objectKey(name)}: ${code}`)];
  return `fc.record({ ${members.join(", ")} }, ${options})`;
}

function record(ctx: ArbitraryContext, properties: JsonObject, required: ReadonlySet<string>, fixed: ReadonlyMap<string, string>, pointer: string): string {
  return recordOf(recordEntries(ctx, properties, fixed, pointer), required);
}

const ABSENT = Symbol("absent");
type Value = JsonValue | typeof ABSENT;

interface Conditional {
  readonly pointer: string;
  readonly test: (instance: JsonObject) => boolean;
  readonly then?: JsonObject;
  readonly else?: JsonObject;
}

/** The values a discriminating property can take, when they are finitely many. */
export function finiteValues(ctx: ArbitraryContext, model: Model, schema: JsonObject): JsonValue[] | undefined {
  if (typeof schema.$ref === "string") {
    const target = ctx.set.modelForRef(model.id, schema.$ref);
    return target ? finiteValues(ctx, target, target.schema) : undefined;
  }
  if ("const" in schema) return [schema.const!];
  if (Array.isArray(schema.enum)) return [...schema.enum];
  if (Array.isArray(schema.anyOf)) {
    const all: JsonValue[] = [];
    for (const branch of schema.anyOf) {
      const values = isObject(branch) ? finiteValues(ctx, model, branch) : undefined;
      if (!values) return undefined;
      all.push(...values);
    }
    return all;
  }
  const types = typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type.map(String) : [];
  if (types.length === 0 || !types.every((t) => t === "boolean" || t === "null")) return undefined;
  return types.flatMap((t): JsonValue[] => (t === "boolean" ? [true, false] : [null]));
}

function conditionals(ctx: ArbitraryContext, schema: JsonObject, pointer: string): Conditional[] {
  const ajv = createAjv({ strict: false, allErrors: false });
  const list = Array.isArray(schema.allOf) ? schema.allOf : fail(ctx, `${pointer}/allOf`, "expected an array");
  return list.map((branch, i) => {
    const at = `${pointer}/allOf/${i}`;
    if (!isObject(branch) || !isObject(branch.if)) return fail(ctx, at, "the fixtures generator supports `allOf` only as a list of if/then/else cross-field rules");
    only(ctx, branch, at, ["if", "then", "else"], "a cross-field rule");
    only(ctx, branch.if, `${at}/if`, ["properties", "required"], "the `if` of a cross-field rule");
    const validate = ajv.compile(branch.if);
    return {
      pointer: at,
      test: (instance) => validate(instance) === true,
      ...(isObject(branch.then) ? { then: branch.then } : {}),
      ...(isObject(branch.else) ? { else: branch.else } : {}),
    };
  });
}

/** The properties the `if`s of an object's cross-field rules look at. */
export function conditionProperties(schema: JsonObject): string[] {
  const names = new Set<string>();
  for (const branch of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const test = isObject(branch) && isObject(branch.if) ? branch.if : {};
    for (const name of Object.keys(isObject(test.properties) ? test.properties : {})) names.add(name);
    for (const name of Array.isArray(test.required) ? test.required : []) names.add(String(name));
  }
  return [...names];
}

/** The properties the `if`s look at, each with every value it can take (ABSENT when optional). */
function discriminants(ctx: ArbitraryContext, schema: JsonObject, properties: JsonObject, required: ReadonlySet<string>, pointer: string): Map<string, Value[]> {
  const names = conditionProperties(schema);
  const domains = new Map<string, Value[]>();
  for (const name of names) {
    const property = properties[name];
    const values = isObject(property) ? finiteValues(ctx, ctx.model, property) : undefined;
    if (!values) fail(ctx, `${pointer}/properties/${escapePointer(name)}`, `a cross-field rule depends on "${name}", whose values are not a finite set (enum, const, boolean or null): the fixtures generator cannot enumerate its cases`);
    domains.set(name, required.has(name) ? values : [...values, ABSENT]);
  }
  return domains;
}

function combinations(domains: Map<string, Value[]>): Map<string, Value>[] {
  let combos: Map<string, Value>[] = [new Map()];
  for (const [name, values] of domains) combos = combos.flatMap((c) => values.map((v) => new Map([...c, [name, v]])));
  return combos;
}

/** `base` narrowed so it also satisfies `constraint` (a then/else property schema). */
export function narrow(ctx: ArbitraryContext, base: JsonObject, constraint: JsonObject, pointer: string): JsonObject {
  let out: JsonObject = Object.fromEntries(Object.entries(base).filter(([k]) => !ANNOTATIONS.has(k)));
  for (const key of keywords(constraint)) {
    const value = constraint[key]!;
    if (key === "type") {
      out = narrowType(ctx, out, typeof value === "string" ? [value] : (value as JsonValue[]).map(String), `${pointer}/type`);
    } else if (key === "const" || key === "enum") {
      const values = key === "const" ? [value] : (value as JsonValue[]);
      out = { enum: values };
    } else if (["pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "format"].includes(key)) {
      if (out.$ref !== undefined || out.anyOf !== undefined) fail(ctx, `${pointer}/${key}`, `the fixtures generator cannot add "${key}" to a $ref or anyOf property`);
      if (key in out && json(out[key]!) !== json(value)) fail(ctx, `${pointer}/${key}`, `"${key}" conflicts with the property's own "${key}"`);
      out = { ...out, [key]: value };
    } else {
      fail(ctx, `${pointer}/${escapePointer(key)}`, `the fixtures generator cannot apply "${key}" in a cross-field rule (supported: type, const, enum, pattern, lengths, ranges, format)`);
    }
  }
  return out;
}

function narrowType(ctx: ArbitraryContext, base: JsonObject, types: readonly string[], pointer: string): JsonObject {
  const accepts = (t: string) => types.includes(t) || (t === "integer" && types.includes("number")) || (t === "number" && types.includes("integer"));
  if (typeof base.$ref === "string" || Array.isArray(base.anyOf)) {
    if (typeof base.$ref === "string") {
      if (![...admittedTypes(ctx.set, ctx.model, base)].some(accepts)) fail(ctx, pointer, `no value of the referenced model has type ${types.join(" or ")}`);
      return base;
    }
    const kept = (base.anyOf as JsonValue[]).filter((b): b is JsonObject => isObject(b) && [...admittedTypes(ctx.set, ctx.model, b)].some(accepts)).map((b) => narrowType(ctx, b, types, pointer));
    if (kept.length === 0) fail(ctx, pointer, `no branch of the property's anyOf has type ${types.join(" or ")}`);
    return kept.length === 1 ? kept[0]! : { ...base, anyOf: kept };
  }
  const own = typeof base.type === "string" ? [base.type] : Array.isArray(base.type) ? base.type.map(String) : undefined;
  // "integer" is a subset of "number": their intersection is "integer".
  const meet = (t: string): string[] => (types.includes(t) ? [t] : (t === "integer" && types.includes("number")) || (t === "number" && types.includes("integer")) ? ["integer"] : []);
  const narrowed = own ? own.flatMap(meet) : [...types];
  if (narrowed.length === 0) fail(ctx, pointer, `the property's type ${json(base.type!)} has nothing in common with ${types.join(" or ")}`);
  const out: JsonObject = { ...base, type: narrowed.length === 1 ? narrowed[0]! : narrowed };
  const typeOf = (v: JsonValue) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "number" && Number.isInteger(v) ? "integer" : typeof v);
  if (Array.isArray(base.enum)) out.enum = base.enum.filter((v) => narrowed.includes(typeOf(v)) || (typeOf(v) === "integer" && narrowed.includes("number")));
  return out;
}

/** An object with cross-field rules: every combination of the values its conditions look at is
 *  evaluated at codegen time (with Ajv, on the `if` schemas), and each outcome becomes one record
 *  whose other properties are narrowed by the `then`/`else` that applies. */
function crossFieldVariants(ctx: ArbitraryContext, schema: JsonObject, properties: JsonObject, required: ReadonlySet<string>, pointer: string): string {
  const rules = conditionals(ctx, schema, pointer);
  const domains = discriminants(ctx, schema, properties, required, pointer);
  const combos = combinations(domains);
  if (combos.length > 256) fail(ctx, `${pointer}/allOf`, `the cross-field rules depend on ${combos.length} combinations of values; the fixtures generator handles at most 256`);

  const variants = new Map<string, { combos: Map<string, Value>[]; properties: JsonObject; required: Set<string> }>();
  for (const combo of combos) {
    const instance: JsonObject = {};
    for (const [name, value] of combo) if (value !== ABSENT) instance[name] = value;
    const narrowed: JsonObject = { ...properties };
    const req = new Set(required);
    for (const rule of rules) {
      const branch = rule.test(instance) ? rule.then : rule.else;
      if (!branch) continue;
      const branchPointer = `${rule.pointer}/${rule.test(instance) ? "then" : "else"}`;
      only(ctx, branch, branchPointer, ["properties", "required"], "the then/else of a cross-field rule");
      for (const [name, constraint] of Object.entries(isObject(branch.properties) ? branch.properties : {})) {
        const base = narrowed[name];
        if (!isObject(base) || !isObject(constraint)) fail(ctx, `${branchPointer}/properties/${escapePointer(name)}`, `"${name}" is not a declared property of the object`);
        if (domains.has(name)) fail(ctx, `${branchPointer}/properties/${escapePointer(name)}`, `"${name}" is both a condition and a consequence of the cross-field rules`);
        narrowed[name] = narrow(ctx, base, constraint, `${branchPointer}/properties/${escapePointer(name)}`);
      }
      for (const name of Array.isArray(branch.required) ? branch.required : []) req.add(String(name));
    }
    // Combinations with the same consequences share one record: one variant per distinct outcome.
    // (With several deciding properties, grouping could pair values never evaluated together.)
    const key = domains.size > 1 ? json([...combo].map(([n, v]) => [n, v === ABSENT ? "\0absent" : v])) : json([narrowed, [...req].sort()]);
    const variant = variants.get(key) ?? { combos: [], properties: narrowed, required: req };
    variant.combos.push(combo);
    variants.set(key, variant);
  }

  const shapes = [...variants.values()].map((variant) => {
    const fixed = new Map<string, string>();
    const present = new Set(variant.required);
    const props: JsonObject = { ...variant.properties };
    for (const name of domains.keys()) {
      const values = [...new Set(variant.combos.map((c) => json(c.get(name) === ABSENT ? "\0absent" : (c.get(name) as JsonValue))))].filter((v) => v !== json("\0absent"));
      const absent = variant.combos.some((c) => c.get(name) === ABSENT);
      if (values.length === 0) delete props[name];
      else fixed.set(name, values.length === 1 ? `fc.constant(${values[0]})` : `fc.constantFrom(${values.join(", ")})`);
      // A value that decides the outcome must be there; absence is only allowed when it is one of the cases.
      if (values.length > 0 && !absent) present.add(name);
    }
    return { entries: recordEntries(ctx, props, fixed, pointer), present };
  });
  // What every variant generates alike is declared once and spread into each record.
  const sharedKeys = shapes.length < 2 || !ctx.declare ? [] : shapes[0]!.entries
    .filter(([name, code]) => shapes.every((s) => s.entries.some(([n, c]) => n === name && c === code) && s.present.has(name) === shapes[0]!.present.has(name)))
    .map(([name]) => name);
  const shared = sharedKeys.length > 0 ? { name: ctx.declare!(`{ ${shapes[0]!.entries.filter(([n]) => sharedKeys.includes(n)).map(([n, c]) => `${objectKey(n)}: ${c}`).join(", ")} }`), keys: sharedKeys } : undefined;
  const records = shapes.map((shape) => recordOf(shape.entries.filter(([name]) => !sharedKeys.includes(name)), shape.present, shared));
  return records.length === 1 ? records[0]! : `fc.oneof(${records.join(", ")})`;
}
