// Which issues name a cross-field rule: only those raised inside the rule's then/else branch, at or
// below the property path the branch names (a nested model's rule at the same schema path is not it).
import { describe, expect, it } from "vitest";
import type { AjvError } from "../src/compiled.js";
import { toIssues } from "../src/issues.js";

const RULES = { "#/allOf/0": { if: "status is awaiting_verification" }, "#/allOf/1": { rule: "Only for refunds" } };
const error = (instancePath: string, schemaPath: string, type: string): AjvError => ({ instancePath, schemaPath, keyword: "type", params: { type } });

describe("cross-field rule messages", () => {
  it("says when or unless, after the branch's own message", () => {
    const issues = toIssues([error("/verification_url", "#/allOf/0/else/properties/verification_url/type", "null"), error("/verification_url", "#/allOf/0/then/properties/verification_url/type", "string")], RULES);
    expect(issues.map((i) => i.message)).toEqual(["must be null unless status is awaiting_verification", "must be string when status is awaiting_verification"]);
  });

  it("names a rule without a condition in words by its name", () => {
    expect(toIssues([error("/refund", "#/allOf/1/then/properties/refund/type", "object")], RULES)[0]!.message).toBe("must be object (rule: Only for refunds)");
  });

  it("leaves other errors alone: a nested model's rule at the same schema path, a rule the model does not have, no rules at all", () => {
    const nested = error("/order/verification_url", "#/allOf/0/else/properties/verification_url/type", "null");
    const unknown = error("/x", "#/allOf/7/else/properties/x/type", "null");
    expect(toIssues([nested, unknown], RULES).map((i) => i.message)).toEqual(["must be null", "must be null"]);
    expect(toIssues([error("/verification_url", "#/allOf/0/else/properties/verification_url/type", "null")]).map((i) => i.message)).toEqual(["must be null"]);
  });

  it("keeps the rule's type apart from the field's own types", () => {
    const issues = toIssues([error("/verification_url", "#/properties/verification_url/type", "string,null"), error("/verification_url", "#/allOf/0/then/properties/verification_url/type", "string")], RULES);
    expect(issues.map((i) => i.message)).toEqual(["must be string or null", "must be string when status is awaiting_verification"]);
  });
});
