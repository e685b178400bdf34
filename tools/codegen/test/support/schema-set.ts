// Small schema sets for emitter unit tests, given as objects in the test: written to a temp folder
// as a repository's schemas/ (one file per model, plus an api.json whose operations answer with
// the top-level models) and loaded as codegen loads any schema set, so every rule applies to them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { SchemaSet } from "../../src/model/schema-set.js";
import { loadSchemaSet } from "../../src/model/load.js";
import { type JsonObject, SCHEMA_BASE_URL } from "../../src/model/schema-walk.js";

/** `models` by path under schemas/ without the suffix (e.g. "shop/Order"); `$schema`, `$id`,
 *  `title` and a description are filled in when the given schema leaves them out. */
export function schemaSetOf(models: Record<string, JsonObject>, topLevel: readonly string[]): SchemaSet {
  const root = mkdtempSync(join(tmpdir(), "codegen-schema-set-"));
  try {
    for (const [path, schema] of Object.entries(models)) {
      const name = path.slice(path.lastIndexOf("/") + 1);
      const full = {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        $id: `${SCHEMA_BASE_URL}${path}.schema.json`,
        title: name,
        description: `The ${name} model.`,
        ...schema,
      };
      const file = join(root, "schemas", `${path}.schema.json`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(full, null, 2)}\n`);
    }
    const paths = Object.fromEntries(
      topLevel.map((path) => {
        const name = path.slice(path.lastIndexOf("/") + 1);
        const response = { description: `The ${name}.`, content: { "application/json": { schema: { $ref: `${path}.schema.json` } } } };
        return [`/${name.toLowerCase()}`, { get: { operationId: `get${name}`, responses: { "200": response } } }];
      }),
    );
    writeFileSync(join(root, "schemas", "api.json"), JSON.stringify({ openapi: "3.1.0", info: { title: "Test", version: "1.0.0" }, paths }));
    return loadSchemaSet(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
