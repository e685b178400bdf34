// Given/want tests of the guard compiler's keyword modules (emit/validators/guards/): a small schema
// fragment in, the condition it compiles to and the module declarations it needs out. That the
// conditions give Ajv's answer is guards.test.ts's job (differential fuzzing); these pin what each
// module builds, so a change to one shows up here by name.
import { describe, expect, it } from "vitest";
import { createAjv } from "../src/ajv.js";
import { arrayChecks } from "../src/emit/validators/guards/arrays.js";
import { type Expr, type Stmt, and, block, calledGuard, call, guardFunction, literal, name, or, printExpr, printStmt, rejectIf, REJECT } from "../src/emit/validators/guards/code.js";
import { compositionChecks } from "../src/emit/validators/guards/composition.js";
import { GuardUnsupported, Scope } from "../src/emit/validators/guards/context.js";
import { GuardCompiler, compileGuards } from "../src/emit/validators/guards/index.js";
import { numberChecks } from "../src/emit/validators/guards/numbers.js";
import { objectChecks } from "../src/emit/validators/guards/objects.js";
import { refCheck } from "../src/emit/validators/guards/refs.js";
import { formatCheck, stringChecks } from "../src/emit/validators/guards/strings.js";
import { constCheck, effectiveTypes, enumCheck, enumImpliesType, typeOf } from "../src/emit/validators/guards/types.js";
import { withoutUnevaluated } from "../src/emit/validators/guards/unevaluated.js";
import type { JsonObject } from "../src/model/schema-walk.js";

const BASE = "https://schemas.payment-types.invalid/test/Root.json";
const ROOT: JsonObject = { $id: BASE, $defs: { small: { type: "integer", maximum: 3 }, named: { $anchor: "short", type: "string", maxLength: 2 } } };
const { formats } = createAjv();

function compiler(declared?: ReadonlyMap<string, string>): GuardCompiler {
  return new GuardCompiler({ resources: [ROOT], roots: {}, formats, formatsCode: "formats$", ucs2lengthCode: "ucs2length$", declared });
}

/** What a keyword module builds for a fragment: the condition's text and the module's declarations. */
function given(build: (context: GuardCompiler) => Expr | readonly Expr[] | undefined, declared?: ReadonlyMap<string, string>) {
  const context = compiler(declared);
  const built = build(context);
  const condition = built === undefined ? undefined : Array.isArray(built) ? built.map(printExpr) : printExpr(built as Expr);
  return { condition, declarations: context.source(new Map()) };
}

const INTEGER_P = (v: string) => `(typeof ${v} === "number" && !(${v} % 1) && !isNaN(${v}) && isFinite(${v}))`;

describe("code: the trees and their printer", () => {
  it("and/or drop the neutral part, let a deciding part decide, and parenthesise each part", () => {
    const a = name("a");
    const b = name("b");
    expect(printExpr(and([]))).toBe("true");
    expect(printExpr(and([a, { kind: "true" }]))).toBe("a");
    expect(printExpr(and([a, { kind: "false" }]))).toBe("false");
    expect(printExpr(and([a, b]))).toBe("(a) && (b)");
    expect(printExpr(or([]))).toBe("false");
    expect(printExpr(or([a, { kind: "true" }]))).toBe("true");
    expect(printExpr(or([a, b, { kind: "false" }]))).toBe("(a) || (b)");
  });

  it("a guard function called with the value is recognised as that function; anything else is not", () => {
    expect(calledGuard(call(guardFunction("guard$object0"), name("d")), "d")).toBe("guard$object0");
    expect(calledGuard(call(guardFunction("guard$object0"), name("p0")), "d")).toBeUndefined();
    expect(calledGuard(call(name("guard$format0"), name("d")), "d")).toBeUndefined();
    expect(calledGuard(and([call(guardFunction("guard$a0"), name("d")), name("x")]), "d")).toBeUndefined();
  });

  it("statements print one a line, nested blocks on the line, loops and switches indented", () => {
    const stmt: Stmt = { kind: "for-in", key: "k0", object: name("d"), body: [rejectIf(name("x")), { kind: "switch", value: name("k0"), cases: ["a", "b"], otherwise: block(REJECT) }] };
    expect(printStmt(stmt, "  ")).toBe(
      ["for (const k0 in d) {", "    if (x) return false;", "    switch (k0) {", '      case "a":', '      case "b":', "        break;", "      default: { return false; }", "    }", "  }"].join("\n"),
    );
    expect(printExpr(literal(undefined))).toBe("undefined");
  });
});

describe("types: type, enum, const", () => {
  it("Ajv's type tests, strict numbers", () => {
    expect(printExpr(typeOf("integer", "d"))).toBe(INTEGER_P("d"));
    expect(printExpr(typeOf("number", "p0"))).toBe('(typeof p0 === "number" && isFinite(p0))');
    expect(printExpr(typeOf("object", "d"))).toBe('(typeof d === "object" && d !== null && !Array.isArray(d))');
    expect(() => typeOf("decimal", "d")).toThrow(new GuardUnsupported('unknown type "decimal"'));
  });

  it("integer is dropped beside number; an enum of allowed types implies the type test", () => {
    expect(effectiveTypes({ type: ["integer", "number", "null"] })).toEqual(["number", "null"]);
    expect(effectiveTypes({})).toBeUndefined();
    expect(enumImpliesType({ enum: ["a", null] }, ["string", "null"])).toBe(true);
    expect(enumImpliesType({ enum: ["a", 1] }, ["string"])).toBe(false);
  });

  it("enum: === for primitives, Ajv's equal with a declared constant for objects", () => {
    expect(given((c) => enumCheck({ enum: ["a", 1, null, { x: 1 }] }, "d", c))).toEqual({
      condition: '(d === "a") || (d === 1) || (d === null) || (guard$equal0(d, guard$value1))',
      declarations: 'const guard$equal0 = require("ajv/dist/runtime/equal").default;\nconst guard$value1 = {"x":1};',
    });
  });

  it("const", () => {
    expect(given((c) => constCheck({ const: "EUR" }, "d", c))).toEqual({ condition: 'd === "EUR"', declarations: "" });
    expect(given((c) => constCheck({ const: [1] }, "d", c)).condition).toBe("guard$equal0(d, guard$value1)");
    expect(given((c) => constCheck({ type: "string" }, "d", c)).condition).toBeUndefined();
  });
});

describe("numbers", () => {
  it("bounds and multipleOf as Ajv tests them", () => {
    expect(given((c) => numberChecks({ minimum: 0, exclusiveMaximum: 10, multipleOf: 0.5 }, "d", c))).toEqual({
      condition: "(d >= 0) && (d < 10) && ((0.5 !== 0 && (d / 0.5) === parseInt(d / 0.5)))",
      declarations: "",
    });
    expect(given((c) => numberChecks({ maximum: 5, exclusiveMinimum: -1 }, "p2", c)).condition).toBe("(p2 <= 5) && (p2 > -1)");
  });

  it("a number format calls the format's validate; a string format is not a number check", () => {
    expect(given((c) => numberChecks({ format: "int32" }, "d", c))).toEqual({ condition: "guard$format0.validate(d)", declarations: "const guard$format0 = formats$.int32;" });
    expect(given((c) => numberChecks({ format: "date" }, "d", c)).condition).toBeUndefined();
  });
});

describe("strings: lengths, patterns, formats", () => {
  it("lengths count code points only when the code units do not decide; patterns are u RegExps", () => {
    expect(given((c) => stringChecks({ minLength: 2, maxLength: 4, pattern: "^[a-c]+$" }, "d", c))).toEqual({
      condition: "((d.length >= 4 || (d.length >= 2 && ucs2length$(d) >= 2))) && ((d.length <= 4 || ucs2length$(d) <= 4)) && (guard$pattern0.test(d))",
      declarations: 'const guard$pattern0 = /* @__PURE__ */ new RegExp("^[a-c]+$", "u");',
    });
  });

  it("formats: a function from the format table, a RegExp copied with its flags", () => {
    expect(given((c) => formatCheck({ format: "date" }, "d", "string", c))).toEqual({ condition: "guard$format0(d)", declarations: "const guard$format0 = formats$.date;" });
    expect(given((c) => formatCheck({ format: "uuid" }, "d", "string", c)).declarations).toMatch(/^const guard\$format0 = \/\* @__PURE__ \*\/ new RegExp\(".*", "i"\);$/);
    expect(given((c) => formatCheck({ format: "int32" }, "d", "string", c)).condition).toBeUndefined();
  });

  it("a pattern or format Ajv's code already declares is shared, not declared again", () => {
    const declared = new Map([
      ['new RegExp("^a", "u")', "pattern3"],
      ["formats$.date", "formats1"],
    ]);
    expect(given((c) => stringChecks({ pattern: "^a", format: "date" }, "d", c), declared)).toEqual({ condition: "(pattern3.test(d)) && (formats1(d))", declarations: "" });
  });

  it("refuses what it cannot mirror, naming the format", () => {
    expect(() => given((c) => formatCheck({ format: "no-such" }, "d", "string", c))).toThrow(new GuardUnsupported('unknown format "no-such"'));
    const stateful = { ...formats, sticky: /a/y };
    const context = new GuardCompiler({ resources: [ROOT], roots: {}, formats: stateful, formatsCode: "formats$", ucs2lengthCode: "ucs2length$" });
    expect(() => formatCheck({ format: "sticky" }, "d", "string", context)).toThrow(new GuardUnsupported('stateful pattern of format "sticky"'));
  });
});

describe("objects", () => {
  it("a closed object: its type, the keys in one loop, required values first by cost, other required names", () => {
    const schema: JsonObject = { properties: { a: { type: "string", format: "date" }, "b-c": { type: "integer" } }, required: ["a", "z"], additionalProperties: false };
    expect(given((c) => objectChecks(schema, "p0", BASE, true, c))).toEqual({
      condition: "guard$object1(p0)",
      declarations: [
        "const guard$format0 = formats$.date;",
        "function guard$object1(d) {",
        '  if (!(typeof d === "object" && d !== null && !Array.isArray(d))) return false;',
        "  for (const k0 in d) {",
        '    if (!((k0 === "a") || (k0 === "b-c"))) return false;',
        "  }",
        `  const p1 = d["b-c"]; if (p1 !== undefined && !(${INTEGER_P("p1")})) return false;`,
        '  const p2 = d.a; if (!((typeof p2 === "string") && (guard$format0(p2)))) return false;',
        "  if (d.z === undefined) return false;",
        "  return true;",
        "}",
      ].join("\n"),
    });
  });

  it("many declared names: a switch; additionalProperties as a schema checks the others", () => {
    const schema: JsonObject = { properties: Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((k) => [k, true])), additionalProperties: { type: "number" } };
    expect(given((c) => objectChecks(schema, "d", BASE, false, c)).declarations).toBe(
      [
        "function guard$object0(d) {",
        "  for (const k0 in d) {",
        "    switch (k0) {",
        ...["a", "b", "c", "d", "e", "f"].map((k) => `      case "${k}":`),
        "        break;",
        '      default: { const p1 = d[k0]; if (!((typeof p1 === "number" && isFinite(p1)))) return false; }',
        "    }",
        "  }",
        "  return true;",
        "}",
      ].join("\n"),
    );
  });

  it("patternProperties, propertyNames, counts and dependencies", () => {
    const schema: JsonObject = { patternProperties: { "^x-": { type: "string" } }, propertyNames: { maxLength: 3 }, minProperties: 1, dependentRequired: { a: ["b", "c"] }, dependentSchemas: { b: { required: ["d"] } } };
    expect(given((c) => objectChecks(schema, "d", BASE, false, c))).toEqual({
      condition: "guard$object2(d)",
      declarations: [
        'const guard$pattern0 = /* @__PURE__ */ new RegExp("^x-", "u");',
        "function guard$object1(d) {",
        "  if (d.d === undefined) return false;",
        "  return true;",
        "}",
        "function guard$object2(d) {",
        "  for (const k0 in d) {",
        "    if (!((k0.length <= 3 || ucs2length$(k0) <= 3))) return false;",
        '    if (guard$pattern0.test(k0)) { const p1 = d[k0]; if (!(typeof p1 === "string")) return false; }',
        "  }",
        "  if (Object.keys(d).length < 1) return false;",
        "  if (d.a !== undefined && ((d.b === undefined) || (d.c === undefined))) return false;",
        "  if (d.b !== undefined && !(guard$object1(d))) return false;",
        "  return true;",
        "}",
      ].join("\n"),
    });
  });

  it("nothing to check: no function; a property named __proto__ is refused", () => {
    expect(given((c) => objectChecks({ properties: { a: true } }, "d", BASE, false, c))).toEqual({ condition: undefined, declarations: "" });
    expect(() => given((c) => objectChecks(JSON.parse('{"required":["__proto__"]}') as JsonObject, "d", BASE, false, c))).toThrow(new GuardUnsupported('a property named "__proto__"'));
  });
});

describe("arrays", () => {
  it("counts, prefixItems, items and uniqueItems in one function", () => {
    expect(given((c) => arrayChecks({ minItems: 1, prefixItems: [{ type: "string" }], items: { type: "integer" }, uniqueItems: true }, "d", BASE, c))).toEqual({
      condition: "guard$array1(d)",
      declarations: [
        'const guard$equal0 = require("ajv/dist/runtime/equal").default;',
        "function guard$array1(d) {",
        "  if (d.length < 1) return false;",
        '  if (d.length > 0) { const p0 = d[0]; if (!(typeof p0 === "string")) return false; }',
        `  for (let i1 = 1; i1 < d.length; i1++) { const p2 = d[i1]; if (!(${INTEGER_P("p2")})) return false; }`,
        "  for (let i3 = d.length; i3-- > 1;) { for (let j4 = i3; j4--;) { if (guard$equal0(d[i3], d[j4])) return false; } }",
        "  return true;",
        "}",
      ].join("\n"),
    });
  });

  it("items: false caps the length; a prefix item that accepts everything is not checked", () => {
    expect(given((c) => arrayChecks({ prefixItems: [true, { const: 1 }], items: false }, "d", BASE, c)).declarations).toBe(
      ["function guard$array0(d) {", "  if (d.length > 1) { const p1 = d[1]; if (!(p1 === 1)) return false; }", "  if (d.length > 2) return false;", "  return true;", "}"].join("\n"),
    );
  });

  it("contains counts its matches against minContains and maxContains", () => {
    expect(given((c) => arrayChecks({ contains: { type: "string" }, minContains: 2, maxContains: 3 }, "d", BASE, c)).declarations).toBe(
      ["function guard$array0(d) {", '  let n0 = 0; for (let i1 = 0; i1 < d.length; i1++) { const p2 = d[i1]; if (typeof p2 === "string") n0++; }', "  if (n0 < 2 || n0 > 3) return false;", "  return true;", "}"].join("\n"),
    );
    expect(given((c) => arrayChecks({ type: "array" }, "d", BASE, c)).condition).toBeUndefined();
  });
});

describe("composition", () => {
  it("allOf, anyOf, oneOf (exactly one), not, if/else, in keyword order", () => {
    const schema: JsonObject = {
      allOf: [{ type: "string" }, true],
      anyOf: [{ type: "null" }, { type: "boolean" }],
      oneOf: [{ type: "integer" }, { minimum: 2 }],
      not: { type: "null" },
      if: { type: "string" },
      else: { type: "array" },
    };
    expect(given((c) => compositionChecks(schema, "d", BASE, undefined, new Scope(), c)).condition).toEqual([
      'typeof d === "string"',
      '(d === null) || (typeof d === "boolean")',
      `((${INTEGER_P("d")} ? 1 : 0) + ((!((typeof d === "number" && isFinite(d)))) || (d >= 2) ? 1 : 0)) === 1`,
      "!(d === null)",
      '(typeof d === "string" ? true : Array.isArray(d))',
    ]);
  });

  it("an if with neither then nor else checks nothing", () => {
    expect(given((c) => compositionChecks({ if: { type: "string" } }, "d", BASE, undefined, new Scope(), c)).condition).toEqual([]);
  });
});

describe("refs", () => {
  it("a $ref is a call of its target's guard function, by JSON Pointer or $anchor", () => {
    expect(given((c) => refCheck({ $ref: "#/$defs/small" }, "p1", BASE, c))).toEqual({
      condition: "guard$schema0(p1)",
      declarations: `function guard$schema0(d) {\n  return (${INTEGER_P("d")}) && (d <= 3);\n}`,
    });
    expect(given((c) => refCheck({ $ref: "#short" }, "d", BASE, c)).condition).toBe("guard$schema0(d)");
  });

  it("refuses a reference to nothing, naming it", () => {
    expect(() => given((c) => refCheck({ $ref: "Other.json" }, "d", BASE, c))).toThrow(new GuardUnsupported("$ref Other.json does not name a known schema"));
    expect(() => given((c) => refCheck({ $ref: "#/$defs/none" }, "d", BASE, c))).toThrow(new GuardUnsupported("$ref #/$defs/none points at nothing"));
    expect(() => given((c) => refCheck({ $ref: "#nowhere" }, "d", BASE, c))).toThrow(new GuardUnsupported("$ref #nowhere names no $anchor of its schema"));
  });
});

describe("unevaluated", () => {
  it("means additionalProperties / items where nothing evaluates in place; inherited names count as evaluated beside patterns", () => {
    expect(withoutUnevaluated({ properties: { a: true }, unevaluatedProperties: false })).toEqual({ properties: { a: true }, additionalProperties: false });
    expect(withoutUnevaluated({ prefixItems: [true], unevaluatedItems: { type: "string" } })).toEqual({ prefixItems: [true], items: { type: "string" } });
    expect(withoutUnevaluated({ items: true, unevaluatedItems: false })).toEqual({ items: true });
    const patterned = withoutUnevaluated({ patternProperties: { "^x-": true }, unevaluatedProperties: false });
    expect(Object.keys(patterned.patternProperties as JsonObject)).toEqual(["^x-", expect.stringContaining("|hasOwnProperty|")]);
  });

  it("is refused beside a keyword that evaluates in place, naming both", () => {
    expect(() => withoutUnevaluated({ allOf: [true], unevaluatedProperties: false })).toThrow(new GuardUnsupported('keyword "unevaluatedProperties" beside "allOf"'));
    expect(() => withoutUnevaluated({ contains: true, unevaluatedItems: false })).toThrow(new GuardUnsupported('keyword "unevaluatedItems" beside "contains"'));
  });
});

describe("the driver", () => {
  const compile = (schema: JsonObject, more: Record<string, JsonObject> = {}) => {
    const resources = [{ $id: BASE, ...schema }, ...Object.entries(more).map(([id, s]) => ({ $id: id, ...s }))];
    return compileGuards({ resources, roots: { guard: BASE, ...Object.fromEntries(Object.keys(more).map((id, i) => [`other${i}`, id])) }, formats, formatsCode: "formats$", ucs2lengthCode: "ucs2length$" });
  };

  it("a schema that is one object check is that object's function", () => {
    expect(compile({ type: "object", required: ["a"] }).source).toBe(
      [
        "function guard$object1(d) {",
        '  if (!(typeof d === "object" && d !== null && !Array.isArray(d))) return false;',
        "  if (d.a === undefined) return false;",
        "  return true;",
        "}",
        "export const guard = guard$object1;",
      ].join("\n"),
    );
  });

  it("keyword groups without a type apply only to values of their type", () => {
    expect(compile({ minLength: 1, maximum: 3 }).source).toBe(
      [
        "function guard$schema0(d) {",
        '  return ((!(typeof d === "string")) || ((d.length >= 2 || (d.length >= 1 && ucs2length$(d) >= 1)))) && ((!((typeof d === "number" && isFinite(d)))) || (d <= 3));',
        "}",
        "export const guard = guard$schema0;",
      ].join("\n"),
    );
  });

  it("two roots with the same checks share one function", () => {
    const other = "https://schemas.payment-types.invalid/test/Other.json";
    expect(compile({ type: "string", minLength: 1 }, { [other]: { type: "string", minLength: 1 } }).source).toMatch(
      /^function guard\$schema0\(d\) \{\n.*\n\}\nexport const guard = guard\$schema0;\nexport const other0 = guard\$schema0;$/,
    );
  });

  it("a root it cannot mirror leaves nothing behind (the pattern it declared first is gone) and says why", () => {
    const output = compile({ type: "object", properties: { a: { pattern: "^a" }, b: { $comment: "annotations pass", "x-note": 1, format: "date", x: 1 } } });
    expect(output.skipped).toEqual(new Map([["guard", 'keyword "x"']]));
    expect(output.source).toBe("export const guard = undefined;");
    expect(compile({ properties: { a: true }, dependentSchemas: { a: true }, unevaluatedProperties: false }).skipped.get("guard")).toBe('keyword "unevaluatedProperties" beside "dependentSchemas"');
  });
});
