// api-reference.html: the generated Markdown pages (codegen's emit/docs.ts: one page per model with
// its fields once, enum meanings, legacy fields and their replacements, cross-field rules in
// words, examples) joined into one HTML file with a navigation column. The pages are already what
// a reader should see, so the HTML renders them rather than re-reading the schemas a second way:
// each link between pages becomes a link inside the file, each anchor gets its page's prefix.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { Marked } from "marked";
import { BASE_STYLE, escapeHtml, page } from "./page.mjs";

export const INDEX_PAGE = "README.md";

const STYLE = `${BASE_STYLE}
body { display: grid; grid-template-columns: 270px minmax(0, 1fr); }
nav { position: sticky; top: 0; height: 100vh; overflow: auto; padding: 20px 16px; background: var(--soft); border-right: 1px solid var(--line); font-size: 14px; }
nav .product { font-weight: 700; font-size: 16px; margin: 0 0 2px; }
nav .version { color: var(--muted); margin: 0 0 12px; }
nav h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 18px 0 6px; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav li a { display: block; padding: 2px 6px; border-radius: 4px; text-decoration: none; color: var(--ink); }
nav li a:hover { background: #e6eaf2; }
nav .kind { color: var(--muted); font-size: 12px; }
nav .playground { display: block; margin: 8px 0; font-weight: 600; }
main { padding: 8px 40px 80vh; max-width: 1200px; }
main > section { border-bottom: 1px solid var(--line); padding: 16px 0 24px; scroll-margin-top: 0; }
main h1 { font-size: 26px; margin: 12px 0 8px; }
main h2 { font-size: 20px; margin: 24px 0 8px; }
main h3 { font-size: 16px; }
section:target > h1 { color: var(--accent); }
td:first-child { white-space: nowrap; }
`;

function listMarkdown(dir, prefix = "") {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => (statSync(join(dir, entry)).isDirectory() ? listMarkdown(join(dir, entry), `${prefix}${entry}/`) : entry.endsWith(".md") ? [`${prefix}${entry}`] : []));
}

/** The id of a page's section: the model's name, or "overview" for the index. */
function sectionId(pagePath) {
  return pagePath === INDEX_PAGE ? "overview" : posix.basename(pagePath, ".md");
}

/** The id an anchor of a page gets in the joined file: ids are unique per page, so the page's
 *  section id is their prefix (the index's own anchors, such as source-gateway, keep theirs). */
function anchorId(pagePath, anchor) {
  return pagePath === INDEX_PAGE ? anchor : `${sectionId(pagePath)}-${anchor}`;
}

function slug(text) {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** One page as HTML: links to pages (and their anchors) become in-file links; ids get the prefix. */
function renderPage(pagePath, markdown, pages) {
  const marked = new Marked({ gfm: true });
  marked.use({
    walkTokens(token) {
      if (token.type === "link" && !/^[a-z]+:/i.test(token.href)) {
        const [file, anchor] = token.href.split("#");
        const target = file ? posix.normalize(posix.join(posix.dirname(pagePath), file)) : pagePath;
        if (!pages.has(target)) throw new Error(`build-docs: ${pagePath} links to ${token.href}, which is no page of the reference`);
        token.href = `#${anchor ? anchorId(target, anchor) : sectionId(target)}`;
      }
      if (token.type === "html") token.text = token.text.replace(/\bid="([^"]+)"/g, (_, id) => `id="${escapeHtml(anchorId(pagePath, id))}"`);
    },
    renderer: {
      // Headings get ids (marked gives none): "Legacy fields" is linked from the field rows.
      heading(text, level, raw) {
        const id = level === 1 ? "" : ` id="${escapeHtml(anchorId(pagePath, slug(raw)))}"`;
        return `<h${level}${id}>${text}</h${level}>\n`;
      },
    },
  });
  // The "generated, do not edit" comment is for the Markdown's readers in a repository.
  return marked.parse(markdown.replace(/^<!--[\s\S]*?-->\n/, ""), { async: false });
}

/** `dist/api-reference.html` as text. `docsDir`: the generated pages; `openapi`: the OpenAPI
 *  document (which models the operations return); `version`: the packages' version. */
export function buildReference({ docsDir, openapi, version, playgroundHref }) {
  const files = listMarkdown(docsDir);
  const pages = new Set(files);
  if (!pages.has(INDEX_PAGE)) throw new Error(`build-docs: ${join(docsDir, INDEX_PAGE)} is missing: run pnpm codegen`);
  const models = files.filter((f) => f !== INDEX_PAGE);
  const responseModels = new Set();
  for (const operations of Object.values(openapi.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const response of Object.values(operation.responses ?? {})) {
        for (const media of Object.values(response.content ?? {})) {
          const ref = media.schema?.$ref;
          if (typeof ref === "string") responseModels.add(ref.slice(ref.lastIndexOf("/") + 1));
        }
      }
    }
  }
  const title = `${openapi.info.title} ${version}: API reference`;
  const link = (file) => `<li><a href="#${escapeHtml(sectionId(file))}">${escapeHtml(sectionId(file))}</a></li>`;
  const sources = [...new Set(models.map((f) => posix.dirname(f)))];
  const nav = [
    "<nav>",
    `<p class="product">${escapeHtml(openapi.info.title)}</p>`,
    `<p class="version">version ${escapeHtml(version)}</p>`,
    `<a class="playground" href="${escapeHtml(playgroundHref)}">Validation playground</a>`,
    `<ul><li><a href="#overview">Overview</a></li></ul>`,
    "<h2>Response models</h2>",
    `<ul>${models
      .filter((f) => responseModels.has(sectionId(f)))
      .map(link)
      .join("")}</ul>`,
    ...sources.flatMap((source) => [
      `<h2>${escapeHtml(source)}</h2>`,
      `<ul>${models
        .filter((f) => posix.dirname(f) === source)
        .map(link)
        .join("")}</ul>`,
    ]),
    "</nav>",
  ].join("\n");
  const sections = files.map((file) => `<section id="${escapeHtml(sectionId(file))}">\n${renderPage(file, readFileSync(join(docsDir, file), "utf8"), pages)}</section>`);
  const intro = `<p>Version ${escapeHtml(version)} of the packages. Paste a payload into the <a href="${escapeHtml(playgroundHref)}">validation playground</a> to check it against these models.</p>`;
  return page({ title, style: STYLE, body: `${nav}\n<main>\n${intro}\n${sections.join("\n")}\n</main>` });
}
