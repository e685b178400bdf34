// Codegen: the CLI (`payment-codegen`, as `pnpm codegen` runs it) on the repository's schemas and on
// synthetic corpora of 50, 200 and 500 schemas of the same shape, as time per schema; the same work
// in-process (cold and warm, no writing); openapi-typescript alone on each corpus's OpenAPI document
// for reference; and turbo's build run twice in a row, the second a cache hit.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeCorpus } from "../corpus.js";
import { median, round, runNode } from "../measure.js";

export interface CorpusTiming {
  readonly schemas: number;
  /** Median wall time of the codegen CLI writing every output, ms. */
  readonly cliMs: number;
  readonly cliMsPerSchema: number;
  /** load + generate in-process: first run of the process, and a second run (warm JIT). */
  readonly inProcessColdMs: number;
  readonly inProcessWarmMs: number;
  readonly inProcessWarmMsPerSchema: number;
  /** openapi-typescript's CLI on the same corpus's OpenAPI document. */
  readonly openapiTypescriptMs: number;
  readonly openapiTypescriptMsPerSchema: number;
}

export interface CodegenResult {
  readonly repository: CorpusTiming;
  readonly corpora: readonly CorpusTiming[];
  readonly runs: number;
  /** turbo run build: first run (whatever needed doing) and the immediately following cached run. */
  readonly turbo: { readonly firstMs: number; readonly cachedMs: number; readonly cachedFullTurbo: boolean; readonly cachedTasks: string };
}

const resolve = (specifier: string) => fileURLToPath(import.meta.resolve(specifier));

function timeCorpus(repoRoot: string, root: string, schemas: number, runs: number): CorpusTiming {
  const tsx = resolve("tsx/cli");
  const cli = join(repoRoot, "tools/codegen/src/cli.ts");
  const cliRuns: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = runNode([tsx, cli, "--root", root]);
    if (run.status !== 0) throw new Error(`codegen failed on a ${schemas}-schema corpus: ${run.stderr}`);
    cliRuns.push(run.wallMs);
  }
  const inProcess = runNode([tsx, fileURLToPath(new URL("../children/codegen-timing.ts", import.meta.url)), root]);
  if (inProcess.status !== 0) throw new Error(`in-process codegen failed: ${inProcess.stderr}`);
  const timing = JSON.parse(inProcess.stdout) as { models: number; cold: { loadMs: number; generateMs: number }; warm: { loadMs: number; generateMs: number } };
  const openapi = join(root, "packages/payment-schemas/generated/openapi.json");
  if (!existsSync(openapi)) throw new Error(`codegen wrote no OpenAPI document at ${openapi}`);
  const out = mkdtempSync(join(tmpdir(), "bench-openapi-ts-"));
  const openapiRuns: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Its exports map sends bin/*.js to .mjs files that do not exist: go through its package.json.
    const run = runNode([join(dirname(resolve("openapi-typescript/package.json")), "bin/cli.js"), openapi, "-o", join(out, "types.ts")]);
    if (run.status !== 0) throw new Error(`openapi-typescript failed: ${run.stderr}`);
    openapiRuns.push(run.wallMs);
  }
  rmSync(out, { recursive: true, force: true });
  const cliMs = median(cliRuns);
  const warm = timing.warm.loadMs + timing.warm.generateMs;
  const openapiMs = median(openapiRuns);
  return {
    schemas: timing.models,
    cliMs: round(cliMs),
    cliMsPerSchema: round(cliMs / timing.models),
    inProcessColdMs: round(timing.cold.loadMs + timing.cold.generateMs),
    inProcessWarmMs: round(warm),
    inProcessWarmMsPerSchema: round(warm / timing.models),
    openapiTypescriptMs: round(openapiMs),
    openapiTypescriptMsPerSchema: round(openapiMs / timing.models),
  };
}

function turbo(repoRoot: string) {
  const bin = resolve("turbo/bin/turbo");
  const first = runNode([bin, "run", "build", "--output-logs=none"], { cwd: repoRoot });
  if (first.status !== 0) throw new Error(`turbo run build failed: ${first.stdout}${first.stderr}`);
  const cached = runNode([bin, "run", "build", "--output-logs=none"], { cwd: repoRoot });
  const output = `${cached.stdout}${cached.stderr}`;
  return {
    firstMs: round(first.wallMs),
    cachedMs: round(cached.wallMs),
    cachedFullTurbo: /FULL TURBO/.test(output),
    cachedTasks: (/Cached:\s+([^\n]+)/.exec(output)?.[1] ?? "").trim(),
  };
}

export function measureCodegen(options: { quick: boolean; repoRoot: string; log: (line: string) => void }): CodegenResult {
  const runs = options.quick ? 1 : 3;
  // The repository's own schemas, on a copy (codegen writes into the folder it runs on).
  const own = makeCorpus(options.repoRoot, 0);
  const repository = timeCorpus(options.repoRoot, own.root, 0, runs);
  own.remove();
  options.log(`  codegen on the repository's ${repository.schemas} schemas: ${repository.cliMs} ms`);
  const corpora: CorpusTiming[] = [];
  for (const size of [50, 200, 500]) {
    const corpus = makeCorpus(options.repoRoot, size);
    try {
      corpora.push(timeCorpus(options.repoRoot, corpus.root, size, runs));
    } finally {
      corpus.remove();
    }
    options.log(`  codegen on ${size} schemas: ${corpora.at(-1)!.cliMs} ms`);
  }
  const turboTimes = turbo(options.repoRoot);
  options.log(`  turbo build, cached re-run: ${turboTimes.cachedMs} ms`);
  return { repository, corpora, runs, turbo: turboTimes };
}
