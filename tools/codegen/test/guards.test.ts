// The guard compiler (src/emit/validators/guards/) is generic over schema nodes: for one small schema per
// keyword it handles (and their combinations), the generated guard and Ajv, compiled with the
// validators' own configuration, must give the same answer on every generated value; keywords it
// cannot mirror exactly produce no guard at all.
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { edited } from "../../../test/support/json-edits.js";
import { createAjv } from "../src/ajv.js";
import { useOwnFormats } from "../src/emit/validators/format-table.js";
import { compileGuards } from "../src/emit/validators/guards/index.js";
import { ucs2length } from "../src/runtime/formats.js";
import type { JsonObject } from "../src/model/schema-walk.js";

const BASE = "https://schemas.payment-types.invalid/test/";
const DIALECT = "https://json-schema.org/draft/2020-12/schema";

// The validators' configuration, except that a keyword may appear without the `type` it applies
// to (strict mode would refuse such a schema; its meaning is still defined, and guarded).
function newAjv() {
  const ajv = createAjv({ allErrors: true, inlineRefs: false, messages: false, loopRequired: 3, strictTypes: false, strictRequired: false, strictTuples: false });
  useOwnFormats(ajv);
  return ajv;
}

/** Compiles guards for `roots` and loads them (the emitted module is ESM text: evaluate it). */
function loadGuards(resources: JsonObject[], roots: Record<string, string>) {
  const ajv = newAjv();
  const output = compileGuards({ resources, roots, formats: ajv.formats, formatsCode: "formats$", ucs2lengthCode: "ucs2length$" });
  const body = output.source.replace(/^export const (\w+) = (.+);$/gm, "exported.$1 = $2;");
  const exported: Record<string, ((data: unknown) => boolean) | undefined> = {};
  new Function("exported", "require", "formats$", "ucs2length$", body)(exported, createRequire(import.meta.url), ajv.formats, ucs2length);
  return { exported, skipped: output.skipped, source: output.source };
}

function answer(run: () => unknown): boolean | "threw" {
  try {
    return run() === true;
  } catch {
    return "threw";
  }
}

interface Case {
  readonly name: string;
  readonly schema: JsonObject;
  /** More resources the schema references. */
  readonly others?: JsonObject[];
  /** Valid values to start from: inputs include them and edits of them. */
  readonly samples?: unknown[];
}

function resource(name: string, schema: JsonObject): JsonObject {
  return { $schema: DIALECT, $id: `${BASE}${name}.json`, ...schema };
}

const CASES: Case[] = [
  { name: "type lists", schema: { type: ["integer", "string", "null"] } },
  {
    name: "unique items",
    schema: { type: "array", uniqueItems: true },
    samples: [
      [1, "1", [1], { a: 1 }, null, true],
      [
        { a: 1, b: 2 },
        { b: 2, a: 1, c: 3 },
      ],
      [
        [1, 2],
        [2, 1],
      ],
    ],
  },
  {
    name: "unevaluatedProperties beside properties",
    schema: { type: "object", properties: { a: { type: "string" } }, patternProperties: { "^x-": { type: "integer" } }, unevaluatedProperties: false },
    samples: [{ a: "s", "x-a": 1 }],
  },
  { name: "unevaluatedProperties as a schema, no type", schema: { properties: { a: { type: "string" } }, unevaluatedProperties: { type: "integer" } }, samples: [{ a: "s", b: 1 }] },
  { name: "unevaluatedItems after prefixItems", schema: { type: "array", prefixItems: [{ type: "string" }], unevaluatedItems: { type: "integer" } }, samples: [["s", 1, 2]] },
  { name: "a $ref to an $anchor", schema: { $defs: { a: { $anchor: "x", type: "string", minLength: 2 } }, properties: { p: { $ref: "#x" } } }, samples: [{ p: "ab" }] },
  { name: "unique items without type, next to items", schema: { uniqueItems: true, items: { type: ["integer", "object"] } }, samples: [[1, 2, { x: 1 }]] },
  { name: "number", schema: { type: "number" } },
  { name: "array or object", schema: { type: ["array", "object"] } },
  { name: "array, object or null", schema: { type: ["array", "object", "null"] } },
  { name: "number and integer", schema: { type: ["number", "integer"] } },
  { name: "enum of mixed values", schema: { enum: ["a", 1, null, { x: 1 }, [1, 2]] }, samples: ["a", 1, null, { x: 1 }, [1, 2]] },
  { name: "const object", schema: { const: { a: [1] } }, samples: [{ a: [1] }] },
  { name: "const string", schema: { const: "a" }, samples: ["a"] },
  { name: "string keywords", schema: { type: "string", minLength: 2, maxLength: 4, pattern: "^[a-c😀]+$" }, samples: ["ab", "abc😀", "😀😀", "cccc"] },
  { name: "string keywords without type", schema: { minLength: 2, pattern: "b" } },
  { name: "number keywords", schema: { type: "number", minimum: 0, exclusiveMaximum: 10, multipleOf: 0.5 } },
  { name: "number keywords without type", schema: { exclusiveMinimum: -1, maximum: 5, multipleOf: 3 } },
  // biome-ignore lint/correctness/noPrecisionLoss: int64 bounds as a schema writes them; both parse to the doubles -(2 ** 63) and 2 ** 63
  { name: "integer range", schema: { type: "integer", minimum: -9223372036854775808, maximum: 9223372036854775807, format: "int64" } },
  { name: "function format", schema: { type: "string", format: "date-time" }, samples: ["2024-02-29T12:00:00Z", "2024-12-31T23:59:60Z", "2024-01-01t00:00:00.5+01:00"] },
  { name: "format without type", schema: { format: "date" } },
  { name: "pattern format", schema: { format: "uuid" } },
  { name: "number format", schema: { format: "int32" } },
  { name: "ajv-formats function format", schema: { format: "uri" } },
  {
    name: "closed object",
    schema: { type: "object", properties: { a: { type: "string" }, b: { type: "integer" } }, required: ["a"], additionalProperties: false },
    samples: [{ a: "s" }, { a: "", b: 2 }],
  },
  {
    name: "required names outside properties",
    schema: { type: "object", properties: { a: { type: "string" } }, required: ["a", "c"], additionalProperties: { type: "integer" } },
    samples: [
      { a: "s", c: 1 },
      { a: "", c: 2, d: 3 },
    ],
  },
  {
    name: "closed object with many properties",
    schema: { type: "object", properties: Object.fromEntries(["a", "b", "c", "x", "ab", "zz", "x-a"].map((k) => [k, { type: ["string", "null"] }])), required: ["a", "b"], additionalProperties: false },
    samples: [
      { a: "s", b: null },
      { a: "s", b: "t", zz: null, "x-a": "u" },
    ],
  },
  { name: "pattern and additional properties", schema: { patternProperties: { "^x-": { type: "number" } }, additionalProperties: { type: "string" } } },
  { name: "additional properties next to declared ones", schema: { properties: { a: { type: "integer" } }, patternProperties: { "^b": true }, additionalProperties: false } },
  { name: "property names and counts", schema: { type: "object", propertyNames: { maxLength: 1 }, minProperties: 1, maxProperties: 3 }, samples: [{ a: 1, b: 2, c: 3 }, { x: null }] },
  { name: "dependencies", schema: { dependentRequired: { a: ["b"] }, dependentSchemas: { b: { required: ["c"] } } } },
  { name: "boolean subschemas", schema: { properties: { a: false, b: true }, items: false } },
  { name: "items", schema: { type: "array", items: { type: "integer" }, minItems: 1, maxItems: 3 } },
  { name: "prefix items", schema: { prefixItems: [{ type: "string" }, { type: "number" }], items: false } },
  { name: "prefix items then items", schema: { prefixItems: [{ const: 1 }], items: { type: "string" } } },
  { name: "contains with bounds", schema: { contains: { const: 1 }, minContains: 2, maxContains: 3 } },
  { name: "contains", schema: { type: "array", contains: { type: "string" } } },
  { name: "anyOf", schema: { anyOf: [{ type: "string", minLength: 2 }, { type: "integer" }, { type: "null" }] } },
  { name: "oneOf", schema: { oneOf: [{ type: "integer" }, { minimum: 2 }] } },
  { name: "not", schema: { not: { type: ["null", "string"] } } },
  { name: "allOf", schema: { allOf: [{ type: "object" }, { required: ["a"] }, { properties: { a: { enum: [1, "a"] } } }] }, samples: [{ a: 1 }, { a: "a", b: 2 }] },
  {
    name: "if/then/else on a field",
    schema: { type: "object", if: { properties: { k: { const: "a" } }, required: ["k"] }, then: { required: ["x"], properties: { x: { type: "string" } } }, else: { properties: { x: { type: "null" } } } },
  },
  { name: "if with only else", schema: { if: { type: "string" }, else: { type: "array" } } },
  {
    name: "$ref to another resource, nullable",
    schema: { type: "object", properties: { a: { anyOf: [{ $ref: "Other.json" }, { type: "null" }] }, b: { $ref: "Other.json" } }, required: ["a"] },
    others: [resource("Other", { type: "object", properties: { x: { type: "string" } }, required: ["x"], additionalProperties: false })],
    samples: [{ a: null }, { a: { x: "s" }, b: { x: "t" } }],
  },
  { name: "local $ref to $defs", schema: { $defs: { small: { type: "integer", maximum: 3 } }, type: "array", items: { $ref: "#/$defs/small" } } },
  { name: "recursive schema", schema: { type: "object", properties: { children: { type: "array", items: { $ref: "#" } }, x: { type: "integer" } }, additionalProperties: false } },
  { name: "$ref with siblings", schema: { $ref: "Other.json", required: ["y"] }, others: [resource("Other", { type: "object", properties: { x: { type: "string" } } })] },
];

// Values built from the words the schemas use, so both outcomes are common.
const KEYS = ["a", "b", "c", "k", "x", "y", "ab", "zz", "x-a", "x-b", "children", "bb", "constructor"];
const LEAVES = [
  null,
  true,
  false,
  0,
  -0,
  1,
  2,
  3,
  4.5,
  5,
  6,
  10,
  -1,
  -2,
  0.5,
  2 ** 31,
  2 ** 53,
  1e21,
  -(2 ** 63),
  "",
  "a",
  "ab",
  "abc",
  "abcd",
  "abcde",
  "b",
  "bb",
  "😀😀",
  "a😀",
  "\ud800",
  "x-a",
  "2024-02-29T12:00:00Z",
  "2024-02-30",
  "2024-02-29",
  "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f",
  "http://example.com/x",
  "not a uri",
];
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...LEAVES),
    fc.integer({ min: -3, max: 12 }),
    fc.double(),
    fc.string({ maxLength: 4 }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 4 }),
  ),
})).value;
const inputs = fc.oneof(
  value,
  fc.constantFrom<unknown>(
    { a: "s" },
    { a: "s", c: 1 },
    { a: "s", b: 1, c: 1 },
    { k: "a", x: "s" },
    { k: "b", x: null },
    [1, 1],
    ["s", 1],
    [1, "a"],
    { x: "s" },
    { x: "s", y: 1 },
    { children: [{ x: 1 }, {}] },
    { "x-a": 1, b: "s" },
  ),
);

describe("generated guards agree with Ajv", () => {
  for (const testCase of CASES) {
    it(testCase.name, () => {
      const root = resource("Root", testCase.schema);
      const resources = [root, ...(testCase.others ?? [])];
      const { exported, skipped } = loadGuards(resources, { guard: root.$id as string });
      expect(skipped.size, [...skipped.values()].join()).toBe(0);
      const guard = exported.guard!;
      const ajv = newAjv();
      for (const r of resources) ajv.addSchema(r);
      const validate = ajv.getSchema(root.$id as string)!;
      const outcomes = { valid: 0, invalid: 0 };
      const samples = testCase.samples ?? [];
      const cases = samples.length
        ? fc.oneof(
            inputs,
            fc.constantFrom(...samples),
            fc.constantFrom(...samples).chain((sample) => edited(sample, { values: value, keys: KEYS })),
          )
        : inputs;
      fc.assert(
        fc.property(cases, (data) => {
          // Where Ajv's code throws (its deep equality on a null-prototype object) the payload is
          // rejected as unreadable: the guard must not accept it (it may reject it or throw too).
          const expected = answer(() => validate(data));
          const got = answer(() => guard(data));
          if (expected === "threw") return got !== true;
          outcomes[expected ? "valid" : "invalid"]++;
          return got === expected;
        }),
        { numRuns: 3000 },
      );
      // A test where one answer never happens could not fail.
      expect(outcomes.valid, "valid inputs generated").toBeGreaterThan(30);
      expect(outcomes.invalid, "invalid inputs generated").toBeGreaterThan(30);
    });
  }
});

describe("keywords a guard cannot mirror exactly", () => {
  const unsupported: [string, JsonObject][] = [
    ["unevaluatedProperties beside allOf", { type: "object", allOf: [{ properties: { a: true } }], unevaluatedProperties: false }],
    ["unevaluatedItems beside contains", { type: "array", contains: { type: "string" }, unevaluatedItems: false }],
    ["an embedded $id", { properties: { a: { $id: "https://elsewhere.invalid/a.json", type: "string" } } }],
    ["a property named __proto__", JSON.parse('{ "properties": { "__proto__": { "type": "string" } } }') as JsonObject],
  ];
  for (const [name, schema] of unsupported) {
    it(`${name}: no guard, the reason says why`, () => {
      const root = resource("Root", schema);
      const { exported, skipped, source } = loadGuards([root], { guard: root.$id as string });
      expect(exported.guard).toBeUndefined();
      expect(skipped.get("guard")).toBeTruthy();
      expect(source).toContain("export const guard = undefined;");
    });
  }

  it("one unsupported root leaves the others guarded", () => {
    const good = resource("Good", { type: "string" });
    const bad = resource("Bad", { type: "array", unevaluatedItems: false, allOf: [{ items: { $ref: "Good.json" } }] });
    const { exported } = loadGuards([good, bad], { good: good.$id as string, bad: bad.$id as string });
    expect(exported.good?.("s")).toBe(true);
    expect(exported.bad).toBeUndefined();
  });
});
