// Up to `size` worker threads running one script, started as work arrives (an input that never
// needs them never pays for them). Each task goes to the worker with the fewest tasks; answers
// come back by task id. A worker that fails (an uncaught error, an exit while the pool is open, a
// message that cannot be read) fails every task of the pool: nothing waits for an answer that
// will never come, and the caller ends the run instead of reporting less than it read.
import { Worker } from "node:worker_threads";
import { InternalFailure } from "./inputs.js";

export interface WorkerPool<Task, Answer> {
  run(task: Task, transfer: readonly ArrayBuffer[]): Promise<Answer>;
  /** Stops every worker (at the end of the run, or when it stops early). */
  close(): Promise<void>;
}

interface Pending<Answer> {
  resolve(answer: Answer): void;
  reject(error: Error): void;
}

interface Member<Answer> {
  readonly worker: Worker;
  readonly pending: Map<number, Pending<Answer>>;
}

export function createWorkerPool<Task, Answer>(script: URL, size: number, workerData: unknown): WorkerPool<Task, Answer> {
  const members: Member<Answer>[] = [];
  let nextId = 0;
  let failure: InternalFailure | undefined;
  let closing = false;

  const fail = (reason: string): void => {
    if (closing || failure !== undefined) return;
    failure = new InternalFailure(`a validation worker thread failed: ${reason}`);
    for (const member of members) {
      for (const pending of member.pending.values()) pending.reject(failure);
      member.pending.clear();
      void member.worker.terminate();
    }
  };

  const start = (): Member<Answer> => {
    const member: Member<Answer> = { worker: new Worker(script, { workerData }), pending: new Map() };
    member.worker.on("message", (message: { id: number; result: Answer }) => {
      const pending = member.pending.get(message.id);
      member.pending.delete(message.id);
      pending?.resolve(message.result);
    });
    member.worker.on("error", (error) => fail(error.message));
    member.worker.on("messageerror", (error) => fail(`cannot read its answer (${error.message})`));
    member.worker.on("exit", (code) => fail(`it stopped (exit code ${code})`));
    members.push(member);
    return member;
  };

  /** The idle worker, a new one while the pool may grow, else the least busy. */
  const choose = (): Member<Answer> => {
    let best: Member<Answer> | undefined;
    for (const member of members) if (best === undefined || member.pending.size < best.pending.size) best = member;
    if (best !== undefined && (best.pending.size === 0 || members.length >= size)) return best;
    return start();
  };

  return {
    run(task, transfer) {
      if (failure !== undefined) return Promise.reject(failure);
      let member: Member<Answer>;
      try {
        member = choose();
      } catch (error) {
        // No thread could be started (the system's limit, memory): the run cannot go on as asked.
        fail(`cannot start it (${(error as Error).message})`);
        return Promise.reject(failure!);
      }
      const id = nextId++;
      return new Promise<Answer>((resolve, reject) => {
        member.pending.set(id, { resolve, reject });
        member.worker.postMessage({ id, task }, transfer);
      });
    },
    async close() {
      closing = true;
      await Promise.all(members.map((member) => member.worker.terminate()));
    },
  };
}
