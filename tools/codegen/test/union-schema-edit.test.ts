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

// Against the tolerant types of a schema whose status enum is provider-extensible: an unrecognized
// status has a variant of its own, with every rule's else (no URL, no error details), and keeps an
// exhaustive switch over the known values from compiling without a default branch. (TypeScript
// cannot narrow an object union by comparing a branded string with a literal, so in this case the
// known values do not narrow the object; strict types, and closed enums, narrow fully.)
const TOLERANT_CONSUMER = `import type { TolerantPaymentSessionResult, TolerantPaymentSessionResultUnrecognizedStatus, UnrecognizedEnumValue } from "./packages/payment-types/src/generated/tolerant.js";

export function unknownStatus(r: TolerantPaymentSessionResultUnrecognizedStatus): [UnrecognizedEnumValue, null, null] {
  return [r.status, r.verification_url, r.error_details];
}
// @ts-expect-error an unrecognized status never comes with a verification URL
export const withUrl: TolerantPaymentSessionResultUnrecognizedStatus = { ...({} as TolerantPaymentSessionResultUnrecognizedStatus), verification_url: "https://x" };
export function describeTolerant(r: TolerantPaymentSessionResult): string {
  switch (r.status) {
    case "awaiting_verification":
    case "completed":
    case "declined":
    case "failed":
    case "refunded":
      return r.status;
    default: {
      // @ts-expect-error an unrecognized status remains possible: the known values are not exhaustive
      const unreachable: never = r;
      return String(unreachable);
    }
  }
}
`;

/** The compiler's errors for `source` placed at the root of `root`, as "file:line: message". */
function consumerErrors(root: string, source = CONSUMER): string[] {
  const file = join(root, "consumer.ts");
  writeFileSync(file, source);
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
    schema["x-provider-extensible"] = true; // for the tolerant case below
    schema["x-enum-descriptions"].refunded = "The debit was returned after completion.";
    writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
    const codegen = runCodegen(root);
    expect(codegen.output).toMatch(/files generated/);
    expect(codegen.status).toBe(0);
    const models = readFileSync(join(root, "packages/payment-types/src/generated/models.ts"), "utf8");
    expect(models).toMatch(/export interface PaymentSessionResultRefunded extends PaymentSessionResultFields \{/);
    // The schema says nothing else about "refunded": every rule's else applies.
    expect(/export interface PaymentSessionResultRefunded [\s\S]*?\n\}/.exec(models)![0]).toMatch(/error_details: null;[\s\S]*verification_url: null;/);
    const errors = consumerErrors(root);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^consumer\.ts:13: Type 'PaymentSessionResultRefunded' is not assignable to type 'never'/);
    expect(consumerErrors(root, TOLERANT_CONSUMER)).toEqual([]);
    // The repository itself is untouched.
    expect(readFileSync(join(REPO_ROOT, "schemas/gateway/PaymentSessionStatus.schema.json"), "utf8")).not.toContain("refunded");
  });
});
