// ReDoS: every regular expression a schema carries ends up in the shipped validators, where it runs
// against untrusted payloads. recheck (an automaton + fuzzing ReDoS analyser) judges each one; a
// pattern it finds super-linear, or cannot prove safe, is rejected before anything is generated.
import { type Diagnostics, checkSync } from "recheck";
import { type JsonObject, escapePointer, isObject } from "./schema-walk.js";

// Ajv compiles schema patterns with the `u` flag; analyse them the same way.
const FLAGS = "u";
// A verdict per pattern source, for the life of the process: a schema set repeats its patterns,
// and watch mode re-lints on every change.
const verdicts = new Map<string, Diagnostics>();

function diagnose(source: string): Diagnostics {
  let verdict = verdicts.get(source);
  if (!verdict) {
    verdict = checkSync(source, FLAGS);
    verdicts.set(source, verdict);
  }
  return verdict;
}

/** Every regular expression a schema node carries (`pattern`, `patternProperties` keys), by JSON Pointer. */
export function regexesOf(node: JsonObject, pointer: string): [pointer: string, source: string][] {
  const found: [string, string][] = [];
  if (typeof node.pattern === "string") found.push([`${pointer}/pattern`, node.pattern]);
  if (isObject(node.patternProperties)) {
    for (const key of Object.keys(node.patternProperties)) found.push([`${pointer}/patternProperties/${escapePointer(key)}`, key]);
  }
  return found;
}

/** Why `source` is unsafe to run on untrusted input, or undefined when recheck proves it safe.
 *  A pattern that does not compile is left to the `invalid-pattern` rule. */
export function redosProblem(source: string): string | undefined {
  try {
    new RegExp(source, FLAGS);
  } catch {
    return undefined;
  }
  const verdict = diagnose(source);
  switch (verdict.status) {
    case "safe":
      return undefined;
    case "vulnerable":
      return `pattern ${JSON.stringify(source)} is vulnerable to ReDoS (${verdict.complexity.summary}; e.g. ${JSON.stringify(verdict.attack.pattern)}): rewrite it without nested or overlapping repetition`;
    case "unknown": {
      const detail = "message" in verdict.error ? `${verdict.error.kind}: ${verdict.error.message}` : verdict.error.kind;
      return `pattern ${JSON.stringify(source)} could not be proven free of ReDoS (recheck: ${detail}): simplify it`;
    }
  }
}
