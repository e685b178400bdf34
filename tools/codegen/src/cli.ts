// payment-codegen [--check | --watch] [--root DIR]
//   (no flag)  regenerate every output from schemas/, all or nothing (see write.ts)
//   --check    regenerate in memory and list each stale, missing, unexpected or stray file; exit 1 if any
//   --watch    regenerate whenever something under schemas/ changes, until the final state is generated
// Exit codes: 0 success, 1 schema errors or stale output, 2 usage error, file-system error, or
// another run holding the lock. Every run (and --check) first takes the repository's lock and
// finishes what an interrupted run left (write.ts).
import { createHash } from "node:crypto";
import { existsSync, type FSWatcher, readdirSync, readFileSync, statSync, watch } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { SchemaSetError } from "./errors.js";
import { unionNotes } from "./model/union-variants.js";
import { FileSystemError } from "./fs-errors.js";
import { generate } from "./generate.js";
import { warningsOf } from "./emitter.js";
import { loadSchemaSet } from "./model/load.js";
import { endMemoRun, keepResultsAcrossRuns, memoStats } from "./memo.js";
import { LockBusyError, acquireLock } from "./lock.js";
import { checkStamps, stampReplacements } from "./package-stamp.js";
import { checkFiles, planFolders, recoverInterruptedRun, removeStrayCopies, replaceAll } from "./write.js";

const USAGE = "usage: payment-codegen [--check | --watch] [--root DIR]";

/** How long a run waits for another one holding the lock before giving up (exit 2). */
const LOCK_WAIT_MS = Number(process.env.PAYMENT_CODEGEN_LOCK_WAIT_MS ?? 60_000);

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

/** Where a run's time went, ms: what `--watch` prints after each run. */
interface RunTimes {
  load: number;
  emit: number;
  write: number;
  readonly emitters: Map<string, number>;
}

async function generateChecked(root: string, mode: "write" | "check", log: (line: string) => void, times?: RunTimes): Promise<number> {
  const recovered = recoverInterruptedRun(root);
  if (recovered) log(recovered);
  let files;
  let set;
  let started = performance.now();
  try {
    set = loadSchemaSet(root);
    if (times) times.load = performance.now() - started;
    started = performance.now();
    files = await generate(set, times?.emitters);
    if (times) times.emit = performance.now() - started;
  } catch (error) {
    if (error instanceof SchemaSetError) {
      log(`codegen: ${error.message}`);
      log("codegen: nothing was written.");
      return 1;
    }
    throw error;
  } finally {
    // What this run computed is what the next one may reuse (memo.ts); the rest is dropped.
    endMemoRun();
  }
  started = performance.now();
  // Rules the types cannot carry (the model keeps one flat interface): said, not fatal.
  for (const note of unionNotes(set)) log(`codegen: note: ${note.toString()}`);
  for (const warning of warningsOf(files)) log(`codegen: warning: ${warning}`);
  const known = existingGeneratedRoots(root);
  if (mode === "check") {
    const differences = [...checkFiles(root, files, known), ...checkStamps(root, set)];
    if (differences.length === 0) {
      log(`codegen --check: ${files.size} generated files are up to date.`);
      return 0;
    }
    for (const d of differences) log(`  ${d.kind.padEnd(10)} ${d.path}`);
    const strays = differences.filter((d) => d.kind === "stray").length;
    log(`codegen --check: ${differences.length} generated file(s) out of date with schemas/${strays > 0 ? ` (${strays} stray copies left by an interrupted run)` : ""}. Run \`pnpm codegen\` and commit the result.`);
    return 1;
  }
  for (const stray of removeStrayCopies(root)) log(`codegen: removed ${stray}, left by an interrupted run.`);
  const folders = planFolders(root, files, known);
  const stamps = stampReplacements(root, set);
  replaceAll(root, [...folders.replacements, ...stamps.replacements]);
  if (times) times.write = performance.now() - started;
  log(`codegen: ${files.size} files generated, ${folders.differences.length + stamps.differences.length} changed.`);
  return 0;
}

/** One run under the repository's lock; file-system errors and a busy lock become one line and exit 2. */
export async function runCodegen(root: string, mode: "write" | "check", log: (line: string) => void, times?: RunTimes): Promise<number> {
  let release: (() => void) | undefined;
  try {
    release = await acquireLock(root, LOCK_WAIT_MS, (pid) => log(`codegen: waiting for the codegen run of process ${pid} to finish...`));
    return await generateChecked(root, mode, log, times);
  } catch (error) {
    if (error instanceof FileSystemError) {
      log(`codegen: ${error.describe(root)}`);
      return 2;
    }
    if (error instanceof LockBusyError) {
      log(`codegen: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    release?.();
  }
}

function repoRootFromHere(): string {
  return resolve(fileURLToPath(new URL("../../..", import.meta.url)));
}

/** Every file under schemas/, path and bytes: what a regeneration depends on. */
function schemasFingerprint(root: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return; // removed while we looked: the next look sees it
    }
    for (const entry of entries) {
      const abs = join(dir, entry);
      try {
        if (statSync(abs).isDirectory()) walk(abs);
        else hash.update(abs).update("\0").update(readFileSync(abs)).update("\0");
      } catch {
        hash.update(abs).update("\0gone\0");
      }
    }
  };
  walk(join(root, "schemas"));
  return hash.digest("hex");
}

/** Every folder under schemas/ (watched one by one: a watch on a folder sees files renamed into it). */
function schemaFolders(root: string): string[] {
  const folders: string[] = [];
  const walk = (dir: string): void => {
    folders.push(dir);
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      try {
        if (statSync(join(dir, entry)).isDirectory()) walk(join(dir, entry));
      } catch {
        // gone already
      }
    }
  };
  walk(join(root, "schemas"));
  return folders;
}

/** Regenerates after every change under schemas/, and again whenever schemas/ changed during a run,
 *  so after any burst of edits (editor rename-saves, deletes, new files and folders) the output is
 *  generated from the final schemas. Folder watches see changes at once; a fingerprint of
 *  schemas/ taken twice a second catches whatever a watch misses. */
async function watchSchemas(root: string, log: (line: string) => void): Promise<never> {
  keepResultsAcrossRuns();
  const watchers = new Map<string, FSWatcher>();
  let generated = "";
  let running = false;
  let timer: NodeJS.Timeout | undefined;

  const rewatch = (): void => {
    const folders = new Set(schemaFolders(root));
    for (const [dir, watcher] of watchers) {
      if (!folders.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of folders) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, () => schedule());
        watcher.on("error", () => {
          watcher.close();
          watchers.delete(dir);
          schedule();
        });
        watchers.set(dir, watcher);
      } catch {
        // removed before it could be watched
      }
    }
  };
  const regenerate = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      for (;;) {
        rewatch();
        const before = schemasFingerprint(root);
        if (before === generated) break;
        const started = performance.now();
        const times: RunTimes = { load: 0, emit: 0, write: 0, emitters: new Map() };
        memoStats(true);
        const code = await runCodegen(root, "write", log, times).catch((error: unknown) => {
          log(`codegen: ${error instanceof Error ? error.message : String(error)}`);
          return 2;
        });
        const reused = Object.values(memoStats()).reduce((sum, { hits, misses }) => ({ hits: sum.hits + hits, misses: sum.misses + misses }), { hits: 0, misses: 0 });
        const ms = (value: number) => Math.round(value);
        // The emitters that took longest, so a slow run says what bounded it.
        const slowest = [...times.emitters]
          .sort(([, a], [, b]) => b - a)
          .slice(0, 3)
          .map(([name, t]) => `${name} ${ms(t)}`);
        log(
          `codegen --watch: ${code === 0 ? "output written" : "output left as it was"} ${ms(performance.now() - started)} ms after the change was seen (load ${ms(times.load)}, emit ${ms(times.emit)}, write ${ms(times.write)} ms; slowest emitters: ${slowest.join(", ") || "none"}; ${reused.hits} of ${reused.hits + reused.misses} cached steps reused).`,
        );
        generated = before;
      }
    } finally {
      running = false;
    }
  };
  function schedule(): void {
    clearTimeout(timer);
    // Short: a burst of saves that outlasts it is caught by the fingerprint check after the run.
    timer = setTimeout(() => void regenerate(), 20);
  }

  await regenerate();
  setInterval(() => void regenerate(), 500);
  log("codegen: watching schemas/ for changes (Ctrl-C to stop).");
  return new Promise<never>(() => {});
}

async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { check: { type: "boolean" }, watch: { type: "boolean" }, root: { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    console.error(`payment-codegen: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.check && values.watch) {
    console.error(`payment-codegen: --check and --watch cannot be combined\n${USAGE}`);
    return 2;
  }
  const root = values.root !== undefined ? resolve(values.root) : repoRootFromHere();
  const log = (line: string) => console.error(line);
  if (values.watch) return watchSchemas(root, log);
  return runCodegen(root, values.check ? "check" : "write", log);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`payment-codegen: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(2);
    },
  );
}
