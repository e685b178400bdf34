// Exact integers in everything published. JSON.stringify writes 2^63 as 9223372036854776000 (the
// shortest text that reads back as the same double), which other languages read as a different
// integer: Python's jsonschema then accepts `value: 2**63` against `exclusiveMaximum: 2^63`.
// Two halves make published integers exact:
//  - loading refuses an integer literal that no IEEE double holds exactly (2^63 - 1), since
//    every JavaScript tool, our validators included, would judge against a neighbouring value
//    (JavaScript's own text of a double, 9223372036854776000 for 2^63, is read as that double);
//  - `exactJson` writes every integer-valued double as its exact decimal digits.
import { LosslessNumber, parse } from "lossless-json";
import { SchemaError } from "../errors.js";
import { escapePointer } from "./schema-walk.js";

const PLAIN_INTEGER = /^-?(0|[1-9][0-9]*)$/;

/** Every integer literal in `text` that reads back as a different number (file, JSON Pointer). */
export function inexactIntegers(file: string, text: string): SchemaError[] {
  const errors: SchemaError[] = [];
  let tree: unknown;
  try {
    tree = parse(text);
  } catch {
    return errors; // not JSON: the loader's own parse reports where
  }
  const visit = (node: unknown, pointer: string): void => {
    if (node instanceof LosslessNumber) {
      const digits = node.value;
      // A literal JavaScript itself writes for a double (JSON.stringify gives 9223372036854776000
      // for 2^63, and tools that rewrite schemas do that) denotes that double: published exactly.
      if (PLAIN_INTEGER.test(digits) && BigInt(Number(digits)) !== BigInt(digits) && String(Number(digits)) !== digits) {
        errors.push(
          new SchemaError(
            file,
            pointer,
            "inexact-integer",
            `${digits} is not exactly representable as a JSON number in JavaScript (it reads back as ${BigInt(Number(digits))}); write a bound that is (e.g. exclusiveMaximum 2^63 = 9223372036854775808 instead of maximum 2^63 - 1)`,
          ),
        );
      }
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${pointer}/${i}`));
    } else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) visit(value, `${pointer}/${escapePointer(key)}`);
    }
  };
  visit(tree, "");
  return errors;
}

/** JSON text like JSON.stringify(value, null, indent), except that an integer beyond 2^53 keeps
 *  its exact decimal digits (2^63 is 9223372036854775808, not 9223372036854776000). */
export function exactJson(value: unknown, indent = 0): string {
  const pad = " ".repeat(indent);
  const write = (node: unknown, depth: string): string | undefined => {
    if (typeof node === "number") {
      return Number.isInteger(node) && !Number.isSafeInteger(node) ? BigInt(node).toString() : JSON.stringify(node);
    }
    if (node === null || typeof node !== "object") return JSON.stringify(node);
    const inner = depth + pad;
    const open = indent > 0 ? `\n${inner}` : "";
    const sep = indent > 0 ? `,\n${inner}` : ",";
    const close = indent > 0 ? `\n${depth}` : "";
    if (Array.isArray(node)) {
      if (node.length === 0) return "[]";
      return `[${open}${node.map((item) => write(item, inner) ?? "null").join(sep)}${close}]`;
    }
    const members: string[] = [];
    for (const [key, item] of Object.entries(node)) {
      const text = write(item, inner);
      if (text !== undefined) members.push(`${JSON.stringify(key)}:${indent > 0 ? " " : ""}${text}`);
    }
    return members.length === 0 ? "{}" : `{${open}${members.join(sep)}${close}}`;
  };
  return write(value, "") ?? "null";
}
