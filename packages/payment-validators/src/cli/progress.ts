// One self-overwriting progress line on stderr while input is read, only when stderr is a
// terminal (never in pipes, files or CI logs), at most a few times a second.
import type { WriteStream } from "node:tty";

export interface Progress {
  update(source: string, bytes: number, totalBytes: number | undefined, payloads: number): void;
  clear(): void;
}

const INTERVAL_MS = 200;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function createProgress(stderr: NodeJS.WriteStream & Partial<Pick<WriteStream, "isTTY">>): Progress {
  if (!stderr.isTTY) return { update() {}, clear() {} };
  let last = 0;
  let shown = false;
  return {
    update(source, bytes, totalBytes, payloads) {
      const now = Date.now();
      if (now - last < INTERVAL_MS) return;
      last = now;
      const amount = totalBytes ? `${megabytes(bytes)} of ${megabytes(totalBytes)} (${Math.floor((bytes / totalBytes) * 100)}%)` : megabytes(bytes);
      stderr.write(`\r\x1b[Kpayment-validate: ${source === "-" ? "<stdin>" : source}: ${amount}, ${payloads} payloads checked`);
      shown = true;
    },
    clear() {
      if (shown) stderr.write("\r\x1b[K");
      shown = false;
    },
  };
}
