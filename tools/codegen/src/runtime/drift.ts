// The validators' legacy-drift check: each legacy field that disagrees with its canonical
// replacement becomes one issue. emit/checks.ts copies the code between the two marker lines into
// the generated checks.ts, whose own imports supply `SemanticCheck` (payment-validators' create.ts)
// and the legacy runtime (this folder's legacy.ts, emitted as legacy-runtime.ts); the lines outside
// the markers only wire this module up for type-checking and the unit tests.
import { ABSENT, type LegacyFieldSpec, type Read, fieldDrift, readJsonViewProperty, readPath } from "./legacy.js";

/** payment-validators' SemanticCheck, structurally (the generated checks.ts uses the real one). */
type SemanticCheck = (value: unknown) => readonly { readonly pointer: string; readonly keyword: string; readonly message: string; readonly expected?: unknown }[];

// codegen: inline into checks.ts from here
type DriftIssue = ReturnType<SemanticCheck>[number];

/** How the check reads one legacy field and its replacement from a JSON view (a plain object, its
 *  own data properties: see readJsonViewProperty), ABSENT where a property is not there. checks.ts
 *  generates these per field, reading each property by its name: a read by a name that varies (the
 *  generic `viewReaders`) is several times slower on every valid payload. */
interface LegacyFieldReaders {
  readonly legacy: (view: Record<string, unknown>) => Read;
  readonly replacement: (view: Record<string, unknown>) => Read;
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return "(unprintable value)";
  }
}

const NO_DRIFT: readonly DriftIssue[] = Object.freeze([]);

/** Reports each legacy field that disagrees with its replacement, at the legacy field's pointer.
 *  `value` is the JSON view the validators judged (plain data); `readers[i]` reads `specs[i]`
 *  (null for a field nothing replaces yet). */
function legacyDriftCheck(specs: readonly LegacyFieldSpec[], readers: readonly (LegacyFieldReaders | null)[]): SemanticCheck {
  return (value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return NO_DRIFT;
    let issues: DriftIssue[] | undefined;
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i]!;
      const read = readers[i];
      if (spec.replacedBy === null || !read) continue;
      const legacy = read.legacy(value as Record<string, unknown>);
      if (legacy === ABSENT) continue;
      const d = fieldDrift(spec, spec.replacedBy, legacy, read.replacement(value as Record<string, unknown>));
      if (d === undefined) continue;
      (issues ??= []).push({
        pointer: d.legacyPointer,
        keyword: "legacy-drift",
        message: d.replacementPresent
          ? `legacy field "${d.field}" is ${show(d.legacyValue)} but its replacement ${d.replacementPointer} is ${show(d.replacementValue)}`
          : `legacy field "${d.field}" is ${show(d.legacyValue)} but its replacement ${d.replacementPointer} is absent (expected null)`,
        expected: d.replacementValue,
      });
    }
    return issues ?? NO_DRIFT;
  };
}
// codegen: inline into checks.ts to here

/** The readers of `specs` by property names that vary: what the generated readers must agree with. */
function viewReaders(specs: readonly LegacyFieldSpec[]): LegacyFieldReaders[] {
  return specs.map((spec) => ({ legacy: (view) => readJsonViewProperty(view, spec.field), replacement: (view) => readPath(view, spec.replacementPath, readJsonViewProperty) }));
}

export { type LegacyFieldReaders, legacyDriftCheck, viewReaders };
