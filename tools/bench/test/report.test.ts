// The report turns figures into pass or miss: each target decided from the figure it names, a
// skipped section "not measured", and every target and figure written to BENCHMARKS.md and JSON.
import { describe, expect, it } from "vitest";
import { type Results, evaluateTargets, ratios, toJson, toMarkdown } from "../src/report.js";
import type { ThroughputCell } from "../src/sections/throughput.js";
import { MODELS, PAYLOAD_KINDS } from "../src/payloads.js";
import { EDIT_KINDS, type WatchResult } from "../src/sections/watch.js";

const machine = { cpu: "test cpu", cores: 2, memoryGb: 8, os: "Linux", node: "v20.20.0", v8: "11", commit: "abc1234", versions: { ajv: "8" } };

// ns per payload by competitor: ours 100, hand 100, Ajv 200, Ajv first error 150, zod 600, TypeBox 150;
// the JSON view copy (a step of ours) 40.
function throughputCells(overrides: Record<string, number> = {}): ThroughputCell[] {
  const base: Record<string, number> = {
    "ours.is": 100,
    "ours.validate": 100,
    "ours.tolerant": 120,
    hand: 100,
    ajv: 200,
    "ajv.messages": 210,
    "ajv.first": 150,
    "ajv.two-pass": 160,
    zod: 600,
    typebox: 150,
    "ours.view": 40,
    "ours.guarded": 70,
    "ours.errors": 90,
  };
  const ns = { ...base, ...overrides };
  return MODELS.flatMap((model) =>
    PAYLOAD_KINDS.flatMap((kind) =>
      Object.entries(ns).map(([competitor, value]) => ({ model, kind, competitor, label: competitor, reportsIssues: true, nsPerPayload: value, payloadsPerSecond: Math.round(1e9 / value), roundsNs: [value] })),
    ),
  );
}

/** A watch section whose every edit took `ms` from save to written output. */
function watchResult(ms: number): WatchResult {
  const runs = EDIT_KINDS.map((kind) => ({ kind, saveToOutputMs: ms, loadMs: 20, emitMs: ms - 60, writeMs: 30, slowestEmitters: "validators 90, openapi 40, fixtures 20" }));
  return {
    warmup: 3,
    runs,
    medianMs: ms,
    p90Ms: ms,
    medianByKind: { description: ms, "enum value": ms, property: ms },
    medianSplit: { loadMs: 20, emitMs: ms - 60, writeMs: 30 },
    slowestEmitters: { validators: 90, openapi: 40, fixtures: 20 },
  };
}

function results(overrides: Partial<Results> = {}, ns: Record<string, number> = {}): Results {
  return {
    generatedAt: "2026-01-01T00:00:00.000Z",
    mode: "quick",
    machine,
    throughput: { cells: throughputCells(ns), disagreements: [], rounds: 1, msPerTaskPerRound: 100, payloadCounts: { PaymentSessionResult: 4, SessionResultResponse: 6 } },
    coldStart: { generated: { importToFirstResultMs: 5, processWallMs: 50, runs: 8 }, ajvAtStartup: { importToFirstResultMs: 100, processWallMs: 150, runs: 8 }, speedup: 20, processWallSpeedup: 3 },
    codegen: {
      repository: { schemas: 19, cliMs: 3000, cliMsPerSchema: 158, inProcessColdMs: 1000, inProcessWarmMs: 400, inProcessWarmMsPerSchema: 21, openapiTypescriptMs: 500, openapiTypescriptMsPerSchema: 26 },
      corpora: [50, 200, 500].map((schemas) => ({
        schemas,
        cliMs: schemas * 15,
        cliMsPerSchema: 15,
        inProcessColdMs: schemas * 10,
        inProcessWarmMs: schemas * 8,
        inProcessWarmMsPerSchema: 8,
        openapiTypescriptMs: schemas * 3,
        openapiTypescriptMsPerSchema: 3,
      })),
      runs: 1,
      turbo: { firstMs: 5000, cachedMs: 600, cachedFullTurbo: true, cachedTasks: "9 cached, 9 total" },
    },
    cli: {
      invalidShare: 0.02,
      cli: { payloads: 1000, megabytes: 1, seconds: 1, payloadsPerSecond: 800, megabytesPerSecond: 1, peakRssMb: 60, cpuSeconds: 1.2 },
      readAndParse: { payloads: 1000, megabytes: 1, seconds: 1, payloadsPerSecond: 1000, megabytesPerSecond: 1, peakRssMb: 50, cpuSeconds: 1 },
      throughputRatio: 0.8,
      cliSmall: { payloads: 100, megabytes: 0.1, seconds: 0.1, payloadsPerSecond: 700, megabytesPerSecond: 1, peakRssMb: 55, cpuSeconds: 0.13 },
      readAndParseSmall: { payloads: 100, megabytes: 0.1, seconds: 0.1, payloadsPerSecond: 900, megabytesPerSecond: 1, peakRssMb: 48, cpuSeconds: 0.11 },
      cliMemoryGrowth: 1.09,
      cores: 2,
      // --jobs 1, 2 and 3: 800, 1,700 and 1,650 payloads/s against the loop's 1,000, using 1.2, 1.3
      // and 1.4 s of CPU time against the loop's 1.
      jobs: [1, 2, 3].map((jobs) => ({ jobs, payloads: 1000, megabytes: 1, seconds: 1, payloadsPerSecond: [800, 1700, 1650][jobs - 1]!, megabytesPerSecond: 1, peakRssMb: 60 + 10 * jobs, cpuSeconds: 1.1 + jobs / 10 })),
      jobsRatio: 1.7,
      jobsSmall: { payloads: 100, megabytes: 0.1, seconds: 0.1, payloadsPerSecond: 1500, megabytesPerSecond: 1, peakRssMb: 75, cpuSeconds: 0.15 },
      jobsMemoryGrowth: 1.07,
      runs: 1,
    },
    size: {
      bundles: [
        { label: "PaymentSessionResult validators (validate, is, assert)", minifiedBytes: 60000, gzipBytes: 8000 },
        { label: "SessionResultResponse validators (validate, is, assert)", minifiedBytes: 20000, gzipBytes: 4000 },
        { label: "both models' validators", minifiedBytes: 80000, gzipBytes: 9900 },
      ],
      installed: [{ label: "@org/payment-validators (unpacked)", bytes: 300000, files: 6 }],
    },
    watch: watchResult(200),
    ...overrides,
  };
}

const status = (r: Results) => Object.fromEntries(evaluateTargets(r).map((t) => [t.id, t.status]));

describe("evaluateTargets", () => {
  it("passes every target the figures meet", () => {
    expect(Object.values(status(results())).every((s) => s === "pass")).toBe(true);
  });

  it("misses exactly the target whose figure falls short", () => {
    expect(status(results({}, { "ours.is": 101 }))["valid-vs-hand"]).toBe("miss"); // 101/100 > 1.0
    expect(status(results({}, { zod: 400 }))["valid-vs-zod"]).toBe("miss"); // 4x < 5x
    expect(status(results({}, { typebox: 90 }))["valid-vs-typebox"]).toBe("miss");
    expect(status(results({}, { ajv: 90 }))["invalid-vs-ajv"]).toBe("miss");
    const slowCodegen = results();
    const corpora = slowCodegen.codegen!.corpora.map((c) => (c.schemas === 500 ? { ...c, cliMs: 12_000, cliMsPerSchema: 24 } : c));
    const statuses = status({ ...slowCodegen, codegen: { ...slowCodegen.codegen!, corpora } });
    expect(statuses["codegen-500"]).toBe("miss");
    expect(statuses["codegen-flat"]).toBe("miss"); // (12000 - 3000) / 300 = 30 ms per added schema, 2x the 15 ms from 50 to 200
    expect(status(results({ cli: { ...results().cli!, throughputRatio: 0.5 } }))["cli-throughput"]).toBe("miss");
    expect(status(results({ coldStart: { ...results().coldStart!, speedup: 9 } }))["cold-start"]).toBe("miss");
    expect(status(results({ cli: { ...results().cli!, jobsRatio: 1.2 } }))["cli-jobs"]).toBe("miss");
    expect(status(results({ cli: { ...results().cli!, jobsMemoryGrowth: 1.5 } }))["cli-memory"]).toBe("miss");
    expect(status(results({ watch: watchResult(300) }))["watch-edit"]).toBe("miss"); // the median must be under 300 ms
  });

  it("says what bounds the worker threads when --jobs (cores) misses 1.5x the loop", () => {
    // 2 cores x 1,000,000 ns of the loop's CPU per payload / 1,300,000 ns with 2 workers: at best 1.54x.
    const within = results({ cli: { ...results().cli!, jobsRatio: 1.2 } });
    const report = toMarkdown(within, evaluateTargets(within));
    expect(report).toContain("Speedup over --jobs 1 by workers: 1: 1x, 2: 2.13x, 3: 2.06x");
    expect(report).toContain("--jobs 1 1200000 ns, --jobs 2 1300000 ns (the workers' own cost: start-up, a copy of each batch, answers posted back, 8.33%), the loop 1000000 ns.");
    expect(report).toContain("a ceiling of 1.54x the loop's throughput on 2 free cores (measured here: 1.2x). Below the ceiling, the shortfall is the cores other processes took");
    // With 2,000,000 ns per payload on 2 workers, 2 cores give at most 1x.
    const cli = results().cli!;
    const slow = results({ cli: { ...cli, jobs: cli.jobs.map((run) => (run.jobs === 2 ? { ...run, cpuSeconds: 2 } : run)), jobsRatio: 0.9 } });
    const markdown = toMarkdown(slow, evaluateTargets(slow));
    expect(markdown).toContain("a ceiling of 1x the loop's throughput on 2 free cores (measured here: 0.9x). The 1.5x target is above that ceiling: it needs payloads checked in under 1333333 ns of CPU each, or more cores.");
  });

  it("says 'not measured' for a section that did not run", () => {
    const r: Results = { generatedAt: "x", mode: "quick", machine };
    expect(Object.values(status(r)).every((s) => s === "not measured")).toBe(true);
  });
});

describe("the written report", () => {
  it("lists every target with its figure and result, and keeps every figure in the JSON", () => {
    const r = results();
    const targets = evaluateTargets(r);
    const markdown = toMarkdown(r, targets);
    for (const t of targets) expect(markdown).toContain(t.target);
    expect(markdown).toContain("test cpu");
    expect(markdown).toContain("v20.20.0");
    const json = JSON.parse(toJson(r, targets)) as { targets: unknown[]; ratios: unknown[]; throughput: { cells: unknown[] } };
    expect(json.targets).toHaveLength(targets.length);
    expect(json.throughput.cells).toHaveLength(r.throughput!.cells.length);
    expect(json.ratios).toEqual(ratios(r.throughput!));
  });

  it("says what bounds a missed speed target: the JSON view copy's time, and on the invalid path the copy and Ajv's all-errors code, as a share of the time allowed", () => {
    const byId = Object.fromEntries(evaluateTargets(results({}, { "ours.is": 150, "ours.view": 110, zod: 500 })).map((t) => [t.id, t]));
    expect(byId["valid-vs-hand"]!.measured).toContain("the JSON view copy alone (a step of both, which no competitor makes): PaymentSessionResult 110 ns, 1.1x the time allowed");
    expect(byId["valid-vs-zod"]!.measured).toContain("SessionResultResponse 110 ns, 1.1x the time allowed"); // zod 500 / 5 = 100 ns allowed
    expect(byId["valid-vs-hand"]!.measured).toContain("the copy, then the guard (what isX and validateX cannot skip on a valid payload): PaymentSessionResult 70 ns, 0.7x the time allowed");
    expect(byId["valid-vs-zod"]!.measured).toContain("cannot skip on a valid payload): PaymentSessionResult 70 ns, 0.7x the time allowed; SessionResultResponse 70 ns, 0.7x");
    expect(byId["valid-vs-typebox"]!.measured).toContain("cannot skip on a valid payload): PaymentSessionResult 70 ns, 0.467x the time allowed"); // TypeBox: 150 ns
    expect(byId["invalid-vs-ajv"]!.measured).toContain("PaymentSessionResult (many errors) 110 ns, 0.55x the time allowed");
    expect(byId["invalid-vs-ajv"]!.measured).toContain(
      "the copy, then Ajv's all-errors code (what validateX cannot skip on an invalid payload; then come the issues): PaymentSessionResult (one error) 90 ns, 0.45x the time allowed",
    );
    expect(byId["invalid-vs-ajv-messages"]!.measured).toContain("SessionResultResponse (many errors) 90 ns, 0.429x the time allowed"); // Ajv with messages: 210 ns
    const withoutCopy = results();
    const cells = withoutCopy.throughput!.cells.filter((c) => c.competitor !== "ours.view");
    expect(evaluateTargets({ ...withoutCopy, throughput: { ...withoutCopy.throughput!, cells } }).find((t) => t.id === "valid-vs-hand")!.measured).not.toContain("JSON view copy");
  });

  it("computes speedups as time theirs over time ours", () => {
    const speedup = ratios(results().throughput!).find((x) => x.ours === "ours.is" && x.against === "zod" && x.kind === "valid");
    expect(speedup?.speedup).toBe(6);
  });
});
