// One before/after schema set pair per schema:diff rule (several for some), with the rule ids the
// diff must report, exactly. rules.test.ts runs them all and checks every rule has one.
import type { JsonObject } from "../../src/model/schema-walk.js";
import { BOUNDS } from "../../src/diff/constraint-rules.js";
import { EMPTY_API, type SetSpec, objectModel } from "./schema-sets.js";

export interface RuleFixture {
  readonly name: string;
  readonly before: SetSpec;
  readonly after: SetSpec;
  /** Every rule id the diff reports, in report order. */
  readonly rules: readonly string[];
  /** Fragments the first change's message or note must contain. */
  readonly mentions?: readonly string[];
  /** The JSON Pointer of the first change. */
  readonly pointer?: string;
}

const THING = "gateway/Thing";
const string: JsonObject = { type: "string" };

/** Models a `value` may refer to; the same on both sides of every value fixture. */
const SUPPORT_MODELS: Readonly<Record<string, JsonObject>> = {
  "gateway/Code": { type: "string", enum: ["A"] },
  "gateway/Other": objectModel({ other: string }),
};

/** A Thing with one property `value` of the given schema, before and after. */
function valueChange(name: string, before: JsonObject, after: JsonObject, rules: readonly string[], extra: Partial<RuleFixture> = {}): RuleFixture {
  const side = (value: JsonObject): SetSpec => ({ models: { ...SUPPORT_MODELS, [THING]: objectModel({ value }) } });
  return { name, before: side(before), after: side(after), rules, ...extra };
}

function thingChange(name: string, before: JsonObject, after: JsonObject, rules: readonly string[], extra: Partial<RuleFixture> = {}): RuleFixture {
  return { name, before: { models: { [THING]: before } }, after: { models: { [THING]: after } }, rules, ...extra };
}

/** An allOf branch that requires `name` (a cross-field rule in miniature). */
const requires = (name: string, description = `${name} is set.`): JsonObject => ({ description, properties: { [name]: { type: "string" } }, required: [name] });
const code = (values: string[], extra: JsonObject = {}): JsonObject => ({ type: "string", enum: values, ...extra });
const legacyThing = (legacy: JsonObject | undefined, extraProperties: Record<string, JsonObject> = {}): JsonObject =>
  objectModel({ name: string, label: string, ...(legacy ? { old_name: { type: "string", "x-legacy": legacy } } : {}), ...extraProperties });

/** A fixture value for each bound keyword: the type it applies to, and a value inside the bounds. */
function boundTarget(keyword: string): JsonObject {
  if (/Length$/.test(keyword)) return { type: "string" };
  if (/Items$/.test(keyword)) return { type: "array", items: { type: "string" } };
  if (/Properties$/.test(keyword)) return { type: "object", additionalProperties: { type: "string" } };
  return { type: "integer" };
}

const boundFixtures: RuleFixture[] = BOUNDS.flatMap((bound) => {
  const target = boundTarget(bound.keyword);
  const [looser, tighter] = bound.upper ? [20, 5] : [5, 20];
  return [
    valueChange(`${bound.keyword} loosened (10 -> ${looser})`, { ...target, [bound.keyword]: 10 }, { ...target, [bound.keyword]: looser }, [bound.loosened.id], { pointer: `/properties/value/${bound.keyword}` }),
    valueChange(`${bound.keyword} tightened (10 -> ${tighter})`, { ...target, [bound.keyword]: 10 }, { ...target, [bound.keyword]: tighter }, [bound.tightened.id], { pointer: `/properties/value/${bound.keyword}` }),
    valueChange(`${bound.keyword} tightened (added)`, target, { ...target, [bound.keyword]: 10 }, [bound.tightened.id]),
  ];
});

const api = (paths: JsonObject): JsonObject => ({ ...EMPTY_API, paths });
const getThing = (extra: JsonObject = {}, ref = "gateway/Thing.schema.json"): JsonObject => ({
  get: { operationId: "getThing", summary: "Get a thing", responses: { "200": { description: "The thing.", content: { "application/json": { schema: { $ref: ref } } } } }, ...extra },
});
const getOther = getThing({ operationId: "getOther", summary: "Get another thing" }, "gateway/Other.schema.json");
const withOperations = (paths: JsonObject): SetSpec => ({ models: { [THING]: objectModel({ value: string }), "gateway/Other": objectModel({ other: string }) }, api: api(paths) });

export const RULE_FIXTURES: readonly RuleFixture[] = [
  // models
  {
    name: "model removed",
    before: { models: { [THING]: objectModel({ value: string }), "gateway/Other": objectModel({ other: string }) } },
    after: { models: { [THING]: objectModel({ value: string }) } },
    rules: ["model-removed"],
    pointer: "",
  },
  {
    name: "model renamed (and the $refs to it follow)",
    before: { models: { [THING]: objectModel({ value: string }), "gateway/Holder": objectModel({ thing: { $ref: "Thing.schema.json" } }) } },
    after: { models: { "gateway/Item": objectModel({ value: string }), "gateway/Holder": objectModel({ thing: { $ref: "Item.schema.json" } }) } },
    rules: ["model-renamed"],
    mentions: ["Thing renamed to Item"],
  },
  {
    name: "model moved to another folder",
    before: { models: { [THING]: objectModel({ value: string }) } },
    after: { models: { "adyen/Thing": objectModel({ value: string }) } },
    rules: ["model-moved"],
    mentions: ["schemas/gateway/Thing.schema.json to schemas/adyen/Thing.schema.json"],
  },
  {
    name: "model added",
    before: { models: { [THING]: objectModel({ value: string }) } },
    after: { models: { [THING]: objectModel({ value: string }), "gateway/Other": objectModel({ other: string }) } },
    rules: ["model-added"],
  },

  // named types from $defs entries
  {
    name: "definition renamed (its $defs key changed)",
    before: { models: { [THING]: objectModel({ value: { $ref: "#/$defs/code" } }, { $defs: { code: { type: "string", enum: ["A"] } } }) } },
    after: { models: { [THING]: objectModel({ value: { $ref: "#/$defs/label" } }, { $defs: { label: { type: "string", enum: ["A"] } } }) } },
    rules: ["definition-removed", "definition-added"],
    pointer: "/$defs/code",
    mentions: ["ThingCode"],
  },
  {
    name: "definition added (an inline enum moved into $defs)",
    before: { models: { [THING]: objectModel({ value: { type: "string", enum: ["A"] } }) } },
    after: { models: { [THING]: objectModel({ value: { $ref: "#/$defs/code" } }, { $defs: { code: { type: "string", enum: ["A"] } } }) } },
    rules: ["definition-added"],
    pointer: "/$defs/code",
  },

  // types
  valueChange("type changed", string, { type: "integer" }, ["type-changed"], { pointer: "/properties/value", mentions: ["from string to integer"] }),
  valueChange("type changed: a $ref now names another model", { $ref: "Code.schema.json" }, { $ref: "Other.schema.json" }, ["type-changed"]),
  valueChange("no change: a $ref replaced by an identical inline enum", { $ref: "Code.schema.json" }, { type: "string", enum: ["A"] }, []),
  valueChange("no change: an inline object moved into the model it equals", { $ref: "Other.schema.json" }, objectModel({ other: string }), []),
  valueChange("a $ref replaced by an inline enum with one more value", { $ref: "Code.schema.json" }, { type: "string", enum: ["A", "B"] }, ["enum-value-added"], { pointer: "/properties/value/enum/1" }),
  valueChange("type widened (integer -> number)", { type: "integer" }, { type: "number" }, ["type-widened"]),
  valueChange("type widened (a second type)", string, { type: ["string", "integer"] }, ["type-widened"]),
  valueChange("type narrowed", { type: ["string", "integer"] }, string, ["type-narrowed"]),
  valueChange("nullable added (type list)", string, { type: ["string", "null"] }, ["nullable-added"], { mentions: ["may now be null"] }),
  valueChange("nullable added ($ref -> anyOf [$ref, null])", { $ref: "Other.schema.json" }, { anyOf: [{ $ref: "Other.schema.json" }, { type: "null" }] }, ["nullable-added"]),
  valueChange("nullable removed", { type: ["string", "null"] }, string, ["nullable-removed"]),
  valueChange("no change: nullable written as a type list or as anyOf", { type: ["string", "null"], maxLength: 3 }, { anyOf: [{ type: "string", maxLength: 3 }, { type: "null" }] }, []),

  // enums
  thingChange("enum value added to a provider-extensible enum", code(["A", "B"], { "x-provider-extensible": true }), code(["A", "B", "C"], { "x-provider-extensible": true }), ["enum-value-added"], {
    pointer: "/enum/2",
    mentions: ['"C"', "exhaustive consumers", "tolerant mode absorbs it"],
  }),
  thingChange("enum value added to a closed enum", code(["A", "B"]), code(["A", "B", "C"]), ["enum-value-added"], { mentions: ["exhaustive consumers", "not x-provider-extensible"] }),
  thingChange("enum value removed", code(["A", "B"]), code(["A"]), ["enum-value-removed"], { pointer: "/enum/1" }),
  valueChange("const changed (a value removed, one added)", { const: "a" }, { const: "b" }, ["enum-value-added", "enum-value-removed"]),
  valueChange("enum removed (open string)", code(["x", "y"]), string, ["enum-removed"]),
  valueChange("enum added (closed set)", string, code(["x", "y"]), ["enum-added"]),
  thingChange("provider-extensible added", code(["A"]), code(["A"], { "x-provider-extensible": true }), ["provider-extensible-added"]),
  thingChange("provider-extensible removed", code(["A"], { "x-provider-extensible": true }), code(["A"]), ["provider-extensible-removed"]),

  // constraints
  ...boundFixtures,
  valueChange("maxLength removed", { type: "string", maxLength: 10 }, string, ["max-length-loosened"], { mentions: ["10 removed"] }),
  valueChange("maxLength lowered", { type: "string", maxLength: 10 }, { type: "string", maxLength: 5 }, ["max-length-tightened"]),
  valueChange("pattern added", string, { type: "string", pattern: "^[A-Z]{3}$" }, ["pattern-added"]),
  valueChange("pattern removed", { type: "string", pattern: "^[A-Z]{3}$" }, string, ["pattern-removed"]),
  valueChange("pattern narrowed", { type: "string", pattern: "^[A-Z]{2,4}$" }, { type: "string", pattern: "^[A-Z]{3}$" }, ["pattern-narrowed"]),
  valueChange("pattern rewritten, same strings", { type: "string", pattern: "^[0-9]{3}$" }, { type: "string", pattern: "^\\d{3}$" }, ["pattern-rewritten"]),
  valueChange("pattern widened", { type: "string", pattern: "^[A-Z]{3}$" }, { type: "string", pattern: "^[A-Z]{2,4}$" }, ["pattern-widened"], { mentions: ['e.g. "AA"'] }),
  valueChange("pattern widened by dropping an anchor", { type: "string", pattern: "^[A-Z]{3}$" }, { type: "string", pattern: "^[A-Z]{3}" }, ["pattern-widened"]),
  valueChange("pattern changed, not provably narrower", { type: "string", pattern: "^[a-z]+\\d$" }, { type: "string", pattern: "^(?=[a-z]*\\d$)[a-z0-9]+$" }, ["pattern-changed"], {
    mentions: ["cannot be proved narrower", "counted as breaking"],
  }),
  valueChange("format added", string, { type: "string", format: "date-time" }, ["format-added"]),
  valueChange("format removed", { type: "string", format: "date-time" }, string, ["format-removed"], { mentions: ['format "date-time" removed'] }),
  valueChange("format changed", { type: "string", format: "date-time" }, { type: "string", format: "date" }, ["format-changed"]),

  // properties
  thingChange("property removed", objectModel({ a: string, b: string }), objectModel({ a: string }), ["property-removed"], { pointer: "/properties/b" }),
  thingChange("property renamed", objectModel({ a: string, b: { type: "integer" } }), objectModel({ a: string, c: { type: "integer" } }), ["property-renamed"], { mentions: ['"b" renamed to "c"'] }),
  thingChange("optional property added", objectModel({ a: string }), objectModel({ a: string, b: string }), ["property-added"], { mentions: ["new optional property"] }),
  thingChange("required property added", objectModel({ a: string }), objectModel({ a: string, b: string }, { required: ["b"], examples: [{ b: "x" }] }), ["property-added", "example-changed"], {
    mentions: ["new required property", "must add it"],
  }),
  thingChange("required -> optional", objectModel({ a: string }, { required: ["a"], examples: [{ a: "x" }] }), objectModel({ a: string }, { examples: [{ a: "x" }] }), ["property-made-optional"], { pointer: "/required" }),
  thingChange("optional -> required", objectModel({ a: string }, { examples: [{ a: "x" }] }), objectModel({ a: string }, { required: ["a"], examples: [{ a: "x" }] }), ["property-made-required"]),
  thingChange("additionalProperties false -> absent", objectModel({ a: string }), { type: "object", properties: { a: { type: "string", description: "The a." } } }, ["additional-properties-loosened"]),
  thingChange("additionalProperties absent -> false", { type: "object", properties: { a: { type: "string", description: "The a." } } }, objectModel({ a: string }), ["additional-properties-closed"], {
    mentions: ["Tolerant* type"],
  }),
  thingChange("additionalProperties schema -> false", objectModel({ a: string }, { additionalProperties: string }), objectModel({ a: string }), ["additional-properties-closed"]),
  thingChange("additionalProperties absent -> a schema", { type: "object", properties: { a: { type: "string", description: "The a." } } }, objectModel({ a: string }, { additionalProperties: string }), [
    "additional-properties-tightened",
  ]),
  valueChange("additionalProperties schema compared as a subschema", { type: "object", additionalProperties: string }, { type: "object", additionalProperties: { type: ["string", "null"] } }, ["nullable-added"], {
    pointer: "/properties/value/additionalProperties",
  }),
  valueChange("array items compared as a subschema", { type: "array", items: { type: "string", maxLength: 3 } }, { type: "array", items: { type: "string", maxLength: 4 } }, ["max-length-loosened"], {
    pointer: "/properties/value/items/maxLength",
  }),

  // legacy
  thingChange("legacy field dropped", legacyThing({ replacedBy: "/name" }), legacyThing(undefined), ["legacy-field-dropped"], { pointer: "/properties/old_name" }),
  thingChange("legacy alias added", legacyThing(undefined), legacyThing({ replacedBy: "/name" }), ["legacy-alias-added"], { mentions: ["replaced by /name"] }),
  thingChange("property marked legacy", legacyThing(undefined, { old_name: string }), legacyThing({ replacedBy: "/name" }), ["legacy-marked"]),
  thingChange("legacy mark removed", legacyThing({ replacedBy: "/name" }), legacyThing(undefined, { old_name: string }), ["legacy-unmarked"]),
  thingChange("legacy replacement changed", legacyThing({ replacedBy: "/name" }), legacyThing({ replacedBy: "/label" }), ["legacy-replacement-changed"], { pointer: "/properties/old_name/x-legacy/replacedBy" }),

  // docs
  valueChange("description changed", { type: "string", description: "Old words." }, { type: "string", description: "New words." }, ["description-changed"], { pointer: "/properties/value/description" }),
  thingChange("enum value description changed", code(["A"], { "x-enum-descriptions": { A: "Old meaning." } }), code(["A"], { "x-enum-descriptions": { A: "New meaning." } }), ["enum-description-changed"]),
  valueChange("deprecated added", string, { type: "string", deprecated: true }, ["deprecated-added"]),
  valueChange("deprecated removed", { type: "string", deprecated: true }, string, ["deprecated-removed"]),

  // examples
  thingChange("example added", objectModel({ a: string }, { examples: [{ a: "x" }] }), objectModel({ a: string }, { examples: [{ a: "x" }, { a: "y" }] }), ["example-added"], { pointer: "/examples/1" }),
  thingChange("example removed", objectModel({ a: string }, { examples: [{ a: "x" }, { a: "y" }] }), objectModel({ a: string }, { examples: [{ a: "y" }] }), ["example-removed"], { pointer: "/examples/0" }),
  thingChange("example changed", objectModel({ a: string }, { examples: [{ a: "x" }] }), objectModel({ a: string }, { examples: [{ a: "z" }] }), ["example-changed"]),
  thingChange(
    "one example edited and another removed: each told apart by what they share",
    objectModel(
      { a: string, b: string },
      {
        examples: [
          { a: "1", b: "one" },
          { a: "2", b: "two" },
          { a: "3", b: "three" },
        ],
      },
    ),
    objectModel(
      { a: string, b: string },
      {
        examples: [
          { a: "1", b: "one" },
          { a: "3", b: "THREE" },
        ],
      },
    ),
    ["example-removed", "example-changed"],
    { pointer: "/examples/1", mentions: ["example 1 removed"] },
  ),

  // composition
  thingChange("allOf branch added", objectModel({ a: string }, { examples: [{ a: "x" }] }), objectModel({ a: string }, { examples: [{ a: "x" }], allOf: [requires("a")] }), ["all-of-added"]),
  thingChange(
    "allOf branch removed",
    objectModel({ a: string, b: string }, { examples: [{ a: "x", b: "y" }], allOf: [requires("a"), requires("b")] }),
    objectModel({ a: string, b: string }, { examples: [{ a: "x", b: "y" }], allOf: [requires("b")] }),
    ["all-of-removed"],
    { pointer: "/allOf/0" },
  ),
  thingChange(
    "allOf branch changed: unclassified",
    objectModel({ a: string, b: string }, { examples: [{ a: "x", b: "y" }], allOf: [requires("a", "A rule.")] }),
    objectModel({ a: string, b: string }, { examples: [{ a: "x", b: "y" }], allOf: [requires("b", "A rule.")] }),
    ["unclassified-change"],
    { pointer: "/allOf/0", mentions: ["counts as breaking"] },
  ),
  thingChange(
    "allOf branch docs changed: a patch",
    objectModel({ a: string }, { examples: [{ a: "x" }], allOf: [requires("a", "Old words.")] }),
    objectModel({ a: string }, { examples: [{ a: "x" }], allOf: [requires("a", "New words.")] }),
    ["description-changed"],
  ),
  valueChange("a keyword no rule knows changed: unclassified", { type: "integer", multipleOf: 5 }, { type: "integer", multipleOf: 10 }, ["unclassified-change"], { pointer: "/properties/value/multipleOf" }),

  // operations (schemas/api.json)
  { name: "operation removed", before: withOperations({ "/things": getThing() }), after: withOperations({}), rules: ["operation-removed"], pointer: "/paths/~1things/get" },
  { name: "operation added", before: withOperations({ "/others": getOther }), after: withOperations({ "/others": getOther, "/things": getThing() }), rules: ["operation-added"] },
  {
    name: "operation response changed",
    before: withOperations({ "/things": getThing() }),
    after: withOperations({ "/things": getThing({}, "gateway/Other.schema.json") }),
    rules: ["operation-response-changed"],
    mentions: ["from Thing to Other"],
  },
  { name: "operation changed beyond docs", before: withOperations({ "/things": getThing() }), after: withOperations({ "/things": getThing({ operationId: "fetchThing" }) }), rules: ["operation-changed"] },
  { name: "operation docs changed", before: withOperations({ "/things": getThing() }), after: withOperations({ "/things": getThing({ summary: "Fetch a thing" }) }), rules: ["description-changed"] },
];
