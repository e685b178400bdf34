// The HTML API reference as a reader gets it: the built file of the package, opened from disk in
// Debian's headless Chromium with every request outside file: refused and recorded. The reader
// clicks each top-level model in the navigation; what the page then shows (visible text, not the
// embedded data) must be that model's fields once each, the meaning of every enum value, each
// legacy field with its replacement, each cross-field rule in the schema's words, and the packages'
// version. A screenshot of each model lands in test-output/payment-docs/.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, SCREENSHOTS, launchChromium } from "./chromium.js";
import { PACKAGE_DIR, type SchemaFile, readSchemas } from "./docs-files.js";

const require = createRequire(join(PACKAGE_DIR, "package.json"));
const VERSION = (JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")) as { version: string }).version;
const OPENAPI = JSON.parse(readFileSync(require.resolve("@org/payment-schemas/openapi.json"), "utf8")) as {
  paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> }>>;
};

/** The models the operations return, from the OpenAPI document. */
const TOP_LEVEL = [
  ...new Set(Object.values(OPENAPI.paths).flatMap((operations) => Object.values(operations).flatMap((op) => Object.values(op.responses).flatMap((r) => Object.values(r.content).map((c) => c.schema.$ref.split("/").pop()!))))),
].sort();

/** The file behind the package's public subpath, as a consumer resolves it. */
function builtFile(subpath: string): string {
  const path = require.resolve(`@org/payment-docs/${subpath}`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`pnpm build\` first`);
  return path;
}

const schemas = readSchemas();
const byName = new Map(schemas.map((s) => [s.name, s]));

/** The enum model a property refers to (directly, or as the non-null branch), if any. */
function enumOf(property: Record<string, any>): SchemaFile | undefined {
  const ref: unknown = property.$ref ?? property.anyOf?.find((b: Record<string, unknown>) => b.$ref)?.$ref;
  const target = typeof ref === "string" ? byName.get(ref.replace(/^.*\//, "").replace(/\.schema\.json$/, "")) : undefined;
  return target && Array.isArray(target.schema.enum) ? target : undefined;
}

/** "value: meaning" for each value of an enum model, as x-enum-descriptions gives them. */
function meanings(model: SchemaFile): string[] {
  const descriptions = model.schema["x-enum-descriptions"] as Record<string, string>;
  return (model.schema.enum as string[]).map((value) => `${value}: ${descriptions[value]}`);
}

describe("HTML API reference: the file", () => {
  it("is one self-contained file that runs nothing: no script at all, its own CSP allows none, nothing loaded from elsewhere", () => {
    const html = readFileSync(builtFile("api-reference.html"), "utf8");
    const loaded = [
      ...html.matchAll(/<(?:script|img|iframe)\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi),
      ...html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']?([^"'\s>]+)/gi),
      ...html.matchAll(/@import\s+(?:url\()?["']?([^"')\s;]+)/gi),
      ...html.matchAll(/url\(\s*["']?([^"')\s]+)/gi),
    ].map((m) => m[1]!);
    expect(loaded.filter((url) => !url.startsWith("data:"))).toEqual([]);
    expect(html).not.toMatch(/<script\b/i);
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    expect(policy).toMatch(/^default-src 'none';/);
    expect(policy).not.toContain("script-src");
  });

  it("links to the playground, which ships beside it", () => {
    const html = readFileSync(builtFile("api-reference.html"), "utf8");
    expect(html).toContain('href="playground.html"');
    expect(existsSync(join(dirname(builtFile("api-reference.html")), "playground.html"))).toBe(true);
  });
});

describe("HTML API reference in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("says the packages' version in its title and navigation", async () => {
    const page = await browser.newPage("title");
    await page.goto(pathToFileURL(builtFile("api-reference.html")).href);
    expect(await page.title()).toContain(VERSION);
    expect(await page.locator("nav").innerText()).toContain(`version ${VERSION}`);
    await page.close();
  });

  it.each(TOP_LEVEL)("%s: each field once, enum meanings, legacy replacements, cross-field rules, as the reader sees them", async (name) => {
    const schema = byName.get(name)!.schema;
    const page = await browser.newPage(name);
    await page.goto(pathToFileURL(builtFile("api-reference.html")).href);
    // As a reader does: click the model in the navigation.
    await page.locator("nav").getByRole("link", { name, exact: true }).first().click();
    await page.waitForURL(new RegExp(`#${name}$`));
    const section = page.locator(`section[id="${name}"]`);
    await expect.poll(async () => (await section.boundingBox())?.y ?? -1).toBeLessThan(50); // scrolled to it
    expect(await section.locator("h1").innerText()).toBe(name);

    // The fields: one row per property, in one table, nothing repeated per case of a rule.
    const rows = new Map(
      await section.locator("h2:text-is('Fields') + table > tbody > tr").evaluateAll((trs) => trs.map((tr) => [(tr as HTMLTableRowElement).cells[0]!.innerText, (tr as HTMLTableRowElement).innerText] as const)),
    );
    expect([...rows.keys()].sort()).toEqual(Object.keys(schema.properties).sort());
    expect(rows.size).toBe(Object.keys(schema.properties).length);
    const text = await section.innerText();
    expect(text).not.toMatch(/One of|case 1/i);

    for (const [field, property] of Object.entries(schema.properties as Record<string, Record<string, any>>)) {
      const row = rows.get(field)!;
      const values = enumOf(property);
      // Every value of an enum field with its meaning, in the field's own row.
      if (values) for (const line of meanings(values)) expect(row, `${name}.${field}`).toContain(line);
      const legacy = property["x-legacy"] as { replacedBy: string | null } | undefined;
      if (legacy) {
        expect(row).toContain("Deprecated");
        expect(row).toContain(legacy.replacedBy === null ? "nothing replaces it yet" : `Use ${legacy.replacedBy.slice(1).split("/").join(".")} instead`);
      }
    }
    // Each cross-field rule, in the words of its description in the schema.
    const rules = ((schema.allOf ?? []) as Record<string, unknown>[]).filter((r) => "if" in r);
    for (const rule of rules) expect(text).toContain(rule.description as string);
    if (rules.length > 0) expect(text).toContain("Rules across fields");

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    await page.close();
    expect(browser.errors).toEqual([]);
    expect(browser.outside).toEqual([]);
  });

  it("shows every value of every enum model with its meaning", async () => {
    const page = await browser.newPage("enums");
    await page.goto(pathToFileURL(builtFile("api-reference.html")).href);
    for (const model of schemas.filter((s) => Array.isArray(s.schema.enum) && s.schema["x-enum-descriptions"])) {
      const text = await page.locator(`section[id="${model.name}"]`).innerText();
      for (const line of meanings(model)) expect(text, model.name).toContain(line);
    }
    await page.close();
    expect(browser.errors).toEqual([]);
  });

  it("every link inside the page leads to an element of it", async () => {
    const page = await browser.newPage("links");
    await page.goto(pathToFileURL(builtFile("api-reference.html")).href);
    const broken = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')].map((a) => a.getAttribute("href")!.slice(1)).filter((id) => document.getElementById(decodeURIComponent(id)) === null),
    );
    expect(broken).toEqual([]);
    await page.close();
  });
});
