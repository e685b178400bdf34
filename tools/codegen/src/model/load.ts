// load: read every schema once, check it, resolve its $refs and hand back one immutable SchemaSet.
// Every problem found is collected and reported together, each with its file and JSON Pointer.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { type ParseError, parse as parseTolerantly, printParseErrorCode } from "jsonc-parser";
import type { Ajv2020 } from "ajv/dist/2020.js";
import { createAjv } from "../ajv.js";
import { Memo } from "../memo.js";
import { SchemaError, SchemaSetError } from "../errors.js";
import { inexactIntegers } from "./exact-numbers.js";
import { LEGACY } from "./keywords.js";
import { Definitions, inlineFragmentRefs } from "./fragment-refs.js";
import { lintModel } from "./lint.js";
import { packagesVersion } from "../package-stamp.js";
import { resolvePropertyPath } from "./paths.js";
import { definitionNameClashes } from "./union-variants.js";
import { API_FILE, type Model, SCHEMA_SUFFIX, type SchemaSet } from "./schema-set.js";
import { type JsonObject, type JsonValue, SCHEMA_BASE_URL, deepFreeze, isObject, walkJson, walkSchema } from "./schema-walk.js";

export function loadSchemaSet(root: string): SchemaSet {
  const errors: SchemaError[] = [];
  const files = listSchemaFiles(join(root, "schemas")).map((abs) => relative(root, abs).split(sep).join("/"));
  const hash = createHash("sha256");
  const parsed: { file: string; schema: JsonObject; broken: boolean }[] = [];
  const texts = new Map<string, string>();
  for (const file of [...files, API_FILE]) {
    const text = readText(root, file, errors);
    if (text === undefined) continue;
    texts.set(file, text);
    hash.update(file).update("\0").update(text).update("\0");
    const checked = fileChecks.get(
      () => `${file}\0${text}`,
      () => checkFile(file, text),
    );
    errors.push(...checked.errors);
    if (checked.schema !== undefined) parsed.push({ file, schema: checked.schema, broken: checked.broken });
  }
  const apiEntry = parsed.find((p) => p.file === API_FILE);
  const schemaEntries = parsed.filter((p) => p.file !== API_FILE);

  const models = new Map<string, Model>();
  const byId = new Map<string, Model>();
  for (const { file, schema, broken } of schemaEntries) {
    const name = typeof schema.title === "string" ? schema.title : file;
    const id = schema.$id as string;
    const clash = broken ? undefined : models.get(name);
    if (clash) {
      errors.push(new SchemaError(file, "/title", "name-clash", `type name "${name}" is already used by ${clash.file}; every schema must yield a distinct type name`));
      continue;
    }
    const model: Model = {
      name,
      file,
      source: file.split("/")[1] ?? "",
      id,
      schema,
      kind: Array.isArray(schema.enum) ? "enum" : "object",
      references: [],
    };
    if (broken) {
      // Nothing is generated from it, but it stays a $ref target: a reference to a model with
      // errors of its own is not one more error.
      if (typeof id === "string" && !byId.has(id)) byId.set(id, model);
      continue;
    }
    models.set(name, model);
    byId.set(id, model);
  }

  // References into files (#/$defs/x, #anchor, Other.schema.json#/$defs/x, chains of them) are
  // replaced by the subschemas they name, so every model refers to whole model files only.
  // A `$defs` entry so named becomes a named type (fragment-refs.ts `Definitions`).
  const schemaFiles = new Map(byId);
  const definitions = new Definitions([...schemaFiles.values()].map((m) => m.name));
  for (const [name, model] of models) {
    const inlined = inlineFragmentRefs(model, (id) => schemaFiles.get(id), definitions);
    errors.push(...inlined.errors);
    const resolved = { ...model, schema: inlined.schema };
    models.set(name, resolved);
    byId.set(model.id, resolved);
  }

  const modelForRef = (fromId: string, ref: string): Model | undefined => {
    let target: URL;
    try {
      target = new URL(ref, fromId);
    } catch {
      return undefined;
    }
    if (target.hash !== "" && target.hash !== "#") return undefined; // refs name whole models only
    target.hash = "";
    return byId.get(target.href);
  };

  // Resolve every $ref: each must name a whole model file. Where each reference is made (its first
  // $ref's pointer, by target name) lets a cycle be reported at the $ref that closes it.
  const refPointers = new Map<string, Map<string, string>>();
  for (const model of models.values()) {
    const refs = new Map<string, string>();
    walkSchema(model.schema, (node, pointer) => {
      if (typeof node.$ref !== "string") return;
      const target = modelForRef(model.id, node.$ref);
      if (!target) {
        if (!intoKnownFile(model.id, node.$ref, schemaFiles))
          errors.push(
            new SchemaError(model.file, `${pointer}/$ref`, "unresolved-ref", `cannot resolve $ref "${node.$ref}": expected a path to a *.schema.json file under schemas/, optionally with a fragment (#/$defs/name, #anchor)`),
          );
      } else if (!refs.has(target.name)) refs.set(target.name, `${pointer}/$ref`);
    });
    refPointers.set(model.name, refs);
    (model as { references: readonly string[] }).references = [...refs.keys()].sort();
  }
  errors.push(...findCycles(models, refPointers));
  errors.push(...definitions.errors);

  const api = apiEntry?.schema ?? {};
  const topLevel = new Set<string>();
  if (apiEntry) {
    walkJson(api, "", (node, pointer) => {
      if (typeof node.$ref !== "string") return;
      const target = modelForRef(SCHEMA_BASE_URL, node.$ref);
      if (!target) errors.push(new SchemaError(API_FILE, `${pointer}/$ref`, "unresolved-ref", `cannot resolve $ref "${node.$ref}": expected a path to a *.schema.json file relative to schemas/`));
      else topLevel.add(target.name);
    });
  }

  if (errors.length === 0) {
    // Ajv in strict mode is the last word on anything our own checks did not catch, then every
    // example must validate. Both depend only on a model and the models it references: a model whose
    // closure is unchanged since the last run keeps its result (memo.ts).
    let ajv: Ajv2020 | undefined;
    const strictAjv = (): Ajv2020 => {
      if (ajv) return ajv;
      // Every file passed the meta-schema check above: adding them again need not repeat it.
      ajv = createAjv({ allErrors: true, validateSchema: false });
      for (const model of models.values()) ajv.addSchema(model.schema as object);
      return ajv;
    };
    const results = [...models.values()].map((model) =>
      modelChecks.get(
        () => closureKey(model, models),
        () => checkModel(model, strictAjv(), modelForRef),
      ),
    );
    const strictErrors = results.flatMap((r) => r.strict);
    errors.push(...(strictErrors.length > 0 ? strictErrors : results.flatMap((r) => r.examples)));
  }
  if (errors.length > 0) throw new SchemaSetError(errors);

  const sorted = new Map([...models.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  for (const model of sorted.values()) deepFreeze(model);
  deepFreeze(api);
  const named = definitions.all();
  for (const definition of named.values()) deepFreeze(definition);
  const set: SchemaSet = Object.freeze({
    root,
    models: sorted,
    api,
    topLevel: [...topLevel].sort(),
    hash: hash.digest("hex"),
    packageVersion: packagesVersion(root),
    texts,
    modelForRef: (fromId: string, ref: string) => modelForRef(fromId === API_FILE ? SCHEMA_BASE_URL : fromId, ref),
    definitions: named,
    definitionAt: (node: JsonObject) => definitions.at(node),
  });
  // The discriminated unions' names are known once the set is: an entry may not take one.
  const clashes = definitionNameClashes(set);
  if (clashes.length > 0) throw new SchemaSetError(clashes);
  return set;
}

/** What one file alone can be checked for: JSON, exact integers, an object at the top, and (schema
 *  files) the 2020-12 meta-schema and our lint rules. Kept by path and text (memo.ts). */
interface FileCheck {
  readonly schema: JsonObject | undefined;
  readonly errors: readonly SchemaError[];
  /** The meta-schema or a lint rule refused it: no model is made of it. */
  readonly broken: boolean;
}

const fileChecks = new Memo<FileCheck>("load: parse, meta-schema and lint, per file");
const modelChecks = new Memo<{ readonly strict: readonly SchemaError[]; readonly examples: readonly SchemaError[] }>("load: Ajv strict compile and examples, per model");
let metaSchemaAjv: Ajv2020 | undefined;

function checkFile(file: string, text: string): FileCheck {
  const errors: SchemaError[] = [];
  const value = parseJson(file, text, errors);
  if (value === undefined) return { schema: undefined, errors, broken: true };
  errors.push(...inexactIntegers(file, text));
  if (!isObject(value)) {
    errors.push(new SchemaError(file, "", "json", "expected a JSON object at the top level"));
    return { schema: undefined, errors, broken: true };
  }
  // Frozen now: the same object is handed to every later run that reads the same text.
  deepFreeze(value);
  if (file === API_FILE) return { schema: value, errors, broken: false };
  const before = errors.length;
  metaSchemaAjv ??= createAjv({ allErrors: true });
  if (!metaSchemaAjv.validateSchema(value)) {
    for (const e of metaSchemaAjv.errors ?? []) {
      errors.push(new SchemaError(file, e.instancePath, "meta-schema", `${e.message ?? "is invalid"}${describeParams(e.params)}`));
    }
  }
  errors.push(...lintModel(file, value));
  return { schema: value, errors, broken: errors.length > before };
}

/** A model, and every model it references directly or not, exactly: what its Ajv compile and its
 *  examples depend on. */
function closureKey(model: Model, models: ReadonlyMap<string, Model>): string {
  const closure = new Map<string, Model>();
  const visit = (m: Model | undefined) => {
    if (!m || closure.has(m.name)) return;
    closure.set(m.name, m);
    for (const ref of m.references) visit(models.get(ref));
  };
  visit(model);
  return JSON.stringify([model.name, ...[...closure.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map((m) => [m.name, m.file, m.id, m.schema])]);
}

function checkModel(model: Model, ajv: Ajv2020, modelForRef: (fromId: string, ref: string) => Model | undefined): { strict: SchemaError[]; examples: SchemaError[] } {
  let validate;
  try {
    validate = ajv.getSchema(model.id)!;
  } catch (error) {
    return { strict: [new SchemaError(model.file, "", "ajv-strict", (error as Error).message)], examples: [] };
  }
  const examples: SchemaError[] = [];
  (model.schema.examples as JsonValue[]).forEach((example, i) => {
    if (validate(example)) return;
    for (const e of validate.errors ?? []) {
      examples.push(new SchemaError(model.file, `/examples/${i}${e.instancePath}`, "example-valid", `example ${i} does not validate: ${e.message ?? "invalid"}${describeParams(e.params)}`));
    }
  });
  for (const [name, property] of Object.entries(model.schema.properties ?? {})) {
    const legacy = isObject(property) ? property[LEGACY] : undefined;
    if (!isObject(legacy) || typeof legacy.replacedBy !== "string") continue;
    if (!resolvePropertyPath(model, legacy.replacedBy, modelForRef)) {
      examples.push(new SchemaError(model.file, `/properties/${name}/${LEGACY}/replacedBy`, "legacy-replacement", `replacedBy "${legacy.replacedBy}" does not name a property path of ${model.name}`));
    }
  }
  return { strict: [], examples };
}

/** A reference into a known file that fragment-refs.ts could not inline was reported there. */
function intoKnownFile(fromId: string, ref: string, files: ReadonlyMap<string, unknown>): boolean {
  try {
    const url = new URL(ref, fromId);
    if (url.hash.length <= 1) return false;
    url.hash = "";
    return files.has(url.href);
  } catch {
    return false;
  }
}

function listSchemaFiles(dir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const entry of entries) {
    const abs = join(dir, entry);
    if (statSync(abs).isDirectory()) {
      if (entry !== "sources") out.push(...listSchemaFiles(abs));
    } else if (entry.endsWith(SCHEMA_SUFFIX)) out.push(abs);
  }
  return out;
}

function readText(root: string, file: string, errors: SchemaError[]): string | undefined {
  try {
    return readFileSync(join(root, file), "utf8");
  } catch (error) {
    errors.push(new SchemaError(file, "", "read", `cannot read file: ${(error as Error).message}`));
    return undefined;
  }
}

/** JSON.parse, and where it failed: Node 20's messages carry no position, so jsonc-parser (the
 *  position-reporting parser payment-validate uses too) reads a text JSON.parse refused. */
function parseJson(file: string, text: string, errors: SchemaError[]): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    const found: ParseError[] = [];
    parseTolerantly(text, found, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = found[0];
    let where = "";
    if (first !== undefined) {
      const before = text.slice(0, first.offset);
      where = ` at line ${before.split("\n").length}, column ${first.offset - before.lastIndexOf("\n")}`;
    }
    const reason =
      first === undefined
        ? (error as Error).message
        : printParseErrorCode(first.error)
            .replace(/([a-z])([A-Z])/g, "$1 $2")
            .toLowerCase();
    errors.push(new SchemaError(file, "", "json", `invalid JSON${where}: ${reason}`));
    return undefined;
  }
}

function describeParams(params: Record<string, unknown>): string {
  const detail = Object.entries(params)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(", ");
  return detail ? ` (${detail})` : "";
}

function findCycles(models: Map<string, Model>, refPointers: Map<string, Map<string, string>>): SchemaError[] {
  const errors: SchemaError[] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (name: string): void => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      const closing = stack[stack.length - 1]!; // the model whose $ref leads back to `name`
      const pointer = refPointers.get(closing)?.get(name) ?? "";
      errors.push(new SchemaError(models.get(closing)!.file, pointer, "ref-cycle", `$ref cycle: ${cycle.join(" -> ")}; recursive models are not supported by the generators`));
      return;
    }
    state.set(name, "visiting");
    stack.push(name);
    for (const ref of models.get(name)?.references ?? []) visit(ref);
    stack.pop();
    state.set(name, "done");
  };
  for (const name of [...models.keys()].sort()) visit(name);
  return errors;
}
