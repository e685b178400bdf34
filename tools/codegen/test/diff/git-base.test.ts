// Which commit schema:diff compares with, in throwaway git repositories: explicit --base, the
// merge base on a branch, the last release tag, HEAD before any release, and clear errors when
// there is nothing to compare with. Also the CLI's exit codes for those cases.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BaseError, loadSchemaSetAt, resolveBase } from "../../src/diff/git-base.js";
import { parseArguments, runSchemaDiff } from "../../src/diff-cli.js";
import { git, tempDirs } from "./git-repos.js";
import { objectModel, writeSchemaSet } from "./schema-sets.js";

const tempDir = tempDirs("schema-diff-git-");

/** A repository on `branch` with a one-model schema set committed. */
function repo(branch = "main"): string {
  const root = tempDir();
  git(root, "init", "-q", "-b", branch);
  writeSchemaSet(root, { models: { "gateway/Thing": objectModel({ value: { type: "string" } }) } });
  commitAll(root, "schemas");
  return root;
}

function commitAll(root: string, message: string): string {
  git(root, "add", "-A");
  git(root, "commit", "-q", "--allow-empty", "-m", message);
  return git(root, "rev-parse", "HEAD");
}

const quiet = { out: () => undefined, log: () => undefined };

describe("resolveBase", () => {
  it("refuses a folder that is not a git repository", () => {
    expect(() => resolveBase(tempDir(), undefined)).toThrow(/is not inside a git repository/);
  });

  it("refuses a repository without commits", () => {
    const root = tempDir();
    git(root, "init", "-q", "-b", "main");
    expect(() => resolveBase(root, undefined)).toThrow(/no commits yet/);
  });

  it("takes an explicit --base, and names a missing one", () => {
    const root = repo();
    const head = git(root, "rev-parse", "HEAD");
    expect(resolveBase(root, "HEAD")).toEqual({ ref: "HEAD", commit: head, reason: "--base" });
    expect(() => resolveBase(root, "no-such-ref")).toThrow(BaseError);
    expect(() => resolveBase(root, "no-such-ref")).toThrow("--base no-such-ref: no such commit, branch or tag");
  });

  it("on main before any release: the commit before HEAD, so every commit is checked as it lands", () => {
    const root = repo();
    const first = git(root, "rev-parse", "HEAD");
    const firstBase = resolveBase(root, undefined);
    expect(firstBase.commit).toBe(first);
    expect(firstBase.reason).toMatch(/^HEAD is the repository's first commit and no release tag .* exists, so only uncommitted changes are compared$/);
    commitAll(root, "second");
    expect(resolveBase(root, undefined)).toEqual({ ref: "HEAD^1", commit: first, reason: "the commit before HEAD, as no release tag (@org/payment-*@*) exists yet: each commit on main is checked as it lands" });
  });

  it("on main after a release: the last release tag", () => {
    const root = repo();
    const released = commitAll(root, "release");
    git(root, "tag", "@org/payment-types@1.2.0");
    commitAll(root, "later work");
    expect(resolveBase(root, undefined)).toEqual({ ref: "@org/payment-types@1.2.0", commit: released, reason: "last release tag" });
  });

  it("on a branch with commits of its own: the merge base with main, even after a release tag", () => {
    const root = repo();
    git(root, "tag", "@org/payment-schemas@1.0.0");
    const forkPoint = commitAll(root, "main moves on");
    git(root, "checkout", "-q", "-b", "feature");
    commitAll(root, "feature work");
    git(root, "checkout", "-q", "main");
    commitAll(root, "main moves further");
    git(root, "checkout", "-q", "feature");
    expect(resolveBase(root, undefined)).toEqual({ ref: "main", commit: forkPoint, reason: "merge base of HEAD with main" });
  });

  it("uses the configured base branch", () => {
    const root = repo("trunk");
    const forkPoint = git(root, "rev-parse", "HEAD");
    git(root, "checkout", "-q", "-b", "feature");
    commitAll(root, "feature work");
    expect(resolveBase(root, undefined, "trunk")).toMatchObject({ ref: "trunk", commit: forkPoint });
  });

  it("without the base branch and without a release tag: a clear error", () => {
    const root = repo("trunk");
    expect(() => resolveBase(root, undefined)).toThrow("no base to compare with: there is no branch main (nor origin/main) and no release tag matching @org/payment-*@*. Pass --base REF (a branch, tag or commit).");
  });
});

describe("loadSchemaSetAt", () => {
  it("loads schemas/ as committed, whatever the working tree holds", () => {
    const root = repo();
    const commit = git(root, "rev-parse", "HEAD");
    writeSchemaSet(root, { models: { "gateway/Thing": objectModel({ value: { type: "integer" } }) } });
    const set = loadSchemaSetAt(root, commit);
    expect((set.models.get("Thing")!.schema.properties as Record<string, { type: string }>).value!.type).toBe("string");
  });

  it("says so when schemas/ did not exist at the base", () => {
    const root = tempDir();
    git(root, "init", "-q", "-b", "main");
    writeFileSync(join(root, "README.md"), "nothing yet\n");
    const commit = commitAll(root, "before schemas");
    expect(() => loadSchemaSetAt(root, commit)).toThrow(/cannot read schemas\/ at [0-9a-f]{12}: .*schemas/);
  });
});

describe("schema:diff CLI outcomes", () => {
  it("exit 2 with the reason when no base can be found; --check skips loudly outside CI, fails under CI", async () => {
    const root = repo("trunk");
    const lines: string[] = [];
    const diff = await runSchemaDiff(
      root,
      { format: "text", changeset: false, check: false },
      () => undefined,
      (l) => lines.push(l),
    );
    expect(diff.exitCode).toBe(2);
    expect(lines.join("\n")).toMatch(/^schema:diff: no base to compare with/);
    const check = await runSchemaDiff(
      root,
      { format: "text", changeset: false, check: true },
      () => undefined,
      (l) => lines.push(l),
    );
    expect(check.exitCode).toBe(0);
    expect(lines.at(-1)).toMatch(/^changeset:check: SKIPPED, NOT CHECKED \(outside CI only; under CI=true this fails\): no base to compare with/);
    const ci = await runSchemaDiff(
      root,
      { format: "text", changeset: false, check: true, ci: { ci: true, fetch: true } },
      () => undefined,
      (l) => lines.push(l),
    );
    expect(ci.exitCode).toBe(1);
    expect(lines.at(-1)).toMatch(/^changeset:check: FAILED: nothing was compared: no base to compare with/);
  });

  it("exit 1 with the loader's errors when the working tree's schemas do not load", async () => {
    const root = repo();
    mkdirSync(join(root, "schemas", "gateway"), { recursive: true });
    writeFileSync(join(root, "schemas", "gateway", "Thing.schema.json"), "{ not json");
    const lines: string[] = [];
    const outcome = await runSchemaDiff(
      root,
      { format: "text", changeset: false, check: false },
      () => undefined,
      (l) => lines.push(l),
    );
    expect(outcome.exitCode).toBe(1);
    expect(lines.join("\n")).toMatch(/cannot compare: the working tree's schemas\/ do not load: .*schemas\/gateway\/Thing\.schema\.json# \[json\] invalid JSON/s);
  });

  it("exit 1 naming the base when the schemas committed there do not load", async () => {
    const root = repo();
    writeFileSync(join(root, "schemas", "gateway", "Thing.schema.json"), "{ not json");
    const broken = commitAll(root, "broken schema");
    writeSchemaSet(root, { models: { "gateway/Thing": objectModel({ value: { type: "string" } }) } });
    const lines: string[] = [];
    const outcome = await runSchemaDiff(root, { base: broken, format: "text", changeset: false, check: false }, quiet.out, (l) => lines.push(l));
    expect(outcome.exitCode).toBe(1);
    expect(lines.join("\n")).toContain(`cannot compare: schemas/ at ${broken} (--base, ${broken.slice(0, 12)}) do not load:`);
  });

  it("reports working-tree changes against HEAD", async () => {
    const root = repo();
    writeSchemaSet(root, { models: { "gateway/Thing": objectModel({ value: { type: ["string", "null"] } }) } });
    let text = "";
    const outcome = await runSchemaDiff(root, { format: "text", changeset: false, check: false }, (t) => (text += t), quiet.log);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.diff?.bump).toBe("major");
    expect(text).toContain("[nullable-added]");
  });

  it("--check fails with a clear reason when changesets is not set up", async () => {
    const root = repo();
    writeFileSync(join(root, "package.json"), '{ "name": "lonely", "version": "1.0.0", "private": true }\n');
    writeSchemaSet(root, { models: { "gateway/Thing": objectModel({ value: { type: "string" }, note: { type: "string" } }) } });
    const lines: string[] = [];
    const outcome = await runSchemaDiff(root, { format: "text", changeset: false, check: true }, quiet.out, (l) => lines.push(l));
    expect(outcome.exitCode).toBe(1);
    expect(lines.at(-1)).toBe("changeset:check: FAILED: .changeset/config.json is missing: changesets is not set up, so nothing can cover schema changes");
  });

  it("--changeset writes one file per branch, rewrites it, and removes it once the changes are gone", async () => {
    const root = repo();
    writeFileSync(join(root, "package.json"), '{ "name": "workspace", "version": "0.0.0", "private": true }\n');
    writeFileSync(join(root, "pnpm-workspace.yaml"), 'packages:\n  - "packages/*"\n');
    mkdirSync(join(root, "packages", "types"), { recursive: true });
    writeFileSync(join(root, "packages", "types", "package.json"), '{ "name": "@org/payment-types", "version": "1.0.0" }\n');
    commitAll(root, "workspace");
    git(root, "checkout", "-q", "-b", "feature/new-note");
    const path = join(root, ".changeset", "schema-diff-feature-new-note.md");
    const withChangeset = { format: "text", changeset: true, check: false } as const;

    writeSchemaSet(root, { models: { "gateway/Thing": objectModel({ value: { type: "string" }, note: { type: "string" } }) } });
    expect((await runSchemaDiff(root, withChangeset, quiet.out, quiet.log)).changesetPath).toBe(".changeset/schema-diff-feature-new-note.md");
    expect(readFileSync(path, "utf8")).toMatch(/^---\n"@org\/payment-types": minor\n---\n\nSchema changes: minor \(0 breaking, 1 additive, 0 docs only\)\.\n/);

    writeSchemaSet(root, { models: { "gateway/Thing": objectModel({ note: { type: "string" } }) } });
    await runSchemaDiff(root, withChangeset, quiet.out, quiet.log);
    expect(readFileSync(path, "utf8")).toMatch(/^---\n"@org\/payment-types": major\n/);
    expect(readdirSync(join(root, ".changeset"))).toEqual(["schema-diff-feature-new-note.md"]);

    writeSchemaSet(root, { models: { "gateway/Thing": objectModel({ value: { type: "string" } }) } });
    const lines: string[] = [];
    await runSchemaDiff(root, withChangeset, quiet.out, (l) => lines.push(l));
    expect(existsSync(path)).toBe(false);
    expect(lines.at(-1)).toMatch(/removed \.changeset\/schema-diff-feature-new-note\.md, written by an earlier run\.$/);
  });

  it("--changeset says why when no package of the group exists", async () => {
    const root = repo();
    writeFileSync(join(root, "package.json"), '{ "name": "lonely", "version": "1.0.0", "private": true }\n');
    writeSchemaSet(root, { models: { "gateway/Thing": objectModel({ value: { type: "integer" } }) } });
    const lines: string[] = [];
    const outcome = await runSchemaDiff(root, { format: "text", changeset: true, check: false }, quiet.out, (l) => lines.push(l));
    expect(outcome.exitCode).toBe(1);
    expect(lines.at(-1)).toMatch(/^schema:diff: cannot write a changeset: no package of the release group \(@org\/payment-schemas, .*\) exists in the workspace$/);
  });

  it("parses its arguments", () => {
    expect(parseArguments(["--base", "v1", "--format", "json", "--changeset"])).toEqual({ options: { base: "v1", format: "json", changeset: true, check: false } });
    expect(parseArguments(["--base=v1", "--format=text", "--check"])).toEqual({ options: { base: "v1", format: "text", changeset: false, check: true } });
    expect(parseArguments(["--format", "yaml"])).toEqual({ error: '--format must be text or json, not "yaml"' });
    expect(parseArguments(["--base"])).toEqual({ error: "Option '--base <value>' argument missing" });
    expect(parseArguments(["--bas", "v1"])).toEqual({ error: expect.stringContaining("Unknown option '--bas'") });
    expect(parseArguments(["--no-fetch", "--root", "."])).toMatchObject({ fetch: false, root: expect.any(String) });
    expect(parseArguments(["-h"])).toEqual({ help: true });
  });
});
