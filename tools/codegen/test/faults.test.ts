// codegen under faults, in spawned processes: all or nothing per run even when killed (kill -9)
// after any rename, stray copies that --check reports and the next run removes, one run at a time
// (a lock that waits, gives up naming the holder, and takes over a dead one's), file-system errors
// as one line, and --watch following editor-style rename-saves, new files and deletes.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CODEGEN_DIR, REPO_ROOT, copyRepo, removeRepo, runCodegen, snapshotGenerated, watchSession } from "./helpers.js";

const TSX = join(CODEGEN_DIR, "node_modules/.bin/tsx");
const CLI = join(CODEGEN_DIR, "src/cli.ts");
const DRIVER = join(CODEGEN_DIR, "test/support/replace-driver.ts");

/** Every file under `root` (repository-relative path -> contents), the lock and journal included. */
function snapshotTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string, rel: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), path);
      else files.set(path, readFileSync(join(dir, entry.name), "utf8"));
    }
  };
  walk(root, "");
  return files;
}

/** Killed by SIGKILL (through tsx's launcher, which reports it as exit code 137). */
function killed(result: { signal: NodeJS.Signals | null; status: number | null }): boolean {
  return result.signal === "SIGKILL" || result.status === 128 + 9;
}

function write(root: string, rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

describe("all or nothing, whenever the run is killed", () => {
  // A small tree: two folders replaced, one created, two package.json files rewritten, and in a
  // fourth folder one file replaced and one removed on their own (what a watch run's edit does).
  const before: Record<string, string> = {
    "packages/d/generated/same.ts": "unchanged d\n",
    "packages/d/generated/changed.ts": "old d\n",
    "packages/d/generated/removed.ts": "old, removed on its own\n",
    "packages/a/generated/one.ts": "old one\n",
    "packages/a/generated/gone.ts": "old, not emitted any more\n",
    "packages/a/package.json": '{ "name": "a", "old": true }\n',
    "packages/b/src/generated/index.ts": "old b\n",
    "packages/b/package.json": '{ "name": "b", "old": true }\n',
  };
  const plan = [
    { target: "packages/a/generated", folder: { "one.ts": "new one\n", "deep/two.ts": "new two\n" } },
    { target: "packages/a/package.json", text: '{ "name": "a", "new": true }\n' },
    { target: "packages/b/package.json", text: '{ "name": "b", "new": true }\n' },
    { target: "packages/b/src/generated", folder: { "index.ts": "new b\n" } },
    { target: "packages/c/generated", folder: { "fresh.ts": "new c\n" } },
    { target: "packages/d/generated/changed.ts", file: "new d\n" },
    { target: "packages/d/generated/removed.ts", remove: true },
  ];
  const after: Record<string, string> = {
    "packages/a/generated/one.ts": "new one\n",
    "packages/a/generated/deep/two.ts": "new two\n",
    "packages/a/package.json": '{ "name": "a", "new": true }\n',
    "packages/b/src/generated/index.ts": "new b\n",
    "packages/b/package.json": '{ "name": "b", "new": true }\n',
    "packages/c/generated/fresh.ts": "new c\n",
    "packages/d/generated/same.ts": "unchanged d\n",
    "packages/d/generated/changed.ts": "new d\n",
  };
  // The journal (1), each existing target moved aside and its new version in (2 x 5), the new
  // folder moved in (1), the removed file moved aside (1), the journal marked committed (1).
  const RENAMES = 14;

  function driver(root: string, planFile: string, crashAfter?: number) {
    const env = { ...process.env, PAYMENT_CODEGEN_CRASH_AFTER_RENAME: crashAfter === undefined ? "" : String(crashAfter) };
    return spawnSync(TSX, [DRIVER, root, planFile], { encoding: "utf8", env });
  }

  it(`ends with exactly the old or exactly the new tree after a crash at each of the ${RENAMES} renames`, () => {
    const scratch = mkdtempSync(join(tmpdir(), "codegen-crash-"));
    const planFile = join(scratch, "plan.json");
    writeFileSync(planFile, JSON.stringify(plan));
    try {
      const outcomes: string[] = [];
      for (let n = 1; n <= RENAMES + 1; n++) {
        const root = join(scratch, `run-${n}`);
        for (const [rel, text] of Object.entries(before)) write(root, rel, text);
        const crashed = driver(root, planFile, n);
        if (n <= RENAMES) expect(killed(crashed), `rename ${n}: ${crashed.stderr}`).toBe(true);
        else expect(crashed.status).toBe(0);
        // The next run finishes what the journal says, before anything else.
        const recovered = driver(root, "--recover");
        expect(recovered.status, recovered.stderr).toBe(0);
        const tree = Object.fromEntries(snapshotTree(root));
        const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
        const outcome = same(tree, before) ? "old" : same(tree, after) ? "new" : "mixed";
        expect(outcome, `after a crash at rename ${n}: ${JSON.stringify(tree, null, 1)}`).not.toBe("mixed");
        outcomes.push(outcome);
        // And the same tree can then be brought to the new state.
        expect(driver(root, planFile).status).toBe(0);
        expect(Object.fromEntries(snapshotTree(root))).toEqual(after);
      }
      // Rolled back up to the commit, completed from it on.
      expect(outcomes).toEqual([...Array<string>(RENAMES - 1).fill("old"), "new", "new"]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 300_000);
});

describe("codegen's own runs", () => {
  let root: string;
  beforeEach(() => {
    root = copyRepo();
    // The published packages' manifests, so the run rewrites their schema set stamps too.
    for (const pkg of readdirSync(join(REPO_ROOT, "packages"))) {
      const manifest = join(REPO_ROOT, "packages", pkg, "package.json");
      if (existsSync(manifest)) cpSync(manifest, join(root, "packages", pkg, "package.json"));
    }
    const amount = join(root, "schemas/adyen/Amount.schema.json");
    writeFileSync(amount, readFileSync(amount, "utf8").replace("in minor units", "in minor units (edited by a test)"));
  });
  afterEach(() => removeRepo(root));

  it("a run killed after a swap leaves a journal; --check rolls it back and fails, the next run completes", () => {
    const old = snapshotGenerated(root);
    const crash = spawnSync(TSX, [CLI, "--root", root], { encoding: "utf8", env: { ...process.env, PAYMENT_CODEGEN_CRASH_AFTER_RENAME: "4" } });
    expect(killed(crash)).toBe(true);
    expect(existsSync(join(root, ".codegen-journal.json"))).toBe(true);
    const check = runCodegen(root, "--check");
    expect(check.output).toMatch(/codegen: rolled back the interrupted run of process \d+ \(\d+ output\(s\) restored to their previous version\)/);
    expect(check.status).toBe(1);
    expect(snapshotGenerated(root)).toEqual(old);
    expect(runCodegen(root).status).toBe(0);
    expect(runCodegen(root, "--check").status).toBe(0);
  }, 180_000);

  it("stray copies make --check fail; the next run removes them", () => {
    expect(runCodegen(root).status).toBe(0);
    mkdirSync(join(root, "packages/payment-docs/generated.tmp-123-456"), { recursive: true });
    mkdirSync(join(root, "packages/payment-types/src/generated.old-123-456"), { recursive: true });
    writeFileSync(join(root, "packages/payment-types/package.json.tmp-123-456"), "{}");
    const check = runCodegen(root, "--check");
    expect(check.status).toBe(1);
    for (const stray of ["packages/payment-docs/generated.tmp-123-456", "packages/payment-types/src/generated.old-123-456", "packages/payment-types/package.json.tmp-123-456"]) {
      expect(check.output).toContain(`  stray      ${stray}`);
    }
    const run = runCodegen(root);
    expect(run.status).toBe(0);
    expect(run.output).toContain("codegen: removed packages/payment-docs/generated.tmp-123-456, left by an interrupted run.");
    expect(existsSync(join(root, "packages/payment-docs/generated.tmp-123-456"))).toBe(false);
    expect(runCodegen(root, "--check").status).toBe(0);
  }, 180_000);

  it("one run at a time: two at once both succeed (one waits) and the output is complete", async () => {
    const start = () =>
      new Promise<{ status: number | null; output: string }>((resolve) => {
        const child = spawn(TSX, [CLI, "--root", root]);
        let output = "";
        child.stdout.on("data", (d: Buffer) => (output += d.toString()));
        child.stderr.on("data", (d: Buffer) => (output += d.toString()));
        child.on("close", (status) => resolve({ status, output }));
      });
    const [a, b] = await Promise.all([start(), start()]);
    expect(a.status, a.output).toBe(0);
    expect(b.status, b.output).toBe(0);
    expect(runCodegen(root, "--check").status).toBe(0);
    expect(existsSync(join(root, ".codegen.lock"))).toBe(false);
  }, 240_000);

  it("a run held up too long exits 2 naming the holder's pid; a dead holder's lock is taken over", () => {
    const holder = spawn("sleep", ["60"]);
    try {
      writeFileSync(join(root, ".codegen.lock"), `${holder.pid}\n`);
      const busy = spawnSync(TSX, [CLI, "--root", root], { encoding: "utf8", env: { ...process.env, PAYMENT_CODEGEN_LOCK_WAIT_MS: "300" } });
      expect(busy.status).toBe(2);
      expect(busy.stderr).toContain(`codegen: waiting for the codegen run of process ${holder.pid} to finish...`);
      expect(busy.stderr).toContain(`codegen: another codegen run (process ${holder.pid}) is writing this repository's output`);
    } finally {
      holder.kill("SIGKILL");
    }
    const dead = spawnSync("true");
    writeFileSync(join(root, ".codegen.lock"), `${dead.pid}\n`);
    const run = runCodegen(root);
    expect(run.status, run.output).toBe(0);
    expect(existsSync(join(root, ".codegen.lock"))).toBe(false);
  }, 180_000);

  it("a file-system error is one line naming the path and what it means, exit 2", () => {
    rmSync(join(root, "packages/payment-docs/generated"), { recursive: true });
    writeFileSync(join(root, "packages/payment-docs/generated"), "a file where a folder belongs");
    const run = runCodegen(root);
    expect(run.status).toBe(2);
    expect(run.output.trim().split("\n").at(-1)).toBe("codegen: cannot list folder packages/payment-docs/generated: a part of the path is a file, not a folder (ENOTDIR)");
    expect(run.output).not.toMatch(/\n\s+at /);
  }, 120_000);
});

describe("--watch", () => {
  let root: string;
  let watcher: ReturnType<typeof watchSession> | undefined;
  beforeEach(() => {
    root = copyRepo();
  });
  afterEach(() => {
    watcher?.stop();
    removeRepo(root);
  });

  it("ends with the output of the final schemas after fifty rename-saves in two seconds, a new file and a delete", async () => {
    watcher = watchSession(root);
    const until = watcher.until;
    await until(() => watcher!.output().includes("watching schemas/"), "the watch to start");

    const amount = join(root, "schemas/adyen/Amount.schema.json");
    const original = readFileSync(amount, "utf8");
    for (let save = 1; save <= 50; save++) {
      // What editors do: write a temporary file, rename it over the schema.
      const temp = `${amount}.${save}.swp`;
      writeFileSync(temp, original.replace("in minor units", `in minor units (save ${save})`));
      renameSync(temp, amount);
      await new Promise((r) => setTimeout(r, 40));
    }
    const extra = join(root, "schemas/adyen/ExtraNote.schema.json");
    writeFileSync(extra, original.replaceAll("Amount", "ExtraNote"));
    const types = join(root, "packages/payment-types/src/generated");
    const generatedText = () =>
      readdirSync(types)
        .map((f) => readFileSync(join(types, f), "utf8"))
        .join("\n");
    await until(() => generatedText().includes("(save 50)") && generatedText().includes("ExtraNote"), "the last save and the new file");
    rmSync(extra);
    await until(() => !generatedText().includes("ExtraNote"), "the delete");
    // Quiet for a while: nothing left to regenerate.
    await new Promise((r) => setTimeout(r, 2000));
    watcher.stop();
    watcher = undefined;
    rmSync(join(root, ".codegen.lock"), { force: true });
    const check = runCodegen(root, "--check");
    expect(check.status, check.output).toBe(0);
    expect(generatedText()).toContain("(save 50)");
    expect(generatedText()).not.toContain("(save 49)");
  }, 300_000);
});
