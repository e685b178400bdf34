// The adapters, checks and model-shapes emitters one schema feature at a time: given a small schema
// set (objects in the test, loaded as codegen loads any set), want these fragments in the emitted
// file (and not those), in the style of openapi-typescript's given/want transform tests.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { transformSync } from "esbuild";
import { describe, expect, it } from "vitest";
import { emitAdapters } from "../src/emit/adapters.js";
import { emitChecks } from "../src/emit/checks.js";
import { emitModelShapes } from "../src/emit/model-shapes.js";
import type { SchemaSet } from "../src/model/schema-set.js";
import type { JsonObject } from "../src/model/schema-walk.js";
import { schemaSetOf } from "./support/schema-set.js";

const ADAPTERS = "packages/payment-adapters/src/generated/index.ts";
const CHECKS = "packages/payment-validators/src/generated/checks.ts";
const SHAPES = "packages/payment-validators/src/generated/shapes.ts";

/** A closed object model whose properties are all required, with one example. */
function object(properties: Record<string, JsonObject>, example: JsonObject, optional: readonly string[] = []): JsonObject {
  const described = Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, { description: `The ${name}.`, ...schema }]));
  return { type: "object", properties: described, required: Object.keys(properties).filter((p) => !optional.includes(p)), additionalProperties: false, examples: [example] };
}

const price = object({ label: { type: "string" } }, { label: "1 EUR" });
const invoice = object({ number: { type: "string" } }, { number: "I-1" });
/** An order whose `price_label` is the legacy copy of `price.label`. */
const order = object(
  { id: { type: "string" }, price: { anyOf: [{ $ref: "Price.schema.json" }, { type: "null" }] }, price_label: { type: ["string", "null"], "x-legacy": { replacedBy: "/price/label" } } },
  { id: "o1", price: { label: "1 EUR" }, price_label: "1 EUR" },
);

interface Case {
  readonly name: string;
  readonly given: () => SchemaSet;
  readonly want: readonly string[];
  readonly not?: readonly string[];
}

function check(emit: (set: SchemaSet) => Map<string, string>, file: string, cases: readonly Case[]): void {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const text = emit(c.given()).get(file);
    expect(text, `${file} emitted`).toBeDefined();
    for (const fragment of c.want) expect(text).toContain(fragment);
    for (const fragment of c.not ?? []) expect(text).not.toContain(fragment);
  });
}

describe("adapters emitter", () => {
  check(emitAdapters, ADAPTERS, [
    {
      name: "a nullable legacy field replaced by a nested property",
      given: () => schemaSetOf({ "shop/Order": order, "shop/Price": price }, ["shop/Order"]),
      want: [
        'import type { Order } from "@org/payment-types";',
        'export const legacyModels = ["Order"] as const;',
        'export const orderLegacyFields = [\n  { field: "price_label", replacedBy: "/price/label", replacementPath: ["price","label"], nullable: true },\n] as const satisfies readonly LegacyFieldSpec[];',
        'const orderLegacyFieldsFlat = ["id"] as const;',
        'export type OrderLegacyKey = "price_label";',
        'export type OrderReplacedLegacyKey = "price_label";',
        '    price_label: V["price_label"] | NonNullable<V["price"]>["label"] | null;',
        "  return legacyDrift(result, orderLegacyFields);",
      ],
    },
    {
      name: "a legacy field nothing replaces yet, whose key needs quotes",
      given: () => schemaSetOf({ "shop/Order": object({ id: { type: "string" }, "old-flag": { type: "boolean", "x-legacy": { replacedBy: null } } }, { id: "o1", "old-flag": true }, ["old-flag"]) }, ["shop/Order"]),
      want: [
        '  { field: "old-flag", replacedBy: null, replacementPath: [], nullable: false },',
        'export type OrderLegacyKey = "old-flag";',
        "export type OrderReplacedLegacyKey = never;",
        '    "old-flag"?: V["old-flag"];',
        "Nothing replaces it yet: taken from `old-flag` as sent.",
      ],
    },
    {
      name: "a replacement pointer with escaped tokens",
      given: () =>
        schemaSetOf(
          {
            "shop/Order": object({ meta: { anyOf: [{ $ref: "Meta.schema.json" }, { type: "null" }] }, ab: { type: ["string", "null"], "x-legacy": { replacedBy: "/meta/a~1b" } } }, { meta: { "a/b": "x" }, ab: "x" }),
            "shop/Meta": object({ "a/b": { type: "string" } }, { "a/b": "x" }),
          },
          ["shop/Order"],
        ),
      want: ['{ field: "ab", replacedBy: "/meta/a~1b", replacementPath: ["meta","a/b"], nullable: true }', '    ab: V["ab"] | NonNullable<V["meta"]>["a/b"] | null;'],
    },
    {
      name: "the flat view keeps scalar and enum properties, not objects, arrays or legacy fields",
      given: () =>
        schemaSetOf(
          {
            "shop/Order": object(
              {
                amount: { type: ["number", "null"] },
                state: { $ref: "State.schema.json" },
                tags: { type: "array", items: { type: "string" } },
                price: { $ref: "Price.schema.json" },
                label: { type: ["string", "null"], "x-legacy": { replacedBy: "/price/label" } },
              },
              { amount: 1, state: "open", tags: [], price: { label: "1 EUR" }, label: "1 EUR" },
            ),
            "shop/Price": price,
            "shop/State": { type: "string", enum: ["open", "paid"], examples: ["open"] },
          },
          ["shop/Order"],
        ),
      want: ['const orderLegacyFieldsFlat = ["amount","state"] as const;', "The legacy flat view of a {@link Order}: `amount`, `state` as sent, and"],
    },
    {
      name: "models without legacy fields get no adapters",
      given: () => schemaSetOf({ "shop/Invoice": invoice }, ["shop/Invoice"]),
      want: ["export const legacyModels = [] as const;", 'export type { LegacyDrift, LegacyFieldSpec } from "./legacy-runtime.js";'],
      not: ["@org/payment-types", "Invoice"],
    },
  ]);
});

describe("checks emitter", () => {
  const orderAndInvoice = () => schemaSetOf({ "shop/Order": order, "shop/Price": price, "shop/Invoice": invoice }, ["shop/Order", "shop/Invoice"]);
  check(emitChecks, CHECKS, [
    {
      name: "a drift check per top-level model with legacy fields, an empty list for the others",
      given: orderAndInvoice,
      want: [
        'import type { SemanticCheck } from "../create.js";',
        "/** The checks a valid Order must also pass: its legacy fields agree with their replacements. */\nexport const orderChecks: readonly SemanticCheck[] = [legacyDriftCheck([\n" +
          '  { field: "price_label", replacedBy: "/price/label", replacementPath: ["price","label"], nullable: true },\n' +
          "] as const satisfies readonly LegacyFieldSpec[], [\n" +
          "  {\n" +
          '    legacy: (view) => (Object.hasOwn(view, "price_label") ? view["price_label"] : ABSENT),\n' +
          "    replacement: (view) => {\n" +
          '      if (!Object.hasOwn(view, "price")) return ABSENT;\n' +
          '      let at: unknown = view["price"];\n' +
          '      if (typeof at !== "object" || at === null || Array.isArray(at) || !Object.hasOwn(at, "label")) return ABSENT;\n' +
          '      at = (at as Record<string, unknown>)["label"];\n' +
          "      return at;\n" +
          "    },\n" +
          "  },\n" +
          "])];",
        "/** The checks a valid Invoice must also pass (none yet). */\nexport const invoiceChecks: readonly SemanticCheck[] = [];",
      ],
    },
    {
      name: "no checks for models no operation answers with",
      given: () => schemaSetOf({ "shop/Order": order, "shop/Price": price, "shop/Invoice": invoice }, ["shop/Invoice"]),
      want: ["export const invoiceChecks: readonly SemanticCheck[] = [];"],
      not: ["orderChecks", "priceChecks"],
    },
  ]);

  it("emits checks that run: a drifted legacy field is one legacy-drift issue", async () => {
    const files = emitChecks(orderAndInvoice());
    const dir = mkdtempSync(join(tmpdir(), "checks-emitter-"));
    try {
      for (const [path, text] of files) {
        const name = path.slice(path.lastIndexOf("/") + 1).replace(/\.ts$/, ".js");
        writeFileSync(join(dir, name), transformSync(text, { loader: "ts", format: "esm" }).code);
      }
      const { orderChecks, invoiceChecks } = (await import(join(dir, "checks.js"))) as Record<string, ((value: unknown) => unknown[])[]>;
      expect(invoiceChecks).toEqual([]);
      expect(orderChecks![0]!({ id: "o1", price: { label: "2 EUR" }, price_label: "1 EUR" })).toEqual([
        { pointer: "/price_label", keyword: "legacy-drift", message: 'legacy field "price_label" is "1 EUR" but its replacement /price/label is "2 EUR"', expected: "2 EUR" },
      ]);
      expect(orderChecks![0]!({ id: "o1", price: { label: "1 EUR" }, price_label: "1 EUR" })).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("model-shapes emitter", () => {
  check(emitModelShapes, SHAPES, [
    {
      name: "each top-level model's property names, sorted; no other model",
      given: () => schemaSetOf({ "shop/Order": order, "shop/Price": price, "shop/Invoice": invoice }, ["shop/Order", "shop/Invoice"]),
      want: ['export const modelProperties: Readonly<Record<string, readonly string[]>> = {\n  "Invoice": [\n    "number"\n  ],\n  "Order": [\n    "id",\n    "price",\n    "price_label"\n  ]\n};'],
      not: ['"Price"'],
    },
    {
      name: "optional properties count; a top-level enum has none",
      given: () =>
        schemaSetOf({ "shop/Note": object({ text: { type: "string" }, author: { type: "string" } }, { text: "hi" }, ["author"]), "shop/State": { type: "string", enum: ["open"], examples: ["open"] } }, [
          "shop/Note",
          "shop/State",
        ]),
      want: ['  "Note": [\n    "author",\n    "text"\n  ],', '  "State": []'],
    },
  ]);
});
