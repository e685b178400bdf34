// Hand-written type guards: the practical limit of a validator, the fewest checks that enforce the
// same rules as the schemas (closed objects by counting keys where every key is required, one
// pattern where a pattern already implies a length limit) with the format checks the generated
// validators use (their date and date-time, ajv-formats' uuid pattern), so the comparison is about
// validation, not about parsing dates. They only answer yes or no; test/competitors.test.ts keeps
// them honest.
import { date as isDate, dateTime as isDateTime } from "@org/payment-codegen/src/runtime/formats.js";

type Obj = Record<string, unknown>;

const AMOUNT = /^(0|[1-9][0-9]*)\.[0-9]{2}$/u;
const CURRENCY = /^[A-Z]{3}$/u;
const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/u;
const COUNTRY = /^[A-Z]{2}$/u;
const LAST4 = /^[A-Z0-9]{4}$/u;
const CREDITOR = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/u;
const MANDATE = /^[A-Za-z0-9/?:().,'+ -]{1,35}$/u; // implies maxLength 35
const THREE_CODE_POINTS = /^[\s\S]{3}$/u;

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function keys(value: Obj): number {
  let count = 0;
  for (const _ in value) count++;
  return count;
}
const str = (v: unknown): v is string => typeof v === "string";
const strOrNull = (v: unknown): boolean => v === null || typeof v === "string";
const matchOrNull = (v: unknown, pattern: RegExp): boolean => v === null || (typeof v === "string" && pattern.test(v));
const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i; // ajv-formats' uuid
const uuid = (v: unknown): boolean => typeof v === "string" && UUID.test(v);

const ERROR_CODES = new Set(["insufficient_funds", "invalid_iban", "mandate_rejected", "account_closed", "do_not_honor", "gateway_unavailable", "unknown"]);

function errorDetails(v: unknown): boolean {
  return isObj(v) && keys(v) === 4 && str(v.code) && ERROR_CODES.has(v.code) && strOrNull(v.gateway_code) && strOrNull(v.gateway_message) && str(v.message);
}
function paymentMethod(v: unknown): boolean {
  return isObj(v) && keys(v) === 6 && strOrNull(v.bank_name) && matchOrNull(v.bic, BIC) && strOrNull(v.holder_name) && matchOrNull(v.iban_country, COUNTRY) && matchOrNull(v.iban_last4, LAST4) && str(v.type);
}
function sepa(v: unknown): boolean {
  return isObj(v) && keys(v) === 3 && matchOrNull(v.creditor_identifier, CREDITOR) && matchOrNull(v.mandate_reference, MANDATE) && (v.sequence_type === null || v.sequence_type === "FRST" || v.sequence_type === "RCUR");
}
function gateway(v: unknown): boolean {
  return isObj(v) && keys(v) === 4 && strOrNull(v.descriptor) && uuid(v.id) && str(v.name) && typeof v.test_mode === "boolean";
}
function subscription(v: unknown): boolean {
  return isObj(v) && keys(v) === 4 && strOrNull(v.billing_frequency) && uuid(v.id) && (v.next_billing_date === null || (str(v.next_billing_date) && isDate(v.next_billing_date))) && str(v.status);
}
function transaction(v: unknown): boolean {
  return isObj(v) && keys(v) === 6 && strOrNull(v.gateway_reference) && uuid(v.id) && str(v.merchant_transaction_id) && str(v.status) && strOrNull(v.tenant_reference_id) && str(v.type);
}

export function isPaymentSessionResultByHand(p: unknown): boolean {
  if (!isObj(p) || keys(p) !== 21) return false;
  const status = p.status;
  if (status !== "completed" && status !== "awaiting_verification" && status !== "declined" && status !== "failed") return false;
  if (status === "awaiting_verification" ? !str(p.verification_url) : p.verification_url !== null) return false;
  if (p.error_details !== null && (status === "completed" || status === "awaiting_verification" || !errorDetails(p.error_details))) return false;
  const adapter = p.adapter;
  const lead = p.lead;
  const order = p.order;
  return (
    isObj(adapter) &&
    keys(adapter) === 1 &&
    strOrNull(adapter.name) &&
    matchOrNull(p.amount, AMOUNT) &&
    (p.created_at === null || (str(p.created_at) && isDateTime(p.created_at))) &&
    matchOrNull(p.currency, CURRENCY) &&
    strOrNull(p.error) &&
    (lead === null || (isObj(lead) && keys(lead) === 1 && uuid(lead.id))) &&
    typeof p.livemode === "boolean" &&
    str(p.object) &&
    (order === null || (isObj(order) && keys(order) === 3 && uuid(order.id) && str(order.order_number) && str(order.status))) &&
    strOrNull(p.order_number) &&
    (p.payment_gateway === null || gateway(p.payment_gateway)) &&
    paymentMethod(p.payment_method) &&
    (p.processed_at === null || (str(p.processed_at) && isDateTime(p.processed_at))) &&
    (p.retry_allowed === null || typeof p.retry_allowed === "boolean") &&
    sepa(p.sepa) &&
    str(p.session_token) &&
    (p.subscription === null || subscription(p.subscription)) &&
    (p.transaction === null || transaction(p.transaction))
  );
}

const SESSION_KEYS = new Set(["additionalData", "id", "payments", "reference", "status"]);
const SESSION_STATUSES = new Set(["active", "canceled", "completed", "expired", "paymentPending", "refused"]);
const RESULT_CODES = new Set(["Authorised", "Received", "Pending"]);

function onlyKeys(v: Obj, allowed: (key: string) => boolean): boolean {
  for (const key in v) if (!allowed(key)) return false;
  return true;
}
function amount(v: unknown): boolean {
  if (!isObj(v) || keys(v) !== 2) return false;
  const value = v.value;
  return str(v.currency) && THREE_CODE_POINTS.test(v.currency) && typeof value === "number" && Number.isInteger(value) && value >= -(2 ** 63) && value < 2 ** 63;
}
function payment(v: unknown): boolean {
  if (!isObj(v) || !onlyKeys(v, (k) => k === "amount" || k === "paymentMethod" || k === "pspReference" || k === "resultCode")) return false;
  const method = v.paymentMethod;
  return (
    (v.amount === undefined || amount(v.amount)) &&
    (method === undefined || (isObj(method) && onlyKeys(method, (k) => k === "brand" || k === "type") && (method.brand === undefined || str(method.brand)) && (method.type === undefined || str(method.type)))) &&
    (v.pspReference === undefined || str(v.pspReference)) &&
    (v.resultCode === undefined || (str(v.resultCode) && RESULT_CODES.has(v.resultCode)))
  );
}

export function isSessionResultResponseByHand(p: unknown): boolean {
  if (!isObj(p) || !onlyKeys(p, (k) => SESSION_KEYS.has(k))) return false;
  const data = p.additionalData;
  if (data !== undefined) {
    if (!isObj(data)) return false;
    for (const key in data) if (typeof data[key] !== "string") return false;
  }
  const payments = p.payments;
  if (payments !== undefined) {
    if (!Array.isArray(payments)) return false;
    for (let i = 0; i < payments.length; i++) if (!payment(payments[i])) return false;
  }
  return (p.id === undefined || str(p.id)) && (p.reference === undefined || str(p.reference)) && (p.status === undefined || (str(p.status) && SESSION_STATUSES.has(p.status)));
}
