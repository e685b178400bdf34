// What the validators judge: exactly what JSON.stringify would send, read once. The JSON view
// agrees with JSON.stringify on any value (toJSON, Dates, boxed primitives, undefined, class
// instances, inherited properties), and the public validators judge that view: a getter that
// answers differently per read is read once per call, and isX and validateX agree on it; a
// payload's prototype counts for nothing; what JSON.stringify refuses is an "unreadable" issue.
import { PaymentSessionResultSchema } from "@org/payment-schemas";
import { isPaymentSessionResult, validatePaymentSessionResult } from "@org/payment-validators";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_DEPTH, jsonView } from "../src/json-view.js";

const example = PaymentSessionResultSchema.examples[0] as Record<string, unknown>;

/** Values a program holds, not only what JSON.parse gives: Dates, boxed primitives, undefined,
 *  functions, toJSON objects, class instances, objects with inherited properties. */
const programValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue(),
    fc.constantFrom(undefined, NaN, Infinity, -0, () => 1, Symbol("s")),
    fc.date({ noInvalidDate: true }),
    fc.oneof(fc.string(), fc.double(), fc.boolean()).map((v) => Object(v) as object),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie("value"), { maxKeys: 4 }),
    fc.tuple(tie("value"), fc.string({ maxLength: 4 })).map(([inner, tag]) => ({ tag, toJSON: (key: string) => ({ key, inner }) })),
    fc.dictionary(fc.string({ maxLength: 4 }), tie("value"), { maxKeys: 3 }).map((own) => Object.assign(Object.create({ inherited: 1 }) as object, own)),
  ),
})).value;

describe("jsonView", () => {
  it("is what JSON.stringify sends, on any value", () => {
    fc.assert(
      fc.property(programValue, (value) => {
        expect(JSON.stringify(jsonView(value))).toBe(JSON.stringify(value));
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses what JSON.stringify refuses: a BigInt, a cycle", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    for (const value of [10n, { amount: 10n }, cyclic]) {
      expect(() => JSON.stringify(value)).toThrow(TypeError);
      expect(() => jsonView(value)).toThrow(TypeError);
    }
  });

  it("calls toJSON once, with the property name, and not again on its result", () => {
    const keys: string[] = [];
    const inner = { toJSON: (key: string) => (keys.push(key), { again: true, toJSON: () => "never" }) };
    expect(jsonView({ at: inner, list: [inner] })).toEqual({ at: { again: true }, list: [{ again: true }] });
    expect(keys).toEqual(["at", "0"]);
  });

  it("keeps an own __proto__ property as data, never as the copy's prototype", () => {
    const parsed = JSON.parse('{"__proto__":{"status":"completed"},"a":1}') as object;
    const view = jsonView(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(view)).toBe(Object.prototype);
    expect(Object.keys(view)).toEqual(["__proto__", "a"]);
    expect(JSON.stringify(view)).toBe(JSON.stringify(parsed));
    const withProto = JSON.parse(JSON.stringify(example).replace(/^\{/, '{"__proto__":{},')) as object;
    const result = validatePaymentSessionResult(withProto);
    expect(!result.ok && result.issues.map((i) => i.pointer)).toEqual(["/__proto__"]);
  });

  it(`refuses nesting deeper than ${MAX_DEPTH} levels`, () => {
    let deep: unknown = 1;
    for (let i = 0; i < MAX_DEPTH + 1; i++) deep = [deep];
    expect(() => jsonView(deep)).toThrow(/nested deeper/);
  });
});

describe("the validators judge the JSON view", () => {
  it("read a flipping getter once per call, so isX and validateX agree with each other and with JSON", () => {
    let reads = 0;
    const flipping = Object.defineProperty({ ...example }, "status", {
      enumerable: true,
      get: () => (++reads % 2 === 1 ? "completed" : "bogus"),
    });
    for (let call = 0; call < 6; call++) {
      const before = reads;
      const sent = JSON.parse(JSON.stringify(flipping)) as Record<string, unknown>;
      const expected = sent.status === "completed";
      // The next read gives the other answer: each call below sees the opposite of `sent`.
      const is = isPaymentSessionResult(flipping);
      const validated = validatePaymentSessionResult(flipping);
      expect(reads - before).toBe(3); // JSON.stringify, isX, validateX: one read each
      expect(is).toBe(!expected);
      expect(validated.ok).toBe(expected);
      if (validated.ok) expect(validated.value.status).toBe("completed");
    }
  });

  it("judge own properties only: a payload that is valid only through its prototype is invalid", () => {
    const inherited = Object.create(example) as object;
    expect(JSON.stringify(inherited)).toBe("{}");
    expect(isPaymentSessionResult(inherited)).toBe(false);
    const result = validatePaymentSessionResult(inherited);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.keyword)).toContain("required");
  });

  it("honour toJSON: a Date in a date-time field is judged as the ISO string JSON sends", () => {
    const withDate = { ...example, created_at: new Date(String(example.created_at)) };
    const result = validatePaymentSessionResult(withDate);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.created_at).toBe(new Date(String(example.created_at)).toISOString());
    expect(isPaymentSessionResult(withDate)).toBe(true);
  });

  it("leave out what JSON leaves out: unknown keys holding undefined or a function are not sent, so strict mode has nothing to object to", () => {
    const withUndefined = { ...example, notSent: undefined, extra: () => 1 };
    expect(isPaymentSessionResult(withUndefined)).toBe(true);
    const result = validatePaymentSessionResult(withUndefined);
    expect(result.ok && Object.keys(result.value)).not.toContain("extra");
  });

  it("report what JSON.stringify refuses as unreadable, never throwing", () => {
    for (const value of [{ ...example, amount: 10n }, Object.assign({ ...example }, { self: undefined as unknown })]) {
      if ("self" in value) (value as Record<string, unknown>).self = value;
      const result = validatePaymentSessionResult(value);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.issues[0]).toMatchObject({ pointer: "", keyword: "unreadable" });
      expect(isPaymentSessionResult(value)).toBe(false);
    }
  });
});
