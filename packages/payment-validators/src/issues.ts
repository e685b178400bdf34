// Turns Ajv's raw errors into the issues we promise: the JSON Pointer of the offending value, the
// keyword, a readable message and the expected value where one applies.
import type { AjvError } from "./compiled.js";
import { escapeToken } from "./pointer.js";

export interface ValidationIssue {
  /** JSON Pointer of the offending value ("" is the payload itself; for a missing or unknown key, the key's own pointer). */
  readonly pointer: string;
  /** The JSON Schema keyword (or check) that failed, e.g. "enum", "required", "legacy-drift". */
  readonly keyword: string;
  /** A readable sentence, e.g. "must be one of: completed, awaiting_verification, declined, failed". */
  readonly message: string;
  /** What was expected, where one value says it (allowed values, the pattern, the type...). */
  readonly expected?: unknown;
}

/** A model's cross-field rules (the if/then/else entries of its schema's top-level allOf), by
 *  schema path ("#/allOf/0"): the condition in words, or the rule's name when the condition has none.
 *  Generated from the schema. */
export type CrossFieldRules = Readonly<Record<string, { readonly if: string } | { readonly rule: string }>>;

// "#/allOf/0/else/properties/verification_url/type": the rule, the branch, the property path it names.
const RULE_BRANCH = /^(#\/allOf\/\d+)\/(then|else)\/((?:properties\/[^/]+\/)*)/;

// A branch's property path ("properties/sepa/properties/mandate_reference/") as the JSON Pointer it
// names ("/sepa/mandate_reference").
function branchPointer(properties: string): string {
  return properties
    .split("/")
    .filter((_, i) => i % 2 === 1)
    .map((t) => `/${escapeToken(decodeURIComponent(t))}`)
    .join("");
}

/** A schema path inside a rule's branch, read: the rule ("#/allOf/0"), which branch, and the JSON
 *  Pointer its property path names. */
interface RuleBranch {
  readonly rule: string;
  readonly then: boolean;
  readonly pointer: string;
}

// Schema paths are constants of the generated code, so each is read once; the cache holds at most
// one entry per "#/allOf/" schema path of the shipped schemas (and stops growing at a bound, for a
// compiled validator handed to createModelValidators that makes up its paths).
const ruleBranches = new Map<string, RuleBranch | null>();
const RULE_BRANCHES_KEPT = 10_000;

function ruleBranch(schemaPath: string): RuleBranch | null {
  let branch = ruleBranches.get(schemaPath);
  if (branch === undefined) {
    const match = RULE_BRANCH.exec(schemaPath);
    branch = match ? { rule: match[1]!, then: match[2] === "then", pointer: branchPointer(match[3]!) } : null;
    if (ruleBranches.size < RULE_BRANCHES_KEPT) ruleBranches.set(schemaPath, branch);
  }
  return branch;
}

/** True when `pointer` is `ancestor` or lies below it. */
function atOrBelow(pointer: string, ancestor: string): boolean {
  return pointer.length === ancestor.length ? pointer === ancestor : isBelow(pointer, ancestor);
}

/** True when `pointer` lies strictly below `ancestor` ("/a/b" below "/a" and below ""). */
function isBelow(pointer: string, ancestor: string): boolean {
  return pointer.length > ancestor.length && pointer.charCodeAt(ancestor.length) === 47 && pointer.startsWith(ancestor);
}

/** What an issue raised inside a rule's branch adds to its message ("unless status is
 *  awaiting_verification"), or undefined for any other error. A nested model's rule at the same
 *  schema path is told apart by the property path: the top-level rule's issues sit under it. */
function ruleClause(error: AjvError, rules: CrossFieldRules | undefined): string | undefined {
  if (rules === undefined || !error.schemaPath.startsWith("#/allOf/")) return undefined;
  const branch = ruleBranch(error.schemaPath);
  const rule = branch === null ? undefined : rules[branch.rule];
  if (rule === undefined) return undefined;
  if (!atOrBelow(error.instancePath, branch!.pointer)) return undefined;
  return "if" in rule ? `${branch!.then ? "when" : "unless"} ${rule.if}` : `(rule: ${rule.rule})`;
}

// The allowed values of an enum are the same array on every call (a constant of the generated
// code): its message is built once.
const enumMessages = new WeakMap<readonly unknown[], string>();

function enumMessage(values: unknown): string {
  if (!Array.isArray(values)) return `must be one of: ${String(values)}`;
  let text = enumMessages.get(values);
  if (text === undefined) {
    text = `must be one of: ${values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ")}`;
    enumMessages.set(values, text);
  }
  return text;
}

/** True for the name of one JSON Schema type (what Ajv's type errors name, one at a time). */
function isTypeName(type: string): boolean {
  switch (type) {
    case "string":
    case "null":
    case "object":
    case "integer":
    case "number":
    case "boolean":
    case "array":
      return true;
    default:
      return false;
  }
}

// The message of a type error naming one type: a constant for each JSON type.
function typeMessage(type: string): string {
  switch (type) {
    case "string":
      return "must be string";
    case "null":
      return "must be null";
    case "object":
      return "must be object";
    case "integer":
      return "must be integer";
    case "number":
      return "must be number";
    case "boolean":
      return "must be boolean";
    case "array":
      return "must be array";
    default:
      return `must be ${type}`;
  }
}

/** The issue of a type error: one type, or several (merged, or the error's own list). */
function typeIssue(pointer: string, types: string | readonly string[]): ValidationIssue {
  if (typeof types === "string") return { pointer, keyword: "type", message: typeMessage(types), expected: types };
  return { pointer, keyword: "type", message: types.length === 1 ? typeMessage(types[0]!) : `must be ${types.join(" or ")}`, expected: types.length === 1 ? types[0] : types };
}

/** The issue for one error; `mergedTypes` replaces a type error's own list of types. */
function describe(error: AjvError, mergedTypes?: string | readonly string[]): ValidationIssue {
  const p = error.params;
  const pointer = error.instancePath;
  switch (error.keyword) {
    case "type":
      return typeIssue(pointer, mergedTypes ?? (Array.isArray(p.type) ? p.type : String(p.type).split(",")));
    case "enum":
      return { pointer, keyword: "enum", message: enumMessage(p.allowedValues), expected: p.allowedValues };
    case "const":
      return { pointer, keyword: "const", message: `must be ${JSON.stringify(p.allowedValue)}`, expected: p.allowedValue };
    case "required":
      return { pointer: `${pointer}/${escapeToken(String(p.missingProperty))}`, keyword: "required", message: `required property "${String(p.missingProperty)}" is missing`, expected: p.missingProperty };
    case "additionalProperties":
      return { pointer: `${pointer}/${escapeToken(String(p.additionalProperty))}`, keyword: "additionalProperties", message: `unknown property "${String(p.additionalProperty)}" is not allowed` };
    case "pattern":
      return { pointer, keyword: "pattern", message: `must match the pattern ${String(p.pattern)}`, expected: p.pattern };
    case "format":
      return { pointer, keyword: "format", message: `must be a valid ${String(p.format)}`, expected: p.format };
    case "minLength":
    case "maxLength":
      return { pointer, keyword: error.keyword, message: `must have ${error.keyword === "minLength" ? "at least" : "at most"} ${String(p.limit)} characters`, expected: p.limit };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return { pointer, keyword: error.keyword, message: `must be ${String(p.comparison)} ${String(p.limit)}`, expected: p.limit };
    case "anyOf":
      return { pointer, keyword: "anyOf", message: "must match one of the allowed shapes" };
    default:
      return { pointer, keyword: error.keyword, message: `fails the "${error.keyword}" rule`, ...(p && Object.keys(p).length > 0 ? { expected: p } : {}) };
  }
}

/** Pointers that have at least one error strictly below them, and the number of errors at each
 *  pointer: computed once, so deciding what is noise stays linear in the number of errors. */
function indexErrors(errors: readonly AjvError[]): { below: Set<string>; at: Map<string, number> } {
  const below = new Set<string>();
  const at = new Map<string, number>();
  for (const { instancePath } of errors) {
    at.set(instancePath, (at.get(instancePath) ?? 0) + 1);
    for (let i = instancePath.lastIndexOf("/"); i >= 0; i = instancePath.lastIndexOf("/", i - 1)) {
      const ancestor = instancePath.slice(0, i);
      if (below.has(ancestor)) break; // its ancestors were added with it
      below.add(ancestor);
      if (i === 0) break;
    }
  }
  return { below, at };
}

/** True for the schema path of an anyOf branch's type keyword ("…/anyOf/<n>/type"), read from
 *  its end: most type errors are rejected by the one character before "/type" (not a digit). */
function isAnyOfBranchType(schemaPath: string): boolean {
  const digitsEnd = schemaPath.length - 5; // where "/type" starts
  let i = digitsEnd;
  for (let c = schemaPath.charCodeAt(i - 1); c >= 48 && c <= 57; c = schemaPath.charCodeAt(i - 1)) i--;
  return i < digitsEnd && schemaPath.startsWith("/type", digitsEnd) && i >= 7 && schemaPath.startsWith("/anyOf/", i - 7);
}

/** An error the noise rules look at: an anyOf summary or the type error of an anyOf branch. */
function isSummaryOrBranch(error: AjvError): boolean {
  return error.keyword === "anyOf" || (error.keyword === "type" && isAnyOfBranchType(error.schemaPath));
}

/** True when `error` only restates others: an if/then summary, an anyOf summary with other errors
 *  at or below it, or the "must be null" branch of a nullable object whose contents are wrong.
 *  (`index` is there whenever some error is an anyOf summary or branch.) */
function isNoise(error: AjvError, index: ReturnType<typeof indexErrors> | undefined): boolean {
  if (error.keyword === "if") return true;
  if (!index || !isSummaryOrBranch(error)) return false;
  const pointer = error.instancePath;
  if (error.keyword === "anyOf") return (index.at.get(pointer) ?? 0) > 1 || index.below.has(pointer);
  return index.below.has(pointer);
}

/** isNoise for errors[i] of a short list, found by comparing with the others (no index to build).
 *  The nearest errors first: Ajv reports an anyOf's branch errors just before its summary, so the
 *  one that makes it noise is usually next to it (each pointer read is a string the generated code
 *  just concatenated, which the first read of its characters flattens: read as few as can be). */
function isNoiseInShortList(errors: readonly AjvError[], i: number): boolean {
  const error = errors[i]!;
  if (error.keyword === "if") return true;
  if (!isSummaryOrBranch(error)) return false;
  const pointer = error.instancePath;
  const summary = error.keyword === "anyOf";
  for (let d = 1; d < errors.length; d++) {
    if (i >= d && outweighs(errors[i - d]!, pointer, summary)) return true;
    if (i + d < errors.length && outweighs(errors[i + d]!, pointer, summary)) return true;
  }
  return false;
}

/** True when `other` makes an anyOf summary (or a branch's type error) at `pointer` noise. */
function outweighs(other: AjvError, pointer: string, summary: boolean): boolean {
  return summary ? atOrBelow(other.instancePath, pointer) : isBelow(other.instancePath, pointer);
}

// Up to this many errors, noise, a duplicate or a sibling type error is found by comparing errors
// pairwise (cheaper than hashing a key per error; the comparisons are recorded as bits of one
// number); above it, through Maps and Sets, so that a payload with 100,000 errors stays linear.
const SCAN_LIMIT = 32;

/** The types a type error names: one string, or a fresh array. */
function typesOf(error: AjvError): string | string[] {
  const type = error.params.type;
  if (typeof type === "string" && isTypeName(type)) return type;
  if (Array.isArray(type)) return type.map(String);
  const text = String(type);
  return text.includes(",") ? text.split(",") : text;
}

/** Adds the types of a type error to `merged`, each once, in order. */
function addTypes(merged: string[], error: AjvError): void {
  const types = typesOf(error);
  if (typeof types === "string") {
    if (!merged.includes(types)) merged.push(types);
  } else for (const type of types) if (!merged.includes(type)) merged.push(type);
}

/** True when kept[i] is a type error whose types merge with the others at its pointer: one
 *  without a rule clause (clauses[i]). */
function merges(kept: readonly AjvError[], clauses: readonly (string | undefined)[] | undefined, i: number): boolean {
  return kept[i]!.keyword === "type" && (clauses === undefined || clauses[i] === undefined);
}

/** Every type the merged type errors at `pointer` allow, in order of appearance. */
function typesAtPointer(kept: readonly AjvError[], clauses: readonly (string | undefined)[] | undefined, pointer: string): string[] {
  const merged: string[] = [];
  for (let i = 0; i < kept.length; i++) if (kept[i]!.instancePath === pointer && merges(kept, clauses, i)) addTypes(merged, kept[i]!);
  return merged;
}

/** True when `issues` already holds one with the same pointer, keyword and message. */
function alreadyListed(issues: readonly ValidationIssue[], issue: ValidationIssue): boolean {
  for (let i = 0; i < issues.length; i++) {
    const earlier = issues[i]!;
    if (earlier.keyword === issue.keyword && earlier.pointer === issue.pointer && earlier.message === issue.message) return true;
  }
  return false;
}

/** The most issues one payload gets, whatever its shape; past them, one `maxIssues` issue says so.
 *  (The generated code also stops each loop over the data after as many errors, which bounds the
 *  work; this bounds what a payload with many objects, each with its own loops, reports.) */
export const MAX_ISSUES = 1000;
const stopped = (): ValidationIssue => ({ pointer: "", keyword: "maxIssues", message: `validation stopped after ${MAX_ISSUES} issues; there may be more`, expected: { limit: MAX_ISSUES } });

export function toIssues(errors: readonly AjvError[] | null | undefined, rules?: CrossFieldRules): ValidationIssue[] {
  if (!errors || errors.length === 0) return [];
  // The errors that are not noise: the list itself while none is (the common case), else a copy.
  let kept: readonly AjvError[] = errors;
  if (errors.length <= SCAN_LIMIT) {
    let i = 0;
    while (i < errors.length && !isNoiseInShortList(errors, i)) i++;
    if (i < errors.length) {
      const rest = errors.slice(0, i);
      for (i++; i < errors.length; i++) if (!isNoiseInShortList(errors, i)) rest.push(errors[i]!);
      kept = rest;
    }
  } else {
    let index: ReturnType<typeof indexErrors> | undefined;
    for (let i = 0; i < errors.length; i++) {
      if (isSummaryOrBranch(errors[i]!)) {
        index = indexErrors(errors);
        break;
      }
    }
    kept = errors.filter((e) => !isNoise(e, index));
  }
  const n = kept.length;
  // Each error's rule clause, worked out once: the type merging below reads it again. A rule's
  // issue says its own type and names the rule; it is not merged with the field's types.
  let clauses: (string | undefined)[] | undefined;
  if (rules !== undefined) {
    for (let i = 0; i < n; i++) {
      const clause = ruleClause(kept[i]!, rules);
      if (clause !== undefined) (clauses ??= new Array<string | undefined>(n))[i] = clause;
    }
  }
  // Branches of a nullable union each report their own type: say it once, "must be object or null".
  // An issue can only repeat an earlier one raised at the same pointer by the same keyword; small
  // lists mark those errors (`repeats`) and the type errors that share a pointer (`siblings`).
  const small = n <= SCAN_LIMIT;
  let repeats = 0;
  let siblings = 0;
  let typesAt: Map<string, string[]> | undefined;
  if (small) {
    // Equal pointers have equal lengths: an error is compared with the earlier ones only when one of
    // them has a pointer of a length in the same class (length % 32, one bit each), which spares most
    // errors the comparisons and the fresh pointers a string comparison.
    let lengths = 0;
    for (let i = 0; i < n; i++) {
      const a = kept[i]!;
      const length = 1 << (a.instancePath.length & 31);
      if ((lengths & length) !== 0) {
        for (let j = 0; j < i; j++) {
          const b = kept[j]!;
          if (a.keyword !== b.keyword || a.instancePath.length !== b.instancePath.length || a.instancePath !== b.instancePath) continue;
          repeats |= 1 << i;
          if (merges(kept, clauses, i) && merges(kept, clauses, j)) siblings |= (1 << i) | (1 << j);
        }
      }
      lengths |= length;
    }
  } else {
    typesAt = new Map();
    for (let i = 0; i < n; i++) {
      if (!merges(kept, clauses, i)) continue;
      const e = kept[i]!;
      let merged = typesAt.get(e.instancePath);
      if (merged === undefined) typesAt.set(e.instancePath, (merged = []));
      addTypes(merged, e);
    }
  }
  const issues: ValidationIssue[] = [];
  const seen = small ? undefined : new Set<string>();
  let stoppedEarly = false;
  for (let i = 0; i < n; i++) {
    const error = kept[i]!;
    if (error.keyword === "maxIssues") {
      stoppedEarly = true;
      continue;
    }
    let issue: ValidationIssue;
    if (merges(kept, clauses, i)) {
      const types = typesAt !== undefined ? [...typesAt.get(error.instancePath)!] : (siblings & (1 << i)) !== 0 ? typesAtPointer(kept, clauses, error.instancePath) : typesOf(error);
      issue = typeIssue(error.instancePath, types);
    } else {
      issue = describe(error);
      const clause = clauses === undefined ? undefined : clauses[i];
      if (clause !== undefined) issue = { ...issue, message: `${issue.message} ${clause}` };
    }
    if (seen) {
      const key = `${issue.pointer}\0${issue.keyword}\0${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
    } else if ((repeats & (1 << i)) !== 0 && alreadyListed(issues, issue)) continue;
    if (issues.length === MAX_ISSUES) {
      stoppedEarly = true;
      break;
    }
    issues.push(issue);
  }
  if (stoppedEarly) issues.push(stopped());
  return issues;
}

/** One line per issue: `/status: must be one of: ...`. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.pointer || "(root)"}: ${i.message}`).join("\n");
}
