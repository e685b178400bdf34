// A rejected payload costs work in proportion to what gets reported, never to what it claims to
// hold: a payload gets at most 1000 issues, whatever its shape, then one that says validation
// stopped. (An array of length 2^32-1 is a few bytes of JavaScript; reporting, or copying, each of
// its holes took the process down: it is refused as larger than any JSON a payload can be.)
import { PaymentSessionResultSchema, SessionResultResponseSchema } from "@org/payment-schemas";
import { isSessionResultResponse, validatePaymentSessionResult, validateSessionResultResponse } from "@org/payment-validators";
import { describe, expect, it } from "vitest";
import { withEveryObjectExtended } from "./cli-harness.js";

const LIMIT = 1000;

function issuesOf(result: { ok: boolean; issues?: readonly { pointer: string; keyword: string; message: string; expected?: unknown }[] }) {
  expect(result.ok).toBe(false);
  return result.issues!;
}

describe("issue limit", () => {
  it("reports the first 1000 issues of a long array of bad items, in order, then that it stopped", () => {
    const payments = Array.from({ length: 5000 }, (_, i) => ({ resultCode: 7, pspReference: i }));
    const issues = issuesOf(validateSessionResultResponse({ payments }));
    expect(issues).toHaveLength(LIMIT + 1);
    expect(issues.slice(0, 4).map((i) => `${i.pointer} ${i.keyword}`)).toEqual(["/payments/0/pspReference type", "/payments/0/resultCode type", "/payments/0/resultCode enum", "/payments/1/pspReference type"]);
    expect(issues.at(-1)).toEqual({ pointer: "", keyword: "maxIssues", message: "validation stopped after 1000 issues; there may be more", expected: { limit: LIMIT } });
  });

  it("refuses an array of length 2^32-1 with nothing in it at once, in both modes", () => {
    const payments: unknown[] = [];
    payments.length = 2 ** 32 - 1;
    for (const mode of ["strict", "tolerant"] as const) {
      const issues = issuesOf(validateSessionResultResponse({ payments }, { mode }));
      expect(issues).toEqual([{ pointer: "", keyword: "unreadable", message: expect.stringContaining("holds more than 16777216 values") }]);
    }
    expect(isSessionResultResponse({ payments })).toBe(false);
  });

  it("caps issues per payload, not per object: 5,000 unknown keys in every object still give 1000 issues", () => {
    const unknownKeys = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`unknown${i}`, i]));
    for (const [validate, example] of [
      [validatePaymentSessionResult, PaymentSessionResultSchema.examples[0]],
      [validateSessionResultResponse, SessionResultResponseSchema.examples[0]],
    ] as const) {
      const issues = issuesOf(validate(withEveryObjectExtended(example, unknownKeys)));
      expect(issues).toHaveLength(LIMIT + 1);
      expect(issues.filter((i) => i.keyword === "maxIssues")).toHaveLength(1);
      expect(issues.at(-1)).toMatchObject({ pointer: "", keyword: "maxIssues" });
    }
  });

  it("stops on an object with a million unknown keys", () => {
    const wide = Object.fromEntries(Array.from({ length: 1_000_000 }, (_, i) => [`k${i}`, i]));
    const issues = issuesOf(validatePaymentSessionResult(wide));
    expect(issues).toHaveLength(LIMIT + 1);
    expect(issues.filter((i) => i.keyword === "additionalProperties").length).toBeGreaterThan(LIMIT - 50);
    expect(issues.at(-1)).toMatchObject({ pointer: "", keyword: "maxIssues" });
  });

  it("leaves payloads with fewer issues alone", () => {
    const payments = Array.from({ length: 400 }, () => ({ resultCode: "Nope" }));
    const issues = issuesOf(validateSessionResultResponse({ payments }));
    expect(issues).toHaveLength(400);
    expect(issues.some((i) => i.keyword === "maxIssues")).toBe(false);
    // Unknown enum values of an extensible enum: tolerant mode accepts them all, with a warning each.
    const tolerant = validateSessionResultResponse({ payments }, { mode: "tolerant" });
    expect(tolerant.ok).toBe(true);
    expect(tolerant.warnings).toHaveLength(400);
  });
});
