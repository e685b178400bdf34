// Rule family "docs": keywords that only document a node. Changing them changes no payload, so it
// is a patch, except a new deprecation, which semver counts as minor.
import { ENUM_DESCRIPTIONS } from "../model/keywords.js";
import { type JsonObject, escapePointer, isObject } from "../model/schema-walk.js";
import { defineRules } from "./change.js";
import type { NodeRuleFamily } from "./context.js";
import { deepEqual } from "./json.js";

export const DOC_RULES = defineRules({
  descriptionChanged: { id: "description-changed", bump: "patch", summary: "A description, title, $comment or default changed: documentation only." },
  enumDescriptionChanged: { id: "enum-description-changed", bump: "patch", summary: "The description of an enum value (x-enum-descriptions) changed: documentation only." },
  deprecatedAdded: { id: "deprecated-added", bump: "minor", summary: "A node was marked deprecated: still sent; semver counts a deprecation as minor." },
  deprecatedRemoved: { id: "deprecated-removed", bump: "patch", summary: "A deprecation was withdrawn: documentation only." },
});

const TEXT_KEYWORDS = ["description", "title", "$comment", "default"];

function descriptionsOf(node: JsonObject): JsonObject {
  return isObject(node[ENUM_DESCRIPTIONS]) ? node[ENUM_DESCRIPTIONS] : {};
}

export const docsFamily: NodeRuleFamily = {
  rules: DOC_RULES,
  keywords: [...TEXT_KEYWORDS, ENUM_DESCRIPTIONS, "deprecated"],
  compare(beforeView, afterView, pointer, ctx) {
    const before = beforeView.schema;
    const after = afterView.schema;
    for (const keyword of TEXT_KEYWORDS) {
      if (deepEqual(before[keyword], after[keyword])) continue;
      ctx.report(DOC_RULES.descriptionChanged, `${pointer}/${keyword}`, {
        ...(keyword in before ? { before: before[keyword]! } : {}),
        ...(keyword in after ? { after: after[keyword]! } : {}),
        message: `${keyword} ${!(keyword in before) ? "added" : !(keyword in after) ? "removed" : "changed"}`,
      });
    }
    // Descriptions of values that come or go are part of the enum-value change itself.
    const was = descriptionsOf(before);
    const now = descriptionsOf(after);
    for (const value of Object.keys(was)) {
      if (!(value in now) || deepEqual(was[value], now[value])) continue;
      ctx.report(DOC_RULES.enumDescriptionChanged, `${pointer}/${ENUM_DESCRIPTIONS}/${escapePointer(value)}`, { before: was[value]!, after: now[value]!, message: `description of enum value "${value}" changed` });
    }
    if (before.deprecated !== true && after.deprecated === true) ctx.report(DOC_RULES.deprecatedAdded, `${pointer}/deprecated`, { after: true, message: "marked deprecated: still sent" });
    if (before.deprecated === true && after.deprecated !== true) ctx.report(DOC_RULES.deprecatedRemoved, `${pointer}/deprecated`, { before: true, message: "no longer deprecated" });
  },
};
