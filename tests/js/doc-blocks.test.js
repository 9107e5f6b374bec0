// The reader of the docs' code blocks (doc-blocks.js) on Markdown made for the
// test: every block gets the kind that decides how it runs, a block of no
// known kind is reported (readme.test.js then fails on it), and an expected
// output matches only what it says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyBlocks, fencedBlocks, outputMismatch } from './doc-blocks.js';

const FENCE = '```';
const md = (...parts) => parts.join('\n');
const kinds = (text) => classifyBlocks('x.md', text).map((b) => b.kind);

test('each language gets its kind, and a js block headed by a path is a browser module', () => {
  const text = md(`${FENCE}js`, 'console.log(1);', FENCE, '',
    `${FENCE}js`, '// /app/mca.js', "import '/x.js';", FENCE, '',
    `${FENCE}html`, '<p>hi</p>', FENCE, '',
    `${FENCE}sh`, 'echo hi', FENCE, '',
    `${FENCE}tree`, 'src/  the core', FENCE, '');
  const blocks = classifyBlocks('x.md', text);
  assert.deepEqual(blocks.map((b) => b.kind), ['node', 'browser-module', 'page', 'shell', 'tree']);
  assert.equal(blocks[1].path, '/app/mca.js');
  assert.deepEqual(blocks.map((b) => b.id), ['x.md:1', 'x.md:5', 'x.md:10', 'x.md:14', 'x.md:18']);
  assert.equal(blocks[0].code, 'console.log(1);\n');
});

test('a block of no known language, or none, is unknown, so it cannot pass unrun', () => {
  assert.deepEqual(kinds(md(`${FENCE}`, 'x', FENCE)), ['unknown']);
  assert.deepEqual(kinds(md(`${FENCE}javascript`, 'x', FENCE)), ['unknown']);
  assert.deepEqual(kinds(md(`${FENCE}bash`, 'ls', FENCE)), ['unknown']);
  assert.deepEqual(kinds(md(`${FENCE}JS`, 'x', FENCE)), ['node'], 'the language is read case-insensitively');
});

test('a text block right after a js or sh block is its output; anywhere else it is unknown', () => {
  const after = classifyBlocks('x.md', md(`${FENCE}js`, 'console.log(1);', FENCE, '', `${FENCE}text`, '1', FENCE));
  assert.deepEqual(after.map((b) => b.kind), ['node']);
  assert.equal(after[0].output, '1\n');
  const sh = classifyBlocks('x.md', md(`${FENCE}sh`, 'echo 1', FENCE, `${FENCE}text`, '1', FENCE));
  assert.equal(sh[0].output, '1\n');
  assert.deepEqual(kinds(md(`${FENCE}js`, 'a', FENCE, 'Some prose.', `${FENCE}text`, '1', FENCE)), ['node', 'unknown'],
    'prose between: not an output');
  assert.deepEqual(kinds(md(`${FENCE}html`, '<p></p>', FENCE, `${FENCE}text`, '1', FENCE)), ['page', 'unknown']);
  assert.deepEqual(kinds(md(`${FENCE}text`, '1', FENCE)), ['unknown'], 'a text block first in a file');
  const twice = classifyBlocks('x.md', md(`${FENCE}js`, 'a', FENCE, `${FENCE}text`, '1', FENCE, `${FENCE}text`, '2', FENCE));
  assert.deepEqual(twice.map((b) => b.kind), ['node', 'unknown'], 'one output per block');
  assert.equal(twice[0].output, '1\n');
});

test('fences: tildes, longer fences holding shorter ones, and an unclosed block is an error', () => {
  assert.deepEqual(fencedBlocks('x.md', md('~~~sh', 'echo 1', '~~~')).map((b) => [b.lang, b.code]), [['sh', 'echo 1\n']]);
  const nested = fencedBlocks('x.md', md('````text', '```js', 'x', '```', '````'));
  assert.equal(nested.length, 1);
  assert.equal(nested[0].code, '```js\nx\n```\n');
  assert.throws(() => fencedBlocks('x.md', md('intro', `${FENCE}js`, 'console.log(1);')),
    /x\.md:2: a code block is not closed/);
});

test('an expected output matches line by line, placeholders standing for their kind of text', () => {
  assert.equal(outputMismatch('a  \nb\n\n', 'a\nb\n'), null, 'trailing spaces and blank lines at the end are ignored');
  assert.equal(outputMismatch('id 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 at 2026-01-15T09:30:00Z, 1,234 rows (ff)\n',
    'id ‹guid› at ‹time›, ‹n› rows (‹hex›)\n'), null);
  assert.equal(outputMismatch('Recorded: anything at all\n', 'Recorded: …\n'), null);
  assert.equal(outputMismatch('a.b\n', 'a.b\n'), null);
  assert.match(outputMismatch('aXb\n', 'a.b\n'), /line 1/, 'a dot is a dot, not any character');
  assert.match(outputMismatch('id 0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0\n', 'id ‹guid›\n'), /line 1/, '‹guid› is lower case');
  assert.match(outputMismatch('2026-01-15 09:30\n', '‹time›\n'), /line 1/);
  assert.match(outputMismatch('true\nfalse\n', 'true\ntrue\n'), /line 2: expected "true", got "false"/);
  assert.match(outputMismatch('a\n', 'a\nb\n'), /line 2: expected "b", got "\(end\)"/, 'a missing line');
  assert.match(outputMismatch('a\nb\n', 'a\n'), /line 2: expected "\(end\)", got "b"/, 'an extra line');
});
