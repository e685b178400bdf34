// Plain-JSON comparison helpers shared by the rule families.
import { ENUM_DESCRIPTIONS } from "../keywords.js";
import { type JsonObject, type JsonValue, isObject } from "../schema-walk.js";

/** A JSON text with object keys sorted: equal for deep-equal values, whatever their key order. */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Keywords that only document a schema: changing them changes no payload a consumer can receive. */
export const DOC_KEYWORDS: ReadonlySet<string> = new Set(["description", "title", "$comment", "examples", "default", "deprecated", ENUM_DESCRIPTIONS]);

/** A copy of `value` without documentation keywords, at any depth. */
export function withoutDocs(value: JsonValue, docKeywords: ReadonlySet<string> = DOC_KEYWORDS): JsonValue {
  if (Array.isArray(value)) return value.map((v) => withoutDocs(v, docKeywords));
  if (!isObject(value)) return value;
  const copy: JsonObject = {};
  for (const [key, v] of Object.entries(value)) if (!docKeywords.has(key)) copy[key] = withoutDocs(v, docKeywords);
  return copy;
}

/** Equal once documentation is ignored: the change, if any, is docs only. */
export function equalIgnoringDocs(a: JsonValue | undefined, b: JsonValue | undefined, docKeywords?: ReadonlySet<string>): boolean {
  if (a === undefined || b === undefined) return a === b;
  return deepEqual(withoutDocs(a, docKeywords), withoutDocs(b, docKeywords));
}

export interface ListMatch<T> {
  /** Unmatched items at the same rank on both sides: the ones that changed. */
  readonly changed: readonly { before: T; beforeIndex: number; after: T; afterIndex: number }[];
  readonly removed: readonly { item: T; index: number }[];
  readonly added: readonly { item: T; index: number }[];
}

/** Pairs two lists: equal items first (wherever they moved), then what is left, by rank. */
export function matchLists<T extends JsonValue>(before: readonly T[], after: readonly T[]): ListMatch<T> {
  const unmatchedAfter = new Map<number, string>(after.map((item, i) => [i, canonicalJson(item)]));
  const leftBefore: number[] = [];
  before.forEach((item, i) => {
    const key = canonicalJson(item);
    const found = [...unmatchedAfter.entries()].find(([, k]) => k === key);
    if (found) unmatchedAfter.delete(found[0]);
    else leftBefore.push(i);
  });
  const leftAfter = [...unmatchedAfter.keys()];
  const pairs = Math.min(leftBefore.length, leftAfter.length);
  return {
    changed: leftBefore.slice(0, pairs).map((b, k) => ({ before: before[b]!, beforeIndex: b, after: after[leftAfter[k]!]!, afterIndex: leftAfter[k]! })),
    removed: leftBefore.slice(pairs).map((index) => ({ item: before[index]!, index })),
    added: leftAfter.slice(pairs).map((index) => ({ item: after[index]!, index })),
  };
}

/** A short one-line rendering of a JSON value for report lines. */
export function renderValue(value: JsonValue | undefined, max = 80): string {
  if (value === undefined) return "(absent)";
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
