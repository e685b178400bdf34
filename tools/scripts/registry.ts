// pnpm registry [--port N]: a local npm registry (Verdaccio 6) on 127.0.0.1 to try the packages
// with, before or instead of the organisation's registry. Verdaccio 6's own CLI refuses Node 20;
// its programmatic server runs on it. Storage and users live in .registry/ (git-ignored) and
// survive a restart; delete that folder to start empty. Ctrl-C (or SIGTERM) stops it.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runServer } from "verdaccio";
import { REPO_ROOT } from "./published-packages.js";
import { localRegistryPort, localRegistryUrl } from "./registry-url.js";
import { verdaccioConfig } from "./verdaccio-config.js";

const usage = "usage: pnpm registry [--port N] [--storage DIR]   (port: PAYMENT_REGISTRY_PORT, else 4873; storage: .registry/)";
let port: number;
let dir: string;
try {
  const { values } = parseArgs({ options: { port: { type: "string" }, storage: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  port = localRegistryPort(values.port);
  dir = values.storage ?? join(REPO_ROOT, ".registry");
} catch (error) {
  console.error(`registry: ${(error as Error).message}\n${usage}`);
  process.exit(2);
}

mkdirSync(dir, { recursive: true });
const config = join(dir, "config.yaml");
writeFileSync(config, verdaccioConfig(dir));
const app = await runServer(config);
const server = app.listen(port, "127.0.0.1");
server.once("error", (error: NodeJS.ErrnoException) => {
  const hint = error.code === "EADDRINUSE" ? ` (is a registry already running? another port: pnpm registry --port ${port + 1})` : "";
  console.error(`registry: cannot listen on 127.0.0.1:${port}: ${error.message}${hint}`);
  process.exit(1);
});
server.once("listening", () => {
  console.log(`registry: Verdaccio on ${localRegistryUrl(port)} (storage ${dir}); Ctrl-C stops it`);
  console.log(`registry: publish the packages into it with: pnpm registry:publish${port === 4873 ? "" : ` --port ${port}`}`);
});
let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`registry: ${signal}, stopping`);
  server.closeAllConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
