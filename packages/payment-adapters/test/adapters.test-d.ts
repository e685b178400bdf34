// The types the adapters speak, as a consumer's compiler sees them.
import {
  type CanonicalPaymentSessionResult,
  type LegacyDrift,
  type LegacyPaymentSessionResult,
  type PaymentSessionResultWithoutLegacyFields,
  legacyDriftPaymentSessionResult,
  toLegacyPaymentSessionResult,
  withLegacyFieldsPaymentSessionResult,
  withoutLegacyFieldsPaymentSessionResult,
} from "@org/payment-adapters";
import type { PaymentSessionResult, PaymentSessionStatus } from "@org/payment-types";
import { describe, expectTypeOf, it } from "vitest";

describe("legacy adapter types", () => {
  it("LegacyPaymentSessionResult: the flat fields and the legacy fields, nothing nested", () => {
    expectTypeOf<keyof LegacyPaymentSessionResult>().toEqualTypeOf<
      "amount" | "created_at" | "currency" | "livemode" | "object" | "processed_at" | "session_token" | "status" | "error" | "order_number" | "retry_allowed" | "verification_url"
    >();
    expectTypeOf<LegacyPaymentSessionResult["order_number"]>().toEqualTypeOf<string | null>();
    expectTypeOf<LegacyPaymentSessionResult["status"]>().toEqualTypeOf<PaymentSessionStatus>();
    expectTypeOf(toLegacyPaymentSessionResult).returns.toEqualTypeOf<LegacyPaymentSessionResult>();
  });

  it("withoutLegacyFields: typed without any legacy key", () => {
    expectTypeOf<PaymentSessionResultWithoutLegacyFields>().not.toHaveProperty("order_number");
    expectTypeOf<PaymentSessionResultWithoutLegacyFields>().not.toHaveProperty("verification_url");
    expectTypeOf<PaymentSessionResultWithoutLegacyFields>().toHaveProperty("order");
    expectTypeOf(withoutLegacyFieldsPaymentSessionResult).returns.toEqualTypeOf<PaymentSessionResultWithoutLegacyFields>();
  });

  it("withLegacyFields: accepts a payload without the replaced legacy keys and returns the full model", () => {
    expectTypeOf<Omit<PaymentSessionResult, "order_number" | "error">>().toExtend<CanonicalPaymentSessionResult>();
    expectTypeOf<Omit<PaymentSessionResult, "retry_allowed">>().not.toExtend<CanonicalPaymentSessionResult>();
    expectTypeOf(withLegacyFieldsPaymentSessionResult).returns.toEqualTypeOf<PaymentSessionResult>();
  });

  it("legacyDrift: accepts anything and lists drifts", () => {
    expectTypeOf(legacyDriftPaymentSessionResult).parameter(0).toBeUnknown();
    expectTypeOf(legacyDriftPaymentSessionResult).returns.toEqualTypeOf<LegacyDrift[]>();
  });
});
