// model-shapes: the top-level property names of every validated model, so tools (the
// payment-validate CLI) can tell which model a payload is from its keys alone, by one rule that
// holds for any schema set instead of a rule written per model; and where each model holds int64
// integers, so the CLI can check on their digits those a JS number cannot hold exactly.
import { type GeneratedFiles, withHeader } from "../emitter.js";
import type { SchemaSet } from "../model/schema-set.js";
import { type JsonObject, type JsonValue, escapePointer, isObject } from "../model/schema-walk.js";
import { OUTPUTS } from "../outputs.js";

/** Each top-level model's declared top-level property names, sorted. */
export function modelProperties(set: SchemaSet): Record<string, string[]> {
  const shapes: Record<string, string[]> = {};
  for (const name of set.topLevel) {
    const schema = set.models.get(name)!.schema;
    shapes[name] = isObject(schema.properties) ? Object.keys(schema.properties).sort() : [];
  }
  return shapes;
}

/** Every place in an instance of each top-level model where the schema says `format: "int64"`, as
 *  JSON Pointers with `*` for any array index or property name, following $refs into other models. */
export function int64Fields(set: SchemaSet): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const name of set.topLevel) {
    const model = set.models.get(name)!;
    const found = new Set<string>();
    const visit = (schema: JsonValue | undefined, fromId: string, at: string, seen: ReadonlySet<string>): void => {
      if (!isObject(schema)) return;
      if (schema.format === "int64") found.add(at);
      if (typeof schema.$ref === "string") {
        const target = set.modelForRef(fromId, schema.$ref);
        if (target && !seen.has(target.id)) visit(target.schema, target.id, at, new Set([...seen, target.id]));
      }
      const here = (sub: JsonValue | undefined, path: string): void => visit(sub, fromId, path, seen);
      if (isObject(schema.properties)) for (const [key, sub] of Object.entries(schema.properties)) here(sub, `${at}/${escapePointer(key)}`);
      if (isObject(schema.patternProperties)) for (const sub of Object.values(schema.patternProperties)) here(sub, `${at}/*`);
      here(schema.additionalProperties, `${at}/*`);
      here(schema.items, `${at}/*`);
      if (Array.isArray(schema.prefixItems)) schema.prefixItems.forEach((sub, i) => here(sub, `${at}/${i}`));
      for (const key of ["allOf", "anyOf", "oneOf"] as const) {
        const list = schema[key];
        if (Array.isArray(list)) for (const sub of list) here(sub, at);
      }
      for (const key of ["then", "else"] as const) here((schema as JsonObject)[key], at);
    };
    visit(model.schema, model.id, "", new Set([model.id]));
    fields[name] = [...found].sort();
  }
  return fields;
}

export function emitModelShapes(set: SchemaSet): GeneratedFiles {
  const path = `${OUTPUTS.validators}/shapes.ts`;
  const body = [
    `/** The top-level properties each validated model's schema declares: what a payload's model is inferred from. */`,
    `export const modelProperties: Readonly<Record<string, readonly string[]>> = ${JSON.stringify(modelProperties(set), null, 2)};`,
    `/** Where each validated model holds int64 integers: JSON Pointers, \`*\` standing for any array index or property name. */`,
    `export const int64Fields: Readonly<Record<string, readonly string[]>> = ${JSON.stringify(int64Fields(set), null, 2)};`,
  ].join("\n");
  return new Map([[path, withHeader(path, body)]]);
}
