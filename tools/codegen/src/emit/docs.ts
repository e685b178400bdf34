// docs: one Markdown page per model (field table, nested structure, enum meanings, legacy fields,
// cross-field rules, the schema's examples) and an index of every model grouped by source.
// Links are relative. Fields and sources get explicit `<a id="...">` anchors, so links to them do not
// depend on a renderer's heading-slug rules; the one heading linked ("Legacy fields") has fixed text.
import { type GeneratedFiles, withHeader } from "../emitter.js";
import { LEGACY, PROVIDER_EXTENSIBLE } from "../model/keywords.js";
import { API_FILE, type Model, type NamedDefinition, type SchemaSet } from "../model/schema-set.js";
import { referencedModel, resolvePropertyPath } from "../model/paths.js";
import { type JsonObject, type JsonValue, isObject, walkJson } from "../model/schema-walk.js";
import { type CrossFieldRule, crossFieldRules } from "../model/cross-field-rules.js";
import { enumMeanings, legacyNote } from "./types/type-view.js";
import { discriminatedUnion } from "../model/union-variants.js";
import { OUTPUTS } from "../outputs.js";

export const DOCS_INDEX = `${OUTPUTS.docs}/README.md`;
const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Repository-relative path of a model's page: `<OUTPUTS.docs>/<source>/<Name>.md`. */
export function modelPagePath(model: Model): string {
  return `${OUTPUTS.docs}/${model.source}/${model.name}.md`;
}

/** Anchor of a property's row in its model's field table. */
export function fieldAnchor(property: string): string {
  return `field-${property.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** Anchor of a named `$defs` entry's section on its owner model's page. */
export function definitionAnchor(name: string): string {
  return `type-${name}`;
}

export function sourceAnchor(source: string): string {
  return `source-${source.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** Link from a page of `fromSource` (or the index, `null`) to `to`'s page. */
function pageHref(fromSource: string | null, to: Model, anchor?: string): string {
  const file = fromSource === null ? `${to.source}/${to.name}.md` : fromSource === to.source ? `${to.name}.md` : `../${to.source}/${to.name}.md`;
  return anchor ? `${file}#${anchor}` : file;
}

function modelLink(fromSource: string | null, to: Model, anchor?: string): string {
  return `[\`${to.name}\`](${pageHref(fromSource, to, anchor)})`;
}

/** Text safe inside one GitHub table cell: pipes escaped (also inside code spans, as GFM
 *  splits cells before parsing them), line breaks as <br>. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function code(value: string): string {
  return value.includes("`") ? `\`\` ${value} \`\`` : `\`${value}\``;
}

/** A JSON value as a reader wants it: strings bare, integers beyond 2^53 exact (JSON.stringify
 *  would print 9223372036854775807 as 9223372036854776000). */
function literal(value: JsonValue): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)) return BigInt(value).toString();
  return JSON.stringify(value);
}

function firstSentence(text: string): string {
  return /^(.*?[.!?])(?=\s+[A-Z]|\s*$)/s.exec(text.trim())?.[1] ?? text.trim();
}

interface Context {
  readonly set: SchemaSet;
  /** The model the schema nodes belong to: their $refs resolve from it. */
  readonly model: Model;
  /** Source folder of the page being written: links start there. */
  readonly page: string;
}

function target(ctx: Context, schema: JsonObject): Model | undefined {
  return typeof schema.$ref === "string" ? ctx.set.modelForRef(ctx.model.id, schema.$ref) : undefined;
}

/** Link to a named definition's section on its owner's page. */
function definitionLink(ctx: Context, definition: NamedDefinition): string {
  return `[${code(definition.name)}](${pageHref(ctx.page, ctx.set.models.get(definition.owner)!, definitionAnchor(definition.name))})`;
}

/** The type of a schema node as Markdown: `string | null`, a link to a model or a named
 *  definition, `array of ...`. */
function typeLabel(ctx: Context, schema: JsonObject): string {
  const definition = ctx.set.definitionAt(schema);
  if (definition) return definitionLink(ctx, definition);
  const ref = target(ctx, schema);
  if (ref) return modelLink(ctx.page, ref);
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) return branches.map((b) => (isObject(b) ? typeLabel(ctx, b) : code("any"))).join(" | ");
  }
  if ("const" in schema) return code(JSON.stringify(schema.const));
  const types = Array.isArray(schema.type) ? schema.type : typeof schema.type === "string" ? [schema.type] : [];
  if (types.length === 0) return Array.isArray(schema.enum) ? code("enum") : code("any");
  return types
    .map((t) => {
      if (t === "array" && isObject(schema.items)) return `array of ${typeLabel(ctx, schema.items)}`;
      if (t === "object" && isObject(schema.additionalProperties) && !isObject(schema.properties)) return `map of ${typeLabel(ctx, schema.additionalProperties)}`;
      return code(String(t));
    })
    .join(" | ");
}

function allowsNull(schema: JsonObject): boolean {
  if (schema.type === "null" || (Array.isArray(schema.type) && schema.type.includes("null"))) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  const branches = [...(Array.isArray(schema.anyOf) ? schema.anyOf : []), ...(Array.isArray(schema.oneOf) ? schema.oneOf : [])];
  return branches.some((b) => isObject(b) && allowsNull(b));
}

/** The property itself plus its inline (non-$ref) anyOf/oneOf branches: where constraints live. */
function constraintNodes(schema: JsonObject): JsonObject[] {
  const branches = [...(Array.isArray(schema.anyOf) ? schema.anyOf : []), ...(Array.isArray(schema.oneOf) ? schema.oneOf : [])];
  return [schema, ...branches.filter((b): b is JsonObject => isObject(b) && typeof b.$ref !== "string")];
}

const CONSTRAINT_LABELS: readonly [keyword: string, label: string][] = [
  ["format", "Format"],
  ["pattern", "Pattern"],
  ["minLength", "Min length"],
  ["maxLength", "Max length"],
  ["minimum", "Minimum"],
  ["exclusiveMinimum", "Greater than"],
  ["maximum", "Maximum"],
  ["exclusiveMaximum", "Less than"],
  ["multipleOf", "Multiple of"],
  ["minItems", "Min items"],
  ["maxItems", "Max items"],
  ["minProperties", "Min properties"],
  ["maxProperties", "Max properties"],
  ["default", "Default"],
];

function isLegacy(schema: JsonObject): boolean {
  return isObject(schema[LEGACY]);
}

function legacyReplacement(schema: JsonObject): string | null {
  const legacy = schema[LEGACY];
  return isObject(legacy) && typeof legacy.replacedBy === "string" ? legacy.replacedBy : null;
}

function propertyTags(schema: JsonObject, required: boolean): string[] {
  const tags = [required ? "Required" : "Optional"];
  if (allowsNull(schema)) tags.push("Nullable");
  if (isLegacy(schema) || schema.deprecated === true) tags.push("Deprecated");
  if (schema.readOnly === true) tags.push("Read-only");
  if (schema.writeOnly === true) tags.push("Write-only");
  for (const node of constraintNodes(schema)) {
    for (const [keyword, label] of CONSTRAINT_LABELS) {
      if (keyword in node) tags.push(`${label}: ${code(literal(node[keyword]!))}`);
    }
    if (node.uniqueItems === true) tags.push("Unique items");
    if (Array.isArray(node.enum)) tags.push(`Values: ${node.enum.map((v) => code(literal(v))).join(", ")}`);
  }
  return tags;
}

interface Property {
  readonly name: string;
  readonly schema: JsonObject;
  readonly required: boolean;
}

function propertiesOf(model: Model): Property[] {
  const properties = isObject(model.schema.properties) ? model.schema.properties : {};
  const required = new Set(Array.isArray(model.schema.required) ? model.schema.required : []);
  return Object.entries(properties)
    .filter((entry): entry is [string, JsonObject] => isObject(entry[1]))
    .map(([name, schema]) => ({ name, schema, required: required.has(name) }));
}

/** The model a property leads to: its $ref, a nullable $ref, or the $ref of its array items. */
function nestedModel(set: SchemaSet, model: Model, schema: JsonObject): Model | undefined {
  return referencedModel(schema, model.id, set.modelForRef) ?? (isObject(schema.items) ? referencedModel(schema.items, model.id, set.modelForRef) : undefined);
}

function fieldTable(ctx: Context, anchorOf: (property: string) => string = fieldAnchor): string[] {
  const rows = ["| Name | Type | Tags | Description |", "| --- | --- | --- | --- |"];
  for (const { name, schema, required } of propertiesOf(ctx.model)) {
    let description = typeof schema.description === "string" ? schema.description : "";
    // Like the source documents, a field of an enum type lists what each value means.
    const nested = nestedModel(ctx.set, ctx.model, schema);
    const meanings = enumMeanings(nested?.kind === "enum" ? nested.schema : schema);
    if (meanings.length > 0) description += `\n\nValues:\n${meanings.join("\n")}`;
    if (isLegacy(schema)) description += `\n\n_${legacyNote(legacyReplacement(schema))}_ See [legacy fields](#legacy-fields).`;
    rows.push(`| <a id="${anchorOf(name)}"></a>${code(name)} | ${cell(typeLabel(ctx, schema))} | ${cell(propertyTags(schema, required).join(", "))} | ${cell(description.trim())} |`);
  }
  return rows;
}

/** The nested structure: every field, and under an object-typed field the fields of its model. */
function structureTree(ctx: Context, model: Model, depth: number): string[] {
  const lines: string[] = [];
  const indent = "  ".repeat(depth);
  const here: Context = { ...ctx, model };
  for (const { name, schema } of propertiesOf(model)) {
    const nested = nestedModel(ctx.set, model, schema);
    const details = [typeLabel(here, schema)];
    const format = constraintNodes(schema)
      .map((n) => n.format)
      .find((f) => typeof f === "string");
    if (typeof format === "string") details.push(`format ${code(format)}`);
    if (nested?.kind === "enum" && Array.isArray(nested.schema.enum)) details.push(`values ${nested.schema.enum.map((v) => code(literal(v))).join(", ")}`);
    if (isLegacy(schema)) details.push("legacy");
    const anchor = model === ctx.model ? `#${fieldAnchor(name)}` : pageHref(ctx.page, model, fieldAnchor(name));
    lines.push(`${indent}- [${code(name)}](${anchor}): ${details.join(" · ")}`);
    if (nested?.kind === "object") lines.push(...structureTree(ctx, nested, depth + 1));
  }
  return lines;
}

/** Where a replacement pointer such as /order/order_number is declared: the model and property. */
function replacementLink(ctx: Context, replacedBy: string): string {
  const resolved = resolvePropertyPath(ctx.model, replacedBy, ctx.set.modelForRef);
  if (!resolved) throw new Error(`${ctx.model.file}: x-legacy replacedBy "${replacedBy}" does not resolve`);
  let owner = ctx.model;
  for (const token of resolved.path.slice(0, -1)) {
    const properties = owner.schema.properties as JsonObject;
    owner = referencedModel(properties[token] as JsonObject, owner.id, ctx.set.modelForRef)!;
  }
  const last = resolved.path[resolved.path.length - 1]!;
  const href = owner === ctx.model ? `#${fieldAnchor(last)}` : pageHref(ctx.page, owner, fieldAnchor(last));
  return `[${code(resolved.path.join("."))}](${href})`;
}

function legacySection(ctx: Context): string[] {
  const legacy = propertiesOf(ctx.model).filter((p) => isLegacy(p.schema));
  if (legacy.length === 0) return [];
  const rows = ["| Legacy field | Replaced by | Note |", "| --- | --- | --- |"];
  for (const { name, schema } of legacy) {
    const replacedBy = legacyReplacement(schema);
    rows.push(`| [${code(name)}](#${fieldAnchor(name)}) | ${replacedBy === null ? "nothing yet" : cell(replacementLink(ctx, replacedBy))} | ${cell(legacyNote(replacedBy))} |`);
  }
  return ["## Legacy fields", "", "Kept for old clients; new code reads the replacement.", "", ...rows, ""];
}

function rulesSection(model: Model): string[] {
  const rules = crossFieldRules(model);
  if (rules.length === 0) return [];
  const words = (r: CrossFieldRule) => r.description ?? (r.condition !== undefined ? `A rule that applies when ${r.condition} (see the schema).` : "A conditional rule (see the schema).");
  return ["## Rules across fields", "", ...rules.map((r) => `- ${words(r)}`), ""];
}

function valuesSection(schema: JsonObject, heading = "## Values"): string[] {
  // enumMeanings covers the string values when the schema describes them (lint: all or none).
  const meanings = enumMeanings(schema);
  const values = Array.isArray(schema.enum) ? schema.enum : [];
  const rest = values.filter((v) => meanings.length === 0 || typeof v !== "string").map((v) => `- ${code(literal(v))}`);
  return [heading, "", ...meanings, ...rest, ""];
}

/** The named definitions a property's schema is a use of: itself, its items, its anyOf/oneOf branches. */
function definitionsIn(set: SchemaSet, schema: JsonObject): NamedDefinition[] {
  const branches = [...(Array.isArray(schema.anyOf) ? schema.anyOf : []), ...(Array.isArray(schema.oneOf) ? schema.oneOf : [])];
  const nodes = [schema, ...(isObject(schema.items) ? [schema.items] : []), ...branches.filter(isObject)];
  return nodes.flatMap((node) => set.definitionAt(node) ?? []);
}

interface DefinitionUsage {
  /** `Model.property`, `Definition.property`, or the name of a definition that is an alias of it. */
  readonly label: string;
  /** The page it is on, and the anchor there. */
  readonly model: Model;
  readonly anchor: string;
}

/** For each named definition, what holds it: properties of models and of other definitions, and
 *  definitions that are only a reference to it. */
function definitionUsages(set: SchemaSet): Map<string, DefinitionUsage[]> {
  const result = new Map<string, DefinitionUsage[]>();
  const record = (definition: NamedDefinition, usage: DefinitionUsage) => result.set(definition.name, [...(result.get(definition.name) ?? []), usage]);
  for (const model of set.models.values()) {
    for (const { name, schema } of propertiesOf(model)) for (const d of definitionsIn(set, schema)) record(d, { label: `${model.name}.${name}`, model, anchor: fieldAnchor(name) });
  }
  for (const definition of set.definitions.values()) {
    const owner = set.models.get(definition.owner)!;
    for (const { name, schema } of propertiesOf({ ...owner, schema: definition.schema })) {
      for (const d of definitionsIn(set, schema)) record(d, { label: `${definition.name}.${name}`, model: owner, anchor: definitionFieldAnchor(definition.name, name) });
    }
    const alias = set.definitionAt(definition.schema);
    if (alias) record(alias, { label: definition.name, model: owner, anchor: definitionAnchor(definition.name) });
  }
  return result;
}

function definitionFieldAnchor(definition: string, property: string): string {
  return `${definitionAnchor(definition)}-${fieldAnchor(property)}`;
}

/** One section per named `$defs` entry the model's file holds: what it is, where the schema
 *  declares it, what uses it, its fields or values. */
function definitionsSection(ctx: Context, usages: ReadonlyMap<string, readonly DefinitionUsage[]>): string[] {
  const owned = [...ctx.set.definitions.values()].filter((d) => d.owner === ctx.model.name);
  if (owned.length === 0) return [];
  const lines = ["## Named types", "", "Entries of this schema's `$defs` that other schemas refer to, each a named type of `@org/payment-types` (with its `Tolerant*` counterpart).", ""];
  for (const definition of owned) {
    // Links start at the model's page; the entry's references resolve from where load restated them.
    const here: Context = { ...ctx, model: { ...ctx.model, id: definition.base, schema: definition.schema } };
    const { schema } = definition;
    const facts = [`- **Schema:** ${code(`${definition.file}#${definition.pointer}`)}`, `- **Type:** ${typeLabel(here, schema)}`];
    const users = usages.get(definition.name) ?? [];
    if (users.length > 0) facts.push(`- **Used by:** ${users.map((u) => `[${code(u.label)}](${pageHref(ctx.page, u.model, u.anchor)})`).join(", ")}`);
    lines.push(`<a id="${definitionAnchor(definition.name)}"></a>`, `### ${definition.name}`, "", ...(typeof schema.description === "string" ? [schema.description, ""] : []), ...facts, "");
    if (Array.isArray(schema.enum)) lines.push(...valuesSection(schema, "Values:"));
    if (isObject(schema.properties)) lines.push(...fieldTable(here, (property) => definitionFieldAnchor(definition.name, property)), "");
  }
  return lines;
}

function examplesSection(model: Model): string[] {
  const examples = Array.isArray(model.schema.examples) ? model.schema.examples : [];
  const lines = [examples.length === 1 ? "## Example" : "## Examples", ""];
  examples.forEach((example, i) => {
    if (examples.length > 1) lines.push(`### Example ${i + 1}`, "");
    lines.push("```json", JSON.stringify(example, null, 2), "```", "");
  });
  return lines;
}

/** For each model, the operations (e.g. `POST /pay/`) that answer with it. */
function operationsByModel(set: SchemaSet): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const paths = isObject(set.api.paths) ? set.api.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !isObject(operation)) continue;
      const names = new Set<string>();
      walkJson(operation.responses ?? {}, "", (node) => {
        const model = typeof node.$ref === "string" ? set.modelForRef(API_FILE, node.$ref) : undefined;
        if (model) names.add(model.name);
      });
      for (const name of names) result.set(name, [...(result.get(name) ?? []), `${method.toUpperCase()} ${path}`]);
    }
  }
  return result;
}

interface Usage {
  readonly model: Model;
  readonly property: string;
}

/** For each model, the properties of other models that hold it. */
function usagesByModel(set: SchemaSet): Map<string, Usage[]> {
  const result = new Map<string, Usage[]>();
  for (const model of set.models.values()) {
    for (const { name, schema } of propertiesOf(model)) {
      const nested = nestedModel(set, model, schema);
      if (nested) result.set(nested.name, [...(result.get(nested.name) ?? []), { model, property: name }]);
    }
  }
  return result;
}

function modelPage(set: SchemaSet, model: Model, operations: readonly string[], usages: readonly Usage[], definitionUses: ReadonlyMap<string, readonly DefinitionUsage[]>): string {
  const ctx: Context = { set, model, page: model.source };
  const facts = [
    `- **Source:** [${code(model.source)}](../README.md#${sourceAnchor(model.source)})`,
    `- **Kind:** ${model.kind === "enum" ? `enum of ${typeLabel(ctx, model.schema)}` : "object"}`,
    `- **Schema:** ${code(model.file)} (\`$id\` ${code(model.id)})`,
  ];
  const { union } = discriminatedUnion(set, model);
  if (union)
    facts.push(
      `- **TypeScript type:** a discriminated union on [${code(union.discriminator)}](#${fieldAnchor(union.discriminator)}), one variant per value with the rules across fields applied: ${union.variants.map((v) => `${code(v.name)} (${code(literal(v.value!))})`).join(", ")}`,
    );
  if (operations.length > 0) facts.push(`- **Returned by:** ${operations.map(code).join(", ")}`);
  if (usages.length > 0) facts.push(`- **Used by:** ${usages.map((u) => `[${code(`${u.model.name}.${u.property}`)}](${pageHref(model.source, u.model, fieldAnchor(u.property))})`).join(", ")}`);
  if (model.schema[PROVIDER_EXTENSIBLE] === true) facts.push("- **Provider-extensible:** the provider adds values without notice; tolerant validation accepts unknown values and reports them as warnings.");
  if (model.kind === "object" && model.schema.additionalProperties === false) facts.push("- **Unknown properties:** rejected by strict validation, kept by tolerant validation.");

  const lines = [`# ${model.name}`, "", String(model.schema.description ?? ""), "", ...facts, ""];
  if (model.kind === "enum") lines.push(...valuesSection(model.schema));
  else {
    lines.push("## Fields", "", ...fieldTable(ctx), "");
    const tree = structureTree(ctx, model, 0);
    if (propertiesOf(model).some((p) => nestedModel(set, model, p.schema)?.kind === "object")) lines.push("## Structure", "", ...tree, "");
    lines.push(...legacySection(ctx), ...rulesSection(model));
  }
  lines.push(...definitionsSection(ctx, definitionUses), ...examplesSection(model));
  return lines.join("\n").replace(/\n+$/, "\n");
}

function indexPage(set: SchemaSet, operations: Map<string, string[]>): string {
  const bySource = new Map<string, Model[]>();
  for (const model of set.models.values()) bySource.set(model.source, [...(bySource.get(model.source) ?? []), model]);
  const responses = set.topLevel.map((name) => set.models.get(name)!);
  const lines = [
    "# Payment models",
    "",
    "Reference of every model defined in `schemas/`, generated from the same JSON Schemas as the types and validators. One page per model; each field links to the model it holds.",
    "",
    `Response models: ${responses.map((m) => `${modelLink(null, m)} (${(operations.get(m.name) ?? []).map(code).join(", ")})`).join(", ")}.`,
    "",
    "These pages ship joined into one HTML file as `@org/payment-docs/api-reference.html`, next to `@org/payment-docs/playground.html`, a page that validates payloads you paste into it (offline, with the validators of `@org/payment-validators`).",
    "",
    `Schema set hash: ${code(set.hash)} (the same in every package generated from this schema set).`,
    "",
  ];
  for (const source of [...bySource.keys()].sort()) {
    lines.push(`<a id="${sourceAnchor(source)}"></a>`, `## ${source}`, "", `Models in ${code(`schemas/${source}/`)}:`, "");
    for (const model of bySource.get(source)!) {
      lines.push(`- ${modelLink(null, model)} (${model.kind}): ${firstSentence(String(model.schema.description ?? ""))}`);
    }
    lines.push("");
  }
  return lines.join("\n").replace(/\n+$/, "\n");
}

export function emitDocs(set: SchemaSet): GeneratedFiles {
  const operations = operationsByModel(set);
  const usages = usagesByModel(set);
  const definitionUses = definitionUsages(set);
  const files: GeneratedFiles = new Map();
  files.set(DOCS_INDEX, withHeader(DOCS_INDEX, indexPage(set, operations)));
  for (const model of set.models.values()) {
    const path = modelPagePath(model);
    files.set(path, withHeader(path, modelPage(set, model, operations.get(model.name) ?? [], usages.get(model.name) ?? [], definitionUses)));
  }
  return files;
}
