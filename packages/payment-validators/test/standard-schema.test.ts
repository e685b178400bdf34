// The Standard Schema v1 exports as their consumers use them: the spec's contract (synchronous
// validate, { value } or { issues } with message and path), a Hono app through
// @hono/standard-validator (in process, app.request) and a tRPC procedure's input and output
// (in-process caller). No network.
import { sValidator } from "@hono/standard-validator";
import { PaymentSessionResultSchema as PaymentSessionResultJsonSchema, SessionResultResponseSchema as SessionResultResponseJsonSchema } from "@org/payment-schemas";
import type { PaymentSessionResult, SessionResultResponse } from "@org/payment-types";
import {
  PaymentSessionResultSchema,
  STANDARD_SCHEMA_VENDOR,
  SessionResultResponseSchema,
  TolerantSessionResultResponseSchema,
  standardSchemasByModel,
  validatePaymentSessionResult,
  validatedModels,
} from "@org/payment-validators";
import { TRPCError, initTRPC } from "@trpc/server";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";

const session = structuredClone(SessionResultResponseJsonSchema.examples[2]) as unknown as SessionResultResponse;
const payment = structuredClone(PaymentSessionResultJsonSchema.examples[0]) as unknown as PaymentSessionResult;

describe("Standard Schema v1 contract", () => {
  it("every top-level model has one, with version 1, our vendor and a synchronous validate", () => {
    expect(Object.keys(standardSchemasByModel)).toEqual([...validatedModels]);
    for (const schema of Object.values(standardSchemasByModel)) {
      const props = schema["~standard"];
      expect(props.version).toBe(1);
      expect(props.vendor).toBe(STANDARD_SCHEMA_VENDOR);
      expect(props.validate({})).not.toBeInstanceOf(Promise);
    }
  });

  it("answers { value } with the payload for a valid one, and no issues", () => {
    const result = PaymentSessionResultSchema["~standard"].validate(payment);
    expect(result).toEqual({ value: payment });
    expect("issues" in result).toBe(false);
  });

  it("answers { issues } with our messages, and paths whose array indices are numbers", () => {
    const bad = structuredClone(session) as unknown as { status: string; payments: { amount: { value: unknown } }[] };
    bad.status = "exploded";
    bad.payments[0]!.amount.value = "7900";
    const result = SessionResultResponseSchema["~standard"].validate(bad);
    expect(result.issues).toEqual(
      [
        { message: expect.stringMatching(/^must be integer/), path: ["payments", 0, "amount", "value"] },
        { message: "must be one of: active, canceled, completed, expired, paymentPending, refused", path: ["status"] },
      ].sort((a, b) => String(a.path[0]).localeCompare(String(b.path[0]))),
    );
  });

  it("gives the same verdict and messages as validateX, issue for issue", () => {
    const bad = { ...payment, status: "exploded", livemode: "yes", extra: 1 };
    const ours = validatePaymentSessionResult(bad);
    const standard = PaymentSessionResultSchema["~standard"].validate(bad);
    expect(ours.ok).toBe(false);
    expect(standard.issues?.map((i) => i.message)).toEqual(ours.ok ? [] : ours.issues.map((i) => i.message));
  });

  it("a payload-level issue has no path; a key with / or ~ is one path segment", () => {
    expect(PaymentSessionResultSchema["~standard"].validate(null).issues).toEqual([{ message: "must be object" }]);
    const result = SessionResultResponseSchema["~standard"].validate({ ...session, additionalData: { "a/b~c": 1 } });
    expect(result.issues).toEqual([{ message: expect.any(String), path: ["additionalData", "a/b~c"] }]);
  });

  it("is strict by default; the tolerant variant accepts unknown properties and provider enum values", () => {
    const drifted = { ...session, status: "partiallyAuthorised", newField: true };
    expect(SessionResultResponseSchema["~standard"].validate(drifted).issues?.length).toBe(2);
    expect(TolerantSessionResultResponseSchema["~standard"].validate(drifted)).toEqual({ value: drifted });
    expect(TolerantSessionResultResponseSchema["~standard"].validate({ ...session, id: 5 }).issues).toEqual([{ message: "must be string", path: ["id"] }]);
  });

  it("never throws, even on a payload whose getters throw", () => {
    const hostile = Object.defineProperty({ ...payment }, "status", {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
    const result = PaymentSessionResultSchema["~standard"].validate(hostile);
    expect(result.issues?.[0]?.message).toMatch(/boom/);
  });
});

describe("Hono through @hono/standard-validator", () => {
  const app = new Hono().post("/sessions/result", sValidator("json", SessionResultResponseSchema), (c) => {
    const body = c.req.valid("json");
    return c.json({ reference: body.reference, payments: body.payments?.length ?? 0 });
  });
  const post = (body: unknown) => app.request("/sessions/result", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("passes a valid body to the handler, typed", async () => {
    const response = await post(session);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ reference: "ORDER-2026-000414", payments: 1 });
  });

  it("answers 400 with the issues", async () => {
    const response = await post({ ...session, status: "exploded" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { success: boolean; error: { message: string; path: unknown[] }[] };
    expect(body.success).toBe(false);
    expect(body.error).toEqual([{ message: "must be one of: active, canceled, completed, expired, paymentPending, refused", path: ["status"] }]);
  });
});

describe("tRPC: a procedure's input and output", () => {
  const t = initTRPC.create();
  let reply: unknown = payment;
  const router = t.router({
    pay: t.procedure
      .input(SessionResultResponseSchema)
      .output(PaymentSessionResultSchema)
      .mutation(({ input }) => ({ ...(reply as PaymentSessionResult), session_token: input.id ?? "none" })),
  });
  const caller = t.createCallerFactory(router)({});

  it("takes a valid input and returns a valid output", async () => {
    reply = payment;
    const result = await caller.pay(session);
    expect(result.session_token).toBe(session.id);
    expect(result.status).toBe("completed");
  });

  it("refuses an invalid input with BAD_REQUEST and the issues", async () => {
    const error = await caller.pay({ ...session, status: "exploded" } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toMatch(/must be one of: active/);
  });

  it("refuses to return an output that does not match", async () => {
    reply = { ...payment, livemode: "yes" };
    const error = await caller.pay(session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("INTERNAL_SERVER_ERROR");
    expect(String((error as TRPCError).cause ?? (error as TRPCError).message)).toMatch(/must be boolean/);
  });
});
