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
import type { PaymentSessionResult, PaymentSessionResultAwaitingVerification, PaymentSessionResultCompleted, PaymentSessionResultDeclined, PaymentSessionStatus } from "@org/payment-types";
import { describe, expectTypeOf, it } from "vitest";

describe("legacy adapter types", () => {
  it("LegacyPaymentSessionResult: the flat fields and the legacy fields, nothing nested", () => {
    expectTypeOf<keyof LegacyPaymentSessionResult>().toEqualTypeOf<
      "amount" | "created_at" | "currency" | "livemode" | "object" | "processed_at" | "session_token" | "status" | "error" | "order_number" | "retry_allowed" | "verification_url"
    >();
    expectTypeOf<LegacyPaymentSessionResult["order_number"]>().toEqualTypeOf<string | null>();
    expectTypeOf<LegacyPaymentSessionResult["status"]>().toEqualTypeOf<PaymentSessionStatus>();
    expectTypeOf(toLegacyPaymentSessionResult).returns.toEqualTypeOf<LegacyPaymentSessionResult>();
    expectTypeOf<LegacyPaymentSessionResult["verification_url"]>().toEqualTypeOf<string | null>();
  });

  it("withoutLegacyFields: typed without any legacy key", () => {
    expectTypeOf<PaymentSessionResultWithoutLegacyFields>().not.toHaveProperty("order_number");
    expectTypeOf<PaymentSessionResultWithoutLegacyFields>().not.toHaveProperty("verification_url");
    expectTypeOf<PaymentSessionResultWithoutLegacyFields>().toHaveProperty("order");
    expectTypeOf(withoutLegacyFieldsPaymentSessionResult).returns.toEqualTypeOf<PaymentSessionResultWithoutLegacyFields>();
  });

  it("withLegacyFields: accepts a payload without the replaced legacy keys and returns the full model", () => {
    expectTypeOf<Omit<PaymentSessionResultCompleted, "order_number" | "error">>().toExtend<CanonicalPaymentSessionResult>();
    expectTypeOf<Omit<PaymentSessionResultDeclined, "order_number" | "error">>().toExtend<CanonicalPaymentSessionResult>();
    expectTypeOf<Omit<PaymentSessionResultCompleted, "retry_allowed">>().not.toExtend<CanonicalPaymentSessionResult>();
    expectTypeOf(withLegacyFieldsPaymentSessionResult).returns.toEqualTypeOf<PaymentSessionResult>();
  });

  it("keeps the variants of PaymentSessionResult apart: each function answers with the variant it was given", () => {
    const completed = {} as CanonicalPaymentSessionResult<PaymentSessionResultCompleted>;
    const awaiting = {} as PaymentSessionResultAwaitingVerification;
    expectTypeOf(withLegacyFieldsPaymentSessionResult(completed)).toEqualTypeOf<PaymentSessionResultCompleted>();
    expectTypeOf(withLegacyFieldsPaymentSessionResult(awaiting).verification_url).toEqualTypeOf<string>();
    expectTypeOf(toLegacyPaymentSessionResult(awaiting).verification_url).toEqualTypeOf<string>();
    expectTypeOf(toLegacyPaymentSessionResult(completed).verification_url).toEqualTypeOf<null>();
    expectTypeOf(toLegacyPaymentSessionResult(completed).error).toEqualTypeOf<string | null>();
    expectTypeOf(withoutLegacyFieldsPaymentSessionResult(completed).error_details).toEqualTypeOf<null>();
    expectTypeOf(withoutLegacyFieldsPaymentSessionResult(completed)).toEqualTypeOf<PaymentSessionResultWithoutLegacyFields<PaymentSessionResultCompleted>>();
    const any = {} as CanonicalPaymentSessionResult;
    expectTypeOf(withLegacyFieldsPaymentSessionResult(any)).toEqualTypeOf<PaymentSessionResult>();
    const r = withoutLegacyFieldsPaymentSessionResult(any);
    if (r.status === "completed") expectTypeOf(r.error_details).toEqualTypeOf<null>();
    // @ts-expect-error a completed result has no verification URL, canonical or not
    const broken: CanonicalPaymentSessionResult = { ...completed, verification_url: "https://pay.example.com/verify" };
    void broken;
    expectTypeOf<PaymentSessionStatus>().toEqualTypeOf<PaymentSessionResult["status"]>();
  });

  it("legacyDrift: accepts anything and lists drifts", () => {
    expectTypeOf(legacyDriftPaymentSessionResult).parameter(0).toBeUnknown();
    expectTypeOf(legacyDriftPaymentSessionResult).returns.toEqualTypeOf<LegacyDrift[]>();
  });
});
