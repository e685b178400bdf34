// The bad-JSON locator behind payment-validate's "line:column" errors agrees with JSON.parse on
// what is JSON, on any text, and points at the character where the text stops being JSON.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findJsonSyntaxProblem, parseJson, positionOf } from "../src/cli/json-syntax.js";

/** Valid JSON texts, and the same texts with one character inserted, removed or replaced. */
const jsonText = fc.json({ depthSize: "small" });
const damagedJsonText = fc
  .tuple(jsonText, fc.nat(), fc.constantFrom("insert", "remove", "replace"), fc.constantFrom(..."{}[],:\"\\ tfn0-.eE\u0001x".split("")))
  .map(([text, at, edit, ch]) => {
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

describe("findJsonSyntaxProblem", () => {
  it("finds no problem in any valid JSON text", () => {
    fc.assert(fc.property(jsonText, (text) => findJsonSyntaxProblem(text) === undefined));
  });

  it("finds a problem exactly when JSON.parse fails, within the text", () => {
    fc.assert(
      fc.property(fc.oneof(damagedJsonText, fc.string()), (text) => {
        const problem = findJsonSyntaxProblem(text);
        expect(problem === undefined).toBe(parses(text));
        if (problem) {
          expect(problem.offset).toBeGreaterThanOrEqual(0);
          expect(problem.offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("points at the first character that cannot continue a JSON text", () => {
    const cases: [string, number, string][] = [
      ['{"a": 1,}', 8, 'expected a property name in double quotes, found "}"'],
      ["[1, 2", 5, 'expected "," or "]" after an array element, found end of input'],
      ['{"a" 1}', 5, 'expected ":" after the property name, found "1"'],
      ["[tru]", 1, 'expected a value, found "t"'],
      ['"abc', 0, "unterminated string"],
      ['"a\\x"', 2, "invalid escape sequence \\x"],
      ["{} {}", 3, 'unexpected "{" after the end of the JSON value'],
      ["", 0, "expected a value, found end of input"],
      ["-", 0, 'invalid number starting with "-"'],
    ];
    for (const [text, offset, message] of cases) expect(findJsonSyntaxProblem(text), text).toEqual({ offset, message });
  });
});

describe("parseJson", () => {
  it("gives 1-based line and column of the problem", () => {
    expect(parseJson('{\n  "a": [1,\n    2,,\n  ]\n}')).toEqual({ ok: false, position: { line: 3, column: 7 }, message: 'expected a value, found ","' });
    expect(positionOf("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf("ab\ncd", 3)).toEqual({ line: 2, column: 1 });
  });
});
