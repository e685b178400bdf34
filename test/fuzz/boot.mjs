// Worker entry: worker threads start without the parent's TypeScript loader, so register tsx here
// and then load the TypeScript worker named in workerData.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
