// The runtime modules beside this file are real, typed, tested TypeScript that generated packages
// ship verbatim (or bundled): this is where emitters read them from.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Absolute path of a runtime module (`legacy`, `drift`, `formats`). */
export function runtimeModulePath(name: "legacy" | "drift" | "formats"): string {
  return fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
}

/** The file name the legacy runtime has in each package that gets a copy. */
export const LEGACY_RUNTIME_FILE = "legacy-runtime.ts";

/** The legacy-field logic every model shares (runtime/legacy.ts), as the TypeScript source each
 *  package that needs it gets verbatim. */
export const LEGACY_RUNTIME = readFileSync(runtimeModulePath("legacy"), "utf8");
