// playground.html: src/playground/main.ts bundled by esbuild with the shipped validators
// (@org/payment-validators' dist, as a consumer's bundler gets it) and jsonc-parser into one inline
// script, allowed by hash in the page's own Content-Security-Policy (no eval, no request).
import { buildSync } from "esbuild";
import { BASE_STYLE, escapeHtml, page } from "./page.mjs";

const STYLE = `${BASE_STYLE}
body { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
header { display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; }
header h1 { font-size: 24px; margin: 8px 0; }
.controls { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; margin: 8px 0; }
textarea { width: 100%; height: 260px; padding: 8px; border: 1px solid var(--line); border-radius: 6px; resize: vertical; }
#caret, #summary, .hint { color: var(--muted); font-size: 13px; }
#result section { border-left: 4px solid var(--line); padding: 2px 12px; margin: 10px 0; }
#result section.valid { border-color: var(--good); }
#result section.invalid, #result section.not-json, #result section.no-model { border-color: var(--bad); }
#result h3 { font-size: 15px; margin: 6px 0; }
#result ul { margin: 4px 0; padding-left: 18px; }
#result li { cursor: pointer; margin: 2px 0; }
#result li.warning { color: var(--warn); }
#result li.issue, #result li.syntax { color: var(--bad); }
#result .pointer { font-weight: 600; color: var(--ink); }
#result .keyword { color: var(--muted); font-size: 12px; }
#highlighted { white-space: pre-wrap; word-break: break-all; max-height: 420px; }
mark { border-radius: 2px; padding: 0 1px; }
mark.issue, mark.syntax { background: #ffd7d3; outline: 1px solid var(--bad); }
mark.warning { background: #ffecc2; outline: 1px solid var(--warn); }
`;

/** `dist/playground.html` as text. `entry`: src/playground/main.ts; `version`: the packages' version. */
export function buildPlayground({ entry, version, referenceHref }) {
  const bundle = buildSync({ entryPoints: [entry], bundle: true, format: "iife", platform: "browser", target: "es2022", minify: true, legalComments: "none", write: false, logLevel: "warning", charset: "utf8" });
  const script = bundle.outputFiles[0].text;
  if (/<\/script/i.test(script)) throw new Error("build-docs: the playground's script contains </script>, which would end the inline script early");
  const title = `Payment payload playground ${version}`;
  const body = `<header>
<h1>Payment payload playground</h1>
<span class="hint">version ${escapeHtml(version)}, validators of @org/payment-validators; nothing leaves this page</span>
<a href="${escapeHtml(referenceHref)}">API reference</a>
</header>
<div class="controls">
<label>Model <select id="model" data-testid="model-select"><option value="">Infer from the payload</option></select></label>
<label><input type="checkbox" id="tolerant" data-testid="tolerant-toggle"> Tolerant (accept unknown properties and unknown provider enum values, as warnings)</label>
<label>Open a file <input type="file" id="file" accept=".json,.ndjson,.jsonl,application/json"></label>
</div>
<textarea id="payload" data-testid="payload-input" spellcheck="false" aria-label="Payload: one JSON payload, a JSON array of payloads, or NDJSON (one payload per line)" placeholder="Paste a payload (JSON), an array of payloads, or NDJSON (one payload per line), or drop a file here"></textarea>
<div id="caret">line 1, column 1</div>
<p id="summary" aria-live="polite"></p>
<div id="result" data-testid="validate-result" aria-live="polite"></div>
<pre id="highlighted" data-testid="payload-highlighted" hidden></pre>`;
  return page({ title, style: STYLE, body, script });
}
