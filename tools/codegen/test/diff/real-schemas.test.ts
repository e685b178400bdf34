// schema:diff on the repository's real schemas: copies of schemas/ edited the way an author
// would, compared with the untouched copy; plus the three report renderings.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type SchemaDiff, diffSchemaSets } from "../../src/diff/compare.js";
import { formatJson, formatMarkdown, formatText } from "../../src/diff/report.js";
import type { SchemaSet } from "../../src/model/schema-set.js";
import { loadSchemaSet } from "../../src/model/load.js";
import type { JsonObject } from "../../src/model/schema-walk.js";

const repoRoot = fileURLToPath(new URL("../../../..", import.meta.url));
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const original = loadSchemaSet(repoRoot);

/** The real schemas/ in a temp folder, edited by `edit` (path under schemas/ -> schema, mutable). */
function editedSet(edits: Record<string, (schema: JsonObject) => void>, renames: Record<string, string> = {}): SchemaSet {
  const root = mkdtempSync(join(tmpdir(), "schema-diff-real-"));
  temps.push(root);
  cpSync(join(repoRoot, "schemas"), join(root, "schemas"), { recursive: true });
  for (const [from, to] of Object.entries(renames)) {
    const schema = JSON.parse(readFileSync(join(root, "schemas", from), "utf8")) as JsonObject;
    rmSync(join(root, "schemas", from));
    const name = to.split("/").pop()!.replace(".schema.json", "");
    writeFileSync(join(root, "schemas", to), JSON.stringify({ ...schema, title: name, $id: String(schema.$id).replace(from, to) }, null, 2));
  }
  for (const [path, edit] of Object.entries(edits)) {
    const file = join(root, "schemas", path);
    const schema = JSON.parse(readFileSync(file, "utf8")) as JsonObject;
    edit(schema);
    writeFileSync(file, JSON.stringify(schema, null, 2));
  }
  return loadSchemaSet(root);
}

const rules = (diff: SchemaDiff) => diff.changes.map((c) => c.rule);
const properties = (schema: JsonObject) => schema.properties as Record<string, JsonObject>;
function addRefusedResultCode(schema: JsonObject): void {
  (schema.enum as string[]).push("Refused");
  (schema["x-enum-descriptions"] as JsonObject).Refused = "The payment was refused.";
}

describe("schema:diff on the real schemas", () => {
  it("finds nothing between the schemas and an identical copy", () => {
    const diff = diffSchemaSets(original, editedSet({}));
    expect(diff.changes).toEqual([]);
    expect(diff.bump).toBe("none");
  });

  it("a new Adyen result code is breaking, and says tolerant mode absorbs it", () => {
    const diff = diffSchemaSets(original, editedSet({ "adyen/PaymentResultCode.schema.json": addRefusedResultCode }));
    expect(rules(diff)).toEqual(["enum-value-added"]);
    expect(diff.bump).toBe("major");
    expect(diff.changes[0]).toMatchObject({ model: "PaymentResultCode", file: "schemas/adyen/PaymentResultCode.schema.json", pointer: "/enum/3", after: "Refused" });
    expect(diff.changes[0]!.note).toMatch(/tolerant mode absorbs it/);
  });

  it("a longer SEPA mandate reference is a loosened maxLength and a widened pattern", () => {
    const diff = diffSchemaSets(
      original,
      editedSet({
        "gateway/SepaDetails.schema.json": (s) => {
          const mandate = properties(s).mandate_reference!;
          mandate.maxLength = 40;
          mandate.pattern = String(mandate.pattern).replace("{1,35}", "{1,40}");
        },
      }),
    );
    expect(rules(diff)).toEqual(["max-length-loosened", "pattern-widened"]);
    expect(diff.changes.map((c) => c.pointer)).toEqual(["/properties/mandate_reference/maxLength", "/properties/mandate_reference/pattern"]);
    expect(diff.changes[0]).toMatchObject({ before: 35, after: 40 });
  });

  it("dropping a legacy field of the gateway result is breaking; its examples change with it", () => {
    const diff = diffSchemaSets(
      original,
      editedSet({
        "gateway/PaymentSessionResult.schema.json": (s) => {
          delete properties(s).order_number;
          s.required = (s.required as string[]).filter((r) => r !== "order_number");
          for (const example of s.examples as JsonObject[]) delete example.order_number;
        },
      }),
    );
    expect(diff.bump).toBe("major");
    expect(rules(diff)[0]).toBe("legacy-field-dropped");
    expect(new Set(rules(diff).slice(1))).toEqual(new Set(["example-changed"]));
    expect(diff.changes[0]).toMatchObject({ model: "PaymentSessionResult", pointer: "/properties/order_number" });
  });

  it("a new optional Adyen property is additive", () => {
    const diff = diffSchemaSets(original, editedSet({ "adyen/SessionResultResponse.schema.json": (s) => void (properties(s).shopperLocale = { description: "The shopper's locale.", type: "string" }) }));
    expect(rules(diff)).toEqual(["property-added"]);
    expect(diff.bump).toBe("minor");
  });

  it("a reworded description is a patch", () => {
    const diff = diffSchemaSets(original, editedSet({ "adyen/Amount.schema.json": (s) => void (properties(s).currency!.description = "ISO 4217 currency code, e.g. EUR.") }));
    expect(rules(diff)).toEqual(["description-changed"]);
    expect(diff.bump).toBe("patch");
  });

  it("a renamed model is one change, not a removal plus broken $refs", () => {
    const diff = diffSchemaSets(
      original,
      editedSet(
        { "gateway/SepaDetails.schema.json": (s) => void ((properties(s).sequence_type!.anyOf as JsonObject[])[0]!.$ref = "SepaSequence.schema.json") },
        { "gateway/SepaSequenceType.schema.json": "gateway/SepaSequence.schema.json" },
      ),
    );
    expect(rules(diff)).toEqual(["model-renamed"]);
    expect(diff.changes[0]).toMatchObject({ before: "SepaSequenceType", after: "SepaSequence" });
  });
});

describe("reports", () => {
  const base = { ref: "main", commit: "0123456789abcdef0123456789abcdef01234567", reason: "merge base of HEAD with main" };
  const diff = diffSchemaSets(
    original,
    editedSet({
      "adyen/PaymentResultCode.schema.json": addRefusedResultCode,
      "adyen/Amount.schema.json": (s) => void (properties(s).currency!.description = "ISO 4217 currency code, e.g. EUR."),
    }),
  );

  it("text: model by model, each line with bump, JSON Pointer, rule id and before -> after", () => {
    const text = formatText(diff, base);
    expect(text).toContain("schema:diff: schemas/ since main (merge base of HEAD with main, 0123456789ab) -> working tree");
    expect(text).toContain("required bump: major (1 breaking, 0 additive, 1 docs only)");
    expect(text).toContain("PaymentResultCode (schemas/adyen/PaymentResultCode.schema.json)");
    expect(text).toContain('  major  #/enum/3  [enum-value-added]  (absent) -> "Refused"');
    expect(text).toMatch(/note: tolerant mode absorbs it/);
    expect(text.indexOf("Amount (")).toBeLessThan(text.indexOf("PaymentResultCode ("));
    expect(formatText({ changes: [], bump: "none" }, base)).toBe("schema:diff: no changes to schemas/ since main (merge base of HEAD with main, 0123456789ab).\n");
  });

  it("json: the base, the bump and every change with its before and after values", () => {
    const parsed = JSON.parse(formatJson(diff, base)) as { base: unknown; bump: string; changes: JsonObject[] };
    expect(parsed.base).toEqual(base);
    expect(parsed.bump).toBe("major");
    expect(parsed.changes.find((c) => c.rule === "enum-value-added")).toMatchObject({ model: "PaymentResultCode", pointer: "/enum/3", after: "Refused", bump: "major" });
  });

  it("markdown: a headline, then one line per change in a consumer's words, citing the change", () => {
    const lines = formatMarkdown(diff).trimEnd().split("\n");
    expect(lines[0]).toBe("Schema changes: major (1 breaking, 0 additive, 1 docs only).");
    expect(lines.slice(2)).toHaveLength(2);
    expect(lines[2]).toBe(
      "- **Breaking:** `PaymentResultCode` gained `Refused`: exhaustive `switch`es and `Record<…>` tables over it need this case, and strict validation of older versions rejects it (tolerant mode already accepts unknown values). (`PaymentResultCode#/enum/3` [enum-value-added])",
    );
    expect(lines[3]).toMatch(/^- \*\*Docs:\*\* .*documentation only\. \(`[A-Za-z]+#\/[^`]*` \[[a-z-]+\]\)$/);
  });
});
