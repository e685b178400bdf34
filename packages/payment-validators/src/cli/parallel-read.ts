// The lines of an NDJSON input validated by worker threads (--jobs N): the main thread reads,
// cuts the bytes into batches of whole lines (batches.ts) and hands each to a worker
// (validate-batch.ts); answers are reported strictly in input order, as soon as they come, so the
// report, its summary and the exit code are byte for byte those of --jobs 1. At most four batches
// per worker are in flight: when that many wait, reading waits too (and the input's producer with
// it), so memory stays bounded whatever the input's size. A first batch that its chunk gives alone
// is validated right here: an input that fits in one batch never wakes a worker. A worker that
// fails ends the run (InternalFailure).
import { type BatchItem, createBatcher } from "./batches.js";
import { type OutcomeSink, type Tally, addTally, emptyTally } from "./check-payload.js";
import { type ParallelLines, type LinesSeen, addSeen, emptySeen, unreadableLine } from "./inputs.js";
import { bytesOf } from "./lines.js";
import { type Batch, type BatchRecord, type BatchResult, type BatchSettings, createBatchValidator } from "./validate-batch.js";
import type { WorkerPool } from "./worker-pool.js";

/** Bytes of whole lines per batch: a few milliseconds of work, so that messages cost little and
 *  the workers stay evenly busy. */
const BATCH_BYTES = 256 * 1024;
/** Batches in flight per worker. Reading waits for the oldest answer (the report goes in input
 *  order), so with two a worker often ran dry while the main thread waited on the other one:
 *  each worker sat idle about a fifth of a 1M-payload --jobs 2 run; with four, a few hundredths. */
const IN_FLIGHT_PER_WORKER = 4;

export interface ParallelSetup {
  readonly pool: WorkerPool<Batch, BatchResult>;
  readonly jobs: number;
  readonly settings: BatchSettings;
  /** Where answers go, in input order. */
  readonly reporter: OutcomeSink;
  readonly summary: Tally;
  /** Hands what the reporter wrote to the output (after answers that came between reads). */
  readonly flush: () => void;
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
    let finished = false;

    /** Reports the answers that have come, oldest first, up to one still awaited or failed. Runs
     *  as each answer comes, so a slow stream's report goes out as its lines do. */
    const reportArrived = (): void => {
      let reported = false;
      while (!finished && queue.length > 0 && queue[0]!.done && queue[0]!.error === undefined && !sink.stopped()) {
        const result = queue.shift()!.result!;
        addTally(summary, result.tally);
        addSeen(seen, result.seen);
        for (const record of result.records) {
          if ("payload" in record) reporter.payload(record.payload);
          else reporter.problem(record.problem);
        }
        reported = true;
      }
      if (reported) setup.flush();
    };
    const enqueue = (answer: Promise<BatchResult>): void => {
      const entry: Answer = {
        done: false,
        settled: answer.then(
          (result) => {
            entry.result = result;
            entry.done = true;
            reportArrived();
          },
          (error: unknown) => {
            entry.error = error;
            entry.done = true;
          },
        ),
      };
      queue.push(entry);
    };
    /** Waits for the oldest answer; a worker's failure ends the run here. */
    const awaitOldest = async (): Promise<void> => {
      const oldest = queue[0]!;
      await oldest.settled;
      if (oldest.error !== undefined) throw oldest.error;
      reportArrived();
    };
    /** `alone`: the item is all that its chunk (or the end) gave. */
    const submit = async (item: BatchItem, alone: boolean): Promise<void> => {
      if (item.kind === "too-long") enqueue(Promise.resolve(tooLongResult(source, item, settings.maxLineBytes)));
      else {
        const batch: Batch = { source, firstLine: item.firstLine, bytes: item.bytes };
        // The first batch is validated here when its chunk gave no other: an input that has no
        // other never wakes a worker. A first chunk of several batches goes to the workers whole,
        // so they start at once rather than after this thread has validated the first one.
        if (first && alone) enqueue(validateHere(batch));
        else enqueue(pool.run(batch, [batch.bytes.buffer as ArrayBuffer]));
        first = false;
      }
      while (queue.length >= limit && !sink.stopped()) await awaitOldest();
    };

    try {
      let bytes = 0;
      for await (const piece of stream) {
        const chunk = bytesOf(piece);
        bytes += chunk.byteLength;
        const items = batcher.push(chunk);
        for (const item of items) {
          await submit(item, items.length === 1);
          if (sink.stopped()) return seen;
        }
        await sink.progress(source, bytes, totalBytes);
        if (sink.stopped()) return seen;
      }
      const last = batcher.end();
      for (const item of last) await submit(item, last.length === 1);
      while (queue.length > 0 && !sink.stopped()) await awaitOldest();
      return seen;
    } finally {
      // Answers still coming (the run stopped or failed) are not reported.
      finished = true;
    }
  };
}
