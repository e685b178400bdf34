// Changelog lines in a consumer's words: what changed, named as the consumer's code names it
// (`PaymentSessionResult.order.number`, the type, the enum values), and what they must do. Each
// line ends with the changes it covers as `Model#/pointer` [rule-id], which changeset:check reads
// back to know that every detected change is announced.
import type { Change } from "./change.js";
import { API_MODEL } from "./operation-rules.js";
import { renderValue } from "./json.js";
import { unescapePointer } from "../model/schema-walk.js";

/** The identity of a change, as changesets name it: `Model#/pointer` [rule-id]. */
export function changeKey(change: Pick<Change, "model" | "pointer" | "rule">): string {
  return `${change.model}#${change.pointer} [${change.rule}]`;
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** How a change is cited in a changeset: `Model#/pointer` [rule-id] (the form changeKeysIn reads). */
export function citation(change: Pick<Change, "model" | "pointer" | "rule">): string {
  return `${code(`${change.model}#${change.pointer}`)} [${change.rule}]`;
}

/** Every change a changeset's (or changelog's) text names, as changeKey strings. */
export function changeKeysIn(text: string): Set<string> {
  const keys = new Set<string>();
  for (const match of text.matchAll(/`([^`#\s]+)#([^`\s]*)`\s*\[([a-z]+(?:-[a-z]+)*)\]/g)) keys.add(changeKey({ model: match[1]!, pointer: match[2]!, rule: match[3]! }));
  return keys;
}

/** Where a change is, as a consumer's code names it: `Model.property.nested[]`. */
export function subjectOf(change: Change): string {
  if (change.model === API_MODEL) {
    const [, , path, method] = change.pointer.split("/");
    return path && method ? `${method.toUpperCase()} ${unescapePointer(path)}` : "the API";
  }
  let subject = change.model;
  const tokens = change.pointer.split("/").slice(1);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === "properties" && tokens[i + 1] !== undefined) subject += `.${unescapePointer(tokens[++i]!)}`;
    else if (token === "items") subject += "[]";
    else if (token === "additionalProperties") subject += "[key]";
    else break;
  }
  return subject;
}

/** Enum values as code names them: strings bare (`Refused`), anything else as JSON. */
const values = (changes: readonly Change[], side: "before" | "after") => changes.map((c) => code(typeof c[side] === "string" ? (c[side] as string) : renderValue(c[side]))).join(", ");
const plural = (changes: readonly Change[], one: string, many: string) => (changes.length === 1 ? one : many);

/** One changelog sentence for changes of one rule at one subject (enum values are grouped). */
function sentence(changes: readonly Change[]): string {
  const first = changes[0]!;
  const subject = code(subjectOf(first));
  const them = plural(changes, "it", "them");
  switch (first.rule) {
    case "enum-value-added":
      return `${subject} gained ${values(changes, "after")}: exhaustive \`switch\`es and \`Record<…>\` tables over it need ${plural(changes, "this case", "these cases")}, and strict validation of older versions rejects ${them}${first.note?.startsWith("tolerant mode absorbs") ? " (tolerant mode already accepts unknown values)" : ""}`;
    case "enum-value-removed":
      return `${subject} lost ${values(changes, "before")}: remove ${plural(changes, "this case", "these cases")} from code that names ${them}, which no longer type-checks`;
    case "enum-removed":
      return `${subject} is no longer limited to ${code(renderValue(first.before))}: handle any value`;
    case "enum-added":
      return `${subject} is now one of ${code(renderValue(first.after))}: nothing to do (you may narrow your handling)`;
    case "property-removed":
      return `${subject} was removed: stop reading it`;
    case "property-renamed":
      return `${subject} was renamed to ${code(String(first.after))}: read the new name`;
    case "property-added":
      return `${subject} is new${first.note ? " and required: code that builds this payload itself (mocks, fixtures) must set it" : " (optional): nothing to do"}`;
    case "property-made-optional":
      return `${code(`${subjectOf(first)}.${String(first.before)}`)} may now be absent: check for it before reading it`;
    case "property-made-required":
      return `${code(`${subjectOf(first)}.${String(first.after)}`)} is now always present: nothing to do (presence checks keep working)`;
    case "nullable-added":
      return `${subject} may now be \`null\`: check for null before using it`;
    case "nullable-removed":
      return `${subject} is never \`null\` any more: nothing to do`;
    case "type-changed":
    case "type-widened":
      return `${subject} changed type from ${code(String(first.before))} to ${code(String(first.after))}: update the code that reads it`;
    case "type-narrowed":
      return `${subject} is now only ${code(String(first.after))} (was ${code(String(first.before))}): nothing to do`;
    case "model-removed":
      return `${subject} was removed: stop importing it`;
    case "model-renamed":
      return `${subject} was renamed: ${first.message}; update your imports`;
    case "model-added":
      return `${subject} is new: nothing to do`;
    case "additional-properties-closed":
      return `${subject} no longer allows undeclared members: its type lost the index signature, so code assigning it to \`Tolerant${first.model}\` or reading undeclared members must change`;
    case "additional-properties-loosened":
      return `${subject} may now carry undeclared members: code that rejects unknown members must accept them`;
    case "provider-extensible-added":
      return `${subject} may now receive values outside its enum in tolerant mode: handle unknown values`;
    case "operation-removed":
      return `${subject} was removed from the API: stop calling it`;
    case "operation-added":
      return `${subject} is a new operation: nothing to do`;
    default: {
      const doing = first.bump === "major" ? "check the code that relies on it" : first.bump === "minor" ? "nothing to do" : "documentation only";
      return `${subject}: ${first.message}: ${doing}`;
    }
  }
}

const HEADING = { major: "Breaking", minor: "Added", patch: "Docs" } as const;

/** The changelog lines for a diff: one per rule and subject, breaking first, each citing its changes. */
export function consumerLines(changes: readonly Change[]): string[] {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const groupable = change.rule === "enum-value-added" || change.rule === "enum-value-removed";
    const key = groupable ? `${change.rule}\0${change.model}\0${change.pointer.replace(/\/(enum\/\d+|const)$/, "")}` : `${changeKey(change)}\0${changes.indexOf(change)}`;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  const order = { major: 0, minor: 1, patch: 2 } as const;
  return [...groups.values()].sort((a, b) => order[a[0]!.bump] - order[b[0]!.bump]).map((group) => `- **${HEADING[group[0]!.bump]}:** ${sentence(group)}. (${group.map(citation).join(", ")})`);
}
