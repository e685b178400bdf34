// What the CLI's tests share: the built bin, example payloads, a temp folder to write inputs into,
// and a way to run the bin there as a user would.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PaymentSessionResultSchema, SessionResultResponseSchema } from "@org/payment-schemas";
import { afterAll, beforeAll } from "vitest";

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
export const BIN = join(PACKAGE_DIR, "dist/bin/cli.js");

export const gateway = PaymentSessionResultSchema.examples[0] as Record<string, unknown>;
export const adyen = SessionResultResponseSchema.examples[0] as Record<string, unknown>;
export const badStatus = { ...gateway, status: "bogus" };

export const json = (value: unknown): string => JSON.stringify(value, null, 2);
export const ndjson = (...values: unknown[]): string => `${values.map((v) => JSON.stringify(v)).join("\n")}\n`;

/** `value` with the same `extra` properties added to every object in it (to flood it with issues). */
export function withEveryObjectExtended(value: unknown, extra: Readonly<Record<string, unknown>>): unknown {
  if (Array.isArray(value)) return value.map((item) => withEveryObjectExtended(item, extra));
  if (typeof value !== "object" || value === null) return value;
  return { ...Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withEveryObjectExtended(v, extra)])), ...extra };
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A temp folder for one test file's inputs (made before its tests, removed after), and helpers to use it. */
export function cliWorkspace(prefix: string) {
  let dir = "";
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build the package first (pnpm build)`);
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir: () => dir,
    /** Writes `contents` to `name` in the folder; returns the name. */
    file(name: string, contents: string | Buffer): string {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, contents);
      return name;
    },
    /** The bin with `args`, in the folder. */
    run(args: readonly string[], options: { input?: string | Buffer; nodeArgs?: readonly string[] } = {}): CliRun {
      const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], { cwd: dir, input: options.input ?? "", encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
  };
}
