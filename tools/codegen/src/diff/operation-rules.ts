// Rule family "operations": schemas/api.json, the HTTP operations that answer with the models.
// It feeds the OpenAPI document and the `paths`/`operations` types of @org/payment-types/openapi.
import { API_FILE, type SchemaSet } from "../model/schema-set.js";
import { type JsonObject, escapePointer, isObject } from "../model/schema-walk.js";
import { type ChangeDetail, type RuleDefinition, defineRules } from "./change.js";
import type { CompareContext } from "./context.js";
import { DOC_RULES } from "./doc-rules.js";
import { DOC_KEYWORDS, canonicalJson, deepEqual, equalIgnoringDocs } from "./json.js";
import { reportUnclassified } from "./unclassified-rules.js";

export const OPERATION_RULES = defineRules({
  removed: { id: "operation-removed", bump: "major", summary: "An API operation was removed: its entry in the OpenAPI document and the generated paths/operations types disappear." },
  added: { id: "operation-added", bump: "minor", summary: "A new API operation: new entries in the OpenAPI document and paths types." },
  responseChanged: { id: "operation-response-changed", bump: "major", summary: "An operation's response changed (another model, a status code or media type added or removed): consumers handle the old responses." },
  changed: { id: "operation-changed", bump: "major", summary: "Something other than documentation changed in an operation (operationId, parameters, request body): generated operation types change." },
});

/** The model name reported for changes in schemas/api.json. */
export const API_MODEL = "api";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const API_DOC_KEYWORDS: ReadonlySet<string> = new Set([...DOC_KEYWORDS, "summary", "tags", "externalDocs", "version"]);

export type ApiReporter = (rule: RuleDefinition, pointer: string, detail: ChangeDetail) => void;

function operationsOf(api: JsonObject): Map<string, { pointer: string; operation: JsonObject }> {
  const out = new Map<string, { pointer: string; operation: JsonObject }>();
  const paths = isObject(api.paths) ? api.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (isObject(operation)) out.set(`${method.toUpperCase()} ${path}`, { pointer: `/paths/${escapePointer(path)}/${method}`, operation });
    }
  }
  return out;
}

/** "status media-type" -> what the response carries: the model's (after-side) name, or its inline schema. */
function responsesOf(operation: JsonObject, set: SchemaSet, renames: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const responses = isObject(operation.responses) ? operation.responses : {};
  for (const [status, response] of Object.entries(responses)) {
    const content = isObject(response) && isObject(response.content) ? response.content : {};
    if (Object.keys(content).length === 0) out.set(status, "(no content)");
    for (const [mediaType, media] of Object.entries(content)) {
      const schema = isObject(media) ? media.schema : undefined;
      const ref = isObject(schema) && typeof schema.$ref === "string" ? set.modelForRef(API_FILE, schema.$ref)?.name : undefined;
      out.set(`${status} ${mediaType}`, ref !== undefined ? (renames.get(ref) ?? ref) : canonicalJson(schema));
    }
  }
  return out;
}

/** The operation without what responsesOf already compared (response bodies, and statuses the
 *  other side lacks), so each difference is reported once. */
function skeletonOf(operation: JsonObject, other: JsonObject): JsonObject {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const otherResponses = isObject(other.responses) ? other.responses : {};
  const kept: JsonObject = {};
  for (const [status, response] of Object.entries(responses)) {
    if (!(status in otherResponses) || !isObject(response)) continue;
    const { content: _compared, ...rest } = response;
    kept[status] = rest;
  }
  return { ...operation, responses: kept };
}

export function compareOperations(before: SchemaSet, after: SchemaSet, renames: ReadonlyMap<string, string>, report: ApiReporter): void {
  const was = operationsOf(before.api);
  const now = operationsOf(after.api);
  for (const [name, { pointer, operation }] of was) {
    if (!now.has(name)) report(OPERATION_RULES.removed, pointer, { before: name, message: `operation ${name}${typeof operation.operationId === "string" ? ` (${operation.operationId})` : ""} removed` });
  }
  for (const [name, { pointer, operation }] of now) {
    if (!was.has(name)) report(OPERATION_RULES.added, pointer, { after: name, message: `new operation ${name}${typeof operation.operationId === "string" ? ` (${operation.operationId})` : ""}` });
  }
  for (const [name, { pointer, operation }] of now) {
    const old = was.get(name)?.operation;
    if (!old) continue;
    const oldResponses = responsesOf(old, before, renames);
    const newResponses = responsesOf(operation, after, renames);
    for (const key of new Set([...oldResponses.keys(), ...newResponses.keys()])) {
      const a = oldResponses.get(key);
      const b = newResponses.get(key);
      if (a === b) continue;
      const [status = "", mediaType] = key.split(" ");
      const at = `${pointer}/responses/${escapePointer(status)}${mediaType ? `/content/${escapePointer(mediaType)}` : ""}`;
      report(OPERATION_RULES.responseChanged, at, {
        ...(a !== undefined ? { before: a } : {}),
        ...(b !== undefined ? { after: b } : {}),
        message: `${name} response ${key} ${a === undefined ? "added" : b === undefined ? "removed" : `changed from ${a} to ${b}`}: consumers handle the old responses`,
      });
    }
    const a = skeletonOf(old, operation);
    const b = skeletonOf(operation, old);
    if (deepEqual(a, b)) continue;
    if (equalIgnoringDocs(a, b, API_DOC_KEYWORDS)) report(DOC_RULES.descriptionChanged, pointer, { message: `${name}: summary, description or tags changed` });
    else report(OPERATION_RULES.changed, pointer, { message: `${name} changed beyond its documentation (operationId, parameters, request body or response headers): generated operation types change` });
  }
  // Everything outside paths (info, $comment, ...): documentation, or unclassified.
  const context: CompareContext = { model: API_MODEL, report, compare: () => undefined };
  for (const key of new Set([...Object.keys(before.api), ...Object.keys(after.api)])) {
    if (key !== "paths") reportUnclassified(context, `/${escapePointer(key)}`, key, before.api[key], after.api[key], API_DOC_KEYWORDS);
  }
}
