// The fixtures' types: arbitraries, factories and scenarios are typed by the generated models.
import type {
  PaymentSessionResult,
  PaymentSessionResultAwaitingVerification,
  PaymentSessionResultCompleted,
  PaymentSessionResultDeclined,
  PaymentSessionResultFailed,
  PaymentSessionStatus,
  SessionResultResponse,
} from "@org/payment-types";
import { type DeepPartial, type PaymentSessionResultScenario, makePaymentSessionResult, makePaymentSessionResultScenario } from "@org/payment-fixtures";
import { arbPaymentSessionResult, arbitraries } from "@org/payment-fixtures/arbitraries";
import type fc from "fast-check";
import { describe, expectTypeOf, it } from "vitest";

describe("fixture types", () => {
  it("arbitraries produce the model types", () => {
    expectTypeOf(arbPaymentSessionResult).toEqualTypeOf<fc.Arbitrary<PaymentSessionResult>>();
    expectTypeOf(arbitraries.SessionResultResponse).toEqualTypeOf<fc.Arbitrary<SessionResultResponse>>();
  });

  it("factories take deep-partial overrides and return the model", () => {
    expectTypeOf(makePaymentSessionResult()).toEqualTypeOf<PaymentSessionResult>();
    expectTypeOf(makePaymentSessionResult({ amount: "1.00" })).toEqualTypeOf<PaymentSessionResult>();
    const overrides: DeepPartial<PaymentSessionResult> = { amount: "1.00" };
    expectTypeOf(makePaymentSessionResult(overrides)).toEqualTypeOf<PaymentSessionResult>();
    makePaymentSessionResult({ order: { order_number: "ORD-1" }, status: "declined" });
    // @ts-expect-error not a status
    makePaymentSessionResult({ status: "lost" });
  });

  it("a status override returns that variant", () => {
    expectTypeOf(makePaymentSessionResult({ status: "completed" })).toEqualTypeOf<PaymentSessionResultCompleted>();
    expectTypeOf(makePaymentSessionResult({ status: "awaiting_verification" })).toEqualTypeOf<PaymentSessionResultAwaitingVerification>();
    expectTypeOf(makePaymentSessionResult({ status: "declined", error_details: { code: "invalid_iban" } })).toEqualTypeOf<PaymentSessionResultDeclined>();
    expectTypeOf(makePaymentSessionResult({ status: "failed" })).toEqualTypeOf<PaymentSessionResultFailed>();
    expectTypeOf(makePaymentSessionResult({ status: "awaiting_verification" }).verification_url).toEqualTypeOf<string>();
    const status = "declined" as PaymentSessionStatus;
    expectTypeOf(makePaymentSessionResult({ status })).toEqualTypeOf<PaymentSessionResult>();
    // @ts-expect-error a completed result has no verification URL
    makePaymentSessionResult({ status: "completed", verification_url: "https://pay.example.com/verify" });
    // @ts-expect-error a completed result has no error details
    makePaymentSessionResult({ status: "completed", error_details: { code: "invalid_iban" } });
  });

  it("scenario names are a closed union", () => {
    expectTypeOf<"status=declined">().toExtend<PaymentSessionResultScenario>();
    expectTypeOf<"sepa.sequence_type=RCUR">().toExtend<PaymentSessionResultScenario>();
    expectTypeOf<"status=lost">().not.toExtend<PaymentSessionResultScenario>();
    expectTypeOf(makePaymentSessionResultScenario).returns.toEqualTypeOf<PaymentSessionResult>();
  });
});
