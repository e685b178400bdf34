// ajv-trim (src/emit/ajv-trim.ts) rewrites Ajv's standalone code for size and speed; it must not
// change a single answer or error. For every model of the real schema set, Ajv's code as Ajv emits
// it and the trimmed code run side by side on the examples and edits of them: same result, same
// errors in the same order. Plus the rewrites one by one.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import standaloneModule from "ajv/dist/standalone/index.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { edited } from "../../../test/support/json-edits.js";
import { createAjv } from "../src/ajv.js";
import {
  AjvTrimError,
  appendErrorsInPlace,
  declaredConstants,
  dropUnusedContext,
  inlineSchemaReads,
  markPatternsPure,
  mergeIdenticalFunctions,
  mergeTolerantCopies,
  positionalInstancePath,
  reportErrorsByHelper,
  usesTrackedKeywords,
} from "../src/emit/validators/ajv-trim.js";
import { formatTableCode, useOwnFormats, useOwnUcs2length } from "../src/emit/validators/format-table.js";
import { tolerantView } from "../src/emit/validators.js";
import { loadSchemaSet } from "../src/model/load.js";
import * as own from "../src/runtime/formats.js";
import type { JsonObject } from "../src/model/schema-walk.js";

type Validator = ((data: unknown) => boolean) & { errors?: unknown[] | null };
const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as (ajv: unknown, exports: Record<string, string>) => string;
const set = loadSchemaSet(fileURLToPath(new URL("../../..", import.meta.url)));
// Every model strict (as written) and tolerant (as codegen compiles it), so that tolerant copies
// merged into strict ones are compared too.
const tolerantViews = [...set.models.values()].map((model) => [`Tolerant${model.name}`, tolerantView(model)] as const);
const schemas = [...[...set.models.values()].map((model) => model.schema), ...tolerantViews.map(([, view]) => view)];
const exportsByName = Object.fromEntries([...[...set.models.values()].map((model) => [model.name, model.id]), ...tolerantViews.map(([name, view]) => [name, view.$id as string])]);
const modes = [...set.models.keys()].map((name) => [name, `Tolerant${name}`] as const);

function load(source: string): Record<string, Validator> {
  const exported: Record<string, Validator> = {};
  const body = source.replace(/^"use strict";/, "").replace(/export const (\w+) = ([^;]+);/g, "exported.$1 = $2;");
  const formats = Object.fromEntries(Object.entries(own.FORMAT_EXPORTS).map(([name, exportName]) => [name, (own as unknown as Record<string, unknown>)[exportName]]));
  new Function("exported", "require", "formats$", "ucs2length$", body)(exported, createRequire(import.meta.url), formats, own.ucs2length);
  return exported;
}

const options = { allErrors: true, inlineRefs: false, messages: false, loopRequired: 3 } as const;

function asEmitted(): Record<string, Validator> {
  // The format table is the same on both sides (createAjv registers our format functions, which
  // Ajv's standalone code reads from it): the trimming is what is compared.
  const ajv = createAjv({ ...options, code: { source: true, esm: true, lines: false, ...formatTableCode } });
  for (const schema of schemas) ajv.addSchema(schema);
  return load(standaloneCode(ajv, exportsByName));
}

function trimmed(): { validators: Record<string, Validator>; source: string } {
  const ajv = createAjv({ ...options, tracking: usesTrackedKeywords(schemas), code: { source: true, esm: true, lines: false, ...formatTableCode } });
  useOwnFormats(ajv);
  for (const schema of schemas) ajv.addSchema(schema);
  const source = useOwnUcs2length(
    markPatternsPure(positionalInstancePath(mergeTolerantCopies(reportErrorsByHelper(appendErrorsInPlace(mergeIdenticalFunctions(dropUnusedContext(inlineSchemaReads(standaloneCode(ajv, exportsByName)))))), modes))),
  );
  return { validators: load(source), source };
}

const before = asEmitted();
const after = trimmed();

const NEAR_MISSES = [null, 0, 1.5, -1, "", "x", "pending", "Nope", "2026-02-30", "2026-11-23T09:14:07", "EURO", {}, [], true, 2 ** 63, "😀😀😀"];
const nearMiss = fc.oneof(fc.constantFrom(...NEAR_MISSES), fc.jsonValue({ maxDepth: 2 }));

describe("trimmed Ajv code reports exactly what Ajv's own code reports", () => {
  for (const [model, name] of [...set.models.values()].flatMap((model) => [model.name, `Tolerant${model.name}`].map((name) => [model, name] as const))) {
    it(name, () => {
      const examples = (model.schema.examples as unknown[]) ?? [];
      const original = before[name]!;
      const rewritten = after.validators[name]!;
      fc.assert(
        fc.property(
          fc.oneof(
            fc.constantFrom(...examples),
            fc.constantFrom(...examples).chain((example) => edited(example, { values: nearMiss, keys: ["extra"] })),
            fc.jsonValue({ maxDepth: 3 }),
          ),
          (data) => {
            const valid = original(data);
            expect(rewritten(data)).toBe(valid);
            expect(rewritten.errors).toEqual(original.errors);
          },
        ),
        { numRuns: 1500 },
      );
    });
  }

  it("a long array of bad items: every error, in order", () => {
    const payments = Array.from({ length: 20_000 }, (_, i) => ({ resultCode: `bad${i}` }));
    const original = before.SessionResultResponse!;
    const rewritten = after.validators.SessionResultResponse!;
    expect(rewritten({ payments })).toBe(original({ payments }));
    expect(rewritten.errors).toEqual(original.errors);
    expect(rewritten.errors).toHaveLength(20_000);
  });
});

describe("the rewrites", () => {
  it("embed only the parts of a schema the code reads, and only the keys of a map used for lookups", () => {
    expect(after.source).not.toMatch(/\bschema\d+\.[a-z]/);
    // PaymentSessionResult requires every property: its key map is built from the required list.
    const required = /const (schemaValue\$\d+) = \["adapter","amount",/.exec(after.source)?.[1];
    expect(after.source).toContain(`= /* @__PURE__ */ keySet$(${required});`);
    const keys = inlineSchemaReads(
      `const func0 = Object.prototype.hasOwnProperty;const schema1 = {"properties":{"a":{},"b":{}},"required":["a"]};const schema2 = {"properties":{"a":{},"b":{}},"required":["a","b"]};function validate1(data){return func0.call(schema1.properties, data) && f(schema1.required) && func0.call(schema2.properties, data) && f(schema2.required);}`,
    );
    // One map for both reads, built from the one list with its keys; the list of one key stays a list.
    expect(keys).toMatch(/^const schemaValue\$1 = \["a"\];const schemaValue\$2 = \["a","b"\];const schemaValue\$0 = \/\* @__PURE__ \*\/ keySet\$\(schemaValue\$2\);function keySet\$/);
  });

  it("keep one of functions that differ only in their name, and point every use at it", () => {
    const source =
      'export const a = validate1;export const b = validate2;function validate1(data, {instancePath=""}={}){if(x){validate1.errors = [{s:"}"}];}return validate3(data);}function validate2(data, {instancePath=""}={}){if(x){validate2.errors = [{s:"}"}];}return validate3(data);}function validate3(data, {instancePath=""}={}){return true;}';
    const merged = mergeIdenticalFunctions(source);
    expect(merged).not.toContain("function validate2(");
    expect(merged).toContain("export const b = validate1;");
    expect(merged).toContain("function validate3(");
    expect(mergeIdenticalFunctions(merged)).toBe(merged);
  });

  it("merge a tolerant copy into its strict one only where it leaves out no more than the additional-property loops and enum checks", () => {
    expect(after.source).toMatch(/exported\.TolerantPaymentSessionResult|export const TolerantPaymentSessionResult = \/\* @__PURE__ \*\/ tolerantMode\$\(validate\d+\);/);
    const report = (path: string, params: string) =>
      `const err0 = {instancePath,schemaPath:"${path}",keyword:"${path.slice(path.lastIndexOf("/") + 1)}",params:${params}};if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;`;
    const loop = `for(const key0 in data){if(!(key0 === "a")){${report("#/additionalProperties", "{additionalProperty: key0}")}}}`;
    const check = `if(data.a !== undefined){let data0 = data.a;if(typeof data0 !== "string"){${report("#/properties/a/type", '{type: "string"}')}}}`;
    const fn = (name: string, body: string) => `function ${name}(data, {instancePath=""}={}){let vErrors = null;let errors = 0;${body}${name}.errors = vErrors;return errors === 0;}`;
    const exports = "export const S = validate1;export const T = validate2;";
    const merged = mergeTolerantCopies(reportErrorsByHelper(`${exports}${fn("validate1", loop + check)}${fn("validate2", check.replaceAll("data0", "data1"))}`), [["S", "T"]]);
    expect(merged).not.toContain("function validate2(");
    expect(merged).toContain("if(!tolerant$)for(const key0 in data)");
    expect(merged).toContain("export const T = /* @__PURE__ */ tolerantMode$(validate1);");
    const [s, t] = [load(merged).S!, load(merged).T!];
    expect([s({ a: 1, b: 2 }), s.errors?.length, t({ a: 1, b: 2 }), t.errors?.length, s({ b: 1 }), t({ b: 1 }), t.errors]).toEqual([false, 2, false, 1, false, true, null]);
    // Anything else that differs keeps both copies.
    const different = reportErrorsByHelper(`${exports}${fn("validate1", loop + check)}${fn("validate2", check.replace('"string"', '"number"'))}`);
    expect(mergeTolerantCopies(different, [["S", "T"]])).toBe(different);
  });

  it("drop the parent, property and root arguments only when nothing else reads them", () => {
    expect(after.source).not.toMatch(/\b(parentData|rootData)\b/);
    const call = 'function validate1(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){return validate2(data.a, {instancePath:instancePath+"/a",parentData:data,parentDataProperty:"a",rootData});}';
    expect(dropUnusedContext(call)).toBe('function validate1(data, {instancePath=""}={}){return validate2(data.a, {instancePath:instancePath+"/a"});}');
    const reads = `${call}function validate3(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){return rootData === data;}`;
    expect(dropUnusedContext(reads)).toBe(reads);
  });

  it("keep the tracking a schema needs, decided when Ajv is built", () => {
    expect(usesTrackedKeywords(schemas as JsonObject[])).toBe(false);
    expect(usesTrackedKeywords([{ type: "object", unevaluatedProperties: false }])).toBe(true);
    expect(createAjv().opts).toMatchObject({ unevaluated: true, dynamicRef: true });
    expect(createAjv({ tracking: false }).opts).toMatchObject({ unevaluated: false, dynamicRef: false });
    // Without the tracking it is still Ajv 2020-12 (prefixItems, items after a prefix), with none of its bookkeeping.
    const untracked = createAjv({ ...options, strictTuples: false, tracking: false, code: { source: true, esm: true, lines: false } });
    untracked.addSchema({ $id: "https://example.invalid/pair", type: "array", prefixItems: [{ type: "string" }], items: { type: "integer" }, minItems: 1 });
    const pair = load(standaloneCode(untracked, { Pair: "https://example.invalid/pair" })).Pair!;
    expect([pair(["a", 1, 2]), pair(["a", "b"]), pair([1])]).toEqual([true, false, false]);
    expect(standaloneCode(untracked, { Pair: "https://example.invalid/pair" })).not.toMatch(/dynamicAnchors|evaluated/);
  });

  it("never change an Ajv's options after it is built (createAjv takes them)", () => {
    const src = fileURLToPath(new URL("../src", import.meta.url));
    const assignments = readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) =>
        readFileSync(join(src, file), "utf8")
          .split("\n")
          .flatMap((text, i) => (/\.opts\b(?:\.[\w$]+|\[[^\]]*\])*\s*(?:[-+*/|&]|\?\?)?=(?!=)/.test(text) ? [`${file}:${i + 1}`] : [])),
      );
    expect(assignments).toEqual([]);
  });

  it("leave code that needs the tracking correct: every rewrite accepts its shape", () => {
    const tracked: JsonObject[] = [
      { $id: "https://example.invalid/tree", $dynamicAnchor: "node", type: "object", properties: { id: { type: "string" }, children: { type: "array", items: { $dynamicRef: "#node" } } }, unevaluatedProperties: false },
      { $id: "https://example.invalid/root", type: "object", properties: { tree: { $ref: "tree" }, note: { type: "string", pattern: "^n" } }, required: ["tree"] },
    ];
    expect(usesTrackedKeywords(tracked)).toBe(true);
    const ajv = createAjv({ ...options, code: { source: true, esm: true, lines: false } });
    for (const schema of tracked) ajv.addSchema(schema);
    const raw = standaloneCode(ajv, { Root: "https://example.invalid/root" });
    expect(raw).toMatch(/dynamicAnchors=\{\}/);
    expect(raw).toMatch(/\.evaluated = /);
    const source = markPatternsPure(positionalInstancePath(reportErrorsByHelper(appendErrorsInPlace(mergeIdenticalFunctions(dropUnusedContext(inlineSchemaReads(raw)))))));
    const [original, rewritten] = [load(raw).Root!, load(source).Root!];
    for (const data of [{ tree: { id: "a", children: [{ id: "b", children: [] }] } }, { tree: { id: "a", extra: 1, children: [{ id: 2, more: true }] }, note: "x" }, { tree: null }]) {
      expect(rewritten(data)).toBe(original(data));
      expect(rewritten.errors).toEqual(original.errors);
    }
  });

  it("accept the shapes of schemas that cannot fail and of references to boolean schemas, answering as Ajv does", () => {
    // `contentMediaType` alone is an annotation: Ajv's function sets its errors to null, not to
    // vErrors. A `$ref` to `true`/`false` in `$defs` makes Ajv declare `const schemaN = true;`.
    const shapes: JsonObject[] = [
      { $id: "https://example.invalid/content", contentMediaType: "application/json" },
      { $id: "https://example.invalid/to-true", $ref: "#/$defs/bool", $defs: { bool: true } },
      { $id: "https://example.invalid/to-false", $ref: "#/$defs/bool", $defs: { bool: false } },
      { $id: "https://example.invalid/both", type: "object", properties: { yes: { $ref: "#/$defs/yes" }, no: { $ref: "#/$defs/no" } }, $defs: { yes: true, no: false } },
    ];
    const ajv = createAjv({ ...options, tracking: false, strictTypes: false, code: { source: true, esm: true, lines: false } });
    for (const schema of shapes) ajv.addSchema(schema);
    const raw = standaloneCode(ajv, { Content: "https://example.invalid/content", ToTrue: "https://example.invalid/to-true", ToFalse: "https://example.invalid/to-false", Both: "https://example.invalid/both" });
    expect(raw).toMatch(/\bvalidate\d+\.errors = null;/);
    expect(raw).toMatch(/\bconst schema\d+ = true;/);
    expect(raw).toMatch(/\bconst schema\d+ = false;/);
    const source = positionalInstancePath(reportErrorsByHelper(appendErrorsInPlace(mergeIdenticalFunctions(dropUnusedContext(inlineSchemaReads(raw))))));
    const [original, rewritten] = [load(raw), load(source)];
    for (const name of ["Content", "ToTrue", "ToFalse", "Both"]) {
      for (const data of [null, 1, "{}", "not json", {}, { yes: 1 }, { no: 1 }, { yes: 1, no: 2 }]) {
        expect(rewritten[name]!(data)).toBe(original[name]!(data));
        expect(rewritten[name]!.errors).toEqual(original[name]!.errors);
      }
    }
    expect(rewritten.ToFalse!(1)).toBe(false);
    expect(rewritten.ToTrue!(1)).toBe(true);
    expect(rewritten.Both!({ yes: 1, no: 2 })).toBe(false);
  });

  it("record a propertyNames error with the key it judged, as Ajv does", () => {
    const schema: JsonObject = { $id: "https://example.invalid/names", type: "object", propertyNames: { maxLength: 3, pattern: "^[a-z]+$" }, additionalProperties: { propertyNames: { enum: ["ok"] } } };
    const ajv = createAjv({ ...options, tracking: false, strictTypes: false, code: { source: true, esm: true, lines: false } });
    ajv.addSchema(schema);
    const raw = standaloneCode(ajv, { Names: "https://example.invalid/names" });
    expect(raw).toMatch(/,propertyName:key\d+\}/);
    const source = positionalInstancePath(reportErrorsByHelper(appendErrorsInPlace(mergeIdenticalFunctions(dropUnusedContext(inlineSchemaReads(raw))))));
    const [original, rewritten] = [load(raw), load(source)];
    for (const data of [{}, { abc: 1 }, { abcd: 1, B: 2 }, { ab: { ok: 1, no: 2 } }, { Long: { bad: 1 } }, []]) {
      expect(rewritten.Names!(data)).toBe(original.Names!(data));
      expect(rewritten.Names!.errors).toEqual(original.Names!.errors);
    }
    expect(rewritten.Names!({ abc: 1 })).toBe(true);
    expect(rewritten.Names!({ abcd: 1 })).toBe(false);
    expect(rewritten.Names!.errors?.[0]).toMatchObject({ keyword: "maxLength", propertyName: "abcd" });
  });

  it("find the patterns and format lookups a guard may share", () => {
    const declared = declaredConstants('const pattern4 = new RegExp("^[A-Z]{3}$", "u");const formats2 = /^a\\/b$/i;const formats0 = formats$["date-time"];const other = 1;');
    expect([...declared]).toEqual([
      ['new RegExp("^[A-Z]{3}$", "u")', "pattern4"],
      ['new RegExp("^a\\\\/b$", "i")', "formats2"],
      ['formats$["date-time"]', "formats0"],
    ]);
  });
});

describe("each rewrite refuses code not in the shape it rewrites (a new Ajv version), naming itself", () => {
  const refuses = (rewrite: string, run: () => unknown, detail: RegExp) => {
    let error: unknown;
    try {
      run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AjvTrimError);
    expect((error as AjvTrimError).rewrite).toBe(rewrite);
    expect((error as Error).message).toMatch(new RegExp(`^ajv-trim ${rewrite}: Ajv's standalone code is not in the shape this rewrite expects`));
    expect((error as Error).message).toMatch(detail);
  };
  const fn = (name: string, body: string, parameters = 'instancePath="", parentData, parentDataProperty, rootData=data') => `function ${name}(data, {${parameters}}={}){${body}${name}.errors = vErrors;return errors === 0;}`;

  it("inlineSchemaReads: a schema not declared as JSON, or read by a computed key", () => {
    refuses("inlineSchemaReads", () => inlineSchemaReads(`const schema3 = JSON.parse("{}");${fn("validate1", "f(schema3.enum);")}`), /schema3 used but not declared/);
    refuses("inlineSchemaReads", () => inlineSchemaReads(`const schema3 = truthy;${fn("validate1", "f(schema3);")}`), /schema3 used but not declared/);
    refuses("inlineSchemaReads", () => inlineSchemaReads(`const schema3 = {enum: [1]};${fn("validate1", "f(schema3.enum);")}`), /schema3 is not declared as a JSON value/);
    refuses("inlineSchemaReads", () => inlineSchemaReads(`const schema3 = {"enum":[1]};${fn("validate1", "f(schema3[key]);")}`), /a read of schema3 not in the form/);
    refuses("inlineSchemaReads", () => inlineSchemaReads(`const schema3 = {"a":{"b":1}};${fn("validate1", "f(schema3.a.c);")}`), /\.a\.c does not exist/);
    refuses("inlineSchemaReads", () => inlineSchemaReads(`const func2 = {}.hasOwnProperty;const schema3 = {"p":{}};${fn("validate1", "f(func2.call(schema3.p, k));")}`), /hasOwnProperty used but not declared/);
    // The shape it expects: rewritten, and a property named like a schema is no schema.
    expect(inlineSchemaReads(`const schema3 = {"enum":[1]};${fn("validate1", "f(schema3.enum, data.schema9);")}`)).toMatch(/^const schemaValue\$0 = \[1\];.*f\(schemaValue\$0, data\.schema9\)/);
  });

  it("markPatternsPure: a pattern not built by new RegExp", () => {
    refuses("markPatternsPure", () => markPatternsPure("const pattern0 = /^a$/u;"), /pattern0 is not declared as "new RegExp\(\.\.\.\)"/);
    expect(markPatternsPure('const pattern0 = new RegExp("^a$", "u");')).toBe('const pattern0 = /* @__PURE__ */ new RegExp("^a$", "u");');
  });

  it("declaredConstants: a pattern or format used but not declared, or a literal that is none", () => {
    refuses("declaredConstants", () => declaredConstants(fn("validate1", "if(!formats3.validate(data)){}")), /formats3 used but not declared/);
    refuses("declaredConstants", () => declaredConstants("const formats1 = /unterminated;"), /formats1 starts like a regular expression literal but is none/);
    expect([...declaredConstants("const formats1 = /^a;b$/i;const pattern0 = x;")]).toEqual([
      ['new RegExp("^a;b$", "i")', "formats1"],
      ["x", "pattern0"],
    ]);
  });

  it("appendErrorsInPlace: a called validator's errors gathered some other way", () => {
    refuses(
      "appendErrorsInPlace",
      () => appendErrorsInPlace(fn("validate1", "if(!validate2(data)){vErrors = vErrors === null ? validate2.errors : [...vErrors, ...validate2.errors];}")),
      /validate2\.errors is read other than as/,
    );
    refuses("appendErrorsInPlace", () => appendErrorsInPlace(fn("validate1", "validate2.errors = [];")), /validate2\.errors is read other than as/);
    const gathered = appendErrorsInPlace(fn("validate1", "if(!validate2(data)){vErrors = vErrors === null ? validate2.errors : vErrors.concat(validate2.errors);}"));
    expect(gathered).toContain("vErrors = appendErrors$(vErrors, validate2.errors);");
    expect(gathered).toContain("function appendErrors$(errors, more)");
  });

  it("reportErrorsByHelper: an error built or recorded some other way", () => {
    const record = (name: string) => `if(vErrors === null){vErrors = [${name}];}else {vErrors.push(${name});}errors++;`;
    refuses("reportErrorsByHelper", () => reportErrorsByHelper(fn("validate1", `const err0 = {instancePath,keyword:"type",schemaPath:"#/type",params:{type: "string"}};${record("err0")}`)), /err0 is not built as/);
    refuses(
      "reportErrorsByHelper",
      () => reportErrorsByHelper(fn("validate1", `const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "string"}};vErrors = [...(vErrors ?? []), err0];errors++;`)),
      /err0 is not recorded as/,
    );
    refuses(
      "reportErrorsByHelper",
      () => reportErrorsByHelper(fn("validate1", `const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "string"}};${record("err0")}if(x){vErrors.push(other);}`)),
      /an error recorded other than as/,
    );
    // The shape it expects: the keyword only where the schema path does not end in it; `{}` left alone.
    const reported = reportErrorsByHelper(
      fn(
        "validate1",
        `const err0 = {instancePath:instancePath+"/a",schemaPath:"#/properties/a/type",keyword:"type",params:{type: "string"}};${record("err0")}const err1 = {};${record("err1")}const errStop = {instancePath,schemaPath:"#",keyword:"maxIssues",params:{limit:1000}};if(vErrors === null){vErrors = [errStop];}else{vErrors.push(errStop);}errors++;`,
      ),
    );
    expect(reported).toContain('vErrors = reportProperty$(vErrors, instancePath, "a", "type", {type: "string"});errors++;');
    expect(reported).toContain(`const err1 = {};${record("err1")}`);
    expect(reported).toContain('vErrors = reportError$(vErrors, instancePath, "#", {limit:1000}, "maxIssues");errors++;');
    expect(reported).toContain("function reportError$(errors, instancePath, schemaPath, params, keyword");
    // A property whose name would need escaping, or an error from another subschema, keeps both paths.
    const escaped = reportErrorsByHelper(fn("validate1", `const err0 = {instancePath:instancePath+"/a~1b",schemaPath:"#/properties/a~1b/type",keyword:"type",params:{}};${record("err0")}`));
    expect(escaped).toContain('reportError$(vErrors, instancePath+"/a~1b", "#/properties/a~1b/type", {}, "type");');
    const elsewhere = reportErrorsByHelper(fn("validate1", `const err0 = {instancePath:instancePath+"/a",schemaPath:"#/allOf/0/properties/a/type",keyword:"type",params:{}};${record("err0")}`));
    expect(elsewhere).toContain('reportError$(vErrors, instancePath+"/a", "#/allOf/0/properties/a/type", {}, "type");');
    expect(elsewhere).not.toContain("reportProperty$");
    // The keyword is passed unless it is the whole path below the property (the helper's default).
    const deeper = reportErrorsByHelper(fn("validate1", `const err0 = {instancePath:instancePath+"/a",schemaPath:"#/properties/a/anyOf/0/type",keyword:"type",params:{}};${record("err0")}`));
    expect(deeper).toContain('reportProperty$(vErrors, instancePath, "a", "anyOf/0/type", {}, "type");');
  });

  it("mergeTolerantCopies: a mode not exported as a validation function, or a function with another signature", () => {
    refuses("mergeTolerantCopies", () => mergeTolerantCopies(`export const S = validate1;${fn("validate1", "", 'instancePath=""')}`, [["S", "T"]]), /S or T not exported as/);
    refuses("mergeTolerantCopies", () => mergeTolerantCopies("export const S = validate1;function validate1(data, options){return true;}", [["S", "T"]]), /1 validation functions but 0 starting/);
  });

  it("positionalInstancePath: a validation function with other options, or called with them", () => {
    refuses("positionalInstancePath", () => positionalInstancePath(fn("validate1", "", 'instancePath="", other')), /1 validation functions but 0 starting/);
    refuses("positionalInstancePath", () => positionalInstancePath(fn("validate1", "validate2(data.a, {instancePath, other});", 'instancePath=""')), /validate2 called other than as/);
    refuses("positionalInstancePath", () => positionalInstancePath(fn("validate1", 'validate2(data.a, "x"', 'instancePath=""')), /unbalanced brackets/);
    expect(positionalInstancePath(fn("validate1", 'if(!validate2(data[f("(")], {instancePath:instancePath+"/" + g(i0)})){}', 'instancePath=""'))).toBe(
      'function validate1(data, instancePath=""){if(!validate2(data[f("(")], instancePath+"/" + g(i0))){}validate1.errors = vErrors;return errors === 0;}',
    );
  });

  it("dropUnusedContext: parameters or arguments in another order or spelling", () => {
    refuses("dropUnusedContext", () => dropUnusedContext(fn("validate1", "", 'instancePath="", rootData=data, parentData, parentDataProperty')), /1 validation functions but 0 parameter lists/);
    refuses("dropUnusedContext", () => dropUnusedContext(fn("validate1", "validate2(data.a, {instancePath,parentData:data,rootData});")), /1 calls passing parentData but 0 in the form/);
  });

  it("useOwnUcs2length: Ajv's code-point counter read some other way", () => {
    refuses("useOwnUcs2length", () => useOwnUcs2length('const func2 = require("ajv/dist/runtime/ucs2length");'), /ucs2length is not read as/);
    expect(useOwnUcs2length('const func2 = require("ajv/dist/runtime/ucs2length").default;')).toBe("const func2 = ucs2length$;");
  });

  it("mergeIdenticalFunctions: a validation function with another signature", () => {
    refuses("mergeIdenticalFunctions", () => mergeIdenticalFunctions("function validate1(data, options){return true;}"), /1 validation functions but 0 starting/);
    refuses("mergeIdenticalFunctions", () => mergeIdenticalFunctions(`function validate1(data, {instancePath=""}={}){if(x){return "}`), /unbalanced brackets/);
  });
});
