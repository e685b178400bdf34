// One codegen at a time per repository: `.codegen.lock` holds the pid of the run that owns the
// output. A second run waits for it (up to a limit), then gives up naming that pid; a lock whose
// process is gone (killed, crashed) is taken over.
import { closeSync, existsSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { FileSystemError, fsCall } from "./fs-errors.js";

export const LOCK = ".codegen.lock";

export class LockBusyError extends Error {
  constructor(readonly pid: number) {
    super(`another codegen run (process ${pid}) is writing this repository's output; wait for it to finish, or stop it`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8"), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Creates the lock if nobody holds it; true when it is ours. */
function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new FileSystemError("lock", path, (error as NodeJS.ErrnoException).code, (error as Error).message);
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Moves a dead process's lock out of the way, without ever removing a live one's. */
function takeOverStale(path: string, stalePid: number): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else took it over first
  }
  // Between reading the pid and the rename, another run may have taken the lock over: put it back.
  if (readPid(aside) !== stalePid) {
    try {
      linkSync(aside, path);
    } catch {
      // a third run holds the lock now; the one moved aside is lost to its owner, who re-checks
    }
  }
  rmSync(aside, { force: true });
}

/** Takes the repository's codegen lock, waiting up to `waitMs` for a live holder; returns the release. */
export async function acquireLock(repoRoot: string, waitMs: number, onWait: (pid: number) => void): Promise<() => void> {
  const path = join(repoRoot, LOCK);
  const deadline = Date.now() + waitMs;
  let announced = false;
  for (;;) {
    if (tryCreate(path)) {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (readPid(path) === process.pid) fsCall("remove", path, () => rmSync(path, { force: true }));
      };
      process.once("exit", release);
      return release;
    }
    const holder = readPid(path);
    if (holder === undefined) {
      // Being written this instant, or garbage: give its writer a moment, then treat it as stale.
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (existsSync(path) && readPid(path) === undefined) rmSync(path, { force: true });
      continue;
    }
    // Our own pid in a lock we do not hold is a dead run's whose pid was reused.
    if (holder === process.pid || !alive(holder)) {
      takeOverStale(path, holder);
      continue;
    }
    if (Date.now() >= deadline) throw new LockBusyError(holder);
    if (!announced) onWait(holder);
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
