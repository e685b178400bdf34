// toIssues skips work that cannot change its result (below 32 errors: noise and duplicates found by
// comparing pointers, only errors that share a pointer length compared, no copy of a list without
// noise; a rule branch's schema path read once). It must still return exactly what the plain
// algorithm returns: noise dropped, the types of one pointer merged (not a rule's), duplicates
// removed, in order. The plain algorithm is kept here as the reference, and both run on generated
// error lists.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AjvError } from "../src/compiled.js";
import { toIssues } from "../src/issues.js";

type Rules = NonNullable<Parameters<typeof toIssues>[1]>;

// A rule branch's clause, read from the schema path every time (no cache): the rule, the branch, and
// the property path, which must hold the error's pointer (the names generated below need no escaping).
function clauseOf(e: AjvError, rules: Rules | undefined): string | undefined {
  const match = rules && /^(#\/allOf\/\d+)\/(then|else)\/((?:properties\/[^/]+\/)*)/.exec(e.schemaPath);
  const rule = match ? rules[match[1]!] : undefined;
  if (!match || !rule) return undefined;
  const path = match[3]!
    .split("/")
    .filter((_, i) => i % 2 === 1)
    .map((name) => `/${name}`)
    .join("");
  if (e.instancePath !== path && !e.instancePath.startsWith(`${path}/`)) return undefined;
  return "if" in rule ? `${match[2] === "then" ? "when" : "unless"} ${rule.if}` : `(rule: ${rule.rule})`;
}

// The reference: every step always done, with a Map and a Set.
function reference(errors: readonly AjvError[], describe: (e: AjvError) => ReturnType<typeof toIssues>[number], rules?: Rules): ReturnType<typeof toIssues> {
  const below = new Set<string>();
  const at = new Map<string, number>();
  for (const { instancePath } of errors) {
    at.set(instancePath, (at.get(instancePath) ?? 0) + 1);
    for (let i = instancePath.lastIndexOf("/"); i >= 0; i = instancePath.lastIndexOf("/", i - 1)) {
      below.add(instancePath.slice(0, i));
      if (i === 0) break;
    }
  }
  const noise = (e: AjvError) =>
    e.keyword === "if" || (e.keyword === "anyOf" && ((at.get(e.instancePath) ?? 0) > 1 || below.has(e.instancePath))) || (e.keyword === "type" && /\/anyOf\/\d+\/type$/.test(e.schemaPath) && below.has(e.instancePath));
  const kept = errors.filter((e) => !noise(e));
  const typesAt = new Map<string, string[]>();
  for (const e of kept) {
    if (e.keyword !== "type" || clauseOf(e, rules) !== undefined) continue;
    const types = Array.isArray(e.params.type) ? e.params.type.map(String) : String(e.params.type).split(",");
    typesAt.set(e.instancePath, [...new Set([...(typesAt.get(e.instancePath) ?? []), ...types])]);
  }
  const out: ReturnType<typeof toIssues> = [];
  const seen = new Set<string>();
  for (const e of kept) {
    // A rule's issue says its own type and names the rule: it is not merged with the field's types.
    const clause = clauseOf(e, rules);
    const merged = e.keyword === "type" && clause === undefined ? typesAt.get(e.instancePath) : undefined;
    const described = describe(merged ? { ...e, params: { type: merged } } : e);
    const issue = clause === undefined ? described : { ...described, message: `${described.message} ${clause}` };
    const key = `${issue.pointer}\0${issue.keyword}\0${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}

// The describe step is shared (it is per error, with nothing to skip): take it from toIssues itself.
const describeOne = (e: AjvError) => toIssues([e])[0]!;

const pointer = fc.constantFrom("", "/a", "/a/b", "/a/0", "/a/0/c", "/c", "/c~1d");
const typeValue = fc.oneof(fc.constantFrom("string", "null", "object", "integer"), fc.subarray(["string", "null", "object", "array", "number"], { minLength: 1 }), fc.constantFrom("string,null"));
const error: fc.Arbitrary<AjvError> = fc.oneof(
  fc.record({ instancePath: pointer, schemaPath: fc.constantFrom("#/type", "#/properties/a/type", "#/properties/a/anyOf/0/type", "#/anyOf/1/type"), keyword: fc.constant("type"), params: fc.record({ type: typeValue }) }),
  fc.record({ instancePath: pointer, schemaPath: fc.constantFrom("#/anyOf", "#/properties/a/anyOf"), keyword: fc.constant("anyOf"), params: fc.constant({}) }),
  fc.record({ instancePath: pointer, schemaPath: fc.constant("#/if"), keyword: fc.constant("if"), params: fc.constant({ failingKeyword: "then" }) }),
  fc.record({ instancePath: pointer, schemaPath: fc.constant("#/required"), keyword: fc.constant("required"), params: fc.record({ missingProperty: fc.constantFrom("x", "y", "a/b", "t~") }) }),
  fc.record({ instancePath: pointer, schemaPath: fc.constant("#/enum"), keyword: fc.constant("enum"), params: fc.record({ allowedValues: fc.constantFrom(["a", "b"], [1, null]) }) }),
  fc.record({ instancePath: pointer, schemaPath: fc.constant("#/additionalProperties"), keyword: fc.constant("additionalProperties"), params: fc.record({ additionalProperty: fc.constantFrom("x", "z") }) }),
);

describe("toIssues", () => {
  it("returns what the plain algorithm returns, for short and long error lists", () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(error, { maxLength: 8 }), fc.array(error, { minLength: 30, maxLength: 60 })), (errors) => {
        expect(toIssues(errors)).toEqual(reference(errors, describeOne));
      }),
      { numRuns: 3000 },
    );
  });

  it("returns what the plain algorithm returns with cross-field rules: a rule's issues name it and keep their own types", () => {
    const rules: Rules = { "#/allOf/0": { if: "a is x" }, "#/allOf/1": { rule: "R" } };
    const ruleError: fc.Arbitrary<AjvError> = fc.record({
      instancePath: pointer,
      schemaPath: fc.constantFrom("#/allOf/0/then/properties/a/type", "#/allOf/0/else/properties/a/properties/b/type", "#/allOf/1/then/type", "#/allOf/1/else/properties/c/type", "#/allOf/2/then/properties/a/type"),
      keyword: fc.constant("type"),
      params: fc.record({ type: typeValue }),
    });
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.oneof(error, ruleError), { maxLength: 10 }), fc.array(fc.oneof(error, ruleError), { minLength: 30, maxLength: 60 })), (errors) => {
        expect(toIssues(errors, rules)).toEqual(reference(errors, describeOne, rules));
      }),
      { numRuns: 2000 },
    );
  });

  it("merges the types of one pointer and drops the repeated issue", () => {
    const errors: AjvError[] = [
      { instancePath: "/a", schemaPath: "#/properties/a/type", keyword: "type", params: { type: ["string", "null"] } },
      { instancePath: "/a", schemaPath: "#/allOf/0/then/properties/a/type", keyword: "type", params: { type: "string" } },
    ];
    expect(toIssues(errors)).toEqual([{ pointer: "/a", keyword: "type", message: "must be string or null", expected: ["string", "null"] }]);
  });
});
