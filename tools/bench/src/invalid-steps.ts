// pnpm exec tsx tools/bench/src/invalid-steps.ts [ROUNDS]
//   Where validateX's time goes on the throughput section's invalid payloads: each step of its
//   error path timed alone, against Ajv's runtime with allErrors (the throughput section's "ajv"),
//   in one process, interleaved sample by sample (a noisy neighbour slows every step alike).
//   Steps: validateX as timed by the throughput section (the JSON view copy included); validateX
//   given a ready JSON view (no copy); the generated guard alone; Ajv's standalone allErrors code
//   alone; toIssues alone on that code's errors (the same error objects on every call: their
//   pointers were flattened by the first call, which the standalone+toIssues step does not get);
//   and the standalone code followed by toIssues; last, validateX given a JSON view that JSON.parse
//   rebuilt (objects with fast properties: a view whose objects have more than a dozen keys, stored
//   by key, can be in dictionary mode, which slows the guard and the standalone code that read it).
//   Each figure is the 10th percentile of the samples
//   (steadier than the median on a shared machine); the ratio is Ajv's time over the step's.
//   Not part of `pnpm bench`: a tool for working on the error path.
import * as models from "../../../packages/payment-validators/src/generated/models.js";
import * as compiled from "../../../packages/payment-validators/src/generated/standalone.js";
import { type CrossFieldRules, toIssues } from "../../../packages/payment-validators/src/issues.js";
import { PARSED_JSON, jsonView } from "../../../packages/payment-validators/src/json-view.js";
import { paymentSessionResultView, sessionResultResponseView } from "../../../packages/payment-validators/src/generated/json-views.js";
import { compileAjv } from "./competitors/ajv-runtime.js";
import { MODELS, type ModelName, payloads } from "./payloads.js";

interface Steps {
  readonly validate: (data: unknown, options?: object) => { ok: boolean };
  readonly strict: ((data: unknown) => boolean) & { errors?: unknown };
  readonly guard: ((data: unknown) => boolean) | undefined;
}

const STEPS: Record<ModelName, Steps> = {
  PaymentSessionResult: { validate: models.validatePaymentSessionResult, strict: compiled.strictPaymentSessionResult, guard: compiled.fastStrictPaymentSessionResult },
  SessionResultResponse: { validate: models.validateSessionResultResponse, strict: compiled.strictSessionResultResponse, guard: compiled.fastStrictSessionResultResponse },
};

// The cross-field rules models.ts passes (read from its generated call would need the codegen).
const RULES: Record<ModelName, CrossFieldRules | undefined> = {
  PaymentSessionResult: { "#/allOf/0": { if: "status is awaiting_verification" }, "#/allOf/1": { if: "status is declined or failed" } },
  SessionResultResponse: undefined,
};

const VIEW = { [PARSED_JSON]: true };
const SAMPLES_PER_ROUND = 20;
const REPS = 40;

interface Task {
  readonly label: string;
  readonly step: string;
  readonly count: number;
  readonly run: () => number;
  readonly samples: number[];
}

function main(rounds: number): void {
  const ajv = compileAjv(true);
  const tasks: Task[] = [];
  for (const model of MODELS) {
    for (const kind of ["one error", "many errors"] as const) {
      const raw = payloads(model, kind);
      // The view as validateX takes it: by the model's generated copier.
      const copier = model === "PaymentSessionResult" ? paymentSessionResultView : sessionResultResponseView;
      const views = raw.map((payload) => jsonView(payload, copier));
      const parsedViews = views.map((view) => JSON.parse(JSON.stringify(view)) as unknown);
      const { validate, strict, guard } = STEPS[model];
      const rules = RULES[model];
      const errors = views.map((view) => (strict(view) ? [] : (strict.errors as Parameters<typeof toIssues>[0])));
      const label = `${model} (${kind})`;
      const add = (step: string, each: (i: number) => boolean | number) => {
        const run = () => {
          let n = 0;
          for (let i = 0; i < raw.length; i++) n += Number(each(i));
          return n;
        };
        tasks.push({ label, step, count: raw.length, run, samples: [] });
      };
      add("Ajv runtime (allErrors)", (i) => ajv[model](raw[i]));
      add("validateX", (i) => validate(raw[i]).ok);
      add("validateX on a JSON view (no copy)", (i) => validate(views[i], VIEW).ok);
      if (guard) add("guard alone", (i) => guard(views[i]));
      add("standalone code alone", (i) => strict(views[i]));
      add("toIssues alone (same errors)", (i) => toIssues(errors[i], rules).length);
      add("standalone + toIssues", (i) => (strict(views[i]) ? 0 : toIssues(strict.errors as Parameters<typeof toIssues>[0], rules).length));
      add("validateX on a JSON.parse'd view", (i) => validate(parsedViews[i], VIEW).ok);
    }
  }
  let sink = 0;
  for (const task of tasks) for (let w = 0; w < 300; w++) sink += task.run();
  for (let round = 0; round < rounds; round++) {
    for (let sample = 0; sample < SAMPLES_PER_ROUND; sample++) {
      for (let k = 0; k < tasks.length; k++) {
        const task = tasks[(k + round * 5 + sample) % tasks.length]!;
        const start = process.hrtime.bigint();
        for (let r = 0; r < REPS; r++) sink += task.run();
        task.samples.push(Number(process.hrtime.bigint() - start) / (REPS * task.count));
      }
    }
  }
  const p10 = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 10)]!;
  let label = "";
  let ajvNs = 0;
  for (const task of tasks) {
    const ns = p10(task.samples);
    if (task.label !== label) {
      label = task.label;
      ajvNs = ns;
      console.log(label);
    }
    console.log(`  ${task.step.padEnd(36)} ${ns.toFixed(0).padStart(6)} ns   Ajv/this ${(ajvNs / ns).toFixed(3)}`);
  }
  if (sink === -1) console.log(sink);
}

main(Number(process.argv[2] ?? 5));
