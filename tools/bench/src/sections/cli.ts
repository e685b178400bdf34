// The CLI on a large NDJSON file: payment-validate (the built bin, model inferred per payload, its
// default report) on a file of payloads of both models, a few invalid, against a plain loop that
// only reads the file and JSON.parses each line. Throughput (payloads/s, MB/s) and each process's
// own peak RSS, on the full file and on one a tenth of its size (flat memory: the peak does not
// grow with the file).
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PaymentSessionResultSchema, SessionResultResponseSchema } from "@org/payment-schemas";
import { median, round, runNode } from "../measure.js";

export interface CliRun {
  readonly payloads: number;
  readonly megabytes: number;
  readonly seconds: number;
  readonly payloadsPerSecond: number;
  readonly megabytesPerSecond: number;
  readonly peakRssMb: number;
}

export interface CliResult {
  readonly invalidShare: number;
  readonly cli: CliRun;
  readonly readAndParse: CliRun;
  /** cli payloads/s over read-and-parse payloads/s. */
  readonly throughputRatio: number;
  readonly cliSmall: CliRun;
  readonly readAndParseSmall: CliRun;
  /** Peak RSS on the full file over peak RSS on the tenth. */
  readonly cliMemoryGrowth: number;
  readonly runs: number;
}

const INVALID_EVERY = 50; // 2% of the payloads are invalid

async function writeNdjson(path: string, count: number): Promise<number> {
  const valid = [...PaymentSessionResultSchema.examples, ...SessionResultResponseSchema.examples].map((p) => JSON.stringify(p));
  const invalid = [JSON.stringify({ ...PaymentSessionResultSchema.examples[0], status: "bogus" }), JSON.stringify({ ...SessionResultResponseSchema.examples[0], id: 42 })];
  const out = createWriteStream(path);
  let buffer = "";
  for (let i = 0; i < count; i++) {
    buffer += `${i % INVALID_EVERY === INVALID_EVERY - 1 ? invalid[(i / INVALID_EVERY) % 2 | 0] : valid[i % valid.length]}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
  return statSync(path).size;
}

function timed(args: string[], payloads: number, bytes: number, runs: number, check: (stdout: string, status: number | null) => void): CliRun {
  const walls: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = runNode(args, { peakRss: true });
    check(run.stdout, run.status);
    walls.push(run.wallMs);
    peaks.push(run.peakRssMb ?? Number.NaN);
  }
  const seconds = median(walls) / 1000;
  return {
    payloads,
    megabytes: round(bytes / 1e6),
    seconds: round(seconds),
    payloadsPerSecond: Math.round(payloads / seconds),
    megabytesPerSecond: round(bytes / 1e6 / seconds),
    peakRssMb: round(Math.max(...peaks)),
  };
}

export async function measureCli(options: { quick: boolean; repoRoot: string; log: (line: string) => void }): Promise<CliResult> {
  const count = options.quick ? 100_000 : 1_000_000;
  const runs = options.quick ? 1 : 2;
  const bin = join(options.repoRoot, "packages/payment-validators/dist/bin/cli.js");
  const loop = fileURLToPath(new URL("../children/read-parse.mjs", import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), "bench-cli-"));
  try {
    const measure = async (lines: number) => {
      const file = join(dir, `payloads-${lines}.ndjson`);
      const bytes = await writeNdjson(file, lines);
      const invalid = Math.floor(lines / INVALID_EVERY);
      // The default (pretty) report streams one block per invalid payload; its last line sums up.
      const cli = timed([bin, file], lines, bytes, runs, (stdout, status) => {
        const summary = /(\d+) payloads? in \d+ sources?: (\d+) valid, (\d+) invalid/.exec(stdout.trimEnd().split("\n").at(-1) ?? "");
        if (status !== 1 || Number(summary?.[1]) !== lines || Number(summary?.[3]) !== invalid) throw new Error(`payment-validate summed up "${summary?.[0]}" (exit ${status}) for ${lines} payloads, ${invalid} invalid`);
      });
      const parse = timed([loop, file], lines, bytes, runs, (stdout, status) => {
        if (status !== 0 || Number(stdout) !== lines) throw new Error(`the read-and-parse loop counted ${stdout} of ${lines}`);
      });
      rmSync(file, { force: true });
      return { cli, parse };
    };
    const full = await measure(count);
    options.log(`  CLI: ${full.cli.payloadsPerSecond} payloads/s, loop ${full.parse.payloadsPerSecond}`);
    const small = await measure(count / 10);
    return {
      invalidShare: 1 / INVALID_EVERY,
      cli: full.cli,
      readAndParse: full.parse,
      throughputRatio: round(full.cli.payloadsPerSecond / full.parse.payloadsPerSecond),
      cliSmall: small.cli,
      readAndParseSmall: small.parse,
      cliMemoryGrowth: round(full.cli.peakRssMb / small.cli.peakRssMb),
      runs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
