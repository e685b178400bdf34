// One build for every published package: each entry of the package's `exports` map whose import
// target is ./dist/NAME.js is built from src/NAME.ts as ESM (.js) and CommonJS (.cjs), each with
// its own bundled declarations (.d.ts / .d.cts), so every resolution mode sees the right types.
// Each `bin` target ./bin/NAME.js (a committed launcher, so pnpm can link it before any build) runs
// dist/bin/NAME.js, built here from src/NAME.ts as one ESM file for Node with a shebang; it imports
// the package's own entries from ../NAME.js instead of carrying a second copy.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Options, defineConfig } from "tsup";

interface ExportTarget {
  import?: { default?: string };
}

interface Manifest {
  exports?: Record<string, ExportTarget | string>;
  bin?: Record<string, string> | string;
}

const packageDir = process.cwd();
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as Manifest;

/** src/NAME.ts for every target matching `pattern` (whose first group is NAME). */
function sources(targets: readonly (string | undefined)[], pattern: RegExp): string[] {
  const entries = new Set<string>();
  for (const file of targets) {
    const match = file ? pattern.exec(file) : null;
    if (match) entries.add(`src/${match[1]}.ts`);
  }
  return [...entries].sort();
}

const libraryEntries = sources(
  Object.values(manifest.exports ?? {}).map((target) => (typeof target === "string" ? undefined : target.import?.default)),
  /^\.\/dist\/([^/]+)\.js$/,
);
const binEntries = sources(typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {}), /^\.\/bin\/([^/]+)\.js$/);

/** Imports of a library entry's source become imports of its built ESM file, next to dist/bin/. */
const reuseLibraryEntries: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "reuse-library-entries",
  setup(build) {
    const bySource = new Map(libraryEntries.map((entry) => [resolve(packageDir, entry), entry.replace(/^src\/(.+)\.ts$/, "../$1.js")]));
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const built = bySource.get(resolve(args.resolveDir, args.path).replace(/\.js$/, ".ts"));
      return built ? { path: built, external: true } : undefined;
    });
  },
};

const TYPES_INLINED = ["@standard-schema/spec"];

const shared: Options = { target: "node20", splitting: false, sourcemap: false, treeshake: true };

export default defineConfig([
  {
    ...shared,
    entry: libraryEntries,
    format: ["esm", "cjs"],
    // Type-only packages a published declaration refers to are inlined, so a consumer needs none
    // of them installed (the Standard Schema spec is an interface, not a runtime dependency).
    dts: { resolve: TYPES_INLINED },
    // dist/bin/ belongs to the bin build below, which runs alongside this one.
    clean: ["!bin/**"],
    platform: "neutral",
    outDir: "dist",
  },
  ...(binEntries.length === 0
    ? []
    : [
        {
          ...shared,
          entry: binEntries,
          format: ["esm"],
          dts: false,
          clean: true,
          platform: "node",
          outDir: "dist/bin",
          banner: { js: "#!/usr/bin/env node" },
          esbuildPlugins: [reuseLibraryEntries],
        } satisfies Options,
      ]),
]);
