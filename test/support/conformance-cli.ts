// pnpm conformance: runs the JSON Schema Test Suite through the validators pipeline and writes
// CONFORMANCE.md at the repository root. Exits 1 when the suite is missing or a test fails.
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { conformanceMarkdown, findSuite, runSuite, suiteCommit } from "./conformance.js";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const suite = findSuite(root);
if (!suite) {
  console.error("conformance: no JSON Schema Test Suite at ../shared/json-schema-test-suite (nor in a parent folder's shared/)");
  process.exit(1);
}
const result = await runSuite(root, suite);
writeFileSync(join(root, "CONFORMANCE.md"), conformanceMarkdown(result, suiteCommit(suite)));
const failing = result.failures.filter((f) => !f.deliberate).length;
console.log(`conformance: CONFORMANCE.md written; ${result.files.reduce((n, f) => n + f.accepted, 0)} groups accepted, ${result.refusals.length} refused, ${failing} failing test(s)`);
process.exit(failing === 0 ? 0 : 1);
