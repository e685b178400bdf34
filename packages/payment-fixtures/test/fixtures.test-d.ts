// The fixtures' types: arbitraries, factories and scenarios are typed by the generated models.
import type { PaymentSessionResult, SessionResultResponse } from "@org/payment-types";
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
    expectTypeOf(makePaymentSessionResult).parameter(0).toEqualTypeOf<DeepPartial<PaymentSessionResult> | undefined>();
    expectTypeOf(makePaymentSessionResult).returns.toEqualTypeOf<PaymentSessionResult>();
    makePaymentSessionResult({ order: { order_number: "ORD-1" }, status: "declined" });
    // @ts-expect-error not a status
    makePaymentSessionResult({ status: "lost" });
  });

  it("scenario names are a closed union", () => {
    expectTypeOf<"status=declined">().toExtend<PaymentSessionResultScenario>();
    expectTypeOf<"sepa.sequence_type=RCUR">().toExtend<PaymentSessionResultScenario>();
    expectTypeOf<"status=lost">().not.toExtend<PaymentSessionResultScenario>();
    expectTypeOf(makePaymentSessionResultScenario).returns.toEqualTypeOf<PaymentSessionResult>();
  });
});
