// Results of the expensive, pure steps of a run (Ajv and esbuild compiles, json-schema-to-typescript,
// prettier, per-file schema checks), kept by their exact input so that `codegen --watch` redoes only
// what a saved edit changed. A key is the whole input serialised (never a digest of part of it), so
// a hit returns exactly what the computation would. Each memo keeps what the previous run used and
// what the current one uses: `endMemoRun()` (cli.ts, after each load + generate) drops the rest, so
// memory stays bounded by the schema set, not by the number of edits.
// Only `--watch` has a next run to reuse results in (`keepResultsAcrossRuns`): a one-shot run builds
// no key it will not look up again (a key given as a function), keeps a result only for the rest of
// its own run, and formats whole files in one prettier call (emitter.ts).
const ALL: Memo<unknown>[] = [];
let acrossRuns = false;

/** Called once by `codegen --watch`: from now on each run keeps its results for the next one. */
export function keepResultsAcrossRuns(): void {
  acrossRuns = true;
}

/** Whether a run's results are kept for the next run (only under `codegen --watch`). */
export function resultsKeptAcrossRuns(): boolean {
  return acrossRuns;
}

export class Memo<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  hits = 0;
  misses = 0;

  constructor(readonly name: string) {
    ALL.push(this as Memo<unknown>);
  }

  /** `key` as a function: only worth building when a next run may reuse the result (`--watch`);
   *  otherwise `compute` just runs. A key given as a string also serves repeats within a run. */
  get(keyOf: string | (() => string), compute: () => V): V {
    if (typeof keyOf === "function" && !acrossRuns) {
      this.misses++;
      return compute();
    }
    const key = typeof keyOf === "function" ? keyOf() : keyOf;
    if (this.current.has(key)) {
      this.hits++;
      return this.current.get(key)!;
    }
    if (this.previous.has(key)) {
      this.hits++;
      const value = this.previous.get(key)!;
      this.current.set(key, value);
      return value;
    }
    this.misses++;
    const value = compute();
    this.current.set(key, value);
    // A rejected promise is not a result: the next run computes it again.
    if (value instanceof Promise) value.catch(() => this.current.get(key) === value && this.current.delete(key));
    return value;
  }

  endRun(): void {
    this.previous = acrossRuns ? this.current : new Map();
    this.current = new Map();
  }
}

/** Ends the run for every memo (see the top of this file). */
export function endMemoRun(): void {
  for (const memo of ALL) memo.endRun();
}

/** Forgets every result: the next run computes everything (the bench's in-process timing). */
export function clearMemos(): void {
  for (const memo of ALL) {
    memo.endRun();
    memo.endRun();
  }
}

/** Hits and misses of every memo since the last reset, by name: what a watch run reused. */
export function memoStats(reset = false): Record<string, { hits: number; misses: number }> {
  const stats: Record<string, { hits: number; misses: number }> = {};
  for (const memo of ALL) {
    stats[memo.name] = { hits: memo.hits, misses: memo.misses };
    if (reset) memo.hits = memo.misses = 0;
  }
  return stats;
}
