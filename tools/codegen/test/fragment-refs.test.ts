// Schemas as people write them: in-file $defs referenced as "#/$defs/x", an $anchor, a chain of
// references, and a reference into another file's $defs. Load resolves them (the models then refer
// to whole files only), every emitter runs on the result, and the validators mean what the schema
// says; a reference that leads nowhere or back to itself is refused with file, pointer and rule.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { SchemaSetError } from "../src/errors.js";
import { emitValidators } from "../src/emit/validators.js";
import { generate } from "../src/generate.js";
import { loadSchemaSet } from "../src/model/load.js";

const MINI = fileURLToPath(new URL("fixtures/mini", import.meta.url));
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A copy of the mini schema set with `edit` applied to Order's and Price's schemas. */
function miniWith(edit: (order: Record<string, any>, price: Record<string, any>) => void): string {
  const root = mkdtempSync(join(tmpdir(), "fragment-refs-"));
  roots.push(root);
  cpSync(MINI, root, { recursive: true });
  const orderFile = join(root, "schemas/shop/Order.schema.json");
  const priceFile = join(root, "schemas/shop/Price.schema.json");
  const order = JSON.parse(readFileSync(orderFile, "utf8"));
  const price = JSON.parse(readFileSync(priceFile, "utf8"));
  edit(order, price);
  writeFileSync(orderFile, JSON.stringify(order, null, 2));
  writeFileSync(priceFile, JSON.stringify(price, null, 2));
  return root;
}

function loadError(root: string): string {
  try {
    loadSchemaSet(root);
  } catch (error) {
    if (error instanceof SchemaSetError) return error.errors.map(String).join("\n");
    throw error;
  }
  throw new Error("the schema set loaded");
}

describe("references into files", () => {
  it("resolves $defs, an $anchor, a chain and another file's $defs, and every emitter runs", async () => {
    const root = miniWith((order, price) => {
      order.$defs = {
        code: { $anchor: "code", type: "string", pattern: "^[A-Z]{3}$" },
        currency: { $ref: "#code" },
        currencyCode: { $ref: "#/$defs/currency" },
      };
      order.properties.currency = { description: "Currency of the order.", $ref: "#/$defs/currencyCode" };
      order.properties.discount = { description: "Discount in cents.", $ref: "Price.schema.json#/$defs/cents" };
      order.examples[0].currency = "EUR";
      order.examples[0].discount = 5;
      price.$defs = { cents: { description: "An amount in cents.", type: "integer", minimum: 0 } };
    });
    const set = loadSchemaSet(root);
    const order = set.models.get("Order")!;
    expect(order.schema.$defs).toBeUndefined();
    expect(order.schema.properties).toMatchObject({
      currency: { description: "Currency of the order.", type: "string", pattern: "^[A-Z]{3}$" },
      discount: { description: "Discount in cents.", type: "integer", minimum: 0 },
    });
    expect(order.references).toEqual(["OrderState", "Price"]);
    const files = await generate(set);
    const types = files.get("packages/payment-types/src/generated/models.ts")!;
    // Each $defs entry a reference names is a named type (named-definitions.test.ts has the detail).
    expect(types).toMatch(/currency\?: OrderCurrencyCode;/);
    expect(types).toMatch(/discount\?: PriceCents;/);
    expect(types).toMatch(/export type OrderCode = string;/);
    expect(types).toMatch(/export type PriceCents = number;/);

    const bundle = join(root, "standalone.mjs");
    writeFileSync(bundle, emitValidators(set).get("packages/payment-validators/src/generated/standalone.js")!);
    const { strictOrder } = await import(pathToFileURL(bundle).href);
    const example = order.schema.examples as Record<string, unknown>[];
    expect(strictOrder(example[0])).toBe(true);
    expect(strictOrder({ ...example[0], currency: "eur" })).toBe(false);
    expect(strictOrder({ ...example[0], discount: -1 })).toBe(false);
  });

  it("refuses a reference to nothing, naming the file, the pointer and the rule", () => {
    const root = miniWith((order) => {
      order.properties.note = { description: "Optional note.", $ref: "#/$defs/missing" };
    });
    expect(loadError(root)).toContain('schemas/shop/Order.schema.json#/properties/note/$ref [unresolved-ref] cannot resolve $ref "#/$defs/missing": schemas/shop/Order.schema.json has no subschema at #/$defs/missing');
  });

  it("refuses a cycle of references", () => {
    const root = miniWith((order) => {
      order.$defs = { a: { $ref: "#/$defs/b" }, b: { $ref: "#/$defs/a" } };
      order.properties.note = { description: "Optional note.", $ref: "#/$defs/a" };
    });
    expect(loadError(root)).toMatch(/schemas\/shop\/Order\.schema\.json#\/properties\/note\/\$ref \[ref-cycle\]/);
  });

  it("refuses a subschema with its own $id, saying why", () => {
    const root = miniWith((order) => {
      order.properties.note = { description: "Optional note.", $id: "https://schemas.payment-types.invalid/shop/Note.json", type: "string" };
    });
    expect(loadError(root)).toContain('schemas/shop/Order.schema.json#/properties/note/$id [embedded-id] a subschema with its own "$id"');
  });
});
