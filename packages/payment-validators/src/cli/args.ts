// The command line of payment-validate (node:util parseArgs), parsed into options or a usage error.
import { parseArgs as parseCommandLine } from "node:util";

export type OutputFormat = "pretty" | "json";
/** What an input holds: one JSON document, one payload per line, or decided from its name and content. */
export type InputFormat = "json" | "ndjson" | "auto";

export interface CliOptions {
  readonly model: string | undefined;
  readonly tolerant: boolean;
  readonly format: OutputFormat;
  readonly inputFormat: InputFormat;
  /** The longest NDJSON line, and the largest JSON document, read (bytes). */
  readonly maxLineBytes: number;
  /** Worker threads validating NDJSON inputs; 1 validates on the main thread alone. */
  readonly jobs: number;
  /** Files, globs and `-` (standard input), in the order given. */
  readonly inputs: readonly string[];
}

export type ParsedArgs = { readonly kind: "run"; readonly options: CliOptions } | { readonly kind: "help" } | { readonly kind: "version" } | { readonly kind: "usage-error"; readonly message: string };

const FORMATS: readonly OutputFormat[] = ["pretty", "json"];
const INPUT_FORMATS: readonly InputFormat[] = ["json", "ndjson", "auto"];
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
const SIZE = /^(\d+)([kmg]?)$/i;
const UNITS: Readonly<Record<string, number>> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

function usage(message: string): ParsedArgs {
  return { kind: "usage-error", message };
}

function parseSize(text: string): number | undefined {
  const match = SIZE.exec(text);
  if (!match) return undefined;
  const bytes = Number(match[1]) * UNITS[match[2]!.toLowerCase()]!;
  // Beyond what one Buffer or string can hold there is no line to read whole.
  return bytes >= 1 && bytes <= 2 ** 31 ? bytes : undefined;
}

/** The most worker threads --jobs takes: far beyond any machine's cores, short of exhausting threads. */
const MAX_JOBS = 1024;
const WHOLE_NUMBER = /^\d+$/;

/** `cores` is the default of --jobs: the threads the machine can run at once. */
export function parseArgs(argv: readonly string[], models: readonly string[], cores: number): ParsedArgs {
  let parsed;
  try {
    parsed = parseCommandLine({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "V" },
        tolerant: { type: "boolean" },
        model: { type: "string", short: "m" },
        format: { type: "string", short: "f" },
        "input-format": { type: "string" },
        "max-line-bytes": { type: "string" },
        jobs: { type: "string", short: "j" },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  const model = values.model;
  if (model !== undefined && !models.includes(model)) {
    const near = models.find((m) => m.toLowerCase() === model.toLowerCase());
    return usage(model === "" ? `--model needs a model name (one of: ${models.join(", ")})` : `unknown model "${model}"${near ? ` (did you mean ${near}?)` : ""}; the models are: ${models.join(", ")}`);
  }
  const format = values.format ?? "pretty";
  if (!FORMATS.includes(format as OutputFormat)) return usage(`--format must be one of: ${FORMATS.join(", ")} (got "${format}")`);
  const inputFormat = values["input-format"] ?? "auto";
  if (!INPUT_FORMATS.includes(inputFormat as InputFormat)) return usage(`--input-format must be one of: ${INPUT_FORMATS.join(", ")} (got "${inputFormat}")`);
  const maxLineBytes = values["max-line-bytes"] === undefined ? DEFAULT_MAX_LINE_BYTES : parseSize(values["max-line-bytes"]);
  if (maxLineBytes === undefined) return usage(`--max-line-bytes must be a number of bytes from 1 to 2G, optionally with K, M or G (got "${values["max-line-bytes"]}")`);
  const jobsText = values.jobs;
  const jobs = jobsText === undefined ? Math.max(1, cores) : WHOLE_NUMBER.test(jobsText) ? Number(jobsText) : Number.NaN;
  if (!(jobs >= 1 && jobs <= MAX_JOBS)) return usage(`--jobs must be a whole number of worker threads from 1 to ${MAX_JOBS} (got "${jobsText}")`);
  if (positionals.length === 0) return usage("no input: name files (.json, .ndjson, .jsonl or any other), globs, or - to read standard input");
  if (positionals.filter((input) => input === "-").length > 1) return usage("standard input (-) can be read only once");
  return { kind: "run", options: { model, tolerant: values.tolerant === true, format: format as OutputFormat, inputFormat: inputFormat as InputFormat, maxLineBytes, jobs, inputs: positionals } };
}

export function helpText(models: readonly string[]): string {
  return `payment-validate: check payment payloads against the schemas of @org/payment-validators

Usage:
  payment-validate [options] <file|glob|->...

Inputs:
  FILE.json            one JSON document: a payload (a JSON object) or an array of payloads
  FILE.ndjson, .jsonl  one payload per line, read as a stream (any size, flat memory)
  any other FILE       decided from its content, as for standard input (or say it: --input-format)
  GLOB                 files matching a pattern, e.g. "data/**/*.json" or "logs/*.{ndjson,jsonl}"
                       (quote it to let payment-validate expand it: *, ?, [abc], {a,b}, **)
  -                    standard input: newline-delimited payloads when the first non-blank line is
                       a complete JSON object on its own, otherwise one JSON document
  A folder is an input error: name its files, or a glob such as folder/**/*.json.
  Input must be UTF-8; bytes that are not are an input error with their line and column.

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
      --input-format json|ndjson|auto
                       what every input holds, whatever its name (default auto: .json is a
                       document, .ndjson/.jsonl are lines, anything else is sniffed from content)
      --max-line-bytes N
                       the longest NDJSON line and the largest JSON document read, in bytes (K, M,
                       G suffixes allowed; default 16M). A longer line is an input error naming
                       its line; the lines after it are still validated. Memory stays bounded by N.
  -j, --jobs N         worker threads validating NDJSON input (default: the cores available,
                       os.availableParallelism()). The report is byte for byte that of --jobs 1,
                       in input order, as lines come (a slow stream is reported line by line);
                       memory stays bounded (at most 4 batches of up to 256 KB of lines per worker
                       in flight, reading waits for them). It helps on large NDJSON files and
                       streams; JSON documents, and NDJSON inputs that fit in one batch, are
                       validated on the main thread. --jobs 1: no worker threads at all.
  -h, --help           this help
  -V, --version        the package version and the hash of the schema set it was generated from

Integers too large for a JavaScript number (beyond 2^53) are checked on their digits where the
schema says int64: 9223372036854775807 is valid, 9223372036854775808 is not; none is rounded.
A payload gets at most 1,000 issues; the last says when there were more.

Exit codes (0 only when every input was read, every payload is valid and the whole report was written):
  0  every payload is valid
  1  some payload is invalid (and every input was read)
  2  usage, input or output error: unknown option, unreadable file or folder, invalid UTF-8, bad
     JSON (with its line and column), a line over --max-line-bytes, an input with no payloads
     (empty file, blank lines only, empty array), a payload whose model cannot be inferred, or a
     report that could not be written (stdout closed early, as by | head, or a full disk).
     Input errors are reported with the payloads; an output error is one line on stderr.

A progress line is shown on stderr while reading, when stderr is a terminal.

Examples:
  payment-validate response.json
  payment-validate --model PaymentSessionResult "fixtures/**/*.json"
  payment-validate --tolerant --format json captured.ndjson > report.json
  payment-validate --input-format ndjson app.log
  curl -s https://api.example.test/pay/123 | payment-validate --model PaymentSessionResult -
  zcat payments.jsonl.gz | payment-validate -
`;
}
