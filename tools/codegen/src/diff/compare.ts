// schema:diff's engine: compares two SchemaSets model by model and node by node, and lets each
// rule family report what it finds. Pure: no git, no disk (the CLI loads both sides).
import type { Model, SchemaSet } from "../model/schema-set.js";
import { type JsonObject, type JsonValue, escapePointer, isObject, mapSchema } from "../model/schema-walk.js";
import { type Change, type ChangeDetail, type OverallBump, type RuleDefinition, overallBump } from "./change.js";
import { compositionFamily } from "./composition-rules.js";
import { constraintsFamily } from "./constraint-rules.js";
import type { CompareContext, NodeRuleFamily, NodeView } from "./context.js";
import { docsFamily } from "./doc-rules.js";
import { enumsFamily } from "./enum-rules.js";
import { examplesFamily } from "./example-rules.js";
import { legacyFamily } from "./legacy-rules.js";
import { MODEL_ROOT_KEYWORDS, compareDefinitions, compareModels } from "./model-rules.js";
import { API_MODEL, compareOperations } from "./operation-rules.js";
import { propertiesFamily } from "./property-rules.js";
import { type RefNamer, isTypeChange, typesFamily, viewOf } from "./type-rules.js";
import { reportUnclassified } from "./unclassified-rules.js";

export interface SchemaDiff {
  /** Every change, grouped by model (alphabetically, schemas/api.json last), in schema order. */
  readonly changes: readonly Change[];
  /** The highest bump any change demands. */
  readonly bump: OverallBump;
}

/** The families that look at a pair of schema nodes, in the order their lines appear in a report. */
export const NODE_FAMILIES: readonly NodeRuleFamily[] = [typesFamily, enumsFamily, constraintsFamily, propertiesFamily, legacyFamily, docsFamily, examplesFamily, compositionFamily];

/** Keywords the driver handles itself: it recurses into them. */
const STRUCTURE_KEYWORDS = ["items"];

const CLAIMED = new Set([...NODE_FAMILIES.flatMap((f) => f.keywords), ...STRUCTURE_KEYWORDS]);

export function diffSchemaSets(before: SchemaSet, after: SchemaSet): SchemaDiff {
  const changes: Change[] = [];
  const record = (rule: RuleDefinition, model: string, file: string, pointer: string, detail: ChangeDetail) => {
    changes.push({ rule: rule.id, bump: rule.bump, model, file, pointer, ...detail });
  };
  const { pairs, renames } = compareModels(before, after, (rule, model, pointer, detail) => record(rule, model.name, model.file, pointer, detail));
  for (const pair of pairs) compareModel(pair.before, pair.after, before, after, renames, (rule, pointer, detail) => record(rule, pair.after.name, pair.after.file, pointer, detail));
  compareDefinitions(before, after, (rule, model, pointer, detail) => record(rule, model.name, model.file, pointer, detail));
  compareOperations(before, after, renames, (rule, pointer, detail) => record(rule, API_MODEL, "schemas/api.json", pointer, detail));

  const rank = (c: Change) => (c.model === API_MODEL ? "\uffff" : c.model);
  const ordered = changes.map((c, i) => ({ c, i })).sort((x, y) => (rank(x.c) < rank(y.c) ? -1 : rank(x.c) > rank(y.c) ? 1 : x.i - y.i));
  const sorted = ordered.map(({ c }) => c);
  return { changes: sorted, bump: overallBump(sorted) };
}

const refOf = (node: JsonObject): string | undefined => (typeof node.$ref === "string" ? node.$ref : undefined);

/** Keywords of a model's root that an inline copy of it does not carry. */
const INLINE_DROPPED = new Set([...MODEL_ROOT_KEYWORDS, "description", "examples", "$comment"]);

/** A `$ref` node as the model it names, written inline: the model's keywords (its own $refs made
 *  absolute, so they resolve from anywhere) under the node's own (a property's description wins). */
function inlined(view: NodeView, set: SchemaSet, fromId: string, refName: RefNamer): NodeView {
  const { $ref, ...own } = view.schema;
  const target = set.modelForRef(fromId, $ref as string);
  if (!target) return view;
  const absolute = mapSchema(target.schema, (node) => (typeof node.$ref === "string" ? { ...node, $ref: new URL(node.$ref, target.id).href } : node)) as JsonObject;
  const body = Object.fromEntries(Object.entries(absolute).filter(([key]) => !INLINE_DROPPED.has(key)));
  const inline = viewOf({ ...body, ...own }, refName);
  return { ...inline, nullable: inline.nullable || view.nullable };
}

function compareModel(
  beforeModel: Model,
  afterModel: Model,
  beforeSet: SchemaSet,
  afterSet: SchemaSet,
  renames: ReadonlyMap<string, string>,
  report: (rule: RuleDefinition, pointer: string, detail: ChangeDetail) => void,
): void {
  // Both sides name models as the after side does, so a renamed model's $refs compare equal.
  const beforeName = (ref: string) => {
    const name = beforeSet.modelForRef(beforeModel.id, ref)?.name;
    return name === undefined ? undefined : (renames.get(name) ?? name);
  };
  const afterName = (ref: string) => afterSet.modelForRef(afterModel.id, ref)?.name;

  const ctx: CompareContext = {
    model: afterModel.name,
    report,
    compare(before, after, pointer) {
      compareNode(before, after, pointer);
    },
  };

  const compareNode = (before: JsonValue | undefined, after: JsonValue | undefined, pointer: string): void => {
    // An absent subschema, like `true`, accepts anything.
    const b = before === undefined || before === true ? {} : before;
    const a = after === undefined || after === true ? {} : after;
    if (!isObject(b) || !isObject(a)) {
      reportUnclassified(ctx, pointer, "subschema", before, after);
      return;
    }
    let beforeView = viewOf(b, beforeName);
    let afterView = viewOf(a, afterName);
    // A $ref on one side only (a model inlined, or extracted into a model), or $refs to two
    // different models: compare what they name, so an identical inline copy is no change at all
    // (TypeScript sees the same type) and a real difference is reported where it is.
    const beforeRef = refOf(beforeView.schema);
    const afterRef = refOf(afterView.schema);
    if ((beforeRef !== undefined || afterRef !== undefined) && (beforeRef === undefined || afterRef === undefined || beforeName(beforeRef) !== afterName(afterRef))) {
      if (beforeRef !== undefined) beforeView = inlined(beforeView, beforeSet, beforeModel.id, beforeName);
      if (afterRef !== undefined) afterView = inlined(afterView, afterSet, afterModel.id, afterName);
    }
    typesFamily.compare(beforeView, afterView, pointer, ctx);
    if (isTypeChange(beforeView, afterView)) return; // a different kind of value: its old constraints say nothing now
    for (const family of NODE_FAMILIES) if (family !== typesFamily) family.compare(beforeView, afterView, pointer, ctx);
    if ("items" in beforeView.schema || "items" in afterView.schema) compareNode(beforeView.schema.items, afterView.schema.items, `${pointer}/items`);
    const root = pointer === "";
    const keys = new Set([...Object.keys(beforeView.schema), ...Object.keys(afterView.schema)]);
    for (const key of keys) {
      if (CLAIMED.has(key) || (root && MODEL_ROOT_KEYWORDS.includes(key))) continue;
      reportUnclassified(ctx, `${pointer}/${escapePointer(key)}`, key, beforeView.schema[key], afterView.schema[key]);
    }
  };

  compareNode(beforeModel.schema as JsonObject, afterModel.schema as JsonObject, "");
}
