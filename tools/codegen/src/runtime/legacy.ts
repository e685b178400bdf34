// The legacy-field logic shared by every model: what a legacy field should hold, given its
// canonical replacement. Reads own data properties only (no getters run, nothing inherited),
// writes with defineProperty (a "__proto__" key stays a plain key), never mutates its input.

/** One legacy field, as its schema's x-legacy annotation declares it. */
export interface LegacyFieldSpec {
  /** The legacy property's name (a top-level property of the model). */
  readonly field: string;
  /** JSON Pointer of the canonical field that replaces it, or null when nothing does yet. */
  readonly replacedBy: string | null;
  /** `replacedBy` as property names, e.g. ["order", "order_number"]. */
  readonly replacementPath: readonly string[];
  /** The legacy field admits null: its value when the replacement is absent. */
  readonly nullable: boolean;
}

/** A legacy field whose value disagrees with its canonical replacement. */
export interface LegacyDrift {
  readonly field: string;
  /** JSON Pointer of the legacy field, e.g. "/order_number". */
  readonly legacyPointer: string;
  readonly legacyValue: unknown;
  /** JSON Pointer of the replacement, e.g. "/order/order_number". */
  readonly replacementPointer: string;
  /** The replacement's value; null when it is absent. */
  readonly replacementValue: unknown;
  /** False when a container on the replacement's path is null or missing. */
  readonly replacementPresent: boolean;
}

/** What a read gives for a property that is not there (an own data property holding undefined is
 *  there). */
export const ABSENT: unique symbol = Symbol("absent");
export type Read = unknown | typeof ABSENT;

function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The own data property `key` of an object (array or not), or ABSENT. Runs no getter. */
function ownValue(value: unknown, key: string): Read {
  try {
    if (typeof value !== "object" || value === null) return ABSENT;
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    return descriptor !== undefined && "value" in descriptor ? descriptor.value : ABSENT;
  } catch {
    return ABSENT;
  }
}

/** The own data property `key` of a plain (non-array) object, or ABSENT. */
function readOwn(value: unknown, key: string): Read {
  try {
    return Array.isArray(value) ? ABSENT : ownValue(value, key);
  } catch {
    return ABSENT;
  }
}

/** How a property is read: `readOwn` for any value (a getter would run code); the validators,
 *  which only ever hand over the JSON view they judged, pass `readJsonViewProperty`. */
export type PropertyReader = (value: unknown, key: string) => Read;

/** `readOwn` for a JSON view (what the validators judge: plain objects and arrays of own data
 *  properties, never a getter), without a property descriptor per read. */
export function readJsonViewProperty(value: unknown, key: string): Read {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : ABSENT;
}

export function readPath(value: unknown, path: readonly string[], read: PropertyReader = readOwn): Read {
  let current: unknown = value;
  for (const token of path) {
    const next = read(current, token);
    if (next === ABSENT) return ABSENT;
    current = next;
  }
  return current;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A shallow copy of the own enumerable data properties, keeping only those `keep` accepts. */
function copyOwn(value: unknown, keep: (key: string) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  try {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return out;
    for (const key of Object.keys(value)) {
      if (!keep(key)) continue;
      const v = readOwn(value, key);
      if (v !== ABSENT) define(out, key, v);
    }
  } catch {
    // An unreadable payload (a throwing Proxy trap) contributes nothing.
  }
  return out;
}

function sameJson(a: unknown, b: unknown, depth = 0): boolean {
  if (Object.is(a, b) || (a === 0 && b === 0)) return true;
  if (depth > 64 || typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => {
    const va = ownValue(a, k);
    const vb = ownValue(b, k);
    return va !== ABSENT && vb !== ABSENT && sameJson(va, vb, depth + 1);
  });
}

/** What a replaced legacy field should hold: its replacement's value, else null (or ABSENT when
 *  the field does not admit null). */
function expectedValue(payload: unknown, spec: LegacyFieldSpec): Read {
  const replacement = readPath(payload, spec.replacementPath);
  if (replacement !== ABSENT) return replacement;
  return spec.nullable ? null : ABSENT;
}

/** How a legacy field holding `legacy` disagrees with its replacement (at `replacedBy`) as read
 *  (ABSENT when a container on its path is null or missing), if it does. */
export function fieldDrift(spec: LegacyFieldSpec, replacedBy: string, legacy: unknown, replacement: Read): LegacyDrift | undefined {
  const expected = replacement !== ABSENT ? replacement : spec.nullable ? null : ABSENT;
  let agrees: boolean;
  try {
    agrees = expected !== ABSENT && sameJson(legacy, expected);
  } catch {
    agrees = false;
  }
  if (agrees) return undefined;
  return {
    field: spec.field,
    legacyPointer: `/${escapeToken(spec.field)}`,
    legacyValue: legacy,
    replacementPointer: replacedBy,
    replacementValue: replacement === ABSENT ? null : replacement,
    replacementPresent: replacement !== ABSENT,
  };
}

/** Every replaced legacy field whose value disagrees with its replacement; empty when consistent.
 *  A legacy key that is missing disagrees with nothing. */
export function legacyDrift(payload: unknown, specs: readonly LegacyFieldSpec[], read: PropertyReader = readOwn): LegacyDrift[] {
  const drift: LegacyDrift[] = [];
  for (const spec of specs) {
    if (spec.replacedBy === null) continue;
    const legacy = read(payload, spec.field);
    if (legacy === ABSENT) continue;
    const found = fieldDrift(spec, spec.replacedBy, legacy, readPath(payload, spec.replacementPath, read));
    if (found !== undefined) drift.push(found);
  }
  return drift;
}

/** A copy whose replaced legacy fields are filled from their replacements. */
export function withLegacyFields(payload: unknown, specs: readonly LegacyFieldSpec[]): Record<string, unknown> {
  const out = copyOwn(payload, () => true);
  for (const spec of specs) {
    if (spec.replacedBy === null) continue;
    const expected = expectedValue(payload, spec);
    if (expected !== ABSENT) define(out, spec.field, expected);
  }
  return out;
}

/** A copy without any legacy key. */
export function withoutLegacyFields(payload: unknown, specs: readonly LegacyFieldSpec[]): Record<string, unknown> {
  const legacy = new Set(specs.map((s) => s.field));
  return copyOwn(payload, (key) => !legacy.has(key));
}

/** The flat view an old client reads: the flat fields it already had, plus each legacy field taken
 *  from its replacement when present, from the legacy field otherwise (null when neither is). */
export function toLegacy(payload: unknown, specs: readonly LegacyFieldSpec[], flat: readonly string[]): Record<string, unknown> {
  const kept = new Set(flat);
  const out = copyOwn(payload, (key) => kept.has(key));
  for (const spec of specs) {
    const replacement = spec.replacedBy === null ? ABSENT : readPath(payload, spec.replacementPath);
    const value = replacement !== ABSENT ? replacement : readOwn(payload, spec.field);
    if (value !== ABSENT) define(out, spec.field, value);
    else if (spec.nullable) define(out, spec.field, null);
  }
  return out;
}
