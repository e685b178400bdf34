// Turns Ajv's raw errors into the issues we promise: the JSON Pointer of the offending value, the
// keyword, a readable message and the expected value where one applies.
import type { AjvError } from "./compiled.js";

export interface ValidationIssue {
  /** JSON Pointer of the offending value ("" is the payload itself; for a missing or unknown key, the key's own pointer). */
  readonly pointer: string;
  /** The JSON Schema keyword (or check) that failed, e.g. "enum", "required", "legacy-drift". */
  readonly keyword: string;
  /** A readable sentence, e.g. "must be one of: completed, awaiting_verification, declined, failed". */
  readonly message: string;
  /** What was expected, where one value says it (allowed values, the pattern, the type...). */
  readonly expected?: unknown;
}

function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

function list(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ") : String(values);
}

function describe(error: AjvError): ValidationIssue {
  const p = error.params;
  const pointer = error.instancePath;
  switch (error.keyword) {
    case "type": {
      const types = Array.isArray(p.type) ? p.type : String(p.type).split(",");
      return { pointer, keyword: "type", message: `must be ${types.join(" or ")}`, expected: types.length === 1 ? types[0] : types };
    }
    case "enum":
      return { pointer, keyword: "enum", message: `must be one of: ${list(p.allowedValues)}`, expected: p.allowedValues };
    case "const":
      return { pointer, keyword: "const", message: `must be ${JSON.stringify(p.allowedValue)}`, expected: p.allowedValue };
    case "required":
      return { pointer: `${pointer}/${escapeToken(String(p.missingProperty))}`, keyword: "required", message: `required property "${String(p.missingProperty)}" is missing`, expected: p.missingProperty };
    case "additionalProperties":
      return { pointer: `${pointer}/${escapeToken(String(p.additionalProperty))}`, keyword: "additionalProperties", message: `unknown property "${String(p.additionalProperty)}" is not allowed` };
    case "pattern":
      return { pointer, keyword: "pattern", message: `must match the pattern ${String(p.pattern)}`, expected: p.pattern };
    case "format":
      return { pointer, keyword: "format", message: `must be a valid ${String(p.format)}`, expected: p.format };
    case "minLength":
    case "maxLength":
      return { pointer, keyword: error.keyword, message: `must have ${error.keyword === "minLength" ? "at least" : "at most"} ${String(p.limit)} characters`, expected: p.limit };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return { pointer, keyword: error.keyword, message: `must be ${String(p.comparison)} ${String(p.limit)}`, expected: p.limit };
    case "anyOf":
      return { pointer, keyword: "anyOf", message: "must match one of the allowed shapes" };
    default:
      return { pointer, keyword: error.keyword, message: `fails the "${error.keyword}" rule`, ...(p && Object.keys(p).length > 0 ? { expected: p } : {}) };
  }
}

/** Pointers that have at least one error strictly below them, and the number of errors at each
 *  pointer: computed once, so deciding what is noise stays linear in the number of errors. */
function indexErrors(errors: readonly AjvError[]): { below: Set<string>; at: Map<string, number> } {
  const below = new Set<string>();
  const at = new Map<string, number>();
  for (const { instancePath } of errors) {
    at.set(instancePath, (at.get(instancePath) ?? 0) + 1);
    for (let i = instancePath.lastIndexOf("/"); i >= 0; i = instancePath.lastIndexOf("/", i - 1)) {
      const ancestor = instancePath.slice(0, i);
      if (below.has(ancestor)) break; // its ancestors were added with it
      below.add(ancestor);
      if (i === 0) break;
    }
  }
  return { below, at };
}

/** True when `error` only restates others: an if/then summary, an anyOf summary with other errors
 *  at or below it, or the "must be null" branch of a nullable object whose contents are wrong. */
function isNoise(error: AjvError, index: ReturnType<typeof indexErrors>): boolean {
  if (error.keyword === "if") return true;
  const pointer = error.instancePath;
  if (error.keyword === "anyOf") return (index.at.get(pointer) ?? 0) > 1 || index.below.has(pointer);
  if (error.keyword === "type" && /\/anyOf\/\d+\/type$/.test(error.schemaPath)) return index.below.has(pointer);
  return false;
}

export function toIssues(errors: readonly AjvError[] | null | undefined): ValidationIssue[] {
  if (!errors) return [];
  const index = indexErrors(errors);
  const kept = errors.filter((e) => !isNoise(e, index));
  // Branches of a nullable union each report their own type: say it once, "must be object or null".
  const typesAt = new Map<string, string[]>();
  for (const e of kept) {
    if (e.keyword !== "type") continue;
    const types = Array.isArray(e.params.type) ? e.params.type.map(String) : String(e.params.type).split(",");
    typesAt.set(e.instancePath, [...new Set([...(typesAt.get(e.instancePath) ?? []), ...types])]);
  }
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of kept) {
    const merged = error.keyword === "type" ? typesAt.get(error.instancePath) : undefined;
    const issue = describe(merged ? { ...error, params: { type: merged } } : error);
    const key = `${issue.pointer}\0${issue.keyword}\0${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

/** One line per issue: `/status: must be one of: ...`. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.pointer || "(root)"}: ${i.message}`).join("\n");
}
