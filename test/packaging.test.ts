// Every published package, packed as it would be published (`pnpm pack`), passes publint and
// Are the Types Wrong? on the tarball itself, and ships a README (install line, API table, where
// the docs and the changelog are) and the LICENSE its package.json declares. The TypeScript
// examples of every package README compile, under strict, against the built packages.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { fencedBlocks } from "./registry/readme.js";

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

/** The tarball's file names, relative to its package/ folder. */
const filesIn = (tarball: string): string[] =>
  execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map((path) => path.replace(/^package\//, ""));
const fileIn = (tarball: string, file: string): string => execFileSync("tar", ["-xzOf", tarball, `package/${file}`], { encoding: "utf8" });

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

  it("ships its README and its LICENSE, and the CHANGELOG.md a release writes", () => {
    const files = filesIn(tarball);
    expect(files, "README.md in the tarball").toContain("README.md");
    expect(files, "LICENSE in the tarball").toContain("LICENSE");
    expect(manifest.license).toBe("MIT");
    expect(fileIn(tarball, "LICENSE")).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
    // changeset version writes CHANGELOG.md; "files" must let it into the tarball (npm only adds README and LICENSE by itself).
    expect(manifest.files).toContain("CHANGELOG.md");
    if (existsSync(join(dir, "CHANGELOG.md"))) expect(files).toContain("CHANGELOG.md");
    if (manifest.bin) for (const target of Object.values<string>(manifest.bin)) expect(files, `bin ${target}`).toContain(target.replace(/^\.\//, ""));
  });

  it("has a README with the install line, an API table naming every entry point, the docs and the changelog", () => {
    const readme = fileIn(tarball, "README.md");
    expect(readme.startsWith(`# ${manifest.name}\n`), "title").toBe(true);
    expect(readme).toMatch(new RegExp(`^npm install (--save-dev )?${manifest.name.replace("/", "\\/")}\\b`, "m"));
    const table = readme
      .split("\n")
      .filter((line) => line.startsWith("| "))
      .join("\n");
    expect(table, "an API table").not.toBe("");
    // A package with subpaths names each of them (its main entry's exports may be the table's rows).
    for (const subpath of Object.keys(manifest.exports).filter((key) => key !== "." && key !== "./package.json")) {
      expect(table, `entry point ${subpath}`).toContain(`${manifest.name}${subpath.slice(1).split("*")[0]}`);
    }
    for (const bin of Object.keys(manifest.bin ?? {})) expect(table, `the ${bin} command`).toContain(bin);
    expect(readme).toContain("CHANGELOG.md");
    expect(readme).toMatch(/Documentation: /);
    expect(fencedBlocks(readme).filter((block) => block.lang === "ts").length, "a TypeScript example").toBeGreaterThan(0);
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

describe("the package READMEs' TypeScript examples", () => {
  it("compile under strict with moduleResolution nodenext, against the built packages", () => {
    // Inside the repository (git-ignored .tmp/), so the examples resolve @org/* as a consumer of the workspace would.
    const dir = join(ROOT, ".tmp", `readme-examples-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      const files: string[] = [];
      for (const { dir: packageDir, manifest } of published) {
        const readme = readFileSync(join(packageDir, "README.md"), "utf8");
        fencedBlocks(readme)
          .filter((block) => block.lang === "ts")
          .forEach((block, index) => {
            const file = `${manifest.name.replace("@org/", "")}-${index + 1}.ts`;
            writeFileSync(join(dir, file), block.text);
            files.push(file);
          });
      }
      expect(files.length).toBeGreaterThanOrEqual(published.length);
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "readme-examples", private: true, type: "module" }));
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: "es2022", lib: ["es2022"], module: "nodenext", moduleResolution: "nodenext", types: ["node"], skipLibCheck: false }, files }),
      );
      const result = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
      expect(`${result.stdout}${result.stderr}`).toBe("");
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("payment-validate's launcher (the bin pnpm links before anything is built)", () => {
  const launcher = join(ROOT, "packages/payment-validators/bin/cli.js");

  it("runs the built CLI", () => {
    const result = spawnSync(launcher, ["--version"], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^@org\/payment-validators \S+ \(schema set [0-9a-f]{64}\)\n$/);
    expect(result.status).toBe(0);
  });

  it("in an unbuilt package, says to build and exits 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "unbuilt-validators-"));
    try {
      mkdirSync(join(dir, "bin"));
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "@org/payment-validators", type: "module" }));
      writeFileSync(join(dir, "bin/cli.js"), readFileSync(launcher));
      const result = spawnSync(process.execPath, [join(dir, "bin/cli.js"), "--help"], { encoding: "utf8" });
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe("payment-validate: @org/payment-validators is not built (no dist/bin/cli.js); run `pnpm build` in the repository first.\n");
      expect(result.status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
