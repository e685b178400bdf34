// The runtime every generated model validator shares: run the compiled strict or tolerant code,
// turn errors into issues, never throw (except assert, by design). A generated guard answers
// "valid?" first; Ajv's code (which collects every error) only runs for payloads the guard rejects.
// What is judged is the payload's JSON view (see json-view.ts): exactly what JSON.stringify would
// send, read once; `value` of a valid result is that view.
import type { CompiledGuard, CompiledValidator } from "./compiled.js";
import { PayloadValidationError } from "./errors.js";
import { type CrossFieldRules, MAX_ISSUES, type ValidationIssue, toIssues } from "./issues.js";
import { type Copier, PARSED_JSON, jsonView } from "./json-view.js";
import { acceptedValueWarning } from "./warnings.js";

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
 *  returns issues for a payload that already passed the schema, given as its JSON view (plain
 *  objects and arrays of own data properties: nothing to guard against when reading it). */
export type SemanticCheck = (value: unknown) => readonly ValidationIssue[];

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

/** The generated fast paths of a model: its guards (see CompiledGuard; a mode without one runs
 *  Ajv's code alone) and the copier of its JSON view (see Copier; without one, the generic copy). */
export interface FastPaths {
  readonly strict?: CompiledGuard | undefined;
  readonly tolerant?: CompiledGuard | undefined;
  readonly view?: Copier | undefined;
}

const EMPTY: readonly ValidationIssue[] = Object.freeze([]);

/** True when the guard accepts the payload. A guard that throws (a getter, a Proxy trap) decides
 *  nothing: the caller then runs Ajv's code, which reports the payload as unreadable if it throws too. */
function passes(guard: CompiledGuard | undefined, data: unknown): boolean {
  if (guard === undefined) return false;
  try {
    return guard(data);
  } catch {
    return false;
  }
}

function unreadable(error: unknown): ValidationIssue[] {
  let detail: string;
  try {
    detail = error instanceof Error ? error.message : String(error);
  } catch {
    detail = "unknown error";
  }
  return [{ pointer: "", keyword: "unreadable", message: `payload could not be read: ${detail}` }];
}

function run(compiled: CompiledValidator, data: unknown, rules: CrossFieldRules | undefined): readonly ValidationIssue[] {
  if (compiled(data)) return EMPTY;
  return toIssues(compiled.errors, rules);
}

/** Strict mode's enum issues on a payload tolerant mode accepted, as warnings. Only enum errors
 *  become warnings, and an enum error's issue depends on no other error (it is never noise, merges
 *  with nothing, repeats only another enum issue), so the others are dropped before toIssues, which
 *  would describe them for nothing (a provider's new fields are one unknown property each). Past
 *  MAX_ISSUES errors the issue cap counts every error: the whole list goes through then. */
function unknownEnumValues(strict: CompiledValidator, data: unknown, rules: CrossFieldRules | undefined): readonly ValidationIssue[] {
  if (strict(data)) return EMPTY;
  const errors = strict.errors;
  if (!errors) return EMPTY;
  const issues = toIssues(errors.length > MAX_ISSUES ? errors : errors.filter((e) => e.keyword === "enum"), rules);
  const warnings: ValidationIssue[] = [];
  for (const issue of issues) if (issue.keyword === "enum") warnings.push(acceptedValueWarning(issue, data));
  return warnings;
}

export function createModelValidators<T, Tolerant>(
  model: string,
  strict: CompiledValidator,
  tolerant: CompiledValidator,
  checks: readonly SemanticCheck[] = [],
  fast: FastPaths = {},
  rules?: CrossFieldRules,
): ModelValidators<T, Tolerant> {
  const semantic = (value: unknown): readonly ValidationIssue[] => {
    let found: ValidationIssue[] | undefined;
    for (const check of checks) {
      const issues = check(value);
      if (issues.length > 0) (found ??= []).push(...issues);
    }
    return found ?? EMPTY;
  };
  const copier = fast.view;
  const strictIssues = (data: unknown): readonly ValidationIssue[] => (passes(fast.strict, data) ? EMPTY : run(strict, data, rules));

  function validate(input: unknown, options?: ValidateOptions): ValidationResult<T | Tolerant> {
    try {
      const data = (options as { [PARSED_JSON]?: boolean } | undefined)?.[PARSED_JSON] === true ? input : jsonView(input, copier);
      if (options?.mode === "tolerant") {
        const tolerantValid = passes(fast.tolerant, data);
        const issues = tolerantValid ? EMPTY : run(tolerant, data, rules);
        if (issues.length > 0) return { ok: false, issues, warnings: EMPTY };
        // Whatever strict mode objects to in a payload tolerant mode accepted is an unknown enum
        // value or an unknown property; the enum values are what a consumer should hear about.
        // (When tolerant mode's fast path is the strict guard, its answer is already known.)
        const strictValid = fast.tolerant === fast.strict ? tolerantValid : passes(fast.strict, data);
        const unknownValues = strictValid ? EMPTY : unknownEnumValues(strict, data, rules);
        const drift = semantic(data);
        const warnings = unknownValues.length === 0 && drift.length === 0 ? EMPTY : [...unknownValues, ...drift];
        return { ok: true, value: data as Tolerant, warnings };
      }
      const issues = strictIssues(data);
      if (issues.length > 0) return { ok: false, issues, warnings: EMPTY };
      const drift = semantic(data);
      if (drift.length > 0) return { ok: false, issues: drift, warnings: EMPTY };
      return { ok: true, value: data as T, warnings: EMPTY };
    } catch (error) {
      return { ok: false, issues: unreadable(error), warnings: EMPTY };
    }
  }

  // The guard gives Ajv's answer on every input, so a rejection needs no second opinion; only a
  // guard that throws (or is missing) sends the payload through validate.
  const guard = fast.strict;
  const is =
    guard === undefined
      ? (data: unknown): data is T => validate(data).ok
      : (input: unknown): input is T => {
          let data: unknown;
          try {
            data = jsonView(input, copier);
          } catch {
            return false; // JSON.stringify would refuse it too
          }
          let valid: boolean;
          try {
            valid = guard(data);
          } catch {
            return validate(data).ok;
          }
          if (!valid) return false;
          try {
            for (const check of checks) if (check(data).length > 0) return false;
            return true;
          } catch {
            return false;
          }
        };
  const assert = (data: unknown): asserts data is T => {
    const result = validate(data);
    if (!result.ok) throw new PayloadValidationError(model, result.issues);
  };
  return { validate: validate as ModelValidators<T, Tolerant>["validate"], is, assert };
}
