// The tree is the map: emit/ holds only emitters, output folders are spelled once (outputs.ts),
// and the README's layout names every folder and top-level module of the codegen source.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EMITTERS } from "../src/generate.js";
import { REPO_ROOT } from "./helpers.js";

const SRC = join(REPO_ROOT, "tools/codegen/src");
const entries = (dir: string) => readdirSync(join(SRC, dir)).sort();
const isDir = (path: string) => statSync(join(SRC, path)).isDirectory();

function readmeLayout(): string {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Layout"));
  return section.slice(section.indexOf("```") + 3, section.indexOf("```", section.indexOf("```") + 3));
}

describe("codegen source layout", () => {
  it("emit/ holds only the emitters generate.ts runs (helpers sit in the folder of their emitter)", async () => {
    const modules = entries("emit").filter((f) => f.endsWith(".ts"));
    const emitterFunctions = new Set(Object.values(EMITTERS));
    for (const file of modules) {
      const module = (await import(join(SRC, "emit", file))) as Record<string, unknown>;
      const emitters = Object.values(module).filter((value) => emitterFunctions.has(value as never));
      expect(emitters, `emit/${file} exports no emitter listed in generate.ts`).toHaveLength(1);
    }
    expect(modules).toHaveLength(Object.keys(EMITTERS).length);
    // a helper folder belongs to an emitter of the same name
    for (const dir of entries("emit").filter((f) => isDir(`emit/${f}`))) expect(modules, `emit/${dir}/ has no emitter emit/${dir}.ts`).toContain(`${dir}.ts`);
  });

  it("spells package folders only in outputs.ts", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of entries(dir)) {
        const path = dir ? `${dir}/${name}` : name;
        if (isDir(path)) walk(path);
        else if (path.endsWith(".ts") && path !== "outputs.ts") {
          readFileSync(join(SRC, path), "utf8")
            .split("\n")
            .forEach((line, i) => {
              if (/["'`]packages\/payment-/.test(line)) offenders.push(`${path}:${i + 1}`);
            });
        }
      }
    };
    walk("");
    expect(offenders).toEqual([]);
  });

  it("the README's layout names every folder and top-level module of tools/codegen/src", () => {
    const layout = readmeLayout();
    for (const name of entries("")) {
      const shown = isDir(name) ? `${name}/` : name;
      expect(layout, `README layout does not mention ${shown}`).toContain(shown);
    }
    // and every file it names under tools/codegen/src exists
    for (const [, file] of layout.matchAll(/\b([a-z][a-z-]*\.ts)\b/g)) {
      const found = (dir: string): boolean => entries(dir).some((n) => n === file || (isDir(dir ? `${dir}/${n}` : n) && found(dir ? `${dir}/${n}` : n)));
      expect(found(""), `README layout names ${file}, which tools/codegen/src does not have`).toBe(true);
    }
  });
});
