// guards: a fast yes/no check for the valid path, generated from the same schema views Ajv
// compiles. Ajv's code (compiled with allErrors) stays the source of issues; a guard only answers
// "valid?" and must give Ajv's answer on every input, so every keyword mirrors Ajv's own semantics:
// its type tests (strict numbers), keywords that apply only to their own type, `required` as
// `!== undefined`, `for...in` for the keys of an object, code-point lengths, `u` patterns, the same
// format functions. A schema using a keyword with no mapping here gets no guard at all (the runtime
// then runs Ajv), never an approximate one.
//
// This driver walks the schema and gates each keyword group by its type; one module per keyword
// group builds the conditions as trees (code.ts), and only code.ts prints them.
import type { Format } from "ajv";
import { type JsonObject, type JsonValue, isObject } from "../../../model/schema-walk.js";
import { type Declaration, type Expr, FALSE, type Stmt, TRUE, and, call, calledGuard, guardFunction, literal, member, name, not, or, printDeclaration, printExpr, printStmt } from "./code.js";
import { ANNOTATION, type GuardContext, type Group, GuardUnsupported, type Resolved, Scope } from "./context.js";
import { ARRAY_KEYWORDS, arrayChecks } from "./arrays.js";
import { COMPOSITION_KEYWORDS, compositionChecks } from "./composition.js";
import { NUMBER_KEYWORDS, numberChecks } from "./numbers.js";
import { OBJECT_KEYWORDS, objectChecks } from "./objects.js";
import { REF_KEYWORDS, refCheck, resolveRef } from "./refs.js";
import { FORMAT_KEYWORDS, STRING_KEYWORDS, stringChecks } from "./strings.js";
import { TYPE_KEYWORDS, constCheck, effectiveTypes, enumCheck, enumImpliesType, groupOf, typeOf } from "./types.js";
import { withoutUnevaluated } from "./unevaluated.js";

export { GuardUnsupported } from "./context.js";

export interface GuardInput {
  /** Every schema resource (each with an absolute `$id`) the roots may reference. */
  readonly resources: readonly JsonObject[];
  /** Export name -> `$id` of the schema to guard. */
  readonly roots: Readonly<Record<string, string>>;
  /** The format definitions Ajv compiled with, by name (Ajv's own `ajv.formats`). */
  readonly formats: Readonly<Record<string, Format | undefined>>;
  /** Name of the table of format functions, the same one Ajv's standalone code uses. */
  readonly formatsCode: string;
  /** Name of the code-point counter Ajv's code uses for minLength/maxLength. */
  readonly ucs2lengthCode: string;
  /** Constants the module already declares (initialiser text -> name): a pattern or format the
   *  guards need is taken from there instead of being declared twice. */
  readonly declared?: ReadonlyMap<string, string>;
}

export interface GuardOutput {
  /** ESM source: per root, an exported `(data: unknown) => boolean`, or `undefined` if skipped. */
  readonly source: string;
  /** Roots with no guard, with the reason. */
  readonly skipped: ReadonlyMap<string, string>;
}

const SUPPORTED = new Set([...TYPE_KEYWORDS, ...STRING_KEYWORDS, ...NUMBER_KEYWORDS, ...OBJECT_KEYWORDS, ...ARRAY_KEYWORDS, ...COMPOSITION_KEYWORDS, ...REF_KEYWORDS, ...FORMAT_KEYWORDS]);
const GROUPS = ["string", "number", "object", "array"] as const;

/** The initialiser as Ajv's code would declare it (without our pure marks), to find it there. */
function unmarked(init: Expr): Expr {
  return init.kind === "new" ? { ...init, pure: false } : init;
}

export class GuardCompiler implements GuardContext {
  readonly formats: Readonly<Record<string, Format | undefined>>;
  readonly formatTable: Expr;
  readonly ucs2length: Expr;
  private readonly declarations: Declaration[] = [];
  private readonly functionFor = new Map<JsonValue, string>();
  private readonly constants = new Map<string, string>();
  private readonly bodies = new Map<string, string>();
  private readonly compiling = new Set<string>();
  private readonly selfReferencing = new Set<string>();
  private readonly byId = new Map<string, JsonObject>();
  private names = 0;

  constructor(private readonly input: GuardInput) {
    this.formats = input.formats;
    this.formatTable = name(input.formatsCode);
    this.ucs2length = name(input.ucs2lengthCode);
    for (const resource of input.resources) {
      if (typeof resource.$id !== "string") throw new Error("guards: every resource needs an absolute $id");
      this.byId.set(resource.$id, resource);
    }
  }

  /** Compiles one root to the name of its guard; on an unsupported keyword nothing of it is kept. */
  root(id: string): string {
    const resource = this.byId.get(id);
    if (!resource) throw new Error(`guards: no schema with $id ${id}`);
    const saved = { declarations: this.declarations.length, functions: new Map(this.functionFor), constants: new Map(this.constants), bodies: new Map(this.bodies) };
    try {
      return printExpr(this.functionOf(resource, id));
    } catch (error) {
      this.declarations.length = saved.declarations;
      restore(this.functionFor, saved.functions);
      restore(this.constants, saved.constants);
      restore(this.bodies, saved.bodies);
      throw error;
    }
  }

  /** The module: every declaration, then one export per root (`undefined` for a skipped one). */
  source(exports: ReadonlyMap<string, string | undefined>): string {
    const lines = this.declarations.map(printDeclaration);
    for (const [exportName, fn] of exports) lines.push(printDeclaration({ kind: "const", exported: true, name: exportName, init: fn === undefined ? literal(undefined) : guardFunction(fn) }));
    return lines.join("\n");
  }

  /** Module-level names carry a `$`, which Ajv's generated names never do: the guards can share
   *  one module with Ajv's standalone code. */
  private freshName(prefix: string): string {
    return `guard$${prefix}${this.names++}`;
  }

  constant(prefix: string, init: Expr): Expr {
    const shared = this.input.declared?.get(printExpr(unmarked(init)));
    if (shared) return name(shared);
    const key = printExpr(init);
    let constantName = this.constants.get(key);
    if (!constantName) {
      constantName = this.freshName(prefix);
      this.constants.set(key, constantName);
      this.declarations.push({ kind: "const", name: constantName, init });
    }
    return name(constantName);
  }

  equal(): Expr {
    return this.constant("equal", member(call(name("require"), literal("ajv/dist/runtime/equal")), "default"));
  }

  resolve(ref: string, base: string): Resolved {
    return resolveRef(ref, base, this.byId);
  }

  functionOf(node: JsonValue, base: string): Expr {
    const known = this.functionFor.get(node);
    if (known) {
      if (this.compiling.has(known)) this.selfReferencing.add(known);
      return guardFunction(known);
    }
    const functionName = this.freshName("schema");
    this.functionFor.set(node, functionName);
    this.compiling.add(functionName);
    const body = this.check(node, "d", base, undefined, new Scope());
    this.compiling.delete(functionName);
    // A schema that is one call (e.g. an object's checking function) is that function, unless the
    // schema refers to itself (its name is then already in use).
    const called = calledGuard(body, "d");
    const emitted = called && !this.selfReferencing.has(functionName) ? called : this.emitFunction(functionName, [{ kind: "return", value: body }]);
    this.functionFor.set(node, emitted);
    return guardFunction(emitted);
  }

  declareFunction(prefix: string, body: readonly Stmt[]): Expr {
    return guardFunction(this.emitFunction(this.freshName(prefix), body));
  }

  /** Declares `function name(d) { body }`, or returns the function already declared with the same
   *  body (a body naming its own function is then the same function under another name). */
  private emitFunction(functionName: string, body: readonly Stmt[]): string {
    const key = body.map((s) => printStmt(s)).join("\n");
    const existing = this.bodies.get(key);
    if (existing) return existing;
    this.bodies.set(key, functionName);
    this.declarations.push({ kind: "function", name: functionName, param: "d", body });
    return functionName;
  }

  check(node: JsonValue, v: string, base: string, known: Group | undefined, scope: Scope): Expr {
    if (node === true) return TRUE;
    if (node === false) return FALSE;
    if (!isObject(node)) throw new GuardUnsupported("a subschema must be an object or a boolean");
    if (typeof node.$id === "string" && node.$id !== base) throw new GuardUnsupported("embedded $id");
    node = withoutUnevaluated(node);
    for (const key of Object.keys(node)) {
      if (!SUPPORTED.has(key) && !ANNOTATION.has(key) && !key.startsWith("x-")) throw new GuardUnsupported(`keyword "${key}"`);
    }
    const parts = this.typeChecks(node, v, base, known);
    for (const part of [enumCheck(node, v, this), constCheck(node, v, this), refCheck(node, v, base, this)]) if (part) parts.push(part);
    const narrowed = node.type === "object" || node.type === "array" || node.type === "string" ? (node.type as Group) : known;
    parts.push(...compositionChecks(node, v, base, narrowed, scope, this));
    return and(parts);
  }

  /** `type` with the keyword groups it gates: each group applies only to values of its own type,
   *  so beside a type list a group's checks join its type's test, and without `type` a group
   *  holds for values of any other type. */
  private typeChecks(node: JsonObject, v: string, base: string, known: Group | undefined): Expr[] {
    const groups: Partial<Record<Group, Expr>> = {
      string: stringChecks(node, v, this),
      number: numberChecks(node, v, this),
      array: arrayChecks(node, v, base, this),
    };
    const types = effectiveTypes(node);
    if (types === undefined) {
      groups.object = objectChecks(node, v, base, false, this);
      const parts: Expr[] = [];
      for (const group of GROUPS) {
        const groupCheck = groups[group];
        if (!groupCheck || groupCheck.kind === "true") continue;
        parts.push(group === known ? groupCheck : or([not(typeOf(group, v)), groupCheck]));
      }
      return parts;
    }
    let bare = true;
    const branches = types.map((type) => {
      const group = groupOf(type);
      // An object's type test goes into its own checking function (one call, not two tests).
      if (group === "object") {
        const objectCheck = objectChecks(node, v, base, known !== "object", this);
        if (objectCheck) bare = false;
        return objectCheck ?? (known === "object" ? TRUE : typeOf(type, v));
      }
      const groupCheck = group ? groups[group] : undefined;
      if (groupCheck) bare = false;
      const test = group !== undefined && group === known && type !== "integer" ? TRUE : typeOf(type, v);
      return and([test, groupCheck ?? TRUE]);
    });
    // An enum of values that all have an allowed type already implies the type test. (Groups whose
    // type is not allowed can never apply: the type test already failed.)
    return bare && enumImpliesType(node, types) ? [] : [or(branches)];
  }
}

function restore<K, V>(map: Map<K, V>, saved: ReadonlyMap<K, V>): void {
  map.clear();
  for (const [k, v] of saved) map.set(k, v);
}

/** Compiles a guard for every root it can; the others are listed in `skipped` with the reason. */
export function compileGuards(input: GuardInput): GuardOutput {
  const compiler = new GuardCompiler(input);
  const exports = new Map<string, string | undefined>();
  const skipped = new Map<string, string>();
  for (const [exportName, id] of Object.entries(input.roots)) {
    try {
      exports.set(exportName, compiler.root(id));
    } catch (error) {
      if (!(error instanceof GuardUnsupported)) throw error;
      exports.set(exportName, undefined);
      skipped.set(exportName, error.message);
    }
  }
  return { source: compiler.source(exports), skipped };
}
