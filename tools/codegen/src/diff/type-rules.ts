// Rule family "types": what kinds of value a node admits, and whether null is one of them.
// From a response consumer's side, admitting more (a wider type, null) breaks code written for
// the old set; admitting less only removes cases the consumer already handles.
import { type JsonObject, type JsonValue, isObject } from "../model/schema-walk.js";
import { defineRules } from "./change.js";
import type { NodeRuleFamily, NodeView } from "./context.js";

export const TYPE_RULES = defineRules({
  changed: { id: "type-changed", bump: "major", summary: "The node's type changed to one that neither contains nor is contained in the old one (or a $ref now names another model): consumers read values of the wrong type." },
  widened: { id: "type-widened", bump: "major", summary: "The node admits more types than before (e.g. integer -> number, string -> string | integer): consumers written for the old type receive values they do not handle." },
  narrowed: { id: "type-narrowed", bump: "minor", summary: "The node admits fewer types than before: every value a consumer can now receive was already possible." },
  nullableAdded: { id: "nullable-added", bump: "major", summary: "The value may now be null: consumers that read it without a null check break." },
  nullableRemoved: { id: "nullable-removed", bump: "minor", summary: "The value is never null any more: null checks become dead code, nothing breaks." },
});

const MODEL_PREFIX = "model:";

/** Resolves a `$ref` to the model name it names, on the after side's naming. */
export type RefNamer = (ref: string) => string | undefined;

function isNullBranch(branch: JsonValue): boolean {
  return isObject(branch) && branch.type === "null" && Object.keys(branch).every((k) => k === "type" || k === "description");
}

function isTypeOnlyBranch(branch: JsonValue): boolean {
  return isObject(branch) && Object.keys(branch).every((k) => k === "type" || k === "$ref" || k === "description");
}

export function jsonTypeOf(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value; // string, boolean, object
}

function ownTypes(node: JsonObject, refName: RefNamer): Set<string> {
  const types = new Set<string>();
  if (typeof node.type === "string") types.add(node.type);
  else if (Array.isArray(node.type)) for (const t of node.type) if (typeof t === "string") types.add(t);
  if (typeof node.$ref === "string") types.add(MODEL_PREFIX + (refName(node.$ref) ?? node.$ref));
  if (types.size === 0) {
    const values = Array.isArray(node.enum) ? node.enum : "const" in node ? [node.const!] : undefined;
    if (values) for (const v of values) types.add(jsonTypeOf(v));
    else types.add("any");
  }
  return types;
}

/** The node as the rules see it: `anyOf: [X, {type: "null"}]` becomes X plus null, and an anyOf of
 *  plain types or $refs becomes their union. Other anyOf forms are left to the composition family. */
export function viewOf(node: JsonObject, refName: RefNamer): NodeView {
  let schema = node;
  let types: Set<string> | undefined;
  let foldedNull = false;
  const anyOf = node.anyOf;
  if (Array.isArray(anyOf) && anyOf.length > 0) {
    const nonNull = anyOf.filter((b) => !isNullBranch(b));
    const { anyOf: _folded, ...rest } = node;
    if (nonNull.length === 1 && isObject(nonNull[0])) {
      schema = { ...nonNull[0], ...rest }; // the outer description wins over the branch's
      foldedNull = nonNull.length < anyOf.length;
    } else if (nonNull.every(isTypeOnlyBranch)) {
      schema = rest;
      foldedNull = nonNull.length < anyOf.length;
      types = new Set(nonNull.flatMap((b) => [...ownTypes(b as JsonObject, refName)]));
    }
  }
  types ??= ownTypes(schema, refName);
  const nullable = foldedNull || types.delete("null");
  return { schema, types, nullable };
}

function covers(types: ReadonlySet<string>, type: string): boolean {
  return types.has("any") || types.has(type) || (type === "integer" && types.has("number"));
}

function coversAll(outer: ReadonlySet<string>, inner: ReadonlySet<string>): boolean {
  return [...inner].every((t) => covers(outer, t));
}

/** True when the types are unrelated (neither side contains the other): the node is a different
 *  thing now, and comparing its other keywords would only add noise. */
export function isTypeChange(before: NodeView, after: NodeView): boolean {
  return !coversAll(after.types, before.types) && !coversAll(before.types, after.types);
}

export function renderTypes(view: NodeView): string {
  const names = [...view.types].map((t) => (t.startsWith(MODEL_PREFIX) ? t.slice(MODEL_PREFIX.length) : t)).sort();
  if (view.nullable) names.push("null");
  return names.length > 0 ? names.join(" | ") : "never";
}

export const typesFamily: NodeRuleFamily = {
  rules: TYPE_RULES,
  keywords: ["type", "$ref"],
  compare(before, after, pointer, ctx) {
    const nonNull = (view: NodeView): NodeView => ({ ...view, nullable: false });
    const was = renderTypes(nonNull(before));
    const now = renderTypes(nonNull(after));
    if (was !== now) {
      const widened = coversAll(after.types, before.types);
      const narrowed = coversAll(before.types, after.types);
      if (widened && !narrowed) ctx.report(TYPE_RULES.widened, pointer, { before: was, after: now, message: `type widened from ${was} to ${now}: consumers written for ${was} receive values they do not handle` });
      else if (narrowed && !widened) ctx.report(TYPE_RULES.narrowed, pointer, { before: was, after: now, message: `type narrowed from ${was} to ${now}: every value consumers can receive was possible before` });
      else if (!widened && !narrowed) ctx.report(TYPE_RULES.changed, pointer, { before: was, after: now, message: `type changed from ${was} to ${now}: consumers read values of the wrong type` });
    }
    if (!before.nullable && after.nullable)
      ctx.report(TYPE_RULES.nullableAdded, pointer, { before: renderTypes(before), after: renderTypes(after), message: "the value may now be null: consumers reading it without a null check break" });
    if (before.nullable && !after.nullable)
      ctx.report(TYPE_RULES.nullableRemoved, pointer, { before: renderTypes(before), after: renderTypes(after), message: "the value is never null any more: existing null checks keep working" });
  },
};
