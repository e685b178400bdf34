// adapters: for every model with legacy fields, the typed helpers both sides of the legacy-field
// migration need (toLegacyX, withLegacyFieldsX, legacyDriftX, withoutLegacyFieldsX) and the types
// they speak (LegacyX, CanonicalX, XWithoutLegacyFields), all read from the x-legacy annotations.
import { type GeneratedFiles, withHeader } from "../emitter.js";
import type { Model, SchemaSet } from "../load.js";
import { isObject } from "../schema-walk.js";
import { LEGACY_RUNTIME, LEGACY_RUNTIME_FILE, adapterNames, flatFields, legacyFieldTable, legacyFields, modelsWithLegacyFields, pathType } from "./legacy.js";
import { legacyNote } from "./type-view.js";

export const ADAPTERS_DIR = "packages/payment-adapters/src/generated";

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

  const legacyMembers = [
    ...flat.map((name) => `${jsdoc([describe(name)], "  ")}\n  ${propertyKey(name)}: ${model.name}[${JSON.stringify(name)}];`),
    ...fields.map((f) => {
      const source = f.replacedBy === null ? `Nothing replaces it yet: taken from \`${f.name}\` as sent.` : `Taken from \`${f.replacedBy}\` when that is present, from \`${f.name}\` otherwise.`;
      const type = f.replacedBy === null ? `${model.name}[${JSON.stringify(f.name)}]` : `${model.name}[${JSON.stringify(f.name)}] | ${pathType(model.name, f.replacementPath)}`;
      return `${jsdoc([f.description, "", source], "  ")}\n  ${propertyKey(f.name)}${f.nullable ? "" : "?"}: ${type}${f.nullable ? " | null" : ""};`;
    }),
  ];

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
    jsdoc([
      `{@link ${model.name}} as a producer builds it: the legacy keys a canonical field replaces are optional,`,
      `because {@link ${n.withLegacy}} fills them in.`,
    ]),
    `export type ${n.canonicalType} = Omit<${model.name}, ${n.replacedKey}> & Partial<Pick<${model.name}, ${n.replacedKey}>>;`,
    "",
    `/** {@link ${model.name}} as a client that has migrated reads it: without any legacy key. */`,
    `export type ${n.withoutType} = Omit<${model.name}, ${n.legacyKey}>;`,
    "",
    jsdoc([
      `The legacy flat view of {@link ${model.name}} that clients predating the enriched payload read:`,
      `its flat (non-object) fields and its legacy fields, each legacy value resolved from its replacement.`,
    ]),
    `export interface ${n.legacyType} {`,
    legacyMembers.join("\n"),
    "}",
    "",
    jsdoc([
      `The legacy flat view of a {@link ${model.name}}: ${flat.map((f) => `\`${f}\``).join(", ")} as sent, and`,
      ...fields.map((f) => `- \`${f.name}\`: ${f.replacedBy === null ? "as sent (nothing replaces it yet)" : `from \`${f.replacedBy}\` when present, else as sent`}`),
      "Never mutates its input; keys such as `__proto__` stay plain keys.",
    ]),
    `export function ${n.toLegacy}(result: ${n.canonicalType}): ${n.legacyType} {`,
    `  return toLegacy(result, ${n.fields}, ${n.fields}Flat) as unknown as ${n.legacyType};`,
    "}",
    "",
    jsdoc([
      `For producers: a copy of \`result\` whose legacy fields are filled from their canonical replacements, so the`,
      `two can never disagree (null when the replacement is absent):`,
      ...fields.filter((f) => f.replacedBy !== null).map((f) => `- \`${f.name}\` <- \`${f.replacedBy}\``),
      "Never mutates its input.",
    ]),
    `export function ${n.withLegacy}(result: ${n.canonicalType}): ${model.name} {`,
    `  return withLegacyFields(result, ${n.fields}) as unknown as ${model.name};`,
    "}",
    "",
    jsdoc([
      `Every legacy field of \`result\` whose value disagrees with its canonical replacement (both JSON Pointers,`,
      `both values); empty when consistent. Accepts any value and never throws: consumers log it.`,
    ]),
    `export function ${n.drift}(result: unknown): LegacyDrift[] {`,
    `  return legacyDrift(result, ${n.fields});`,
    "}",
    "",
    jsdoc([
      `The payload as a client that has migrated sees it: a copy without ${fields.map((f) => `\`${f.name}\``).join(", ")}.`,
      ...fields.map((f) => `- \`${f.name}\`: ${legacyNote(f.replacedBy)}`),
      "Never mutates its input.",
    ]),
    `export function ${n.without}(result: ${n.canonicalType}): ${n.withoutType} {`,
    `  return withoutLegacyFields(result, ${n.fields}) as unknown as ${n.withoutType};`,
    "}",
  ].join("\n");
}

export function emitAdapters(set: SchemaSet): GeneratedFiles {
  const files: GeneratedFiles = new Map();
  const models = modelsWithLegacyFields(set);
  const runtime = `${ADAPTERS_DIR}/${LEGACY_RUNTIME_FILE}`;
  files.set(runtime, withHeader(runtime, LEGACY_RUNTIME));

  const body = [
    models.length > 0 ? `import type { ${models.map((m) => m.name).join(", ")} } from "@org/payment-types";` : "",
    `import { type LegacyDrift, type LegacyFieldSpec, legacyDrift, toLegacy, withLegacyFields, withoutLegacyFields } from "./legacy-runtime.js";`,
    "",
    `export type { LegacyDrift, LegacyFieldSpec } from "./legacy-runtime.js";`,
    "",
    `/** The models that have legacy fields, by name. */`,
    `export const legacyModels = ${JSON.stringify(models.map((m) => m.name))} as const;`,
    "",
    ...models.map((m) => `${modelAdapters(set, m)}\n`),
  ].filter((line, i) => i > 0 || line !== "");
  const index = `${ADAPTERS_DIR}/index.ts`;
  files.set(index, withHeader(index, body.join("\n")));
  return files;
}
