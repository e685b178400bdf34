// package-stamp: every published package records the schema set it was generated from in its
// package.json, as `"paymentSchemas": { "hash": "<sha256 hex>" }`, so a consumer can read which
// schemas an installed version carries (the same value as `schemaSetHash` of @org/payment-schemas).
// package.json is not codegen's to own whole (changesets bumps versions in it, people edit it), so
// codegen owns exactly this one field of each non-private package under packages/, and `--check`
// covers it like a generated file.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Difference, Replacement } from "./write.js";
import { VERSION_MANIFEST } from "./outputs.js";

export const STAMP_FIELD = "paymentSchemas";

export interface SchemaSetStamp {
  readonly hash: string;
}

interface PlannedStamp {
  /** Repository-relative path of the package.json. */
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

/** The package.json of every package under packages/ that is published (not `"private": true`). */
function publishedManifests(repoRoot: string): string[] {
  const dir = join(repoRoot, "packages");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => `packages/${name}/package.json`)
    .filter((path) => existsSync(join(repoRoot, path)) && (JSON.parse(readFileSync(join(repoRoot, path), "utf8")) as { private?: boolean }).private !== true);
}

/** The published packages' version, or undefined when the manifest is not there. */
export function packagesVersion(repoRoot: string): string | undefined {
  const path = join(repoRoot, VERSION_MANIFEST);
  if (!existsSync(path)) return undefined;
  const { version } = JSON.parse(readFileSync(path, "utf8")) as { version?: unknown };
  return typeof version === "string" ? version : undefined;
}

/** The manifest text with the stamp set: placed right after `version` when it is new, other keys untouched. */
export function stampManifest(text: string, stamp: SchemaSetStamp): string {
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const value = { hash: stamp.hash };
  if (JSON.stringify(manifest[STAMP_FIELD]) === JSON.stringify(value)) return text;
  let stamped: Record<string, unknown>;
  if (STAMP_FIELD in manifest) stamped = { ...manifest, [STAMP_FIELD]: value };
  else {
    stamped = {};
    for (const [key, v] of Object.entries(manifest)) {
      stamped[key] = v;
      if (key === "version") stamped[STAMP_FIELD] = value;
    }
    if (!(STAMP_FIELD in stamped)) stamped[STAMP_FIELD] = value;
  }
  return `${JSON.stringify(stamped, null, 2)}\n`;
}

function plan(repoRoot: string, stamp: SchemaSetStamp): PlannedStamp[] {
  return publishedManifests(repoRoot).map((path) => {
    const before = readFileSync(join(repoRoot, path), "utf8");
    return { path, before, after: stampManifest(before, stamp) };
  });
}

/** Each published package.json whose stamp is missing or names another schema set. */
export function checkStamps(repoRoot: string, stamp: SchemaSetStamp): Difference[] {
  return plan(repoRoot, stamp)
    .filter((p) => p.before !== p.after)
    .map((p) => ({ path: `${p.path}#/${STAMP_FIELD}`, kind: "stale" as const }));
}

/** The package.json files whose stamp is stale, as replacements for write.ts's all-or-nothing run. */
export function stampReplacements(repoRoot: string, stamp: SchemaSetStamp): { differences: Difference[]; replacements: Replacement[] } {
  const stale = plan(repoRoot, stamp).filter((p) => p.before !== p.after);
  return {
    differences: stale.map((p) => ({ path: `${p.path}#/${STAMP_FIELD}`, kind: "stale" as const })),
    replacements: stale.map((p) => ({ target: p.path, text: p.after })),
  };
}
