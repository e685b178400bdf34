// Release and consume for real. A copy of the workspace gets a changeset, `changeset version`
// bumps the fixed group, and `tools/scripts/release.sh` (what `pnpm release` runs: build, checks,
// `changeset publish`) publishes every package to a real Verdaccio on 127.0.0.1 that proxies to
// nothing. A consumer project in a temp folder outside the workspace installs the packages with
// plain npm from that registry only, type-checks code against them under moduleResolution
// node16, nodenext and bundler, validates payloads from CommonJS and ESM scripts and with the
// installed payment-validate bin; a second consumer shows the validators pull in nothing but ours.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, type Registry, copyWorkspace, mustRun, registryEnv, run, startRegistry } from "./registry/helpers.js";

const FIXED_GROUP = (JSON.parse(readFileSync(join(REPO_ROOT, ".changeset/config.json"), "utf8")) as { fixed: string[][] }).fixed[0]!;
const TSC = join(REPO_ROOT, "node_modules/typescript/bin/tsc");
const CHANGE_NOTE = "Release made by the registry end-to-end test.";

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
    copyWorkspace(workspace);
    const install = await mustRun("pnpm", ["install", "--offline", "--frozen-lockfile"], { cwd: workspace, env, timeoutMs: 300_000 });
    timings.workspaceInstall = install.ms;
    const before = new Map(workspacePackages(workspace).map((p) => [p.manifest.name, p.manifest.version]));
    published = workspacePackages(workspace)
      .filter((p) => p.manifest.private !== true)
      .map((p) => p.manifest.name)
      .sort();
    expect([...published]).toEqual([...FIXED_GROUP].sort());

    writeFileSync(join(workspace, ".changeset/registry-e2e.md"), `---\n"@org/payment-validators": minor\n---\n\n${CHANGE_NOTE}\n`);
    await mustRun("pnpm", ["changeset", "version"], { cwd: workspace, env });

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
    expect(existsSync(join(workspace, ".changeset/registry-e2e.md"))).toBe(false);
  }, 600_000);

  it("pnpm release builds, checks and publishes every package of the group, and nothing private", async () => {
    const release = await mustRun("bash", ["tools/scripts/release.sh", "--no-git-tag"], { cwd: workspace, env, timeoutMs: 900_000 });
    timings.release = release.ms;
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
  let consumer: string;

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
