// The contract between the diff driver (compare.ts) and the rule families: a family looks at one
// pair of schema nodes (before, after) at a JSON Pointer and reports what its rules find.
import type { JsonObject, JsonValue } from "../model/schema-walk.js";
import type { ChangeDetail, RuleDefinition } from "./change.js";

/** A schema node as the rules see it: a nullable `anyOf: [X, {type: "null"}]` folded into X. */
export interface NodeView {
  /** The node's keywords, with a folded anyOf's one non-null branch merged in. */
  readonly schema: JsonObject;
  /** Types the node admits besides null: JSON types, `model:Name` for a $ref, or `any`. */
  readonly types: ReadonlySet<string>;
  readonly nullable: boolean;
}

export interface CompareContext {
  /** The model being compared (after-side name). */
  readonly model: string;
  report(rule: RuleDefinition, pointer: string, detail: ChangeDetail): void;
  /** Compares two subschemas (absent counts as `{}`, which accepts anything). */
  compare(before: JsonValue | undefined, after: JsonValue | undefined, pointer: string): void;
}

export interface NodeRuleFamily {
  readonly rules: Readonly<Record<string, RuleDefinition>>;
  /** The keywords of a node this family takes charge of; any other keyword that changes is unclassified. */
  readonly keywords: readonly string[];
  compare(before: NodeView, after: NodeView, pointer: string, ctx: CompareContext): void;
}
