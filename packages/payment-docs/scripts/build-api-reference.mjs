// Builds dist/api-reference.html: the OpenAPI document of @org/payment-schemas rendered by Redocly's
// CLI (Redoc) into one self-contained HTML file, Redoc's bundle inlined, so neither the build nor a
// reader's browser needs the network.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(packageDir, "package.json"));
const openapi = require.resolve("@org/payment-schemas/openapi.json");
const redocly = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");
const output = join(packageDir, "dist", "api-reference.html");

// Redoc 3 hard-codes its attribution logo as an <img> loaded from Redocly's CDN: the one request
// the page would make. Each URL is swapped for an inline SVG that keeps the attribution readable.
const ATTRIBUTION_LOGOS = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16"><text x="0" y="12" font-family="sans-serif" font-size="12" font-weight="600" fill="#7a7a8c">Redocly</text></svg>',
)}`;

const started = performance.now();
rmSync(join(packageDir, "dist"), { recursive: true, force: true });
mkdirSync(dirname(output), { recursive: true });
execFileSync(
  process.execPath,
  [
    redocly,
    "build-docs",
    openapi,
    "--inlineBundle",
    "--output",
    output,
    "--title",
    "Payment response models: API reference",
    // A "Models" section listing every component schema, beside the operations.
    "--openapi.schemaDefinitionsTagName=Models",
  ],
  {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  },
);

let html = readFileSync(output, "utf8");
for (const url of ATTRIBUTION_LOGOS) {
  if (!html.includes(url)) {
    throw new Error(`build-api-reference: the renderer no longer references ${url}; check that the page still loads nothing from the network (packages/payment-docs/test/html-reference.e2e.test.ts) and update ATTRIBUTION_LOGOS`);
  }
  html = html.split(url).join(INLINE_LOGO);
}
writeFileSync(output, html);

const kib = Math.round(statSync(output).size / 1024);
console.log(`build-api-reference: ${relative(packageDir, output)} (${kib} KiB) from ${relative(packageDir, openapi)} in ${Math.round(performance.now() - started)} ms`);
