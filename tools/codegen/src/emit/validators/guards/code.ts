// code: the guard compiler's one way to make JavaScript. Keyword modules build small expression
// and statement trees with the functions below; `printExpr`/`printStmt` are the only code that
// turns them into text. Trees can be inspected (is this check always true? is this body one call
// of a guard function?) without reading generated code back. Identifiers are the compiler's own
// (`d`, `p0`, `guard$pattern1`); every value from a schema enters the code through `literal`.
import type { JsonValue } from "../../../model/schema-walk.js";

/** A JSON type as Ajv's `type` keyword tests it. */
export type JsonType = "null" | "boolean" | "string" | "number" | "integer" | "object" | "array";

export type Expr =
  | { readonly kind: "true" }
  | { readonly kind: "false" }
  /** A variable or other name the compiler chose (a local, a module constant, a global). */
  | { readonly kind: "name"; readonly name: string }
  /** A guard function this module declares: a call of one can stand for a whole schema. */
  | { readonly kind: "guard"; readonly name: string }
  | { readonly kind: "literal"; readonly value: JsonValue | undefined }
  /** Ajv's test for one JSON type (strict numbers). */
  | { readonly kind: "type"; readonly type: JsonType; readonly value: Expr }
  | { readonly kind: "member"; readonly object: Expr; readonly name: string }
  | { readonly kind: "index"; readonly object: Expr; readonly index: Expr }
  | { readonly kind: "call"; readonly callee: Expr; readonly args: readonly Expr[] }
  | { readonly kind: "new"; readonly callee: string; readonly args: readonly Expr[]; readonly pure: boolean }
  | { readonly kind: "binary"; readonly left: Expr; readonly op: string; readonly right: Expr }
  /** Parts joined by one operator, as written (no parentheses added). */
  | { readonly kind: "chain"; readonly op: "&&" | "||" | "+"; readonly parts: readonly Expr[] }
  | { readonly kind: "not"; readonly operand: Expr }
  | { readonly kind: "postfix"; readonly operand: Expr; readonly op: "++" | "--" }
  | { readonly kind: "conditional"; readonly test: Expr; readonly then: Expr; readonly otherwise: Expr }
  | { readonly kind: "paren"; readonly expr: Expr };

export type Stmt =
  | { readonly kind: "return"; readonly value: Expr }
  | { readonly kind: "expr"; readonly expr: Expr }
  | { readonly kind: "const" | "let"; readonly name: string; readonly init: Expr }
  | { readonly kind: "if"; readonly test: Expr; readonly then: Stmt }
  /** Statements on one line: `{ a b }` with braces, or just `a b` without. */
  | { readonly kind: "block" | "line"; readonly body: readonly Stmt[] }
  | { readonly kind: "for"; readonly variable: string; readonly start: Expr; readonly test: Expr; readonly update?: Expr; readonly body: Stmt }
  /** `for (const key in object)`, its body one statement a line. */
  | { readonly kind: "for-in"; readonly key: string; readonly object: Expr; readonly body: readonly Stmt[] }
  /** `switch (value)` with one shared `break` for the listed cases. */
  | { readonly kind: "switch"; readonly value: Expr; readonly cases: readonly JsonValue[]; readonly otherwise: Stmt };

/** A module-level declaration of the guards' source. */
export type Declaration =
  | { readonly kind: "const"; readonly name: string; readonly init: Expr; readonly exported?: boolean }
  | { readonly kind: "function"; readonly name: string; readonly param: string; readonly body: readonly Stmt[] };

export const TRUE: Expr = { kind: "true" };
export const FALSE: Expr = { kind: "false" };
export const REJECT: Stmt = { kind: "return", value: FALSE };
export const ACCEPT: Stmt = { kind: "return", value: TRUE };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export const name = (text: string): Expr => ({ kind: "name", name: text });
export const guardFunction = (text: string): Expr => ({ kind: "guard", name: text });
export const literal = (value: JsonValue | undefined): Expr => ({ kind: "literal", value });
export const member = (object: Expr, key: string): Expr => ({ kind: "member", object, name: key });
export const index = (object: Expr, at: Expr): Expr => ({ kind: "index", object, index: at });
export const call = (callee: Expr, ...args: Expr[]): Expr => ({ kind: "call", callee, args });
export const binary = (left: Expr, op: string, right: Expr): Expr => ({ kind: "binary", left, op, right });
export const chain = (op: "&&" | "||" | "+", parts: readonly Expr[]): Expr => (parts.length === 1 ? parts[0]! : { kind: "chain", op, parts });
export const paren = (expr: Expr): Expr => ({ kind: "paren", expr });
export const bang = (operand: Expr): Expr => ({ kind: "not", operand });
/** `!(expr)` */
export const not = (expr: Expr): Expr => bang(paren(expr));
export const postfix = (operand: Expr, op: "++" | "--"): Expr => ({ kind: "postfix", operand, op });
export const conditional = (test: Expr, then: Expr, otherwise: Expr): Expr => ({ kind: "conditional", test, then, otherwise });
export const typeTest = (type: JsonType, value: Expr): Expr => ({ kind: "type", type, value });
/** `new RegExp(source, flags)`, marked pure so a bundler may drop it when unused. */
export const regExp = (source: string, flags: string): Expr => ({ kind: "new", callee: "RegExp", args: [literal(source), literal(flags)], pure: true });

/** `object.key`, or `object["key"]` for a key that is no identifier. */
export function property(object: Expr, key: string): Expr {
  return IDENTIFIER.test(key) ? member(object, key) : index(object, literal(key));
}

/** Every part must hold: `true` parts drop out, a `false` part decides. */
export function and(parts: readonly Expr[]): Expr {
  const kept = parts.filter((p) => p.kind !== "true");
  if (kept.some((p) => p.kind === "false")) return FALSE;
  return kept.length === 0 ? TRUE : chain("&&", kept.length === 1 ? kept : kept.map(paren));
}

/** Some part must hold: `false` parts drop out, a `true` part decides. */
export function or(parts: readonly Expr[]): Expr {
  const kept = parts.filter((p) => p.kind !== "false");
  if (kept.some((p) => p.kind === "true")) return TRUE;
  return kept.length === 0 ? FALSE : chain("||", kept.length === 1 ? kept : kept.map(paren));
}

/** `if (test) return false;` */
export const rejectIf = (test: Expr): Stmt => ({ kind: "if", test, then: REJECT });
/** `if (!(test)) return false;` */
export const rejectUnless = (test: Expr): Stmt => rejectIf(not(test));
export const constant = (variable: string, init: Expr): Stmt => ({ kind: "const", name: variable, init });
export const line = (...body: Stmt[]): Stmt => ({ kind: "line", body });
export const block = (...body: Stmt[]): Stmt => ({ kind: "block", body });

/** The guard function a call stands for, when `expr` is nothing but `guardFunction(arg)`. */
export function calledGuard(expr: Expr, arg: string): string | undefined {
  if (expr.kind !== "call" || expr.callee.kind !== "guard" || expr.args.length !== 1) return undefined;
  const [only] = expr.args;
  return only!.kind === "name" && only.name === arg ? expr.callee.name : undefined;
}

function typeText(type: JsonType, v: string): string {
  switch (type) {
    case "null":
      return `${v} === null`;
    case "boolean":
      return `typeof ${v} === "boolean"`;
    case "string":
      return `typeof ${v} === "string"`;
    case "number":
      return `(typeof ${v} === "number" && isFinite(${v}))`;
    case "integer":
      return `(typeof ${v} === "number" && !(${v} % 1) && !isNaN(${v}) && isFinite(${v}))`;
    case "object":
      return `(typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v}))`;
    case "array":
      return `Array.isArray(${v})`;
  }
}

export function printExpr(expr: Expr): string {
  switch (expr.kind) {
    case "true":
      return "true";
    case "false":
      return "false";
    case "name":
    case "guard":
      return expr.name;
    case "literal":
      return expr.value === undefined ? "undefined" : JSON.stringify(expr.value);
    case "type":
      return typeText(expr.type, printExpr(expr.value));
    case "member":
      return `${printExpr(expr.object)}.${expr.name}`;
    case "index":
      return `${printExpr(expr.object)}[${printExpr(expr.index)}]`;
    case "call":
      return `${printExpr(expr.callee)}(${expr.args.map(printExpr).join(", ")})`;
    case "new":
      return `${expr.pure ? "/* @__PURE__ */ " : ""}new ${expr.callee}(${expr.args.map(printExpr).join(", ")})`;
    case "binary":
      return `${printExpr(expr.left)} ${expr.op} ${printExpr(expr.right)}`;
    case "chain":
      return expr.parts.map(printExpr).join(` ${expr.op} `);
    case "not":
      return `!${printExpr(expr.operand)}`;
    case "postfix":
      return `${printExpr(expr.operand)}${expr.op}`;
    case "conditional":
      return `${printExpr(expr.test)} ? ${printExpr(expr.then)} : ${printExpr(expr.otherwise)}`;
    case "paren":
      return `(${printExpr(expr.expr)})`;
  }
}

/** One statement; `indent` is the indentation of the line it starts on (for its nested lines). */
export function printStmt(stmt: Stmt, indent = ""): string {
  const inner = `${indent}  `;
  switch (stmt.kind) {
    case "return":
      return `return ${printExpr(stmt.value)};`;
    case "expr":
      return `${printExpr(stmt.expr)};`;
    case "const":
    case "let":
      return `${stmt.kind} ${stmt.name} = ${printExpr(stmt.init)};`;
    case "if":
      return `if (${printExpr(stmt.test)}) ${printStmt(stmt.then, indent)}`;
    case "block":
      return `{ ${stmt.body.map((s) => printStmt(s, indent)).join(" ")} }`;
    case "line":
      return stmt.body.map((s) => printStmt(s, indent)).join(" ");
    case "for": {
      const update = stmt.update ? ` ${printExpr(stmt.update)}` : "";
      return `for (let ${stmt.variable} = ${printExpr(stmt.start)}; ${printExpr(stmt.test)};${update}) ${printStmt(stmt.body, indent)}`;
    }
    case "for-in":
      return `for (const ${stmt.key} in ${printExpr(stmt.object)}) {\n${stmt.body.map((s) => `${inner}${printStmt(s, inner)}`).join("\n")}\n${indent}}`;
    case "switch": {
      const cases = stmt.cases.map((value) => `${inner}case ${JSON.stringify(value)}:`).join("\n");
      return `switch (${printExpr(stmt.value)}) {\n${cases}\n${inner}  break;\n${inner}default: ${printStmt(stmt.otherwise, inner)}\n${indent}}`;
    }
  }
}

export function printDeclaration(declaration: Declaration): string {
  if (declaration.kind === "const") return `${declaration.exported ? "export " : ""}const ${declaration.name} = ${printExpr(declaration.init)};`;
  return `function ${declaration.name}(${declaration.param}) {\n${declaration.body.map((s) => `  ${printStmt(s, "  ")}`).join("\n")}\n}`;
}
