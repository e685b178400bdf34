// Codegen in-process, on the schema set at argv[2]: loads and generates twice (cold, then warm, in
// the same process) without writing, and prints the times in ms. The warm run starts with empty
// memos (memo.ts): it measures a warm JIT doing all the work, not what --watch reuses.
import { generate } from "@org/payment-codegen/src/generate.js";
import { clearMemos } from "@org/payment-codegen/src/memo.js";
import { loadSchemaSet } from "@org/payment-codegen/src/model/load.js";

const root = process.argv[2]!;
const times: { loadMs: number; generateMs: number }[] = [];
let models = 0;
for (let run = 0; run < 2; run++) {
  clearMemos();
  const started = performance.now();
  const set = loadSchemaSet(root);
  const loaded = performance.now();
  await generate(set);
  times.push({ loadMs: loaded - started, generateMs: performance.now() - loaded });
  models = set.models.size;
}
process.stdout.write(JSON.stringify({ models, cold: times[0], warm: times[1] }));
