// Single mutations of a valid payload, derived from the published JSON Schemas alone: for each
// position the schema governs, every JSON type it forbids, a value outside its enum/const, pattern,
// format, length or range, each required key removed, an unknown key where the schema closes the
// object, and each cross-field rule (if/then/else) broken, both by changing the dependent field and
// by flipping the condition. Each mutation says where a validator must report it.
import { schemas } from "@org/payment-schemas";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule, { type FormatsPlugin } from "ajv-formats";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { readonly [key: string]: any };
type Path = readonly (string | number)[];

export type MutationKind = "type" | "enum" | "const" | "pattern" | "format" | "minLength" | "maxLength" | "minimum" | "maximum" | "required" | "additionalProperties" | "cross-field";

export interface Mutation {
  readonly kind: MutationKind;
  /** What was changed, for failure messages. */
  readonly description: string;
  /** JSON Pointer at which a validator must report the mutation. */
  readonly pointer: string;
  /** Keywords an issue at `pointer` may carry. */
  readonly keywords: readonly string[];
  /** Tolerant mode rejects it like strict mode, accepts it (an unknown key), or accepts it with a
   *  warning at `pointer` (an unknown value of a provider-extensible enum). */
  readonly tolerant: "reject" | "accept" | "warn";
  /** The mutated payload: a fresh copy, the original is untouched. */
  readonly payload: Json;
  /** For a "type" mutation: the JSON type put in, and the ones the schema admits there. */
  readonly types?: { readonly put: JsonType; readonly admitted: readonly JsonType[] | undefined };
}

const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;
// Evaluates parts of schemas (an `if`, a branch, a property's own schema) to build mutations; the
// validators under test are the generated ones, never this instance.
const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats(ajv);
const byId = new Map<string, Schema>();
for (const schema of Object.values(schemas) as Schema[]) {
  ajv.addSchema(schema);
  byId.set(schema.$id, schema);
}
const compiled = new Map<Schema, ValidateFunction>();
let counter = 0;
/** Does `value` satisfy `schema` (a subschema located in the document whose $id is `base`)? */
function satisfies(schema: Schema, base: string, value: unknown): boolean {
  let check = compiled.get(schema);
  if (!check) {
    check = ajv.compile({ ...schema, $id: `${base.split("?")[0]}?part=${counter++}` });
    compiled.set(schema, check);
  }
  return check(value);
}

const JSON_TYPES = ["string", "number", "integer", "boolean", "null", "object", "array"] as const;
export type JsonType = (typeof JSON_TYPES)[number];
const SAMPLE: Record<JsonType, Json> = { string: "mutated", number: 1.5, integer: 7, boolean: true, null: null, object: {}, array: [] };
const ANNOTATIONS = new Set(["title", "description", "examples", "$comment", "deprecated", "default", "x-legacy", "x-provider-extensible", "x-enum-descriptions"]);

function jsonType(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as JsonType;
}

function pointerOf(path: Path): string {
  return path.map((t) => `/${String(t).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** Follows $refs to the schema that says something; `base` is the $id its relative refs resolve against. */
function resolve(schema: Schema, base: string): { schema: Schema; base: string } {
  let current = { schema, base };
  while (typeof current.schema.$ref === "string") {
    const id = new URL(current.schema.$ref, current.base).href;
    const target = byId.get(id);
    if (!target) throw new Error(`unresolvable $ref ${current.schema.$ref} from ${current.base}`);
    current = { schema: target, base: id };
  }
  return current;
}

/** The JSON types a schema admits, or undefined when it does not restrict them. */
function admittedTypes(schema: Schema, base: string): Set<JsonType> | undefined {
  const r = resolve(schema, base);
  const s = r.schema;
  if (s.type !== undefined) return new Set<JsonType>(Array.isArray(s.type) ? s.type : [s.type]);
  if (Array.isArray(s.anyOf)) {
    const union = new Set<JsonType>();
    for (const branch of s.anyOf as Schema[]) {
      const types = admittedTypes(branch, r.base);
      if (!types) return undefined;
      for (const t of types) union.add(t);
    }
    return union;
  }
  if (Array.isArray(s.enum)) return new Set(s.enum.map(jsonType));
  if ("const" in s) return new Set([jsonType(s.const)]);
  return undefined;
}

function admits(types: Set<JsonType> | undefined, type: JsonType): boolean {
  return types === undefined || types.has(type) || (type === "integer" && types.has("number"));
}

function withValueAt(root: Json, path: Path, value: Json | undefined): Json {
  if (path.length === 0) return structuredClone(value as Json);
  const copy = structuredClone(root);
  let parent: any = copy;
  for (const token of path.slice(0, -1)) parent = parent[token];
  const last = path[path.length - 1]!;
  if (value === undefined) delete parent[last];
  else parent[last] = structuredClone(value);
  return copy;
}

function valueAt(root: Json, path: Path): Json | undefined {
  let current: any = root;
  for (const token of path) current = current?.[token];
  return current;
}

/** Values that might satisfy `schema`: generic samples, its enum/const values and examples. */
function candidates(schema: Schema, base: string, extra: readonly Json[]): Json[] {
  const r = resolve(schema, base);
  const out: Json[] = [...Object.values(SAMPLE), "", ...extra];
  if (Array.isArray(r.schema.enum)) out.push(...r.schema.enum);
  if ("const" in r.schema) out.push(r.schema.const);
  if (Array.isArray(r.schema.examples)) out.push(...r.schema.examples);
  for (const branch of (r.schema.anyOf ?? []) as Schema[]) out.push(...candidates(branch, r.base, []));
  return out;
}

function validationKeywords(schema: Schema): string[] {
  return Object.keys(schema).filter((k) => !ANNOTATIONS.has(k));
}

export interface MutationOptions {
  /** Valid values of other models (by $id), offered when a cross-field rule needs a replacement value. */
  readonly samplesFor?: (id: string) => readonly Json[];
}

/** Every single mutation of `payload`, a valid value of the model `model` (a schema name). */
export function mutationsOf(model: string, payload: Json, options: MutationOptions = {}): Mutation[] {
  const schema = (schemas as Record<string, Schema>)[model];
  if (!schema) throw new Error(`no schema named ${model}`);
  const out: Mutation[] = [];
  const add = (kind: MutationKind, path: Path, value: Json | undefined, description: string, keywords: readonly string[], tolerant: Mutation["tolerant"] = "reject", pointer = pointerOf(path), types?: Mutation["types"]) =>
    out.push({ kind, description: `${pointerOf(path) || "(root)"}: ${description}`, pointer, keywords, tolerant, payload: withValueAt(payload, path, value), ...(types ? { types } : {}) });
  const samplesOf = (s: Schema, base: string): Json[] => {
    const ids = [s, ...((s.anyOf ?? []) as Schema[])].filter((x) => typeof x.$ref === "string").map((x) => new URL(x.$ref, base).href);
    return ids.flatMap((id) => options.samplesFor?.(id) ?? []);
  };

  /** Mutations at `path` (governed by `schema`), then inside the value there. */
  const position = (schema: Schema, base: string, path: Path): void => {
    const value = valueAt(payload, path)!;
    const types = admittedTypes(schema, base);
    for (const type of JSON_TYPES) {
      if (!admits(types, type)) add("type", path, SAMPLE[type], `${type} instead of ${[...(types ?? [])].join(" or ")}`, ["type"], "reject", pointerOf(path), { put: type, admitted: types && [...types] });
    }
    constraints(schema, base, path, value);
  };

  /** Mutations of what `schema` says beyond the type, for the value at `path`. */
  const constraints = (schema: Schema, base: string, path: Path, value: Json): void => {
    const r = resolve(schema, base);
    const s = r.schema;
    if (Array.isArray(s.anyOf)) {
      // Descend into the branch the value takes (a nullable model: the object branch).
      const branch = (s.anyOf as Schema[]).find((b) => satisfies(b, r.base, value));
      if (branch) constraints(branch, r.base, path, value);
    }
    for (const sub of (s.allOf ?? []) as Schema[]) {
      if ("if" in sub) crossField(sub, s, r.base, path, value);
      else constraints(sub, r.base, path, value);
    }
    if (Array.isArray(s.enum)) {
      const outside = "not_an_allowed_value";
      add("enum", path, outside, `"${outside}", outside the enum`, ["enum"], s["x-provider-extensible"] === true ? "warn" : "reject");
    }
    if ("const" in s) add("const", path, "not_the_constant", "a value other than the const", ["const"]);
    if (typeof value === "string") strings(s, path, value);
    if (typeof value === "number") numbers(s, path);
    if (jsonType(value) === "object") objects(s, r.base, path, value as { [key: string]: Json });
    if (Array.isArray(value) && s.items) value.forEach((_, i) => position(s.items, r.base, [...path, i]));
  };

  const strings = (s: Schema, path: Path, value: string): void => {
    if (typeof s.pattern === "string") {
      const regex = new RegExp(s.pattern, "u");
      const miss = ["", "!", "mutated value", `${value}!`, `!${value}`].find((c) => !regex.test(c));
      if (miss !== undefined) add("pattern", path, miss, `${JSON.stringify(miss)}, not matching ${s.pattern}`, ["pattern", "minLength", "maxLength"]);
    }
    if (typeof s.format === "string") add("format", path, "%not-a-valid-value%", `not a ${s.format}`, ["format"]);
    if (typeof s.minLength === "number" && s.minLength > 0) add("minLength", path, "x".repeat(s.minLength - 1), `shorter than ${s.minLength}`, ["minLength", "pattern"]);
    if (typeof s.maxLength === "number") add("maxLength", path, "x".repeat(s.maxLength + 1), `longer than ${s.maxLength}`, ["maxLength", "pattern"]);
  };

  const numbers = (s: Schema, path: Path): void => {
    // Far enough outside that the float is distinct from the limit even beyond 2^53.
    if (typeof s.minimum === "number") add("minimum", path, s.minimum - Math.max(1, Math.abs(s.minimum)), `below the minimum ${s.minimum}`, ["minimum", "format"]);
    if (typeof s.maximum === "number") add("maximum", path, s.maximum + Math.max(1, Math.abs(s.maximum)), `above the maximum ${s.maximum}`, ["maximum", "format"]);
  };

  const objects = (s: Schema, base: string, path: Path, value: { [key: string]: Json }): void => {
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    for (const key of Object.keys(value)) {
      if (Object.hasOwn(properties, key)) position(properties[key]!, base, [...path, key]);
      else if (typeof s.additionalProperties === "object") position(s.additionalProperties, base, [...path, key]);
    }
    for (const key of (s.required ?? []) as string[]) {
      if (Object.hasOwn(value, key)) add("required", [...path, key], undefined, `required key "${key}" removed`, ["required"]);
    }
    const unknown = "unexpected_property";
    if (s.additionalProperties === false && !Object.hasOwn(value, unknown)) {
      add("additionalProperties", [...path, unknown], "surprise", `unknown key "${unknown}" added`, ["additionalProperties"], "accept");
    }
  };

  /** An if/then/else rule over the object at `path`: break the branch that applies, by changing a
   *  field it constrains, or by flipping the condition so that the other branch applies. */
  const crossField = (rule: Schema, owner: Schema, base: string, path: Path, value: Json): void => {
    const object = value as { [key: string]: Json };
    const propertySchema = (key: string): Schema => owner.properties?.[key] ?? {};
    const holds = satisfies(rule.if, base, value);
    const branch: Schema | undefined = holds ? rule.then : rule.else;
    const branchName = holds ? "then" : "else";
    for (const [key, constraint] of Object.entries((branch?.properties ?? {}) as Record<string, Schema>)) {
      if (!Object.hasOwn(object, key)) continue;
      const own = propertySchema(key);
      const breaking = candidates(own, base, samplesOf(own, base)).find((c) => satisfies(own, base, c) && !satisfies(constraint, base, c));
      if (breaking !== undefined) {
        add("cross-field", [...path, key], breaking, `${JSON.stringify(breaking)} breaks the "${branchName}" of the rule ${JSON.stringify(rule.if)}`, validationKeywords(constraint));
      }
    }
    for (const key of Object.keys((rule.if.properties ?? {}) as Record<string, Schema>)) {
      if (!Object.hasOwn(object, key)) continue;
      const own = propertySchema(key);
      for (const flip of candidates(own, base, [])) {
        if (!satisfies(own, base, flip)) continue;
        const flipped = { ...object, [key]: flip };
        if (satisfies(rule.if, base, flipped) === holds) continue;
        const other: Schema | undefined = holds ? rule.else : rule.then;
        const broken = Object.entries((other?.properties ?? {}) as Record<string, Schema>).find(([k, c]) => Object.hasOwn(object, k) && !satisfies(c, base, object[k]));
        if (!broken) continue;
        const [brokenKey, constraint] = broken;
        add(
          "cross-field",
          [...path, key],
          flip,
          `${JSON.stringify(flip)} makes the "${holds ? "else" : "then"}" of the rule ${JSON.stringify(rule.if)} apply, which ${brokenKey} breaks`,
          validationKeywords(constraint),
          "reject",
          pointerOf([...path, brokenKey]),
        );
        break;
      }
    }
  };

  position({ $ref: schema.$id }, schema.$id, []);
  return out;
}

/** Every mutation kind the schema of `model` (and the models it references) gives rise to. */
export function mutationKindsOf(model: string): Set<MutationKind> {
  const kinds = new Set<MutationKind>(["type"]);
  const seen = new Set<Schema>();
  const visit = (node: unknown, base: string): void => {
    if (typeof node !== "object" || node === null || seen.has(node as Schema)) return;
    seen.add(node as Schema);
    const s = node as Schema;
    if (typeof s.$ref === "string") {
      const r = resolve(s, base);
      visit(r.schema, r.base);
    }
    if (Array.isArray(s.enum)) kinds.add("enum");
    if ("const" in s) kinds.add("const");
    if (typeof s.pattern === "string") kinds.add("pattern");
    if (typeof s.format === "string" && (s.type === "string" || (Array.isArray(s.type) && s.type.includes("string")))) kinds.add("format");
    if (typeof s.minLength === "number" && s.minLength > 0) kinds.add("minLength");
    if (typeof s.maxLength === "number") kinds.add("maxLength");
    if (typeof s.minimum === "number") kinds.add("minimum");
    if (typeof s.maximum === "number") kinds.add("maximum");
    if (Array.isArray(s.required) && s.required.length > 0) kinds.add("required");
    if (s.additionalProperties === false) kinds.add("additionalProperties");
    if ("if" in s) kinds.add("cross-field");
    for (const [key, child] of Object.entries(s)) {
      if (key === "if" || key === "const" || key === "enum" || key === "examples") continue;
      if (key === "properties" || key === "patternProperties") for (const sub of Object.values(child as object)) visit(sub, base);
      else if (Array.isArray(child)) for (const sub of child) visit(sub, base);
      else visit(child, base);
    }
  };
  const schema = (schemas as Record<string, Schema>)[model]!;
  visit(schema, schema.$id);
  return kinds;
}
