// The loaded schema set's shape: what every emitter, rule and tool reads. load.ts builds it.
import type { JsonObject } from "./schema-walk.js";

export interface Model {
  /** Type name: the schema's `title`, which must equal the file's base name. */
  readonly name: string;
  /** Repository-relative path, with forward slashes (e.g. `schemas/adyen/Amount.schema.json`). */
  readonly file: string;
  /** The folder under schemas/ the model lives in: its source (`adyen`, `gateway`). */
  readonly source: string;
  readonly id: string;
  readonly schema: JsonObject;
  readonly kind: "object" | "enum";
  /** Names of the models this one references, directly. */
  readonly references: readonly string[];
}

/** A `$defs` entry some `$ref` names (directly, by its `$anchor`, or through a chain): a named type
 *  of its own in the types and docs. Validators, fixtures and published schemas carry it inline. */
export interface NamedDefinition {
  /** Type name: the entry's `title` in PascalCase, else its model's name and its key in PascalCase. */
  readonly name: string;
  /** The model whose file holds the entry. */
  readonly owner: string;
  readonly file: string;
  /** Where the entry is in its file: `/$defs/<key>`. */
  readonly pointer: string;
  /** The entry with its references inlined; a named definition it uses is still one (definitionAt). */
  readonly schema: JsonObject;
  /** The `$id` its whole-file `$ref`s resolve against (load restates them for the model whose
   *  schema first inlined the entry). */
  readonly base: string;
}

export interface SchemaSet {
  /** Absolute path of the repository root the set was loaded from. */
  readonly root: string;
  /** Models by name, sorted by name. */
  readonly models: ReadonlyMap<string, Model>;
  /** The hand-written OpenAPI skeleton (schemas/api.json) with $refs to schema files. */
  readonly api: JsonObject;
  /** Models an API operation answers with: the ones that get validators and adapters. */
  readonly topLevel: readonly string[];
  /** sha256 over every schema file's path and bytes: which schema set a package was generated from. */
  readonly hash: string;
  /** The version the published packages share (one fixed release group), which the OpenAPI
   *  document states; undefined where no package manifest is (see package-stamp.ts). */
  readonly packageVersion: string | undefined;
  /** Every file the set was loaded from (schema files and api.json), repository-relative path ->
   *  text exactly as read: what @org/payment-schemas ships for `schema:diff --base published`. */
  readonly texts: ReadonlyMap<string, string>;
  /** Resolves a `$ref` found in `from` (a model, or the API document) to the model it names. */
  modelForRef(fromId: string, ref: string): Model | undefined;
  /** Every named `$defs` entry, by type name, sorted by name. */
  readonly definitions: ReadonlyMap<string, NamedDefinition>;
  /** The named definition a subschema of a model (or of a definition) is the inlined use of: the
   *  very object load produced (a copy, e.g. a narrowed or re-mapped node, is anonymous). */
  definitionAt(node: JsonObject): NamedDefinition | undefined;
}

export const SCHEMA_SUFFIX = ".schema.json";
export const API_FILE = "schemas/api.json";
