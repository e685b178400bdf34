// The fast path: the generated guard of every model must give exactly the answer of the Ajv code it
// stands in for (strict mode), and in tolerant mode accept only payloads Ajv's tolerant code accepts
// (exactly its answers when tolerant mode has guards of its own). Inputs are the schemas' examples,
// edits of them at every depth (values replaced from a vocabulary of near-misses, keys removed or
// added) and arbitrary JSON. Then the public validators on inputs no JSON parser produces: they
// never throw, and `isX` always agrees with `validateX`.
import { PaymentSessionResultSchema, SessionResultResponseSchema } from "@org/payment-schemas";
import * as api from "@org/payment-validators";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompiledGuard, CompiledValidator } from "../src/compiled.js";
import { edited } from "../../../test/support/json-edits.js";
import * as compiled from "../src/generated/standalone.js";

const MODELS = {
  PaymentSessionResult: PaymentSessionResultSchema,
  SessionResultResponse: SessionResultResponseSchema,
} as const;
type Model = keyof typeof MODELS;

function pieces(model: Model) {
  const get = <T>(name: string): T => (compiled as unknown as Record<string, T>)[name] as T;
  return {
    strict: get<CompiledValidator>(`strict${model}`),
    tolerant: get<CompiledValidator>(`tolerant${model}`),
    fastStrict: get<CompiledGuard | undefined>(`fastStrict${model}`),
    fastTolerant: get<CompiledGuard | undefined>(`fastTolerant${model}`),
  };
}

// Every leaf value of every example, the enum values, and values just outside each rule.
function leavesOf(value: unknown, into: Set<unknown>): Set<unknown> {
  if (value !== null && typeof value === "object") for (const child of Object.values(value)) leavesOf(child, into);
  else into.add(value);
  return into;
}
const vocabulary = [
  ...leavesOf(
    Object.values(MODELS).map((schema) => schema.examples),
    new Set(),
  ),
  "pending",
  "awaiting_verification",
  "declined",
  "failed",
  "completed",
  "Authorised",
  "Refused",
  "paymentPending",
  "FRST",
  "RCUR",
  "OOFF",
  "insufficient_funds",
  "79",
  "079.00",
  "79.0",
  "-79.00",
  "eur",
  "EURO",
  "DEUTDEFFXXX",
  "DEUTDEF",
  "DE",
  "D",
  "3000",
  "30001",
  "2026-02-29",
  "2028-02-29",
  "2026-11-23T09:14:07",
  "2026-11-23t09:14:07z",
  "2026-11-23 09:14:07+01:00",
  "2026-11-23T24:00:00Z",
  "6F1C2D3E-4B5A-4C7D-8E9F-0A1B2C3D4E5F",
  "urn:uuid:6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f",
  "6f1c2d3e4b5a4c7d8e9f0a1b2c3d4e5f",
  "DE98ZZZ09999999999",
  "A".repeat(35),
  "A".repeat(36),
  "😀😀😀",
  "€€",
  "\ud800\ud800\ud800",
  "",
  0,
  -0,
  1,
  7900,
  1.5,
  -1,
  2 ** 53,
  2 ** 63,
  -(2 ** 63),
  1e300,
  true,
  false,
  null,
  {},
  [],
];
const KEYS = ["status", "id", "amount", "value", "currency", "payments", "additionalData", "lead", "order", "verification_url", "error_details", "extra", "Status", ""];

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.constantFrom(...vocabulary), fc.jsonValue({ maxDepth: 2 }), fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 3 })),
})).value;

function inputs(model: Model): fc.Arbitrary<unknown> {
  const examples = MODELS[model].examples as readonly unknown[];
  const other = Object.values(MODELS).flatMap((schema) => schema.examples as readonly unknown[]);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...examples, ...other) },
    { weight: 6, arbitrary: fc.constantFrom(...examples).chain((example) => edited(example, { values: value, keys: KEYS, maxEdits: 3 })) },
    { weight: 1, arbitrary: value },
  );
}

const RUNS = 25_000;

describe("generated guards against the Ajv code they stand in for", () => {
  for (const model of Object.keys(MODELS) as Model[]) {
    const { strict, tolerant, fastStrict, fastTolerant } = pieces(model);

    it(`${model}: every model has a strict guard`, () => {
      expect(fastStrict).toBeTypeOf("function");
      expect(fastTolerant).toBeTypeOf("function");
    });

    it(`${model}: the strict guard gives Ajv's answer on every input (both answers common)`, () => {
      const seen = { valid: 0, invalid: 0 };
      fc.assert(
        fc.property(inputs(model), (data) => {
          const expected = strict(data);
          seen[expected ? "valid" : "invalid"]++;
          return fastStrict!(data) === expected;
        }),
        { numRuns: RUNS },
      );
      expect(seen.valid).toBeGreaterThan(RUNS / 50);
      expect(seen.invalid).toBeGreaterThan(RUNS / 50);
    });

    it(`${model}: tolerant mode's fast path accepts only what tolerant Ajv accepts${fastTolerant === fastStrict ? " (the strict guard stands in)" : ", exactly"}`, () => {
      fc.assert(
        fc.property(inputs(model), (data) => {
          const expected = tolerant(data);
          const fast = fastTolerant!(data);
          return fastTolerant === fastStrict ? !fast || expected : fast === expected;
        }),
        { numRuns: RUNS },
      );
    });
  }
});

// Values a JSON parser never produces, all of which a validator must survive.
function hostile(model: Model): unknown[] {
  const example = structuredClone(MODELS[model].examples[0]) as Record<string, unknown>;
  const throwingGetter = Object.defineProperty({ ...example }, "status", {
    enumerable: true,
    get: () => {
      throw new Error("getter");
    },
  });
  const throwingNested = {
    ...example,
    [model === "PaymentSessionResult" ? "adapter" : "payments"]: new Proxy(
      {},
      {
        get: () => {
          throw new Error("trap");
        },
      },
    ),
  };
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const ownKeysTrap = new Proxy(
    { ...example },
    {
      ownKeys: () => {
        throw new Error("ownKeys");
      },
    },
  );
  const cyclic: Record<string, unknown> = { ...example };
  cyclic.self = cyclic;
  const deep: Record<string, unknown> = { ...example };
  deep.lead = deep;
  return [
    throwingGetter,
    throwingNested,
    revoked.proxy,
    ownKeysTrap,
    cyclic,
    deep,
    { ...example, status: 10n },
    10n,
    Symbol("s"),
    { ...example, [Symbol("k")]: 1 },
    Object.assign(Object.create(null), example),
    Object.assign(Object.create({ status: "completed" }), example),
    new Date(),
    new Map(),
    [example],
    Object.freeze({ ...example }),
    () => example,
    undefined,
    NaN,
    new (class Payment {
      status = "completed";
    })(),
    new Proxy(example, {}),
  ];
}

describe("the public validators on hostile inputs", () => {
  const validators = {
    PaymentSessionResult: { validate: api.validatePaymentSessionResult, is: api.isPaymentSessionResult },
    SessionResultResponse: { validate: api.validateSessionResultResponse, is: api.isSessionResultResponse },
  } as const;
  for (const model of Object.keys(MODELS) as Model[]) {
    it(`${model}: never throw, and isX agrees with validateX`, () => {
      const { validate, is } = validators[model];
      for (const input of hostile(model)) {
        let strictOk: boolean | undefined;
        expect(() => {
          strictOk = validate(input).ok;
        }).not.toThrow();
        expect(() => validate(input, { mode: "tolerant" })).not.toThrow();
        expect(is(input)).toBe(strictOk);
      }
    });

    it(`${model}: isX agrees with validateX on generated inputs`, () => {
      const { validate, is } = validators[model];
      fc.assert(
        fc.property(inputs(model), (data) => is(data) === validate(data).ok),
        { numRuns: 5_000 },
      );
    });
  }

  it("a payload that throws while being read is reported, not thrown", () => {
    const input = Object.defineProperty({}, "status", {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
    const result = api.validatePaymentSessionResult(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]).toMatchObject({ pointer: "", keyword: "unreadable" });
  });
});
