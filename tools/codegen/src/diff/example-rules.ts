// Rule family "examples": the realistic payloads each schema carries. The fixtures and docs
// packages are generated from them, so a new example is a new published fixture (minor) and a
// removed one takes a fixture away (major); editing one is a patch.
import { defineRules } from "./change.js";
import type { NodeRuleFamily } from "./context.js";
import { matchLists } from "./json.js";

export const EXAMPLE_RULES = defineRules({
  added: { id: "example-added", bump: "minor", summary: "A new example: a new fixture and docs sample for consumers." },
  removed: { id: "example-removed", bump: "major", summary: "An example was removed: the fixture generated from it disappears for consumers that use it." },
  changed: { id: "example-changed", bump: "patch", summary: "An example was edited: the fixture keeps its place, only its sample values change." },
});

export const examplesFamily: NodeRuleFamily = {
  rules: EXAMPLE_RULES,
  keywords: ["examples"],
  compare(beforeView, afterView, pointer, ctx) {
    const was = Array.isArray(beforeView.schema.examples) ? beforeView.schema.examples : [];
    const now = Array.isArray(afterView.schema.examples) ? afterView.schema.examples : [];
    const match = matchLists(was, now);
    for (const { item, index } of match.added) ctx.report(EXAMPLE_RULES.added, `${pointer}/examples/${index}`, { after: item, message: `example ${index} added` });
    for (const { item, index } of match.removed) ctx.report(EXAMPLE_RULES.removed, `${pointer}/examples/${index}`, { before: item, message: `example ${index} removed: the fixture generated from it disappears` });
    for (const c of match.changed) ctx.report(EXAMPLE_RULES.changed, `${pointer}/examples/${c.afterIndex}`, { before: c.before, after: c.after, message: `example ${c.beforeIndex} changed` });
  },
};
