// Small measuring helpers shared by the sections: robust averages and timed child processes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds for display and JSON: 3 significant digits, at most 3 decimals. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const digits = Math.max(0, Math.min(3, 2 - Math.floor(Math.log10(Math.abs(value) || 1))));
  return Number(value.toFixed(digits));
}

export interface ProcessRun {
  readonly wallMs: number;
  /** Peak resident set size of the (Node) child, in MB, when asked for. */
  readonly peakRssMb?: number;
  /** CPU time of all the child's threads (user + system), in ms, with `peakRss`: a busy machine
   *  stretches it far less than the wall time (cores shared with others still slow it some). */
  readonly cpuMs?: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const MAX_RSS_PRELOAD = pathToFileURL(fileURLToPath(new URL("children/max-rss.mjs", import.meta.url))).href;

/** Runs `node ...args` to completion and times it from spawn to exit. With `peakRss`, a preload
 *  module records the child's own peak RSS and CPU time (process.resourceUsage) as it exits. */
export function runNode(args: readonly string[], options: { cwd?: string; input?: string; peakRss?: boolean; env?: NodeJS.ProcessEnv } = {}): ProcessRun {
  const scratch = options.peakRss ? mkdtempSync(join(tmpdir(), "bench-rss-")) : undefined;
  const rssFile = scratch ? join(scratch, "rss") : undefined;
  const nodeArgs = rssFile ? ["--import", MAX_RSS_PRELOAD, ...args] : [...args];
  const started = performance.now();
  const result = spawnSync(process.execPath, nodeArgs, {
    cwd: options.cwd,
    input: options.input,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ...options.env, ...(rssFile ? { BENCH_RSS_FILE: rssFile } : {}) },
  });
  const wallMs = performance.now() - started;
  let peakRssMb: number | undefined;
  let cpuMs: number | undefined;
  if (rssFile) {
    try {
      const [rssKb, cpuMicros] = readFileSync(rssFile, "utf8").split(" ").map(Number);
      peakRssMb = rssKb! / 1024;
      cpuMs = cpuMicros! / 1000;
    } catch {
      peakRssMb = undefined;
    }
    rmSync(scratch!, { recursive: true, force: true });
  }
  return { wallMs, peakRssMb, cpuMs, status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}
