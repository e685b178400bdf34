// The HTML API reference as a reader gets it: the built file of the package, opened from disk in
// Debian's headless Chromium with every request outside file: refused and recorded. Both response
// models and all their fields must be on the page, the console must stay free of errors, and a
// screenshot of each model lands in test-output/payment-docs/.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_DIR, readSchemas } from "./docs-files.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SCREENSHOTS = join(PACKAGE_DIR, "..", "..", "test-output", "payment-docs");
const RESPONSE_MODELS = ["SessionResultResponse", "PaymentSessionResult"];

/** The file behind the package's public subpath, as a consumer resolves it. */
function builtReference(): string {
  const path = createRequire(join(PACKAGE_DIR, "package.json")).resolve("@org/payment-docs/api-reference.html");
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`pnpm build\` first`);
  return path;
}

describe("HTML API reference: the file", () => {
  it("is one self-contained file: no script, style sheet, font or frame it would load from elsewhere", () => {
    const html = readFileSync(builtReference(), "utf8");
    const loaded = [
      ...html.matchAll(/<(?:script|img|iframe)\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi),
      ...html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']?([^"'\s>]+)/gi),
      ...html.matchAll(/@import\s+(?:url\()?["']?([^"')\s;]+)/gi),
      ...html.matchAll(/@font-face\s*{[^}]*url\(\s*["']?([^"')\s]+)/gi),
    ].map((m) => m[1]!);
    expect(loaded.filter((url) => /^(?:https?:)?\/\//i.test(url))).toEqual([]);
    expect(html).toContain("PaymentSessionResult");
  });
});

describe("HTML API reference in Chromium", () => {
  let context: BrowserContext;
  let profile: string;
  const outside: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), "payment-docs-chromium-"));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1400, height: 1000 } });
    // Record and refuse anything that would leave the machine; the page must not need it.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (/^(?:file|data|blob):/.test(url) || /^https?:\/\/127\.0\.0\.1[:/]/.test(url)) return route.continue();
      outside.push(url);
      return route.abort();
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it.each(RESPONSE_MODELS)("shows %s and every one of its fields, with no console error and no outside request", async (name) => {
    const schema = readSchemas().find((m) => m.name === name)!.schema;
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`${name}: ${message.text()}`);
    });
    page.on("pageerror", (error) => consoleErrors.push(`${name}: ${error.message}`));
    // Redoc routes each schema of its "Models" section as #/models/<lower-case name> and renders
    // it in an element with that id.
    const route = `models/${name.toLowerCase()}`;
    await page.goto(`${pathToFileURL(builtReference()).href}#/${route}`);
    const section = page.locator(`[id="${route}"]`);
    await section.locator("h2", { hasText: new RegExp(`^${name}$`) }).waitFor({ timeout: 20_000 });
    const text = await section.innerText();
    for (const field of Object.keys(schema.properties)) expect(text, `${name}.${field}`).toMatch(new RegExp(`(^|\\s)${field}(\\s|$)`, "m"));
    // Redoc scrolls to the routed section after rendering: wait until the scroll position holds still.
    await page.waitForFunction(() => new Promise((settled) => {
      const y = window.scrollY;
      setTimeout(() => settled(window.scrollY === y), 250);
    }));
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    await page.close();
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
  });
});
