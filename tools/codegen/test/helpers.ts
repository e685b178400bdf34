// Shared by the codegen tests: run the CLI as a user does, on a temporary copy of a repository.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { VERSION_MANIFEST } from "../src/outputs.js";

export const CODEGEN_DIR = fileURLToPath(new URL("..", import.meta.url));
export const REPO_ROOT = join(CODEGEN_DIR, "../..");
const TSX = join(CODEGEN_DIR, "node_modules/.bin/tsx");
const CLI = join(CODEGEN_DIR, "src/cli.ts");

/** A temp folder with the repo's schemas/ and every generated folder, for codegen to run on. */
export function copyRepo(): string {
  const root = mkdtempSync(join(tmpdir(), "codegen-test-"));
  cpSync(join(REPO_ROOT, "schemas"), join(root, "schemas"), { recursive: true });
  // The OpenAPI document states the packages' version, read from this manifest.
  cpSync(join(REPO_ROOT, VERSION_MANIFEST), join(root, VERSION_MANIFEST));
  for (const pkg of readdirSync(join(REPO_ROOT, "packages"))) {
    for (const dir of ["generated", "src/generated"]) {
      const from = join(REPO_ROOT, "packages", pkg, dir);
      if (existsSync(from)) cpSync(from, join(root, "packages", pkg, dir), { recursive: true });
    }
  }
  return root;
}

/** The hand-written package sources too (src/ of every package), for a build of the copy's
 *  packages; `@org/<package>` aliases to the copy's entry points, for esbuild. */
export function copyPackageSources(root: string): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const pkg of readdirSync(join(REPO_ROOT, "packages"))) {
    if (!existsSync(join(REPO_ROOT, "packages", pkg, "src"))) continue;
    cpSync(join(REPO_ROOT, "packages", pkg, "src"), join(root, "packages", pkg, "src"), { recursive: true });
    if (existsSync(join(root, "packages", pkg, "src/index.ts"))) aliases[`@org/${pkg}`] = join(root, "packages", pkg, "src/index.ts");
  }
  return aliases;
}

export function removeRepo(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export function runCodegen(root: string, ...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(TSX, [CLI, "--root", root, ...args], { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** `codegen --watch` in a node process of its own (tsx's loader, not its launcher, which would
 *  leave the watch running when a test kills the launcher with SIGKILL). */
export function startWatch(root: string) {
  const loader = pathToFileURL(join(CODEGEN_DIR, "node_modules/tsx/dist/loader.mjs")).href;
  return spawn(process.execPath, ["--import", loader, CLI, "--root", root, "--watch"], { stdio: ["ignore", "pipe", "pipe"] });
}

/** A running `codegen --watch` on `root`: what it has printed so far, a wait for a condition
 *  (failing with that output), and a stop that kills it. */
export function watchSession(root: string) {
  const child = startWatch(root);
  let output = "";
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  return {
    output: () => output,
    async until(done: () => boolean, what: string, ms = 120_000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output:\n${output}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: () => child.kill("SIGKILL"),
  };
}

/** Every file under the generated folders of `root`, path -> contents (not the package.json that
 *  copyRepo brings along for the packages' version). */
export function snapshotGenerated(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const abs = join(dir, entry);
      if (statSync(abs).isDirectory()) walk(abs);
      else if (relative(root, abs).split(sep).join("/") !== VERSION_MANIFEST) files.set(relative(root, abs), readFileSync(abs, "utf8"));
    }
  };
  const packages = join(root, "packages");
  if (existsSync(packages)) walk(packages);
  return files;
}
