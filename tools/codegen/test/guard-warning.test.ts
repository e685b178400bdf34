// A top-level model whose guard the compiler cannot build still validates (Ajv's code alone), but
// the validators emitter says so, naming the model, the mode and the keyword; codegen prints it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { warningsOf } from "../src/emitter.js";
import { emitValidators } from "../src/emit/validators.js";
import { loadSchemaSet } from "../src/model/load.js";

const root = mkdtempSync(join(tmpdir(), "guard-warning-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("a model without a fast path", () => {
  it("gets a warning naming the model, the mode and the keyword", () => {
    cpSync(fileURLToPath(new URL("fixtures/mini", import.meta.url)), root, { recursive: true });
    const file = join(root, "schemas/shop/Order.schema.json");
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), allOf: [{ type: "object", properties: { id: { type: "string" } }, required: ["id"] }], unevaluatedProperties: false }, null, 2));
    const warnings = warningsOf(emitValidators(loadSchemaSet(root)));
    expect(warnings).toContain('Order (strict mode) has no fast-path guard: keyword "unevaluatedProperties" beside "allOf" cannot be mirrored exactly, so Ajv\'s code alone validates it (about 2x slower)');
  });

  it("and none when every model has a guard", () => {
    const repo = fileURLToPath(new URL("fixtures/mini", import.meta.url));
    expect(warningsOf(emitValidators(loadSchemaSet(repo)))).toEqual([]);
  });
});
