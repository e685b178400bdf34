#!/usr/bin/env node
// payment-validate. The bin is this committed file rather than the built dist/bin/cli.js, so pnpm
// links it when installing a fresh clone, before anything is built (no "Failed to create bin"
// warning, and `pnpm exec payment-validate` works right after `pnpm build` with no second install).
import { existsSync } from "node:fs";

const built = new URL("../dist/bin/cli.js", import.meta.url);
if (!existsSync(built)) {
  process.stderr.write("payment-validate: @org/payment-validators is not built (no dist/bin/cli.js); run `pnpm build` in the repository first.\n");
  process.exit(2);
}
await import(built.href);
