// Whether an input of unknown kind (standard input, a file with no known extension) is NDJSON,
// decided as readLines decides it: by its first non-blank line, NDJSON when that line is on its
// own a complete JSON object. Only the bytes up to that line are read (never more than the line
// limit past the previous line), and they are handed back in front of the rest of the stream, so
// whoever reads it next sees every byte. Anything unusual before that line (bytes that are not
// UTF-8, a line over the limit, the end of the input) is left for readLines to decide and report.
import { isUtf8 } from "node:buffer";
import { parseJson } from "./json-syntax.js";
import { bytesOf } from "./lines.js";

type Chunks = AsyncIterable<Uint8Array | string>;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** True when `text`, on its own, is a complete JSON object: the first non-blank line of an NDJSON input. */
export function isLoneObject(text: string): boolean {
  const first = parseJson(text);
  return first.ok && typeof first.value === "object" && first.value !== null && !Array.isArray(first.value);
}

/** The verdict on the first complete lines of `bytes` from `start`: "ndjson", "other", or
 *  undefined when they are all blank (then `next` is where the unfinished line starts). */
function judgeLines(bytes: Buffer, start: number, max: number): { verdict: "ndjson" | "other" | undefined; next: number } {
  let lineStart = start;
  for (let end = bytes.indexOf(NEWLINE, lineStart); end !== -1; lineStart = end + 1, end = bytes.indexOf(NEWLINE, lineStart)) {
    const stop = end > lineStart && bytes[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
    if (stop - lineStart > max || !isUtf8(bytes.subarray(lineStart, stop))) return { verdict: "other", next: lineStart };
    let text = bytes.toString("utf8", lineStart, stop);
    if (lineStart === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() !== "") return { verdict: isLoneObject(text) ? "ndjson" : "other", next: lineStart };
  }
  return { verdict: undefined, next: lineStart };
}

export async function peekNdjson(stream: Chunks, max: number): Promise<{ ndjson: boolean; stream: Chunks }> {
  const iterator = stream[Symbol.asyncIterator]();
  const held: Buffer[] = [];
  let heldBytes = 0;
  let lineStart = 0;
  let verdict: "ndjson" | "other" | undefined;
  let ended = false;
  while (verdict === undefined) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    // A copy: the next chunk may be read into this one's buffer (see fileChunks in inputs.ts).
    const chunk = Buffer.from(bytesOf(next.value));
    held.push(chunk);
    heldBytes += chunk.byteLength;
    if (chunk.includes(NEWLINE)) {
      const all = Buffer.concat(held);
      held.length = 0;
      held.push(all);
      ({ verdict, next: lineStart } = judgeLines(all, lineStart, max));
    }
    if (verdict === undefined && heldBytes - lineStart > max + 1) verdict = "other";
  }
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      yield* held;
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield bytesOf(next.value);
      }
    } finally {
      // Stopping early (the report cannot be written) closes the input, as a for-await would.
      if (!ended) await iterator.return?.();
    }
  }
  return { ndjson: verdict === "ndjson", stream: replay() };
}
