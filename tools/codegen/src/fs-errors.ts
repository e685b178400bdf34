// File-system errors as one line a user can act on: what codegen was doing, to which path, and what
// the error code means (`cannot write packages/payment-docs/generated.tmp-1-2/index.md: the file
// system is read-only (EROFS)`), instead of a raw Node stack trace.
import { relative } from "node:path";

const MEANINGS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder, not a file",
  EEXIST: "it already exists",
  ENOTEMPTY: "the folder is not empty",
  EBUSY: "it is busy (in use by another process)",
  EMFILE: "too many open files",
  ENAMETOOLONG: "the path is too long",
  EIO: "input/output error",
  EXDEV: "cannot move across file systems",
};

export class FileSystemError extends Error {
  constructor(
    /** What codegen was doing: read, write, rename, mkdir, remove, scandir, stat, lock. */
    readonly operation: string,
    /** Absolute path it was doing it to. */
    readonly path: string,
    readonly code: string | undefined,
    readonly detail: string,
  ) {
    super(`cannot ${operation} ${path}: ${code && MEANINGS[code] ? MEANINGS[code] : detail}${code ? ` (${code})` : ""}`);
  }

  /** The one line to print, with the path relative to the repository root. */
  describe(repoRoot: string): string {
    const shown = relative(repoRoot, this.path) || ".";
    return `cannot ${this.operation} ${shown.startsWith("..") ? this.path : shown}: ${this.code && MEANINGS[this.code] ? MEANINGS[this.code] : this.detail}${this.code ? ` (${this.code})` : ""}`;
  }
}

/** Runs one file-system call, turning its failure into a FileSystemError naming `operation` and `path`. */
export function fsCall<T>(operation: string, path: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof FileSystemError) throw error;
    const e = error as NodeJS.ErrnoException;
    throw new FileSystemError(operation, typeof e.path === "string" ? e.path : path, e.code, e.message);
  }
}
