// Where a JSON text stops being JSON. JSON.parse on Node 20 names no position in most of its
// messages, so after it fails this scanner walks the text once (iteratively: no recursion limit)
// and reports the first offending offset with a message in plain words.

export interface JsonSyntaxProblem {
  /** Offset (UTF-16 code units) of the first character that cannot continue valid JSON. */
  readonly offset: number;
  readonly message: string;
}

export interface TextPosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

function found(text: string, at: number): string {
  return at >= text.length ? "end of input" : JSON.stringify(text[at]);
}

function skipWhitespace(text: string, at: number): number {
  while (at < text.length && WHITESPACE.has(text[at]!)) at++;
  return at;
}

/** End offset of the string starting at `start` (a `"`), or the problem inside it. */
function scanString(text: string, start: number): number | JsonSyntaxProblem {
  let at = start + 1;
  while (at < text.length) {
    const ch = text[at]!;
    if (ch === '"') return at + 1;
    if (ch === "\\") {
      const next = text[at + 1];
      if (next === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) return { offset: at, message: "invalid \\u escape: expected four hex digits" };
        at += 6;
        continue;
      }
      if (next === undefined || !ESCAPES.has(next)) return { offset: at, message: `invalid escape sequence \\${next ?? ""}` };
      at += 2;
      continue;
    }
    if (ch.charCodeAt(0) < 0x20) return { offset: at, message: "unescaped control character in string" };
    at++;
  }
  return { offset: start, message: "unterminated string" };
}

/** The first syntax problem of `text`, or undefined when it is one valid JSON value. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const open: ("array" | "object")[] = [];
  let mode: "value" | "key" | "after" = "value";
  let at = 0;
  for (;;) {
    at = skipWhitespace(text, at);
    const ch = text[at];
    if (mode === "value") {
      if (ch === "{" || ch === "[") {
        const close = ch === "{" ? "}" : "]";
        at = skipWhitespace(text, at + 1);
        if (text[at] === close) {
          at++;
          mode = "after";
        } else {
          open.push(ch === "{" ? "object" : "array");
          mode = ch === "{" ? "key" : "value";
        }
      } else if (ch === '"') {
        const end = scanString(text, at);
        if (typeof end !== "number") return end;
        at = end;
        mode = "after";
      } else if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) {
        NUMBER.lastIndex = at;
        const match = NUMBER.exec(text);
        if (!match) return { offset: at, message: `invalid number starting with ${found(text, at)}` };
        at += match[0].length;
        mode = "after";
      } else {
        const literal = ["true", "false", "null"].find((word) => text.startsWith(word, at));
        if (!literal) return { offset: at, message: `expected a value, found ${found(text, at)}` };
        at += literal.length;
        mode = "after";
      }
    } else if (mode === "key") {
      if (ch !== '"') return { offset: at, message: `expected a property name in double quotes, found ${found(text, at)}` };
      const end = scanString(text, at);
      if (typeof end !== "number") return end;
      at = skipWhitespace(text, end);
      if (text[at] !== ":") return { offset: at, message: `expected ":" after the property name, found ${found(text, at)}` };
      at++;
      mode = "value";
    } else {
      const inside = open.at(-1);
      if (inside === undefined) return at < text.length ? { offset: at, message: `unexpected ${found(text, at)} after the end of the JSON value` } : undefined;
      const close = inside === "object" ? "}" : "]";
      if (ch === ",") {
        at++;
        mode = inside === "object" ? "key" : "value";
      } else if (ch === close) {
        at++;
        open.pop();
      } else return { offset: at, message: `expected "," or "${close}" after ${inside === "object" ? "a property value" : "an array element"}, found ${found(text, at)}` };
    }
  }
}

export function positionOf(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

export type ParsedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly position: TextPosition; readonly message: string };

/** Where and why `text` is not JSON, after JSON.parse rejected it with `error`. */
export function describeJsonError(text: string, error: unknown): { readonly position: TextPosition; readonly message: string } {
  const problem = findJsonSyntaxProblem(text) ?? { offset: 0, message: (error as Error).message };
  return { position: positionOf(text, problem.offset), message: problem.message };
}

/** JSON.parse, with the line and column of the first problem when the text is not JSON. */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, ...describeJsonError(text, error) };
  }
}
