// The official JSON Schema Test Suite (draft 2020-12) through the validators pipeline
// (test/support/conformance.ts): every test of every accepted group gives the suite's answer (or
// is a listed deliberate or known difference), every refusal names its file, pointer and rule, and
// CONFORMANCE.md is what this run gives. Skipped, saying so, when the suite is not beside the clone.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type SuiteResult, conformanceMarkdown, findSuite, runSuite, suiteCommit } from "./support/conformance.js";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const suite = findSuite(root);
if (!suite) console.warn("conformance: skipped, no JSON Schema Test Suite at ../shared/json-schema-test-suite (nor in a parent folder's shared/)");

describe.skipIf(!suite)("JSON Schema Test Suite (draft 2020-12)", () => {
  let result: SuiteResult;
  beforeAll(async () => {
    result = await runSuite(root, suite!);
  }, 900_000);

  it("passes every test of every accepted group, formats included", () => {
    expect(result.failures.filter((f) => !f.deliberate)).toEqual([]);
    const formatFiles = result.files.filter((f) => f.file.startsWith("optional/format/") && f.accepted > 0);
    expect(formatFiles.length).toBeGreaterThanOrEqual(15);
    for (const file of formatFiles) expect(file.passed, file.file).toBe(file.tests);
  });

  it("refuses a group only with its file, JSON Pointer and rule id", () => {
    for (const refusal of result.refusals) {
      expect(refusal.file).toMatch(/^tests\/draft2020-12\/.+\.json$/);
      expect(refusal.pointer).toMatch(/^\/\d+\/schema(\/|$)/);
      expect(refusal.rule).toMatch(/^[a-z-]+$/);
      expect(refusal.message.length).toBeGreaterThan(0);
    }
  });

  it("CONFORMANCE.md is current (run pnpm conformance)", () => {
    expect(readFileSync(join(root, "CONFORMANCE.md"), "utf8")).toBe(conformanceMarkdown(result, suiteCommit(suite!)));
  });
});
