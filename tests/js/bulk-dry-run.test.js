// A dry run of either flow over a file where Partner Center refuses one
// customer's reads (no relationship): the run goes on, that row ends
// `failed` with the refusal's code and counts among the rows a submit
// works on (`toSend`), nothing is sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, loadCore } from 'mca-attest';
import { startEmulator } from 'mca-attest/emulator';
import { runBulk } from '../../web/bulk/runner.js';

const core = await loadCore();
const CONTOSO = '3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04';
const LITWARE = 'f4b7d0a3-9e2c-4f5b-8a1d-3c6e9f2b5a87';
const NORTHWIND = 'a1d4f7c2-5b8e-4c3a-9f6d-0e2b4c6a8d13';

const files = {
  classic: ['customerId,firstName,lastName,email,dateAgreed',
    `${CONTOSO},Anne,de Vries,anne@contoso.nl,2026-01-15T09:30:00Z`,
    `${LITWARE},Lee,Chen,lee@litware.com,2026-01-15T09:30:00Z`,
    `${NORTHWIND},Olivia,Hughes,olivia@northwind.co.uk,2026-01-15T09:30:00Z`].join('\n'),
  enhanced: ['customerId,companyName,country,language,signatoryFirstName,signatoryLastName,signatoryEmail',
    `${CONTOSO},Contoso Nederland B.V.,NL,nl-NL,Anne,de Vries,anne@contoso.nl`,
    `${LITWARE},Litware Inc.,US,en-US,Lee,Chen,lee@litware.com`,
    `${NORTHWIND},Northwind Traders Ltd,GB,en-GB,Olivia,Hughes,olivia@northwind.co.uk`].join('\n'),
};

for (const flow of ['classic', 'enhanced']) {
  test(`${flow} dry run: a customer whose reads are refused fails alone; toSend counts it`, async () => {
    const em = await startEmulator({ port: 0 });
    try {
      const token = await em.issueToken();
      const client = createClient({ baseUrl: em.url, getToken: () => token, core });
      const parsed = core.parseCsv(files[flow], { flow });
      const run = await runBulk({ core, client, rows: parsed.rows, csvErrors: parsed.errors, flow, dryRun: true });
      const rows = Object.fromEntries(run.rows.map((r) => [r.customerId, [r.state, r.reason]]));
      assert.deepEqual(rows[CONTOSO], ['skipped', 'dry-run']);
      assert.deepEqual(rows[LITWARE], ['failed', 'relationship.missing']);
      assert.equal(rows[NORTHWIND][0], 'already-confirmed');
      assert.equal(run.toSend, 2);
      assert.deepEqual(em.stats().posts, {});
    } finally {
      await em.close();
    }
  });
}
