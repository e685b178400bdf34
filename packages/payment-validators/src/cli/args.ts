// The command line of payment-validate, parsed into options or a usage error.

export type OutputFormat = "pretty" | "json";

export interface CliOptions {
  readonly model: string | undefined;
  readonly tolerant: boolean;
  readonly format: OutputFormat;
  /** Files, globs and `-` (standard input), in the order given. */
  readonly inputs: readonly string[];
}

export type ParsedArgs =
  | { readonly kind: "run"; readonly options: CliOptions }
  | { readonly kind: "help" }
  | { readonly kind: "version" }
  | { readonly kind: "usage-error"; readonly message: string };

const FORMATS: readonly OutputFormat[] = ["pretty", "json"];

export function parseArgs(argv: readonly string[], models: readonly string[]): ParsedArgs {
  let model: string | undefined;
  let tolerant = false;
  let format: OutputFormat = "pretty";
  const inputs: string[] = [];
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (optionsEnded || arg === "-" || !arg.startsWith("-")) {
      inputs.push(arg);
      continue;
    }
    const [flag, inlineValue] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string | undefined => inlineValue ?? argv[++i];
    switch (flag) {
      case "--":
        optionsEnded = true;
        break;
      case "-h":
      case "--help":
        return { kind: "help" };
      case "-V":
      case "--version":
        return { kind: "version" };
      case "--tolerant":
        tolerant = true;
        break;
      case "-m":
      case "--model": {
        const name = value();
        if (name === undefined || name === "") return { kind: "usage-error", message: `--model needs a model name (one of: ${models.join(", ")})` };
        if (!models.includes(name)) {
          const near = models.find((m) => m.toLowerCase() === name.toLowerCase());
          return { kind: "usage-error", message: `unknown model "${name}"${near ? ` (did you mean ${near}?)` : ""}; the models are: ${models.join(", ")}` };
        }
        model = name;
        break;
      }
      case "-f":
      case "--format": {
        const name = value();
        if (!FORMATS.includes(name as OutputFormat)) return { kind: "usage-error", message: `--format must be one of: ${FORMATS.join(", ")}${name === undefined ? "" : ` (got "${name}")`}` };
        format = name as OutputFormat;
        break;
      }
      default:
        return { kind: "usage-error", message: `unknown option "${arg}"` };
    }
  }
  if (inputs.length === 0) return { kind: "usage-error", message: "no input: name .json/.ndjson/.jsonl files or globs, or - to read standard input" };
  if (inputs.filter((input) => input === "-").length > 1) return { kind: "usage-error", message: "standard input (-) can be read only once" };
  return { kind: "run", options: { model, tolerant, format, inputs } };
}

export function helpText(models: readonly string[]): string {
  return `payment-validate: check payment payloads against the schemas of @org/payment-validators

Usage:
  payment-validate [--model NAME] [--tolerant] [--format pretty|json] <file|glob|->...

Inputs:
  FILE.json            one payload (a JSON object) or an array of payloads
  FILE.ndjson, .jsonl  one payload per line, read as a stream (any size, flat memory)
  GLOB                 files matching a pattern, e.g. "data/**/*.json" or "logs/*.{ndjson,jsonl}"
                       (quote it to let payment-validate expand it: *, ?, [abc], {a,b}, **)
  -                    standard input: newline-delimited payloads when the first line is a complete
                       JSON object on its own, otherwise one JSON document

Options:
  -m, --model NAME     the model to validate against: ${models.join(", ")}
                       Without it, each payload's model is inferred from its top-level properties
                       (a property only one model declares names that model); a payload whose
                       properties fit no model or several is an error that asks for --model.
      --tolerant       accept unknown properties and unknown values of provider-extensible enums,
                       reported as warnings (the default is strict: exactly the schema)
  -f, --format FORMAT  pretty (default): one block per invalid payload, naming file, line (NDJSON)
                       or [index] (JSON arrays), JSON Pointer and message, then a summary line.
                       json: one JSON report on stdout: {"results": [...], "summary": {...},
                       "exitCode": N}; results list every payload that is invalid, has warnings or
                       could not be read; valid payloads are counted in the summary.
  -h, --help           this help
  -V, --version        the package version and the hash of the schema set it was generated from

Exit codes:
  0  every payload is valid
  1  some payload is invalid
  2  usage or input error: unknown option, unreadable file, bad JSON (with its line and column),
     a payload whose model cannot be inferred

A progress line is shown on stderr while reading, when stderr is a terminal.

Examples:
  payment-validate response.json
  payment-validate --model PaymentSessionResult "fixtures/**/*.json"
  payment-validate --tolerant --format json captured.ndjson > report.json
  curl -s https://api.example.test/pay/123 | payment-validate --model PaymentSessionResult -
  zcat payments.jsonl.gz | payment-validate -
`;
}
