// int64 integers a JS number cannot hold. JSON.parse rounds 9223372036854775807 (2^63 - 1, the
// largest int64) to 2^63, which the schema's bound then rejects, and -9223372036854775809 to
// -2^63, which it accepts. The validators receive JS numbers and cannot tell; payment-validate
// has the text, so for an integer literal beyond 2^53 at an int64 field it judges the digits
// itself: out of the int64 range it is an issue; either way the validators then see a stand-in of
// the same sign that every int64 bound accepts, so they judge the rest of the payload as usual.
// Only a payload with such a number at an int64 field has its text read again for the digits (the
// text pass is dear; the numbers at a model's int64 fields, a few reads of the parsed payload, are
// what says whether it is needed).
import type { ValidationIssue } from "../issues.js";
import { escapeToken, unescapeToken } from "../pointer.js";
import { type UnsafeInteger, unsafeIntegers } from "./json-syntax.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A model's int64 fields (JSON Pointers, `*` for any array index or property name) as property
 *  names from the root. */
export function int64Paths(fields: readonly string[]): readonly (readonly string[])[] {
  return fields.map((field) => field.split("/").slice(1).map(unescapeToken));
}

/** True when a number at one of `paths` in `value` (a payload straight from JSON.parse: plain data)
 *  is not a safe integer: only then can the text hold an int64 literal JSON.parse rounded. */
export function holdsUnsafeInt64(value: unknown, paths: readonly (readonly string[])[]): boolean {
  for (const path of paths) if (unsafeAt(value, path, 0)) return true;
  return false;
}

function unsafeAt(value: unknown, path: readonly string[], depth: number): boolean {
  if (depth === path.length) return typeof value === "number" && !Number.isSafeInteger(value);
  if (typeof value !== "object" || value === null) return false;
  const token = path[depth]!;
  if (token !== "*") return Object.hasOwn(value, token) && unsafeAt((value as Record<string, unknown>)[token], path, depth + 1);
  for (const child of Array.isArray(value) ? value : Object.values(value)) if (unsafeAt(child, path, depth + 1)) return true;
  return false;
}

// The last document's literals: each element of a JSON array that needs them asks again.
let lastText: string | undefined;
let lastIntegers: readonly UnsafeInteger[] = [];

/** The integer literals a JS number cannot hold in `text`, a payload's JSON text; with `index`, in
 *  element `index` of the JSON array `text` holds, with paths from the element. */
export function unsafeIntegersOf(text: string, index: number | undefined): readonly UnsafeInteger[] {
  if (index === undefined) return unsafeIntegers(text);
  if (text !== lastText) {
    lastIntegers = unsafeIntegers(text);
    lastText = text;
  }
  return lastIntegers.filter((i) => i.path[0] === index).map((i) => ({ path: i.path.slice(1), digits: i.digits }));
}

/** True when `pointer` (with `*` for any token) names the place `path` leads to. */
function matches(pattern: readonly string[], path: readonly string[]): boolean {
  if (pattern.length !== path.length) return false;
  for (let i = 0; i < pattern.length; i++) if (pattern[i] !== "*" && pattern[i] !== path[i]) return false;
  return true;
}

/** Judges the int64 literals of a payload on their digits (see above): puts a stand-in in place of
 *  each and returns an issue for each out of range. */
export function checkInt64Digits(payload: unknown, integers: readonly UnsafeInteger[], fields: readonly string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (fields.length === 0) return issues;
  const patterns = fields.map((field) => field.split("/").slice(1));
  for (const { path, digits } of integers) {
    const tokens = path.map((token) => escapeToken(String(token)));
    if (!patterns.some((pattern) => matches(pattern, tokens))) continue;
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (typeof node === "object" && node !== null ? (node as Record<string | number, unknown>)[key] : undefined), payload);
    if (typeof parent !== "object" || parent === null) continue;
    const exact = BigInt(digits);
    (parent as Record<string | number, unknown>)[path.at(-1)!] = exact < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
    if (exact < INT64_MIN || exact > INT64_MAX) {
      issues.push({ pointer: tokens.map((t) => `/${t}`).join(""), keyword: "format", message: `must be a signed 64-bit integer (int64, from ${INT64_MIN} to ${INT64_MAX}); ${digits} is out of range`, expected: "int64" });
    }
  }
  return issues;
}
