// One fuzz worker: runs the inputs of the tasks it is sent, reporting progress through shared memory
// (so that the parent can spot a hang without the worker's help) and failures as they happen.
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { type Failure, type ModelChecker, createChecker, describe } from "./checks.js";
import { FEATURES, type InputOptions, InputSource } from "./inputs.js";
import { builtinsSnapshot, changedBuiltins, prototypeKeyCounts } from "./invariants.js";
import type { FailureMessage, Task, TaskStats, WorkerMessage } from "./protocol.js";

const { seed, size, progress } = workerData as { seed: number; size: InputOptions; progress: SharedArrayBuffer };
/** [0]: inputs started so far (only grows), [1]: index of the input being checked. */
const counters = new Int32Array(progress);
const FULL_CHECK_EVERY = 256;

const checkers = new Map<string, { checker: ModelChecker; source: InputSource }>();
let builtins: ReturnType<typeof builtinsSnapshot> | undefined;
let keyCounts = 0;

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

function setUp(model: string) {
  let entry = checkers.get(model);
  if (!entry) {
    entry = { checker: createChecker(model), source: new InputSource(model, seed, size) };
    checkers.set(model, entry);
    // Warm every function up before taking the reference snapshot of the built-ins: first calls
    // may initialise lazily defined globals.
    entry.checker.check({ value: {}, recipe: "warm-up", stable: true }, 0);
    builtins = builtinsSnapshot();
    keyCounts = prototypeKeyCounts();
  }
  return entry;
}

function runTask(task: Task): TaskStats {
  const { checker, source } = setUp(task.model);
  const stats: TaskStats = { inputs: 0, calls: 0, byRecipe: {}, features: {}, slowestMs: 0, slowestIndex: -1, slowestRecipe: "", checkMs: 0 };
  const report = (index: number, recipe: string, failures: readonly Failure[]) => {
    for (const failure of failures) post({ type: "failure", failure: { ...failure, model: task.model, index, recipe } satisfies FailureMessage });
  };
  let lastFullCheck = task.from;
  const fullCheck = (index: number) => {
    const after = builtinsSnapshot();
    const changed = changedBuiltins(builtins!, after);
    if (changed.length > 0) {
      report(index, `one of the inputs ${lastFullCheck}..${index}`, [{ kind: "pollution", target: "(all)", detail: `changed: ${changed.join(", ")}` }]);
      builtins = after;
    }
    lastFullCheck = index + 1;
  };
  for (let index = task.from; index < task.to; index++) {
    Atomics.store(counters, 1, index);
    Atomics.add(counters, 0, 1);
    const input = source.at(index);
    const category = input.recipe.split(":")[0]!;
    stats.byRecipe[category] = (stats.byRecipe[category] ?? 0) + 1;
    for (const [label, recipe] of FEATURES) if (recipe.test(input.recipe)) stats.features[label] = (stats.features[label] ?? 0) + 1;
    const started = performance.now();
    let failures: Failure[];
    try {
      failures = checker.check(input, index);
    } catch (error) {
      failures = [{ kind: "throw", target: "(fuzz harness)", detail: describe(error) }];
    }
    const ms = performance.now() - started;
    stats.checkMs += ms;
    if (ms > stats.slowestMs) Object.assign(stats, { slowestMs: ms, slowestIndex: index, slowestRecipe: input.recipe });
    stats.inputs++;
    stats.calls += checker.targets.length;
    const counts = prototypeKeyCounts();
    if (counts !== keyCounts) {
      failures.push({ kind: "pollution", target: "(all)", detail: "a key was added to or removed from Object.prototype, Array.prototype or Function.prototype" });
      keyCounts = counts;
    }
    if (failures.length > 0) report(index, input.recipe, failures);
    if ((index - task.from + 1) % FULL_CHECK_EVERY === 0) fullCheck(index);
  }
  fullCheck(task.to - 1);
  return stats;
}

parentPort!.on("message", (task: Task) => {
  post({ type: "done", task, stats: runTask(task) });
});
