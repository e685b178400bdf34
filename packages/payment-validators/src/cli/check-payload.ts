// What payment-validate does with one parsed payload: find its model (--model, else inferred from
// its keys), judge its int64 digits, validate it, count it, and report it when it has something to
// say. The same function runs on the main thread (--jobs 1, small inputs) and in every worker, so
// a payload gets the same verdict and the same words whichever thread checks it.
import { validatorsByModel } from "../index.js";
import type { ValidateOptions, ValidationResult } from "../create.js";
import { PARSED_JSON } from "../json-view.js";
import { int64Fields, modelProperties } from "../generated/shapes.js";
import { type ModelInference, createModelInference } from "./infer-model.js";
import { checkInt64Digits, holdsUnsafeInt64, int64Paths, unsafeIntegersOf } from "./int64.js";
import type { InputProblem, Location, PayloadOutcome } from "./report.js";

/** How payloads are judged: the same for every thread of one run. */
export interface CheckOptions {
  readonly model: string | undefined;
  readonly tolerant: boolean;
}

/** The counts a run sums up (the summary, less its sources). */
export interface Tally {
  payloads: number;
  valid: number;
  invalid: number;
  warnings: number;
  errors: number;
}

/** Where outcomes go: the reporter, or a worker's list of records for the main thread. */
export interface OutcomeSink {
  payload(outcome: PayloadOutcome): void;
  problem(problem: InputProblem): void;
}

/** Judges one parsed payload; `text` is the JSON it was parsed from (see PayloadSink.payload). */
export type PayloadCheck = (value: unknown, source: string, line: number | undefined, index: number | undefined, text: string) => void;

type Validate = (data: unknown, options?: ValidateOptions) => ValidationResult<unknown>;

export function emptyTally(): Tally {
  return { payloads: 0, valid: 0, invalid: 0, warnings: 0, errors: 0 };
}

export function addTally(into: Tally, from: Tally): void {
  into.payloads += from.payloads;
  into.valid += from.valid;
  into.invalid += from.invalid;
  into.warnings += from.warnings;
  into.errors += from.errors;
}

export function locate(source: string, line: number | undefined, index: number | undefined): Location {
  return { source, ...(line !== undefined ? { line } : {}), ...(index !== undefined ? { index } : {}) };
}

// The schemas' model inference and int64 paths, built once: a worker makes a check for every batch it gets.
const infer = createModelInference(modelProperties);
const int64PathsByModel = new Map(Object.entries(int64Fields).map(([model, fields]) => [model, int64Paths(fields)]));

export function createPayloadCheck(options: CheckOptions, tally: Tally, sink: OutcomeSink): PayloadCheck {
  const validators = validatorsByModel as unknown as Readonly<Record<string, Validate>>;
  // Payloads come straight from JSON.parse: the validators need not copy them (see json-view.ts).
  const validateOptions = { mode: options.tolerant ? "tolerant" : "strict", [PARSED_JSON]: true } as ValidateOptions;
  const given: ModelInference | undefined = options.model ? { ok: true, model: options.model } : undefined;
  return (value, source, line, index, text) => {
    const inferred = given ?? infer(value);
    if (!inferred.ok) {
      tally.errors++;
      sink.problem({ ...locate(source, line, index), message: inferred.message });
      return;
    }
    const paths = int64PathsByModel.get(inferred.model);
    const digitIssues = paths !== undefined && holdsUnsafeInt64(value, paths) ? checkInt64Digits(value, unsafeIntegersOf(text, index), int64Fields[inferred.model]!) : undefined;
    const result = validators[inferred.model]!(value, validateOptions);
    const issues = digitIssues === undefined || digitIssues.length === 0 ? (result.ok ? undefined : result.issues) : [...digitIssues, ...(result.ok ? [] : result.issues)];
    tally.payloads++;
    tally.warnings += result.warnings.length;
    if (issues === undefined) tally.valid++;
    else tally.invalid++;
    // Only payloads with something to say get an outcome object: most payloads are valid, and
    // this runs for every line of a large file. It is a plain literal (a line or index it lacks is
    // undefined, which the reporters skip), not a spread of locate(): with the spread, the issues
    // of every invalid payload outlived two young collections (--trace-gc-nvp: promoted bytes
    // rising with the payloads read), so V8 kept growing the young generation, and the peak
    // memory grew with the file's size; with the literal they die young.
    if (issues === undefined && result.warnings.length === 0) return;
    sink.payload({ source, line, index, model: inferred.model, valid: issues === undefined, issues: issues ?? [], warnings: result.warnings });
  };
}
