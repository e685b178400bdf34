// What must hold after any call on any input: the input is exactly as before (a fingerprint taken
// without running its getters or Proxy traps), and no built-in prototype or global has changed.
import { types } from "node:util";

/** Everything observable about `root` without running user code: for each reachable object (not
 *  into Proxies), its identity, prototype, extensibility, and each own property's descriptor, with
 *  data values compared by identity. Iterative, so 100k-deep nesting is fine. */
export function fingerprint(root: unknown): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    out.push(value);
    if ((typeof value !== "object" && typeof value !== "function") || value === null) continue;
    if (seen.has(value)) continue;
    seen.add(value);
    if (types.isProxy(value)) continue;
    out.push(Object.getPrototypeOf(value), Object.isExtensible(value));
    if (types.isMap(value) || types.isSet(value)) out.push((value as Map<unknown, unknown>).size);
    if (types.isDate(value)) out.push((value as Date).getTime());
    for (const key of Reflect.ownKeys(value)) {
      const d = Object.getOwnPropertyDescriptor(value, key)!;
      out.push(key, d.enumerable, d.configurable, d.writable, d.get, d.set);
      if ("value" in d) stack.push(d.value);
    }
  }
  return out;
}

/** The index of the first difference between two fingerprints, or -1. */
export function firstDifference(a: readonly unknown[], b: readonly unknown[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

const WATCHED: readonly [string, object][] = [
  ["Object.prototype", Object.prototype],
  ["Array.prototype", Array.prototype],
  ["Function.prototype", Function.prototype],
  ["String.prototype", String.prototype],
  ["Number.prototype", Number.prototype],
  ["Boolean.prototype", Boolean.prototype],
  ["BigInt.prototype", BigInt.prototype],
  ["Symbol.prototype", Symbol.prototype],
  ["Error.prototype", Error.prototype],
  ["RegExp.prototype", RegExp.prototype],
  ["Date.prototype", Date.prototype],
  ["Map.prototype", Map.prototype],
  ["Set.prototype", Set.prototype],
  ["Promise.prototype", Promise.prototype],
  ["Object", Object],
  ["Array", Array],
  ["JSON", JSON],
  ["Reflect", Reflect],
  ["globalThis", globalThis],
];

/** Own properties (descriptors, values by identity) and prototype of every watched built-in. */
export function builtinsSnapshot(): Map<string, unknown[]> {
  const snapshot = new Map<string, unknown[]>();
  for (const [name, object] of WATCHED) {
    const entries: unknown[] = [Object.getPrototypeOf(object), Object.isExtensible(object)];
    for (const key of Reflect.ownKeys(object)) {
      const d = Object.getOwnPropertyDescriptor(object, key)!;
      entries.push(key, d.get, d.set, d.value, d.writable, d.enumerable, d.configurable);
    }
    snapshot.set(name, entries);
  }
  return snapshot;
}

/** Names of the built-ins that differ between two snapshots. */
export function changedBuiltins(before: Map<string, unknown[]>, after: Map<string, unknown[]>): string[] {
  return [...before.keys()].filter((name) => firstDifference(before.get(name)!, after.get(name)!) !== -1);
}

/** A cheap check for every input: the number of own keys of the prototypes pollution goes for. */
export function prototypeKeyCounts(): number {
  return Reflect.ownKeys(Object.prototype).length * 1_000_000 + Reflect.ownKeys(Array.prototype).length * 1000 + Reflect.ownKeys(Function.prototype).length;
}
