// The registry base without a registry: which spec `--base published` asks npm for, the release
// gate's verdicts, and that an unreachable registry fails (the release never passes unchecked).
import { createServer } from "node:net";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { releaseGate } from "../../src/diff/changeset.js";
import { BaseError } from "../../src/diff/git-base.js";
import { isRegistryBase, loadPublishedBase, registrySpec } from "../../src/diff/published.js";
import { runSchemaDiff } from "../../src/diff-cli.js";
import { diffSpecs, objectModel, writeSchemaSet } from "./schema-sets.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const base = { ref: "@org/payment-schemas@1.2.0", reason: "published on http://127.0.0.1/" };
const breaking = diffSpecs({ models: { "gateway/Thing": objectModel({ a: { type: "string" }, b: { type: "string" } }) } }, { models: { "gateway/Thing": objectModel({ a: { type: "string" } }) } });

/** A port on 127.0.0.1 that nothing listens on (found free, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("schema:diff --base published", () => {
  it("asks npm for the last release at or below the working tree's version, or the spec given", () => {
    expect(isRegistryBase("published")).toBe(true);
    expect(isRegistryBase("npm:@org/payment-schemas@^1")).toBe(true);
    expect(isRegistryBase("main")).toBe(false);
    expect(registrySpec("published", "1.3.0")).toBe("@org/payment-schemas@<=1.3.0");
    expect(registrySpec("npm:@org/payment-schemas@^1.2.0", "2.0.0")).toBe("@org/payment-schemas@^1.2.0");
    expect(() => registrySpec("npm:", "1.0.0")).toThrow(BaseError);
  });

  it("the release gate refuses a bump lower than the changes need, and says what to do", () => {
    expect(releaseGate(breaking, "1.2.0", "2.0.0", base)).toMatchObject({ ok: true });
    const refused = releaseGate(breaking, "1.2.0", "1.2.1", base);
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain(
      "release refused: the schema changes since @org/payment-schemas@1.2.0 (published on http://127.0.0.1/) need a major bump (1 breaking, 0 additive, 0 docs only), but 1.2.0 -> 1.2.1 is only a patch bump",
    );
    expect(refused.message).toContain("`pnpm schema:diff --base published --changeset`");
    expect(releaseGate(breaking, "1.2.0", "1.1.9", base).message).toContain("1.2.0 -> 1.1.9 is not a version increase");
    expect(releaseGate(breaking, "1.2.0", "1.2.0", base)).toMatchObject({ ok: true });
  });

  it("an unreachable registry is a failure that names it, not a pass", async () => {
    const root = mkdtempSync(join(tmpdir(), "schema-diff-published-"));
    temps.push(root);
    writeSchemaSet(root, { models: { "gateway/Thing": objectModel({ a: { type: "string" } }) } });
    writeFileSync(join(root, "package.json"), '{ "name": "workspace", "private": true }\n');
    writeFileSync(join(root, "pnpm-workspace.yaml"), 'packages:\n  - "packages/*"\n');
    mkdirSync(join(root, "packages", "schemas"), { recursive: true });
    writeFileSync(join(root, "packages", "schemas", "package.json"), '{ "name": "@org/payment-schemas", "version": "1.0.0" }\n');
    const registry = `http://127.0.0.1:${await closedPort()}/`;
    // The environment wins over .npmrc (release.sh relies on it): point both at the closed port.
    const saved = { registry: process.env.npm_config_registry, retries: process.env.npm_config_fetch_retries };
    process.env.npm_config_registry = registry;
    process.env.npm_config_fetch_retries = "0";
    try {
      writeFileSync(join(root, ".npmrc"), `registry=${registry}\nfetch-retries=0\n`);
      expect(() => loadPublishedBase(root, "published", "1.0.0")).toThrow(new RegExp(`cannot fetch @org/payment-schemas@<=1\\.0\\.0 from ${registry.replace(/\./g, "\\.")}`));
      const lines: string[] = [];
      const outcome = await runSchemaDiff(
        root,
        { base: "published", format: "text", changeset: false, check: true },
        () => undefined,
        (l) => lines.push(l),
      );
      expect(outcome.exitCode).toBe(1);
      expect(lines.at(-1)).toMatch(/^changeset:check: FAILED: nothing was compared: cannot fetch/);
    } finally {
      for (const [key, value] of [
        ["npm_config_registry", saved.registry],
        ["npm_config_fetch_retries", saved.retries],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }, 120_000);
});
