// Splits a byte stream into lines without holding more than the current chunk and one partial
// line: what keeps memory flat on an NDJSON file of any size. Lines are cut at "\n" bytes (never
// part of a multi-byte UTF-8 character), a trailing "\r" is dropped, and the text of each line is
// handed over synchronously, so one chunk's lines are all handled before the next chunk is read.

export interface LineHandlers {
  /** One line's text (no line break) and its 1-based number. Return true to stop reading. */
  line(text: string, number: number): boolean | void;
  /** After each chunk's lines were handled: a place to wait for slow output and report progress. */
  chunk?(bytesSoFar: number): Promise<void> | void;
}

const NEWLINE = 0x0a;

function decode(bytes: Uint8Array, number: number): string {
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  if (text.endsWith("\r")) text = text.slice(0, -1);
  if (number === 1 && text.startsWith("\uFEFF")) text = text.slice(1);
  return text;
}

export async function forEachLine(stream: AsyncIterable<Uint8Array | string>, handlers: LineHandlers): Promise<void> {
  let partial: Uint8Array[] = [];
  let number = 0;
  let bytes = 0;
  for await (const piece of stream) {
    const chunk = typeof piece === "string" ? Buffer.from(piece) : piece;
    bytes += chunk.byteLength;
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      const own = chunk.subarray(start, end);
      const line = partial.length === 0 ? own : Buffer.concat([...partial, own]);
      partial = [];
      start = end + 1;
      if (handlers.line(decode(line, ++number), number) === true) return;
    }
    if (start < chunk.byteLength) partial.push(chunk.subarray(start));
    await handlers.chunk?.(bytes);
  }
  if (partial.length > 0) handlers.line(decode(Buffer.concat(partial), ++number), number);
}
