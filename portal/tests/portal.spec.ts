// The portal in real Chromium against a real dev node: public search and parcel pages, the search by
// document (a genesis deed; a deed file chosen or dropped and hashed in the browser, its records over
// two pages), the clerk registering a parcel, a refused signer, and a whole sale (owner offers,
// buyer funds, clerk approves) ending in the public timeline. One node for the file: the tests run
// in order.
import { expect, test } from '@playwright/test';
// @ts-ignore — JavaScript library shared with scripts/ (no type declarations)
import { connect, disconnect } from '../../scripts/src/chain.mjs';
// @ts-ignore
import { hashBytes } from '../../scripts/src/documents.mjs';
// @ts-ignore
import { resolveSigner } from '../../scripts/src/keys.mjs';
// @ts-ignore
import { registerParcelCall } from '../../scripts/src/registry.mjs';
// @ts-ignore
import { submitAll } from '../../scripts/src/tx.mjs';
import { checkA11y, open, shot, signAs } from './helpers';

test.describe.configure({ mode: 'serial' });

const REFERENCE = `PORTAL-${Date.now() % 100000}/1`;
const HASH_A = `0x${'ab'.repeat(32)}`;
const HASH_B = `0x${'cd'.repeat(32)}`;
let registered = 0;
let children: number[] = [];

test('search finds a demo parcel by jurisdiction and cadastral reference', async ({ page }) => {
  // One copy of each @polkadot package in the bundle (the CLI library's imports are deduplicated):
  // Polkadot.js warns on the console when it finds several.
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
  });
  await open(page, '#/');
  expect(warnings.filter((text) => /multiple versions/i.test(text))).toEqual([]);
  await checkA11y(page, 'the search page');
  await page.getByRole('textbox', { name: 'Jurisdiction' }).fill('LC-CENTRAL');
  await page.getByRole('textbox', { name: 'Cadastral reference' }).fill('BLOCK-1/101');
  await page.getByRole('button', { name: 'Find by reference' }).click();
  const results = page.locator('table.results');
  await expect(results).toContainText('BLOCK-1/101');
  await expect(results.getByRole('link', { name: 'Parcel 1' })).toBeVisible();
  await shot(page, '01-search-by-reference');
});

test('search finds the parcels of an owner', async ({ page }) => {
  await open(page, '#/');
  await page.getByRole('textbox', { name: /Owner account/ }).fill('charlie');
  await page.getByRole('button', { name: 'Find parcels of owner' }).click();
  await expect(page.locator('.search-results')).toContainText('Charlie');
  await expect(page.locator('table.results')).toContainText('BLOCK-1/101');
  await shot(page, '02-search-by-owner');
});

test('search by document: the records citing a genesis deed, each linked to its parcel, and back from the timeline', async ({ page }) => {
  // The dev chain's demo parcels are registered on the deed `deed <jurisdiction> <reference>`
  // (runtime/src/genesis_config_presets.rs): parcel 1's attributes and its first title cite it.
  const deed = hashBytes('deed LC-CENTRAL BLOCK-1/101');
  await open(page, '#/');
  await page.getByRole('textbox', { name: /Document hash/ }).fill(deed);
  await page.getByRole('button', { name: 'Find records citing it' }).click();
  const results = page.getByTestId('citations');
  await expect(results.locator('tbody tr')).toHaveCount(2);
  await expect(results).toContainText(`Records citing document ${deed.slice(0, 10)}`);
  await expect(results.getByRole('row', { name: /Attributes of parcel 1 as first recorded/ })).toContainText('current');
  await expect(results.getByRole('row', { name: /Title version 1 of parcel 1/ })).toContainText('current');
  await expect(page.getByRole('link', { name: 'Next page' })).toHaveCount(0);
  // A chain started at the registry's current storage version has its whole index: no warning.
  await expect(page.getByTestId('index-incomplete')).toHaveCount(0);
  await checkA11y(page, 'the search by document');
  await shot(page, '02a-search-by-document');
  await results.getByRole('link', { name: 'Title version 1 of parcel 1' }).click();
  await expect(page.getByTestId('current-owners')).toContainText('Charlie');
  // The timeline links each version's document to the same search.
  await page.getByTestId('title-version-1').getByRole('link', { name: 'records citing this document' }).click();
  await expect(page.getByRole('textbox', { name: /Document hash/ })).toHaveValue(deed);
  await expect(page.getByTestId('citations').locator('tbody tr')).toHaveCount(2);
  // A malformed hash is refused with the reason.
  await page.getByRole('textbox', { name: /Document hash/ }).fill('0x1234');
  await page.getByRole('button', { name: 'Find records citing it' }).click();
  await expect(page.locator('.search-results').getByRole('alert')).toContainText('must be 32 bytes of 0x hex');
});

test('search by document: a deed file dropped or chosen is hashed in the browser; its 22 records come 20 a page', async ({ page }) => {
  // A deed for an estate of 11 plots: one batch registers them all on it (22 records: each plot's
  // attributes and first title), so its citations fill more than one page of 20.
  const deedFile = { name: 'estate-deed.txt', mimeType: 'text/plain', buffer: Buffer.from(`Transfer deed, estate ${REFERENCE}: plots 1 to 11`) };
  const deed = hashBytes(new Uint8Array(deedFile.buffer));
  const api = await connect(process.env.LANDCHAIN_WS);
  try {
    const alice = await resolveSigner('alice', { api });
    const calls = [];
    for (let plot = 1; plot <= 11; plot += 1) {
      calls.push(
        await registerParcelCall(api, {
          jurisdiction: 'LC-CENTRAL',
          reference: `${REFERENCE}-ESTATE/${plot}`,
          areaM2: 400,
          landUse: 'residential',
          geometryHash: hashBytes(`estate plot ${plot}`),
          source: { kind: 'deed', documentHash: deed },
          owners: [{ account: 'ferdie', share: '1/1' }],
        }),
      );
    }
    await submitAll(api, calls, alice, { waitFor: 'inBlock', timeoutMs: 60_000 });
  } finally {
    await disconnect(api);
  }

  await open(page, '#/');
  const form = page.getByTestId('document-search');
  const hashField = page.getByRole('textbox', { name: /Document hash/ });
  // A file dropped on the form: hashed here; no record cites this one.
  const dropped = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['a letter nobody recorded'], 'letter.txt', { type: 'text/plain' }));
    return transfer;
  });
  await form.dispatchEvent('dragover', { dataTransfer: dropped });
  await form.dispatchEvent('drop', { dataTransfer: dropped });
  await expect(hashField).toHaveValue(hashBytes('a letter nobody recorded'));
  await expect(page.getByTestId('document-file-hash')).toContainText('letter.txt');
  await page.getByRole('button', { name: 'Find records citing it' }).click();
  await expect(page.locator('.search-results')).toContainText('No record cites this document.');

  // The estate's deed, chosen as a file: two pages.
  await page.getByLabel(/document file/).setInputFiles(deedFile);
  await expect(hashField).toHaveValue(deed);
  await expect(page.getByTestId('document-file-hash')).toContainText(`estate-deed.txt: ${deed}`);
  await page.getByRole('button', { name: 'Find records citing it' }).click();
  const rows = page.getByTestId('citations').locator('tbody tr');
  await expect(rows).toHaveCount(20);
  const first = await rows.allTextContents();
  await expect(page.getByRole('link', { name: 'First page' })).toHaveCount(0);
  await shot(page, '02b-search-by-document-file');
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(rows).toHaveCount(2);
  const second = await rows.allTextContents();
  await expect(page.getByRole('link', { name: 'Next page' })).toHaveCount(0);
  const records = [...first, ...second];
  expect(new Set(records).size).toBe(22);
  expect(records.filter((text) => /^Attributes of parcel \d+ as first recorded/.test(text))).toHaveLength(11);
  expect(records.filter((text) => /^Title version 1 of parcel \d+/.test(text))).toHaveLength(11);
  await checkA11y(page, 'the second page of a search by document');
  await shot(page, '02c-search-by-document-page-2');
  await page.getByRole('link', { name: 'First page' }).click();
  await expect(rows).toHaveCount(20);
  expect(await rows.allTextContents()).toEqual(first);
});

test('the parcel page shows its owner and its title history as a timeline', async ({ page }) => {
  const started = Date.now();
  await open(page, '#/parcel/1');
  await expect(page.getByTestId('current-owners')).toContainText('Charlie');
  const first = page.getByTestId('title-version-1');
  await expect(first).toContainText('First registration');
  await expect(first).toContainText('block #');
  console.log(`[portal tests] parcel page 1 shown in ${Date.now() - started} ms (navigation included); data read in ${await page.locator('article.parcel').getAttribute('data-load-ms')} ms`);
  await expect(first.locator('time')).toContainText('genesis');
  await checkA11y(page, 'the parcel page');
  await shot(page, '03-parcel-1');
});

test('a non-registrar registering a parcel sees the decoded chain error (BadOrigin)', async ({ page }) => {
  await open(page, '#/console');
  await expect(page.getByText('Dev accounts, --dev only')).toBeVisible();
  await signAs(page, 'dave');
  const form = page.locator('section', { has: page.getByRole('heading', { name: /Register a parcel/ }) });
  await form.getByLabel('Cadastral reference').fill(`${REFERENCE}-X`);
  await form.getByLabel('Area (m²)').fill('500');
  await form.getByLabel('Geometry hash (0x…)').fill(HASH_A);
  await form.getByLabel('Document hash (0x…)').fill(HASH_B);
  await form.getByLabel(/Owners, one per line/).fill('eve:1/1');
  await form.getByRole('button', { name: 'Register parcel' }).click();
  const error = form.getByRole('alert');
  await expect(error).toContainText('BadOrigin', { timeout: 30_000 });
  await expect(error).toContainText('only a registrar');
  await expect(error).toContainText('block #');
  await checkA11y(page, 'the console');
  await shot(page, '04-console-bad-origin');
});

test('the form checks the chain\'s rules before signing (shares must sum to one)', async ({ page }) => {
  await open(page, '#/console');
  await signAs(page, 'alice');
  const form = page.locator('section', { has: page.getByRole('heading', { name: /Register a parcel/ }) });
  await form.getByLabel('Cadastral reference').fill(`${REFERENCE}-Y`);
  await form.getByLabel('Area (m²)').fill('500');
  await form.getByLabel('Geometry hash (0x…)').fill(HASH_A);
  await form.getByLabel('Document hash (0x…)').fill(HASH_B);
  await form.getByLabel(/Owners, one per line/).fill('dave:1/2\neve:1/3');
  await form.getByRole('button', { name: 'Register parcel' }).click();
  await expect(form.getByRole('alert')).toContainText('SharesDoNotSumToWhole');
});

test('a mortgage needs the owners\' consent: refused with the chain\'s error, then recorded and shown publicly', async ({ page }) => {
  await open(page, '#/console');
  const record = page.locator('section', { has: page.getByRole('heading', { name: /Record an encumbrance/ }) });
  const fill = async () => {
    await record.getByLabel('Parcel', { exact: true }).fill('1');
    await record.getByLabel('Kind').selectOption('mortgage');
    await record.getByLabel(/Lender/).fill('eve');
    await record.getByLabel(/Amount/).fill('40000');
    await record.getByLabel(/Rank/).fill('1');
    await record.getByLabel(/Document hash/).fill(HASH_A);
  };
  // Bob (a registrar, not a party) records before Charlie consents: refused.
  await signAs(page, 'bob');
  await fill();
  await record.getByRole('button', { name: 'Record encumbrance' }).click();
  await expect(record.getByRole('alert')).toContainText('landRegistry.MortgageConsentMissing', { timeout: 30_000 });
  // Charlie, the owner, consents to exactly these terms.
  await signAs(page, 'charlie');
  const consent = page.locator('section', { has: page.getByRole('heading', { name: /Consent to a mortgage/ }) });
  await consent.getByLabel('Parcel', { exact: true }).fill('1');
  await consent.getByLabel(/Lender/).fill('eve');
  await consent.getByLabel(/Amount/).fill('40000');
  await consent.getByRole('button', { name: 'Consent to mortgage' }).click();
  await expect(consent.locator('.success')).toContainText('Consent', { timeout: 30_000 });
  await expect(page.getByTestId('my-parcels')).toContainText('parcel 1');
  // Bob records it now.
  await signAs(page, 'bob');
  await record.getByRole('button', { name: 'Record encumbrance' }).click();
  await expect(record.locator('.success')).toContainText('Recorded encumbrance', { timeout: 30_000 });
  await shot(page, '05a-console-mortgage');
  await open(page, '#/parcel/1');
  const encumbrances = page.locator('ul.encumbrances');
  await expect(encumbrances).toContainText('Mortgage');
  await expect(encumbrances).toContainText('40,000 LAND');
  await expect(encumbrances).toContainText('Eve');
  await shot(page, '05b-parcel-1-mortgaged');
});

test('a clerk registers a parcel and its public page shows it', async ({ page }) => {
  await open(page, '#/console');
  await signAs(page, 'alice');
  const form = page.locator('section', { has: page.getByRole('heading', { name: /Register a parcel/ }) });
  await form.getByLabel('Cadastral reference').fill(REFERENCE);
  await form.getByLabel('Area (m²)').fill('1250');
  await form.getByLabel('Geometry hash (0x…)').fill(HASH_A);
  await form.getByLabel('Document hash (0x…)').fill(HASH_B);
  await form.getByLabel(/Owners, one per line/).fill('dave:1/1');
  await form.getByRole('button', { name: 'Register parcel' }).click();
  const done = form.locator('.success');
  await expect(done).toContainText('Registered parcel', { timeout: 30_000 });
  await expect(done).toContainText('block #');
  await shot(page, '05-console-registered');
  const link = done.getByRole('link', { name: /^parcel \d+$/ });
  registered = Number((await link.textContent())!.replace('parcel ', ''));
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(REFERENCE);
  await expect(page.getByTestId('current-owners')).toContainText('Dave');
  await expect(page.getByTestId('title-version-1')).toContainText('First registration');
  await expect(page.getByTestId('title-version-1').locator('time')).toContainText('UTC');
  await shot(page, '06-parcel-registered');
  // and the public search finds it by its reference
  await open(page, `#/search?jurisdiction=LC-CENTRAL&reference=${encodeURIComponent(REFERENCE)}`);
  await expect(page.locator('table.results')).toContainText(REFERENCE);
});

test('a sale in the browser: the owner offers, the buyer funds, the clerk approves; the timeline shows the sale', async ({ page }) => {
  expect(registered).toBeGreaterThan(0);
  await open(page, '#/console');
  // Dave (owner) offers the parcel to Eve for 1,000 LAND.
  await signAs(page, 'dave');
  const offerForm = page.locator('section', { has: page.getByRole('heading', { name: /Offer a parcel/ }) });
  await offerForm.getByLabel('Parcel').fill(String(registered));
  await offerForm.getByLabel(/Buyer/).fill('eve');
  await offerForm.getByLabel(/Price/).fill('1000');
  await offerForm.getByLabel(/Deed hash/).fill(HASH_B);
  await offerForm.getByRole('button', { name: 'Make offer' }).click();
  await expect(offerForm.locator('.success')).toContainText('and open', { timeout: 30_000 });
  const offer = Number((await offerForm.getByTestId('offer-id').textContent())!.replace('#', ''));

  // The public page shows the open sale while the parcel is locked.
  const publicPage = await page.context().newPage();
  await open(publicPage, `#/parcel/${registered}`);
  await expect(publicPage.getByTestId('open-offer')).toContainText(`Offer #${offer}`);
  await expect(publicPage.getByTestId('open-offer')).toContainText('1,000 LAND');
  await shot(publicPage, '07a-parcel-under-offer');
  await publicPage.close();

  // Offering it again while it is locked: the chain's documented error.
  await offerForm.getByRole('button', { name: 'Make offer' }).click();
  await expect(offerForm.getByRole('alert')).toContainText('ParcelLocked', { timeout: 30_000 });

  // A registrar cannot approve before the buyer funds: the chain's documented error.
  await signAs(page, 'alice');
  const approveForm = page.locator('section', { has: page.getByRole('heading', { name: /Approve a funded sale/ }) });
  await approveForm.getByLabel('Offer number').fill(String(offer));
  await approveForm.getByRole('button', { name: 'Approve sale' }).click();
  await expect(approveForm.getByRole('alert')).toContainText('conveyance.WrongStatus', { timeout: 30_000 });

  // Eve (buyer) accepts and funds.
  await signAs(page, 'eve');
  const fundForm = page.locator('section', { has: page.getByRole('heading', { name: /Accept and fund/ }) });
  await fundForm.getByLabel('Offer number').fill(String(offer));
  await fundForm.getByRole('button', { name: 'Accept and fund' }).click();
  await expect(fundForm.locator('.success')).toContainText('escrow', { timeout: 30_000 });

  // Alice (registrar) approves: the sale settles.
  await signAs(page, 'alice');
  await approveForm.getByRole('button', { name: 'Approve sale' }).click();
  await expect(approveForm.locator('.success')).toContainText('approved and settled', { timeout: 30_000 });
  await shot(page, '07-console-sale-approved');

  await open(page, `#/parcel/${registered}`);
  await expect(page.getByTestId('current-owners')).toContainText('Eve');
  const sale = page.getByTestId('title-version-2');
  await expect(sale).toContainText('Sale');
  await expect(sale).toContainText('1,000 LAND');
  await expect(sale.locator('time')).toContainText('UTC');
  await expect(page.getByTestId('title-version-1')).toContainText('Dave');
  await shot(page, '08-parcel-after-sale');

  // The block link of the sale leads to the block and its events.
  await sale.getByRole('link', { name: /block #/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Block #');
  await expect(page.locator('main')).toContainText('conveyance.approve');
  await expect(page.locator('main')).toContainText('conveyance.Settled');
  await shot(page, '09-block');
});

test('a clerk splits the parcel: the form checks the areas, the pages show the lineage', async ({ page }) => {
  expect(registered).toBeGreaterThan(0);
  await open(page, '#/console');
  await signAs(page, 'alice');
  const form = page.locator('section', { has: page.getByRole('heading', { name: /Split a parcel/ }) });
  await form.getByLabel('Parcel', { exact: true }).fill(String(registered));
  await form.getByLabel(/Survey document hash/).fill(HASH_B);
  await form.getByLabel(/Children, one per line/).fill(`${REFERENCE}/A 1000 ${HASH_A}\n${REFERENCE}/B 200 ${HASH_B}`);
  await form.getByRole('button', { name: 'Split parcel' }).click();
  await expect(form.getByRole('alert')).toContainText('SplitAreasDoNotSum');
  await form.getByLabel(/Children, one per line/).fill(`${REFERENCE}/A 1000 ${HASH_A}\n${REFERENCE}/B 250 ${HASH_B}`);
  await form.getByRole('button', { name: 'Split parcel' }).click();
  const done = form.locator('.success');
  await expect(done).toContainText(`Parcel ${registered} split into`, { timeout: 30_000 });
  children = (await done.getByRole('link', { name: /^parcel \d+$/ }).allTextContents()).map((text) => Number(text.replace('parcel ', '')));
  expect(children).toHaveLength(2);
  const child = done.getByRole('link', { name: /^parcel \d+$/ }).first();
  await child.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${REFERENCE}/A`);
  await expect(page.getByTestId('lineage')).toContainText(`parcel ${registered}`);
  await expect(page.getByTestId('current-owners')).toContainText('Eve');
  await expect(page.getByTestId('title-version-1')).toContainText('Split');
  await checkA11y(page, 'a split parcel\'s page');
  await shot(page, '12-parcel-split-child');
  await page.getByTestId('lineage').getByRole('link', { name: `parcel ${registered}` }).click();
  await expect(page.locator('p.status')).toContainText('Split into');
  await expect(page.getByTestId('title-version-2').locator('time')).toContainText('UTC');
  await shot(page, '13-parcel-split-parent');
});

test('a clerk merges the split parcels back: the new parcel shows both parents', async ({ page }) => {
  await open(page, '#/console');
  await signAs(page, 'alice');
  const form = page.locator('section', { has: page.getByRole('heading', { name: /Merge parcels/ }) });
  expect(children).toHaveLength(2);
  await form.getByLabel(/Parcels to merge/).fill(children.join(', '));
  await form.getByLabel('New cadastral reference').fill(`${REFERENCE}/M`);
  await form.getByLabel('Geometry hash (0x…)').fill(HASH_B);
  await form.getByLabel(/Survey document hash/).fill(HASH_A);
  await form.getByRole('button', { name: 'Merge parcels' }).click();
  const done = form.locator('.success');
  await expect(done).toContainText('merged into', { timeout: 30_000 });
  await done.getByRole('link', { name: /^parcel \d+$/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${REFERENCE}/M`);
  const lineage = page.getByTestId('lineage');
  for (const child of children) await expect(lineage).toContainText(`parcel ${child}`);
  await expect(page.getByTestId('title-version-1')).toContainText('Merge');
  await expect(page.locator('section', { has: page.getByRole('heading', { name: 'Parcel', exact: true }) })).toContainText('1,250 m²');
  await shot(page, '14-parcel-merged');
});
