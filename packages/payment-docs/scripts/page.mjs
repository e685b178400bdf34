// The shell both HTML pages share: one file, its own Content-Security-Policy naming the hashes of
// its inline style and script, so the browser itself refuses anything else (no request outside
// the file, no eval), whoever opens it and however.
import { createHash } from "node:crypto";

export function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function sha256(text) {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/** The colours, type and layout of both pages. */
export const BASE_STYLE = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #d9dee8; --accent: #2456c9; --soft: #f4f6fa; --bad: #b3261e; --warn: #8a5a00; --good: #1e7b34; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
code, pre, textarea { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
code { background: var(--soft); padding: 0 3px; border-radius: 3px; }
pre { background: var(--soft); padding: 12px; overflow: auto; border-radius: 6px; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); }
`;

/** A complete page: `style` and `script` are inlined and allowed by hash; nothing else is. */
export function page({ title, style, body, script }) {
  const policy = ["default-src 'none'", `style-src ${sha256(style)}`, ...(script ? [`script-src ${sha256(script)}`] : []), "img-src data:", "base-uri 'none'", "form-action 'none'"].join("; ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
${body}
${script ? `<script>${script}</script>` : ""}
</body>
</html>
`;
}
