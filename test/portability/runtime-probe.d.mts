// Types of runtime-probe.mjs, which stays plain JavaScript so every runtime loads it as it is.
export type Validators = Readonly<Record<string, unknown>>;
export interface ProbeEntry {
  readonly model: string;
  readonly source: string;
  readonly text: string;
}
export interface ProbeReport {
  readonly checked: number;
  readonly valid: number;
  readonly mismatches: readonly { readonly model: string; readonly source: string; readonly got: string; readonly want: string }[];
  /** "allowed", or "refused (EvalError)" where the runtime forbids building code from strings. */
  readonly codeFromStrings: string;
}
export function judge(validators: Validators, corpus: readonly ProbeEntry[]): unknown[][];
export function compare(validators: Validators, corpus: readonly ProbeEntry[], expected: readonly unknown[][]): ProbeReport;
