// The bundled schema files (@org/payment-schemas/bundled/<Model>.schema.json) are self-contained
// and mean the same everywhere: the payload corpus (corpus.ts) gets the same verdict from our
// validators, from Python's jsonschema (Draft202012Validator with its format checker) and from
// @hyperjump/json-schema, an independent 2020-12 implementation, each reading the files as shipped.
// A verdict that differs is allowed only where FORMAT_EXCEPTIONS explains it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { registerSchema, setShouldValidateFormat, validate as hyperjumpValidate } from "@hyperjump/json-schema/draft-2020-12";
import "@hyperjump/json-schema/formats";
import { schemas, topLevelModels } from "@org/payment-schemas";
import * as validators from "@org/payment-validators";
import type { ValidationResult } from "@org/payment-validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CorpusEntry, payloadCorpus } from "./corpus.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const requireHere = createRequire(import.meta.url);
const MODELS = topLevelModels as readonly string[];
type Schema = { readonly [key: string]: any };

/** The shipped file, resolved through the package's `exports` as a consumer resolves it. */
function bundledPath(model: string): string {
  return requireHere.resolve(`@org/payment-schemas/bundled/${model}.schema.json`);
}
function bundled(model: string): Schema {
  return JSON.parse(readFileSync(bundledPath(model), "utf8")) as Schema;
}

type Implementation = "python-jsonschema" | "hyperjump";
interface FormatException {
  readonly implementation: Implementation;
  readonly format: string;
  readonly value: string;
  /** Its verdict on the value, where ours is the opposite. */
  readonly accepts: boolean;
  readonly why: string;
}

// Verdicts that differ only by how another implementation reads a format. Each is an observed
// difference (a stale entry fails the test, so this list stays the truth), with the reason.
const LEAP_SECOND = "RFC 3339 section 5.6 allows second 60 (a leap second; the JSON Schema Test Suite's 1998-12-31T23:59:60Z is valid)";
const AJV_FORMATS = "our validators still read this format as ajv-formats does (issue 16 makes them RFC-strict; then this entry is stale and goes)";
const FORMAT_EXCEPTIONS: readonly FormatException[] = [
  { implementation: "python-jsonschema", format: "date-time", value: "1998-12-31T23:59:60Z", accepts: false, why: `rfc3339-validator, jsonschema's date-time checker, refuses every leap second; ${LEAP_SECOND}` },
  { implementation: "python-jsonschema", format: "date-time", value: "2026-12-31T23:59:60Z", accepts: false, why: `rfc3339-validator refuses every leap second; ${LEAP_SECOND}` },
  { implementation: "hyperjump", format: "date-time", value: "2026-12-31T23:59:60Z", accepts: false, why: "it accepts a leap second only on a date the IERS table has one (none at the end of 2026), which RFC 3339 leaves to applications (its Appendix D lists the known ones); our validators check the syntax" },
  ...(["python-jsonschema", "hyperjump"] as const).flatMap((implementation) => [
    { implementation, format: "date-time", value: "2026-11-23 09:14:07Z", accepts: false, why: `a space for the "T" is allowed by RFC 3339's note for readers, not by its date-time production, which JSON Schema names; ${AJV_FORMATS}` },
    { implementation, format: "uuid", value: "urn:uuid:6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f", accepts: false, why: `a urn:uuid: URN is not the RFC 9562 string form JSON Schema's uuid names; ${AJV_FORMATS}` },
  ]),
];

/** Ours, on the schema alone: our validators also check x-legacy drift (a legacy field disagreeing
 *  with the field that replaces it), which is no JSON Schema keyword, so no other implementation can. */
function ourSchemaVerdict(entry: CorpusEntry): boolean {
  const validate = (validators as unknown as Record<string, (data: unknown) => ValidationResult<unknown>>)[`validate${entry.model}`]!;
  const result = validate(JSON.parse(entry.text));
  return result.ok || result.issues.every((issue) => issue.keyword === "legacy-drift");
}

function pythonVerdicts(corpus: readonly CorpusEntry[]): boolean[] {
  const dir = mkdtempSync(join(tmpdir(), "payment-portability-"));
  try {
    const request = join(dir, "request.json");
    writeFileSync(request, JSON.stringify({ schemas: Object.fromEntries(MODELS.map((m) => [m, bundledPath(m)])), payloads: corpus.map(({ model, text }) => ({ model, text })) }));
    const run = spawnSync("python3", [join(HERE, "jsonschema_verdicts.py"), request], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (run.error || run.status !== 0) {
      throw new Error(`python3 jsonschema_verdicts.py failed (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr}\nPython's jsonschema comes from Debian's python3-jsonschema (tools/scripts/ensure-system-deps.sh installs it).`);
    }
    return JSON.parse(run.stdout) as boolean[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function hyperjumpVerdicts(corpus: readonly CorpusEntry[]): Promise<boolean[]> {
  setShouldValidateFormat(true);
  const compiled = new Map<string, (instance: unknown) => { valid: boolean }>();
  for (const model of MODELS) {
    const schema = bundled(model);
    registerSchema(schema as never, schema.$id);
    compiled.set(model, (await hyperjumpValidate(schema.$id)) as never);
  }
  return corpus.map((entry) => compiled.get(entry.model)!(JSON.parse(entry.text)).valid);
}

function refsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsOf(v, out));
  else if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "$ref" && typeof v === "string") out.push(v);
      else refsOf(v, out);
    }
  }
  return out;
}

describe.each(MODELS)("bundled/%s.schema.json", (model) => {
  const schema = bundled(model);
  const source = (schemas as Record<string, Schema>)[model]!;

  it("is self-contained: every $ref points at a $defs entry inside the file", () => {
    const refs = refsOf(schema);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/\$defs\/[A-Za-z0-9]+$/);
      expect(schema.$defs, ref).toHaveProperty([ref.slice("#/$defs/".length)]);
    }
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toMatch(new RegExp(`/bundled/${model}\\.schema\\.json$`));
  });

  it("keeps every annotation of the model and of each model it embeds", () => {
    const annotations = (s: Schema) => ({ title: s.title, description: s.description, examples: s.examples, legacy: Object.entries(s.properties ?? {}).filter(([, p]) => (p as Schema)["x-legacy"]).map(([k, p]) => [k, (p as Schema)["x-legacy"]]) });
    expect(annotations(schema)).toEqual(annotations(source));
    for (const [name, embedded] of Object.entries(schema.$defs as Record<string, Schema>)) {
      const original = (schemas as Record<string, Schema>)[name]!;
      expect(annotations(embedded), name).toEqual(annotations(original));
      for (const key of ["x-enum-descriptions", "x-provider-extensible", "enum"]) expect(embedded[key], `${name} ${key}`).toEqual(original[key]);
    }
  });
});

describe("the payload corpus gets the same verdict from our validators, Python's jsonschema and @hyperjump/json-schema", () => {
  const corpus = payloadCorpus();
  let ours: boolean[];
  let python: boolean[];
  let hyperjump: boolean[];
  const used = new Set<FormatException>();

  beforeAll(async () => {
    ours = corpus.map(ourSchemaVerdict);
    python = pythonVerdicts(corpus);
    hyperjump = await hyperjumpVerdicts(corpus);
  });

  it("covers valid and invalid payloads of every model, int64 edges and format edges included", () => {
    for (const model of MODELS) {
      const verdicts = corpus.flatMap((entry, i) => (entry.model === model ? [ours[i]] : []));
      expect(verdicts.filter(Boolean).length, model).toBeGreaterThan(10);
      expect(verdicts.filter((v) => !v).length, model).toBeGreaterThan(100);
    }
    expect(corpus.some((e) => e.text.includes(":9223372036854775808"))).toBe(true);
    expect(corpus.some((e) => e.format !== undefined)).toBe(true);
  });

  it.each(["python-jsonschema", "hyperjump"] as const)("%s: every verdict equals ours, or is a documented format exception", (implementation) => {
    const theirs = implementation === "python-jsonschema" ? python : hyperjump;
    const unexplained: string[] = [];
    corpus.forEach((entry, i) => {
      if (theirs[i] === ours[i]) return;
      const exception = FORMAT_EXCEPTIONS.find((x) => x.implementation === implementation && entry.format?.name === x.format && entry.format.value === x.value && x.accepts === theirs[i]);
      if (exception) used.add(exception);
      else unexplained.push(`${entry.model} ${entry.source}: ours ${ours[i] ? "valid" : "invalid"}, ${implementation} ${theirs[i] ? "valid" : "invalid"}`);
    });
    expect(unexplained).toEqual([]);
    const stale = FORMAT_EXCEPTIONS.filter((x) => x.implementation === implementation && !used.has(x));
    expect(stale, "documented exceptions no longer observed: remove them").toEqual([]);
  });

  it("int64 bounds are exact in every implementation: 2^63 is refused, -2^63 and 2^63 - 1024 accepted", () => {
    const edges = corpus.flatMap((entry, i) => (/\/value = -?\d+$/.test(entry.source) ? [{ entry, i }] : []));
    expect(edges.length).toBeGreaterThan(0);
    for (const { entry, i } of edges) {
      const value = BigInt(/= (-?\d+)$/.exec(entry.source)![1]!);
      const inRange = value >= -(2n ** 63n) && value < 2n ** 63n;
      for (const [who, verdicts] of [["ours", ours], ["python-jsonschema", python], ["hyperjump", hyperjump]] as const) {
        expect(verdicts[i], `${who}: ${entry.model} ${entry.source}`).toBe(inRange);
      }
    }
  });
});

afterAll(() => undefined);
