// The throughput comparison is only fair if every competitor enforces the same rules. Each must give
// the expected verdict on every benchmark payload; must accept every value the fixtures' arbitraries
// generate from the schemas (optional fields, nulls, odd strings the examples never show) and reject
// every schema-derived mutation of a rule it claims; and the hand-written guards (which claim the
// exact rules of the schemas) must agree with Ajv on thousands of edited payloads too.
import { arbPaymentSessionResult, arbSessionResultResponse } from "@org/payment-fixtures/arbitraries";
import { PaymentSessionResultSchema, SessionResultResponseSchema } from "@org/payment-schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { edited } from "../../../test/support/json-edits.js";
import { compileAjv } from "../src/competitors/ajv-runtime.js";
import { isPaymentSessionResultByHand, isSessionResultResponseByHand } from "../src/competitors/hand-guards.js";
import { competitors } from "../src/competitors/index.js";
import { MODELS, type ModelName, PAYLOAD_KINDS, payloads } from "../src/payloads.js";
import { type Mutation, mutations } from "./schema-mutations.js";

describe("every competitor on the benchmark payloads", () => {
  for (const competitor of competitors()) {
    it(competitor.label, () => {
      for (const model of MODELS) {
        for (const kind of PAYLOAD_KINDS) {
          const verdicts = payloads(model, kind).map((p) => competitor.check[model](p));
          expect(verdicts, `${model}, ${kind}`).toEqual(verdicts.map(() => kind === "valid"));
        }
      }
    });
  }
});

describe("every competitor on the fixtures' arbitraries", () => {
  const ajv = compileAjv(true);
  const arbitraries: Record<ModelName, fc.Arbitrary<unknown>> = { PaymentSessionResult: arbPaymentSessionResult, SessionResultResponse: arbSessionResultResponse };
  const valid = Object.fromEntries(MODELS.map((model) => [model, fc.sample(arbitraries[model], { numRuns: 150, seed: 19 })])) as Record<ModelName, unknown[]>;
  // Only the mutations the schemas reject (Ajv says so): a broken anyOf branch may leave another.
  const invalid = Object.fromEntries(MODELS.map((model) => [model, valid[model].flatMap((payload) => mutations(model, payload)).filter((m) => !ajv[model](m.payload))])) as Record<ModelName, Mutation[]>;

  it("generates valid values and mutations of every kind of rule", () => {
    for (const model of MODELS)
      expect(
        valid[model].filter((payload) => !ajv[model](payload)),
        model,
      ).toEqual([]);
    const kinds = new Set(MODELS.flatMap((model) => invalid[model].map((m) => m.kind)));
    expect([...kinds].sort()).toEqual(["closed-object", "enum", "extensible-enum", "format", "length", "pattern", "range", "required", "type"]);
  });

  for (const competitor of competitors()) {
    it(`${competitor.label}: accepts every generated value`, () => {
      for (const model of MODELS) {
        const rejected = valid[model].filter((payload) => !competitor.check[model](payload));
        expect(rejected.length, `${model}: ${rejected.length} of ${valid[model].length} valid values rejected, e.g. ${JSON.stringify(rejected[0])}`).toBe(0);
      }
    });

    it(`${competitor.label}: rejects every mutation of a rule it claims`, () => {
      for (const model of MODELS) {
        const held = invalid[model].filter((m) => !competitor.waives?.includes(m.kind));
        const accepted = held.filter((m) => competitor.check[model](m.payload));
        expect(
          accepted.length,
          `${model}: ${accepted.length} of ${held.length} invalid payloads accepted, e.g. ${accepted
            .slice(0, 5)
            .map((m) => `${m.kind} ${m.label}`)
            .join("; ")}`,
        ).toBe(0);
      }
    });
  }
});

const NEAR_MISSES = [
  null,
  "",
  "x",
  0,
  1.5,
  -1,
  true,
  {},
  [],
  "pending",
  "declined",
  "awaiting_verification",
  "Refused",
  "79",
  "79.00",
  "EUR",
  "eur",
  "FRST",
  "2026-02-30",
  "2026-11-23T09:14:07Z",
  "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f",
  "DEUTDEFF",
  "DE",
  "3000",
  "A".repeat(36),
  2 ** 63,
  7900,
];

describe("the hand-written guards enforce exactly the schemas' rules", () => {
  const ajv = compileAjv(true);
  const cases = [
    ["PaymentSessionResult", PaymentSessionResultSchema.examples, isPaymentSessionResultByHand],
    ["SessionResultResponse", SessionResultResponseSchema.examples, isSessionResultResponseByHand],
  ] as const;
  for (const [model, examples, guard] of cases) {
    it(`${model}: same answer as Ajv on edited examples`, () => {
      const seen = { valid: 0, invalid: 0 };
      fc.assert(
        fc.property(
          fc.oneof(
            fc.constantFrom(...(examples as readonly unknown[])),
            fc.constantFrom(...(examples as readonly unknown[])).chain((example) => edited(example, { values: fc.constantFrom(...NEAR_MISSES), keys: ["extra"] })),
          ),
          (payload) => {
            const expected = ajv[model](payload);
            seen[expected ? "valid" : "invalid"]++;
            return guard(payload) === expected;
          },
        ),
        { numRuns: 5000 },
      );
      expect(seen.valid).toBeGreaterThan(100);
      expect(seen.invalid).toBeGreaterThan(100);
    });
  }
});
