// pnpm build: dist/api-reference.html and dist/playground.html, each one self-contained file, from
// the generated pages, the OpenAPI document and the built validators. Prints one line.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPlayground } from "./playground.mjs";
import { buildReference } from "./reference.mjs";

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(packageDir, "package.json"));
const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
const openapi = JSON.parse(readFileSync(require.resolve("@org/payment-schemas/openapi.json"), "utf8"));

const started = performance.now();
const files = {
  "api-reference.html": buildReference({ docsDir: join(packageDir, "generated"), openapi, version, playgroundHref: "playground.html" }),
  "playground.html": buildPlayground({ entry: join(packageDir, "src", "playground", "main.ts"), version, referenceHref: "api-reference.html" }),
};
rmSync(join(packageDir, "dist"), { recursive: true, force: true });
mkdirSync(join(packageDir, "dist"));
for (const [name, html] of Object.entries(files)) writeFileSync(join(packageDir, "dist", name), html);
const sizes = Object.entries(files).map(([name, html]) => `dist/${name} (${Math.round(Buffer.byteLength(html) / 1024)} KiB)`);
console.log(`build-docs: ${sizes.join(", ")} in ${Math.round(performance.now() - started)} ms`);
