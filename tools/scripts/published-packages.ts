// The packages this repository publishes (every package under packages/ that is not private) and
// how they are packed: exactly as `pnpm publish` would send them (workspace: ranges replaced).
// `pnpm pack:all`, `pnpm registry:publish` and `pnpm release` all pack through packAll.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface PublishedPackage {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
}

export function publishedPackages(root = REPO_ROOT): PublishedPackage[] {
  return readdirSync(join(root, "packages"))
    .sort()
    .filter((dir) => existsSync(join(root, "packages", dir, "package.json")))
    .map((dir) => ({ dir: join(root, "packages", dir), manifest: JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")) as { name: string; version: string; private?: boolean } }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name, version: manifest.version, dir }));
}

/** The file name pnpm pack gives a package's tarball: @org/payment-types@1.2.3 -> org-payment-types-1.2.3.tgz */
export const tarballName = (pkg: Pick<PublishedPackage, "name" | "version">): string => `${pkg.name.replace(/^@/, "").replace("/", "-")}-${pkg.version}.tgz`;

/** Builds every package (turbo: cached when nothing changed), then packs each published package
 *  into `outDir`, replacing any earlier tarball of ours there, so `outDir/*.tgz` is one release. */
export function packAll(outDir: string, root = REPO_ROOT): (PublishedPackage & { readonly tarball: string })[] {
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  // turbo's report goes to stderr: stdout is the caller's (pack:all --json).
  execFileSync("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"], { cwd: root, stdio: ["ignore", 2, "inherit"] });
  const packages = publishedPackages(root);
  const ours = new Set(packages.map((pkg) => tarballName({ ...pkg, version: "" })));
  for (const file of readdirSync(out)) {
    // org-payment-types-1.2.3.tgz -> org-payment-types-.tgz: an earlier version of one of ours
    if (ours.has(file.replace(/\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?\.tgz$/, ".tgz"))) rmSync(join(out, file));
  }
  return packages.map((pkg) => {
    execFileSync("pnpm", ["pack", "--pack-destination", out], { cwd: pkg.dir, stdio: ["ignore", "ignore", "inherit"] });
    const tarball = join(out, tarballName(pkg));
    if (!existsSync(tarball)) throw new Error(`pnpm pack did not write ${tarball}`);
    return { ...pkg, tarball };
  });
}
