// Synthetic schema sets for codegen scaling: the repository's own schemas, copied as many times as
// it takes (each copy's models renamed with a suffix, their $ids and $refs rewritten, and the API
// operations repeated for each copy's top-level models), topped up to the exact count with renamed
// copies of models that reference nothing. Every copy passes codegen's own checks.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { VERSION_MANIFEST } from "@org/payment-codegen/src/outputs.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface SourceModel {
  readonly folder: string;
  readonly name: string;
  readonly schema: Json;
}

const REF = /^([A-Za-z0-9]+)\.schema\.json(#.*)?$/;
const API_REF = /^([A-Za-z0-9-]+)\/([A-Za-z0-9]+)\.schema\.json(#.*)?$/;

function readModels(schemasDir: string): SourceModel[] {
  const models: SourceModel[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".schema.json")) {
        models.push({ folder: relative(schemasDir, dir), name: entry.name.replace(/\.schema\.json$/, ""), schema: JSON.parse(readFileSync(path, "utf8")) as Json });
      }
    }
  };
  walk(schemasDir);
  return models.sort((a, b) => `${a.folder}/${a.name}`.localeCompare(`${b.folder}/${b.name}`));
}

/** A deep copy of `value` with every `$ref` string passed through `rename`. */
function rewriteRefs(value: Json, rename: (ref: string) => string): Json {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, rename));
  if (value === null || typeof value !== "object") return value;
  const out: { [key: string]: Json } = {};
  for (const [key, v] of Object.entries(value)) out[key] = key === "$ref" && typeof v === "string" ? rename(v) : rewriteRefs(v, rename);
  return out;
}

function referencesNothing(schema: Json): boolean {
  return !JSON.stringify(schema).includes('"$ref"');
}

export interface Corpus {
  readonly root: string;
  readonly schemaCount: number;
  remove(): void;
}

export function makeCorpus(repoRoot: string, schemaCount: number): Corpus {
  const schemasDir = join(repoRoot, "schemas");
  const models = readModels(schemasDir);
  const api = JSON.parse(readFileSync(join(schemasDir, "api.json"), "utf8")) as { paths: Record<string, Record<string, Json>> } & Record<string, Json>;
  const root = mkdtempSync(join(tmpdir(), "bench-corpus-"));
  const copies = Math.max(1, Math.floor(schemaCount / models.length));
  const leaves = models.filter((m) => referencesNothing(m.schema));
  const baseId = (schema: Json) => String((schema as { $id: string }).$id).replace(/[^/]+\/[^/]+\.schema\.json$/, "");
  const write = (model: SourceModel, newName: string, schema: Json) => {
    const dir = join(root, "schemas", model.folder);
    mkdirSync(dir, { recursive: true });
    const copy = { ...(schema as Record<string, Json>), $id: `${baseId(model.schema)}${model.folder}/${newName}.schema.json`, title: newName };
    writeFileSync(join(dir, `${newName}.schema.json`), `${JSON.stringify(copy, null, 2)}\n`);
  };
  const paths: Record<string, Record<string, Json>> = {};
  for (let copy = 0; copy < copies; copy++) {
    const suffix = copy === 0 ? "" : `V${copy + 1}`;
    for (const model of models)
      write(
        model,
        `${model.name}${suffix}`,
        rewriteRefs(model.schema, (ref) => ref.replace(REF, (_, name: string, rest = "") => `${name}${suffix}.schema.json${rest}`)),
      );
    for (const [path, operations] of Object.entries(api.paths)) {
      const renamed = rewriteRefs(operations as Json, (ref) => ref.replace(API_REF, (_, folder: string, name: string, rest = "") => `${folder}/${name}${suffix}.schema.json${rest}`)) as Record<string, Json>;
      for (const operation of Object.values(renamed)) {
        const op = operation as { operationId?: string };
        if (op.operationId) op.operationId = `${op.operationId}${suffix}`;
      }
      paths[copy === 0 ? path : `/v${copy + 1}${path}`] = renamed;
    }
  }
  for (let i = 0; i < schemaCount - copies * models.length; i++) {
    const leaf = leaves[i % leaves.length]!;
    write(leaf, `${leaf.name}Extra${i + 1}`, leaf.schema);
  }
  writeFileSync(join(root, "schemas", "api.json"), `${JSON.stringify({ ...api, paths }, null, 2)}\n`);
  cpSync(join(schemasDir, "sources"), join(root, "schemas", "sources"), { recursive: true });
  // The OpenAPI document states the packages' version, read from this manifest.
  mkdirSync(dirname(join(root, VERSION_MANIFEST)), { recursive: true });
  cpSync(join(repoRoot, VERSION_MANIFEST), join(root, VERSION_MANIFEST));
  return { root, schemaCount: Math.max(schemaCount, copies * models.length), remove: () => rmSync(root, { recursive: true, force: true }) };
}
