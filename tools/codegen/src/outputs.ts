// Where codegen writes: the one table of output folders (repository-relative). Emitters and tools
// take their paths from here; no other module spells a package's folder.

const SCHEMAS_PACKAGE = "packages/payment-schemas";

/** Inside the @org/payment-schemas package folder: the schema set exactly as written, which
 *  `schema:diff --base published` reads back from an installed release. */
export const PUBLISHED_SCHEMA_SET_DIR = "generated/schema-set";

export const OUTPUTS = {
  /** @org/payment-types: models.ts, tolerant.ts, openapi.ts. */
  types: "packages/payment-types/src/generated",
  /** @org/payment-validators: standalone validators, shapes, checks. */
  validators: "packages/payment-validators/src/generated",
  /** @org/payment-adapters: legacy-field adapters and their runtime. */
  adapters: "packages/payment-adapters/src/generated",
  /** @org/payment-fixtures: arbitraries and factories. */
  fixtures: "packages/payment-fixtures/src/generated",
  /** @org/payment-docs: Markdown per model (the HTML is built from it). */
  docs: "packages/payment-docs/generated",
  /** @org/payment-schemas data: canonical and bundled schemas, openapi.json. */
  schemaData: `${SCHEMAS_PACKAGE}/generated`,
  /** @org/payment-schemas module: the schemas as importable values. */
  schemaModule: `${SCHEMAS_PACKAGE}/src/generated`,
  /** @org/payment-schemas: the schema set as written. */
  schemaSources: `${SCHEMAS_PACKAGE}/${PUBLISHED_SCHEMA_SET_DIR}`,
} as const;

export const OPENAPI_FILE = `${OUTPUTS.schemaData}/openapi.json`;

/** The manifest whose version the OpenAPI document states: the package that ships it. Every
 *  published package has the same version (one `fixed` group in .changeset/config.json). */
export const VERSION_MANIFEST = `${SCHEMAS_PACKAGE}/package.json`;
