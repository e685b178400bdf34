// Each domain constraint of the schemas, exercised through the public validators: a payload that
// breaks it is rejected at the expected JSON Pointer, and a payload that keeps it is accepted.
import { PaymentSessionResultSchema, SessionResultResponseSchema } from "@org/payment-schemas";
import { validatePaymentSessionResult, validateSessionResultResponse } from "@org/payment-validators";
import { describe, expect, it } from "vitest";
import { parseAdyenDocument } from "./source-documents.js";

type Payload = Record<string, any>;
const clone = <T>(value: T): T => structuredClone(value) as T;
const gatewayExample = (status: string): Payload => clone(PaymentSessionResultSchema.examples.find((e) => e.status === status)!) as Payload;
const adyenExample = (): Payload => clone(SessionResultResponseSchema.examples.find((e) => e.status === "completed")!) as Payload;

function setAt(payload: Payload, pointer: string, value: unknown): Payload {
  const tokens = pointer.slice(1).split("/");
  let node: any = payload;
  for (const token of tokens.slice(0, -1)) node = node[token];
  if (value === undefined) delete node[tokens[tokens.length - 1]!];
  else node[tokens[tokens.length - 1]!] = value;
  return payload;
}

function pointersOf(result: { ok: boolean; issues?: readonly { pointer: string; keyword: string }[] }) {
  return result.ok ? [] : result.issues!.map((i) => `${i.pointer} ${i.keyword}`);
}

describe("PaymentSessionResult constraints", () => {
  const cases: [constraint: string, pointer: string, bad: unknown[], good: unknown[]][] = [
    ["amount: fixed two-decimal string", "/amount", ["79", "79.0", "79.000", "1e2", "-5.00", "079.00", " 79.00", "79,00"], ["79.00", "0.50", "1234567.89", null]],
    ["currency: ISO 4217, three upper-case letters", "/currency", ["eur", "EURO", "EU", "€UR"], ["EUR", "CHF", null]],
    ["iban_country: ISO 3166-1 alpha-2", "/payment_method/iban_country", ["de", "DEU", "D1"], ["DE", "AT", null]],
    ["iban_last4: four alphanumerics", "/payment_method/iban_last4", ["300", "30000", "30-0", "ab12"], ["3000", "AB12", null]],
    ["bic: ISO 9362, 8 or 11 characters", "/payment_method/bic", ["DEUTDEF", "DEUTDEFF5", "DEUTDEFF50", "deutdeff", "1EUTDEFF"], ["DEUTDEFF", "DEUTDEFF500", "COBADEFFXXX", null]],
    [
      "creditor_identifier: SEPA creditor identifier",
      "/sepa/creditor_identifier",
      ["DE98ZZZ", "98DEZZZ09999999999", "DE98ZZZ0999999999999999999999999999X", "de98ZZZ09999999999"],
      ["DE98ZZZ09999999999", "AT61ZZZ01234567890", null],
    ],
    ["mandate_reference: at most 35 SEPA characters", "/sepa/mandate_reference", ["M".repeat(36), "MNDT_2026", "MNDT#1", "", "MNDT-ü"], ["MNDT-2026-000412", "M".repeat(35), "REF 2026/01 (A+B)", null]],
    ["sequence_type: FRST, RCUR or null", "/sepa/sequence_type", ["OOFF", "frst", ""], ["FRST", "RCUR", null]],
    ["order.id: uuid", "/order/id", ["not-a-uuid", "0b8e2d6a93c44f1ea5b72c9d8e7f6a51"], ["0b8e2d6a-93c4-4f1e-a5b7-2c9d8e7f6a51"]],
    ["created_at: date-time", "/created_at", ["2026-11-23 09:14:07", "2026-11-23", "yesterday"], ["2026-11-23T09:14:07Z", "2026-11-23T09:14:07.123+01:00", null]],
    ["subscription.next_billing_date: date", "/subscription/next_billing_date", ["2026-13-01", "23.12.2026", "2026-12-23T00:00:00Z"], ["2026-12-23", null]],
    ["status: enum", "/status", ["refunded", "COMPLETED", null], ["completed"]],
    ["error_details.code: enum", "/error_details/code", ["insufficient-funds", "timeout"], ["do_not_honor", "unknown"]],
    ["livemode: boolean", "/livemode", ["true", 1, null], [false]],
  ];

  it.each(cases)("%s", (_constraint, pointer, bad, good) => {
    const base = pointer.startsWith("/error_details") ? gatewayExample("declined") : gatewayExample("completed");
    for (const value of good) expect(pointersOf(validatePaymentSessionResult(setAt(clone(base), pointer, value))), JSON.stringify(value)).toEqual([]);
    for (const value of bad) {
      const result = validatePaymentSessionResult(setAt(clone(base), pointer, value));
      expect(result.ok, JSON.stringify(value)).toBe(false);
      expect(result.ok ? [] : result.issues.map((i) => i.pointer), JSON.stringify(value)).toContain(pointer);
    }
  });

  it("every documented key is required", () => {
    for (const key of Object.keys(gatewayExample("completed"))) {
      const result = validatePaymentSessionResult(setAt(gatewayExample("completed"), `/${key}`, undefined));
      expect(pointersOf(result), key).toContain(`/${key} required`);
    }
  });

  it("unknown properties are rejected in strict mode, at every level", () => {
    expect(pointersOf(validatePaymentSessionResult({ ...gatewayExample("completed"), refund_id: "r_1" }))).toEqual(["/refund_id additionalProperties"]);
    expect(pointersOf(validatePaymentSessionResult(setAt(gatewayExample("completed"), "/sepa/iban", "DE89370400440532013000")))).toEqual(["/sepa/iban additionalProperties"]);
  });

  it("verification_url is non-null exactly when status is awaiting_verification", () => {
    expect(pointersOf(validatePaymentSessionResult(setAt(gatewayExample("awaiting_verification"), "/verification_url", null)))).toEqual(["/verification_url type"]);
    expect(pointersOf(validatePaymentSessionResult(setAt(gatewayExample("completed"), "/verification_url", "https://pay.example.com/v/1")))).toEqual(["/verification_url type"]);
    for (const status of ["declined", "failed"]) {
      expect(pointersOf(validatePaymentSessionResult(setAt(gatewayExample(status), "/verification_url", "https://pay.example.com/v/1")))).toEqual(["/verification_url type"]);
    }
  });

  it("error_details is non-null only when status is declined or failed", () => {
    const details = gatewayExample("declined").error_details;
    for (const status of ["completed", "awaiting_verification"]) {
      const payload = setAt(gatewayExample(status), "/error_details", details);
      expect(pointersOf(validatePaymentSessionResult(payload)), status).toContain("/error_details type");
    }
    // declined/failed may carry error_details, and may also leave it null
    expect(pointersOf(validatePaymentSessionResult(setAt(gatewayExample("declined"), "/error_details", null)))).not.toContain("/error_details type");
  });
});

describe("SessionResultResponse constraints", () => {
  it.each<[string, string, unknown[], unknown[]]>([
    ["amount.currency: exactly three characters", "/payments/0/amount/currency", ["EU", "EURO", "currency2"], ["EUR", "USD"]],
    ["amount.value: integer in minor units (int64)", "/payments/0/amount/value", [79.5, "7900", 2 ** 63, 2 ** 64, -(2 ** 64)], [7900, 0, -100, Number.MAX_SAFE_INTEGER, -(2 ** 63)]],
    ["status: enum", "/status", ["Status4", "authorised", null], ["active", "paymentPending"]],
    ["resultCode: enum", "/payments/0/resultCode", ["Refused", "pending"], ["Authorised", "Received", "Pending"]],
    ["additionalData: string values only", "/additionalData/authCode", [83146, null, {}], ["083146"]],
  ])("%s", (_constraint, pointer, bad, good) => {
    for (const value of good) expect(pointersOf(validateSessionResultResponse(setAt(adyenExample(), pointer, value))), JSON.stringify(value)).toEqual([]);
    for (const value of bad) {
      const result = validateSessionResultResponse(setAt(adyenExample(), pointer, value));
      expect(result.ok ? [] : result.issues.map((i) => i.pointer), JSON.stringify(value)).toContain(pointer);
    }
  });

  it("every property is optional", () => {
    expect(validateSessionResultResponse({}).ok).toBe(true);
    expect(validateSessionResultResponse({ payments: [{}] }).ok).toBe(true);
  });

  it("Amount requires currency and value, and objects are closed", () => {
    expect(pointersOf(validateSessionResultResponse({ payments: [{ amount: { value: 1 } }] }))).toEqual(["/payments/0/amount/currency required"]);
    expect(pointersOf(validateSessionResultResponse({ payments: [{ amount: { currency: "EUR" } }] }))).toEqual(["/payments/0/amount/value required"]);
    expect(pointersOf(validateSessionResultResponse({ sessionData: "x" }))).toEqual(["/sessionData additionalProperties"]);
    expect(pointersOf(validateSessionResultResponse({ payments: [{ paymentMethod: { brand: "visa", variant: "visagold" } }] }))).toEqual(["/payments/0/paymentMethod/variant additionalProperties"]);
  });

  it("records which of the seed example's filler values the real constraints reject", () => {
    const { example } = parseAdyenDocument();
    const result = validateSessionResultResponse(example);
    // "currency2" breaks Amount.currency's exactly-three-characters rule; the other filler values
    // ("id6", "reference8", "brand6", "type8", "pspReference6", "additionalData4") are plain strings
    // the schema cannot tell from real data.
    expect(pointersOf(result)).toEqual(["/payments/0/amount/currency maxLength", "/payments/1/amount/currency maxLength"]);
  });
});
