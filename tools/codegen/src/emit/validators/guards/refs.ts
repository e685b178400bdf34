// refs: `$ref` to another resource, a JSON Pointer or an `$anchor`, checked by a call of the
// target's own guard function (declared once, so recursive schemas work).
import { isObject, type JsonObject, type JsonValue, unescapePointer, walkSchema } from "../../../model/schema-walk.js";
import { type Expr, call, name } from "./code.js";
import { type GuardContext, GuardUnsupported, type Resolved } from "./context.js";

export const REF_KEYWORDS = ["$ref"];

export function refCheck(node: JsonObject, v: string, base: string, context: GuardContext): Expr | undefined {
  if (typeof node.$ref !== "string") return undefined;
  const target = context.resolve(node.$ref, base);
  return call(context.functionOf(target.node, target.base), name(v));
}

/** The node `ref` names, from `base`, among the resources by `$id`. */
export function resolveRef(ref: string, base: string, byId: ReadonlyMap<string, JsonObject>): Resolved {
  const url = new URL(ref, base);
  const fragment = decodeURIComponent(url.hash.slice(1));
  url.hash = "";
  const resource = byId.get(url.href);
  if (!resource) throw new GuardUnsupported(`$ref ${ref} does not name a known schema`);
  if (fragment === "") return { node: resource, base: url.href };
  if (!fragment.startsWith("/")) return { node: anchor(resource, fragment, ref), base: url.href };
  let node: JsonValue | undefined = resource;
  for (const raw of fragment.slice(1).split("/")) {
    const token = unescapePointer(raw);
    node = Array.isArray(node) ? node[Number(token)] : isObject(node) && Object.hasOwn(node, token) ? node[token] : undefined;
    if (node === undefined) throw new GuardUnsupported(`$ref ${ref} points at nothing`);
  }
  return { node, base: url.href };
}

/** The subschema of `resource` with `"$anchor": name` (not one inside an embedded resource). */
function anchor(resource: JsonObject, anchorName: string, ref: string): JsonObject {
  let found: JsonObject | undefined;
  walkSchema(resource, (node, pointer) => {
    if (pointer !== "" && typeof node.$id === "string") throw new GuardUnsupported("embedded $id");
    if (node.$anchor === anchorName) found = node;
  });
  if (!found) throw new GuardUnsupported(`$ref ${ref} names no $anchor of its schema`);
  return found;
}
