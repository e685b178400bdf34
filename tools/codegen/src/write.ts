// write/check: the only stage that touches the disk. Every emitted path lives under a folder named
// `generated`; each such folder is owned whole by codegen, and so is one field of each published
// package.json (package-stamp.ts). A run replaces all of them or none, even when killed (kill -9)
// at any point:
//   1. stage: every new folder and file is written next to its target (`X.tmp-<run>`);
//   2. journal: `.codegen-journal.json` lists every replacement, written (and synced) before the
//      first swap;
//   3. swap: each target is moved aside (`X.old-<run>`) and its new version moved in;
//   4. commit: the journal is marked committed, the set-aside versions removed, the journal deleted.
// The next run, and `--check`, first finish what a journal describes: a run killed before its
// commit is rolled back (every target restored), one killed after it is completed. Staged or
// set-aside copies that no journal names (a run killed while staging) are strays: a run removes
// them, `--check` fails on them. Files no emitter claims disappear with the swap.
// A folder where only a few files changed (what a watch run's edit usually touches) is not
// replaced whole: each changed file is a target of its own, and each file no emitter claims any
// more is a target replaced by nothing (`remove`), under the same journal.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import type { GeneratedFiles } from "./emitter.js";
import { fsCall } from "./fs-errors.js";

/** The `.../generated` folder that owns a path, or an error naming the path. */
export function generatedRoot(path: string): string {
  const parts = path.split("/");
  const index = parts.lastIndexOf("generated");
  if (index < 1 || index === parts.length - 1) throw new Error(`emitted path ${path} is not inside a "generated" folder`);
  return parts.slice(0, index + 1).join("/");
}

function groupByRoot(files: GeneratedFiles): Map<string, Map<string, string>> {
  const roots = new Map<string, Map<string, string>>();
  for (const [path, contents] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const root = generatedRoot(path);
    if (!roots.has(root)) roots.set(root, new Map());
    roots.get(root)!.set(path.slice(root.length + 1), contents);
  }
  return roots;
}

function listFiles(dir: string): string[] {
  if (!fsCall("read", dir, () => existsSync(dir))) return [];
  const out: string[] = [];
  for (const entry of fsCall("list folder", dir, () => readdirSync(dir)).sort()) {
    const abs = join(dir, entry);
    if (fsCall("read", abs, () => statSync(abs)).isDirectory()) out.push(...listFiles(abs).map((f) => `${entry}/${f}`));
    else out.push(entry);
  }
  return out;
}

export interface Difference {
  path: string;
  kind: "missing" | "stale" | "unexpected" | "stray";
}

/** Compares the emitted files with the disk: what `codegen --check` reports. */
export function checkFiles(repoRoot: string, files: GeneratedFiles, knownRoots: readonly string[] = []): Difference[] {
  const differences: Difference[] = [];
  const roots = groupByRoot(files);
  for (const root of knownRoots) if (!roots.has(root)) roots.set(root, new Map());
  for (const [root, wanted] of roots) {
    const onDisk = new Set(listFiles(join(repoRoot, root)));
    for (const [rel, contents] of wanted) {
      const abs = join(repoRoot, root, rel);
      if (!onDisk.has(rel)) differences.push({ path: `${root}/${rel}`, kind: "missing" });
      else if (fsCall("read", abs, () => readFileSync(abs, "utf8")) !== contents) differences.push({ path: `${root}/${rel}`, kind: "stale" });
    }
    for (const rel of onDisk) if (!wanted.has(rel) && !COPY_IN_FOLDER.test(rel)) differences.push({ path: `${root}/${rel}`, kind: "unexpected" });
  }
  for (const path of strayCopies(repoRoot, [...roots.keys()])) differences.push({ path, kind: "stray" });
  return differences.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** One target a run replaces: a generated folder (its files), one generated file (staged as a
 *  folder's files are), a file that is not codegen's alone (package.json: its text, flushed to the
 *  disk before the journal), or a file that is removed (replaced by nothing). */
export type Replacement =
  | { readonly target: string; readonly folder: ReadonlyMap<string, string> }
  | { readonly target: string; readonly file: string }
  | { readonly target: string; readonly text: string }
  | { readonly target: string; readonly remove: true };

/** The replacements that bring the disk in line with `files`, and the differences they fix. A folder
 *  in which fewer than half the files differ is changed file by file, any other one replaced whole. */
export function planFolders(repoRoot: string, files: GeneratedFiles, knownRoots: readonly string[] = []): { differences: Difference[]; replacements: Replacement[] } {
  const differences = checkFiles(repoRoot, files, knownRoots).filter((d) => d.kind !== "stray");
  const roots = groupByRoot(files);
  const changed = new Map<string, Difference[]>();
  for (const d of differences) changed.set(generatedRoot(d.path), [...(changed.get(generatedRoot(d.path)) ?? []), d]);
  const replacements: Replacement[] = [];
  for (const root of [...changed.keys()].sort()) {
    const wanted = roots.get(root) ?? new Map<string, string>();
    const diffs = changed.get(root)!;
    const onDisk = existsSync(join(repoRoot, root)) ? listFiles(join(repoRoot, root)).length : 0;
    if (onDisk === 0 || diffs.length * 2 >= Math.max(onDisk, wanted.size)) {
      replacements.push({ target: root, folder: wanted });
      continue;
    }
    for (const d of diffs) {
      const contents = wanted.get(d.path.slice(root.length + 1));
      replacements.push(contents === undefined ? { target: d.path, remove: true } : { target: d.path, file: contents });
    }
  }
  return { differences, replacements };
}

export const JOURNAL = ".codegen-journal.json";

interface JournalEntry {
  /** Repository-relative paths. */
  readonly target: string;
  readonly temp: string;
  readonly old: string;
  /** Whether the target existed before the run (a new one has nothing to move aside). */
  readonly existed: boolean;
  /** The target is removed: moved aside, nothing moved in (absent in journals of older runs). */
  readonly removed?: boolean;
}

interface Journal {
  readonly pid: number;
  readonly state: "swapping" | "committed";
  readonly entries: readonly JournalEntry[];
}

// Staged and set-aside copies: `generated.tmp-<pid>-<time>`, `package.json.old-<pid>-<time>`, and
// inside a generated folder (a file replaced on its own) `models.ts.tmp-<pid>-<time>`.
const COPY = /^(?:generated|package\.json)\.(?:tmp|old)-\d+-\d+$/;
const COPY_IN_FOLDER = /(?:^|\/)[^/]+\.(?:tmp|old)-\d+-\d+$/;

/** Staged or set-aside copies left by a run that no journal covers, repository-relative; `roots`:
 *  generated folders to search for copies of single files (default: every one under packages/). */
export function strayCopies(repoRoot: string, roots?: readonly string[]): string[] {
  const packages = join(repoRoot, "packages");
  if (!existsSync(packages)) return [];
  const found: string[] = [];
  const generatedRoots: string[] = [];
  for (const pkg of fsCall("list folder", packages, () => readdirSync(packages)).sort()) {
    for (const dir of [`packages/${pkg}`, `packages/${pkg}/src`]) {
      const abs = join(repoRoot, dir);
      if (!existsSync(abs) || !fsCall("read", abs, () => statSync(abs)).isDirectory()) continue;
      for (const entry of fsCall("list folder", abs, () => readdirSync(abs)).sort()) if (COPY.test(entry)) found.push(`${dir}/${entry}`);
      if (existsSync(join(abs, "generated"))) generatedRoots.push(`${dir}/generated`);
    }
  }
  for (const root of roots ?? generatedRoots) for (const rel of listFiles(join(repoRoot, root))) if (COPY_IN_FOLDER.test(rel)) found.push(`${root}/${rel}`);
  if (existsSync(join(repoRoot, `${JOURNAL}.tmp`))) found.push(`${JOURNAL}.tmp`);
  return found.sort();
}

/** Removes the stray copies (see strayCopies); returns what it removed. */
export function removeStrayCopies(repoRoot: string): string[] {
  const strays = strayCopies(repoRoot);
  for (const stray of strays) remove(join(repoRoot, stray));
  return strays;
}

// Test-only hook (documented in the README's Codegen section): PAYMENT_CODEGEN_CRASH_AFTER_RENAME=N
// kills the process with SIGKILL right after the N-th rename of a run, to prove that every point
// of a run survives a crash.
const crashAfter = Number(process.env.PAYMENT_CODEGEN_CRASH_AFTER_RENAME ?? "0");
let renames = 0;

function rename(from: string, to: string): void {
  fsCall("rename", from, () => renameSync(from, to));
  if (++renames === crashAfter) process.kill(process.pid, "SIGKILL");
}

/** mkdir -p, with the real cause when it fails: a recursive mkdir reports ENOENT for most failures
 *  (a read-only file system among them), so the first missing folder is made alone to learn why. */
function makeFolder(path: string): void {
  fsCall("make folder", path, () => {
    try {
      mkdirSync(path, { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      let first = path;
      while (!existsSync(dirname(first)) && dirname(first) !== first) first = dirname(first);
      mkdirSync(first);
      throw error;
    }
  });
}

function remove(path: string): void {
  fsCall("remove", path, () => rmSync(path, { recursive: true, force: true }));
}

/** Writes `text` to `path` and flushes it to the disk. */
function writeDurably(path: string, text: string): void {
  fsCall("write", path, () => {
    const fd = openSync(path, "w");
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  });
}

/** Replaces the journal in one rename, so it is always either the previous or the next version. */
function writeJournal(repoRoot: string, journal: Journal): void {
  const path = join(repoRoot, JOURNAL);
  writeDurably(`${path}.tmp`, `${JSON.stringify(journal, null, 2)}\n`);
  rename(`${path}.tmp`, path);
  syncFolder(repoRoot);
}

/** Flushes a folder's entries (the renames in it) to the disk, where the platform allows it. */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform can sync a folder (Windows); the renames stay atomic regardless.
  }
}

/** Finishes what a journal left by an interrupted run describes: rolls back a run killed before
 *  its commit, completes one killed after. Returns what was done, for the log, or undefined. */
export function recoverInterruptedRun(repoRoot: string): string | undefined {
  const path = join(repoRoot, JOURNAL);
  if (!existsSync(path)) return undefined;
  const journal = JSON.parse(fsCall("read", path, () => readFileSync(path, "utf8"))) as Journal;
  const abs = (rel: string) => join(repoRoot, rel);
  if (journal.state === "committed") {
    for (const entry of journal.entries) {
      remove(abs(entry.old));
      remove(abs(entry.temp));
    }
  } else {
    for (const entry of [...journal.entries].reverse()) {
      if (existsSync(abs(entry.old))) {
        // The target was moved aside: whatever is there now is the new version.
        remove(abs(entry.target));
        rename(abs(entry.old), abs(entry.target));
      } else if (!existsSync(abs(entry.temp)) && existsSync(abs(entry.target)) && !entry.existed) {
        // A target that did not exist before the run, already moved in.
        remove(abs(entry.target));
      }
      remove(abs(entry.temp));
    }
  }
  remove(path);
  return journal.state === "committed"
    ? `codegen: completed the interrupted run of process ${journal.pid} (removed its set-aside copies).`
    : `codegen: rolled back the interrupted run of process ${journal.pid} (${journal.entries.length} output(s) restored to their previous version).`;
}

/** Replaces every target, all or nothing (see the top of this file). */
export function replaceAll(repoRoot: string, replacements: readonly Replacement[]): void {
  if (replacements.length === 0) return;
  const run = `${process.pid}-${Date.now()}`;
  const entries = replacements.map((r) => ({ target: r.target, temp: `${r.target}.tmp-${run}`, old: `${r.target}.old-${run}`, existed: existsSync(join(repoRoot, r.target)), removed: "remove" in r }));
  const abs = (rel: string) => join(repoRoot, rel);
  try {
    replacements.forEach((replacement, i) => {
      const temp = abs(entries[i]!.temp);
      if ("remove" in replacement) return;
      if ("text" in replacement) {
        writeDurably(temp, replacement.text);
        return;
      }
      if ("file" in replacement) {
        makeFolder(dirname(temp));
        fsCall("write", temp, () => writeFileSync(temp, replacement.file));
        return;
      }
      makeFolder(temp);
      for (const [rel, contents] of replacement.folder) {
        const file = join(temp, rel);
        makeFolder(dirname(file));
        fsCall("write", file, () => writeFileSync(file, contents));
      }
    });
  } catch (error) {
    for (const entry of entries) remove(abs(entry.temp));
    throw error;
  }
  writeJournal(repoRoot, { pid: process.pid, state: "swapping", entries });
  try {
    for (const entry of entries) {
      const target = abs(entry.target);
      makeFolder(dirname(target));
      if (entry.existed) rename(target, abs(entry.old));
      if (!entry.removed) rename(abs(entry.temp), target);
    }
    for (const dir of new Set(entries.map((e) => dirname(abs(e.target))))) syncFolder(dir);
    writeJournal(repoRoot, { pid: process.pid, state: "committed", entries });
  } catch (error) {
    // The journal says how to undo what was done: the same code as after a crash.
    try {
      recoverInterruptedRun(repoRoot);
    } catch {
      // The journal stays; the next run rolls back.
    }
    throw error;
  }
  recoverInterruptedRun(repoRoot);
}
