// payment-validate --jobs N (worker threads), through the built bin as users run it: on a mixed
// NDJSON corpus (payloads from the fixtures package's arbitraries, some made invalid, and broken
// lines of every kind: bad JSON, bad UTF-8, blank, CRLF, lines over the limit within a chunk and
// across chunks, payloads of no model, int64 digits) the report of --jobs 2 and 3 is byte for
// byte that of --jobs 1, in every format and mode, from a file and from stdin, and says of every
// line what the corpus made it. Under faults (the reader goes away, a full disk, a worker that
// crashes) --jobs 2 exits 2 with one line; --jobs values that are not a worker count are refused.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { arbitraries } from "@org/payment-fixtures/arbitraries";
import { inferModel } from "@org/payment-validators";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, PACKAGE_DIR, cliWorkspace, gateway } from "./cli-harness.js";

const workspace = cliWorkspace("payment-validate-jobs-");
const { file, run } = workspace;

type Expected = "valid" | "invalid" | "error" | "blank";

interface Corpus {
  readonly bytes: Buffer;
  /** What each line (1-based: index + 1) must be reported as. */
  readonly expected: readonly Expected[];
}

const MAX_LINE = 128 * 1024;

/** Several megabytes of NDJSON (many batches, several read chunks), seeded, so every run sees the same. */
function buildCorpus(): Corpus {
  // Payloads whose model their keys tell (an arbitrary value may have none of its model's own keys).
  const sample = (model: "PaymentSessionResult" | "SessionResultResponse", seed: number) =>
    (fc.sample(arbitraries[model] as fc.Arbitrary<unknown>, { numRuns: 400, seed }) as Record<string, unknown>[]).filter((payload) => {
      const inferred = inferModel(payload);
      return inferred.ok && inferred.model === model;
    });
  const gateways = sample("PaymentSessionResult", 20);
  const adyens = sample("SessionResultResponse", 21);
  const lines: Buffer[] = [];
  const expected: Expected[] = [];
  const add = (text: string | Buffer, verdict: Expected) => {
    lines.push(typeof text === "string" ? Buffer.from(text) : text);
    expected.push(verdict);
  };
  const int64 = (sample: Record<string, unknown>, digits: string) =>
    JSON.stringify({ ...sample, payments: [{ amount: { currency: "EUR", value: 0 }, paymentMethod: { type: "scheme" }, resultCode: "Authorised" }] }).replace('"value":0', `"value":${digits}`);
  for (let i = 0; i < 6000; i++) {
    const payload = i % 2 === 0 ? gateways[(i >> 1) % gateways.length]! : adyens[(i >> 1) % adyens.length]!;
    switch (i % 53) {
      case 5:
        add(JSON.stringify({ ...payload, ...(i % 2 === 0 ? { status: "bogus" } : { id: 42 }) }), "invalid");
        break;
      case 11:
        add(JSON.stringify(payload).slice(0, -1 - (i % 3)), "error");
        break;
      case 17:
        add(Buffer.concat([Buffer.from('{"status":"compl'), Buffer.from([0xe9]), Buffer.from('ted"}')]), "error");
        break;
      case 23:
        add(i % 3 === 0 ? "" : " \t ", "blank");
        break;
      case 29:
        add(i % 3 === 0 ? "[1, 2]" : '{"neither":"model"}', "error");
        break;
      case 31:
        add(`${JSON.stringify(payload)}\r`, "valid");
        break;
      case 37:
        add(int64(adyens[i % adyens.length]!, i % 2 === 0 ? "9223372036854775807" : "9223372036854775808"), i % 2 === 0 ? "valid" : "invalid");
        break;
      case 41:
        add(JSON.stringify({ ...payload, unexpected_property: true }), "invalid");
        break;
      default:
        add(JSON.stringify(payload), "valid");
    }
    // Lines over the limit: one within a read chunk, one longer than a chunk (held, then only counted).
    if (i === 2500) add(`{"status":"${"a".repeat(3 * MAX_LINE)}"}`, "error");
    if (i === 4000) add(`{"status":"${"b".repeat(5 * 1024 * 1024)}"}`, "error");
  }
  // A byte order mark on the first line, and no line break after the last.
  return { bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), ...lines.flatMap((line, i) => (i < lines.length - 1 ? [line, Buffer.from("\n")] : [line]))]), expected };
}

interface JsonReport {
  results: { source: string; line?: number; column?: number; status: string; model?: string }[];
  summary: Record<string, number>;
  exitCode: number;
}

describe("payment-validate --jobs: the same report as --jobs 1, in input order", () => {
  let corpus: Corpus;
  beforeAll(() => {
    corpus = buildCorpus();
    file("mixed.ndjson", corpus.bytes);
    file("mixed.log", corpus.bytes);
  });

  const variants: readonly (readonly string[])[] = [
    ["--max-line-bytes", "128K", "mixed.ndjson"],
    ["--max-line-bytes", "128K", "--format", "json", "mixed.ndjson"],
    ["--max-line-bytes", "128K", "--tolerant", "--format", "json", "mixed.log"],
    ["--model", "PaymentSessionResult", "--format", "json", "mixed.ndjson"],
    ["--max-line-bytes", "128K", "mixed.log", "mixed.ndjson"],
  ];

  it.each(variants)("%s ... is byte for byte the same with --jobs 1, 2 and 3", (...args) => {
    const single = run(["--jobs", "1", ...args]);
    expect(single.stderr).toBe("");
    expect(single.status).toBe(2);
    for (const jobs of ["2", "3"]) {
      const parallel = run(["--jobs", jobs, ...args]);
      expect(parallel.stderr, `--jobs ${jobs}`).toBe("");
      expect(parallel.status, `--jobs ${jobs}`).toBe(single.status);
      // Compared whole: a difference shows as a diff of the report.
      expect(parallel.stdout, `--jobs ${jobs}`).toBe(single.stdout);
    }
  });

  it("from standard input too (NDJSON recognised by its first line)", () => {
    const single = run(["--jobs", "1", "--format", "json", "-"], { input: corpus.bytes });
    const parallel = run(["-j", "2", "--format", "json", "-"], { input: corpus.bytes });
    expect(parallel.stderr).toBe("");
    expect(parallel.status).toBe(2);
    expect(parallel.stdout).toBe(single.stdout);
    expect((JSON.parse(parallel.stdout) as JsonReport).summary.payloads).toBeGreaterThan(5000);
  });

  it("says of every line what the corpus made it, in line order", () => {
    const { status, stdout } = run(["--jobs", "2", "--max-line-bytes", "128K", "--format", "json", "mixed.ndjson"]);
    expect(status).toBe(2);
    const report = JSON.parse(stdout) as JsonReport;
    const lines = report.results.map((r) => r.line!);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(new Set(lines).size).toBe(lines.length);
    const byLine = new Map(report.results.map((r) => [r.line!, r.status]));
    corpus.expected.forEach((verdict, index) => {
      const said = byLine.get(index + 1);
      expect(said ?? "valid or blank", `line ${index + 1}`).toBe(verdict === "valid" || verdict === "blank" ? "valid or blank" : verdict);
    });
    const count = (verdict: Expected) => corpus.expected.filter((e) => e === verdict).length;
    expect(report.summary).toEqual({ sources: 1, payloads: count("valid") + count("invalid"), valid: count("valid"), invalid: count("invalid"), warnings: 0, errors: count("error") });
  });
});

describe("payment-validate --jobs: a slow stream (tail -f) is reported as its lines come", () => {
  it("each invalid line's report before the next line is written", async () => {
    const child = spawn(process.execPath, [BIN, "--jobs", "2", "-"], { cwd: workspace.dir(), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (data: Buffer) => (stdout += data.toString()));
    child.stderr.on("data", (data: Buffer) => (stderr += data.toString()));
    const exited = once(child, "exit");
    /** Resolves once stdout holds `text`; a report that never comes fails the test at its timeout. */
    const reported = async (text: string) => {
      while (!stdout.includes(text)) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    try {
      for (let line = 1; line <= 3; line++) {
        child.stdin.write(`${JSON.stringify({ ...gateway, status: `bogus-${line}` })}\n`);
        await reported(`<stdin>:${line}: invalid PaymentSessionResult`);
      }
      child.stdin.end(`${JSON.stringify(gateway)}\n`);
      const [code] = await exited;
      expect(stderr).toBe("");
      expect(code).toBe(1);
      expect(stdout.trimEnd().split("\n").at(-1)).toBe("4 payloads in 1 source: 1 valid, 3 invalid");
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);
});

describe("payment-validate --jobs: every thread's heap stays bounded", () => {
  it("validates an NDJSON file larger than the heap limit of every thread", () => {
    const valid = JSON.stringify(gateway);
    const block = `${[...Array.from({ length: 999 }, () => valid), JSON.stringify({ ...gateway, status: "bogus" })].join("\n")}\n`;
    const blocks = Math.ceil((96 * 1024 * 1024) / Buffer.byteLength(block));
    writeFileSync(join(workspace.dir(), "large.ndjson"), block.repeat(blocks));
    // 96 MB of lines is about 200 MB as JS strings: each 40 MB heap (main and workers) holds it only
    // if batches in flight are bounded and let go.
    const { status, stdout, stderr } = run(["--jobs", "2", "--format", "json", "large.ndjson"], { nodeArgs: ["--max-old-space-size=40"] });
    expect(stderr).toBe("");
    expect(status).toBe(1);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.summary).toEqual({ sources: 1, payloads: blocks * 1000, valid: blocks * 999, invalid: blocks, warnings: 0, errors: 0 });
    expect(report.results.map((r) => r.line)).toEqual(Array.from({ length: blocks }, (_, i) => (i + 1) * 1000));
    rmSync(join(workspace.dir(), "large.ndjson"));
  }, 120_000);
});

describe("payment-validate --jobs: faults are exit 2 with one line", () => {
  const many = (value: unknown, count: number) => `${Array.from({ length: count }, () => JSON.stringify(value)).join("\n")}\n`;

  /** A shell pipeline in the temp folder; its exit code is payment-validate's ($PIPESTATUS[0]). */
  function pipeline(command: string, bin = BIN) {
    const result = spawnSync("bash", ["-c", `${command.replaceAll("payment-validate", `"${process.execPath}" "${bin}"`)}; exit \${PIPESTATUS[0]}`], { cwd: workspace.dir(), encoding: "utf8", timeout: 60_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it("the reader goes away (| head -1) or the disk is full (> /dev/full)", () => {
    file("all-bad.ndjson", many({ ...gateway, status: "bogus" }, 40_000));
    const closed = pipeline("payment-validate --jobs 2 all-bad.ndjson | head -1");
    expect(closed.status).toBe(2);
    expect(closed.stderr).toMatch(/^payment-validate: error: cannot write the report to standard output: the reader closed it before the report was complete \(EPIPE\); \d+ payload\(s\) checked before it failed\n$/);
    if (existsSync("/dev/full")) {
      const full = pipeline("payment-validate --jobs 2 all-bad.ndjson > /dev/full");
      expect(full.status).toBe(2);
      expect(full.stderr).toMatch(/^payment-validate: error: cannot write the report to standard output: no space left on the device \(ENOSPC\); \d+ payload\(s\) checked before it failed\n$/);
    }
  });

  describe("workers altered in a copy of the built bin", () => {
    let copy = "";
    beforeAll(() => {
      copy = mkdtempSync(join(tmpdir(), "payment-validate-altered-"));
      for (const part of ["bin", "dist", "package.json"]) cpSync(join(PACKAGE_DIR, part), join(copy, part), { recursive: true });
    });
    afterAll(() => rmSync(copy, { recursive: true, force: true }));

    /** The copy's bin, with `code` run first in each worker thread (\`port\`: its parentPort). */
    function alteredBin(code: string): string {
      const bin = join(copy, "dist/bin/cli.js");
      const [shebang, ...rest] = readFileSync(join(PACKAGE_DIR, "dist/bin/cli.js"), "utf8").split("\n");
      const inject = `import { isMainThread as alteredMain, parentPort as port } from "node:worker_threads";\nif (!alteredMain) { ${code} }`;
      writeFileSync(bin, [shebang, inject, ...rest].join("\n"));
      return bin;
    }
    /** Each worker runs `crash` when its second batch arrives. */
    const crashingBin = (crash: string) => alteredBin(`let batches = 0; port.on("message", () => { if (++batches === 2) { ${crash} } });`);

    it("workers that never answer: reading stops after a bounded number of batches, and so does the producer", async () => {
      const bin = alteredBin("port.postMessage = () => {};");
      const child = spawn(process.execPath, [bin, "--jobs", "2", "-"], { cwd: workspace.dir(), stdio: ["pipe", "ignore", "ignore"] });
      child.stdin.on("error", () => {});
      const line = `${JSON.stringify(gateway)}\n`;
      const block = Buffer.from(line.repeat(Math.ceil((1 << 20) / line.length)));
      const offered = 64 * 1024 * 1024;
      let accepted = 0;
      try {
        while (accepted < offered) {
          accepted += block.byteLength;
          if (child.stdin.write(block)) continue;
          // The child reads on while it may: only when it has stopped does the pipe stay full.
          const drained = await Promise.race([once(child.stdin, "drain").then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000))]);
          if (!drained) break;
        }
        // Eight batches of 256 KB in flight, one held, one read chunk, the pipe: well below 8 MB.
        expect(accepted).toBeLessThan(8 * 1024 * 1024);
        expect(child.exitCode).toBe(null);
      } finally {
        child.kill("SIGKILL");
      }
    });

    it.each([
      ["throws", 'throw new Error("simulated crash")', "simulated crash"],
      ["exits", "process.exit(3)", "it stopped (exit code 3)"],
    ])("when a worker %s", (_, crash, reason) => {
      file("all-good.ndjson", many(gateway, 40_000));
      const bin = crashingBin(crash);
      for (const command of ["payment-validate --jobs 2 all-good.ndjson", "payment-validate --jobs 3 - < <(cat all-good.ndjson)"]) {
        const crashed = pipeline(command, bin);
        expect(crashed.status, command).toBe(2);
        expect(crashed.stderr, command).toBe(`payment-validate: internal error: a validation worker thread failed: ${reason}\n`);
        expect(crashed.stdout, command).not.toMatch(/payloads? in \d+ sources?/);
      }
      // The same copy, untouched by the crash (the first batch of each worker), validates a small input.
      file("small.ndjson", many(gateway, 10));
      expect(pipeline("payment-validate --jobs 2 small.ndjson", bin).status).toBe(0);
    });
  });
});

describe("payment-validate --jobs: the command line", () => {
  it("refuses what is not a number of worker threads, with exit 2 and a clear message", () => {
    file("one.ndjson", `${JSON.stringify(gateway)}\n`);
    for (const value of ["0", "x", "1.5", "-1", "", "2k", "1025"]) {
      const { status, stdout, stderr } = run([`--jobs=${value}`, "one.ndjson"]);
      expect(status, value).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toBe(`payment-validate: --jobs must be a whole number of worker threads from 1 to 1024 (got "${value}")\nRun payment-validate --help for usage.\n`);
    }
    for (const value of ["1", "2", "16"]) expect(run(["--jobs", value, "one.ndjson"]).status, value).toBe(0);
  });

  it("--help documents it", () => {
    const { stdout } = run(["--help"]);
    expect(stdout).toMatch(/-j, --jobs N\s+worker threads validating NDJSON input \(default: the cores available,/);
    expect(stdout).toContain("--jobs 1: no worker threads at all");
  });
});
