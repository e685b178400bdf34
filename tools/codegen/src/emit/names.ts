// Naming rules shared by emitters: one place decides what a generated identifier is called.

/** SessionResultStatus -> SESSION_RESULT_STATUSES: the runtime array of an enum's values. */
export function enumValuesConstName(typeName: string): string {
  const words = typeName.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
  if (/(S|X|CH|SH)$/.test(words)) return `${words}ES`;
  if (/[^AEIOU]Y$/.test(words)) return `${words.slice(0, -1)}IES`;
  return `${words}S`;
}

/** The tolerant-mode counterpart of a model's type. */
export function tolerantName(typeName: string): string {
  return `Tolerant${typeName}`;
}
