// What the CI service says about the build: whether this is CI at all, the branch a pull request
// targets, the branch being built and the commit a push started from. Read from the variables each
// service sets, so the schema gate finds its base without any per-service configuration.
import { readFileSync } from "node:fs";

export interface CiContext {
  /** Running under CI (`CI` set to anything but false/0/empty): the gate must never pass unchecked. */
  readonly ci: boolean;
  /** May the base resolution run `git fetch` (deepen a shallow clone, fetch the base branch and tags)? */
  readonly fetch: boolean;
  /** The branch a pull/merge request targets, and the variable that named it. */
  readonly target?: { readonly branch: string; readonly variable: string };
  /** The branch being built (push builds, often on a detached HEAD). */
  readonly branch?: string;
  /** The commit the pushed branch pointed at before this push (what the push adds lies after it). */
  readonly pushBefore?: string;
}

/** Pull/merge request target branch variables, by service. */
const TARGET_VARIABLES = [
  "GITHUB_BASE_REF", // GitHub Actions (pull_request events)
  "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", // GitLab merge request pipelines
  "BITBUCKET_PR_DESTINATION_BRANCH", // Bitbucket Pipelines
  "SYSTEM_PULLREQUEST_TARGETBRANCH", // Azure Pipelines (refs/heads/main)
  "BUILDKITE_PULL_REQUEST_BASE_BRANCH", // Buildkite
  "CHANGE_TARGET", // Jenkins multibranch
  "DRONE_TARGET_BRANCH", // Drone (pull requests only, below)
  "CIRCLE_PR_BASE_BRANCH", // CircleCI (when exported by the pipeline)
  "PR_TARGET_BRANCH", // generic: set it yourself on any other service
];

/** The branch being built, by service. */
const BRANCH_VARIABLES = ["GITHUB_REF_NAME", "CI_COMMIT_BRANCH", "BITBUCKET_BRANCH", "BUILD_SOURCEBRANCH", "BUILDKITE_BRANCH", "BRANCH_NAME", "DRONE_BRANCH", "CIRCLE_BRANCH", "TRAVIS_BRANCH"];

const ZERO_SHA = /^0+$/;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

const shortBranch = (ref: string): string => ref.replace(/^refs\/heads\//, "");

export function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "false" && value !== "0";
}

function pullRequestTarget(env: NodeJS.ProcessEnv): CiContext["target"] {
  for (const variable of TARGET_VARIABLES) {
    const value = nonEmpty(env[variable]);
    if (value === undefined) continue;
    // Drone sets DRONE_TARGET_BRANCH on pushes too (the pushed branch); only a pull request has a target.
    if (variable === "DRONE_TARGET_BRANCH" && env.DRONE_BUILD_EVENT !== "pull_request") continue;
    return { branch: shortBranch(value), variable };
  }
  if (nonEmpty(env.TRAVIS_PULL_REQUEST) && env.TRAVIS_PULL_REQUEST !== "false" && nonEmpty(env.TRAVIS_BRANCH)) return { branch: env.TRAVIS_BRANCH!.trim(), variable: "TRAVIS_BRANCH" };
  return undefined;
}

function builtBranch(env: NodeJS.ProcessEnv): string | undefined {
  // GITHUB_REF_NAME is "123/merge" on pull requests and a tag name on tag pushes: only trust a branch ref.
  if (nonEmpty(env.GITHUB_REF)) return env.GITHUB_REF!.startsWith("refs/heads/") ? shortBranch(env.GITHUB_REF!) : undefined;
  for (const variable of BRANCH_VARIABLES) {
    const value = nonEmpty(env[variable]);
    if (value !== undefined && !value.startsWith("refs/pull/") && !value.startsWith("refs/tags/")) return shortBranch(value);
  }
  return undefined;
}

function pushedFrom(env: NodeJS.ProcessEnv): string | undefined {
  const gitlab = nonEmpty(env.CI_COMMIT_BEFORE_SHA);
  if (gitlab && !ZERO_SHA.test(gitlab)) return gitlab;
  if (env.GITHUB_EVENT_NAME === "push" && nonEmpty(env.GITHUB_EVENT_PATH)) {
    try {
      const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH!, "utf8")) as { before?: unknown };
      if (typeof event.before === "string" && /^[0-9a-f]{40}$/.test(event.before) && !ZERO_SHA.test(event.before)) return event.before;
    } catch {
      // No readable event payload: the first parent of HEAD stands in for the push's start.
    }
  }
  return undefined;
}

/** The CI context from environment variables; `fetch` defaults to on under CI only. */
export function ciContext(env: NodeJS.ProcessEnv, options: { fetch?: boolean } = {}): CiContext {
  const ci = isCi(env);
  const target = pullRequestTarget(env);
  const branch = builtBranch(env);
  const pushBefore = pushedFrom(env);
  return { ci, fetch: options.fetch ?? ci, ...(target ? { target } : {}), ...(branch ? { branch } : {}), ...(pushBefore ? { pushBefore } : {}) };
}

/** A context with no CI and no fetching: a developer's machine. */
export const LOCAL_CONTEXT: CiContext = { ci: false, fetch: false };
