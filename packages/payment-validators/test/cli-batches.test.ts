// The batches --jobs hands to worker threads: however the input is cut into chunks (inside a line,
// between "\r" and "\n", inside a UTF-8 character), however small the batches and the line limit,
// reading each batch on its own (as a worker does, from its first line's number) hands over the
// same lines, with the same numbers and the same problems (too long, not UTF-8), as reading the
// whole input at once.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBatcher } from "../src/cli/batches.js";
import { forEachLine } from "../src/cli/lines.js";

type Seen = (readonly [number, string])[];

/** Every line and problem of `chunks` read as one stream, as [line number, what]. */
async function readWhole(chunks: readonly Uint8Array[], maxLineBytes: number): Promise<Seen> {
  const seen: Seen = [];
  await forEachLine(chunks, { line: (text, number) => void seen.push([number, `line ${text}`]), problem: (number, problem) => void seen.push([number, JSON.stringify(problem)]) }, { maxLineBytes });
  return seen;
}

/** The same, through the batcher: each batch read on its own, and the lines it found too long. */
async function readBatches(chunks: readonly Uint8Array[], maxLineBytes: number, batchBytes: number): Promise<Seen> {
  const batcher = createBatcher(maxLineBytes, batchBytes);
  const seen: Seen = [];
  let nextLine = 1;
  for (const item of [...chunks.flatMap((chunk) => batcher.push(chunk)), ...batcher.end()]) {
    if (item.kind === "too-long") {
      expect(item.line).toBe(nextLine);
      seen.push([item.line, JSON.stringify({ kind: "too-long", bytes: item.bytes })]);
      nextLine++;
      continue;
    }
    expect(item.firstLine).toBe(nextLine);
    const lines = item.bytes.filter((byte) => byte === 0x0a).length + (item.bytes.at(-1) === 0x0a ? 0 : 1);
    await forEachLine(
      [item.bytes],
      { line: (text, number) => void seen.push([number, `line ${text}`]), problem: (number, problem) => void seen.push([number, JSON.stringify(problem)]) },
      { maxLineBytes, firstLine: item.firstLine },
    );
    nextLine += lines;
  }
  return seen;
}

function cut(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

// Lines from a small alphabet: line breaks, "\r", blanks, a BOM, multi-byte characters and bytes
// that are not UTF-8, so every case meets the others at chunk and batch edges.
const piece = fc.constantFrom(
  ...'ab{}"'.split("").map((c) => Buffer.from(c)),
  Buffer.from("\n"),
  Buffer.from("\r\n"),
  Buffer.from("\r"),
  Buffer.from(" "),
  Buffer.from("é"),
  Buffer.from("€"),
  Buffer.from("\uFEFF"),
  Buffer.from([0xe9]),
  Buffer.from([0xff]),
);
const input = fc.array(piece, { maxLength: 400 }).map((pieces) => Buffer.concat(pieces));

describe("createBatcher", () => {
  it("hands over what reading the whole input hands over, line for line", async () => {
    await fc.assert(
      fc.asyncProperty(input, fc.array(fc.nat(), { maxLength: 12 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 64 }), async (bytes, cuts, maxLineBytes, batchBytes) => {
        const chunks = cut(bytes, cuts);
        expect(await readBatches(chunks, maxLineBytes, batchBytes)).toEqual(await readWhole(chunks, maxLineBytes));
      }),
      { numRuns: 2000, seed: 20 },
    );
  });

  it("hands over the same when every chunk is read into the same buffer, scribbled over once pushed", async () => {
    await fc.assert(
      fc.asyncProperty(input, fc.array(fc.nat(), { maxLength: 12 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 64 }), async (bytes, cuts, maxLineBytes, batchBytes) => {
        const chunks = cut(bytes, cuts);
        const batcher = createBatcher(maxLineBytes, batchBytes);
        const scratch = new Uint8Array(bytes.length + 1);
        const items = chunks.flatMap((chunk) => {
          scratch.set(chunk);
          const pushed = batcher.push(scratch.subarray(0, chunk.length));
          scratch.fill(0x78);
          return pushed;
        });
        items.push(...batcher.end());
        const direct = createBatcher(maxLineBytes, batchBytes);
        expect(items).toEqual([...chunks.flatMap((chunk) => direct.push(chunk)), ...direct.end()]);
      }),
      { numRuns: 1000, seed: 20 },
    );
  });

  it("copies each batch into a buffer of its own (safe to transfer), and keeps it to the batch size unless a line is longer", () => {
    const chunk = Buffer.from("aaaa\nbbbb\ncccc\ndddd\n");
    const items = createBatcher(100, 10).push(chunk);
    expect(items.map((item) => (item.kind === "lines" ? [item.firstLine, Buffer.from(item.bytes).toString()] : item))).toEqual([
      [1, "aaaa\nbbbb\n"],
      [3, "cccc\ndddd\n"],
    ]);
    for (const item of items) if (item.kind === "lines") expect(item.bytes.buffer).not.toBe(chunk.buffer);
  });

  it("holds no more than the line limit of a line that goes on across chunks", () => {
    const batcher = createBatcher(8, 1024);
    expect(batcher.push(Buffer.from("ok\n0123456789"))).toMatchObject([{ kind: "lines", firstLine: 1 }]);
    expect(batcher.push(Buffer.from("0123456789".repeat(1000)))).toEqual([]);
    expect(batcher.push(Buffer.from("\r\nnext"))).toEqual([{ kind: "too-long", line: 2, bytes: 10_010 }]);
    expect(batcher.end()).toMatchObject([{ kind: "lines", firstLine: 3 }]);
  });
});
