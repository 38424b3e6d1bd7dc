/**
 * Code blocks in the README and docs/*.md, with the HTML comment markers written just before them:
 * `<!-- snippet: skip (reason) -->` leaves a deliberately partial block out of the snippet test, and
 * `<!-- install: tarball -->` names the install instructions the package test runs literally.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The repository root. */
export const DOCS_ROOT = path.join(__dirname, '..', '..');

/** One fenced code block. */
export interface DocSnippet {
  /** Path relative to the repository root. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The fence's language (`ts`, `json`, `bash`, …), empty when none. */
  readonly lang: string;
  readonly code: string;
  /** The marker comment just before the fence (`snippet: skip (…)`, `install: tarball`), if any. */
  readonly marker?: string;
}

/** The documentation files the snippet test reads: README.md and every docs/*.md. */
export function documentationFiles(): string[] {
  const docs = fs.readdirSync(path.join(DOCS_ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
  return ['README.md', ...docs.sort()];
}

/** Every fenced code block of a markdown file. */
export function snippetsOf(file: string): DocSnippet[] {
  const lines = fs.readFileSync(path.join(DOCS_ROOT, file), 'utf8').split('\n');
  const snippets: DocSnippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`${file}:${i + 1}: unterminated code block`);
    let previous = i - 1;
    while (previous >= 0 && lines[previous].trim() === '') previous--;
    const marker = previous >= 0 ? /^<!--\s*(.+?)\s*-->$/.exec(lines[previous].trim())?.[1] : undefined;
    snippets.push({ file, line: i + 1, lang: open[1], code: lines.slice(i + 1, end).join('\n'), marker });
    i = end;
  }
  return snippets;
}

/** The reason of a `snippet: skip (reason)` marker, or undefined. */
export function skipReason(snippet: DocSnippet): string | undefined {
  return snippet.marker ? /^snippet: skip \((.+)\)$/.exec(snippet.marker)?.[1] : undefined;
}
