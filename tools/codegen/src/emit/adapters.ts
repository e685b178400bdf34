// adapters: for every model with legacy fields, the typed helpers both sides of the legacy-field
// migration need (toLegacyX, withLegacyFieldsX, legacyDriftX, withoutLegacyFieldsX) and the types
// they speak (LegacyX, CanonicalX, XWithoutLegacyFields), all read from the x-legacy annotations.
import { type GeneratedFiles, withHeader } from "../emitter.js";
import type { Model, SchemaSet } from "../model/schema-set.js";
import { isObject } from "../model/schema-walk.js";
import { flatFields, legacyFieldTable, legacyFields, modelsWithLegacyFields, pathType } from "../model/legacy-fields.js";
import { legacyNote } from "./types/type-view.js";
import { discriminatedUnion } from "../model/union-variants.js";
import { OUTPUTS } from "../outputs.js";
import { adapterNames } from "../names.js";
import { LEGACY_RUNTIME, LEGACY_RUNTIME_FILE } from "../runtime/sources.js";

function union(keys: readonly string[]): string {
  return keys.length === 0 ? "never" : keys.map((k) => JSON.stringify(k)).join(" | ");
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

function jsdoc(lines: readonly string[], indent = ""): string {
  const text = lines.join("\n").replace(/\*\//g, "*\\/").split("\n");
  return [`${indent}/**`, ...text.map((l) => `${indent} * ${l}`.trimEnd()), `${indent} */`].join("\n");
}

/** For a discriminated union whose discriminator a producer must always give (it is no replaced
 *  legacy key): the map from value to variant, so each function answers with the variant it got. */
function variantKey(set: SchemaSet, model: Model): { map: string; key: string } | undefined {
  const { union } = discriminatedUnion(set, model);
  const replaced = legacyFields(model)
    .filter((f) => f.replacedBy !== null)
    .map((f) => f.name);
  return union?.byValueName !== undefined && !replaced.includes(union.discriminator) ? { map: union.byValueName, key: union.discriminator } : undefined;
}

function modelAdapters(set: SchemaSet, model: Model): string {
  const n = adapterNames(model.name);
  const fields = legacyFields(model);
  const replaced = fields.filter((f) => f.replacedBy !== null).map((f) => f.name);
  const flat = flatFields(set, model);
  const properties = isObject(model.schema.properties) ? model.schema.properties : {};
  const describe = (name: string) => {
    const p = properties[name];
    return isObject(p) && typeof p.description === "string" ? p.description : name;
  };

  // Every type is generic over the model's variants (V, distributed one by one): a model that is a
  // discriminated union (union-variants.ts) keeps its variants apart through Omit and Pick.
  const legacyMembers = [
    ...flat.map((name) => `${jsdoc([describe(name)], "    ")}\n    ${propertyKey(name)}: V[${JSON.stringify(name)}];`),
    ...fields.map((f) => {
      const source = f.replacedBy === null ? `Nothing replaces it yet: taken from \`${f.name}\` as sent.` : `Taken from \`${f.replacedBy}\` when that is present, from \`${f.name}\` otherwise.`;
      const type = f.replacedBy === null ? `V[${JSON.stringify(f.name)}]` : `V[${JSON.stringify(f.name)}] | ${pathType("V", f.replacementPath)}`;
      // null stands in for an absent replaced field; a field nothing replaces is required, so as sent.
      return `${jsdoc([f.description, "", source], "    ")}\n    ${propertyKey(f.name)}${f.nullable ? "" : "?"}: ${type}${f.nullable && f.replacedBy !== null ? " | null" : ""};`;
    }),
  ];
  const variants = `V extends ${model.name} = ${model.name}`;
  const keyed = variantKey(set, model);
  const generic = keyed ? `<C extends ${n.canonicalType}>` : "";
  const input = keyed ? "C" : n.canonicalType;
  const variantOf = keyed ? `${keyed.map}[C[${JSON.stringify(keyed.key)}]]` : model.name;

  return [
    jsdoc([`The legacy fields of {@link ${model.name}}, read from the x-legacy annotations of its schema.`]),
    `export const ${n.fields} = ${legacyFieldTable(model)};`,
    "",
    `const ${n.fields}Flat = ${JSON.stringify(flat)} as const;`,
    "",
    `/** Every legacy key of {@link ${model.name}}. */`,
    `export type ${n.legacyKey} = ${union(fields.map((f) => f.name))};`,
    `/** The legacy keys of {@link ${model.name}} that a canonical field replaces. */`,
    `export type ${n.replacedKey} = ${union(replaced)};`,
    "",
    jsdoc([`{@link ${model.name}} as a producer builds it: the legacy keys a canonical field replaces are optional,`, `because {@link ${n.withLegacy}} fills them in.`]),
    `export type ${n.canonicalType}<${variants}> = V extends unknown ? Omit<V, ${n.replacedKey}> & Partial<Pick<V, ${n.replacedKey}>> : never;`,
    "",
    `/** {@link ${model.name}} as a client that has migrated reads it: without any legacy key. */`,
    `export type ${n.withoutType}<${variants}> = V extends unknown ? Omit<V, ${n.legacyKey}> : never;`,
    "",
    jsdoc([`The legacy flat view of {@link ${model.name}} that clients predating the enriched payload read:`, `its flat (non-object) fields and its legacy fields, each legacy value resolved from its replacement.`]),
    `export type ${n.legacyType}<${variants}> = V extends unknown`,
    "  ? {",
    legacyMembers.join("\n"),
    "  }",
    "  : never;",
    "",
    jsdoc([
      `The legacy flat view of a {@link ${model.name}}: ${flat.map((f) => `\`${f}\``).join(", ")} as sent, and`,
      ...fields.map((f) => `- \`${f.name}\`: ${f.replacedBy === null ? "as sent (nothing replaces it yet)" : `from \`${f.replacedBy}\` when present, else as sent`}`),
      "Never mutates its input; keys such as `__proto__` stay plain keys.",
    ]),
    `export function ${n.toLegacy}${generic}(result: ${input}): ${n.legacyType}<${variantOf}> {`,
    `  return toLegacy(result, ${n.fields}, ${n.fields}Flat) as unknown as ${n.legacyType}<${variantOf}>;`,
    "}",
    "",
    jsdoc([
      `For producers: a copy of \`result\` whose legacy fields are filled from their canonical replacements, so the`,
      `two can never disagree (null when the replacement is absent):`,
      ...fields.filter((f) => f.replacedBy !== null).map((f) => `- \`${f.name}\` <- \`${f.replacedBy}\``),
      "Never mutates its input.",
    ]),
    `export function ${n.withLegacy}${generic}(result: ${input}): ${variantOf} {`,
    `  return withLegacyFields(result, ${n.fields}) as unknown as ${variantOf};`,
    "}",
    "",
    jsdoc([`Every legacy field of \`result\` whose value disagrees with its canonical replacement (both JSON Pointers,`, `both values); empty when consistent. Accepts any value and never throws: consumers log it.`]),
    `export function ${n.drift}(result: unknown): LegacyDrift[] {`,
    `  return legacyDrift(result, ${n.fields});`,
    "}",
    "",
    jsdoc([
      `The payload as a client that has migrated sees it: a copy without ${fields.map((f) => `\`${f.name}\``).join(", ")}.`,
      ...fields.map((f) => `- \`${f.name}\`: ${legacyNote(f.replacedBy)}`),
      "Never mutates its input.",
    ]),
    `export function ${n.without}${generic}(result: ${input}): ${n.withoutType}<${variantOf}> {`,
    `  return withoutLegacyFields(result, ${n.fields}) as unknown as ${n.withoutType}<${variantOf}>;`,
    "}",
  ].join("\n");
}

export function emitAdapters(set: SchemaSet): GeneratedFiles {
  const files: GeneratedFiles = new Map();
  const models = modelsWithLegacyFields(set);
  const runtime = `${OUTPUTS.adapters}/${LEGACY_RUNTIME_FILE}`;
  files.set(runtime, withHeader(runtime, LEGACY_RUNTIME));

  const body = [
    models.length > 0 ? `import type { ${models.flatMap((m) => [m.name, ...(variantKey(set, m) ? [variantKey(set, m)!.map] : [])]).join(", ")} } from "@org/payment-types";` : "",
    `import { type LegacyDrift, type LegacyFieldSpec, legacyDrift, toLegacy, withLegacyFields, withoutLegacyFields } from "./legacy-runtime.js";`,
    "",
    `export type { LegacyDrift, LegacyFieldSpec } from "./legacy-runtime.js";`,
    "",
    `/** The models that have legacy fields, by name. */`,
    `export const legacyModels = ${JSON.stringify(models.map((m) => m.name))} as const;`,
    "",
    ...models.map((m) => `${modelAdapters(set, m)}\n`),
  ].filter((line, i) => i > 0 || line !== "");
  const index = `${OUTPUTS.adapters}/index.ts`;
  files.set(index, withHeader(index, body.join("\n")));
  return files;
}
