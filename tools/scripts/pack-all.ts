// pnpm pack:all [--out DIR] [--json]: builds, then packs every published package into DIR (default
// packed/), and prints the one npm install line that installs them together (they depend on each
// other, so a tarball installed alone looks for its @org dependencies on a registry and fails).
// --json prints [{ name, version, tarball }] instead (for tools/scripts/release.sh).
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT, packAll } from "./published-packages.js";

const usage = "usage: pnpm pack:all [--out DIR] [--json]   (default: packed/ in the repository)";
let out: string;
let json = false;
try {
  const { values } = parseArgs({ options: { out: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, strict: true });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  out = values.out ?? `${REPO_ROOT}/packed`;
  json = values.json ?? false;
} catch (error) {
  console.error(`pack:all: ${(error as Error).message}\n${usage}`);
  process.exit(2);
}

const packed = packAll(out);
if (json) {
  console.log(JSON.stringify(packed.map(({ name, version, tarball }) => ({ name, version, tarball }))));
} else {
  const shown = relative(process.cwd(), out);
  console.log(`pack:all: ${packed.length} packages in ${shown === "" ? "." : shown.startsWith("..") ? out : shown}/:`);
  for (const { tarball } of packed) console.log(`  ${relative(out, tarball)}`);
  console.log(`\nInstall them together, in your service:\n  npm install ${packed.map(({ tarball }) => tarball).join(" ")}`);
}
