// How validation results are typed: strict results carry the exact model, tolerant ones the
// tolerant model, so a consumer's exhaustive switch must handle unrecognized provider values.
import type { ErrorDetails, PaymentSessionResult, SessionResultResponse } from "@org/payment-types";
import type { TolerantErrorDetails, TolerantSessionResultResponse, TolerantSessionResultStatus } from "@org/payment-types/tolerant";
import { type ValidationIssue, type ValidationResult, assertPaymentSessionResult, isPaymentSessionResult, isSessionResultResponse, validatePaymentSessionResult, validateSessionResultResponse } from "@org/payment-validators";
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

  it("a validated PaymentSessionResult narrows on status (the schema's cross-field rules are in its type)", () => {
    const data: unknown = {};
    if (isPaymentSessionResult(data)) {
      if (data.status === "awaiting_verification") expectTypeOf(data.verification_url).toEqualTypeOf<string>();
      else expectTypeOf(data.verification_url).toEqualTypeOf<null>();
    }
    const other: unknown = {};
    assertPaymentSessionResult(other);
    if (other.status === "completed") expectTypeOf(other.error_details).toEqualTypeOf<null>();
    const strict = validatePaymentSessionResult({});
    if (strict.ok && strict.value.status === "declined") expectTypeOf(strict.value.error_details).toEqualTypeOf<ErrorDetails | null>();
    const tolerant = validatePaymentSessionResult({}, { mode: "tolerant" });
    if (tolerant.ok) {
      if (tolerant.value.status === "failed") expectTypeOf(tolerant.value.error_details).toEqualTypeOf<TolerantErrorDetails | null>();
      if (tolerant.value.status === "awaiting_verification") expectTypeOf(tolerant.value.verification_url).toEqualTypeOf<string>();
    }
  });
});
