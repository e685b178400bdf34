// Every schema compiles under Ajv 2020-12 strict mode (with our annotation keywords registered)
// and every `examples` entry validates against its own schema.
import { describe, expect, it } from "vitest";
import { createAjv } from "../../tools/codegen/src/ajv.js";
import { readSchemaFiles, schemaByTitle } from "./helpers.js";

const files = readSchemaFiles();

function strictAjv() {
  const ajv = createAjv({ strict: true, allErrors: true });
  for (const { schema } of files) ajv.addSchema(schema);
  return ajv;
}

describe("canonical schemas", () => {
  it("are all found, one file per named model", () => {
    expect(files.map((f) => f.file)).toMatchSnapshot();
  });

  it.each(files.map((f) => [f.file, f.schema] as const))("%s compiles in strict mode", (_file, schema) => {
    const ajv = strictAjv();
    expect(() => ajv.getSchema(schema.$id)).not.toThrow();
    expect(ajv.getSchema(schema.$id)).toBeTypeOf("function");
  });

  it.each(files.map((f) => [f.file, f.schema] as const))("%s: every example validates", (_file, schema) => {
    const validate = strictAjv().getSchema(schema.$id)!;
    expect(schema.examples?.length).toBeGreaterThan(0);
    for (const example of schema.examples) {
      const ok = validate(example);
      expect(validate.errors ?? [], JSON.stringify(example)).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it("rejects an unknown keyword in strict mode (the check above can fail)", () => {
    const ajv = createAjv({ strict: true });
    expect(() => ajv.compile({ type: "string", maxLenght: 3 })).toThrow(/unknown keyword: "maxLenght"/);
  });

  it("has a title and description on every model and a description on every property", () => {
    for (const { file, schema } of files) {
      expect(schema.title, file).toBe(file.replace(/^.*\//, "").replace(".schema.json", ""));
      expect(schema.description, file).toBeTruthy();
      for (const [name, property] of Object.entries<any>(schema.properties ?? {})) expect(property.description, `${file} ${name}`).toBeTruthy();
    }
  });

  it.each([
    ["SessionResultResponse", "SessionResultStatus"],
    ["PaymentSessionResult", "PaymentSessionStatus"],
  ])("%s has an example for every status value", (model, statusEnum) => {
    const statuses = schemaByTitle(statusEnum).enum as string[];
    const exampleStatuses = (schemaByTitle(model).examples as { status: string }[]).map((e) => e.status);
    expect([...new Set(exampleStatuses)].sort()).toEqual([...statuses].sort());
  });
});
