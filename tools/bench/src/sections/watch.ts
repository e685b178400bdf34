// Watch: `codegen --watch` on a temporary copy of the repository (schemas, generated folders, the
// packages' manifests it stamps), then one-file edits saved as an editor saves them (a temp file
// renamed over the schema), cycling through three kinds: a description, an enum value, a property.
// Each is timed from the save to the line the watch prints once that edit's output is written, and
// the watch's own split of that run (load, emit, write) is kept to say what bounds it.
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, round } from "../measure.js";

export const EDIT_KINDS = ["description", "enum value", "property"] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

export interface WatchRun {
  readonly kind: EditKind;
  /** From the save (the rename) to the watch's line saying the output is written, ms. */
  readonly saveToOutputMs: number;
  /** The watch's split of the run, ms. */
  readonly loadMs: number;
  readonly emitMs: number;
  readonly writeMs: number;
  /** The emitters that took longest in that run, as the watch names them ("validators 212, ..."). */
  readonly slowestEmitters: string;
}

export interface WatchResult {
  /** Edits made before measuring (one of each kind), not counted. */
  readonly warmup: number;
  readonly runs: readonly WatchRun[];
  readonly medianMs: number;
  readonly p90Ms: number;
  /** Medians by kind of edit, and of each part of the watch's split over every run. */
  readonly medianByKind: Readonly<Record<EditKind, number>>;
  readonly medianSplit: { readonly loadMs: number; readonly emitMs: number; readonly writeMs: number };
  /** Median time of each emitter over the runs that named it among their slowest, ms. */
  readonly slowestEmitters: Readonly<Record<string, number>>;
}

const AMOUNT = "schemas/adyen/Amount.schema.json";
const RESULT_CODE = "schemas/adyen/PaymentResultCode.schema.json";
const LINE = /^codegen --watch: (output written|output left as it was) \d+ ms after the change was seen \(load (\d+), emit (\d+), write (\d+) ms; slowest emitters: ([^;]*);/m;

function copyRepository(repoRoot: string): string {
  const root = mkdtempSync(join(tmpdir(), "bench-watch-"));
  cpSync(join(repoRoot, "schemas"), join(root, "schemas"), { recursive: true });
  for (const pkg of readdirSync(join(repoRoot, "packages"))) {
    for (const part of ["package.json", "generated", "src/generated"]) {
      const from = join(repoRoot, "packages", pkg, part);
      if (existsSync(from)) cpSync(from, join(root, "packages", pkg, part), { recursive: true });
    }
  }
  return root;
}

/** The text of edit `n` of `kind`, applied to the schema as it stands (edits accumulate). Amount is
 *  edited as text: it holds integers beyond 2^53, which JSON.parse would round. */
function edited(root: string, kind: EditKind, n: number): { file: string; text: string } {
  if (kind === "enum value") {
    const schema = JSON.parse(readFileSync(join(root, RESULT_CODE), "utf8")) as { enum: string[]; "x-enum-descriptions": Record<string, string> };
    schema.enum.push(`BenchValue${n}`);
    schema["x-enum-descriptions"][`BenchValue${n}`] = `A value added by watch edit ${n}.`;
    return { file: RESULT_CODE, text: `${JSON.stringify(schema, null, 2)}\n` };
  }
  const text = readFileSync(join(root, AMOUNT), "utf8");
  if (kind === "description") return { file: AMOUNT, text: text.replace(/for example EUR[^"]*"/, `for example EUR (watch edit ${n})."`) };
  return { file: AMOUNT, text: text.replace('"properties": {\n', `"properties": {\n    "benchNote${n}": { "type": "string", "maxLength": 80, "description": "A note added by watch edit ${n}." },\n`) };
}

function emitterMedians(runs: readonly WatchRun[]): Record<string, number> {
  const times = new Map<string, number[]>();
  for (const run of runs) {
    for (const [, name, ms] of run.slowestEmitters.matchAll(/(\w+) (\d+)/g)) times.set(name!, [...(times.get(name!) ?? []), Number(ms)]);
  }
  return Object.fromEntries([...times].map(([name, list]) => [name, median(list)] as const).sort(([, a], [, b]) => b - a));
}

export async function measureWatch(options: { quick: boolean; repoRoot: string; log: (line: string) => void }): Promise<WatchResult> {
  const root = copyRepository(options.repoRoot);
  const loader = import.meta.resolve("tsx");
  const child: ChildProcess = spawn(process.execPath, ["--import", loader, join(options.repoRoot, "tools/codegen/src/cli.ts"), "--root", root, "--watch"], { stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  // The run being waited for: its line is the first one printed after `from`.
  let waiting: { from: number; resolve: (line: string) => void } | undefined;
  child.stderr!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    const match = waiting && LINE.exec(output.slice(waiting.from));
    if (match && waiting) {
      const { resolve } = waiting;
      waiting = undefined;
      resolve(match[0]);
    }
  });
  const nextRun = (what: string) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench: codegen --watch did not finish ${what} within 120 s; its output:\n${output}`)), 120_000);
      waiting = {
        from: output.length,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
    });
  try {
    const started = nextRun("its first run");
    await started;
    const warmup = EDIT_KINDS.length;
    const count = warmup + (options.quick ? 12 : 30);
    const runs: WatchRun[] = [];
    for (let n = 0; n < count; n++) {
      const kind = EDIT_KINDS[n % EDIT_KINDS.length]!;
      const { file, text } = edited(root, kind, n);
      writeFileSync(join(root, `${file}.swp`), text);
      const done = nextRun(`edit ${n} (${kind})`);
      const saved = performance.now();
      renameSync(join(root, `${file}.swp`), join(root, file));
      const line = await done;
      const saveToOutputMs = performance.now() - saved;
      const [, outcome, load, emit, write, slowest] = LINE.exec(line)!;
      if (outcome !== "output written") throw new Error(`bench: watch edit ${n} (${kind}) was refused:\n${output}`);
      if (n >= warmup) runs.push({ kind, saveToOutputMs: round(saveToOutputMs), loadMs: Number(load), emitMs: Number(emit), writeMs: Number(write), slowestEmitters: slowest! });
      // Let the watch settle (its fingerprint check) before the next save, as between two real saves.
      await new Promise((r) => setTimeout(r, 300));
    }
    const times = runs.map((r) => r.saveToOutputMs).sort((a, b) => a - b);
    const result: WatchResult = {
      warmup,
      runs,
      medianMs: round(median(times)),
      p90Ms: round(times[Math.min(times.length - 1, Math.ceil(times.length * 0.9) - 1)]!),
      medianByKind: Object.fromEntries(EDIT_KINDS.map((kind) => [kind, round(median(runs.filter((r) => r.kind === kind).map((r) => r.saveToOutputMs)))])) as Record<EditKind, number>,
      medianSplit: { loadMs: median(runs.map((r) => r.loadMs)), emitMs: median(runs.map((r) => r.emitMs)), writeMs: median(runs.map((r) => r.writeMs)) },
      slowestEmitters: emitterMedians(runs),
    };
    options.log(`  watch: median ${result.medianMs} ms, p90 ${result.p90Ms} ms over ${runs.length} edits`);
    return result;
  } finally {
    child.kill("SIGKILL");
    rmSync(root, { recursive: true, force: true });
  }
}
