// The view of a model that type generators see: $refs replaced by the referenced type's name,
// validation-only parts (cross-field if/then rules, examples) dropped, and the knowledge our
// annotations carry (legacy replacements, enum value meanings) written into descriptions so it
// reaches JSDoc. Shared by the TypeScript and OpenAPI emitters so both see the same shapes.
import { ENUM_DESCRIPTIONS, LEGACY } from "../../model/keywords.js";
import type { Model, SchemaSet } from "../../model/schema-set.js";
import { type JsonObject, getPointer, isObject, mapSchema } from "../../model/schema-walk.js";

export interface TypeViewOptions {
  /** Name for a referenced model or named `$defs` entry, given its own name (default: that name). */
  refName?: (name: string) => string;
  /** Open every object (tolerant view): no `additionalProperties: false`. */
  open?: boolean;
}

/** Human description of a legacy annotation, e.g. "Use `order.order_number` instead." */
export function legacyNote(replacedBy: string | null): string {
  return replacedBy === null ? "Legacy flat field kept for old clients; nothing replaces it yet." : `Legacy flat field kept for old clients. Use \`${replacedBy.slice(1).split("/").join(".")}\` instead.`;
}

export function enumMeanings(schema: JsonObject): string[] {
  const descriptions = schema[ENUM_DESCRIPTIONS];
  if (!isObject(descriptions) || !Array.isArray(schema.enum)) return [];
  return schema.enum.filter((v): v is string => typeof v === "string").map((v) => `- \`${v}\`: ${String(descriptions[v])}`);
}

function isCrossFieldRule(node: JsonObject): boolean {
  return "if" in node;
}

// What a use of a named `$defs` entry keeps besides the type's name: what the use says of itself.
const USE_ANNOTATIONS = ["description", "deprecated", LEGACY];

/** `model`'s schema as the type generators see it. A subschema that is a use of a named `$defs`
 *  entry (SchemaSet.definitionAt) becomes that type's name; the root never does (it is the type
 *  being declared). */
export function typeView(set: SchemaSet, model: Model, options: TypeViewOptions = {}): JsonObject {
  const refName = options.refName ?? ((name: string) => name);
  const view = mapSchema(model.schema, (node, pointer) => {
    const original = pointer === "" ? undefined : getPointer(model.schema, pointer);
    const definition = isObject(original) ? set.definitionAt(original) : undefined;
    // The entry's own description is on its declaration; a use keeps only what it says itself.
    const own = (k: string) => k in node && !(k === "description" && node.description === definition?.schema.description);
    const out: JsonObject = definition ? Object.fromEntries(USE_ANNOTATIONS.filter(own).map((k) => [k, node[k]!])) : { ...node };
    if (definition) out.tsType = refName(definition.name);
    if (typeof out.$ref === "string") {
      const target = set.modelForRef(model.id, out.$ref)!;
      delete out.$ref;
      out.tsType = refName(target.name);
    }
    if (Array.isArray(out.allOf)) {
      const kept = out.allOf.filter((branch) => !(isObject(branch) && isCrossFieldRule(branch)));
      if (kept.length > 0) out.allOf = kept;
      else delete out.allOf;
    }
    const legacy = out[LEGACY];
    if (isObject(legacy)) {
      const replacedBy = typeof legacy.replacedBy === "string" ? legacy.replacedBy : null;
      out.description = `${String(out.description ?? "")}\n\n@deprecated ${legacyNote(replacedBy)}`.trim();
    }
    const meanings = enumMeanings(out);
    if (meanings.length > 0) out.description = `${String(out.description ?? "")}\n\n${meanings.join("\n")}`.trim();
    if (options.open && out.additionalProperties === false) out.additionalProperties = true;
    for (const key of ["$schema", "$id", "examples", ENUM_DESCRIPTIONS]) delete out[key];
    return out;
  });
  return view as JsonObject;
}
