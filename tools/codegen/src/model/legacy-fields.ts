// Legacy fields, read from the x-legacy annotations: the one place that decides which fields of a
// model are legacy, what replaces them, and how a legacy value relates to its replacement. The
// adapters, the validators' drift check and the fixtures all build on it; the runtime logic is one
// typed module (runtime/legacy.ts) copied into each package that needs it (the validators may not
// import the adapters).
import { LEGACY } from "./keywords.js";
import type { Model, SchemaSet } from "./schema-set.js";
import { isObject, type JsonObject, unescapePointer } from "./schema-walk.js";
import { admittedTypes } from "./json-types.js";

export interface LegacyField {
  /** The legacy property's name: a top-level property of the model. */
  readonly name: string;
  /** JSON Pointer of the canonical replacement, or null when nothing replaces it yet. */
  readonly replacedBy: string | null;
  /** replacedBy as property names, e.g. ["order", "order_number"]. */
  readonly replacementPath: readonly string[];
  /** The legacy property's schema allows null: the value it takes when its replacement is absent. */
  readonly nullable: boolean;
  readonly description: string;
}

/** The model's legacy fields, in schema property order. */
export function legacyFields(model: Model): LegacyField[] {
  const fields: LegacyField[] = [];
  const properties = isObject(model.schema.properties) ? model.schema.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    if (!isObject(property) || !isObject(property[LEGACY])) continue;
    const replacedBy = typeof property[LEGACY].replacedBy === "string" ? property[LEGACY].replacedBy : null;
    fields.push({
      name,
      replacedBy,
      replacementPath: replacedBy === null ? [] : replacedBy.split("/").slice(1).map(unescapePointer),
      nullable: admitsNull(property),
      description: typeof property.description === "string" ? property.description : "",
    });
  }
  return fields;
}

/** Models that carry at least one legacy field: the ones that get adapters and a drift check. */
export function modelsWithLegacyFields(set: SchemaSet): Model[] {
  return [...set.models.values()].filter((m) => m.kind === "object" && legacyFields(m).length > 0);
}

function admitsNull(schema: JsonObject): boolean {
  if (schema.type === "null" || (Array.isArray(schema.type) && schema.type.includes("null"))) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  return Array.isArray(schema.anyOf) && schema.anyOf.some((b) => isObject(b) && admitsNull(b));
}

/** Top-level properties an old client already read: every one that is not a nested object or
 *  array (the flat payload that predates the enriched one), legacy fields excluded. */
export function flatFields(set: SchemaSet, model: Model): string[] {
  const legacy = new Set(legacyFields(model).map((f) => f.name));
  const properties = isObject(model.schema.properties) ? model.schema.properties : {};
  return Object.entries(properties)
    .filter(([name, schema]) => !legacy.has(name) && isObject(schema))
    .filter(([, schema]) => {
      const types = admittedTypes(set, model, schema as JsonObject);
      return !types.has("object") && !types.has("array");
    })
    .map(([name]) => name);
}

/** TypeScript type of the value at `path` inside `typeName`, through nullable containers. */
export function pathType(typeName: string, path: readonly string[]): string {
  let type = typeName;
  path.forEach((token, i) => {
    type = `${type}[${JSON.stringify(token)}]`;
    if (i < path.length - 1) type = `NonNullable<${type}>`;
  });
  return type;
}

/** The runtime table of a model's legacy fields, as a TypeScript expression. */
export function legacyFieldTable(model: Model): string {
  const rows = legacyFields(model).map((f) => `  { field: ${JSON.stringify(f.name)}, replacedBy: ${JSON.stringify(f.replacedBy)}, replacementPath: ${JSON.stringify(f.replacementPath)}, nullable: ${f.nullable} },`);
  return `[\n${rows.join("\n")}\n] as const satisfies readonly LegacyFieldSpec[]`;
}
