// The machine and software a run measured: CPU, memory, OS, Node/V8, the commit, and the versions
// of every tool compared.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, release, totalmem, type } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  readonly node: string;
  readonly v8: string;
  readonly commit: string;
  readonly versions: Readonly<Record<string, string>>;
}

function versionOf(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  while (dirname(dir) !== dir) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (parsed.name === name) return parsed.version ?? "unknown";
    }
    dir = dirname(dir);
  }
  return "unknown";
}

export function describeMachine(repoRoot: string): Machine {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
  } catch {
    // not a git checkout
  }
  const cores = cpus();
  return {
    cpu: cores[0]?.model ?? "unknown",
    cores: cores.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    v8: process.versions.v8,
    commit,
    versions: Object.fromEntries(["ajv", "ajv-formats", "zod", "@sinclair/typebox", "tinybench", "openapi-typescript", "esbuild"].map((name) => [name, versionOf(name)])),
  };
}
