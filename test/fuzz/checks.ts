// What the fuzzer demands of every public function that takes a payload of a model, on any input:
// - validateX (strict, tolerant, odd options), isX and the adapters never throw; assertX throws only
//   PayloadValidationError, and exactly when validateX says invalid;
// - results have the promised shape; isX agrees with validateX; strict-valid implies tolerant-valid;
// - on inputs that answer the same on every read, validateX agrees with a reference validator (Ajv
//   compiled at runtime from the published schemas, plus the legacy-drift rule) run on the input's
//   JSON view (what JSON.stringify sends: the validators' contract), and a valid result's value is
//   that view;
// - adapters return plain objects (an own "__proto__" key never becomes a prototype);
// - the input is exactly as before.
import * as adapters from "@org/payment-adapters";
import { schemas } from "@org/payment-schemas";
import * as validators from "@org/payment-validators";
import { PayloadValidationError } from "@org/payment-validators";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule, { type FormatsPlugin } from "ajv-formats";
import type { FuzzInput } from "./inputs.js";
import { fingerprint, firstDifference } from "./invariants.js";

export interface Failure {
  readonly kind: "throw" | "shape" | "disagreement" | "mutation" | "pollution" | "hang" | "crash";
  /** The function (and mode) concerned. */
  readonly target: string;
  readonly detail: string;
}

type Validate = (data: unknown, options?: unknown) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;

/** Describes any thrown or returned value without running its code. */
export function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message.slice(0, 300)}`;
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value !== "object" || value === null) return `${typeof value} ${String(value).slice(0, 100)}`;
  return `object ${Object.prototype.toString.call(value)}`;
}

function isPointer(value: unknown): boolean {
  return typeof value === "string" && (value === "" || value.startsWith("/"));
}

function issuesProblem(list: unknown, mustBeEmpty: boolean): string | undefined {
  if (!Array.isArray(list)) return "not an array";
  if (mustBeEmpty && list.length > 0) return "not empty";
  for (const issue of list) {
    const i = issue as Record<string, unknown>;
    if (typeof i !== "object" || i === null || !isPointer(i.pointer) || typeof i.keyword !== "string" || typeof i.message !== "string") return `malformed issue ${describe(issue)}`;
  }
  return undefined;
}

/** What JSON.stringify sends for `value`, read back (undefined where it sends nothing or throws). */
function jsonRoundTrip(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Why a validate() result breaks the documented shape, or undefined. */
function resultProblem(result: unknown, input: unknown, stable: boolean): string | undefined {
  if (typeof result !== "object" || result === null) return `result is ${describe(result)}`;
  const r = result as Record<string, unknown>;
  if (r.ok === true) {
    // The contract (README, "What the validators judge"): a valid result's value is the payload's
    // JSON view, a fresh copy equal to what JSON.stringify sends (comparable on stable inputs only).
    if (r.value === input && typeof input === "object" && input !== null) return "ok result whose value is the input object, not its JSON view";
    // Compared as JSON text: the view may keep a -0 that JSON.stringify writes as 0.
    if (stable && JSON.stringify(r.value) !== JSON.stringify(jsonRoundTrip(input))) return "ok result whose value is not the input's JSON view";
    const warnings = issuesProblem(r.warnings, false);
    return warnings && `warnings ${warnings}`;
  }
  if (r.ok !== false) return `ok is ${describe(r.ok)}`;
  const issues = issuesProblem(r.issues, false);
  if (issues) return `issues ${issues}`;
  if ((r.issues as unknown[]).length === 0) return "invalid result without issues";
  return undefined;
}

const ODD_OPTIONS: readonly (() => unknown)[] = [
  () => undefined,
  () => null,
  () => ({}),
  () => ({ mode: "TOLERANT" }),
  () => ({ mode: 5 }),
  () => "tolerant",
  () => Object.create({ mode: "tolerant" }),
  () =>
    new Proxy(
      {},
      {
        get() {
          throw new Error("options trap");
        },
      },
    ),
  () =>
    Object.defineProperty({}, "mode", {
      get() {
        throw Symbol("options getter");
      },
    }),
];

export interface ModelChecker {
  readonly model: string;
  /** Names of the functions exercised, in call order. */
  readonly targets: readonly string[];
  check(input: FuzzInput, index: number): Failure[];
}

/** The functions under test for one model; tests of the fuzzer pass broken ones. */
export interface Subjects {
  readonly validate: Validate;
  readonly is: (data: unknown) => unknown;
  readonly assert: (data: unknown) => unknown;
  /** Every adapter of the model, by name. */
  readonly adapters: readonly (readonly [string, (value: unknown) => unknown])[];
}

/** The shipped validators of `model`, and the exported adapter functions named after it. */
export function shippedSubjects(model: string): Subjects {
  const fns = validators as unknown as Record<string, unknown>;
  const subjects = { validate: fns[`validate${model}`], is: fns[`is${model}`], assert: fns[`assert${model}`] };
  if (Object.values(subjects).some((f) => typeof f !== "function")) throw new Error(`@org/payment-validators has no validators for ${model}`);
  const adapterFns = Object.entries(adapters as unknown as Record<string, unknown>)
    .filter((entry): entry is [string, (value: unknown) => unknown] => typeof entry[1] === "function" && entry[0].endsWith(model))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return { ...(subjects as Omit<Subjects, "adapters">), adapters: adapterFns };
}

export function createChecker(model: string, subjects: Subjects = shippedSubjects(model)): ModelChecker {
  const { validate, is, assert, adapters: adapterFns } = subjects;
  const drift = (adapters as unknown as Record<string, unknown>)[`legacyDrift${model}`] as ((value: unknown) => unknown[]) | undefined;

  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  for (const schema of Object.values(schemas)) ajv.addSchema(schema as object);
  const reference = ajv.getSchema((schemas as Record<string, { $id: string }>)[model]!.$id)!;

  const targets = [`validate${model}`, `validate${model} (tolerant)`, `validate${model} (odd options)`, `is${model}`, `assert${model}`, ...adapterFns.map(([name]) => name)];

  function check(input: FuzzInput, index: number): Failure[] {
    const failures: Failure[] = [];
    const value = input.value;
    const fail = (kind: Failure["kind"], target: string, detail: string) => failures.push({ kind, target, detail });
    const before = fingerprint(value);

    const call = (run: () => unknown): { threw: false; result: unknown } | { threw: true; error: unknown } => {
      try {
        return { threw: false, result: run() };
      } catch (error) {
        return { threw: true, error };
      }
    };

    const strict = call(() => validate(value));
    const tolerant = call(() => validate(value, { mode: "tolerant" }));
    for (const [target, outcome] of [
      [targets[0]!, strict],
      [targets[1]!, tolerant],
    ] as const) {
      if (outcome.threw) fail("throw", target, describe(outcome.error));
      else {
        const problem = resultProblem(outcome.result, value, input.stable);
        if (problem) fail("shape", target, problem);
      }
    }
    const odd = call(() => validate(value, ODD_OPTIONS[index % ODD_OPTIONS.length]!()));
    if (odd.threw) fail("throw", targets[2]!, describe(odd.error));
    const guard = call(() => is(value));
    if (guard.threw) fail("throw", targets[3]!, describe(guard.error));
    else if (typeof guard.result !== "boolean") fail("shape", targets[3]!, `returned ${describe(guard.result)}`);
    const asserted = call(() => assert(value));
    if (asserted.threw && !(asserted.error instanceof PayloadValidationError)) fail("throw", targets[4]!, describe(asserted.error));

    if (input.stable && !strict.threw && !tolerant.threw && !guard.threw) {
      const strictOk = (strict.result as { ok: boolean }).ok;
      const tolerantOk = (tolerant.result as { ok: boolean }).ok;
      if (guard.result !== strictOk) fail("disagreement", targets[3]!, `is() says ${String(guard.result)}, validate() says ${String(strictOk)}`);
      if (asserted.threw === strictOk) fail("disagreement", targets[4]!, `assert ${asserted.threw ? "threw" : "passed"} where validate() says ${String(strictOk)}`);
      if (strictOk && !tolerantOk) fail("disagreement", targets[1]!, "strict mode accepts what tolerant mode rejects");
      let expected: boolean;
      try {
        // The validators judge the payload's JSON view (what JSON.stringify sends), so the reference does too.
        const view = jsonRoundTrip(value);
        expected = view !== undefined && reference(view) && (drift === undefined || drift(view).length === 0);
      } catch {
        expected = false; // unreadable: the validators must report it as invalid
      }
      if (strictOk !== expected) {
        const issues = strictOk ? "" : `; issues: ${JSON.stringify((strict.result as { issues: unknown }).issues).slice(0, 300)}`;
        fail("disagreement", targets[0]!, `says ${strictOk ? "valid" : "invalid"}, the reference validator (Ajv on the published schemas) says ${expected ? "valid" : "invalid"}${issues}`);
      }
    }

    for (const [name, adapter] of adapterFns) {
      const outcome = call(() => adapter(value));
      if (outcome.threw) fail("throw", name, describe(outcome.error));
      else if (typeof outcome.result === "object" && outcome.result !== null && !Array.isArray(outcome.result) && Object.getPrototypeOf(outcome.result) !== Object.prototype) {
        fail("shape", name, "returned an object whose prototype is not Object.prototype");
      }
    }

    const at = firstDifference(before, fingerprint(value));
    if (at !== -1) fail("mutation", "(all)", `the input changed (fingerprint entry ${at})`);
    return failures;
  }

  return { model, targets, check };
}
