// The validators' legacy-drift check: each legacy field that disagrees with its canonical
// replacement becomes one issue. emit/checks.ts copies the code between the two marker lines into
// the generated checks.ts, whose own imports supply `SemanticCheck` (payment-validators' create.ts)
// and the legacy runtime (this folder's legacy.ts, emitted as legacy-runtime.ts); the lines outside
// the markers only wire this module up for type-checking and the unit tests.
import { type LegacyFieldSpec, legacyDrift, readJsonViewProperty } from "./legacy.js";

/** payment-validators' SemanticCheck, structurally (the generated checks.ts uses the real one). */
type SemanticCheck = (value: unknown) => { readonly pointer: string; readonly keyword: string; readonly message: string; readonly expected?: unknown }[];

// codegen: inline into checks.ts from here
function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return "(unprintable value)";
  }
}

/** Reports each legacy field that disagrees with its replacement, at the legacy field's pointer.
 *  `value` is the JSON view the validators judged (plain data), read without descriptors. */
function legacyDriftCheck(specs: readonly LegacyFieldSpec[]): SemanticCheck {
  return (value) =>
    legacyDrift(value, specs, readJsonViewProperty).map((d) => ({
      pointer: d.legacyPointer,
      keyword: "legacy-drift",
      message: d.replacementPresent
        ? `legacy field "${d.field}" is ${show(d.legacyValue)} but its replacement ${d.replacementPointer} is ${show(d.replacementValue)}`
        : `legacy field "${d.field}" is ${show(d.legacyValue)} but its replacement ${d.replacementPointer} is absent (expected null)`,
      expected: d.replacementValue,
    }));
}
// codegen: inline into checks.ts to here

export { legacyDriftCheck };
