// Rule family "enums": the closed set of values a node admits (`enum`, or `const` as a set of one),
// and whether the provider may extend it (x-provider-extensible, which tolerant mode honours).
import { PROVIDER_EXTENSIBLE } from "../model/keywords.js";
import type { JsonObject, JsonValue } from "../model/schema-walk.js";
import { defineRules } from "./change.js";
import type { NodeRuleFamily } from "./context.js";
import { canonicalJson, renderValue } from "./json.js";

export const ENUM_RULES = defineRules({
  valueAdded: {
    id: "enum-value-added",
    bump: "major",
    summary:
      "An enum value was added: exhaustive consumers (a switch over every value, a lookup table per value, strict validation) break. For an x-provider-extensible enum the report notes that tolerant mode already absorbs unknown values.",
  },
  valueRemoved: { id: "enum-value-removed", bump: "major", summary: "An enum value was removed: consumer code that names it no longer type-checks, and the exported value list shrinks." },
  enumRemoved: { id: "enum-removed", bump: "major", summary: "A closed set of values (enum or const) became an open value: consumers receive values outside the old set." },
  enumAdded: { id: "enum-added", bump: "minor", summary: "An open value was restricted to a closed set (enum or const): every value consumers can now receive was possible before." },
  extensibleAdded: { id: "provider-extensible-added", bump: "major", summary: "An enum became x-provider-extensible: tolerant consumers may now receive values outside the enum." },
  extensibleRemoved: { id: "provider-extensible-removed", bump: "minor", summary: "An enum is no longer x-provider-extensible: tolerant validation stops accepting unknown values; the set consumers receive only shrinks." },
});

function enumValues(node: JsonObject): readonly JsonValue[] | undefined {
  if (Array.isArray(node.enum)) return node.enum;
  if ("const" in node) return [node.const!];
  return undefined;
}

const keyword = (node: JsonObject): string => (Array.isArray(node.enum) ? "enum" : "const");

export const enumsFamily: NodeRuleFamily = {
  rules: ENUM_RULES,
  keywords: ["enum", "const", PROVIDER_EXTENSIBLE],
  compare(beforeView, afterView, pointer, ctx) {
    const before = beforeView.schema;
    const after = afterView.schema;
    const was = enumValues(before);
    const now = enumValues(after);
    const extensible = after[PROVIDER_EXTENSIBLE] === true;
    if (was && !now) {
      ctx.report(ENUM_RULES.enumRemoved, `${pointer}/${keyword(before)}`, { before: [...was], message: "the closed set of values was removed: consumers receive values outside it" });
    } else if (!was && now) {
      ctx.report(ENUM_RULES.enumAdded, `${pointer}/${keyword(after)}`, { after: [...now], message: `values restricted to ${renderValue([...now])}: nothing new for consumers` });
    } else if (was && now) {
      const wasKeys = new Set(was.map(canonicalJson));
      const nowKeys = new Set(now.map(canonicalJson));
      now.forEach((value, i) => {
        if (wasKeys.has(canonicalJson(value))) return;
        const at = keyword(after) === "enum" ? `${pointer}/enum/${i}` : `${pointer}/const`;
        const note = extensible
          ? `tolerant mode absorbs it: the enum is ${PROVIDER_EXTENSIBLE}, so tolerant validators and Tolerant* types already accept unknown values; strict validation and exhaustive switches still break`
          : `the enum is not ${PROVIDER_EXTENSIBLE}: tolerant mode rejects it too`;
        ctx.report(ENUM_RULES.valueAdded, at, { after: value, message: `enum value ${renderValue(value)} added: exhaustive consumers (a switch over every value, strict validation) break`, note });
      });
      was.forEach((value, i) => {
        if (nowKeys.has(canonicalJson(value))) return;
        const at = keyword(before) === "enum" ? `${pointer}/enum/${i}` : `${pointer}/const`;
        ctx.report(ENUM_RULES.valueRemoved, at, { before: value, message: `enum value ${renderValue(value)} removed: consumer code that names it no longer type-checks` });
      });
    }
    const wasExtensible = before[PROVIDER_EXTENSIBLE] === true;
    if (!wasExtensible && extensible)
      ctx.report(ENUM_RULES.extensibleAdded, `${pointer}/${PROVIDER_EXTENSIBLE}`, {
        before: before[PROVIDER_EXTENSIBLE] ?? false,
        after: true,
        message: "the provider may now add values: tolerant consumers receive values outside the enum",
      });
    if (wasExtensible && !extensible)
      ctx.report(ENUM_RULES.extensibleRemoved, `${pointer}/${PROVIDER_EXTENSIBLE}`, { before: true, after: after[PROVIDER_EXTENSIBLE] ?? false, message: "tolerant validation stops accepting unknown values of this enum" });
  },
};
