// The same two models written with TypeBox and compiled with its TypeCompiler: closed objects,
// nullable unions, and PaymentSessionResult's cross-field rules as a union over status. TypeBox
// knows no formats of its own: they are registered with the checks the generated validators use.
// Its minLength/maxLength count UTF-16 code units where JSON Schema counts code points, so a
// length is a registered check too; and a string map is an object whose additionalProperties is
// the value schema (Type.Record's key pattern skips keys with line terminators).
import { FormatRegistry, Type, type TSchema } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { date as isDate, dateTime as isDateTime, ucs2length } from "@org/payment-codegen/src/runtime/formats.js";

const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i; // ajv-formats' uuid
FormatRegistry.Set("uuid", (value) => UUID.test(value));
FormatRegistry.Set("date-time", isDateTime);
FormatRegistry.Set("date", isDate);
FormatRegistry.Set("three-code-points", (value) => ucs2length(value) === 3);

const closed = { additionalProperties: false };
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const nullableString = nullable(Type.String());
const uuid = Type.String({ format: "uuid" });
const dateTime = Type.String({ format: "date-time" });
const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

const errorDetails = Type.Object(
  {
    code: literals(["insufficient_funds", "invalid_iban", "mandate_rejected", "account_closed", "do_not_honor", "gateway_unavailable", "unknown"]),
    gateway_code: nullableString,
    gateway_message: nullableString,
    message: Type.String(),
  },
  closed,
);
const shared = {
  adapter: Type.Object({ name: nullableString }, closed),
  amount: nullable(Type.String({ pattern: "^(0|[1-9][0-9]*)\\.[0-9]{2}$" })),
  created_at: nullable(dateTime),
  currency: nullable(Type.String({ pattern: "^[A-Z]{3}$" })),
  error: nullableString,
  lead: nullable(Type.Object({ id: uuid }, closed)),
  livemode: Type.Boolean(),
  object: Type.String(),
  order: nullable(Type.Object({ id: uuid, order_number: Type.String(), status: Type.String() }, closed)),
  order_number: nullableString,
  payment_gateway: nullable(Type.Object({ descriptor: nullableString, id: uuid, name: Type.String(), test_mode: Type.Boolean() }, closed)),
  payment_method: Type.Object(
    {
      bank_name: nullableString,
      bic: nullable(Type.String({ pattern: "^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$" })),
      holder_name: nullableString,
      iban_country: nullable(Type.String({ pattern: "^[A-Z]{2}$" })),
      iban_last4: nullable(Type.String({ pattern: "^[A-Z0-9]{4}$" })),
      type: Type.String(),
    },
    closed,
  ),
  processed_at: nullable(dateTime),
  retry_allowed: nullable(Type.Boolean()),
  sepa: Type.Object(
    {
      creditor_identifier: nullable(Type.String({ pattern: "^[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$" })),
      mandate_reference: nullable(Type.String({ maxLength: 35, pattern: "^[A-Za-z0-9/?:().,'+ -]{1,35}$" })),
      sequence_type: nullable(literals(["FRST", "RCUR"])),
    },
    closed,
  ),
  session_token: Type.String(),
  subscription: nullable(Type.Object({ billing_frequency: nullableString, id: uuid, next_billing_date: nullable(Type.String({ format: "date" })), status: Type.String() }, closed)),
  transaction: nullable(Type.Object({ gateway_reference: nullableString, id: uuid, merchant_transaction_id: Type.String(), status: Type.String(), tenant_reference_id: nullableString, type: Type.String() }, closed)),
};

const paymentSessionResultType = Type.Union([
  Type.Object({ ...shared, status: Type.Literal("completed"), verification_url: Type.Null(), error_details: Type.Null() }, closed),
  Type.Object({ ...shared, status: Type.Literal("awaiting_verification"), verification_url: Type.String(), error_details: Type.Null() }, closed),
  Type.Object({ ...shared, status: literals(["declined", "failed"]), verification_url: Type.Null(), error_details: nullable(errorDetails) }, closed),
]);

const payment = Type.Object(
  {
    amount: Type.Optional(Type.Object({ currency: Type.String({ format: "three-code-points" }), value: Type.Integer({ minimum: -(2 ** 63), exclusiveMaximum: 2 ** 63 }) }, closed)),
    paymentMethod: Type.Optional(Type.Object({ brand: Type.Optional(Type.String()), type: Type.Optional(Type.String()) }, closed)),
    pspReference: Type.Optional(Type.String()),
    resultCode: Type.Optional(literals(["Authorised", "Received", "Pending"])),
  },
  closed,
);

const sessionResultResponseType = Type.Object(
  {
    additionalData: Type.Optional(Type.Object({}, { additionalProperties: Type.String() })),
    id: Type.Optional(Type.String()),
    payments: Type.Optional(Type.Array(payment)),
    reference: Type.Optional(Type.String()),
    status: Type.Optional(literals(["active", "canceled", "completed", "expired", "paymentPending", "refused"])),
  },
  closed,
);

export const paymentSessionResult = TypeCompiler.Compile(paymentSessionResultType);
export const sessionResultResponse = TypeCompiler.Compile(sessionResultResponseType);
