// Writing to stdout without letting it pile up in memory: write() collects text and hands it to
// the stream in pieces of up to FLUSH_CHARS (one write per reported payload costs a system call
// each, which on a pipe took longer than validating), drained() hands over the rest and waits
// until the stream has taken it (call it between chunks of input). A reader that goes away
// (`| head`) ends the run quietly instead of with an EPIPE stack trace.
import type { Writable } from "node:stream";

const FLUSH_CHARS = 1 << 16;

export interface Output {
  write(text: string): void;
  /** Hands what write() collected to the stream now (before something else uses the terminal). */
  flush(): void;
  /** Flushes, then waits until the stream has taken everything. */
  drained(): Promise<void>;
  /** True once the reader has gone away: there is no point in reading further. */
  readonly closed: boolean;
}

export function createOutput(stream: Writable): Output {
  let waiting: Promise<void> | undefined;
  let closed = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    closed = true;
  });
  let pending = "";
  const flush = (): void => {
    const text = pending;
    pending = "";
    if (closed || text === "") return;
    if (!stream.write(text) && !waiting) {
      waiting = new Promise((resolve) => stream.once("drain", resolve)).then(() => {
        waiting = undefined;
      });
    }
  };
  return {
    write(text) {
      if (closed) return;
      pending += text;
      if (pending.length >= FLUSH_CHARS) flush();
    },
    flush,
    drained() {
      flush();
      return waiting ?? Promise.resolve();
    },
    get closed() {
      return closed;
    },
  };
}
