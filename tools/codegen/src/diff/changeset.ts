// schema:diff and changesets: the published package group, writing a changeset with the bump a
// diff demands, and checking that the pending release bumps the group at least that much.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { read as readChangesetConfig } from "@changesets/config";
import getReleasePlan from "@changesets/get-release-plan";
import { getPackages } from "@manypkg/get-packages";
import { type OverallBump, bumpRank, maxBump } from "./change.js";
import type { SchemaDiff } from "./compare.js";
import { currentBranch, readFileAt } from "./git-base.js";
import { type BaseDescription, formatMarkdown } from "./report.js";

/** The packages generated from schemas/, released together (the fixed group of .changeset/config.json). */
export const PUBLISHED_PACKAGES: readonly string[] = [
  "@org/payment-schemas",
  "@org/payment-types",
  "@org/payment-validators",
  "@org/payment-adapters",
  "@org/payment-docs",
  "@org/payment-fixtures",
];

export interface GroupPackage {
  readonly name: string;
  /** Repository-relative folder, with forward slashes. */
  readonly dir: string;
  readonly version: string;
}

export interface ReleaseGroup {
  /** The group's packages that exist in the workspace, in config order. */
  readonly packages: readonly GroupPackage[];
  /** Where the group came from: the fixed group in .changeset/config.json, or the built-in list. */
  readonly source: "config" | "built-in";
}

export const CONFIG_FILE = ".changeset/config.json";

/** The branch releases are cut from (config baseBranch, default main); read without validating
 *  the rest of the config, so a plain diff works whatever state the config is in. */
export function readBaseBranch(root: string): string {
  try {
    const config = JSON.parse(readFileSync(join(root, CONFIG_FILE), "utf8")) as { baseBranch?: unknown };
    return typeof config.baseBranch === "string" ? config.baseBranch : "main";
  } catch {
    return "main";
  }
}

export async function readReleaseGroup(root: string): Promise<ReleaseGroup> {
  const workspace = await getPackages(root);
  const byName = new Map(workspace.packages.map((p) => [p.packageJson.name, p]));
  let names = PUBLISHED_PACKAGES;
  let source: ReleaseGroup["source"] = "built-in";
  if (existsSync(join(root, CONFIG_FILE))) {
    const config = await readChangesetConfig(root, workspace);
    const fixed = config.fixed.find((group) => group.some((name) => PUBLISHED_PACKAGES.includes(name)));
    if (fixed) {
      names = fixed;
      source = "config";
    }
  }
  const packages = names.flatMap((name) => {
    const pkg = byName.get(name);
    return pkg ? [{ name, dir: relative(root, pkg.dir).split(sep).join("/"), version: pkg.packageJson.version }] : [];
  });
  return { packages, source };
}

/** The repository-relative path of this branch's schema:diff changeset: one per branch, so
 *  running --changeset again rewrites it instead of adding another. */
export function changesetPathFor(root: string, base: BaseDescription): string {
  const branch = currentBranch(root) ?? `detached-${base.commit.slice(0, 12)}`;
  return `.changeset/schema-diff-${branch.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "")}.md`;
}

/** Writes (or rewrites) this branch's schema:diff changeset; returns its repository-relative path. */
export function writeChangeset(root: string, diff: SchemaDiff, base: BaseDescription, group: ReleaseGroup): string {
  if (diff.bump === "none") throw new Error("writeChangeset: the diff has no changes");
  if (group.packages.length === 0) throw new Error(`no package of the release group (${PUBLISHED_PACKAGES.join(", ")}) exists in the workspace`);
  const bump = diff.bump;
  const frontmatter = group.packages.map((p) => `${JSON.stringify(p.name)}: ${bump}`);
  const text = `---\n${frontmatter.join("\n")}\n---\n\n${formatMarkdown(diff)}`;
  const path = changesetPathFor(root, base);
  mkdirSync(join(root, ".changeset"), { recursive: true });
  writeFileSync(join(root, path), text);
  return path;
}

/** The bump between two versions (x.y.z), or none. */
export function versionBump(from: string, to: string): OverallBump {
  const parse = (v: string) => /^(\d+)\.(\d+)\.(\d+)/.exec(v)?.slice(1).map(Number);
  const a = parse(from);
  const b = parse(to);
  if (!a || !b) return "none";
  for (const [i, bump] of (["major", "minor", "patch"] as const).entries()) {
    if (b[i]! > a[i]!) return bump;
    if (b[i]! < a[i]!) return "none";
  }
  return "none";
}

export interface CoverageResult {
  readonly ok: boolean;
  /** What the schema changes demand. */
  readonly required: OverallBump;
  /** What pending changesets bump the group by. */
  readonly pending: OverallBump;
  /** A version bump of the group already made since the base (a `changeset version` commit). */
  readonly applied: OverallBump;
  /** The pending changesets that bump the group. */
  readonly changesets: readonly string[];
  readonly message: string;
}

/**
 * Does the next release cover the schema changes? Covered when the pending changesets bump the
 * group at least as much as the diff demands, or when the group's version was already raised by
 * that much since the base (the release commit after `changeset version`).
 */
export async function checkCoverage(root: string, diff: SchemaDiff, base: BaseDescription, group: ReleaseGroup): Promise<CoverageResult> {
  const required = diff.bump;
  const names = new Set(group.packages.map((p) => p.name));
  if (required === "none") return { ok: true, required, pending: "none", applied: "none", changesets: [], message: "no schema changes since the base: nothing to cover" };
  if (!existsSync(join(root, CONFIG_FILE))) {
    return { ok: false, required, pending: "none", applied: "none", changesets: [], message: `${CONFIG_FILE} is missing: changesets is not set up, so nothing can cover schema changes` };
  }
  const plan = await getReleasePlan(root);
  let pending: OverallBump = "none";
  for (const release of plan.releases) if (names.has(release.name) && release.type !== "none") pending = maxBump(pending, release.type);
  const changesets = plan.changesets.filter((c) => c.releases.some((r) => names.has(r.name) && r.type !== "none")).map((c) => `.changeset/${c.id}.md`);
  let applied: OverallBump = "none";
  for (const pkg of group.packages) {
    const then = readFileAt(root, base.commit, `${pkg.dir}/package.json`);
    const thenVersion = then === undefined ? undefined : (JSON.parse(then) as { version?: string }).version;
    if (thenVersion !== undefined) applied = maxBump(applied, versionBump(thenVersion, pkg.version));
  }
  const covered = maxBump(pending, applied);
  const ok = bumpRank(covered) >= bumpRank(required);
  const groupText = group.packages.map((p) => p.name).join(", ");
  let message: string;
  if (ok) message = `the ${required} schema changes are covered: ${bumpRank(pending) >= bumpRank(required) ? `pending changesets bump the group by ${pending} (${changesets.join(", ")})` : `the group's version was already raised by a ${applied} bump since the base`}`;
  else if (covered === "none") message = `schemas/ changed since the base (needs a ${required} bump) but no pending changeset bumps the package group (${groupText}). Run \`pnpm schema:diff --changeset\` and commit the .changeset file it writes.`;
  else message = `schemas/ changed since the base and need a ${required} bump, but the pending changesets (${changesets.join(", ") || "none"}) bump the package group only by ${covered}. Run \`pnpm schema:diff --changeset\`, or raise the bump in the changeset to ${required}.`;
  return { ok, required, pending, applied, changesets, message };
}
