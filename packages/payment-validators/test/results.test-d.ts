// How validation results are typed: strict results carry the exact model, tolerant ones the
// tolerant model, so a consumer's exhaustive switch must handle unrecognized provider values.
import type { PaymentSessionResult, SessionResultResponse } from "@org/payment-types";
import type { TolerantSessionResultResponse, TolerantSessionResultStatus } from "@org/payment-types/tolerant";
import { type ValidationIssue, type ValidationResult, assertPaymentSessionResult, isSessionResultResponse, validateSessionResultResponse } from "@org/payment-validators";
import { describe, expectTypeOf, it } from "vitest";

describe("validator result types", () => {
  it("strict by default, tolerant on request", () => {
    expectTypeOf(validateSessionResultResponse({})).toEqualTypeOf<ValidationResult<SessionResultResponse>>();
    expectTypeOf(validateSessionResultResponse({}, { mode: "strict" })).toEqualTypeOf<ValidationResult<SessionResultResponse>>();
    expectTypeOf(validateSessionResultResponse({}, { mode: "tolerant" })).toEqualTypeOf<ValidationResult<TolerantSessionResultResponse>>();
  });
  it("narrows on ok", () => {
    const result = validateSessionResultResponse({}, { mode: "tolerant" });
    if (result.ok) {
      expectTypeOf(result.value.status).toEqualTypeOf<TolerantSessionResultStatus | undefined>();
    } else {
      expectTypeOf(result.issues).toEqualTypeOf<readonly ValidationIssue[]>();
    }
  });
  it("isX and assertX narrow unknown data", () => {
    const data: unknown = {};
    if (isSessionResultResponse(data)) expectTypeOf(data).toEqualTypeOf<SessionResultResponse>();
    const other: unknown = {};
    assertPaymentSessionResult(other);
    expectTypeOf(other).toEqualTypeOf<PaymentSessionResult>();
  });
});
