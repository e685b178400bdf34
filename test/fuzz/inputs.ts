// Fuzz inputs: a deterministic function of (model, seed, index), so any failure can be replayed
// alone. Random JSON, random JS values (fast-check), valid payloads (@org/payment-fixtures) as they
// are and with hostile edits at random places, hostile roots, and huge values (100k-deep nesting,
// multi-megabyte strings, wide objects, enormous sparse arrays).
import { types } from "node:util";
import { arbitraries } from "@org/payment-fixtures/arbitraries";
import fc from "fast-check";

export interface FuzzInput {
  readonly value: unknown;
  /** How the input was made (category and edits), for reports. */
  readonly recipe: string;
  /** Reading it twice gives the same answer (no Proxy trap or getter that changes its mind), so
   *  the validators must agree with the reference validator on it. */
  readonly stable: boolean;
}

export interface InputOptions {
  /** Depth of the deeply nested values. */
  readonly depth: number;
  /** Length of the long strings. */
  readonly longString: number;
  /** Keys of the wide objects and items of the long arrays. */
  readonly width: number;
}

export const FULL_SIZE: InputOptions = { depth: 100_000, longString: 4_000_000, width: 50_000 };

/** What the report counts: inputs whose recipe shows each hostile feature. */
export const FEATURES: readonly (readonly [label: string, recipe: RegExp])[] = [
  ["Proxy (transparent, throwing, revoked or inconsistent)", /proxy/],
  ["throwing or inconsistent getter", /getter/],
  ["cycle", /cycle/],
  ["own __proto__ / constructor / prototype key", /pollution keys|at (__proto__|constructor|prototype)\b/],
  ["undefined, NaN, BigInt or symbol", /\b(undefined|NaN|bigint|symbol)\b/],
  ["null or inherited prototype", /null or inherited prototype|null prototype/],
  ["frozen, sealed or non-extensible", /freeze|seal|preventExtensions/],
  ["100k-deep nesting", /deep[^;]*\(full size\)/],
  ["multi-megabyte string", /long string[^;]*\(full size\)/],
  ["50k-key object or 50k-item array", /(wide object|array of)[^;]*\(full size\)|array of 50000/],
  ["sparse array of length 2^32-1", /huge sparse array/],
];

/** One step of mulberry32: the next state and a 32-bit output. */
function mulberry32(state: number): [state: number, output: number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = Math.imul(next ^ (next >>> 15), next | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [next, (t ^ (t >>> 14)) >>> 0];
}

/** A small fast PRNG (mulberry32) seeded from several integers. */
export class Rng {
  private state: number;
  constructor(...seeds: number[]) {
    let h = 0x9e3779b9;
    for (const s of seeds) h = Math.imul(h ^ (s | 0) ^ Math.floor(s / 2 ** 32), 0x85ebca6b) ^ (h >>> 13);
    this.state = h >>> 0;
  }
  next(): number {
    const [state, output] = mulberry32(this.state);
    this.state = state;
    return output / 2 ** 32;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Hostile building blocks. Nothing here touches a built-in prototype or a global.

class Boom extends Error {}
/** What a hostile getter or trap throws: an Error, or things that are awkward to report. */
function thrown(rng: Rng): unknown {
  switch (rng.int(7)) {
    case 0:
      return new Boom("getter exploded");
    case 1:
      return Symbol("thrown symbol");
    case 2:
      return null;
    case 3:
      return undefined;
    case 4:
      return {
        toString() {
          throw new Boom("toString exploded");
        },
      };
    case 5:
      return new Proxy(
        {},
        {
          get() {
            throw new Boom("proxy thrown as an error");
          },
        },
      );
    default:
      return Object.create(null);
  }
}

function throwingHandler(rng: Rng): ProxyHandler<object> {
  const fail = () => {
    throw thrown(rng);
  };
  return { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail, set: fail, defineProperty: fail, deleteProperty: fail, isExtensible: fail, preventExtensions: fail, setPrototypeOf: fail };
}

function revoked(target: object): object {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

/** A Proxy that answers each `get` differently: valid-looking first, then not. */
function flipFlop(target: object): object {
  let reads = 0;
  return new Proxy(target, {
    get(t, key, receiver) {
      reads++;
      return reads % 2 === 0 ? 12345 : Reflect.get(t, key, receiver);
    },
  });
}

function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function deepObject(depth: number, key: string): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { [key]: value };
  return value;
}

function wideObject(width: number, rng: Rng): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const value = rng.pick<unknown>([1, "x", null, undefined, {}]);
  for (let i = 0; i < width; i++) out[`k${i}`] = value;
  return out;
}

function sparseHugeArray(): unknown[] {
  const a: unknown[] = [];
  a.length = 2 ** 32 - 1;
  return a;
}

function longString(rng: Rng, length: number): string {
  const unit = rng.pick(["A", "0", "9", "a", " ", "\u00e9", "\ud83d\ude00", "2026-11-23T09:14:07Z", "AB12", "0.", "\ud800"]);
  return unit.repeat(Math.max(1, Math.floor(length / unit.length)));
}

/** Leaf values no schema admits, or only just. */
function hostileLeaf(rng: Rng, size: InputOptions): { value: unknown; name: string; stable: boolean } {
  const leaves: [string, () => unknown, boolean?][] = [
    ["undefined", () => undefined],
    ["NaN", () => NaN],
    ["-0", () => -0],
    ["Infinity", () => Infinity],
    ["-Infinity", () => -Infinity],
    ["bigint", () => 2n ** 64n],
    ["negative bigint", () => -1n],
    ["symbol", () => Symbol("fuzz")],
    ["well-known symbol", () => Symbol.iterator],
    ["max double", () => Number.MAX_VALUE],
    ["min double", () => Number.MIN_VALUE],
    ["unsafe integer", () => 2 ** 53 + 2],
    ["int64 max", () => Number("9223372036854775807")],
    ["beyond int64", () => -(2 ** 64)],
    ["empty string", () => ""],
    ["NUL", () => "\u0000"],
    ["lone surrogate", () => "\ud800"],
    ["bidi override", () => "\u202eEUR"],
    ["near-valid amount", () => "079.00"],
    ["near-valid date", () => "2026-02-30T25:61:61Z"],
    ["boxed string", () => new String("completed")],
    ["boxed number", () => new Number(7)],
    ["boxed boolean", () => new Boolean(false)],
    ["date", () => new Date(0)],
    ["invalid date", () => new Date(NaN)],
    ["regexp", () => /completed/],
    ["map", () => new Map([["status", "completed"]])],
    ["set", () => new Set(["completed"])],
    ["typed array", () => new Uint8Array(16)],
    ["array buffer", () => new ArrayBuffer(16)],
    ["promise", () => Promise.resolve("completed")],
    ["weak map", () => new WeakMap()],
    ["function", () => function payload() {}],
    ["class", () => class Payload {}],
    ["arrow with properties", () => Object.assign(() => 1, { status: "completed" })],
    ["error", () => new Error("completed")],
    ["null prototype", () => Object.create(null)],
    ["empty array", () => []],
    ["array-like", () => ({ length: 2 ** 30, 0: "x" })],
    // biome-ignore lint/suspicious/noSparseArray: holes are the hostile input under test
    ["sparse array", () => [, , "x", , ,]],
    ["huge sparse array", sparseHugeArray],
    ["revoked proxy", () => revoked({})],
    ["throwing proxy", () => new Proxy({}, throwingHandler(rng))],
    [
      "throwing toJSON",
      () => ({
        toJSON() {
          throw new Boom("toJSON");
        },
        valueOf() {
          throw new Boom("valueOf");
        },
        [Symbol.toPrimitive]() {
          throw new Boom("toPrimitive");
        },
      }),
    ],
    ["long string", () => longString(rng, size.longString)],
    ["deep array", () => deepArray(size.depth)],
    ["deep object", () => deepObject(size.depth, rng.pick(["a", "order", "__proto__"]))],
    ["wide object", () => wideObject(size.width, rng)],
  ];
  const [name, make] = rng.pick(leaves);
  return { value: make(), name, stable: !name.includes("proxy") };
}

// ---------------------------------------------------------------------------------------------
// Edits of a valid payload at a random place.

type Container = Record<PropertyKey, unknown>;

/** Every object and array reachable from `root` through own data properties, with the key it
 *  sits under. Runs no getter and no Proxy trap: earlier edits may have planted them. */
function containers(root: unknown): { node: Container; parent?: Container; key?: string }[] {
  const out: { node: Container; parent?: Container; key?: string }[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown, parent?: Container, key?: string) => {
    if (typeof node !== "object" || node === null || types.isProxy(node) || seen.has(node)) return;
    seen.add(node);
    out.push({ node: node as Container, ...(parent ? { parent, key: key! } : {}) });
    for (const k of Object.keys(node)) {
      const descriptor = Object.getOwnPropertyDescriptor(node, k);
      if (descriptor && "value" in descriptor) walk(descriptor.value, node as Container, k);
    }
  };
  walk(root);
  return out;
}

function ownData(node: Container, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(node, key);
  return descriptor && "value" in descriptor ? descriptor.value : undefined;
}

const ODD_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "", "0", "length", "status", "\u0000", "a/b~c"];

function defineOwn(target: object, key: PropertyKey, descriptor: PropertyDescriptor): void {
  try {
    Object.defineProperty(target, key, { enumerable: true, configurable: true, ...descriptor });
  } catch {
    // A frozen or non-extensible node keeps what it has.
  }
}

/** Applies one hostile edit somewhere in `root`; returns the new root, the edit's name, and
 *  whether the payload stays stable. */
function edit(root: unknown, rng: Rng, size: InputOptions, another: () => unknown): { root: unknown; name: string; stable: boolean } {
  const places = containers(root);
  if (places.length === 0) return { root, name: "none", stable: true };
  const place = rng.pick(places);
  const node = place.node;
  const keys = Object.keys(node);
  const key = keys.length > 0 && rng.chance(0.8) ? rng.pick(keys) : rng.pick(ODD_KEYS);
  const replaceNode = (next: unknown) => {
    if (!place.parent) return next;
    defineOwn(place.parent, place.key!, { value: next, writable: true });
    return root;
  };
  switch (rng.int(16)) {
    case 0:
    case 1:
    case 2: {
      const leaf = hostileLeaf(rng, size);
      defineOwn(node, key, { value: leaf.value, writable: true });
      return { root, name: `${leaf.name} at ${key}`, stable: leaf.stable };
    }
    case 3:
      delete node[key];
      return { root, name: `delete ${key}`, stable: true };
    case 4: {
      // An own "__proto__" / "constructor" key carrying a pollution payload, as JSON.parse makes it.
      const payload = JSON.parse(`{"${rng.pick(["__proto__", "constructor", "prototype"])}": {"polluted": true, "prototype": {"polluted": true}}}`) as Container;
      for (const k of Object.keys(payload)) defineOwn(node, k, { value: payload[k], writable: true });
      return { root, name: "pollution keys", stable: true };
    }
    case 5:
      defineOwn(node, key, {
        get: () => {
          throw thrown(rng);
        },
      });
      return { root, name: `throwing getter at ${key}`, stable: true };
    case 6: {
      let reads = 0;
      const original = ownData(node, key);
      defineOwn(node, key, { get: () => (++reads % 2 === 0 ? 12345 : original) });
      return { root, name: `flip-flop getter at ${key}`, stable: false };
    }
    case 7: {
      const kind = rng.int(4);
      const proxy = kind === 0 ? new Proxy(node, {}) : kind === 1 ? new Proxy(node, throwingHandler(rng)) : kind === 2 ? revoked(node) : flipFlop(node);
      return { root: replaceNode(proxy), name: ["transparent proxy", "throwing proxy", "revoked proxy", "flip-flop proxy"][kind]!, stable: kind === 0 };
    }
    case 8:
      defineOwn(node, key, { value: rng.chance(0.5) ? root : node, writable: true });
      return { root, name: `cycle at ${key}`, stable: true };
    case 9: {
      const copy = Object.create(rng.chance(0.5) ? null : node) as Container;
      if (rng.chance(0.5)) for (const k of Object.keys(node)) defineOwn(copy, k, { value: ownData(node, k), writable: true });
      return { root: replaceNode(copy), name: "null or inherited prototype", stable: true };
    }
    case 10:
      defineOwn(node, Symbol(key), { value: "symbol-keyed", writable: true });
      return { root, name: "symbol key", stable: true };
    case 11: {
      const how = rng.pick(["freeze", "seal", "preventExtensions"] as const);
      if (how === "freeze") Object.freeze(node);
      else if (how === "seal") Object.seal(node);
      else Object.preventExtensions(node);
      return { root, name: how, stable: true };
    }
    case 12:
      defineOwn(node, key, { value: another(), writable: true });
      return { root, name: `valid value of another shape at ${key}`, stable: true };
    case 13:
      defineOwn(node, key, { value: longString(rng, size.longString), writable: true });
      return { root, name: `long string at ${key}`, stable: true };
    case 14: {
      const items = Array.from({ length: size.width }, () => node);
      defineOwn(node, key, { value: items, writable: true });
      return { root, name: `array of ${items.length} at ${key}`, stable: true };
    }
    default:
      defineOwn(node, key, { value: rng.chance(0.5) ? deepArray(size.depth) : deepObject(size.depth, key), writable: true });
      return { root, name: `deep nesting at ${key}`, stable: true };
  }
}

// ---------------------------------------------------------------------------------------------

const JSON_ARB = fc.jsonValue({ maxDepth: 5 });
const JSON_TEXT_ARB = fc.json({ maxDepth: 4 });
const ANYTHING_ARB = fc.anything({
  maxDepth: 2,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

/** A fast-check random source (pure-rand's generator interface) driven by our PRNG: lets one value
 *  be drawn per input index, directly, instead of sampling runs. */
class FcSource {
  constructor(private state: number) {}
  clone(): FcSource {
    return new FcSource(this.state);
  }
  next(): number {
    const [state, output] = mulberry32(this.state);
    this.state = state;
    return output | 0;
  }
  getState(): readonly number[] {
    return [this.state];
  }
}

/** Inputs of one model. */
export class InputSource {
  private readonly modelArbitrary: fc.Arbitrary<unknown>;
  private base: { group: number; value: unknown } | undefined;

  constructor(
    readonly model: string,
    readonly seed: number,
    readonly size: InputOptions = FULL_SIZE,
  ) {
    const arbitrary = (arbitraries as unknown as Record<string, fc.Arbitrary<unknown>>)[model];
    if (!arbitrary) throw new Error(`@org/payment-fixtures has no arbitrary for ${model}`);
    this.modelArbitrary = arbitrary;
  }

  /** One value of `arbitrary`, determined by (seed, model, name, index); fast-check's bias (towards
   *  small values and special strings such as "__proto__") varies with the index. */
  private drawn(name: string, arbitrary: fc.Arbitrary<unknown>, index: number): unknown {
    const source = new FcSource(new Rng(this.seed, hashString(this.model), hashString(name), index).int(2 ** 32));
    return arbitrary.generate(new fc.Random(source), 2 + (index % 8)).value;
  }

  /** A valid payload, shared by groups of 4 consecutive inputs; each gets its own deep copy. */
  private valid(index: number): unknown {
    const group = Math.floor(index / 4);
    if (this.base?.group !== group) this.base = { group, value: this.drawn("valid", this.modelArbitrary, group) };
    return structuredClone(this.base.value);
  }

  at(index: number): FuzzInput {
    const rng = new Rng(this.seed, hashString(this.model), index);
    const roll = rng.int(100);
    if (roll < 18) return { value: this.drawn("json", JSON_ARB, index), recipe: "random JSON", stable: true };
    if (roll < 22) {
      // JSON.parse keeps "__proto__" as an own key: how pollution payloads arrive from the network.
      return { value: JSON.parse(this.drawn("json text", JSON_TEXT_ARB, index) as string), recipe: "parsed JSON text", stable: true };
    }
    if (roll < 35) return { value: this.drawn("anything", ANYTHING_ARB, index), recipe: "random JS value", stable: true };
    if (roll < 43) return { value: this.valid(index), recipe: "valid payload", stable: true };
    if (roll < 50) {
      const full = rng.chance(0.03);
      const leaf = hostileLeaf(rng, full ? this.size : SMALL);
      return { value: leaf.value, recipe: `hostile root: ${leaf.name}${full ? " (full size)" : ""}`, stable: leaf.stable };
    }
    let root = this.valid(index);
    const names: string[] = [];
    let stable = true;
    const another = () => (rng.chance(0.5) ? this.drawn("other", this.modelArbitrary, index) : this.drawn("json", JSON_ARB, index));
    for (let edits = 1 + rng.int(3); edits > 0; edits--) {
      const full = rng.chance(0.003);
      let result: ReturnType<typeof edit>;
      try {
        result = edit(root, rng, full ? this.size : SMALL, another);
      } catch {
        result = { root, name: "edit refused (frozen node)", stable: true };
      }
      root = result.root;
      names.push(`${result.name}${full ? " (full size)" : ""}`);
      stable &&= result.stable;
    }
    return { value: root, recipe: `edited payload: ${names.join("; ")}`, stable };
  }
}

/** Sizes for the common case; the full sizes come in at random, a few percent of the time. */
const SMALL: InputOptions = { depth: 50, longString: 300, width: 20 };
