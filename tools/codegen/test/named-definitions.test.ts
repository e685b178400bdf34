// `$defs` entries a `$ref` names become named types: given a schema set with in-file `$defs` (by
// pointer, by `$anchor`, through a chain, from another file), the types emitter declares each one
// once, documented, with its Tolerant* counterpart, and the models use it by name; the docs give it a
// section. A name that clashes is refused with file, pointer and rule. The validators are the same as
// for the schema written inline. Last, on a copy of the repository, `pnpm codegen` and the
// TypeScript compiler show the named type exported by @org/payment-types and used by its model.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { SchemaSetError } from "../src/errors.js";
import { emitDocs } from "../src/emit/docs.js";
import { emitTypes } from "../src/emit/types.js";
import { emitValidators } from "../src/emit/validators.js";
import { loadSchemaSet } from "../src/model/load.js";
import { REPO_ROOT, copyPackageSources, copyRepo, removeRepo, runCodegen } from "./helpers.js";

const MINI = fileURLToPath(new URL("fixtures/mini", import.meta.url));
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

type Schema = Record<string, any>;

/** A copy of the mini schema set with `edit` applied to Order's and Price's schemas. */
function miniWith(edit: (order: Schema, price: Schema) => void): string {
  const root = mkdtempSync(join(tmpdir(), "named-definitions-"));
  roots.push(root);
  cpSync(MINI, root, { recursive: true });
  const files = ["Order", "Price"].map((name) => join(root, `schemas/shop/${name}.schema.json`));
  const [order, price] = files.map((file) => JSON.parse(readFileSync(file, "utf8")) as Schema);
  edit(order!, price!);
  writeFileSync(files[0]!, JSON.stringify(order, null, 2));
  writeFileSync(files[1]!, JSON.stringify(price, null, 2));
  return root;
}

/** Order refers to its own `$defs` by pointer, by `$anchor` and through a chain, and to Price's. */
function withDefinitions(order: Schema, price: Schema): void {
  order.$defs = {
    code: { $anchor: "code", type: "string", pattern: "^[A-Z]{3}$" },
    currency: { $ref: "#code" },
    currencyCode: { description: "An ISO 4217 currency code.", $ref: "#/$defs/currency" },
    shipping: {
      description: "Where the order goes.",
      type: "object",
      properties: { street: { description: "Street and number.", type: "string", minLength: 1 }, lane: { description: "How fast.", $ref: "#/$defs/lane" } },
      required: ["street"],
      additionalProperties: false,
    },
    lane: { description: "Shipping speed.", enum: ["standard", "express"] },
    wrap: { title: "Gift wrap", description: "How the order is wrapped.", type: "object", properties: { paper: { description: "Paper colour.", type: "string" } }, additionalProperties: false },
    unused: { description: "Referred to by nothing.", type: "string" },
  };
  order.properties.currency = { description: "Currency of the order.", $ref: "#/$defs/currencyCode" };
  order.properties.shipping = { description: "Shipping address, once known.", anyOf: [{ $ref: "#/$defs/shipping" }, { type: "null" }] };
  order.properties.wraps = { description: "Every wrap.", type: "array", items: { $ref: "#/$defs/wrap" } };
  order.properties.discount = { description: "Discount.", $ref: "Price.schema.json#/$defs/cents" };
  price.$defs = { cents: { description: "An amount in cents.", type: "integer", minimum: 0 } };
}

/** The same model with every reference written out inline: what the validators must see alike. */
function withInlineCopies(order: Schema): void {
  const shipping = {
    type: "object",
    properties: { street: { description: "Street and number.", type: "string", minLength: 1 }, lane: { description: "How fast.", enum: ["standard", "express"] } },
    required: ["street"],
    additionalProperties: false,
  };
  order.properties.currency = { description: "Currency of the order.", type: "string", pattern: "^[A-Z]{3}$" };
  order.properties.shipping = { description: "Shipping address, once known.", anyOf: [{ description: "Where the order goes.", ...shipping }, { type: "null" }] };
  order.properties.wraps = {
    description: "Every wrap.",
    type: "array",
    items: { title: "Gift wrap", description: "How the order is wrapped.", type: "object", properties: { paper: { description: "Paper colour.", type: "string" } }, additionalProperties: false },
  };
  order.properties.discount = { description: "Discount.", type: "integer", minimum: 0 };
}

function loadErrors(root: string): string[] {
  try {
    loadSchemaSet(root);
  } catch (error) {
    if (error instanceof SchemaSetError) return error.errors.map(String);
    throw error;
  }
  throw new Error("the schema set loaded");
}

/** The declaration of `name` in generated TypeScript: from its JSDoc to its last line. */
function declarationOf(source: string, name: string): string {
  const match = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/\\n)?export (?:interface ${name}\\b[\\s\\S]*?\\n\\}|type ${name}\\b[\\s\\S]*?;)(?=\\n)`).exec(source);
  if (!match) throw new Error(`${name} is not declared`);
  return match[0].trim();
}

describe("the types emitter declares a referenced $defs entry as a named type", async () => {
  const set = loadSchemaSet(miniWith(withDefinitions));
  const files = await emitTypes(set);
  const models = files.get("packages/payment-types/src/generated/models.ts")!;
  const tolerant = files.get("packages/payment-types/src/generated/tolerant.ts")!;

  it("names each entry from its model and key, or from its title; an entry nothing refers to is not declared", () => {
    expect([...set.definitions.keys()]).toEqual(["GiftWrap", "OrderCode", "OrderCurrency", "OrderCurrencyCode", "OrderLane", "OrderShipping", "PriceCents"]);
    expect(set.definitions.get("PriceCents")).toMatchObject({ owner: "Price", file: "schemas/shop/Price.schema.json", pointer: "/$defs/cents" });
    expect(models).not.toMatch(/OrderUnused/);
  });

  it("declares an object entry as a documented interface, and the model uses it by name", () => {
    expect(declarationOf(models, "OrderShipping")).toBe(
      [
        "/**",
        " * Where the order goes.",
        " *",
        " * Defined in the schema at `schemas/shop/Order.schema.json#/$defs/shipping` and used by name wherever it is referenced.",
        " */",
        "export interface OrderShipping {",
        "  /**",
        "   * Street and number.",
        "   */",
        "  street: string;",
        "  /**",
        "   * How fast.",
        "   */",
        "  lane?: OrderLane;",
        "}",
      ].join("\n"),
    );
    const order = declarationOf(models, "Order");
    expect(order).toContain("  shipping?: OrderShipping | null;");
    expect(order).toContain("  wraps?: GiftWrap[];");
    expect(order).toContain("  discount?: PriceCents;");
    expect(order).toContain("  currency?: OrderCurrencyCode;");
    // A use says what it says itself; the entry's own description is on the declaration.
    expect(order).toContain("   * Currency of the order.\n   */\n  currency?: OrderCurrencyCode;");
  });

  it("declares an enum entry with its values array, a chain as aliases, a scalar as its type", () => {
    expect(declarationOf(models, "OrderLane")).toMatch(/\* Shipping speed\.[\s\S]*export type OrderLane = "standard" \| "express";$/);
    expect(models).toContain('export const ORDER_LANES = ["standard", "express"] as const satisfies readonly OrderLane[];');
    expect(declarationOf(models, "OrderCurrencyCode")).toMatch(/\* An ISO 4217 currency code\.[\s\S]*export type OrderCurrencyCode = OrderCurrency;$/);
    expect(declarationOf(models, "OrderCurrency")).toMatch(/export type OrderCurrency = OrderCode;$/);
    expect(declarationOf(models, "OrderCode")).toMatch(/export type OrderCode = string;$/);
    expect(declarationOf(models, "PriceCents")).toMatch(/\* An amount in cents\.[\s\S]*#\/\$defs\/cents`[\s\S]*export type PriceCents = number;$/);
  });

  it("declares the tolerant counterparts, which the tolerant model uses", () => {
    expect(declarationOf(tolerant, "TolerantOrderShipping")).toMatch(/export interface TolerantOrderShipping \{[\s\S]*lane\?: TolerantOrderLane;\n {2}\[k: string\]: unknown;\n\}$/);
    expect(declarationOf(tolerant, "TolerantGiftWrap")).toMatch(/Tolerant view of \{@link GiftWrap\}/);
    expect(tolerant).toContain("export type TolerantOrderLane = OrderLane;");
    expect(tolerant).toContain("export type TolerantOrderCode = OrderCode;");
    expect(tolerant).toContain("export type TolerantOrderCurrencyCode = TolerantOrderCurrency;");
    expect(tolerant).toMatch(/^import type \{ OrderState, OrderCode, OrderLane, PriceCents \} from "\.\/models\.js";$/m);
    const order = declarationOf(tolerant, "TolerantOrder");
    expect(order).toContain("  shipping?: TolerantOrderShipping | null;");
    expect(order).toContain("  wraps?: TolerantGiftWrap[];");
  });

  it("emits files that compile", () => {
    const dir = mkdtempSync(join(tmpdir(), "named-definitions-types-"));
    roots.push(dir);
    for (const [path, text] of files) writeFileSync(join(dir, path.split("/").pop()!), text);
    const program = ts.createProgram([join(dir, "models.ts"), join(dir, "tolerant.ts")], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
    });
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "))).toEqual([]);
  });

  it("gives each entry a section of its model's page, linked from every use", () => {
    const page = emitDocs(set).get("packages/payment-docs/generated/shop/Order.md")!;
    expect(page).toContain('| <a id="field-shipping"></a>`shipping` | [`OrderShipping`](Order.md#type-OrderShipping) \\| `null` |');
    expect(page).toContain('| <a id="field-discount"></a>`discount` | [`PriceCents`](Price.md#type-PriceCents) |');
    expect(page).toMatch(
      /## Named types\n[\s\S]*<a id="type-OrderShipping"><\/a>\n### OrderShipping\n\nWhere the order goes\.\n\n- \*\*Schema:\*\* `schemas\/shop\/Order\.schema\.json#\/\$defs\/shipping`\n- \*\*Type:\*\* `object`\n- \*\*Used by:\*\* \[`Order\.shipping`\]\(Order\.md#field-shipping\)\n/,
    );
    expect(page).toContain('| <a id="type-OrderShipping-field-lane"></a>`lane` | [`OrderLane`](Order.md#type-OrderLane) |');
    expect(page).toMatch(/### OrderLane\n[\s\S]*- \*\*Used by:\*\* \[`OrderShipping\.lane`\]\(Order\.md#type-OrderShipping-field-lane\)\n\nValues:\n\n- `standard`\n- `express`/);
    const pricePage = emitDocs(set).get("packages/payment-docs/generated/shop/Price.md")!;
    expect(pricePage).toMatch(/### PriceCents\n[\s\S]*- \*\*Used by:\*\* \[`Order\.discount`\]\(Order\.md#field-discount\)/);
  });

  it("leaves the validators as they are for the same schema written inline", () => {
    const inline = loadSchemaSet(miniWith(withInlineCopies));
    const code = (s: typeof set) => emitValidators(s).get("packages/payment-validators/src/generated/standalone.js")!;
    expect(code(set)).toBe(code(inline));
  });
});

describe("a name that is taken or not an identifier is refused with file, pointer and rule", () => {
  it("an entry named like a model, or like its Tolerant* type", () => {
    const root = miniWith((order) => {
      order.$defs = { amount: { title: "Price", type: "integer" }, other: { title: "TolerantOrder", type: "string" } };
      order.properties.amount = { description: "Amount.", $ref: "#/$defs/amount" };
      order.properties.other = { description: "Other.", $ref: "#/$defs/other" };
    });
    expect(loadErrors(root)).toEqual([
      'schemas/shop/Order.schema.json#/$defs/amount/title [definition-name] the $defs entry\'s type name "Price" (from its title "Price") is already used by a model (or its Tolerant* type); give the entry a distinct "title"',
      'schemas/shop/Order.schema.json#/$defs/other/title [definition-name] the $defs entry\'s type name "TolerantOrder" (from its title "TolerantOrder") is already used by a model (or its Tolerant* type); give the entry a distinct "title"',
    ]);
  });

  it("two entries that give the same name, and a title that gives no identifier", () => {
    const root = miniWith((order) => {
      order.$defs = { gift_wrap: { type: "string" }, giftWrap: { type: "string" }, secure: { title: "3-D Secure", type: "boolean" } };
      order.properties.a = { description: "A.", $ref: "#/$defs/gift_wrap" };
      order.properties.b = { description: "B.", $ref: "#/$defs/giftWrap" };
      order.properties.c = { description: "C.", $ref: "#/$defs/giftWrap" };
      order.properties.d = { description: "D.", $ref: "#/$defs/secure" };
    });
    expect(loadErrors(root)).toEqual([
      'schemas/shop/Order.schema.json#/$defs/giftWrap [definition-name] the $defs entry\'s type name "OrderGiftWrap" (from Order and its key "giftWrap") is already used by the $defs entry schemas/shop/Order.schema.json#/$defs/gift_wrap; give the entry a distinct "title"',
      'schemas/shop/Order.schema.json#/$defs/secure/title [definition-name] the $defs entry\'s type name "3DSecure" (from its title "3-D Secure") is not an identifier; give the entry a "title" that starts with a letter',
    ]);
  });
  it("an entry named like a type of a model's discriminated union: the entry is refused, the union kept", () => {
    const root = mkdtempSync(join(tmpdir(), "named-definitions-"));
    roots.push(root);
    cpSync(join(REPO_ROOT, "schemas"), join(root, "schemas"), { recursive: true });
    const path = join(root, "schemas/gateway/PaymentSessionResult.schema.json");
    const schema = JSON.parse(readFileSync(path, "utf8"));
    schema.$defs = { completed: { description: "When it completed.", type: "string" } };
    schema.properties.completion = { description: "When it completed.", $ref: "#/$defs/completed" };
    writeFileSync(path, JSON.stringify(schema));
    expect(loadErrors(root)).toEqual([
      'schemas/gateway/PaymentSessionResult.schema.json#/$defs/completed [definition-name] the $defs entry\'s type name "PaymentSessionResultCompleted" is already used by the discriminated union of PaymentSessionResult (a variant or its companion types); give the entry a distinct "title"',
    ]);
  });
});

describe("through codegen and the compiler, on a copy of the repository", () => {
  const root = copyRepo();
  afterAll(() => removeRepo(root));

  it("exports the named type from @org/payment-types, and the model uses it", async () => {
    const path = join(root, "schemas/gateway/PaymentSessionResult.schema.json");
    const schema = JSON.parse(readFileSync(path, "utf8"));
    schema.$defs = {
      bankAccount: {
        description: "An account a refund can be paid to.",
        type: "object",
        properties: { iban: { description: "IBAN of the account.", type: "string", pattern: "^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$" }, holder: { description: "Name of the holder.", type: "string" } },
        required: ["iban", "holder"],
        additionalProperties: false,
      },
    };
    schema.properties.refund_account = { description: "Where a refund goes, when the shopper gave one.", anyOf: [{ $ref: "#/$defs/bankAccount" }, { type: "null" }] };
    writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
    // The packages' hand-written sources (entry points, runtime) beside what codegen writes.
    const packages = copyPackageSources(root);
    const codegen = runCodegen(root);
    expect(codegen.status, codegen.output).toBe(0);
    expect(readFileSync(join(root, "packages/payment-docs/generated/gateway/PaymentSessionResult.md"), "utf8")).toContain('<a id="type-PaymentSessionResultBankAccount"></a>');

    const consumer = join(root, "consumer.ts");
    writeFileSync(
      consumer,
      `import type { PaymentSessionResult, PaymentSessionResultBankAccount, PaymentSessionResultFields } from "./packages/payment-types/src/index.js";
import type { TolerantPaymentSessionResult, TolerantPaymentSessionResultBankAccount } from "./packages/payment-types/src/tolerant.js";
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const strictUsesIt: Equal<PaymentSessionResultFields["refund_account"], PaymentSessionResultBankAccount | null | undefined> = true;
export const everyVariantUsesIt: Equal<NonNullable<PaymentSessionResult["refund_account"]>, PaymentSessionResultBankAccount> = true;
export const tolerantUsesIt: Equal<NonNullable<TolerantPaymentSessionResult["refund_account"]>, TolerantPaymentSessionResultBankAccount> = true;
export const account: PaymentSessionResultBankAccount = { iban: "DE89370400440532013000", holder: "Ada" };
export const kept: TolerantPaymentSessionResultBankAccount = { ...account, bank: "unknown to this version" };
// @ts-expect-error the strict type is closed: the holder is required and nothing else is allowed
export const bad: PaymentSessionResultBankAccount = { iban: "DE89370400440532013000", bank: "x" };
`,
    );
    const program = ts.createProgram([consumer], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [] });
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "))).toEqual([]);

    // The validators built from the same run judge the entry where it is used.
    const out = join(root, "validators.mjs");
    await build({
      entryPoints: [join(root, "packages/payment-validators/src/generated/models.ts")],
      bundle: true,
      format: "esm",
      platform: "node",
      alias: packages,
      nodePaths: [join(REPO_ROOT, "node_modules")],
      outfile: out,
      logLevel: "silent",
    });
    const { validatePaymentSessionResult } = await import(pathToFileURL(out).href);
    const example = schema.examples[0];
    expect(validatePaymentSessionResult({ ...example, refund_account: { iban: "DE89370400440532013000", holder: "Ada" } }).ok).toBe(true);
    const rejected = validatePaymentSessionResult({ ...example, refund_account: { iban: "not an iban", holder: "Ada" } });
    expect(rejected.ok).toBe(false);
    expect(rejected.issues.map((i: { pointer: string }) => i.pointer)).toEqual(["/refund_account/iban"]);
  }, 300_000);
});
