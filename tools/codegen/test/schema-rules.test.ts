// The schema rules' one registry (src/schema-rules.ts) against the README's "Schema rules" table:
// every id the registry has is documented, and the README documents no id the code lacks.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEMA_RULES } from "../src/model/schema-rules.js";

/** The rule ids the first column of the README's "Schema rules" table lists. */
function readmeRuleIds(readme: string): string[] {
  const start = readme.indexOf("### Schema rules");
  if (start < 0) throw new Error('README.md has no "### Schema rules" section');
  const section = readme.slice(start, readme.indexOf("\n## ", start));
  const rows = section.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| rule id") && !line.startsWith("| ---"));
  return rows.flatMap((row) => [...row.split("|")[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
}

describe("schema rules", () => {
  it("are kebab-case ids, each with what it asks", () => {
    for (const [id, asks] of Object.entries(SCHEMA_RULES)) {
      expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(asks.length).toBeGreaterThan(0);
    }
  });

  it("the README's table lists exactly the registry's ids, once each", () => {
    const listed = readmeRuleIds(readFileSync(new URL("../../../README.md", import.meta.url), "utf8"));
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(Object.keys(SCHEMA_RULES).sort());
  });

  it("a table without an id the registry has, or with one it lacks, does not pass", () => {
    const table = (rows: string[]) => `### Schema rules\n\n| rule id | what it asks |\n| --- | --- |\n${rows.join("\n")}\n\n## Next\n`;
    const rows = Object.keys(SCHEMA_RULES).map((id) => `| \`${id}\` | ... |`);
    expect(readmeRuleIds(table(rows)).sort()).toEqual(Object.keys(SCHEMA_RULES).sort());
    expect(readmeRuleIds(table(rows.filter((r) => !r.includes("`fixtures`")))).sort()).not.toEqual(Object.keys(SCHEMA_RULES).sort());
    expect(readmeRuleIds(table([...rows, "| `made-up` | ... |"])).sort()).not.toEqual(Object.keys(SCHEMA_RULES).sort());
  });
});
