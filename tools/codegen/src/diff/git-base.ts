// The before side of schema:diff: which git commit to compare with, and schemas/ as it was there.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SchemaSet, loadSchemaSet } from "../load.js";
import type { BaseDescription } from "./report.js";

/** Changesets tags every published package of a release as `<name>@<version>`. */
export const RELEASE_TAG_GLOB = "@org/payment-*@*";

/** A base cannot be found or read; the message says why and what to do. */
export class BaseError extends Error {
  override name = "BaseError";
}

interface GitResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

function git(root: string, args: readonly string[]): GitResult {
  const result = spawnSync("git", args, { cwd: root, encoding: "utf8" });
  if (result.error) throw new BaseError(`cannot run git: ${result.error.message}`);
  return { ok: result.status === 0, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

function commitOf(root: string, ref: string): string | undefined {
  const result = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  return result.ok && result.stdout !== "" ? result.stdout : undefined;
}

/**
 * The commit to compare with. Explicit `--base REF` wins. Otherwise: on a branch that has commits
 * of its own, the merge base with the base branch (what the branch changes); else the last release
 * tag (what the next release changes); else, on the base branch itself before any release, HEAD
 * (only uncommitted changes).
 */
export function resolveBase(root: string, explicit: string | undefined, baseBranch = "main"): BaseDescription {
  if (!git(root, ["rev-parse", "--is-inside-work-tree"]).ok) throw new BaseError(`${root} is not inside a git repository: schema:diff compares schemas/ with a git ref`);
  if (explicit !== undefined) {
    const commit = commitOf(root, explicit);
    if (!commit) throw new BaseError(`--base ${explicit}: no such commit, branch or tag`);
    return { ref: explicit, commit, reason: "--base" };
  }
  const head = commitOf(root, "HEAD");
  if (!head) throw new BaseError("the repository has no commits yet: there is nothing to compare schemas/ with");
  const branch = [`refs/heads/${baseBranch}`, `refs/remotes/origin/${baseBranch}`].find((ref) => commitOf(root, ref));
  const branchName = branch?.replace(/^refs\/(heads|remotes)\//, "");
  if (branch) {
    const mergeBase = git(root, ["merge-base", "HEAD", branch]);
    if (mergeBase.ok && mergeBase.stdout !== head) return { ref: branchName!, commit: mergeBase.stdout, reason: `merge base of HEAD with ${branchName}` };
  }
  const tag = git(root, ["describe", "--tags", "--abbrev=0", "--match", RELEASE_TAG_GLOB, "HEAD"]);
  if (tag.ok && tag.stdout !== "") return { ref: tag.stdout, commit: commitOf(root, tag.stdout)!, reason: "last release tag" };
  if (branch) return { ref: "HEAD", commit: head, reason: `HEAD adds no commits to ${branchName} and no release tag (${RELEASE_TAG_GLOB}) exists yet, so only uncommitted changes are compared` };
  throw new BaseError(`no base to compare with: there is no branch ${baseBranch} (nor origin/${baseBranch}) and no release tag matching ${RELEASE_TAG_GLOB}. Pass --base REF (a branch, tag or commit).`);
}

/** schemas/ as it was at `commit`, loaded with the same loader as the working tree. */
export function loadSchemaSetAt(root: string, commit: string): SchemaSet {
  const archive = spawnSync("git", ["archive", "--format=tar", commit, "--", "schemas"], { cwd: root, maxBuffer: 512 * 1024 * 1024 });
  if (archive.error) throw new BaseError(`cannot run git archive: ${archive.error.message}`);
  if (archive.status !== 0) throw new BaseError(`cannot read schemas/ at ${commit.slice(0, 12)}: ${archive.stderr.toString().trim()}`);
  const dir = mkdtempSync(join(tmpdir(), "schema-diff-base-"));
  try {
    const untar = spawnSync("tar", ["-x", "-C", dir], { input: archive.stdout });
    if (untar.status !== 0) throw new BaseError(`cannot unpack schemas/ at ${commit.slice(0, 12)}: ${untar.stderr?.toString().trim() ?? untar.error?.message}`);
    return loadSchemaSet(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A file's text at `commit`, or undefined when it did not exist there. */
export function readFileAt(root: string, commit: string, path: string): string | undefined {
  const result = spawnSync("git", ["show", `${commit}:${path}`], { cwd: root, encoding: "utf8" });
  return result.status === 0 ? result.stdout : undefined;
}

/** The checked-out branch's name, or undefined on a detached HEAD. */
export function currentBranch(root: string): string | undefined {
  const result = git(root, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
  return result.ok && result.stdout !== "" ? result.stdout : undefined;
}
