// Every published package, packed as it would be published (`pnpm pack`), passes publint and
// Are the Types Wrong? on the tarball itself.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const published = readdirSync(join(ROOT, "packages"))
  .filter((dir) => existsSync(join(ROOT, "packages", dir, "package.json")))
  .map((dir) => ({ dir: join(ROOT, "packages", dir), manifest: JSON.parse(readFileSync(join(ROOT, "packages", dir, "package.json"), "utf8")) }))
  .filter((p) => !p.manifest.private)
  .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
const destination = mkdtempSync(join(tmpdir(), "packed-"));
afterAll(() => rmSync(destination, { recursive: true, force: true }));

function pack(dir: string): string {
  const output = execFileSync("pnpm", ["pack", "--pack-destination", destination], { cwd: dir, encoding: "utf8" });
  return output.trim().split("\n").pop()!.trim();
}

describe.each(published.map((p) => [p.manifest.name, p] as const))("%s", (_name, { dir, manifest }) => {
  const tarball = pack(dir);

  it("declares what ships: exports with types first, files, sideEffects false", () => {
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.files?.length).toBeGreaterThan(0);
    for (const [subpath, target] of Object.entries<any>(manifest.exports)) {
      if (typeof target === "string") continue;
      for (const condition of ["import", "require"]) expect(Object.keys(target[condition] ?? { types: 1 })[0], `${subpath} ${condition}`).toBe("types");
    }
  });

  it("is clean under publint", () => {
    const result = spawnSync("pnpm", ["exec", "publint", "run", tarball, "--strict"], { cwd: ROOT, encoding: "utf8" });
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/(error|warning)/i);
    expect(result.status).toBe(0);
  });

  // Profile node16: every resolution mode of Node 20+ and bundlers (node10 predates `exports`).
  it("has no type resolution problems under Are the Types Wrong?", () => {
    const result = spawnSync("pnpm", ["exec", "attw", tarball, "--format", "json", "--profile", "node16"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const report = JSON.parse(result.stdout) as { analysis: { problems?: { kind: string; entrypoint?: string; resolutionKind?: string }[] } };
    // The JSON report lists node10 problems too; the profile only exempts them from the exit code.
    const problems = (report.analysis.problems ?? []).filter((p) => p.resolutionKind !== "node10");
    expect(problems).toEqual([]);
    expect(result.status).toBe(0);
  });
});
