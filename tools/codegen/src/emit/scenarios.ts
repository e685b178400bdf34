// Named scenarios of a top-level model, derived from its schema: one per value of every enum the
// model reaches through object properties (each `status`, each nested `error_details.code`, each
// `sepa.sequence_type`...). Each starts from the first schema example that already has the value
// (the most realistic payload), else from the first example where the value's container exists.
import { ENUM_DESCRIPTIONS } from "../keywords.js";
import type { Model, SchemaSet } from "../load.js";
import { referencedModel } from "../model-paths.js";
import { type JsonObject, type JsonValue, escapePointer, getPointer, isObject } from "../schema-walk.js";

export interface Scenario {
  /** e.g. "status=declined", "error_details.code=invalid_iban". */
  readonly name: string;
  /** Index of the schema example the scenario starts from. */
  readonly example: number;
  /** The scenario's own values, as factory overrides. */
  readonly overrides: JsonObject;
  readonly description: string;
}

interface EnumPath {
  readonly path: readonly string[];
  readonly values: readonly JsonValue[];
  /** Where the values' meanings come from (an enum model's x-enum-descriptions), if anywhere. */
  readonly meanings: JsonObject;
}

/** The enum model (or inline enum) a property holds, through a nullable anyOf. */
function enumOf(set: SchemaSet, model: Model, schema: JsonObject): { values: JsonValue[]; meanings: JsonObject } | undefined {
  if (Array.isArray(schema.enum)) return { values: schema.enum.filter((v) => v !== null), meanings: isObject(schema[ENUM_DESCRIPTIONS]) ? schema[ENUM_DESCRIPTIONS] : {} };
  if (typeof schema.$ref === "string") {
    const target = set.modelForRef(model.id, schema.$ref);
    return target?.kind === "enum" ? enumOf(set, target, target.schema) : undefined;
  }
  if (Array.isArray(schema.anyOf)) {
    for (const branch of schema.anyOf) {
      const found = isObject(branch) ? enumOf(set, model, branch) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

function enumPaths(set: SchemaSet, model: Model, prefix: readonly string[] = []): EnumPath[] {
  const paths: EnumPath[] = [];
  const properties = isObject(model.schema.properties) ? model.schema.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    if (!isObject(property)) continue;
    const found = enumOf(set, model, property);
    if (found) {
      paths.push({ path: [...prefix, name], ...found });
      continue;
    }
    const nested = referencedModel(property, model.id, set.modelForRef);
    if (nested?.kind === "object") paths.push(...enumPaths(set, nested, [...prefix, name]));
  }
  return paths;
}

function pointerOf(path: readonly string[]): string {
  return path.map((t) => `/${escapePointer(t)}`).join("");
}

function nest(path: readonly string[], value: JsonValue): JsonObject {
  return path.reduceRight<JsonValue>((inner, token) => ({ [token]: inner }), value) as JsonObject;
}

export function scenarios(set: SchemaSet, model: Model): Scenario[] {
  const examples = Array.isArray(model.schema.examples) ? model.schema.examples : [];
  const out: Scenario[] = [];
  for (const { path, values, meanings } of enumPaths(set, model)) {
    const pointer = pointerOf(path);
    const container = pointerOf(path.slice(0, -1));
    for (const value of values) {
      let example = examples.findIndex((e) => getPointer(e, pointer) === value);
      if (example < 0) example = examples.findIndex((e) => isObject(getPointer(e, container)));
      if (example < 0) continue; // no example ever holds the container: nothing realistic to start from
      const meaning = typeof value === "string" && typeof meanings[value] === "string" ? `: ${meanings[value]}` : "";
      out.push({
        name: `${path.join(".")}=${String(value)}`,
        example,
        overrides: nest(path, value),
        description: `\`${path.join(".")}\` is \`${String(value)}\`${meaning}`,
      });
    }
  }
  return out;
}
