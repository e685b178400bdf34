// Turns the command line's inputs into payloads: globs into files (tinyglobby), JSON documents into
// one payload or an array of them, NDJSON into a stream of payloads, one line at a time. What an
// input holds comes from --input-format, else from its name (.json, .ndjson, .jsonl), else from
// its first non-blank line (a complete JSON object on its own: NDJSON; anything else: a document).
// Whatever cannot be read becomes an input problem with its location: a folder, bytes that are not
// UTF-8, bad JSON, a line or document over the size limit, an input with no payload at all.
// With --jobs, the lines of NDJSON inputs go to worker threads (parallel-read.ts) instead, read
// with the same line rules (ndjsonLine, unreadableLine, noPayloads) so the report is the same.
import { existsSync } from "node:fs";
import { open, stat } from "node:fs/promises";
import { extname } from "node:path";
import type { Readable } from "node:stream";
import { globSync, isDynamicPattern } from "tinyglobby";
import type { InputFormat } from "./args.js";
import { describeJsonError, parseJson, positionOf } from "./json-syntax.js";
import { type LineProblem, bytesOf, firstInvalidUtf8, forEachLine } from "./lines.js";
import { isLoneObject, peekNdjson } from "./peek.js";
import type { InputProblem } from "./report.js";

export interface PayloadSink {
  /** One parsed payload, where it is (its line (NDJSON) or its index (JSON array), if any) and the
   *  JSON text it was parsed from: its line, or the whole document (for an element of an array,
   *  the array). Called for every payload of a large file, so it comes as arguments, not an object. */
  payload(value: unknown, source: string, line: number | undefined, index: number | undefined, text: string): void;
  problem(problem: InputProblem): void;
  /** Called between chunks of a stream: wait for output to drain, show progress. */
  progress(source: string, bytes: number, totalBytes: number | undefined): Promise<void>;
  /** True when reading should stop (nobody reads the output any more). */
  stopped(): boolean;
}

export interface ReadOptions {
  readonly inputFormat: InputFormat;
  readonly maxLineBytes: number;
  /** Reads an NDJSON stream with worker threads (--jobs), reporting to the sink in input order. */
  readonly parallel?: ParallelLines;
}

/** Reads the lines of an NDJSON stream as readLines would in NDJSON mode, and says what they held. */
export type ParallelLines = (source: string, stream: AsyncIterable<Uint8Array | string>, totalBytes: number | undefined, sink: PayloadSink) => Promise<LinesSeen>;

/** An error that is not the input's: it ends the run rather than becoming an input problem. */
export class InternalFailure extends Error {}

const NDJSON_EXTENSIONS = new Set([".ndjson", ".jsonl"]);
const CHUNK_BYTES = 1 << 20;

/** A file's bytes, chunk by chunk, read into the same two buffers over and over (the next chunk
 *  is read while the current one is handled). A read stream allocates a new buffer for every
 *  chunk, and those piled up between garbage collections: tens of megabytes more at the peak on a
 *  large file. So a chunk is the reader's only until it asks for the next one: whatever keeps
 *  bytes longer (an unfinished line, a document, a peek) copies them. */
export async function* fileChunks(path: string, chunkBytes: number = CHUNK_BYTES): AsyncGenerator<Buffer> {
  const file = await open(path, "r");
  const buffers = [Buffer.allocUnsafeSlow(chunkBytes), Buffer.allocUnsafeSlow(chunkBytes)];
  let current = 0;
  let reading: Promise<{ bytesRead: number }> | undefined = file.read(buffers[0]!, 0, chunkBytes, null);
  try {
    for (;;) {
      const { bytesRead } = await reading;
      reading = undefined;
      if (bytesRead === 0) return;
      const chunk = buffers[current]!.subarray(0, bytesRead);
      current ^= 1;
      reading = file.read(buffers[current]!, 0, chunkBytes, null);
      yield chunk;
    }
  } finally {
    // Stopped early: the read ahead must end before the file is closed (its failure no longer matters).
    await reading?.catch(() => undefined);
    await file.close();
  }
}

/** The sources to read, in order, without repeats: `-`, files, and the files each glob matches. */
export function resolveInputs(inputs: readonly string[], cwd: string): { sources: string[]; problems: InputProblem[] } {
  const sources: string[] = [];
  const problems: InputProblem[] = [];
  for (const input of inputs) {
    if (input !== "-" && isDynamicPattern(input) && !existsSync(input)) {
      // Shell-like: dot files only when the pattern names them, symbolic links not followed.
      const matches = globSync(input, { cwd, onlyFiles: true, dot: false, followSymbolicLinks: false, expandDirectories: false }).sort();
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
  if (code === "EIO") return "cannot read: input/output error (EIO)";
  return `cannot read: ${(error as Error).message}`;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${bytes} bytes`;
}

function lineProblem(source: string, line: number, problem: LineProblem, max: number): InputProblem {
  if (problem.kind === "too-long") return { source, line, message: `line too long: ${sizeText(problem.bytes)}, over the limit of ${sizeText(max)} (raise it with --max-line-bytes); the line was skipped` };
  return { source, line, column: problem.column, message: `invalid UTF-8: byte ${problem.byte} of the line is not part of a UTF-8 character` };
}

/** One JSON document: a payload, or an array whose elements are payloads. Returns the number of payloads. */
function documentPayloads(source: string, text: string, sink: PayloadSink): number {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") {
    sink.problem({ source, message: "no payloads: the input is empty" });
    return 0;
  }
  const parsed = parseJson(body);
  if (!parsed.ok) {
    sink.problem({ source, line: parsed.position.line, column: parsed.position.column, message: `invalid JSON: ${parsed.message}` });
    return 0;
  }
  if (!Array.isArray(parsed.value)) {
    sink.payload(parsed.value, source, undefined, undefined, body);
    return 1;
  }
  if (parsed.value.length === 0) sink.problem({ source, message: "no payloads: the input is an empty array" });
  parsed.value.forEach((value, index) => sink.payload(value, source, undefined, index, body));
  return parsed.value.length;
}

const OPEN_BRACE = 0x7b;

/** What the lines of an NDJSON input held so far: enough to tell an input with no payloads. */
export interface LinesSeen {
  payloads: number;
  problems: number;
  /** True while every line was blank. */
  blank: boolean;
}

export function emptySeen(): LinesSeen {
  return { payloads: 0, problems: 0, blank: true };
}

export function addSeen(into: LinesSeen, from: LinesSeen): void {
  into.payloads += from.payloads;
  into.problems += from.problems;
  into.blank &&= from.blank;
}

/** One NDJSON line: its payload or its problem, counted in `seen`; blank lines are skipped. */
export function ndjsonLine(source: string, text: string, line: number, sink: Pick<PayloadSink, "payload" | "problem">, seen: LinesSeen): void {
  // A line starting with "{" (nearly every one) cannot be blank: no trim() needed.
  if (text.charCodeAt(0) !== OPEN_BRACE && text.trim() === "") return;
  seen.blank = false;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    seen.problems++;
    const problem = describeJsonError(text, error);
    sink.problem({ source, line, column: problem.position.column, message: `invalid JSON: ${problem.message}` });
    return;
  }
  seen.payloads++;
  sink.payload(value, source, line, undefined, text);
}

/** A line that could not be read as text (too long, not UTF-8), counted in `seen`. */
export function unreadableLine(source: string, line: number, problem: LineProblem, max: number, sink: Pick<PayloadSink, "problem">, seen: LinesSeen): void {
  seen.problems++;
  seen.blank = false;
  sink.problem(lineProblem(source, line, problem, max));
}

/** The problem of an NDJSON input none of whose lines held a payload or a problem, if it is one. */
export function noPayloads(source: string, seen: LinesSeen): InputProblem | undefined {
  if (seen.payloads > 0 || seen.problems > 0) return undefined;
  return { source, message: seen.blank ? "no payloads: the input is empty or holds only blank lines" : "no payloads" };
}

/** A stream of lines: NDJSON, a document, or (auto) decided by its first non-blank line: NDJSON
 *  when that line is, on its own, a complete JSON object; otherwise one JSON document (read whole,
 *  as a document must be, up to the size limit). */
async function readLines(source: string, stream: AsyncIterable<Uint8Array | string>, totalBytes: number | undefined, format: "ndjson" | "auto", max: number, sink: PayloadSink): Promise<void> {
  let mode = (format === "ndjson" ? "ndjson" : "undecided") as "undecided" | "ndjson" | "document";
  const seen = emptySeen();
  const document: string[] = [];
  let documentChars = 0;
  let documentTooLarge = false;
  await forEachLine(
    stream,
    {
      line: (text, line) => {
        if (mode === "undecided" && text.trim() !== "") mode = isLoneObject(text) ? "ndjson" : "document";
        if (mode === "ndjson") ndjsonLine(source, text, line, sink, seen);
        else if (!documentTooLarge) {
          documentChars += text.length + 1;
          if (documentChars > max) {
            documentTooLarge = true;
            document.length = 0;
          } else document.push(text);
        }
        return sink.stopped();
      },
      problem: (line, problem) => {
        unreadableLine(source, line, problem, max, sink, seen);
        // In a document, one unreadable line makes the whole document unreadable.
        if (mode === "document") documentTooLarge = true;
        return sink.stopped();
      },
      chunk: (bytes) => sink.progress(source, bytes, totalBytes),
    },
    { maxLineBytes: max },
  );
  if (sink.stopped()) return;
  if (mode === "document") {
    if (documentTooLarge && seen.problems === 0) sink.problem({ source, message: `document too large: over the limit of ${sizeText(max)} (raise it with --max-line-bytes)` });
    else if (!documentTooLarge) documentPayloads(source, document.join("\n"), sink);
    return;
  }
  const none = noPayloads(source, seen);
  if (none) sink.problem(none);
}

/** A whole file read as one JSON document, checked for UTF-8 before it is decoded. */
async function readDocument(source: string, stream: AsyncIterable<Uint8Array | string>, max: number, sink: PayloadSink): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const piece of stream) {
    const chunk = bytesOf(piece);
    size += chunk.byteLength;
    if (size > max) {
      sink.problem({ source, message: `document too large: over the limit of ${sizeText(max)} (raise it with --max-line-bytes)` });
      return;
    }
    // A copy: the chunk may be the reader's buffer, filled again with the next one (fileChunks).
    chunks.push(Buffer.from(chunk));
  }
  const bytes = Buffer.concat(chunks);
  const bad = firstInvalidUtf8(bytes, 0, bytes.byteLength);
  if (bad !== -1) {
    const before = bytes.toString("utf8", 0, bad);
    const position = positionOf(before, before.length);
    sink.problem({ source, line: position.line, column: position.column, message: `invalid UTF-8: the byte at offset ${bad} is not part of a UTF-8 character` });
    return;
  }
  documentPayloads(source, bytes.toString("utf8"), sink);
}

function formatOf(source: string, given: InputFormat): InputFormat {
  if (given !== "auto") return given;
  const extension = extname(source).toLowerCase();
  if (extension === ".json") return "json";
  if (NDJSON_EXTENSIONS.has(extension)) return "ndjson";
  return "auto";
}

export async function readSource(source: string, stdin: Readable, sink: PayloadSink, options: ReadOptions): Promise<void> {
  const max = options.maxLineBytes;
  const format = formatOf(source, options.inputFormat);
  try {
    let stream: AsyncIterable<Uint8Array | string>;
    let size: number | undefined;
    if (source === "-") stream = stdin;
    else {
      const info = await stat(source);
      if (info.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      size = info.isFile() ? info.size : undefined;
      stream = fileChunks(source);
    }
    if (format === "json") await readDocument(source, stream, max, sink);
    else if (options.parallel === undefined) await readLines(source, stream, size, format, max, sink);
    else {
      // Auto: only an input whose first non-blank line is an object on its own is NDJSON; the
      // peeked bytes are read again, by the parallel reader or by readLines.
      const peeked = format === "ndjson" ? { ndjson: true, stream } : await peekNdjson(stream, max);
      if (!peeked.ndjson) await readLines(source, peeked.stream, size, format, max, sink);
      else {
        const seen = await options.parallel(source, peeked.stream, size, sink);
        const none = sink.stopped() ? undefined : noPayloads(source, seen);
        if (none) sink.problem(none);
      }
    }
  } catch (error) {
    if (error instanceof InternalFailure) throw error;
    sink.problem({ source, message: describeReadError(error) });
  }
}
