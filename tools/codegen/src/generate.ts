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

/** `emitterMs`, when given, receives each emitter's time (what `codegen --watch` reports). */
export async function generate(set: SchemaSet, emitterMs?: Map<string, number>): Promise<GeneratedFiles> {
  const all: GeneratedFiles = new Map();
  const owner = new Map<string, string>();
  for (const [name, emit] of Object.entries(EMITTERS)) {
    const started = performance.now();
    const files = await emit(set);
    emitterMs?.set(name, performance.now() - started);
    for (const warning of warningsOf(files)) addWarning(all, warning);
    for (const [path, contents] of files) {
      if (owner.has(path)) throw new Error(`emitters "${owner.get(path)}" and "${name}" both emit ${path}`);
      owner.set(path, name);
      all.set(path, contents);
    }
  }
  return all;
}
