// Codegen under bad input and failing disks, through the CLI on a temporary copy of the repo: every
// schema error names its file, JSON Pointer and rule and exits 1; no failure, whether in the
// schemas or in the middle of writing, changes a byte of the previous output.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { existingGeneratedRoots } from "../src/cli.js";
import { CODEGEN_DIR, copyRepo, removeRepo, runCodegen, snapshotGenerated } from "./helpers.js";

type Json = Record<string, any>;

let root: string;
beforeEach(() => {
  root = copyRepo();
});
afterEach(() => removeRepo(root));

function editSchema(file: string, edit: (schema: Json) => void): void {
  const abs = join(root, file);
  const schema = JSON.parse(readFileSync(abs, "utf8")) as Json;
  edit(schema);
  writeFileSync(abs, `${JSON.stringify(schema, null, 2)}\n`);
}

/** Runs codegen expecting it to reject the schemas: exit 1, the error line, nothing written. */
function expectRejected(...expectedLines: RegExp[]): void {
  const before = snapshotGenerated(root);
  const { status, output } = runCodegen(root);
  for (const line of expectedLines) expect(output).toMatch(line);
  expect(output).toMatch(/nothing was written/);
  expect(status).toBe(1);
  expect(snapshotGenerated(root)).toEqual(before);
}

const AMOUNT = "schemas/adyen/Amount.schema.json";
const PAYMENT = "schemas/adyen/Payment.schema.json";
const RESPONSE = "schemas/adyen/SessionResultResponse.schema.json";
const RESULT = "schemas/gateway/PaymentSessionResult.schema.json";

describe("codegen rejects bad schemas with file, JSON Pointer and rule, and writes nothing", () => {
  it("invalid JSON", () => {
    writeFileSync(join(root, AMOUNT), readFileSync(join(root, AMOUNT), "utf8").replace(/"type": "object",/, '"type": "object"'));
    expectRejected(/schemas\/adyen\/Amount\.schema\.json# \[json\] invalid JSON at line \d+, column \d+/);
  });

  it("a $ref to no schema", () => {
    editSchema(PAYMENT, (s) => {
      s.properties.amount.$ref = "Money.schema.json";
    });
    expectRejected(/schemas\/adyen\/Payment\.schema\.json#\/properties\/amount\/\$ref \[unresolved-ref\] cannot resolve \$ref "Money\.schema\.json"/);
  });

  it("a $ref cycle, reported at the $ref that closes it", () => {
    editSchema(AMOUNT, (s) => {
      s.properties.payment = { description: "Back-reference that makes the models recursive.", $ref: "Payment.schema.json" };
    });
    expectRejected(/schemas\/adyen\/Payment\.schema\.json#\/properties\/amount\/\$ref \[ref-cycle\] \$ref cycle: Amount -> Payment -> Amount/);
  });

  it("an unknown keyword", () => {
    editSchema(AMOUNT, (s) => {
      s.properties.value["x-max-cents"] = 100;
    });
    expectRejected(/schemas\/adyen\/Amount\.schema\.json#\/properties\/value\/x-max-cents \[unknown-keyword\] unknown keyword "x-max-cents"/);
  });

  it("two schemas that yield the same type name", () => {
    const clash = "schemas/gateway/Amount.schema.json";
    cpSync(join(root, AMOUNT), join(root, clash));
    editSchema(clash, (s) => {
      s.$id = s.$id.replace("/adyen/", "/gateway/");
    });
    expectRejected(/schemas\/gateway\/Amount\.schema\.json#\/title \[name-clash\] type name "Amount" is already used by schemas\/adyen\/Amount\.schema\.json/);
  });

  it("a pattern that is not a valid regular expression", () => {
    editSchema(RESULT, (s) => {
      s.properties.currency.pattern = "^[A-Z{3}$";
    });
    expectRejected(/schemas\/gateway\/PaymentSessionResult\.schema\.json#\/properties\/currency\/pattern \[invalid-pattern\]/);
  });

  it("a pattern vulnerable to ReDoS (exponential)", () => {
    editSchema(RESULT, (s) => {
      s.properties.currency.pattern = "^([A-Z]+)+$";
    });
    expectRejected(/schemas\/gateway\/PaymentSessionResult\.schema\.json#\/properties\/currency\/pattern \[redos\] pattern "\^\(\[A-Z\]\+\)\+\$" is vulnerable to ReDoS \(exponential/);
  });

  it("a patternProperties key vulnerable to ReDoS (polynomial)", () => {
    editSchema(RESPONSE, (s) => {
      s.properties.additionalData.patternProperties = { "^\\d*\\d*x$": { type: "string" } };
    });
    expectRejected(/schemas\/adyen\/SessionResultResponse\.schema\.json#\/properties\/additionalData\/patternProperties\/\^\\d\*\\d\*x\$ \[redos\] .*vulnerable to ReDoS \(\d+(st|nd|rd|th) degree polynomial/);
  });

  it("reports every problem of a run together", () => {
    editSchema(AMOUNT, (s) => {
      s.properties.value["x-max-cents"] = 100;
    });
    editSchema(RESULT, (s) => {
      s.properties.currency.pattern = "^(A|A)*$";
    });
    expectRejected(/codegen: 2 schema errors:\n.*\[unknown-keyword\].*\n.*\[redos\]/);
  });
});

describe("codegen output", () => {
  it("depends only on schemas/: a copy elsewhere with no previous output gets the same bytes", () => {
    const fresh = copyRepo();
    try {
      for (const dir of existingGeneratedRoots(fresh)) rmSync(join(fresh, dir), { recursive: true });
      expect(snapshotGenerated(fresh).size).toBe(0);
      expect(runCodegen(root).status).toBe(0);
      expect(runCodegen(fresh).status).toBe(0);
      const a = snapshotGenerated(root);
      const b = snapshotGenerated(fresh);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      expect([...a.keys()].filter((path) => a.get(path) !== b.get(path))).toEqual([]);
    } finally {
      removeRepo(fresh);
    }
  });
});

const TSX = join(CODEGEN_DIR, "node_modules/.bin/tsx");
const CLI = join(CODEGEN_DIR, "src/cli.ts");
const FAIL_FS = fileURLToPath(new URL("./support/fail-fs.mjs", import.meta.url));

/** The CLI with one node:fs call made to fail (see support/fail-fs.mjs). */
function runCodegenFailing(failure: string): { status: number | null; output: string } {
  const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${FAIL_FS}`.trim(), CODEGEN_FAIL_FS: failure };
  const result = spawnSync(TSX, [CLI, "--root", root], { encoding: "utf8", env });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("a failure in the middle of writing leaves the previous output", () => {
  beforeEach(() => {
    // A description change touches several generated folders (JSON Schemas, types, docs...).
    editSchema(AMOUNT, (s) => {
      s.properties.currency.description = "Three-letter ISO 4217 code, changed by the test.";
    });
    // Bring every folder in line with the edited schemas but one: the run under test must then
    // rewrite several folders.
    expect(runCodegen(root).status).toBe(0);
    editSchema(AMOUNT, (s) => {
      s.properties.currency.description = "Three-letter ISO 4217 code, changed again by the test.";
    });
  });

  for (const [when, failure] of [
    ["writing the new files of the first folder", "writeFileSync:.tmp-:3"],
    ["moving the second folder aside", "renameSync:.old-:2"],
    ["moving the second new folder in", "renameSync:.tmp-:2"],
  ] as const) {
    it(`when ${when}`, () => {
      const before = snapshotGenerated(root);
      const failed = runCodegenFailing(failure);
      // One line naming the path and what the error means, no stack trace; exit 2.
      expect(failed.output).toMatch(/^codegen: cannot (write|rename) packages\/\S+: input\/output error \(EIO\)$/m);
      expect(failed.output).not.toMatch(/\n\s+at /);
      expect(failed.status).toBe(2);
      // Byte for byte the previous output: no half-written folder, no temporary or set-aside folder left.
      expect(snapshotGenerated(root)).toEqual(before);

      const retried = runCodegen(root);
      expect(retried.status).toBe(0);
      expect(readFileSync(join(root, "packages/payment-types/src/generated/models.ts"), "utf8")).toContain("changed again by the test");
    });
  }

  it("when a folder that did not exist before was already moved in", () => {
    // The folder swapped in first (roots go in path order) is missing from the previous output.
    const first = [...snapshotGenerated(root).keys()].sort()[0]!;
    const firstRoot = first.slice(0, first.indexOf("/generated/") + "/generated".length);
    rmSync(join(root, firstRoot), { recursive: true });
    const before = snapshotGenerated(root);
    const failed = runCodegenFailing("renameSync:.tmp-:2");
    expect(failed.status).toBe(2);
    expect(snapshotGenerated(root)).toEqual(before);
    expect(existsSync(join(root, firstRoot))).toBe(false);
  });
});
