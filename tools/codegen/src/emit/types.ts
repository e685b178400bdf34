// types: one TypeScript declaration per named schema (json-schema-to-typescript), the runtime
// arrays of enum values, and the tolerant-mode counterparts of the models.
import { compile } from "json-schema-to-typescript";
import { format } from "prettier";
import { type GeneratedFiles, withHeader } from "../emitter.js";
import { PROVIDER_EXTENSIBLE } from "../keywords.js";
import type { Model, SchemaSet } from "../load.js";
import { enumValuesConstName, tolerantName } from "./names.js";
import { type TypeViewOptions, typeView } from "./type-view.js";

export const TYPES_DIR = "packages/payment-types/src/generated";

async function declaration(set: SchemaSet, model: Model, options: TypeViewOptions, name: string): Promise<string> {
  const view = typeView(set, model, options);
  const schema: Record<string, unknown> = { ...view, title: name };
  if (options.open) schema.description = `${String(view.description ?? "")}\n\nTolerant view of {@link ${model.name}}: unknown properties are accepted and kept.`;
  const ts = await compile(schema as never, name, {
    bannerComment: "",
    declareExternallyReferenced: false,
    additionalProperties: false,
    strictIndexSignatures: false,
    format: false,
    unknownAny: true,
  });
  return ts.trim();
}

function enumValues(model: Model): string {
  const constName = enumValuesConstName(model.name);
  const values = JSON.stringify(model.schema.enum);
  return [
    `/** Every value of {@link ${model.name}}, in schema order. */`,
    `export const ${constName} = ${values} as const satisfies readonly ${model.name}[];`,
    `// Fails to compile if the type has a value the array lacks (both come from the same schema).`,
    `type _${constName}_covers_${model.name} = AssertNever<Exclude<${model.name}, (typeof ${constName})[number]>>;`,
  ].join("\n");
}

export async function emitTypes(set: SchemaSet): Promise<GeneratedFiles> {
  const parts: string[] = ["type AssertNever<T extends never> = T;"];
  for (const model of set.models.values()) {
    parts.push(await declaration(set, model, {}, model.name));
    if (model.kind === "enum") parts.push(enumValues(model));
  }

  const tolerant: string[] = [
    `import type { ${[...set.models.values()].filter((m) => m.kind === "enum").map((m) => m.name).join(", ")} } from "./models.js";`,
    "",
    "declare const unrecognized: unique symbol;",
    "/** A value of a provider-extensible enum that this version of the schema does not know.",
    " *  Branded so that an exhaustive `switch` over the known values still needs a default branch. */",
    "export type UnrecognizedEnumValue = string & { readonly [unrecognized]: true };",
  ];
  for (const model of set.models.values()) {
    const name = tolerantName(model.name);
    if (model.kind === "enum") {
      const extensible = model.schema[PROVIDER_EXTENSIBLE] === true;
      tolerant.push(
        `/** {@link ${model.name}} as tolerant validation accepts it${extensible ? ": the known values, or an unrecognized one (reported as a warning)" : " (not provider-extensible: the known values only)"}. */`,
        `export type ${name} = ${model.name}${extensible ? " | UnrecognizedEnumValue" : ""};`,
      );
    } else {
      tolerant.push(await declaration(set, model, { open: true, refName: (m) => tolerantName(m.name) }, name));
    }
  }

  const files: GeneratedFiles = new Map();
  const models = `${TYPES_DIR}/models.ts`;
  const tolerantFile = `${TYPES_DIR}/tolerant.ts`;
  files.set(models, withHeader(models, await format(parts.join("\n\n"), { parser: "typescript", printWidth: 120 })));
  files.set(tolerantFile, withHeader(tolerantFile, await format(tolerant.join("\n"), { parser: "typescript", printWidth: 120 })));
  return files;
}
