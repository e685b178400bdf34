import { type ValidationIssue, formatIssues } from "./issues.js";

/** Thrown by `assertX` (and only there) when a payload is invalid; `.issues` lists every problem. */
export class PayloadValidationError extends Error {
  readonly issues: readonly ValidationIssue[];
  readonly model: string;

  constructor(model: string, issues: readonly ValidationIssue[]) {
    super(`Invalid ${model} payload (${issues.length} issue${issues.length === 1 ? "" : "s"}):\n${formatIssues(issues)}`);
    this.name = "PayloadValidationError";
    this.model = model;
    this.issues = issues;
  }
}
