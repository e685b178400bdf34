// @org/payment-schemas as other services use it: JSON files by path (any language, any tool) and
// the same schemas as JS objects, both equal to the canonical schemas in schemas/.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PaymentSessionResultSchema, openapiDocument, schemaSetHash, schemas, topLevelModels } from "@org/payment-schemas";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const repoSchemas = fileURLToPath(new URL("../../../schemas", import.meta.url));

describe("@org/payment-schemas", () => {
  it("exports every schema as a JS object equal to the canonical file", () => {
    for (const [name, schema] of Object.entries(schemas)) {
      const file = join(repoSchemas, schema.$id.replace("https://schemas.payment-types.invalid/", ""));
      expect(JSON.parse(readFileSync(file, "utf8")), name).toEqual(schema);
    }
    expect(Object.keys(schemas)).toContain("PaymentSessionResult");
    expect(PaymentSessionResultSchema.title).toBe("PaymentSessionResult");
    expect(topLevelModels).toEqual(["PaymentSessionResult", "SessionResultResponse"]);
    expect(schemaSetHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ships the JSON files under ./schemas/* and ./openapi.json", () => {
    const fromPath = require("@org/payment-schemas/schemas/gateway/PaymentSessionResult.schema.json");
    expect(fromPath).toEqual(PaymentSessionResultSchema);
    const openapi = require("@org/payment-schemas/openapi.json");
    expect(openapi).toEqual(openapiDocument);
    expect(openapi.openapi).toBe("3.1.0");
    expect(Object.keys(openapi.paths).sort()).toEqual(["/pay/", "/sessions/{sessionId}", "/verify/"]);
    expect(openapi.paths["/sessions/{sessionId}"].get.parameters).toContainEqual(expect.objectContaining({ name: "sessionResult", in: "query", required: true }));
  });

  it("loads from plain Node as ESM (with JSON import attributes) and as CommonJS", () => {
    const dir = dirname(require.resolve("@org/payment-schemas/package.json"));
    const esm = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", 'import s from "@org/payment-schemas/openapi.json" with { type: "json" }; import { schemas } from "@org/payment-schemas"; console.log(s.openapi, Object.keys(schemas).length)'],
      { cwd: dir, encoding: "utf8" },
    );
    expect(esm.trim()).toBe(`3.1.0 ${Object.keys(schemas).length}`);
    const cjs = execFileSync(process.execPath, ["-e", 'console.log(Object.keys(require("@org/payment-schemas").schemas).length)'], { cwd: dir, encoding: "utf8" });
    expect(cjs.trim()).toBe(String(Object.keys(schemas).length));
  });
});
