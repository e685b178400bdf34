// The before side from the registry: the schema set a published @org/payment-schemas ships
// (generated/schema-set/), fetched with npm from the registry npm's configuration names, like
// `buf breaking --against` a registry module. `--base published` takes the last release at or
// below the working tree's version; `--base npm:<name>@<range>` the release npm picks for a range.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PUBLISHED_SCHEMA_SET_DIR } from "../outputs.js";
import type { SchemaSet } from "../model/schema-set.js";
import { loadSchemaSet } from "../model/load.js";
import { SchemaSetError } from "../errors.js";
import { BaseError } from "./git-base.js";
import type { BaseDescription } from "./report.js";

export const SCHEMAS_PACKAGE = "@org/payment-schemas";
const NPM_PREFIX = "npm:";

export function isRegistryBase(base: string | undefined): base is string {
  return base === "published" || (base?.startsWith(NPM_PREFIX) ?? false);
}

/** The npm spec a registry base names: `published` is the last release at or below `localVersion`. */
export function registrySpec(base: string, localVersion: string): string {
  if (base === "published") return `${SCHEMAS_PACKAGE}@<=${localVersion}`;
  const spec = base.slice(NPM_PREFIX.length);
  if (!/^@?[^@\s]+(@\S+)?$/.test(spec)) throw new BaseError(`--base ${base}: expected npm:<package>@<version or range>, e.g. npm:${SCHEMAS_PACKAGE}@^1.2.0`);
  return spec;
}

export type PublishedBase =
  /** The package has no release on the registry at all (npm answered E404). */
  | { readonly kind: "never-published"; readonly registry: string; readonly spec: string }
  | { readonly kind: "release"; readonly registry: string; readonly version: string; readonly set: SchemaSet; readonly base: BaseDescription };

interface PackResult {
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  readonly integrity?: string;
}

function npm(root: string, args: readonly string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync("npm", args, { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" } });
  if (result.error) throw new BaseError(`cannot run npm: ${result.error.message}`);
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr };
}

/** npm's error code (E404, ETARGET, ECONNREFUSED, ...) from its stderr, if it printed one. */
function npmErrorCode(stderr: string): string | undefined {
  return /npm (?:error|ERR!) code (\S+)/.exec(stderr)?.[1];
}

function npmErrorText(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => /^npm (error|ERR!)/.test(line) && !/A complete log of this run|^npm (error|ERR!)\s*$/.test(line))
    .map((line) => line.replace(/^npm (error|ERR!)\s*/, ""))
    .join("; ");
}

/**
 * Fetches the release `base` names and loads its schema set. Every failure (registry unreachable,
 * no matching version, a release without the schema set, a schema set that does not match the
 * release's recorded hash) is a BaseError that says what happened and what to do.
 */
export function loadPublishedBase(root: string, base: string, localVersion: string): PublishedBase {
  const spec = registrySpec(base, localVersion);
  const registry = npm(root, ["config", "get", "registry"]).stdout.trim() || "npm's default registry";
  const dir = mkdtempSync(join(tmpdir(), "schema-diff-published-"));
  try {
    const pack = npm(root, ["pack", spec, "--json", "--pack-destination", dir]);
    if (!pack.ok) {
      const code = npmErrorCode(pack.stderr);
      if (code === "E404" && base === "published") return { kind: "never-published", registry, spec };
      if (code === "ETARGET") throw new BaseError(`no release of ${spec} on ${registry}: ${npmErrorText(pack.stderr)}`);
      throw new BaseError(
        `cannot fetch ${spec} from ${registry}${code ? ` (${code})` : ""}: ${npmErrorText(pack.stderr) || pack.stderr.trim() || "npm pack failed"}. Check the registry and its token in .npmrc or npm_config_registry.`,
      );
    }
    const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("["))) as PackResult[];
    if (!packed) throw new BaseError(`npm pack ${spec} reported no tarball`);
    const release = `${packed.name}@${packed.version}`;
    const untar = spawnSync("tar", ["-xzf", join(dir, packed.filename), "-C", dir]);
    if (untar.status !== 0) throw new BaseError(`cannot unpack ${release}: ${untar.stderr?.toString().trim() ?? untar.error?.message}`);
    const setDir = join(dir, "package", PUBLISHED_SCHEMA_SET_DIR);
    if (!existsSync(join(setDir, "schemas"))) {
      throw new BaseError(`${release} does not ship its schema set (${PUBLISHED_SCHEMA_SET_DIR}/): it was published before \`schema:diff --base published\` existed. Compare with its release tag instead: --base ${release}`);
    }
    let set: SchemaSet;
    try {
      set = loadSchemaSet(setDir);
    } catch (error) {
      if (error instanceof SchemaSetError) throw new BaseError(`the schema set shipped in ${release} does not load: ${error.message}`);
      throw error;
    }
    const manifest = JSON.parse(readFileSync(join(dir, "package", "package.json"), "utf8")) as { paymentSchemas?: { hash?: string } };
    const recorded = manifest.paymentSchemas?.hash;
    if (recorded !== undefined && recorded !== set.hash)
      throw new BaseError(
        `the schema set shipped in ${release} (sha256 ${set.hash}) is not the one its package.json records (${recorded}): the release is inconsistent; compare with its release tag instead: --base ${release}`,
      );
    return { kind: "release", registry, version: packed.version, set, base: { ref: release, reason: `published on ${registry}` } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
