// The fuzz runner: splits each model's inputs into tasks for worker threads and watches them. A
// worker that makes no progress on one input for `hangMs` is stopped and that input reported as a
// hang (its index replays it); a worker that dies is reported as a crash. Either way the run goes on
// with a fresh worker from the next input.
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { FULL_SIZE, type InputOptions } from "./inputs.js";
import type { FailureMessage, Task, TaskStats, WorkerMessage } from "./protocol.js";

export interface FuzzOptions {
  readonly models: readonly string[];
  /** Inputs per model. */
  readonly runs: number;
  readonly seed: number;
  readonly workers: number;
  /** No progress on one input for this long is a hang. */
  readonly hangMs: number;
  readonly size?: InputOptions;
  readonly taskSize?: number;
  /** Heap limit of each worker: a runaway allocation is a crash, not the machine's problem. */
  readonly workerHeapMb?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** The worker module (file URL); tests of the runner pass a misbehaving one. */
  readonly workerEntry?: string;
}

export interface ModelReport extends TaskStats {
  /** Inputs whose stats were lost with a hung or crashed worker (they were run all the same). */
  unreported: number;
}

export interface FuzzReport {
  readonly models: Record<string, ModelReport>;
  /** Every failure, up to a cap; `failureCount` has them all. */
  readonly failures: FailureMessage[];
  readonly failureCount: number;
  readonly elapsedMs: number;
}

const MAX_FAILURES_KEPT = 200;
const BOOT = fileURLToPath(new URL("./boot.mjs", import.meta.url));
const ENTRY = new URL("./worker.ts", import.meta.url).href;

function emptyStats(): ModelReport {
  return { inputs: 0, calls: 0, byRecipe: {}, features: {}, slowestMs: 0, slowestIndex: -1, slowestRecipe: "", checkMs: 0, unreported: 0 };
}

function merge(into: ModelReport, stats: TaskStats): void {
  into.inputs += stats.inputs;
  into.calls += stats.calls;
  into.checkMs += stats.checkMs;
  for (const [recipe, n] of Object.entries(stats.byRecipe)) into.byRecipe[recipe] = (into.byRecipe[recipe] ?? 0) + n;
  for (const [feature, n] of Object.entries(stats.features)) into.features[feature] = (into.features[feature] ?? 0) + n;
  if (stats.slowestMs > into.slowestMs) Object.assign(into, { slowestMs: stats.slowestMs, slowestIndex: stats.slowestIndex, slowestRecipe: stats.slowestRecipe });
}

export function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const taskSize = options.taskSize ?? 2000;
  const queue: Task[] = [];
  for (const model of options.models) {
    for (let from = 0; from < options.runs; from += taskSize) queue.push({ model, from, to: Math.min(options.runs, from + taskSize) });
  }
  const total = options.models.length * options.runs;
  const models: Record<string, ModelReport> = Object.fromEntries(options.models.map((m) => [m, emptyStats()]));
  const failures: FailureMessage[] = [];
  let failureCount = 0;
  let done = 0;
  const record = (failure: FailureMessage) => {
    failureCount++;
    if (failures.length < MAX_FAILURES_KEPT) failures.push(failure);
  };

  return new Promise<FuzzReport>((resolve, reject) => {
    interface Slot {
      worker: Worker;
      counters: Int32Array;
      task?: Task;
      seen: number;
      lastProgress: number;
      stopping: boolean;
    }
    const slots = new Set<Slot>();

    const finish = () => {
      clearInterval(watchdog);
      resolve({ models, failures, failureCount, elapsedMs: performance.now() - started });
    };

    const next = (slot: Slot) => {
      const task = queue.shift();
      if (!task) {
        slot.task = undefined;
        slot.stopping = true;
        void slot.worker.terminate();
        slots.delete(slot);
        if (slots.size === 0) finish();
        return;
      }
      slot.task = task;
      slot.lastProgress = performance.now();
      slot.worker.postMessage(task);
    };

    /** The worker stopped inside its task: report the input, continue after it with a new worker. */
    const abandon = (slot: Slot, kind: "hang" | "crash", detail: string) => {
      if (slot.stopping) return;
      slot.stopping = true;
      slots.delete(slot);
      void slot.worker.terminate();
      const task = slot.task;
      if (task) {
        const index = Math.max(task.from, Math.min(task.to - 1, Atomics.load(slot.counters, 1)));
        record({ kind, target: "(worker)", detail, model: task.model, index, recipe: "(replay the index to see it)" });
        models[task.model]!.unreported += index - task.from + 1;
        done += index - task.from + 1;
        if (index + 1 < task.to) queue.unshift({ model: task.model, from: index + 1, to: task.to });
      }
      spawn();
    };

    const spawn = () => {
      if (queue.length === 0) {
        if (slots.size === 0) finish();
        return;
      }
      const progress = new SharedArrayBuffer(8);
      const worker = new Worker(BOOT, {
        workerData: { entry: options.workerEntry ?? ENTRY, seed: options.seed, size: options.size ?? FULL_SIZE, progress },
        resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb ?? 2048 },
        stdout: false,
        stderr: false,
      });
      const slot: Slot = { worker, counters: new Int32Array(progress), seen: 0, lastProgress: performance.now(), stopping: false };
      slots.add(slot);
      worker.on("message", (message: WorkerMessage) => {
        if (message.type === "failure") return record(message.failure);
        merge(models[message.task.model]!, message.stats);
        done += message.stats.inputs;
        options.onProgress?.(done, total);
        next(slot);
      });
      worker.on("error", (error) => abandon(slot, "crash", `worker died: ${error.message}`));
      worker.on("exit", (code) => abandon(slot, "crash", `worker exited with code ${code}`));
      worker.once("online", () => next(slot));
    };

    // Progress is counted per input: a counter that stays put for hangMs means one input has been
    // running that long. (Start-up, before the first task, is not timed.)
    const watchdog = setInterval(() => {
      const now = performance.now();
      for (const slot of [...slots]) {
        if (!slot.task) continue;
        const seen = Atomics.load(slot.counters, 0);
        if (seen !== slot.seen) {
          slot.seen = seen;
          slot.lastProgress = now;
        } else if (now - slot.lastProgress > options.hangMs && seen > 0) {
          abandon(slot, "hang", `no progress for ${Math.round(now - slot.lastProgress)} ms on one input`);
        } else if (now - slot.lastProgress > Math.max(options.hangMs, 120_000)) {
          abandon(slot, "hang", "the worker never started its task");
        }
      }
    }, 100);

    try {
      for (let i = 0; i < Math.min(options.workers, queue.length); i++) spawn();
    } catch (error) {
      clearInterval(watchdog);
      reject(error);
    }
  });
}
