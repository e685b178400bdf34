// checks: the semantic checks the validators run after the schema passes, one list per top-level
// model. Today that is legacy drift (a legacy field disagreeing with its canonical replacement):
// an issue in strict mode, a warning in tolerant mode (create.ts decides which).
import { type GeneratedFiles, withHeader } from "../emitter.js";
import type { SchemaSet } from "../load.js";
import { LEGACY_RUNTIME, LEGACY_RUNTIME_FILE, legacyFieldTable, legacyFields } from "./legacy.js";

export const CHECKS_DIR = "packages/payment-validators/src/generated";
export const CHECKS_FILE = "checks.ts";
export const LEGACY_DRIFT_KEYWORD = "legacy-drift";

/** Name of the export holding a model's semantic checks (used by the validators emitter). */
export function checksExport(model: string): string {
  return `${model[0]!.toLowerCase()}${model.slice(1)}Checks`;
}

const DRIFT_CHECK = `function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return "(unprintable value)";
  }
}

/** Reports each legacy field that disagrees with its replacement, at the legacy field's pointer. */
function legacyDriftCheck(specs: readonly LegacyFieldSpec[]): SemanticCheck {
  return (value) =>
    legacyDrift(value, specs).map((d) => ({
      pointer: d.legacyPointer,
      keyword: ${JSON.stringify(LEGACY_DRIFT_KEYWORD)},
      message: d.replacementPresent
        ? \`legacy field "\${d.field}" is \${show(d.legacyValue)} but its replacement \${d.replacementPointer} is \${show(d.replacementValue)}\`
        : \`legacy field "\${d.field}" is \${show(d.legacyValue)} but its replacement \${d.replacementPointer} is absent (expected null)\`,
      expected: d.replacementValue,
    }));
}`;

export function emitChecks(set: SchemaSet): GeneratedFiles {
  const files: GeneratedFiles = new Map();
  const runtime = `${CHECKS_DIR}/${LEGACY_RUNTIME_FILE}`;
  files.set(runtime, withHeader(runtime, LEGACY_RUNTIME));

  const lines = [
    `import type { SemanticCheck } from "../create.js";`,
    `import { type LegacyFieldSpec, legacyDrift } from "./legacy-runtime.js";`,
    "",
    DRIFT_CHECK,
    "",
  ];
  for (const name of set.topLevel) {
    const model = set.models.get(name)!;
    const hasLegacy = legacyFields(model).length > 0;
    lines.push(
      `/** The checks a valid ${name} must also pass${hasLegacy ? ": its legacy fields agree with their replacements" : " (none yet)"}. */`,
      `export const ${checksExport(name)}: readonly SemanticCheck[] = [${hasLegacy ? `legacyDriftCheck(${legacyFieldTable(model)})` : ""}];`,
      "",
    );
  }
  const file = `${CHECKS_DIR}/${CHECKS_FILE}`;
  files.set(file, withHeader(file, lines.join("\n")));
  return files;
}
