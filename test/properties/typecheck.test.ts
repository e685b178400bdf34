// The generated values type-check against the generated types, and the types reject the mutations
// they can express: each value becomes a typed constant in a TypeScript program (compiled in memory
// with the repository's compiler settings) that imports @org/payment-types as a consumer does.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { arbitraries } from "@org/payment-fixtures/arbitraries";
import { schemas, topLevelModels } from "@org/payment-schemas";
import fc from "fast-check";
import ts from "typescript";
import { expect, it } from "vitest";
import { type Mutation, mutationsOf } from "./schema-mutations.js";

const SEED = 20261123;
const VALUES_PER_MODEL = 25;
const MUTATED_VALUES_PER_TOP_LEVEL_MODEL = 2;
const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "../..");

type Json = Parameters<typeof mutationsOf>[1];

/** What a TypeScript type can tell apart: not an integer from another number, a pattern, a format,
 *  a length or a range. A rule between fields is told apart too: a model with if/then/else rules is
 *  typed as a discriminated union on the property its rules test (codegen says so when it cannot be). */
function expressibleInTypes(m: Mutation): boolean {
  if (m.kind === "type") {
    const numeric = (t: string) => t === "number" || t === "integer";
    return !(numeric(m.types!.put) && (m.types!.admitted ?? []).some(numeric));
  }
  return m.kind === "enum" || m.kind === "const" || m.kind === "required" || m.kind === "additionalProperties" || m.kind === "cross-field";
}

/** The property a model's if/then/else rules test, read from its published schema: codegen types
 *  such a model as a union of variants, one per value of it (`<Model>By<Property>[value]`). */
function unionDiscriminator(model: string): string | undefined {
  const schema = (schemas as unknown as Record<string, { allOf?: { if?: { properties?: Record<string, unknown> } }[] }>)[model];
  const tested = new Set((schema?.allOf ?? []).flatMap((rule) => Object.keys(rule.if?.properties ?? {})));
  return tested.size === 1 ? [...tested][0] : undefined;
}

function pascalCase(value: string): string {
  return value
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => `${w[0]!.toUpperCase()}${w.slice(1)}`)
    .join("");
}

/** Type-checks `source` as a module at test/properties/; returns the 0-based lines with an error. */
function linesWithErrors(source: string): { lines: Set<number>; messages: string[] } {
  const config = ts.getParsedCommandLineOfConfigFile(join(REPO, "tsconfig.test.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const file = join(HERE, "__typed-values__.ts");
  const options = { ...config.options, noEmit: true, types: [] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (name === file ? source : readFile(name));
  host.fileExists = (name) => name === file || ts.sys.fileExists(name);
  host.getSourceFile = (name, language, ...rest) => (name === file ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest));
  const program = ts.createProgram([file], options, host);
  const diagnostics = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()];
  const lines = new Set<number>();
  const messages: string[] = [];
  for (const d of diagnostics) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (d.file?.fileName !== file || d.start === undefined) {
      messages.push(`(elsewhere) ${text}`);
      continue;
    }
    const line = d.file.getLineAndCharacterOfPosition(d.start).line;
    lines.add(line);
    messages.push(`line ${line}: ${text}`);
  }
  return { lines, messages };
}

it("every generated value of every model type-checks; each mutation a type can express does not", () => {
  const lines = [`import type * as T from "@org/payment-types";`];
  const mustFail = new Map<number, string>();
  const byName = arbitraries as unknown as Record<string, fc.Arbitrary<Json>>;
  let variantChecks = 0;
  for (const [name, arbitrary] of Object.entries(byName)) {
    const values = fc.sample(arbitrary, { numRuns: VALUES_PER_MODEL, seed: SEED });
    values.forEach((value, i) => lines.push(`export const ${name}_${i}: T.${name} = ${JSON.stringify(value)};`));
    // A model typed as a discriminated union: each value is also its own variant, by its discriminator.
    const discriminator = unionDiscriminator(name);
    if (discriminator) {
      values.forEach((value, i) => lines.push(`export const ${name}_${i}_variant: T.${name}By${pascalCase(discriminator)}[${JSON.stringify((value as Record<string, Json>)[discriminator])}] = ${JSON.stringify(value)};`));
      variantChecks += values.length;
    }
  }
  let expressible = 0;
  for (const model of topLevelModels as readonly string[]) {
    for (const value of fc.sample(byName[model]!, { numRuns: MUTATED_VALUES_PER_TOP_LEVEL_MODEL, seed: SEED + 1 })) {
      for (const m of mutationsOf(model, value)) {
        if (!expressibleInTypes(m)) continue;
        expressible++;
        mustFail.set(lines.length, `${model} ${m.description}`);
        lines.push(`export const mutated_${lines.length}: T.${model} = ${JSON.stringify(m.payload)};`);
      }
    }
  }
  const { lines: failing, messages } = linesWithErrors(lines.join("\n"));
  expect(messages.filter((m) => m.startsWith("(elsewhere)"))).toEqual([]);
  const unexpected = [...failing].filter((line) => !mustFail.has(line)).map((line) => messages.find((m) => m.startsWith(`line ${line}:`)));
  expect(unexpected, "generated values that do not type-check").toEqual([]);
  const accepted = [...mustFail].filter(([line]) => !failing.has(line)).map(([, what]) => what);
  expect(accepted, "mutations the types accept").toEqual([]);
  expect(expressible).toBeGreaterThan(100);
  expect(variantChecks).toBeGreaterThan(0);
});
