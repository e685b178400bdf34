// Property tests of the shipped validators against values from @org/payment-fixtures: every
// generated value passes (strict and tolerant), and every single mutation derived from the schemas
// (see schema-mutations.ts) is rejected at the JSON Pointer where it was made, by validate, is and
// assert alike; tolerant mode rejects the same, except unknown keys (accepted) and unknown values of
// provider-extensible enums (accepted with a warning at that pointer).
import { arbitraries } from "@org/payment-fixtures/arbitraries";
import { schemas, topLevelModels } from "@org/payment-schemas";
import * as validators from "@org/payment-validators";
import { PayloadValidationError, type ValidationIssue } from "@org/payment-validators";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Mutation, type MutationKind, mutationKindsOf, mutationsOf } from "./schema-mutations.js";

const RUNS = 150;
const SEED = 20261123;

type Json = Parameters<typeof mutationsOf>[1];
type Validate = (data: unknown, options?: { mode: "strict" | "tolerant" }) => { ok: boolean; issues?: readonly ValidationIssue[]; warnings: readonly ValidationIssue[] };
const byName = arbitraries as unknown as Record<string, fc.Arbitrary<Json>>;
const nameById = new Map(Object.entries(schemas as Record<string, { $id: string }>).map(([name, s]) => [s.$id, name]));
const samples = new Map<string, Json[]>();
/** A few valid values of any model, for mutations that need one (e.g. an object where null was required). */
function samplesFor(id: string): Json[] {
  const name = nameById.get(id)!;
  if (!samples.has(name)) samples.set(name, fc.sample(byName[name]!, { numRuns: 3, seed: SEED }));
  return samples.get(name)!;
}

const show = (value: unknown) => JSON.stringify(value, null, 1).slice(0, 4000);
const at = (issues: readonly ValidationIssue[] | undefined, m: Mutation) => (issues ?? []).some((i) => i.pointer === m.pointer && m.keywords.includes(i.keyword));

function checkMutation(model: string, m: Mutation): void {
  const fns = validators as unknown as Record<string, unknown>;
  const validate = fns[`validate${model}`] as Validate;
  const is = fns[`is${model}`] as (data: unknown) => boolean;
  const assert = fns[`assert${model}`] as (data: unknown) => void;
  const fail = (what: string, result: unknown) => {
    throw new Error(`${model}, mutation ${m.description}: ${what}\nexpected an issue at "${m.pointer}" (${m.keywords.join("/")})\nresult: ${show(result)}\npayload: ${show(m.payload)}`);
  };

  const strict = validate(m.payload);
  if (strict.ok || !at(strict.issues, m)) fail("strict validate did not reject it there", strict);
  if (is(m.payload)) fail("is() accepted it", true);
  try {
    assert(m.payload);
    fail("assert() did not throw", undefined);
  } catch (error) {
    if (!(error instanceof PayloadValidationError) || !at(error.issues, m)) fail("assert() threw something else", String(error));
  }
  const tolerant = validate(m.payload, { mode: "tolerant" });
  if (m.tolerant === "reject" && (tolerant.ok || !at(tolerant.issues, m))) fail("tolerant validate did not reject it there", tolerant);
  if (m.tolerant === "accept" && !tolerant.ok) fail("tolerant validate rejected an unknown key", tolerant);
  if (m.tolerant === "warn" && (!tolerant.ok || !at(tolerant.warnings, m))) fail("tolerant validate did not accept it with a warning there", tolerant);
}

describe.each(topLevelModels as readonly string[])("%s", (model) => {
  const fns = validators as unknown as Record<string, unknown>;
  const validate = fns[`validate${model}`] as Validate;

  it("every generated value is valid, and every single mutation of it is rejected where it was made", () => {
    const seen = new Set<MutationKind>();
    let mutations = 0;
    fc.assert(
      fc.property(byName[model]!, (value) => {
        const strict = validate(value);
        if (!strict.ok || strict.warnings.length > 0) throw new Error(`generated value rejected: ${show(strict)}\n${show(value)}`);
        const tolerant = validate(value, { mode: "tolerant" });
        if (!tolerant.ok || tolerant.warnings.length > 0) throw new Error(`generated value rejected in tolerant mode: ${show(tolerant)}`);
        const before = JSON.stringify(value);
        for (const m of mutationsOf(model, value, { samplesFor })) {
          seen.add(m.kind);
          mutations++;
          checkMutation(model, m);
        }
        expect(JSON.stringify(value)).toBe(before);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Every kind of mutation the schema gives rise to was tried (the derivation is not vacuous).
    expect([...seen].sort()).toEqual([...mutationKindsOf(model)].sort());
    expect(mutations).toBeGreaterThan(RUNS * 10);
  });
});

describe("the mutation derivation", () => {
  it("derives each kind where the schema says so, at the right pointer", () => {
    const example = (schemas.PaymentSessionResult.examples as unknown as Json[])[0]!;
    const found = mutationsOf("PaymentSessionResult", example, { samplesFor });
    const has = (kind: MutationKind, pointer: string) => found.some((m) => m.kind === kind && m.pointer === pointer);
    expect(has("required", "/status")).toBe(true);
    expect(has("enum", "/status")).toBe(true);
    expect(has("pattern", "/currency")).toBe(true);
    expect(has("format", "/created_at")).toBe(true);
    expect(has("additionalProperties", "/unexpected_property")).toBe(true);
    expect(has("additionalProperties", "/payment_method/unexpected_property")).toBe(true);
    expect(has("type", "/sepa/sequence_type")).toBe(true);
    // status "completed": verification_url must be null; a string breaks it, and so does flipping
    // status to awaiting_verification while verification_url stays null.
    expect(
      found
        .filter((m) => m.kind === "cross-field")
        .map((m) => m.pointer)
        .sort(),
    ).toEqual(["/error_details", "/verification_url", "/verification_url"]);
    // Nothing is derived for what the schema leaves open: free-form strings, nullable fields' null.
    expect(found.some((m) => m.pointer === "/session_token" && m.kind !== "type" && m.kind !== "required")).toBe(false);
  });
});
