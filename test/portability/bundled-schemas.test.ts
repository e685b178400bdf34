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
import { beforeAll, describe, expect, it } from "vitest";
import { type CorpusEntry, payloadCorpus } from "./corpus.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const requireHere = createRequire(import.meta.url);
const MODELS = topLevelModels as readonly string[];
// Its package.json is not among its exports: read it beside the resolved entry.
const HYPERJUMP_VERSION = (JSON.parse(readFileSync(join(dirname(requireHere.resolve("@hyperjump/json-schema/draft-2020-12")), "../package.json"), "utf8")) as { version: string }).version;
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
  /** The implementation's versions that read it so (all when absent). */
  readonly versions?: RegExp;
  readonly why: string;
}

// Verdicts that differ only by how another implementation reads a format. Each is an observed
// difference (a stale entry fails the test, so this list stays the truth), with the reason.
const LEAP_SECOND = "RFC 3339 section 5.6 allows second 60 (a leap second; the JSON Schema Test Suite's 1998-12-31T23:59:60Z is valid)";
const FORMAT_EXCEPTIONS: readonly FormatException[] = [
  { implementation: "python-jsonschema", format: "date-time", value: "1998-12-31T23:59:60Z", accepts: false, why: `rfc3339-validator, jsonschema's date-time checker, refuses every leap second; ${LEAP_SECOND}` },
  { implementation: "python-jsonschema", format: "date-time", value: "2026-12-31T23:59:60Z", accepts: false, why: `rfc3339-validator refuses every leap second; ${LEAP_SECOND}` },
  ...["20261223", "2026-W52-3"].map((value) => ({
    implementation: "python-jsonschema" as const,
    format: "date",
    value,
    accepts: true,
    versions: /^4\.(\d|1[0-3])\./,
    why: "jsonschema before 4.14 (Debian bookworm has 4.10) checks a date with Python's date.fromisoformat alone, which since Python 3.11 takes ISO 8601's basic and week forms too; RFC 3339's full-date is YYYY-MM-DD only (later versions check that first)",
  })),
  {
    implementation: "hyperjump",
    format: "date-time",
    value: "2026-12-31T23:59:60Z",
    accepts: false,
    why: "it accepts a leap second only on a date the IERS table has one (none at the end of 2026), which RFC 3339 leaves to applications (its Appendix D lists the known ones); our validators check the syntax",
  },
];

/** Ours, on the schema alone: our validators also check x-legacy drift (a legacy field disagreeing
 *  with the field that replaces it), which is no JSON Schema keyword, so no other implementation can. */
function ourSchemaVerdict(entry: CorpusEntry): boolean {
  const validate = (validators as unknown as Record<string, (data: unknown) => ValidationResult<unknown>>)[`validate${entry.model}`]!;
  const result = validate(JSON.parse(entry.text));
  return result.ok || result.issues.every((issue) => issue.keyword === "legacy-drift");
}

/** The first of Debian's and the PATH's Python 3 that has jsonschema. */
function python(): string {
  for (const candidate of ["python3", "/usr/bin/python3"]) {
    if (spawnSync(candidate, ["-c", "import jsonschema"]).status === 0) return candidate;
  }
  throw new Error("no python3 with jsonschema: tools/scripts/ensure-system-deps.sh installs Debian's python3-jsonschema");
}

interface PythonAnswer {
  version: string;
  formats: string[];
  verdicts: boolean[];
}

function pythonVerdicts(corpus: readonly CorpusEntry[]): PythonAnswer {
  const dir = mkdtempSync(join(tmpdir(), "payment-portability-"));
  try {
    const request = join(dir, "request.json");
    writeFileSync(request, JSON.stringify({ schemas: Object.fromEntries(MODELS.map((m) => [m, bundledPath(m)])), payloads: corpus.map(({ model, text }) => ({ model, text })) }));
    const run = spawnSync(python(), [join(HERE, "jsonschema_verdicts.py"), request], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (run.error || run.status !== 0) {
      throw new Error(
        `python3 jsonschema_verdicts.py failed (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr}\nPython's jsonschema comes from Debian's python3-jsonschema (tools/scripts/ensure-system-deps.sh installs it).`,
      );
    }
    return JSON.parse(run.stdout) as PythonAnswer;
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
    const annotations = (s: Schema) => ({
      title: s.title,
      description: s.description,
      examples: s.examples,
      legacy: Object.entries(s.properties ?? {})
        .filter(([, p]) => (p as Schema)["x-legacy"])
        .map(([k, p]) => [k, (p as Schema)["x-legacy"]]),
    });
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
  let pythonFormats: string[];
  let pythonVersion: string;
  let hyperjump: boolean[];
  const used = new Set<FormatException>();

  beforeAll(async () => {
    ours = corpus.map(ourSchemaVerdict);
    ({ verdicts: python, formats: pythonFormats, version: pythonVersion } = pythonVerdicts(corpus));
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
    const version = implementation === "python-jsonschema" ? pythonVersion : HYPERJUMP_VERSION;
    const applicable = FORMAT_EXCEPTIONS.filter((x) => x.implementation === implementation && (x.versions?.test(version) ?? true));
    const unexplained: string[] = [];
    const unchecked = new Set<string>();
    corpus.forEach((entry, i) => {
      if (theirs[i] === ours[i]) return;
      const exception = applicable.find((x) => entry.format?.name === x.format && entry.format.value === x.value && x.accepts === theirs[i]);
      if (exception) used.add(exception);
      // A format this Python's checker does not assert (date-time needs the rfc3339-validator
      // module, which Debian's python3-jsonschema lacks) is an annotation there: any string passes.
      else if (implementation === "python-jsonschema" && entry.format && !pythonFormats.includes(entry.format.name) && theirs[i]) unchecked.add(entry.format.name);
      else unexplained.push(`${entry.model} ${entry.source}: ours ${ours[i] ? "valid" : "invalid"}, ${implementation} ${theirs[i] ? "valid" : "invalid"}`);
    });
    expect(unexplained).toEqual([]);
    if (unchecked.size > 0) console.warn(`${implementation} here does not check the formats ${[...unchecked].join(", ")}: their verdicts were not compared`);
    const stale = applicable.filter((x) => !used.has(x) && (implementation !== "python-jsonschema" || pythonFormats.includes(x.format)));
    expect(stale, "documented exceptions no longer observed: remove them").toEqual([]);
  });

  it("int64 bounds are exact in every implementation: 2^63 is refused, -2^63 and 2^63 - 1024 accepted", () => {
    const edges = corpus.flatMap((entry, i) => (/\/value = -?\d+$/.test(entry.source) ? [{ entry, i }] : []));
    expect(edges.length).toBeGreaterThan(0);
    for (const { entry, i } of edges) {
      const value = BigInt(/= (-?\d+)$/.exec(entry.source)![1]!);
      const inRange = value >= -(2n ** 63n) && value < 2n ** 63n;
      for (const [who, verdicts] of [
        ["ours", ours],
        ["python-jsonschema", python],
        ["hyperjump", hyperjump],
      ] as const) {
        expect(verdicts[i], `${who}: ${entry.model} ${entry.source}`).toBe(inRange);
      }
    }
  });
});
