// payment-codegen [--check] [--watch] [--root DIR]
//   (no flag)  regenerate every output from schemas/, atomically
//   --check    regenerate in memory and list each stale, missing or unexpected file; exit 1 if any
//   --watch    regenerate whenever a file under schemas/ changes
// Exit codes: 0 success, 1 schema errors or stale output, 2 usage error.
import { existsSync, readdirSync, watch } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SchemaSetError } from "./errors.js";
import { generate } from "./generate.js";
import { warningsOf } from "./emitter.js";
import { loadSchemaSet } from "./load.js";
import { checkStamps, writeStamps } from "./package-stamp.js";
import { checkFiles, writeFiles } from "./write.js";

const USAGE = "usage: payment-codegen [--check | --watch] [--root DIR]";

/** Every `generated` folder that exists under packages/: codegen owns them whole. */
export function existingGeneratedRoots(root: string): string[] {
  const roots: string[] = [];
  const packages = join(root, "packages");
  if (!existsSync(packages)) return roots;
  for (const pkg of readdirSync(packages).sort()) {
    for (const candidate of ["generated", "src/generated"]) {
      if (existsSync(join(packages, pkg, candidate))) roots.push(`packages/${pkg}/${candidate}`);
    }
  }
  return roots;
}

export async function runCodegen(root: string, mode: "write" | "check", log: (line: string) => void): Promise<number> {
  let files;
  let set;
  try {
    set = loadSchemaSet(root);
    files = await generate(set);
  } catch (error) {
    if (error instanceof SchemaSetError) {
      log(`codegen: ${error.message}`);
      log("codegen: nothing was written.");
      return 1;
    }
    throw error;
  }
  for (const warning of warningsOf(files)) log(`codegen: warning: ${warning}`);
  const known = existingGeneratedRoots(root);
  if (mode === "check") {
    const differences = [...checkFiles(root, files, known), ...checkStamps(root, set)];
    if (differences.length === 0) {
      log(`codegen --check: ${files.size} generated files are up to date.`);
      return 0;
    }
    for (const d of differences) log(`  ${d.kind.padEnd(10)} ${d.path}`);
    log(`codegen --check: ${differences.length} generated file(s) out of date with schemas/. Run \`pnpm codegen\` and commit the result.`);
    return 1;
  }
  const changed = [...writeFiles(root, files, known), ...writeStamps(root, set)];
  log(`codegen: ${files.size} files generated, ${changed.length} changed.`);
  return 0;
}

function repoRootFromHere(): string {
  return resolve(fileURLToPath(new URL("../../..", import.meta.url)));
}

async function main(argv: readonly string[]): Promise<number> {
  let root = repoRootFromHere();
  let mode: "write" | "check" | "watch" = "write";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--check") mode = "check";
    else if (arg === "--watch") mode = "watch";
    else if (arg === "--root" && argv[i + 1]) root = resolve(argv[++i]!);
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      return 0;
    } else {
      console.error(`payment-codegen: unknown argument "${arg}"\n${USAGE}`);
      return 2;
    }
  }
  const log = (line: string) => console.error(line);
  if (mode !== "watch") return runCodegen(root, mode, log);

  await runCodegen(root, "write", log);
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  watch(join(root, "schemas"), { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(() => runCodegen(root, "write", log).then(() => undefined)).catch((e: unknown) => log(String(e)));
    }, 100);
  });
  log("codegen: watching schemas/ for changes (Ctrl-C to stop).");
  return new Promise<number>(() => {});
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
