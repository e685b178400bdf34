// write/check: the only stage that touches the disk. Every emitted path lives under a folder named
// `generated`; each such folder is owned whole by codegen. Writing builds every folder's new content
// in a temporary sibling and then swaps the folders in, so a run replaces output entirely or leaves
// the previous output untouched. Files no emitter claims disappear with the swap.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { GeneratedFiles } from "./emitter.js";

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
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const abs = join(dir, entry);
    if (statSync(abs).isDirectory()) out.push(...listFiles(abs).map((f) => `${entry}/${f}`));
    else out.push(entry);
  }
  return out;
}

export interface Difference {
  path: string;
  kind: "missing" | "stale" | "unexpected";
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
      else if (readFileSync(abs, "utf8") !== contents) differences.push({ path: `${root}/${rel}`, kind: "stale" });
    }
    for (const rel of onDisk) if (!wanted.has(rel)) differences.push({ path: `${root}/${rel}`, kind: "unexpected" });
  }
  return differences.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Writes every generated folder atomically (temp folder, then rename). Returns the paths changed. */
export function writeFiles(repoRoot: string, files: GeneratedFiles, knownRoots: readonly string[] = []): Difference[] {
  const differences = checkFiles(repoRoot, files, knownRoots);
  const changedRoots = new Set(differences.map((d) => generatedRoot(d.path)));
  if (changedRoots.size === 0) return differences;
  const roots = groupByRoot(files);
  const stamp = `${process.pid}-${Date.now()}`;
  const staged: { target: string; temp: string; old: string }[] = [];
  try {
    for (const root of changedRoots) {
      const target = join(repoRoot, root);
      const temp = `${target}.tmp-${stamp}`;
      // Registered before the first write, so a failure part-way through removes it too.
      staged.push({ target, temp, old: `${target}.old-${stamp}` });
      for (const [rel, contents] of roots.get(root) ?? []) {
        const abs = join(temp, rel);
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, contents);
      }
      mkdirSync(temp, { recursive: true });
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  // Swap phase: move old folders aside, new ones in; on failure put every old folder back.
  // An entry counts as touched from the moment its old folder may have moved aside.
  const touched: typeof staged = [];
  try {
    for (const entry of staged) {
      mkdirSync(dirname(entry.target), { recursive: true });
      touched.push(entry);
      if (existsSync(entry.target)) renameSync(entry.target, entry.old);
      renameSync(entry.temp, entry.target);
    }
  } catch (error) {
    for (const entry of touched.reverse()) {
      const movedAside = existsSync(entry.old);
      const movedIn = !existsSync(entry.temp);
      if (movedIn || movedAside) rmSync(entry.target, { recursive: true, force: true });
      if (movedAside) renameSync(entry.old, entry.target);
    }
    for (const { temp } of staged) rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  for (const { old } of staged) rmSync(old, { recursive: true, force: true });
  return differences;
}
