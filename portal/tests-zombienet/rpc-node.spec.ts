// The built portal (dist/, served as serve.mjs serves it) in Debian's Chromium against the RPC node
// of a running zombienet network (zombienet test 0005; playwright.zombienet.config.ts says which
// environment it reads). Read-only: the header shows the network's chain and its live head; the
// search by cadastral reference finds the parcel test 0002 registered through that node; its page
// shows the owner (the run's generated account, no dev name) and the title's timeline (the first
// registration, its block and time, the registrar). Two screenshots go to LANDCHAIN_ZOMBIE_PORTAL_OUT.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
// @ts-ignore — JavaScript, no type declarations
import { serve } from '../serve.mjs';

interface Registered {
  parcel: number;
  jurisdiction: string;
  reference: string;
  areaM2: number;
  owner: string;
  registrar: string;
  block: number;
  blockHash: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: zombienet/tests/portal.js (test 0005) sets it`);
  return value;
}

const ws = required('LANDCHAIN_ZOMBIE_WS');
const registered: Registered = JSON.parse(readFileSync(required('LANDCHAIN_ZOMBIE_PARCEL'), 'utf8'));
const chainName = process.env.LANDCHAIN_ZOMBIE_CHAIN ?? 'Landchain zombienet';
const out = process.env.LANDCHAIN_ZOMBIE_PORTAL_OUT ?? 'test-results/zombienet';

let server: { url: string; close: () => Promise<void> };

test.beforeAll(async () => {
  server = await serve();
});

test.afterAll(async () => {
  await server?.close();
});

/** The header's "<chain> · best #N · finalized #M", as numbers. */
async function heads(page: Page) {
  const text = (await page.getByTestId('chain-status').textContent()) ?? '';
  const match = /best #(\d+) · finalized #(\d+)/.exec(text);
  return match ? { best: Number(match[1]), finalized: Number(match[2]), text } : { best: -1, finalized: -1, text };
}

test('the portal reads the zombienet network through its RPC node', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  const started = Date.now();
  const { parcel, jurisdiction, reference, owner, registrar, block, areaM2 } = registered;

  // The header: the network's chain, its best and finalized heads, live (the best head moves).
  await page.goto(`${server.url}?node=${encodeURIComponent(ws)}#/`);
  const status = page.getByTestId('chain-status');
  // Connected, or the page's own error (it gives up after 20 s): say which.
  const cannot = page.getByRole('alert').filter({ hasText: 'Cannot reach the node' });
  await expect(status.or(cannot).first()).toBeVisible({ timeout: 30_000 });
  if (await cannot.isVisible()) throw new Error(`the portal cannot read ${ws}: ${await cannot.textContent()}`);
  await expect(status).toContainText(chainName);
  await expect(status).toContainText('finalized #');
  await expect.poll(async () => (await heads(page)).finalized, { message: 'the finalized head shown' }).toBeGreaterThanOrEqual(block);
  const first = await heads(page);
  await expect.poll(async () => (await heads(page)).best, { message: `a new best block after ${first.text}` }).toBeGreaterThan(first.best);
  const connected = Date.now() - started;

  // Search by jurisdiction and cadastral reference (parcelByReference on the RPC node).
  await page.getByRole('textbox', { name: 'Jurisdiction' }).fill(jurisdiction);
  await page.getByRole('textbox', { name: 'Cadastral reference' }).fill(reference);
  await page.getByRole('button', { name: 'Find by reference' }).click();
  const results = page.locator('table.results');
  await expect(results).toContainText(reference);
  await expect(results).toContainText(jurisdiction);
  const link = results.getByRole('link', { name: `Parcel ${parcel}`, exact: true });
  await expect(link).toBeVisible();
  await page.screenshot({ path: `${out}/portal-search.png`, fullPage: true });

  // The parcel page: its owner and its title history as a timeline.
  await link.click();
  await expect(page).toHaveURL(new RegExp(`#/parcel/${parcel}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Parcel ${parcel}: ${reference}`);
  const owners = page.getByTestId('current-owners');
  await expect(owners).toContainText(owner);
  await expect(owners).toContainText('1/1');
  // The run's generated keys are no dev accounts: the portal names none of them.
  await expect(owners.locator('strong')).toHaveCount(0);
  await expect(page.locator('section', { has: page.getByRole('heading', { name: 'Parcel', exact: true }) })).toContainText(
    `${areaM2.toLocaleString('en-US')} m²`,
  );
  const timeline = page.getByRole('list', { name: 'Title history, oldest first' });
  await expect(timeline).toBeVisible();
  const version1 = page.getByTestId('title-version-1');
  await expect(version1).toContainText('First registration');
  await expect(version1).toContainText(`block #${block}`);
  await expect(version1).toContainText(owner);
  await expect(version1).toContainText(registrar);
  await expect(version1.locator('time')).toContainText('UTC');
  await page.screenshot({ path: `${out}/portal-parcel.png`, fullPage: true });

  console.log(
    `[portal on zombienet] ${ws}: chain and a new head shown after ${connected} ms; parcel ${parcel} (${jurisdiction} ${reference}) found and its page shown after ${Date.now() - started} ms`,
  );
  expect(problems, 'errors in the page').toEqual([]);
});
