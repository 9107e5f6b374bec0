// The element's DOM-free parts in Node: its English and Dutch labels match,
// the acceptance link,
// and importing the library registers no element.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCore, defineElement } from '../../web/index.js';
import { labels, label, uiLanguage } from '../../web/i18n/index.js';
import { acceptanceLink } from '../../web/element/flows.js';


test('the element has a Dutch label for every English one and no other', () => {
  assert.deepEqual(Object.keys(labels.nl).sort(), Object.keys(labels.en).sort());
  assert.equal(label('nl', 'fixErrors', { count: 2 }), '2 veld(en) vragen aandacht.');
  assert.equal(label('de', 'copy'), 'Copy link');
  assert.deepEqual(['nl-BE', 'NL', 'fr', '', undefined].map(uiLanguage), ['nl', 'nl', 'en', 'en', 'en']);
});

test('the acceptance link is built from the core\'s prefix and the attestation id, escaped', async () => {
  const core = await loadCore();
  assert.equal(acceptanceLink(core, '6f9619ff-8b86-d011-b42d-00c04fc964ff'),
    'https://cdn.partner.microsoft.com/mca/?attestationid=6f9619ff-8b86-d011-b42d-00c04fc964ff');
  assert.equal(acceptanceLink(core, 'x&y=<z>'), 'https://cdn.partner.microsoft.com/mca/?attestationid=x%26y%3D%3Cz%3E');
});

test('importing the library in Node works and registers nothing; defineElement needs a browser', () => {
  assert.equal(globalThis.customElements, undefined);
  assert.throws(() => defineElement(), /customElements is not defined/);
});

// ---- The classes as documented: JSDoc @event, @csspart and @cssprop -------------------------

const source = (file) => readFileSync(new URL(`../../web/element/${file}`, import.meta.url), 'utf8');
/** The `@tag name` entries of the JSDoc block right above `export class <name>`. */
function documented(file, className, tag) {
  const text = source(file);
  const end = text.indexOf(`export class ${className} `);
  const block = text.slice(text.lastIndexOf('/**', end), end);
  return [...block.matchAll(new RegExp(`^ \\* @${tag} (\\S+)(.*)$`, 'gm'))].map(([, name, rest]) => ({ name, rest }));
}
/** Part names of `part: '…'` and `part: \`…\`` in the files (a `${…}` suffix stands for any name). */
function renderedParts(files) {
  const names = new Set();
  for (const file of files) {
    for (const [, value] of source(file).matchAll(/\bpart: ['`]([^'`]+)['`]/g)) {
      for (const token of value.split(' ')) names.add(token.replace(/\$\{[^}]+\}$/, '<name>'));
    }
  }
  return names;
}
/** Documented part names, with `field-<name>` for "also `field-<name>`" in a description. */
function documentedParts(file, className) {
  return new Set(documented(file, className, 'csspart').flatMap(({ name, rest }) =>
    [name, ...[...rest.matchAll(/`([a-z-]+-<name>)`/g)].map((m) => m[1])]));
}
const ELEMENTS = [
  { className: 'MCAAttestationElement', file: 'element.js', files: ['element.js', 'views.js', 'form.js', 'pending.js'] },
  { className: 'MCABulkElement', file: 'bulk.js', files: ['bulk.js', 'bulk-views.js'] },
];

for (const { className, file, files } of ELEMENTS) {
  test(`${className} documents each part it renders with @csspart, and no other`, () => {
    const docs = [...documentedParts(file, className)].sort();
    // A rendered `download-${key}` is documented as `download-<name>` or as each `download-…` name.
    const rendered = [...renderedParts(files)].flatMap((name) => {
      if (!name.endsWith('-<name>') || docs.includes(name)) return [name];
      const named = docs.filter((d) => d.startsWith(name.slice(0, -'<name>'.length)));
      return named.length ? named : [name];
    }).sort();
    assert.ok(rendered.length >= 20, rendered.join(' '));
    assert.deepEqual(docs, rendered);
  });

  test(`${className} documents each event it dispatches with @event, and no other`, () => {
    const sent = [...new Set([...source(file).matchAll(/this\.#emit\('([a-z-]+)'/g)].map((m) => m[1]))].sort();
    assert.ok(sent.includes('mca-error'));
    assert.deepEqual(documented(file, className, 'event').map((e) => e.name).sort(), sent);
  });
}

test('the custom properties the stylesheet reads are each documented with @cssprop (and none it does not read)', () => {
  const read = [...new Set([...source('styles.js').matchAll(/var\((--mca-[a-z-]+)/g)].map((m) => m[1]))].sort();
  const props = ELEMENTS.map(({ className, file }) => documented(file, className, 'cssprop').map((p) => p.name));
  assert.ok(read.length >= 15);
  assert.deepEqual([...new Set(props.flat())].sort(), read);
  for (const list of props) assert.deepEqual(list.filter((p) => !read.includes(p)), []);
});

test('the elements find their own nodes by class, never by part (parts are the theming API)', () => {
  for (const file of ['element.js', 'bulk.js', 'views.js', 'bulk-views.js', 'form.js', 'styles.js', 'dom.js']) {
    assert.doesNotMatch(source(file), /\[part[~|^$*]?=/, file);
  }
});

test('the element classes are exported, plain classes with a static define(), inert in Node', async () => {
  const lib = await import('../../web/index.js');
  for (const name of ['MCAAttestationElement', 'MCABulkElement']) {
    assert.equal(typeof lib[name], 'function', name);
    assert.equal(typeof lib[name].define, 'function', `${name}.define`);
    assert.throws(() => lib[name].define(), new RegExp(`${name}\\.define needs a browser: customElements is not defined`));
  }
  assert.deepEqual(lib.MCAAttestationElement.observedAttributes.slice(0, 2), ['customer-id', 'base-url']);
});
