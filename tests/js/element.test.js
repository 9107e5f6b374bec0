// The element's DOM-free parts in Node: its English and Dutch labels match,
// the list status of a decision, the read-back match, the acceptance link,
// and importing the library registers no element.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadCore, defineElement } from '../../web/index.js';
import { labels, label, uiLanguage } from '../../web/element/text.js';
import { statusOf, findRecorded, currentTemplate } from '../../web/element/facts.js';
import { acceptanceLink } from '../../web/element/flows.js';

const core = await loadCore();
const MCA = 'MicrosoftCustomerAgreement';
const CURRENT = '117a77b0-9360-443b-8795-c6dedc750cf9';
const OLDER = '6c2e8a41-3f7b-4d95-a1c8-0b5e7d2f9a36';

test('the element has a Dutch label for every English one and no other', () => {
  assert.deepEqual(Object.keys(labels.nl).sort(), Object.keys(labels.en).sort());
  assert.equal(label('nl', 'fixErrors', { count: 2 }), '2 veld(en) vragen aandacht.');
  assert.equal(label('de', 'copy'), 'Copy link');
  assert.deepEqual(['nl-BE', 'NL', 'fr', '', undefined].map(uiLanguage), ['nl', 'nl', 'en', 'en', 'en']);
});

test('statusOf names the list status from the core\'s decision', () => {
  const base = { customer: { id: '3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04' }, priorPurchases: ['azure-subscription'],
    purchase: { kind: 'new', partner: 'existing' }, directSigned: false, partner: { roles: ['AdminAgent'], indirectReseller: false } };
  const templates = [{ templateId: CURRENT, agreementType: MCA, versionRank: 1 }, { templateId: OLDER, agreementType: MCA, versionRank: 0 }];
  const confirmed = (templateId) => [{ type: MCA, templateId, dateAgreed: '2024-05-14T08:45:00Z', primaryContact: {} }];
  const cases = [
    [{ ...base, agreements: [] }, 'needs-attestation'],
    [{ ...base, agreements: [], partner: { roles: ['AdminAgent'], indirectReseller: true } }, 'cannot-attest'],
    [{ ...base, agreements: confirmed(CURRENT) }, 'confirmed'],
    [{ ...base, agreements: confirmed(OLDER) }, 'old-template'],
    [{ ...base, agreements: [], directSigned: true }, 'confirmed-directly'],
    [{ ...base, agreements: [], purchase: { kind: 'auto-renewal', partner: 'existing' } }, 'nothing-needed'],
    [{ ...base, agreements: [], purchase: {} }, 'unknown'],
  ];
  for (const [context, expected] of cases) {
    assert.equal(statusOf(core.detectScenario(context, { templates })), expected, JSON.stringify(context));
  }
  assert.equal(currentTemplate(templates).templateId, CURRENT);
});

test('findRecorded finds the agreement just sent in a read-back list, and only that one', () => {
  const classic = { templateId: CURRENT, dateAgreed: '2026-11-20T09:30:00Z', primaryContact: { email: 'anne@contoso.nl' } };
  const other = { ...classic, primaryContact: { email: 'someone@contoso.nl' } };
  const enhanced = { templateId: CURRENT, dateAgreed: '2026-11-20T10:00:00Z', attestationId: 'ABC' };
  assert.equal(findRecorded([other, classic], classic), classic);
  assert.equal(findRecorded([other], classic), null);
  assert.equal(findRecorded([classic, enhanced], { attestationId: 'abc' }), enhanced);
  assert.equal(findRecorded(undefined, classic), null);
});

test('the acceptance link is built from the attestation id, escaped', () => {
  assert.equal(acceptanceLink('6f9619ff-8b86-d011-b42d-00c04fc964ff'),
    'https://cdn.partner.microsoft.com/mca/?attestationid=6f9619ff-8b86-d011-b42d-00c04fc964ff');
  assert.equal(acceptanceLink('x&y=<z>'), 'https://cdn.partner.microsoft.com/mca/?attestationid=x%26y%3D%3Cz%3E');
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
  { className: 'MCAAttestationElement', file: 'element.js', files: ['element.js', 'views.js', 'form.js'] },
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
