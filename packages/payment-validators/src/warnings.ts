// Tolerant mode's warnings: a value of a provider-extensible enum that strict mode does not know was
// accepted, and the warning says so with the value itself, so it does not read like an error.
import type { ValidationIssue } from "./issues.js";
import { unescapeToken } from "./pointer.js";

/** The value at a JSON Pointer of `data` (undefined when the path does not exist). */
function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const token of pointer.split("/").slice(1)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[unescapeToken(token)];
  }
  return node;
}

/** `/status: unknown value "paymentReversed" accepted (known: active, ...)` for strict mode's enum issue. */
export function acceptedValueWarning(issue: ValidationIssue, data: unknown): ValidationIssue {
  const value = valueAt(data, issue.pointer);
  const known = Array.isArray(issue.expected) ? issue.expected.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ") : String(issue.expected);
  const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
  return { ...issue, message: `unknown value ${shown} accepted (known: ${known})` };
}
