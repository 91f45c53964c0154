// The portal against a registry of 10,000 more parcels (`--chain national:10000`, generated in the
// node's genesis, see node/src/national.rs): the parcel page's load time is measured and reported
// (not asserted tightly), and the owner search pages through an institution's 10,000 parcels 20
// at a time instead of loading them all.
import { expect, test } from '@playwright/test';
// @ts-ignore — JavaScript helpers shared with scripts/ (no type declarations)
import { startDevNode } from '../../scripts/src/devnode.mjs';
// @ts-ignore
import { hashBytes } from '../../scripts/src/documents.mjs';
// @ts-ignore
import { resolveAccount } from '../../scripts/src/keys.mjs';
import { checkA11y, open, shot } from './helpers';

const PARCELS = Number(process.env.PORTAL_SCALE_PARCELS ?? 10_000);
let node: { url: string; stop(): Promise<void> } | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  node = await startDevNode({
    chainArgs: ['--chain', `national:${PARCELS}`, '--tmp', '--alice', '--validator', '--force-authoring', '--node-key', `0x${'01'.repeat(32)}`],
  });
});

test.afterAll(async () => {
  await node?.stop();
});

test(`the parcel page of a registry with ${PARCELS} more parcels loads fast (measured)`, async ({ page }) => {
  const reference = `N-${String(PARCELS - 1).padStart(8, '0')}`;
  await open(page, `#/search?jurisdiction=LC-NATIONAL&reference=${reference}`, node!.url);
  const link = page.locator('table.results').getByRole('link', { name: /^Parcel \d+$/ });
  await expect(link).toBeVisible();
  const id = (await link.textContent())!.replace('Parcel ', '');
  // From a fresh page load (connection and metadata included) to the title on screen.
  await page.goto('about:blank');
  const started = Date.now();
  await open(page, `#/parcel/${id}`, node!.url);
  await expect(page.getByTestId('current-owners')).toBeVisible();
  const total = Date.now() - started;
  // Between pages of a running portal (the connection kept): only the reads.
  await page.evaluate(() => (window.location.hash = '#/search'));
  const navStarted = Date.now();
  await page.evaluate((route) => (window.location.hash = route), `#/parcel/${Number(id) - 1}`);
  await expect(page.getByTestId('title-version-1')).toBeVisible();
  const inApp = Date.now() - navStarted;
  const reads = await page.locator('article.parcel').getAttribute('data-load-ms');
  console.log(
    `[portal tests] ${PARCELS} extra parcels: parcel ${id} page from a fresh load ${total} ms (connect + metadata + reads); ` +
      `parcel ${Number(id) - 1} from within the portal ${inApp} ms, its chain reads ${reads} ms`,
  );
  expect(inApp).toBeLessThan(5_000);
  await shot(page, '10-parcel-national');
});

test('the owner search pages through an institution\'s parcels, 20 at a time', async ({ page }) => {
  const institution = await resolveAccount(hashBytes('landchain-national/institution'));
  await open(page, `#/search?owner=${institution}`, node!.url);
  const rows = page.locator('table.results tbody tr');
  await expect(rows).toHaveCount(20);
  const firstPage = await rows.first().textContent();
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(rows).toHaveCount(20);
  await expect(rows.first()).not.toHaveText(firstPage!);
  await expect(page.getByRole('link', { name: 'First page' })).toBeVisible();
  await checkA11y(page, 'the search results');
  await shot(page, '11-search-owner-page-2');
});
