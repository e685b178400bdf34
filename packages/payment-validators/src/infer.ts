// Which model a payload is, from its top-level properties: the rule payment-validate follows
// without --model (see cli/infer-model.ts), for any tool that meets payloads of unknown model.
import { createModelInference } from "./cli/infer-model.js";
import { modelProperties } from "./generated/shapes.js";

export type { ModelInference } from "./cli/infer-model.js";

/** `{ ok: true, model }` when a top-level property of the payload belongs to one model only (and no
 *  property to another), else `{ ok: false, message }` saying why the model cannot be told. */
export const inferModel = /* @__PURE__ */ createModelInference(modelProperties);
