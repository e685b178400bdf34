// Small schema sets for schema:diff tests, written to temp folders and loaded with the real
// loader (so every fixture is a valid schema set: lint, meta-schema and examples included).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { VERSION_MANIFEST } from "../../src/outputs.js";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { SchemaSet } from "../../src/model/schema-set.js";
import { loadSchemaSet } from "../../src/model/load.js";
import { type JsonObject, SCHEMA_BASE_URL } from "../../src/model/schema-walk.js";
import { type SchemaDiff, diffSchemaSets } from "../../src/diff/compare.js";

/** Models by path under schemas/ without the suffix (e.g. `gateway/Thing`): the schema body;
 *  $schema, $id, title, a description and examples are filled in when missing. */
export interface SetSpec {
  readonly models: Readonly<Record<string, JsonObject>>;
  readonly api?: JsonObject;
}

export const EMPTY_API: JsonObject = { openapi: "3.1.0", info: { title: "Test operations", version: "1.0.0" }, paths: {} };

function completeModel(path: string, body: JsonObject): JsonObject {
  const name = path.split("/").pop()!;
  const defaultExamples = Array.isArray(body.enum) ? [body.enum[0]!] : [{}];
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `${SCHEMA_BASE_URL}${path}.schema.json`,
    title: name,
    description: `The ${name} model.`,
    ...body,
    examples: body.examples ?? defaultExamples,
  };
}

export function writeSchemaSet(root: string, spec: SetSpec): void {
  for (const [path, body] of Object.entries(spec.models)) {
    const file = join(root, "schemas", `${path}.schema.json`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(completeModel(path, body), null, 2)}\n`);
  }
  mkdirSync(join(root, "schemas"), { recursive: true });
  writeFileSync(join(root, "schemas", "api.json"), `${JSON.stringify(spec.api ?? EMPTY_API, null, 2)}\n`);
}

/** The manifest whose version the OpenAPI document states (emit/openapi.ts needs one to run). */
export function writeVersionManifest(root: string): void {
  mkdirSync(dirname(join(root, VERSION_MANIFEST)), { recursive: true });
  writeFileSync(join(root, VERSION_MANIFEST), `${JSON.stringify({ name: "@org/payment-schemas", version: "1.0.0" }, null, 2)}\n`);
}

export function loadSpec(spec: SetSpec): SchemaSet {
  const root = mkdtempSync(join(tmpdir(), "schema-diff-fixture-"));
  try {
    writeSchemaSet(root, spec);
    writeVersionManifest(root);
    return loadSchemaSet(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function diffSpecs(before: SetSpec, after: SetSpec): SchemaDiff {
  return diffSchemaSets(loadSpec(before), loadSpec(after));
}

/** Adds a description to every property that has none (the linter requires one). */
export function described(properties: Readonly<Record<string, JsonObject>>): JsonObject {
  return Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, { description: `The ${name}.`, ...schema }]));
}

/** A closed object model with the given properties (described) and extra keywords. */
export function objectModel(properties: Readonly<Record<string, JsonObject>>, extra: JsonObject = {}): JsonObject {
  return { type: "object", properties: described(properties), additionalProperties: false, ...extra };
}
