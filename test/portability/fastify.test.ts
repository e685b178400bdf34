// Fastify takes a bundled schema file as it is shipped, for a route's request body and for its
// response: Fastify's validator compiler set to Ajv's 2020-12 class (Fastify's default Ajv speaks
// draft-07), with ajv-formats and our three annotation keywords declared. Requests go through
// fastify.inject(), in process, with no socket.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule, { type FormatsPlugin } from "ajv-formats";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;
const requireHere = createRequire(import.meta.url);
const load = (model: string) => JSON.parse(readFileSync(requireHere.resolve(`@org/payment-schemas/bundled/${model}.schema.json`), "utf8")) as { examples: Record<string, unknown>[] };
const paymentSessionResult = load("PaymentSessionResult");
const sessionResultResponse = load("SessionResultResponse");

let app: FastifyInstance;
let reply: unknown;

beforeAll(async () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addVocabulary(["x-legacy", "x-provider-extensible", "x-enum-descriptions"]);
  app = Fastify();
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema));
  // The response goes out only if it matches the schema. Fastify's default serializer
  // (fast-json-stringify) cannot build PaymentSessionResult ("Failed to merge "type" keyword
  // schemas", from its if/then/else) and would drop unknown properties and coerce types silently
  // where it can, so the route checks with the same Ajv and then stringifies.
  app.setSerializerCompiler(({ schema }) => {
    const check = ajv.compile(schema);
    return (data) => {
      if (!check(data)) throw Object.assign(new Error(`response does not match ${(schema as { title?: string }).title}: ${ajv.errorsText(check.errors)}`), { statusCode: 500 });
      return JSON.stringify(data);
    };
  });
  app.post("/pay/", { schema: { body: sessionResultResponse, response: { 200: paymentSessionResult } } }, async () => reply);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
});

describe("Fastify with the bundled schema files", () => {
  it("accepts a valid body and sends a valid response", async () => {
    reply = paymentSessionResult.examples[0];
    const response = await app.inject({ method: "POST", url: "/pay/", payload: sessionResultResponse.examples[2] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(paymentSessionResult.examples[0]);
  });

  it("answers 400 to a body the schema refuses, naming where", async () => {
    const body = { ...sessionResultResponse.examples[2], status: "exploded" };
    const response = await app.inject({ method: "POST", url: "/pay/", payload: body });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/body\/status must be equal to one of the allowed values/);
  });

  it("answers 400 to an amount beyond int64 inside an embedded model ($defs)", async () => {
    const body = structuredClone(sessionResultResponse.examples[2]) as { payments: { amount: { value: number } }[] };
    body.payments[0]!.amount.value = 2 ** 63;
    const response = await app.inject({ method: "POST", url: "/pay/", payload: body });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/payments\/0\/amount\/value must be < 9223372036854776000/);
  });

  it("refuses to send a response the schema refuses", async () => {
    reply = { ...paymentSessionResult.examples[0], status: "exploded" };
    const response = await app.inject({ method: "POST", url: "/pay/", payload: sessionResultResponse.examples[2] });
    expect(response.statusCode).toBe(500);
    expect(response.json().message).toMatch(/response does not match PaymentSessionResult: data\/status must be equal to one of the allowed values/);
  });
});
