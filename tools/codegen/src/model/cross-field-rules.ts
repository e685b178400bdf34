// cross-field rules: the if/then/else entries of a model's top-level allOf, each with its condition in
// words ("status is awaiting_verification"), read from the `if` schema. The validators append it to
// the issues of the rule's branches ("must be null unless status is awaiting_verification"); the docs
// list each rule by its description.
import type { Model } from "./schema-set.js";
import { type JsonObject, type JsonValue, isObject } from "./schema-walk.js";

export interface CrossFieldRule {
  /** The rule's schema path, as Ajv's errors start it: "#/allOf/0". */
  readonly schemaPath: string;
  /** The schema's description of the rule, if it has one. */
  readonly description: string | undefined;
  /** The `if` condition in words, or undefined when it is more than const/enum tests of required properties. */
  readonly condition: string | undefined;
}

function valueText(value: JsonValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** "status is declined or failed" for `{properties: {status: {enum: [...]}}, required: ["status"]}`;
 *  undefined for any other shape, which the caller then names by its description. */
function conditionText(condition: JsonValue | undefined): string | undefined {
  if (!isObject(condition) || !isObject(condition.properties)) return undefined;
  const { properties, required, ...rest } = condition;
  if (Object.keys(rest).length > 0) return undefined;
  const names = Object.keys(properties);
  // Without `required`, an absent property satisfies the condition too: not what "x is v" says.
  if (names.length === 0 || !Array.isArray(required) || !names.every((n) => required.includes(n))) return undefined;
  const parts: string[] = [];
  for (const name of names) {
    const test = properties[name] as JsonObject;
    const keys = Object.keys(test);
    if (keys.length === 1 && "const" in test) parts.push(`${name} is ${valueText(test.const!)}`);
    else if (keys.length === 1 && Array.isArray(test.enum) && test.enum.length > 0) parts.push(`${name} is ${test.enum.map(valueText).join(" or ")}`);
    else return undefined;
  }
  return parts.join(" and ");
}

/** The model's cross-field rules, in schema order. */
export function crossFieldRules(model: Model): CrossFieldRule[] {
  const allOf = Array.isArray(model.schema.allOf) ? model.schema.allOf : [];
  const rules: CrossFieldRule[] = [];
  allOf.forEach((entry, index) => {
    if (!isObject(entry) || !("if" in entry)) return;
    rules.push({
      schemaPath: `#/allOf/${index}`,
      description: typeof entry.description === "string" ? entry.description : undefined,
      condition: conditionText(entry.if),
    });
  });
  return rules;
}

/** What the validators need of a model's rules, by schema path: the condition in words, or, when
 *  the condition has no words, the rule's description (or its schema path) to name it by. */
export function ruleMessages(model: Model): Record<string, { readonly if: string } | { readonly rule: string }> {
  const table: Record<string, { readonly if: string } | { readonly rule: string }> = {};
  for (const rule of crossFieldRules(model)) {
    table[rule.schemaPath] = rule.condition !== undefined ? { if: rule.condition } : { rule: rule.description?.replace(/\.$/, "") ?? rule.schemaPath };
  }
  return table;
}
