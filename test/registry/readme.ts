// The README as tests read it: a section by its heading, and the fenced blocks in it, exactly as
// written (the tests run them; nothing is copied into the tests).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./helpers.js";

export interface FencedBlock {
  /** The info string's first word: "sh", "ts", "ini", "text", or "" when there is none. */
  readonly lang: string;
  readonly text: string;
  /** 1-based line of the opening fence, within the text searched. */
  readonly line: number;
}

export const repositoryReadme = (): string => readFileSync(join(REPO_ROOT, "README.md"), "utf8");

/** The section under `heading` (e.g. "## Use in another repository"), up to the next heading of
 *  the same or a higher level; its subsections are part of it. */
export function readmeSection(heading: string, markdown = repositoryReadme()): string {
  const level = /^#+/.exec(heading)![0].length;
  const lines = markdown.split("\n");
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`README has no heading ${JSON.stringify(heading)}`);
  let fenced = false;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i]!.startsWith("```")) fenced = !fenced;
    const match = fenced ? null : /^(#+) /.exec(lines[i]!);
    if (match && match[1]!.length <= level) {
      end = i;
      break;
    }
  }
  return lines.slice(start, end).join("\n");
}

/** Every top-level fenced block (``` fences) of `markdown`, in order. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)/.exec(lines[i]!);
    if (!open) continue;
    const close = lines.findIndex((line, j) => j > i && line.startsWith("```"));
    if (close === -1) throw new Error(`unclosed fence at line ${i + 1}`);
    blocks.push({ lang: open[1]!, text: `${lines.slice(i + 1, close).join("\n")}\n`, line: i + 1 });
    i = close;
  }
  return blocks;
}
