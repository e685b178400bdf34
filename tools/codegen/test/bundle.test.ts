// bundledSchema: one self-contained schema per top-level model, on the mini fixture set and on a
// hand-built set whose embedded model has $defs of its own (its local refs must follow it).
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bundledId, bundledSchema } from "../src/emit/schemas/bundle.js";
import { emitSchemas } from "../src/emit/schemas.js";
import type { Model, SchemaSet } from "../src/model/schema-set.js";
import { loadSchemaSet } from "../src/model/load.js";
import type { JsonObject } from "../src/model/schema-walk.js";

const mini = loadSchemaSet(fileURLToPath(new URL("fixtures/mini", import.meta.url)));

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) k === "$ref" && typeof v === "string" ? out.push(v) : refs(v, out);
  }
  return out;
}

describe("bundledSchema", () => {
  it("puts the top-level model at the root and every model it reaches under $defs, refs inside the file", () => {
    const order = mini.models.get("Order")!;
    const bundled = bundledSchema(mini, order);
    expect(bundled.$id).toBe(bundledId("Order"));
    expect(bundled.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(Object.keys(bundled.$defs as JsonObject)).toEqual(["OrderState", "Price"]);
    for (const ref of refs(bundled)) expect(Object.keys(bundled.$defs as JsonObject)).toContain(ref.replace("#/$defs/", ""));
    const { $id: _i, $schema: _s, ...price } = mini.models.get("Price")!.schema;
    expect((bundled.$defs as JsonObject).Price).toEqual(price);
    expect(bundled.title).toBe(order.schema.title);
    expect(bundled.examples).toEqual(order.schema.examples);
  });

  it("is emitted as packages/payment-schemas/generated/bundled/<Model>.schema.json for each top-level model", () => {
    const files = [...emitSchemas(mini).keys()].filter((p) => p.includes("/bundled/"));
    expect(files).toEqual(["packages/payment-schemas/generated/bundled/Order.schema.json"]);
  });

  it("moves an embedded model's local refs under its $defs entry, and keeps the root's own", () => {
    const base = "https://schemas.payment-types.invalid/x/";
    const model = (name: string, schema: JsonObject, references: string[] = []): Model => ({
      name,
      file: `schemas/x/${name}.schema.json`,
      source: "x",
      id: `${base}${name}.schema.json`,
      schema: { $id: `${base}${name}.schema.json`, ...schema },
      kind: "object",
      references,
    });
    const part = model("Part", { type: "object", properties: { code: { $ref: "#/$defs/code" } }, $defs: { code: { type: "string" } } });
    const root = model("Root", { type: "object", properties: { part: { $ref: "./Part.schema.json" }, id: { $ref: "#/$defs/id" } }, $defs: { id: { type: "string" } } }, ["Part"]);
    const models = new Map([
      ["Part", part],
      ["Root", root],
    ]);
    const set = { models, topLevel: ["Root"], modelForRef: (from: string, ref: string) => [...models.values()].find((m) => m.id === new URL(ref, from).href) } as unknown as SchemaSet;
    const bundled = bundledSchema(set, root) as { properties: Record<string, JsonObject>; $defs: Record<string, JsonObject> };
    expect(bundled.properties.part!.$ref).toBe("#/$defs/Part");
    expect(bundled.properties.id!.$ref).toBe("#/$defs/id");
    expect((bundled.$defs.Part!.properties as Record<string, JsonObject>).code!.$ref).toBe("#/$defs/Part/$defs/code");
    expect(Object.keys(bundled.$defs)).toEqual(["id", "Part"]);
  });

  it("refuses a root $defs entry named like an embedded model", () => {
    const clash = { ...mini.models.get("Order")!, schema: { ...mini.models.get("Order")!.schema, $defs: { Price: { type: "string" } } } };
    expect(() => bundledSchema(mini, clash)).toThrow(/already has an entry "Price"/);
  });
});
