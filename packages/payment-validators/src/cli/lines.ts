// Splits a byte stream into lines without holding more than the current chunk and one partial
// line, itself never longer than the line limit: what keeps memory flat on an NDJSON file of any
// size, whatever its longest line. Lines are cut at "\n" bytes (never part of a multi-byte UTF-8
// character) in one pass over each chunk, and decoded straight from the chunk's bytes, a group of
// lines of about 32 KiB at a time: no buffer object per line, and no chunk-sized strings (those
// would sit in V8's large-object space until a full garbage collection). A trailing "\r" is dropped, a byte order
// mark on the first line too, and the text of each line is handed over synchronously, so one
// chunk's lines are all handled before the next chunk is read. Bytes that are not UTF-8 are never
// decoded (that would turn them into U+FFFD silently): the line is reported with the position of
// the first bad byte instead. The UTF-8 check runs once per chunk over all its complete lines.
// A chunk is used only until the next one is asked for (a file reader may read the next into the
// same buffer, see fileChunks): the unfinished line at its end is copied.
import { isUtf8 } from "node:buffer";

export type LineProblem =
  /** The line is longer than the limit: it was skipped, never held in memory whole. */
  | { readonly kind: "too-long"; readonly bytes: number }
  /** The line's bytes are not UTF-8; `column` counts the characters before the first bad byte, plus one. */
  | { readonly kind: "invalid-utf8"; readonly column: number; readonly byte: number };

export interface LineHandlers {
  /** One line's text (no line break) and its 1-based number. Return true to stop reading. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing keeps reading
  line(text: string, number: number): boolean | void;
  /** A line that cannot be handed over as text. Return true to stop reading. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing keeps reading
  problem(number: number, problem: LineProblem): boolean | void;
  /** After each chunk's lines were handled: a place to wait for slow output and report progress. */
  chunk?(bytesSoFar: number): Promise<void> | void;
}

export interface LineOptions {
  /** The longest line, in bytes (without its line break), that is handed over. */
  readonly maxLineBytes: number;
  /** The number of the stream's first line, when it is a later part of an input (default 1; only
   *  line 1 may start with a byte order mark). */
  readonly firstLine?: number;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/** Bytes of whole lines decoded together: one string per group, sliced into lines, costs less than
 *  a decode per line. Small enough that the group's string stays out of V8's large-object space
 *  (under 128 KiB even when every character takes two bytes). */
const GROUP_BYTES = 32 * 1024;

/** Offset of the first byte of bytes[start, end) that does not belong to a well-formed UTF-8
 *  sequence (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, start: number, end: number): number {
  let at = start;
  while (at < end) {
    const lead = bytes[at]!;
    if (lead < 0x80) {
      at++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      else if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      else if (lead === 0xf4) high = 0x8f;
    } else return at;
    if (at + length > end) return at;
    const second = bytes[at + 1]!;
    if (second < low || second > high) return at;
    for (let i = 2; i < length; i++) {
      const next = bytes[at + i]!;
      if (next < 0x80 || next > 0xbf) return at;
    }
    at += length;
  }
  return -1;
}

/** A stream's chunk as a Buffer, without copying it. */
export function bytesOf(piece: Uint8Array | string): Buffer {
  return typeof piece === "string" ? Buffer.from(piece) : Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
}

export async function forEachLine(stream: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, handlers: LineHandlers, options: LineOptions): Promise<void> {
  const max = options.maxLineBytes;
  // The bytes of a line the previous chunks did not finish (empty when they ended with "\n"),
  // and, once that line has grown past the limit, only its length.
  let partial: Buffer[] = [];
  let partialBytes = 0;
  let overlong = false;
  // The last byte kept (a "\r" there belongs to the line break when the next chunk starts with "\n").
  let lastKept = 0;
  let number = (options.firstLine ?? 1) - 1;
  let bytes = 0;

  /** Hands over bytes[start, end) as line `number`; true when reading should stop. */
  const emit = (chunk: Buffer, start: number, end: number, checked: boolean): boolean => {
    number++;
    if (end > start && chunk[end - 1] === CARRIAGE_RETURN) end--;
    if (end - start > max) return handlers.problem(number, { kind: "too-long", bytes: end - start }) === true;
    if (!checked && !isUtf8(chunk.subarray(start, end))) {
      const bad = firstInvalidUtf8(chunk, start, end);
      return handlers.problem(number, { kind: "invalid-utf8", byte: bad - start + 1, column: chunk.toString("utf8", start, bad).length + 1 }) === true;
    }
    return line(chunk.toString("utf8", start, end));
  };
  /** Hands over the next line's text (its line break and any "\r" removed); true to stop. */
  const line = (text: string): boolean => handlers.line(number === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, number) === true;
  /** Hands over the lines of chunk[start, end) (which ends before a "\n"), UTF-8 and no longer
   *  than the limit together, decoded at once; true to stop. */
  const emitGroup = (chunk: Buffer, start: number, end: number): boolean => {
    const text = chunk.toString("utf8", start, end);
    let from = 0;
    for (;;) {
      const next = text.indexOf("\n", from);
      let to = next === -1 ? text.length : next;
      if (to > from && text.charCodeAt(to - 1) === CARRIAGE_RETURN) to--;
      number++;
      if (line(text.slice(from, to))) return true;
      if (next === -1) return false;
      from = next + 1;
    }
  };
  /** The line the previous chunks began ends at chunk[end]: hand it over; true to stop. */
  const finishPartial = (chunk: Buffer, end: number): boolean => {
    if (overlong) {
      overlong = false;
      partial = [];
      const total = partialBytes + end;
      partialBytes = 0;
      number++;
      const carriageReturn = (end > 0 ? chunk[end - 1] : lastKept) === CARRIAGE_RETURN;
      return handlers.problem(number, { kind: "too-long", bytes: total - (carriageReturn ? 1 : 0) }) === true;
    }
    const joined = Buffer.concat([...partial, chunk.subarray(0, end)]);
    partial = [];
    partialBytes = 0;
    return emit(joined, 0, joined.byteLength, false);
  };
  /** Keeps chunk[start, ...) for the next chunk, or only its length once the line is too long. */
  const keep = (chunk: Buffer, start: number): void => {
    if (start >= chunk.byteLength) return;
    partialBytes += chunk.byteLength - start;
    lastKept = chunk[chunk.byteLength - 1]!;
    if (overlong) return;
    // One byte of slack: a "\r" that will be dropped with the line break.
    if (partialBytes > max + 1) {
      overlong = true;
      partial = [];
    } else partial.push(Buffer.from(chunk.subarray(start))); // a copy: the next chunk may reuse this one's buffer
  };

  for await (const piece of stream) {
    const chunk = bytesOf(piece);
    bytes += chunk.byteLength;
    let start = 0;
    let end = chunk.indexOf(NEWLINE);
    if (end !== -1 && (partialBytes > 0 || overlong)) {
      // Only the line that spans chunks is copied together.
      if (finishPartial(chunk, end)) return;
      start = end + 1;
      end = chunk.indexOf(NEWLINE, start);
    }
    if (end !== -1) {
      // Every complete line of this chunk at once: nearly always UTF-8, so one check for them all.
      const last = chunk.lastIndexOf(NEWLINE);
      const checked = isUtf8(chunk.subarray(start, last));
      while (checked && start < last) {
        // Groups of lines (see GROUP_BYTES), each ending at the first line break past its size.
        let groupEnd = start + GROUP_BYTES >= last ? last : chunk.indexOf(NEWLINE, start + GROUP_BYTES);
        if (groupEnd - start > max) {
          // A group as long as the limit may hold a line over it: this group's first line alone.
          groupEnd = end;
          if (emit(chunk, start, groupEnd, true)) return;
        } else if (emitGroup(chunk, start, groupEnd)) return;
        start = groupEnd + 1;
        end = chunk.indexOf(NEWLINE, start);
      }
      for (; end !== -1; end = chunk.indexOf(NEWLINE, start)) {
        const lineStart = start;
        start = end + 1;
        if (emit(chunk, lineStart, end, checked)) return;
      }
    }
    keep(chunk, start);
    await handlers.chunk?.(bytes);
  }
  if (overlong || partialBytes > 0) {
    const empty = Buffer.alloc(0);
    finishPartial(empty, 0);
  }
}
