// The public validator API, through the built package: results, issues, modes, and the promise
// that nothing but assertX throws, whatever the input.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PaymentSessionResultSchema, SessionResultResponseSchema } from "@org/payment-schemas";
import {
  PayloadValidationError,
  assertPaymentSessionResult,
  formatIssues,
  assertSessionResultResponse,
  isPaymentSessionResult,
  isSessionResultResponse,
  validatePaymentSessionResult,
  validateSessionResultResponse,
} from "@org/payment-validators";
import { describe, expect, it } from "vitest";

const gateway = (status = "completed") => structuredClone(PaymentSessionResultSchema.examples.find((e) => e.status === status)!) as Record<string, any>;
const adyen = (status = "completed") => structuredClone(SessionResultResponseSchema.examples.find((e) => e.status === status)!) as Record<string, any>;

describe("validateX", () => {
  it("accepts every schema example and returns what it judged, a plain copy equal to it, as the value", () => {
    for (const example of PaymentSessionResultSchema.examples) {
      const result = validatePaymentSessionResult(example);
      expect(result).toEqual({ ok: true, value: example, warnings: [] });
      expect(result.ok && result.value).not.toBe(example);
    }
    for (const example of SessionResultResponseSchema.examples) expect(validateSessionResultResponse(example).ok).toBe(true);
  });

  it("reports every issue with pointer, keyword, readable message and expected value", () => {
    const payload: Record<string, unknown> = { ...gateway(), status: "refunded", currency: "eur", session_token: 42 };
    delete payload.livemode;
    const result = validatePaymentSessionResult(payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(
      expect.arrayContaining([
        { pointer: "/status", keyword: "enum", message: "must be one of: completed, awaiting_verification, declined, failed", expected: ["completed", "awaiting_verification", "declined", "failed"] },
        { pointer: "/currency", keyword: "pattern", message: "must match the pattern ^[A-Z]{3}$", expected: "^[A-Z]{3}$" },
        { pointer: "/session_token", keyword: "type", message: "must be string", expected: "string" },
        { pointer: "/livemode", keyword: "required", message: 'required property "livemode" is missing', expected: "livemode" },
      ]),
    );
    expect(result.issues).toHaveLength(4);
  });

  it("says a nullable object of the wrong type must be object or null, once", () => {
    const result = validatePaymentSessionResult({ ...gateway(), order: "ORD-1" });
    expect(result.ok ? [] : result.issues).toEqual([{ pointer: "/order", keyword: "type", message: "must be object or null", expected: ["object", "null"] }]);
  });

  it("names the cross-field rule an issue breaks, in the words of the schema's condition", () => {
    const lines = (payload: Record<string, any>) => {
      const result = validatePaymentSessionResult(payload);
      return result.ok ? "" : formatIssues(result.issues);
    };
    expect(lines({ ...gateway("completed"), verification_url: "https://pay.example.com/v" })).toBe("/verification_url: must be null unless status is awaiting_verification");
    expect(lines({ ...gateway("awaiting_verification"), verification_url: null })).toBe("/verification_url: must be string when status is awaiting_verification");
    expect(lines({ ...gateway("completed"), error_details: gateway("declined").error_details })).toBe("/error_details: must be null unless status is declined or failed");
    // The field's own type is a separate issue, not merged into the rule's.
    expect(
      lines({ ...gateway("awaiting_verification"), verification_url: 5 })
        .split("\n")
        .sort(),
    ).toEqual(["/verification_url: must be string or null", "/verification_url: must be string when status is awaiting_verification"]);
  });

  it("points into nested models and arrays", () => {
    const payload = adyen();
    payload.payments[0].amount.value = 79.5;
    const result = validateSessionResultResponse(payload);
    expect(result.ok ? [] : result.issues.map((i) => [i.pointer, i.keyword])).toEqual([
      ["/payments/0/amount/value", "type"],
      ["/payments/0/amount/value", "format"],
    ]);
  });

  it("escapes keys in pointers per RFC 6901", () => {
    const result = validateSessionResultResponse({ "a/b~c": 1 });
    expect(result.ok ? [] : result.issues.map((i) => i.pointer)).toEqual(["/a~1b~0c"]);
  });
});

describe("tolerant mode", () => {
  it("accepts and keeps unknown properties", () => {
    const payload = { ...adyen(), sessionData: "Ab02b4c0!", payments: [{ ...adyen().payments[0], riskScore: 12 }] };
    expect(validateSessionResultResponse(payload).ok).toBe(false);
    const result = validateSessionResultResponse(payload, { mode: "tolerant" });
    expect(result).toEqual({ ok: true, value: payload, warnings: [] });
  });

  it("accepts unknown values of provider-extensible enums, as warnings", () => {
    const payload = { ...adyen(), status: "partiallyAuthorised", payments: [{ resultCode: "PartiallyAuthorised" }] };
    const result = validateSessionResultResponse(payload, { mode: "tolerant" });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => [w.pointer, w.keyword])).toEqual([
      ["/payments/0/resultCode", "enum"],
      ["/status", "enum"],
    ]);
  });

  it("says in each warning which value it accepted, and which values it knows", () => {
    const result = validateSessionResultResponse({ ...adyen(), status: "paymentReversed" }, { mode: "tolerant" });
    expect(formatIssues(result.warnings)).toBe('/status: unknown value "paymentReversed" accepted (known: active, canceled, completed, expired, paymentPending, refused)');
    expect(result.warnings[0]!.expected).toEqual(["active", "canceled", "completed", "expired", "paymentPending", "refused"]);
  });

  it("stays strict on everything else: types, formats, and enums the schema does not mark extensible", () => {
    expect(validateSessionResultResponse({ status: 3 }, { mode: "tolerant" }).ok).toBe(false);
    expect(validateSessionResultResponse({ payments: [{ amount: { currency: "EURO", value: 1 } }] }, { mode: "tolerant" }).ok).toBe(false);
    const result = validatePaymentSessionResult({ ...gateway(), status: "refunded", extra: true }, { mode: "tolerant" });
    expect(result.ok ? [] : result.issues.map((i) => i.pointer)).toEqual(["/status"]);
  });
});

describe("isX and assertX", () => {
  it("isX narrows on valid payloads only", () => {
    expect(isPaymentSessionResult(gateway())).toBe(true);
    expect(isPaymentSessionResult({ ...gateway(), amount: "79" })).toBe(false);
    expect(isSessionResultResponse({})).toBe(true);
    expect(isSessionResultResponse([])).toBe(false);
  });

  it("assertX throws PayloadValidationError with every issue", () => {
    expect(() => assertPaymentSessionResult(gateway())).not.toThrow();
    let caught: unknown;
    try {
      assertSessionResultResponse({ status: "done", id: 1 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PayloadValidationError);
    const error = caught as PayloadValidationError;
    expect(error.issues.map((i) => i.pointer).sort()).toEqual(["/id", "/status"]);
    expect(error.message).toContain("/status: must be one of: active, canceled, completed, expired, paymentPending, refused");
    expect(error.model).toBe("SessionResultResponse");
  });
});

describe("validators never throw", () => {
  const cyclic: Record<string, unknown> = { ...adyen() };
  cyclic.self = cyclic;
  const throwingGetter = Object.defineProperty({ ...adyen() }, "status", {
    enumerable: true,
    get() {
      throw new Error("getter exploded");
    },
  });
  const hostileProxy = new Proxy(
    {},
    {
      get() {
        throw new Error("proxy get");
      },
      ownKeys() {
        throw new Error("proxy ownKeys");
      },
      getPrototypeOf() {
        throw new Error("proxy prototype");
      },
    },
  );
  let deep: unknown = "leaf";
  for (let i = 0; i < 100_000; i++) deep = { payments: [deep] };
  const inputs: [string, unknown][] = [
    ["undefined", undefined],
    ["null", null],
    ["NaN", Number.NaN],
    ["BigInt", 10n],
    ["symbol", Symbol("x")],
    ["function", () => 1],
    ["cycle", cyclic],
    ["throwing getter", throwingGetter],
    ["hostile proxy", hostileProxy],
    ["100k-deep nesting", deep],
    ["10 MB string", "x".repeat(10_000_000)],
    ["huge array", { payments: new Array(100_000).fill({ resultCode: "Nope" }) }],
    ["__proto__ key", JSON.parse('{"__proto__": {"polluted": true}, "status": "active"}')],
  ];

  it.each(inputs)("%s", (_name, input) => {
    for (const mode of ["strict", "tolerant"] as const) {
      expect(() => validateSessionResultResponse(input, { mode })).not.toThrow();
      expect(() => validatePaymentSessionResult(input, { mode })).not.toThrow();
    }
    expect(() => isSessionResultResponse(input)).not.toThrow();
    expect(() => isPaymentSessionResult(input)).not.toThrow();
    try {
      assertPaymentSessionResult(input);
    } catch (error) {
      expect(error).toBeInstanceOf(PayloadValidationError);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reports an unreadable payload as an issue", () => {
    const result = validateSessionResultResponse(throwingGetter);
    expect(result.ok ? [] : result.issues).toEqual([{ pointer: "", keyword: "unreadable", message: "payload could not be read: getter exploded" }]);
  });
});

describe("the published package", () => {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve("@org/payment-validators/package.json"));
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));

  it("has no runtime dependency besides @org/payment-types", () => {
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(["@org/payment-types"]);
    expect(manifest.peerDependencies).toBeUndefined();
  });

  it("ships ESM with no require() and no import of ajv", () => {
    const esm = readFileSync(join(packageDir, "dist/index.js"), "utf8");
    expect(esm).not.toMatch(/(?<![\w$.])require\(/);
    expect(esm).not.toMatch(/from\s+["']ajv/);
    expect(esm).not.toMatch(/import\(["']ajv/);
  });

  it("works from CommonJS require and from ESM import in plain Node", () => {
    const payload = JSON.stringify(gateway());
    const cjs = execFileSync(process.execPath, ["-e", `const v = require("@org/payment-validators"); console.log(v.isPaymentSessionResult(${payload}), v.isPaymentSessionResult({}))`], { cwd: packageDir, encoding: "utf8" });
    expect(cjs.trim()).toBe("true false");
    const esm = execFileSync(process.execPath, ["--input-type=module", "-e", `import { isPaymentSessionResult } from "@org/payment-validators"; console.log(isPaymentSessionResult(${payload}), isPaymentSessionResult({}))`], {
      cwd: packageDir,
      encoding: "utf8",
    });
    expect(esm.trim()).toBe("true false");
  });
});
