// The whole schema-change workflow in a throwaway git repository that holds the real schemas, the
// codegen tool, the packages' manifests and .changeset/config.json (dependencies come from this
// checkout through node_modules symlinks): edit a schema on a branch, run codegen, let the CI check
// fail without a changeset and with a too-low one, write one with `schema:diff --changeset`, run
// `changeset version`, and check the versions and changelogs it produced.
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readReleaseGroup } from "../../src/diff/changeset.js";

const repoRoot = fileURLToPath(new URL("../../../..", import.meta.url));
const tsx = join(repoRoot, "node_modules", ".bin", "tsx");
const changesetsBin = join(repoRoot, "node_modules", "@changesets", "cli", "bin.js");
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: "Test", GIT_AUTHOR_EMAIL: "test@example.invalid", GIT_COMMITTER_NAME: "Test", GIT_COMMITTER_EMAIL: "test@example.invalid" };

let root: string;

function run(command: string, args: readonly string[]): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd: root, encoding: "utf8", env: GIT_ENV });
}

function git(...args: string[]): string {
  const result = run("git", args);
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}

const schemaDiff = (...args: string[]) => run(tsx, ["tools/codegen/src/diff-cli.ts", ...args]);
const versionOf = (dir: string) => (JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as { version: string }).version;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "schema-diff-e2e-"));
  cpSync(join(repoRoot, "schemas"), join(root, "schemas"), { recursive: true });
  for (const file of ["package.json", "pnpm-workspace.yaml", ".changeset/config.json"]) cpSync(join(repoRoot, file), join(root, file));
  mkdirSync(join(root, "tools", "codegen"), { recursive: true });
  for (const entry of ["src", "package.json", "tsconfig.json"]) cpSync(join(repoRoot, "tools", "codegen", entry), join(root, "tools", "codegen", entry), { recursive: true });
  // Packages: manifests and generated sources (what codegen and changesets touch), no builds.
  const skip = /(^|\/)(node_modules|dist|test|\.turbo)(\/|$)/;
  cpSync(join(repoRoot, "packages"), join(root, "packages"), { recursive: true, filter: (source) => !skip.test(source.slice(repoRoot.length + "/packages".length)) });
  symlinkSync(join(repoRoot, "node_modules"), join(root, "node_modules"), "dir");
  symlinkSync(join(repoRoot, "tools", "codegen", "node_modules"), join(root, "tools", "codegen", "node_modules"), "dir");
  writeFileSync(join(root, ".gitignore"), "node_modules\n");
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "the repository as it is");
  git("checkout", "-q", "-b", "add-refused-result-code");
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("schema change -> codegen -> changeset -> release", () => {
  it("starts clean: nothing changed, the check passes", () => {
    const check = schemaDiff("--check");
    expect(check.status).toBe(0);
    expect(check.stderr).toMatch(/changeset:check: ok: no schema changes since the base/);
  });

  it("a schema edit regenerates the types", () => {
    const file = join(root, "schemas", "adyen", "PaymentResultCode.schema.json");
    const schema = JSON.parse(readFileSync(file, "utf8")) as { enum: string[]; "x-enum-descriptions": Record<string, string> };
    schema.enum.push("Refused");
    schema["x-enum-descriptions"].Refused = "The payment was refused.";
    writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
    const codegen = run(tsx, ["tools/codegen/src/cli.ts", "--root", root]);
    expect(codegen.status, codegen.stderr).toBe(0);
    expect(git("status", "--porcelain", "packages")).toMatch(/payment-types\/src\/generated/);
  });

  it("the CI check fails while no changeset covers the change", () => {
    const check = schemaDiff("--check");
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('major  #/enum/3  [enum-value-added]  (absent) -> "Refused"');
    expect(check.stderr).toContain("FAILED: 1 of 1 schema changes since the base (which need a major bump) are not announced:\n  `PaymentResultCode#/enum/3` [enum-value-added] (major): named by no pending changeset");
  });

  it("the CI check fails when a changeset names the change with a lower bump, or bumps enough without naming it", () => {
    const low = join(root, ".changeset", "small-fix.md");
    writeFileSync(low, '---\n"@org/payment-types": patch\n---\n\nA new result code. (`PaymentResultCode#/enum/3` [enum-value-added])\n');
    const check = schemaDiff("--check");
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("`PaymentResultCode#/enum/3` [enum-value-added] (major): named in .changeset/small-fix.md, which bumps the group only by patch; it needs major");
    writeFileSync(low, '---\n"@org/payment-types": major\n---\n\nAn unrelated breaking change.\n');
    const unrelated = schemaDiff("--check");
    expect(unrelated.status).toBe(1);
    expect(unrelated.stderr).toContain("`PaymentResultCode#/enum/3` [enum-value-added] (major): named by no pending changeset");
    rmSync(low);
  });

  it("schema:diff --changeset writes the changeset for the whole package group, and the check passes", async () => {
    const diff = schemaDiff("--changeset");
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stdout).toContain("required bump: major (1 breaking, 0 additive, 0 docs only)");
    const path = join(root, ".changeset", "schema-diff-add-refused-result-code.md");
    expect(diff.stderr).toContain("wrote .changeset/schema-diff-add-refused-result-code.md: major for @org/payment-schemas");
    const text = readFileSync(path, "utf8");
    const group = await readReleaseGroup(root);
    expect(group.source).toBe("config");
    expect(group.packages.length).toBeGreaterThanOrEqual(3);
    for (const pkg of group.packages) expect(text).toContain(`"${pkg.name}": major`);
    expect(text).toContain("\n\nSchema changes: major (1 breaking, 0 additive, 0 docs only).\n\n- **Breaking:** `PaymentResultCode` gained `Refused`: exhaustive `switch`es and `Record<…>` tables over it need this case");
    expect(text).toContain("(`PaymentResultCode#/enum/3` [enum-value-added])\n");

    const check = schemaDiff("--check");
    expect(check.status, check.stderr).toBe(0);
    expect(check.stderr).toMatch(/ok: the major schema changes are covered: every change is named by a pending changeset, which bump the group by major \(\.changeset\/schema-diff-add-refused-result-code\.md\)/);
  });

  it("changeset version releases the group as a major with the report as its changelog", async () => {
    git("add", "-A");
    git("commit", "-q", "-m", "PaymentResultCode: Refused");
    const group = await readReleaseGroup(root);
    const before = new Map(group.packages.map((p) => [p.dir, p.version]));
    const version = run(process.execPath, [changesetsBin, "version"]);
    expect(version.status, `${version.stdout}\n${version.stderr}`).toBe(0);
    for (const [dir, old] of before) {
      const major = Number(old.split(".")[0]) + 1;
      expect(versionOf(dir), dir).toBe(`${major}.0.0`);
      const changelog = readFileSync(join(root, dir, "CHANGELOG.md"), "utf8");
      expect(changelog).toContain(`## ${major}.0.0`);
      expect(changelog).toContain("### Major Changes");
      expect(changelog).toContain("Schema changes: major (1 breaking, 0 additive, 0 docs only).");
      expect(changelog).toContain("**Breaking:** `PaymentResultCode` gained `Refused`: exhaustive `switch`es and `Record<…>` tables over it need this case");
    }
    expect(existsSync(join(root, ".changeset", "schema-diff-add-refused-result-code.md"))).toBe(false);
  });

  it("after the version commit the raised version itself covers the change", () => {
    git("add", "-A");
    git("commit", "-q", "-m", "Version packages");
    const check = schemaDiff("--check");
    expect(check.status, check.stderr).toBe(0);
    expect(check.stderr).toMatch(/covered: the changelog written since the base names them and the group's version was already raised by a major bump/);
  });
});
