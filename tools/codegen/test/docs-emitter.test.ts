// The docs emitter on a small schema set made for the purpose: shapes the real schemas do not have
// yet (inline enums, same-model legacy replacements, deprecated flags, pipes in text, integers past
// 2^53, models in several sources) come out as readable, linked Markdown.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type Token, type Tokens, marked } from "marked";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emitDocs } from "../src/emit/docs.js";
import { OUTPUTS } from "../src/outputs.js";
import { loadSchemaSet } from "../src/model/load.js";
import { checkLinks, plainText } from "./support/markdown-links.js";

const BASE = "https://schemas.payment-types.invalid/";
const model = (path: string, schema: Record<string, unknown>) => ({
  path,
  schema: { $schema: "https://json-schema.org/draft/2020-12/schema", $id: `${BASE}${path}`, title: path.split("/")[1]!.replace(".schema.json", ""), ...schema },
});

const FILES = [
  model("shop/Order.schema.json", {
    description: "An order. Placed by a customer.",
    type: "object",
    properties: {
      id: { description: "Identifier | code.", type: "string", pattern: "^(a|b)$" },
      state: { description: "Where the order stands.", type: "string", enum: ["open", "closed"], "x-enum-descriptions": { open: "Still editable.", closed: "Shipped." } },
      kind: { description: "What was ordered.", $ref: "../common/Kind.schema.json" },
      lines: { description: "The order lines.", type: "array", items: { $ref: "Line.schema.json" } },
      customer: { description: "Who ordered.", anyOf: [{ $ref: "Customer.schema.json" }, { type: "null" }] },
      code_old: { description: "Old identifier.", type: "string", "x-legacy": { replacedBy: "/id" } },
      customer_name: { description: "Old flat customer name.", type: ["string", "null"], "x-legacy": { replacedBy: "/customer/name" } },
      total: { description: "Total in cents.", type: "integer", maximum: 1000000000000000000000 },
      gift: { description: "Gift wrapping.", type: "boolean", deprecated: true },
    },
    required: ["id", "state"],
    additionalProperties: false,
    examples: [{ id: "a", state: "open", kind: "book", lines: [{ sku: "X1" }], customer: { name: "Ada" }, customer_name: "Ada" }],
  }),
  model("shop/Line.schema.json", { description: "An order line.", type: "object", properties: { sku: { description: "Stock keeping unit.", type: "string" } }, examples: [{ sku: "X1" }] }),
  model("shop/Customer.schema.json", { description: "A customer.", type: "object", properties: { name: { description: "Full name.", type: "string" } }, examples: [{ name: "Ada" }] }),
  model("common/Kind.schema.json", { description: "A kind of goods.", type: "string", enum: ["book", "music"], "x-enum-descriptions": { book: "Printed matter.", music: "Records." }, examples: ["book"] }),
];
const API = {
  openapi: "3.1.0",
  info: { title: "Shop", version: "1.0.0" },
  paths: { "/orders/{id}": { get: { responses: { "200": { description: "The order.", content: { "application/json": { schema: { $ref: "shop/Order.schema.json" } } } } } } } },
};

let root: string;
let pages: Map<string, string>;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "docs-emitter-"));
  for (const { path, schema } of FILES) {
    mkdirSync(dirname(join(root, "schemas", path)), { recursive: true });
    writeFileSync(join(root, "schemas", path), JSON.stringify(schema));
  }
  writeFileSync(join(root, "schemas", "api.json"), JSON.stringify(API));
  const files = emitDocs(loadSchemaSet(root));
  pages = new Map([...files].map(([path, text]) => [path.slice(OUTPUTS.docs.length + 1), text]));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function sectionTable(page: string, title: string): string[][] {
  const tokens = marked.lexer(pages.get(page)!, { gfm: true });
  const start = tokens.findIndex((t) => t.type === "heading" && t.text === title);
  const found = tokens.slice(start).find((t): t is Tokens.Table => t.type === "table")!;
  return found.rows.map((r) => r.map((c) => plainText(c.tokens)));
}

describe("docs emitter", () => {
  it("writes an index and one page per model, under the model's source folder, every link resolving", () => {
    expect([...pages.keys()].sort()).toEqual(["README.md", "common/Kind.md", "shop/Customer.md", "shop/Line.md", "shop/Order.md"]);
    const report = checkLinks(pages);
    expect(report.broken).toEqual([]);
    expect(report.checked.get("shop/Order.md")).toContain("../common/Kind.md");
    expect(report.checked.get("common/Kind.md")).toContain("../shop/Order.md#field-kind");
    expect(pages.get("README.md")).toContain("Response models: [`Order`](shop/Order.md) (`GET /orders/{id}`)");
  });

  it("keeps the field table intact and says what each field is", () => {
    const rows = Object.fromEntries(sectionTable("shop/Order.md", "Fields").map((r): [string, string[]] => [r[0]!, r]));
    expect(Object.keys(rows)).toEqual(["id", "state", "kind", "lines", "customer", "code_old", "customer_name", "total", "gift"]);
    expect(Object.values(rows).every((r) => r.length === 4)).toBe(true);
    expect(rows.id).toEqual(["id", "string", "Required, Pattern: ^(a|b)$", "Identifier | code."]);
    expect(rows.state![2]).toBe("Required, Values: open, closed");
    expect(rows.state![3]).toContain("open: Still editable.");
    expect(rows.kind![1]).toBe("Kind");
    expect(rows.kind![3]).toContain("music: Records.");
    expect(rows.lines![1]).toBe("array of Line");
    expect(rows.customer!.slice(1, 3)).toEqual(["Customer | null", "Optional, Nullable"]);
    expect(rows.total![2]).toBe("Optional, Maximum: 1000000000000000000000");
    expect(rows.gift![2]).toBe("Optional, Deprecated");
    expect(rows.code_old![2]).toBe("Optional, Deprecated");
  });

  it("lists legacy fields with their replacement, in the same model or a nested one", () => {
    expect(sectionTable("shop/Order.md", "Legacy fields").map((r) => r.slice(0, 2))).toEqual([
      ["code_old", "id"],
      ["customer_name", "customer.name"],
    ]);
    expect(pages.get("shop/Order.md")).toContain("| [`customer_name`](#field-customer_name) | [`customer.name`](Customer.md#field-name) |");
  });

  it("shows nested objects as a tree, through arrays and nullable references", () => {
    const tree = pages.get("shop/Order.md")!.split("## Structure")[1]!.split("\n## ")[0]!;
    expect(tree).toContain("- [`lines`](#field-lines): array of [`Line`](Line.md)\n  - [`sku`](Line.md#field-sku): `string`");
    expect(tree).toContain("- [`customer`](#field-customer): [`Customer`](Customer.md) | `null`\n  - [`name`](Customer.md#field-name): `string`");
    expect(tree).toContain("values `book`, `music`");
  });

  it("gives an enum page its values with their meanings and the fields that use it", () => {
    const kind = pages.get("common/Kind.md")!;
    expect(kind).toContain("- `book`: Printed matter.\n- `music`: Records.");
    expect(kind).toContain("**Used by:** [`Order.kind`](../shop/Order.md#field-kind)");
    const example = (marked.lexer(kind) as Token[]).find((t): t is Tokens.Code => t.type === "code")!;
    expect(JSON.parse(example.text)).toBe("book");
  });
});
