// The report turns figures into pass or miss: each target decided from the figure it names, a
// skipped section "not measured", and every target and figure written to BENCHMARKS.md and JSON.
import { describe, expect, it } from "vitest";
import { type Results, evaluateTargets, ratios, toJson, toMarkdown } from "../src/report.js";
import type { ThroughputCell } from "../src/sections/throughput.js";
import { MODELS, PAYLOAD_KINDS } from "../src/payloads.js";
import { EDIT_KINDS, type WatchResult } from "../src/sections/watch.js";

const machine = { cpu: "test cpu", cores: 2, memoryGb: 8, os: "Linux", node: "v20.20.0", v8: "11", commit: "abc1234", versions: { ajv: "8" } };

// ns per payload by competitor: ours 100, hand 80, Ajv 200, Ajv first error 150, zod 600, TypeBox 150.
function throughputCells(overrides: Record<string, number> = {}): ThroughputCell[] {
  const base: Record<string, number> = { "ours.is": 100, "ours.validate": 100, "ours.tolerant": 120, hand: 80, ajv: 200, "ajv.messages": 210, "ajv.first": 150, "ajv.two-pass": 160, zod: 600, typebox: 150 };
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
  return { warmup: 3, runs, medianMs: ms, p90Ms: ms, medianByKind: { description: ms, "enum value": ms, property: ms }, medianSplit: { loadMs: 20, emitMs: ms - 60, writeMs: 30 }, slowestEmitters: { validators: 90, openapi: 40, fixtures: 20 } };
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
      corpora: [50, 200, 500].map((schemas) => ({ schemas, cliMs: schemas * 15, cliMsPerSchema: 15, inProcessColdMs: schemas * 10, inProcessWarmMs: schemas * 8, inProcessWarmMsPerSchema: 8, openapiTypescriptMs: schemas * 3, openapiTypescriptMsPerSchema: 3 })),
      runs: 1,
      turbo: { firstMs: 5000, cachedMs: 600, cachedFullTurbo: true, cachedTasks: "9 cached, 9 total" },
    },
    cli: {
      invalidShare: 0.02,
      cli: { payloads: 1000, megabytes: 1, seconds: 1, payloadsPerSecond: 800, megabytesPerSecond: 1, peakRssMb: 60 },
      readAndParse: { payloads: 1000, megabytes: 1, seconds: 1, payloadsPerSecond: 1000, megabytesPerSecond: 1, peakRssMb: 50 },
      throughputRatio: 0.8,
      cliSmall: { payloads: 100, megabytes: 0.1, seconds: 0.1, payloadsPerSecond: 700, megabytesPerSecond: 1, peakRssMb: 55 },
      readAndParseSmall: { payloads: 100, megabytes: 0.1, seconds: 0.1, payloadsPerSecond: 900, megabytesPerSecond: 1, peakRssMb: 48 },
      cliMemoryGrowth: 1.09,
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
    expect(status(results({}, { "ours.is": 130 }))["valid-vs-hand"]).toBe("miss"); // 130/80 > 1.5
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
    expect(status(results({ watch: watchResult(300) }))["watch-edit"]).toBe("miss"); // the median must be under 300 ms
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

  it("computes speedups as time theirs over time ours", () => {
    const speedup = ratios(results().throughput!).find((x) => x.ours === "ours.is" && x.against === "zod" && x.kind === "valid");
    expect(speedup?.speedup).toBe(6);
  });
});
