// The README's openapi-fetch recipe, taken from the README itself (the block after
// `<!-- recipe: openapi-fetch -->`): it type-checks under the repository's compiler options next to
// typed uses of the client, and it runs against a local HTTP server on 127.0.0.1: a valid response
// comes back as data, one that is not its model makes the call throw PayloadValidationError.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PaymentSessionResultSchema, SessionResultResponseSchema } from "@org/payment-schemas";
import type { paths } from "@org/payment-types/openapi";
import { PayloadValidationError } from "@org/payment-validators";
import type { Client } from "openapi-fetch";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "../..");
// Inside the repository (git ignores test-output/), so the packages resolve as in a consumer's project.
const WORK = join(REPO, "test-output/recipes/openapi-fetch");
const RECIPE = join(WORK, "payments-client.ts");
const USES = join(WORK, "uses.ts");
type Recipe = { createPaymentsClient: (baseUrl: string) => Client<paths> };

function readmeRecipe(): string {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const match = /<!-- recipe: openapi-fetch -->\n```ts\n([\s\S]*?)\n```/.exec(readme);
  if (!match) throw new Error("README.md has no ```ts block after <!-- recipe: openapi-fetch -->");
  return `${match[1]}\n`;
}

// Typed uses a consumer writes: the compiler must accept these and refuse the @ts-expect-error lines.
const USES_SOURCE = `import type { components } from "@org/payment-types/openapi";
import type { PaymentSessionResult } from "@org/payment-types";
import { createPaymentsClient } from "./payments-client.js";

export async function uses(baseUrl: string): Promise<void> {
  const payments = createPaymentsClient(baseUrl);
  const paid = await payments.POST("/pay/");
  const data: components["schemas"]["PaymentSessionResult"] | undefined = paid.data;
  const status: PaymentSessionResult["status"] | undefined = paid.data?.status;
  const session = await payments.GET("/sessions/{sessionId}", { params: { path: { sessionId: "CS1" }, query: { sessionResult: "r" } } });
  const reference: string | undefined = session.data?.reference;
  // @ts-expect-error: the session result query parameter is required
  await payments.GET("/sessions/{sessionId}", { params: { path: { sessionId: "CS1" } } });
  // @ts-expect-error: no such operation
  await payments.GET("/payments/");
  void [data, status, reference];
}
`;

let server: Server;
let baseUrl: string;
let nextBody: unknown;
const requests: string[] = [];

beforeAll(async () => {
  mkdirSync(WORK, { recursive: true });
  writeFileSync(RECIPE, readmeRecipe());
  writeFileSync(USES, USES_SOURCE);
  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(nextBody));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  rmSync(WORK, { recursive: true, force: true });
});

describe("README recipe: openapi-fetch with a validating middleware", () => {
  it("type-checks, with the typed uses of the client", () => {
    const base = ts.getParsedCommandLineOfConfigFile(join(REPO, "tsconfig.base.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const program = ts.createProgram([RECIPE, USES], { ...base.options, noEmit: true, types: ["node"] });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(diagnostics).toEqual([]);
  });

  it("returns a valid response as data", async () => {
    const { createPaymentsClient } = (await import(RECIPE)) as Recipe;
    const payments = createPaymentsClient(baseUrl);
    nextBody = PaymentSessionResultSchema.examples[0];
    const paid = await payments.POST("/pay/");
    expect(paid.data).toEqual(PaymentSessionResultSchema.examples[0]);
    nextBody = SessionResultResponseSchema.examples[2];
    const session = await payments.GET("/sessions/{sessionId}", { params: { path: { sessionId: "CS451F2AB1ED897A94" }, query: { sessionResult: "X" } } });
    expect(session.data?.reference).toBe("ORDER-2026-000414");
    expect(requests.slice(-2)).toEqual(["POST /pay/", "GET /sessions/CS451F2AB1ED897A94?sessionResult=X"]);
  });

  it("throws PayloadValidationError, naming model and issues, for a response that is not its model", async () => {
    const { createPaymentsClient } = (await import(RECIPE)) as Recipe;
    const payments = createPaymentsClient(baseUrl);
    nextBody = { ...PaymentSessionResultSchema.examples[0], status: "exploded" };
    const error = await payments.POST("/verify/").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadValidationError);
    expect((error as PayloadValidationError).message).toMatch(/PaymentSessionResult/);
    expect((error as PayloadValidationError).issues).toEqual([expect.objectContaining({ pointer: "/status", keyword: "enum" })]);
    nextBody = { ...SessionResultResponseSchema.examples[0], id: 7 };
    const sessionError = await payments.GET("/sessions/{sessionId}", { params: { path: { sessionId: "CS1" }, query: { sessionResult: "X" } } }).catch((e: unknown) => e);
    expect((sessionError as PayloadValidationError).issues).toEqual([expect.objectContaining({ pointer: "/id", keyword: "type" })]);
  });
});
