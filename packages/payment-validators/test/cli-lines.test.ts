// The line splitter behind payment-validate's NDJSON reading: whatever way the bytes are cut into
// chunks (inside a line, between "\r" and "\n", inside a multi-byte UTF-8 character), it hands over
// the same lines with the same numbers as splitting the whole text at once would.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fileChunks } from "../src/cli/inputs.js";
import { type LineProblem, firstInvalidUtf8, forEachLine } from "../src/cli/lines.js";

/** What the lines of a whole text are: cut at "\n", one trailing "\r" dropped, a byte order mark
 *  dropped from the first line, and no line after a final "\n". */
function expectedLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (text.endsWith("\n")) lines.pop();
  return lines.map((line, i) => {
    const text = line.endsWith("\r") ? line.slice(0, -1) : line;
    return i === 0 && text.startsWith("\uFEFF") ? text.slice(1) : text;
  });
}

/** The bytes of `text`, cut at the given offsets (any byte: inside characters too). */
async function* chunks(bytes: Buffer, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    yield bytes.subarray(start, cut);
    start = cut;
  }
  yield bytes.subarray(start);
}

async function collect(stream: AsyncIterable<Uint8Array | string>, maxLineBytes = 1 << 20): Promise<{ lines: [number, string][]; problems: [number, LineProblem][]; bytesSeen: number[] }> {
  const lines: [number, string][] = [];
  const problems: [number, LineProblem][] = [];
  const bytesSeen: number[] = [];
  await forEachLine(stream, { line: (text, number) => void lines.push([number, text]), problem: (number, problem) => void problems.push([number, problem]), chunk: (bytes) => void bytesSeen.push(bytes) }, { maxLineBytes });
  return { lines, problems, bytesSeen };
}

/** Lines of any Unicode text (multi-byte characters included), "\r" and blank lines among them. */
const lineText = fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.constantFrom("", "\r", "é€😀", "\uFEFF{}", '{"a":1}')).map((s) => s.replaceAll("\n", ""));
const ndjsonText = fc
  .tuple(fc.array(lineText, { maxLength: 8 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
  .map(([lines, breakWith, finalBreak]) => lines.join(breakWith) + (finalBreak && lines.length > 0 ? breakWith : ""));

describe("forEachLine", () => {
  it("gives the lines of the whole text however its bytes are cut into chunks", async () => {
    await fc.assert(
      fc.asyncProperty(ndjsonText, fc.array(fc.nat(), { maxLength: 6 }), async (text, cuts) => {
        const bytes = Buffer.from(text);
        const { lines, bytesSeen } = await collect(chunks(bytes, cuts));
        expect(lines).toEqual(expectedLines(text).map((line, i) => [i + 1, line]));
        expect(bytesSeen.at(-1)).toBe(bytes.length);
      }),
      { numRuns: 500 },
    );
  });

  it("gives the same lines when every chunk is read into the same buffer, scribbled over once used", async () => {
    async function* reused(bytes: Buffer, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
      const buffer = Buffer.alloc(bytes.length + 1);
      for await (const piece of chunks(bytes, cuts)) {
        piece.forEach((byte, i) => {
          buffer[i] = byte;
        });
        yield buffer.subarray(0, piece.length);
        buffer.fill(0x78);
      }
    }
    await fc.assert(
      fc.asyncProperty(ndjsonText, fc.array(fc.nat(), { maxLength: 6 }), async (text, cuts) => {
        expect((await collect(reused(Buffer.from(text), cuts))).lines).toEqual(expectedLines(text).map((line, i) => [i + 1, line]));
      }),
      { numRuns: 500 },
    );
  });

  it("reads a file's lines through fileChunks (two buffers, read again and again) whatever the chunk size", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-lines-"));
    try {
      await fc.assert(
        fc.asyncProperty(ndjsonText, fc.integer({ min: 1, max: 16 }), async (text, chunkBytes) => {
          const file = join(dir, "input.ndjson");
          writeFileSync(file, text);
          const { lines, bytesSeen } = await collect(fileChunks(file, chunkBytes));
          expect(lines).toEqual(expectedLines(text).map((line, i) => [i + 1, line]));
          expect(bytesSeen.at(-1) ?? 0).toBe(Buffer.byteLength(text));
        }),
        { numRuns: 200 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes string chunks as well (a stream with an encoding set)", async () => {
    async function* pieces(): AsyncGenerator<string> {
      yield '{"a":1}\r\n{"b"';
      yield ':"é"}\n\n{"c":3}';
    }
    const { lines, bytesSeen } = await collect(pieces());
    expect(lines).toEqual([
      [1, '{"a":1}'],
      [2, '{"b":"é"}'],
      [3, ""],
      [4, '{"c":3}'],
    ]);
    expect(bytesSeen.at(-1)).toBe(Buffer.byteLength('{"a":1}\r\n{"b":"é"}\n\n{"c":3}'));
  });

  it("keeps a character whose bytes are split over two chunks whole, and the line it ends", async () => {
    const euro = Buffer.from("€");
    async function* pieces(): AsyncGenerator<Uint8Array> {
      yield Buffer.concat([Buffer.from("x"), euro.subarray(0, 1)]);
      yield euro.subarray(1, 2);
      yield Buffer.concat([euro.subarray(2), Buffer.from("\ny")]);
    }
    expect((await collect(pieces())).lines).toEqual([
      [1, "x€"],
      [2, "y"],
    ]);
  });

  it("stops reading when the line handler says so", async () => {
    const seen: number[] = [];
    async function* pieces(): AsyncGenerator<Uint8Array> {
      yield Buffer.from("a\nb\nc\n");
      throw new Error("read past the stop");
    }
    await forEachLine(pieces(), { line: (_text, number) => (seen.push(number), number === 2), problem: () => true }, { maxLineBytes: 100 });
    expect(seen).toEqual([1, 2]);
  });

  it("gives the same lines and problems on texts of many decode groups (lines decoded together), whatever the limit", async () => {
    // Lines of up to 40 KB (a decode group is 32 KiB of lines), multi-byte characters, "\r\n".
    const longLine = fc.tuple(fc.constantFrom("a", "é", "😀", "\r"), fc.nat({ max: 20_000 }), lineText).map(([unit, count, tail]) => unit.repeat(count) + tail);
    const longText = fc
      .tuple(fc.array(fc.oneof(lineText, longLine), { minLength: 1, maxLength: 30 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
      .map(([lines, breakWith, finalBreak]) => lines.join(breakWith) + (finalBreak ? breakWith : ""));
    await fc.assert(
      fc.asyncProperty(longText, fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom(10, 5_000, 40_000, 1 << 20), async (text, cuts, max) => {
        const { lines, problems } = await collect(chunks(Buffer.from(text), cuts), max);
        const expected = expectedLines(text).map((line, i) => [i + 1, line] as [number, string]);
        expect(lines).toEqual(expected.filter(([, line]) => Buffer.byteLength(line) <= max));
        expect(problems).toEqual(expected.filter(([, line]) => Buffer.byteLength(line) > max).map(([number, line]) => [number, { kind: "too-long", bytes: Buffer.byteLength(line) }]));
      }),
      { numRuns: 150 },
    );
  });

  it("skips a line over the limit, naming it and its size, and hands over every other line, however the bytes are cut", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), async (lengths, cuts, crlf) => {
        const max = 20;
        const lineTexts = lengths.map((length, i) => String.fromCharCode(97 + (i % 26)).repeat(length));
        const text = lineTexts.join(crlf ? "\r\n" : "\n");
        const { lines, problems } = await collect(chunks(Buffer.from(text), cuts), max);
        const expected = expectedLines(text).map((line, i) => [i + 1, line] as [number, string]);
        expect(lines).toEqual(expected.filter(([, line]) => line.length <= max));
        expect(problems).toEqual(expected.filter(([, line]) => line.length > max).map(([number, line]) => [number, { kind: "too-long", bytes: line.length }]));
      }),
      { numRuns: 500 },
    );
  });

  it("reports bytes that are not UTF-8 with the line, the byte and the column, and hands over the other lines", async () => {
    const bytes = Buffer.concat([Buffer.from('{"a":1}\n{"é":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n{"b":2}\n')]);
    for (const cuts of [[], [9], [15], [16], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]]) {
      const { lines, problems } = await collect(chunks(bytes, cuts));
      expect(lines).toEqual([
        [1, '{"a":1}'],
        [3, '{"b":2}'],
      ]);
      expect(problems).toEqual([[2, { kind: "invalid-utf8", byte: 8, column: 7 }]]);
    }
  });
});

describe("firstInvalidUtf8", () => {
  it("finds a bad byte exactly when a strict UTF-8 decoder refuses the bytes", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 6 }), (noise, text) => {
        const bytes = Buffer.concat([Buffer.from(text), noise]);
        let decodes = true;
        try {
          strict.decode(bytes);
        } catch {
          decodes = false;
        }
        const bad = firstInvalidUtf8(bytes, 0, bytes.length);
        expect(bad === -1).toBe(decodes);
        if (bad !== -1) {
          // Everything before the bad byte is UTF-8.
          expect(() => strict.decode(bytes.subarray(0, bad))).not.toThrow();
        }
      }),
      { numRuns: 5000 },
    );
  });
});
