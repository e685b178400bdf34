// Glob patterns for file arguments, for shells that do not expand them (or quoted patterns):
// `*` and `?` within one path segment, `[abc]`/`[!abc]` character classes, `{a,b}` alternatives and
// `**` for any number of folders. As in shells, `*`, `?` and `**` skip names starting with a dot
// unless the pattern segment itself starts with one. Symbolic links to folders are not followed
// by `**`, so a link cycle cannot make it loop. Node 20 has no fs.glob, and the package takes no
// runtime dependency for it.
import { readdirSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";

const MAGIC = /[*?[{]/;

export function hasGlobMagic(pattern: string): boolean {
  return MAGIC.test(pattern);
}

/** `a{b,c{d,e}}f` -> `abf`, `acdf`, `acef`. An unmatched `{` is literal. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf("{");
  if (open === -1) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) {
      const alternatives: string[] = [];
      let start = open + 1;
      for (const comma of commas) {
        alternatives.push(pattern.slice(start, comma));
        start = comma + 1;
      }
      alternatives.push(pattern.slice(start, i));
      const head = pattern.slice(0, open);
      const tail = pattern.slice(i + 1);
      return alternatives.flatMap((alternative) => expandBraces(`${head}${alternative}${tail}`));
    } else if (ch === "," && depth === 1) commas.push(i);
  }
  const rest = expandBraces(pattern.slice(open + 1));
  return rest.map((r) => `${pattern.slice(0, open + 1)}${r}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** A regular expression for one path segment (no `/`, braces already expanded). */
export function segmentRegExp(segment: string): RegExp {
  let source = "";
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === "*") source += "[^/]*";
    else if (ch === "?") source += "[^/]";
    else if (ch === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close === -1) {
        source += "\\[";
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negated = body.startsWith("!") || body.startsWith("^");
      if (negated) body = body.slice(1);
      source += `[${negated ? "^" : ""}${body.replace(/[\\\]^]/g, "\\$&")}]`;
      i = close;
    } else source += escapeRegExp(ch);
  }
  const hidden = segment.startsWith(".") ? "" : "(?!\\.)";
  return new RegExp(`^${hidden}${source}$`);
}

function entries(dir: string): { name: string; isDirectory: boolean }[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .map((d) => ({ name: d.name, isDirectory: d.isDirectory() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function walk(cwd: string, base: string, segments: readonly string[], index: number, out: Set<string>): void {
  const absolute = (path: string): string => (isAbsolute(path) ? path : join(cwd, path || "."));
  const child = (name: string): string => (base === "" ? name : base.endsWith("/") ? `${base}${name}` : `${base}/${name}`);
  if (index === segments.length) {
    if (isFile(absolute(base))) out.add(base);
    return;
  }
  const segment = segments[index]!;
  if (segment === "**") {
    walk(cwd, base, segments, index + 1, out);
    for (const entry of entries(absolute(base))) {
      if (entry.isDirectory && !entry.name.startsWith(".")) walk(cwd, child(entry.name), segments, index, out);
    }
    return;
  }
  if (!hasGlobMagic(segment)) {
    walk(cwd, child(segment), segments, index + 1, out);
    return;
  }
  const matcher = segmentRegExp(segment);
  for (const entry of entries(absolute(base))) {
    if (matcher.test(entry.name)) walk(cwd, child(entry.name), segments, index + 1, out);
  }
}

/** Files matching `pattern` (relative to `cwd` unless absolute), sorted, each named as the pattern names it. */
export function expandGlob(pattern: string, cwd: string): string[] {
  const out = new Set<string>();
  for (const expanded of expandBraces(pattern)) {
    const absolute = expanded.startsWith("/");
    const segments = expanded.split("/").filter((s, i) => s !== "" || i === 0);
    if (absolute) walk(cwd, "/", segments.slice(1), 0, out);
    else walk(cwd, "", segments.filter((s) => s !== ""), 0, out);
  }
  return [...out].sort();
}
