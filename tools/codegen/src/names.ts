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

/** The standalone module's export of a model's strict-mode Ajv validator. */
export function strictExport(model: string): string {
  return `strict${model}`;
}

/** The standalone module's export of a model's tolerant-mode Ajv validator. */
export function tolerantExport(model: string): string {
  return `tolerant${model}`;
}

/** The standalone module's export of the fast-path guard beside an Ajv validator export. */
export function fastExport(exportName: string): string {
  return `fast${exportName[0]!.toUpperCase()}${exportName.slice(1)}`;
}

/** The json-views module's export of a model's JSON-view copier. */
export function jsonViewExport(model: string): string {
  return `${lowerFirst(model)}View`;
}

/** Name of the export holding a model's semantic checks (used by the validators emitter). */
export function checksExport(model: string): string {
  return `${lowerFirst(model)}Checks`;
}

/** The fixtures package's fast-check arbitrary of a model. */
export function arbitraryName(model: string): string {
  return `arb${model}`;
}

/** The fixtures package's factory of a valid model value. */
export function factoryName(model: string): string {
  return `make${model}`;
}

/** PaymentSessionResult -> paymentSessionResult. */
export function lowerFirst(name: string): string {
  return `${name[0]!.toLowerCase()}${name.slice(1)}`;
}

/** Names of what the adapters package exports for a model. */
export function adapterNames(model: string) {
  const lower = lowerFirst(model);
  return {
    fields: `${lower}LegacyFields`,
    legacyType: `Legacy${model}`,
    canonicalType: `Canonical${model}`,
    withoutType: `${model}WithoutLegacyFields`,
    legacyKey: `${model}LegacyKey`,
    replacedKey: `${model}ReplacedLegacyKey`,
    toLegacy: `toLegacy${model}`,
    withLegacy: `withLegacyFields${model}`,
    drift: `legacyDrift${model}`,
    without: `withoutLegacyFields${model}`,
  };
}

/** `S` of a value: awaiting_verification -> AwaitingVerification, paymentPending -> PaymentPending. */
export function pascalCase(value: string): string {
  return value
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => `${word[0]!.toUpperCase()}${word.slice(1)}`)
    .join("");
}

/** The type name of a referenced `$defs` entry: its `title` in PascalCase when it has one
 *  ("Bank account" -> BankAccount), else the owning model's name and the key in PascalCase
 *  (PaymentSessionResult + bank_account -> PaymentSessionResultBankAccount). */
export function definitionName(owner: string, key: string, title: string | undefined): string {
  return title !== undefined ? pascalCase(title) : `${owner}${pascalCase(key)}`;
}

/** What @org/payment-validators exports for a model, and the module-level object behind them. */
export function validatorNames(model: string) {
  return {
    object: `${lowerFirst(model)}Validators`,
    validate: `validate${model}`,
    is: `is${model}`,
    assert: `assert${model}`,
    standardSchema: `${model}Schema`,
    tolerantStandardSchema: `${tolerantName(model)}Schema`,
  };
}

/** @org/payment-schemas's export of a model's JSON Schema. */
export function schemaConstName(model: string): string {
  return `${model}Schema`;
}

/** What the fixtures package exports for a model's named scenarios. */
export function scenarioNames(model: string) {
  return { type: `${model}Scenario`, table: `${lowerFirst(model)}Scenarios`, factory: `${factoryName(model)}Scenario`, internalTable: `${lowerFirst(model)}ScenarioTable` };
}

/** The names a model's discriminated union is published under, its variants named by value. */
export function unionNames(model: string, discriminator: string) {
  return {
    variant: (value: string) => `${model}${pascalCase(value)}`,
    fields: `${model}Fields`,
    byValue: `${model}By${pascalCase(discriminator)}`,
    unrecognized: `${tolerantName(model)}Unrecognized${pascalCase(discriminator)}`,
  };
}

/** The fixtures module's (unexported) factory spec of a model. */
export function factorySpecName(model: string): string {
  return `${lowerFirst(model)}Spec`;
}

/** The fixtures module's (unexported) arbitraries of the properties every rule case of a model
 *  shares; `index` counts earlier declarations of the same model. */
export function sharedPropertiesName(model: string, index: number): string {
  return `${lowerFirst(model)}Properties${index === 0 ? "" : index + 1}`;
}
