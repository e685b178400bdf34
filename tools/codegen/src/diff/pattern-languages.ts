// Decides how a changed `pattern` relates to the old one by comparing the regular languages they
// accept, with finite automata (refa). JSON Schema patterns are unanchored searches with the `u`
// flag, so a pattern P accepts exactly the strings matched by ^[^]*?(?:P)[^]*$.
// Assertions that refa cannot turn into plain automaton steps are approximated: replaced by
// "always true" for the side that must be a superset and by "always false" for the side that must
// be a subset, so a "narrower" answer is always sound. Anything refa cannot parse is "unknown".
import { DFA, JS, NFA, type ReadonlyNFA, Transformers, isDisjointWith, transform } from "refa";

export type PatternRelation =
  /** Both accept exactly the same strings (a rewrite). */
  | { kind: "equal" }
  /** The new pattern accepts only strings the old one accepted (and not all of them). */
  | { kind: "narrower" }
  /** The new pattern accepts some string the old one rejected. */
  | { kind: "wider"; example?: string }
  /** Could not be proved either way (unsupported construct, or too large to compare). */
  | { kind: "unknown"; reason: string };

/** Upper bound on automaton states: patterns in schemas are small; this only stops pathological ones. */
const MAX_NODES = 20_000;

interface Language {
  readonly nfa: ReadonlyNFA;
  /** True when no assertion had to be approximated: the automaton accepts exactly the pattern's strings. */
  readonly exact: boolean;
}

function language(pattern: string, approximateAssertionsAs: "empty-word" | "empty-set"): Language {
  const { expression, maxCharacter } = JS.Parser.fromLiteral({ source: `^(?:[^]*?(?:${pattern})[^]*)$`, flags: "u" }).parse();
  let simplified = transform(Transformers.simplify(), expression);
  // Only the outer ^ and $ can sit at the edges: in a whole-string match they always hold.
  simplified = transform(Transformers.patternEdgeAssertions({ inline: false, remove: true }), simplified);
  const before = JSON.stringify(JS.toLiteral(simplified));
  const approximated = transform(Transformers.replaceAssertions({ replacement: approximateAssertionsAs }), simplified);
  const exact = JSON.stringify(JS.toLiteral(approximated)) === before;
  return { nfa: NFA.fromRegex(approximated, { maxCharacter }, {}, new NFA.LimitedNodeFactory(MAX_NODES)), exact };
}

/** Is every string accepted by `inner` also accepted by `outer`? */
function isSubset(inner: ReadonlyNFA, outer: ReadonlyNFA): boolean {
  const complement = DFA.fromFA(outer, new DFA.LimitedNodeFactory(MAX_NODES));
  complement.complement();
  return isDisjointWith(inner, complement, MAX_NODES);
}

/** A string the `wider` automaton accepts and `narrower` rejects, for the report. */
function witness(wider: ReadonlyNFA, narrower: ReadonlyNFA): string | undefined {
  const complement = DFA.fromFA(narrower, new DFA.LimitedNodeFactory(MAX_NODES));
  complement.complement();
  const difference = DFA.fromIntersection(wider, complement, new DFA.LimitedNodeFactory(MAX_NODES));
  for (const wordSet of difference.wordSets()) {
    // Prefer a printable ASCII character from each position's set; fall back to its first one.
    return String.fromCodePoint(
      ...wordSet.map((chars) => {
        for (const range of chars.ranges) {
          const start = Math.max(range.min, 0x21);
          if (start <= Math.min(range.max, 0x7e)) return start;
        }
        return chars.ranges[0]!.min;
      }),
    );
  }
  return undefined;
}

export function comparePatterns(before: string, after: string): PatternRelation {
  try {
    const afterUpper = language(after, "empty-word");
    const beforeLower = language(before, "empty-set");
    const narrowerOrEqual = isSubset(afterUpper.nfa, beforeLower.nfa);
    if (narrowerOrEqual) {
      const beforeUpper = language(before, "empty-word");
      const afterLower = language(after, "empty-set");
      return isSubset(beforeUpper.nfa, afterLower.nfa) ? { kind: "equal" } : { kind: "narrower" };
    }
    if (afterUpper.exact && beforeLower.exact) return { kind: "wider", example: witness(afterUpper.nfa, beforeLower.nfa) };
    return { kind: "unknown", reason: "the patterns use assertions that cannot be compared exactly" };
  } catch (error) {
    return { kind: "unknown", reason: (error as Error).message };
  }
}
