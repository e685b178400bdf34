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
  const replacements = (JSON.parse(readFileSync(plan, "utf8")) as ({ target: string; text: string } | { target: string; folder: Record<string, string> })[]).map(
    (r): Replacement => ("text" in r ? r : { target: r.target, folder: new Map(Object.entries(r.folder)) }),
  );
  replaceAll(root, replacements);
}
