// Every rule a schema set must pass before codegen emits anything, by id: the only ids a
// SchemaError can carry (so every message's `[rule-id]` is one of these) and the table the
// README's "Schema rules" section is checked against (test/schema-rules.test.ts).
export const SCHEMA_RULES = {
  read: "the file is readable",
  json: "the file is valid JSON, a JSON object at the top level (errors give line and column)",
  "meta-schema": "the schema is valid JSON Schema 2020-12",
  dialect: "`$schema` is the 2020-12 dialect",
  "id-matches-path": "`$id` is the base URL plus the file's path under `schemas/`",
  "title-matches-file": "`title` is the type name, equal to the file name",
  "type-name": "the type name is PascalCase",
  "name-clash": "no two schemas yield the same type name",
  "model-kind": "a model is an object or an enum",
  description: "the model has a description",
  "property-description": "every property has a description",
  examples: "the model has examples",
  "example-valid": "each example validates in strict mode",
  "unknown-keyword": "only 2020-12 keywords and our three annotations",
  "invalid-pattern": "every `pattern` compiles as an ECMAScript regular expression with the `u` flag",
  redos: "no `pattern` is vulnerable to catastrophic backtracking (checked with recheck)",
  "unresolved-ref": "every `$ref` names another schema file",
  "ref-cycle": "no model refers back to itself",
  "legacy-placement": "`x-legacy` sits on a top-level property",
  "legacy-replacement": "`x-legacy`'s `replacedBy` names a property path of the model",
  "enum-annotation": "enum annotations sit on enums",
  "enum-descriptions": "`x-enum-descriptions` describes exactly the enum's values",
  "ajv-strict": "anything else Ajv's strict mode rejects",
  "inexact-integer": "every integer literal is one JavaScript holds exactly (published JSON keeps its exact digits)",
  "inherited-name": "no property name is one every JavaScript object inherits (`constructor`, `toString`, `__proto__`...)",
  "definition-name": "a `$defs` entry a `$ref` names is a type named by its `title` (PascalCase), else by its model's name and its key: an identifier no model, `Tolerant*` type, other entry or discriminated-union type uses",
  "embedded-id": "no subschema has an `$id` of its own (a separate schema resource belongs in its own file)",
  fixtures: "the fixtures generator can build valid values of every model from the keywords it uses",
  // A note, never a refusal: codegen prints it and goes on (tools/codegen/src/model/union-variants.ts).
  union: "an if/then/else rule the discriminated-union types cannot express leaves the type one interface",
} as const satisfies Readonly<Record<string, string>>;

export type SchemaRuleId = keyof typeof SCHEMA_RULES;
