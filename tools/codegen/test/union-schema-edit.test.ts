// A consumer's exhaustive switch over PaymentSessionResult's status compiles against the generated
// types, and stops compiling (as it should) once the schema adds a status: a temporary copy of the
// repository gets the schema edit, `pnpm codegen` runs on it, and the TypeScript compiler judges the
// same consumer code against both outputs.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, copyRepo, removeRepo, runCodegen } from "./helpers.js";

const CONSUMER = `import type { PaymentSessionResult } from "./packages/payment-types/src/generated/models.js";

export function describeResult(r: PaymentSessionResult): string {
  switch (r.status) {
    case "completed":
      return "paid";
    case "awaiting_verification":
      return r.verification_url;
    case "declined":
    case "failed":
      return r.error_details?.message ?? r.status;
    default: {
      const unhandled: never = r;
      return unhandled;
    }
  }
}
`;

/** The compiler's errors for CONSUMER placed at the root of `root`, as "line: message". */
function consumerErrors(root: string): string[] {
  const file = join(root, "consumer.ts");
  writeFileSync(file, CONSUMER);
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [] };
  const program = ts.createProgram([file], options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${d.file ? d.file.fileName.slice(root.length + 1) : "?"}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
}

describe("an exhaustive switch over a discriminated union", () => {
  const root = copyRepo();
  afterAll(() => removeRepo(root));

  it("compiles against the generated types", () => {
    expect(consumerErrors(root)).toEqual([]);
  });

  it("breaks when the schema adds a status, at the never check, naming the new variant", () => {
    const path = join(root, "schemas/gateway/PaymentSessionStatus.schema.json");
    const schema = JSON.parse(readFileSync(path, "utf8"));
    schema.enum.push("refunded");
    schema["x-enum-descriptions"].refunded = "The debit was returned after completion.";
    writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
    const codegen = runCodegen(root);
    expect(codegen.output).toMatch(/files generated/);
    expect(codegen.status).toBe(0);
    const models = readFileSync(join(root, "packages/payment-types/src/generated/models.ts"), "utf8");
    expect(models).toMatch(/export interface PaymentSessionResultRefunded extends PaymentSessionResultFields \{/);
    // The schema says nothing else about "refunded": every rule's else applies.
    expect(/export interface PaymentSessionResultRefunded [^]*?\n\}/.exec(models)![0]).toMatch(/error_details: null;[^]*verification_url: null;/);
    const errors = consumerErrors(root);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^consumer\.ts:13: Type 'PaymentSessionResultRefunded' is not assignable to type 'never'/);
    // The repository itself is untouched.
    expect(readFileSync(join(REPO_ROOT, "schemas/gateway/PaymentSessionStatus.schema.json"), "utf8")).not.toContain("refunded");
  });
});
