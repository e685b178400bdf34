// @org/payment-fixtures through its public names: every value an arbitrary produces validates
// (strict mode, all cross-field rules and legacy consistency), the arbitraries reach every case the
// schemas allow, and the factories and named scenarios give realistic, valid, fresh payloads.
import { PAYMENT_ERROR_CODES, PAYMENT_SESSION_STATUSES, SEPA_SEQUENCE_TYPES, SESSION_RESULT_STATUSES } from "@org/payment-types";
import { legacyDriftPaymentSessionResult } from "@org/payment-adapters";
import * as fixtures from "@org/payment-fixtures";
import { makePaymentSessionResult, makePaymentSessionResultScenario, makeSessionResultResponseScenario, paymentSessionResultScenarios, sessionResultResponseScenarios } from "@org/payment-fixtures";
import { arbitraries, arbPaymentSessionResult } from "@org/payment-fixtures/arbitraries";
import { schemas } from "@org/payment-schemas";
import { validatePaymentSessionResult, validateSessionResultResponse, validatorsByModel } from "@org/payment-validators";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule, { type FormatsPlugin } from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const RUNS = 500;
// ajv-formats is CommonJS: depending on the loader its plugin is the module or its `default`.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;

// Every model (nested ones too) checked against its own schema: Ajv, 2020-12, formats on. Our
// annotation keywords are not validation keywords, so strict mode is off for them only.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const schema of Object.values(schemas)) ajv.addSchema(schema as object);
const schemaValidator = (name: string) => ajv.getSchema((schemas as unknown as Record<string, { $id: string }>)[name]!.$id)!;
const modelNames = Object.keys(schemas);

describe("arbitraries", () => {
  it("exist for every named model", () => {
    expect(Object.keys(arbitraries).sort()).toEqual([...modelNames].sort());
  });

  for (const name of modelNames) {
    it(`${name}: every value validates against the model's schema`, () => {
      const validate = schemaValidator(name);
      fc.assert(
        fc.property(arbitraries[name as keyof typeof arbitraries] as fc.Arbitrary<unknown>, (value) => {
          if (!validate(value)) throw new Error(`${JSON.stringify(value)}\n${ajv.errorsText(validate.errors)}`);
        }),
        { numRuns: RUNS },
      );
    });
  }

  for (const [name, validate] of Object.entries(validatorsByModel)) {
    it(`${name}: every value passes the shipped strict validator (cross-field rules and legacy drift included)`, () => {
      fc.assert(
        fc.property(arbitraries[name as keyof typeof arbitraries] as fc.Arbitrary<unknown>, (value) => {
          const result = validate(value);
          if (!result.ok) throw new Error(`${JSON.stringify(value)}\n${JSON.stringify(result.issues)}`);
        }),
        { numRuns: RUNS * 2 },
      );
    });
  }

  it("PaymentSessionResult: reaches every status, both sides of each cross-field rule, and both nulls and values", () => {
    const seen = new Set<string>();
    for (const p of fc.sample(arbPaymentSessionResult, { numRuns: 2000, seed: 42 })) {
      seen.add(`status:${p.status}`);
      seen.add(`verification_url:${p.verification_url === null ? "null" : "string"}`);
      seen.add(`error_details:${p.error_details === null ? "null" : "object"}`);
      seen.add(`order:${p.order === null ? "null" : "object"}`);
      seen.add(`error:${p.error === null ? "null" : "string"}`);
      seen.add(`sequence_type:${String(p.sepa.sequence_type)}`);
      if (p.error_details) seen.add(`code:${p.error_details.code}`);
      expect(legacyDriftPaymentSessionResult(p)).toEqual([]);
    }
    const expected = [
      ...PAYMENT_SESSION_STATUSES.map((s) => `status:${s}`),
      "verification_url:null",
      "verification_url:string",
      "error_details:null",
      "error_details:object",
      "order:null",
      "order:object",
      "error:null",
      "error:string",
      ...[...SEPA_SEQUENCE_TYPES, "null"].map((s) => `sequence_type:${s}`),
      ...PAYMENT_ERROR_CODES.map((c) => `code:${c}`),
    ];
    expect([...seen].sort()).toEqual(expected.sort());
  });
});

describe("factories", () => {
  const factories = Object.entries(fixtures).filter(([name]) => /^make[A-Z]/.test(name) && !name.endsWith("Scenario")) as [string, (o?: unknown) => unknown][];

  it("exist for every object model and give its schema's first example, valid", () => {
    const objectModels = modelNames.filter((n) => (schemas as unknown as Record<string, { type?: string }>)[n]!.type === "object");
    expect(factories.map(([name]) => name.slice(4)).sort()).toEqual(objectModels.sort());
    for (const [name, make] of factories) {
      const model = name.slice(4);
      const value = make();
      expect(value).toEqual((schemas as unknown as Record<string, { examples: unknown[] }>)[model]!.examples[0]);
      expect(schemaValidator(model)(value)).toBe(true);
    }
  });

  it("deep-merge overrides, keep the cross-field rules by choosing a matching example, and stay valid", () => {
    const awaiting = makePaymentSessionResult({ status: "awaiting_verification", amount: "5.00" });
    expect(awaiting.verification_url).toMatch(/^https:/);
    expect(awaiting.amount).toBe("5.00");
    expect(validatePaymentSessionResult(awaiting).ok).toBe(true);

    const merged = makePaymentSessionResult({ payment_method: { holder_name: "Jane Roe" } });
    expect(merged.payment_method).toEqual({ ...makePaymentSessionResult().payment_method, holder_name: "Jane Roe" });
    expect(makePaymentSessionResult({ order: null }).order).toBeNull();
  });

  it("a status override gives a valid value of that status (the variant its overload is typed as)", () => {
    for (const status of PAYMENT_SESSION_STATUSES) {
      const value = makePaymentSessionResult({ status });
      expect(value.status).toBe(status);
      expect(validatePaymentSessionResult(value).ok, status).toBe(true);
    }
  });

  it("build a nested object from its own model's example where the chosen example has null", () => {
    const value = makePaymentSessionResult({ status: "awaiting_verification", order: { order_number: "ORD-9" } });
    expect(value.order).toEqual({ ...fixtures.makeOrderSummary(), order_number: "ORD-9" });
    // The legacy field follows its replacement, so the payload stays valid in strict mode.
    expect(value.order_number).toBe("ORD-9");
    expect(validatePaymentSessionResult(value).ok).toBe(true);
  });

  it("keep an explicitly overridden legacy field, to build drift on purpose", () => {
    const drifting = makePaymentSessionResult({ order_number: "OTHER" });
    expect(drifting.order_number).toBe("OTHER");
    expect(validatePaymentSessionResult(drifting)).toMatchObject({ ok: false, issues: [{ pointer: "/order_number", keyword: "legacy-drift" }] });
  });

  it("return fresh objects and never let __proto__ overrides reach a prototype", () => {
    const a = makePaymentSessionResult();
    a.payment_method.holder_name = "changed";
    expect(makePaymentSessionResult().payment_method.holder_name).toBe("Erika Mustermann");
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "order": {"__proto__": {"polluted": true}}}') as Record<string, unknown>;
    const value = makePaymentSessionResult(hostile as never) as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("named scenarios", () => {
  it("PaymentSessionResult: each status, each SEPA sequence type (RCUR: a recurring rebill), a declined or failed payment for each error code", () => {
    expect(Object.keys(paymentSessionResultScenarios).sort()).toEqual(
      [...PAYMENT_SESSION_STATUSES.map((s) => `status=${s}`), ...SEPA_SEQUENCE_TYPES.map((s) => `sepa.sequence_type=${s}`), ...PAYMENT_ERROR_CODES.map((c) => `error_details.code=${c}`)].sort(),
    );
    for (const status of PAYMENT_SESSION_STATUSES) expect(makePaymentSessionResultScenario(`status=${status}`).status).toBe(status);
    const rebill = makePaymentSessionResultScenario("sepa.sequence_type=RCUR");
    expect(rebill.sepa.sequence_type).toBe("RCUR");
    expect(rebill.transaction?.type).toBe("sdd_rebill");
    for (const code of PAYMENT_ERROR_CODES) {
      const payment = makePaymentSessionResultScenario(`error_details.code=${code}`);
      expect(payment.error_details?.code).toBe(code);
      expect(["declined", "failed"]).toContain(payment.status);
      expect(payment.error).toBe(payment.error_details?.message);
    }
  });

  it("SessionResultResponse: each status", () => {
    expect(Object.keys(sessionResultResponseScenarios).sort()).toEqual(SESSION_RESULT_STATUSES.map((s) => `status=${s}`).sort());
  });

  it("every scenario validates in strict mode, with and without overrides", () => {
    for (const name of Object.keys(paymentSessionResultScenarios) as (keyof typeof paymentSessionResultScenarios)[]) {
      expect(validatePaymentSessionResult(makePaymentSessionResultScenario(name)), name).toMatchObject({ ok: true });
      const custom = makePaymentSessionResultScenario(name, { amount: "1.00", order: { order_number: "ORD-X" } });
      expect(custom.amount).toBe("1.00");
      expect(validatePaymentSessionResult(custom), name).toMatchObject({ ok: true });
    }
    for (const name of Object.keys(sessionResultResponseScenarios) as (keyof typeof sessionResultResponseScenarios)[]) {
      expect(validateSessionResultResponse(makeSessionResultResponseScenario(name)), name).toMatchObject({ ok: true });
    }
  });

  it("reject an unknown scenario name", () => {
    expect(() => makePaymentSessionResultScenario("status=lost" as never)).toThrow(/unknown PaymentSessionResult scenario "status=lost"/);
  });
});
