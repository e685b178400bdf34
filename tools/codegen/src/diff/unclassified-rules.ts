// Rule family "unclassified": a change to a keyword no rule understands. schema:diff cannot prove
// it harmless, so it counts as breaking; a change to documentation inside it is still a patch.
import type { JsonValue } from "../model/schema-walk.js";
import { defineRules } from "./change.js";
import type { CompareContext } from "./context.js";
import { DOC_RULES } from "./doc-rules.js";
import { deepEqual, equalIgnoringDocs } from "./json.js";

export const UNCLASSIFIED_RULES = defineRules({
  changed: { id: "unclassified-change", bump: "major", summary: "A keyword changed that no rule can classify (e.g. a cross-field if/then/else rule): it cannot be proved compatible, so it counts as breaking." },
});

/** Reports a change to `keyword` at `pointer` that no specific rule covers. */
export function reportUnclassified(ctx: CompareContext, pointer: string, keyword: string, before: JsonValue | undefined, after: JsonValue | undefined, docKeywords?: ReadonlySet<string>): void {
  if (deepEqual(before, after)) return;
  const detail = { ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) };
  if (before !== undefined && after !== undefined && equalIgnoringDocs(before, after, docKeywords)) {
    ctx.report(DOC_RULES.descriptionChanged, pointer, { ...detail, message: `documentation inside ${keyword} changed` });
  } else {
    ctx.report(UNCLASSIFIED_RULES.changed, pointer, {
      ...detail,
      message: `${keyword} ${before === undefined ? "added" : after === undefined ? "removed" : "changed"}; no rule can prove the change compatible, so it counts as breaking`,
    });
  }
}
