// payment-validate under faults, as scripts and CI run it (the built bin in a child process): it
// exits 0 only when every input was read, every payload is valid and the whole report was
// written. A reader that goes away, a full disk, bytes that are not UTF-8, inputs with no payload,
// lines over the limit, inputs named by no known extension, folders, payloads with issues
// everywhere and int64 integers beyond what a JS number holds.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, adyen, badStatus, cliWorkspace, gateway, ndjson, withEveryObjectExtended } from "./cli-harness.js";

const workspace = cliWorkspace("payment-validate-faults-");
const { file, run } = workspace;

/** A shell pipeline in the temp folder; its exit code is payment-validate's ($PIPESTATUS[0]). */
function pipeline(command: string) {
  const result = spawnSync("bash", ["-c", `${command.replaceAll("payment-validate", `"${process.execPath}" "${BIN}"`)}; exit \${PIPESTATUS[0]}`], { cwd: workspace.dir(), encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function jsonReport(stdout: string) {
  return JSON.parse(stdout) as { results: { line?: number; status: string; message?: string; issues?: { pointer: string; keyword: string; message: string }[] }[]; summary: Record<string, number>; exitCode: number };
}

describe("payment-validate: output that cannot be written is never success", () => {
  const many = (value: unknown) => ndjson(...Array.from({ length: 20_000 }, () => value));

  it("exits 2 when the reader goes away (| head -1, | grep -m1 -q), invalid payloads or not", () => {
    file("all-bad.ndjson", many(badStatus));
    file("all-good.ndjson", many(gateway));
    for (const reader of ["head -1", "grep -m1 -q invalid", "head -c 10"]) {
      const bad = pipeline(`payment-validate all-bad.ndjson | ${reader}`);
      expect(bad.status, reader).toBe(2);
      expect(bad.stderr).toMatch(/^payment-validate: error: cannot write the report to standard output: the reader closed it before the report was complete \(EPIPE\); \d+ payload\(s\) checked before it failed\n$/);
    }
    // Valid payloads print only the summary line, so head -1 gets all of it: success.
    expect(pipeline("payment-validate all-good.ndjson | head -1").status).toBe(0);
    expect(pipeline("payment-validate --format json all-good.ndjson | head -c 10").status).toBe(2);
  });

  it.skipIf(!existsSync("/dev/full"))("exits 2 with one line, not a stack trace, when the disk is full (> /dev/full)", () => {
    file("good.ndjson", ndjson(gateway, adyen));
    file("all-bad.ndjson", many(badStatus));
    for (const input of ["good.ndjson", "all-bad.ndjson"]) {
      const full = pipeline(`payment-validate ${input} > /dev/full`);
      expect(full.status).toBe(2);
      expect(full.stderr).toMatch(/^payment-validate: error: cannot write the report to standard output: no space left on the device \(ENOSPC\); \d+ payload\(s\) checked before it failed\n$/);
    }
  });
});

describe("payment-validate: invalid UTF-8 is an input error with its position", () => {
  const bad = Buffer.concat([Buffer.from(`{"status":"compl`), Buffer.from([0xe9]), Buffer.from(`ted"}`)]);

  it("in an NDJSON file and on stdin: line and column, the other lines still validated", () => {
    const text = Buffer.concat([Buffer.from(ndjson(gateway)), bad, Buffer.from(`\n${JSON.stringify(gateway)}\n`)]);
    file("latin1.ndjson", text);
    for (const [args, input, name] of [
      [["latin1.ndjson"], undefined, "latin1.ndjson"],
      [["-"], text, "<stdin>"],
    ] as const) {
      const { status, stdout } = run(["--model", "PaymentSessionResult", ...args], { input });
      expect(status).toBe(2);
      expect(stdout).toContain(`${name}:2:17: error: invalid UTF-8: byte 17 of the line is not part of a UTF-8 character`);
      expect(stdout).toContain("2 payloads in 1 source: 2 valid, 0 invalid, 1 input error");
    }
  });

  it("in a JSON document: its line and column", () => {
    file("latin1.json", Buffer.concat([Buffer.from('{\n  "x": 1,\n  '), bad]));
    const { status, stdout } = run(["--model", "PaymentSessionResult", "latin1.json"]);
    expect(status).toBe(2);
    expect(stdout).toContain("latin1.json:3:19: error: invalid UTF-8: the byte at offset 30 is not part of a UTF-8 character");
  });
});

describe("payment-validate: no payloads is exit 2, in every form", () => {
  it("empty or blank files of every kind, empty arrays, and the same on stdin", () => {
    const blank = "\n".repeat(1_000_000);
    const cases: [string[], string | undefined, string][] = [
      [[file("empty.ndjson", "")], undefined, "empty.ndjson: error: no payloads: the input is empty or holds only blank lines"],
      [[file("blank.ndjson", blank)], undefined, "blank.ndjson: error: no payloads: the input is empty or holds only blank lines"],
      [[file("empty.json", "")], undefined, "empty.json: error: no payloads: the input is empty"],
      [[file("blank.json", "  \n\t\n")], undefined, "blank.json: error: no payloads: the input is empty"],
      [[file("none.json", "[]")], undefined, "none.json: error: no payloads: the input is an empty array"],
      [[file("empty.log", "")], undefined, "empty.log: error: no payloads: the input is empty or holds only blank lines"],
      [["-"], "", "<stdin>: error: no payloads: the input is empty or holds only blank lines"],
      [["-"], blank, "<stdin>: error: no payloads: the input is empty or holds only blank lines"],
      [["-"], "[\n]\n", "<stdin>: error: no payloads: the input is an empty array"],
    ];
    for (const [args, input, message] of cases) {
      const { status, stdout } = run(args, { input });
      expect(status, message).toBe(2);
      expect(stdout).toContain(message);
    }
  });
});

describe("payment-validate: lines over --max-line-bytes", () => {
  it("are reported with their line number; the lines after them are still validated", () => {
    const long = JSON.stringify({ ...gateway, note: "x".repeat(5000) });
    const text = `${ndjson(gateway, badStatus)}${long}\n${ndjson(badStatus, gateway)}`;
    file("long.ndjson", text);
    const { status, stdout } = run(["--model", "PaymentSessionResult", "--max-line-bytes", "4K", "long.ndjson"]);
    expect(status).toBe(2);
    expect(stdout).toContain(`long.ndjson:3: error: line too long: ${Buffer.byteLength(long)} bytes, over the limit of 4096 bytes (raise it with --max-line-bytes); the line was skipped`);
    expect(stdout).toContain("long.ndjson:2: invalid PaymentSessionResult");
    expect(stdout).toContain("long.ndjson:4: invalid PaymentSessionResult");
    expect(stdout).toContain("4 payloads in 1 source: 2 valid, 2 invalid, 1 input error");
    // Raised, the same line is read.
    expect(run(["--model", "PaymentSessionResult", "--max-line-bytes", "8K", "long.ndjson"]).stdout).toContain("long.ndjson:3: invalid PaymentSessionResult");
  });

  it("a JSON document over the limit is reported, not read", () => {
    file("big.json", JSON.stringify([gateway, gateway, gateway]));
    const { status, stdout } = run(["--max-line-bytes", "100", "big.json"]);
    expect(status).toBe(2);
    expect(stdout).toContain("big.json: error: document too large: over the limit of 100 bytes (raise it with --max-line-bytes)");
  });

  it("memory stays bounded by the limit: a 96 MB line in a 24 MB heap, from a file and from stdin", () => {
    const path = join(workspace.dir(), "huge.ndjson");
    const fd = openSync(path, "w");
    writeSync(fd, ndjson(gateway));
    writeSync(fd, '{"status":"');
    const block = "a".repeat(1 << 20);
    for (let i = 0; i < 96; i++) writeSync(fd, block);
    writeSync(fd, `"}\n${ndjson(badStatus, gateway)}`);
    closeSync(fd);
    const fromFile = run(["--model", "PaymentSessionResult", "huge.ndjson"], { nodeArgs: ["--max-old-space-size=24"] });
    expect(fromFile.stderr).toBe("");
    expect(fromFile.status).toBe(2);
    expect(fromFile.stdout).toMatch(/huge\.ndjson:2: error: line too long: 96\.0 MiB, over the limit of 16\.0 MiB/);
    expect(fromFile.stdout).toContain("huge.ndjson:3: invalid PaymentSessionResult");
    expect(fromFile.stdout).toContain("3 payloads in 1 source: 2 valid, 1 invalid, 1 input error");
    const fromStdin = pipeline("cat huge.ndjson | payment-validate --model PaymentSessionResult -");
    expect(fromStdin.stdout).toContain("<stdin>:2: error: line too long: 96.0 MiB");
    expect(fromStdin.stdout).toContain("3 payloads in 1 source: 2 valid, 1 invalid, 1 input error");
    rmSync(path);
  }, 120_000);
});

describe("payment-validate: what an input holds", () => {
  it("--input-format says it for any file name; other extensions are sniffed from content", () => {
    file("app.log", ndjson(gateway, badStatus));
    file("resp.txt", JSON.stringify(gateway, null, 2));
    file("noextension", JSON.stringify([gateway, badStatus]));
    file("one-doc.ndjson", JSON.stringify(gateway, null, 2));
    expect(run(["app.log"]).stdout).toContain("app.log:2: invalid PaymentSessionResult");
    expect(run(["resp.txt"]).stdout).toContain("1 payload in 1 source: 1 valid, 0 invalid");
    expect(run(["noextension"]).stdout).toContain("noextension[1]: invalid PaymentSessionResult");
    // As lines, a pretty-printed document is bad JSON on line 1; as a document, one payload.
    expect(run(["one-doc.ndjson"]).stdout).toContain("one-doc.ndjson:1:2: error: invalid JSON");
    expect(run(["--input-format", "json", "one-doc.ndjson"]).status).toBe(0);
    expect(run(["--input-format", "ndjson", "app.log"]).stdout).toContain("app.log:2: invalid PaymentSessionResult");
    expect(run(["--input-format", "json", "app.log"]).stdout).toContain("app.log:2:1: error: invalid JSON: unexpected text after the end of the JSON value");
  });

  it("a folder is named as such, with what to do instead", () => {
    mkdirSync(join(workspace.dir(), "captures"), { recursive: true });
    const { status, stdout } = run(["captures"]);
    expect(status).toBe(2);
    expect(stdout).toContain("captures: error: cannot read: it is a folder (name files, or a glob such as folder/**/*.json)");
  });
});

describe("payment-validate: issues and integers", () => {
  it("gives a payload at most 1,000 issues, whatever its shape", () => {
    const unknownKeys = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`unknown${i}`, i]));
    file("flood.ndjson", ndjson(withEveryObjectExtended(gateway, unknownKeys)));
    const r = jsonReport(run(["--format", "json", "--model", "PaymentSessionResult", "flood.ndjson"]).stdout);
    expect(r.results[0]!.issues).toHaveLength(1001);
    expect(r.results[0]!.issues!.at(-1)).toMatchObject({ keyword: "maxIssues", message: "validation stopped after 1000 issues; there may be more" });
  });

  it("checks int64 fields on their digits, never rounding", () => {
    const withValue = (value: string) => JSON.stringify(adyen).replace(/^\{/, `{"payments":[{"amount":{"currency":"EUR","value":${value}},"paymentMethod":{"type":"scheme"},"resultCode":"Authorised"}],`);
    const verdicts: [string, number][] = [
      ["9223372036854775807", 0],
      ["-9223372036854775808", 0],
      ["9007199254740993", 0],
      ["9223372036854775808", 1],
      ["-9223372036854775809", 1],
      ["123456789012345678901234567890", 1],
    ];
    for (const [digits, status] of verdicts) {
      const name = file(`int64-${digits}.ndjson`, `${withValue(digits)}\n`);
      expect(JSON.parse(withValue(digits))).toBeTruthy();
      const result = run(["--model", "SessionResultResponse", name]);
      expect(result.status, `${digits}: ${result.stdout}`).toBe(status);
      if (status === 1) expect(result.stdout).toContain(`/payments/0/amount/value: must be a signed 64-bit integer (int64, from -9223372036854775808 to 9223372036854775807); ${digits} is out of range [format]`);
      // The same in a JSON document (array element).
      const doc = file(`int64-${digits}.json`, `[${withValue(digits)}]`);
      expect(run(["--model", "SessionResultResponse", doc]).status).toBe(status);
    }
  });
});
