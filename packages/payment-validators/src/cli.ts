// payment-validate: validates payloads in files, globs and stdin against the generated validators
// (see cli/args.ts for the command line, `payment-validate --help` for the manual). Built as the
// package's bin; it uses the package's own entry (./index.js) for the validators. The same file is
// the entry of the worker threads of --jobs (cli/validate-batch.ts), so the bin stays one file.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, workerData } from "node:worker_threads";
import { validatedModels } from "./index.js";
import { helpText, parseArgs } from "./cli/args.js";
import { createPayloadCheck } from "./cli/check-payload.js";
import { readSource, resolveInputs } from "./cli/inputs.js";
import { createOutput } from "./cli/output.js";
import { createParallelLines } from "./cli/parallel-read.js";
import { createProgress } from "./cli/progress.js";
import { type Summary, createReporter } from "./cli/report.js";
import { type Batch, type BatchResult, WORKER_ROLE, type WorkerSettings, serveBatches } from "./cli/validate-batch.js";
import { createWorkerPool } from "./cli/worker-pool.js";

const EXIT_VALID = 0;
const EXIT_INVALID = 1;
/** Usage, input and output errors. */
const EXIT_USAGE = 2;

interface PackageInfo {
  version: string;
  schemaSetHash: string | undefined;
}

/** This package's version and schema set hash, from the package.json above the running file. */
function packageInfo(): PackageInfo {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++, dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string; paymentSchemas?: { hash?: string } };
      if (manifest.name === "@org/payment-validators") return { version: manifest.version ?? "unknown", schemaSetHash: manifest.paymentSchemas?.hash };
    } catch {
      // no package.json at this level: keep looking upwards
    }
  }
  return { version: "unknown", schemaSetHash: undefined };
}

async function main(argv: readonly string[]): Promise<number> {
  const models = [...validatedModels];
  const parsed = parseArgs(argv, models, availableParallelism());
  if (parsed.kind === "help") {
    process.stdout.write(helpText(models));
    return EXIT_VALID;
  }
  if (parsed.kind === "version") {
    const info = packageInfo();
    process.stdout.write(`@org/payment-validators ${info.version} (schema set ${info.schemaSetHash ?? "unknown"})\n`);
    return EXIT_VALID;
  }
  if (parsed.kind === "usage-error") {
    process.stderr.write(`payment-validate: ${parsed.message}\nRun payment-validate --help for usage.\n`);
    return EXIT_USAGE;
  }
  const { options } = parsed;
  const out = createOutput(process.stdout);
  // Should the run fail unexpectedly, the report so far still goes out (stdout to a file or a pipe is synchronous).
  process.once("exit", () => out.flush());
  const progress = createProgress(process.stderr);
  const info = packageInfo();
  const reporter = createReporter(options.format, out, { version: info.version, schemaSetHash: info.schemaSetHash, mode: options.tolerant ? "tolerant" : "strict" });
  const summary: Summary = { sources: 0, payloads: 0, valid: 0, invalid: 0, warnings: 0, errors: 0 };
  const settings: WorkerSettings = { role: WORKER_ROLE, model: options.model, tolerant: options.tolerant, maxLineBytes: options.maxLineBytes };
  const check = createPayloadCheck(settings, summary, reporter);
  // Worker threads run this same file (see the end), started only when an input needs them.
  const pool = options.jobs > 1 ? createWorkerPool<Batch, BatchResult>(new URL(import.meta.url), options.jobs, settings) : undefined;
  const parallel = pool && createParallelLines({ pool, jobs: options.jobs, settings, reporter, summary, flush: () => out.flush() });

  try {
    const { sources, problems } = resolveInputs(options.inputs, process.cwd());
    for (const problem of problems) {
      summary.errors++;
      reporter.problem(problem);
    }
    const readOptions = { inputFormat: options.inputFormat, maxLineBytes: options.maxLineBytes, parallel };
    for (const source of sources) {
      if (out.closed) break;
      summary.sources++;
      await readSource(
        source,
        process.stdin,
        {
          payload: check,
          problem(problem) {
            summary.errors++;
            reporter.problem(problem);
          },
          async progress(name, bytes, totalBytes) {
            // The report so far goes out before the progress line is drawn (both may be one terminal).
            out.flush();
            progress.update(name, bytes, totalBytes, summary.payloads);
            await out.drained();
          },
          stopped: () => out.closed,
        },
        readOptions,
      );
    }
  } finally {
    await pool?.close();
  }
  progress.clear();
  const exitCode = summary.errors > 0 ? EXIT_USAGE : summary.invalid > 0 ? EXIT_INVALID : EXIT_VALID;
  reporter.finish(summary, exitCode);
  await out.drained();
  if (out.failure !== undefined) {
    // Whoever reads the exit code did not get the whole report: never a success, and never "invalid".
    process.stderr.write(`payment-validate: error: cannot write the report to standard output: ${out.failure}; ${summary.payloads} payload(s) checked before it failed\n`);
    return EXIT_USAGE;
  }
  return exitCode;
}

if (!isMainThread && (workerData as WorkerSettings | undefined)?.role === WORKER_ROLE) serveBatches(workerData as WorkerSettings);
else
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // A bug of ours, not of the input: still one line, and still not a success.
      process.stderr.write(`payment-validate: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
