// Plain-JSON comparison helpers shared by the rule families.
import { ENUM_DESCRIPTIONS } from "../model/keywords.js";
import { type JsonObject, type JsonValue, isObject } from "../model/schema-walk.js";

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
  /** Items that are not equal on both sides but correspond: the ones that changed. */
  readonly changed: readonly { before: T; beforeIndex: number; after: T; afterIndex: number }[];
  readonly removed: readonly { item: T; index: number }[];
  readonly added: readonly { item: T; index: number }[];
}

/** How alike two items are: the number of top-level members they share (0 for non-objects). */
function likeness(a: JsonValue, b: JsonValue): number {
  if (!isObject(a) || !isObject(b)) return 0;
  return Object.keys(a).filter((k) => k in b && deepEqual(a[k], b[k])).length;
}

/** Pairs two lists: equal items first (wherever they moved), then the most alike of what is left
 *  (so editing one example and deleting another reads as that), then what is left, by rank. */
export function matchLists<T extends JsonValue>(before: readonly T[], after: readonly T[]): ListMatch<T> {
  const unmatchedAfter = new Map<number, string>(after.map((item, i) => [i, canonicalJson(item)]));
  const leftBefore = new Set<number>();
  before.forEach((item, i) => {
    const key = canonicalJson(item);
    const found = [...unmatchedAfter.entries()].find(([, k]) => k === key);
    if (found) unmatchedAfter.delete(found[0]);
    else leftBefore.add(i);
  });
  const leftAfter = new Set(unmatchedAfter.keys());
  const pairs: [number, number][] = [];
  const candidates = [...leftBefore].flatMap((b) => [...leftAfter].map((a) => ({ b, a, score: likeness(before[b]!, after[a]!) })));
  candidates.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  for (const { b, a, score } of candidates) {
    if (score === 0 || !leftBefore.has(b) || !leftAfter.has(a)) continue;
    pairs.push([b, a]);
    leftBefore.delete(b);
    leftAfter.delete(a);
  }
  const restBefore = [...leftBefore];
  const restAfter = [...leftAfter];
  const byRank = Math.min(restBefore.length, restAfter.length);
  for (let k = 0; k < byRank; k++) pairs.push([restBefore[k]!, restAfter[k]!]);
  pairs.sort((x, y) => x[1] - y[1]);
  return {
    changed: pairs.map(([b, a]) => ({ before: before[b]!, beforeIndex: b, after: after[a]!, afterIndex: a })),
    removed: restBefore.slice(byRank).map((index) => ({ item: before[index]!, index })),
    added: restAfter.slice(byRank).map((index) => ({ item: after[index]!, index })),
  };
}

/** A short one-line rendering of a JSON value for report lines. */
export function renderValue(value: JsonValue | undefined, max = 80): string {
  if (value === undefined) return "(absent)";
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
