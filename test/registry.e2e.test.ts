// Release and consume for real. A clone of the workspace (a copy with one commit) gets a changeset,
// `changeset version` bumps the fixed group, and `tools/scripts/release.sh` (what `pnpm release`
// runs: clean-tree check, build, checks, `changeset publish`, tags) publishes every package to a
// real Verdaccio on 127.0.0.1 that proxies to nothing, after refusing a dirty tree and a stale tag.
// A consumer project in a temp folder outside the workspace installs the packages with plain npm
// from that registry only, type-checks code against them under moduleResolution node16, nodenext
// and bundler, validates payloads from CommonJS and ESM scripts and with the installed
// payment-validate bin; a second consumer shows the validators pull in nothing but ours. Then the
// upgrade the README's "Upgrading" promises: a schema change adds the status the README names,
// released as a major version; the consumer upgrades, and its exhaustive switch (the README's own
// code) fails to compile with the README's error while its tolerant code still compiles.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, type Registry, cloneWorkspace, commitAll, mustRun, registryEnv, run, startRegistry } from "./registry/helpers.js";
import { fencedBlocks, readmeSection } from "./registry/readme.js";

const FIXED_GROUP = (JSON.parse(readFileSync(join(REPO_ROOT, ".changeset/config.json"), "utf8")) as { fixed: string[][] }).fixed[0]!;
const TSC = join(REPO_ROOT, "node_modules/typescript/bin/tsc");
const CHANGE_NOTE = "Release made by the registry end-to-end test.";
const BREAKING_NOTE = "SessionResultStatus: a new status (registry end-to-end test).";
const UPGRADING = readmeSection("### Upgrading");

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  bin?: Record<string, string>;
  paymentSchemas?: { hash: string };
}

let temp: string;
let registry: Registry;
let workspace: string;
let env: NodeJS.ProcessEnv;
let published: string[];
let version: string;
let consumer: string;
const timings: Record<string, number> = {};

const manifestIn = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
const workspacePackages = (root: string): { dir: string; manifest: Manifest }[] =>
  ["packages", "tools"].flatMap((group) =>
    readdirSync(join(root, group))
      .filter((name) => existsSync(join(root, group, name, "package.json")))
      .map((name) => ({ dir: join(root, group, name), manifest: manifestIn(join(root, group, name)) })),
  );

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), "payment-registry-e2e-"));
  registry = await startRegistry(join(temp, "verdaccio"));
  // Every npm and pnpm call of this test talks to the local registry only, with its own config and cache.
  env = registryEnv(registry, temp);
}, 120_000);

afterAll(async () => {
  await registry?.stop();
  if (temp) rmSync(temp, { recursive: true, force: true });
  if (Object.keys(timings).length > 0) console.info(`registry e2e timings (s): ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v / 100) / 10])))}`);
});

describe("release to a local registry", () => {
  it("a registry that cannot start fails the run at once, with Verdaccio's own words", async () => {
    const started = performance.now();
    await expect(startRegistry(join(temp, "broken-verdaccio"), "storage: [unclosed\n")).rejects.toThrow(/Verdaccio exited \(\d+\) before listening[\s\S]*--- Verdaccio output\n[\s\S]*\S/);
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  it("the registry serves only what is published to it", async () => {
    const response = await fetch(`${registry.url}left-pad`);
    expect(response.status).toBe(404);
  });

  it("changeset version bumps the whole fixed group together and writes changelogs; private packages stay", async () => {
    workspace = join(temp, "workspace");
    const install = await cloneWorkspace(workspace, env);
    timings.workspaceInstall = install.ms;
    // A fresh clone links payment-validate's bin before anything is built.
    expect(`${install.stdout}${install.stderr}`).not.toMatch(/Failed to create bin/i);
    const before = new Map(workspacePackages(workspace).map((p) => [p.manifest.name, p.manifest.version]));
    published = workspacePackages(workspace)
      .filter((p) => p.manifest.private !== true)
      .map((p) => p.manifest.name)
      .sort();
    expect([...published]).toEqual([...FIXED_GROUP].sort());

    writeFileSync(join(workspace, ".changeset/registry-e2e.md"), `---\n"@org/payment-validators": minor\n---\n\n${CHANGE_NOTE}\n`);
    // changeset version, then codegen: the OpenAPI document states the new version.
    await mustRun("pnpm", ["changeset:version"], { cwd: workspace, env });

    const after = workspacePackages(workspace);
    const versions = new Set(after.filter((p) => !p.manifest.private).map((p) => p.manifest.version));
    expect(versions.size).toBe(1);
    version = [...versions][0]!;
    for (const { dir, manifest } of after) {
      if (manifest.private) {
        expect(manifest.version, manifest.name).toBe(before.get(manifest.name));
        expect(existsSync(join(dir, "CHANGELOG.md")), manifest.name).toBe(false);
      } else {
        expect(manifest.version, manifest.name).not.toBe(before.get(manifest.name));
        expect(readFileSync(join(dir, "CHANGELOG.md"), "utf8"), manifest.name).toContain(version);
      }
    }
    expect(readFileSync(join(workspace, "packages/payment-validators/CHANGELOG.md"), "utf8")).toContain(CHANGE_NOTE);
    expect(JSON.parse(readFileSync(join(workspace, "packages/payment-schemas/generated/openapi.json"), "utf8")).info.version).toBe(version);
    expect(existsSync(join(workspace, ".changeset/registry-e2e.md"))).toBe(false);
    await commitAll(workspace, "version packages", env);
  }, 600_000);

  it("pnpm release refuses a tree with uncommitted changes, says what to do, and publishes nothing", async () => {
    writeFileSync(join(workspace, "stray.txt"), "not committed\n");
    const refused = await run("bash", ["tools/scripts/release.sh"], { cwd: workspace, env, timeoutMs: 300_000 });
    rmSync(join(workspace, "stray.txt"));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("release: stopped: the working tree has uncommitted changes");
    expect(refused.stderr).toContain("?? stray.txt");
    expect(refused.stderr).toMatch(/release: next: commit them .*then run pnpm release again/);
    expect(refused.stderr).not.toContain("codegen --check");
    expect((await fetch(`${registry.url}${published[0]!.replace("/", "%2f")}`)).status).toBe(404);
  }, 300_000);

  it("pnpm release refuses a version already tagged on another commit, before building", async () => {
    const stale = `${published[0]}@${version}`;
    await mustRun("git", ["tag", stale, "HEAD~1"], { cwd: workspace, env });
    const refused = await run("bash", ["tools/scripts/release.sh"], { cwd: workspace, env, timeoutMs: 300_000 });
    await mustRun("git", ["tag", "-d", stale], { cwd: workspace, env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`release: stopped: tag ${stale} already exists on commit`);
    expect(refused.stderr).toContain(`release: next: if `);
    expect(refused.stderr).toContain(`git tag -d ${stale}`);
    expect(refused.stderr).not.toContain("codegen --check");
  }, 300_000);

  it("pnpm release builds, checks and publishes every package of the group, nothing private, and tags the published commit", async () => {
    const head = (await mustRun("git", ["rev-parse", "HEAD"], { cwd: workspace, env })).stdout.trim();
    const release = await mustRun("bash", ["tools/scripts/release.sh"], { cwd: workspace, env, timeoutMs: 900_000 });
    timings.release = release.ms;
    const tags = (await mustRun("git", ["tag", "--points-at", head], { cwd: workspace, env })).stdout.trim().split("\n").sort();
    expect(tags).toEqual(published.map((name) => `${name}@${version}`).sort());
    // Each tarball carries the changelog `changeset version` wrote.
    for (const name of published) {
      const packument = (await (await fetch(`${registry.url}${name.replace("/", "%2f")}`)).json()) as { versions: Record<string, { dist: { tarball: string } }> };
      const tarball = join(temp, `${name.replace("/", "-")}.tgz`);
      writeFileSync(tarball, Buffer.from(await (await fetch(packument.versions[version]!.dist.tarball)).arrayBuffer()));
      const changelog = (await mustRun("tar", ["-xzOf", tarball, "package/CHANGELOG.md"], { cwd: temp, env })).stdout;
      expect(changelog, name).toContain(`## ${version}`);
    }
    const hash = manifestIn(join(REPO_ROOT, "packages/payment-schemas")).paymentSchemas!.hash;
    for (const name of published) {
      const response = await fetch(`${registry.url}${name.replace("/", "%2f")}`);
      expect(response.status, `${name} on the registry`).toBe(200);
      const packument = (await response.json()) as { versions: Record<string, Manifest> };
      const manifest = packument.versions[version]!;
      expect(manifest, `${name}@${version}`).toBeDefined();
      // pnpm publish replaced every workspace: range with the released version.
      expect(JSON.stringify(manifest.dependencies ?? {}), name).not.toContain("workspace:");
      for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) if (dependency.startsWith("@org/")) expect(range).toContain(version);
      expect(manifest.paymentSchemas, name).toEqual({ hash });
    }
    for (const { manifest } of workspacePackages(workspace).filter((p) => p.manifest.private)) {
      expect((await fetch(`${registry.url}${manifest.name.replace("/", "%2f")}`)).status, manifest.name).toBe(404);
    }
  }, 900_000);
});

describe("a consumer project installs from the registry with npm", () => {
  beforeAll(async () => {
    if (!version) throw new Error("nothing was released: see the failures above");
    consumer = join(temp, "consumer");
    mkdirSync(join(consumer, "src"), { recursive: true });
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "payment-consumer", version: "1.0.0", private: true, type: "module" }, null, 2));
    const install = await mustRun("npm", ["install", "--registry", registry.url, ...published.map((name) => `${name}@${version}`)], { cwd: consumer, env, timeoutMs: 300_000 });
    timings.consumerInstall = install.ms;
  }, 300_000);

  it("installs every package at the released version, each naming the schema set it carries", () => {
    const hash = (JSON.parse(readFileSync(join(consumer, "node_modules/@org/payment-schemas/package.json"), "utf8")) as Manifest).paymentSchemas!.hash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    for (const name of published) {
      const manifest = manifestIn(join(consumer, "node_modules", name));
      expect(manifest.version).toBe(version);
      expect(manifest.paymentSchemas).toEqual({ hash });
    }
  });

  it("type-checks code using the types under moduleResolution node16, nodenext and bundler", async () => {
    const code = `import type { PaymentSessionResult, SessionResultResponse } from "@org/payment-types";
import type { TolerantSessionResultResponse } from "@org/payment-types/tolerant";
import { PayloadValidationError, assertPaymentSessionResult, isSessionResultResponse, validatePaymentSessionResult, type ValidationIssue } from "@org/payment-validators";
import { PaymentSessionResultSchema, schemaSetHash } from "@org/payment-schemas";

export function statusOf(payload: unknown): PaymentSessionResult["status"] | undefined {
  const result = validatePaymentSessionResult(payload);
  return result.ok ? result.value.status : undefined;
}
export function issuesOf(payload: unknown): readonly ValidationIssue[] {
  const result = validatePaymentSessionResult(payload);
  return result.ok ? [] : result.issues;
}
export function referenceOf(payload: unknown): SessionResultResponse["reference"] {
  return isSessionResultResponse(payload) ? payload.reference : undefined;
}
export function checkedStatus(payload: unknown): string {
  try {
    assertPaymentSessionResult(payload);
    return payload.status;
  } catch (error) {
    return error instanceof PayloadValidationError ? error.issues.map((i) => i.pointer).join(",") : "?";
  }
}
export const tolerantStatus = (response: TolerantSessionResultResponse): string | undefined => response.status;
export const example: unknown = PaymentSessionResultSchema.examples[0];
export const hash: string = schemaSetHash;
// @ts-expect-error: the types are real, not \`any\`: a status is not a number.
export const notANumber: number = ({} as PaymentSessionResult).status;
`;
    writeFileSync(join(consumer, "src/consumer.ts"), code);
    writeFileSync(join(consumer, "src/consumer.cts"), code);
    const base = { strict: true, noEmit: true, target: "es2022", lib: ["es2022"], types: [], skipLibCheck: false };
    const configs = {
      node16: { compilerOptions: { ...base, module: "node16", moduleResolution: "node16" }, files: ["src/consumer.ts", "src/consumer.cts"] },
      nodenext: { compilerOptions: { ...base, module: "nodenext", moduleResolution: "nodenext" }, files: ["src/consumer.ts", "src/consumer.cts"] },
      bundler: { compilerOptions: { ...base, module: "esnext", moduleResolution: "bundler" }, files: ["src/consumer.ts"] },
    };
    for (const [name, config] of Object.entries(configs)) {
      writeFileSync(join(consumer, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
      const result = await run(process.execPath, [TSC, "-p", `tsconfig.${name}.json`], { cwd: consumer, env });
      expect(`${result.stdout}${result.stderr}`, `moduleResolution ${name}`).toBe("");
      expect(result.code, `moduleResolution ${name}`).toBe(0);
    }
  }, 120_000);

  it("validates a valid and an invalid payload from a CommonJS script and an ESM script", async () => {
    const body = (load: string) => `${load}
const valid = PaymentSessionResultSchema.examples[0];
const invalid = { ...valid, status: "bogus" };
for (const [name, payload] of [["valid", valid], ["invalid", invalid]]) {
  const result = validatePaymentSessionResult(payload);
  console.log(JSON.stringify({ name, ok: result.ok, issues: result.ok ? [] : result.issues.map((i) => i.pointer + " " + i.keyword) }));
}
`;
    writeFileSync(join(consumer, "check.cjs"), body(`const { validatePaymentSessionResult } = require("@org/payment-validators");\nconst { PaymentSessionResultSchema } = require("@org/payment-schemas");`));
    writeFileSync(join(consumer, "check.mjs"), body(`import { validatePaymentSessionResult } from "@org/payment-validators";\nimport { PaymentSessionResultSchema } from "@org/payment-schemas";`));
    const expected = '{"name":"valid","ok":true,"issues":[]}\n{"name":"invalid","ok":false,"issues":["/status enum"]}\n';
    for (const script of ["check.cjs", "check.mjs"]) {
      const result = await run(process.execPath, [script], { cwd: consumer, env });
      expect(result.stderr, script).toBe("");
      expect(result.stdout, script).toBe(expected);
      expect(result.code, script).toBe(0);
    }
  });

  it("runs the installed payment-validate bin", async () => {
    const example = (JSON.parse(readFileSync(join(consumer, "node_modules/@org/payment-schemas/generated/schemas/gateway/PaymentSessionResult.schema.json"), "utf8")) as { examples: object[] }).examples[0]!;
    writeFileSync(join(consumer, "payloads.ndjson"), `${JSON.stringify(example)}\n${JSON.stringify({ ...example, status: "bogus" })}\n`);
    const bin = join(consumer, "node_modules/.bin/payment-validate");
    const result = await run(bin, ["payloads.ndjson"], { cwd: consumer, env });
    expect(result.stdout).toContain("payloads.ndjson:2: invalid PaymentSessionResult (1 issue)\n  /status: must be one of:");
    expect(result.stdout).toContain("2 payloads in 1 source: 1 valid, 1 invalid");
    expect(result.code).toBe(1);
    // Worker threads run the installed bin's own file: several batches' worth, the same report as one thread.
    writeFileSync(join(consumer, "many.ndjson"), Array.from({ length: 4000 }, (_, i) => `${JSON.stringify(i % 100 === 99 ? { ...example, status: "bogus" } : example)}\n`).join(""));
    const single = await run(bin, ["--jobs", "1", "many.ndjson"], { cwd: consumer, env });
    const workers = await run(bin, ["--jobs", "2", "many.ndjson"], { cwd: consumer, env });
    expect(workers.stderr).toBe("");
    expect(workers.stdout).toContain("4000 payloads in 1 source: 3960 valid, 40 invalid");
    expect(workers.stdout).toBe(single.stdout);
    expect(workers.code).toBe(1);
    const versionLine = await run(bin, ["--version"], { cwd: consumer, env });
    const hash = manifestIn(join(consumer, "node_modules/@org/payment-schemas")).paymentSchemas!.hash;
    expect(versionLine.stdout.trim()).toBe(`@org/payment-validators ${version} (schema set ${hash})`);
  });

  it("an installed @org/payment-validators pulls in no runtime dependency beyond our own packages", async () => {
    const lean = join(temp, "lean-consumer");
    mkdirSync(lean, { recursive: true });
    writeFileSync(join(lean, "package.json"), JSON.stringify({ name: "lean-consumer", version: "1.0.0", private: true }, null, 2));
    const install = await mustRun("npm", ["install", "--registry", registry.url, `@org/payment-validators@${version}`], { cwd: lean, env, timeoutMs: 300_000 });
    timings.validatorsOnlyInstall = install.ms;
    const installed = readdirSync(join(lean, "node_modules")).filter((name) => !name.startsWith("."));
    expect(installed).toEqual(["@org"]);
    const tree = JSON.parse((await mustRun("npm", ["ls", "--all", "--json"], { cwd: lean, env })).stdout) as { dependencies?: Record<string, { dependencies?: object }> };
    const names: string[] = [];
    const walk = (deps: Record<string, { dependencies?: object }> | undefined): void => {
      for (const [name, node] of Object.entries(deps ?? {})) {
        names.push(name);
        walk(node.dependencies as Record<string, { dependencies?: object }> | undefined);
      }
    };
    walk(tree.dependencies);
    expect(names).toContain("@org/payment-validators");
    expect(names.filter((name) => !name.startsWith("@org/"))).toEqual([]);
  }, 300_000);
});

describe("upgrading across a breaking release, as the README's Upgrading section says", () => {
  const upgrading = fencedBlocks(UPGRADING);
  const promised = upgrading.find((block) => block.lang === "text")!;
  const added = /Type '"([^"]+)"' is not assignable to type 'never'/.exec(promised?.text ?? "")?.[1];
  const [exhaustive, tolerant] = upgrading.filter((block) => block.lang === "ts");
  let next: string;
  const tsc = () => run(process.execPath, [TSC, "-p", "tsconfig.upgrade.json"], { cwd: consumer, env });
  const validateStatus = async (status: string): Promise<string> => {
    const script = `import { validateSessionResultResponse } from "@org/payment-validators";
for (const mode of ["strict", "tolerant"]) {
  const result = validateSessionResultResponse({ id: "CS1", reference: "ORDER-1", status: ${JSON.stringify(status)} }, { mode });
  console.log(mode, result.ok, [...(result.ok ? [] : result.issues), ...result.warnings].map((i) => i.pointer + " " + i.keyword).join(","));
}
`;
    writeFileSync(join(consumer, "status-check.mjs"), script);
    return (await mustRun(process.execPath, ["status-check.mjs"], { cwd: consumer, env })).stdout;
  };

  beforeAll(() => {
    if (!version || !consumer) throw new Error("nothing was released or installed: see the failures above");
  });

  it("the README names the compile error and shows the exhaustive and the tolerant switch", () => {
    expect(added, "the error line of the README's text block").toMatch(/^\w+$/);
    expect(exhaustive?.text).toContain("const unhandled: never = status;");
    expect(tolerant?.text).toContain("default:");
    expect(UPGRADING).toContain("CHANGELOG.md");
  });

  it("at the released version, both compile under strict; the provider's new status passes tolerant validation only, as a warning", async () => {
    writeFileSync(join(consumer, "src/status.ts"), exhaustive!.text);
    writeFileSync(join(consumer, "src/tolerant-status.ts"), tolerant!.text);
    writeFileSync(
      join(consumer, "tsconfig.upgrade.json"),
      JSON.stringify(
        {
          compilerOptions: { strict: true, noEmit: true, target: "es2022", lib: ["es2022"], module: "nodenext", moduleResolution: "nodenext", types: ["node"], typeRoots: [join(REPO_ROOT, "node_modules/@types")] },
          files: ["src/status.ts", "src/tolerant-status.ts"],
        },
        null,
        2,
      ),
    );
    const result = await tsc();
    expect(`${result.stdout}${result.stderr}`).toBe("");
    expect(result.code).toBe(0);
    expect(await validateStatus(added!)).toBe("strict false /status enum\ntolerant true /status enum\n");
  }, 120_000);

  it("a schema change adding that status, with its changeset, is released as the next major version", async () => {
    const file = join(workspace, "schemas/adyen/SessionResultStatus.schema.json");
    const schema = JSON.parse(readFileSync(file, "utf8")) as { enum: string[]; "x-enum-descriptions": Record<string, string> };
    schema.enum.push(added!);
    schema["x-enum-descriptions"][added!] = "The provider is reviewing the payment (added by the registry end-to-end test).";
    writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
    await mustRun("pnpm", ["codegen"], { cwd: workspace, env, timeoutMs: 300_000 });
    writeFileSync(join(workspace, ".changeset/registry-e2e-breaking.md"), `---\n"@org/payment-types": major\n---\n\n${BREAKING_NOTE}\n`);
    await mustRun("pnpm", ["changeset:version"], { cwd: workspace, env });
    await commitAll(workspace, `${added} in SessionResultStatus`, env);
    next = manifestIn(join(workspace, "packages/payment-types")).version;
    expect(Number(next.split(".")[0])).toBe(Number(version.split(".")[0]) + 1);
    const release = await mustRun("bash", ["tools/scripts/release.sh"], { cwd: workspace, env, timeoutMs: 900_000 });
    timings.breakingRelease = release.ms;
    expect(release.stderr).toContain(`release: tagged @org/payment-types@${next}`);
  }, 900_000);

  it("the consumer upgrades: tsc fails at the exhaustive switch with the README's error, the tolerant code compiles, and the changelog says why", async () => {
    const upgrade = await mustRun("npm", ["install", "--registry", registry.url, ...published.map((name) => `${name}@latest`)], { cwd: consumer, env, timeoutMs: 300_000 });
    timings.consumerUpgrade = upgrade.ms;
    expect(manifestIn(join(consumer, "node_modules/@org/payment-types")).version).toBe(next);
    const result = await tsc();
    const output = `${result.stdout}${result.stderr}`;
    expect(result.code).not.toBe(0);
    expect(output).toContain(promised.text.trim());
    // Exactly one error, at the exhaustive switch; none in the tolerant code.
    expect(output.match(/error TS\d+/g)).toHaveLength(1);
    expect(output).toMatch(/^src\/status\.ts\(\d+,\d+\): error TS2322/m);
    expect(await validateStatus(added!)).toBe("strict true \ntolerant true \n");
    const changelog = readFileSync(join(consumer, "node_modules/@org/payment-types/CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(new RegExp(`## ${next.replaceAll(".", "\\.")}\\n\\n### Major Changes\\n`));
    expect(changelog).toContain(BREAKING_NOTE);
  }, 300_000);
});
