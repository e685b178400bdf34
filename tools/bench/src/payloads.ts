// The payloads every validator is timed on: the schemas' own examples (realistic, varied: nulls,
// empty arrays, declined and pending flows) as the valid set, and for each model one invalid
// variant with a single error and one with many.
import { PaymentSessionResultSchema, SessionResultResponseSchema } from "@org/payment-schemas";

export type ModelName = "PaymentSessionResult" | "SessionResultResponse";
export type PayloadKind = "valid" | "one error" | "many errors";
export const MODELS: readonly ModelName[] = ["PaymentSessionResult", "SessionResultResponse"];
export const PAYLOAD_KINDS: readonly PayloadKind[] = ["valid", "one error", "many errors"];

type Json = Record<string, unknown>;

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const examples: Record<ModelName, readonly Json[]> = {
  PaymentSessionResult: PaymentSessionResultSchema.examples as unknown as Json[],
  SessionResultResponse: SessionResultResponseSchema.examples as unknown as Json[],
};

/** One wrong value per payload: a status no schema version knows. */
function oneError(model: ModelName, payload: Json): Json {
  const out = copy(payload);
  out.status = model === "PaymentSessionResult" ? "pending" : 42;
  return out;
}

/** Several problems at once, at several depths: wrong types, a bad pattern and format, a missing
 *  and an unknown property. */
function manyErrors(model: ModelName, payload: Json): Json {
  const out = copy(payload);
  out.unexpected = true;
  if (model === "PaymentSessionResult") {
    out.amount = "79";
    out.currency = "eur";
    out.created_at = "yesterday";
    out.livemode = "yes";
    delete out.session_token;
    out.payment_method = { ...(out.payment_method as Json), bic: "deut", iban_last4: 3000 };
    out.lead = { id: "not-a-uuid" };
  } else {
    out.id = 5;
    out.reference = null;
    out.additionalData = { cardSummary: 1111, authCode: ["083146"] };
    out.payments = [{ amount: { currency: "EURO", value: 79.5 }, paymentMethod: { type: 1 }, resultCode: 7, extra: 1 }];
  }
  return out;
}

export function payloads(model: ModelName, kind: PayloadKind): readonly unknown[] {
  const valid = examples[model].map(copy);
  if (kind === "valid") return valid;
  return valid.map((p) => (kind === "one error" ? oneError(model, p) : manyErrors(model, p)));
}
