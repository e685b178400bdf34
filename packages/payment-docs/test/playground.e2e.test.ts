// The validation playground as a reader uses it, in Debian's headless Chromium: the built
// playground.html of the package, served to the browser (by the test's own route, no server, no
// network) with a Content-Security-Policy header that allows inline code but not eval, on top of
// the page's own policy. Any CSP violation, console error or request leaving the page fails.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, SCREENSHOTS, launchChromium } from "./chromium.js";
import { PACKAGE_DIR, readSchemas } from "./docs-files.js";

const ORIGIN = "http://playground.test";
const PAGE_URL = `${ORIGIN}/playground.html`;
// No 'unsafe-eval': eval, new Function and string timers throw and report a violation.
const STRICT_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

function builtPlayground(): string {
  const path = createRequire(join(PACKAGE_DIR, "package.json")).resolve("@org/payment-docs/playground.html");
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`pnpm build\` first`);
  return readFileSync(path, "utf8");
}

const example = (name: string, index = 0) => structuredClone((readSchemas().find((m) => m.name === name)!.schema.examples as Record<string, unknown>[])[index]!);

describe("playground.html in Chromium, under a CSP without 'unsafe-eval'", () => {
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];

  beforeAll(async () => {
    const html = builtPlayground();
    browser = await launchChromium((url) => url.startsWith(`${ORIGIN}/`));
    await browser.context.route(`${ORIGIN}/**`, (route) =>
      route.request().url() === PAGE_URL ? route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", headers: { "content-security-policy": STRICT_POLICY }, body: html }) : route.fulfill({ status: 404, body: "" }),
    );
    page = await browser.newPage("playground");
    await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { reportViolation(t: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(PAGE_URL);
  });

  afterAll(async () => {
    await browser?.close();
  });

  const input = () => page.getByTestId("payload-input");
  const result = () => page.getByTestId("validate-result");

  async function check(text: string, screenshot?: string): Promise<string> {
    await input().fill(text);
    const shown = await result().innerText();
    if (screenshot) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `playground-${screenshot}.png`), fullPage: true });
    }
    return shown;
  }

  it("says a valid payload is valid, with the model it inferred", async () => {
    expect(await check(JSON.stringify(example("PaymentSessionResult"), null, 2), "valid")).toMatch(/^valid PaymentSessionResult$/m);
    expect(await check(JSON.stringify(example("SessionResultResponse")))).toMatch(/^valid SessionResultResponse$/m);
  });

  it("lists each issue of an invalid payload with its pointer and message, and highlights the offending value", async () => {
    const payload = { ...example("PaymentSessionResult"), amount: "79.5" };
    const shown = await check(JSON.stringify(payload, null, 2), "invalid");
    expect(shown).toMatch(/^invalid PaymentSessionResult \(1 issue\)$/m);
    expect(shown).toContain("/amount must match the pattern ^(0|[1-9][0-9]*)\\.[0-9]{2}$ [pattern]");
    const marks = page.getByTestId("payload-highlighted").locator("mark");
    expect(await marks.allInnerTexts()).toEqual(['"79.5"']);
    expect(await marks.first().getAttribute("title")).toContain("/amount: must match the pattern");
    // Clicking the issue selects the value in the text area.
    await result().getByText("/amount").click();
    expect(await input().evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd))).toBe('"79.5"');
  });

  it("names the cross-field rule an issue breaks", async () => {
    const shown = await check(JSON.stringify({ ...example("PaymentSessionResult"), verification_url: "https://pay.example.com/v" }));
    expect(shown).toContain("/verification_url must be null unless status is awaiting_verification");
  });

  it("says where text that is not JSON breaks, and marks the spot", async () => {
    const shown = await check('{\n  "amount": "79.00",\n  "currency": EUR\n}', "not-json");
    expect(shown).toMatch(/^not JSON$/m);
    expect(shown).toMatch(/line 3, column 15: unexpected "EUR" \(a string needs double quotes\)/);
    expect(await page.getByTestId("payload-highlighted").locator("mark").allInnerTexts()).toEqual(["EUR"]);
  });

  it("reads NDJSON line by line, each payload with its line", async () => {
    const lines = [JSON.stringify(example("PaymentSessionResult")), "", JSON.stringify({ ...example("PaymentSessionResult"), amount: 79 }), "{oops", JSON.stringify(example("SessionResultResponse"))];
    const shown = await check(lines.join("\n"), "ndjson");
    expect(shown).toMatch(/^line 1: valid PaymentSessionResult$/m);
    expect(shown).toMatch(/^line 3: invalid PaymentSessionResult \(1 issue\)$/m);
    expect(shown).toContain("/amount must be string or null [type]");
    expect(shown).toMatch(/^line 4: not JSON$/m);
    expect(shown).toMatch(/line 4, column 2: unexpected "oops"/);
    expect(shown).toMatch(/^line 5: valid SessionResultResponse$/m);
  });

  it("uses the chosen model instead of inferring one, and asks for one when it cannot tell", async () => {
    expect(await check('{"livemode": true, "payments": []}')).toContain("cannot tell the model: the payload has properties of PaymentSessionResult (livemode) and SessionResultResponse (payments); choose the model:");
    await page.getByTestId("model-select").selectOption("SessionResultResponse");
    expect(await check(JSON.stringify(example("PaymentSessionResult")))).toMatch(/^invalid SessionResultResponse/m);
    await page.getByTestId("model-select").selectOption("");
  });

  it("accepts unknown provider enum values in tolerant mode, as warnings naming the value", async () => {
    const payload = JSON.stringify({ ...example("SessionResultResponse"), status: "paymentReversed" });
    expect(await check(payload)).toMatch(/^invalid SessionResultResponse \(1 issue\)$/m);
    await page.getByTestId("tolerant-toggle").check();
    const shown = await result().innerText();
    expect(shown).toMatch(/^valid SessionResultResponse, 1 warning$/m);
    expect(shown).toContain('/status unknown value "paymentReversed" accepted (known: active, canceled, completed, expired, paymentPending, refused) [enum]');
    await page.screenshot({ path: join(SCREENSHOTS, "playground-tolerant.png"), fullPage: true });
    await page.getByTestId("tolerant-toggle").uncheck();
  });

  it("ran without eval, console errors, CSP violations or requests leaving the page", () => {
    expect(violations).toEqual([]);
    expect(browser.errors).toEqual([]);
    expect(browser.outside).toEqual([]);
  });
});

describe("playground.html: the file", () => {
  it("is self-contained, and its own policy allows only its own inline script and style, never eval", () => {
    const html = builtPlayground();
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? "";
    expect(policy).toMatch(/^default-src 'none';/);
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*';/);
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline/);
    expect([...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0])).toEqual(["<script>"]);
    expect(html).not.toMatch(/\bsrc\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).toContain('data-testid="payload-input"');
    expect(html).toContain('href="api-reference.html"');
  });
});
