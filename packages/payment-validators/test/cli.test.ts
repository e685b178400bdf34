// payment-validate as users run it: the built bin (dist/bin/cli.js) in a child process, on files,
// globs and stdin in a temp folder. Exit codes, both output formats, NDJSON line numbers, bad JSON
// positions, model inference and its ambiguity error, tolerant mode, the TTY-only progress line,
// and flat memory on an NDJSON file several times larger than the heap it is allowed.
import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { schemaSetHash } from "@org/payment-schemas";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, PACKAGE_DIR, adyen, badStatus, cliWorkspace, gateway, json, ndjson } from "./cli-harness.js";

const packageJson = JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")) as { version: string; bin: Record<string, string> };
const workspace = cliWorkspace("payment-validate-");
const { file, run } = workspace;

interface JsonReport {
  tool: string;
  version: string;
  schemaSetHash: string;
  mode: string;
  results: {
    source: string;
    line?: number;
    column?: number;
    index?: number;
    model?: string;
    status: string;
    message?: string;
    issues?: { pointer: string; keyword: string; message: string }[];
    warnings?: { pointer: string; keyword: string }[];
  }[];
  summary: { sources: number; payloads: number; valid: number; invalid: number; warnings: number; errors: number };
  exitCode: number;
}
function report(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

describe("payment-validate: the bin", () => {
  it("is the package's bin (a committed launcher of the built file), an executable file with a shebang", () => {
    expect(packageJson.bin["payment-validate"]).toBe("./bin/cli.js");
    expect(readFileSync(join(PACKAGE_DIR, "bin/cli.js"), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n[\s\S]*"\.\.\/dist\/bin\/cli\.js"/);
    expect(readFileSync(BIN, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("--help explains inputs, options, exit codes and gives examples", () => {
    const { status, stdout } = run(["--help"]);
    expect(status).toBe(0);
    expect(stdout).toContain("payment-validate [options] <file|glob|->...");
    for (const text of [".ndjson", "--tolerant", "--format", "--input-format json|ndjson|auto", "--max-line-bytes N", "PaymentSessionResult", "SessionResultResponse", "Exit codes", "Examples:"])
      expect(stdout).toContain(text);
    expect(stdout).toMatch(/0\s+every payload is valid/);
    expect(stdout).toMatch(/1\s+some payload is invalid/);
    expect(stdout).toMatch(/2\s+usage, input or output error/);
  });

  it("--version names the package version and the schema set it was generated from", () => {
    const { status, stdout } = run(["--version"]);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(`@org/payment-validators ${packageJson.version} (schema set ${schemaSetHash})`);
  });
});

describe("payment-validate: exit codes and pretty output", () => {
  it("exits 0 when every payload is valid, saying so in one summary line", () => {
    const { status, stdout, stderr } = run(["--model", "PaymentSessionResult", file("ok.json", json(gateway))]);
    expect(status).toBe(0);
    expect(stdout).toBe("1 payload in 1 source: 1 valid, 0 invalid\n");
    expect(stderr).toBe("");
  });

  it("exits 1 on an invalid payload, naming file, JSON Pointer, message and keyword", () => {
    const { status, stdout } = run(["--model", "PaymentSessionResult", file("bad.json", json(badStatus))]);
    expect(status).toBe(1);
    expect(stdout).toMatch(/^bad\.json: invalid PaymentSessionResult \(1 issue\)\n {2}\/status: must be one of: .*completed.* \[enum\]\n/);
    expect(stdout).toMatch(/1 payload in 1 source: 0 valid, 1 invalid\n$/);
  });

  it("validates each element of a .json array, naming invalid ones by index", () => {
    const { status, stdout } = run(["--model", "PaymentSessionResult", file("list.json", json([gateway, badStatus, gateway]))]);
    expect(status).toBe(1);
    expect(stdout).toContain("list.json[1]: invalid PaymentSessionResult");
    expect(stdout).not.toContain("list.json[0]");
    expect(stdout).toContain("3 payloads in 1 source: 2 valid, 1 invalid");
  });

  it("exits 2 for bad JSON and names its line and column", () => {
    const text = `{\n  "status": "completed",\n  "amount": 12,,\n}\n`;
    const { status, stdout } = run(["--model", "PaymentSessionResult", file("broken.json", text)]);
    expect(status).toBe(2);
    expect(stdout).toContain('broken.json:3:16: error: invalid JSON: expected a property name in double quotes, found ","');
  });

  it("exits 2 for a missing file, a folder, a file that is not JSON and an empty file", () => {
    mkdirSync(join(workspace.dir(), "folder"), { recursive: true });
    const { status, stdout } = run(["missing.json", "folder", file("notes.txt", "hi"), file("empty.json", "")]);
    expect(status).toBe(2);
    expect(stdout).toContain("missing.json: error: cannot read: no such file");
    expect(stdout).toContain("folder: error: cannot read: it is a folder (name files, or a glob such as folder/**/*.json)");
    expect(stdout).toContain('notes.txt:1:1: error: invalid JSON: expected a value, found "h"');
    expect(stdout).toContain("empty.json: error: no payloads: the input is empty");
  });

  it("input errors outrank invalid payloads: exit 2 when both occur", () => {
    const { status } = run(["--model", "PaymentSessionResult", file("bad2.json", json(badStatus)), "missing.json"]);
    expect(status).toBe(2);
  });

  it("exits 2 on usage errors, with a message on stderr and nothing on stdout", () => {
    for (const [args, message] of [
      [["--frobnicate", "x.json"], "Unknown option '--frobnicate'"],
      [["--input-format", "xml", "x.json"], "--input-format must be one of: json, ndjson, auto"],
      [["--max-line-bytes", "lots", "x.json"], "--max-line-bytes must be a number of bytes"],
      [["--model"], "argument missing"],
      [["--model", "Nope", "x.json"], 'unknown model "Nope"'],
      [["--model", "paymentsessionresult", "x.json"], "did you mean PaymentSessionResult?"],
      [["--format", "xml", "x.json"], "--format must be one of: pretty, json"],
      [[], "no input"],
      [["-", "-"], "standard input (-) can be read only once"],
    ] as const) {
      const { status, stdout, stderr } = run(args);
      expect(status, args.join(" ")).toBe(2);
      expect(stderr).toContain(message);
      expect(stdout).toBe("");
    }
  });
});

describe("payment-validate: --format json", () => {
  it("prints one report: invalid payloads with their issues, a summary and the exit code", () => {
    const { status, stdout } = run(["--format", "json", "--model", "PaymentSessionResult", file("mixed.json", json([gateway, badStatus]))]);
    expect(status).toBe(1);
    const r = report(stdout);
    expect(r).toMatchObject({ tool: "payment-validate", version: packageJson.version, schemaSetHash, mode: "strict", exitCode: 1 });
    expect(r.summary).toEqual({ sources: 1, payloads: 2, valid: 1, invalid: 1, warnings: 0, errors: 0 });
    expect(r.results).toHaveLength(1);
    expect(r.results[0]).toMatchObject({ source: "mixed.json", index: 1, model: "PaymentSessionResult", status: "invalid" });
    expect(r.results[0]!.issues).toEqual([expect.objectContaining({ pointer: "/status", keyword: "enum" })]);
  });

  it("reports input errors in the same document, with line and column", () => {
    const { status, stdout } = run(["--format=json", file("trunc.ndjson", `${JSON.stringify(adyen)}\n{"id": "x", "status": \n`)]);
    expect(status).toBe(2);
    const r = report(stdout);
    expect(r.exitCode).toBe(2);
    expect(r.results).toEqual([{ source: "trunc.ndjson", line: 2, column: 23, status: "error", message: "invalid JSON: expected a value, found end of input" }]);
    expect(r.summary).toMatchObject({ payloads: 1, valid: 1, errors: 1 });
  });

  it("is valid JSON with an empty results list when everything is valid", () => {
    const { status, stdout } = run(["--format", "json", file("fine.json", json([adyen, gateway]))]);
    expect(status).toBe(0);
    expect(report(stdout)).toMatchObject({ results: [], summary: { payloads: 2, valid: 2 }, exitCode: 0 });
  });
});

describe("payment-validate: NDJSON", () => {
  it("names the line of each invalid payload and of each bad line, skipping blank lines", () => {
    const text = `${JSON.stringify(gateway)}\n\n${JSON.stringify(badStatus)}\r\n{not json}\n${JSON.stringify(gateway)}`;
    for (const name of ["stream.ndjson", "stream.jsonl"]) {
      const { status, stdout } = run(["--model", "PaymentSessionResult", file(name, text)]);
      expect(status).toBe(2);
      expect(stdout).toContain(`${name}:3: invalid PaymentSessionResult (1 issue)\n  /status: must be one of:`);
      expect(stdout).toContain(`${name}:4:2: error: invalid JSON: unexpected character, found "n"`);
      expect(stdout).toContain("3 payloads in 1 source: 2 valid, 1 invalid, 1 input error");
    }
  });

  it("reads NDJSON from stdin with -", () => {
    const { status, stdout } = run(["-"], { input: ndjson(gateway, adyen, badStatus) });
    expect(status).toBe(1);
    expect(stdout).toContain("<stdin>:3: invalid PaymentSessionResult");
    expect(stdout).toContain("3 payloads in 1 source: 2 valid, 1 invalid");
  });

  it("reads one JSON document from stdin when its first line is not a complete object", () => {
    const { status, stdout } = run(["--format", "json", "-"], { input: json([gateway, badStatus]) });
    expect(status).toBe(1);
    expect(report(stdout).results).toEqual([expect.objectContaining({ source: "-", index: 1, status: "invalid" })]);
  });

  it("names line and column of bad JSON in a document read from stdin", () => {
    const { status, stdout } = run(["-"], { input: '{\n  "id": "CS1",\n  "status": active\n}\n' });
    expect(status).toBe(2);
    expect(stdout).toContain('<stdin>:3:13: error: invalid JSON: expected a value, found "a"');
  });
});

describe("payment-validate: globs", () => {
  beforeAll(() => {
    file("globbed/a.json", json(gateway));
    file("globbed/deep/b.json", json(badStatus));
    file("globbed/deep/c.ndjson", ndjson(adyen));
    file("globbed/.hidden/d.json", json(badStatus));
    file("globbed/skip.txt", "not a payload");
  });

  it("expands ** across folders, skipping dot folders", () => {
    const { status, stdout } = run(["--format", "json", "globbed/**/*.json"]);
    expect(status).toBe(1);
    const r = report(stdout);
    expect(r.summary).toMatchObject({ sources: 2, payloads: 2, valid: 1, invalid: 1 });
    expect(r.results.map((x) => x.source)).toEqual(["globbed/deep/b.json"]);
  });

  it("expands {a,b} alternatives and character classes", () => {
    const { status, stdout } = run(["--format", "json", "globbed/**/*.{json,ndjson}", "globbed/[a]*"]);
    expect(status).toBe(1);
    expect(report(stdout).summary).toMatchObject({ sources: 3, payloads: 3, valid: 2, invalid: 1 });
  });

  it("exits 2 when a pattern matches no file", () => {
    const { status, stdout } = run(["globbed/*.jsonl"]);
    expect(status).toBe(2);
    expect(stdout).toContain("globbed/*.jsonl: error: no files match this pattern");
  });
});

describe("payment-validate: model inference", () => {
  it("infers each payload's model from its properties when --model is left out", () => {
    const { status, stdout } = run(["--format", "json", file("both.ndjson", ndjson(gateway, adyen, { ...adyen, status: 42 }, badStatus))]);
    expect(status).toBe(1);
    const r = report(stdout);
    expect(r.results.map((x) => [x.line, x.model])).toEqual([
      [3, "SessionResultResponse"],
      [4, "PaymentSessionResult"],
    ]);
    expect(r.summary).toMatchObject({ payloads: 4, valid: 2, invalid: 2 });
  });

  it("recognises an invalid payload by the properties it does have", () => {
    const { order: _order, ...withoutOrder } = gateway;
    const { status, stdout } = run([file("partial.json", json(withoutOrder))]);
    expect(status).toBe(1);
    expect(stdout).toContain("partial.json: invalid PaymentSessionResult");
    expect(stdout).toContain('/order: required property "order" is missing');
  });

  it("asks for --model when the properties fit several models or none", () => {
    const mixed = { id: "CS1", order_number: "ORD-1" };
    const { status, stdout } = run([file("mixed.ndjson", ndjson(mixed, { status: "completed" }, {}, [1, 2]))]);
    expect(status).toBe(2);
    expect(stdout).toContain(
      "mixed.ndjson:1: error: cannot tell the model: the payload has properties of PaymentSessionResult (order_number) and SessionResultResponse (id); pass --model with one of: PaymentSessionResult, SessionResultResponse",
    );
    expect(stdout).toContain("mixed.ndjson:2: error: cannot tell the model: no top-level property of the payload belongs to only one model; pass --model");
    expect(stdout).toContain("mixed.ndjson:3: error: cannot tell the model");
    expect(stdout).toContain("mixed.ndjson:4: error: cannot tell the model of a payload that is not a JSON object (it is an array)");
    const explicit = run(["--model", "SessionResultResponse", "mixed.ndjson"]);
    expect(explicit.stdout).not.toContain("cannot tell");
  });
});

describe("payment-validate: --tolerant", () => {
  it("accepts unknown properties and unknown provider enum values, reporting the values as warnings", () => {
    const payload = { ...adyen, status: "paused", newField: true };
    const name = file("tolerant.json", json(payload));
    const strict = run(["--model", "SessionResultResponse", name]);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('/newField: unknown property "newField" is not allowed [additionalProperties]');

    const tolerant = run(["--tolerant", "--model", "SessionResultResponse", name]);
    expect(tolerant.status).toBe(0);
    expect(tolerant.stdout).toMatch(/tolerant\.json: valid SessionResultResponse, 1 warning\n {2}\/status: unknown value "paused" accepted \(known: active, .*\) \[enum\]/);

    const asJson = report(run(["--tolerant", "--format", "json", "--model", "SessionResultResponse", name]).stdout);
    expect(asJson.mode).toBe("tolerant");
    expect(asJson.results).toEqual([expect.objectContaining({ status: "valid", warnings: [expect.objectContaining({ pointer: "/status", keyword: "enum" })] })]);
  });
});

describe("payment-validate: progress line", () => {
  it("writes nothing to stderr when stderr is not a terminal", () => {
    const { stderr } = run([file("quiet.ndjson", ndjson(gateway, gateway))]);
    expect(stderr).toBe("");
  });

  it("shows progress on stderr when it is a terminal", () => {
    const name = file("tty.ndjson", ndjson(gateway, adyen));
    // `script` runs the command on a pseudo-terminal, so its stderr is a TTY.
    const result = spawnSync("script", ["-qec", `${process.execPath} ${BIN} ${name}`, "/dev/null"], { cwd: workspace.dir(), encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/payment-validate: tty\.ndjson: [\d.]+ MB of [\d.]+ MB \(\d+%\), \d+ payloads checked/);
    expect(result.stdout).toContain("2 payloads in 1 source: 2 valid, 0 invalid");
  });
});

describe("payment-validate: streaming", () => {
  it("validates an NDJSON file several times larger than its heap limit (memory stays flat)", () => {
    const path = join(workspace.dir(), "large.ndjson");
    // Blocks of 1,000 payloads of both models, the last of each block invalid.
    const valid = [JSON.stringify(gateway), JSON.stringify(adyen)];
    const block = `${[...Array.from({ length: 999 }, (_, i) => valid[i % 2]), JSON.stringify(badStatus)].join("\n")}\n`;
    const fd = openSync(path, "w");
    let bytes = 0;
    let blocks = 0;
    while (bytes < 160 * 1024 * 1024) {
      writeSync(fd, block);
      bytes += Buffer.byteLength(block);
      blocks++;
    }
    closeSync(fd);
    // 160 MB of UTF-8 is over 300 MB as JS strings: a 48 MB heap holds it only if lines are let go.
    const { status, stdout, stderr } = run(["--format", "json", "large.ndjson"], { nodeArgs: ["--max-old-space-size=48"] });
    expect(stderr).toBe("");
    expect(status).toBe(1);
    const r = report(stdout);
    expect(r.summary).toEqual({ sources: 1, payloads: blocks * 1000, valid: blocks * 999, invalid: blocks, warnings: 0, errors: 0 });
    expect(r.results).toHaveLength(blocks);
    expect(r.results[0]).toMatchObject({ line: 1000, model: "PaymentSessionResult", status: "invalid" });
    expect(r.results.at(-1)).toMatchObject({ line: blocks * 1000, status: "invalid" });
    rmSync(path);
  }, 180_000);
});
