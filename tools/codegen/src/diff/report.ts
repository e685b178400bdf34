// The three renderings of a SchemaDiff: a readable terminal report, JSON for tools, and Markdown
// for the changeset summary (which becomes the CHANGELOG entry).
import { BUMP_MEANING, type Bump, type Change } from "./change.js";
import type { SchemaDiff } from "./compare.js";
import { consumerLines } from "./consumer-words.js";
import { renderValue } from "./json.js";

/** Where the before side came from, as the report names it. */
export interface BaseDescription {
  /** What the user passed or what was chosen (e.g. `main`, `@org/payment-types@1.2.0`). */
  readonly ref: string;
  /** The git commit; absent for a published release (`--base published`). */
  readonly commit?: string;
  /** Why this base (e.g. "merge base with main"). */
  readonly reason: string;
}

export function describeBase(base: BaseDescription): string {
  return `${base.ref} (${base.reason}${base.commit ? `, ${base.commit.slice(0, 12)}` : ""})`;
}

export function summarize(diff: SchemaDiff): string {
  const count = (bump: Bump) => diff.changes.filter((c) => c.bump === bump).length;
  return (["major", "minor", "patch"] as const).map((b) => `${count(b)} ${BUMP_MEANING[b]}`).join(", ");
}

function groupByModel(changes: readonly Change[]): Map<string, Change[]> {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const key = `${change.model}\0${change.file}`;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  return groups;
}

const transition = (c: Change) => `${renderValue(c.before)} -> ${renderValue(c.after)}`;

export function formatText(diff: SchemaDiff, base: BaseDescription): string {
  if (diff.changes.length === 0) return `schema:diff: no changes to schemas/ since ${describeBase(base)}.\n`;
  const lines = [`schema:diff: schemas/ since ${describeBase(base)} -> working tree`, `required bump: ${diff.bump} (${summarize(diff)})`];
  for (const [key, changes] of groupByModel(diff.changes)) {
    const [model, file] = key.split("\0");
    lines.push("", `${model} (${file})`);
    for (const c of changes) {
      lines.push(`  ${c.bump.padEnd(5)}  #${c.pointer}  [${c.rule}]  ${transition(c)}`);
      lines.push(`         ${c.message}`);
      if (c.note) lines.push(`         note: ${c.note}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export function formatJson(diff: SchemaDiff, base: BaseDescription): string {
  return `${JSON.stringify({ base, bump: diff.bump, changes: diff.changes }, null, 2)}\n`;
}

/** Markdown for a changeset: a headline (the CHANGELOG bullet) and one line per change in a
 *  consumer's words, each citing the changes it covers (`Model#/pointer` [rule-id]) so that
 *  changeset:check can tell every change is announced. The base ref is left out: a changelog reader
 *  knows the previous release, not our branches. */
export function formatMarkdown(diff: SchemaDiff): string {
  return `${[`Schema changes: ${diff.bump} (${summarize(diff)}).`, "", ...consumerLines(diff.changes)].join("\n")}\n`;
}
