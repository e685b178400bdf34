// The runtime every generated factory shares: start from one of the schema's own examples, deep-merge
// the caller's overrides, then let the model make the result consistent again (legacy fields).
// Hand-written once for all models; what varies per model is the generated FactorySpec.

/** Every property optional, at every depth; arrays are replaced whole. */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export interface FactorySpec {
  /** The schema's `examples`: realistic defaults, the first preferred. */
  readonly examples: readonly unknown[];
  /** Properties the schema's cross-field rules look at: the example used is the first that agrees
   *  with the overrides on them, so that (say) `status` and the fields it governs stay consistent. */
  readonly discriminants: readonly string[];
  /** The specs of the models that object-valued properties reference: the default of a nested
   *  object whose example value is null. */
  readonly nested: Readonly<Record<string, FactorySpec>>;
  /** Fills the model's legacy fields from their replacements, except the ones the overrides set. */
  readonly legacy?: { readonly keys: readonly string[]; readonly fill: (value: never) => unknown };
}

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function define(target: Json, key: string, value: unknown): void {
  // defineProperty, not assignment: a "__proto__" key stays an own key and never sets a prototype.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of JSON-like data (plain objects, arrays, primitives). */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => cloneJson(v)) as T;
  if (!isPlainObject(value)) return value;
  const out: Json = {};
  for (const key of Object.keys(value)) define(out, key, cloneJson(value[key]));
  return out as T;
}

function chooseExample(spec: FactorySpec, overrides: unknown): unknown {
  const wanted = isPlainObject(overrides) ? overrides : {};
  const matches = (example: unknown) => spec.discriminants.every((name) => !Object.hasOwn(wanted, name) || wanted[name] === undefined || (isPlainObject(example) && example[name] === wanted[name]));
  return spec.examples.find(matches) ?? spec.examples[0];
}

/** `override` deep-merged onto `base`: objects merge key by key, anything else replaces. */
function merge(spec: FactorySpec | undefined, base: unknown, override: unknown): unknown {
  if (override === undefined) return cloneJson(base);
  if (!isPlainObject(override)) return cloneJson(override);
  if (!isPlainObject(base)) return spec ? build(spec, override) : cloneJson(override);
  const out = cloneJson(base);
  for (const key of Object.keys(override)) {
    if (override[key] === undefined) continue;
    const nested = spec && Object.hasOwn(spec.nested, key) ? spec.nested[key] : undefined;
    define(out, key, merge(nested, Object.hasOwn(out, key) ? out[key] : undefined, override[key]));
  }
  return spec ? finish(spec, out, override) : out;
}

function finish(spec: FactorySpec, value: Json, overrides: Json): unknown {
  if (!spec.legacy) return value;
  const filled = spec.legacy.fill(value as never) as Json;
  // A legacy field the caller sets explicitly wins, e.g. to build a payload that drifts on purpose.
  for (const key of spec.legacy.keys) if (Object.hasOwn(overrides, key) && overrides[key] !== undefined) define(filled, key, cloneJson(overrides[key]));
  return filled;
}

/** A fresh value: the chosen example (or examples[exampleIndex]) with the overrides merged in. */
export function build(spec: FactorySpec, overrides?: unknown, exampleIndex?: number): unknown {
  const base = exampleIndex === undefined ? chooseExample(spec, overrides) : spec.examples[exampleIndex];
  if (!isPlainObject(base)) return cloneJson(overrides ?? base);
  return merge(spec, base, overrides ?? {});
}

/** Two override objects as one: `b` deep-merged onto `a`. */
export function mergeOverrides(a: unknown, b: unknown): unknown {
  return merge(undefined, a, b);
}
