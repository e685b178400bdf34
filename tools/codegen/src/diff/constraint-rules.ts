// Rule family "constraints": limits on a value (length and range bounds, pattern, format).
// A looser or removed constraint lets through values consumers were promised they would never
// see (a longer string than their column holds, a format they parse): breaking. A tighter or new
// one only removes values: additive, though validators now reject payloads they accepted.
import type { JsonValue } from "../model/schema-walk.js";
import { type RuleDefinition, defineRules } from "./change.js";
import type { NodeRuleFamily } from "./context.js";
import { comparePatterns } from "./pattern-languages.js";

interface Bound {
  readonly keyword: string;
  /** An upper bound is loosened by raising it; a lower bound by lowering it. Both by removing it. */
  readonly upper: boolean;
  readonly what: string;
  readonly loosened: RuleDefinition;
  readonly tightened: RuleDefinition;
}

function bound(keyword: string, id: string, upper: boolean, what: string): Bound {
  return {
    keyword,
    upper,
    what,
    loosened: { id: `${id}-loosened`, bump: "major", summary: `${keyword} ${upper ? "raised" : "lowered"} or removed: consumers receive ${what} they were promised they would not.` },
    tightened: { id: `${id}-tightened`, bump: "minor", summary: `${keyword} ${upper ? "lowered" : "raised"} or added: consumers only receive a subset of what was possible; validators reject payloads they accepted before.` },
  };
}

export const BOUNDS: readonly Bound[] = [
  bound("maxLength", "max-length", true, "longer strings"),
  bound("minLength", "min-length", false, "shorter strings"),
  bound("maximum", "maximum", true, "larger numbers"),
  bound("exclusiveMaximum", "exclusive-maximum", true, "larger numbers"),
  bound("minimum", "minimum", false, "smaller numbers"),
  bound("exclusiveMinimum", "exclusive-minimum", false, "smaller numbers"),
  bound("maxItems", "max-items", true, "longer arrays"),
  bound("minItems", "min-items", false, "shorter arrays"),
  bound("maxProperties", "max-properties", true, "objects with more properties"),
  bound("minProperties", "min-properties", false, "objects with fewer properties"),
];

export const CONSTRAINT_RULES = defineRules({
  ...Object.fromEntries(
    BOUNDS.flatMap((b) => [
      [b.loosened.id, b.loosened],
      [b.tightened.id, b.tightened],
    ]),
  ),
  patternAdded: { id: "pattern-added", bump: "minor", summary: "A pattern was added: consumers only receive strings that match it." },
  patternRemoved: { id: "pattern-removed", bump: "major", summary: "A pattern was removed: consumers receive strings of any shape." },
  patternNarrowed: { id: "pattern-narrowed", bump: "minor", summary: "The pattern changed and provably accepts only strings the old one accepted (compared as finite automata)." },
  patternRewritten: { id: "pattern-rewritten", bump: "patch", summary: "The pattern was rewritten and provably accepts exactly the same strings." },
  patternWidened: { id: "pattern-widened", bump: "major", summary: "The pattern changed and provably accepts strings the old one rejected (the report shows one)." },
  patternChanged: { id: "pattern-changed", bump: "major", summary: "The pattern changed and cannot be proved narrower (e.g. lookarounds that cannot be compared exactly): counted as breaking." },
  formatAdded: { id: "format-added", bump: "minor", summary: "A format was added: consumers only receive strings of that format." },
  formatRemoved: { id: "format-removed", bump: "major", summary: "A format was removed: consumers that parse the value (a date-time, a URI) receive strings they cannot parse." },
  formatChanged: { id: "format-changed", bump: "major", summary: "The format changed: consumers parse the value as the old format." },
});

const isNumber = (v: JsonValue | undefined): v is number => typeof v === "number";

export const constraintsFamily: NodeRuleFamily = {
  rules: CONSTRAINT_RULES,
  keywords: [...BOUNDS.map((b) => b.keyword), "pattern", "format"],
  compare(beforeView, afterView, pointer, ctx) {
    const before = beforeView.schema;
    const after = afterView.schema;
    for (const b of BOUNDS) {
      const was = before[b.keyword];
      const now = after[b.keyword];
      if (was === now || (!isNumber(was) && !isNumber(now))) continue;
      const at = `${pointer}/${b.keyword}`;
      const detail = { ...(isNumber(was) ? { before: was } : {}), ...(isNumber(now) ? { after: now } : {}) };
      const loosened = !isNumber(now) || (isNumber(was) && (b.upper ? now > was : now < was));
      if (loosened) ctx.report(b.loosened, at, { ...detail, message: `${b.keyword} ${isNumber(now) ? `${b.upper ? "raised" : "lowered"} from ${was} to ${now}` : `${was} removed`}: consumers receive ${b.what} than before` });
      else ctx.report(b.tightened, at, { ...detail, message: `${b.keyword} ${isNumber(was) ? `${b.upper ? "lowered" : "raised"} from ${was} to ${now}` : `${now} added`}: validators reject payloads they accepted before` });
    }

    const wasPattern = typeof before.pattern === "string" ? before.pattern : undefined;
    const nowPattern = typeof after.pattern === "string" ? after.pattern : undefined;
    const at = `${pointer}/pattern`;
    if (wasPattern !== undefined && nowPattern === undefined) ctx.report(CONSTRAINT_RULES.patternRemoved, at, { before: wasPattern, message: "pattern removed: consumers receive strings of any shape" });
    else if (wasPattern === undefined && nowPattern !== undefined) ctx.report(CONSTRAINT_RULES.patternAdded, at, { after: nowPattern, message: "pattern added: validators reject strings that do not match it" });
    else if (wasPattern !== undefined && nowPattern !== undefined && wasPattern !== nowPattern) {
      const relation = comparePatterns(wasPattern, nowPattern);
      const detail = { before: wasPattern, after: nowPattern };
      if (relation.kind === "equal") ctx.report(CONSTRAINT_RULES.patternRewritten, at, { ...detail, message: "pattern rewritten; it provably accepts exactly the same strings" });
      else if (relation.kind === "narrower") ctx.report(CONSTRAINT_RULES.patternNarrowed, at, { ...detail, message: "pattern narrowed: it provably accepts only strings the old pattern accepted" });
      else if (relation.kind === "wider")
        ctx.report(CONSTRAINT_RULES.patternWidened, at, {
          ...detail,
          message: `pattern widened: it accepts strings the old pattern rejected${relation.example !== undefined ? `, e.g. ${JSON.stringify(relation.example)}` : ""}`,
        });
      else ctx.report(CONSTRAINT_RULES.patternChanged, at, { ...detail, message: `pattern changed and cannot be proved narrower (${relation.reason}): counted as breaking` });
    }

    const wasFormat = typeof before.format === "string" ? before.format : undefined;
    const nowFormat = typeof after.format === "string" ? after.format : undefined;
    const formatAt = `${pointer}/format`;
    if (wasFormat !== undefined && nowFormat === undefined)
      ctx.report(CONSTRAINT_RULES.formatRemoved, formatAt, { before: wasFormat, message: `format "${wasFormat}" removed: consumers that parse the value receive strings they cannot parse` });
    else if (wasFormat === undefined && nowFormat !== undefined) ctx.report(CONSTRAINT_RULES.formatAdded, formatAt, { after: nowFormat, message: `format "${nowFormat}" added: validators reject values not in that format` });
    else if (wasFormat !== nowFormat)
      ctx.report(CONSTRAINT_RULES.formatChanged, formatAt, { before: wasFormat!, after: nowFormat!, message: `format changed from "${wasFormat}" to "${nowFormat}": consumers parse the value as the old format` });
  },
};
