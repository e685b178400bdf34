// The release gate for real: a copy of the workspace publishes its first release to a Verdaccio on
// 127.0.0.1 (temp storage, no uplinks); then a breaking schema change is versioned with a `patch`
// changeset and `tools/scripts/release.sh` (what `pnpm release` runs) refuses it, publishing
// nothing, because `schema:diff --base published` compares the working tree with the schema set the
// published @org/payment-schemas ships; versioned with a `major` changeset instead, it is released.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Registry, commitAll, copyWorkspace, mustRun, registryEnv, run, startRegistry } from "./registry/helpers.js";

let temp: string;
let registry: Registry;
let workspace: string;
let env: NodeJS.ProcessEnv;

const versionOf = (dir: string): string => (JSON.parse(readFileSync(join(workspace, dir, "package.json"), "utf8")) as { version: string }).version;
const publishedVersions = async (name: string): Promise<string[]> => {
  const response = await fetch(`${registry.url}${name.replace("/", "%2f")}`);
  if (response.status === 404) return [];
  return Object.keys(((await response.json()) as { versions: Record<string, unknown> }).versions).sort();
};
const release = () => run("bash", ["tools/scripts/release.sh", "--no-git-tag"], { cwd: workspace, env, timeoutMs: 900_000 });
const changeset = (name: string, bump: string, summary: string) => writeFileSync(join(workspace, ".changeset", `${name}.md`), `---\n"@org/payment-schemas": ${bump}\n---\n\n${summary}\n`);

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), "payment-release-gate-"));
  registry = await startRegistry(join(temp, "verdaccio"));
  env = registryEnv(registry, temp);
  workspace = join(temp, "workspace");
  copyWorkspace(workspace);
  // Changesets pending in the repository would raise the versions this test reasons about.
  for (const file of readdirSync(join(workspace, ".changeset"))) if (file.endsWith(".md") && file !== "README.md") rmSync(join(workspace, ".changeset", file));
  // pnpm release publishes only a committed tree: the copy is a git repository of its own.
  await commitAll(workspace, "the workspace as tested", env);
  await mustRun("pnpm", ["install", "--offline", "--frozen-lockfile"], { cwd: workspace, env, timeoutMs: 300_000 });
}, 400_000);

afterAll(async () => {
  await registry?.stop();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe("pnpm release refuses a version lower than the schema changes require", () => {
  let first: string;

  it("before any release the registry has nothing: the gate says so and passes (checked, not skipped)", async () => {
    const gate = await run("pnpm", ["--silent", "changeset:check", "--base", "published"], { cwd: workspace, env });
    expect(gate.stderr).toContain(`@org/payment-schemas has never been published to ${registry.url} (npm: E404)`);
    expect(gate.code).toBe(0);
  }, 120_000);

  it("the first release publishes the schema set the gate compares with", async () => {
    first = versionOf("packages/payment-schemas");
    await mustRun("bash", ["tools/scripts/release.sh", "--no-git-tag"], { cwd: workspace, env, timeoutMs: 900_000 });
    expect(await publishedVersions("@org/payment-schemas")).toEqual([first]);
    const unchanged = await run("pnpm", ["--silent", "changeset:check", "--base", "published"], { cwd: workspace, env });
    expect(unchanged.stderr).toContain(`comparing schemas/ with @org/payment-schemas@${first} (published on ${registry.url})`);
    expect(unchanged.stderr).toContain("ok: no schema changes since");
    expect(unchanged.code).toBe(0);
  }, 900_000);

  it("a breaking change versioned with a patch changeset is refused, and nothing is published", async () => {
    const file = join(workspace, "schemas/adyen/PaymentResultCode.schema.json");
    const schema = JSON.parse(readFileSync(file, "utf8")) as { enum: string[]; "x-enum-descriptions": Record<string, string> };
    schema.enum.push("Refused");
    schema["x-enum-descriptions"].Refused = "The payment was refused.";
    writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
    await mustRun("pnpm", ["codegen"], { cwd: workspace, env });
    changeset("typo", "patch", "Fix a typo.");
    await mustRun("pnpm", ["changeset:version"], { cwd: workspace, env });
    await commitAll(workspace, "PaymentResultCode gains Refused, versioned as a patch", env);
    const patched = versionOf("packages/payment-schemas");

    const refused = await release();
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("release refused");
    expect(refused.stderr).toContain(`need a major bump`);
    expect(refused.stderr).toContain(`${first} -> ${patched} is only a patch bump`);
    expect(refused.stderr).toContain("pnpm schema:diff --base published --changeset");
    expect(refused.stdout).toContain("[enum-value-added]");
    expect(await publishedVersions("@org/payment-schemas")).toEqual([first]);
    expect(await publishedVersions("@org/payment-types")).toEqual([first]);
  }, 900_000);

  it("the same change versioned with a major changeset is released", async () => {
    changeset("refused-result-code", "major", "`PaymentResultCode` gained `Refused`.");
    await mustRun("pnpm", ["changeset:version"], { cwd: workspace, env });
    await commitAll(workspace, "versioned as a major", env);
    const major = versionOf("packages/payment-schemas");
    expect(major.split(".")[0]).not.toBe(first.split(".")[0]);
    const released = await release();
    expect(released.stderr, released.stderr.slice(-4000)).toMatch(
      new RegExp(`ok: the schema changes since @org/payment-schemas@${first.replace(/\./g, "\\.")} .* need a major bump; ${first.replace(/\./g, "\\.")} -> ${major.replace(/\./g, "\\.")} is a major bump`),
    );
    expect(released.code).toBe(0);
    expect(await publishedVersions("@org/payment-schemas")).toEqual([first, major].sort());
  }, 900_000);
});
