// Every published JSON file keeps integers exact: read back with lossless-json (which keeps each
// number's text), the numbers of each model are the digits of its source schema, in every place the
// model is published (its own file, its bundled copies, the OpenAPI document). 2^63 stays
// 9223372036854775808; JSON.stringify would write 9223372036854776000, which Python, Go or Java read
// as a different integer.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isLosslessNumber, parse } from "lossless-json";
import { describe, expect, it } from "vitest";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const REPO = join(PACKAGE, "../..");
const GENERATED = join(PACKAGE, "generated");
type Tree = { readonly [key: string]: unknown };

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith(".json") ? [join(dir, entry.name)] : []));
}
const read = (path: string) => parse(readFileSync(path, "utf8")) as Tree;

/** The text of every number in `value`, in document order. */
function numbers(value: unknown, out: string[] = []): string[] {
  if (isLosslessNumber(value)) out.push(value.value);
  else if (Array.isArray(value)) value.forEach((v) => numbers(v, out));
  else if (value !== null && typeof value === "object") Object.values(value).forEach((v) => numbers(v, out));
  return out;
}

const sources = new Map(
  files(join(REPO, "schemas")).map((path) => {
    const tree = read(path);
    return [String(tree.title), { path, tree }] as const;
  }),
);
const withoutDefs = ({ $defs: _d, ...rest }: Tree) => rest;

describe("exact integers in the published JSON of @org/payment-schemas", () => {
  it("the source says 2^63, and so does every published file that holds the Amount model", () => {
    const amount = sources.get("Amount")!.tree as { properties: { value: Tree } };
    expect(numbers(amount.properties.value)).toEqual(["-9223372036854775808", "9223372036854775808"]);
    const published = files(GENERATED).filter((path) => readFileSync(path, "utf8").includes("int64"));
    expect(published.map((p) => relative(GENERATED, p)).sort()).toEqual(["bundled/SessionResultResponse.schema.json", "openapi.json", "schema-set/schemas/adyen/Amount.schema.json", "schemas/adyen/Amount.schema.json"]);
    for (const path of published) {
      const text = readFileSync(path, "utf8");
      expect(text, path).toContain("9223372036854775808");
      expect(text, path).not.toContain("9223372036854776000");
    }
  });

  it("each schema file under schemas/ reads back equal to its source, number texts included", () => {
    for (const path of files(join(GENERATED, "schemas"))) {
      const published = read(path);
      expect(published, path).toEqual(sources.get(String(published.title))!.tree);
    }
  });

  it("each model embedded in a bundled file or in openapi.json has its source's numbers", () => {
    const copies: [string, Tree][] = [];
    for (const path of files(join(GENERATED, "bundled"))) {
      const bundled = read(path);
      copies.push([String(bundled.title), withoutDefs(bundled)]);
      for (const [name, embedded] of Object.entries((bundled.$defs ?? {}) as Record<string, Tree>)) copies.push([name, embedded]);
    }
    const openapi = read(join(GENERATED, "openapi.json")) as { components: { schemas: Record<string, Tree> } };
    copies.push(...Object.entries(openapi.components.schemas));
    expect(copies.length).toBeGreaterThan(sources.size);
    for (const [name, copy] of copies) expect(numbers(copy), name).toEqual(numbers(withoutDefs(sources.get(name)!.tree)));
  });
});
