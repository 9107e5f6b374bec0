// Accessibility and registration of <mca-attestation>: axe-core finds no
// violation in the form, error and result states (shadow DOM included);
// defineElement registers only when called, is idempotent and takes a tag
// name; the element's language follows its ancestors.
import { readFile } from 'node:fs/promises';
import { test, expect, openDashboard, axe } from './fixtures.js';

async function openById(page, id) {
  await page.locator('#customer-id').fill(id);
  await page.locator('#customer-open').click();
}

test('axe-core finds no violation on the dashboard with the element in its form, error and result states', async ({ page, demo }, testInfo) => {
  await openDashboard(page, demo);
  const element = page.locator('mca-attestation');
  await element.evaluate((el) => el.setAttribute('flow', 'classic'));
  await page.getByRole('button', { name: 'Contoso Nederland B.V.' }).click();
  await expect(element).toHaveAttribute('data-state', 'ready');
  expect(await axe(page), 'form').toEqual([]);
  await element.locator('.submit').click();
  await expect(element.locator('[aria-invalid="true"]')).toHaveCount(3);
  expect(await axe(page), 'inline errors').toEqual([]);
  await element.getByLabel('First name').fill('Anne');
  await element.getByLabel('Last name').fill('de Vries');
  await element.getByLabel('Email address').fill('anne@contoso.nl');
  await element.locator('.submit').click();
  await expect(element).toHaveAttribute('data-state', 'done');
  expect(await axe(page), 'result').toEqual([]);
  await openById(page, 'f4b7d0a3-9e2c-4f5b-8a1d-3c6e9f2b5a87');   // Litware: not listed (no relationship)
  await expect(element).toHaveAttribute('data-state', 'error');
  expect(await axe(page), 'Partner Center error').toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('a11y-error.png'), fullPage: true });
});

test('axe-core finds no violation while an enhanced attestation waits for the customer (link, copy, QR)', async ({ page, demo }) => {
  await openDashboard(page, demo, 'nl');
  const element = page.locator('mca-attestation');
  await page.getByRole('button', { name: 'Fabrikam Deutschland GmbH' }).click();
  await expect(element).toHaveAttribute('data-state', 'ready');
  await element.evaluate((el) => { el.defaults = { signatoryFirstName: 'Jonas', signatoryLastName: 'Becker',
    signatoryEmail: 'jonas.becker@fabrikam.de' }; });
  await element.locator('.submit').click();
  await expect(element).toHaveAttribute('data-state', 'awaiting');
  expect(await axe(page)).toEqual([]);
});

test('defineElement registers nothing on import, is idempotent, and takes another tag name', async ({ page, demo }) => {
  await page.goto(`${demo.url}/demo/index.html`);
  await expect(page.locator('body')).toHaveAttribute('data-core-ready', 'true');
  const result = await page.evaluate(async () => {
    const lib = await import('/web/index.js');
    const before = customElements.get('partner-mca') ?? null;
    const a = lib.defineElement('partner-mca');
    const b = lib.defineElement('partner-mca');
    const main = customElements.get('mca-attestation');
    return { before, same: a === b, registered: customElements.get('partner-mca') === a, distinct: a !== main,
      subclass: a.prototype instanceof main || main.prototype instanceof a || a === main, again: lib.defineElement() === main };
  });
  expect(result).toEqual({ before: null, same: true, registered: true, distinct: true, subclass: true, again: true });
  // The module itself defines no tag: a page importing only the library has none.
  const fresh = await page.context().newPage();
  await fresh.goto(`${demo.url}/demo/missing-page`);
  const defined = await fresh.evaluate(async () => { await import('/web/index.js'); return customElements.get('mca-attestation') ?? null; });
  expect(defined).toBeNull();
  await fresh.close();
});

test('the element speaks its closest ancestor\'s language, else the page\'s, else English', async ({ page, demo }) => {
  await page.goto(`${demo.url}/demo/`);
  await expect(page.locator('body')).toHaveAttribute('data-core-ready', 'true');
  const langs = await page.evaluate(() => {
    const make = (parentLang) => {
      const box = document.createElement('div');
      if (parentLang) box.setAttribute('lang', parentLang);
      const el = document.createElement('mca-attestation');
      box.append(el);
      document.body.append(box);
      const lang = el.uiLang;
      box.remove();
      return lang;
    };
    const out = { ancestorNlBE: make('nl-BE'), ancestorFr: make('fr') };
    document.documentElement.lang = 'nl';
    out.page = make(null);
    document.documentElement.removeAttribute('lang');
    out.none = make(null);
    return out;
  });
  expect(langs).toEqual({ ancestorNlBE: 'nl', ancestorFr: 'en', page: 'nl', none: 'en' });
});

test('MCAAttestationElement.define and MCABulkElement.define: default tags, a tag of choice, another registry, idempotent', async ({ page, demo }) => {
  await page.goto(`${demo.url}/demo/empty.html`);
  const result = await page.evaluate(async () => {
    const lib = await import('/web/index.js');
    await lib.loadCore();          // the .wasm the module fetched on import is in before the page closes
    const { MCAAttestationElement: A, MCABulkElement: B } = lib;
    const before = [customElements.get('mca-attestation'), customElements.get('mca-bulk')].map((c) => c ?? null);
    const a = A.define();
    const bulk = B.define('partner-bulk');
    const scoped = new CustomElementRegistry();
    const inScoped = A.define('mca-attestation', scoped);
    // defineElement after define(): the tag taken keeps its class; mca-bulk gets a subclass of B.
    const viaDefineElement = lib.defineElement();
    const mcaBulk = customElements.get('mca-bulk');
    const made = document.createElement('partner-bulk');
    return { before, a: a === A, again: A.define() === A, registered: customElements.get('mca-attestation') === A,
      bulk: bulk === B && customElements.get('partner-bulk') === B, scoped: inScoped === A && scoped.get('mca-attestation') === A,
      viaDefineElement: viaDefineElement === A, mcaBulk: mcaBulk !== B && mcaBulk.prototype instanceof B,
      instance: made instanceof B && made instanceof HTMLElement && made.state === 'empty' };
  });
  expect(result).toEqual({ before: [null, null], a: true, again: true, registered: true, bulk: true, scoped: true,
    viaDefineElement: true, mcaBulk: true, instance: true });
});

/** The @csspart names documented on a class (with `x-<name>` for "also `x-<name>`"). */
async function documentedParts(file, className) {
  const text = await readFile(new URL(`../../web/element/${file}`, import.meta.url), 'utf8');
  const end = text.indexOf(`export class ${className} `);
  const block = text.slice(text.lastIndexOf('/**', end), end);
  return [...block.matchAll(/^ \* @csspart (\S+)(.*)$/gm)].flatMap(([, name, rest]) =>
    [name, ...[...rest.matchAll(/`([a-z-]+)-<name>`/g)].map((m) => `${m[1]}-`)]);
}
const partsIn = (locator) => locator.evaluate((el) => [...new Set([...el.shadowRoot.querySelectorAll('[part]')]
  .flatMap((n) => n.getAttribute('part').split(' ')))]);
const undocumented = (seen, documented) => seen.filter((p) => !documented.includes(p)
  && !documented.some((d) => d.endsWith('-') && p.startsWith(d)));

test('every part the elements render is documented (@csspart), and the page styles it with ::part()', async ({ page, demo }) => {
  const parts = await documentedParts('element.js', 'MCAAttestationElement');
  const bulkParts = await documentedParts('bulk.js', 'MCABulkElement');
  await openDashboard(page, demo);
  const element = page.locator('mca-attestation');
  const seen = new Set();
  const look = async () => { for (const p of await partsIn(element)) seen.add(p); };
  await element.evaluate((el) => el.setAttribute('flow', 'classic'));
  await page.getByRole('button', { name: 'Contoso Nederland B.V.' }).click();
  await expect(element).toHaveAttribute('data-state', 'ready');
  await element.locator('.submit').click();
  await expect(element.locator('[aria-invalid="true"]')).toHaveCount(3);
  await look();
  await openById(page, 'f4b7d0a3-9e2c-4f5b-8a1d-3c6e9f2b5a87');   // Litware: not listed (no relationship)
  await expect(element).toHaveAttribute('data-state', 'error');
  await look();
  expect(seen.size).toBeGreaterThanOrEqual(20);
  expect(undocumented([...seen], parts), 'parts rendered but not documented').toEqual([]);

  const bulk = page.locator('mca-bulk');
  await bulk.locator('input[type="file"]').setInputFiles({ name: 'k.csv', mimeType: 'text/csv',
    buffer: Buffer.from('customerId,firstName,lastName,email,dateAgreed\n3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04,Anne,de Vries,anne@contoso.nl,2026-01-15T09:30:00Z\n') });
  await expect(bulk).toHaveAttribute('data-state', 'checked');
  expect(undocumented(await partsIn(bulk), bulkParts), 'bulk parts rendered but not documented').toEqual([]);

  // A page's stylesheet (constructable: the CSP allows no inline style) reaches the parts, not the classes.
  const styled = await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('mca-attestation::part(retry) { outline: 5px solid rgb(1, 2, 3); } mca-bulk::part(submit) { outline: 5px solid rgb(4, 5, 6); }'
      + ' mca-attestation .retry, mca-bulk .submit { color: rgb(7, 8, 9); }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const retry = document.querySelector('mca-attestation').shadowRoot.querySelector('.retry');
    const submit = document.querySelector('mca-bulk').shadowRoot.querySelector('.submit');
    return [getComputedStyle(retry).outlineColor, getComputedStyle(submit).outlineColor,
      getComputedStyle(retry).color === 'rgb(7, 8, 9)' || getComputedStyle(submit).color === 'rgb(7, 8, 9)'];
  });
  expect(styled).toEqual(['rgb(1, 2, 3)', 'rgb(4, 5, 6)', false]);
});
