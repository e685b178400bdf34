// bundle: one self-contained JSON Schema per top-level model, for tools that take a single file
// (Fastify, Python's jsonschema, Go and Java validators): the model at the root, every model it
// reaches under `$defs` by name, and every `$ref` pointing inside the file (`#/$defs/Name`).
// Annotations (title, description, examples, x-legacy...) are kept as they are.
import type { Model, SchemaSet } from "../../model/schema-set.js";
import { type JsonObject, SCHEMA_BASE_URL, escapePointer, isObject, mapSchema } from "../../model/schema-walk.js";

export const BUNDLED_DIR = "bundled";

/** The `$id` of a model's bundled file: distinct from the model's own, so both can be registered. */
export function bundledId(name: string): string {
  return `${SCHEMA_BASE_URL}${BUNDLED_DIR}/${name}.schema.json`;
}

/** Every model `root` reaches through `$ref`, itself excluded, sorted by name. */
function reachable(set: SchemaSet, root: Model): Model[] {
  const seen = new Map<string, Model>();
  const visit = (model: Model): void => {
    for (const name of model.references) {
      if (seen.has(name) || name === root.name) continue;
      const target = set.models.get(name)!;
      seen.set(name, target);
      visit(target);
    }
  };
  visit(root);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** `model`'s schema with every $ref rewritten to a pointer inside the bundle. A local ref
 *  (`#/...`) of an embedded model is moved under that model's `$defs` entry. */
function relocate(set: SchemaSet, model: Model, base: string): JsonObject {
  return mapSchema(model.schema, (node) => {
    const ref = node.$ref;
    if (typeof ref !== "string") return node;
    const hash = ref.indexOf("#");
    const file = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? "" : ref.slice(hash + 1);
    if (file === "") return fragment.startsWith("/") ? { ...node, $ref: `#${base}${fragment}` } : node;
    const target = set.modelForRef(model.id, file);
    if (!target) throw new Error(`${model.file}: $ref "${ref}" names no model (the loader should have refused it)`);
    const inside = fragment.startsWith("/") ? fragment : "";
    return { ...node, $ref: `#/$defs/${escapePointer(target.name)}${inside}` };
  }) as JsonObject;
}

export function bundledSchema(set: SchemaSet, model: Model): JsonObject {
  const { $schema, $id: _id, ...root } = relocate(set, model, "");
  const defs: JsonObject = isObject(root.$defs) ? { ...root.$defs } : {};
  for (const dependency of reachable(set, model)) {
    if (Object.hasOwn(defs, dependency.name)) {
      throw new Error(`${model.file}: its $defs already has an entry "${dependency.name}", the name its bundled file gives the model ${dependency.file}`);
    }
    const { $schema: _s, $id: _i, ...embedded } = relocate(set, dependency, `/$defs/${escapePointer(dependency.name)}`);
    defs[dependency.name] = embedded;
  }
  return {
    $schema: $schema ?? "https://json-schema.org/draft/2020-12/schema",
    $id: bundledId(model.name),
    ...root,
    ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}),
  };
}
