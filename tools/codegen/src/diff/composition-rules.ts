// Rule family "composition": allOf / anyOf / oneOf / not / if-then-else (the cross-field rules).
// A new allOf branch can only narrow what is valid and a removed one can only widen it; any other
// change inside these keywords may go either way and is left unclassified (counted as breaking).
import type { JsonValue } from "../model/schema-walk.js";
import { defineRules } from "./change.js";
import type { NodeRuleFamily } from "./context.js";
import { matchLists } from "./json.js";
import { reportUnclassified } from "./unclassified-rules.js";

export const COMPOSITION_RULES = defineRules({
  allOfAdded: { id: "all-of-added", bump: "minor", summary: "A new allOf branch (e.g. a cross-field rule): it can only narrow what consumers receive." },
  allOfRemoved: { id: "all-of-removed", bump: "major", summary: "An allOf branch was removed (e.g. a cross-field rule): consumers receive combinations it used to exclude." },
});

const OTHER_KEYWORDS = ["anyOf", "oneOf", "not", "if", "then", "else"];

export const compositionFamily: NodeRuleFamily = {
  rules: COMPOSITION_RULES,
  keywords: ["allOf", ...OTHER_KEYWORDS],
  compare(beforeView, afterView, pointer, ctx) {
    const list = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);
    const match = matchLists(list(beforeView.schema.allOf), list(afterView.schema.allOf));
    for (const { item, index } of match.added) ctx.report(COMPOSITION_RULES.allOfAdded, `${pointer}/allOf/${index}`, { after: item, message: "new allOf branch: it can only narrow what consumers receive" });
    for (const { item, index } of match.removed) ctx.report(COMPOSITION_RULES.allOfRemoved, `${pointer}/allOf/${index}`, { before: item, message: "allOf branch removed: consumers receive combinations it used to exclude" });
    for (const c of match.changed) reportUnclassified(ctx, `${pointer}/allOf/${c.afterIndex}`, "allOf", c.before, c.after);
    for (const keyword of OTHER_KEYWORDS) reportUnclassified(ctx, `${pointer}/${keyword}`, keyword, beforeView.schema[keyword], afterView.schema[keyword]);
  },
};
