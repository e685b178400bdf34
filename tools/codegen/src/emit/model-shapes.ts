// model-shapes: the top-level property names of every validated model, so tools (the
// payment-validate CLI) can tell which model a payload is from its keys alone, by one rule that
// holds for any schema set instead of a rule written per model.
import { type GeneratedFiles, withHeader } from "../emitter.js";
import type { SchemaSet } from "../load.js";
import { isObject } from "../schema-walk.js";
import { VALIDATORS_DIR } from "./validators.js";

/** Each top-level model's declared top-level property names, sorted. */
export function modelProperties(set: SchemaSet): Record<string, string[]> {
  const shapes: Record<string, string[]> = {};
  for (const name of set.topLevel) {
    const schema = set.models.get(name)!.schema;
    shapes[name] = isObject(schema.properties) ? Object.keys(schema.properties).sort() : [];
  }
  return shapes;
}

export function emitModelShapes(set: SchemaSet): GeneratedFiles {
  const path = `${VALIDATORS_DIR}/shapes.ts`;
  const body = [
    `/** The top-level properties each validated model's schema declares: what a payload's model is inferred from. */`,
    `export const modelProperties: Readonly<Record<string, readonly string[]>> = ${JSON.stringify(modelProperties(set), null, 2)};`,
  ].join("\n");
  return new Map([[path, withHeader(path, body)]]);
}
