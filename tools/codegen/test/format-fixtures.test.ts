// Every string format the validators check has a fixtures arbitrary, and what it generates passes
// the format's RFC check: on a temp copy of the repository, one new top-level model gets one
// property per format, codegen runs as a user runs it, the generated fixtures and validators are
// built (bundled with esbuild, as the packages' own build does), and every generated value is
// judged by the generated validator.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAjv } from "../src/ajv.js";
import { FORMAT_ARBITRARIES } from "../src/emit/fixtures/arbitrary-code.js";
import { SCHEMA_BASE_URL } from "../src/model/schema-walk.js";
import { REPO_ROOT, copyPackageSources, copyRepo, removeRepo, runCodegen } from "./helpers.js";

// One valid example per format, for the model's `examples`.
const EXAMPLES: Readonly<Record<string, string>> = {
  date: "2024-02-29",
  "date-time": "2024-02-29T12:00:00Z",
  time: "12:00:00+01:00",
  "iso-date-time": "2024-02-29T12:00:00",
  "iso-time": "12:00:00",
  duration: "P1DT2H",
  uuid: "2eb8aa08-aa98-11ea-b4aa-73b441d16380",
  hostname: "example.com",
  email: "joe@example.com",
  uri: "https://example.com/a?b#c",
  url: "https://example.com/a",
  "uri-reference": "../a",
  "uri-template": "https://example.com/{id}",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  "json-pointer": "/a/0",
  "json-pointer-uri-fragment": "#/a/0",
  "relative-json-pointer": "1/a",
  regex: "^[a-z]+$",
  byte: "aGVsbG8=",
  password: "secret",
  binary: "01",
};

const formats = Object.keys(FORMAT_ARBITRARIES).sort();
const property = (format: string) => `f_${format.replace(/-/g, "_")}`;
let root: string;
let validate: (data: unknown) => { ok: boolean; issues?: unknown };
let arbitrary: fc.Arbitrary<Record<string, string>>;

beforeAll(async () => {
  root = copyRepo();
  // The hand-written package sources too: the build needs them beside the generated files.
  const packages = copyPackageSources(root);
  const schema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `${SCHEMA_BASE_URL}gateway/FormatSample.schema.json`,
    title: "FormatSample",
    description: "One string property per format the validators check.",
    type: "object",
    properties: Object.fromEntries(formats.map((format) => [property(format), { description: `A ${format}.`, type: "string", format }])),
    required: formats.map(property),
    additionalProperties: false,
    examples: [Object.fromEntries(formats.map((format) => [property(format), EXAMPLES[format]!]))],
  };
  writeFileSync(join(root, "schemas/gateway/FormatSample.schema.json"), JSON.stringify(schema, null, 2));
  const api = JSON.parse(readFileSync(join(root, "schemas/api.json"), "utf8"));
  api.paths["/format-sample"] = {
    get: { operationId: "formatSample", summary: "Formats", responses: { "200": { description: "A sample.", content: { "application/json": { schema: { $ref: "gateway/FormatSample.schema.json" } } } } } },
  };
  writeFileSync(join(root, "schemas/api.json"), JSON.stringify(api, null, 2));

  const codegen = runCodegen(root);
  expect(codegen.status, codegen.output).toBe(0);

  const entry = `export { arbFormatSample } from ${JSON.stringify(join(root, "packages/payment-fixtures/src/generated/arbitraries.ts"))};\nexport { validateFormatSample } from ${JSON.stringify(join(root, "packages/payment-validators/src/generated/models.ts"))};`;
  const out = join(root, "bundle.mjs");
  await build({ stdin: { contents: entry, resolveDir: root, loader: "ts" }, bundle: true, format: "esm", platform: "node", alias: packages, nodePaths: [join(REPO_ROOT, "node_modules")], outfile: out, logLevel: "silent" });
  const bundle = await import(pathToFileURL(out).href);
  validate = bundle.validateFormatSample;
  arbitrary = bundle.arbFormatSample;
}, 300_000);

afterAll(() => {
  if (root) removeRepo(root);
});

describe("a fixtures arbitrary per format", () => {
  it("covers every string format Ajv knows", () => {
    const numberFormats = ["int32", "int64", "float", "double"];
    expect(
      Object.keys(createAjv().formats)
        .filter((name) => !numberFormats.includes(name))
        .sort(),
    ).toEqual(formats);
  });

  it("generates only values the generated validator accepts", () => {
    fc.assert(
      fc.property(arbitrary, (value) => {
        const result = validate(value);
        if (!result.ok) throw new Error(`${JSON.stringify(value)}: ${JSON.stringify(result.issues)}`);
      }),
      { numRuns: 500 },
    );
  });
});
