// The legacy-field adapters through their public names, on values from the schema-derived
// arbitraries of @org/payment-fixtures: every property holds for every valid payload, and the
// validators agree with legacyDrift (strict: an issue, tolerant: a warning).
import {
  type CanonicalPaymentSessionResult,
  legacyDriftPaymentSessionResult,
  legacyModels,
  paymentSessionResultLegacyFields,
  toLegacyPaymentSessionResult,
  withLegacyFieldsPaymentSessionResult,
  withoutLegacyFieldsPaymentSessionResult,
} from "@org/payment-adapters";
import { makePaymentSessionResultScenario } from "@org/payment-fixtures";
import { arbPaymentSessionResult } from "@org/payment-fixtures/arbitraries";
import type { PaymentSessionResult } from "@org/payment-types";
import { validatePaymentSessionResult } from "@org/payment-validators";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const RUNS = 1000;
const legacyKeys = paymentSessionResultLegacyFields.map((f) => f.field);
const replaced = paymentSessionResultLegacyFields.filter((f) => f.replacedBy !== null);

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The payload without the legacy keys a canonical field replaces: the canonical fields. */
function canonicalFields(payload: PaymentSessionResult): CanonicalPaymentSessionResult {
  const copy: Record<string, unknown> = { ...payload };
  for (const f of replaced) delete copy[f.field];
  return copy as CanonicalPaymentSessionResult;
}

/** A payload whose legacy fields may disagree with their replacements. */
const arbDrifting = fc.tuple(arbPaymentSessionResult, fc.option(fc.string(), { nil: null }), fc.option(fc.string(), { nil: null })).map(([p, orderNumber, error]) => ({ ...p, order_number: orderNumber, error }));

describe("the legacy fields come from the schema's x-legacy annotations", () => {
  it("lists PaymentSessionResult's four legacy fields and their replacements", () => {
    expect(legacyModels).toEqual(["PaymentSessionResult"]);
    expect(paymentSessionResultLegacyFields.map((f) => [f.field, f.replacedBy])).toEqual([
      ["error", "/error_details/message"],
      ["order_number", "/order/order_number"],
      ["retry_allowed", null],
      ["verification_url", null],
    ]);
  });
});

describe("withLegacyFieldsPaymentSessionResult (property-based)", () => {
  it("gives a payload that validates in strict mode and has no drift, from any valid or drifting payload", () => {
    fc.assert(
      fc.property(fc.oneof(arbPaymentSessionResult, arbDrifting), (payload) => {
        const filled = withLegacyFieldsPaymentSessionResult(payload);
        expect(validatePaymentSessionResult(filled)).toMatchObject({ ok: true });
        expect(legacyDriftPaymentSessionResult(filled)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("fills the legacy fields of a payload that has only the canonical fields", () => {
    fc.assert(
      fc.property(arbPaymentSessionResult, (payload) => {
        const filled = withLegacyFieldsPaymentSessionResult(canonicalFields(payload));
        expect(filled).toEqual(payload);
      }),
      { numRuns: RUNS },
    );
  });

  it("toLegacy(withLegacyFields(p)) equals toLegacy of the canonical fields", () => {
    fc.assert(
      fc.property(fc.oneof(arbPaymentSessionResult, arbDrifting), (payload) => {
        expect(toLegacyPaymentSessionResult(withLegacyFieldsPaymentSessionResult(payload))).toEqual(toLegacyPaymentSessionResult(canonicalFields(payload)));
      }),
      { numRuns: RUNS },
    );
  });

  it("never mutates its input (all four functions, on deep-frozen payloads)", () => {
    fc.assert(
      fc.property(fc.oneof(arbPaymentSessionResult, arbDrifting), (payload) => {
        const before = structuredClone(payload);
        const frozen = deepFreeze(payload);
        withLegacyFieldsPaymentSessionResult(frozen);
        toLegacyPaymentSessionResult(frozen);
        legacyDriftPaymentSessionResult(frozen);
        withoutLegacyFieldsPaymentSessionResult(frozen);
        expect(frozen).toStrictEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it("returns a new object every time", () => {
    const payload = makePaymentSessionResultScenario("status=declined");
    expect(withLegacyFieldsPaymentSessionResult(payload)).not.toBe(payload);
    expect(withoutLegacyFieldsPaymentSessionResult(payload)).not.toBe(payload);
  });
});

describe("legacyDriftPaymentSessionResult", () => {
  it("is empty for every valid payload", () => {
    fc.assert(
      fc.property(arbPaymentSessionResult, (payload) => {
        expect(legacyDriftPaymentSessionResult(payload)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("reports both JSON Pointers and both values of a field that disagrees", () => {
    const payload = { ...makePaymentSessionResultScenario("status=completed"), order_number: "ORD-1" };
    expect(payload.order?.order_number).toBe("ORD-104233");
    expect(legacyDriftPaymentSessionResult(payload)).toEqual([
      { field: "order_number", legacyPointer: "/order_number", legacyValue: "ORD-1", replacementPointer: "/order/order_number", replacementValue: "ORD-104233", replacementPresent: true },
    ]);
  });

  it("reports a legacy value whose replacement is absent (its container is null)", () => {
    const payload = { ...makePaymentSessionResultScenario("status=completed"), error: "Declined" };
    expect(payload.error_details).toBeNull();
    expect(legacyDriftPaymentSessionResult(payload)).toEqual([
      { field: "error", legacyPointer: "/error", legacyValue: "Declined", replacementPointer: "/error_details/message", replacementValue: null, replacementPresent: false },
    ]);
  });

  it("finds exactly the fields that drift, for any payload", () => {
    fc.assert(
      fc.property(arbDrifting, (payload) => {
        const expected = replaced
          .filter((f) => {
            const container = payload[f.replacementPath[0] as "order" | "error_details"] as Record<string, unknown> | null;
            const replacement = container === null ? null : container[f.replacementPath[1]!];
            return payload[f.field as "order_number" | "error"] !== replacement;
          })
          .map((f) => f.field);
        expect(legacyDriftPaymentSessionResult(payload).map((d) => d.field)).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it("ignores a missing legacy key (a canonical-only payload) and never throws on any value", () => {
    const canonical = canonicalFields(makePaymentSessionResultScenario("status=declined"));
    expect(legacyDriftPaymentSessionResult(canonical)).toEqual([]);
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error("trap");
        },
        getOwnPropertyDescriptor: () => {
          throw new Error("trap");
        },
      },
    );
    for (const value of [null, undefined, 42, "text", [], hostile, { order: hostile, order_number: "x" }]) {
      expect(() => legacyDriftPaymentSessionResult(value)).not.toThrow();
    }
    expect(legacyDriftPaymentSessionResult({ order: hostile, order_number: "x" })).toHaveLength(1);
  });
});

describe("toLegacyPaymentSessionResult", () => {
  it("is the flat view an old client reads: flat fields as sent, legacy values from their replacements", () => {
    const declined = makePaymentSessionResultScenario("status=declined");
    expect(toLegacyPaymentSessionResult(declined)).toEqual({
      amount: "19.90",
      created_at: "2026-11-23T09:14:07Z",
      currency: "EUR",
      livemode: true,
      object: "payment_session_result",
      processed_at: "2026-11-23T09:14:09Z",
      session_token: "sess_9QmV2xK7pL4rT8wZ",
      status: "declined",
      error: "The account has insufficient funds.",
      order_number: null,
      retry_allowed: true,
      verification_url: null,
    });
  });

  it("prefers the replacement, falls back to the legacy field, else null", () => {
    const completed = makePaymentSessionResultScenario("status=completed");
    expect(toLegacyPaymentSessionResult({ ...completed, order_number: "stale" }).order_number).toBe("ORD-104233");
    expect(toLegacyPaymentSessionResult({ ...completed, order: null, order_number: "ORD-OLD" }).order_number).toBe("ORD-OLD");
    expect(toLegacyPaymentSessionResult(canonicalFields({ ...completed, order: null })).order_number).toBeNull();
  });
});

describe("withoutLegacyFieldsPaymentSessionResult", () => {
  it("drops exactly the legacy keys", () => {
    fc.assert(
      fc.property(arbPaymentSessionResult, (payload) => {
        const migrated = withoutLegacyFieldsPaymentSessionResult(payload);
        const expected: Record<string, unknown> = { ...payload };
        for (const key of legacyKeys) delete expected[key];
        expect(migrated).toEqual(expected);
        for (const key of legacyKeys) expect(Object.hasOwn(migrated, key)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("keys such as __proto__ and constructor never reach a prototype", () => {
  const base = JSON.stringify(makePaymentSessionResultScenario("status=completed"));
  const hostile = JSON.parse(`{"__proto__": {"polluted": true, "order_number": "P"}, "constructor": {"prototype": {"polluted": true}}, ${base.slice(1)}`) as PaymentSessionResult;

  it("copies them as plain own keys and leaves every prototype alone", () => {
    for (const out of [withLegacyFieldsPaymentSessionResult(hostile), withoutLegacyFieldsPaymentSessionResult(hostile), toLegacyPaymentSessionResult(hostile)]) {
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect((out as Record<string, unknown>).polluted).toBeUndefined();
    }
    const filled = withLegacyFieldsPaymentSessionResult(hostile) as unknown as Record<string, unknown>;
    expect(Object.hasOwn(filled, "__proto__")).toBe(true);
    expect(Object.hasOwn(filled, "constructor")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("never reads a replacement through a prototype", () => {
    const order = JSON.parse('{"__proto__": {"order_number": "INHERITED"}}') as unknown;
    const payload = { ...JSON.parse(base), order, order_number: null } as PaymentSessionResult;
    expect(toLegacyPaymentSessionResult(payload).order_number).toBeNull();
    const inherited = Object.create({ order_number: "INHERITED" }) as unknown;
    expect(withLegacyFieldsPaymentSessionResult({ ...JSON.parse(base), order: inherited }).order_number).toBeNull();
  });
});

describe("the validators report legacy drift", () => {
  it("strict mode: an invalid payload with a legacy-drift issue at the legacy field", () => {
    fc.assert(
      fc.property(arbDrifting, (payload) => {
        const drift = legacyDriftPaymentSessionResult(payload);
        const result = validatePaymentSessionResult(payload);
        if (drift.length === 0) {
          expect(result.ok).toBe(true);
          return;
        }
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.issues.map((i) => [i.pointer, i.keyword])).toEqual(drift.map((d) => [d.legacyPointer, "legacy-drift"]));
      }),
      { numRuns: RUNS },
    );
  });

  it("tolerant mode: a valid payload with a legacy-drift warning", () => {
    const payload = { ...makePaymentSessionResultScenario("status=completed"), order_number: "ORD-1" };
    const result = validatePaymentSessionResult(payload, { mode: "tolerant" });
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      {
        pointer: "/order_number",
        keyword: "legacy-drift",
        message: 'legacy field "order_number" is "ORD-1" but its replacement /order/order_number is "ORD-104233"',
        expected: "ORD-104233",
      },
    ]);
    expect(validatePaymentSessionResult(makePaymentSessionResultScenario("status=completed"), { mode: "tolerant" }).warnings).toEqual([]);
  });
});
