// One batch of NDJSON lines (batches.ts) validated as readLines validates lines in NDJSON mode:
// split, checked for UTF-8, parsed, checked; what it found comes back as records in input order,
// with the counts, for the main thread to report. This is what each worker thread runs (--jobs);
// the main thread runs it too, on an input that fits in one batch.
import { parentPort } from "node:worker_threads";
import { type CheckOptions, type Tally, createPayloadCheck, emptyTally } from "./check-payload.js";
import { type LinesSeen, emptySeen, ndjsonLine, unreadableLine } from "./inputs.js";
import { forEachLine } from "./lines.js";
import type { InputProblem, PayloadOutcome } from "./report.js";

export interface BatchSettings extends CheckOptions {
  readonly maxLineBytes: number;
}

export interface Batch {
  readonly source: string;
  readonly firstLine: number;
  readonly bytes: Uint8Array;
}

/** What a batch's lines said, in their order. */
export type BatchRecord = { readonly payload: PayloadOutcome } | { readonly problem: InputProblem };

export interface BatchResult {
  readonly records: readonly BatchRecord[];
  readonly tally: Tally;
  readonly seen: LinesSeen;
}

/** Marks the worker threads payment-validate starts (its bin is also their entry). */
export const WORKER_ROLE = "payment-validate:batches";

export interface WorkerSettings extends BatchSettings {
  readonly role: typeof WORKER_ROLE;
}

export function createBatchValidator(settings: BatchSettings): (batch: Batch) => Promise<BatchResult> {
  return async (batch) => {
    const records: BatchRecord[] = [];
    const tally = emptyTally();
    const seen = emptySeen();
    const outcomes = {
      payload: (payload: PayloadOutcome) => void records.push({ payload }),
      problem: (problem: InputProblem) => void records.push({ problem }),
    };
    const check = createPayloadCheck(settings, tally, outcomes);
    const sink = {
      payload: check,
      problem(problem: InputProblem) {
        tally.errors++;
        outcomes.problem(problem);
      },
    };
    await forEachLine(
      [batch.bytes],
      {
        line: (text, line) => ndjsonLine(batch.source, text, line, sink, seen),
        problem: (line, problem) => unreadableLine(batch.source, line, problem, settings.maxLineBytes, sink, seen),
      },
      { maxLineBytes: settings.maxLineBytes, firstLine: batch.firstLine },
    );
    return { records, tally, seen };
  };
}

/** A worker's life: validate each batch the main thread sends, answer with its result. */
export function serveBatches(settings: BatchSettings): void {
  const validate = createBatchValidator(settings);
  parentPort!.on("message", (message: { id: number; task: Batch }) => {
    // A failure here is a bug: left uncaught, it ends the worker, and the main thread the run.
    void validate(message.task).then((result) => parentPort!.postMessage({ id: message.id, result }));
  });
}
