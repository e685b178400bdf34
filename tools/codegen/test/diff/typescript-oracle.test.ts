// TypeScript as the oracle for schema:diff's verdicts. For every rule fixture, the real types
// emitter (and the OpenAPI types emitter) turns the before and the after schema set into the
// TypeScript a consumer compiles against, and consumer probes are compiled with the TypeScript
// compiler API, all fixtures in one program:
//   - "receives": code written for the old types receives new values (new -> old assignment of
//     every model and Tolerant* type, an exhaustive switch over the old enum values, a
//     Record<OldEnum, ...> lookup table read with a new value, the OpenAPI paths/components);
//   - "builds": code that builds payloads of the old shape hands them to new-typed code
//     (old -> new assignment).
// A "receives" error is breaking (major); a "builds" error alone is a narrowing (minor at most
// breaks mocks); no error: the types did not change in any way a consumer can observe.
// The verdict must agree with the rule bumps: tsc-breaking needs a major verdict, a verdict whose
// majors are all type-level rules needs tsc-breaking, and a patch (or no change) needs no error.
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import type { SchemaDiff } from "../../src/diff/compare.js";
import { emitOpenapi } from "../../src/emit/openapi.js";
import { tolerantName } from "../../src/names.js";
import { emitTypes } from "../../src/emit/types.js";
import { OUTPUTS } from "../../src/outputs.js";
import type { SchemaSet } from "../../src/model/schema-set.js";
import { type JsonValue, isObject } from "../../src/model/schema-walk.js";
import { type RuleFixture, RULE_FIXTURES } from "./rule-fixtures.js";
import { diffSchemaSets } from "../../src/diff/compare.js";
import { loadSpec } from "./schema-sets.js";

/**
 * Major rules whose breakage TypeScript types cannot show: what changes is the values validators
 * accept, a file path, an annotation or documentation a consumer acts on. For these, tsc saying
 * "no type changed" is expected; they are major for the reason given.
 */
const BREAKING_BEYOND_TYPES: Readonly<Record<string, string>> = {
  "type-widened": "integer -> number widens no TypeScript type (both are number), but validators accept fractions consumers never received; other widenings break the types too",
  "model-moved": "the schema file's path and $id change: imports of @org/payment-schemas/schemas/<folder>/<Model>.schema.json break",
  "max-length-loosened": "validators accept longer strings than consumers were promised",
  "min-length-loosened": "validators accept shorter strings",
  "maximum-loosened": "validators accept larger numbers",
  "exclusive-maximum-loosened": "validators accept larger numbers",
  "minimum-loosened": "validators accept smaller numbers",
  "exclusive-minimum-loosened": "validators accept smaller numbers",
  "max-items-loosened": "validators accept longer arrays",
  "min-items-loosened": "validators accept shorter arrays",
  "max-properties-loosened": "validators accept more members",
  "min-properties-loosened": "validators accept fewer members",
  "pattern-removed": "validators accept strings the pattern rejected",
  "pattern-widened": "validators accept strings the old pattern rejected",
  "pattern-changed": "validators may accept strings the old pattern rejected",
  "format-removed": "validators accept strings of any format",
  "format-changed": "validators accept strings of another format",
  "legacy-field-dropped": "the legacy adapters stop producing the field (toLegacyX, withLegacyFieldsX)",
  "example-removed": "the fixtures' named scenarios built from the examples disappear",
  "all-of-removed": "a cross-field rule no longer holds: validators accept payloads it rejected",
  "operation-changed": "the operationId (and the client functions named after it) changed",
  "unclassified-change": "no rule proves it compatible: counted as breaking",
};

type Verdict = "breaking" | "narrowing" | "same";

interface Probe {
  readonly fixture: RuleFixture;
  readonly diff: SchemaDiff;
  readonly dir: string;
}

const ROOT = "/oracle";
const files = new Map<string, string>();
const probes: Probe[] = [];
const verdicts = new Map<string, { verdict: Verdict; errors: string[] }>();

const literal = (value: JsonValue): string | undefined => (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value === null ? JSON.stringify(value) : undefined);

/** The probes of one model that exists on both sides: `receives` (new values in old-typed code),
 *  `builds` (old values in new-typed code) and `uses` (code written against one version, compiled
 *  against the old and the new: `X` is the types namespace, `XT` the tolerant one). */
function modelProbes(name: string, before: SchemaSet, after: SchemaSet): { receives: string[]; builds: string[]; uses: string[] } {
  const oldModel = before.models.get(name)!;
  const newModel = after.models.get(name)!;
  const tolerant = tolerantName(name);
  const receives = [`export const receive${name} = (value: N.${name}): O.${name} => value;`, `export const receiveTolerant${name} = (value: NT.${tolerant}): OT.${tolerant} => value;`];
  const builds = [`export const build${name} = (value: O.${name}): N.${name} => value;`, `export const buildTolerant${name} = (value: OT.${tolerant}): NT.${tolerant} => value;`];
  // A validated strict value handed to code that takes the tolerant type.
  const uses = [`export const widen${name} = (value: X.${name}): XT.${tolerant} => value;`];
  const properties = isObject(oldModel.schema.properties) ? Object.keys(oldModel.schema.properties) : [];
  for (const [i, property] of properties.entries()) {
    const key = JSON.stringify(property);
    receives.push(`export const read${name}${i} = (value: N.${name}): O.${name}[${key}] => value[${key}];`);
    receives.push(`export const readTolerant${name}${i} = (value: NT.${tolerant}): OT.${tolerant}[${key}] => value[${key}];`);
  }
  const oldValues = Array.isArray(oldModel.schema.enum) ? oldModel.schema.enum.map(literal) : undefined;
  if (oldModel.kind === "enum" && newModel.kind === "enum" && oldValues?.every((v) => v !== undefined)) {
    receives.push(
      `export function switch${name}(value: N.${name}): number {`,
      `  switch (value) {`,
      ...oldValues.map((v, i) => `    case ${v}: return ${i};`),
      `    default: { const unhandled: never = value; return unhandled; }`,
      `  }`,
      `}`,
    );
    if (oldValues.every((v) => /^"/.test(v!))) receives.push(`export const lookup${name} = (table: Record<O.${name}, number>, value: N.${name}): number => table[value];`);
  }
  return { receives, builds, uses };
}

async function typesOf(set: SchemaSet, dir: string): Promise<void> {
  for (const [path, text] of [...(await emitTypes(set)), ...(await emitOpenapi(set))]) {
    if (!path.startsWith(`${OUTPUTS.types}/`) || !path.endsWith(".ts")) continue;
    files.set(`${dir}/${path.slice(OUTPUTS.types.length + 1)}`, text);
  }
}

beforeAll(async () => {
  for (const [index, fixture] of RULE_FIXTURES.entries()) {
    const before = loadSpec(fixture.before);
    const after = loadSpec(fixture.after);
    const dir = `${ROOT}/f${index}`;
    await typesOf(before, `${dir}/old`);
    await typesOf(after, `${dir}/new`);
    const header = [
      `import type * as O from "./old/models.js";`,
      `import type * as N from "./new/models.js";`,
      `import type * as OT from "./old/tolerant.js";`,
      `import type * as NT from "./new/tolerant.js";`,
      `import type * as OA from "./old/openapi.js";`,
      `import type * as NA from "./new/openapi.js";`,
    ];
    const receives = [...header, `export const receivePaths = (value: NA.paths): OA.paths => value;`, `export const receiveComponents = (value: NA.components): OA.components => value;`];
    const builds = [...header, `export const buildPaths = (value: OA.paths): NA.paths => value;`, `export const buildComponents = (value: OA.components): NA.components => value;`];
    const uses: string[] = [];
    for (const name of before.models.keys()) {
      if (!after.models.has(name)) {
        receives.push(`export type Gone${name} = N.${name};`);
        continue;
      }
      const model = modelProbes(name, before, after);
      receives.push(...model.receives);
      builds.push(...model.builds);
      uses.push(...model.uses);
    }
    // Named types from $defs entries: one that disappears breaks every import of it.
    for (const name of before.definitions.keys()) {
      if (!after.definitions.has(name)) {
        receives.push(`export type GoneDefinition${name} = N.${name};`);
        continue;
      }
      receives.push(`export const receiveDefinition${name} = (value: N.${name}): O.${name} => value;`);
      builds.push(`export const buildDefinition${name} = (value: O.${name}): N.${name} => value;`);
    }
    files.set(`${dir}/receives.ts`, `${receives.join("\n")}\n`);
    files.set(`${dir}/builds.ts`, `${builds.join("\n")}\n`);
    // The same lines against each version: a line that compiles against the old types only breaks.
    for (const side of ["old", "new"]) files.set(`${dir}/uses-${side}.ts`, `import type * as X from "./${side}/models.js";\nimport type * as XT from "./${side}/tolerant.js";\n${uses.join("\n")}\n`);
    probes.push({ fixture, diff: diffSchemaSets(before, after), dir });
  }

  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: [],
    exactOptionalPropertyTypes: false,
    noUnusedLocals: false,
  };
  const host = ts.createCompilerHost(options);
  const virtual = (file: string) => files.get(file.replace(/\.js$/, ".ts"));
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => virtual(file) !== undefined || (!file.startsWith(ROOT) && fileExists.call(host, file));
  host.readFile = (file) => virtual(file) ?? (file.startsWith(ROOT) ? undefined : readFile.call(host, file));
  host.directoryExists = (dir) => dir.startsWith(ROOT) || ts.sys.directoryExists(dir);
  host.getSourceFile = (file, language, onError) => {
    const text = virtual(file);
    return text !== undefined ? ts.createSourceFile(file, text, language) : getSourceFile.call(host, file, language, onError);
  };
  const roots = probes.flatMap((p) => ["receives", "builds", "uses-old", "uses-new"].map((f) => `${p.dir}/${f}.ts`));
  const program = ts.createProgram(roots, options, host);
  const errors = new Map<string, string[]>();
  const errorLines = new Map<string, Set<number>>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName ?? "(global)";
    const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line : -1;
    const text = `${file}:${line + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n").split("\n")[0]}`;
    errors.set(file, [...(errors.get(file) ?? []), text]);
    errorLines.set(file, new Set([...(errorLines.get(file) ?? []), line]));
  }
  const generatedErrors = [...errors.keys()].filter((file) => !/\/(receives|builds|uses-old|uses-new)\.ts$/.test(file));
  if (generatedErrors.length > 0) throw new Error(`the generated types do not compile:\n${generatedErrors.flatMap((f) => errors.get(f)!).join("\n")}`);
  for (const probe of probes) {
    const oldUses = errorLines.get(`${probe.dir}/uses-old.ts`) ?? new Set();
    const brokenUses = [...(errorLines.get(`${probe.dir}/uses-new.ts`) ?? [])].filter((line) => !oldUses.has(line));
    const usesErrors = (errors.get(`${probe.dir}/uses-new.ts`) ?? []).filter((text) => brokenUses.some((line) => text.includes(`uses-new.ts:${line + 1}:`)));
    const receiving = [...(errors.get(`${probe.dir}/receives.ts`) ?? []), ...usesErrors];
    const building = errors.get(`${probe.dir}/builds.ts`) ?? [];
    const verdict: Verdict = receiving.length > 0 ? "breaking" : building.length > 0 ? "narrowing" : "same";
    verdicts.set(probe.dir, { verdict, errors: [...receiving, ...building] });
  }
}, 600_000);

describe("schema:diff verdicts agree with what tsc says about the generated types", () => {
  it.each(RULE_FIXTURES.map((fixture, index) => [fixture.name, index] as const))("%s", (_name, index) => {
    const probe = probes[index]!;
    const { verdict, errors } = verdicts.get(probe.dir)!;
    const rules = probe.diff.changes.map((c) => `${c.rule} (${c.bump})`);
    const context = `tsc: ${verdict}\n${errors.join("\n")}\nschema:diff: ${probe.diff.bump} [${rules.join(", ")}]`;
    if (verdict === "breaking") expect(probe.diff.bump, context).toBe("major");
    if (verdict === "narrowing") expect(["minor", "major"], context).toContain(probe.diff.bump);
    const majors = probe.diff.changes.filter((c) => c.bump === "major");
    if (majors.length > 0 && majors.every((c) => !(c.rule in BREAKING_BEYOND_TYPES))) expect(verdict, context).toBe("breaking");
  });

  it("the beyond-types list names only major rules", async () => {
    const { ruleById } = await import("../../src/diff/rules.js");
    for (const id of Object.keys(BREAKING_BEYOND_TYPES)) expect(ruleById(id)?.bump, id).toBe("major");
  });
});
