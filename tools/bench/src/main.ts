// pnpm bench [--quick] [--only SECTION,...] [--out DIR]
//   Builds the packages (turbo, cached when up to date), then measures validation throughput
//   against peers, cold start, size, the CLI on a large NDJSON file, codegen scaling and codegen
//   --watch from a saved edit to written output, and writes
//   BENCHMARKS.md and benchmarks.json at the repository root (or in DIR).
//   --quick   shorter timings and smaller inputs (about a minute instead of several)
//   --only    run only these sections (throughput, cold-start, size, cli, codegen, watch); nothing is
//             written unless --out is given, so a partial run never replaces the full report
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs as parseCommandLine } from "node:util";
import { warningsOf } from "@org/payment-codegen/src/emitter.js";
import { emitValidators } from "@org/payment-codegen/src/emit/validators.js";
import { loadSchemaSet } from "@org/payment-codegen/src/model/load.js";
import { describeMachine } from "./machine.js";
import { runNode } from "./measure.js";
import { type Results, evaluateTargets, toJson, toMarkdown } from "./report.js";
import { measureCli } from "./sections/cli.js";
import { measureCodegen } from "./sections/codegen.js";
import { measureColdStart } from "./sections/cold-start.js";
import { measureSize } from "./sections/size.js";
import { measureThroughput } from "./sections/throughput.js";
import { measureWatch } from "./sections/watch.js";

const SECTIONS = ["throughput", "cold-start", "size", "cli", "codegen", "watch"] as const;
type Section = (typeof SECTIONS)[number];
const USAGE = `usage: pnpm bench [--quick] [--only ${SECTIONS.join(",")}] [--out DIR]`;

interface Args {
  quick: boolean;
  only: Section[] | undefined;
  out: string | undefined;
}

function parseArgs(argv: readonly string[]): Args | string {
  // `pnpm bench -- --quick` passes the "--" along: it separates nothing here.
  const args = argv.filter((arg) => arg !== "--");
  // Not strict: an unknown argument gets this command's own message, naming it as given.
  const { values, tokens } = parseCommandLine({
    args,
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: { quick: { type: "boolean" }, only: { type: "string" }, out: { type: "string" } },
  });
  for (const token of tokens) {
    if (token.kind === "positional" || (token.kind === "option" && !["quick", "only", "out"].includes(token.name))) return `unknown argument "${args[token.index]}"`;
  }
  let only: Section[] | undefined;
  if (values.only !== undefined) {
    const list = (typeof values.only === "string" ? values.only : "").split(",").filter(Boolean);
    const unknown = list.filter((s) => !(SECTIONS as readonly string[]).includes(s));
    if (list.length === 0 || unknown.length) return `unknown section(s) ${unknown.join(", ") || "(none given)"}`;
    only = list as Section[];
  }
  const out = values.out === undefined ? undefined : resolve(typeof values.out === "string" ? values.out : ".");
  return { quick: values.quick !== undefined, only, out };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    console.error(`bench: ${args}\n${USAGE}`);
    return 2;
  }
  const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
  const log = (line: string) => console.error(line);
  const wanted = (section: Section) => !args.only || args.only.includes(section);
  const started = performance.now();

  log("bench: building the packages (turbo)...");
  const build = runNode([fileURLToPath(import.meta.resolve("turbo/bin/turbo")), "run", "build", "--output-logs=errors-only"], { cwd: repoRoot });
  if (build.status !== 0) {
    console.error(`bench: the build failed, nothing measured.\n${build.stdout}${build.stderr}`);
    return 1;
  }

  const mode = args.quick ? "quick" : "full";
  const results: Results = {
    generatedAt: new Date().toISOString(),
    mode,
    machine: describeMachine(repoRoot),
    guardless: warningsOf(emitValidators(loadSchemaSet(repoRoot))).filter((w) => w.includes("fast-path guard")),
    ...(wanted("throughput") ? { throughput: (log("bench: validation throughput..."), await measureThroughput({ quick: args.quick, log })) } : {}),
    ...(wanted("cold-start") ? { coldStart: (log("bench: cold start..."), measureColdStart({ quick: args.quick, log })) } : {}),
    ...(wanted("size") ? { size: (log("bench: size..."), measureSize({ repoRoot })) } : {}),
    ...(wanted("cli") ? { cli: (log("bench: CLI on a large NDJSON file..."), await measureCli({ quick: args.quick, repoRoot, log })) } : {}),
    ...(wanted("codegen") ? { codegen: (log("bench: codegen..."), measureCodegen({ quick: args.quick, repoRoot, log })) } : {}),
    ...(wanted("watch") ? { watch: (log("bench: codegen --watch, saved edit to written output..."), await measureWatch({ quick: args.quick, repoRoot, log })) } : {}),
  };
  const targets = evaluateTargets(results);
  for (const t of targets) log(`  ${t.status.padEnd(12)} ${t.target}: ${t.measured}`);
  const outDir = args.out ?? (args.only ? undefined : repoRoot);
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, "BENCHMARKS.md"), toMarkdown(results, targets));
    writeFileSync(join(outDir, "benchmarks.json"), toJson(results, targets));
    log(`bench: wrote ${join(outDir, "BENCHMARKS.md")} and benchmarks.json (${Math.round((performance.now() - started) / 1000)} s).`);
  } else log(`bench: partial run (--only), nothing written (${Math.round((performance.now() - started) / 1000)} s).`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
