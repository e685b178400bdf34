// Given a small schema set, want the copiers the JSON view needs: one function per object shape,
// a case for every property any reachable subschema declares ($ref, allOf, if/then, anyOf), the
// nested copier for an object or array's elements beside each, a recursive schema calling itself,
// "__proto__" left to the generic copy, and nothing for a schema that declares no property. The
// emitted module then runs: its copy equals the generic one.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { emitJsonViewCopiers } from "../src/emit/validators/json-view-copiers.js";
import type { JsonObject } from "../src/model/schema-walk.js";

const BASE = "https://schemas.payment-types.invalid/test/";
// (Parsed, as a schema file is: a "__proto__" key is then an own property, not a prototype.)
const order = JSON.parse(`{
  "$id": "${BASE}Order.json",
  "type": "object",
  "properties": {
    "customer": { "$ref": "Customer.json" },
    "lines": { "type": "array", "items": { "$ref": "#/$defs/line" } },
    "parent": { "anyOf": [{ "$ref": "#" }, { "type": "null" }] },
    "__proto__": { "type": "object", "properties": { "never": { "type": "string" } } },
    "odd key": { "type": "string" }
  },
  "allOf": [{ "if": { "properties": { "customer": { "const": null } } }, "then": { "properties": { "reason": { "type": "string" } } } }],
  "$defs": { "line": { "type": "object", "properties": { "sku": { "type": "string" }, "customer": { "$ref": "Customer.json" } } } }
}`) as JsonObject;
const resources: JsonObject[] = [order, { $id: `${BASE}Customer.json`, type: "object", properties: { name: { type: "string" } } }, { $id: `${BASE}Code.json`, type: "string" }];

const source = emitJsonViewCopiers({
  resources,
  roots: [
    { exportName: "orderView", model: "Order", id: `${BASE}Order.json` },
    { exportName: "codeView", model: "Code", id: `${BASE}Code.json` },
  ],
});

/** Per generated function: its cases, each with the (object, element) copiers it passes on. */
function casesOf(code: string): Map<string, Map<string, string>> {
  const functions = new Map<string, Map<string, string>>();
  for (const [, name, body] of code.matchAll(/^function (\w+)\(v: Record<string, unknown>, w: Walk\): Json \{\n([\s\S]*?)\n\}$/gm)) {
    const cases = new Map<string, string>();
    for (const [, key, copiers] of body!.matchAll(/case ("(?:[^"\\]|\\.)*"):\n.*\n\s+if \(isLeaf\(r\) \|\| \(r = field\(r, key, w((?:, \w+)*)\)\)/g)) cases.set(JSON.parse(key!) as string, copiers!.replace(/^, /, ""));
    functions.set(name!, cases);
  }
  return functions;
}

describe("emitJsonViewCopiers", () => {
  const functions = casesOf(source);

  it("emits one copier per object shape, with a case per declared property and the nested copiers", () => {
    expect([...functions.keys()]).toEqual(["copy0", "copy1", "copy2"]);
    expect(Object.fromEntries(functions.get("copy0")!)).toEqual({
      customer: "copy1",
      lines: "undefined, copy2",
      parent: "copy0",
      "odd key": "",
      reason: "",
    });
    expect(Object.fromEntries(functions.get("copy1")!)).toEqual({ name: "" });
    expect(Object.fromEntries(functions.get("copy2")!)).toEqual({ sku: "", customer: "copy1" });
  });

  it("leaves __proto__ to the generic copy and exports nothing for a schema without properties", () => {
    expect(source).not.toContain('case "__proto__"');
    expect(source).toContain("export const orderView: Copier | undefined = copy0;");
    expect(source).toContain("export const codeView: Copier | undefined = undefined;");
  });

  it("leaves the keys behind a reference it cannot follow to the generic copy", () => {
    const open = emitJsonViewCopiers({
      resources: [{ $id: `${BASE}Open.json`, type: "object", properties: { a: { type: "string" } }, allOf: [{ $ref: "Elsewhere.json" }] }],
      roots: [{ exportName: "openView", model: "Open", id: `${BASE}Open.json` }],
    });
    expect(Object.fromEntries(casesOf(open).get("copy0")!)).toEqual({ a: "" });
  });

  it("emits a module whose copy is the generic copy", async () => {
    const dir = mkdtempSync(join(tmpdir(), "copiers-"));
    try {
      const runtime = resolve(import.meta.dirname, "../../../packages/payment-validators/src/json-view.ts");
      const file = join(dir, "json-views.ts");
      writeFileSync(file, source.replace('"../json-view.js"', JSON.stringify(pathToFileURL(runtime).href)));
      const { jsonView } = await import("../../../packages/payment-validators/src/json-view.js");
      const emitted = (await import(pathToFileURL(file).href)) as { orderView: Parameters<typeof jsonView>[1] };
      const payload = JSON.parse(
        '{"odd key":"k","customer":{"name":"Ada","x":[1]},"lines":[{"sku":"A","customer":null},{"customer":{"name":"B"},"sku":"C"},7],"__proto__":{"never":1},"parent":{"parent":null,"extra":{"a":1}},"reason":"r","z":2}',
      ) as object;
      const copied = jsonView(payload, emitted.orderView);
      expect(JSON.stringify(copied)).toBe(JSON.stringify(payload));
      expect(copied).toEqual(jsonView(payload));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
