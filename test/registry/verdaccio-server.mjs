// A Verdaccio registry for the end-to-end tests, in its own process: `node verdaccio-server.mjs
// CONFIG.yaml` listens on 127.0.0.1 at a port the OS picks and prints `{"port": N}` on stdout once
// it accepts connections. It stops when its parent closes stdin (so a test runner that dies takes
// it along) and in any case after 30 minutes.
// Verdaccio 6's own CLI refuses Node 20; its programmatic server (runServer) runs on it.
import { runServer } from "verdaccio";

const LIFETIME_MS = 30 * 60 * 1000;
const config = process.argv[2];
if (!config) {
  console.error("usage: node verdaccio-server.mjs CONFIG.yaml");
  process.exit(2);
}
const app = await runServer(config);
const server = app.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
const stop = (code) => {
  server.closeAllConnections();
  server.close(() => process.exit(code));
  setTimeout(() => process.exit(code), 2000).unref();
};
process.stdin.on("end", () => stop(0));
process.stdin.resume();
setTimeout(() => stop(1), LIFETIME_MS);
process.on("SIGTERM", () => stop(0));
