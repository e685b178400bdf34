// checks: the semantic checks the validators run after the schema passes, one list per top-level
// model. Today that is legacy drift (a legacy field disagreeing with its canonical replacement):
// an issue in strict mode, a warning in tolerant mode (create.ts decides which). The check itself is
// the typed module runtime/drift.ts, inlined here.
import { readFileSync } from "node:fs";
import { type GeneratedFiles, withHeader } from "../emitter.js";
import type { SchemaSet } from "../model/schema-set.js";
import { legacyFieldTable, legacyFields } from "../model/legacy-fields.js";
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

export function emitChecks(set: SchemaSet): GeneratedFiles {
  const files: GeneratedFiles = new Map();
  const runtime = `${OUTPUTS.validators}/${LEGACY_RUNTIME_FILE}`;
  files.set(runtime, withHeader(runtime, LEGACY_RUNTIME));

  const lines = [`import type { SemanticCheck } from "../create.js";`, `import { type LegacyFieldSpec, legacyDrift, readJsonViewProperty } from "./legacy-runtime.js";`, "", DRIFT_CHECK, ""];
  for (const name of set.topLevel) {
    const model = set.models.get(name)!;
    const hasLegacy = legacyFields(model).length > 0;
    lines.push(
      `/** The checks a valid ${name} must also pass${hasLegacy ? ": its legacy fields agree with their replacements" : " (none yet)"}. */`,
      `export const ${checksExport(name)}: readonly SemanticCheck[] = [${hasLegacy ? `legacyDriftCheck(${legacyFieldTable(model)})` : ""}];`,
      "",
    );
  }
  const file = `${OUTPUTS.validators}/${CHECKS_FILE}`;
  files.set(file, withHeader(file, lines.join("\n")));
  return files;
}
