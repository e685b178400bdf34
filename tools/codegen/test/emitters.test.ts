// Each core emitter on a small in-memory schema set (test/fixtures/mini): one model per kind of
// node (object, nullable $ref, optional, enum, provider-extensible enum, legacy alias), checked by
// assertion and pinned by snapshot.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { emitOpenapi } from "../src/emit/openapi.js";
import { emitSchemas } from "../src/emit/schemas.js";
import { emitTypes } from "../src/emit/types.js";
import { emitValidators } from "../src/emit/validators.js";
import { fastExport, strictExport, tolerantExport } from "../src/names.js";
import { loadSchemaSet } from "../src/model/load.js";

const set = loadSchemaSet(fileURLToPath(new URL("fixtures/mini", import.meta.url)));
const only = (files: Map<string, string>, suffix: string) => [...files.entries()].find(([path]) => path.endsWith(suffix))![1];

describe("load", () => {
  it("finds the models, the top-level ones and a stable hash", () => {
    expect([...set.models.keys()]).toEqual(["Order", "OrderState", "Price"]);
    expect(set.topLevel).toEqual(["Order"]);
    expect(set.models.get("Order")!.references).toEqual(["OrderState", "Price"]);
    expect(set.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(loadSchemaSet(set.root).hash).toBe(set.hash);
  });
});

describe("types emitter", async () => {
  const models = only(await emitTypes(set), "models.ts");
  const tolerant = only(await emitTypes(set), "tolerant.ts");

  it("maps each kind of node to its TypeScript form", () => {
    expect(models).toMatch(/export interface Order \{/);
    expect(models).toMatch(/ id: string;/);
    expect(models).toMatch(/ note\?: string;/);
    expect(models).toMatch(/ price: Price \| null;/);
    expect(models).toMatch(/ state: OrderState;/);
    expect(models).toMatch(/ label: string \| null;/);
    expect(models).toMatch(/export type OrderState = "open" \| "paid";/);
    expect(models).toMatch(/export const ORDER_STATES = \["open", "paid"\] as const satisfies readonly OrderState\[\];/);
    expect(models).toMatch(/@deprecated Legacy flat field kept for old clients\. Use `price\.label` instead\./);
    expect(models).toMatch(/- `open`: Not paid yet\./);
    expect(models).not.toMatch(/Price1|OrderState1/);
  });

  it("derives tolerant types: open objects, branded unknown values for extensible enums", () => {
    expect(tolerant).toMatch(/export type TolerantOrderState = OrderState \| UnrecognizedEnumValue;/);
    expect(tolerant).toMatch(/price: TolerantPrice \| null;/);
    expect(tolerant).toMatch(/\[k: string\]: unknown;/);
  });

  it("matches the snapshot", () => {
    expect(models).toMatchSnapshot();
    expect(tolerant).toMatchSnapshot();
  });
});

describe("openapi emitter", async () => {
  const files = await emitOpenapi(set);
  const document = JSON.parse(only(files, "openapi.json"));

  it("puts every model in components with $refs rewritten, and keeps the operations", () => {
    expect(Object.keys(document.components.schemas)).toEqual(["Order", "OrderState", "Price"]);
    expect(document.components.schemas.Order.properties.price.anyOf[0]).toEqual({ $ref: "#/components/schemas/Price" });
    expect(document.paths["/orders/{id}"].get.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Order" });
    expect(document.components.schemas.Order.$id).toBeUndefined();
    expect(document.components.schemas.Order.properties.price_label.deprecated).toBe(true);
    expect(document.components.schemas.Order.properties.note.deprecated).toBeUndefined();
    expect(document.openapi).toBe("3.1.0");
  });

  it("derives paths/components types with openapi-typescript", () => {
    const types = only(files, "openapi.ts");
    expect(types).toMatch(/price: components\["schemas"\]\["Price"\] \| null;/);
    expect(types).toMatchSnapshot();
  });
});

describe("schemas emitter", () => {
  it("ships every schema file verbatim and as a JS object", () => {
    const files = emitSchemas(set);
    expect(JSON.parse(files.get("packages/payment-schemas/generated/schemas/shop/Order.schema.json")!)).toEqual(set.models.get("Order")!.schema);
    expect(only(files, "src/generated/index.ts")).toMatch(/export const OrderSchema = \{/);
  });
});

describe("validators emitter", async () => {
  const files = emitValidators(set);
  const dir = mkdtempSync(join(tmpdir(), "validators-emitter-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "standalone.mjs"), only(files, "standalone.js"));
  const compiled = (await import(join(dir, "standalone.mjs"))) as Record<string, ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string }[] }>;
  const example = (set.models.get("Order")!.schema.examples as unknown[])[0] as Record<string, unknown>;

  it("exports a strict and a tolerant function per top-level model, and their fast-path guards, with no require()", () => {
    const modes = [strictExport("Order"), tolerantExport("Order")];
    expect(Object.keys(compiled).sort()).toEqual([...modes, ...modes.map(fastExport)].sort());
    expect(only(files, "standalone.js")).not.toMatch(/(?<![\w$.])require\(/);
  });

  it("strict: exactly the schema", () => {
    const strict = compiled[strictExport("Order")]!;
    expect(strict(example)).toBe(true);
    expect(strict({ ...example, extra: 1 })).toBe(false);
    expect(strict({ ...example, state: "refunded" })).toBe(false);
    expect(strict({ ...example, price: { cents: -1, label: null } })).toBe(false);
    expect(strict.errors!.map((e) => `${e.instancePath} ${e.keyword}`)).toContain("/price/cents minimum");
  });

  it("tolerant: unknown properties and unknown values of extensible enums pass, the rest is strict", () => {
    const tolerant = compiled[tolerantExport("Order")]!;
    expect(tolerant({ ...example, extra: 1, price: { cents: 1, label: null, currency: "EUR" } })).toBe(true);
    expect(tolerant({ ...example, state: "refunded" })).toBe(true);
    expect(tolerant({ ...example, state: 7 })).toBe(false);
    expect(tolerant({ ...example, id: "not-a-uuid" })).toBe(false);
  });
});
