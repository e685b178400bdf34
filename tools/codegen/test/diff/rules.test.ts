// Every schema:diff rule on its own fixture pair: the exact rule ids reported, each with the bump
// its rule defines, and the pointer and wording where the fixture names them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALL_RULES, ruleById } from "../../src/diff/rules.js";
import { RULE_FIXTURES } from "./rule-fixtures.js";
import { diffSpecs } from "./schema-sets.js";

describe("schema:diff rules", () => {
  it.each(RULE_FIXTURES.map((f) => [f.name, f] as const))("%s", (_name, fixture) => {
    const diff = diffSpecs(fixture.before, fixture.after);
    expect(diff.changes.map((c) => c.rule)).toEqual(fixture.rules);
    for (const change of diff.changes) expect(change.bump).toBe(ruleById(change.rule)!.bump);
    const first = diff.changes[0];
    if (fixture.pointer !== undefined) expect(first?.pointer).toBe(fixture.pointer);
    for (const fragment of fixture.mentions ?? []) expect(`${first?.message} ${first?.note ?? ""}`).toContain(fragment);
  });

  it("has a fixture for every rule, and every rule id is unique and kebab-case", () => {
    const covered = new Set(RULE_FIXTURES.flatMap((f) => f.rules));
    const missing = ALL_RULES.map((r) => r.id).filter((id) => !covered.has(id));
    expect(missing).toEqual([]);
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it("the README's rule table lists every rule under the bump it has", () => {
    const readme = readFileSync(new URL("../../../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Schema changes"));
    const table = section.slice(section.indexOf("| family |"), section.indexOf("\n\n", section.indexOf("| family |")));
    const rows = table.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| family") && !line.startsWith("| ---"));
    const listed = new Map<string, string>();
    for (const row of rows) {
      const [, , major = "", minor = "", patch = ""] = row.split("|").map((cell) => cell.trim());
      for (const [bump, cell] of [
        ["major", major],
        ["minor", minor],
        ["patch", patch],
      ] as const)
        for (const [, id] of cell.matchAll(/`([a-z-]+)`/g)) listed.set(id!, bump);
    }
    expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(ALL_RULES.map((r) => [r.id, r.bump])));
  });
});
