// schema:diff [--base REF|published|npm:SPEC] [--format text|json] [--changeset] [--check] [--no-fetch] [--root DIR]
//   Compares schemas/ at a git ref (or in a published release) with the working tree, model by
//   model, and classifies every change from the consumer's side of a response payload.
//   --base REF        the git ref to compare with (default: the merge base with the pull request's
//                     target or the base branch; on the base branch the last release tag @org/payment-*@x.y.z,
//                     before any release the commit before the push or HEAD's first parent)
//   --base published  the last published @org/payment-schemas at or below the working tree's version,
//                     fetched with npm from npm's configured registry (npm:<name>@<range> for another)
//   --format json     the report as JSON instead of text
//   --changeset       also write .changeset/schema-diff-<branch>.md citing every change, with the bump
//   --check           exit 1 unless every change is cited by a pending changeset with a high enough
//                     bump (or by the changelog of a version raised since the base); with --base
//                     published: unless the version to publish raises the published one enough
//   --no-fetch        never run git fetch (under CI=true it deepens shallow clones and fetches the
//                     base branch and release tags from origin)
// Under CI=true, --check never passes without having compared: a base it cannot find is exit 1.
// Exit codes: 0 success, 1 schema errors or check failed, 2 usage error or no usable base.
import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { SchemaSetError } from "./errors.js";
import type { SchemaSet } from "./model/schema-set.js";
import { loadSchemaSet } from "./model/load.js";
import { type CoverageResult, changesetPathFor, checkCoverage, readBaseBranch, readReleaseGroup, releaseGate, writeChangeset } from "./diff/changeset.js";
import { type SchemaDiff, diffSchemaSets } from "./diff/compare.js";
import { type CiContext, LOCAL_CONTEXT, ciContext } from "./diff/ci-context.js";
import { BaseError, loadSchemaSetAt, resolveBase } from "./diff/git-base.js";
import { type PublishedBase, SCHEMAS_PACKAGE, isRegistryBase, loadPublishedBase } from "./diff/published.js";
import { type BaseDescription, describeBase, formatJson, formatText } from "./diff/report.js";

const USAGE = "usage: schema:diff [--base REF|published|npm:<name>@<range>] [--format text|json] [--changeset] [--check] [--no-fetch] [--root DIR]";

export interface SchemaDiffOptions {
  readonly base?: string;
  /** The CI service's context (variables, whether to fetch); the command line reads it from the
   *  environment, programmatic callers get a developer machine's (no CI, no fetching). */
  readonly ci?: CiContext;
  readonly format: "text" | "json";
  readonly changeset: boolean;
  readonly check: boolean;
}

export interface SchemaDiffOutcome {
  readonly exitCode: number;
  readonly base?: BaseDescription;
  readonly diff?: SchemaDiff;
  /** Repository-relative path of the changeset written by --changeset. */
  readonly changesetPath?: string;
  readonly coverage?: CoverageResult;
}

export async function runSchemaDiff(root: string, options: SchemaDiffOptions, out: (text: string) => void, log: (line: string) => void): Promise<SchemaDiffOutcome> {
  const name = options.check ? "changeset:check" : "schema:diff";
  const ci = options.ci ?? LOCAL_CONTEXT;
  const side = isRegistryBase(options.base) ? await publishedSide(root, options.base, name, log) : gitSide(root, options, ci, name, log);
  if ("exitCode" in side) return side;
  const { base, before } = side;

  let after: SchemaSet;
  try {
    after = loadSide("the working tree's schemas/", () => loadSchemaSet(root));
  } catch (error) {
    if (!(error instanceof SideLoadError)) throw error;
    log(`${name}: ${error.message}`);
    return { exitCode: 1, base };
  }
  const diff = diffSchemaSets(before, after);
  out(options.format === "json" ? formatJson(diff, base) : formatText(diff, base));

  let changesetPath: string | undefined;
  if (options.changeset) {
    if (diff.bump === "none") {
      // A changeset this command wrote earlier on this branch would now announce changes that are gone.
      const stale = changesetPathFor(root, base);
      if (existsSync(join(root, stale))) {
        rmSync(join(root, stale));
        log(`${name}: no schema changes since ${describeBase(base)}: removed ${stale}, written by an earlier run.`);
      } else log(`${name}: no schema changes since ${describeBase(base)}: no changeset written.`);
    } else {
      try {
        const group = await readReleaseGroup(root);
        changesetPath = writeChangeset(root, diff, base, group);
        log(`${name}: wrote ${changesetPath}: ${diff.bump} for ${group.packages.map((p) => p.name).join(", ")}.`);
      } catch (error) {
        log(`${name}: cannot write a changeset: ${(error as Error).message}`);
        return { exitCode: 1, base, diff };
      }
    }
  }
  if (!options.check) return { exitCode: 0, base, diff, ...(changesetPath ? { changesetPath } : {}) };
  if (diff.bump === "none") {
    log(`${name}: ok: no schema changes since the base: nothing to cover`);
    return { exitCode: 0, base, diff };
  }

  if (side.published) {
    const gate = releaseGate(diff, side.published.version, side.published.localVersion, base);
    log(`${name}: ${gate.ok ? "ok" : "FAILED"}: ${gate.message}`);
    return { exitCode: gate.ok ? 0 : 1, base, diff };
  }

  let coverage: CoverageResult;
  try {
    coverage = await checkCoverage(root, diff, base, await readReleaseGroup(root));
  } catch (error) {
    log(`${name}: FAILED: cannot read the pending changesets: ${(error as Error).message}`);
    return { exitCode: 1, base, diff };
  }
  log(`${name}: ${coverage.ok ? "ok" : "FAILED"}: ${coverage.message}`);
  return { exitCode: coverage.ok ? 0 : 1, base, diff, coverage, ...(changesetPath ? { changesetPath } : {}) };
}

interface BeforeSide {
  readonly base: BaseDescription;
  readonly before: SchemaSet;
  /** With a registry base: the published version compared with, and the working tree's version. */
  readonly published?: { readonly version: string; readonly localVersion: string };
}

/** The before side at a git commit (explicit, or the base the CI context leads to). */
function gitSide(root: string, options: SchemaDiffOptions, ci: CiContext, name: string, log: (line: string) => void): BeforeSide | SchemaDiffOutcome {
  let base: BaseDescription;
  try {
    base = resolveBase(root, options.base, readBaseBranch(root), ci, (line) => log(`${name}: ${line}`));
  } catch (error) {
    if (!(error instanceof BaseError)) throw error;
    if (options.check && ci.ci) {
      // Under CI the gate fails closed: an unchecked pass would let a breaking change through.
      log(`${name}: FAILED: nothing was compared: ${error.message}`);
      return { exitCode: 1 };
    }
    if (options.check && options.base === undefined) {
      log(`${name}: SKIPPED, NOT CHECKED (outside CI only; under CI=true this fails): ${error.message}`);
      return { exitCode: 0 };
    }
    log(`${name}: ${error.message}`);
    return { exitCode: 2 };
  }
  if (options.check) log(`${name}: comparing schemas/ with ${describeBase(base)}`);
  try {
    return { base, before: loadSide(`schemas/ at ${describeBase(base)}`, () => loadSchemaSetAt(root, base.commit!)) };
  } catch (error) {
    if (!(error instanceof BaseError || error instanceof SideLoadError)) throw error;
    log(`${name}: ${error.message}`);
    return { exitCode: error instanceof BaseError ? 2 : 1, base };
  }
}

/** The before side from the registry: the schema set of a published @org/payment-schemas. */
async function publishedSide(root: string, baseOption: string, name: string, log: (line: string) => void): Promise<BeforeSide | SchemaDiffOutcome> {
  const check = name === "changeset:check";
  const local = (await readReleaseGroup(root)).packages.find((p) => p.name === SCHEMAS_PACKAGE);
  if (!local) {
    log(`${name}: FAILED: ${SCHEMAS_PACKAGE} is not in this workspace: there is no version to compare with the registry's`);
    return { exitCode: check ? 1 : 2 };
  }
  let published: PublishedBase;
  try {
    published = loadPublishedBase(root, baseOption, local.version);
  } catch (error) {
    if (!(error instanceof BaseError)) throw error;
    log(`${name}: ${check ? "FAILED: nothing was compared: " : ""}${error.message}`);
    return { exitCode: check ? 1 : 2 };
  }
  if (published.kind === "never-published") {
    // Checked, not skipped: the registry says no release exists, so no consumer has any schemas.
    if (check) log(`${name}: ok: ${SCHEMAS_PACKAGE} has never been published to ${published.registry} (npm: E404): ${local.version} is the first release, no consumer can be broken`);
    else log(`${name}: ${SCHEMAS_PACKAGE} has never been published to ${published.registry}: there is no release to compare with`);
    return { exitCode: check ? 0 : 2 };
  }
  log(`${name}: comparing schemas/ with ${describeBase(published.base)}`);
  return { base: published.base, before: published.set, published: { version: published.version, localVersion: local.version } };
}

/** One side of the comparison failed to load: which side, and the loader's errors. */
class SideLoadError extends Error {}

function loadSide(what: string, load: () => SchemaSet): SchemaSet {
  try {
    return load();
  } catch (error) {
    if (error instanceof SchemaSetError) throw new SideLoadError(`cannot compare: ${what} do not load: ${error.message}`);
    throw error;
  }
}

function repoRootFromHere(): string {
  return resolve(fileURLToPath(new URL("../../..", import.meta.url)));
}

export function parseArguments(argv: readonly string[]): { options: SchemaDiffOptions; root?: string; fetch?: boolean } | { error: string } | { help: true } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      allowNegative: true,
      options: {
        base: { type: "string" },
        format: { type: "string" },
        changeset: { type: "boolean" },
        check: { type: "boolean" },
        fetch: { type: "boolean" },
        root: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { help: true };
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json") return { error: `--format must be text or json, not "${format}"` };
  return {
    options: { ...(values.base !== undefined ? { base: values.base } : {}), format, changeset: values.changeset ?? false, check: values.check ?? false },
    ...(values.root !== undefined ? { root: resolve(values.root) } : {}),
    ...(values.fetch !== undefined ? { fetch: values.fetch } : {}),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArguments(argv);
  if ("help" in parsed) {
    console.log(USAGE);
    return 0;
  }
  if ("error" in parsed) {
    console.error(`schema:diff: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  const ci = ciContext(process.env, parsed.fetch === undefined ? {} : { fetch: parsed.fetch });
  const outcome = await runSchemaDiff(
    parsed.root ?? repoRootFromHere(),
    { ...parsed.options, ci },
    (text) => process.stdout.write(text),
    (line) => console.error(line),
  );
  return outcome.exitCode;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // exitCode, not exit(): a long report piped to another process must be flushed first.
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
