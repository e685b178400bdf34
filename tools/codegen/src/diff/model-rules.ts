// Rule family "models": the named models themselves. A model's name is the exported type name
// (and the enum value list, validators, fixtures named after it); its file is the published
// schema path (@org/payment-schemas/schemas/*) and its $id.
import type { Model, SchemaSet } from "../model/schema-set.js";
import { type JsonObject, type JsonValue, mapSchema } from "../model/schema-walk.js";
import { type ChangeDetail, type RuleDefinition, defineRules } from "./change.js";
import { DOC_KEYWORDS, withoutDocs } from "./json.js";

export const MODEL_RULES = defineRules({
  removed: { id: "model-removed", bump: "major", summary: "A named model was removed: its exported type, enum value list, validators and schema file disappear." },
  renamed: { id: "model-renamed", bump: "major", summary: "A named model was renamed (removed, and a model with the same schema added): every exported name derived from it changes." },
  moved: { id: "model-moved", bump: "major", summary: "A model moved to another file: its $id and its published schema path (@org/payment-schemas/schemas/...) change." },
  added: { id: "model-added", bump: "minor", summary: "A new named model: new exported types, nothing existing changes." },
  definitionRemoved: {
    id: "definition-removed",
    bump: "major",
    summary: "A named type made from a $defs entry is gone (the entry was removed or renamed, its title changed, or nothing refers to it any more): code importing it stops compiling.",
  },
  definitionAdded: { id: "definition-added", bump: "minor", summary: "A $defs entry became a named, exported type: nothing existing changes." },
});

/** Root keywords that name a model rather than describe its values: compared here, not per node
 *  (the loader admits a single $schema dialect, and ties $id and title to the file). */
export const MODEL_ROOT_KEYWORDS: readonly string[] = ["$schema", "$id", "title"];

export type ModelReporter = (rule: RuleDefinition, model: Model, pointer: string, detail: ChangeDetail) => void;

export interface ModelPairing {
  /** Models present on both sides under the same name: compared node by node. */
  readonly pairs: readonly { readonly before: Model; readonly after: Model }[];
  /** Before-side name -> after-side name of every renamed model. */
  readonly renames: ReadonlyMap<string, string>;
}

/** The model's schema with everything that names or documents it removed and $refs replaced by
 *  the names of the models they point to: equal shapes mean "the same model under a new name". */
function shapeOf(model: Model, set: SchemaSet): string {
  const identity = new Set([...DOC_KEYWORDS, ...MODEL_ROOT_KEYWORDS]);
  const resolved = mapSchema(model.schema, (node: JsonObject) => {
    if (typeof node.$ref !== "string") return node;
    return { ...node, $ref: `model:${set.modelForRef(model.id, node.$ref)?.name ?? node.$ref}` };
  });
  return JSON.stringify(withoutDocs(resolved as JsonValue, identity));
}

/** Named types made from $defs entries, by the name they are exported under: the schemas they
 *  describe are compared where they are used (inlined in the models); here only the names. */
export function compareDefinitions(before: SchemaSet, after: SchemaSet, report: ModelReporter): void {
  for (const definition of before.definitions.values()) {
    if (after.definitions.has(definition.name)) continue;
    const owner = before.models.get(definition.owner)!;
    report(MODEL_RULES.definitionRemoved, owner, definition.pointer, { before: definition.name, message: `named type ${definition.name} (${definition.file}#${definition.pointer}) is no longer exported` });
  }
  for (const definition of after.definitions.values()) {
    if (before.definitions.has(definition.name)) continue;
    const owner = after.models.get(definition.owner)!;
    report(MODEL_RULES.definitionAdded, owner, definition.pointer, { after: definition.name, message: `new named type ${definition.name} (${definition.file}#${definition.pointer})` });
  }
}

export function compareModels(before: SchemaSet, after: SchemaSet, report: ModelReporter): ModelPairing {
  const removed = [...before.models.values()].filter((m) => !after.models.has(m.name));
  const added = [...after.models.values()].filter((m) => !before.models.has(m.name));
  const renames = new Map<string, string>();
  const addedShapes = added.map((m) => shapeOf(m, after));
  const removedShapes = removed.map((m) => shapeOf(m, before));
  removed.forEach((old, i) => {
    const matches = addedShapes.flatMap((shape, j) => (shape === removedShapes[i] ? [j] : []));
    const target = matches.length === 1 ? added[matches[0]!] : undefined;
    if (target && removedShapes.filter((s) => s === removedShapes[i]).length === 1) renames.set(old.name, target.name);
  });
  const renamedTo = new Set(renames.values());

  for (const model of removed) {
    const to = renames.get(model.name);
    if (to !== undefined) report(MODEL_RULES.renamed, model, "", { before: model.name, after: to, message: `model ${model.name} renamed to ${to}: the exported type ${model.name} and every name derived from it disappear` });
    else report(MODEL_RULES.removed, model, "", { before: model.name, message: `model ${model.name} removed: its exported type, validators and schema file disappear` });
  }
  for (const model of added) {
    if (!renamedTo.has(model.name)) report(MODEL_RULES.added, model, "", { after: model.name, message: `new model ${model.name}` });
  }
  const pairs: { before: Model; after: Model }[] = [];
  for (const model of after.models.values()) {
    const old = before.models.get(model.name);
    if (!old) continue;
    pairs.push({ before: old, after: model });
    if (old.file !== model.file)
      report(MODEL_RULES.moved, model, "/$id", { before: old.file, after: model.file, message: `model ${model.name} moved from ${old.file} to ${model.file}: its $id and published schema path change` });
  }
  return { pairs, renames };
}
