// The words of a cross-field rule's condition, read from its `if` schema: what the validators append
// to the rule's issues ("unless status is awaiting_verification") and what names a rule without them.
import { describe, expect, it } from "vitest";
import { crossFieldRules, ruleMessages } from "../src/model/cross-field-rules.js";
import type { Model } from "../src/model/schema-set.js";

function model(allOf: unknown[]): Model {
  return { name: "M", file: "schemas/x/M.schema.json", source: "x", id: "https://x/M", kind: "object", references: [], schema: { type: "object", allOf } } as unknown as Model;
}
const branch = { then: { properties: { b: { type: "string" } } } };

describe("cross-field rules", () => {
  it("words a const or enum test of required properties, joined with and", () => {
    const m = model([
      { description: "b is set for x.", if: { properties: { a: { const: "x" } }, required: ["a"] }, ...branch },
      { $comment: "not a rule" },
      { if: { properties: { a: { enum: ["y", "z"] }, n: { const: 3 } }, required: ["a", "n"] }, ...branch },
    ]);
    expect(crossFieldRules(m)).toEqual([
      { schemaPath: "#/allOf/0", description: "b is set for x.", condition: "a is x" },
      { schemaPath: "#/allOf/2", description: undefined, condition: "a is y or z and n is 3" },
    ]);
  });

  it("names a rule by its description (or schema path) when its condition has no plain words", () => {
    const m = model([
      { description: "Only with a pattern.", if: { properties: { a: { pattern: "^x" } }, required: ["a"] }, ...branch },
      { if: { properties: { a: { const: "x" } } }, ...branch }, // no `required`: an absent `a` passes too
      { if: { required: ["a"] }, ...branch },
    ]);
    expect(ruleMessages(m)).toEqual({ "#/allOf/0": { rule: "Only with a pattern" }, "#/allOf/1": { rule: "#/allOf/1" }, "#/allOf/2": { rule: "#/allOf/2" } });
  });
});
