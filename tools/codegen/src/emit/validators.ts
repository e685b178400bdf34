// validators: Ajv (2020-12, ajv-formats) compiled once, at codegen time, to standalone code for
// both modes of every top-level model; Ajv's runtime helpers and the format checks are bundled in
// by esbuild, so the shipped module is plain ESM with no `require` and no dependency on Ajv.
// Next to it, the fast path: a guard per model (validators/guards/) answers "valid?" and Ajv's code only
// runs to report the issues of a payload the guard rejects. Ajv's code is trimmed (ajv-trim.ts) and
// calls our own format checks (format-table.ts); the runtime picks the path (create.ts).
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Options } from "ajv";
import * as standaloneCodeModule from "ajv/dist/standalone/index.js";
import { buildSync } from "esbuild";
import { createAjv } from "../ajv.js";
import { type GeneratedFiles, addWarning, withHeader } from "../emitter.js";
import { ENUM_DESCRIPTIONS, LEGACY, PROVIDER_EXTENSIBLE } from "../model/keywords.js";
import type { Model, SchemaSet } from "../model/schema-set.js";
import { type JsonObject, type JsonValue, SCHEMA_BASE_URL, mapSchema, walkSchema } from "../model/schema-walk.js";
import {
  appendErrorsInPlace,
  declaredConstants,
  dropUnusedContext,
  inlineSchemaReads,
  markPatternsPure,
  mergeIdenticalFunctions,
  mergeTolerantCopies,
  positionalInstancePath,
  reportErrorsByHelper,
  usesTrackedKeywords,
} from "./validators/ajv-trim.js";
import { ruleMessages } from "../model/cross-field-rules.js";
import { capErrorGathering } from "./validators/error-cap.js";
import { FORMAT_TABLE, UCS2LENGTH, formatTableCode, formatTableSource, useOwnFormats, useOwnUcs2length } from "./validators/format-table.js";
import { compileGuards } from "./validators/guards/index.js";
import { emitJsonViewCopiers } from "./validators/json-view-copiers.js";
import { checksExport, fastExport, jsonViewExport, strictExport, tolerantExport, tolerantName, validatorNames } from "../names.js";
import { Memo } from "../memo.js";
import { OUTPUTS } from "../outputs.js";

const TOLERANT_BASE_URL = `${SCHEMA_BASE_URL}tolerant/`;
const ANNOTATIONS = ["title", "description", "examples", "$comment", "deprecated", LEGACY, PROVIDER_EXTENSIBLE, ENUM_DESCRIPTIONS];

// Ajv's standalone module is CommonJS with an `exports.default`: take whichever shape the loader gives.
type StandaloneCode = (ajv: ReturnType<typeof createAjv>, refsOrFuncs: Record<string, string>) => string;
const standaloneCode: StandaloneCode =
  (standaloneCodeModule as unknown as { default: { default?: StandaloneCode } & StandaloneCode }).default.default ?? (standaloneCodeModule as unknown as { default: StandaloneCode }).default;

/** What the validator needs of a schema: annotations only cost bytes in the shipped code. */
export function validationView(schema: JsonObject): JsonObject {
  return mapSchema(schema, (node) => {
    const out = { ...node };
    for (const key of ANNOTATIONS) delete out[key];
    return out;
  }) as JsonObject;
}

/** Tolerant mode: objects keep unknown properties; provider-extensible enums accept any string. */
export function tolerantView(model: Model): JsonObject {
  const strict = validationView(model.schema);
  const id = model.id.replace(SCHEMA_BASE_URL, TOLERANT_BASE_URL);
  if (model.schema[PROVIDER_EXTENSIBLE] === true) return { $schema: strict.$schema!, $id: id, type: "string" };
  const open = mapSchema(strict, (node) => {
    const out = { ...node };
    if (out.additionalProperties === false) delete out.additionalProperties;
    return out;
  }) as JsonObject;
  return { ...open, $id: id };
}

/** True when every payload strict mode accepts is accepted in tolerant mode too, so the strict
 *  guard can serve as tolerant mode's fast path. Tolerant mode only drops `additionalProperties:
 *  false` and widens provider-extensible enums: that can only accept more, unless a loosened node
 *  sits where accepting more rejects more (under `not`, `oneOf`, an `if` condition, or a `contains`
 *  with a `maxContains`). */
export function strictImpliesTolerant(set: SchemaSet): boolean {
  const loosened = new Map<string, boolean>();
  const isLoosened = (model: Model): boolean => {
    const known = loosened.get(model.name);
    if (known !== undefined) return known;
    loosened.set(model.name, false);
    let result = model.schema[PROVIDER_EXTENSIBLE] === true;
    walkSchema(model.schema, (node) => {
      if (node.additionalProperties === false) result = true;
      const target = typeof node.$ref === "string" ? set.modelForRef(model.id, node.$ref) : undefined;
      if (target && isLoosened(target)) result = true;
    });
    loosened.set(model.name, result);
    return result;
  };
  const touches = (model: Model, sub: JsonValue | undefined): boolean => {
    let found = false;
    if (sub === undefined) return false;
    walkSchema(sub, (node) => {
      if (node.additionalProperties === false) found = true;
      const target = typeof node.$ref === "string" ? set.modelForRef(model.id, node.$ref) : undefined;
      if (target && isLoosened(target)) found = true;
    });
    return found;
  };
  for (const model of set.models.values()) {
    let implied = true;
    walkSchema(model.schema, (node) => {
      const risky = [node.not, node.if, ...(Array.isArray(node.oneOf) ? node.oneOf : []), node.maxContains !== undefined ? node.contains : undefined];
      if (risky.some((sub) => touches(model, sub))) implied = false;
    });
    if (!implied) return false;
  }
  return true;
}

/** Ajv options that only decide which schemas strict mode refuses, never the code it generates. */
export type StrictnessOptions = Pick<Options, "strictTypes" | "strictTuples" | "strictRequired">;

interface Standalone {
  readonly code: string;
  readonly guardless: ReadonlyMap<string, string>;
}

// The compile below (Ajv standalone, the guards, esbuild) reads nothing but the views, the exports
// and whether the guards are shared: keyed by exactly those, an edit to an annotation (a
// description, an example) reuses the previous run's code.
const compiled = new Memo<Standalone>("validators: Ajv standalone + guards + esbuild");

function compileStandalone(set: SchemaSet, strictness: StrictnessOptions): Standalone {
  const views = [...set.models.values()].flatMap((model) => [validationView(model.schema), tolerantView(model)]);
  const exports: Record<string, string> = {};
  for (const name of set.topLevel) {
    const model = set.models.get(name)!;
    exports[strictExport(name)] = model.id;
    exports[tolerantExport(name)] = model.id.replace(SCHEMA_BASE_URL, TOLERANT_BASE_URL);
  }
  // Tolerant mode gets its own guards only when the strict ones cannot stand in for them.
  const shareGuards = strictImpliesTolerant(set);
  return compiled.get(
    () => JSON.stringify({ views, exports, shareGuards, topLevel: set.topLevel, strictness }),
    () => compileViews(views, exports, set.topLevel, shareGuards, strictness),
  );
}

function compileViews(views: readonly JsonObject[], exports: Readonly<Record<string, string>>, topLevel: readonly string[], shareGuards: boolean, strictness: StrictnessOptions): Standalone {
  // Ajv 2020's unevaluated/dynamicRef bookkeeping costs bytes in every function: only when needed.
  const tracking = usesTrackedKeywords(views);
  // loopRequired: a long `required` list is checked in a loop instead of one statement per name.
  const ajv = createAjv({ allErrors: true, inlineRefs: false, messages: false, loopRequired: 3, tracking, ...strictness, code: { source: true, esm: true, lines: false, ...formatTableCode } });
  useOwnFormats(ajv);
  for (const view of views) ajv.addSchema(view);
  // Ajv's code reports issues; the guards answer "valid?" on the hot path, from the same views.
  const guarded = Object.entries(exports).filter(([name]) => !shareGuards || topLevel.some((model) => strictExport(model) === name));
  const modes = topLevel.map((model) => [strictExport(model), tolerantExport(model)] as const);
  const ajvCode = positionalInstancePath(mergeTolerantCopies(reportErrorsByHelper(capErrorGathering(appendErrorsInPlace(mergeIdenticalFunctions(dropUnusedContext(inlineSchemaReads(standaloneCode(ajv, exports))))))), modes));
  const guards = compileGuards({
    resources: views,
    roots: Object.fromEntries(guarded.map(([name, id]) => [fastExport(name), id])),
    formats: ajv.formats,
    formatsCode: FORMAT_TABLE,
    ucs2lengthCode: UCS2LENGTH,
    declared: declaredConstants(ajvCode),
  });
  const shared = shareGuards ? topLevel.map((model) => `export const ${fastExport(tolerantExport(model))} = ${fastExport(strictExport(model))};`) : [];
  const source = [formatTableSource(ajv, views), useOwnUcs2length(markPatternsPure(ajvCode)), guards.source, ...shared].join("\n");
  const codegenDir = dirname(fileURLToPath(import.meta.url));
  const bundle = buildSync({
    stdin: { contents: source, resolveDir: codegenDir, loader: "js", sourcefile: "standalone.js" },
    bundle: true,
    format: "esm",
    platform: "neutral",
    write: false,
    legalComments: "none",
    target: "es2022",
    logLevel: "silent",
  });
  // esbuild names each bundled module by its path from the working directory (which differs between
  // a checkout, a temp copy and pnpm's store layout): keep only the package path, so the output is
  // byte-identical wherever codegen runs.
  const code = bundle.outputFiles[0]!.text.replace(/^\s*\/\/ \S*(standalone\.js|node_modules\S*|runtime\/formats\.ts)\n/gm, "")
    .replace(/"[^"\n]*node_modules\/(?:\.pnpm\/[^/"]+\/node_modules\/)?([^"\n]+)"(?=\(exports)/g, '"$1"')
    // Ajv's runtime helpers carry their own require() text for Ajv's code generator; unused here.
    .replace(/^\s*[\w$]+\.code = 'require\([^']*\)[\w.]*';\n/gm, "");
  if (/\brequire\(/.test(code)) throw new Error("standalone validator code still contains require(): a runtime module was not bundled");
  return { code, guardless: guards.skipped };
}

/** The model's cross-field rules for its issue messages (see cross-field-rules.ts), as the last
 *  argument of createModelValidators; nothing when it has none. */
function rulesArgument(model: Model): string {
  const table = ruleMessages(model);
  return Object.keys(table).length === 0 ? "" : `, ${JSON.stringify(table)}`;
}

/** `strictness` is for the conformance run (test/support/conformance.ts) only: the suite's schemas
 *  put keywords beside no `type`, which load.ts refuses (ajv-strict) but which has a defined meaning. */
export function emitValidators(set: SchemaSet, strictness: StrictnessOptions = {}): GeneratedFiles {
  const files: GeneratedFiles = new Map();
  const standalone = `${OUTPUTS.validators}/standalone.js`;
  const compiled = compileStandalone(set, strictness);
  files.set(standalone, withHeader(standalone, compiled.code));
  for (const name of set.topLevel) {
    for (const [mode, exportName] of [
      ["strict", strictExport(name)],
      ["tolerant", tolerantExport(name)],
    ] as const) {
      const reason = compiled.guardless.get(fastExport(exportName));
      if (reason) addWarning(files, `${name} (${mode} mode) has no fast-path guard: ${reason} cannot be mirrored exactly, so Ajv's code alone validates it (about 2x slower)`);
    }
  }

  const declarations = [`import type { CompiledGuard, CompiledValidator } from "../compiled.js";`];
  for (const name of set.topLevel) {
    declarations.push(`export declare const ${strictExport(name)}: CompiledValidator;`, `export declare const ${tolerantExport(name)}: CompiledValidator;`);
    for (const mode of [strictExport(name), tolerantExport(name)]) declarations.push(`export declare const ${fastExport(mode)}: CompiledGuard | undefined;`);
  }
  const dts = `${OUTPUTS.validators}/standalone.d.ts`;
  files.set(dts, withHeader(dts, declarations.join("\n")));

  const copiers = `${OUTPUTS.validators}/json-views.ts`;
  const roots = set.topLevel.map((model) => ({ exportName: jsonViewExport(model), model, id: set.models.get(model)!.id }));
  files.set(copiers, withHeader(copiers, emitJsonViewCopiers({ resources: [...set.models.values()].map((model) => model.schema), roots })));

  const models = [...set.topLevel];
  const lines = [
    `import type { ${models.join(", ")} } from "@org/payment-types";`,
    `import type { ${models.map(tolerantName).join(", ")} } from "@org/payment-types/tolerant";`,
    `import { createModelValidators, type ModelValidators } from "../create.js";`,
    `import { type SyncStandardSchemaV1, standardSchema } from "../standard.js";`,
    `import * as checks from "./checks.js";`,
    `import * as views from "./json-views.js";`,
    `import * as compiled from "./standalone.js";`,
    "",
  ];
  // Every top-level value is a call marked pure (a bare `v.validate` read could run a getter, so a
  // bundler would keep it): an application bundles only the models it imports.
  const pick = (v: string, member: string) => `/* @__PURE__ */ (() => ${v}.${member})()`;
  for (const name of models) {
    const n = validatorNames(name);
    const v = n.object;
    lines.push(
      `const ${v}: ModelValidators<${name}, ${tolerantName(name)}> = /* @__PURE__ */ createModelValidators("${name}", compiled.${strictExport(name)}, compiled.${tolerantExport(name)}, checks.${checksExport(name)}, { strict: compiled.${fastExport(strictExport(name))}, tolerant: compiled.${fastExport(tolerantExport(name))}, view: views.${jsonViewExport(name)} }${rulesArgument(set.models.get(name)!)});`,
      `/** Validates a payload against the ${name} schema. Never throws. Pass \`{ mode: "tolerant" }\` to accept unknown properties and unknown values of provider-extensible enums (reported as warnings). */`,
      `export const ${n.validate}: ModelValidators<${name}, ${tolerantName(name)}>["validate"] = ${pick(v, "validate")};`,
      `/** True when the payload is a valid ${name} (strict mode). Never throws. */`,
      `export const ${n.is}: (data: unknown) => data is ${name} = ${pick(v, "is")};`,
      `/** Throws {@link PayloadValidationError} (with every issue) unless the payload is a valid ${name} (strict mode). */`,
      `export const ${n.assert}: (data: unknown) => asserts data is ${name} = ${pick(v, "assert")};`,
      `/** ${name} as a Standard Schema v1 (strict mode), for Hono, tRPC, TanStack Form and any library that takes one. */`,
      `export const ${n.standardSchema}: SyncStandardSchemaV1<${name}> = /* @__PURE__ */ standardSchema((data) => ${v}.validate(data));`,
      `/** ${name} as a Standard Schema v1 in tolerant mode: unknown properties and unknown values of provider-extensible enums are accepted. */`,
      `export const ${n.tolerantStandardSchema}: SyncStandardSchemaV1<${tolerantName(name)}> = /* @__PURE__ */ standardSchema((data) => ${v}.validate(data, { mode: "tolerant" }));`,
      "",
    );
  }
  lines.push(`/** The models these validators cover, by name. */`);
  lines.push(`export const validatedModels = ${JSON.stringify(models)} as const;`);
  lines.push(`/** Every model's validate function, by model name (for tools such as the CLI). */`);
  lines.push(`export const validatorsByModel = { ${models.map((m) => `${m}: ${validatorNames(m).validate}`).join(", ")} } as const;`);
  lines.push(`/** Every model's Standard Schema (strict mode), by model name. */`);
  lines.push(`export const standardSchemasByModel = { ${models.map((m) => `${m}: ${validatorNames(m).standardSchema}`).join(", ")} } as const;`);
  const index = `${OUTPUTS.validators}/models.ts`;
  files.set(index, withHeader(index, lines.join("\n")));
  return files;
}
