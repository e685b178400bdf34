// json-view-copiers: per model, generated code that takes the payload's JSON view (see the
// runtime's json-view.ts) knowing the schema's shape. A generic copy adds each key by a computed
// name, which V8 turns into a slow dictionary object past 16 keys, and learns nothing from one
// payload to the next; a copier stores each property the schema declares by its name (`case
// "amount": ... o["amount"] = r`), so every copy of a shape gets one fast object layout and the
// guard reads it as fast as JSON.parse's output. Keys are taken in the payload's own order (a
// `switch`, not the schema's order), each read once; the first key the schema does not declare
// hands the rest of the object to the generic copy (`copyRest`), so a copier accepts anything
// the generic copy does and gives the same view.
//
// A copier's shape is what every subschema reachable from a node without entering a property or
// items says about properties (`properties` of the node, its `$ref` target, allOf/anyOf/oneOf,
// if/then/else, dependentSchemas branches): the union of their keys, and per key the shape of
// everything said about that key. Only the keys matter to the copy; the guard and Ajv judge them.
import { isObject, type JsonObject, type JsonValue } from "../../model/schema-walk.js";
import { GuardUnsupported } from "./guards/context.js";
import { resolveRef } from "./guards/refs.js";

/** A subschema and the base URI its `$ref`s resolve against. */
interface Located {
  readonly node: JsonValue;
  readonly base: string;
}

/** What a set of subschemas says about an object's keys and an array's elements. */
interface Shape {
  readonly properties: Map<string, Located[]>;
  readonly items: Located[];
  /** The subschemas that declare the properties: the same ones make the same copier. */
  readonly declaring: JsonValue[];
}

const BRANCH_LISTS = ["allOf", "anyOf", "oneOf"] as const;
const BRANCHES = ["if", "then", "else"] as const;

/** The runtime module's helpers (packages/payment-validators/src/json-view.ts) the copiers call. */
const RUNTIME = ["type Copier", "copyRest", "enter", "field", "isLeaf"] as const;

function shapeOf(nodes: readonly Located[], resources: ReadonlyMap<string, JsonObject>): Shape {
  const shape: Shape = { properties: new Map(), items: [], declaring: [] };
  const seen = new Set<JsonValue>();
  const collect = ({ node, base }: Located): void => {
    if (!isObject(node) || seen.has(node)) return;
    seen.add(node);
    if (typeof node.$ref === "string") {
      let target: Located | undefined;
      try {
        target = resolveRef(node.$ref, base, resources);
      } catch (error) {
        // A reference the guards cannot follow: nothing known of its keys, which the generic copy
        // then takes. Anything else is a bug, not a shape.
        if (!(error instanceof GuardUnsupported)) throw error;
        target = undefined;
      }
      if (target) collect(target);
    }
    if (isObject(node.properties)) {
      shape.declaring.push(node);
      for (const [key, sub] of Object.entries(node.properties)) {
        const said = shape.properties.get(key);
        if (said) said.push({ node: sub, base });
        else shape.properties.set(key, [{ node: sub, base }]);
      }
    }
    if (node.items !== undefined) shape.items.push({ node: node.items, base });
    for (const list of BRANCH_LISTS) if (Array.isArray(node[list])) for (const branch of node[list]) collect({ node: branch, base });
    for (const branch of BRANCHES) if (node[branch] !== undefined) collect({ node: node[branch], base });
    if (isObject(node.dependentSchemas)) for (const branch of Object.values(node.dependentSchemas)) collect({ node: branch, base });
  };
  for (const located of nodes) collect(located);
  return shape;
}

class CopierCompiler {
  private readonly byKey = new Map<string, string>();
  private readonly functions: string[] = [];
  private readonly ids = new Map<JsonValue, number>();

  constructor(private readonly resources: ReadonlyMap<string, JsonObject>) {}

  /** The copier of the objects `nodes` describe, or undefined when they declare no property. */
  objectCopier(nodes: readonly Located[]): string | undefined {
    const shape = shapeOf(nodes, this.resources);
    // "__proto__" is left to the generic copy, which keeps it as data.
    const keys = [...shape.properties.keys()].filter((k) => k !== "__proto__");
    if (keys.length === 0) return undefined;
    const key = this.keyOf(shape.declaring);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const functionName = `copy${this.functions.length}`;
    this.byKey.set(key, functionName); // before the properties: a recursive schema calls itself
    this.functions.push("");
    const slot = this.functions.length - 1;
    const cases = keys.map((k) => {
      const said = shape.properties.get(k)!;
      // (Trailing copiers left out are undefined: the generated code stays short, it ships.)
      const copiers = [this.objectCopier(said), this.elementCopier(said)];
      while (copiers.length > 0 && copiers.at(-1) === undefined) copiers.pop();
      const args = ["r", "key", "w", ...copiers.map((name) => name ?? "undefined")].join(", ");
      const read = JSON.stringify(k);
      return `      case ${read}:\n        r = v[${read}];\n        if (isLeaf(r) || (r = field(${args})) !== undefined) o[${read}] = r as Json;\n        break;`;
    });
    this.functions[slot] = [
      `function ${functionName}(v: Record<string, unknown>, w: Walk): Json {`,
      "  const k = Object.keys(v);",
      "  const n = k.length;",
      "  enter(w, n);",
      "  const o: Fields = {};",
      "  let r: unknown;",
      "  for (let i = 0; i < n; i++) {",
      "    const key = k[i]!;",
      "    switch (key) {",
      ...cases,
      "      default:",
      "        return copyRest(v, k, i, o, w);",
      "    }",
      "  }",
      "  w.depth--;",
      "  return o;",
      "}",
    ].join("\n");
    return functionName;
  }

  /** The copier of the elements of the arrays `nodes` describe (their `items`), if any. */
  private elementCopier(nodes: readonly Located[]): string | undefined {
    const items = shapeOf(nodes, this.resources).items;
    return items.length === 0 ? undefined : this.objectCopier(items);
  }

  /** The same set of declaring subschemas, whatever the order they were found in, is one copier. */
  private keyOf(nodes: readonly JsonValue[]): string {
    const ids = nodes.map((node) => {
      let id = this.ids.get(node);
      if (id === undefined) this.ids.set(node, (id = this.ids.size));
      return id;
    });
    return [...new Set(ids)].sort((a, b) => a - b).join(",");
  }

  source(exports: readonly (CopierRoot & { readonly copier: string | undefined })[]): string {
    const lines = [`import { ${RUNTIME.join(", ")}, type Walk } from "../json-view.js";`, "", "type Json = ReturnType<Copier>;", "type Fields = { [key: string]: Json };", ""];
    lines.push(...this.functions.map((f) => `${f}\n`));
    for (const { exportName, model, copier } of exports) {
      lines.push(`/** Takes the JSON view of a plain object as the ${model} schema describes it (see json-view.ts). */`);
      lines.push(`export const ${exportName}: Copier | undefined = ${copier ?? "undefined"};`);
    }
    return `${lines.join("\n")}\n`;
  }
}

export interface CopierRoot {
  readonly exportName: string;
  readonly model: string;
  /** `$id` of the model's schema. */
  readonly id: string;
}

export interface CopierInput {
  /** Every schema resource (each with an absolute `$id`) the roots may reference. */
  readonly resources: readonly JsonObject[];
  readonly roots: readonly CopierRoot[];
}

/** The TypeScript module of every root's copier (an export per root; `undefined` for a root
 *  whose schema declares no property, which the generic copy then takes). */
export function emitJsonViewCopiers(input: CopierInput): string {
  const byId = new Map<string, JsonObject>();
  for (const resource of input.resources) if (typeof resource.$id === "string") byId.set(resource.$id, resource);
  const compiler = new CopierCompiler(byId);
  const exports = input.roots.map((root) => {
    const schema = byId.get(root.id);
    if (!schema) throw new Error(`json-view copiers: no schema with $id ${root.id}`);
    return { ...root, copier: compiler.objectCopier([{ node: schema, base: root.id }]) };
  });
  return compiler.source(exports);
}
