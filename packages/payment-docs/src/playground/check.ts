// What the playground does with the text a reader pastes, without the page: split it into payloads
// (one JSON value, a JSON array of payloads, or NDJSON), say where a payload stops being JSON,
// pick each payload's model (chosen, or inferred from its keys), validate it with the shipped
// validators, and find in the text the part each issue points at.
import { inferModel, validatorsByModel, type ValidationIssue } from "@org/payment-validators";
import { type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";

export type ModelName = keyof typeof validatorsByModel;

/** A span of the pasted text: [start, end) in UTF-16 code units. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

export interface LocatedIssue extends ValidationIssue {
  /** The part of the text the pointer names, when the payload's text has it. */
  readonly span: TextSpan | undefined;
}

interface Place {
  /** 1-based line of the payload in the text (NDJSON) when there are several lines. */
  readonly line: number | undefined;
  /** Index in a top-level JSON array of payloads. */
  readonly index: number | undefined;
}

export type PayloadReport =
  | (Place & { readonly kind: "not-json"; readonly message: string; readonly at: { readonly line: number; readonly column: number }; readonly span: TextSpan })
  | (Place & { readonly kind: "no-model"; readonly message: string })
  | (Place & { readonly kind: "checked"; readonly model: ModelName; readonly valid: boolean; readonly issues: readonly LocatedIssue[]; readonly warnings: readonly LocatedIssue[] });

export interface CheckOptions {
  /** A model name, or undefined to infer each payload's model. */
  readonly model: ModelName | undefined;
  readonly tolerant: boolean;
}

const SYNTAX_WORDS: Record<string, string> = {
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," or a closing bracket',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: "unexpected text after the end of the JSON value",
  InvalidCommentToken: "comments are not JSON",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "incomplete number",
  InvalidUnicode: "invalid \\u escape: expected four hex digits",
  InvalidEscapeCharacter: "invalid escape sequence",
  InvalidCharacter: "unescaped control character in string",
};

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}

function found(text: string, offset: number, length: number): string {
  return offset >= text.length ? "end of input" : JSON.stringify(text.slice(offset, offset + Math.max(1, Math.min(length, 20))));
}

/** A JSON text parsed twice over: JSON.parse decides the value (exactly what the validators would
 *  get from a consumer), jsonc-parser's tree knows where each value sits, and says where the text
 *  stops being JSON when JSON.parse rejects it. */
type Parsed = { readonly ok: true; readonly value: unknown; readonly tree: Node | undefined } | { readonly ok: false; readonly offset: number; readonly length: number; readonly message: string };

function parse(text: string): Parsed {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  try {
    return { ok: true, value: JSON.parse(text) as unknown, tree };
  } catch (error) {
    const first = errors[0];
    if (first === undefined) return { ok: false, offset: 0, length: text.length, message: (error as Error).message };
    const code = printParseErrorCode(first.error);
    const what = found(text, first.offset, first.length);
    const message = code === "InvalidSymbol" ? `unexpected ${what} (a string needs double quotes)` : `${SYNTAX_WORDS[code] ?? code}, found ${what}`;
    return { ok: false, offset: first.offset, length: Math.max(first.length, 1), message };
  }
}

function lastProperty(object: Node, key: string): Node | undefined {
  let found: Node | undefined;
  for (const property of object.children ?? []) if (property.children?.[0]?.value === key) found = property;
  return found;
}

/** The node at a JSON Pointer. With a key given twice, the last one (the one JSON.parse keeps). */
function nodeAt(tree: Node, pointer: string): Node | undefined {
  let node: Node | undefined = tree;
  if (pointer === "") return node;
  for (const token of pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"))) {
    if (node?.type === "object") node = lastProperty(node, token)?.children?.[1];
    else if (node?.type === "array" && /^(0|[1-9]\d*)$/.test(token)) node = node.children?.[Number(token)];
    else return undefined;
  }
  return node;
}

/** The text an issue names: the value at its pointer (with its key, for an unknown property), or,
 *  for a missing key, the opening brace of the object that lacks it. */
function locate(tree: Node | undefined, issue: ValidationIssue, base: number): TextSpan | undefined {
  if (tree === undefined) return undefined;
  const node = nodeAt(tree, issue.pointer);
  if (node !== undefined) {
    const whole = issue.keyword === "additionalProperties" && node.parent?.type === "property" ? node.parent : node;
    return { start: base + whole.offset, end: base + whole.offset + whole.length };
  }
  if (issue.keyword === "required" && issue.pointer !== "") {
    const owner = nodeAt(tree, issue.pointer.slice(0, issue.pointer.lastIndexOf("/")));
    if (owner !== undefined) return { start: base + owner.offset, end: base + owner.offset + 1 };
  }
  return undefined;
}

function checkValue(value: unknown, tree: Node | undefined, base: number, place: Place, options: CheckOptions): PayloadReport {
  let model = options.model;
  if (model === undefined) {
    const inferred = inferModel(value);
    if (!inferred.ok) return { ...place, kind: "no-model", message: inferred.message.replace("pass --model with one of", "choose the model:") };
    model = inferred.model as ModelName;
  }
  const result = validatorsByModel[model](value, { mode: options.tolerant ? "tolerant" : "strict" });
  const located = (issues: readonly ValidationIssue[]) => issues.map((i) => ({ ...i, span: locate(tree, i, base) }));
  return { ...place, kind: "checked", model, valid: result.ok, issues: result.ok ? [] : located(result.issues), warnings: located(result.warnings) };
}

/** Every payload of the text with its verdict, in order. Empty text gives no report. */
export function checkText(text: string, options: CheckOptions): PayloadReport[] {
  if (text.trim() === "") return [];
  const whole = parse(text);
  const none = { line: undefined, index: undefined };
  if (whole.ok) {
    // A top-level array is a list of payloads, as payment-validate reads it.
    if (Array.isArray(whole.value) && whole.tree?.type === "array") {
      const items = whole.tree.children ?? [];
      return whole.value.map((value, index) => {
        const node = items[index];
        return checkValue(value, node, 0, { line: undefined, index }, options);
      });
    }
    return [checkValue(whole.value, whole.tree, 0, none, options)];
  }
  // Not one JSON value: NDJSON when it has several non-blank lines and the first is a JSON value on
  // its own (each line is then checked on its own); else one payload that breaks where it breaks.
  const lines = text.split("\n");
  const filled = lines.filter((l) => l.trim() !== "");
  if (filled.length < 2 || !parse(filled[0]!).ok) return [notJson(text, whole, none)];
  const reports: PayloadReport[] = [];
  let base = 0;
  lines.forEach((raw, i) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() !== "") {
      const place = { line: i + 1, index: undefined };
      const parsed = parse(line);
      if (parsed.ok) reports.push(checkValue(parsed.value, parsed.tree, base, place, options));
      else reports.push(notJson(text, { ...parsed, offset: base + parsed.offset }, place));
    }
    base += raw.length + 1;
  });
  return reports;
}

function notJson(text: string, problem: Extract<Parsed, { ok: false }>, place: Place): PayloadReport {
  return { ...place, kind: "not-json", message: problem.message, at: lineAndColumn(text, problem.offset), span: { start: problem.offset, end: Math.min(text.length, problem.offset + problem.length) } };
}
