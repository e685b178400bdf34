// schema-set: the schema files exactly as written (schemas/**/*.schema.json and schemas/api.json,
// byte for byte), shipped in @org/payment-schemas so that `schema:diff --base published` can load
// the last published release with the same loader as the working tree and compare the two.
import { type GeneratedFiles, withHeader } from "../emitter.js";
import type { SchemaSet } from "../model/schema-set.js";
import { OUTPUTS } from "../outputs.js";

export function emitSchemaSources(set: SchemaSet): GeneratedFiles {
  const files: GeneratedFiles = new Map();
  for (const [file, text] of set.texts) files.set(`${OUTPUTS.schemaSources}/${file}`, text);
  const readme = `# The schema set as written

\`schemas/\` holds the hand-written schema files this release was generated from, byte for byte
(\`*.schema.json\` and the operations in \`api.json\`), so tools can load this release exactly as the
repository did: \`pnpm schema:diff --base published\` compares a working tree with them. Their
sha256 is \`${set.hash}\`, the \`paymentSchemas.hash\` of this package's \`package.json\`.
`;
  files.set(`${OUTPUTS.schemaSources}/README.md`, withHeader(".md", readme));
  return files;
}
