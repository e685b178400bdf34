// Cold start: fresh Node processes, one that imports the generated validators and validates one
// payload, one that compiles the same schemas with Ajv at start-up and validates it. Runs
// alternate; medians of many runs. Each child times itself from its import to the first result
// (what the choice of validator costs); the wall time of the whole process (Node's own start-up
// included) is reported too.
import { PaymentSessionResultSchema } from "@org/payment-schemas";
import { fileURLToPath } from "node:url";
import { median, round, runNode } from "../measure.js";

export interface ColdStartSide {
  /** Median time from the import to the first validation result, ms. */
  readonly importToFirstResultMs: number;
  /** Median wall time of the whole process, ms. */
  readonly processWallMs: number;
  readonly runs: number;
}

export interface ColdStartResult {
  readonly generated: ColdStartSide;
  readonly ajvAtStartup: ColdStartSide;
  /** ajvAtStartup / generated, on import-to-first-result. */
  readonly speedup: number;
  readonly processWallSpeedup: number;
}

const child = (name: string) => fileURLToPath(new URL(`../children/${name}`, import.meta.url));

export function measureColdStart(options: { quick: boolean; log: (line: string) => void }): ColdStartResult {
  const runs = options.quick ? 8 : 40;
  const payload = JSON.stringify(PaymentSessionResultSchema.examples[0]);
  const samples = { generated: { first: [] as number[], wall: [] as number[] }, ajvAtStartup: { first: [] as number[], wall: [] as number[] } };
  for (let i = 0; i < runs; i++) {
    for (const [side, script] of [
      ["generated", "cold-ours.mjs"],
      ["ajvAtStartup", "cold-ajv.mjs"],
    ] as const) {
      const run = runNode([child(script), payload]);
      if (run.status !== 0) throw new Error(`cold start child ${script} failed: ${run.stderr}`);
      const reported = JSON.parse(run.stdout) as { ms: number; ok: boolean };
      if (!reported.ok) throw new Error(`cold start child ${script} rejected a valid payload`);
      samples[side].first.push(reported.ms);
      samples[side].wall.push(run.wallMs);
    }
  }
  const side = (s: { first: number[]; wall: number[] }): ColdStartSide => ({ importToFirstResultMs: round(median(s.first)), processWallMs: round(median(s.wall)), runs });
  const generated = side(samples.generated);
  const ajvAtStartup = side(samples.ajvAtStartup);
  options.log(`  cold start: ${generated.importToFirstResultMs} ms vs ${ajvAtStartup.importToFirstResultMs} ms`);
  return {
    generated,
    ajvAtStartup,
    speedup: round(median(samples.ajvAtStartup.first) / median(samples.generated.first)),
    processWallSpeedup: round(median(samples.ajvAtStartup.wall) / median(samples.generated.wall)),
  };
}
