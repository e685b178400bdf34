// A fuzz worker that gets stuck for good on input 3 (of any model) and dies on input 7 of the model
// "crashing": what the runner must notice and survive.
import { parentPort, workerData } from "node:worker_threads";
import type { Task, WorkerMessage } from "../protocol.js";

const counters = new Int32Array((workerData as { progress: SharedArrayBuffer }).progress);

parentPort!.on("message", (task: Task) => {
  for (let index = task.from; index < task.to; index++) {
    Atomics.store(counters, 1, index);
    Atomics.add(counters, 0, 1);
    if (index === 3) for (;;);
    if (index === 7 && task.model === "crashing") throw new Error("worker crashed on purpose");
  }
  const done: WorkerMessage = { type: "done", task, stats: { inputs: task.to - task.from, calls: 0, byRecipe: {}, features: {}, slowestMs: 0, slowestIndex: -1, slowestRecipe: "", checkMs: 0 } };
  parentPort!.postMessage(done);
});
