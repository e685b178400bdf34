// Schema-first, proven: adding a legacy alias to a schema and running codegen is the whole change.
// On a temporary copy of the repository, PaymentSessionResult gets one more legacy field
// (`lead_id`, replaced by `/lead/id`); codegen then must carry it into the adapters (runtime and
// LegacyX type), the @deprecated JSDoc of the types, the docs, the validators' drift check and the
// fixtures, and the regenerated adapters and check must behave accordingly.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyRepo, removeRepo, runCodegen } from "./helpers.js";

const SCHEMA = "schemas/gateway/PaymentSessionResult.schema.json";
let root: string;
const read = (path: string) => readFileSync(join(root, path), "utf8");

beforeAll(() => {
  root = copyRepo();
  const schema = JSON.parse(read(SCHEMA)) as {
    properties: Record<string, unknown>;
    required: string[];
    examples: { lead: { id: string } | null; lead_id?: string | null }[];
  };
  // Where an author would put it: the schema lists its properties alphabetically.
  const properties = { ...schema.properties, lead_id: { type: ["string", "null"], description: "Legacy lead identifier. Prefer lead.id.", "x-legacy": { replacedBy: "/lead/id" } } };
  schema.properties = Object.fromEntries(Object.entries(properties).sort(([a], [b]) => (a < b ? -1 : 1)));
  schema.required = [...schema.required, "lead_id"].sort();
  for (const example of schema.examples) example.lead_id = example.lead?.id ?? null;
  writeFileSync(join(root, SCHEMA), `${JSON.stringify(schema, null, 2)}\n`);
  const result = runCodegen(root);
  if (result.status !== 0) throw new Error(result.output);
}, 120_000);

afterAll(() => removeRepo(root));

describe("one more x-legacy annotation, then codegen", () => {
  it("adds the field to the adapters' legacy table, key types and LegacyPaymentSessionResult", () => {
    const adapters = read("packages/payment-adapters/src/generated/index.ts");
    expect(adapters).toContain(`{ field: "lead_id", replacedBy: "/lead/id", replacementPath: ["lead","id"], nullable: true }`);
    expect(adapters).toMatch(/export type PaymentSessionResultLegacyKey = "error" \| "lead_id" \| "order_number" \| "retry_allowed" \| "verification_url";/);
    expect(adapters).toMatch(/export type PaymentSessionResultReplacedLegacyKey = "error" \| "lead_id" \| "order_number";/);
    const start = adapters.indexOf("export type LegacyPaymentSessionResult<");
    const legacyType = adapters.slice(start, adapters.indexOf(": never;", start));
    expect(legacyType).toContain(`lead_id: V["lead_id"] | NonNullable<V["lead"]>["id"] | null;`);
    expect(adapters).toContain("- `lead_id` <- `/lead/id`");
  });

  it("marks the property @deprecated in the generated types", () => {
    const types = read("packages/payment-types/src/generated/models.ts");
    expect(types).toMatch(/Legacy lead identifier\. Prefer lead\.id\.\s+\*\s+\* @deprecated Legacy flat field kept for old clients\. Use `lead\.id` instead\.\s+\*\/\s+lead_id: string \| null;/);
  });

  it("lists it among the legacy fields of the docs", () => {
    const page = read("packages/payment-docs/generated/gateway/PaymentSessionResult.md");
    const section = page.slice(page.indexOf("## Legacy fields"));
    expect(section).toContain("| [`lead_id`](#field-lead_id) | [`lead.id`](LeadSummary.md#field-id) | Legacy flat field kept for old clients. Use `lead.id` instead. |");
  });

  it("checks it for drift in the validators and keeps it consistent in the fixtures", () => {
    expect(read("packages/payment-validators/src/generated/checks.ts")).toContain(`{ field: "lead_id", replacedBy: "/lead/id"`);
    expect(read("packages/payment-fixtures/src/generated/factories.ts")).toMatch(/legacy: \{ keys: \["error", "lead_id", "order_number"\], fill: withLegacyFieldsPaymentSessionResult \}/);
  });

  it("makes the regenerated adapters and drift check behave for the new field", async () => {
    const adapters = (await import(pathToFileURL(join(root, "packages/payment-adapters/src/generated/index.ts")).href)) as Record<string, (value: unknown) => unknown>;
    const checks = (await import(pathToFileURL(join(root, "packages/payment-validators/src/generated/checks.ts")).href)) as { paymentSessionResultChecks: ((value: unknown) => { pointer: string; keyword: string }[])[] };
    const example = (JSON.parse(read(SCHEMA)) as { examples: Record<string, unknown>[] }).examples[0]!;
    const leadId = (example.lead as { id: string }).id;

    const { lead_id: _dropped, ...canonical } = example;
    expect((adapters.withLegacyFieldsPaymentSessionResult!(canonical) as Record<string, unknown>).lead_id).toBe(leadId);
    expect((adapters.toLegacyPaymentSessionResult!({ ...example, lead_id: "stale" }) as Record<string, unknown>).lead_id).toBe(leadId);
    expect(adapters.withoutLegacyFieldsPaymentSessionResult!(example)).not.toHaveProperty("lead_id");
    expect(adapters.legacyDriftPaymentSessionResult!({ ...example, lead_id: "stale" })).toEqual([
      { field: "lead_id", legacyPointer: "/lead_id", legacyValue: "stale", replacementPointer: "/lead/id", replacementValue: leadId, replacementPresent: true },
    ]);
    expect(checks.paymentSessionResultChecks.flatMap((check) => check({ ...example, lead_id: "stale" }))).toMatchObject([{ pointer: "/lead_id", keyword: "legacy-drift" }]);
    expect(checks.paymentSessionResultChecks.flatMap((check) => check(example))).toEqual([]);
  });
});
