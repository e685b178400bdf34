// Pins the important shapes of the generated types: nullability, optionality, enums, tolerant
// typing, and agreement between the json-schema-to-typescript and openapi-typescript outputs.
import {
  type Amount,
  type ErrorDetails,
  type Payment,
  type PAYMENT_ERROR_CODES,
  type PAYMENT_SESSION_STATUSES,
  type PaymentErrorCode,
  type PaymentSessionResult,
  type PaymentSessionResultAwaitingVerification,
  type PaymentSessionResultByStatus,
  type PaymentSessionResultCompleted,
  type PaymentSessionResultDeclined,
  type PaymentSessionResultFailed,
  type PaymentSessionResultFields,
  type PaymentSessionStatus,
  type SEPA_SEQUENCE_TYPES,
  SESSION_RESULT_STATUSES,
  type SepaDetails,
  type SepaSequenceType,
  type SessionResultResponse,
  type SessionResultStatus,
} from "@org/payment-types";
import type { components, paths } from "@org/payment-types/openapi";
import type {
  TolerantErrorDetails,
  TolerantPaymentSessionResult,
  TolerantPaymentSessionResultByStatus,
  TolerantPaymentSessionResultCompleted,
  TolerantSessionResultResponse,
  TolerantSessionResultStatus,
  UnrecognizedEnumValue,
} from "@org/payment-types/tolerant";
import { describe, expectTypeOf, it } from "vitest";

describe("SessionResultResponse", () => {
  it("has only optional properties", () => {
    // biome-ignore lint/complexity/noBannedTypes: the empty object type is the value under test
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
    expectTypeOf<PaymentSessionResult["verification_url"]>().toEqualTypeOf<string | null>();
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

describe("PaymentSessionResult carries the schema's cross-field rules (a union on status)", () => {
  it("is one variant per status, each the fields with the rules applied", () => {
    expectTypeOf<PaymentSessionResult>().toEqualTypeOf<PaymentSessionResultCompleted | PaymentSessionResultAwaitingVerification | PaymentSessionResultDeclined | PaymentSessionResultFailed>();
    expectTypeOf<PaymentSessionResultByStatus["declined"]>().toEqualTypeOf<PaymentSessionResultDeclined>();
    expectTypeOf<PaymentSessionResultCompleted>().toExtend<PaymentSessionResultFields>();
    expectTypeOf<PaymentSessionResultCompleted["status"]>().toEqualTypeOf<"completed">();
    expectTypeOf<PaymentSessionResultCompleted["error_details"]>().toEqualTypeOf<null>();
    expectTypeOf<PaymentSessionResultCompleted["verification_url"]>().toEqualTypeOf<null>();
    expectTypeOf<PaymentSessionResultAwaitingVerification["verification_url"]>().toEqualTypeOf<string>();
    expectTypeOf<PaymentSessionResultAwaitingVerification["error_details"]>().toEqualTypeOf<null>();
    expectTypeOf<PaymentSessionResultDeclined["error_details"]>().toEqualTypeOf<ErrorDetails | null>();
    expectTypeOf<PaymentSessionResultFailed["verification_url"]>().toEqualTypeOf<null>();
    // The fields the rules do not touch are the same in every variant.
    expectTypeOf<PaymentSessionResultFailed["amount"]>().toEqualTypeOf<string | null>();
  });

  it("narrows on status: verification_url is a string when awaiting verification, null otherwise", () => {
    const r = {} as PaymentSessionResult;
    if (r.status === "awaiting_verification") {
      expectTypeOf(r.verification_url).toEqualTypeOf<string>();
      expectTypeOf(r.error_details).toEqualTypeOf<null>();
    } else {
      expectTypeOf(r.verification_url).toEqualTypeOf<null>();
    }
    if (r.status === "completed") expectTypeOf(r.error_details).toEqualTypeOf<null>();
    if (r.status === "declined" || r.status === "failed") expectTypeOf(r.error_details).toEqualTypeOf<ErrorDetails | null>();
  });

  it("rejects a value that breaks a rule", () => {
    const base = {} as PaymentSessionResultFields;
    // @ts-expect-error a completed result has no verification URL
    const completedWithUrl: PaymentSessionResult = { ...base, status: "completed", verification_url: "https://pay.example.com/verify", error_details: null };
    // @ts-expect-error a completed result has no error details
    const completedWithError: PaymentSessionResult = { ...base, status: "completed", verification_url: null, error_details: { code: "unknown", gateway_code: null, gateway_message: null, message: "x" } };
    // @ts-expect-error awaiting verification needs the URL
    const awaitingWithoutUrl: PaymentSessionResult = { ...base, status: "awaiting_verification", verification_url: null, error_details: null };
    const declined: PaymentSessionResult = { ...base, status: "declined", verification_url: null, error_details: null };
    void [completedWithUrl, completedWithError, awaitingWithoutUrl, declined];
  });

  it("an exhaustive switch over status needs every value", () => {
    const describe = (r: PaymentSessionResult): string => {
      switch (r.status) {
        case "completed":
          return "paid";
        case "awaiting_verification":
          return r.verification_url;
        case "declined":
        case "failed":
          return r.error_details?.message ?? r.status;
        default: {
          const unreachable: never = r;
          return unreachable;
        }
      }
    };
    const missingFailed = (r: PaymentSessionResult): string => {
      switch (r.status) {
        case "completed":
        case "awaiting_verification":
        case "declined":
          return r.status;
        default: {
          // @ts-expect-error "failed" is not handled
          const unreachable: never = r;
          return unreachable;
        }
      }
    };
    void [describe, missingFailed];
  });
});

describe("OpenAPI types agree with the schema types", () => {
  type OpenapiPSR = components["schemas"]["PaymentSessionResult"];
  type OpenapiSRR = components["schemas"]["SessionResultResponse"];
  it("PaymentSessionResult: every variant is an OpenAPI value, and the OpenAPI type is exactly the union of the variants' fields", () => {
    expectTypeOf<PaymentSessionResultCompleted>().toExtend<OpenapiPSR>();
    expectTypeOf<PaymentSessionResultAwaitingVerification>().toExtend<OpenapiPSR>();
    expectTypeOf<PaymentSessionResultDeclined>().toExtend<OpenapiPSR>();
    expectTypeOf<PaymentSessionResultFailed>().toExtend<OpenapiPSR>();
    // keyof of a union is the keys every variant has; T[K] the union of the variants' field types.
    expectTypeOf<OpenapiPSR>().toEqualTypeOf<{ [K in keyof PaymentSessionResult]: PaymentSessionResult[K] }>();
    expectTypeOf<OpenapiPSR>().toEqualTypeOf<{ [K in keyof PaymentSessionResultFields]: PaymentSessionResultFields[K] }>();
    // openapi-typescript drops if/then/else: its type admits what the union does not.
    expectTypeOf<OpenapiPSR>().not.toExtend<PaymentSessionResult>();
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
    expectTypeOf<TolerantPaymentSessionResultByStatus["completed"]>().toEqualTypeOf<TolerantPaymentSessionResultCompleted>();
    const r = {} as TolerantPaymentSessionResult;
    if (r.status === "awaiting_verification") expectTypeOf(r.verification_url).toEqualTypeOf<string>();
    if (r.status === "declined") expectTypeOf(r.error_details).toEqualTypeOf<TolerantErrorDetails | null>();
    if (r.status === "completed") expectTypeOf(r.error_details).toEqualTypeOf<null>();
    expectTypeOf<TolerantPaymentSessionResult["some_new_field"]>().toEqualTypeOf<unknown>();
    // @ts-expect-error a plain string is not a known or branded status
    const plain: TolerantSessionResultStatus = "someNewStatus" as string;
    void plain;
  });
});
