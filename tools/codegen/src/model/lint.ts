// Our own schema rules, on top of the 2020-12 meta-schema. Each rule has a stable id that appears
// in its error message, so an author can look it up in the README's rule table.
import { SchemaError } from "../errors.js";
import { ENUM_DESCRIPTIONS, LEGACY, PROVIDER_EXTENSIBLE } from "./keywords.js";
import { redosProblem, regexesOf } from "./redos.js";
import type { SchemaRuleId } from "./schema-rules.js";
import { type JsonObject, SCHEMA_BASE_URL, escapePointer, isObject, walkSchema } from "./schema-walk.js";

const DIALECT = "https://json-schema.org/draft/2020-12/schema";

const KNOWN_KEYWORDS = new Set([
  "$schema",
  "$id",
  "$ref",
  "$anchor",
  "$dynamicRef",
  "$dynamicAnchor",
  "$vocabulary",
  "$comment",
  "$defs",
  "type",
  "enum",
  "const",
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "maxItems",
  "minItems",
  "uniqueItems",
  "maxContains",
  "minContains",
  "maxProperties",
  "minProperties",
  "required",
  "dependentRequired",
  "properties",
  "patternProperties",
  "additionalProperties",
  "propertyNames",
  "items",
  "prefixItems",
  "contains",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
  "dependentSchemas",
  "unevaluatedItems",
  "unevaluatedProperties",
  "format",
  "contentEncoding",
  "contentMediaType",
  "contentSchema",
  "title",
  "description",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "examples",
  LEGACY,
  PROVIDER_EXTENSIBLE,
  ENUM_DESCRIPTIONS,
]);

// Names every object inherits: Ajv's compiled code tests `data.name !== undefined`, which finds
// these on Object.prototype (`{}` would have a "toString"), so it cannot check them correctly.
const INHERITED_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

export interface SubschemaProblem {
  readonly pointer: string;
  readonly rule: "inherited-name" | "embedded-id";
  readonly message: string;
}

/** What the generators cannot take inside a schema, whatever it is: property names every object
 *  inherits, and subschemas that are schema resources of their own (their `$id` would be claimed
 *  twice, by the strict and the tolerant views, and a `$ref` into them leaves the model's file). */
export function subschemaProblems(schema: JsonObject): SubschemaProblem[] {
  const problems: SubschemaProblem[] = [];
  const inherited = (pointer: string, name: string) =>
    problems.push({ pointer, rule: "inherited-name", message: `property name "${name}" is inherited by every JavaScript object (Object.prototype), which the validators cannot tell from a present property` });
  walkSchema(schema, (node, pointer) => {
    if (pointer !== "" && typeof node.$id === "string")
      problems.push({ pointer: `${pointer}/$id`, rule: "embedded-id", message: `a subschema with its own "$id" (${node.$id}) is a separate schema resource: put it in its own *.schema.json file and $ref that file` });
    for (const key of ["properties", "dependentRequired", "dependentSchemas"]) {
      const map = node[key];
      if (isObject(map)) for (const name of Object.keys(map)) if (INHERITED_NAMES.has(name)) inherited(`${pointer}/${key}/${escapePointer(name)}`, name);
    }
    if (Array.isArray(node.required)) node.required.forEach((name, i) => typeof name === "string" && INHERITED_NAMES.has(name) && inherited(`${pointer}/required/${i}`, name));
  });
  return problems;
}

export function lintModel(file: string, schema: JsonObject): SchemaError[] {
  const errors: SchemaError[] = [];
  const add = (pointer: string, rule: SchemaRuleId, message: string) => errors.push(new SchemaError(file, pointer, rule, message));
  const expectedName = file
    .split("/")
    .pop()!
    .replace(/\.schema\.json$/, "");

  if (schema.$schema !== DIALECT) add("/$schema", "dialect", `expected "$schema": "${DIALECT}"`);
  const expectedId = SCHEMA_BASE_URL + file.replace(/^schemas\//, "");
  if (schema.$id !== expectedId) add("/$id", "id-matches-path", `expected "$id": "${expectedId}" (the base URL plus the file's path under schemas/)`);
  if (schema.title !== expectedName) add("/title", "title-matches-file", `expected "title": "${expectedName}" (the type name, equal to the file name)`);
  if (!/^[A-Z][A-Za-z0-9]*$/.test(expectedName)) add("/title", "type-name", `"${expectedName}" is not a PascalCase type name`);
  if (typeof schema.description !== "string" || schema.description.trim() === "") add("/description", "description", "expected a non-empty description of the model");
  if (!Array.isArray(schema.examples) || schema.examples.length === 0) add("/examples", "examples", "expected at least one realistic example in `examples`");
  const isEnum = Array.isArray(schema.enum);
  if (!isEnum && schema.type !== "object") add("/type", "model-kind", 'a model is either an object ("type": "object") or an enum ("enum": [...])');

  for (const { pointer, rule, message } of subschemaProblems(schema)) add(pointer, rule, message);
  walkSchema(schema, (node, pointer) => {
    for (const key of Object.keys(node)) {
      if (!KNOWN_KEYWORDS.has(key)) add(`${pointer}/${key}`, "unknown-keyword", `unknown keyword "${key}": expected a JSON Schema 2020-12 keyword or one of ${LEGACY}, ${PROVIDER_EXTENSIBLE}, ${ENUM_DESCRIPTIONS}`);
    }
    if (typeof node.pattern === "string") {
      try {
        new RegExp(node.pattern, "u");
      } catch (error) {
        add(`${pointer}/pattern`, "invalid-pattern", `pattern is not a valid ECMAScript regular expression with the u flag: ${(error as Error).message}`);
      }
    }
    for (const [where, source] of regexesOf(node, pointer)) {
      const problem = redosProblem(source);
      if (problem) add(where, "redos", problem);
    }
    const properties = node.properties;
    if (isObject(properties)) {
      for (const [name, property] of Object.entries(properties)) {
        if (!isObject(property) || typeof property.description !== "string" || property.description.trim() === "") {
          if (pointer.includes("/allOf/")) continue; // cross-field rules restate a property's type only
          add(`${pointer}/properties/${name}`, "property-description", `property "${name}" needs a non-empty description`);
        }
      }
    }
    if (LEGACY in node && !/^\/properties\/[^/]+$/.test(pointer)) add(`${pointer}/${LEGACY}`, "legacy-placement", `${LEGACY} belongs on a top-level property of the model`);
    if ((PROVIDER_EXTENSIBLE in node || ENUM_DESCRIPTIONS in node) && !Array.isArray(node.enum)) add(pointer, "enum-annotation", `${PROVIDER_EXTENSIBLE} and ${ENUM_DESCRIPTIONS} belong on an enum`);
    const descriptions = node[ENUM_DESCRIPTIONS];
    if (isObject(descriptions) && Array.isArray(node.enum)) {
      for (const value of node.enum) if (typeof value === "string" && !(value in descriptions)) add(`${pointer}/${ENUM_DESCRIPTIONS}`, "enum-descriptions", `missing a description of enum value "${value}"`);
      for (const key of Object.keys(descriptions)) if (!node.enum.includes(key)) add(`${pointer}/${ENUM_DESCRIPTIONS}/${key}`, "enum-descriptions", `"${key}" is not a value of the enum`);
    }
  });
  return errors;
}
