// The synthetic corpora for codegen scaling are real schema sets: codegen's loader (meta-schema,
// lint rules, $refs) accepts them, with exactly the number of schemas asked for.
import { fileURLToPath } from "node:url";
import { loadSchemaSet } from "@org/payment-codegen/src/model/load.js";
import { afterAll, describe, expect, it } from "vitest";
import { type Corpus, makeCorpus } from "../src/corpus.js";

const REPO = fileURLToPath(new URL("../../..", import.meta.url));
const made: Corpus[] = [];
afterAll(() => made.forEach((corpus) => corpus.remove()));

describe("makeCorpus", () => {
  const own = loadSchemaSet(REPO);
  for (const size of [50, 200]) {
    it(`${size} schemas: loads, with copies of every model and of the API operations`, () => {
      const corpus = makeCorpus(REPO, size);
      made.push(corpus);
      const set = loadSchemaSet(corpus.root);
      expect(set.models.size).toBe(size);
      expect(corpus.schemaCount).toBe(size);
      const copies = Math.floor(size / own.models.size);
      expect(set.topLevel.length).toBe(copies * own.topLevel.length);
      for (const model of set.models.values()) for (const ref of model.references) expect(set.models.has(ref)).toBe(true);
    });
  }

  it("with 0 asked for, is the repository's own schema set", () => {
    const corpus = makeCorpus(REPO, 0);
    made.push(corpus);
    const set = loadSchemaSet(corpus.root);
    expect([...set.models.keys()]).toEqual([...own.models.keys()]);
    expect(set.topLevel).toEqual(own.topLevel);
    // codegen's OpenAPI emitter needs the packages' version (packages/payment-schemas/package.json)
    expect(set.packageVersion).toBeDefined();
    expect(set.packageVersion).toBe(own.packageVersion);
  });
});
