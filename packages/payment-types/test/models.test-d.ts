// Pins the important shapes of the generated types: nullability, optionality, enums, tolerant
// typing, and agreement between the json-schema-to-typescript and openapi-typescript outputs.
import {
  type Amount,
  type ErrorDetails,
  type Payment,
  PAYMENT_ERROR_CODES,
  PAYMENT_SESSION_STATUSES,
  type PaymentErrorCode,
  type PaymentSessionResult,
  type PaymentSessionStatus,
  SEPA_SEQUENCE_TYPES,
  SESSION_RESULT_STATUSES,
  type SepaDetails,
  type SepaSequenceType,
  type SessionResultResponse,
  type SessionResultStatus,
} from "@org/payment-types";
import type { components, paths } from "@org/payment-types/openapi";
import type { TolerantPaymentSessionResult, TolerantSessionResultResponse, TolerantSessionResultStatus, UnrecognizedEnumValue } from "@org/payment-types/tolerant";
import { describe, expectTypeOf, it } from "vitest";

describe("SessionResultResponse", () => {
  it("has only optional properties", () => {
    expectTypeOf<{}>().toExtend<SessionResultResponse>();
    expectTypeOf<SessionResultResponse["status"]>().toEqualTypeOf<SessionResultStatus | undefined>();
    expectTypeOf<SessionResultResponse["payments"]>().toEqualTypeOf<Payment[] | undefined>();
    expectTypeOf<SessionResultResponse["additionalData"]>().toEqualTypeOf<{ [k: string]: string } | undefined>();
    expectTypeOf<Payment["amount"]>().toEqualTypeOf<Amount | undefined>();
  });
  it("Amount requires both fields", () => {
    expectTypeOf<Amount>().toEqualTypeOf<{ currency: string; value: number }>();
  });
  it("status is a literal union of six values, also available at runtime", () => {
    expectTypeOf<SessionResultStatus>().toEqualTypeOf<"active" | "canceled" | "completed" | "expired" | "paymentPending" | "refused">();
    expectTypeOf(SESSION_RESULT_STATUSES).toEqualTypeOf<readonly ["active", "canceled", "completed", "expired", "paymentPending", "refused"]>();
  });
});

describe("PaymentSessionResult", () => {
  it("has every key required, with | null exactly where the schema is nullable", () => {
    expectTypeOf<PaymentSessionResult["amount"]>().toEqualTypeOf<string | null>();
    expectTypeOf<PaymentSessionResult["error_details"]>().toEqualTypeOf<ErrorDetails | null>();
    expectTypeOf<PaymentSessionResult["livemode"]>().toEqualTypeOf<boolean>();
    expectTypeOf<PaymentSessionResult["retry_allowed"]>().toEqualTypeOf<boolean | null>();
    expectTypeOf<PaymentSessionResult["status"]>().toEqualTypeOf<PaymentSessionStatus>();
    expectTypeOf<SepaDetails["sequence_type"]>().toEqualTypeOf<SepaSequenceType | null>();
    expectTypeOf<ErrorDetails["message"]>().toEqualTypeOf<string>();
    // @ts-expect-error every key is required
    const partial: PaymentSessionResult = { status: "completed" };
    void partial;
  });
  it("enums are literal unions with runtime arrays of the same values", () => {
    expectTypeOf<PaymentSessionStatus>().toEqualTypeOf<"completed" | "awaiting_verification" | "declined" | "failed">();
    expectTypeOf<(typeof PAYMENT_SESSION_STATUSES)[number]>().toEqualTypeOf<PaymentSessionStatus>();
    expectTypeOf<(typeof PAYMENT_ERROR_CODES)[number]>().toEqualTypeOf<PaymentErrorCode>();
    expectTypeOf<(typeof SEPA_SEQUENCE_TYPES)[number]>().toEqualTypeOf<SepaSequenceType>();
  });
});

describe("OpenAPI types agree with the schema types", () => {
  type OpenapiPSR = components["schemas"]["PaymentSessionResult"];
  type OpenapiSRR = components["schemas"]["SessionResultResponse"];
  it("PaymentSessionResult is mutually assignable", () => {
    expectTypeOf<PaymentSessionResult>().toExtend<OpenapiPSR>();
    expectTypeOf<OpenapiPSR>().toExtend<PaymentSessionResult>();
  });
  it("SessionResultResponse is mutually assignable", () => {
    expectTypeOf<SessionResultResponse>().toExtend<OpenapiSRR>();
    expectTypeOf<OpenapiSRR>().toExtend<SessionResultResponse>();
  });
  it("operations answer with the models", () => {
    type PayResponse = paths["/pay/"]["post"]["responses"][200]["content"]["application/json"];
    type VerifyResponse = paths["/verify/"]["post"]["responses"][200]["content"]["application/json"];
    type SessionResponse = paths["/sessions/{sessionId}"]["get"]["responses"][200]["content"]["application/json"];
    expectTypeOf<PayResponse>().toEqualTypeOf<OpenapiPSR>();
    expectTypeOf<VerifyResponse>().toEqualTypeOf<OpenapiPSR>();
    expectTypeOf<SessionResponse>().toEqualTypeOf<OpenapiSRR>();
    expectTypeOf<paths["/sessions/{sessionId}"]["get"]["parameters"]["query"]>().toEqualTypeOf<{ sessionResult: string }>();
    expectTypeOf<paths["/sessions/{sessionId}"]["get"]["parameters"]["path"]>().toEqualTypeOf<{ sessionId: string }>();
  });
});

describe("tolerant types keep exhaustive switches honest", () => {
  it("a provider-extensible enum needs a default branch", () => {
    expectTypeOf<TolerantSessionResultStatus>().toEqualTypeOf<SessionResultStatus | UnrecognizedEnumValue>();
    expectTypeOf<TolerantSessionResultResponse["status"]>().toEqualTypeOf<TolerantSessionResultStatus | undefined>();
    const describeStatus = (status: TolerantSessionResultStatus): string => {
      switch (status) {
        case "active":
        case "canceled":
        case "completed":
        case "expired":
        case "paymentPending":
        case "refused":
          return status;
        default: {
          expectTypeOf(status).toEqualTypeOf<UnrecognizedEnumValue>();
          // @ts-expect-error an unrecognized value is not `never`: the switch over known values is not exhaustive
          const exhaustive: never = status;
          return String(exhaustive);
        }
      }
    };
    void describeStatus;
  });
  it("a closed gateway enum stays exact, and unknown properties are typed unknown", () => {
    expectTypeOf<TolerantPaymentSessionResult["status"]>().toEqualTypeOf<PaymentSessionStatus>();
    expectTypeOf<TolerantPaymentSessionResult["some_new_field"]>().toEqualTypeOf<unknown>();
    // @ts-expect-error a plain string is not a known or branded status
    const plain: TolerantSessionResultStatus = "someNewStatus" as string;
    void plain;
  });
});
