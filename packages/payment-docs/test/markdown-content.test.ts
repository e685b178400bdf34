// The generated pages say what the schemas say: a page per model, an index grouped by source,
// examples that are the schema's own and validate, legacy fields with their replacements, and
// what each enum value means.
import { Ajv2020 } from "ajv/dist/2020.js";
import * as ajvFormats from "ajv-formats";
import { type Token, type Tokens, marked } from "marked";
import { describe, expect, it } from "vitest";
import { INDEX_PAGE, type SchemaFile, pagePathOf, readPages, readSchemas } from "./docs-files.js";
import { plainText } from "../../../tools/codegen/test/support/markdown-links.js";

const pages = readPages();
const models = readSchemas();
const byName = new Map(models.map((m) => [m.name, m]));

function tokensOf(page: string): Token[] {
  const text = pages.get(page);
  if (text === undefined) throw new Error(`no page ${page}`);
  return marked.lexer(text, { gfm: true });
}

/** The tokens between the level-2 heading `title` and the next level-2 heading. */
function section(tokens: readonly Token[], title: string): Token[] {
  const start = tokens.findIndex((t) => t.type === "heading" && t.depth === 2 && t.text === title);
  if (start === -1) return [];
  const end = tokens.findIndex((t, i) => i > start && t.type === "heading" && t.depth === 2);
  return tokens.slice(start + 1, end === -1 ? undefined : end);
}

function table(tokens: readonly Token[]): { header: string[]; rows: string[][] } {
  const found = tokens.find((t): t is Tokens.Table => t.type === "table");
  if (!found) throw new Error("no table in section");
  return { header: found.header.map((c) => plainText(c.tokens)), rows: found.rows.map((r) => r.map((c) => plainText(c.tokens))) };
}

function listItems(tokens: readonly Token[]): Tokens.ListItem[] {
  return tokens.filter((t): t is Tokens.List => t.type === "list").flatMap((l) => l.items);
}

function createAjv(): Ajv2020 {
  // The schemas' own annotation keywords (x-legacy, ...) are declared so strict mode accepts them.
  const annotations = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === "object" && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key.startsWith("x-")) annotations.add(key);
        collect(child);
      }
    }
  };
  models.forEach((m) => collect(m.schema));
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, keywords: [...annotations] });
  const addFormats = ((ajvFormats as { default: unknown }).default as { default?: unknown }).default ?? (ajvFormats as { default: unknown }).default;
  (addFormats as (a: Ajv2020) => void)(ajv);
  for (const m of models) ajv.addSchema(m.schema);
  return ajv;
}

describe("pages", () => {
  it("there is one page per model, named after it under its source, and no other", () => {
    expect(models.length).toBeGreaterThan(10);
    expect([...pages.keys()].sort()).toEqual([INDEX_PAGE, ...models.map(pagePathOf)].sort());
    for (const model of models) expect(tokensOf(pagePathOf(model)).find((t) => t.type === "heading")).toMatchObject({ depth: 1, text: model.name });
  });

  it("the index lists every model once, on one line under the heading of its source", () => {
    const tokens = tokensOf(INDEX_PAGE);
    const listed = new Map<string, string>();
    for (const source of new Set(models.map((m) => m.source))) {
      for (const item of listItems(section(tokens, source))) {
        expect(item.text, "one line per model").not.toContain("\n");
        const link = (item.tokens.flatMap((t) => ("tokens" in t && t.tokens ? t.tokens : [])) as Token[]).find((t): t is Tokens.Link => t.type === "link");
        expect(link, item.raw).toBeDefined();
        const name = plainText(link!.tokens);
        expect(listed.has(name), `${name} listed twice`).toBe(false);
        listed.set(name, source);
        expect(link!.href).toBe(pagePathOf(byName.get(name)!));
      }
    }
    expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(models.map((m) => [m.name, m.source])));
  });

  it("each object page has a field table with every property, its requiredness and its deprecation", () => {
    for (const model of models.filter((m) => m.schema.type === "object")) {
      const { header, rows } = table(section(tokensOf(pagePathOf(model)), "Fields"));
      expect(header).toEqual(["Name", "Type", "Tags", "Description"]);
      const properties = Object.entries(model.schema.properties as Record<string, Record<string, unknown>>);
      expect(rows.map((r) => r[0])).toEqual(properties.map(([name]) => name));
      for (const [i, [name, property]] of properties.entries()) {
        const tags = rows[i]![2]!.split(", ");
        expect(tags[0], `${model.name}.${name}`).toBe((model.schema.required ?? []).includes(name) ? "Required" : "Optional");
        expect(tags.includes("Deprecated"), `${model.name}.${name}`).toBe("x-legacy" in property || property.deprecated === true);
        if (typeof property.format === "string") expect(tags).toContain(`Format: ${property.format}`);
        if (typeof property.pattern === "string") expect(tags).toContain(`Pattern: ${property.pattern}`);
        expect(rows[i]![3]).toContain(property.description);
      }
    }
  });
});

describe("examples", () => {
  const ajv = createAjv();

  it.each(models.map((m) => [m.name, m] as const))("%s: the page shows every schema example, and each validates", (_, model: SchemaFile) => {
    const shown = tokensOf(pagePathOf(model))
      .filter((t): t is Tokens.Code => t.type === "code" && t.lang === "json")
      .map((t) => JSON.parse(t.text) as unknown);
    expect(shown).toEqual(model.schema.examples);
    const validate = ajv.getSchema(model.schema.$id)!;
    for (const example of shown) expect(validate(example) ? [] : validate.errors).toEqual([]);
  });
});

describe("annotations", () => {
  it("every legacy field is listed with what replaces it", () => {
    let legacyFields = 0;
    for (const model of models) {
      const legacy = Object.entries((model.schema.properties ?? {}) as Record<string, { "x-legacy"?: { replacedBy: string | null } }>).filter(([, p]) => p["x-legacy"]);
      const tokens = section(tokensOf(pagePathOf(model)), "Legacy fields");
      if (legacy.length === 0) {
        expect(tokens, model.name).toEqual([]);
        continue;
      }
      const { rows } = table(tokens);
      expect(rows.map((r) => [r[0], r[1]])).toEqual(legacy.map(([name, p]) => [name, p["x-legacy"]!.replacedBy === null ? "nothing yet" : p["x-legacy"]!.replacedBy!.slice(1).split("/").join(".")]));
      legacyFields += legacy.length;
    }
    expect(legacyFields).toBeGreaterThan(0);
  });

  it("every enum value's meaning is on the enum's page and beside every field of that enum", () => {
    const enums = models.filter((m) => m.schema["x-enum-descriptions"]);
    expect(enums.length).toBeGreaterThan(0);
    for (const model of enums) {
      const descriptions = model.schema["x-enum-descriptions"] as Record<string, string>;
      const items = listItems(section(tokensOf(pagePathOf(model)), "Values")).map((i) => i.text);
      expect(items).toEqual((model.schema.enum as string[]).map((v) => `\`${v}\`: ${descriptions[v]}`));
      for (const holder of models) {
        for (const [name, property] of Object.entries((holder.schema.properties ?? {}) as Record<string, unknown>)) {
          if (!JSON.stringify(property).includes(`"${model.name}.schema.json"`)) continue;
          const row = table(section(tokensOf(pagePathOf(holder)), "Fields")).rows.find((r) => r[0] === name)!;
          for (const meaning of Object.values(descriptions)) expect(row[3], `${holder.name}.${name}`).toContain(meaning);
        }
      }
    }
  });
});
