// JSON text as payment-validate reads it. JSON.parse stays the fast path; only when it fails does
// jsonc-parser (a parser that reports offsets) read the text again, to say where and why it is
// not JSON: Node 20's JSON.parse names no position in most of its messages. jsonc-parser also
// gives the literal digits of integers too large for a JS number, which JSON.parse rounds.
import { type JSONPath, type ParseError, parse, printParseErrorCode, visit } from "jsonc-parser";

export interface TextPosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export type ParsedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly position: TextPosition; readonly message: string };

const STRICT_JSON = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

// By jsonc-parser's error names (its codes are a const enum, which isolated modules cannot read).
const MESSAGES: Readonly<Record<string, string>> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "invalid number (it starts here)",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," or the end of the object or array',
  CloseBraceExpected: 'expected "," or "}" after a property value',
  CloseBracketExpected: 'expected "," or "]" after an array element',
  EndOfFileExpected: "unexpected text after the end of the JSON value",
  InvalidCommentToken: "comments are not JSON",
  UnexpectedEndOfComment: "comments are not JSON",
  UnexpectedEndOfString: "unterminated string (it starts here)",
  UnexpectedEndOfNumber: "invalid number (it starts here)",
  InvalidUnicode: "invalid \\u escape in the string that starts here: expected four hex digits",
  InvalidEscapeCharacter: "invalid escape sequence in the string that starts here",
  InvalidCharacter: "unescaped control character in the string that starts here",
};

export function positionOf(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function found(text: string, offset: number): string {
  return offset >= text.length ? "end of input" : JSON.stringify(String.fromCodePoint(text.codePointAt(offset)!));
}

/** Where and why `text` is not JSON, after JSON.parse rejected it with `error`. */
export function describeJsonError(text: string, error: unknown): { readonly position: TextPosition; readonly message: string } {
  const errors: ParseError[] = [];
  parse(text, errors, STRICT_JSON);
  // Where the text goes wrong is the first error; for a stray word the scanner's "unexpected
  // character" comes first, and the parser's next error (what was expected there) says more.
  const first = errors[0];
  const reason = errors.find((e) => printParseErrorCode(e.error) !== "InvalidSymbol") ?? first;
  // jsonc-parser accepts nothing JSON.parse rejects in the texts we know of; should it, the
  // engine's own words still go out, at the start of the text.
  if (first === undefined) return { position: positionOf(text, 0), message: (error as Error).message };
  const message = MESSAGES[printParseErrorCode(reason!.error)] ?? "invalid JSON";
  // Errors inside a string or number point at where it starts, which is not what went wrong.
  return { position: positionOf(text, first.offset), message: message.includes("starts here") ? message : `${message}, found ${found(text, first.offset)}` };
}

/** JSON.parse, with the line and column of the first problem when the text is not JSON. */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, ...describeJsonError(text, error) };
  }
}

export interface UnsafeInteger {
  /** Where the literal is, as property names and array indexes from the root. */
  readonly path: JSONPath;
  /** The literal as written, e.g. "9223372036854775807". */
  readonly digits: string;
}

const INTEGER_LITERAL = /^-?(?:0|[1-9]\d*)$/;

/** Every integer literal of a valid JSON text whose value a JS number does not hold exactly. */
export function unsafeIntegers(text: string): UnsafeInteger[] {
  const found: UnsafeInteger[] = [];
  visit(
    text,
    {
      onLiteralValue(value: unknown, offset: number, length: number, _line: number, _column: number, path: () => JSONPath) {
        if (typeof value !== "number" || Number.isSafeInteger(value)) return;
        const digits = text.slice(offset, offset + length);
        if (INTEGER_LITERAL.test(digits)) found.push({ path: path(), digits });
      },
    },
    STRICT_JSON,
  );
  return found;
}
