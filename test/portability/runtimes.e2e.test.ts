// The shipped validators bundle (@org/payment-validators' dist/index.js, unchanged) gives the same
// results as in Node, payload for payload (verdict, issues and warnings, strict and tolerant), on
// the whole payload corpus, in Deno, Bun, workerd (Cloudflare's runtime) and Chromium on a page
// whose Content-Security-Policy has no 'unsafe-eval'. Each runtime comes from npm (devDependencies)
// except Chromium (Debian's). Each run also reports whether the runtime lets code build functions
// from strings: workerd and the CSP page refuse, which shows the validators never need to.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CorpusEntry, payloadCorpus } from "./corpus.js";
import { type ProbeReport as Report, judge } from "./runtime-probe.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "../..");
const BIN = join(REPO, "node_modules/.bin");
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** The file `import "@org/payment-validators"` loads, as a consumer resolves it. */
const VALIDATORS = createRequire(join(REPO, "packages/payment-validators/package.json"))
  .resolve("@org/payment-validators")
  .replace(/index\.cjs$/, "index.js");

let dir: string;
let corpus: CorpusEntry[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "payment-runtimes-"));
  corpus = payloadCorpus();
  const validators = await import(VALIDATORS);
  writeFileSync(join(dir, "corpus.json"), JSON.stringify(corpus));
  writeFileSync(join(dir, "expected.json"), JSON.stringify(judge(validators, corpus)));
  copyFileSync(VALIDATORS, join(dir, "validators.js"));
  for (const file of ["runtime-probe.mjs", "runtime-main.mjs", "runtime-worker.mjs"]) copyFileSync(join(HERE, file), join(dir, file));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(command: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(command, args, { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env }, timeout: 240_000 });
  if (result.error || result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
  return result.stdout;
}

function expectSameResults(report: Report): void {
  expect(report.mismatches).toEqual([]);
  expect(report.checked).toBe(corpus.length);
  expect(report.valid).toBeGreaterThan(20);
  expect(report.checked - report.valid).toBeGreaterThan(1000);
}

describe("the shipped validators in other runtimes", () => {
  it("Deno gives Node's results on the whole corpus", () => {
    const version = run(join(BIN, "deno"), ["--version"]);
    const out = run(join(BIN, "deno"), ["run", "--no-prompt", `--allow-read=${dir}`, "runtime-main.mjs", join(dir, "validators.js"), join(dir, "corpus.json"), join(dir, "expected.json")], {
      DENO_DIR: join(dir, ".deno"),
      DENO_NO_UPDATE_CHECK: "1",
      NO_COLOR: "1",
    });
    expect(version).toMatch(/^deno 2\./);
    expectSameResults(JSON.parse(out) as Report);
  });

  it("Bun gives Node's results on the whole corpus", () => {
    expect(run(join(BIN, "bun"), ["--version"])).toMatch(/^1\./);
    const out = run(join(BIN, "bun"), ["runtime-main.mjs", join(dir, "validators.js"), join(dir, "corpus.json"), join(dir, "expected.json")], { BUN_INSTALL_CACHE_DIR: join(dir, ".bun") });
    expectSameResults(JSON.parse(out) as Report);
  });

  it("workerd gives Node's results on the whole corpus, where code from strings is refused", () => {
    writeFileSync(
      join(dir, "config.capnp"),
      [
        `using Workerd = import "/workerd/workerd.capnp";`,
        `const config :Workerd.Config = (services = [(name = "main", worker = .worker)]);`,
        `const worker :Workerd.Worker = (`,
        `  modules = [`,
        `    (name = "entry.mjs", esModule = embed "runtime-worker.mjs"),`,
        `    (name = "validators.js", esModule = embed "validators.js"),`,
        `    (name = "probe.mjs", esModule = embed "runtime-probe.mjs"),`,
        `    (name = "corpus.json", json = embed "corpus.json"),`,
        `    (name = "expected.json", json = embed "expected.json"),`,
        `  ],`,
        `  compatibilityDate = "2026-11-01",`,
        `);`,
      ].join("\n"),
    );
    const out = run(join(BIN, "workerd"), ["test", "config.capnp"]);
    const line = out.split("\n").find((l) => l.startsWith("REPORT "));
    expect(line, out.slice(0, 2000)).toBeDefined();
    const report = JSON.parse(line!.slice("REPORT ".length)) as Report;
    expectSameResults(report);
    expect(report.codeFromStrings).toMatch(/^refused/);
  });

  it("Chromium, on a page whose CSP has no 'unsafe-eval', gives Node's results on the whole corpus", async () => {
    const origin = "http://validators.test";
    const csp = "default-src 'self'; script-src 'self'; connect-src 'self'";
    const files: Record<string, [string, string]> = {
      "/": ["text/html", `<!doctype html><meta charset="utf-8"><title>validators</title><script type="module" src="/main.mjs"></script>`],
      "/main.mjs": [
        "text/javascript",
        [
          `import * as validators from "/validators.js";`,
          `import { compare } from "/runtime-probe.mjs";`,
          `const [corpus, expected] = await Promise.all(["/corpus.json", "/expected.json"].map((u) => fetch(u).then((r) => r.json())));`,
          `window.report = compare(validators, corpus, expected);`,
        ].join("\n"),
      ],
      "/validators.js": ["text/javascript", readFileSync(join(dir, "validators.js"), "utf8")],
      "/runtime-probe.mjs": ["text/javascript", readFileSync(join(dir, "runtime-probe.mjs"), "utf8")],
      "/corpus.json": ["application/json", readFileSync(join(dir, "corpus.json"), "utf8")],
      "/expected.json": ["application/json", readFileSync(join(dir, "expected.json"), "utf8")],
    };
    const profile = mkdtempSync(join(tmpdir(), "payment-runtimes-chromium-"));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    try {
      const outside: string[] = [];
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        const file = url.origin === origin ? files[url.pathname] : undefined;
        if (!file) {
          outside.push(url.href);
          return route.abort();
        }
        return route.fulfill({ status: 200, contentType: file[0], headers: { "content-security-policy": csp }, body: file[1] });
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => (window as unknown as { report?: unknown }).report !== undefined, undefined, { timeout: 180_000 });
      const report = (await page.evaluate(() => (window as unknown as { report: unknown }).report)) as Report;
      expect(errors).toEqual([]);
      expect(outside).toEqual([]);
      expectSameResults(report);
      // The page's policy is in force: building code from a string is refused there.
      expect(report.codeFromStrings).toMatch(/^refused \(EvalError\)/);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
