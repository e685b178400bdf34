// The OpenAPI document states the version of the packages it ships in (read from the manifest at
// codegen), never a number hard-coded in schemas/api.json.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { openapiDocument } from "../src/emit/openapi.js";
import { loadSchemaSet } from "../src/model/load.js";
import { VERSION_MANIFEST } from "../src/outputs.js";

const MINI = fileURLToPath(new URL("fixtures/mini", import.meta.url));
const roots: string[] = [];
function miniCopy(): string {
  const root = mkdtempSync(join(tmpdir(), "codegen-version-"));
  roots.push(root);
  cpSync(join(MINI, "schemas"), join(root, "schemas"), { recursive: true });
  return root;
}
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("the OpenAPI document's info.version", () => {
  it("is the packages' version", () => {
    const root = miniCopy();
    cpSync(join(MINI, VERSION_MANIFEST), join(root, VERSION_MANIFEST));
    writeFileSync(join(root, VERSION_MANIFEST), JSON.stringify({ name: "@org/payment-schemas", version: "2.3.4-next.1" }));
    expect((openapiDocument(loadSchemaSet(root)).info as { version: string }).version).toBe("2.3.4-next.1");
  });

  it("stops codegen with a clear error when there is no manifest to read it from", () => {
    expect(() => openapiDocument(loadSchemaSet(miniCopy()))).toThrow(`codegen: ${VERSION_MANIFEST} is missing or has no version`);
  });
});
