// Discriminated unions from cross-field rules, on small in-memory schema sets: given a model's
// if/then/else rules, the variants (and the types emitted for them) we want; given rules the types
// cannot carry, the flat type and a note naming the rule.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCodegen } from "../src/cli.js";
import { emitDocs } from "../src/emit/docs.js";
import { emitTypes } from "../src/emit/types.js";
import { discriminatedUnion, unionNotes } from "../src/model/union-variants.js";
import { pascalCase } from "../src/names.js";
import type { SchemaSet } from "../src/model/schema-set.js";
import type { JsonObject } from "../src/model/schema-walk.js";
import { type SetSpec, described, loadSpec, writeSchemaSet, writeVersionManifest } from "./diff/schema-sets.js";

const KIND: JsonObject = { type: "string", enum: ["card", "bank", "cash"] };

/** A Ticket whose `kind` decides which of `iban` / `pan` / `note` may be set. */
function ticket(rules: JsonObject[], extra: { kind?: JsonObject; properties?: Record<string, JsonObject>; required?: string[]; kindModel?: JsonObject } = {}): SetSpec {
  return {
    models: {
      "shop/Kind": { description: "How it was paid.", ...KIND, ...extra.kindModel },
      "shop/Ticket": {
        type: "object",
        properties: described({
          kind: extra.kind ?? { $ref: "Kind.schema.json" },
          iban: { type: ["string", "null"] },
          pan: { anyOf: [{ type: "string", pattern: "^[0-9]{4}$" }, { type: "null" }] },
          note: { type: "string" },
          ...extra.properties,
        }),
        required: extra.required ?? ["kind", "iban", "pan"],
        additionalProperties: false,
        allOf: rules,
        examples: [{ kind: "cash", iban: null, pan: null }],
      },
    },
  };
}

const IBAN_RULE: JsonObject = {
  description: "iban is set exactly for bank payments.",
  if: { properties: { kind: { const: "bank" } }, required: ["kind"] },
  then: { properties: { iban: { type: "string" } } },
  else: { properties: { iban: { type: "null" } } },
};
const PAN_RULE: JsonObject = {
  description: "pan is null unless paid by card.",
  if: { properties: { kind: { enum: ["card"] } }, required: ["kind"] },
  else: { properties: { pan: { type: "null" } } },
};

function union(set: SchemaSet, name = "Ticket") {
  return discriminatedUnion(set, set.models.get(name)!);
}

async function typesOf(set: SchemaSet): Promise<{ models: string; tolerant: string }> {
  const files = await emitTypes(set);
  const get = (suffix: string) => [...files].find(([path]) => path.endsWith(suffix))![1];
  return { models: get("models.ts"), tolerant: get("tolerant.ts") };
}

describe("variants from cross-field rules", () => {
  it("one variant per discriminator value, in schema order, each with every rule's consequence", () => {
    const { union: u, note } = union(loadSpec(ticket([IBAN_RULE, PAN_RULE])));
    expect(note).toBeUndefined();
    expect(u!.discriminator).toBe("kind");
    expect(u!.variants.map((v) => [v.name, v.value])).toEqual([
      ["TicketCard", "card"],
      ["TicketBank", "bank"],
      ["TicketCash", "cash"],
    ]);
    const [card, bank, cash] = u!.variants;
    // card: the iban rule's else; the pan rule has no then, so pan keeps its own schema.
    expect(card!.properties).toEqual({ iban: { description: "The iban.", type: "null" } });
    expect(bank!.properties).toEqual({ iban: { description: "The iban.", type: "string" }, pan: { description: "The pan.", type: "null" } });
    expect(cash!.properties).toEqual({ iban: { description: "The iban.", type: "null" }, pan: { description: "The pan.", type: "null" } });
    expect(cash!.rules).toEqual(["iban is set exactly for bank payments.", "pan is null unless paid by card."]);
    expect(u!.fieldsName).toBe("TicketFields");
    expect(u!.byValueName).toBe("TicketByKind");
    expect(u!.unrecognized).toBeUndefined();
  });

  it("a consequence's `required` makes an optional field required in that variant", async () => {
    const rule: JsonObject = { if: { properties: { kind: { const: "bank" } }, required: ["kind"] }, then: { properties: { note: { type: "string" } }, required: ["note"] } };
    const set = loadSpec(ticket([rule]));
    const { union: u } = union(set);
    const { models } = await typesOf(set);
    expect(/export interface TicketFields \{[\s\S]*?\n\}/.exec(models)![0]).toMatch(/ note\?: string;/);
    expect(/export interface TicketBank extends TicketFields \{[\s\S]*?\n\}/.exec(models)![0]).toMatch(/ note: string;/);
    expect(u!.variants.find((v) => v.value === "bank")!.required).toEqual(["note"]);
    expect(u!.variants.find((v) => v.value === "cash")!.required).toEqual([]);
  });

  it("emits the union, the value map, the shared fields and one interface per variant extending them", async () => {
    const { models } = await typesOf(loadSpec(ticket([IBAN_RULE, PAN_RULE])));
    expect(models).toMatch(/export type Ticket = TicketCard \| TicketBank \| TicketCash;/);
    expect(models).toMatch(/export interface TicketByKind \{\n {2}card: TicketCard;\n {2}bank: TicketBank;\n {2}cash: TicketCash;\n\}/);
    expect(models).toMatch(/export interface TicketFields \{[^}]*kind: Kind;[^}]*iban: string \| null;/s);
    const bank = /export interface TicketBank extends TicketFields \{([^}]*)\}/s.exec(models)![1]!;
    expect(
      bank
        .replace(/\/\*\*[\s\S]*?\*\/\s*/g, "")
        .trim()
        .split(/\s*\n\s*/),
    ).toEqual(['kind: "bank";', "iban: string;", "pan: null;"]);
    const card = /export interface TicketCard extends TicketFields \{([^}]*)\}/s.exec(models)![1]!;
    expect(
      card
        .replace(/\/\*\*[\s\S]*?\*\/\s*/g, "")
        .trim()
        .split(/\s*\n\s*/),
    ).toEqual(['kind: "card";', "iban: null;"]);
    expect(models).toMatch(/A \{@link Ticket\} whose `kind` is `bank`\./);
  });

  it("the model's docs page names the union and its variants", () => {
    const page = emitDocs(loadSpec(ticket([IBAN_RULE, PAN_RULE]))).get("packages/payment-docs/generated/shop/Ticket.md")!;
    expect(page).toContain(
      "- **TypeScript type:** a discriminated union on [`kind`](#field-kind), one variant per value with the rules across fields applied: `TicketCard` (`card`), `TicketBank` (`bank`), `TicketCash` (`cash`)",
    );
  });

  it("tolerant: an unrecognized value of a provider-extensible discriminator gets every rule's else", async () => {
    const set = loadSpec(ticket([IBAN_RULE, PAN_RULE], { kindModel: { "x-provider-extensible": true } }));
    const { union: u } = union(set);
    expect(u!.unrecognized!.name).toBe("TolerantTicketUnrecognizedKind");
    expect(u!.unrecognized!.properties).toEqual(u!.variants.find((v) => v.value === "cash")!.properties);
    const { models, tolerant } = await typesOf(set);
    expect(models).not.toMatch(/Unrecognized/);
    expect(tolerant).toMatch(/export type TolerantTicket =\s*\|?\s*TolerantTicketCard\s*\| TolerantTicketBank\s*\| TolerantTicketCash\s*\| TolerantTicketUnrecognizedKind;/);
    const unknown = /export interface TolerantTicketUnrecognizedKind extends TolerantTicketFields \{([^}]*)\}/s.exec(tolerant)![1]!;
    expect(
      unknown
        .replace(/\/\*\*[\s\S]*?\*\/\s*/g, "")
        .trim()
        .split(/\s*\n\s*/),
    ).toEqual(["kind: UnrecognizedEnumValue;", "iban: null;", "pan: null;"]);
    expect(tolerant).toMatch(/export interface TolerantTicketFields \{[\s\S]*?\[k: string\]: unknown;/);
  });

  it("a closed discriminator: tolerant mode has the same variants, no unrecognized one", async () => {
    const { tolerant } = await typesOf(loadSpec(ticket([IBAN_RULE])));
    expect(tolerant).toMatch(/export type TolerantTicket = TolerantTicketCard \| TolerantTicketBank \| TolerantTicketCash;/);
    expect(tolerant).toMatch(/export interface TolerantTicketBank extends TolerantTicketFields \{/);
  });

  it("an inline enum discriminator, and a model without rules, as expected", () => {
    const inline = union(loadSpec(ticket([IBAN_RULE], { kind: { type: "string", enum: ["bank", "cash"] } }))).union!;
    expect(inline.variants.map((v) => v.name)).toEqual(["TicketBank", "TicketCash"]);
    const set = loadSpec(ticket([IBAN_RULE]));
    expect(union(set, "Kind")).toEqual({});
  });

  it("names variants after their value in PascalCase", () => {
    expect(pascalCase("awaiting_verification")).toBe("AwaitingVerification");
    expect(pascalCase("paymentPending")).toBe("PaymentPending");
    expect(pascalCase("sdd-sale")).toBe("SddSale");
    expect(pascalCase("true")).toBe("True");
  });
});

describe("rules the types cannot carry: the flat type and a note naming the rule", () => {
  const cases: [string, SetSpec, string, RegExp][] = [
    [
      "two properties tested by one rule",
      ticket([{ if: { properties: { kind: { const: "bank" }, note: { const: "x" } } }, then: { properties: { iban: { type: "string" } } } }]),
      "/allOf/0/if",
      /does not test exactly one property/,
    ],
    [
      "different discriminators",
      ticket([IBAN_RULE, { if: { properties: { note: { const: "x" } }, required: ["note"] }, then: { properties: { iban: { type: "string" } } } }]),
      "/allOf/1/if",
      /test different properties \("kind" and "note"\)/,
    ],
    [
      "a pattern in the if",
      ticket([{ if: { properties: { kind: { type: "string", pattern: "^b" } }, required: ["kind"] }, then: { properties: { iban: { type: "string" } } } }]),
      "/allOf/0/if/properties/kind",
      /something other than one `const` or `enum`/,
    ],
    [
      "a consequence beyond properties and required",
      ticket([{ if: { properties: { kind: { const: "bank" } }, required: ["kind"] }, then: { not: { properties: { note: { type: "string" } }, required: ["note"] } } }]),
      "/allOf/0/then/not",
      /uses "not"/,
    ],
    [
      "a consequence no type can narrow to",
      ticket([{ if: { properties: { kind: { const: "bank" } }, required: ["kind"] }, then: { properties: { iban: { type: "integer" } } } }]),
      "/allOf/0/then/properties/iban",
      /nothing in common with integer/,
    ],
    ["an optional discriminator", ticket([IBAN_RULE], { required: ["iban", "pan"] }), "/required", /"kind", which may be absent/],
    ["a discriminator with unbounded values", ticket([IBAN_RULE], { kind: { type: "string" } }), "/properties/kind", /not a finite set of literals/],
    ["a variant name already taken", { models: { ...ticket([IBAN_RULE]).models, "shop/TicketBank": { type: "object", properties: {}, additionalProperties: false } } }, "/properties/kind", /"TicketBank" is already taken/],
  ];
  for (const [what, spec, pointer, message] of cases) {
    it(what, async () => {
      const set = loadSpec(spec);
      const { union: u, note } = union(set);
      expect(u).toBeUndefined();
      expect(note!.file).toBe("schemas/shop/Ticket.schema.json");
      expect(note!.pointer).toBe(pointer);
      expect(note!.rule).toBe("union");
      expect(note!.message).toMatch(message);
      expect(unionNotes(set)).toEqual([note]);
      const { models } = await typesOf(set);
      expect(models).toMatch(/export interface Ticket \{/);
      expect(models).not.toMatch(/TicketFields/);
      expect(models).toContain(`Not a discriminated union: Ticket stays one interface:`);
      expect(models).toContain(`(schemas/shop/Ticket.schema.json#${pointer})`);
    });
  }

  it("codegen prints the note and still generates", async () => {
    const root = mkdtempSync(join(tmpdir(), "union-note-"));
    try {
      writeSchemaSet(root, ticket([IBAN_RULE], { required: ["iban", "pan"] }));
      writeVersionManifest(root);
      const lines: string[] = [];
      await runCodegen(root, "check", (line) => lines.push(line));
      expect(lines).toContain('codegen: note: schemas/shop/Ticket.schema.json#/required [union] Ticket stays one interface: the rules test "kind", which may be absent');
      expect(lines.some((l) => l.includes("schema error"))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
