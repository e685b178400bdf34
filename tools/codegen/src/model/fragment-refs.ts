// fragment-refs: schemas as people write them refer into files (`#/$defs/money`, `#money` for an
// `$anchor`, `Other.schema.json#/$defs/x`, and chains of such references). The generators work on
// models that refer only to whole model files, so load.ts replaces each reference into a file by
// the subschema it names, following chains; what is left refers to whole files only. A reference
// that leads back to itself is a cycle (recursive subschemas are not supported by the generators).
import { posix } from "node:path";
import { SchemaError } from "../errors.js";
import { type JsonObject, type JsonValue, getPointer, isObject, mapSchema, walkSchema } from "./schema-walk.js";

export interface SchemaFile {
  readonly file: string;
  readonly id: string;
  readonly schema: JsonObject;
}

// Keywords a `$ref`'s siblings may carry without changing what the reference validates.
const ANNOTATIONS = new Set(["$schema", "$id", "$comment", "$defs", "$anchor", "title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly"]);

/** The subschema a fragment names in `target`: a JSON Pointer ("/...") or an `$anchor`. */
function subschemaAt(target: SchemaFile, fragment: string): JsonValue | undefined {
  if (fragment.startsWith("/")) return getPointer(target.schema, fragment);
  let found: JsonObject | undefined;
  walkSchema(target.schema, (node) => {
    if (!found && node.$anchor === fragment) found = node;
  });
  return found;
}

/** A whole-file `$ref` written in `from`, restated for a schema in `into`'s folder. */
function restate(ref: string, from: SchemaFile, into: SchemaFile): string {
  if (from === into) return ref;
  const target = new URL(ref, from.id);
  const base = new URL("..", into.id);
  if (target.origin !== base.origin) return target.href;
  const path = posix.relative(base.pathname, target.pathname);
  return `${path.startsWith(".") ? path : `./${path}`}${target.hash}`;
}

/** `model`'s schema with every reference into a file replaced by the subschema it names. */
export function inlineFragmentRefs(model: SchemaFile, fileById: (id: string) => SchemaFile | undefined): { schema: JsonObject; errors: SchemaError[] } {
  const errors: SchemaError[] = [];
  const expand = (value: JsonValue, doc: SchemaFile, origin: string | undefined, stack: readonly string[]): JsonValue =>
    mapSchema(value, (node, pointer) => {
      const out: JsonObject = { ...node };
      delete out.$anchor;
      if (typeof out.$ref !== "string") return out;
      const at = origin ?? `${pointer}/$ref`;
      let url: URL;
      try {
        url = new URL(out.$ref, doc.id);
      } catch {
        return out; // load.ts reports the unresolvable reference
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      url.hash = "";
      const target = fileById(url.href);
      if (fragment === "" || !target) {
        out.$ref = restate(out.$ref, doc, model);
        return out;
      }
      const key = `${url.href}#${fragment}`;
      if (stack.includes(key)) {
        errors.push(new SchemaError(model.file, at, "ref-cycle", `$ref cycle through ${[...stack.slice(stack.indexOf(key)), key].join(" -> ")}; recursive subschemas are not supported by the generators`));
        return out;
      }
      const found = subschemaAt(target, fragment);
      if (found === undefined) {
        errors.push(new SchemaError(model.file, at, "unresolved-ref", `cannot resolve $ref "${node.$ref}": ${target.file} has no ${fragment.startsWith("/") ? `subschema at #${fragment}` : `"$anchor": "${fragment}"`}`));
        return out;
      }
      const inlined = expand(found, target, at, [...stack, key]);
      delete out.$ref;
      if (!isObject(inlined)) return { ...out, allOf: [inlined] };
      const { $defs: _defs, ...content } = inlined;
      // Annotations beside a $ref describe the use; anything else must hold as well (allOf).
      const validating = Object.keys(out).filter((k) => !ANNOTATIONS.has(k) && !k.startsWith("x-"));
      if (validating.length === 0) return { ...content, ...out };
      return { ...out, allOf: [...(Array.isArray(out.allOf) ? out.allOf : []), content] };
    });
  const expanded = expand(model.schema, model, undefined, []) as JsonObject;
  // The $defs were only there to be referred to; every use now carries its subschema.
  const { $defs: _defs, ...schema } = expanded;
  return { schema, errors };
}
