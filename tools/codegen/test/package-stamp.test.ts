// The schema set hash every published package records in its package.json: written by codegen,
// kept up to date on schema changes, and covered by --check like a generated file.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSchemaSet } from "../src/model/load.js";
import { STAMP_FIELD, stampManifest } from "../src/package-stamp.js";
import { REPO_ROOT, copyRepo, removeRepo, runCodegen } from "./helpers.js";

let root: string;
beforeEach(() => {
  root = copyRepo();
  for (const pkg of readdirSync(join(REPO_ROOT, "packages"))) {
    cpSync(join(REPO_ROOT, "packages", pkg, "package.json"), join(root, "packages", pkg, "package.json"));
  }
  mkdirSync(join(root, "packages/internal-tool"), { recursive: true });
  writeFileSync(join(root, "packages/internal-tool/package.json"), `${JSON.stringify({ name: "@org/internal-tool", version: "0.0.0", private: true }, null, 2)}\n`);
});
afterEach(() => removeRepo(root));

const manifest = (pkg: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, "packages", pkg, "package.json"), "utf8"));
const write = (pkg: string, value: Record<string, unknown>): void => writeFileSync(join(root, "packages", pkg, "package.json"), `${JSON.stringify(value, null, 2)}\n`);

describe("schema set stamp in package.json", () => {
  it("every published package in the repository carries the hash of the current schema set", () => {
    const hash = loadSchemaSet(REPO_ROOT).hash;
    for (const pkg of readdirSync(join(REPO_ROOT, "packages"))) {
      const pkgJson = JSON.parse(readFileSync(join(REPO_ROOT, "packages", pkg, "package.json"), "utf8"));
      if (pkgJson.private === true) continue;
      expect(pkgJson[STAMP_FIELD], pkg).toEqual({ hash });
    }
  });

  it("--check names a package.json whose stamp is missing, and codegen writes it after `version`", () => {
    const { [STAMP_FIELD]: _removed, ...unstamped } = manifest("payment-types");
    write("payment-types", unstamped);
    const check = runCodegen(root, "--check");
    expect(check.status).toBe(1);
    expect(check.output).toMatch(/stale\s+packages\/payment-types\/package\.json#\/paymentSchemas/);

    expect(runCodegen(root).status).toBe(0);
    const stamped = manifest("payment-types");
    expect(stamped[STAMP_FIELD]).toEqual({ hash: loadSchemaSet(root).hash });
    expect(Object.keys(stamped).slice(0, 3)).toEqual(["name", "version", STAMP_FIELD]);
    expect(manifest("internal-tool")).not.toHaveProperty(STAMP_FIELD);
    expect(runCodegen(root, "--check").status).toBe(0);
  });

  it("a schema edit makes every published package's stamp stale until codegen runs", () => {
    const file = join(root, "schemas/adyen/Amount.schema.json");
    const schema = JSON.parse(readFileSync(file, "utf8"));
    schema.description = `${schema.description} (edited)`;
    writeFileSync(file, JSON.stringify(schema, null, 2));
    const before = manifest("payment-validators")[STAMP_FIELD];

    const check = runCodegen(root, "--check");
    expect(check.status).toBe(1);
    const published = readdirSync(join(root, "packages")).filter((pkg) => manifest(pkg).private !== true);
    for (const pkg of published) expect(check.output).toContain(`packages/${pkg}/package.json#/paymentSchemas`);
    expect(check.output).not.toContain("internal-tool");

    expect(runCodegen(root).status).toBe(0);
    const after = manifest("payment-validators")[STAMP_FIELD] as { hash: string };
    expect(after).not.toEqual(before);
    expect(after.hash).toBe(loadSchemaSet(root).hash);
    expect(runCodegen(root, "--check").status).toBe(0);
  });

  it("leaves a manifest that already carries the stamp byte for byte as it is", () => {
    const text = '{ "name": "x", "version": "1.0.0", "paymentSchemas": { "hash": "abc" }, "files": ["dist"] }\n';
    expect(stampManifest(text, { hash: "abc" })).toBe(text);
    const restamped = JSON.parse(stampManifest(text, { hash: "def" }));
    expect(restamped).toEqual({ name: "x", version: "1.0.0", paymentSchemas: { hash: "def" }, files: ["dist"] });
  });
});
