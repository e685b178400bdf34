// Invalid payloads derived from the schemas, for checking the benchmark's competitors: walk a valid
// payload together with the schema nodes that apply at each value, and break one rule of one node
// (a type, an enum, a pattern, a format, a length, a range, a required key, a closed object). Each
// mutation names the kind of rule it breaks, so a competitor is held only to the rules it claims.
import { schemas } from "@org/payment-schemas";
import type { RuleKind } from "../src/competitors/index.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { readonly [key: string]: unknown };
type Path = readonly (string | number)[];

export interface Mutation {
  readonly kind: RuleKind;
  /** What was broken, e.g. `/sepa/mandate_reference: pattern`. */
  readonly label: string;
  readonly payload: unknown;
}

const byId = new Map<string, Schema>(Object.values(schemas as Record<string, Schema>).map((schema) => [String(schema.$id), schema]));

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The nodes that apply to a value at `node`: $refs followed, anyOf/oneOf/allOf branches included. */
function applicable(node: Schema, base: string, out: { node: Schema; base: string }[] = []): { node: Schema; base: string }[] {
  out.push({ node, base });
  if (typeof node.$ref === "string") {
    const id = new URL(node.$ref, base).href;
    const target = byId.get(id);
    if (!target) throw new Error(`schema-mutations: cannot resolve $ref ${node.$ref} from ${base}`);
    applicable(target, id, out);
  }
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    const branches = node[key];
    if (Array.isArray(branches)) for (const branch of branches) if (isPlainObject(branch)) applicable(branch, base, out);
  }
  return out;
}

/** Every (path, node) pair of a payload: the schema nodes that apply at each value in it. */
function sites(value: unknown, node: Schema, base: string, path: Path, out: { path: Path; node: Schema }[]): void {
  for (const { node: n, base: b } of applicable(node, base)) {
    out.push({ path, node: n });
    if (isPlainObject(value)) {
      const properties = isPlainObject(n.properties) ? n.properties : {};
      for (const key of Object.keys(value)) {
        const child = Object.hasOwn(properties, key) ? properties[key] : n.additionalProperties;
        if (isPlainObject(child)) sites(value[key], child, b, [...path, key], out);
      }
    }
    if (Array.isArray(value) && isPlainObject(n.items)) value.forEach((item, i) => sites(item, n.items as Schema, b, [...path, i], out));
  }
}

const SAMPLES: Record<string, Json> = { string: "text", number: 1.5, integer: 7, boolean: true, null: null, object: {}, array: [] };

/** A value of a JSON type `types` does not admit (1.5 where only integers are). */
function wrongType(types: readonly string[]): Json {
  const admitted = new Set(types);
  if (admitted.has("number")) admitted.add("integer");
  const other = Object.keys(SAMPLES).find((type) => !admitted.has(type) && !(type === "integer" && admitted.has("number")))!;
  return SAMPLES[other]!;
}

const BAD_FORMATS: Record<string, string> = { date: "2026-02-30", "date-time": "2026-02-30T10:00:00Z", uuid: "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5" };
const NON_MATCHING = ["", "!", "a", "0", "A".repeat(40), "ZZ 99"];

/** The rule-breaking replacements one node allows, as [kind, keyword, replacement]. */
function breaks(node: Schema, value: unknown): [RuleKind, string, (value: unknown) => unknown][] {
  const out: [RuleKind, string, (value: unknown) => unknown][] = [];
  if (node.type !== undefined) out.push(["type", "type", () => wrongType([node.type].flat() as string[])]);
  if (Array.isArray(node.enum)) {
    const outside = ["not-a-member", "NOT_A_MEMBER"].find((candidate) => !(node.enum as unknown[]).includes(candidate))!;
    out.push([node["x-provider-extensible"] === true ? "extensible-enum" : "enum", "enum", () => outside]);
  }
  if (typeof node.pattern === "string" && typeof value === "string") {
    const pattern = new RegExp(node.pattern, "u");
    const miss = NON_MATCHING.find((candidate) => !pattern.test(candidate));
    if (miss !== undefined) out.push(["pattern", "pattern", () => miss]);
  }
  if (typeof node.format === "string" && BAD_FORMATS[node.format] !== undefined && typeof value === "string") out.push(["format", "format", () => BAD_FORMATS[node.format as string]]);
  if (typeof node.maxLength === "number" && typeof value === "string") out.push(["length", "maxLength", () => "A".repeat((node.maxLength as number) + 1)]);
  if (typeof node.minLength === "number" && node.minLength > 0 && typeof value === "string") out.push(["length", "minLength", () => "A".repeat((node.minLength as number) - 1)]);
  if (typeof value === "number") {
    if (typeof node.minimum === "number") out.push(["range", "minimum", () => (node.minimum as number) * 2 - 1]);
    if (typeof node.exclusiveMaximum === "number") out.push(["range", "exclusiveMaximum", () => node.exclusiveMaximum]);
    if (typeof node.maximum === "number") out.push(["range", "maximum", () => (node.maximum as number) * 2 + 1]);
  }
  if (isPlainObject(value)) {
    if (Array.isArray(node.required)) {
      for (const key of node.required as string[]) {
        if (Object.hasOwn(value, key)) out.push(["required", `required ${key}`, (v) => without(v as Record<string, unknown>, key)]);
      }
    }
    if (node.additionalProperties === false) out.push(["closed-object", "additionalProperties", (v) => ({ ...(v as object), unexpected_key: 1 })]);
  }
  return out;
}

function without(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

/** `root` with the value at `path` replaced (a copy; keys such as "__proto__" stay plain keys). */
function replaced(root: unknown, path: Path, replace: (value: unknown) => unknown): unknown {
  if (path.length === 0) return replace(root);
  const [head, ...rest] = path;
  if (Array.isArray(root)) return root.map((item, i) => (i === head ? replaced(item, rest, replace) : item));
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(root as Record<string, unknown>)) {
    Object.defineProperty(copy, key, { value: key === head ? replaced(value, rest, replace) : value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((value, token) => (value as Record<string | number, unknown>)[token], root);
}

/** Every single-rule mutation of a valid payload of `model` the schema suggests. */
export function mutations(model: string, payload: unknown): Mutation[] {
  const schema = (schemas as Record<string, Schema>)[model];
  if (!schema) throw new Error(`schema-mutations: no schema named ${model}`);
  const found: { path: Path; node: Schema }[] = [];
  sites(payload, schema, String(schema.$id), [], found);
  return found.flatMap(({ path, node }) =>
    breaks(node, valueAt(payload, path)).map(([kind, keyword, replace]) => ({
      kind,
      label: `/${path.join("/")}: ${keyword}`,
      payload: replaced(payload, path, replace),
    })),
  );
}
