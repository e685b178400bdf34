// context: what a keyword module may ask of the compiler driver (index.ts), so that no keyword
// module reaches into another or into the driver's state.
import type { Format } from "ajv";
import type { JsonValue } from "../../../model/schema-walk.js";
import type { Expr, Stmt } from "./code.js";

/** Thrown (and caught per root) when a schema uses something a guard cannot mirror exactly; the
 *  message names the keyword, for the "no fast-path guard" warning. */
export class GuardUnsupported extends Error {}

/** The JSON types a group of keywords applies to, as Ajv gates them. */
export type Group = "string" | "number" | "object" | "array";

/** Local variable names of one generated function: numbered per function, so two functions that
 *  check the same thing have the same text and are emitted once. */
export class Scope {
  private next = 0;
  name(prefix: string): string {
    return `${prefix}${this.next++}`;
  }
}

/** A schema node found by `$ref`, with the base URI its own references resolve against. */
export interface Resolved {
  readonly node: JsonValue;
  readonly base: string;
}

export interface GuardContext {
  /** The format definitions Ajv compiled with, by name. */
  readonly formats: Readonly<Record<string, Format | undefined>>;
  /** The table of format functions Ajv's standalone code uses. */
  readonly formatTable: Expr;
  /** The code-point counter Ajv's code uses for minLength/maxLength. */
  readonly ucs2length: Expr;
  /** Does the value in variable `v` satisfy `node`? `known` is a JSON type the caller has already
   *  established for `v`; `scope` names the locals of the function being built. */
  check(node: JsonValue, v: string, base: string, known: Group | undefined, scope: Scope): Expr;
  /** A module-level constant, declared once per distinct initialiser; returns its name. */
  constant(prefix: string, init: Expr): Expr;
  /** Declares `function guard$<prefix>N(d) { body }` (or finds one with the same body). */
  declareFunction(prefix: string, body: readonly Stmt[]): Expr;
  /** The guard function checking a whole schema node. */
  functionOf(node: JsonValue, base: string): Expr;
  resolve(ref: string, base: string): Resolved;
  /** Ajv's deep equality (fast-deep-equal), as its own code calls it. */
  equal(): Expr;
}

/** Keywords that only annotate: they never change whether a value is valid. */
export const ANNOTATION = new Set([
  "$schema",
  "$id",
  "$anchor",
  "$defs",
  "$comment",
  "title",
  "description",
  "default",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
  "contentEncoding",
  "contentMediaType",
  "contentSchema",
]);
