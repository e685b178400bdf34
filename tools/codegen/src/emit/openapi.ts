// openapi: an OpenAPI 3.1 document made of schemas/api.json (the operations) and every model as a
// component, plus the `paths`/`components` types openapi-typescript derives from it.
import openapiTS, { astToString } from "openapi-typescript";
import { GENERATED_NOTICE, type GeneratedFiles, jsonText, withHeader } from "../emitter.js";
import { Memo } from "../memo.js";
import { LEGACY } from "../model/keywords.js";
import { API_FILE, type SchemaSet } from "../model/schema-set.js";
import { type JsonObject, type JsonValue, isObject, mapSchema } from "../model/schema-walk.js";
import { OPENAPI_FILE, OUTPUTS, VERSION_MANIFEST } from "../outputs.js";

function componentRef(name: string): string {
  return `#/components/schemas/${name}`;
}

/** Rewrites every $ref to a schema file into a component $ref, anywhere in `value`. */
function rewriteRefs(set: SchemaSet, fromId: string, value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(set, fromId, v));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = key === "$ref" && typeof v === "string" ? componentRef(set.modelForRef(fromId, v)!.name) : rewriteRefs(set, fromId, v);
  }
  return out;
}

export function openapiDocument(set: SchemaSet): JsonObject {
  const schemas: JsonObject = {};
  for (const model of set.models.values()) {
    const component = mapSchema(model.schema, (node) => {
      const { $schema: _s, $id: _i, ...rest } = node;
      // OpenAPI tools (Redoc, client generators) know `deprecated`, not our x-legacy annotation.
      return LEGACY in rest ? { ...rest, deprecated: true } : rest;
    });
    schemas[model.name] = rewriteRefs(set, model.id, component);
  }
  const { $comment: _c, ...api } = set.api;
  // The document describes the models of one release of the packages: it states their version.
  if (set.packageVersion === undefined) throw new Error(`codegen: ${VERSION_MANIFEST} is missing or has no version; the OpenAPI document's info.version is that version`);
  const info = { ...(isObject(api.info) ? api.info : {}), version: set.packageVersion };
  return {
    ...(rewriteRefs(set, API_FILE, { ...api, info }) as JsonObject),
    "x-generated": GENERATED_NOTICE,
    "x-schema-set-hash": set.hash,
    components: { schemas },
  };
}

// openapi-typescript's output is a function of the document it reads. It reads the document without
// the two root x- fields, which it would not print anyway and of which the schema set's hash changes
// with every edit: an edit that leaves the types alone (an example) reuses the previous run's text.
const openapiTypes = new Memo<Promise<string>>("openapi-typescript");

export async function emitOpenapi(set: SchemaSet): Promise<GeneratedFiles> {
  const document = openapiDocument(set);
  const { "x-generated": _generated, "x-schema-set-hash": _hash, ...typed } = document;
  const types = await openapiTypes.get(
    () => JSON.stringify(typed),
    async () => astToString(await openapiTS(typed as never, { exportType: false, alphabetize: true })),
  );
  const typesFile = `${OUTPUTS.types}/openapi.ts`;
  return new Map([
    [OPENAPI_FILE, jsonText(document)],
    [typesFile, withHeader(typesFile, types)],
  ]);
}
