// What schema:diff reports: rules with stable ids, each with the semver bump it demands from the
// consumer's side of a response payload, and the changes found, one per rule hit.
import type { JsonValue } from "../model/schema-walk.js";

/** The semver bump a change demands of the published package group. */
export type Bump = "major" | "minor" | "patch";
/** A diff's overall bump: `none` when nothing changed. */
export type OverallBump = Bump | "none";

export const BUMP_ORDER: readonly OverallBump[] = ["none", "patch", "minor", "major"];

export function bumpRank(bump: OverallBump): number {
  return BUMP_ORDER.indexOf(bump);
}

export function maxBump(a: OverallBump, b: OverallBump): OverallBump {
  return bumpRank(a) >= bumpRank(b) ? a : b;
}

/** What each bump means for a consumer, as the report words it. */
export const BUMP_MEANING: Readonly<Record<Bump, string>> = {
  major: "breaking",
  minor: "additive",
  patch: "docs only",
};

export interface RuleDefinition {
  /** Stable id, printed in every report line (like `buf breaking` rule ids). Never reuse or rename one. */
  readonly id: string;
  readonly bump: Bump;
  /** One sentence: what the rule detects and why it has its bump. */
  readonly summary: string;
}

export function defineRules<const T extends Record<string, RuleDefinition>>(rules: T): T {
  return rules;
}

export interface Change {
  readonly rule: string;
  readonly bump: Bump;
  /** The model the change is in (its type name), or `api` for schemas/api.json. */
  readonly model: string;
  /** Repository-relative file of the model (the after side's, or the before side's when removed). */
  readonly file: string;
  /** JSON Pointer inside the model's schema (or inside schemas/api.json). */
  readonly pointer: string;
  /** The value before; absent when the change adds something. */
  readonly before?: JsonValue;
  /** The value after; absent when the change removes something. */
  readonly after?: JsonValue;
  /** What changed and what it means for consumers. */
  readonly message: string;
  /** Anything that softens or qualifies the classification (e.g. tolerant mode absorbs it). */
  readonly note?: string;
}

export interface ChangeDetail {
  readonly before?: JsonValue;
  readonly after?: JsonValue;
  readonly message: string;
  readonly note?: string;
}

export function overallBump(changes: readonly Change[]): OverallBump {
  return changes.reduce<OverallBump>((bump, change) => maxBump(bump, change.bump), "none");
}
