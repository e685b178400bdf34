// int64 integers a JS number cannot hold. JSON.parse rounds 9223372036854775807 (2^63 - 1, the
// largest int64) to 2^63, which the schema's bound then rejects, and -9223372036854775809 to
// -2^63, which it accepts. The validators receive JS numbers and cannot tell; payment-validate
// has the text, so for an integer literal beyond 2^53 at an int64 field it judges the digits
// itself: out of the int64 range it is an issue; either way the validators then see a stand-in of
// the same sign that every int64 bound accepts, so they judge the rest of the payload as usual.
import type { ValidationIssue } from "../issues.js";
import type { UnsafeInteger } from "./json-syntax.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
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
    const tokens = path.map(escapeToken);
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
