// What payment-validate says about each payload, in its two formats. Both write as they go (the
// JSON report too: it is one document, streamed), so output never piles up in memory; only
// payloads with something to say are written, every payload is counted.
import type { ValidationIssue } from "../issues.js";
import type { OutputFormat } from "./args.js";
import type { Output } from "./output.js";

/** Where a payload (or an input problem) is: file, and line (NDJSON) or index (JSON array). */
export interface Location {
  readonly source: string;
  readonly line?: number;
  readonly column?: number;
  readonly index?: number;
}

export interface PayloadOutcome extends Location {
  readonly model: string;
  readonly valid: boolean;
  readonly issues: readonly ValidationIssue[];
  readonly warnings: readonly ValidationIssue[];
}

export interface InputProblem extends Location {
  readonly message: string;
}

export interface Summary {
  sources: number;
  payloads: number;
  valid: number;
  invalid: number;
  warnings: number;
  errors: number;
}

export interface Reporter {
  payload(outcome: PayloadOutcome): void;
  problem(problem: InputProblem): void;
  finish(summary: Summary, exitCode: number): void;
}

export interface ReportHeader {
  readonly version: string;
  readonly schemaSetHash: string | undefined;
  readonly mode: "strict" | "tolerant";
}

function where(location: Location): string {
  const name = location.source === "-" ? "<stdin>" : location.source;
  if (location.line !== undefined) return `${name}:${location.line}${location.column !== undefined ? `:${location.column}` : ""}`;
  if (location.index !== undefined) return `${name}[${location.index}]`;
  return name;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function issueLines(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `  ${issue.pointer || "(root)"}: ${issue.message} [${issue.keyword}]\n`).join("");
}

function prettyReporter(out: Output): Reporter {
  return {
    payload(outcome) {
      if (!outcome.valid) out.write(`${where(outcome)}: invalid ${outcome.model} (${plural(outcome.issues.length, "issue")})\n${issueLines(outcome.issues)}`);
      else if (outcome.warnings.length > 0) out.write(`${where(outcome)}: valid ${outcome.model}, ${plural(outcome.warnings.length, "warning")}\n${issueLines(outcome.warnings)}`);
    },
    problem(problem) {
      out.write(`${where(problem)}: error: ${problem.message}\n`);
    },
    finish(summary) {
      const parts = [`${summary.valid} valid`, `${summary.invalid} invalid`];
      if (summary.warnings > 0) parts.push(plural(summary.warnings, "warning"));
      if (summary.errors > 0) parts.push(plural(summary.errors, "input error"));
      out.write(`${plural(summary.payloads, "payload")} in ${plural(summary.sources, "source")}: ${parts.join(", ")}\n`);
    },
  };
}

// Each result is a plain literal whose line, column or index may be undefined (JSON.stringify
// leaves those out), not spreads of the location: see the outcome in check-payload.ts.
function jsonReporter(out: Output, header: ReportHeader): Reporter {
  let first = true;
  const item = (value: unknown): void => {
    out.write(`${first ? "\n" : ",\n"}${JSON.stringify(value)}`);
    first = false;
  };
  out.write(`{"tool":"payment-validate","version":${JSON.stringify(header.version)},"schemaSetHash":${JSON.stringify(header.schemaSetHash ?? null)},"mode":${JSON.stringify(header.mode)},"results":[`);
  return {
    payload(outcome) {
      if (outcome.valid && outcome.warnings.length === 0) return;
      item({ source: outcome.source, line: outcome.line, column: outcome.column, index: outcome.index, model: outcome.model, status: outcome.valid ? "valid" : "invalid", issues: outcome.issues, warnings: outcome.warnings });
    },
    problem(problem) {
      item({ source: problem.source, line: problem.line, column: problem.column, index: problem.index, status: "error", message: problem.message });
    },
    finish(summary, exitCode) {
      out.write(`${first ? "" : "\n"}],"summary":${JSON.stringify(summary)},"exitCode":${exitCode}}\n`);
    },
  };
}

export function createReporter(format: OutputFormat, out: Output, header: ReportHeader): Reporter {
  return format === "json" ? jsonReporter(out, header) : prettyReporter(out);
}
