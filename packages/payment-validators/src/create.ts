// The runtime every generated model validator shares: run the compiled strict or tolerant code,
// turn errors into issues, never throw (except assert, by design).
import type { CompiledValidator } from "./compiled.js";
import { PayloadValidationError } from "./errors.js";
import { type ValidationIssue, toIssues } from "./issues.js";

export type ValidationMode = "strict" | "tolerant";
export interface ValidateOptions {
  /** "strict" (default): exactly the schema. "tolerant": unknown properties and unknown values of
   *  provider-extensible enums are accepted; unknown enum values come back as warnings. */
  readonly mode?: ValidationMode;
}

export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly ValidationIssue[] }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[]; readonly warnings: readonly ValidationIssue[] };

/** Checks the schema's annotations ask for beyond JSON Schema (e.g. legacy-field drift): each
 *  returns issues for a payload that already passed the schema. */
export type SemanticCheck = (value: unknown) => ValidationIssue[];

export interface ModelValidators<T, Tolerant> {
  validate: {
    (data: unknown): ValidationResult<T>;
    (data: unknown, options: { readonly mode: "strict" }): ValidationResult<T>;
    (data: unknown, options: { readonly mode: "tolerant" }): ValidationResult<Tolerant>;
    (data: unknown, options?: ValidateOptions): ValidationResult<T | Tolerant>;
  };
  is: (data: unknown) => data is T;
  assert: (data: unknown) => asserts data is T;
}

const EMPTY: readonly ValidationIssue[] = Object.freeze([]);

function unreadable(error: unknown): ValidationIssue[] {
  let detail: string;
  try {
    detail = error instanceof Error ? error.message : String(error);
  } catch {
    detail = "unknown error";
  }
  return [{ pointer: "", keyword: "unreadable", message: `payload could not be read: ${detail}` }];
}

function run(compiled: CompiledValidator, data: unknown): readonly ValidationIssue[] {
  if (compiled(data)) return EMPTY;
  return toIssues(compiled.errors);
}

export function createModelValidators<T, Tolerant>(
  model: string,
  strict: CompiledValidator,
  tolerant: CompiledValidator,
  checks: readonly SemanticCheck[] = [],
): ModelValidators<T, Tolerant> {
  const semantic = (value: unknown): ValidationIssue[] => checks.flatMap((check) => check(value));

  function validate(data: unknown, options?: ValidateOptions): ValidationResult<T | Tolerant> {
    try {
      if (options?.mode === "tolerant") {
        const issues = run(tolerant, data);
        if (issues.length > 0) return { ok: false, issues, warnings: EMPTY };
        // Whatever strict mode objects to in a payload tolerant mode accepted is an unknown enum
        // value or an unknown property; the enum values are what a consumer should hear about.
        const warnings = run(strict, data).filter((i) => i.keyword === "enum");
        return { ok: true, value: data as Tolerant, warnings: [...warnings, ...semantic(data)] };
      }
      const issues = run(strict, data);
      if (issues.length > 0) return { ok: false, issues, warnings: EMPTY };
      const drift = semantic(data);
      if (drift.length > 0) return { ok: false, issues: drift, warnings: EMPTY };
      return { ok: true, value: data as T, warnings: EMPTY };
    } catch (error) {
      return { ok: false, issues: unreadable(error), warnings: EMPTY };
    }
  }

  const is = (data: unknown): data is T => validate(data).ok;
  const assert = (data: unknown): asserts data is T => {
    const result = validate(data);
    if (!result.ok) throw new PayloadValidationError(model, result.issues);
  };
  return { validate: validate as ModelValidators<T, Tolerant>["validate"], is, assert };
}
