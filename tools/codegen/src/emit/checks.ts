// checks: the semantic checks the validators run after the schema passes, one list per top-level
// model. Today that is legacy drift (a legacy field disagreeing with its canonical replacement):
// an issue in strict mode, a warning in tolerant mode (create.ts decides which). The check itself is
// the typed module runtime/drift.ts, inlined here; what is generated per model is its table of
// legacy fields and, per field, the readers of the field and its replacement by property name.
import { readFileSync } from "node:fs";
import { type GeneratedFiles, withHeader } from "../emitter.js";
import type { SchemaSet } from "../model/schema-set.js";
import { type LegacyField, legacyFieldTable, legacyFields } from "../model/legacy-fields.js";
import { OUTPUTS } from "../outputs.js";
import { checksExport } from "../names.js";
import { LEGACY_RUNTIME, LEGACY_RUNTIME_FILE, runtimeModulePath } from "../runtime/sources.js";

export const CHECKS_FILE = "checks.ts";

const DRIFT_CHECK_BEGIN = "// codegen: inline into checks.ts from here\n";
const DRIFT_CHECK_END = "// codegen: inline into checks.ts to here\n";

/** The code between the markers of runtime/drift.ts, which this file's imports wire up. */
export function driftCheckSource(module: string): string {
  const begin = module.indexOf(DRIFT_CHECK_BEGIN);
  const end = module.indexOf(DRIFT_CHECK_END);
  if (begin < 0 || end < begin) throw new Error(`runtime/drift.ts: expected the code to inline between the lines "${DRIFT_CHECK_BEGIN.trim()}" and "${DRIFT_CHECK_END.trim()}"`);
  return module.slice(begin + DRIFT_CHECK_BEGIN.length, end).trimEnd();
}

const DRIFT_CHECK = driftCheckSource(readFileSync(runtimeModulePath("drift"), "utf8"));

/** A reader (see runtime/drift.ts' LegacyFieldReaders) of the own property at `path` of a JSON
 *  view, each property read by its name; ABSENT when one on the way is missing or not an object. */
function pathReader(path: readonly string[]): string {
  const [first, ...rest] = path.map((name) => JSON.stringify(name));
  if (rest.length === 0) return `(view) => (Object.hasOwn(view, ${first}) ? view[${first}] : ABSENT)`;
  const lines = [`(view) => {`, `  if (!Object.hasOwn(view, ${first})) return ABSENT;`, `  let at: unknown = view[${first}];`];
  for (const name of rest) {
    lines.push(`  if (typeof at !== "object" || at === null || Array.isArray(at) || !Object.hasOwn(at, ${name})) return ABSENT;`, `  at = (at as Record<string, unknown>)[${name}];`);
  }
  return [...lines, "  return at;", "}"].join("\n");
}

/** The readers of one legacy field, an element of the check's second argument. */
function fieldReaders(field: LegacyField): string {
  if (field.replacedBy === null) return `  null, // ${field.name}: nothing replaces it yet`;
  const replacement = pathReader(field.replacementPath).split("\n").join("\n    ");
  return `  {\n    legacy: ${pathReader([field.name])},\n    replacement: ${replacement},\n  },`;
}

export function emitChecks(set: SchemaSet): GeneratedFiles {
  const files: GeneratedFiles = new Map();
  const runtime = `${OUTPUTS.validators}/${LEGACY_RUNTIME_FILE}`;
  files.set(runtime, withHeader(runtime, LEGACY_RUNTIME));

  const lines = [`import type { SemanticCheck } from "../create.js";`, `import { ABSENT, type LegacyFieldSpec, type Read, fieldDrift } from "./legacy-runtime.js";`, "", DRIFT_CHECK, ""];
  for (const name of set.topLevel) {
    const model = set.models.get(name)!;
    const hasLegacy = legacyFields(model).length > 0;
    lines.push(
      `/** The checks a valid ${name} must also pass${hasLegacy ? ": its legacy fields agree with their replacements" : " (none yet)"}. */`,
      hasLegacy
        ? `export const ${checksExport(name)}: readonly SemanticCheck[] = [legacyDriftCheck(${legacyFieldTable(model)}, [\n${legacyFields(model).map(fieldReaders).join("\n")}\n])];`
        : `export const ${checksExport(name)}: readonly SemanticCheck[] = [];`,
      "",
    );
  }
  const file = `${OUTPUTS.validators}/${CHECKS_FILE}`;
  files.set(file, withHeader(file, lines.join("\n")));
  return files;
}
