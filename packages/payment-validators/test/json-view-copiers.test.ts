// The generated copiers (generated/json-views.ts) are the JSON view's fast path for each model:
// they must give exactly the generic copy's view (same keys, same order, same values, the same
// refusals) on any input, read each property once, and hand toJSON its key. The inputs here are
// built from the schemas' own property names, so the copiers' cases (and the nested copiers they
// call) are what runs, mixed with keys they do not know and values of every kind.
import { PaymentSessionResultSchema, SessionResultResponseSchema } from "@org/payment-schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paymentSessionResultView, sessionResultResponseView } from "../src/generated/json-views.js";
import { type Copier, MAX_DEPTH, jsonView } from "../src/json-view.js";

/** Every property name any object of the schema declares (at any depth, in $defs too). */
function propertyNames(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) propertyNames(item, into);
  else if (typeof schema === "object" && schema !== null) {
    const properties = (schema as { properties?: unknown }).properties;
    if (typeof properties === "object" && properties !== null) for (const key of Object.keys(properties)) into.add(key);
    for (const value of Object.values(schema)) propertyNames(value, into);
  }
  return into;
}

/** What a caller may hand a validator, keyed mostly by names the copier knows. */
function payloadLike(names: readonly string[]) {
  const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constantFrom("__proto__", "unknown", "0", "toJSON") });
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.jsonValue({ maxDepth: 1 }),
      fc.constantFrom(undefined, NaN, -Infinity, () => 1, Symbol("s")),
      fc.date({ noInvalidDate: true }),
      fc.oneof(fc.string(), fc.double(), fc.boolean()).map((v) => Object(v) as object),
      fc.array(tie("value"), { maxLength: 3 }),
      tie("object"),
      tie("object").map((own) => Object.assign(Object.create({ inherited: 1 }) as object, own)),
      tie("object").map((own) => Object.assign(Object.create(null) as object, own)),
      fc.tuple(tie("value"), fc.string({ maxLength: 3 })).map(([inner, tag]) => ({ tag, toJSON: (k: string) => ({ k, inner }) })),
    ),
    object: fc.dictionary(key, tie("value"), { maxKeys: 8 }),
  })).object;
}

const models: readonly [string, Copier | undefined, unknown][] = [
  ["PaymentSessionResult", paymentSessionResultView, PaymentSessionResultSchema],
  ["SessionResultResponse", sessionResultResponseView, SessionResultResponseSchema],
];

/** The generic copy's outcome: its view, or the message it threw. */
function outcome(run: () => unknown): { view?: string; thrown?: string } {
  try {
    return { view: JSON.stringify(run()) };
  } catch (error) {
    return { thrown: (error as Error).message };
  }
}

describe.each(models)("the %s copier", (_model, copier, schema) => {
  const names = [...propertyNames(schema)].filter((name) => name !== "__proto__");

  it("is generated", () => {
    expect(copier).toBeTypeOf("function");
  });

  it("gives the generic copy's view (keys in the payload's order, values, refusals) on any input", () => {
    fc.assert(
      fc.property(payloadLike(names), (payload) => {
        const generic = outcome(() => jsonView(payload));
        expect(outcome(() => jsonView(payload, copier))).toEqual(generic);
        if (generic.view !== undefined) {
          expect(generic.view).toBe(JSON.stringify(payload));
          const copied = jsonView(payload, copier);
          // (A "toJSON" key may turn the payload into any value.)
          if (typeof copied === "object" && copied !== null && !Array.isArray(copied)) {
            expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
            expect(Object.keys(copied)).toEqual(Object.keys(jsonView(payload) as object));
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("reads every property once, known or not, and calls toJSON once with its key", () => {
    const reads = new Map<string, number>();
    const keys: string[] = [];
    const counted = (object: Record<string, unknown>, prefix: string): Record<string, unknown> => {
      const out = {};
      for (const [key, value] of Object.entries(object)) {
        Object.defineProperty(out, key, {
          enumerable: true,
          get: () => {
            reads.set(`${prefix}/${key}`, (reads.get(`${prefix}/${key}`) ?? 0) + 1);
            return value;
          },
        });
      }
      return out;
    };
    const nestedName = names.find((name) => name !== names[0])!;
    const payload = counted({ [names[0]!]: counted({ [nestedName]: "x", extra: 1 }, `/${names[0]}`), unknown: 2, [nestedName]: { toJSON: (key: string) => (keys.push(key), "json") } }, "");
    expect(jsonView(payload, copier)).toEqual({ [names[0]!]: { [nestedName]: "x", extra: 1 }, unknown: 2, [nestedName]: "json" });
    expect([...reads.values()].every((count) => count === 1)).toBe(true);
    expect(reads.size).toBe(5);
    expect(keys).toEqual([nestedName]);
  });

  it("keeps an own __proto__ as data and refuses a cycle through known keys", () => {
    const parsed = JSON.parse(`{"${names[0]}":1,"__proto__":{"${names[1]}":2},"${names[1]}":3}`) as object;
    const view = jsonView(parsed, copier) as Record<string, unknown>;
    expect(Object.getPrototypeOf(view)).toBe(Object.prototype);
    expect(Object.keys(view)).toEqual([names[0], "__proto__", names[1]]);
    const cyclic: Record<string, unknown> = {};
    for (const name of names) cyclic[name] = cyclic;
    expect(() => jsonView(cyclic, copier)).toThrow(new RegExp(`nested deeper than ${MAX_DEPTH}`));
  });
});
