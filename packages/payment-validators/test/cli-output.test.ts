// payment-validate's stdout writer: the report's bytes collected in one reused buffer and handed
// over in pieces. Whatever the stream does with a piece (takes it at once, as files, pipes and
// terminals do, or holds it while its write is under way), what reaches it is exactly the text
// written, in order; a stream that fails is reported, never thrown.
import { Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createOutput } from "../src/cli/output.js";

/** A stream that keeps what it gets (copied when it finishes it), at once or a turn later. */
function collector(held: boolean): { stream: Writable; text: () => string } {
  const pieces: Buffer[] = [];
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, callback) {
      const finish = (): void => {
        pieces.push(Buffer.from(chunk));
        callback();
      };
      if (held) setImmediate(finish);
      else finish();
    },
  });
  return { stream, text: () => Buffer.concat(pieces).toString("utf8") };
}

const piece = fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), fc.constantFrom("é€😀\n", "x".repeat(30_000), "y".repeat(70_000)));

describe("createOutput", () => {
  it("hands over exactly the text written, in order, whether the stream takes each piece at once or holds it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }), fc.boolean(), fc.array(fc.nat({ max: 30 }), { maxLength: 5 }), async (texts, held, flushes) => {
        const { stream, text } = collector(held);
        const out = createOutput(stream);
        for (const [i, t] of texts.entries()) {
          out.write(t);
          if (flushes.includes(i)) out.flush();
          if (held && i % 7 === 0) await out.drained();
        }
        await out.drained();
        await new Promise<void>((resolve) => stream.end(resolve));
        expect(text()).toBe(texts.join(""));
        expect(out.closed).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the failure of a stream that cannot be written, and stops collecting", async () => {
    const stream = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error("no space"), { code: "ENOSPC" }));
      },
    });
    const out = createOutput(stream);
    out.write("a line\n");
    await out.drained();
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.closed).toBe(true);
    expect(out.failure).toBe("no space left on the device (ENOSPC)");
    out.write("more\n");
    await out.drained();
  });
});
