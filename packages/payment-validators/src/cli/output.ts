// Writing to stdout without letting it pile up in memory: write() collects the report's bytes and
// hands them to the stream in pieces of up to BUFFER_BYTES (one write per reported payload costs a
// system call each, which on a pipe took longer than validating), drained() hands over the rest and
// waits until the stream has taken it (call it between chunks of input). The bytes are collected
// in one buffer outside the JS heap, used again after each write the stream finished at once (as
// it does on files, pipes and terminals): a string that grew piece by piece until it was written
// outlived young collections, made V8 grow its young generation, and the peak memory grow with the
// input. A stream that fails (the reader went away, `| head`; the disk is full, `> /dev/full`)
// never throws and never leaves drained() waiting: the failure is kept, reading stops, and the run
// ends with an output error.
import type { Writable } from "node:stream";

const BUFFER_BYTES = 1 << 16;
/** The most UTF-8 bytes a JS string encodes to, per UTF-16 unit. */
const MAX_BYTES_PER_UNIT = 3;

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
  let buffer = Buffer.allocUnsafeSlow(BUFFER_BYTES);
  let used = 0;
  const handOver = (chunk: Buffer | string): void => {
    try {
      if (!stream.write(chunk) && !waiting) {
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
  const flush = (): void => {
    const bytes = buffer.subarray(0, used);
    used = 0;
    if (failure !== undefined || bytes.byteLength === 0) return;
    handOver(bytes);
    // A stream that holds on to the bytes (its write is still under way) keeps this buffer.
    if (stream.writableLength > 0) buffer = Buffer.allocUnsafeSlow(BUFFER_BYTES);
  };
  return {
    write(text) {
      if (failure !== undefined) return;
      if (text.length * MAX_BYTES_PER_UNIT > BUFFER_BYTES - used) {
        flush();
        if (text.length * MAX_BYTES_PER_UNIT > BUFFER_BYTES) {
          if (failure === undefined) handOver(text);
          return;
        }
      }
      used += buffer.write(text, used);
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
