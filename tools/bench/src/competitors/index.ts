// Every validator the throughput benchmark times, per model, as "check one payload" functions that
// return whether the payload was valid (so the harness can check they all agree before timing).
import * as ours from "@org/payment-validators";
import type { ModelName } from "../payloads.js";
import { compileAjv } from "./ajv-runtime.js";
import { isPaymentSessionResultByHand, isSessionResultResponseByHand } from "./hand-guards.js";
import * as typebox from "./typebox-schemas.js";
import * as zod from "./zod-schemas.js";
// Not exported by the package (an internal step of every validator): the same source its build bundles.
import { jsonView } from "../../../../packages/payment-validators/src/json-view.js";
import { paymentSessionResultView, sessionResultResponseView } from "../../../../packages/payment-validators/src/generated/json-views.js";
import { fastStrictPaymentSessionResult, fastStrictSessionResultResponse, strictPaymentSessionResult, strictSessionResultResponse } from "../../../../packages/payment-validators/src/generated/standalone.js";

/** The kinds of schema rule a competitor is held to (test/competitors.test.ts breaks each one). */
export type RuleKind = "type" | "enum" | "extensible-enum" | "pattern" | "format" | "length" | "range" | "required" | "closed-object";

export interface Competitor {
  readonly id: string;
  readonly label: string;
  /** True when it reports what is wrong (not only yes/no). */
  readonly reports: boolean;
  /** The kinds of rule it leaves unchecked by design; it claims every other. */
  readonly waives?: readonly RuleKind[];
  readonly check: Record<ModelName, (payload: unknown) => boolean>;
  /** A step of ours timed alone (not a validator: it gives no verdict), to show what bounds ours. */
  readonly part?: true;
}

export function competitors(): Competitor[] {
  const ajvAll = compileAjv(true);
  const ajvFirst = compileAjv(false);
  const ajvMessages = compileAjv(true, true);
  const twoPass = (model: ModelName) => (payload: unknown) => {
    if (ajvFirst[model](payload)) return true;
    ajvAll[model](payload);
    return (ajvAll[model].errors?.length ?? 0) === 0;
  };
  return [
    { id: "ours.is", label: "isX (ours)", reports: false, check: { PaymentSessionResult: ours.isPaymentSessionResult, SessionResultResponse: ours.isSessionResultResponse } },
    {
      id: "ours.validate",
      label: "validateX (ours, strict)",
      reports: true,
      check: { PaymentSessionResult: (p) => ours.validatePaymentSessionResult(p).ok, SessionResultResponse: (p) => ours.validateSessionResultResponse(p).ok },
    },
    {
      id: "ours.tolerant",
      label: "validateX (ours, tolerant)",
      reports: true,
      waives: ["closed-object", "extensible-enum"],
      check: {
        PaymentSessionResult: (p) => ours.validatePaymentSessionResult(p, { mode: "tolerant" }).ok,
        SessionResultResponse: (p) => ours.validateSessionResultResponse(p, { mode: "tolerant" }).ok,
      },
    },
    { id: "hand", label: "hand-written guard", reports: false, check: { PaymentSessionResult: isPaymentSessionResultByHand, SessionResultResponse: isSessionResultResponseByHand } },
    { id: "ajv", label: "Ajv runtime (allErrors)", reports: true, check: { PaymentSessionResult: (p) => ajvAll.PaymentSessionResult(p), SessionResultResponse: (p) => ajvAll.SessionResultResponse(p) } },
    {
      id: "ajv.messages",
      label: "Ajv runtime (allErrors, with messages)",
      reports: true,
      check: { PaymentSessionResult: (p) => ajvMessages.PaymentSessionResult(p), SessionResultResponse: (p) => ajvMessages.SessionResultResponse(p) },
    },
    { id: "ajv.first", label: "Ajv runtime (first error)", reports: true, check: { PaymentSessionResult: (p) => ajvFirst.PaymentSessionResult(p), SessionResultResponse: (p) => ajvFirst.SessionResultResponse(p) } },
    {
      id: "ajv.two-pass",
      label: "Ajv runtime (first-error pass, allErrors on failure)",
      reports: true,
      check: { PaymentSessionResult: twoPass("PaymentSessionResult"), SessionResultResponse: twoPass("SessionResultResponse") },
    },
    {
      id: "zod",
      label: "zod 4 (safeParse)",
      reports: true,
      check: { PaymentSessionResult: (p) => zod.paymentSessionResult.safeParse(p).success, SessionResultResponse: (p) => zod.sessionResultResponse.safeParse(p).success },
    },
    {
      id: "typebox",
      label: "TypeBox TypeCompiler (Check)",
      reports: false,
      check: { PaymentSessionResult: (p) => typebox.paymentSessionResult.Check(p), SessionResultResponse: (p) => typebox.sessionResultResponse.Check(p) },
    },
  ];
}

/** Steps of ours timed alone: the JSON view copy every isX and validateX makes before judging (what
 *  JSON.stringify would send, read once, by the model's generated copier), which no competitor makes;
 *  that copy followed by the generated guard (all isX does on a valid payload, less the drift checks);
 *  and, for a payload the guard rejects, the copy followed by Ajv's all-errors code (the standalone
 *  code validateX runs for the errors its issues are made of), without the guard or the issues. */
export function parts(): Competitor[] {
  return [
    {
      id: "ours.view",
      label: "JSON view copy alone (a step of isX and validateX)",
      reports: false,
      part: true,
      check: { PaymentSessionResult: (p) => jsonView(p, paymentSessionResultView) !== undefined, SessionResultResponse: (p) => jsonView(p, sessionResultResponseView) !== undefined },
    },
    {
      id: "ours.guarded",
      label: "JSON view copy, then the guard (steps of isX and validateX on a valid payload)",
      reports: false,
      part: true,
      check: {
        PaymentSessionResult: (p) => fastStrictPaymentSessionResult!(jsonView(p, paymentSessionResultView)),
        SessionResultResponse: (p) => fastStrictSessionResultResponse!(jsonView(p, sessionResultResponseView)),
      },
    },
    {
      id: "ours.errors",
      label: "JSON view copy, then Ajv's all-errors code (steps of validateX on an invalid payload)",
      reports: false,
      part: true,
      check: {
        PaymentSessionResult: (p) => strictPaymentSessionResult(jsonView(p, paymentSessionResultView)),
        SessionResultResponse: (p) => strictSessionResultResponse(jsonView(p, sessionResultResponseView)),
      },
    },
  ];
}
