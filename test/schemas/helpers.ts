// Reads the canonical schemas straight from schemas/ (not through codegen), for tests that check
// the schemas themselves.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SCHEMAS_DIR = join(REPO_ROOT, "schemas");

export interface SchemaFile {
  file: string;
  schema: Record<string, any>;
}

export function readSchemaFiles(dir = SCHEMAS_DIR): SchemaFile[] {
  const out: SchemaFile[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const abs = join(dir, entry);
    if (statSync(abs).isDirectory()) out.push(...readSchemaFiles(abs));
    else if (entry.endsWith(".schema.json")) out.push({ file: relative(REPO_ROOT, abs), schema: JSON.parse(readFileSync(abs, "utf8")) });
  }
  return out;
}

export function schemaByTitle(title: string): Record<string, any> {
  const found = readSchemaFiles().find((s) => s.schema.title === title);
  if (!found) throw new Error(`no schema titled ${title}`);
  return found.schema;
}

/** The model a property schema refers to ($ref, or a nullable $ref), by title. */
export function refTitle(property: Record<string, any>): string | undefined {
  const ref: string | undefined = property.$ref ?? property.anyOf?.find((b: any) => b.$ref)?.$ref;
  return ref?.replace(/^.*\//, "").replace(/\.schema\.json$/, "");
}

/** The set of JSON types a property accepts, following $refs to enum/object models. */
export function jsonTypes(property: Record<string, any>): string[] {
  const types = new Set<string>();
  const add = (node: Record<string, any>) => {
    if (node.$ref) {
      const target = schemaByTitle(refTitle(node)!);
      add(target);
      return;
    }
    if (Array.isArray(node.type)) node.type.forEach((t: string) => types.add(t));
    else if (typeof node.type === "string") types.add(node.type);
    for (const branch of node.anyOf ?? []) add(branch);
  };
  add(property);
  return [...types].sort();
}

/** Every value a property accepts when it is an enum (with null when it is nullable). */
export function enumValues(property: Record<string, any>): unknown[] | undefined {
  let values: unknown[] | undefined;
  let nullable = false;
  const visit = (node: Record<string, any>) => {
    if (node.$ref) return visit(schemaByTitle(refTitle(node)!));
    if (Array.isArray(node.enum)) values = [...(values ?? []), ...node.enum];
    if (node.type === "null" || (Array.isArray(node.type) && node.type.includes("null"))) nullable = true;
    for (const branch of node.anyOf ?? []) visit(branch);
  };
  visit(property);
  if (!values) return undefined;
  return nullable && !values.includes(null) ? [...values, null] : values;
}
