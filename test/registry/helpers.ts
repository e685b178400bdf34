// What the registry end-to-end test runs on: a real Verdaccio on 127.0.0.1 with its storage in a
// temp folder and no uplinks, commands run as a user would run them, and a copy of the workspace
// to release from (so versioning and publishing never touch the repository itself).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { verdaccioConfig } from "../../tools/scripts/verdaccio-config.js";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SERVER = fileURLToPath(new URL("verdaccio-server.mjs", import.meta.url));
const STARTUP_LIMIT_MS = 60_000;

export interface Registry {
  readonly url: string;
  readonly token: string;
  /** Verdaccio's own output so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs a command to completion (never through a shell), with a time limit. */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string }): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 300_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
    // A command that exits before reading its input closes the pipe: that is not an error here.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
  });
}

/** Like run, but a non-zero exit is an error that shows the command's output. */
export async function mustRun(command: string, args: readonly string[], options: Parameters<typeof run>[2]): Promise<CommandResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} (in ${options.cwd}) exited ${result.code}\n--- stdout\n${result.stdout.slice(-8000)}\n--- stderr\n${result.stderr.slice(-8000)}`);
  }
  return result;
}

/** Starts Verdaccio with its files under `dir` and signs up a publishing user; gives up (and stops
 *  the server) if it does not answer within a minute. `configText` replaces the configuration
 *  (for the test of a registry that cannot start). */
export async function startRegistry(dir: string, configText = verdaccioConfig(dir)): Promise<Registry> {
  mkdirSync(dir, { recursive: true });
  const config = join(dir, "config.yaml");
  writeFileSync(config, configText);
  const child: ChildProcess = spawn(process.execPath, [SERVER, config], { cwd: dir, stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin!.end();
    const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(killer);
  };

  try {
    let deadline: NodeJS.Timeout | undefined;
    const port = await new Promise<number>((resolve, reject) => {
      deadline = setTimeout(() => reject(new Error(`Verdaccio did not start within ${STARTUP_LIMIT_MS / 1000} s`)), STARTUP_LIMIT_MS);
      child.once("exit", (code) => reject(new Error(`Verdaccio exited (${code}) before listening`)));
      child.stdout!.on("data", () => {
        const match = /\{"port":(\d+)\}/.exec(output);
        if (match) resolve(Number(match[1]));
      });
    }).finally(() => clearTimeout(deadline));
    const url = `http://127.0.0.1:${port}/`;
    const ping = await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(10_000) });
    if (!ping.ok) throw new Error(`Verdaccio ping answered ${ping.status}`);
    const signup = await fetch(`${url}-/user/org.couchdb.user:release-e2e`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "release-e2e", password: "release-e2e-password" }),
      signal: AbortSignal.timeout(30_000),
    });
    const { token } = (await signup.json()) as { token?: string };
    if (!signup.ok || !token) throw new Error(`could not sign up a user on Verdaccio (${signup.status})`);
    return { url, token, log: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- Verdaccio output\n${output}`);
  }
}

/** An environment in which every npm and pnpm call talks to `registry` only, with its own user
 *  config (holding the publish token) and cache under `dir`. */
export function registryEnv(registry: Registry, dir: string): NodeJS.ProcessEnv {
  return isolatedEnv(dir, `registry=${registry.url}\n${registry.url.replace(/^http:/, "")}:_authToken=${registry.token}\n`, { npm_config_registry: registry.url });
}

/** The workspace's files (tracked, and untracked but not ignored: what the working tree holds),
 *  copied to `to`, without node_modules, build output or caches. */
export function copyWorkspace(to: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO_ROOT }).toString().split("\0").filter(Boolean);
  for (const file of files) {
    const from = join(REPO_ROOT, file);
    if (!existsSync(from)) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(from, join(to, file));
  }
}

/** A workspace copy (see copyWorkspace) made a git repository with one commit, as a fresh clone is,
 *  then installed from the local pnpm store (nothing downloaded). Returns the install's output. */
export async function cloneWorkspace(to: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  copyWorkspace(to);
  await commitAll(to, "the workspace as tested", env);
  return mustRun("pnpm", ["install", "--offline", "--frozen-lockfile"], { cwd: to, env, timeoutMs: 300_000 });
}

/** Commits everything in `dir` (making it a git repository first if it is not one). */
export async function commitAll(dir: string, message: string, env: NodeJS.ProcessEnv): Promise<void> {
  const git = (...args: string[]) => mustRun("git", ["-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid", "-c", "commit.gpgsign=false", ...args], { cwd: dir, env });
  if (!existsSync(join(dir, ".git"))) await git("init", "-q", "-b", "main");
  await git("add", "-A");
  await git("commit", "-q", "--allow-empty", "-m", message);
}

/** A TCP port on 127.0.0.1 that nothing listens on right now (for servers that take a port number). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The environment of a test's npm and pnpm calls: none of the npm_config_* variables pnpm hands
 *  to the test runner, a user config of the test's own (`npmrc`, written to `dir`), a private cache,
 *  no audit, fund, update or telemetry calls; `extra` on top. */
export function isolatedEnv(dir: string, npmrc: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const userconfig = join(dir, "npmrc");
  writeFileSync(userconfig, npmrc);
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key))),
    npm_config_userconfig: userconfig,
    npm_config_cache: join(dir, "npm-cache"),
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    TURBO_TELEMETRY_DISABLED: "1",
    DO_NOT_TRACK: "1",
    ...extra,
  };
}
