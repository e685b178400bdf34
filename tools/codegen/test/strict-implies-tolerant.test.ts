// Tolerant mode reuses the strict guard as its fast path only when every payload strict mode
// accepts is accepted in tolerant mode too. That holds while the loosened parts (closed objects,
// provider-extensible enums) only ever sit where accepting more cannot reject more.
import { describe, expect, it } from "vitest";
import { strictImpliesTolerant } from "../src/emit/validators.js";
import type { Model, SchemaSet } from "../src/model/schema-set.js";
import type { JsonObject } from "../src/model/schema-walk.js";

const BASE = "https://schemas.payment-types.invalid/t/";

/** A schema set of `Root` (the given schema) plus a closed object, an extensible enum and an open object. */
function setWith(root: JsonObject): SchemaSet {
  const schemas: Record<string, JsonObject> = {
    Root: root,
    Closed: { type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
    Extensible: { type: "string", enum: ["a", "b"], "x-provider-extensible": true },
    Open: { type: "object", properties: { a: { type: "string" } } },
  };
  const models = new Map<string, Model>();
  for (const [name, schema] of Object.entries(schemas)) {
    const id = `${BASE}${name}.schema.json`;
    models.set(name, { name, file: `schemas/t/${name}.schema.json`, source: "t", id, schema: { $id: id, ...schema }, kind: "object", references: [] });
  }
  const byId = new Map([...models.values()].map((m) => [m.id, m]));
  return {
    root: "/",
    models,
    api: {},
    topLevel: ["Root"],
    hash: "",
    packageVersion: undefined,
    texts: new Map(),
    modelForRef: (from, ref) => byId.get(new URL(ref, from).href),
    definitions: new Map(),
    definitionAt: () => undefined,
  } as SchemaSet;
}

const ref = (name: string) => ({ $ref: `${name}.schema.json` });

describe("strictImpliesTolerant", () => {
  it("holds when loosened models are only referenced, combined with allOf/anyOf, or in then/else", () => {
    expect(strictImpliesTolerant(setWith({ type: "object", properties: { c: ref("Closed"), e: ref("Extensible") } }))).toBe(true);
    expect(strictImpliesTolerant(setWith({ anyOf: [ref("Closed"), { type: "null" }], allOf: [ref("Open")] }))).toBe(true);
    expect(strictImpliesTolerant(setWith({ if: ref("Open"), then: ref("Closed"), else: ref("Extensible") }))).toBe(true);
    expect(strictImpliesTolerant(setWith({ not: { type: "string" }, oneOf: [ref("Open"), { type: "null" }] }))).toBe(true);
    expect(strictImpliesTolerant(setWith({ type: "array", contains: ref("Closed") }))).toBe(true);
  });

  it("fails when a loosened part decides a not, a oneOf, an if, or a bounded contains", () => {
    expect(strictImpliesTolerant(setWith({ not: ref("Closed") }))).toBe(false);
    expect(strictImpliesTolerant(setWith({ not: { type: "object", additionalProperties: false } }))).toBe(false);
    expect(strictImpliesTolerant(setWith({ oneOf: [ref("Extensible"), { type: "string" }] }))).toBe(false);
    expect(strictImpliesTolerant(setWith({ if: { properties: { x: ref("Extensible") } }, then: { required: ["y"] } }))).toBe(false);
    expect(strictImpliesTolerant(setWith({ type: "array", contains: ref("Closed"), maxContains: 1 }))).toBe(false);
  });
});
