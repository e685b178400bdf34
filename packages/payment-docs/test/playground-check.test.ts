// The playground's reading of pasted text, without the page: how the text splits into payloads and
// which part of the text each issue marks.
import { describe, expect, it } from "vitest";
import { checkText } from "../src/playground/check.js";
import { readSchemas } from "./docs-files.js";

const example = (name: string) => structuredClone((readSchemas().find((m) => m.name === name)!.schema.examples as Record<string, unknown>[])[0]!);
const strict = { model: undefined, tolerant: false } as const;

/** The text each issue's span covers. */
function marked(text: string): string[] {
  return checkText(text, strict).flatMap((r) =>
    r.kind === "checked" ? [...r.issues, ...r.warnings].map((i) => (i.span ? text.slice(i.span.start, i.span.end) : "(none)")) : r.kind === "not-json" ? [text.slice(r.span.start, r.span.end)] : [],
  );
}

describe("playground: checkText", () => {
  it("marks the value at the pointer, the key and value of an unknown property, the brace of an object missing a key", () => {
    const payload: Record<string, unknown> = { ...example("PaymentSessionResult"), amount: 79, surprise: { a: 1 } };
    delete payload.livemode;
    const text = JSON.stringify(payload, null, 1);
    expect(marked(text).sort()).toEqual(['"surprise": {\n  "a": 1\n }', "79", "{"].sort());
  });

  it("reads a top-level array as payloads by index, and an empty text as nothing", () => {
    const reports = checkText(JSON.stringify([example("PaymentSessionResult"), example("SessionResultResponse")]), strict);
    expect(reports.map((r) => [r.index, r.kind === "checked" && r.model, r.kind === "checked" && r.valid])).toEqual([
      [0, "PaymentSessionResult", true],
      [1, "SessionResultResponse", true],
    ]);
    expect(checkText("  \n", strict)).toEqual([]);
  });

  it("with a key given twice, marks the one JSON.parse keeps (the last)", () => {
    const text = `{"id": "first", "id": 5}`;
    expect(checkText(text, { model: "SessionResultResponse", tolerant: false })[0]).toMatchObject({ kind: "checked", valid: false });
    expect(marked(text)).toEqual(["5"]);
  });

  it("says where one multi-line payload breaks, not line by line, when its first line is no JSON value on its own", () => {
    const reports = checkText('{\n  "id": "x",\n  "status": \n}', strict);
    expect(reports).toMatchObject([{ kind: "not-json", line: undefined, at: { line: 4, column: 1 }, message: 'expected a value, found "}"' }]);
  });
});
