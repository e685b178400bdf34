// A Markdown link checker for a set of pages: every relative link must name a page of the set and,
// with a fragment, an anchor of that page (a heading, slugged as GitHub does, or an explicit
// `id`/`name` attribute in inline HTML). Pages are parsed with marked, so links inside code are
// not links and links in tables and nested lists are.
import { posix } from "node:path";
import GithubSlugger from "github-slugger";
import { type Token, marked } from "marked";

export interface BrokenLink {
  readonly page: string;
  readonly href: string;
  readonly reason: string;
}

export interface LinkReport {
  /** Relative links checked, per page. */
  readonly checked: ReadonlyMap<string, readonly string[]>;
  /** Links to other sites: not checked (no network), listed so a test can decide about them. */
  readonly external: readonly { page: string; href: string }[];
  readonly broken: readonly BrokenLink[];
}

const HTML_HREF = /\bhref\s*=\s*"([^"]*)"/g;
const HTML_ANCHOR = /\b(?:id|name)\s*=\s*"([^"]*)"/g;

/** Calls `visit` on every token, however deeply nested (inline tokens, list items, table cells). */
function walkTokens(value: unknown, visit: (token: Token) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walkTokens(item, visit);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  if (typeof (value as { type?: unknown }).type === "string") visit(value as Token);
  for (const [key, child] of Object.entries(value)) if (key !== "raw" && typeof child === "object") walkTokens(child, visit);
}

interface ParsedPage {
  readonly links: string[];
  readonly anchors: Set<string>;
}

export function parsePage(text: string): ParsedPage {
  const links: string[] = [];
  const anchors = new Set<string>();
  const slugger = new GithubSlugger();
  walkTokens(marked.lexer(text, { gfm: true }), (token) => {
    if (token.type === "link" || token.type === "image") links.push(token.href);
    else if (token.type === "heading") anchors.add(slugger.slug(plainText(token.tokens ?? [])));
    else if (token.type === "html") {
      for (const match of token.raw.matchAll(HTML_HREF)) links.push(match[1]!);
      for (const match of token.raw.matchAll(HTML_ANCHOR)) anchors.add(match[1]!);
    }
  });
  return { links, anchors };
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** The text a reader sees (inline HTML such as anchors left out; marked's entity escapes undone). */
export function plainText(tokens: readonly Token[]): string {
  return tokens.map((t) => (t.type === "html" ? "" : "tokens" in t && t.tokens ? plainText(t.tokens) : "text" in t ? String(t.text).replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!) : "")).join("");
}

/** Checks every link of every page; `pages` maps a posix path (relative to the docs root) to its text. */
export function checkLinks(pages: ReadonlyMap<string, string>): LinkReport {
  const parsed = new Map([...pages].map(([path, text]) => [path, parsePage(text)]));
  const checked = new Map<string, string[]>();
  const external: { page: string; href: string }[] = [];
  const broken: BrokenLink[] = [];
  for (const [page, { links }] of parsed) {
    checked.set(page, []);
    for (const href of links) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//")) {
        external.push({ page, href });
        continue;
      }
      checked.get(page)!.push(href);
      const hash = href.indexOf("#");
      const pathPart = hash === -1 ? href : href.slice(0, hash);
      const fragment = hash === -1 ? undefined : decodeURIComponent(href.slice(hash + 1));
      const target = pathPart === "" ? page : posix.normalize(posix.join(posix.dirname(page), decodeURIComponent(pathPart)));
      const targetPage = parsed.get(target);
      if (target.startsWith("../")) broken.push({ page, href, reason: `points outside the documentation (${target})` });
      else if (!targetPage) broken.push({ page, href, reason: `no page ${target}` });
      else if (fragment !== undefined && !targetPage.anchors.has(fragment)) broken.push({ page, href, reason: `${target} has no anchor "${fragment}"` });
    }
  }
  return { checked, external, broken };
}
