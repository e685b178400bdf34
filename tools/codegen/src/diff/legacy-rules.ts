// Rule family "legacy": legacy flat fields kept for old clients (x-legacy). Dropping one breaks
// exactly the old clients it was kept for; adding one, or marking a field legacy (a deprecation,
// which semver counts as minor), changes nothing a consumer already reads.
import { LEGACY } from "../model/keywords.js";
import { type JsonObject, type JsonValue, escapePointer, isObject } from "../model/schema-walk.js";
import { defineRules } from "./change.js";
import type { NodeRuleFamily } from "./context.js";

export const LEGACY_RULES = defineRules({
  dropped: { id: "legacy-field-dropped", bump: "major", summary: "A legacy field (x-legacy) was removed: the old clients it was kept for break." },
  aliasAdded: { id: "legacy-alias-added", bump: "minor", summary: "A new legacy alias (a property with x-legacy) was added: old clients get a field back, nothing breaks." },
  marked: { id: "legacy-marked", bump: "minor", summary: "An existing property was marked x-legacy: a deprecation; it is still sent." },
  unmarked: { id: "legacy-unmarked", bump: "minor", summary: "A property lost its x-legacy mark: it is canonical again; adapters stop deriving it from its replacement." },
  replacementChanged: { id: "legacy-replacement-changed", bump: "minor", summary: "A legacy field's replacedBy changed: adapters derive it from another canonical field." },
});

export function isLegacyProperty(schema: JsonValue | undefined): boolean {
  return isObject(schema) && isObject(schema[LEGACY]);
}

export function propertiesOf(node: JsonObject): JsonObject {
  return isObject(node.properties) ? node.properties : {};
}

function replacedBy(schema: JsonValue | undefined): JsonValue | undefined {
  return isObject(schema) && isObject(schema[LEGACY]) ? schema[LEGACY].replacedBy : undefined;
}

export const legacyFamily: NodeRuleFamily = {
  rules: LEGACY_RULES,
  keywords: [LEGACY],
  compare(beforeView, afterView, pointer, ctx) {
    const before = propertiesOf(beforeView.schema);
    const after = propertiesOf(afterView.schema);
    for (const [name, schema] of Object.entries(before)) {
      if (name in after || !isLegacyProperty(schema)) continue;
      ctx.report(LEGACY_RULES.dropped, `${pointer}/properties/${escapePointer(name)}`, { before: schema, message: `legacy field "${name}" dropped: the old clients it was kept for break` });
    }
    for (const [name, schema] of Object.entries(after)) {
      if (name in before || !isLegacyProperty(schema)) continue;
      const target = replacedBy(schema);
      ctx.report(LEGACY_RULES.aliasAdded, `${pointer}/properties/${escapePointer(name)}`, {
        after: schema,
        message: `legacy alias "${name}" added${typeof target === "string" ? ` (replaced by ${target})` : ""}: old clients get the field back`,
      });
    }

    const was = beforeView.schema[LEGACY];
    const now = afterView.schema[LEGACY];
    const at = `${pointer}/${LEGACY}`;
    if (isObject(was) && !isObject(now)) ctx.report(LEGACY_RULES.unmarked, at, { before: was, message: "no longer a legacy field: adapters stop deriving it from its replacement" });
    else if (!isObject(was) && isObject(now))
      ctx.report(LEGACY_RULES.marked, at, { after: now, message: `marked legacy${typeof now.replacedBy === "string" ? ` (replaced by ${now.replacedBy})` : ""}: still sent, now deprecated` });
    else if (isObject(was) && isObject(now) && was.replacedBy !== now.replacedBy)
      ctx.report(LEGACY_RULES.replacementChanged, `${at}/replacedBy`, { before: was.replacedBy ?? null, after: now.replacedBy ?? null, message: "the canonical field this legacy field mirrors changed" });
  },
};
