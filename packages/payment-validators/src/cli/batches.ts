// Cuts an NDJSON byte stream into batches of whole lines for the workers (--jobs), on the main
// thread, touching each byte only to find line breaks and to copy it once into its batch: the
// workers do the decoding, parsing and validating. A batch holds the whole lines of one read chunk,
// or a part of them up to the batch size, never waiting for more input. Each batch knows the number of its first line,
// so a worker's report names the same lines as a single-threaded run. A line the previous chunks
// did not finish is held until it ends, but never beyond the line limit: past it only its length
// is counted, and it becomes a "too long" item in its place among the batches, exactly as
// forEachLine (lines.ts) reports it, so memory stays bounded whatever the longest line.

export type BatchItem =
  /** Whole lines (each ending with "\n", but perhaps the input's last), copied into their own
   *  buffer (safe to transfer to a worker). */
  | { readonly kind: "lines"; readonly firstLine: number; readonly bytes: Uint8Array }
  /** A line over the limit, skipped: its number and its length without the line break. */
  | { readonly kind: "too-long"; readonly line: number; readonly bytes: number };

export interface Batcher {
  /** The items the chunk completes, in input order: all its whole lines. */
  push(chunk: Uint8Array): BatchItem[];
  /** The items left at the end of the input. */
  end(): BatchItem[];
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export function createBatcher(maxLineBytes: number, batchBytes: number): Batcher {
  // Whole lines not yet in a batch, and how many.
  let pieces: Uint8Array[] = [];
  let piecesBytes = 0;
  let lines = 0;
  let nextLine = 1;
  // The start of a line the chunks so far did not finish; once it is over the limit, only its length.
  let partial: Uint8Array[] = [];
  let partialBytes = 0;
  let overlong = false;
  let lastByte = 0;

  const batch = (): BatchItem => {
    // A buffer of its own (transferable), not zero-filled first: every byte is written just below.
    const bytes = Buffer.allocUnsafeSlow(piecesBytes);
    let offset = 0;
    for (const piece of pieces) {
      bytes.set(piece, offset);
      offset += piece.byteLength;
    }
    const item: BatchItem = { kind: "lines", firstLine: nextLine, bytes };
    nextLine += lines;
    pieces = [];
    piecesBytes = 0;
    lines = 0;
    return item;
  };
  const tooLong = (endsWithCarriageReturn: boolean): BatchItem => {
    // As forEachLine counts it: the line's bytes without its "\r\n" or "\n".
    const item: BatchItem = { kind: "too-long", line: nextLine, bytes: partialBytes - (endsWithCarriageReturn ? 1 : 0) };
    nextLine++;
    overlong = false;
    partialBytes = 0;
    return item;
  };
  const keep = (piece: Uint8Array): void => {
    pieces.push(piece);
    piecesBytes += piece.byteLength;
  };

  return {
    push(chunk) {
      const items: BatchItem[] = [];
      let from = 0;
      let newline = chunk.indexOf(NEWLINE);
      if (overlong) {
        if (newline === -1) {
          partialBytes += chunk.byteLength;
          if (chunk.byteLength > 0) lastByte = chunk[chunk.byteLength - 1]!;
          return items;
        }
        partialBytes += newline;
        items.push(tooLong((newline > 0 ? chunk[newline - 1] : lastByte) === CARRIAGE_RETURN));
        from = newline + 1;
        newline = chunk.indexOf(NEWLINE, from);
      }
      let lastNewline = -1;
      for (; newline !== -1; newline = chunk.indexOf(NEWLINE, newline + 1)) {
        if (partial.length > 0) {
          for (const piece of partial) keep(piece);
          partial = [];
        }
        partialBytes = 0;
        lines++;
        lastNewline = newline;
        if (piecesBytes + newline + 1 - from >= batchBytes) {
          keep(chunk.subarray(from, newline + 1));
          from = newline + 1;
          items.push(batch());
        }
      }
      if (lastNewline >= from) {
        keep(chunk.subarray(from, lastNewline + 1));
        from = lastNewline + 1;
      }
      // The chunk's whole lines go now, however few: a slow stream (tail -f) is reported as it comes.
      if (lines > 0) items.push(batch());
      if (from < chunk.byteLength) {
        // A copy: the next chunk may be read into this one's buffer (see fileChunks in inputs.ts).
        partial.push(new Uint8Array(chunk.subarray(from)));
        partialBytes += chunk.byteLength - from;
        // One byte of slack: a "\r" that goes with the line break (as in forEachLine).
        if (partialBytes > maxLineBytes + 1) {
          overlong = true;
          partial = [];
          lastByte = chunk[chunk.byteLength - 1]!;
        }
      }
      return items;
    },
    end() {
      const items: BatchItem[] = [];
      if (overlong) items.push(tooLong(lastByte === CARRIAGE_RETURN));
      else if (partialBytes > 0) {
        for (const piece of partial) keep(piece);
        partial = [];
        partialBytes = 0;
        lines++;
      }
      if (lines > 0) items.push(batch());
      return items;
    },
  };
}
