// The fixtures emitter on a schema set of its own, unlike the repository's: cross-field rules on two
// properties at once (an enum behind a $ref and a boolean) narrowing a nullable $ref, a nullable
// string with lengths and a nullable integer range; patterns, arrays and an optional property.
// Every generated value must validate, every case must be reached, and what the generator cannot
// honour exactly must be a schema error with file and JSON Pointer.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createAjv } from "../src/ajv.js";
import { FORMAT_ARBITRARIES } from "../src/emit/fixtures/arbitrary-code.js";
import { emitFixtures } from "../src/emit/fixtures.js";
import { SchemaSetError } from "../src/errors.js";
import { loadSchemaSet } from "../src/model/load.js";
import { SCHEMA_BASE_URL } from "../src/model/schema-walk.js";
import { REPO_ROOT } from "./helpers.js";

const DIALECT = "https://json-schema.org/draft/2020-12/schema";
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function model(file: string, body: Record<string, unknown>): [string, Record<string, unknown>] {
  const name = file.split("/").pop()!.replace(".schema.json", "");
  return [`schemas/${file}`, { $schema: DIALECT, $id: `${SCHEMA_BASE_URL}${file}`, title: name, description: `The ${name} model.`, ...body }];
}

/** A repository with these schema files; inside the repo's .tmp/ so generated code finds fast-check. */
function writeSet(files: [string, Record<string, unknown>][], top: string): string {
  mkdirSync(join(REPO_ROOT, ".tmp"), { recursive: true });
  const root = mkdtempSync(join(REPO_ROOT, ".tmp", "fixtures-emitter-"));
  roots.push(root);
  const api = { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: { "/x": { get: { responses: { "200": { description: "x", content: { "application/json": { schema: { $ref: top } } } } } } } } };
  for (const [path, body] of [...files, ["schemas/api.json", api] as [string, Record<string, unknown>]]) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), JSON.stringify(body, null, 2));
  }
  return root;
}

const ticketExample = { kind: "refund", urgent: true, reason: { text: "damaged" }, note: "call back", score: 4, code: "AB-123", tags: ["vip"] };
const ticket = model("demo/Ticket.schema.json", {
  type: "object",
  properties: {
    kind: { description: "What the ticket asks for.", $ref: "TicketKind.schema.json" },
    urgent: { description: "Needs an answer today.", type: "boolean" },
    reason: { description: "Why, for refunds only.", anyOf: [{ $ref: "Reason.schema.json" }, { type: "null" }] },
    note: { description: "Note of an urgent ticket.", type: ["string", "null"], maxLength: 20 },
    score: { description: "Priority.", type: ["integer", "null"], minimum: 1, maximum: 5 },
    code: { description: "Desk code.", type: "string", pattern: "^[A-Z]{2}-[0-9]{3}$" },
    tags: { description: "Labels.", type: "array", items: { type: "string", minLength: 1 }, maxItems: 3 },
    comment: { description: "Optional comment.", type: "string" },
  },
  required: ["kind", "urgent", "reason", "note", "score", "code", "tags"],
  additionalProperties: false,
  allOf: [
    { if: { properties: { kind: { const: "refund" } }, required: ["kind"] }, then: { properties: { reason: { type: "object" } } }, else: { properties: { reason: { type: "null" } } } },
    { if: { properties: { urgent: { const: true } }, required: ["urgent"] }, then: { properties: { note: { type: "string", minLength: 5 }, score: { type: "integer" } } }, else: { properties: { note: { type: "null" } } } },
  ],
  examples: [ticketExample],
});
const kind = model("demo/TicketKind.schema.json", { type: "string", enum: ["refund", "charge", "void"], examples: ["refund"] });
const reason = model("demo/Reason.schema.json", {
  type: "object",
  properties: { text: { description: "Free text.", type: "string", minLength: 2 } },
  required: ["text"],
  additionalProperties: false,
  examples: [{ text: "damaged" }],
});

describe("fixtures emitter on another schema set", async () => {
  const root = writeSet([ticket, kind, reason], "demo/Ticket.schema.json");
  const set = loadSchemaSet(root);
  const files = await emitFixtures(set);
  const arbitrariesPath = "packages/payment-fixtures/src/generated/arbitraries.ts";
  const code = files.get(arbitrariesPath)!;
  mkdirSync(dirname(join(root, arbitrariesPath)), { recursive: true });
  writeFileSync(join(root, arbitrariesPath), code);
  const { arbTicket } = (await import(pathToFileURL(join(root, arbitrariesPath)).href)) as { arbTicket: fc.Arbitrary<Record<string, unknown>> };
  const ajv = createAjv();
  for (const m of set.models.values()) ajv.addSchema(m.schema as object);
  const validate = ajv.getSchema(set.models.get("Ticket")!.id)!;

  it("derives one record per combination of the two deciding properties", () => {
    expect(code.match(/kind: fc\.constant\("(refund|charge|void)"\)/g)).toHaveLength(6);
    expect(code.match(/urgent: fc\.constant\((true|false)\)/g)).toHaveLength(6);
  });

  it("produces only valid tickets", () => {
    fc.assert(
      fc.property(arbTicket, (value) => {
        if (!validate(value)) throw new Error(`${JSON.stringify(value)}: ${ajv.errorsText(validate.errors)}`);
      }),
      { numRuns: 2000 },
    );
  });

  it("reaches every combination and both sides of every rule", () => {
    const seen = new Set<string>();
    for (const t of fc.sample(arbTicket, { numRuns: 3000, seed: 7 })) {
      seen.add(`${String(t.kind)}/${String(t.urgent)}/reason:${t.reason === null ? "null" : "object"}/note:${t.note === null ? "null" : "string"}`);
      seen.add(`score:${t.score === null ? "null" : "integer"}`);
      seen.add(`comment:${"comment" in t ? "present" : "absent"}`);
    }
    expect([...seen].sort()).toEqual(
      [
        "charge/false/reason:null/note:null",
        "charge/true/reason:null/note:string",
        "refund/false/reason:object/note:null",
        "refund/true/reason:object/note:string",
        "void/false/reason:null/note:null",
        "void/true/reason:null/note:string",
        "score:integer",
        "score:null",
        "comment:absent",
        "comment:present",
      ].sort(),
    );
  });
});

describe("fixtures emitter errors", () => {
  async function emitError(files: [string, Record<string, unknown>][]): Promise<string> {
    const set = loadSchemaSet(writeSet(files, "demo/Ticket.schema.json"));
    try {
      await emitFixtures(set);
    } catch (error) {
      expect(error).toBeInstanceOf(SchemaSetError);
      return String((error as SchemaSetError).errors.map((e) => e.toString()));
    }
    throw new Error("emitFixtures accepted a schema it cannot honour");
  }
  const single = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}, example: Record<string, unknown> = {}) =>
    model("demo/Ticket.schema.json", { type: "object", properties, required: Object.keys(properties), additionalProperties: false, examples: [example], ...extra });

  it("knows an arbitrary for every string format the validators accept", () => {
    const numberFormats = ["int32", "int64", "float", "double"];
    const known = Object.keys(createAjv().formats).filter((name) => !numberFormats.includes(name));
    expect(known.filter((name) => !(name in FORMAT_ARBITRARIES))).toEqual([]);
  });

  it("refuses a cross-field rule that depends on a property with infinitely many values", async () => {
    const message = await emitError([
      single(
        { name: { description: "Name.", type: "string" }, alias: { description: "Alias.", type: ["string", "null"] } },
        { allOf: [{ if: { properties: { name: { const: "x" } } }, then: { properties: { alias: { type: "string" } } } }] },
        { name: "y", alias: null },
      ),
    ]);
    expect(message).toContain("schemas/demo/Ticket.schema.json#/properties/name [fixtures]");
    expect(message).toContain("not a finite set");
  });
});
