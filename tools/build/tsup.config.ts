// One build for every published package: each entry of the package's `exports` map whose import
// target is ./dist/NAME.js is built from src/NAME.ts as ESM (.js) and CommonJS (.cjs), each with
// its own bundled declarations (.d.ts / .d.cts), so every resolution mode sees the right types.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "tsup";

interface ExportTarget {
  import?: { default?: string };
}

function entriesFromExports(packageDir: string): string[] {
  const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { exports?: Record<string, ExportTarget | string> };
  const entries = new Set<string>();
  for (const target of Object.values(pkg.exports ?? {})) {
    const file = typeof target === "string" ? undefined : target.import?.default;
    const match = file ? /^\.\/dist\/(.+)\.js$/.exec(file) : null;
    if (match) entries.add(`src/${match[1]}.ts`);
  }
  return [...entries].sort();
}

export default defineConfig({
  entry: entriesFromExports(process.cwd()),
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "node20",
  platform: "neutral",
  splitting: false,
  sourcemap: false,
  treeshake: true,
  outDir: "dist",
});
