// Turns the command line's inputs into payloads: globs into files, `.json` files into one payload
// or an array of them, `.ndjson`/`.jsonl` files and NDJSON on stdin into a stream of payloads,
// one line at a time. Whatever cannot be read becomes an input problem with its location.
import { createReadStream, existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import type { Readable } from "node:stream";
import { expandGlob, hasGlobMagic } from "./glob.js";
import { forEachLine } from "./lines.js";
import { describeJsonError, parseJson } from "./json-syntax.js";
import type { InputProblem } from "./report.js";

export interface PayloadSink {
  /** One parsed payload and where it is: its line (NDJSON) or its index (JSON array), if any.
   *  Called for every payload of a large file, so where it is comes as arguments, not an object. */
  payload(value: unknown, source: string, line: number | undefined, index: number | undefined): void;
  problem(problem: InputProblem): void;
  /** Called between chunks of a stream: wait for output to drain, show progress. */
  progress(source: string, bytes: number, totalBytes: number | undefined): Promise<void>;
  /** True when reading should stop (nobody reads the output any more). */
  stopped(): boolean;
}

const STREAM_EXTENSIONS = new Set([".ndjson", ".jsonl"]);
const CHUNK_BYTES = 1 << 20;

/** The sources to read, in order, without repeats: `-`, files, and the files each glob matches. */
export function resolveInputs(inputs: readonly string[], cwd: string): { sources: string[]; problems: InputProblem[] } {
  const sources: string[] = [];
  const problems: InputProblem[] = [];
  for (const input of inputs) {
    if (input !== "-" && hasGlobMagic(input) && !existsSync(input)) {
      const matches = expandGlob(input, cwd);
      if (matches.length === 0) problems.push({ source: input, message: "no files match this pattern" });
      sources.push(...matches);
    } else sources.push(input);
  }
  return { sources: [...new Set(sources)], problems };
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "cannot read: no such file";
  if (code === "EISDIR") return "cannot read: it is a folder (name files, or a glob such as folder/**/*.json)";
  if (code === "EACCES" || code === "EPERM") return "cannot read: permission denied";
  return `cannot read: ${(error as Error).message}`;
}

/** One JSON document: a payload, or an array whose elements are payloads. */
function documentPayloads(source: string, text: string, sink: PayloadSink): void {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (body.trim() === "") {
    sink.problem({ source, message: "no JSON: the input is empty" });
    return;
  }
  const parsed = parseJson(body);
  if (!parsed.ok) {
    sink.problem({ source, line: parsed.position.line, column: parsed.position.column, message: `invalid JSON: ${parsed.message}` });
    return;
  }
  if (Array.isArray(parsed.value)) parsed.value.forEach((value, index) => sink.payload(value, source, undefined, index));
  else sink.payload(parsed.value, source, undefined, undefined);
}

const OPEN_BRACE = 0x7b;

/** One NDJSON line: blank lines are skipped. */
function linePayload(source: string, text: string, line: number, sink: PayloadSink): void {
  // A line starting with "{" (nearly every one) cannot be blank: no trim() needed.
  if (text.charCodeAt(0) !== OPEN_BRACE && text.trim() === "") return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const problem = describeJsonError(text, error);
    sink.problem({ source, line, column: problem.position.column, message: `invalid JSON: ${problem.message}` });
    return;
  }
  sink.payload(value, source, line, undefined);
}

async function readNdjson(source: string, stream: AsyncIterable<Uint8Array | string>, totalBytes: number | undefined, sink: PayloadSink): Promise<void> {
  await forEachLine(stream, {
    line: (text, line) => {
      linePayload(source, text, line, sink);
      return sink.stopped();
    },
    chunk: (bytes) => sink.progress(source, bytes, totalBytes),
  });
}

/** Standard input is NDJSON when its first non-blank line is, on its own, a complete JSON object;
 *  otherwise it is one JSON document (read whole, as a document must be). */
async function readStdin(stdin: Readable, sink: PayloadSink): Promise<void> {
  const state: { mode: "undecided" | "ndjson" | "document" } = { mode: "undecided" };
  const documentLines: string[] = [];
  await forEachLine(stdin, {
    line: (text, line) => {
      if (state.mode === "undecided" && text.trim() !== "") {
        const first = parseJson(text);
        state.mode = first.ok && typeof first.value === "object" && first.value !== null && !Array.isArray(first.value) ? "ndjson" : "document";
      }
      if (state.mode === "ndjson") linePayload("-", text, line, sink);
      else documentLines.push(text);
      return sink.stopped();
    },
    chunk: (bytes) => sink.progress("-", bytes, undefined),
  });
  if (state.mode !== "ndjson") documentPayloads("-", documentLines.join("\n"), sink);
}

export async function readSource(source: string, stdin: Readable, sink: PayloadSink): Promise<void> {
  if (source === "-") return readStdin(stdin, sink);
  const extension = extname(source).toLowerCase();
  if (extension !== ".json" && !STREAM_EXTENSIONS.has(extension)) {
    sink.problem({ source, message: "unsupported file type: expected .json (a payload or an array of payloads), .ndjson or .jsonl (one payload per line)" });
    return;
  }
  try {
    const info = await stat(source);
    if (info.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    if (extension === ".json") documentPayloads(source, await readFile(source, "utf8"), sink);
    else await readNdjson(source, createReadStream(source, { highWaterMark: CHUNK_BYTES }), info.size, sink);
  } catch (error) {
    sink.problem({ source, message: describeReadError(error) });
  }
}
