// Validation throughput: every competitor on the same payloads, in one process, interleaved over
// several rounds (the median round counts), so a noisy neighbour slows everyone alike. Before any
// timing, every competitor must give the expected verdict on every payload.
import { Bench } from "tinybench";
import { type Competitor, competitors, parts } from "../competitors/index.js";
import { median, round } from "../measure.js";
import { MODELS, type ModelName, PAYLOAD_KINDS, type PayloadKind, payloads } from "../payloads.js";

export interface ThroughputCell {
  readonly model: ModelName;
  readonly kind: PayloadKind;
  readonly competitor: string;
  readonly label: string;
  readonly reportsIssues: boolean;
  /** A step of ours timed alone, not a validator (see competitors/index.ts parts()). */
  readonly part?: true;
  /** Median over rounds of the per-round median time per payload. */
  readonly nsPerPayload: number;
  readonly payloadsPerSecond: number;
  /** Every round's figure, to show the spread. */
  readonly roundsNs: readonly number[];
}

export interface ThroughputResult {
  readonly cells: readonly ThroughputCell[];
  /** Competitors that disagreed with the expected verdict somewhere (and were not timed there). */
  readonly disagreements: readonly string[];
  readonly rounds: number;
  readonly msPerTaskPerRound: number;
  readonly payloadCounts: Record<ModelName, number>;
}

// Each timed call validates a batch of at least this many payloads, so the timer's own cost (tens
// of nanoseconds) is spread thin.
const BATCH = 64;
let sink = 0;

function batchOf(list: readonly unknown[]): readonly unknown[] {
  const out: unknown[] = [];
  while (out.length < BATCH) out.push(...list);
  return out;
}

function agrees(competitor: Competitor, model: ModelName, list: readonly unknown[], expected: boolean): boolean {
  return list.every((payload) => competitor.check[model](payload) === expected);
}

export async function measureThroughput(options: { quick: boolean; log: (line: string) => void }): Promise<ThroughputResult> {
  const all = [...competitors(), ...parts()];
  const rounds = options.quick ? 1 : 3;
  const time = options.quick ? 120 : 400;
  const disagreements: string[] = [];
  const tasks: { model: ModelName; kind: PayloadKind; competitor: Competitor; batch: readonly unknown[] }[] = [];
  for (const model of MODELS) {
    for (const kind of PAYLOAD_KINDS) {
      const list = payloads(model, kind);
      for (const competitor of all) {
        if (!competitor.part && !agrees(competitor, model, list, kind === "valid")) {
          disagreements.push(`${competitor.label} on ${model} (${kind})`);
          continue;
        }
        tasks.push({ model, kind, competitor, batch: batchOf(list) });
      }
    }
  }
  const perRound = new Map<string, number[]>();
  const key = (t: (typeof tasks)[number]) => `${t.model}\0${t.kind}\0${t.competitor.id}`;
  for (let round = 0; round < rounds; round++) {
    // Rotate the order each round: no competitor always runs first (cold) or last.
    const ordered = tasks.map((_, i) => tasks[(i + round * 7) % tasks.length]!);
    const bench = new Bench({ time, warmupTime: Math.round(time / 3), iterations: 16 });
    for (const task of ordered) {
      const check = task.competitor.check[task.model];
      const batch = task.batch;
      bench.add(key(task), () => {
        let valid = 0;
        for (let i = 0; i < batch.length; i++) if (check(batch[i])) valid++;
        sink ^= valid;
      });
    }
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result as { state: string; latency?: { p50: number } };
      if (result.state !== "completed" || !result.latency) throw new Error(`benchmark task ${task.name} did not complete (${result.state})`);
      const batchSize = tasks.find((t) => key(t) === task.name)!.batch.length;
      const ns = (result.latency.p50 * 1e6) / batchSize;
      perRound.set(task.name, [...(perRound.get(task.name) ?? []), ns]);
    }
    options.log(`  throughput round ${round + 1}/${rounds} done`);
  }
  const cells: ThroughputCell[] = tasks.map((task) => {
    const rounds = perRound.get(key(task))!;
    const ns = median(rounds);
    return {
      model: task.model,
      kind: task.kind,
      competitor: task.competitor.id,
      label: task.competitor.label,
      reportsIssues: task.competitor.reports,
      ...(task.competitor.part ? { part: true as const } : {}),
      nsPerPayload: round(ns),
      payloadsPerSecond: Math.round(1e9 / ns),
      roundsNs: rounds.map(round),
    };
  });
  if (sink === 0.5) options.log("unreachable"); // keeps `sink` observable
  return {
    cells,
    disagreements,
    rounds,
    msPerTaskPerRound: time,
    payloadCounts: { PaymentSessionResult: payloads("PaymentSessionResult", "valid").length, SessionResultResponse: payloads("SessionResultResponse", "valid").length },
  };
}
