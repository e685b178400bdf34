// payment-validate's int64 check: the text of a payload is read again for its digits only when a
// number at one of its model's int64 fields is not a safe integer, and that trigger never misses
// a literal the digits check would judge.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkInt64Digits, holdsUnsafeInt64, int64Paths, unsafeIntegersOf } from "../src/cli/int64.js";
import { unsafeIntegers } from "../src/cli/json-syntax.js";

const FIELDS = ["/payments/*/amount/value", "/a~1b/~0c"];
const PATHS = int64Paths(FIELDS);

describe("int64Paths", () => {
  it("unescapes each token of the fields' pointers", () => {
    expect(PATHS).toEqual([
      ["payments", "*", "amount", "value"],
      ["a/b", "~c"],
    ]);
  });
});

describe("holdsUnsafeInt64", () => {
  it("is true only for a number at an int64 field that is not a safe integer", () => {
    const at = (value: unknown) => ({ payments: [{ amount: { value: 1 } }, { amount: { value } }] });
    expect(holdsUnsafeInt64(JSON.parse('{"payments":[{"amount":{"value":9223372036854775807}}]}'), PATHS)).toBe(true);
    expect(holdsUnsafeInt64(at(2 ** 53), PATHS)).toBe(true);
    expect(holdsUnsafeInt64(at(-(2 ** 53)), PATHS)).toBe(true);
    expect(holdsUnsafeInt64(at(1.5e300), PATHS)).toBe(true);
    expect(holdsUnsafeInt64(at(2 ** 53 - 1), PATHS)).toBe(false);
    expect(holdsUnsafeInt64(at("9223372036854775807"), PATHS)).toBe(false);
    expect(holdsUnsafeInt64(at(null), PATHS)).toBe(false);
    expect(holdsUnsafeInt64({ payments: { x: { amount: { value: 2 ** 60 } } } }, PATHS)).toBe(true); // "*" is any property name too
    expect(holdsUnsafeInt64({ "a/b": { "~c": 2 ** 60 } }, PATHS)).toBe(true);
    expect(holdsUnsafeInt64({ other: 2 ** 60, payments: "none" }, PATHS)).toBe(false);
    expect(holdsUnsafeInt64(at(2 ** 60), [])).toBe(false);
  });

  it("never misses a literal the digits check judges (any JSON text, any int64 fields)", () => {
    // Integers of every size around the two edges: 2^53 (a safe integer) and 2^63 (int64).
    const big = fc.tuple(fc.constantFrom(50n, 53n, 54n, 62n, 63n, 64n, 70n), fc.boolean()).chain(([bits, negative]) => fc.bigInt({ min: 2n ** (bits - 1n), max: 2n ** bits }).map((n) => String(negative ? -n : n)));
    const leaf = fc.oneof(big, fc.integer().map(String), fc.constant('"9223372036854775807"'), fc.constant("null"), fc.constant("1.5"));
    const text = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.array(tie("node"), { maxLength: 3 }).map((items) => `[${items.join(",")}]`),
        fc.array(fc.tuple(fc.constantFrom("payments", "amount", "value", "a/b", "~c"), tie("node")), { maxLength: 3 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`),
      ),
    })).node;
    // Payloads shaped like the fields, where the literals mostly land on them.
    const payment = fc.oneof(
      leaf.map((v) => `{"amount":{"value":${v}}}`),
      leaf.map((v) => `{"amount":${v}}`),
      leaf,
    );
    const shaped = fc
      .tuple(fc.array(payment, { maxLength: 3 }), leaf, fc.boolean())
      .map(([payments, c, arrayOf]) => `{"payments":${arrayOf ? `[${payments.join(",")}]` : `{${payments.map((p, i) => `"${i}":${p}`).join(",")}}`},"a/b":{"~c":${c}}}`);
    fc.assert(
      fc.property(fc.oneof(text, shaped), (json) => {
        const judged = checkInt64Digits(JSON.parse(json), unsafeIntegers(json), FIELDS);
        const stood = JSON.parse(json);
        const replaced = checkInt64Digits(stood, unsafeIntegers(json), FIELDS);
        // Whatever the digits check judges or replaces, the trigger saw.
        if (judged.length > 0 || JSON.stringify(stood) !== JSON.stringify(JSON.parse(json))) expect(holdsUnsafeInt64(JSON.parse(json), PATHS)).toBe(true);
        expect(replaced).toEqual(judged);
      }),
      { numRuns: 500 },
    );
  });
});

describe("unsafeIntegersOf", () => {
  it("gives an array element's literals with paths from the element", () => {
    const text = '[{"v":9223372036854775808},{"v":1},{"w":[-9223372036854775809]}]';
    expect(unsafeIntegersOf(text, undefined)).toEqual(unsafeIntegers(text));
    expect(unsafeIntegersOf(text, 0)).toEqual([{ path: ["v"], digits: "9223372036854775808" }]);
    expect(unsafeIntegersOf(text, 1)).toEqual([]);
    expect(unsafeIntegersOf(text, 2)).toEqual([{ path: ["w", 0], digits: "-9223372036854775809" }]);
    expect(unsafeIntegersOf('[{"v":9007199254740993}]', 0)).toEqual([{ path: ["v"], digits: "9007199254740993" }]);
  });
});
