// The Standard Schema exports under the spec's own types (from @standard-schema/spec, not ours) and
// under the types of Hono and tRPC: what a consumer's compiler sees.
import { sValidator } from "@hono/standard-validator";
import type { PaymentSessionResult, SessionResultResponse } from "@org/payment-types";
import type { TolerantPaymentSessionResult, TolerantSessionResultResponse } from "@org/payment-types/tolerant";
import { PaymentSessionResultSchema, SessionResultResponseSchema, type TolerantPaymentSessionResultSchema, TolerantSessionResultResponseSchema } from "@org/payment-validators";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { initTRPC, type inferRouterInputs, type inferRouterOutputs } from "@trpc/server";
import { Hono } from "hono";
import { describe, expectTypeOf, it } from "vitest";

describe("Standard Schema types", () => {
  it("each export is a StandardSchemaV1 of the spec's own declaration", () => {
    expectTypeOf(PaymentSessionResultSchema).toExtend<StandardSchemaV1>();
    expectTypeOf(TolerantSessionResultResponseSchema).toExtend<StandardSchemaV1>();
    expectTypeOf(PaymentSessionResultSchema["~standard"].version).toEqualTypeOf<1>();
  });

  it("infers the model as input and output, strict and tolerant", () => {
    expectTypeOf<StandardSchemaV1.InferOutput<typeof PaymentSessionResultSchema>>().toEqualTypeOf<PaymentSessionResult>();
    expectTypeOf<StandardSchemaV1.InferInput<typeof PaymentSessionResultSchema>>().toEqualTypeOf<PaymentSessionResult>();
    expectTypeOf<StandardSchemaV1.InferOutput<typeof SessionResultResponseSchema>>().toEqualTypeOf<SessionResultResponse>();
    expectTypeOf<StandardSchemaV1.InferOutput<typeof TolerantPaymentSessionResultSchema>>().toEqualTypeOf<TolerantPaymentSessionResult>();
    expectTypeOf<StandardSchemaV1.InferOutput<typeof TolerantSessionResultResponseSchema>>().toEqualTypeOf<TolerantSessionResultResponse>();
  });

  it("validate returns the spec's result of the model, never a promise", () => {
    expectTypeOf(PaymentSessionResultSchema["~standard"].validate).returns.toEqualTypeOf<StandardSchemaV1.Result<PaymentSessionResult>>();
  });

  it("Hono's sValidator takes it and types the validated body", () => {
    new Hono().post("/pay", sValidator("json", PaymentSessionResultSchema), (c) => {
      expectTypeOf(c.req.valid("json")).toEqualTypeOf<PaymentSessionResult>();
      return c.body(null, 204);
    });
  });

  it("tRPC types a procedure's input and output from it", () => {
    const t = initTRPC.create();
    const router = t.router({
      pay: t.procedure
        .input(SessionResultResponseSchema)
        .output(PaymentSessionResultSchema)
        .mutation(({ input }) => {
          expectTypeOf(input).toEqualTypeOf<SessionResultResponse>();
          return {} as PaymentSessionResult;
        }),
    });
    expectTypeOf<inferRouterInputs<typeof router>["pay"]>().toEqualTypeOf<SessionResultResponse>();
    expectTypeOf<inferRouterOutputs<typeof router>["pay"]>().toEqualTypeOf<PaymentSessionResult>();
  });
});
