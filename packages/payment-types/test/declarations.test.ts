// Reads the published declarations with the TypeScript compiler, as an editor would: one export per
// named schema (no numbered copies, no const enums), JSDoc on every property, @deprecated on exactly
// the legacy fields, naming their replacement.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const schemasDir = join(require.resolve("@org/payment-schemas/package.json"), "../generated/schemas");
const schemaFiles = readdirSync(schemasDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".schema.json"));
const schemas = schemaFiles.map((f) => JSON.parse(readFileSync(join(schemasDir, f), "utf8")));
const entry = require.resolve("@org/payment-types").replace(/index\.cjs$/, "index.d.ts");

const program = ts.createProgram([entry], { strict: true, noEmit: true });
const checker = program.getTypeChecker();
const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
const exported = new Map(checker.getExportsOfModule(moduleSymbol).map((s) => [s.getName(), s]));

function propertiesOf(typeName: string) {
  const symbol = exported.get(typeName)!;
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  return checker.getPropertiesOfType(type).map((p) => ({
    name: p.getName(),
    doc: ts.displayPartsToString(p.getDocumentationComment(checker)),
    tags: p.getJsDocTags(checker).map((t) => ({ name: t.name, text: ts.displayPartsToString(t.text) })),
  }));
}

describe("@org/payment-types declarations", () => {
  it("export exactly one type per named schema, plus one value array per enum", () => {
    const typeNames = schemas.map((s) => s.title as string).sort();
    // A model typed as a discriminated union also exports its variants, the fields they share and
    // the map from discriminator value to variant (<Model>Fields, <Model>By<Property>).
    const unionParts = schemas.flatMap((s) => {
      const type = checker.getDeclaredTypeOfSymbol(exported.get(s.title)!);
      if (!s.properties || !type.isUnion()) return [];
      return [...type.types.map((t) => t.getSymbol()!.getName()), `${s.title}Fields`, ...[...exported.keys()].filter((n) => n.startsWith(`${s.title}By`))];
    });
    expect(unionParts).toContain("PaymentSessionResultByStatus");
    const exportedTypes = [...exported.keys()].filter((n) => /^[A-Z][a-z]/.test(n)).sort();
    expect(exportedTypes).toEqual([...typeNames, ...unionParts].sort());
    expect(exportedTypes.filter((n) => /\d$/.test(n))).toEqual([]);
    const enumCount = schemas.filter((s) => Array.isArray(s.enum)).length;
    expect([...exported.keys()].filter((n) => /^[A-Z_]+$/.test(n))).toHaveLength(enumCount);
  });

  it("use literal unions, never enums", () => {
    const text = readFileSync(entry, "utf8");
    expect(text).not.toMatch(/^\s*(export\s+)?(declare\s+)?(const\s+)?enum\s/m);
    expect(checker.getDeclaredTypeOfSymbol(exported.get("PaymentSessionStatus")!).isUnion()).toBe(true);
  });

  it("carry each property's description as JSDoc", () => {
    for (const schema of schemas.filter((s) => s.properties)) {
      for (const property of propertiesOf(schema.title)) {
        expect(property.doc, `${schema.title}.${property.name}`).toContain(schema.properties[property.name].description.split("\n")[0]);
      }
    }
  });

  it("mark exactly the legacy fields @deprecated, naming the replacement", () => {
    const deprecated = Object.fromEntries(
      propertiesOf("PaymentSessionResult")
        .filter((p) => p.tags.some((t) => t.name === "deprecated"))
        .map((p) => [p.name, p.tags.find((t) => t.name === "deprecated")!.text]),
    );
    expect(deprecated).toEqual({
      error: expect.stringContaining("`error_details.message`"),
      order_number: expect.stringContaining("`order.order_number`"),
      retry_allowed: expect.stringContaining("nothing replaces it yet"),
      verification_url: expect.stringContaining("nothing replaces it yet"),
    });
    expect(propertiesOf("SessionResultResponse").filter((p) => p.tags.length > 0)).toEqual([]);
  });
});
