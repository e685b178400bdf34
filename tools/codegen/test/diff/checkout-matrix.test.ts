// changeset:check in the checkouts CI services really make, under CI=true: a feature branch in a
// full clone, `git clone --depth 1`, a pull request's merge ref at depth 1 with the target fetched
// at depth 1, a push to main after release tags at depth 1 (tags not fetched), and main before any
// release tag. An origin (a bare repository) holds the history; each checkout is cloned from it the
// way the service does. Every committed breaking change without a changeset fails the gate; an
// unchanged tree passes; where the base cannot be found the failure names the fix.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CiContext, ciContext } from "../../src/diff/ci-context.js";
import { runSchemaDiff } from "../../src/diff-cli.js";
import { git, tempDirs } from "./git-repos.js";
import { objectModel, writeSchemaSet } from "./schema-sets.js";

const tempDir = tempDirs("schema-gate-matrix-");

const STRING = { type: "string" };
/** The schema set every history starts from, and a breaking edit of it (a property removed). */
const ORIGINAL = { models: { "gateway/Thing": objectModel({ value: STRING, note: STRING }) } };
const BREAKING = { models: { "gateway/Thing": objectModel({ value: STRING }) } };

/** A working repository with a minimal changesets workspace (one package of the release group). */
function workspace(): string {
  const root = tempDir();
  git(root, "init", "-q", "-b", "main");
  writeFileSync(join(root, "package.json"), '{ "name": "workspace", "version": "0.0.0", "private": true }\n');
  writeFileSync(join(root, "pnpm-workspace.yaml"), 'packages:\n  - "packages/*"\n');
  mkdirSync(join(root, "packages", "types"), { recursive: true });
  writeFileSync(join(root, "packages", "types", "package.json"), '{ "name": "@org/payment-types", "version": "1.0.0" }\n');
  mkdirSync(join(root, ".changeset"));
  writeFileSync(
    join(root, ".changeset", "config.json"),
    `${JSON.stringify({ changelog: false, commit: false, fixed: [["@org/payment-types"]], linked: [], access: "public", baseBranch: "main", updateInternalDependencies: "patch", ignore: [] }, null, 2)}\n`,
  );
  writeSchemaSet(root, ORIGINAL);
  commit(root, "workspace and schemas");
  return root;
}

function commit(root: string, message: string): string {
  git(root, "add", "-A");
  git(root, "commit", "-q", "--allow-empty", "-m", message);
  return git(root, "rev-parse", "HEAD");
}

function breakSchemas(root: string): void {
  writeSchemaSet(root, BREAKING);
  commit(root, "drop Thing.note (breaking, no changeset)");
}

function touchNothing(root: string): void {
  writeFileSync(join(root, "NOTES.md"), `notes ${Math.random()}\n`);
  commit(root, "notes only");
}

/** The working repository published as a bare `origin` (every ref, including refs/pull/*). */
function publish(work: string): string {
  const origin = join(tempDir(), "origin.git");
  git(tempDir(), "clone", "-q", "--mirror", work, origin);
  return `file://${origin}`;
}

function clone(origin: string, ...args: string[]): string {
  const dir = join(tempDir(), "checkout");
  git(tempDir(), "clone", "-q", ...args, origin, dir);
  return dir;
}

async function check(root: string, env: NodeJS.ProcessEnv): Promise<{ exitCode: number; log: string }> {
  const lines: string[] = [];
  const ci: CiContext = ciContext(env);
  const outcome = await runSchemaDiff(
    root,
    { format: "text", changeset: false, check: true, ci },
    () => undefined,
    (line) => lines.push(line),
  );
  return { exitCode: outcome.exitCode, log: lines.join("\n") };
}

/** Only the variables a test names: the suite itself may run under a real CI service. */
const CI = { CI: "true" };

describe("changeset:check in CI checkouts (CI=true)", () => {
  it("feature branch, full clone: a breaking change fails; an unchanged branch passes", async () => {
    const work = workspace();
    git(work, "checkout", "-q", "-b", "feature");
    breakSchemas(work);
    git(work, "checkout", "-q", "-b", "quiet", "main");
    touchNothing(work);
    const origin = publish(work);

    const feature = clone(origin, "--branch", "feature");
    const failed = await check(feature, CI);
    expect(failed.exitCode).toBe(1);
    expect(failed.log).toContain("FAILED: 1 of 1 schema changes since the base (which need a major bump) are not announced:\n  `Thing#/properties/note` [property-removed] (major): named by no pending changeset");

    const quiet = clone(origin, "--branch", "quiet");
    const passed = await check(quiet, CI);
    expect(passed.log).toContain("ok: no schema changes since the base");
    expect(passed.exitCode).toBe(0);
  });

  it("feature branch, git clone --depth 1: fetches main and deepens until the merge base", async () => {
    const work = workspace();
    for (let i = 0; i < 3; i++) touchNothing(work);
    git(work, "checkout", "-q", "-b", "feature");
    breakSchemas(work);
    touchNothing(work);
    const origin = publish(work);

    const shallow = clone(origin, "--depth", "1", "--branch", "feature");
    expect(git(shallow, "rev-parse", "--is-shallow-repository")).toBe("true");
    const result = await check(shallow, CI);
    expect(result.exitCode).toBe(1);
    expect(result.log).toMatch(/ran `git fetch --no-tags --depth=50 origin \+refs\/heads\/main:refs\/remotes\/origin\/main`/);
    expect(result.log).toMatch(/FAILED/);
  });

  it("pull request merge ref at depth 1, then git fetch --depth=1 origin main: finds the merge base", async () => {
    const work = workspace();
    touchNothing(work);
    git(work, "checkout", "-q", "-b", "feature");
    breakSchemas(work);
    git(work, "checkout", "-q", "main");
    touchNothing(work); // main moves on, so the merge is a real merge commit
    git(work, "checkout", "-q", "--detach", "main");
    git(work, "merge", "-q", "--no-edit", "feature");
    git(work, "update-ref", "refs/pull/7/merge", "HEAD");
    git(work, "checkout", "-q", "-b", "quiet-merge", "main");
    git(work, "update-ref", "refs/pull/8/merge", commit(work, "an empty merge ref stand-in: touches nothing"));
    git(work, "checkout", "-q", "main");
    const origin = publish(work);

    const checkoutOf = (ref: string): string => {
      const dir = join(tempDir(), "pr");
      mkdirSync(dir);
      git(dir, "init", "-q");
      git(dir, "remote", "add", "origin", origin);
      git(dir, "fetch", "-q", "--depth=1", "origin", `+${ref}:refs/remotes/pull/merge`);
      git(dir, "checkout", "-q", "--detach", "refs/remotes/pull/merge");
      git(dir, "fetch", "-q", "--depth=1", "origin", "main");
      return dir;
    };
    const env = { ...CI, GITHUB_BASE_REF: "main", GITHUB_REF: "refs/pull/7/merge" };
    const broken = await check(checkoutOf("refs/pull/7/merge"), env);
    expect(broken.log).toContain("the pull request's target (GITHUB_BASE_REF)");
    expect(broken.exitCode).toBe(1);
    expect(broken.log).toMatch(/FAILED/);

    const quiet = await check(checkoutOf("refs/pull/8/merge"), { ...env, GITHUB_REF: "refs/pull/8/merge" });
    expect(quiet.log).toContain("ok: no schema changes since the base");
    expect(quiet.exitCode).toBe(0);
  });

  it("push to main after release tags, depth 1 (tags not fetched): compares with the last release tag", async () => {
    const work = workspace();
    git(work, "tag", "@org/payment-types@1.0.0");
    touchNothing(work);
    const released = commit(work, "another release");
    git(work, "tag", "@org/payment-types@1.1.0");
    breakSchemas(work);
    touchNothing(work); // the breaking commit is not the last one: the tag still catches it
    const origin = publish(work);

    const shallow = clone(origin, "--depth", "1", "--branch", "main", "--no-tags");
    expect(git(shallow, "tag", "--list")).toBe("");
    const result = await check(shallow, { ...CI, GITHUB_REF: "refs/heads/main" });
    expect(result.log).toContain(`@org/payment-types@1.1.0 (last release tag, ${released.slice(0, 12)})`);
    expect(result.exitCode).toBe(1);

    const quietWork = workspace();
    git(quietWork, "tag", "@org/payment-types@1.0.0");
    touchNothing(quietWork);
    const passed = await check(clone(publish(quietWork), "--depth", "1", "--no-tags"), { ...CI, GITHUB_REF: "refs/heads/main" });
    expect(passed.log).toContain("ok: no schema changes since the base");
    expect(passed.exitCode).toBe(0);
  });

  it("main with no release tag: compares with the commit before HEAD (full clone and depth 1)", async () => {
    const work = workspace();
    touchNothing(work);
    breakSchemas(work);
    const origin = publish(work);
    for (const checkout of [clone(origin), clone(origin, "--depth", "1")]) {
      const result = await check(checkout, CI);
      expect(result.log).toContain("the commit before HEAD, as no release tag (@org/payment-*@*) exists yet");
      expect(result.exitCode).toBe(1);
    }

    touchNothing(work);
    const passed = await check(clone(publish(work), "--depth", "1"), CI);
    expect(passed.log).toContain("ok: no schema changes since the base");
    expect(passed.exitCode).toBe(0);
  });

  it("main with no release tag, push build: compares with the commit the push started from", async () => {
    const work = workspace();
    const before = git(work, "rev-parse", "HEAD");
    breakSchemas(work);
    touchNothing(work); // a push of two commits: the first parent alone would miss the break
    const result = await check(clone(publish(work), "--depth", "1"), { ...CI, CI_COMMIT_BRANCH: "main", CI_COMMIT_BEFORE_SHA: before });
    expect(result.log).toContain(`${before} (the commit main was at before this push`);
    expect(result.exitCode).toBe(1);
  });

  it("a changeset that names the change makes the gate pass; one that does not name it covers nothing", async () => {
    const work = workspace();
    git(work, "checkout", "-q", "-b", "feature");
    writeSchemaSet(work, BREAKING);
    writeFileSync(join(work, ".changeset", "drop-note.md"), '---\n"@org/payment-types": major\n---\n\n- `Thing#/properties/note` [property-removed] Thing.note is gone.\n');
    commit(work, "drop Thing.note, announced");
    const result = await check(clone(publish(work), "--depth", "1", "--branch", "feature"), CI);
    expect(result.log).toMatch(/ok: the major schema changes are covered: every change is named by a pending changeset/);
    expect(result.exitCode).toBe(0);

    writeFileSync(join(work, ".changeset", "drop-note.md"), '---\n"@org/payment-types": major\n---\n\nA big unrelated release.\n');
    commit(work, "the changeset no longer names the change");
    const unrelated = await check(clone(publish(work), "--depth", "1", "--branch", "feature"), CI);
    expect(unrelated.log).toContain("`Thing#/properties/note` [property-removed] (major): named by no pending changeset");
    expect(unrelated.exitCode).toBe(1);
  });

  it("when the history cannot be had, CI fails naming the fix; outside CI it skips loudly", async () => {
    const work = workspace();
    breakSchemas(work);
    const shallow = clone(publish(work), "--depth", "1");
    git(shallow, "remote", "remove", "origin");
    const inCi = await check(shallow, CI);
    expect(inCi.exitCode).toBe(1);
    expect(inCi.log).toContain("FAILED: nothing was compared");
    expect(inCi.log).toContain("git fetch --unshallow --tags origin");
    expect(inCi.log).toContain("fetch-depth: 0");

    const local = await check(shallow, {});
    expect(local.exitCode).toBe(0);
    expect(local.log).toMatch(/SKIPPED, NOT CHECKED .*under CI=true this fails/);
  });

  it("a full clone whose origin is gone still checks, with its own refs and tags", async () => {
    const work = workspace();
    git(work, "tag", "@org/payment-types@1.0.0");
    breakSchemas(work);
    const full = clone(publish(work));
    git(full, "remote", "set-url", "origin", `file://${join(tempDir(), "gone.git")}`);
    const result = await check(full, CI);
    expect(result.log).toMatch(/warning: `git fetch --tags --force origin` failed: .*This is a full clone, so its own refs and tags are used\./);
    expect(result.log).toContain("@org/payment-types@1.0.0 (last release tag");
    expect(result.exitCode).toBe(1);
  });
});
