// Size: what an application ships. The published ESM entry of @org/payment-validators bundled with
// esbuild (minified, tree-shaken) for one model's validators and for both, gzipped with zlib; the
// same for compiling at start-up instead (Ajv, ajv-formats and the schemas). And what npm installs:
// the package's unpacked size (`npm pack --dry-run`), with its runtime dependency, next to Ajv's.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { buildSync } from "esbuild";

export interface BundleSize {
  readonly label: string;
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
}

export interface SizeResult {
  readonly bundles: readonly BundleSize[];
  readonly installed: readonly { readonly label: string; readonly bytes: number; readonly files: number }[];
}

const here = dirname(fileURLToPath(import.meta.url));

function bundle(label: string, contents: string): BundleSize {
  const result = buildSync({ stdin: { contents, resolveDir: here, loader: "js" }, bundle: true, minify: true, format: "esm", platform: "neutral", mainFields: ["module", "main"], write: false, logLevel: "silent" });
  const code = result.outputFiles[0]!.contents;
  return { label, minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

function packedSize(packageDir: string): { bytes: number; files: number } {
  const result = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: packageDir, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`npm pack --dry-run failed in ${packageDir}: ${result.stderr}`);
  const [info] = JSON.parse(result.stdout.slice(result.stdout.indexOf("["))) as { unpackedSize: number; entryCount: number }[];
  return { bytes: info!.unpackedSize, files: info!.entryCount };
}

/** Bytes and files under a folder, following pnpm's links (what npm would unpack). */
function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules") continue;
    const path = join(dir, entry);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      const inner = folderSize(path);
      bytes += inner.bytes;
      files += inner.files;
    } else {
      bytes += stat.size;
      files++;
    }
  }
  return { bytes, files };
}

/** The folder of package `name` as Node resolves it from `fromDir`. */
function packageDir(name: string, fromDir: string): string {
  let dir = dirname(createRequire(join(fromDir, "package.json")).resolve(name));
  while (!existsSync(join(dir, "package.json")) || (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string }).name !== name) {
    if (dirname(dir) === dir) throw new Error(`cannot find the folder of ${name}`);
    dir = dirname(dir);
  }
  return dir;
}

export function measureSize(options: { repoRoot: string }): SizeResult {
  const pkg = "@org/payment-validators";
  const bundles = [
    bundle("PaymentSessionResult validators (validate, is, assert)", `export { validatePaymentSessionResult, isPaymentSessionResult, assertPaymentSessionResult } from "${pkg}";`),
    bundle("SessionResultResponse validators (validate, is, assert)", `export { validateSessionResultResponse, isSessionResultResponse, assertSessionResultResponse } from "${pkg}";`),
    bundle(
      "both models' validators",
      `export { validatePaymentSessionResult, isPaymentSessionResult, assertPaymentSessionResult, validateSessionResultResponse, isSessionResultResponse, assertSessionResultResponse } from "${pkg}";`,
    ),
    bundle("the whole package entry", `export * from "${pkg}";`),
    bundle(
      "compile at start-up instead: Ajv + ajv-formats + the schemas",
      `import { Ajv2020 } from "ajv/dist/2020.js"; import addFormats from "ajv-formats"; import { schemas } from "@org/payment-schemas";
       export function compile() { const ajv = new Ajv2020({ allErrors: true }); addFormats(ajv); for (const s of Object.values(schemas)) ajv.addSchema(s); return ajv; }`,
    ),
  ];
  const validators = packedSize(join(options.repoRoot, "packages/payment-validators"));
  const types = packedSize(join(options.repoRoot, "packages/payment-types"));
  const ajvDir = packageDir("ajv", here);
  const ajvFamily = [ajvDir, packageDir("ajv-formats", here), ...["fast-deep-equal", "fast-uri", "json-schema-traverse", "require-from-string"].map((name) => packageDir(name, ajvDir))].map(folderSize);
  return {
    bundles,
    installed: [
      { label: "@org/payment-validators (unpacked)", ...validators },
      { label: "@org/payment-validators + its runtime dependency @org/payment-types", bytes: validators.bytes + types.bytes, files: validators.files + types.files },
      { label: "for comparison: ajv + ajv-formats and their dependencies", bytes: ajvFamily.reduce((a, b) => a + b.bytes, 0), files: ajvFamily.reduce((a, b) => a + b.files, 0) },
    ],
  };
}
