// Writing to stdout without letting it pile up in memory: write() collects text and hands it to
// the stream in pieces of up to FLUSH_CHARS (one write per reported payload costs a system call
// each, which on a pipe took longer than validating), drained() hands over the rest and waits
// until the stream has taken it (call it between chunks of input). A stream that fails (the
// reader went away, `| head`; the disk is full, `> /dev/full`) never throws and never leaves
// drained() waiting: the failure is kept, reading stops, and the run ends with an output error.
import type { Writable } from "node:stream";

const FLUSH_CHARS = 1 << 16;

export interface Output {
  write(text: string): void;
  /** Hands what write() collected to the stream now (before something else uses the terminal). */
  flush(): void;
  /** Flushes, then waits until the stream has taken everything (or has failed). */
  drained(): Promise<void>;
  /** True once the stream has failed: there is no point in reading further. */
  readonly closed: boolean;
  /** Why the stream failed, in plain words, once it has. */
  readonly failure: string | undefined;
}

function describeWriteError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "EPIPE":
    case "ERR_STREAM_DESTROYED":
      return "the reader closed it before the report was complete (EPIPE)";
    case "ENOSPC":
      return "no space left on the device (ENOSPC)";
    case "EDQUOT":
      return "disk quota exceeded (EDQUOT)";
    case "EIO":
      return "input/output error (EIO)";
    default:
      return `${error.message}${error.code ? ` (${error.code})` : ""}`;
  }
}

export function createOutput(stream: Writable): Output {
  let waiting: Promise<void> | undefined;
  let failure: string | undefined;
  let wake: (() => void) | undefined;
  const fail = (error: NodeJS.ErrnoException): void => {
    failure ??= describeWriteError(error);
    wake?.();
  };
  stream.on("error", fail);
  let pending = "";
  const flush = (): void => {
    const text = pending;
    pending = "";
    if (failure !== undefined || text === "") return;
    try {
      if (!stream.write(text) && !waiting) {
        waiting = new Promise<void>((resolve) => {
          wake = resolve;
          stream.once("drain", resolve);
        }).then(() => {
          waiting = undefined;
          wake = undefined;
        });
      }
    } catch (error) {
      fail(error as NodeJS.ErrnoException);
    }
  };
  return {
    write(text) {
      if (failure !== undefined) return;
      pending += text;
      if (pending.length >= FLUSH_CHARS) flush();
    },
    flush,
    drained() {
      flush();
      return waiting ?? Promise.resolve();
    },
    get closed() {
      return failure !== undefined;
    },
    get failure() {
      return failure;
    },
  };
}
