// Reads the two source documents as received and fails if any field they list is missing from the
// canonical schemas or differs in type, nullability, format or enum values.
import { describe, expect, it } from "vitest";
import { enumValues, jsonTypes, refTitle, schemaByTitle } from "./helpers.js";
import { type SourceField, parseAdyenDocument, parseGatewayDocument } from "./source-documents.js";

/** The schema of the property at `path`, following $refs (and array items) from `root`. */
function propertyAt(root: string, path: string[]): { schema: Record<string, any>; parent: Record<string, any> } | undefined {
  let model = schemaByTitle(root);
  let property: Record<string, any> | undefined;
  for (const [i, name] of path.entries()) {
    property = model.properties?.[name];
    if (!property) return undefined;
    if (i === path.length - 1) return { schema: property, parent: model };
    const next = property.type === "array" ? property.items : property;
    const title = refTitle(next);
    if (!title) return undefined;
    model = schemaByTitle(title);
  }
  return undefined;
}

function checkField(root: string, field: SourceField) {
  const where = `${root}.${field.path.join(".")}`;
  const found = propertyAt(root, field.path);
  expect(found, `${where} is missing from the schema`).toBeDefined();
  const { schema, parent } = found!;
  const types = jsonTypes(schema);
  const expectedTypes = field.types.map((t) => (t === "integer" ? "integer" : t));
  expect(types, `${where}: type`).toEqual([...new Set(expectedTypes)].sort());
  if (field.format) expect(schema.format, `${where}: format`).toBe(field.format);
  if (field.enumValues && field.enumValues.length > 0) {
    const values = enumValues(schema);
    expect(values, `${where}: enum values`).toBeDefined();
    for (const value of field.enumValues) expect(values, `${where}: enum value ${String(value)}`).toContain(value);
  }
  if (field.typeName && field.typeName !== "Status4") {
    const target = schema.type === "array" ? schema.items : schema;
    expect(refTitle(target), `${where}: named type`).toBe(field.typeName);
  }
  const required: string[] = parent.required ?? [];
  if (field.optional === true) expect(required, `${where}: optional`).not.toContain(field.path[field.path.length - 1]);
  return types;
}

describe("source document coverage", () => {
  const adyen = parseAdyenDocument();
  const gateway = parseGatewayDocument();

  it("parses every field of both documents", () => {
    expect(adyen.fields.map((f) => f.path.join("."))).toMatchInlineSnapshot(`
      [
        "additionalData",
        "id",
        "payments",
        "reference",
        "status",
        "payments.amount",
        "payments.amount.currency",
        "payments.amount.value",
        "payments.paymentMethod",
        "payments.paymentMethod.brand",
        "payments.paymentMethod.type",
        "payments.pspReference",
        "payments.resultCode",
      ]
    `);
    expect(gateway).toHaveLength(53); // 21 top-level fields, 32 nested ones
    expect(gateway.filter((f) => f.path.length === 1)).toHaveLength(21);
    expect(Object.fromEntries(gateway.filter((f) => f.enumValues).map((f) => [f.path.join("."), f.enumValues]))).toEqual({
      "error_details.code": ["insufficient_funds", "invalid_iban", "mandate_rejected", "account_closed", "do_not_honor", "gateway_unavailable", "unknown"],
      "sepa.sequence_type": ["FRST", "RCUR", null],
      status: ["completed", "awaiting_verification", "declined", "failed"],
    });
  });

  it("SessionResultResponse has every field of the Adyen document, with its type and optionality", () => {
    for (const field of adyen.fields) checkField("SessionResultResponse", field);
  });

  it("SessionResultStatus has every status the document describes, and Adyen's `active`", () => {
    const values = schemaByTitle("SessionResultStatus").enum;
    expect(adyen.statusValues.length).toBe(5);
    for (const status of adyen.statusValues) expect(values).toContain(status);
    expect([...values].sort()).toEqual([...adyen.statusValues, "active"].sort());
  });

  it("PaymentSessionResult has every field of the gateway document, with type, nullability, format and enum values", () => {
    for (const field of gateway) checkField("PaymentSessionResult", field);
  });

  it("keeps every gateway key required (the response is serialised in full) and closed", () => {
    for (const field of gateway) {
      const { parent } = propertyAt("PaymentSessionResult", field.path)!;
      expect(parent.required, field.path.join(".")).toContain(field.path[field.path.length - 1]);
      expect(parent.additionalProperties, field.path.join(".")).toBe(false);
    }
  });

  it("would catch a field that differs (the check can fail)", () => {
    expect(() => checkField("PaymentSessionResult", { path: ["amount"], types: ["string"] })).toThrow(/type/);
    expect(() => checkField("PaymentSessionResult", { path: ["no_such_field"], types: ["string"] })).toThrow(/missing/);
    expect(() => checkField("PaymentSessionResult", { path: ["status"], types: ["string"], enumValues: ["refunded"] })).toThrow(/enum value refunded/);
  });
});
