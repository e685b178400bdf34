// Changelog lines in a consumer's words, and reading back which changes a changeset names.
import { describe, expect, it } from "vitest";
import type { Change } from "../../src/diff/change.js";
import { changeKey, changeKeysIn, consumerLines, subjectOf } from "../../src/diff/consumer-words.js";
import { diffSpecs, objectModel } from "./schema-sets.js";

const change = (rule: string, pointer: string, extra: Partial<Change> = {}): Change => ({
  rule,
  bump: "major",
  model: "PaymentSessionResult",
  file: "schemas/gateway/PaymentSessionResult.schema.json",
  pointer,
  message: "m",
  ...extra,
});

describe("consumer words", () => {
  it("names where a change is as code names it", () => {
    expect(subjectOf(change("property-removed", "/properties/order/properties/order_number"))).toBe("PaymentSessionResult.order.order_number");
    expect(subjectOf(change("max-length-loosened", "/properties/items/items/maxLength"))).toBe("PaymentSessionResult.items[]");
    expect(subjectOf(change("operation-removed", "/paths/~1pay~1/post", { model: "api" }))).toBe("POST /pay/");
  });

  it("groups the values an enum gained into one line that says what to do, citing each change", () => {
    const before = { models: { "adyen/PaymentResultCode": { type: "string", enum: ["Authorised"] } } };
    const after = { models: { "adyen/PaymentResultCode": { type: "string", enum: ["Authorised", "Received", "Pending"] } } };
    const lines = consumerLines(diffSpecs(before, after).changes);
    expect(lines).toEqual([
      "- **Breaking:** `PaymentResultCode` gained `Received`, `Pending`: exhaustive `switch`es and `Record<…>` tables over it need these cases, and strict validation of older versions rejects them. (`PaymentResultCode#/enum/1` [enum-value-added], `PaymentResultCode#/enum/2` [enum-value-added])",
    ]);
  });

  it("puts breaking lines first and tells additive ones there is nothing to do", () => {
    const before = { models: { "gateway/Thing": objectModel({ a: { type: "string" }, b: { type: "string" } }) } };
    const after = { models: { "gateway/Thing": objectModel({ a: { type: ["string", "null"] }, c: { type: "integer" } }) } };
    const lines = consumerLines(diffSpecs(before, after).changes);
    expect(lines).toEqual([
      "- **Breaking:** `Thing.b` was removed: stop reading it. (`Thing#/properties/b` [property-removed])",
      "- **Breaking:** `Thing.a` may now be `null`: check for null before using it. (`Thing#/properties/a` [nullable-added])",
      "- **Added:** `Thing.c` is new (optional): nothing to do. (`Thing#/properties/c` [property-added])",
    ]);
  });

  it("reads back the changes a text names, in this format and the earlier `- major `M#/p` [rule]` one", () => {
    const text =
      '- **Breaking:** ... (`Thing#/properties/b` [property-removed], `api#/paths/~1pay~1/post` [operation-removed])\n- major `PaymentResultCode#/enum/3` [enum-value-added] `(absent) -> "Refused"`: ...\nnot a citation: `Thing` [x]';
    expect([...changeKeysIn(text)]).toEqual([
      changeKey({ model: "Thing", pointer: "/properties/b", rule: "property-removed" }),
      changeKey({ model: "api", pointer: "/paths/~1pay~1/post", rule: "operation-removed" }),
      changeKey({ model: "PaymentResultCode", pointer: "/enum/3", rule: "enum-value-added" }),
    ]);
  });
});
