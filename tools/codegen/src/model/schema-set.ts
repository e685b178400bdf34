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
}

export const SCHEMA_SUFFIX = ".schema.json";
export const API_FILE = "schemas/api.json";
