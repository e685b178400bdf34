// The playground page: a text area (paste, type, or drop a file), the model (chosen or inferred),
// tolerant mode; each change is checked at once and the verdicts listed, each issue with its
// pointer and message, and the payload shown again with the offending parts highlighted. Built
// into playground.html by scripts/build.mjs; the DOM is made with createElement and textContent
// only (the payload is never HTML).
import { validatedModels } from "@org/payment-validators";
import { type LocatedIssue, type ModelName, type PayloadReport, type TextSpan, checkText, lineAndColumn } from "./check.js";

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`playground: #${id} is missing from the page`);
  return element as T;
}

const input = byId<HTMLTextAreaElement>("payload");
const modelSelect = byId<HTMLSelectElement>("model");
const tolerant = byId<HTMLInputElement>("tolerant");
const fileInput = byId<HTMLInputElement>("file");
const result = byId<HTMLElement>("result");
const highlighted = byId<HTMLElement>("highlighted");
const summary = byId<HTMLElement>("summary");

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string | undefined, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

for (const model of validatedModels) modelSelect.append(new Option(model, model));

/** Where a report's payload is in the text, in the words of payment-validate ("" for the one payload). */
function placeOf(report: PayloadReport): string {
  if (report.line !== undefined) return `line ${report.line}`;
  return report.index !== undefined ? `[${report.index}]` : "";
}

interface Mark {
  readonly span: TextSpan;
  readonly id: string;
  readonly severity: "issue" | "warning" | "syntax";
  readonly message: string;
}

/** Selects the span in the text area and brings its highlight into view. */
function reveal(mark: Mark): void {
  input.focus();
  input.setSelectionRange(mark.span.start, mark.span.end);
  document.getElementById(mark.id)?.scrollIntoView({ block: "nearest" });
}

function issueItem(issue: LocatedIssue, severity: Mark["severity"], marks: Mark[]): HTMLElement {
  const item = element("li", severity, element("code", "pointer", issue.pointer || "(root)"), " ", issue.message, " ", element("span", "keyword", `[${issue.keyword}]`));
  if (issue.span !== undefined) {
    const mark: Mark = { span: issue.span, id: `mark-${marks.length}`, severity, message: `${issue.pointer || "(root)"}: ${issue.message}` };
    marks.push(mark);
    item.tabIndex = 0;
    item.title = "Show it in the payload";
    item.addEventListener("click", () => reveal(mark));
    item.addEventListener("keydown", (event) => {
      if (event.key === "Enter") reveal(mark);
    });
  }
  return item;
}

/** The text again, with every marked span wrapped in <mark> (spans that overlap: the outer one). */
function renderHighlighted(text: string, marks: readonly Mark[]): void {
  highlighted.replaceChildren();
  const ordered = [...marks].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  let at = 0;
  for (const mark of ordered) {
    if (mark.span.start < at) continue; // inside a span already marked
    highlighted.append(text.slice(at, mark.span.start));
    const shown = text.slice(mark.span.start, Math.max(mark.span.end, mark.span.start + 1)) || " ";
    const node = element("mark", mark.severity, shown);
    node.id = mark.id;
    node.title = mark.message;
    highlighted.append(node);
    at = mark.span.start + shown.length;
  }
  highlighted.append(text.slice(at));
  highlighted.hidden = marks.length === 0;
}

function render(): void {
  const text = input.value;
  const reports = checkText(text, { model: (modelSelect.value || undefined) as ModelName | undefined, tolerant: tolerant.checked });
  const marks: Mark[] = [];
  result.replaceChildren();
  for (const report of reports) {
    const where = placeOf(report);
    const prefix = where ? `${where}: ` : "";
    if (report.kind === "not-json") {
      const mark: Mark = { span: report.span, id: `mark-${marks.length}`, severity: "syntax", message: report.message };
      marks.push(mark);
      const item = element("li", "syntax", `line ${report.at.line}, column ${report.at.column}: ${report.message}`);
      item.addEventListener("click", () => reveal(mark));
      result.append(element("section", "payload not-json", element("h3", undefined, `${prefix}not JSON`), element("ul", undefined, item)));
    } else if (report.kind === "no-model") {
      result.append(element("section", "payload no-model", element("h3", undefined, `${prefix}model unknown`), element("p", undefined, report.message)));
    } else {
      const count = report.issues.length;
      const verdict = report.valid ? `valid ${report.model}` : `invalid ${report.model} (${count} ${count === 1 ? "issue" : "issues"})`;
      const warned = report.warnings.length > 0 ? `, ${report.warnings.length} ${report.warnings.length === 1 ? "warning" : "warnings"}` : "";
      const list = element("ul", undefined, ...report.issues.map((i) => issueItem(i, "issue", marks)), ...report.warnings.map((w) => issueItem(w, "warning", marks)));
      result.append(element("section", `payload ${report.valid ? "valid" : "invalid"}`, element("h3", undefined, `${prefix}${verdict}${warned}`), list));
    }
  }
  const valid = reports.filter((r) => r.kind === "checked" && r.valid).length;
  summary.textContent = reports.length === 0 ? "Paste a payload, or drop a .json or .ndjson file." : `${reports.length} ${reports.length === 1 ? "payload" : "payloads"}: ${valid} valid, ${reports.length - valid} not`;
  renderHighlighted(text, marks);
}

async function load(file: File): Promise<void> {
  input.value = await file.text();
  render();
}

input.addEventListener("input", render);
modelSelect.addEventListener("change", render);
tolerant.addEventListener("change", render);
fileInput.addEventListener("change", () => {
  const file = fileInput.files?.[0];
  if (file) void load(file);
});
input.addEventListener("dragover", (event) => event.preventDefault());
input.addEventListener("drop", (event) => {
  const file = event.dataTransfer?.files[0];
  if (!file) return;
  event.preventDefault();
  void load(file);
});
// Where the caret is, for matching a "line L, column C" message to the text.
const caret = byId<HTMLElement>("caret");
const showCaret = () => {
  const { line, column } = lineAndColumn(input.value, input.selectionStart);
  caret.textContent = `line ${line}, column ${column}`;
};
for (const type of ["keyup", "click", "select", "input"]) input.addEventListener(type, showCaret);
render();
