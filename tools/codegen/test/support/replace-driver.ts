// Test-only: runs write.ts's all-or-nothing replacement alone, in its own process, so a test can
// kill it (PAYMENT_CODEGEN_CRASH_AFTER_RENAME) at every rename without regenerating each time.
//   tsx replace-driver.ts ROOT PLAN.json   finish an interrupted run, then replace what PLAN lists
//   tsx replace-driver.ts ROOT --recover   only finish an interrupted run
import { readFileSync } from "node:fs";
import { recoverInterruptedRun, replaceAll, type Replacement } from "../../src/write.js";

const [root, plan] = process.argv.slice(2) as [string, string];
const recovered = recoverInterruptedRun(root);
if (recovered) console.error(recovered);
if (plan !== "--recover") {
  type Planned = { target: string; text: string } | { target: string; file: string } | { target: string; remove: true } | { target: string; folder: Record<string, string> };
  const replacements = (JSON.parse(readFileSync(plan, "utf8")) as Planned[]).map((r): Replacement => ("folder" in r ? { target: r.target, folder: new Map(Object.entries(r.folder)) } : r));
  replaceAll(root, replacements);
}
