// The lines of an NDJSON input validated by worker threads (--jobs N): the main thread reads,
// cuts the bytes into batches of whole lines (batches.ts) and hands each to a worker
// (validate-batch.ts); answers are reported strictly in input order, so the report, its summary
// and the exit code are byte for byte those of --jobs 1. At most two batches per worker are in
// flight: when that many wait, reading waits too (and the input's producer with it), so memory
// stays bounded whatever the input's size. An input that fits in one batch is validated right
// here, without waking a worker. A worker that fails ends the run (InternalFailure).
import { type BatchItem, createBatcher } from "./batches.js";
import { type OutcomeSink, type Tally, addTally, emptyTally } from "./check-payload.js";
import { type ParallelLines, type LinesSeen, addSeen, emptySeen, unreadableLine } from "./inputs.js";
import { bytesOf } from "./lines.js";
import { type Batch, type BatchRecord, type BatchResult, type BatchSettings, createBatchValidator } from "./validate-batch.js";
import type { WorkerPool } from "./worker-pool.js";

/** Bytes of whole lines per batch: a few milliseconds of work, so that messages cost little and
 *  the workers stay evenly busy. */
const BATCH_BYTES = 256 * 1024;
const IN_FLIGHT_PER_WORKER = 2;

export interface ParallelSetup {
  readonly pool: WorkerPool<Batch, BatchResult>;
  readonly jobs: number;
  readonly settings: BatchSettings;
  /** Where answers go, in input order. */
  readonly reporter: OutcomeSink;
  readonly summary: Tally;
}

interface Answer {
  readonly settled: Promise<void>;
  done: boolean;
  result?: BatchResult;
  error?: unknown;
}

function tooLongResult(source: string, item: Extract<BatchItem, { kind: "too-long" }>, maxLineBytes: number): BatchResult {
  const records: BatchRecord[] = [];
  const seen = emptySeen();
  unreadableLine(source, item.line, { kind: "too-long", bytes: item.bytes }, maxLineBytes, { problem: (problem) => void records.push({ problem }) }, seen);
  return { records, tally: { ...emptyTally(), errors: 1 }, seen };
}

export function createParallelLines(setup: ParallelSetup): ParallelLines {
  const { pool, settings, reporter, summary } = setup;
  const validateHere = createBatchValidator(settings);
  const limit = setup.jobs * IN_FLIGHT_PER_WORKER;

  return async (source, stream, totalBytes, sink) => {
    const batcher = createBatcher(settings.maxLineBytes, BATCH_BYTES);
    const seen: LinesSeen = emptySeen();
    const queue: Answer[] = [];
    let first = true;
    let held: Batch | undefined;

    const enqueue = (answer: Promise<BatchResult>): void => {
      const entry: Answer = {
        done: false,
        settled: answer.then(
          (result) => {
            entry.result = result;
            entry.done = true;
          },
          (error: unknown) => {
            entry.error = error;
            entry.done = true;
          },
        ),
      };
      queue.push(entry);
    };
    const send = (batch: Batch): void => enqueue(pool.run(batch, [batch.bytes.buffer as ArrayBuffer]));
    /** Reports the oldest answer (it has come). */
    const report = (): void => {
      const entry = queue.shift()!;
      if (entry.error !== undefined) throw entry.error;
      const result = entry.result!;
      addTally(summary, result.tally);
      addSeen(seen, result.seen);
      for (const record of result.records) {
        if ("payload" in record) reporter.payload(record.payload);
        else reporter.problem(record.problem);
      }
    };
    const reportArrived = (): void => {
      while (queue.length > 0 && queue[0]!.done && !sink.stopped()) report();
    };
    const submit = async (item: BatchItem): Promise<void> => {
      if (held !== undefined) {
        send(held);
        held = undefined;
      }
      if (item.kind === "too-long") enqueue(Promise.resolve(tooLongResult(source, item, settings.maxLineBytes)));
      else {
        const batch: Batch = { source, firstLine: item.firstLine, bytes: item.bytes };
        // The first batch waits to see whether a second comes: alone, it is validated here.
        if (first) held = batch;
        else send(batch);
      }
      first = false;
      reportArrived();
      while (queue.length >= limit && !sink.stopped()) {
        await queue[0]!.settled;
        report();
      }
    };

    let bytes = 0;
    for await (const piece of stream) {
      const chunk = bytesOf(piece);
      bytes += chunk.byteLength;
      for (const item of batcher.push(chunk)) {
        await submit(item);
        if (sink.stopped()) return seen;
      }
      reportArrived();
      await sink.progress(source, bytes, totalBytes);
      if (sink.stopped()) return seen;
    }
    for (const item of batcher.end()) await submit(item);
    if (held !== undefined) enqueue(validateHere(held));
    while (queue.length > 0 && !sink.stopped()) {
      await queue[0]!.settled;
      report();
    }
    return seen;
  };
}
