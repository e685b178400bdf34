// The legacy runtime (runtime/legacy.ts) and the validators' drift check (runtime/drift.ts) as
// code: the modules emit/adapters.ts and emit/checks.ts copy into the packages, tested directly.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paymentSessionResultChecks } from "../../../packages/payment-validators/src/generated/checks.js";
import { emitAdapters } from "../src/emit/adapters.js";
import { driftCheckSource, emitChecks } from "../src/emit/checks.js";
import { loadSchemaSet } from "../src/model/load.js";
import { legacyFields } from "../src/model/legacy-fields.js";
import { legacyDriftCheck, viewReaders } from "../src/runtime/drift.js";
import { type LegacyFieldSpec, legacyDrift, readJsonViewProperty, toLegacy, withLegacyFields, withoutLegacyFields } from "../src/runtime/legacy.js";

const SPECS: readonly LegacyFieldSpec[] = [
  { field: "order_number", replacedBy: "/order/order_number", replacementPath: ["order", "order_number"], nullable: true },
  { field: "code", replacedBy: "/details/code", replacementPath: ["details", "code"], nullable: false },
  { field: "hint", replacedBy: null, replacementPath: [], nullable: true },
];

describe("legacyDrift", () => {
  it("is empty when every legacy field agrees with its replacement (deeply, 0 and -0 alike)", () => {
    expect(legacyDrift({ order_number: "A1", order: { order_number: "A1" }, code: { n: [0, 1] }, details: { code: { n: [-0, 1] } }, hint: "x" }, SPECS)).toEqual([]);
  });

  it("lists a legacy field that disagrees, with both pointers and values", () => {
    expect(legacyDrift({ order_number: "A1", order: { order_number: "B2" } }, SPECS)).toEqual([
      { field: "order_number", legacyPointer: "/order_number", legacyValue: "A1", replacementPointer: "/order/order_number", replacementValue: "B2", replacementPresent: true },
    ]);
  });

  it("expects null when the replacement is absent and the field admits null; anything else drifts", () => {
    expect(legacyDrift({ order_number: null, order: null }, SPECS)).toEqual([]);
    expect(legacyDrift({ order_number: "A1" }, SPECS)).toEqual([
      { field: "order_number", legacyPointer: "/order_number", legacyValue: "A1", replacementPointer: "/order/order_number", replacementValue: null, replacementPresent: false },
    ]);
    // A field that does not admit null has no expected value without its replacement.
    expect(legacyDrift({ code: null }, SPECS).map((d) => d.field)).toEqual(["code"]);
  });

  it("reads a JSON view (the validators' input) the same way without descriptors: own keys only, arrays are not objects", () => {
    const views = [
      { order_number: "A1", order: { order_number: "A1" }, code: { n: [0, 1] }, details: { code: { n: [-0, 1] } } },
      { order_number: "A1", order: { order_number: "B2" }, code: null, details: [{ code: 1 }] },
      { order_number: null, order: null, code: 1 },
      JSON.parse('{"__proto__":{"order_number":"A1"},"order_number":"A1","order":{"__proto__":{"order_number":"A1"}}}') as object,
      { order: { order_number: "B2" }, hint: "anything" },
    ];
    for (const view of views) expect(legacyDrift(view, SPECS, readJsonViewProperty)).toEqual(legacyDrift(view, SPECS));
    expect(legacyDrift(Object.create({ order_number: "A1" }), SPECS, readJsonViewProperty)).toEqual([]);
  });

  it("ignores a missing legacy key and a field nothing replaces", () => {
    expect(legacyDrift({ order: { order_number: "B2" }, hint: "anything" }, SPECS)).toEqual([]);
  });

  it("escapes the legacy pointer and tells arrays from objects", () => {
    const spec = { field: "a/b~c", replacedBy: "/x", replacementPath: ["x"], nullable: false };
    expect(legacyDrift({ "a/b~c": [1], x: { 0: 1 } }, [spec])[0]!.legacyPointer).toBe("/a~1b~0c");
  });

  it("runs no getter, reads nothing inherited and never throws on hostile input", () => {
    let ran = false;
    const payload = Object.defineProperty({ order: { order_number: "B2" } }, "order_number", {
      get() {
        ran = true;
        return "A1";
      },
      enumerable: true,
    });
    expect(legacyDrift(payload, SPECS)).toEqual([]);
    expect(ran).toBe(false);
    expect(legacyDrift(Object.create({ order_number: "A1" }), SPECS)).toEqual([]);
    const hostile = new Proxy(
      {},
      {
        getOwnPropertyDescriptor: () => {
          throw new Error("trap");
        },
        ownKeys: () => {
          throw new Error("trap");
        },
      },
    );
    for (const value of [hostile, null, 42, "text", [1, 2], { order_number: hostile, order: { order_number: hostile } }]) {
      expect(() => legacyDrift(value, SPECS)).not.toThrow();
      expect(() => withLegacyFields(value, SPECS)).not.toThrow();
      expect(() => withoutLegacyFields(value, SPECS)).not.toThrow();
      expect(() => toLegacy(value, SPECS, ["id"])).not.toThrow();
    }
  });

  it("does not recurse without end on deep or cyclic values", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => legacyDrift({ order_number: cyclic, order: { order_number: cyclic } }, SPECS)).not.toThrow();
  });
});

describe("withLegacyFields / withoutLegacyFields / toLegacy", () => {
  it("fills replaced legacy fields from their replacements (null when absent) and never mutates its input", () => {
    const input = { id: "p1", order: { order_number: "B2" }, details: null, hint: "h" };
    const snapshot = structuredClone(input);
    expect(withLegacyFields(input, SPECS)).toEqual({ id: "p1", order: { order_number: "B2" }, details: null, hint: "h", order_number: "B2" });
    expect(withLegacyFields({ id: "p2" }, SPECS)).toEqual({ id: "p2", order_number: null });
    expect(input).toEqual(snapshot);
  });

  it("keeps a __proto__ key a plain own key", () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "order": {"order_number": "B2"}}');
    const out = withLegacyFields(input, SPECS);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toContain("__proto__");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("drops every legacy key", () => {
    expect(withoutLegacyFields({ id: "p1", order_number: "A1", code: 1, hint: "h" }, SPECS)).toEqual({ id: "p1" });
  });

  it("gives old clients the flat fields plus each legacy field from its replacement, else as sent, else null", () => {
    const payload = { id: "p1", nested: { a: 1 }, order: { order_number: "B2" }, order_number: "A1", hint: "h" };
    expect(toLegacy(payload, SPECS, ["id"])).toEqual({ id: "p1", order_number: "B2", hint: "h" });
    expect(toLegacy({ id: "p2" }, SPECS, ["id"])).toEqual({ id: "p2", order_number: null, hint: null });
  });
});

describe("legacyDriftCheck", () => {
  const check = legacyDriftCheck(SPECS, viewReaders(SPECS));

  it("turns each drift into a legacy-drift issue at the legacy field's pointer", () => {
    expect(check({ order_number: "A1", order: { order_number: "B2" } })).toEqual([
      { pointer: "/order_number", keyword: "legacy-drift", message: 'legacy field "order_number" is "A1" but its replacement /order/order_number is "B2"', expected: "B2" },
    ]);
    expect(check({ order_number: "A1" })).toEqual([
      { pointer: "/order_number", keyword: "legacy-drift", message: 'legacy field "order_number" is "A1" but its replacement /order/order_number is absent (expected null)', expected: null },
    ]);
    expect(check({ order_number: "B2", order: { order_number: "B2" } })).toEqual([]);
  });

  it("is one frozen empty list for a payload without drift, and for a value that is no object", () => {
    expect(check({ order_number: "B2", order: { order_number: "B2" } })).toBe(check([]));
    expect(Object.isFrozen(check(null))).toBe(true);
  });

  it("reads as the generic readers do through the readers checks.ts generates by property name (PaymentSessionResult, edited views)", () => {
    const model = loadSchemaSet(fileURLToPath(new URL("../../..", import.meta.url))).models.get("PaymentSessionResult")!;
    const specs = legacyFields(model).map((f): LegacyFieldSpec => ({ field: f.name, replacedBy: f.replacedBy, replacementPath: f.replacementPath, nullable: f.nullable }));
    expect(specs.filter((s) => s.replacedBy !== null).length).toBeGreaterThan(0);
    const generic = legacyDriftCheck(specs, viewReaders(specs));
    const [generated] = paymentSessionResultChecks;
    const value = fc.oneof(
      fc.constantFrom(null, "A1", "B2", 0, -0, true),
      fc.array(fc.constantFrom("A1", 1), { maxLength: 2 }),
      fc.dictionary(fc.constantFrom("message", "order_number", "x"), fc.constantFrom("A1", "B2", null)),
    );
    const names = [...new Set(specs.flatMap((s) => [s.field, ...s.replacementPath])), "__proto__", "other"];
    // A JSON view: plain objects (as JSON.parse makes them, so "__proto__" is an own key) of those names.
    const view = fc.dictionary(fc.constantFrom(...names), fc.oneof(value, fc.dictionary(fc.constantFrom(...names), value))).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
    fc.assert(
      fc.property(view, (v) => {
        expect(generated!(v)).toEqual(generic(v));
      }),
      { numRuns: 1000 },
    );
  });

  it("prints values JSON cannot", () => {
    expect(check({ order_number: 1n, order: { order_number: "B2" } })[0]!.message).toBe('legacy field "order_number" is (unprintable value) but its replacement /order/order_number is "B2"');
    expect(check({ order_number: undefined, order: { order_number: "B2" } })[0]!.message).toBe('legacy field "order_number" is undefined but its replacement /order/order_number is "B2"');
  });
});

describe("how the emitters ship the runtime", () => {
  const set = loadSchemaSet(fileURLToPath(new URL("fixtures/mini", import.meta.url)));
  const runtime = readFileSync(new URL("../src/runtime/legacy.ts", import.meta.url), "utf8");

  it("copies runtime/legacy.ts verbatim into the adapters and the validators", () => {
    const header = (text: string) => text.slice(text.indexOf("\n") + 1);
    expect(header(emitAdapters(set).get("packages/payment-adapters/src/generated/legacy-runtime.ts")!)).toBe(runtime);
    expect(header(emitChecks(set).get("packages/payment-validators/src/generated/legacy-runtime.ts")!)).toBe(runtime);
  });

  it("inlines the marked part of runtime/drift.ts into checks.ts", () => {
    const checks = emitChecks(set).get("packages/payment-validators/src/generated/checks.ts")!;
    expect(checks).toContain("function legacyDriftCheck(specs: readonly LegacyFieldSpec[], readers: readonly (LegacyFieldReaders | null)[]): SemanticCheck {");
    expect(checks).not.toContain("codegen: inline");
    expect(checks).not.toContain("export { legacyDriftCheck }");
  });

  it("refuses a drift module without its markers", () => {
    expect(() => driftCheckSource("function legacyDriftCheck() {}\n")).toThrow(/runtime\/drift\.ts: expected the code to inline between the lines "\/\/ codegen: inline into checks\.ts from here"/);
    expect(driftCheckSource("a\n// codegen: inline into checks.ts from here\nb\n// codegen: inline into checks.ts to here\nc\n")).toBe("b");
  });
});
