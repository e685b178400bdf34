// The worker thread emitter.ts runs prettier and json-schema-to-typescript in, so the emitters'
// own work goes on while they format and compile. Plain CommonJS (no TypeScript loader needed in
// the worker): it loads those two libraries, each on its first call, and nothing else.
const { parentPort, workerData } = require("node:worker_threads");

const libraries = {
  format: () => require(workerData.prettier).format,
  compileType: () => require(workerData.jsonSchemaToTypescript).compile,
};
const loaded = {};

parentPort.on("message", ({ id, call, args }) => {
  Promise.resolve()
    .then(() => {
      loaded[call] ??= libraries[call]();
      return loaded[call](...args);
    })
    .then(
      (result) => parentPort.postMessage({ id, result }),
      (error) => parentPort.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
});
