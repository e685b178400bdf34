// Writing to stdout without letting it pile up in memory: write() queues, drained() waits until
// the stream has taken what it was given (call it between chunks of input). A reader that goes
// away (`| head`) ends the run quietly instead of with an EPIPE stack trace.
import type { Writable } from "node:stream";

export interface Output {
  write(text: string): void;
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
  return {
    write(text) {
      if (closed) return;
      if (!stream.write(text) && !waiting) {
        waiting = new Promise((resolve) => stream.once("drain", resolve)).then(() => {
          waiting = undefined;
        });
      }
    },
    drained: () => waiting ?? Promise.resolve(),
    get closed() {
      return closed;
    },
  };
}
