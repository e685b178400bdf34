// The before side of schema:diff: which git commit to compare with, and schemas/ as it was there.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SchemaSet } from "../model/schema-set.js";
import { loadSchemaSet } from "../model/load.js";
import { type CiContext, LOCAL_CONTEXT } from "./ci-context.js";
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

/** A fetch that has not finished in this long is stuck (a dead remote, a credential prompt). */
const GIT_TIMEOUT_MS = 10 * 60_000;

function git(root: string, args: readonly string[]): GitResult {
  // No credential prompts: under CI nobody answers them, and the check must fail, not hang.
  const result = spawnSync("git", args, { cwd: root, encoding: "utf8", timeout: GIT_TIMEOUT_MS, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });
  if (result.error && result.signal === null) throw new BaseError(`cannot run git: ${result.error.message}`);
  if (result.signal !== null) return { ok: false, stdout: "", stderr: `git ${args[0]} did not finish within ${GIT_TIMEOUT_MS / 60_000} minutes (${result.signal})` };
  return { ok: result.status === 0, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

function commitOf(root: string, ref: string): string | undefined {
  const result = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  return result.ok && result.stdout !== "" ? result.stdout : undefined;
}

/** What to do when the history a base needs is not in the clone: the exact commands and settings. */
export const HISTORY_FIX =
  "Fetch the history before the check (`git fetch --unshallow --tags origin`; in GitHub Actions `actions/checkout` with `fetch-depth: 0`, in GitLab CI `GIT_DEPTH: 0`), or name the base yourself with `--base REF`";

/** Deepening steps for a shallow clone (commits from the shallow boundary), then --unshallow. */
const DEEPEN_STEPS = [50, 500];

class History {
  private fetchedTags = false;
  constructor(
    readonly root: string,
    private readonly ctx: CiContext,
    private readonly log: (line: string) => void,
  ) {}

  get canFetch(): boolean {
    return this.ctx.fetch && git(this.root, ["remote", "get-url", "origin"]).ok;
  }

  isShallow(): boolean {
    return git(this.root, ["rev-parse", "--is-shallow-repository"]).stdout === "true";
  }

  fetch(args: readonly string[]): void {
    const command = `git fetch ${args.join(" ")}`;
    const result = git(this.root, ["fetch", "--quiet", ...args]);
    if (!result.ok) throw new BaseError(`\`${command}\` failed: ${result.stderr.replace(/\s*\n+\s*/g, " ") || "no output"}. ${HISTORY_FIX}.`);
    this.log(`ran \`${command}\``);
  }

  /** Like fetch, but in a full clone a failure only warns: the refs and tags a full clone already
   *  holds are complete as of the clone, and a stale base branch only makes the comparison wider. */
  fetchInFullClone(args: readonly string[]): boolean {
    if (this.isShallow()) {
      this.fetch(args);
      return true;
    }
    try {
      this.fetch(args);
      return true;
    } catch (error) {
      this.log(`warning: ${(error as Error).message.replace(` ${HISTORY_FIX}.`, "")} This is a full clone, so its own refs and tags are used.`);
      return false;
    }
  }

  /** The base branch as a ref: freshly fetched from origin when fetching is allowed, else the local
   *  branch or its remote-tracking ref. */
  branchRef(branch: string): string | undefined {
    if (this.canFetch && this.fetchInFullClone(["--no-tags", ...(this.isShallow() ? ["--depth=50"] : []), "origin", `+refs/heads/${branch}:refs/remotes/origin/${branch}`])) return `refs/remotes/origin/${branch}`;
    return [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`].find((ref) => commitOf(this.root, ref));
  }

  /** Runs `found` until it answers, deepening a shallow clone step by step (then unshallowing) in between. */
  deepenUntil<T>(found: () => T | undefined, what: string, refspec: readonly string[]): T | undefined {
    for (const step of [...DEEPEN_STEPS, "unshallow"] as const) {
      const answer = found();
      if (answer !== undefined || !this.isShallow()) return answer;
      if (!this.canFetch) throw new BaseError(`this is a shallow clone and ${what} is not in the history it holds${this.ctx.fetch ? " (and there is no remote origin to fetch from)" : " (fetching is off)"}. ${HISTORY_FIX}.`);
      this.fetch(step === "unshallow" ? ["--unshallow", "origin", ...refspec] : [`--deepen=${step}`, "origin", ...refspec]);
    }
    return found();
  }

  /** Brings every release tag of origin into the clone (once); false when it cannot fetch. */
  fetchTags(): boolean {
    if (this.fetchedTags) return true;
    if (!this.canFetch) return false;
    this.fetchedTags = this.fetchInFullClone(["--tags", "--force", "origin"]);
    return this.fetchedTags;
  }

  nearestReleaseTag(): string | undefined {
    const tag = git(this.root, ["describe", "--tags", "--abbrev=0", "--match", RELEASE_TAG_GLOB, "HEAD"]);
    return tag.ok && tag.stdout !== "" ? tag.stdout : undefined;
  }

  hasReleaseTags(): boolean {
    return git(this.root, ["tag", "--list", RELEASE_TAG_GLOB]).stdout !== "";
  }

  /** A commit by id, fetched from origin (depth 1: only its tree is read) when it is missing. */
  commit(sha: string): string | undefined {
    const present = commitOf(this.root, sha);
    if (present || !this.canFetch) return present;
    const result = git(this.root, ["fetch", "--quiet", "--no-tags", "--depth=1", "origin", sha]);
    if (result.ok) this.log(`ran \`git fetch --no-tags --depth=1 origin ${sha}\``);
    return commitOf(this.root, sha);
  }
}

/**
 * The commit to compare with. Explicit `--base REF` wins. Otherwise:
 * - a pull request (its target named by the CI service) or a branch with commits of its own: the
 *   merge base with the target (what the branch changes);
 * - on the base branch: the last release tag (what the next release changes);
 * - on the base branch before any release: the commit it was at before this push (CI services
 *   that name it) or HEAD's first parent, so every commit is checked as it lands.
 * Under CI (`ctx.fetch`), a shallow clone is deepened and the base branch and release tags are
 * fetched from origin as needed; what cannot be found is a BaseError naming the fix.
 */
export function resolveBase(root: string, explicit: string | undefined, baseBranch = "main", ctx: CiContext = LOCAL_CONTEXT, log: (line: string) => void = () => undefined): BaseDescription {
  if (!git(root, ["rev-parse", "--is-inside-work-tree"]).ok) throw new BaseError(`${root} is not inside a git repository: schema:diff compares schemas/ with a git ref`);
  const history = new History(root, ctx, log);
  if (explicit !== undefined) {
    const commit = commitOf(root, explicit) ?? (/^[0-9a-f]{7,40}$/.test(explicit) ? history.commit(explicit) : undefined);
    if (!commit) throw new BaseError(`--base ${explicit}: no such commit, branch or tag${history.isShallow() ? ` in this shallow clone (fetch it first: \`git fetch origin ${explicit}\`)` : ""}`);
    return { ref: explicit, commit, reason: "--base" };
  }
  const head = commitOf(root, "HEAD");
  if (!head) throw new BaseError("the repository has no commits yet: there is nothing to compare schemas/ with");

  const target = ctx.target?.branch ?? baseBranch;
  const building = ctx.target ? undefined : (ctx.branch ?? currentBranch(root));
  if (building !== baseBranch) {
    const ref = history.branchRef(target);
    if (ref) {
      const name = ref.replace(/^refs\/(heads|remotes)\//, "");
      const mergeBase = history.deepenUntil(
        () => {
          const result = git(root, ["merge-base", "HEAD", ref]);
          return result.ok && result.stdout !== "" ? result.stdout : undefined;
        },
        `the merge base of HEAD with ${name}`,
        [`+refs/heads/${target}:refs/remotes/origin/${target}`],
      );
      if (mergeBase === undefined) throw new BaseError(`HEAD and ${name} have no commit in common: there is no merge base to compare with. Pass --base REF.`);
      const why = ctx.target ? `merge base of HEAD with ${name}, the pull request's target (${ctx.target.variable})` : `merge base of HEAD with ${name}`;
      if (mergeBase !== head) return { ref: name, commit: mergeBase, reason: why };
      // HEAD adds no commits to the target: it is the base branch under another name (a detached checkout).
    } else if (ctx.target) {
      throw new BaseError(
        `the pull request targets ${target} (${ctx.target.variable}), but neither ${target} nor origin/${target} exists in this clone. Fetch it before the check (\`git fetch origin ${target}\`) or pass --base origin/${target}.`,
      );
    } else {
      const tag = releaseTag(history, ctx);
      if (tag) return tag;
      throw new BaseError(`no base to compare with: there is no branch ${baseBranch} (nor origin/${baseBranch}) and no release tag matching ${RELEASE_TAG_GLOB}. Pass --base REF (a branch, tag or commit).`);
    }
  }

  const tag = releaseTag(history, ctx);
  if (tag) return tag;
  const noRelease = `as no release tag (${RELEASE_TAG_GLOB}) exists yet`;
  if (ctx.pushBefore) {
    const before = history.commit(ctx.pushBefore);
    if (before) return { ref: before, commit: before, reason: `the commit ${baseBranch} was at before this push, ${noRelease}` };
    log(`the commit before this push (${ctx.pushBefore.slice(0, 12)}) cannot be fetched: comparing with HEAD's first parent instead`);
  }
  const parent = history.deepenUntil(() => commitOf(root, "HEAD^1"), "the commit before HEAD", []);
  if (parent) return { ref: "HEAD^1", commit: parent, reason: `the commit before HEAD, ${noRelease}: each commit on ${baseBranch} is checked as it lands` };
  return { ref: "HEAD", commit: head, reason: `HEAD is the repository's first commit and no release tag (${RELEASE_TAG_GLOB}) exists, so only uncommitted changes are compared` };
}

/** The nearest release tag behind HEAD, with origin's tags fetched and enough history to reach them
 *  when fetching is allowed. Under CI, a shallow clone whose tags cannot be fetched is an error:
 *  "no tag" would only mean "no tag fetched". */
function releaseTag(history: History, ctx: CiContext): BaseDescription | undefined {
  const fetched = history.fetchTags();
  if (!fetched && ctx.ci && history.isShallow())
    throw new BaseError(
      `this is a shallow clone and its release tags (${RELEASE_TAG_GLOB}) cannot be fetched${ctx.fetch ? " (there is no remote origin)" : " (fetching is off)"}: whether a release exists is unknown. ${HISTORY_FIX}.`,
    );
  let tag = history.nearestReleaseTag();
  if (!tag && history.hasReleaseTags()) tag = history.deepenUntil(() => history.nearestReleaseTag(), "the last release tag", []);
  if (!tag) return undefined;
  return { ref: tag, commit: commitOf(history.root, tag)!, reason: "last release tag" };
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
