// The README's "Use in another repository" section, run as written. A fresh clone of the workspace
// (a copy with one commit) is installed and built as the README's first command says; then every
// fenced block of the section runs where its first line says ("# in this repository": the clone;
// "# in your service": a consumer folder outside the workspace): `pnpm registry` on a free port
// (through PAYMENT_REGISTRY_PORT, the README's own knob), `pnpm registry:publish`, the consumer's
// npm install, the organisation-registry .npmrc (its example host replaced by the local registry,
// as a reader replaces it by theirs), `pnpm pack:all` and the tarball install. In each consumer the
// README's TypeScript example compiles under strict as ESM and as CommonJS and validates payloads,
// and the README's payment-validate commands run the installed bin.
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, cloneWorkspace, freePort, isolatedEnv, mustRun, run } from "./registry/helpers.js";
import { type FencedBlock, fencedBlocks, readmeSection, repositoryReadme } from "./registry/readme.js";

const TSC = join(REPO_ROOT, "node_modules/typescript/bin/tsc");
const SECTION = readmeSection("## Use in another repository");
const blocks = fencedBlocks(SECTION);
const EXAMPLE_HOST = "npm.example.internal";

/** Where a shell block runs, from its first line. */
function placeOf(block: FencedBlock): "repository" | "service" {
  const first = block.text.split("\n")[0]!;
  if (first.startsWith("# in this repository")) return "repository";
  if (first.startsWith("# in your service")) return "service";
  throw new Error(`README block at line ${block.line} does not say where it runs (# in this repository / # in your service): ${first}`);
}
const commandsOf = (block: FencedBlock): string[] =>
  block.text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
/** The one shell block whose commands are exactly `commands`, or whose first command starts with `prefix`. */
function shellBlock(match: (commands: string[]) => boolean, what: string): FencedBlock {
  const found = blocks.filter((block) => block.lang === "sh" && match(commandsOf(block)));
  if (found.length !== 1) throw new Error(`README section: expected one sh block with ${what}, found ${found.length}`);
  return found[0]!;
}

let temp: string;
let clone: string;
let env: NodeJS.ProcessEnv;
let port: number;
let registryProcess: ChildProcess | undefined;
let registryOutput = "";
let installOutput = "";
let version: string;
let examplePayload: Record<string, unknown>;

/** Runs a README shell block with bash, where it says it runs (`service`: the given folder). */
async function runBlock(block: FencedBlock, service: string): Promise<string> {
  const cwd = placeOf(block) === "repository" ? clone : service;
  const result = await mustRun("bash", ["-euo", "pipefail", "-c", block.text], { cwd, env, timeoutMs: 600_000 });
  return `${result.stdout}${result.stderr}`;
}

function newService(name: string): string {
  const dir = join(temp, name);
  mkdirSync(dir, { recursive: true });
  // A service's repository already has its package.json; this one is an ESM project.
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", private: true, type: "module" }, null, 2));
  return dir;
}

/** What every consumer must be able to do once the packages are installed, from the README. */
async function checkConsumer(service: string): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(service, "node_modules/@org/payment-validators/package.json"), "utf8")) as { version: string };
  expect(manifest.version).toBe(version);

  // The README's TypeScript example, as ESM (.ts in a "type": "module" package) and as CommonJS (.cts).
  const example = blocks.find((block) => block.lang === "ts");
  expect(example, "a TypeScript example in the section").toBeDefined();
  writeFileSync(join(service, "check-payment.ts"), example!.text);
  writeFileSync(join(service, "check-payment.cts"), example!.text);
  writeFileSync(
    join(service, "tsconfig.json"),
    JSON.stringify(
      {
        // @types/node comes from this repository's own install: the README says a consumer needs it.
        compilerOptions: { strict: true, target: "es2022", lib: ["es2022"], module: "nodenext", moduleResolution: "nodenext", types: ["node"], typeRoots: [join(REPO_ROOT, "node_modules/@types")], skipLibCheck: false },
        files: ["check-payment.ts", "check-payment.cts"],
      },
      null,
      2,
    ),
  );
  const tsc = await run(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: service, env });
  expect(`${tsc.stdout}${tsc.stderr}`, "tsc strict on the README example").toBe("");
  expect(tsc.code).toBe(0);
  writeFileSync(join(service, "response.json"), JSON.stringify(examplePayload));
  writeFileSync(join(service, "bad-response.json"), JSON.stringify({ ...examplePayload, status: "bogus" }));
  for (const script of ["check-payment.js", "check-payment.cjs"]) {
    const valid = await run(process.execPath, [script, "response.json"], { cwd: service, env });
    expect(valid.stderr, script).toBe("");
    expect(valid.stdout, script).toBe(`${String(examplePayload.status)}: order ${(examplePayload.order as { order_number: string }).order_number}\n`);
    expect(valid.code, script).toBe(0);
    const invalid = await run(process.execPath, [script, "bad-response.json"], { cwd: service, env });
    expect(invalid.stderr, script).toMatch(/^\/status: must be one of: completed, .* \[enum\]\n$/);
    expect(invalid.code, script).toBe(1);
  }

  // The README's payment-validate commands (response.json: the valid payload above).
  const bin = shellBlock((commands) => commands[0]!.startsWith("npx payment-validate"), "the payment-validate commands");
  const hash = (JSON.parse(readFileSync(join(service, "node_modules/@org/payment-validators/package.json"), "utf8")) as { paymentSchemas: { hash: string } }).paymentSchemas.hash;
  const output = await runBlock(bin, service);
  expect(output).toContain("1 valid");
  expect(output).toContain(`@org/payment-validators ${version} (schema set ${hash})`);
  expect(output).toContain(`${hash}\n`);
}

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), "payment-readme-e2e-"));
  clone = join(temp, "payment-types");
  port = await freePort();
  env = isolatedEnv(temp, "", { PAYMENT_REGISTRY_PORT: String(port), PAYMENT_TYPES: clone });
  installOutput = `${(await cloneWorkspace(clone, env)).stdout}`;
  version = (JSON.parse(readFileSync(join(clone, "packages/payment-validators/package.json"), "utf8")) as { version: string }).version;
  examplePayload = (JSON.parse(readFileSync(join(clone, "packages/payment-schemas/generated/schemas/gateway/PaymentSessionResult.schema.json"), "utf8")) as { examples: Record<string, unknown>[] }).examples[0]!;
}, 600_000);

afterAll(async () => {
  if (registryProcess && registryProcess.exitCode === null && registryProcess.signalCode === null) {
    const exited = new Promise((resolve) => registryProcess!.once("exit", resolve));
    process.kill(-registryProcess.pid!, "SIGTERM");
    const killer = setTimeout(() => process.kill(-registryProcess!.pid!, "SIGKILL"), 5000);
    await exited;
    clearTimeout(killer);
  }
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe("a fresh clone", () => {
  it("installs without bin warnings, and payment-validate runs right after the README's first command", async () => {
    // The first command is `npm install -g pnpm@... && pnpm install && pnpm build`: pnpm is here
    // already, the install above was `pnpm install` (offline, from the store), then the build.
    const first = /```sh\n(.*)\n/.exec(repositoryReadme())![1]!;
    expect(first).toMatch(/^npm install -g pnpm@[\d.]+ && pnpm install && pnpm build\b/);
    expect(installOutput).not.toMatch(/Failed to create bin/i);
    expect(installOutput).not.toMatch(/WARN[^\n]*\bbin\b/i);
    await mustRun("pnpm", ["build"], { cwd: clone, env, timeoutMs: 600_000 });
    const help = await run("pnpm", ["exec", "payment-validate", "--help"], { cwd: clone, env });
    expect(help.stderr).toBe("");
    expect(help.stdout).toMatch(/payment-validate/);
    expect(help.code).toBe(0);
  }, 600_000);
});

describe("README: Use in another repository, as written", () => {
  it("says where every shell block runs", () => {
    for (const block of blocks.filter((b) => b.lang === "sh")) expect(placeOf(block)).toMatch(/^(repository|service)$/);
  });

  it("pnpm registry starts Verdaccio on 127.0.0.1 at the port PAYMENT_REGISTRY_PORT names, and prints its URL", async () => {
    const block = shellBlock((commands) => commands.length === 1 && commands[0] === "pnpm registry", "`pnpm registry` alone");
    expect(placeOf(block)).toBe("repository");
    // It keeps running (the README says so): start it in its own process group, stop it after the tests.
    registryProcess = spawn("bash", ["-c", block.text], { cwd: clone, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    registryProcess.stdout!.on("data", (d: Buffer) => (registryOutput += d.toString()));
    registryProcess.stderr!.on("data", (d: Buffer) => (registryOutput += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`pnpm registry printed no URL in 60 s:\n${registryOutput}`)), 60_000);
      registryProcess!.once("exit", (code) => reject(new Error(`pnpm registry exited ${code}:\n${registryOutput}`)));
      registryProcess!.stdout!.on("data", () => {
        const match = /Verdaccio on (http:\/\/\S+\/)/.exec(registryOutput);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    expect((await fetch(`${url}-/ping`)).ok).toBe(true);
    // Storage in the clone's git-ignored .registry/.
    expect(existsSync(join(clone, ".registry/config.yaml"))).toBe(true);
    expect((await mustRun("git", ["status", "--porcelain"], { cwd: clone, env })).stdout).toBe("");
    // It serves only what is published to it.
    expect((await fetch(`${url}left-pad`)).status).toBe(404);
  }, 120_000);

  it("pnpm registry:publish publishes every package, and run again replaces the version the registry holds", async () => {
    const block = shellBlock((commands) => commands.length === 1 && commands[0] === "pnpm registry:publish", "`pnpm registry:publish` alone");
    const output = await runBlock(block, clone);
    const names = readdirSync(join(clone, "packages"))
      .map((dir) => JSON.parse(readFileSync(join(clone, "packages", dir, "package.json"), "utf8")) as { name: string; private?: boolean })
      .filter((manifest) => !manifest.private)
      .map((manifest) => manifest.name);
    for (const name of names) {
      expect(output).toContain(`registry:publish: ${name}@${version}\n`);
      const packument = (await (await fetch(`http://127.0.0.1:${port}/${name.replace("/", "%2f")}`)).json()) as { versions: Record<string, unknown> };
      expect(Object.keys(packument.versions)).toEqual([version]);
    }
    const again = await runBlock(block, clone);
    for (const name of names) expect(again).toContain(`registry:publish: ${name}@${version} (replaced)\n`);
  }, 600_000);

  it("a service installs from it with the README's commands, compiles and runs the example as ESM and CJS, and runs the bin", async () => {
    const service = newService("service-local-registry");
    const install = shellBlock((commands) => commands[0]!.startsWith("npm config set @org:registry"), "the local registry install");
    await runBlock(install, service);
    expect(readFileSync(join(service, ".npmrc"), "utf8")).toBe(`@org:registry=http://127.0.0.1:${port}/\n`);
    await checkConsumer(service);
  }, 600_000);

  it("the organisation-registry .npmrc and each install command of the section work against a registry", async () => {
    const npmrc = blocks.find((block) => block.lang === "ini");
    expect(npmrc, "an .npmrc block").toBeDefined();
    // The token comes from the environment, never from the file.
    expect(npmrc!.text).toMatch(/^\/\/npm\.example\.internal\/:_authToken=\$\{NPM_TOKEN\}$/m);
    expect(npmrc!.text).toMatch(/^@org:registry=https:\/\/npm\.example\.internal\/$/m);
    // What a reader does: put their registry's address where the example host is.
    const ours = npmrc!.text.replaceAll(`https://${EXAMPLE_HOST}/`, `http://127.0.0.1:${port}/`).replaceAll(`//${EXAMPLE_HOST}/`, `//127.0.0.1:${port}/`);
    const installs = shellBlock((commands) => commands.length === 3 && commands.every((c) => /^(npm install|pnpm add|yarn add) /.test(c)), "npm install / pnpm add / yarn add");
    expect(installs.text.split("\n")[0]).toBe("# in your service: one of");
    const packages = commandsOf(installs).map((command) => command.split(" ").slice(2).join(" "));
    expect(new Set(packages).size, "every command installs the same packages").toBe(1);
    const signup = await fetch(`http://127.0.0.1:${port}/-/user/org.couchdb.user:readme-e2e`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "readme-e2e", password: "readme-e2e-password" }),
    });
    const { token } = (await signup.json()) as { token: string };
    for (const command of commandsOf(installs)) {
      const tool = command.split(" ")[0]!;
      if (tool === "yarn" && (await run("bash", ["-c", "command -v yarn"], { cwd: temp, env })).code !== 0) continue; // not installed here; same packages as the others
      const service = newService(`service-org-registry-${tool}`);
      writeFileSync(join(service, ".npmrc"), ours);
      await mustRun("bash", ["-euo", "pipefail", "-c", command], { cwd: service, env: { ...env, NPM_TOKEN: token }, timeoutMs: 300_000 });
      for (const name of packages[0]!.split(" ")) expect(existsSync(join(service, "node_modules", name, "package.json")), `${tool}: ${name}`).toBe(true);
    }
  }, 600_000);

  it("without a registry: pnpm pack:all, then the one npm install of every tarball, gives a working service", async () => {
    const pack = shellBlock((commands) => commands.length === 1 && commands[0] === "pnpm pack:all", "`pnpm pack:all` alone");
    const output = await runBlock(pack, clone);
    expect(output).toMatch(/npm install .*org-payment-validators-.*\.tgz/);
    const service = newService("service-tarballs");
    const install = shellBlock((commands) => commands.length === 1 && commands[0]!.startsWith("npm install") && commands[0]!.includes(".tgz"), "the tarball install");
    await runBlock(install, service);
    const lock = JSON.parse(readFileSync(join(service, "package-lock.json"), "utf8")) as { packages: Record<string, { resolved?: string }> };
    // Everything of ours came from the tarballs, nothing from a registry.
    for (const [path, entry] of Object.entries(lock.packages)) if (path.includes("@org/")) expect(entry.resolved ?? "", path).toMatch(/^file:/);
    await checkConsumer(service);
  }, 600_000);

  it("a tarball installed alone fails, as the README warns", async () => {
    const service = newService("service-one-tarball");
    copyFileSync(join(clone, "packed", `org-payment-validators-${version}.tgz`), join(service, "validators.tgz"));
    // No registry for @org in this folder's config: npm looks for @org/payment-types on the public registry, offline here.
    const result = await run("npm", ["install", "./validators.tgz", "--offline"], { cwd: service, env });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/@org(\/|%2f)payment-types/i);
  }, 300_000);
});
