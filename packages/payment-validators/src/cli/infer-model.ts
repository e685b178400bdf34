// Which model a payload is, from its top-level keys, when --model is not given. The rule comes
// from the schemas alone: a property declared by exactly one model distinguishes that model. A
// payload names a model when its keys include distinguishing properties of that model and of no
// other; anything else (no such key, or keys of several models) is ambiguous, and the caller must
// say which model it means. So an invalid payload is still recognised by the keys it does have.

export type ModelInference = { readonly ok: true; readonly model: string } | { readonly ok: false; readonly message: string };

export function createModelInference(modelProperties: Readonly<Record<string, readonly string[]>>): (payload: unknown) => ModelInference {
  const models = Object.keys(modelProperties).sort();
  const owners = new Map<string, string[]>();
  for (const model of models) for (const property of modelProperties[model]!) owners.set(property, [...(owners.get(property) ?? []), model]);
  const distinguishing = new Map<string, string>();
  for (const [property, declaredBy] of owners) if (declaredBy.length === 1) distinguishing.set(property, declaredBy[0]!);
  const choose = `pass --model with one of: ${models.join(", ")}`;

  // One answer object per model, shared: a recognised payload (nearly every one) allocates nothing.
  const recognised = new Map<string, ModelInference>(models.map((model) => [model, { ok: true, model }]));

  return (payload) => {
    if (models.length === 1) return recognised.get(models[0]!)!;
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
      return { ok: false, message: `cannot tell the model of a payload that is not a JSON object (it is ${payload === null ? "null" : Array.isArray(payload) ? "an array" : `a ${typeof payload}`}); ${choose}` };
    }
    const keys = Object.keys(payload);
    let only: string | undefined;
    let several = false;
    for (const key of keys) {
      const model = distinguishing.get(key);
      if (model === undefined || model === only) continue;
      if (only === undefined) only = model;
      else {
        several = true;
        break;
      }
    }
    if (only !== undefined && !several) return recognised.get(only)!;
    return ambiguous(keys);
  };

  /** Why a payload whose keys name no model, or several, cannot be placed. */
  function ambiguous(keys: readonly string[]): ModelInference {
    const evidence = new Map<string, string[]>();
    for (const key of keys) {
      const model = distinguishing.get(key);
      if (model) evidence.set(model, [...(evidence.get(model) ?? []), key]);
    }
    if (evidence.size === 0) {
      return { ok: false, message: `cannot tell the model: no top-level property of the payload belongs to only one model; ${choose}` };
    }
    const mixed = [...evidence.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([model, found]) => `${model} (${found.slice(0, 3).join(", ")}${found.length > 3 ? ", ..." : ""})`);
    return { ok: false, message: `cannot tell the model: the payload has properties of ${mixed.join(" and ")}; ${choose}` };
  }
}
