// payment-validate's JSON reading: JSON.parse decides what is JSON, and when it refuses a text the
// position-reporting parser (jsonc-parser) points at where the text stops being JSON, with a line
// and a column, on any text. Integers a JS number cannot hold come back with their digits.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJson, positionOf, unsafeIntegers } from "../src/cli/json-syntax.js";

/** Valid JSON texts, and the same texts with one character inserted, removed or replaced. */
const jsonText = fc.json({ depthSize: "small" });
const damagedJsonText = fc.tuple(jsonText, fc.nat(), fc.constantFrom("insert", "remove", "replace"), fc.constantFrom(...'{}[],:"\\ tfn0-.eE\u0001x/'.split(""))).map(([text, at, edit, ch]) => {
  const i = at % (text.length + 1);
  if (edit === "insert") return text.slice(0, i) + ch + text.slice(i);
  if (edit === "remove") return text.slice(0, i) + text.slice(i + 1);
  return text.slice(0, i) + ch + text.slice(i + 1);
});

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The offset a line and column point at. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf("\n", offset) + 1;
  return offset + column - 1;
}

describe("parseJson", () => {
  it("agrees with JSON.parse on what is JSON, and places every problem within the text", () => {
    fc.assert(
      fc.property(fc.oneof(jsonText, damagedJsonText, fc.string()), (text) => {
        const parsed = parseJson(text);
        expect(parsed.ok).toBe(parses(text));
        if (!parsed.ok) {
          const offset = offsetOf(text, parsed.position.line, parsed.position.column);
          expect(offset).toBeGreaterThanOrEqual(0);
          expect(offset).toBeLessThanOrEqual(text.length);
          expect(parsed.message).not.toBe("");
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("says in plain words what was expected where", () => {
    const cases: [string, number, string][] = [
      ['{"a": 1,}', 9, 'expected a property name in double quotes, found "}"'],
      ["[1, 2", 6, 'expected "," or "]" after an array element, found end of input'],
      ['{"a" 1}', 6, 'expected ":" after the property name, found "1"'],
      ['{"a":1,\n nope}', 2, 'expected a property name in double quotes, found "n"'],
      ['"abc', 1, "unterminated string (it starts here)"],
      ['"a\\x"', 1, "invalid escape sequence in the string that starts here"],
      ["{} {}", 4, 'unexpected text after the end of the JSON value, found "{"'],
      ["", 1, "expected a value, found end of input"],
      ["[1] // no", 5, 'comments are not JSON, found "/"'],
    ];
    for (const [text, column, message] of cases) {
      const parsed = parseJson(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect({ column: parsed.position.column, message: parsed.message }, text).toEqual({ column, message });
    }
  });

  it("gives 1-based line and column of the problem", () => {
    expect(parseJson('{\n  "a": [1,\n    2,,\n  ]\n}')).toEqual({ ok: false, position: { line: 3, column: 7 }, message: 'expected a value, found ","' });
    expect(positionOf("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf("ab\ncd", 3)).toEqual({ line: 2, column: 1 });
  });
});

describe("unsafeIntegers", () => {
  it("gives the path and digits of every integer literal beyond 2^53, and only those", () => {
    const text = '{"a":[1,9007199254740993,{"b":-9223372036854775809}],"c":9007199254740991,"d":1e400,"e":12345678901234567.5,"f":"9223372036854775807"}';
    expect(unsafeIntegers(text)).toEqual([
      { path: ["a", 1], digits: "9007199254740993" },
      { path: ["a", 2, "b"], digits: "-9223372036854775809" },
    ]);
  });
});
