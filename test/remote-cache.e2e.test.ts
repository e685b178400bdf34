// Two clones of this repository share one self-hosted turbo remote cache: turborepo-remote-cache
// from the npm registry on 127.0.0.1 (local storage in a temp folder, a token, signed artifacts).
// The first clone builds everything; the second, with an empty local cache, must replay every task
// from the server and end up with the same files. A schema edit must re-run exactly codegen and
// the tasks downstream of it, and its output replayed in the other clone must equal a fresh run.
// The clones are of the committed HEAD, as CI sees it (uncommitted changes are not part of it).
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** What CI builds (tools/scripts/test.sh): every package's build and typecheck, codegen first. */
const FULL_BUILD = ["build", "typecheck"];
const TEAM = "payment-types";
const BUILD_TIMEOUT = 900_000;

/** The server's executable, or undefined where the package is not installed (the only reason to skip). */
function serverExecutable(): string | undefined {
  try {
    const manifestPath = createRequire(join(ROOT, "package.json")).resolve("turborepo-remote-cache/package.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: string | Record<string, string> };
    const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin["turborepo-remote-cache"];
    return bin ? join(dirname(manifestPath), bin) : undefined;
  } catch {
    return undefined;
  }
}

interface TaskSummary {
  taskId: string;
  task: string;
  package: string;
  hash: string;
  dependents: string[];
  cache: { status: "HIT" | "MISS"; source?: "LOCAL" | "REMOTE" };
}

interface RunSummary {
  tasks: TaskSummary[];
}

/** Runs a command to completion; rejects with the command and the end of its output on failure. */
function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolvePromise(output);
      else reject(new Error(`${command} ${args.join(" ")} (in ${cwd}) exited with ${code}:\n${output.slice(-6000)}`));
    });
  });
}

/** The environment without anything that would point turbo at another cache or change its behaviour. */
function baseEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(TURBO_|VERCEL_|VITEST)/.test(key) || key === "NODE_OPTIONS" || key === "NODE_ENV") continue;
    env[key] = value;
  }
  // turbo must reach nothing but the cache server on 127.0.0.1: no telemetry, no update check.
  return { ...env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", TURBO_NO_UPDATE_NOTIFIER: "1", TURBO_UI: "false" };
}

/** Every file of a clone (not .git, node_modules or turbo's logs and local cache) with its sha256. */
function treeDigest(dir: string, root = dir, out = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir).sort()) {
    if (entry === ".git" || entry === "node_modules" || entry === ".turbo") continue;
    const abs = join(dir, entry);
    if (statSync(abs).isDirectory()) treeDigest(abs, root, out);
    else out.set(relative(root, abs).split(sep).join("/"), createHash("sha256").update(readFileSync(abs)).digest("hex"));
  }
  return out;
}

function treeDifferences(a: Map<string, string>, b: Map<string, string>): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((path) => a.get(path) !== b.get(path)).sort();
}

/** Task ids reachable from `starts` along `dependents` edges, the starts included. */
function downstreamOf(starts: readonly string[], dependents: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(dependents.get(id) ?? []));
  }
  return seen;
}

/** A real schema edit: the first schema file's model description, extended. */
function editFirstSchema(clone: string): { file: string; text: string } {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(clone, dir)).sort()) {
      const path = `${dir}/${entry}`;
      if (statSync(join(clone, path)).isDirectory()) walk(path);
      else if (entry.endsWith(".schema.json")) files.push(path);
    }
  };
  walk("schemas");
  const file = files[0];
  if (!file) throw new Error("no *.schema.json under schemas/");
  const before = readFileSync(join(clone, file), "utf8");
  const description = (JSON.parse(before) as { description: string }).description;
  const edited = `${description} Edited by the remote cache test.`;
  const text = before.replace(`"description": ${JSON.stringify(description)}`, `"description": ${JSON.stringify(edited)}`);
  if ((JSON.parse(text) as { description: string }).description !== edited) throw new Error(`could not edit the description of ${file}`);
  writeFileSync(join(clone, file), text);
  return { file, text };
}

const SERVER = serverExecutable();
if (!SERVER) console.warn("remote-cache e2e SKIPPED: the turborepo-remote-cache package is not installed (it is a root devDependency: run pnpm install).");

describe.skipIf(!SERVER)("turbo remote cache shared by two clones (turborepo-remote-cache on 127.0.0.1)", () => {
  const token = randomBytes(24).toString("hex");
  // 32 random bytes as 64 hex characters: turbo.json requires at least 32 bytes (longerSignatureKey).
  const signatureKey = randomBytes(32).toString("hex");
  let temp: string;
  let storage: string;
  let server: ChildProcess | undefined;
  let api: string;
  let first: string;
  let second: string;
  let firstBuild: RunSummary;
  let firstSeconds: number;

  function turboEnvironment(key = signatureKey): NodeJS.ProcessEnv {
    return { ...baseEnvironment(), TURBO_API: api, TURBO_TOKEN: token, TURBO_TEAM: TEAM, TURBO_REMOTE_CACHE_SIGNATURE_KEY: key };
  }

  /** `turbo run` with a run summary; returns the summary and the wall time in seconds. */
  async function turbo(clone: string, args: readonly string[], key?: string): Promise<{ summary: RunSummary; seconds: number }> {
    const runs = join(clone, ".turbo", "runs");
    const before = new Set(existsSync(runs) ? readdirSync(runs) : []);
    const start = performance.now();
    await run("pnpm", ["exec", "turbo", "run", ...args, "--summarize", "--output-logs=errors-only"], clone, turboEnvironment(key));
    const seconds = (performance.now() - start) / 1000;
    const written = readdirSync(runs).filter((file) => !before.has(file));
    expect(written, "turbo wrote one run summary").toHaveLength(1);
    return { summary: JSON.parse(readFileSync(join(runs, written[0]!), "utf8")) as RunSummary, seconds };
  }

  async function dryRun(clone: string): Promise<{ tasks: TaskSummary[] }> {
    return JSON.parse(await run("pnpm", ["exec", "turbo", "run", ...FULL_BUILD, "--dry=json"], clone, turboEnvironment())) as { tasks: TaskSummary[] };
  }

  async function startServer(): Promise<void> {
    const log = join(temp, "server.log");
    const logFd = openSync(log, "w");
    // Output goes to a file, not a pipe: a pipe nobody drains would stall the server.
    server = spawn(process.execPath, [SERVER!], {
      env: {
        ...baseEnvironment(),
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: "0",
        LOG_LEVEL: "info",
        STORAGE_PROVIDER: "local",
        STORAGE_PATH: storage,
        STORAGE_PATH_USE_TMP_FOLDER: "false",
        TURBO_TOKEN: token,
        // The server only needs to know that artifacts carry signature tags (it stores and returns
        // them); it never checks them, so it never gets the secret key.
        TURBO_REMOTE_CACHE_SIGNATURE_KEY: "tags-enabled",
      },
      stdio: ["ignore", logFd, logFd],
    });
    closeSync(logFd);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (server.exitCode !== null) throw new Error(`turborepo-remote-cache exited with ${server.exitCode}:\n${readFileSync(log, "utf8")}`);
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(readFileSync(log, "utf8"));
      if (listening) {
        api = listening[1]!;
        return;
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
    throw new Error(`turborepo-remote-cache did not start within 30 s:\n${readFileSync(log, "utf8")}`);
  }

  async function stopServer(): Promise<void> {
    const child = server;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolveExit) => child.once("exit", resolveExit));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }

  async function cloneAndInstall(name: string, commit: string): Promise<string> {
    const dir = join(temp, name);
    await run("git", ["clone", "--quiet", "--no-checkout", ROOT, dir], temp);
    await run("git", ["checkout", "--quiet", commit], dir);
    await run("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], dir, baseEnvironment());
    return dir;
  }

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), "turbo-remote-cache-"));
    storage = join(temp, "storage");
    await startServer();
    const commit = (await run("git", ["rev-parse", "HEAD"], ROOT)).trim();
    first = await cloneAndInstall("first", commit);
    second = await cloneAndInstall("second", commit);
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    await stopServer();
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it("serves 127.0.0.1 only, and artifacts only to holders of the token", async () => {
    expect(new URL(api).hostname).toBe("127.0.0.1");
    const artifact = `${api}/v8/artifacts/${"0".repeat(16)}?slug=${TEAM}`;
    expect((await fetch(artifact, { headers: { authorization: `Bearer ${randomBytes(24).toString("hex")}` } })).status).toBe(401);
    expect((await fetch(artifact, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });

  it("computes the same task hashes in two clones in different directories", async () => {
    const [a, b] = await Promise.all([dryRun(first), dryRun(second)]);
    const hashes = (plan: { tasks: TaskSummary[] }) => Object.fromEntries(plan.tasks.map((t) => [t.taskId, t.hash]));
    expect(a.tasks.length).toBeGreaterThan(0);
    expect(hashes(b)).toEqual(hashes(a));
  });

  it("builds everything in the first clone and uploads a signed artifact for every task", { timeout: BUILD_TIMEOUT }, async () => {
    const { summary, seconds } = await turbo(first, FULL_BUILD);
    firstBuild = summary;
    firstSeconds = seconds;
    expect(summary.tasks.some((t) => t.task === "codegen")).toBe(true);
    for (const task of summary.tasks) {
      expect(task.cache.status, task.taskId).toBe("MISS");
      expect(existsSync(join(storage, TEAM, task.hash)), `artifact of ${task.taskId}`).toBe(true);
      expect(existsSync(join(storage, TEAM, `${task.hash}.tag`)), `signature tag of ${task.taskId}`).toBe(true);
    }
    // A fresh codegen + build in another directory reproduces the committed sources byte for byte.
    expect(await run("git", ["status", "--porcelain"], first)).toBe("");
  });

  it("replays every task of the second clone from the remote cache, with the first clone's files", { timeout: BUILD_TIMEOUT }, async () => {
    const localCache = join(second, ".turbo", "cache");
    expect(existsSync(localCache) ? readdirSync(localCache) : [], "the second clone starts with an empty local cache").toEqual([]);
    const { summary, seconds } = await turbo(second, FULL_BUILD);
    // A figure for the report, not an assertion: timings belong in benchmarks.
    console.info(`remote cache e2e: ${summary.tasks.length} tasks, first clone ${firstSeconds.toFixed(1)} s, ` + `second clone ${seconds.toFixed(1)} s (${(firstSeconds / seconds).toFixed(1)}x faster)`);
    expect(summary.tasks.map((t) => t.taskId).sort()).toEqual(firstBuild.tasks.map((t) => t.taskId).sort());
    for (const task of summary.tasks) {
      expect(task.cache, task.taskId).toMatchObject({ status: "HIT", source: "REMOTE" });
      expect(task.hash, task.taskId).toBe(firstBuild.tasks.find((t) => t.taskId === task.taskId)!.hash);
    }
    expect(treeDifferences(treeDigest(first), treeDigest(second))).toEqual([]);
  });

  it("treats an artifact signed with another key as a miss", { timeout: BUILD_TIMEOUT }, async () => {
    const codegen = firstBuild.tasks.find((t) => t.task === "codegen")!;
    const args = ["codegen", `--filter=${codegen.package}`, "--cache=remote:r"];
    const forged = await turbo(second, args, randomBytes(32).toString("hex"));
    expect(forged.summary.tasks.find((t) => t.taskId === codegen.taskId)!.cache.status).toBe("MISS");
    const genuine = await turbo(second, args);
    expect(genuine.summary.tasks.find((t) => t.taskId === codegen.taskId)!.cache).toMatchObject({ status: "HIT", source: "REMOTE" });
  });

  let edit: { file: string; text: string };
  let downstream: Set<string>;
  let editedBuild: RunSummary;

  it("re-runs exactly codegen and the tasks downstream of it after a schema edit in the second clone", { timeout: BUILD_TIMEOUT }, async () => {
    edit = editFirstSchema(second);
    const plan = await dryRun(second);
    const built = new Map(firstBuild.tasks.map((t) => [t.taskId, t.hash]));
    // Downstream: codegen and everything that depends on it, through the task graph (including
    // graph-only tasks without a command), limited to the tasks that run a command.
    const graph = new Map(plan.tasks.map((t) => [t.taskId, t.dependents]));
    const codegen = firstBuild.tasks.filter((t) => t.task === "codegen").map((t) => t.taskId);
    downstream = new Set([...downstreamOf(codegen, graph)].filter((id) => built.has(id)));
    const invalidated = plan.tasks.filter((t) => built.has(t.taskId) && t.hash !== built.get(t.taskId)).map((t) => t.taskId);
    expect(invalidated.sort()).toEqual([...downstream].sort());
    expect(downstream.size, "some tasks do not depend on the schemas (codegen's own typecheck), and keep their hash").toBeLessThan(built.size);

    const { summary } = await turbo(second, FULL_BUILD);
    editedBuild = summary;
    for (const task of summary.tasks) {
      expect(task.hash, task.taskId).toBe(plan.tasks.find((t) => t.taskId === task.taskId)!.hash);
      expect(task.cache.status, task.taskId).toBe(downstream.has(task.taskId) ? "MISS" : "HIT");
    }
    // Every workspace package whose generated output changed re-runs all of its tasks.
    const changed = (await run("git", ["status", "--porcelain"], second))
      .split("\n")
      .filter(Boolean)
      .map((line) => line.slice(3));
    const packageDirs = new Set(changed.filter((path) => path.startsWith("packages/")).map((path) => path.split("/").slice(0, 2).join("/")));
    const names = [...packageDirs].filter((dir) => existsSync(join(second, dir, "package.json"))).map((dir) => (JSON.parse(readFileSync(join(second, dir, "package.json"), "utf8")) as { name: string }).name);
    expect(names.length, "the edit changed the generated output of some package").toBeGreaterThan(0);
    for (const name of names) {
      const tasks = summary.tasks.filter((t) => t.package === name);
      for (const task of tasks) expect(downstream.has(task.taskId), `${task.taskId} re-runs`).toBe(true);
    }
  });

  it("replays the edited build in the first clone from the cache, byte for byte as the fresh run", { timeout: BUILD_TIMEOUT }, async () => {
    writeFileSync(join(first, edit.file), edit.text);
    const { summary } = await turbo(first, FULL_BUILD);
    for (const task of summary.tasks) {
      expect(task.hash, task.taskId).toBe(editedBuild.tasks.find((t) => t.taskId === task.taskId)!.hash);
      expect(task.cache, task.taskId).toMatchObject(downstream.has(task.taskId) ? { status: "HIT", source: "REMOTE" } : { status: "HIT" });
    }
    // The generated files on disk were the old ones: equal trees mean turbo restored codegen's
    // outputs outside its package ($TURBO_ROOT$/packages/...), and `codegen --check` means the
    // restored set is exactly what codegen writes, with nothing missing, stale or left over.
    expect(treeDifferences(treeDigest(second), treeDigest(first))).toEqual([]);
    await run("pnpm", ["codegen", "--check"], first, baseEnvironment());
  });
});
