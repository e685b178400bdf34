// schemas: the canonical JSON Schemas as shipped files (for any language and tool) and as JS
// objects (for TypeScript consumers), plus the hash of the schema set they came from.
import { GENERATED_NOTICE, type GeneratedFiles, jsonText, withHeader } from "../emitter.js";
import { exactJson } from "../model/exact-numbers.js";
import type { SchemaSet } from "../model/schema-set.js";
import { BUNDLED_DIR, bundledSchema } from "./schemas/bundle.js";
import { openapiDocument } from "./openapi.js";
import { OUTPUTS } from "../outputs.js";
import { schemaConstName } from "../names.js";

export function emitSchemas(set: SchemaSet): GeneratedFiles {
  const files: GeneratedFiles = new Map();
  for (const model of set.models.values()) {
    files.set(`${OUTPUTS.schemaData}/schemas/${model.file.replace(/^schemas\//, "")}`, jsonText(model.schema));
  }
  const bundled = set.topLevel.map((name) => [name, bundledSchema(set, set.models.get(name)!)] as const);
  for (const [name, schema] of bundled) files.set(`${OUTPUTS.schemaData}/${BUNDLED_DIR}/${name}.schema.json`, jsonText(schema));
  files.set(
    `${OUTPUTS.schemaData}/README.md`,
    withHeader(
      ".md",
      `# Generated data\n\n${GENERATED_NOTICE}\n\n- \`schemas/\`: the canonical JSON Schemas (2020-12), one file per model.\n- \`bundled/\`: one self-contained schema per top-level model (every model it uses under \`$defs\`, every \`$ref\` inside the file).\n- \`openapi.json\`: the OpenAPI 3.1 document.\n\nSchema set hash: \`${set.hash}\`\n`,
    ),
  );

  const lines: string[] = [];
  for (const model of set.models.values()) {
    lines.push(`/** JSON Schema of the ${model.name} model (${model.file}). */`);
    lines.push(`export const ${schemaConstName(model.name)} = ${exactJson(model.schema)} as const;`);
  }
  lines.push(`/** Every schema by model name. */`);
  lines.push(`export const schemas = { ${[...set.models.keys()].map((n) => `${n}: ${schemaConstName(n)}`).join(", ")} } as const;`);
  lines.push(`/** Self-contained schema of each top-level model (also shipped as bundled/<Model>.schema.json). */`);
  lines.push(`export const bundledSchemas = { ${bundled.map(([name, schema]) => `${name}: ${exactJson(schema)}`).join(", ")} } as const;`);
  lines.push(`/** Names of the models an API operation answers with. */`);
  lines.push(`export const topLevelModels = ${JSON.stringify(set.topLevel)} as const;`);
  lines.push(`/** The OpenAPI 3.1 document (also shipped as openapi.json). */`);
  lines.push(`export const openapiDocument = ${exactJson(openapiDocument(set))} as const;`);
  lines.push(`/** sha256 of the schema files this package was generated from. */`);
  lines.push(`export const schemaSetHash = ${JSON.stringify(set.hash)};`);
  const index = `${OUTPUTS.schemaModule}/index.ts`;
  files.set(index, withHeader(index, lines.join("\n")));
  return files;
}
