// ajv-trim: makes Ajv's standalone code smaller (and one part of it faster) without changing what it
// accepts or reports. What costs bytes for nothing in our schemas: the bookkeeping Ajv 2020 always
// emits for `unevaluated*` and `$dynamicRef` (an `evaluated` record per function, a
// `dynamicAnchors` object per call); whole schemas embedded in the code because one error
// parameter reads a part of them; a parent, a property name and a root passed in every call that
// no keyword of ours reads; and, since tolerant mode loosens only some parts of a model, strict and
// tolerant copies of the same function. What costs time: Ajv gathers a called validator's errors by
// copying every error so far (`concat`), quadratic in the errors of a long array.
// Each rewrite checks that Ajv's code still has the shape it rewrites, and throws an AjvTrimError
// naming itself when it does not (a new Ajv version): it never silently leaves its work undone.
import { type JsonObject, type JsonValue, walkJson } from "../../model/schema-walk.js";

/** Ajv's standalone code is not in the shape a rewrite expects. */
export class AjvTrimError extends Error {
  constructor(
    readonly rewrite: string,
    detail: string,
  ) {
    super(`ajv-trim ${rewrite}: Ajv's standalone code is not in the shape this rewrite expects (${detail}); update the rewrite for this Ajv version`);
    this.name = "AjvTrimError";
  }
}

/** The distinct identifiers `<prefix><digits>` the code mentions (e.g. schema0, schema12), outside
 *  double-quoted strings and not as a property (`data.schema1` is a payload's key). */
function numbered(source: string, prefix: string): Set<string> {
  const code = source.replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
  return new Set(code.match(new RegExp(`(?<![.\\w$])${prefix}\\d+\\b`, "g")) ?? []);
}

// Keywords that need Ajv's evaluated-property and dynamic-anchor tracking.
const TRACKED_KEYWORDS = ["unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor"];

// A reference into the JSON Schema meta-schemas, which use $dynamicRef/$dynamicAnchor themselves.
const META_SCHEMA_PREFIX = "https://json-schema.org/";

/** True when some schema needs the tracking (it uses a tracked keyword, or refers to a meta-schema,
 *  whose own code does); createAjv's `tracking` option takes the answer, so Ajv is built without
 *  the tracking when none does. */
export function usesTrackedKeywords(schemas: readonly JsonObject[]): boolean {
  let used = false;
  for (const schema of schemas) {
    walkJson(schema, "", (node) => {
      if (TRACKED_KEYWORDS.some((keyword) => Object.hasOwn(node, keyword))) used = true;
      if (typeof node.$ref === "string" && node.$ref.startsWith(META_SCHEMA_PREFIX)) used = true;
    });
  }
  return used;
}

/** Index just past the bracketed text (a JSON value, a block of Ajv's code or, with `open` "(" and
 *  `close` ")", a call's arguments; strings all double-quoted) that starts at `start` in `source`. */
function endOfBracketed(source: string, start: number, rewrite: string, open = "{[", close = "}]"): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (open.includes(c!)) depth++;
    else if (close.includes(c!)) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new AjvTrimError(rewrite, `unbalanced brackets from offset ${start}`);
}

// A subschema Ajv embeds: an object or array, or a boolean schema (`"$defs": {"x": true}`), which no
// code reads into but Ajv still declares when a `$ref` names it.
const DECLARATION = /\bconst (schema\d+) = (?=[{[]|(?:true|false);)/g;
const ACCESS = /(?:\.[A-Za-z_$][\w$]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\])/g;

function read(value: JsonValue, path: string): JsonValue {
  let current: JsonValue | undefined = value;
  for (const [step] of path.matchAll(ACCESS)) {
    const key = step.startsWith(".") ? step.slice(1) : (JSON.parse(step.slice(1, -1)) as string | number);
    current = Array.isArray(current) ? current[Number(key)] : current !== null && typeof current === "object" ? current[String(key)] : undefined;
    if (current === undefined) throw new AjvTrimError("inlineSchemaReads", `${path} does not exist in the embedded schema`);
  }
  return current;
}

const KEY_SET = "keySet$";

/** Replaces each `schemaN.a.b` read in Ajv's standalone code with a module-level constant holding
 *  just that value, so a whole schema is only embedded where the code needs the whole schema. */
export function inlineSchemaReads(source: string): string {
  const schemas = new Map<string, JsonValue>();
  for (const match of source.matchAll(DECLARATION)) {
    const start = match.index + match[0].length;
    const boolean = /^(?:true|false)(?=;)/.exec(source.slice(start, start + 6))?.[0];
    const text = boolean ?? source.slice(start, endOfBracketed(source, start, "inlineSchemaReads"));
    try {
      schemas.set(match[1]!, JSON.parse(text) as JsonValue);
    } catch {
      throw new AjvTrimError("inlineSchemaReads", `${match[1]} is not declared as a JSON value: ${text.slice(0, 60)}`);
    }
  }
  const undeclared = [...numbered(source, "schema")].filter((name) => !schemas.has(name));
  if (undeclared.length > 0) throw new AjvTrimError("inlineSchemaReads", `${undeclared.join(", ")} used but not declared as "const schemaN = {...}", "[...]", "true" or "false"`);
  if (schemas.size === 0) return source;
  // One constant per distinct value (error parameters often repeat, e.g. ["string","null"]).
  const constants = new Map<string, string>();
  const reads = new RegExp(`\\b(${[...schemas.keys()].join("|")})(${ACCESS.source}+)`, "g");
  const rewritten = source.replace(reads, (_whole, name: string, path: string) => {
    const value = JSON.stringify(read(schemas.get(name)!, path));
    let constant = constants.get(value);
    if (!constant) {
      constant = `schemaValue$${constants.size}`;
      constants.set(value, constant);
    }
    return constant;
  });
  const unread = /\b(schema\d+)(?=[.[])/.exec(rewritten.replace(DECLARATION, ""));
  if (unread) throw new AjvTrimError("inlineSchemaReads", `a read of ${unread[1]} not in the form schemaN.key or schemaN["key"] or schemaN[0]`);
  // A map read only to ask "is this key declared?" (hasOwnProperty) needs its keys, not its subschemas.
  const hasOwn = /\bconst (func\d+) = Object\.prototype\.hasOwnProperty;/.exec(rewritten)?.[1];
  if (!hasOwn && /\bhasOwnProperty\b/.test(rewritten)) throw new AjvTrimError("inlineSchemaReads", 'hasOwnProperty used but not declared as "const funcN = Object.prototype.hasOwnProperty;"');
  const keysOnly = (value: string, constant: string): string => {
    const parsed = JSON.parse(value) as JsonValue;
    if (!hasOwn || parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return value;
    const uses = rewritten.match(new RegExp(`\\b${constant.replace("$", "\\$")}\\b`, "g"))?.length ?? 0;
    const lookups = rewritten.match(new RegExp(`\\b${hasOwn}\\.call\\(${constant.replace("$", "\\$")}, `, "g"))?.length ?? 0;
    return uses === lookups ? JSON.stringify(Object.fromEntries(Object.keys(parsed).map((key) => [key, 0]))) : value;
  };
  // Declared first: only generated functions read them, and none runs while the module loads.
  // A key map whose keys are, in order, an array constant's items (every property required) is
  // built from that array at load time instead of spelled out again.
  const initialisers = [...constants].map(([value, constant]) => {
    const keys = keysOnly(value, constant);
    const names = keys === value ? undefined : JSON.stringify(Object.keys(JSON.parse(keys) as object));
    const array = names !== undefined && !names.includes('"__proto__"') ? constants.get(names) : undefined;
    return [constant, array ? `/* @__PURE__ */ ${KEY_SET}(${array})` : keys] as const;
  });
  const built = initialisers.filter(([, init]) => init.includes(KEY_SET));
  const declarations =
    [...initialisers.filter(([, init]) => !init.includes(KEY_SET)), ...built].map(([constant, init]) => `const ${constant} = ${init};`).join("") +
    (built.length > 0 ? `function ${KEY_SET}(names) { return Object.fromEntries(names.map((name) => [name, 0])); }` : "");
  const prologue = /^"use strict";/.exec(rewritten)?.[0] ?? "";
  return prologue + declarations + rewritten.slice(prologue.length);
}

/** Marks each `new RegExp(...)` of Ajv's code as pure, so a bundler can drop the patterns of a
 *  model an application does not import. */
export function markPatternsPure(source: string): string {
  const other = /\bconst (pattern\d+) = (?!new RegExp\()/.exec(source);
  if (other) throw new AjvTrimError("markPatternsPure", `${other[1]} is not declared as "new RegExp(...)"`);
  return source.replace(/\bnew RegExp\(/g, "/* @__PURE__ */ new RegExp(");
}

/** The patterns and format lookups Ajv's code declares at the top level, by initialiser text as the
 *  guards would write it (`new RegExp("...", "flags")`, `formats$.name`), so they can be shared. */
export function declaredConstants(source: string): Map<string, string> {
  const declared = new Map<string, string>();
  const names = new Set<string>();
  for (const match of source.matchAll(/\bconst ((?:pattern|formats)\d+) = /g)) {
    const name = match[1]!;
    const start = match.index + match[0].length;
    names.add(name);
    if (source[start] === "/") {
      const pattern = regExpLiteralAt(source, start);
      if (!pattern) throw new AjvTrimError("declaredConstants", `${name} starts like a regular expression literal but is none`);
      declared.set(`new RegExp(${JSON.stringify(pattern.source)}, ${JSON.stringify(pattern.flags)})`, name);
    } else declared.set(source.slice(start, source.indexOf(";", start)), name);
  }
  const undeclared = [...numbered(source, "pattern"), ...numbered(source, "formats")].filter((name) => !names.has(name));
  if (undeclared.length > 0) throw new AjvTrimError("declaredConstants", `${undeclared.join(", ")} used but not declared as "const name = ...;"`);
  return declared;
}

/** The regular expression literal that starts at `start` and ends its statement (at a `;`, which
 *  may also occur inside the literal), or undefined. */
function regExpLiteralAt(source: string, start: number): RegExp | undefined {
  for (let end = source.indexOf(";", start); end >= 0; end = source.indexOf(";", end + 1)) {
    try {
      const value = new Function(`return ${source.slice(start, end)};`)() as unknown;
      if (value instanceof RegExp) return value;
    } catch {
      // this `;` is inside the literal: try the next one
    }
  }
  return undefined;
}

const CONCAT_ERRORS = /\bvErrors = vErrors === null \? (validate\d+)\.errors : vErrors\.concat\(\1\.errors\);/g;
const APPEND_ERRORS = "appendErrors$";

/** Gathers a called validator's errors by appending them (same errors, same order) instead of
 *  copying all errors so far: 100,000 bad items of an array take milliseconds, not a minute. */
export function appendErrorsInPlace(source: string): string {
  const appended = source.replace(CONCAT_ERRORS, `vErrors = ${APPEND_ERRORS}(vErrors, $1.errors);`);
  // What is left of reading a called validator's errors: only each function setting its own (to
  // its errors so far, or to null when its schema cannot fail, e.g. `contentMediaType` alone).
  const other = /\b(validate\d+)\.errors(?! = (?:vErrors|null);)/.exec(appended.replace(/\bappendErrors\$\(vErrors, validate\d+\.errors\)/g, ""));
  if (other) throw new AjvTrimError("appendErrorsInPlace", `${other[1]}.errors is read other than as "vErrors = vErrors === null ? ${other[1]}.errors : vErrors.concat(${other[1]}.errors);"`);
  if (appended === source) return source;
  const helper = `function ${APPEND_ERRORS}(errors, more) { if (errors === null) return more.slice(); for (let i = 0; i < more.length; i++) errors.push(more[i]); return errors; }`;
  return `${appended}\n${helper}`;
}

const CONTEXT_PARAMETERS = /,\s*parentData,\s*parentDataProperty,\s*rootData\s*=\s*data(?=\s*[,}])/g;
const CONTEXT_ARGUMENTS = /,\s*parentData:\s*[\w$]+,\s*parentDataProperty:\s*(?:"(?:[^"\\]|\\.)*"|[\w$]+),\s*rootData(?=\s*[,}])/g;

/** Drops the parent, property and root Ajv passes to every validation function, when nothing but
 *  those parameters and arguments mentions them (keywords such as `$data` would read them). */
export function dropUnusedContext(source: string): string {
  const functions = source.match(/\bfunction validate\d+\(/g)?.length ?? 0;
  const parameters = source.match(CONTEXT_PARAMETERS)?.length ?? 0;
  if (parameters !== functions) throw new AjvTrimError("dropUnusedContext", `${functions} validation functions but ${parameters} parameter lists ending "parentData, parentDataProperty, rootData=data"`);
  const calls = source.match(/\bparentData:/g)?.length ?? 0;
  const callArguments = source.match(CONTEXT_ARGUMENTS)?.length ?? 0;
  if (callArguments !== calls) throw new AjvTrimError("dropUnusedContext", `${calls} calls passing parentData but ${callArguments} in the form "parentData:x,parentDataProperty:y,rootData"`);
  const dropped = source.replace(CONTEXT_PARAMETERS, "").replace(CONTEXT_ARGUMENTS, "");
  return /\b(?:parentData|parentDataProperty|rootData)\b/.test(dropped) ? source : dropped;
}

const SOURCE_URL = /\/\*# sourceURL=[^*]*\*\//g;
const FUNCTION_START = /\bfunction (validate\d+)\(data, \{(?:[^{}]|\{\})*\}=\{\}\)\{/g;

/** Keeps one of each set of validation functions that differ only in their own name (a strict
 *  and a tolerant copy of a part tolerant mode does not change), pointing every use at it. */
/** A name of one of Ajv's validation functions. */
const VALIDATE_NAME = /\bvalidate\d+\b/g;

export function mergeIdenticalFunctions(source: string): string {
  const functions = source.match(/\bfunction validate\d+\(/g)?.length ?? 0;
  const recognised = source.match(FUNCTION_START)?.length ?? 0;
  if (recognised !== functions) throw new AjvTrimError("mergeIdenticalFunctions", `${functions} validation functions but ${recognised} starting "function validateN(data, {...}={}){"`);
  // Per-function records (Ajv's `evaluated`) would need merging too: leave such code alone.
  if (/\.evaluated = /.test(source)) return source;
  let merged = source;
  for (;;) {
    const byBody = new Map<string, string>();
    const renames = new Map<string, string>();
    const removals: [number, number][] = [];
    for (const match of merged.matchAll(FUNCTION_START)) {
      const name = match[1]!;
      const bodyStart = match.index + match[0].length - 1;
      const end = endOfBracketed(merged, bodyStart, "mergeIdenticalFunctions");
      // Each function names its schema in a sourceURL comment (strict and tolerant ids differ).
      const body = merged
        .slice(bodyStart, end)
        .replace(SOURCE_URL, "")
        .replace(VALIDATE_NAME, (called) => (called === name ? "\0self" : called));
      const kept = byBody.get(body);
      if (kept) {
        renames.set(name, kept);
        removals.push([match.index, end]);
      } else byBody.set(body, name);
    }
    if (renames.size === 0) return merged;
    // One rebuild and one renaming pass over the module (a 500-schema module is megabytes: cutting
    // one function at a time, or one alternative per renamed name, made this pass quadratic).
    const pieces: string[] = [];
    let from = 0;
    for (const [start, end] of removals) {
      pieces.push(merged.slice(from, start));
      from = end;
    }
    pieces.push(merged.slice(from));
    merged = pieces.join("").replace(VALIDATE_NAME, (name) => renames.get(name) ?? name);
  }
}

const REPORT_ERROR = "reportError$";
// Ajv's way of recording one error: the object in a constant, then into vErrors (created on the
// first error), then the count. error-cap.ts writes its stop the same way (`else{`, no space).
const ERROR_DECLARATION = /\bconst (err\d*|errStop) = (?=\{)/g;
// (`propertyNames` errors also name the key they judged: `,propertyName:keyN` last.)
const ERROR_OBJECT = /^\{instancePath(?::(.+?))?,schemaPath:("(?:[^"\\\n]|\\.)*"),keyword:("(?:[^"\\\n]|\\.)*"),params:(\{.*\})(?:,propertyName:([\w$]+))?\}$/s;
const PUSH = (name: string) => new RegExp(`;if\\(vErrors === null\\)\\{vErrors = \\[${name}\\];\\}else ?\\{vErrors\\.push\\(${name}\\);\\}errors\\+\\+;`, "y");
const PUSH_TEXT = "if(vErrors === null){vErrors = [errN];}else {vErrors.push(errN);}errors++;";

// `instancePath+"/name" "#/properties/name/rest"`: a name that needs no escaping in either (JSON
// Pointer's ~ and /, a string's " and \\), the same in both.
const PROPERTY_ERROR = /^instancePath\+"\/([^"\\~/]+)" "#\/properties\/\1\/([^"\\]*)"$/;
const REPORT_PROPERTY = "reportProperty$";
const REPORT_NAMED = "reportNamed$";

/** Records each error through one helper, `vErrors = reportError$(vErrors, instancePath, schemaPath,
 *  params, keyword)`, which builds the same object (same keys, same order) and appends it as Ajv's
 *  inline code did. An error at property `name` reported by `#/properties/name/<path>` goes through
 *  `reportProperty$`, which builds both paths from the name (the keyword left out where it is the
 *  whole <path>, its default: no string work per error). An empty error object (the discarded
 *  errors of an `if` condition) stays as Ajv wrote it. */
export function reportErrorsByHelper(source: string): string {
  let out = "";
  let last = 0;
  let rewritten = 0;
  let propertyErrors = 0;
  let namedErrors = 0;
  for (const match of source.matchAll(ERROR_DECLARATION)) {
    const name = match[1]!;
    const objectStart = match.index + match[0].length;
    const objectEnd = endOfBracketed(source, objectStart, "reportErrorsByHelper");
    const object = source.slice(objectStart, objectEnd);
    if (object === "{}") continue;
    const parts = ERROR_OBJECT.exec(object);
    if (!parts) throw new AjvTrimError("reportErrorsByHelper", `${name} is not built as {instancePath,schemaPath:"...",keyword:"...",params:{...}}: ${object.slice(0, 80)}`);
    const pattern = PUSH(name);
    pattern.lastIndex = objectEnd;
    const push = pattern.exec(source);
    if (!push) throw new AjvTrimError("reportErrorsByHelper", `${name} is not recorded as "${PUSH_TEXT.replaceAll("errN", name)}"`);
    const [, instancePath = "instancePath", schemaPath, keyword, params, propertyName] = parts as unknown as [string, string | undefined, string, string, string, string | undefined];
    // An error at a property, reported by the property's own subschema: the name once, not twice.
    const property = propertyName === undefined ? PROPERTY_ERROR.exec(`${instancePath} ${schemaPath}`) : null;
    const call = property
      ? `${REPORT_PROPERTY}(vErrors, instancePath, "${property[1]}", "${property[2]}", ${params}${`"${property[2]}"` === keyword ? "" : `, ${keyword}`})`
      : propertyName !== undefined
        ? `${REPORT_NAMED}(vErrors, ${instancePath}, ${schemaPath}, ${params}, ${keyword}, ${propertyName})`
        : `${REPORT_ERROR}(vErrors, ${instancePath}, ${schemaPath}, ${params}, ${keyword})`;
    if (property) propertyErrors++;
    if (propertyName !== undefined) namedErrors++;
    out += `${source.slice(last, match.index)}vErrors = ${call};errors++;`;
    last = objectEnd + push[0].length;
    rewritten++;
  }
  if (rewritten === 0) return source;
  out += source.slice(last);
  // What is left of recording errors inline: only the empty objects of `if` conditions.
  const other = /\bvErrors\.push\((?!(err\d+)\);)|\bvErrors = \[(?!err\d+\];)/.exec(out);
  if (other) throw new AjvTrimError("reportErrorsByHelper", `an error recorded other than as "const errN = {...};${PUSH_TEXT}": ${out.slice(other.index, other.index + 60)}`);
  const helper = `function ${REPORT_ERROR}(errors, instancePath, schemaPath, params, keyword) { const error = { instancePath, schemaPath, keyword, params }; if (errors === null) return [error]; errors.push(error); return errors; }`;
  const propertyHelper = `function ${REPORT_PROPERTY}(errors, instancePath, property, path, params, keyword = path) { return ${REPORT_ERROR}(errors, instancePath + "/" + property, "#/properties/" + property + "/" + path, params, keyword); }`;
  const namedHelper = `function ${REPORT_NAMED}(errors, instancePath, schemaPath, params, keyword, propertyName) { const error = { instancePath, schemaPath, keyword, params, propertyName }; if (errors === null) return [error]; errors.push(error); return errors; }`;
  return `${out}\n${helper}${propertyErrors > 0 ? `\n${propertyHelper}` : ""}${namedErrors > 0 ? `\n${namedHelper}` : ""}`;
}

const TOLERANT_FLAG = "tolerant$";
const TOLERANT_MODE = "tolerantMode$";
const FUNCTION = /\bfunction (validate\d+)\(data, \{(?:[^{}]|\{\})*\}=\{\}\)\{/g;
// A loop over an object's keys that does nothing but report `additionalProperties: false` (after
// error-cap's stop): what tolerant mode leaves out.
const KEY_LOOP = /for\(const (key\d+) in (data\d*)\)\{/g;
const ADDITIONAL_ONLY = (key: string) =>
  new RegExp(
    `^(?:if\\(errors >= \\d+\\)\\{vErrors = reportError\\$\\(vErrors, instancePath, "#", \\{limit:\\d+\\}, "maxIssues"\\);errors\\+\\+;break;\\})?` +
      `if\\([^{}]*\\)\\{vErrors = ${REPORT_ERROR.replace("$", "\\$")}\\(vErrors, [^{};]*, "[^"]*/additionalProperties", \\{additionalProperty: ${key}\\}, "additionalProperties"\\);errors\\+\\+;\\}$`,
  );

interface ParsedFunction {
  readonly start: number;
  readonly end: number;
  readonly body: string;
  readonly callees: readonly string[];
}

/** Each validation function: where it stands and its body (from `{` to `}`), with the functions it
 *  calls, in order of first call. */
function parseFunctions(source: string): Map<string, ParsedFunction> {
  const functions = new Map<string, ParsedFunction>();
  for (const match of source.matchAll(FUNCTION)) {
    const name = match[1]!;
    const bodyStart = match.index + match[0].length - 1;
    const end = endOfBracketed(source, bodyStart, "mergeTolerantCopies");
    const body = source.slice(bodyStart, end);
    const callees = [...new Set([...body.matchAll(/\b(validate\d+)\(/g)].map((m) => m[1]!))].filter((callee) => callee !== name);
    functions.set(name, { start: match.index, end, body, callees });
  }
  return functions;
}

// An enum check: what tolerant mode leaves out of a provider-extensible enum (its copy keeps the type).
const ENUM_CHECK = new RegExp(`if\\(!\\([^{}]*\\)\\)\\{vErrors = ${REPORT_ERROR.replace("$", "\\$")}\\(vErrors, [^{};]*, "[^"]*/enum", \\{allowedValues: [^{}]*\\}, "enum"\\);errors\\+\\+;\\}`, "g");

/** What tolerant mode may leave out of a body, as [start, end) offsets in order: the key loops that
 *  only report additional properties, and with `enums` the enum checks too. */
function tolerantOmissions(body: string, enums: boolean): [number, number][] {
  const segments: [number, number][] = [];
  for (const match of body.matchAll(KEY_LOOP)) {
    const open = match.index + match[0].length - 1;
    const end = endOfBracketed(body, open, "mergeTolerantCopies");
    if (ADDITIONAL_ONLY(match[1]!).test(body.slice(open + 1, end - 1))) segments.push([match.index, end]);
  }
  if (enums) for (const match of body.matchAll(ENUM_CHECK)) segments.push([match.index, match.index + match[0].length]);
  return segments.sort((a, b) => a[0] - b[0]);
}

/** `body` without `segments`. */
function omitting(body: string, segments: readonly [number, number][]): string {
  let out = "";
  let from = 0;
  for (const [start, end] of segments) {
    out += body.slice(from, start);
    from = end;
  }
  return out + body.slice(from);
}

/** A body with its numbered locals (data0, _errs3, valid1, key0, ...) renamed in order of first
 *  use, strings left as they are: two bodies equal after this differ only in their locals' names. */
function canonical(body: string, globals: ReadonlySet<string>): string {
  const names = new Map<string, string>();
  return body.replace(SOURCE_URL, "").replace(/"(?:[^"\\\n]|\\.)*"|(?<![.\w$])([A-Za-z_]+)\d+\b/g, (token, prefix: string | undefined) => {
    if (prefix === undefined || globals.has(token)) return token;
    let renamed = names.get(token);
    if (!renamed) {
      renamed = `${prefix}\0${names.size}`;
      names.set(token, renamed);
    }
    return renamed;
  });
}

/** Tolerant mode's copy of a validation function is often its strict copy without the loops that
 *  report additional properties. Each such pair becomes one function whose loops are skipped while
 *  a module flag says a tolerant run is on; the tolerant export sets the flag around its run. A
 *  pair is merged only when the tolerant body equals the strict one without those loops (locals
 *  renamed, callees that are merged pairs themselves), so a tolerant run does exactly what the
 *  tolerant copy did. `pairs` names each model's strict and tolerant exports. */
export function mergeTolerantCopies(source: string, pairs: readonly (readonly [string, string])[]): string {
  const functions = parseFunctions(source);
  const declared = source.match(/\bfunction validate\d+\(/g)?.length ?? 0;
  if (functions.size !== declared) throw new AjvTrimError("mergeTolerantCopies", `${declared} validation functions but ${functions.size} starting "function validateN(data, {...}={}){"`);
  if (functions.size === 0) return source;
  // Module-level names (validators, patterns, formats, constants) are compared as they are.
  let outside = "";
  let last = 0;
  for (const fn of [...functions.values()].sort((a, b) => a.start - b.start)) {
    outside += source.slice(last, fn.start);
    last = fn.end;
  }
  outside += source.slice(last);
  const globals = new Set([...functions.keys(), ...(outside.match(/\b[A-Za-z_$][\w$]*\d\b/g) ?? [])]);
  const exported = new Map([...source.matchAll(/\bexport const ([\w$]+) = (validate\d+);/g)].map((m) => [m[1]!, m[2]!]));
  const merged = new Map<string, string>(); // tolerant copy -> strict copy
  const omissions = new Map<string, [number, number][]>(); // strict copy -> what its tolerant copy leaves out
  const verdicts = new Map<string, boolean>();
  const mergeable = (strict: string, tolerant: string, path: ReadonlySet<string>): boolean => {
    const key = `${strict} ${tolerant}`;
    const known = verdicts.get(key);
    if (known !== undefined) return known;
    if (path.has(key)) return false; // a recursive pair: left alone
    const s = functions.get(strict)!;
    const t = functions.get(tolerant)!;
    let verdict = s.callees.length === t.callees.length && s.callees.every((callee, i) => callee === t.callees[i] || mergeable(callee, t.callees[i]!, new Set([...path, key])));
    if (verdict) {
      const renamed = canonical(
        t.body.replace(/\bvalidate\d+\b/g, (name) => (name === tolerant ? strict : (s.callees[t.callees.indexOf(name)] ?? name))),
        globals,
      );
      // The loops alone, or the loops and the enum checks (a provider-extensible enum).
      const omitted = [false, true].map((enums) => tolerantOmissions(s.body, enums)).find((segments) => canonical(omitting(s.body, segments), globals) === renamed);
      // A strict copy stands in for tolerant copies that all leave out the same parts, or for none.
      const before = omissions.get(strict);
      verdict = omitted !== undefined && (before === undefined || JSON.stringify(before) === JSON.stringify(omitted));
      if (verdict) omissions.set(strict, omitted!);
    }
    verdicts.set(key, verdict);
    if (verdict && !merged.has(tolerant)) merged.set(tolerant, strict);
    return verdict;
  };
  for (const [strictName, tolerantName] of pairs) {
    const strict = exported.get(strictName);
    const tolerant = exported.get(tolerantName);
    if (!strict || !tolerant) throw new AjvTrimError("mergeTolerantCopies", `${strictName} or ${tolerantName} not exported as "export const name = validateN;"`);
    if (strict !== tolerant) mergeable(strict, tolerant, new Set());
  }
  if (merged.size === 0) return source;
  // Rewrite: drop the tolerant copies, skip the loops of the kept ones in tolerant runs, point every
  // use of a tolerant copy at its strict one (the tolerant exports through the flag-setting wrapper).
  // Every strict copy found to stand in for a tolerant one skips its omissions in tolerant runs (a
  // tolerant copy matched by several is pointed at one of them, but each is called in its place).
  const keep = new Set(omissions.keys());
  const edits: [number, number, string][] = [];
  for (const [name, fn] of functions) {
    if (merged.has(name)) edits.push([fn.start, fn.end, ""]);
    else if (keep.has(name)) {
      const bodyStart = fn.end - fn.body.length;
      let body = "";
      let from = 0;
      for (const [start] of omissions.get(name)!) {
        body += `${fn.body.slice(from, start)}if(!${TOLERANT_FLAG})`;
        from = start;
      }
      edits.push([bodyStart, fn.end, body + fn.body.slice(from)]);
    }
  }
  let out = source;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
  const tolerantExports = new Set(pairs.map(([, tolerant]) => tolerant));
  out = out.replace(/\bexport const ([\w$]+) = (validate\d+);/g, (whole, name: string, fn: string) =>
    tolerantExports.has(name) && merged.has(fn) ? `export const ${name} = /* @__PURE__ */ ${TOLERANT_MODE}(${merged.get(fn)});` : whole,
  );
  out = out.replace(/\bvalidate\d+\b/g, (name) => merged.get(name) ?? name);
  const helper =
    `let ${TOLERANT_FLAG} = false;` +
    `function ${TOLERANT_MODE}(validate) { const run = (data) => { ${TOLERANT_FLAG} = true; try { return validate(data); } finally { ${TOLERANT_FLAG} = false; run.errors = validate.errors; } }; return run; }`;
  return `${out}\n${helper}`;
}

const OPTIONS_SIGNATURE = /\bfunction (validate\d+)\(data, \{instancePath=""\}=\{\}\)\{/g;

/** Passes the instance path as a plain second argument (`validateN(data, instancePath="")`) instead
 *  of an options object, once nothing but it is left in the options (see dropUnusedContext). */
export function positionalInstancePath(source: string): string {
  // Ajv's $dynamicRef bookkeeping passes dynamic anchors in the options too: leave such code alone.
  if (/\bdynamicAnchors\b/.test(source)) return source;
  const functions = source.match(/\bfunction validate\d+\(/g)?.length ?? 0;
  const recognised = source.match(OPTIONS_SIGNATURE)?.length ?? 0;
  if (recognised !== functions) throw new AjvTrimError("positionalInstancePath", `${functions} validation functions but ${recognised} starting "function validateN(data, {instancePath=""}={}){"`);
  let out = "";
  let last = 0;
  for (const match of source.matchAll(/(?<!function )\b(validate\d+)\(/g)) {
    if (match.index < last) continue;
    const open = match.index + match[0].length - 1;
    const end = endOfBracketed(source, open, "positionalInstancePath", "(", ")");
    const args = /^(.*), \{instancePath:(.*)\}$/s.exec(source.slice(open + 1, end - 1));
    if (!args || args[1]!.includes("{instancePath")) throw new AjvTrimError("positionalInstancePath", `${match[1]} called other than as "validateN(data, {instancePath:...})": ${source.slice(match.index, end).slice(0, 80)}`);
    out += `${source.slice(last, open + 1)}${args[1]}, ${args[2]})`;
    last = end;
  }
  out += source.slice(last);
  return out.replace(OPTIONS_SIGNATURE, 'function $1(data, instancePath=""){');
}
