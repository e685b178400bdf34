// Messages between the fuzz runner and its workers.
import type { Failure } from "./checks.js";

/** Inputs `from` (inclusive) to `to` (exclusive) of one model. */
export interface Task {
  readonly model: string;
  readonly from: number;
  readonly to: number;
}

export interface TaskStats {
  inputs: number;
  /** Function calls made on the inputs (each target once per input). */
  calls: number;
  /** Inputs by how they were made. */
  byRecipe: Record<string, number>;
  /** Inputs by hostile feature (see FEATURES). */
  features: Record<string, number>;
  slowestMs: number;
  slowestIndex: number;
  slowestRecipe: string;
  /** Time spent in the calls and checks, generation excluded. */
  checkMs: number;
}

export interface FailureMessage extends Failure {
  readonly model: string;
  readonly index: number;
  readonly recipe: string;
}

export type WorkerMessage = { type: "failure"; failure: FailureMessage } | { type: "done"; task: Task; stats: TaskStats };
