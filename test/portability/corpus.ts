// The payload corpus every portability test judges: for each top-level model, its schema's
// examples, the named fixture scenarios, seeded values of its fast-check arbitrary, every single
// mutation of those values derived from the schemas (schema-mutations.ts), integers at the edges of
// int64, and format values at the edges of RFC 3339 / RFC 9562. Each entry is JSON text written
// with exact integers, so every implementation reads the same document.
import * as fixtures from "@org/payment-fixtures";
import { arbitraries } from "@org/payment-fixtures/arbitraries";
import { schemas, topLevelModels } from "@org/payment-schemas";
import fc from "fast-check";
import { exactJson } from "../../tools/codegen/src/model/exact-numbers.js";
import { mutationsOf } from "../properties/schema-mutations.js";

type Json = Parameters<typeof mutationsOf>[1];

export interface CorpusEntry {
  readonly model: string;
  /** Where the payload comes from, for failure messages. */
  readonly source: string;
  /** The payload as JSON text (integers beyond 2^53 in exact digits). */
  readonly text: string;
  /** The JSON Pointer, format and new value of the string a format probe or mutation edits. */
  readonly format?: { readonly pointer: string; readonly name: string; readonly value: string };
}

const SEED = 20261201;
const SAMPLES = 12;
const TWO_TO_63 = 2 ** 63;

function clone<T>(value: T): T {
  return structuredClone(value);
}

function setAt(payload: Json, path: readonly (string | number)[], value: Json): Json {
  const copy = clone(payload);
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path[path.length - 1]!] = value;
  return copy;
}

/** Values of a format at the edges of its RFC, both sides. */
const FORMAT_PROBES: Readonly<Record<string, readonly string[]>> = {
  "date-time": [
    "2026-11-23T09:14:07Z",
    "2026-11-23t09:14:07z",
    "2026-11-23T09:14:07.123456+05:30",
    "1998-12-31T23:59:60Z",
    "2026-12-31T23:59:60Z",
    "2026-12-31T23:59:61Z",
    "2026-11-23T09:14:07",
    "2026-11-23 09:14:07Z",
    "2026-02-30T09:14:07Z",
    "2026-11-23T24:00:00Z",
    "2026-11-23T09:14:07+25:00",
  ],
  date: ["2026-12-23", "2024-02-29", "2026-02-29", "2026-13-01", "20261223", "2026-12-23T00:00:00Z", "2026-W52-3"],
  uuid: [
    "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f",
    "6F1C2D3E-4B5A-4C7D-8E9F-0A1B2C3D4E5F",
    "00000000-0000-0000-0000-000000000000",
    "6f1c2d3e4b5a4c7d8e9f0a1b2c3d4e5f",
    "{6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f}",
    "urn:uuid:6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f",
    "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5",
  ],
};

type Schema = { readonly [key: string]: any };
const byId = new Map(Object.values(schemas as Record<string, Schema>).map((s) => [s.$id as string, s]));

/** Paths (in `payload`) of every string the schema gives a format, with that format. */
function formatPositions(schema: Schema, base: string, payload: unknown, path: (string | number)[] = []): { path: (string | number)[]; format: string }[] {
  const found: { path: (string | number)[]; format: string }[] = [];
  if (typeof schema.$ref === "string") {
    const id = new URL(schema.$ref, base).href;
    return formatPositions(byId.get(id)!, id, payload, path);
  }
  for (const branch of (schema.anyOf ?? []) as Schema[]) found.push(...formatPositions(branch, base, payload, path));
  if (typeof schema.format === "string" && typeof payload === "string") found.push({ path, format: schema.format });
  if (payload !== null && typeof payload === "object" && !Array.isArray(payload) && schema.properties) {
    for (const [key, sub] of Object.entries(schema.properties as Record<string, Schema>)) {
      if (key in payload) found.push(...formatPositions(sub, base, (payload as Record<string, unknown>)[key], [...path, key]));
    }
  }
  if (Array.isArray(payload) && schema.items) payload.forEach((item, i) => found.push(...formatPositions(schema.items, base, item, [...path, i])));
  return found;
}

/** Paths of every Amount.value in `payload` (the int64 bounds). */
function amountValues(payload: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (payload === null || typeof payload !== "object") return [];
  const found: (string | number)[][] = [];
  for (const [key, value] of Object.entries(payload)) {
    const at = [...path, Array.isArray(payload) ? Number(key) : key];
    if (key === "amount" && value !== null && typeof value === "object" && typeof (value as { value?: unknown }).value === "number") found.push([...at, "value"]);
    found.push(...amountValues(value, at));
  }
  return found;
}

function valueAt(payload: unknown, pointer: string): unknown {
  let node = payload;
  for (const token of pointer.split("/").slice(1)) node = (node as Record<string, unknown>)[token.replace(/~1/g, "/").replace(/~0/g, "~")];
  return node;
}

const pointerOf = (path: readonly (string | number)[]) => path.map((k) => `/${String(k).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");

export function payloadCorpus(): CorpusEntry[] {
  const entries: CorpusEntry[] = [];
  const fns = fixtures as unknown as Record<string, unknown>;
  const byName = arbitraries as unknown as Record<string, fc.Arbitrary<Json>>;
  for (const model of topLevelModels as readonly string[]) {
    const schema = (schemas as Record<string, Schema>)[model]!;
    const add = (source: string, payload: Json, format?: CorpusEntry["format"]) => entries.push({ model, source, text: exactJson(payload), ...(format ? { format } : {}) });
    const examples = schema.examples as Json[];
    examples.forEach((example, i) => add(`example ${i}`, example));

    const lower = `${model[0]!.toLowerCase()}${model.slice(1)}`;
    const scenarios = fns[`${lower}Scenarios`] as Record<string, string>;
    const makeScenario = fns[`make${model}Scenario`] as (name: string) => Json;
    for (const name of Object.keys(scenarios)) add(`scenario ${name}`, makeScenario(name));

    const samples = fc.sample(byName[model]!, { numRuns: SAMPLES, seed: SEED });
    samples.forEach((sample, i) => {
      add(`arbitrary ${i}`, sample);
      for (const mutation of mutationsOf(model, sample)) {
        const format = mutation.kind === "format" ? / not a (\S+)$/.exec(mutation.description)?.[1] : undefined;
        const edited = format ? { pointer: mutation.pointer, name: format, value: String(valueAt(mutation.payload, mutation.pointer)) } : undefined;
        add(`arbitrary ${i}, mutation ${mutation.description}`, mutation.payload, edited);
      }
    });

    for (const [i, example] of examples.entries()) {
      for (const path of amountValues(example)) {
        for (const value of [-TWO_TO_63, TWO_TO_63 - 1024, TWO_TO_63, -TWO_TO_63 - 2048, 2 ** 53 + 2]) {
          add(`example ${i}, ${pointerOf(path)} = ${BigInt(value)}`, setAt(example, path, value));
        }
      }
      for (const { path, format } of formatPositions(schema, schema.$id, example)) {
        for (const value of FORMAT_PROBES[format] ?? []) {
          add(`example ${i}, ${pointerOf(path)} = ${JSON.stringify(value)} (${format})`, setAt(example, path, value), { pointer: pointerOf(path), name: format, value });
        }
      }
    }
  }
  return entries;
}
