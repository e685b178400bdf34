// Splits a byte stream into lines without holding more than the current chunk and one partial
// line: what keeps memory flat on an NDJSON file of any size. Lines are cut at "\n" bytes (never
// part of a multi-byte UTF-8 character) in one pass over each chunk, and each line is decoded
// straight from the chunk's bytes: no buffer object per line, and no chunk-sized strings (those
// would sit in V8's large-object space until a full garbage collection). A trailing "\r" is
// dropped, a byte order mark on the first line too, and the text of each line is handed over
// synchronously, so one chunk's lines are all handled before the next chunk is read.

export interface LineHandlers {
  /** One line's text (no line break) and its 1-based number. Return true to stop reading. */
  line(text: string, number: number): boolean | void;
  /** After each chunk's lines were handled: a place to wait for slow output and report progress. */
  chunk?(bytesSoFar: number): Promise<void> | void;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** The text of bytes [start, end) of `bytes`, without a "\r" at its end. */
function lineText(bytes: Buffer, start: number, end: number): string {
  return bytes.toString("utf8", start, end > start && bytes[end - 1] === CARRIAGE_RETURN ? end - 1 : end);
}

export async function forEachLine(stream: AsyncIterable<Uint8Array | string>, handlers: LineHandlers): Promise<void> {
  // The bytes of a line the previous chunks did not finish (empty when they ended with "\n").
  let partial: Buffer[] = [];
  let number = 0;
  let bytes = 0;
  const emit = (text: string): boolean => {
    if (++number === 1 && text.startsWith("\uFEFF")) text = text.slice(1);
    return handlers.line(text, number) === true;
  };
  for await (const piece of stream) {
    const chunk = typeof piece === "string" ? Buffer.from(piece) : Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    bytes += chunk.byteLength;
    let start = 0;
    let end = chunk.indexOf(NEWLINE);
    if (end !== -1 && partial.length > 0) {
      // Only the line that spans chunks is copied together.
      const joined = Buffer.concat([...partial, chunk.subarray(0, end)]);
      partial = [];
      start = end + 1;
      if (emit(lineText(joined, 0, joined.byteLength))) return;
      end = chunk.indexOf(NEWLINE, start);
    }
    for (; end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      const text = lineText(chunk, start, end);
      start = end + 1;
      if (emit(text)) return;
    }
    if (start < chunk.byteLength) partial.push(chunk.subarray(start));
    await handlers.chunk?.(bytes);
  }
  if (partial.length > 0) {
    const rest = Buffer.concat(partial);
    emit(lineText(rest, 0, rest.byteLength));
  }
}
