// pnpm fuzz [--runs N] [--seed N] [--workers N] [--hang-ms N] [--models A,B] [--replay MODEL:INDEX]
// Throws at least a million inputs per validated model (default) at the validators and adapters and
// reports how many ran, what they were, the slowest, and every failure with the index that replays it.
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { topLevelModels } from "@org/payment-schemas";
import { createChecker } from "./checks.js";
import { FEATURES, InputSource } from "./inputs.js";
import { runFuzz } from "./run.js";

const USAGE = "usage: pnpm fuzz [--runs N] [--seed N] [--workers N] [--hang-ms N] [--models A,B] [--replay MODEL:INDEX]";

function parse(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv].filter((arg) => arg !== "--"),
    strict: true,
    allowPositionals: false,
    options: { runs: { type: "string" }, seed: { type: "string" }, workers: { type: "string" }, "hang-ms": { type: "string" }, models: { type: "string" }, replay: { type: "string" } },
  });
  const integer = (flag: string, text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw new Error(`--${flag} must be a non-negative integer, not "${text}"\n${USAGE}`);
    return value;
  };
  return {
    runs: integer("runs", values.runs, 1_000_000),
    seed: integer("seed", values.seed, Math.floor(Math.random() * 2 ** 31)),
    workers: integer("workers", values.workers, availableParallelism()),
    hangMs: integer("hang-ms", values["hang-ms"], 10_000),
    models: values.models?.split(",") ?? ([...topLevelModels] as string[]),
    replay: values.replay,
  };
}

async function main(): Promise<number> {
  const options = parse(process.argv.slice(2));
  if (options.replay) {
    const [model, index] = options.replay.split(":");
    const input = new InputSource(model!, options.seed).at(Number(index));
    console.log(`${model} input ${index} (seed ${options.seed}): ${input.recipe}`);
    const failures = createChecker(model!).check(input, Number(index));
    for (const f of failures) console.log(`  ${f.kind} in ${f.target}: ${f.detail}`);
    console.log(failures.length === 0 ? "  no failure" : `  ${failures.length} failure(s)`);
    return failures.length === 0 ? 0 : 1;
  }

  console.log(`fuzzing ${options.models.join(", ")}: ${options.runs} inputs each, seed ${options.seed}, ${options.workers} worker(s), hang after ${options.hangMs} ms`);
  let lastPrint = 0;
  const report = await runFuzz({
    ...options,
    onProgress: (done, total) => {
      if (Date.now() - lastPrint < 10_000) return;
      lastPrint = Date.now();
      console.log(`  ${done} / ${total} inputs`);
    },
  });
  for (const [model, r] of Object.entries(report.models)) {
    console.log(`\n${model}: ${r.inputs + r.unreported} inputs, ${r.calls} calls (${(r.checkMs / 1000).toFixed(1)} s in calls and checks)`);
    for (const [recipe, n] of Object.entries(r.byRecipe).sort(([, a], [, b]) => b - a)) console.log(`  ${String(n).padStart(9)}  ${recipe}`);
    console.log("  with:");
    for (const [label] of FEATURES) console.log(`  ${String(r.features[label] ?? 0).padStart(9)}  ${label}`);
    console.log(`  slowest input: ${r.slowestMs.toFixed(1)} ms (index ${r.slowestIndex}: ${r.slowestRecipe.slice(0, 120)})`);
  }
  console.log(`\n${report.failureCount} failure(s) in ${(report.elapsedMs / 1000).toFixed(1)} s`);
  for (const f of report.failures) {
    console.log(`  ${f.kind} in ${f.target} (${f.model} input ${f.index}: ${f.recipe.slice(0, 100)}): ${f.detail}`);
  }
  if (report.failureCount > 0) console.log(`replay one with: pnpm fuzz --seed ${options.seed} --replay MODEL:INDEX`);
  return report.failureCount === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
