// fixtures: @org/payment-fixtures, from the schemas. For every named model a fast-check arbitrary
// that produces only valid values (arbitrary-code.ts), for every object model a factory makeX
// that starts from the schema's own examples, and for every top-level model its named scenarios
// (scenarios.ts). Models with legacy fields pass through withLegacyFieldsX, so generated legacy
// values always agree with their replacements, as strict validation demands.
import { type GeneratedFiles, prettyTypeScript, withHeader } from "../emitter.js";
import type { Model, SchemaSet } from "../model/schema-set.js";
import { referencedModel } from "../model/paths.js";
import { isObject } from "../model/schema-walk.js";
import { DATES, DATES_DECLARATION, arbitraryFor, conditionProperties, objectKey } from "./fixtures/arbitrary-code.js";
import { legacyFields } from "../model/legacy-fields.js";
import { scenarios } from "./fixtures/scenarios.js";
import { discriminatedUnion } from "../model/union-variants.js";
import { OUTPUTS } from "../outputs.js";
import { adapterNames, arbitraryName, factoryName, factorySpecName, scenarioNames, sharedPropertiesName } from "../names.js";

/** Models with every model they reference before them (load rejects $ref cycles). */
function dependencyOrder(set: SchemaSet): Model[] {
  const order: Model[] = [];
  const seen = new Set<string>();
  const visit = (model: Model) => {
    if (seen.has(model.name)) return;
    seen.add(model.name);
    for (const ref of model.references) visit(set.models.get(ref)!);
    order.push(model);
  };
  for (const model of set.models.values()) visit(model);
  return order;
}

function hasLegacy(model: Model): boolean {
  return model.kind === "object" && legacyFields(model).length > 0;
}

function legacyImports(models: readonly Model[]): string {
  const names = models.filter(hasLegacy).map((m) => adapterNames(m.name).withLegacy);
  return names.length > 0 ? `import { ${names.join(", ")} } from "@org/payment-adapters";` : "";
}

function typeImports(models: readonly Model[], extra: readonly string[] = []): string {
  return `import type { ${[...models.map((m) => m.name), ...extra].join(", ")} } from "@org/payment-types";`;
}

/** A model typed as a discriminated union with a value-to-variant map: its factory's overrides pick the variant. */
function variantMap(set: SchemaSet, model: Model): { map: string; key: string } | undefined {
  const { union } = discriminatedUnion(set, model);
  return union?.byValueName !== undefined ? { map: union.byValueName, key: union.discriminator } : undefined;
}

/** The arbitraries module, as chunks separated by blank lines (prettyTypeScript): imports, one per model, the table. */
function emitArbitraries(set: SchemaSet, models: readonly Model[]): string[] {
  const chunks: string[] = [];
  for (const model of models) {
    const declarations: string[] = [];
    const declare = (expression: string) => {
      const name = sharedPropertiesName(model.name, declarations.length);
      declarations.push(`/** Arbitraries of the ${model.name} properties that every case of its cross-field rules shares. */\nconst ${name} = ${expression};`);
      return name;
    };
    let arbitrary = arbitraryFor({ set, model, reference: (m: Model) => arbitraryName(m.name), declare }, model.schema, "");
    if (hasLegacy(model)) arbitrary = `${arbitrary}.map((value) => ${adapterNames(model.name).withLegacy}(value))`;
    chunks.push(
      [
        ...declarations,
        `/** Every valid ${model.name} (strict mode), derived from ${model.file}${hasLegacy(model) ? "; legacy fields agree with their replacements" : ""}. */`,
        `export const ${arbitraryName(model.name)}: fc.Arbitrary<${model.name}> = ${arbitrary};`,
      ].join("\n"),
    );
  }
  chunks.push(`/** Every model's arbitrary, by model name. */\nexport const arbitraries = { ${models.map((m) => `${m.name}: ${arbitraryName(m.name)}`).join(", ")} } as const;`);
  const uses = (name: string) => chunks.some((chunk) => new RegExp(`\\b${name}\\b`).test(chunk));
  const imports = [`import * as fc from "fast-check";`, typeImports(models), legacyImports(models)].filter(Boolean).join("\n");
  return [imports, ...(uses(DATES) ? [DATES_DECLARATION] : []), ...chunks];
}

/** The overloads of a union model's factory: the variant of the given discriminator value, else the union. */
function variantOverload(set: SchemaSet, model: Model): string[] {
  const keyed = variantMap(set, model);
  if (!keyed) return [];
  const key = objectKey(keyed.key);
  return [
    `export function ${factoryName(model.name)}<S extends keyof ${keyed.map}>(overrides: DeepPartial<${keyed.map}[S]> & { readonly ${key}: S }): ${keyed.map}[S];`,
    `export function ${factoryName(model.name)}(overrides?: DeepPartial<${model.name}>): ${model.name};`,
  ];
}

/** The factories module, as chunks separated by blank lines (prettyTypeScript): imports, one per
 *  object model, one per top-level model's scenarios. */
function emitFactories(set: SchemaSet, models: readonly Model[]): string[] {
  const objects = models.filter((m) => m.kind === "object");
  const maps = objects.flatMap((m) => variantMap(set, m)?.map ?? []);
  // An empty legacy import leaves a blank line between the other two, which prettier keeps.
  const chunks = [[typeImports(objects, maps), legacyImports(objects), `import { type DeepPartial, type FactorySpec, build, mergeOverrides } from "../factory.js";`].join("\n")];
  for (const model of objects) {
    const properties = isObject(model.schema.properties) ? model.schema.properties : {};
    const nested = Object.entries(properties)
      .map(([name, p]) => [name, isObject(p) ? referencedModel(p, model.id, set.modelForRef) : undefined] as const)
      .filter(([, m]) => m?.kind === "object")
      .map(([name, m]) => `${objectKey(name)}: ${factorySpecName(m!.name)}`);
    const legacy = legacyFields(model).filter((f) => f.replacedBy !== null);
    chunks.push(
      [
        `const ${factorySpecName(model.name)}: FactorySpec = {`,
        `  examples: ${JSON.stringify(model.schema.examples)},`,
        `  discriminants: ${JSON.stringify(conditionProperties(model.schema))},`,
        `  nested: { ${nested.join(", ")} },`,
        ...(hasLegacy(model) ? [`  legacy: { keys: ${JSON.stringify(legacy.map((f) => f.name))}, fill: ${adapterNames(model.name).withLegacy} },`] : []),
        "};",
        `/** A realistic, valid ${model.name}: the first example of its schema${
          conditionProperties(model.schema).length > 0
            ? ` that agrees with the overrides on ${conditionProperties(model.schema)
                .map((p) => `\`${p}\``)
                .join(", ")}`
            : ""
        }, with \`overrides\` deep-merged in${hasLegacy(model) ? "; legacy fields are refilled from their replacements unless the overrides set them" : ""}. Returns a fresh object every call.${variantMap(set, model) ? ` Given a \`${variantMap(set, model)!.key}\`, it is typed as that variant ({@link ${variantMap(set, model)!.map}}).` : ""} */`,
        ...variantOverload(set, model),
        `export function ${factoryName(model.name)}(overrides?: DeepPartial<${model.name}>): ${model.name} {`,
        `  return build(${factorySpecName(model.name)}, overrides) as ${model.name};`,
        "}",
      ].join("\n"),
    );
  }
  for (const name of set.topLevel) {
    const model = set.models.get(name)!;
    const list = scenarios(set, model);
    const scenario = scenarioNames(name);
    const table = scenario.internalTable;
    chunks.push(
      [
        `const ${table} = {`,
        ...list.map((s) => `  ${JSON.stringify(s.name)}: { example: ${s.example}, overrides: ${JSON.stringify(s.overrides)} },`),
        "} as const;",
        `/** The named scenarios of ${name}: one per value of every enum it holds. */`,
        `export type ${scenario.type} = keyof typeof ${table};`,
        `/** What each scenario of ${name} is. */`,
        `export const ${scenario.table}: Readonly<Record<${scenario.type}, string>> = {`,
        ...list.map((s) => `  ${JSON.stringify(s.name)}: ${JSON.stringify(s.description)},`),
        "};",
        `/** The ${name} of a named scenario (see {@link ${scenario.table}}), with \`overrides\` deep-merged in. */`,
        `export function ${scenario.factory}(scenario: ${scenario.type}, overrides?: DeepPartial<${name}>): ${name} {`,
        `  if (!Object.hasOwn(${table}, scenario)) throw new RangeError(\`unknown ${name} scenario "\${String(scenario)}"\`);`,
        `  const { example, overrides: own } = ${table}[scenario];`,
        `  return build(${factorySpecName(name)}, mergeOverrides(own, overrides), example) as ${name};`,
        "}",
      ].join("\n"),
    );
  }
  return chunks;
}

export async function emitFixtures(set: SchemaSet): Promise<GeneratedFiles> {
  const models = dependencyOrder(set);
  const files: GeneratedFiles = new Map();
  const arbitraries = `${OUTPUTS.fixtures}/arbitraries.ts`;
  const factories = `${OUTPUTS.fixtures}/factories.ts`;
  // Both handed to prettier (its worker) before either is awaited: it formats one while this builds the other.
  const [arbitrariesText, factoriesText] = await Promise.all([prettyTypeScript(emitArbitraries(set, models), true), prettyTypeScript(emitFactories(set, models), true)]);
  files.set(arbitraries, withHeader(arbitraries, arbitrariesText));
  files.set(factories, withHeader(factories, factoriesText));
  return files;
}
