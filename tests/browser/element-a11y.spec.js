// Accessibility and registration of <mca-attestation>: axe-core finds no
// violation in the form, error and result states (shadow DOM included);
// defineElement registers only when called, is idempotent and takes a tag
// name; the element's language follows its ancestors.
import { test, expect, openDashboard, axe } from './fixtures.js';

test('axe-core finds no violation on the dashboard with the element in its form, error and result states', async ({ page, demo }, testInfo) => {
  await openDashboard(page, demo);
  const element = page.locator('mca-attestation');
  await element.evaluate((el) => el.setAttribute('flow', 'classic'));
  await page.getByRole('button', { name: 'Contoso Nederland B.V.' }).click();
  await expect(element).toHaveAttribute('data-state', 'ready');
  expect(await axe(page), 'form').toEqual([]);
  await element.locator('[part~="submit"]').click();
  await expect(element.locator('[aria-invalid="true"]')).toHaveCount(3);
  expect(await axe(page), 'inline errors').toEqual([]);
  await element.getByLabel('First name').fill('Anne');
  await element.getByLabel('Last name').fill('de Vries');
  await element.getByLabel('Email address').fill('anne@contoso.nl');
  await element.locator('[part~="submit"]').click();
  await expect(element).toHaveAttribute('data-state', 'done');
  expect(await axe(page), 'result').toEqual([]);
  await page.getByRole('button', { name: 'Litware Inc.' }).click();
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
  await element.locator('[part~="submit"]').click();
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
