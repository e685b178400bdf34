// The fuzzer's short, seeded run (the long one is `pnpm fuzz`): thousands of hostile inputs per
// validated model through validateX (both modes), isX, assertX and the adapters, in worker threads
// watched for hangs. Any failure is listed with the index that replays it:
//   pnpm fuzz --seed 8 --replay MODEL:INDEX
import { topLevelModels } from "@org/payment-schemas";
import { describe, expect, it } from "vitest";
import { type Subjects, createChecker, shippedSubjects } from "./checks.js";
import { FEATURES, type FuzzInput, InputSource } from "./inputs.js";
import { builtinsSnapshot, changedBuiltins, prototypeKeyCounts } from "./invariants.js";
import { runFuzz } from "./run.js";

const SEED = 8;
const RUNS = 3000;

describe("fuzz (seeded, short)", () => {
  it(`${RUNS} inputs per model: no throw, hang, crash, disagreement, input mutation or prototype pollution`, async () => {
    const report = await runFuzz({ models: topLevelModels, runs: RUNS, seed: SEED, workers: 2, hangMs: 20_000, taskSize: 500 });
    const listed = report.failures.map((f) => `${f.kind} in ${f.target} (${f.model} input ${f.index}: ${f.recipe}): ${f.detail}`);
    expect(listed).toEqual([]);
    for (const model of topLevelModels) {
      const r = report.models[model]!;
      expect(r.inputs).toBe(RUNS);
      // Every kind of input was made.
      expect(Object.keys(r.byRecipe).sort()).toEqual(["edited payload", "hostile root", "parsed JSON text", "random JS value", "random JSON", "valid payload"]);
      // Each hostile feature that is common enough to show up in a short run did.
      for (const [label] of FEATURES.slice(0, 7)) expect(r.features[label], label).toBeGreaterThan(0);
    }
  }, 300_000);
});

describe("the fuzzer notices", () => {
  const model = topLevelModels[0]!;
  const shipped = shippedSubjects(model);
  const invalid: FuzzInput = { value: { not: "a payload" }, recipe: "test", stable: true };
  const kinds = (subjects: Subjects, input: FuzzInput = invalid) =>
    createChecker(model, subjects)
      .check(input, 0)
      .map((f) => `${f.kind} ${f.target}`);

  it("nothing wrong with the shipped functions, even on a payload with a throwing getter", () => {
    const hostile = {
      value: Object.defineProperty({}, "status", {
        get: () => {
          throw new Error("boom");
        },
        enumerable: true,
      }),
      recipe: "test",
      stable: true,
    };
    expect(kinds(shipped, hostile)).toEqual([]);
    expect(kinds(shipped, new InputSource(model, SEED).at(0))).toEqual([]);
  });

  it("a validator that throws, and an assert that throws something else", () => {
    const validate = () => {
      throw new TypeError("oops");
    };
    expect(kinds({ ...shipped, validate })).toEqual(expect.arrayContaining([`throw validate${model}`, `throw validate${model} (tolerant)`]));
    expect(kinds({ ...shipped, assert: validate })).toContain(`throw assert${model}`);
  });

  it("a validator fooled into accepting, an is() that disagrees, a malformed result", () => {
    expect(kinds({ ...shipped, validate: (data) => ({ ok: true, value: data, warnings: [] }) })).toContain(`disagreement validate${model}`);
    expect(kinds({ ...shipped, is: () => true })).toContain(`disagreement is${model}`);
    expect(kinds({ ...shipped, validate: () => ({ ok: false, issues: [{ pointer: "status" }], warnings: [] }) })).toContain(`shape validate${model}`);
  });

  it("an adapter that mutates its input or returns an object with a hijacked prototype", () => {
    const mutating = (value: unknown) => Object.assign(value as object, { touched: true });
    expect(kinds({ ...shipped, adapters: [["mutating", mutating]] })).toContain("mutation (all)");
    const hijacked = (value: unknown) => Object.assign(Object.create({ polluted: true }), value);
    expect(kinds({ ...shipped, adapters: [["hijacked", hijacked]] })).toContain("shape hijacked");
  });

  it("a changed built-in", () => {
    const before = builtinsSnapshot();
    const counts = prototypeKeyCounts();
    Object.defineProperty(Array.prototype, "fuzzPolluted", { value: 1, configurable: true });
    try {
      expect(changedBuiltins(before, builtinsSnapshot())).toEqual(["Array.prototype"]);
      expect(prototypeKeyCounts()).not.toBe(counts);
    } finally {
      delete (Array.prototype as unknown as Record<string, unknown>).fuzzPolluted;
    }
    expect(changedBuiltins(before, builtinsSnapshot())).toEqual([]);
  });

  it("a worker stuck on one input (a hang) or dying (a crash), and carries on after it", async () => {
    const report = await runFuzz({
      models: ["stuck", "crashing"],
      runs: 10,
      seed: SEED,
      workers: 1,
      hangMs: 1500,
      taskSize: 10,
      workerEntry: new URL("./support/stuck-worker.ts", import.meta.url).href,
    });
    expect(report.failures.map((f) => `${f.kind} ${f.model} ${f.index}`)).toEqual(["hang stuck 3", "hang crashing 3", "crash crashing 7"]);
    expect(report.models.stuck!.inputs + report.models.stuck!.unreported).toBe(10);
    expect(report.models.crashing!.inputs + report.models.crashing!.unreported).toBe(10);
  }, 60_000);
});
