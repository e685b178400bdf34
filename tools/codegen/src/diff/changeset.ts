// schema:diff and changesets: the published package group, writing a changeset with the bump a
// diff demands, and checking that the pending release bumps the group at least that much.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { read as readChangesetConfig } from "@changesets/config";
import getReleasePlan from "@changesets/get-release-plan";
import { getPackages } from "@manypkg/get-packages";
import { type Change, type OverallBump, bumpRank, maxBump } from "./change.js";
import type { SchemaDiff } from "./compare.js";
import { changeKey, changeKeysIn, citation } from "./consumer-words.js";
import { currentBranch, readFileAt } from "./git-base.js";
import { type BaseDescription, formatMarkdown, summarize } from "./report.js";

/** The packages generated from schemas/, released together (the fixed group of .changeset/config.json). */
export const PUBLISHED_PACKAGES: readonly string[] = ["@org/payment-schemas", "@org/payment-types", "@org/payment-validators", "@org/payment-adapters", "@org/payment-docs", "@org/payment-fixtures"];

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
  const branch = currentBranch(root) ?? (base.commit ? `detached-${base.commit.slice(0, 12)}` : `since-${base.ref}`);
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
  /** The changes no pending changeset (nor the changelog of a version raised since the base) names
   *  with a high enough bump, each with why. */
  readonly uncovered: readonly { readonly change: Change; readonly why: string }[];
  readonly message: string;
}

const MAX_LISTED = 20;

/**
 * Is every schema change announced? Each change (`Model#/pointer` [rule-id]) must be named by a
 * pending changeset that bumps the group at least as much as the change needs, or, after
 * `changeset version`, by the changelog entries written since the base with the group's version
 * raised that much. A changeset that names nothing covers nothing, whatever its bump.
 */
export async function checkCoverage(root: string, diff: SchemaDiff, base: BaseDescription, group: ReleaseGroup): Promise<CoverageResult> {
  const required = diff.bump;
  const names = new Set(group.packages.map((p) => p.name));
  const none = { pending: "none", applied: "none", changesets: [], uncovered: [] } as const;
  if (required === "none") return { ok: true, required, ...none, message: "no schema changes since the base: nothing to cover" };
  if (!existsSync(join(root, CONFIG_FILE))) {
    return { ok: false, required, ...none, message: `${CONFIG_FILE} is missing: changesets is not set up, so nothing can cover schema changes` };
  }
  const plan = await getReleasePlan(root);
  let pending: OverallBump = "none";
  for (const release of plan.releases) if (names.has(release.name) && release.type !== "none") pending = maxBump(pending, release.type);
  const announcing = plan.changesets.flatMap((c) => {
    let bump: OverallBump = "none";
    for (const r of c.releases) if (names.has(r.name) && r.type !== "none") bump = maxBump(bump, r.type);
    return bump === "none" ? [] : [{ file: `.changeset/${c.id}.md`, bump, keys: changeKeysIn(c.summary) }];
  });
  let applied: OverallBump = "none";
  const released = new Set<string>();
  for (const pkg of group.packages) {
    const then = base.commit === undefined ? undefined : readFileAt(root, base.commit, `${pkg.dir}/package.json`);
    const thenVersion = then === undefined ? undefined : (JSON.parse(then) as { version?: string }).version;
    if (thenVersion !== undefined) applied = maxBump(applied, versionBump(thenVersion, pkg.version));
    for (const key of changeKeysIn(changelogAddedSince(root, base, pkg.dir))) released.add(key);
  }

  const uncovered: { change: Change; why: string }[] = [];
  for (const change of diff.changes) {
    const key = changeKey(change);
    const naming = announcing.filter((c) => c.keys.has(key));
    if (naming.some((c) => bumpRank(c.bump) >= bumpRank(change.bump))) continue;
    if (released.has(key) && bumpRank(applied) >= bumpRank(change.bump)) continue;
    const why =
      naming.length > 0
        ? `named in ${naming.map((c) => c.file).join(", ")}, which bump${naming.length === 1 ? "s" : ""} the group only by ${naming.map((c) => c.bump).join("/")}; it needs ${change.bump}`
        : `named by no pending changeset${released.has(key) ? ` (the changelog names it, but the version was raised only by ${applied})` : ""}`;
    uncovered.push({ change, why });
  }
  const changesets = announcing.map((c) => c.file);
  const ok = uncovered.length === 0;
  let message: string;
  if (ok) {
    const byChangesets = diff.changes.every((c) => announcing.some((a) => a.keys.has(changeKey(c)) && bumpRank(a.bump) >= bumpRank(c.bump)));
    message = `the ${required} schema changes are covered: ${byChangesets ? `every change is named by a pending changeset, which bump the group by ${pending} (${changesets.join(", ")})` : `the changelog written since the base names them and the group's version was already raised by a ${applied} bump`}`;
  } else {
    const listed = uncovered.slice(0, MAX_LISTED).map(({ change, why }) => `\n  ${citation(change)} (${change.bump}): ${why}`);
    const more = uncovered.length > MAX_LISTED ? `\n  ... and ${uncovered.length - MAX_LISTED} more` : "";
    message = `${uncovered.length} of ${diff.changes.length} schema changes since the base (which need a ${required} bump) are not announced:${listed.join("")}${more}\nRun \`pnpm schema:diff --changeset\` (it writes a changeset naming every change, with the bump they need) and commit the .changeset file, or cite each listed change as shown in your own changeset with a high enough bump.`;
  }
  return { ok, required, pending, applied, changesets, uncovered, message };
}

/** The lines of a package's CHANGELOG.md added since the base (what `changeset version` wrote). */
function changelogAddedSince(root: string, base: BaseDescription, dir: string): string {
  const path = join(root, dir, "CHANGELOG.md");
  if (!existsSync(path)) return "";
  const then = new Set((base.commit === undefined ? undefined : readFileAt(root, base.commit, `${dir}/CHANGELOG.md`))?.split("\n") ?? []);
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => !then.has(line))
    .join("\n");
}

export interface GateResult {
  readonly ok: boolean;
  readonly message: string;
}

/**
 * The release gate: does the version about to be published (the working tree's) raise the
 * published one by at least the bump the schema changes since that release require?
 */
export function releaseGate(diff: SchemaDiff, publishedVersion: string, localVersion: string, base: BaseDescription): GateResult {
  const since = `since ${base.ref} (${base.reason})`;
  if (diff.bump === "none") return { ok: true, message: `no schema changes ${since}` };
  if (localVersion === publishedVersion)
    return { ok: true, message: `schemas/ changed ${since} (needs a ${diff.bump} bump), but ${localVersion} is already published, so this release publishes nothing; version the changes first (\`pnpm changeset:version\`)` };
  const bump = versionBump(publishedVersion, localVersion);
  if (bumpRank(bump) >= bumpRank(diff.bump)) return { ok: true, message: `the schema changes ${since} need a ${diff.bump} bump; ${publishedVersion} -> ${localVersion} is a ${bump} bump` };
  const made = bump === "none" ? `not a version increase` : `only a ${bump} bump`;
  return {
    ok: false,
    message: `release refused: the schema changes ${since} need a ${diff.bump} bump (${summarize(diff)}), but ${publishedVersion} -> ${localVersion} is ${made}. Add a changeset that bumps the package group by ${diff.bump} (\`pnpm schema:diff --base published --changeset\` writes it), run \`pnpm changeset:version\` again, commit, and release.`,
  };
}
