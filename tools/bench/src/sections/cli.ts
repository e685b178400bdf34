// The CLI on a large NDJSON file: payment-validate (the built bin, model inferred per payload, its
// default report) on a file of payloads of both models, a few invalid, against a plain loop that
// only reads the file and JSON.parses each line. Throughput (payloads/s, MB/s) and each process's
// own peak RSS, on the full file and on one a tenth of its size (flat memory: the peak does not
// grow with the file), single-threaded (--jobs 1) and with worker threads: the curve from 1 to
// one more worker than the machine has cores (where it levels off).
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { availableParallelism, tmpdir } from "node:os";
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
  /** CPU time of all its threads (median), which a busy machine stretches far less than the wall time. */
  readonly cpuSeconds: number;
}

export interface JobsRun extends CliRun {
  readonly jobs: number;
}

export interface CliResult {
  readonly invalidShare: number;
  /** payment-validate --jobs 1 (no worker threads). */
  readonly cli: CliRun;
  readonly readAndParse: CliRun;
  /** cli payloads/s over read-and-parse payloads/s. */
  readonly throughputRatio: number;
  readonly cliSmall: CliRun;
  readonly readAndParseSmall: CliRun;
  /** Peak RSS on the full file over peak RSS on the tenth. */
  readonly cliMemoryGrowth: number;
  /** The cores available (os.availableParallelism()), the default of --jobs. */
  readonly cores: number;
  /** --jobs 1 to cores + 1 on the full file (--jobs 1 is `cli`). */
  readonly jobs: readonly JobsRun[];
  /** --jobs (cores) payloads/s over read-and-parse payloads/s. */
  readonly jobsRatio: number;
  /** --jobs (cores) on the tenth, and its peak RSS growth from the tenth to the full file. */
  readonly jobsSmall: CliRun;
  readonly jobsMemoryGrowth: number;
  readonly runs: number;
}

const INVALID_EVERY = 50; // 2% of the payloads are invalid

async function writeNdjson(path: string, count: number): Promise<number> {
  const valid = [...PaymentSessionResultSchema.examples, ...SessionResultResponseSchema.examples].map((p) => JSON.stringify(p));
  const invalid = [JSON.stringify({ ...PaymentSessionResultSchema.examples[0], status: "bogus" }), JSON.stringify({ ...SessionResultResponseSchema.examples[0], id: 42 })];
  const out = createWriteStream(path);
  let buffer = "";
  for (let i = 0; i < count; i++) {
    buffer += `${i % INVALID_EVERY === INVALID_EVERY - 1 ? invalid[((i / INVALID_EVERY) % 2) | 0] : valid[i % valid.length]}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
  return statSync(path).size;
}

interface Command {
  readonly args: readonly string[];
  readonly check: (stdout: string, status: number | null) => void;
}

/** Runs every command `runs` times, round by round (so a load that comes and goes on a shared
 *  machine weighs on each alike), and gives each its median wall time and highest peak RSS. */
function timedRounds(commands: readonly Command[], payloads: number, bytes: number, runs: number): CliRun[] {
  const walls = commands.map((): number[] => []);
  const peaks = commands.map((): number[] => []);
  const cpus = commands.map((): number[] => []);
  for (let round = 0; round < runs; round++) {
    commands.forEach((command, i) => {
      const run = runNode(command.args, { peakRss: true });
      command.check(run.stdout, run.status);
      walls[i]!.push(run.wallMs);
      peaks[i]!.push(run.peakRssMb ?? Number.NaN);
      cpus[i]!.push(run.cpuMs ?? Number.NaN);
    });
  }
  return commands.map((_, i) => {
    const seconds = median(walls[i]!) / 1000;
    return {
      payloads,
      megabytes: round(bytes / 1e6),
      seconds: round(seconds),
      payloadsPerSecond: Math.round(payloads / seconds),
      megabytesPerSecond: round(bytes / 1e6 / seconds),
      peakRssMb: round(Math.max(...peaks[i]!)),
      cpuSeconds: round(median(cpus[i]!) / 1000),
    };
  });
}

function withoutJobs(run: JobsRun): CliRun {
  const { jobs, ...rest } = run;
  void jobs;
  return rest;
}

export async function measureCli(options: { quick: boolean; repoRoot: string; log: (line: string) => void }): Promise<CliResult> {
  const count = options.quick ? 100_000 : 1_000_000;
  // Rounds of every command: the median steadies the ratios on a shared machine.
  const runs = options.quick ? 2 : 3;
  const cores = availableParallelism();
  const bin = join(options.repoRoot, "packages/payment-validators/dist/bin/cli.js");
  const loop = fileURLToPath(new URL("../children/read-parse.mjs", import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), "bench-cli-"));
  try {
    const measure = async (lines: number, jobs: readonly number[]) => {
      const file = join(dir, `payloads-${lines}.ndjson`);
      const bytes = await writeNdjson(file, lines);
      const invalid = Math.floor(lines / INVALID_EVERY);
      // The default (pretty) report streams one block per invalid payload; its last line sums up.
      const cli = (workers: number): Command => ({
        args: [bin, "--jobs", String(workers), file],
        check: (stdout, status) => {
          const summary = /(\d+) payloads? in \d+ sources?: (\d+) valid, (\d+) invalid/.exec(stdout.trimEnd().split("\n").at(-1) ?? "");
          if (status !== 1 || Number(summary?.[1]) !== lines || Number(summary?.[3]) !== invalid)
            throw new Error(`payment-validate --jobs ${workers} summed up "${summary?.[0]}" (exit ${status}) for ${lines} payloads, ${invalid} invalid`);
        },
      });
      const loopCommand: Command = {
        args: [loop, file],
        check: (stdout, status) => {
          if (status !== 0 || Number(stdout) !== lines) throw new Error(`the read-and-parse loop counted ${stdout} of ${lines}`);
        },
      };
      const [parse, ...timings] = timedRounds([loopCommand, ...jobs.map(cli)], lines, bytes, runs);
      const curve = timings.map((run, i): JobsRun => ({ jobs: jobs[i]!, ...run }));
      for (const run of curve) options.log(`  CLI --jobs ${run.jobs}: ${run.payloadsPerSecond} payloads/s`);
      rmSync(file, { force: true });
      return { curve, parse: parse! };
    };
    const full = await measure(
      count,
      Array.from({ length: cores + 1 }, (_, i) => i + 1),
    );
    options.log(`  read + JSON.parse loop: ${full.parse.payloadsPerSecond} payloads/s`);
    const small = await measure(count / 10, [1, cores]);
    const single = full.curve[0]!;
    const atCores = full.curve.find((run) => run.jobs === cores)!;
    const cli = withoutJobs(single);
    const cliSmall = withoutJobs(small.curve[0]!);
    const jobsSmall = withoutJobs(small.curve.at(-1)!);
    return {
      invalidShare: 1 / INVALID_EVERY,
      cli,
      readAndParse: full.parse,
      throughputRatio: round(single.payloadsPerSecond / full.parse.payloadsPerSecond),
      cliSmall,
      readAndParseSmall: small.parse,
      cliMemoryGrowth: round(single.peakRssMb / cliSmall.peakRssMb),
      cores,
      jobs: full.curve,
      jobsRatio: round(atCores.payloadsPerSecond / full.parse.payloadsPerSecond),
      jobsSmall,
      jobsMemoryGrowth: round(atCores.peakRssMb / jobsSmall.peakRssMb),
      runs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
