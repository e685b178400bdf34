// The official JSON Schema Test Suite (draft 2020-12) through the real validators pipeline: each
// group's references into its file are inlined as load.ts does (asLoaded), each
// keyword file becomes one schema set with one model per group (batched, so the whole suite costs
// one emit and one bundle per file), the validators emitter compiles it (Ajv standalone code, the
// format table, the guards), the bundle is imported, and every test's data goes through the
// generated validate/is functions and the model's guard. A group codegen refuses is recorded with
// its file, JSON Pointer and rule id. CONFORMANCE.md is rendered from the result
// (`pnpm conformance` writes it; test/conformance.test.ts checks it is current).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createModelValidators } from "../../packages/payment-validators/src/create.js";
import { createAjv } from "../../tools/codegen/src/ajv.js";
import { type StrictnessOptions, emitValidators } from "../../tools/codegen/src/emit/validators.js";
import { fastExport, strictExport, tolerantExport } from "../../tools/codegen/src/names.js";
import { Definitions, inlineFragmentRefs } from "../../tools/codegen/src/model/fragment-refs.js";
import { subschemaProblems } from "../../tools/codegen/src/model/lint.js";
import type { Model, SchemaSet } from "../../tools/codegen/src/model/schema-set.js";
import { type JsonObject, type JsonValue, SCHEMA_BASE_URL, isObject, walkSchema } from "../../tools/codegen/src/model/schema-walk.js";

const SUITE_DIR = "tests/draft2020-12";
const DIALECT = "https://json-schema.org/draft/2020-12/schema";

/** The suite's folder: `../shared/json-schema-test-suite` beside the repository root (as CI lays it
 *  out), else the first `shared/json-schema-test-suite` found walking up from there. */
export function findSuite(root: string): string | undefined {
  for (let dir = resolve(root, ".."); ; dir = dirname(dir)) {
    const candidate = join(dir, "shared", "json-schema-test-suite");
    if (existsSync(join(candidate, SUITE_DIR))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

export interface Refusal {
  readonly file: string;
  readonly group: string;
  /** JSON Pointer into the suite file (the group's schema, or inside it). */
  readonly pointer: string;
  readonly rule: string;
  readonly message: string;
}

export interface Failure {
  readonly file: string;
  readonly group: string;
  readonly test: string;
  readonly data: JsonValue;
  readonly expected: boolean;
  /** What each generated function answered ("threw: ..." when one threw). */
  readonly answers: string;
  /** Set when the project means to differ from the suite here, with the reason. */
  readonly deliberate?: string;
}

export interface FileResult {
  readonly file: string;
  readonly groups: number;
  readonly accepted: number;
  /** Accepted groups that strict mode's type rules alone would refuse (see RELAXED). */
  readonly untyped: number;
  readonly tests: number;
  readonly passed: number;
  readonly deliberate: number;
  readonly guarded: number;
}

export interface SuiteResult {
  readonly files: readonly FileResult[];
  readonly refusals: readonly Refusal[];
  readonly failures: readonly Failure[];
}

interface Group {
  readonly description: string;
  readonly schema: JsonValue;
  readonly tests: readonly { description: string; data: JsonValue; valid: boolean }[];
}

// The suite's format.json and optional/format-assertion.json expect `format` to be an annotation
// only (the 2020-12 default); this project's validators assert formats, as its schemas intend.
const FORMAT_ANNOTATION = "formats are assertions here: the validators check every format they know (the suite's default treats format as an annotation)";
// Groups where Ajv 8's compiled code (which reports every issue, and decides whenever a model has
// no guard) gives a wrong answer; the guards refuse these keywords rather than copy the answer.
const AJV_UNEVALUATED = "Ajv 8 does not track items/properties evaluated by nested `items`, by `contains`, or by an `if` without `then`, for `unevaluated*`";
const AJV_KNOWN: Readonly<Record<string, string>> = {
  "dynamicRef.json#$dynamicRef points to a boolean schema": "Ajv 8 does not follow a `$dynamicRef` to a boolean schema",
  "optional/float-overflow.json#all integers are multiples of 0.5, if overflow is handled": "Ajv 8 divides 1e308 by 0.5, which overflows to Infinity (the suite marks overflow handling optional)",
  "unevaluatedItems.json#unevaluatedItems with nested items": AJV_UNEVALUATED,
  "unevaluatedItems.json#unevaluatedItems depends on adjacent contains": AJV_UNEVALUATED,
  "unevaluatedItems.json#unevaluatedItems depends on multiple nested contains": AJV_UNEVALUATED,
  "unevaluatedProperties.json#unevaluatedProperties with if/then/else, then not defined": AJV_UNEVALUATED,
};

function deliberateDifference(file: string, group: Group): string | undefined {
  if (file === `${SUITE_DIR}/format.json` || file === `${SUITE_DIR}/optional/format-assertion.json`) return FORMAT_ANNOTATION;
  const known = AJV_KNOWN[`${relative(SUITE_DIR, file)}#${group.description}`];
  return known ? `known Ajv limitation, kept visible: ${known}` : undefined;
}

function listFiles(suite: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(suite, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isDirectory()) out.push(...listFiles(suite, `${dir}/${entry.name}`));
    else if (entry.name.endsWith(".json")) out.push(`${dir}/${entry.name}`);
  }
  return out;
}

/** Why codegen refuses a group before Ajv sees it, as load.ts and lint.ts would (a model's `$id` is
 *  the base URL plus its path, so a schema with its own absolute `$id` is not a model), or undefined. */
function preRefusal(schema: JsonValue): { pointer: string; rule: string; message: string } | undefined {
  if (!isObject(schema)) return undefined;
  if (typeof schema.$id === "string") return { pointer: "/$id", rule: "id-matches-path", message: `a model's "$id" is the base URL plus its path under schemas/, not "${schema.$id}"` };
  return subschemaProblems(schema)[0];
}

/** The group's schema as load.ts hands it to the emitters: every reference into the file (`#/$defs/x`,
 *  `#anchor`, chains) replaced by the subschema it names, refused as load refuses a reference to
 *  nothing or a cycle; a reference back to the whole file is a cycle too (recursive models are
 *  refused by load's ref-cycle rule). */
function asLoaded(name: string, file: string, schema: JsonObject): { schema: JsonObject } | { pointer: string; rule: string; message: string } {
  const self = { name, file, id: schema.$id as string, schema };
  const inlined = inlineFragmentRefs(self, (id) => (id === self.id ? self : undefined), new Definitions([name]));
  const first = inlined.errors[0];
  if (first) return { pointer: first.pointer, rule: first.rule, message: first.message };
  let cycle: string | undefined;
  walkSchema(inlined.schema, (node, pointer) => {
    if (cycle === undefined && typeof node.$ref === "string" && URL.canParse(node.$ref, self.id) && new URL(node.$ref, self.id).href.replace(/#.*$/, "") === self.id) cycle = `${pointer}/$ref`;
  });
  if (cycle !== undefined) return { pointer: cycle, rule: "ref-cycle", message: `$ref cycle: ${name} -> ${name}; recursive models are not supported by the generators` };
  return { schema: inlined.schema };
}

// Strict mode's type rules refuse most of the suite's schemas (a keyword beside no `type`), which
// load.ts reports as ajv-strict; they change nothing in the compiled code, so the run turns them
// off to measure what those schemas mean, and counts the groups that needed it.
const RELAXED: StrictnessOptions = { strictTypes: false, strictTuples: false, strictRequired: false };

/** What Ajv with the validators' configuration says of a schema: undefined when it compiles. */
function strictProblem(schema: JsonObject, strictness: StrictnessOptions): string | undefined {
  const ajv = createAjv({ allErrors: true, inlineRefs: false, messages: false, loopRequired: 3, ...strictness });
  try {
    ajv.compile(schema);
    return undefined;
  } catch (error) {
    return (error as Error).message.split("\n")[0];
  }
}

/** The JSON Pointer Ajv names in a strict-mode message (`at "#/properties/a"`), if any. */
function pointerOf(message: string): string {
  const at = /at "#([^"]*)"/.exec(message)?.[1];
  return at === undefined || at === "/" ? "" : at;
}

function modelName(index: number): string {
  return `Group${index}`;
}

function schemaSetOf(root: string, file: string, schemas: ReadonlyMap<number, JsonObject>): SchemaSet {
  const models = new Map<string, Model>();
  const byId = new Map<string, Model>();
  for (const [index, schema] of schemas) {
    const model: Model = { name: modelName(index), file, source: "suite", id: schema.$id as string, schema, kind: "object", references: [] };
    models.set(model.name, model);
    byId.set(model.id, model);
  }
  return {
    root,
    models,
    api: {},
    topLevel: [...models.keys()].sort(),
    hash: "",
    // Only the validators are emitted here: no OpenAPI document states a version, no schema set is shipped.
    packageVersion: undefined,
    texts: new Map(),
    // Only the validators are emitted here, which inline every `$defs` entry: none is named.
    definitions: new Map(),
    definitionAt: () => undefined,
    modelForRef: (fromId, ref) => {
      const target = new URL(ref, fromId);
      if (target.hash !== "" && target.hash !== "#") return undefined;
      target.hash = "";
      return byId.get(target.href);
    },
  };
}

type Compiled = Record<string, unknown>;

/** Emits the validators for `set`, bundles them into a temp file and imports it. */
async function compile(set: SchemaSet, tmp: string, n: number): Promise<Compiled> {
  const files = emitValidators(set, RELAXED);
  const code = files.get("packages/payment-validators/src/generated/standalone.js")!;
  const path = join(tmp, `bundle${n}.mjs`);
  writeFileSync(path, code);
  return (await import(pathToFileURL(path).href)) as Compiled;
}

/** Emits a batch; a batch that fails is split until the failing groups are found alone. */
async function compileBatch(root: string, file: string, schemas: Map<number, JsonObject>, tmp: string, counter: { n: number }, refuse: (index: number, message: string) => void): Promise<Map<number, Compiled>> {
  const out = new Map<number, Compiled>();
  try {
    const compiled = await compile(schemaSetOf(root, file, schemas), tmp, counter.n++);
    for (const index of schemas.keys()) out.set(index, compiled);
  } catch (error) {
    if (schemas.size === 1) {
      refuse([...schemas.keys()][0]!, (error as Error).message.split("\n")[0]!);
      return out;
    }
    const entries = [...schemas];
    const half = Math.ceil(entries.length / 2);
    for (const part of [entries.slice(0, half), entries.slice(half)]) {
      for (const [k, v] of await compileBatch(root, file, new Map(part), tmp, counter, refuse)) out.set(k, v);
    }
  }
  return out;
}

function answerOf(run: () => boolean): boolean | string {
  try {
    return run();
  } catch (error) {
    return `threw: ${(error as Error).message}`;
  }
}

export async function runSuite(root: string, suite: string): Promise<SuiteResult> {
  const tmp = mkdtempSync(join(tmpdir(), "conformance-"));
  const files: FileResult[] = [];
  const refusals: Refusal[] = [];
  const failures: Failure[] = [];
  const counter = { n: 0 };
  try {
    for (const file of listFiles(suite, SUITE_DIR)) {
      const groups = JSON.parse(readFileSync(join(suite, file), "utf8")) as Group[];
      const accepted = new Map<number, JsonObject>();
      const untyped = new Set<number>();
      const refuse = (index: number, pointer: string, rule: string, message: string) => refusals.push({ file, group: groups[index]!.description, pointer: `/${index}/schema${pointer}`, rule, message });
      groups.forEach((group, index) => {
        const pre = preRefusal(group.schema);
        if (pre) return refuse(index, pre.pointer, pre.rule, pre.message);
        // A boolean schema becomes the one subschema of a model (a model is an object).
        const base: JsonObject = isObject(group.schema) ? { ...group.schema } : { allOf: [group.schema] };
        const schema: JsonObject = { $schema: DIALECT, ...base, $id: `${SCHEMA_BASE_URL}suite/${file.replace(/\.json$/, "")}/${modelName(index)}.schema.json` };
        if (schema.$schema !== DIALECT) return refuse(index, "/$schema", "dialect", `expected "$schema": "${DIALECT}", not ${JSON.stringify(schema.$schema)}`);
        const loaded = asLoaded(modelName(index), file, schema);
        if (!("schema" in loaded)) return refuse(index, loaded.pointer, loaded.rule, loaded.message);
        const problem = strictProblem(loaded.schema, RELAXED);
        if (problem) return refuse(index, pointerOf(problem), "ajv-strict", problem);
        if (strictProblem(loaded.schema, {})) untyped.add(index);
        accepted.set(index, loaded.schema);
      });
      const compiled = await compileBatch(root, file, accepted, tmp, counter, (index, message) => refuse(index, "", "emit", message));
      let tests = 0;
      let passed = 0;
      let deliberate = 0;
      let guarded = 0;
      for (const [index, module] of compiled) {
        const group = groups[index]!;
        const name = modelName(index);
        const guard = module[fastExport(strictExport(name))] as ((data: unknown) => boolean) | undefined;
        if (guard) guarded++;
        const validators = createModelValidators(name, module[strictExport(name)] as never, module[tolerantExport(name)] as never, [], { strict: guard as never });
        for (const test of group.tests) {
          tests++;
          const answers = {
            validate: answerOf(() => validators.validate(test.data).ok),
            is: answerOf(() => validators.is(test.data)),
            ...(guard ? { guard: answerOf(() => guard(test.data)) } : {}),
          };
          if (Object.values(answers).every((answer) => answer === test.valid)) {
            passed++;
            continue;
          }
          const reason = deliberateDifference(file, group);
          if (reason) deliberate++;
          failures.push({ file, group: group.description, test: test.description, data: test.data, expected: test.valid, answers: JSON.stringify(answers), ...(reason ? { deliberate: reason } : {}) });
        }
      }
      files.push({ file: relative(SUITE_DIR, file) || file, groups: groups.length, accepted: compiled.size, untyped: [...compiled.keys()].filter((i) => untyped.has(i)).length, tests, passed, deliberate, guarded });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { files, refusals, failures };
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** CONFORMANCE.md: the per-file table, then every refusal and every difference. */
export function conformanceMarkdown(result: SuiteResult, commit: string): string {
  const sum = (key: "groups" | "accepted" | "untyped" | "tests" | "passed" | "deliberate" | "guarded") => result.files.reduce((n, f) => n + f[key], 0);
  const lines = [
    "# Conformance: the JSON Schema Test Suite (draft 2020-12)",
    "",
    "Written by `pnpm conformance`; `pnpm test` fails when this file is not what a run gives.",
    `Suite: json-schema-org/JSON-Schema-Test-Suite at \`${commit}\`, \`tests/draft2020-12\` (optional files included).`,
    "Each group is one model of a schema set run through the validators emitter (Ajv standalone code,",
    "the format table of `tools/codegen/src/runtime/formats.ts`, the guards) after load's reference",
    "inlining (`#/$defs/...`, `#anchor`, chains; a cycle or a reference back to the model refused as",
    "`ref-cycle`, as codegen refuses it); a test passes when the",
    "generated `validate` and `is` (and the model's guard, when it has one) all give the suite's answer.",
    'Most of the suite\'s schemas put a keyword beside no `type` (`{"minLength": 2}`), which codegen',
    "refuses in `schemas/` (rule `ajv-strict`, Ajv's strictTypes); the run turns only those type rules off",
    "(they change no compiled code) and counts such groups in the column `untyped`. The suite's `remotes/`",
    "are not served: a model's references resolve among the schema set's own files, so groups that",
    "refer to `http://localhost:1234/...` are refused as unresolvable.",
    "",
    `**${sum("accepted")} of ${sum("groups")} groups accepted (${sum("untyped")} of them untyped), ${sum("groups") - sum("accepted")} refused; ${sum("passed")} of ${sum("tests")} tests pass, ${sum("deliberate")} differ (on purpose, or a known Ajv limitation; listed below), ${sum("tests") - sum("passed") - sum("deliberate")} fail. ${sum("guarded")} accepted groups have a guard (the fast path).**`,
    "",
    "| file | groups | accepted | untyped | refused | tests | passing | deliberate | failing | guarded |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...result.files.map((f) => `| ${f.file} | ${f.groups} | ${f.accepted} | ${f.untyped} | ${f.groups - f.accepted} | ${f.tests} | ${f.passed} | ${f.deliberate} | ${f.tests - f.passed - f.deliberate} | ${f.guarded} |`),
    "",
    "## Deliberate and known differences",
    "",
  ];
  const reasons = new Map<string, number>();
  for (const f of result.failures) if (f.deliberate) reasons.set(f.deliberate, (reasons.get(f.deliberate) ?? 0) + 1);
  lines.push(...(reasons.size === 0 ? ["None."] : [...reasons].map(([reason, n]) => `- ${n} test${n === 1 ? "" : "s"}: ${reason}.`)));
  lines.push("", "## Failing tests", "");
  const failing = result.failures.filter((f) => !f.deliberate);
  lines.push(
    ...(failing.length === 0
      ? ["None."]
      : [
          "| file | group | test | data | expected | answers |",
          "| --- | --- | --- | --- | --- | --- |",
          ...failing.map((f) => `| ${f.file} | ${cell(f.group)} | ${cell(f.test)} | \`${cell(JSON.stringify(f.data))}\` | ${f.expected} | ${cell(f.answers)} |`),
        ]),
  );
  lines.push("", "## Refused groups", "", "Codegen refuses these schemas with the rule id shown (file, JSON Pointer into the suite file, rule, message).", "");
  const byRule = new Map<string, number>();
  for (const r of result.refusals) byRule.set(r.rule, (byRule.get(r.rule) ?? 0) + 1);
  lines.push(...[...byRule].sort().map(([rule, n]) => `- \`${rule}\`: ${n}`), "");
  lines.push("| file | group | pointer | rule | message |", "| --- | --- | --- | --- | --- |");
  lines.push(...result.refusals.map((r) => `| ${relative(SUITE_DIR, r.file)} | ${cell(r.group)} | \`${cell(r.pointer)}\` | ${r.rule} | ${cell(r.message)} |`));
  return `${lines.join("\n")}\n`;
}

/** The suite's commit, from its SOURCE.md. */
export function suiteCommit(suite: string): string {
  return /`([0-9a-f]{40})`/.exec(readFileSync(join(suite, "SOURCE.md"), "utf8"))?.[1] ?? "unknown";
}
