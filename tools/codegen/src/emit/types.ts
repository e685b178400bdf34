// types: one TypeScript declaration per named schema (json-schema-to-typescript), the runtime
// arrays of enum values, and the tolerant-mode counterparts of the models.
import { type GeneratedFiles, compileType, prettyTypeScript, withHeader } from "../emitter.js";
import { Memo } from "../memo.js";
import { ENUM_DESCRIPTIONS, PROVIDER_EXTENSIBLE } from "../model/keywords.js";
import type { Model, NamedDefinition, SchemaSet } from "../model/schema-set.js";
import { type JsonObject, isObject, walkSchema } from "../model/schema-walk.js";
import { enumValuesConstName, tolerantName } from "../names.js";
import { type TypeViewOptions, typeView } from "./types/type-view.js";
import { type DiscriminatedUnion, type UnionVariant, discriminatedUnion } from "../model/union-variants.js";
import { OUTPUTS } from "../outputs.js";

// json-schema-to-typescript sees only the view below (every $ref already a tsType): its output is a
// function of that view and the name, so a watch run compiles only the views an edit changed.
const compiled = new Memo<Promise<string>>("json-schema-to-typescript, per declaration");

async function declaration(set: SchemaSet, model: Model, options: TypeViewOptions, name: string, description?: string): Promise<string> {
  const view = typeView(set, model, options);
  const schema: Record<string, unknown> = { ...view, title: name };
  if (description !== undefined) schema.description = description;
  if (options.open) schema.description = `${String(schema.description ?? "")}\n\nTolerant view of {@link ${model.name}}: unknown properties are accepted and kept.`;
  const ts = await compiled.get(
    () => JSON.stringify([name, schema]),
    () =>
      compileType(schema, name, {
        bannerComment: "",
        declareExternallyReferenced: false,
        additionalProperties: false,
        strictIndexSignatures: false,
        format: false,
        unknownAny: true,
      }),
  );
  return ts.trim();
}

/** What an enum value of the discriminator means (x-enum-descriptions), if the schema says. */
function valueMeaning(set: SchemaSet, model: Model, discriminator: JsonObject, value: unknown): string {
  const owner = typeof discriminator.$ref === "string" ? set.modelForRef(model.id, discriminator.$ref)?.schema : discriminator;
  const meanings = owner?.[ENUM_DESCRIPTIONS];
  return isObject(meanings) && typeof value === "string" && typeof meanings[value] === "string" ? `: ${meanings[value]}` : "";
}

/** The model as a discriminated union (see union-variants.ts): the interface of every field as
 *  declared, one interface per variant extending it with the fields the rules narrow, the union, and
 *  (string discriminators) the map from value to variant. `tolerant`: the Tolerant* counterparts,
 *  plus the variant of an unrecognized value when the discriminator's enum is provider-extensible. */
async function unionDeclarations(set: SchemaSet, model: Model, union: DiscriminatedUnion, tolerant: boolean): Promise<string[]> {
  const nameOf = (name: string) => (tolerant ? tolerantName(name) : name);
  const refName = tolerant ? tolerantName : undefined;
  const d = union.discriminator;
  const properties = model.schema.properties as JsonObject;
  const required = new Set(Array.isArray(model.schema.required) ? model.schema.required.map(String) : []);
  const dSchema = properties[d] as JsonObject;
  const fields = nameOf(union.fieldsName);
  const self = nameOf(model.name);
  // Every declaration is asked for before any is awaited: json-schema-to-typescript compiles them in
  // its worker (emitter.ts) while this thread goes on.
  const fieldsDeclaration = declaration(
    set,
    model,
    tolerant ? { open: true, refName } : {},
    fields,
    `Every field of {@link ${self}} as the schema declares it, before the cross-field rules narrow them by \`${d}\`: what its variants share. Type payloads as {@link ${self}}.`,
  );
  const variants: UnionVariant[] = [...union.variants, ...(tolerant && union.unrecognized ? [union.unrecognized] : [])];
  const variantDeclarations = variants.map(async (variant) => {
    const name = variant.name === union.unrecognized?.name ? variant.name : nameOf(variant.name);
    const discriminatorSchema: JsonObject =
      variant.value === undefined
        ? { description: String(dSchema.description ?? ""), tsType: "UnrecognizedEnumValue" }
        : { ...(typeof dSchema.description === "string" ? { description: dSchema.description } : {}), const: variant.value };
    const which =
      variant.value === undefined ? `holds a \`${d}\` this version of the schema does not know (reported as a warning)` : `whose \`${d}\` is \`${String(variant.value)}\`${valueMeaning(set, model, dSchema, variant.value)}`;
    const rules = variant.rules.length > 0 ? `\n\nThe schema's rules for it:\n${variant.rules.map((r) => `- ${r}`).join("\n")}` : "";
    const members: JsonObject = { [d]: discriminatorSchema, ...variant.properties };
    const schema: JsonObject = {
      type: "object",
      properties: members,
      required: Object.keys(members).filter((p) => required.has(p) || variant.required.includes(p)),
      additionalProperties: false,
    };
    const ts = await declaration(set, { ...model, schema }, refName ? { refName } : {}, name, `A {@link ${self}} ${which}${which.endsWith(".") ? "" : "."}${rules}`);
    const header = `export interface ${name} {`;
    if (!ts.includes(header)) throw new Error(`json-schema-to-typescript did not declare ${header}`);
    return ts.replace(header, `export interface ${name} extends ${fields} {`);
  });
  const out = await Promise.all([fieldsDeclaration, ...variantDeclarations]);
  const names = variants.map((v) => (v.name === union.unrecognized?.name ? v.name : nameOf(v.name)));
  const head: string[] = [];
  head.push(
    [
      "/**",
      ...String(model.schema.description ?? "")
        .split("\n")
        .map((l) => ` * ${l}`.trimEnd()),
      " *",
      ` * A discriminated union on \`${d}\`, one variant per value, each with the schema's cross-field rules applied:`,
      ` * narrow with \`if (x.${d} === ...)\` or an exhaustive \`switch (x.${d})\`.`,
      ...(tolerant ? [` *`, ` * Tolerant view of {@link ${model.name}}: unknown properties are accepted and kept.`] : []),
      ...(tolerant && union.unrecognized
        ? [
            ` *`,
            ` * \`${d}\` is provider-extensible: an unrecognized value is {@link ${union.unrecognized.name}} (every rule's \`else\`),`,
            ` * so a \`switch\` over the known values needs a default branch. TypeScript does not narrow this union`,
            ` * by comparing \`${d}\` with a known value (a branded string may equal it); {@link ${model.name}} does.`,
          ]
        : []),
      " */",
      `export type ${self} = ${names.join(" | ")};`,
    ].join("\n"),
  );
  if (union.byValueName) {
    const byValue = nameOf(union.byValueName);
    head.push(
      [
        `/** Each variant of {@link ${self}} by its \`${d}\`: \`${byValue}[S]\` is the ${self} whose \`${d}\` is \`S\`. */`,
        `export interface ${byValue} {`,
        ...union.variants.map((v) => `  ${JSON.stringify(v.value)}: ${nameOf(v.name)};`),
        "}",
      ].join("\n"),
    );
  }
  return [...head, ...out];
}

/** A model's declarations: the flat interface, or its discriminated union; a rule the union cannot
 *  express is named in the flat interface's description (and printed by codegen). */
async function modelDeclarations(set: SchemaSet, model: Model, tolerant: boolean): Promise<string[]> {
  const { union, note } = discriminatedUnion(set, model);
  if (union) return unionDeclarations(set, model, union, tolerant);
  const options: TypeViewOptions = tolerant ? { open: true, refName: tolerantName } : {};
  const description = note ? `${String(model.schema.description ?? "")}\n\nNot a discriminated union: ${note.message} (${note.file}#${note.pointer}).` : undefined;
  return [await declaration(set, model, options, tolerant ? tolerantName(model.name) : model.name, description)];
}

/** The runtime array of an enum type's values (a model's, or a named definition's). */
function enumValues(typeName: string, schema: JsonObject): string {
  const constName = enumValuesConstName(typeName);
  const values = JSON.stringify(schema.enum);
  return [
    `/** Every value of {@link ${typeName}}, in schema order. */`,
    `export const ${constName} = ${values} as const satisfies readonly ${typeName}[];`,
    `// Fails to compile if the type has a value the array lacks (both come from the same schema).`,
    `type _${constName}_covers_${typeName} = AssertNever<Exclude<${typeName}, (typeof ${constName})[number]>>;`,
  ].join("\n");
}

/** The tolerant counterpart of an enum type: its values, plus an unrecognized one if provider-extensible. */
function tolerantEnum(typeName: string, schema: JsonObject): string {
  const extensible = schema[PROVIDER_EXTENSIBLE] === true;
  return [
    `/** {@link ${typeName}} as tolerant validation accepts it${extensible ? ": the known values, or an unrecognized one (reported as a warning)" : " (not provider-extensible: the known values only)"}. */`,
    `export type ${tolerantName(typeName)} = ${typeName}${extensible ? " | UnrecognizedEnumValue" : ""};`,
  ].join("\n");
}

/** Whether a schema's tolerant type differs from its strict one: it holds an object (open in
 *  tolerant mode) or refers to a model or named definition (whose Tolerant* type it then uses). */
function hasTolerantView(set: SchemaSet, schema: JsonObject): boolean {
  let differs = false;
  walkSchema(schema, (node, pointer) => {
    const types = Array.isArray(node.type) ? node.type : [node.type];
    if (typeof node.$ref === "string" || (pointer !== "" && set.definitionAt(node)) || types.includes("object") || ["properties", "additionalProperties", "patternProperties"].some((k) => k in node)) differs = true;
  });
  return differs;
}

/** Whether a named definition's Tolerant* type is declared from its strict type (an enum, or a
 *  schema without a tolerant view), which tolerant.ts then imports. */
function tolerantIsStrict(set: SchemaSet, definition: NamedDefinition): boolean {
  return !set.definitionAt(definition.schema) && (Array.isArray(definition.schema.enum) || !hasTolerantView(set, definition.schema));
}

/** A named `$defs` entry's declarations (see SchemaSet.definitions): an alias when the entry is
 *  only a reference to another one, the enum's values, or the entry's shape; `tolerant`: its
 *  Tolerant* counterpart. */
async function definitionDeclarations(set: SchemaSet, definition: NamedDefinition, tolerant: boolean): Promise<string[]> {
  const { schema } = definition;
  const where = `Defined in the schema at \`${definition.file}#${definition.pointer}\` and used by name wherever it is referenced.`;
  const description = `${String(schema.description ?? "")}\n\n${where}`.trim();
  const alias = set.definitionAt(schema);
  if (alias) {
    const [name, target] = tolerant ? [tolerantName(definition.name), tolerantName(alias.name)] : [definition.name, alias.name];
    return [
      `/**\n${description
        .split("\n")
        .map((l) => ` * ${l}`.trimEnd())
        .join("\n")}\n */\nexport type ${name} = ${target};`,
    ];
  }
  if (tolerant && Array.isArray(schema.enum)) return [tolerantEnum(definition.name, schema)];
  if (tolerant && tolerantIsStrict(set, definition)) {
    return [`/** {@link ${definition.name}} as tolerant validation accepts it: the same values (it holds no object and no other model). */\nexport type ${tolerantName(definition.name)} = ${definition.name};`];
  }
  // Its references resolve from the model whose folder they were restated for (NamedDefinition.base).
  const owner: Model = { ...set.models.get(definition.owner)!, id: definition.base, name: definition.name, schema };
  const declared = await declaration(set, owner, tolerant ? { open: true, refName: tolerantName } : {}, tolerant ? tolerantName(definition.name) : definition.name, description);
  return Array.isArray(schema.enum) ? [declared, enumValues(definition.name, schema)] : [declared];
}

export async function emitTypes(set: SchemaSet): Promise<GeneratedFiles> {
  // Every declaration, strict and tolerant, is asked for before any is awaited: json-schema-to-typescript
  // compiles them in its worker (emitter.ts), then prettier formats each file there, while this thread
  // (and the other emitters: generate.ts) go on.
  const strict = Promise.all([
    ...[...set.models.values()].map(async (model) => (model.kind === "enum" ? [await declaration(set, model, {}, model.name), enumValues(model.name, model.schema)] : modelDeclarations(set, model, false))),
    ...[...set.definitions.values()].map((definition) => definitionDeclarations(set, definition, false)),
  ]);
  const tolerantDeclarations = Promise.all([
    ...[...set.models.values()].map(async (model) => (model.kind === "enum" ? tolerantEnum(model.name, model.schema) : (await modelDeclarations(set, model, true)).join("\n"))),
    ...[...set.definitions.values()].map(async (definition) => (await definitionDeclarations(set, definition, true)).join("\n")),
  ]);
  const modelsText = strict.then((declarations) => prettyTypeScript(["type AssertNever<T extends never> = T;", ...declarations.flat()], true));

  // One chunk per model (prettyTypeScript): the preamble is followed by a blank line, the models are not.
  const preamble = [
    `import type { ${[...[...set.models.values()].filter((m) => m.kind === "enum").map((m) => m.name), ...[...set.definitions.values()].filter((d) => tolerantIsStrict(set, d)).map((d) => d.name)].join(", ")} } from "./models.js";`,
    "",
    "declare const unrecognized: unique symbol;",
    "/** A value of a provider-extensible enum that this version of the schema does not know.",
    " *  Branded so that an exhaustive `switch` over the known values still needs a default branch. */",
    "export type UnrecognizedEnumValue = string & { readonly [unrecognized]: true };",
  ].join("\n");
  const tolerantText = tolerantDeclarations.then((declarations) => prettyTypeScript([preamble, ...declarations], false));

  const [modelsSource, tolerantSource] = await Promise.all([modelsText, tolerantText]);
  const files: GeneratedFiles = new Map();
  const models = `${OUTPUTS.types}/models.ts`;
  const tolerantFile = `${OUTPUTS.types}/tolerant.ts`;
  files.set(models, withHeader(models, modelsSource));
  files.set(tolerantFile, withHeader(tolerantFile, tolerantSource));
  return files;
}
