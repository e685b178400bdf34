// The zod 4 schemas a TypeScript user would write for the two models: strict objects, nullable
// fields, enums, and the cross-field rules of PaymentSessionResult as a union discriminated by
// status. Formats use zod's own checks (they agree with the schemas on every benchmark payload).
import { z } from "zod";

const nullableString = z.string().nullable();
const uuid = z.guid();
const dateTime = z.iso.datetime({ offset: true });

const adapter = z.strictObject({ name: nullableString });
const errorDetails = z.strictObject({
  code: z.enum(["insufficient_funds", "invalid_iban", "mandate_rejected", "account_closed", "do_not_honor", "gateway_unavailable", "unknown"]),
  gateway_code: nullableString,
  gateway_message: nullableString,
  message: z.string(),
});
const shared = {
  adapter,
  amount: z
    .string()
    .regex(/^(0|[1-9][0-9]*)\.[0-9]{2}$/)
    .nullable(),
  created_at: dateTime.nullable(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable(),
  error: nullableString,
  lead: z.strictObject({ id: uuid }).nullable(),
  livemode: z.boolean(),
  object: z.string(),
  order: z.strictObject({ id: uuid, order_number: z.string(), status: z.string() }).nullable(),
  order_number: nullableString,
  payment_gateway: z.strictObject({ descriptor: nullableString, id: uuid, name: z.string(), test_mode: z.boolean() }).nullable(),
  payment_method: z.strictObject({
    bank_name: nullableString,
    bic: z
      .string()
      .regex(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/)
      .nullable(),
    holder_name: nullableString,
    iban_country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .nullable(),
    iban_last4: z
      .string()
      .regex(/^[A-Z0-9]{4}$/)
      .nullable(),
    type: z.string(),
  }),
  processed_at: dateTime.nullable(),
  retry_allowed: z.boolean().nullable(),
  sepa: z.strictObject({
    creditor_identifier: z
      .string()
      .regex(/^[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/)
      .nullable(),
    mandate_reference: z
      .string()
      .max(35)
      .regex(/^[A-Za-z0-9/?:().,'+ -]{1,35}$/)
      .nullable(),
    sequence_type: z.enum(["FRST", "RCUR"]).nullable(),
  }),
  session_token: z.string(),
  subscription: z.strictObject({ billing_frequency: nullableString, id: uuid, next_billing_date: z.iso.date().nullable(), status: z.string() }).nullable(),
  transaction: z.strictObject({ gateway_reference: nullableString, id: uuid, merchant_transaction_id: z.string(), status: z.string(), tenant_reference_id: nullableString, type: z.string() }).nullable(),
};

export const paymentSessionResult = z.discriminatedUnion("status", [
  z.strictObject({ ...shared, status: z.literal("completed"), verification_url: z.null(), error_details: z.null() }),
  z.strictObject({ ...shared, status: z.literal("awaiting_verification"), verification_url: z.string(), error_details: z.null() }),
  z.strictObject({ ...shared, status: z.enum(["declined", "failed"]), verification_url: z.null(), error_details: errorDetails.nullable() }),
]);

const payment = z.strictObject({
  amount: z.strictObject({ currency: z.string().length(3), value: z.number().int() }).optional(),
  paymentMethod: z.strictObject({ brand: z.string().optional(), type: z.string().optional() }).optional(),
  pspReference: z.string().optional(),
  resultCode: z.enum(["Authorised", "Received", "Pending"]).optional(),
});

export const sessionResultResponse = z.strictObject({
  additionalData: z.record(z.string(), z.string()).optional(),
  id: z.string().optional(),
  payments: z.array(payment).optional(),
  reference: z.string().optional(),
  status: z.enum(["active", "canceled", "completed", "expired", "paymentPending", "refused"]).optional(),
});
