// Debian's headless Chromium for the docs' page tests: a persistent context in a temp profile that
// records (and refuses) every request outside file:, data: and blob:, and every console error.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, type Page, chromium } from "playwright-core";
import { PACKAGE_DIR } from "./docs-files.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
export const SCREENSHOTS = join(PACKAGE_DIR, "..", "..", "test-output", "payment-docs");

export interface Browser {
  readonly context: BrowserContext;
  /** Requests that would have left the machine (refused). */
  readonly outside: string[];
  /** Console errors, uncaught page errors and Content-Security-Policy violations. */
  readonly errors: string[];
  /** A new page whose errors land in `errors`, prefixed with `label`. */
  newPage(label: string): Promise<Page>;
  close(): Promise<void>;
}

/** `allow`: URLs the test itself fulfils (routes it adds), which are not outside requests. */
export async function launchChromium(allow: (url: string) => boolean = () => false): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "payment-docs-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1400, height: 1000 } });
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (/^(?:file|data|blob):/.test(url)) return route.continue();
    if (allow(url)) return route.fallback();
    outside.push(url);
    return route.abort();
  });
  return {
    context,
    outside,
    errors,
    async newPage(label) {
      const page = await context.newPage();
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(`${label}: ${message.text()}`);
      });
      page.on("pageerror", (error) => errors.push(`${label}: ${error.message}`));
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
