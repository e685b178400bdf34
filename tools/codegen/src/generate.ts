// Runs every emitter over one SchemaSet and merges their files; a path claimed twice is a bug.
import { type Emitter, type GeneratedFiles, addWarning, warningsOf } from "./emitter.js";
import { emitAdapters } from "./emit/adapters.js";
import { emitChecks } from "./emit/checks.js";
import { emitDocs } from "./emit/docs.js";
import { emitFixtures } from "./emit/fixtures.js";
import { emitModelShapes } from "./emit/model-shapes.js";
import { emitOpenapi } from "./emit/openapi.js";
import { emitSchemaSources } from "./emit/schema-sources.js";
import { emitSchemas } from "./emit/schemas.js";
import { emitTypes } from "./emit/types.js";
import { emitValidators } from "./emit/validators.js";
import type { SchemaSet } from "./model/schema-set.js";
import { resultsKeptAcrossRuns } from "./memo.js";

export const EMITTERS: Readonly<Record<string, Emitter>> = {
  types: emitTypes,
  openapi: emitOpenapi,
  schemas: emitSchemas,
  schemaSources: emitSchemaSources,
  validators: emitValidators,
  modelShapes: emitModelShapes,
  docs: emitDocs,
  adapters: emitAdapters,
  checks: emitChecks,
  fixtures: emitFixtures,
};

// The emitters that wait on other work (json-schema-to-typescript and openapi-typescript yield
// between steps, prettier formats in its worker thread: emitter.ts) start first, and every emitter
// starts before any is awaited, so the synchronous ones run while prettier formats. Under --watch,
// where the libraries run in this thread (emitter.ts), each emitter runs to its end before the next.
const STARTED_FIRST = ["types", "fixtures", "openapi"];

/** `emitterMs`, when given, receives each emitter's time from its start to its files (emitters
 *  overlap: see above; what `codegen --watch` reports). */
export async function generate(set: SchemaSet, emitterMs?: Map<string, number>): Promise<GeneratedFiles> {
  const names = [...STARTED_FIRST, ...Object.keys(EMITTERS).filter((name) => !STARTED_FIRST.includes(name))];
  const running = new Map<string, Promise<GeneratedFiles>>();
  const sideBySide = !resultsKeptAcrossRuns();
  for (const name of sideBySide ? names : Object.keys(EMITTERS)) {
    const started = performance.now();
    const run = (async () => EMITTERS[name]!(set))();
    const timed = run.then((files) => {
      emitterMs?.set(name, performance.now() - started);
      return files;
    });
    running.set(name, timed);
    if (!sideBySide) await timed.catch(() => undefined); // thrown below, in EMITTERS order
  }
  // Every emitter finishes (none is left running behind a failure); the first failure in EMITTERS order is thrown.
  const outcomes = await Promise.allSettled(Object.keys(EMITTERS).map((name) => running.get(name)!));
  const all: GeneratedFiles = new Map();
  const owner = new Map<string, string>();
  for (const [i, name] of Object.keys(EMITTERS).entries()) {
    const outcome = outcomes[i]!;
    if (outcome.status === "rejected") throw outcome.reason;
    const files = outcome.value;
    for (const warning of warningsOf(files)) addWarning(all, warning);
    for (const [path, contents] of files) {
      if (owner.has(path)) throw new Error(`emitters "${owner.get(path)}" and "${name}" both emit ${path}`);
      owner.set(path, name);
      all.set(path, contents);
    }
  }
  return all;
}
