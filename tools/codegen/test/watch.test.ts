// codegen --watch through a sequence of edits, as a user saves them: each run reuses what the
// edit did not change (memo.ts), yet the tree it leaves is exactly what a fresh full run writes;
// a bad edit is reported with its file and pointer and leaves the previous output alone; the next
// good edit recovers.
import { cpSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyRepo, removeRepo, runCodegen, snapshotGenerated, watchSession } from "./helpers.js";

const AMOUNT = "schemas/adyen/Amount.schema.json";
const RESULT_CODE = "schemas/adyen/PaymentResultCode.schema.json";
const TYPES = "packages/payment-types/src/generated/models.ts";

describe("--watch over a sequence of edits", () => {
  let root: string;
  let fresh: string | undefined;
  let watcher: ReturnType<typeof watchSession> | undefined;
  beforeEach(() => {
    root = copyRepo();
  });
  afterEach(() => {
    watcher?.stop();
    removeRepo(root);
    if (fresh) removeRepo(fresh);
  });

  it("writes what a full run writes after each good edit, keeps the output through bad ones, and recovers", async () => {
    const session = watchSession(root);
    watcher = session;
    const { output, until } = session;
    await until(() => output().includes("watching schemas/"), "the watch to start");

    const read = (rel: string) => readFileSync(join(root, rel), "utf8");
    /** Saves like an editor (a temp file renamed over the schema), then waits for the run it starts. */
    const save = async (rel: string, text: string, expected: RegExp) => {
      const before = output().length;
      writeFileSync(join(root, `${rel}.swp`), text);
      renameSync(join(root, `${rel}.swp`), join(root, rel));
      const since = () => output().slice(before);
      await until(() => expected.test(since()) && since().includes("codegen --watch: "), `a run after saving ${rel}`);
      return since();
    };
    const edit = (rel: string, change: (schema: Record<string, any>) => void) => {
      const schema = JSON.parse(read(rel)) as Record<string, any>;
      change(schema);
      return `${JSON.stringify(schema, null, 2)}\n`;
    };
    // Amount holds integers beyond 2^53 (its int64 bounds): edited as text, which JSON.parse would round.
    const original = read(AMOUNT);
    const withNote = (note: string) => original.replace('"properties": {\n', `"properties": {\n    "note": ${note},\n`);

    // A description: annotations only, the validators' compile is reused.
    let log = await save(AMOUNT, original.replace("for example EUR.", "for example EUR (watched)."), /output written/);
    expect(read(TYPES)).toContain("for example EUR (watched).");
    expect(log).toMatch(/cached steps reused/);
    // An enum value (with its meaning, which the lint rules ask for).
    await save(
      RESULT_CODE,
      edit(RESULT_CODE, (s) => {
        s.enum.push("Parked");
        s["x-enum-descriptions"].Parked = "Held by the acquirer for a later decision.";
      }),
      /output written/,
    );
    expect(read(TYPES)).toContain('"Parked"');
    // A property.
    await save(AMOUNT, withNote('{ "type": "string", "maxLength": 80, "description": "A note for the merchant." }'), /output written/);
    expect(read(TYPES)).toContain("A note for the merchant.");

    // Bad edits: named with file and position or pointer, the output untouched.
    const good = snapshotGenerated(root);
    log = await save(AMOUNT, read(AMOUNT).replace('"type": "object"', '"type": "object",,'), /output left as it was/);
    expect(log).toMatch(/schemas\/adyen\/Amount\.schema\.json# \[json\] invalid JSON at line \d+, column \d+/);
    expect(log).toContain("codegen: nothing was written.");
    expect(snapshotGenerated(root)).toEqual(good);
    log = await save(AMOUNT, withNote('{ "type": "string" }'), /output left as it was/);
    expect(log).toContain("schemas/adyen/Amount.schema.json#/properties/note [property-description]");
    expect(snapshotGenerated(root)).toEqual(good);

    // The next good edit recovers.
    await save(AMOUNT, withNote('{ "type": "string", "maxLength": 80, "description": "A note, recovered." }'), /output written/);
    expect(read(TYPES)).toContain("A note, recovered.");

    session.stop();
    watcher = undefined;
    rmSync(join(root, ".codegen.lock"), { force: true });
    const check = runCodegen(root, "--check");
    expect(check.status, check.output).toBe(0);
    // A fresh full run (no memo, new process) on the same schemas writes the same tree.
    fresh = copyRepo();
    rmSync(join(fresh, "schemas"), { recursive: true });
    cpSync(join(root, "schemas"), join(fresh, "schemas"), { recursive: true });
    const full = runCodegen(fresh);
    expect(full.status, full.output).toBe(0);
    expect(snapshotGenerated(root)).toEqual(snapshotGenerated(fresh));
  }, 600_000);
});
