// What the tests read: the generated pages as the package ships them, and the schemas they were
// generated from as @org/payment-schemas ships them.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
export const DOCS_DIR = join(PACKAGE_DIR, "generated");
export const INDEX_PAGE = "README.md";
const require = createRequire(join(PACKAGE_DIR, "package.json"));

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => (statSync(join(dir, entry)).isDirectory() ? listFiles(join(dir, entry), `${prefix}${entry}/`) : [`${prefix}${entry}`]));
}

/** Every generated page: posix path relative to generated/ -> text. */
export function readPages(): Map<string, string> {
  return new Map(
    listFiles(DOCS_DIR)
      .filter((f) => f.endsWith(".md"))
      .map((f) => [f, readFileSync(join(DOCS_DIR, f), "utf8")]),
  );
}

export interface SchemaFile {
  /** The folder under schemas/: the model's source. */
  readonly source: string;
  readonly name: string;
  readonly schema: Record<string, any>;
}

/** Every model's JSON Schema, as shipped in @org/payment-schemas (generated/schemas/<source>/<Name>.schema.json). */
export function readSchemas(): SchemaFile[] {
  const dir = join(dirname(require.resolve("@org/payment-schemas/package.json")), "generated", "schemas");
  return listFiles(dir)
    .filter((f) => f.endsWith(".schema.json"))
    .map((f) => {
      const [source, file] = f.split("/") as [string, string];
      return { source, name: file.replace(/\.schema\.json$/, ""), schema: JSON.parse(readFileSync(join(dir, f), "utf8")) };
    });
}

export function pagePathOf(model: SchemaFile): string {
  return `${model.source}/${model.name}.md`;
}
