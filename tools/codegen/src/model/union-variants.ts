// Discriminated unions from a model's cross-field rules: when every `if`/`then`/`else` rule in its
// `allOf` is keyed on `const`/`enum` values of one required property (the discriminator), the
// model's type becomes one variant per discriminator value, each with the consequence of every rule
// (its `then` when the value matches the `if`, its `else` otherwise) applied to the fields. Values
// get one variant each, not one per group of values with equal consequences, so that a schema edit
// adding a value adds a variant instead of renaming an existing one. Whatever the generator cannot
// express this way leaves the model's type flat, with a note naming the rule. The types, adapters,
// fixtures and docs emitters all read the same answer from here.
import { SchemaError, SchemaSetError } from "../errors.js";
import { LEGACY, PROVIDER_EXTENSIBLE } from "./keywords.js";
import type { Model, SchemaSet } from "./schema-set.js";
import { type JsonObject, type JsonValue, escapePointer, isObject } from "./schema-walk.js";
import { finiteValues, narrow } from "../emit/fixtures/arbitrary-code.js";
import { tolerantName, unionNames } from "../names.js";

/** Rule id of the notes codegen prints about rules it leaves out of the types. */
export const UNION_NOTE_RULE = "union";

export interface UnionVariant {
  /** Type name, e.g. `PaymentSessionResultCompleted`. */
  readonly name: string;
  /** The discriminator value this variant stands for (undefined: an unrecognized value). */
  readonly value: JsonValue | undefined;
  /** The fields the rules narrow, with their narrowed schemas (annotations kept), in property order. */
  readonly properties: JsonObject;
  /** Properties a rule's consequence makes required (beyond the model's own `required`). */
  readonly required: readonly string[];
  /** Descriptions of the rules whose consequence applies (a `then` or an `else` that says something). */
  readonly rules: readonly string[];
}

export interface DiscriminatedUnion {
  readonly discriminator: string;
  /** One variant per discriminator value, in the order the schema lists the values. */
  readonly variants: readonly UnionVariant[];
  /** Name of the interface holding every field as the schema declares it; the variants extend it. */
  readonly fieldsName: string;
  /** Name of the map from discriminator value to variant, when every value is a string. */
  readonly byValueName?: string;
  /** The discriminator's enum is x-provider-extensible: tolerant mode also gets this variant, for an
   *  unrecognized value, with every rule's `else` consequence. */
  readonly unrecognized?: UnionVariant;
}

export interface UnionAnalysis {
  readonly union?: DiscriminatedUnion;
  /** Why a model with cross-field rules keeps its flat type. */
  readonly note?: SchemaError;
}

const RULE_KEYS = new Set(["if", "then", "else", "description", "$comment"]);
const CONSEQUENCE_KEYS = new Set(["properties", "required", "description", "$comment"]);
const ANNOTATION_KEYS = ["description", "deprecated", "$comment", LEGACY];

class Inexpressible extends Error {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(message);
  }
}

function isRule(node: JsonValue): node is JsonObject {
  return isObject(node) && "if" in node;
}

const cache = new WeakMap<Model, UnionAnalysis>();

/** The model's discriminated union, or why it has none (undefined note: no cross-field rules at all). */
export function discriminatedUnion(set: SchemaSet, model: Model): UnionAnalysis {
  let analysis = cache.get(model);
  if (!analysis) {
    try {
      const union = analyse(set, model);
      analysis = union ? { union } : {};
    } catch (error) {
      if (!(error instanceof Inexpressible)) throw error;
      analysis = { note: new SchemaError(model.file, error.pointer, UNION_NOTE_RULE, `${model.name} stays one interface: ${error.message}`) };
    }
    cache.set(model, analysis);
  }
  return analysis;
}

/** Every note about a rule left out of the types, for codegen to print. */
export function unionNotes(set: SchemaSet): SchemaError[] {
  return [...set.models.values()].flatMap((model) => discriminatedUnion(set, model).note ?? []);
}

function analyse(set: SchemaSet, model: Model): DiscriminatedUnion | undefined {
  const schema = model.schema;
  const allOf = Array.isArray(schema.allOf) ? schema.allOf : [];
  const rules = allOf.map((node, index) => ({ node, index })).filter((r): r is { node: JsonObject; index: number } => isRule(r.node));
  if (model.kind !== "object" || rules.length === 0) return undefined;
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);

  let discriminator: string | undefined;
  const tests = rules.map(({ node, index }) => {
    const at = `/allOf/${index}`;
    const extra = Object.keys(node).find((k) => !RULE_KEYS.has(k));
    if (extra) throw new Inexpressible(`${at}/${escapePointer(extra)}`, `the rule has "${extra}" besides if/then/else`);
    const test = node.if;
    if (!isObject(test)) throw new Inexpressible(`${at}/if`, "the rule's `if` is not a schema object");
    const testExtra = Object.keys(test).find((k) => k !== "properties" && k !== "required");
    const tested = isObject(test.properties) ? Object.keys(test.properties) : [];
    if (testExtra || tested.length !== 1) throw new Inexpressible(`${at}/if`, "the rule's `if` does not test exactly one property with `const` or `enum`");
    const name = tested[0]!;
    const condition = (test.properties as JsonObject)[name]!;
    if (!isObject(condition) || Object.keys(condition).some((k) => !["const", "enum", "description", "$comment"].includes(k)) || "const" in condition === Array.isArray(condition.enum)) {
      throw new Inexpressible(`${at}/if/properties/${escapePointer(name)}`, `the rule's \`if\` tests "${name}" with something other than one \`const\` or \`enum\``);
    }
    if (Array.isArray(test.required) && test.required.some((r) => r !== name)) throw new Inexpressible(`${at}/if/required`, `the rule's \`if\` requires properties other than "${name}"`);
    if (discriminator !== undefined && name !== discriminator) throw new Inexpressible(`${at}/if`, `the rules test different properties ("${discriminator}" and "${name}")`);
    discriminator = name;
    const values = "const" in condition ? [condition.const!] : (condition.enum as JsonValue[]);
    return { index, node, matches: (v: JsonValue) => values.some((w) => JSON.stringify(w) === JSON.stringify(v)) };
  });
  const d = discriminator!;
  const dSchema = properties[d];
  if (!isObject(dSchema)) throw new Inexpressible(`/properties`, `the rules test "${d}", which is not a declared property`);
  if (!required.has(d)) throw new Inexpressible(`/required`, `the rules test "${d}", which may be absent`);
  const ctx = { set, model, reference: (m: Model) => m.name };
  const values = finiteValues(ctx, model, dSchema);
  if (!values || values.some((v) => isObject(v) || Array.isArray(v))) throw new Inexpressible(`/properties/${escapePointer(d)}`, `the rules test "${d}", whose values are not a finite set of literals`);

  const variantFor = (name: string, value: JsonValue | undefined): UnionVariant => {
    const narrowed: JsonObject = {};
    const made = new Set<string>();
    const applied: string[] = [];
    for (const { index, node, matches } of tests) {
      const branchKey = value !== undefined && matches(value) ? "then" : "else";
      const branch = node[branchKey];
      if (branch === undefined) continue;
      const at = `/allOf/${index}/${branchKey}`;
      if (!isObject(branch)) throw new Inexpressible(at, `the rule's \`${branchKey}\` is not a schema object`);
      const extra = Object.keys(branch).find((k) => !CONSEQUENCE_KEYS.has(k));
      if (extra) throw new Inexpressible(`${at}/${escapePointer(extra)}`, `the rule's \`${branchKey}\` uses "${extra}" (supported: properties, required)`);
      for (const [property, constraint] of Object.entries(isObject(branch.properties) ? branch.properties : {})) {
        const where = `${at}/properties/${escapePointer(property)}`;
        const base = narrowed[property] ?? properties[property];
        if (!isObject(base) || !isObject(constraint)) throw new Inexpressible(where, `"${property}" is not a declared property`);
        if (property === d) throw new Inexpressible(where, `"${property}" is both the discriminator and a consequence`);
        narrowed[property] = { ...annotations(properties[property] as JsonObject), ...narrowOrExplain(ctx, base, constraint, where) };
      }
      for (const property of Array.isArray(branch.required) ? branch.required.map(String) : []) {
        if (!(property in properties)) throw new Inexpressible(`${at}/required`, `"${property}" is not a declared property`);
        if (!required.has(property)) made.add(property);
      }
      if (typeof node.description === "string") applied.push(node.description);
    }
    const ordered = Object.fromEntries(
      Object.keys(properties)
        .filter((p) => p in narrowed || made.has(p))
        .map((p) => [p, narrowed[p] ?? (properties[p] as JsonObject)]),
    );
    return { name, value, properties: ordered, required: [...made], rules: applied };
  };

  const names = unionNames(model.name, d);
  const variants = values.map((value) => variantFor(names.variant(String(value)), value));
  const extensible = isExtensible(set, model, dSchema);
  const union: DiscriminatedUnion = {
    discriminator: d,
    variants,
    fieldsName: names.fields,
    ...(values.every((v) => typeof v === "string") ? { byValueName: names.byValue } : {}),
    ...(extensible ? { unrecognized: variantFor(names.unrecognized, undefined) } : {}),
  };
  checkNames(set, union);
  return union;
}

function annotations(schema: JsonObject): JsonObject {
  return Object.fromEntries(ANNOTATION_KEYS.filter((k) => k in schema).map((k) => [k, schema[k]!]));
}

/** The fixtures' narrowing (one meaning of a consequence for every generator), as a note when it fails. */
function narrowOrExplain(ctx: Parameters<typeof narrow>[0], base: JsonObject, constraint: JsonObject, pointer: string): JsonObject {
  try {
    return narrow(ctx, base, constraint, pointer);
  } catch (error) {
    if (error instanceof SchemaSetError) throw new Inexpressible(pointer, error.errors.map((e) => e.message).join("; "));
    throw error;
  }
}

function isExtensible(set: SchemaSet, model: Model, schema: JsonObject): boolean {
  if (schema[PROVIDER_EXTENSIBLE] === true) return true;
  const target = typeof schema.$ref === "string" ? set.modelForRef(model.id, schema.$ref) : undefined;
  return target?.schema[PROVIDER_EXTENSIBLE] === true;
}

/** Every generated name is a new identifier: none clashes with a model or another generated name. */
function checkNames(set: SchemaSet, union: DiscriminatedUnion): void {
  const taken = new Set([...set.models.keys()].flatMap((name) => [name, tolerantName(name)]));
  for (const name of declaredNames(union)) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Inexpressible(`/properties/${escapePointer(union.discriminator)}`, `a discriminator value gives the type name "${name}", which is not an identifier`);
    if (taken.has(name) || taken.has(tolerantName(name))) throw new Inexpressible(`/properties/${escapePointer(union.discriminator)}`, `the generated type name "${name}" is already taken`);
    taken.add(name);
  }
}

/** Every type name a union declares besides the model's own. */
function declaredNames(union: DiscriminatedUnion): string[] {
  return [union.fieldsName, ...(union.byValueName ? [union.byValueName] : []), ...union.variants.map((v) => v.name), ...(union.unrecognized ? [union.unrecognized.name] : [])];
}

/** Named `$defs` entries whose type name (or its Tolerant* name) a model's discriminated union
 *  declares too: refused at the entry, so that the entry is renamed and the union kept. */
export function definitionNameClashes(set: SchemaSet): SchemaError[] {
  const declaredBy = new Map<string, string>();
  for (const model of set.models.values()) {
    const { union } = discriminatedUnion(set, model);
    for (const name of union ? declaredNames(union) : []) declaredBy.set(name, model.name).set(tolerantName(name), model.name);
  }
  return [...set.definitions.values()].flatMap((definition) => {
    const model = declaredBy.get(definition.name) ?? declaredBy.get(tolerantName(definition.name));
    return model === undefined
      ? []
      : [
          new SchemaError(
            definition.file,
            definition.pointer,
            "definition-name",
            `the $defs entry's type name "${definition.name}" is already used by the discriminated union of ${model} (a variant or its companion types); give the entry a distinct "title"`,
          ),
        ];
  });
}
