// Rule family "properties": the members of an object (declared properties, which ones are
// required, whether undeclared ones may appear). Legacy properties (x-legacy) that come or go
// belong to the legacy family.
import { type JsonValue, escapePointer, isObject } from "../model/schema-walk.js";
import { defineRules } from "./change.js";
import type { NodeRuleFamily } from "./context.js";
import { equalIgnoringDocs } from "./json.js";
import { isLegacyProperty, propertiesOf } from "./legacy-rules.js";

export const PROPERTY_RULES = defineRules({
  removed: { id: "property-removed", bump: "major", summary: "A property was removed: consumers reading it break." },
  renamed: { id: "property-renamed", bump: "major", summary: "A property was renamed (removed, and a property with the same schema added): consumers reading the old name break." },
  added: { id: "property-added", bump: "minor", summary: "A new property (optional, or required: consumers gain a field either way; code that builds the payload itself must add a required one)." },
  madeOptional: { id: "property-made-optional", bump: "major", summary: "A required property became optional: consumers that rely on it being present break." },
  madeRequired: { id: "property-made-required", bump: "minor", summary: "An optional property became required: consumers can rely on it; presence checks keep working." },
  additionalLoosened: {
    id: "additional-properties-loosened",
    bump: "major",
    summary: "The object admits more undeclared properties (additionalProperties false -> a schema -> true/absent): consumers receive members they do not expect.",
  },
  additionalClosed: {
    id: "additional-properties-closed",
    bump: "major",
    summary:
      "The object admitted undeclared properties and now admits none (additionalProperties true/absent/a schema -> false): the generated type loses its index signature, so code that assigns it to its Tolerant* type (or reads undeclared members) no longer compiles.",
  },
  additionalTightened: {
    id: "additional-properties-tightened",
    bump: "minor",
    summary: "The object admits fewer undeclared properties but still some (additionalProperties true/absent -> a schema): consumers only receive a subset of what was possible.",
  },
});

function requiredOf(node: { required?: JsonValue }): Set<string> {
  return new Set(Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === "string") : []);
}

/** How much an additionalProperties value admits: false < a schema < true (or absent). */
function openness(value: JsonValue | undefined): number {
  if (value === false) return 0;
  if (isObject(value)) return 1;
  return 2;
}

export const propertiesFamily: NodeRuleFamily = {
  rules: PROPERTY_RULES,
  keywords: ["properties", "required", "additionalProperties"],
  compare(beforeView, afterView, pointer, ctx) {
    const before = propertiesOf(beforeView.schema);
    const after = propertiesOf(afterView.schema);
    const requiredBefore = requiredOf(beforeView.schema);
    const requiredAfter = requiredOf(afterView.schema);
    const at = (name: string) => `${pointer}/properties/${escapePointer(name)}`;

    const removed = Object.keys(before).filter((n) => !(n in after) && !isLegacyProperty(before[n]));
    const added = Object.keys(after).filter((n) => !(n in before) && !isLegacyProperty(after[n]));
    // A rename: exactly one removed and one added property with the same schema (docs aside).
    const renamedTo = new Map<string, string>();
    for (const old of removed) {
      const candidates = added.filter((n) => equalIgnoringDocs(before[old], after[n]));
      const only = candidates[0];
      if (candidates.length === 1 && only !== undefined && removed.filter((r) => equalIgnoringDocs(before[r], after[only])).length === 1) renamedTo.set(old, only);
    }
    const renamedNew = new Set(renamedTo.values());
    for (const name of removed) {
      const to = renamedTo.get(name);
      if (to !== undefined) ctx.report(PROPERTY_RULES.renamed, at(name), { before: name, after: to, message: `property "${name}" renamed to "${to}": consumers reading "${name}" break` });
      else ctx.report(PROPERTY_RULES.removed, at(name), { before: before[name]!, message: `property "${name}" removed: consumers reading it break` });
    }
    for (const name of added) {
      if (renamedNew.has(name)) continue;
      const required = requiredAfter.has(name);
      ctx.report(PROPERTY_RULES.added, at(name), {
        after: after[name]!,
        message: `new ${required ? "required" : "optional"} property "${name}"`,
        ...(required ? { note: "required: consumers gain a field; code that builds this payload itself (mocks, hand-written fixtures) must add it" } : {}),
      });
    }
    for (const name of Object.keys(before)) {
      if (!(name in after)) continue;
      ctx.compare(before[name], after[name], at(name));
      if (requiredBefore.has(name) && !requiredAfter.has(name))
        ctx.report(PROPERTY_RULES.madeOptional, `${pointer}/required`, { before: name, message: `property "${name}" is no longer required: consumers that rely on it being present break` });
      if (!requiredBefore.has(name) && requiredAfter.has(name)) ctx.report(PROPERTY_RULES.madeRequired, `${pointer}/required`, { after: name, message: `property "${name}" is now required: consumers can rely on it` });
    }

    const was = beforeView.schema.additionalProperties;
    const now = afterView.schema.additionalProperties;
    const additionalAt = `${pointer}/additionalProperties`;
    if (isObject(was) && isObject(now)) ctx.compare(was, now, additionalAt);
    else if (openness(now) > openness(was))
      ctx.report(PROPERTY_RULES.additionalLoosened, additionalAt, {
        ...(was !== undefined ? { before: was } : {}),
        ...(now !== undefined ? { after: now } : {}),
        message: "the object admits more undeclared properties: consumers receive members they do not expect",
      });
    else if (openness(now) < openness(was) && now === false)
      ctx.report(PROPERTY_RULES.additionalClosed, additionalAt, {
        ...(was !== undefined ? { before: was } : {}),
        after: now,
        message: "the object admits no undeclared properties any more: its type loses the index signature, so assigning it to its Tolerant* type or reading undeclared members no longer compiles",
      });
    else if (openness(now) < openness(was))
      ctx.report(PROPERTY_RULES.additionalTightened, additionalAt, { ...(was !== undefined ? { before: was } : {}), ...(now !== undefined ? { after: now } : {}), message: "the object admits fewer undeclared properties" });
  },
};
