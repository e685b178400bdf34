// fragment-refs: schemas as people write them refer into files (`#/$defs/money`, `#money` for an
// `$anchor`, `Other.schema.json#/$defs/x`, and chains of such references). The generators work on
// models that refer only to whole model files, so load.ts replaces each reference into a file by
// the subschema it names, following chains; what is left refers to whole files only. A reference
// that leads back to itself is a cycle (recursive subschemas are not supported by the generators).
// A `$defs` entry so named stays a named type for the types and docs: `Definitions` records each
// inlined use of one (the object load produced) and refuses a name that clashes.
import { posix } from "node:path";
import { SchemaError } from "../errors.js";
import { definitionName, tolerantName } from "../names.js";
import type { NamedDefinition } from "./schema-set.js";
import { type JsonObject, type JsonValue, escapePointer, getPointer, isObject, mapSchema, walkSchema } from "./schema-walk.js";

export interface SchemaFile {
  /** The model the file declares (its type name). */
  readonly name: string;
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

/** The key of `target`'s top-level `$defs` entry that `found` is, if it is one. */
function definitionKey(target: SchemaFile, found: JsonValue): string | undefined {
  const defs = target.schema.$defs;
  return isObject(defs) ? Object.keys(defs).find((key) => defs[key] === found) : undefined;
}

const TYPE_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** The named `$defs` entries of a schema set, and which inlined subschemas are uses of them. */
export class Definitions {
  readonly errors: SchemaError[] = [];
  private readonly byName = new Map<string, NamedDefinition>();
  private readonly byEntry = new Map<string, NamedDefinition | null>();
  private readonly uses = new WeakMap<JsonObject, NamedDefinition>();
  private readonly taken: Set<string>;

  /** `models`: every model's type name, which no definition may take (nor its Tolerant* name). */
  constructor(models: Iterable<string>) {
    this.taken = new Set([...models].flatMap((name) => [name, tolerantName(name)]));
  }

  /** The entry `key` of `target`'s `$defs` (with its references inlined, as `schema`), named on
   *  first sight; null when its name is refused (reported once, at the entry). */
  entry(target: SchemaFile, key: string, schema: JsonObject, base: string): NamedDefinition | null {
    const pointer = `/$defs/${escapePointer(key)}`;
    const id = `${target.file}#${pointer}`;
    const known = this.byEntry.get(id);
    if (known !== undefined) return known;
    const raw = (target.schema.$defs as JsonObject)[key] as JsonObject;
    const title = typeof raw.title === "string" ? raw.title : undefined;
    const name = definitionName(target.name, key, title);
    const where = title !== undefined ? `${pointer}/title` : pointer;
    const from = title !== undefined ? `its title "${title}"` : `${target.name} and its key "${key}"`;
    let refused: string | undefined;
    if (!TYPE_NAME.test(name)) refused = `the $defs entry's type name "${name}" (from ${from}) is not an identifier; give the entry a "title" that starts with a letter`;
    else if (this.taken.has(name) || this.taken.has(tolerantName(name))) {
      const other = this.byName.get(name) ?? this.byName.get(tolerantName(name));
      const user = other ? `the $defs entry ${other.file}#${other.pointer}` : "a model (or its Tolerant* type)";
      refused = `the $defs entry's type name "${name}" (from ${from}) is already used by ${user}; give the entry a distinct "title"`;
    }
    if (refused !== undefined) {
      this.errors.push(new SchemaError(target.file, where, "definition-name", refused));
      this.byEntry.set(id, null);
      return null;
    }
    const definition: NamedDefinition = { name, owner: target.name, file: target.file, pointer, schema, base };
    this.byEntry.set(id, definition);
    this.byName.set(name, definition);
    this.taken.add(name).add(tolerantName(name));
    return definition;
  }

  /** Records `node` (a fresh object) as a use of `definition`. */
  use(node: JsonObject, definition: NamedDefinition | null): JsonObject {
    if (definition) this.uses.set(node, definition);
    return node;
  }

  at(node: JsonObject): NamedDefinition | undefined {
    return this.uses.get(node);
  }

  /** Every named definition, sorted by name. */
  all(): ReadonlyMap<string, NamedDefinition> {
    return new Map([...this.byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
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
export function inlineFragmentRefs(model: SchemaFile, fileById: (id: string) => SchemaFile | undefined, definitions: Definitions): { schema: JsonObject; errors: SchemaError[] } {
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
      const { $defs: _defs, ...rest } = inlined;
      // Kept as is when it can be: a chain's next entry (its use) stays named in the entry's schema.
      const content = "$defs" in inlined ? rest : inlined;
      const entryKey = definitionKey(target, found);
      const definition = entryKey === undefined ? null : definitions.entry(target, entryKey, content, model.id);
      // Annotations beside a $ref describe the use; anything else must hold as well (allOf).
      const validating = Object.keys(out).filter((k) => !ANNOTATIONS.has(k) && !k.startsWith("x-"));
      if (validating.length === 0) return definitions.use({ ...content, ...out }, definition);
      return { ...out, allOf: [...(Array.isArray(out.allOf) ? out.allOf : []), definitions.use({ ...content }, definition)] };
    });
  const expanded = expand(model.schema, model, undefined, []) as JsonObject;
  // The $defs were only there to be referred to; every use now carries its subschema.
  const { $defs: _defs, ...schema } = expanded;
  return { schema, errors };
}
