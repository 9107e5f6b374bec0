// The code blocks of README.md and docs/*.md, found by reading the files, so
// a new block is run without editing a test. How each kind runs is
// described in docs/development.md ("Code blocks in the docs"):
//
//   js      a Node ES module (it may import 'mca-attest'); must exit 0
//   js      whose first line is `// /path/file.js`: a browser module, served
//           at that path to the html blocks (tests/browser/readme.spec.js)
//   html    a page loaded in Chromium under the strict CSP
//   sh      shell commands (bash); must exit 0
//   text    right after a js or sh block: what that block prints
//   tree    a folder listing, checked against the repository
//
// Any other block is an error: a block no test runs is a failing test.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** README.md and every docs/*.md, in a stable order. */
export async function docFiles() {
  const docs = (await readdir(new URL('docs/', `file://${ROOT}`))).filter((f) => f.endsWith('.md')).sort();
  return ['README.md', ...docs.map((f) => `docs/${f}`)];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)(.*)$/;
const BROWSER_MODULE = /^\/\/ (\/[\w./-]+\.js)\s*$/;

/** The fenced blocks of one Markdown text: { file, line, lang, code }. */
export function fencedBlocks(file, text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const body = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j].trimStart().startsWith(fence[0].repeat(fence.length))
      && lines[j].trim().replaceAll(fence[0], '') === '')) {
      body.push(lines[j]);
      j++;
    }
    if (j >= lines.length) throw new Error(`${file}:${i + 1}: a code block is not closed`);
    blocks.push({ file, line: i + 1, end: j + 1, lang: open[2].toLowerCase(), code: `${body.join('\n')}\n` });
    i = j;
  }
  return blocks;
}

/**
 * The blocks of one Markdown text with their kind: node, browser-module (with
 * `path`), page, shell, tree, or unknown; a text block right after (blank
 * lines between at most) a node or shell block becomes that block's `output`,
 * any other text block is unknown.
 */
export function classifyBlocks(file, text) {
  const out = [];
  const lines = text.split('\n');
  let previous = null;
  for (const block of fencedBlocks(file, text)) {
    const between = previous ? lines.slice(previous.end, block.line - 1) : null;
    const follows = between !== null && between.every((l) => l.trim() === '');
    if (block.lang === 'text' && follows && (previous.kind === 'node' || previous.kind === 'shell') && !previous.output) {
      previous.output = block.code;
      previous = block;
      block.kind = 'output';
      continue;
    }
    const first = block.code.split('\n')[0];
    if (block.lang === 'js' && BROWSER_MODULE.test(first)) {
      block.kind = 'browser-module';
      block.path = BROWSER_MODULE.exec(first)[1];
    } else {
      block.kind = { js: 'node', html: 'page', sh: 'shell', tree: 'tree' }[block.lang] ?? 'unknown';
    }
    block.id = `${file}:${block.line}`;
    out.push(block);
    previous = block;
  }
  return out;
}

/** Every block of README.md and docs/*.md, with its kind (classifyBlocks). */
export async function docBlocks() {
  const out = [];
  for (const file of await docFiles()) {
    out.push(...classifyBlocks(file, await readFile(new URL(file, `file://${ROOT}`), 'utf8')));
  }
  return out;
}

/** What a placeholder of an expected output line stands for. */
export const PLACEHOLDERS = Object.freeze({
  '…': '.*',
  '‹guid›': '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  '‹time›': '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z',
  '‹hex›': '[0-9a-f]+',
  '‹n›': '-?\\d+(?:[.,]\\d+)*',
});
const TOKEN = new RegExp(Object.keys(PLACEHOLDERS).join('|'), 'g');

function linePattern(expected) {
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let out = '';
  let at = 0;
  for (const m of expected.matchAll(TOKEN)) {
    out += escape(expected.slice(at, m.index)) + PLACEHOLDERS[m[0]];
    at = m.index + m[0].length;
  }
  return new RegExp(`^${out}${escape(expected.slice(at))}$`);
}

/**
 * Compares printed text with a block's expected output: line by line, trailing
 * spaces ignored; in an expected line `…` stands for any text, `‹guid›` for a
 * lower-case GUID, `‹time›` for a UTC instant `YYYY-MM-DDTHH:MM:SSZ`, `‹hex›` for lower-case
 * hex digits and `‹n›` for a number. Returns null when they agree, else a
 * message naming the first difference.
 */
export function outputMismatch(actual, expected) {
  const norm = (t) => t.replace(/\s+$/, '').split('\n').map((l) => l.replace(/\s+$/, ''));
  const got = norm(actual);
  const want = norm(expected);
  for (let i = 0; i < Math.max(got.length, want.length); i++) {
    const w = want[i];
    const g = got[i];
    if (w === undefined || g === undefined || !linePattern(w).test(g)) {
      return `line ${i + 1}: expected ${JSON.stringify(w ?? '(end)')}, got ${JSON.stringify(g ?? '(end)')}\n--- printed:\n${actual}`;
    }
  }
  return null;
}
