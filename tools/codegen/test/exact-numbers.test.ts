// Exact integers in published JSON: the serializer every JSON emitter uses, and the loader's refusal
// of an integer literal JavaScript cannot hold (which would otherwise be published as its neighbour).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { parse, stringify } from "lossless-json";
import { describe, expect, it } from "vitest";
import { SchemaSetError } from "../src/errors.js";
import { exactJson, inexactIntegers } from "../src/model/exact-numbers.js";
import { loadSchemaSet } from "../src/model/load.js";
import { removeRepo } from "./helpers.js";

describe("exactJson", () => {
  it("writes what JSON.stringify writes for every value without an integer beyond 2^53", () => {
    const safe = fc.jsonValue().filter((v) => !JSON.stringify(v).match(/\d{16,}|e\+/));
    fc.assert(
      fc.property(safe, fc.constantFrom(0, 2), (value, indent) => exactJson(value, indent) === JSON.stringify(value, null, indent)),
      { seed: 17, numRuns: 500 },
    );
  });

  it("writes integers beyond 2^53 in their exact digits, which a lossless parser reads back as such", () => {
    const value = { max: 2 ** 63, min: -(2 ** 63), big: 1e21, odd: 2 ** 53 + 2, list: [2 ** 64], fraction: 0.1, safe: 2 ** 53 - 1 };
    const text = exactJson(value, 2);
    expect(text).toContain('"max": 9223372036854775808');
    expect(text).toContain('"min": -9223372036854775808');
    expect(text).toContain('"big": 1000000000000000000000');
    expect(text).toContain("18446744073709551616");
    expect(text).not.toMatch(/9223372036854776000|e\+21/);
    const back = parse(text) as Record<string, { value: string }>;
    expect(back.max!.value).toBe("9223372036854775808");
    expect(back.odd!.value).toBe("9007199254740994");
    expect(back.fraction!.value).toBe("0.1");
    expect(JSON.parse(text)).toEqual(value);
    expect(stringify(parse(text), undefined, 2)).toBe(text);
  });
});

describe("inexactIntegers", () => {
  it("names each integer literal no double holds, by JSON Pointer", () => {
    const text = '{"properties": {"value": {"maximum": 9223372036854775807, "minimum": -9223372036854775808}}, "enum": [1, 9007199254740993]}';
    const errors = inexactIntegers("schemas/x/Amount.schema.json", text);
    expect(errors.map((e) => `${e.pointer} [${e.rule}]`)).toEqual(["/properties/value/maximum [inexact-integer]", "/enum/1 [inexact-integer]"]);
    expect(errors[0]!.message).toMatch(/9223372036854775807 is not exactly representable .* reads back as 9223372036854775808/);
  });

  it("reads JavaScript's own text of a double as that double (what JSON.stringify writes for 2^63)", () => {
    expect(inexactIntegers("schemas/x/Amount.schema.json", '{"exclusiveMaximum": 9223372036854776000, "minimum": -9223372036854776000}')).toEqual([]);
    expect(exactJson(JSON.parse("[9223372036854776000]"))).toBe("[9223372036854775808]");
  });

  it("stops codegen: a schema with maximum 2^63 - 1 is refused at load", () => {
    const root = mkdtempSync(join(tmpdir(), "exact-numbers-"));
    try {
      cpSync(fileURLToPath(new URL("fixtures/mini", import.meta.url)), root, { recursive: true });
      const file = join(root, "schemas/shop/Price.schema.json");
      writeFileSync(file, readFileSync(file, "utf8").replace('"minimum": 0', '"minimum": 0, "maximum": 9223372036854775807'));
      let error: unknown;
      try {
        loadSchemaSet(root);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SchemaSetError);
      expect(String((error as Error).message)).toMatch(/schemas\/shop\/Price\.schema\.json#\/properties\/cents\/maximum \[inexact-integer\]/);
    } finally {
      removeRepo(root);
    }
  });
});
