// Every rule schema:diff knows, by family: the table the README and the tests are checked against.
import type { RuleDefinition } from "./change.js";
import { COMPOSITION_RULES } from "./composition-rules.js";
import { CONSTRAINT_RULES } from "./constraint-rules.js";
import { DOC_RULES } from "./doc-rules.js";
import { ENUM_RULES } from "./enum-rules.js";
import { EXAMPLE_RULES } from "./example-rules.js";
import { LEGACY_RULES } from "./legacy-rules.js";
import { MODEL_RULES } from "./model-rules.js";
import { OPERATION_RULES } from "./operation-rules.js";
import { PROPERTY_RULES } from "./property-rules.js";
import { TYPE_RULES } from "./type-rules.js";
import { UNCLASSIFIED_RULES } from "./unclassified-rules.js";

export const RULE_FAMILIES: Readonly<Record<string, Readonly<Record<string, RuleDefinition>>>> = {
  models: MODEL_RULES,
  types: TYPE_RULES,
  enums: ENUM_RULES,
  constraints: CONSTRAINT_RULES,
  properties: PROPERTY_RULES,
  legacy: LEGACY_RULES,
  docs: DOC_RULES,
  examples: EXAMPLE_RULES,
  composition: COMPOSITION_RULES,
  operations: OPERATION_RULES,
  unclassified: UNCLASSIFIED_RULES,
};

export const ALL_RULES: readonly RuleDefinition[] = Object.values(RULE_FAMILIES).flatMap((family) => Object.values(family));

const byId = new Map<string, RuleDefinition>();
for (const rule of ALL_RULES) {
  if (byId.has(rule.id)) throw new Error(`schema:diff rule id "${rule.id}" is defined twice`);
  byId.set(rule.id, rule);
}

export function ruleById(id: string): RuleDefinition | undefined {
  return byId.get(id);
}
