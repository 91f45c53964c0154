// Certificates of title in real Chromium against the dev node: a certificate of demo parcel 3
// (Eve's leasehold, which no other spec changes) downloaded from its parcel page — issued in the
// browser from the node's RPCs —, dropped on the verify page and verified there (GRANDPA, headers,
// storage proof, keys: scripts/src/certificate.mjs) with its title shown; the same file accepted by
// `landchain-node certificate verify --chain dev` (the `--dev --tmp` chain's genesis is the `dev`
// chain spec's); the file with one byte of a value changed, and with another chain's genesis,
// refused with the reason. Reads only (no account signs): it runs beside the other files.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
// @ts-ignore — JavaScript helpers shared with scripts/ (no type declarations)
import { NODE_BINARY } from '../../scripts/src/devnode.mjs';
import { checkA11y, open, shot } from './helpers';

test.describe.configure({ mode: 'serial' });

const EVE = '5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw';
const downloaded = resolve('test-results/parcel-3-certificate.json');

/** Drops a file on the verify page's drop zone, as a person dragging it from a file manager. */
async function dropFile(page: Page, name: string, text: string) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, text }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'application/json' }));
      return transfer;
    },
    { name, text },
  );
  await page.getByTestId('drop-zone').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
}

/** Chooses a file in the verify page's file field. */
async function chooseFile(page: Page, name: string, text: string) {
  await page.getByLabel('Drop a certificate file here, or choose one').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

function landchainNode(args: string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(NODE_BINARY, args, { timeout: 60_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) =>
      done({ code: error ? ((error as NodeJS.ErrnoException).code ?? 'killed') : 0, stdout, stderr }),
    );
  });
}

test('a certificate of title downloaded from the parcel page', async ({ page }) => {
  await open(page, '#/parcel/3');
  await expect(page.getByTestId('current-owners')).toContainText('Eve');
  // A certificate is of the finalized head: once GRANDPA has finalized a block after genesis (which has no time).
  await expect(page.getByTestId('chain-status')).toContainText(/finalized #[1-9]/, { timeout: 60_000 });
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Certificate of title' }) });
  const started = Date.now();
  const download = page.waitForEvent('download', { timeout: 100_000 });
  await section.getByRole('button', { name: 'Download a certificate of title' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('parcel-3-certificate.json');
  await file.saveAs(downloaded);
  await expect(section.getByTestId('certificate-issued')).toContainText('Saved parcel-3-certificate.json: parcel 3 as of block #');
  console.log(`[portal tests] certificate of parcel 3 issued in the browser in ${Date.now() - started} ms`);
  const certificate = JSON.parse(readFileSync(downloaded, 'utf8'));
  expect(certificate.format).toBe('landchain-certificate/1');
  expect(certificate.parcel).toBe(3);
  expect(certificate.entries.map((e: { what: string }) => e.what)).toEqual(['parcel', 'title', 'encumbrances', 'applications', 'time', 'grandpaSet']);
  await checkA11y(page, 'the parcel page with its certificate section');
  await shot(page, '30-certificate-download');
});

test('landchain-node certificate verify --chain dev accepts the certificate the browser issued', async () => {
  const run = await landchainNode(['certificate', 'verify', downloaded, '--chain', 'dev']);
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(run.stdout).toMatch(/^VALID certificate of title/);
  expect(run.stdout).toContain(`title: version 1: ${EVE} (1/1); leasehold until Unix time 4102444800`);
});

test('dropped on the verify page, the certificate is verified and its title shown', async ({ page }) => {
  const text = readFileSync(downloaded, 'utf8');
  const { genesisHash } = JSON.parse(text);
  await open(page, '#/verify');
  await expect(page.getByRole('heading', { name: 'Verify a certificate of title' })).toBeVisible();
  await expect(page.getByTestId('anchor')).toContainText(`Checked against the genesis of the chain this portal is connected to: ${genesisHash}`);
  await expect(page.getByTestId('anchor')).toContainText('GRANDPA authorities at block #0: 1 (set 0)');
  await checkA11y(page, 'the verify page');
  await dropFile(page, 'parcel-3-certificate.json', text);
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText('Valid certificate of title: parcel 3, BLOCK-4/7 (LC-CENTRAL), as of block #');
  await expect(verdict).toContainText('signed by 1 of 1 GRANDPA authorities');
  const title = page.getByTestId('verified-title');
  await expect(title.locator('section', { has: page.getByRole('heading', { name: 'Title', exact: true }) })).toContainText('Eve');
  await expect(title).toContainText('Leasehold until 2100-01-01 00:00:00 UTC');
  await expect(title).toContainText('3,400 m²');
  await expect(page.getByTestId('verified-applications')).toHaveText('None.');
  await expect(page.getByTestId('verified-time')).toContainText(String(new Date().getUTCFullYear()));
  await expect(page.getByTestId('qr-payload')).toContainText('landchain-certificate/1 parcel=3 blake2-256=0x');
  await checkA11y(page, 'a verified certificate');
  await shot(page, '31-certificate-verified');
});

test('a certificate with one byte of a value changed, or of another chain, is refused with the reason', async ({ page }) => {
  const certificate = JSON.parse(readFileSync(downloaded, 'utf8'));
  const title = certificate.entries.find((e: { what: string }) => e.what === 'title');
  const at = 2 + 2 * 40; // the 41st byte of the title's SCALE value
  title.value = `${title.value.slice(0, at)}${(Number.parseInt(title.value.slice(at, at + 2), 16) ^ 1).toString(16).padStart(2, '0')}${title.value.slice(at + 2)}`;
  const tampered = JSON.stringify(certificate, null, 2);
  writeFileSync(resolve('test-results/parcel-3-tampered.json'), tampered);
  await open(page, '#/verify');
  await expect(page.getByTestId('anchor')).toBeVisible();
  await chooseFile(page, 'parcel-3-tampered.json', tampered);
  await expect(page.getByTestId('verdict')).toContainText('Refused: parcel-3-tampered.json is not a valid certificate of title.');
  await expect(page.getByTestId('refusal')).toHaveText(/^The title shown is not what block #\d+'s state holds \(a tampered value\)\.$/);
  await checkA11y(page, 'a refused certificate');
  await shot(page, '32-certificate-refused');
  const rust = await landchainNode(['certificate', 'verify', resolve('test-results/parcel-3-tampered.json'), '--chain', 'dev']);
  expect(rust.code).toBe(1);
  expect(rust.stderr).toMatch(/INVALID: (certificate: )?the title shown is not what block #\d+'s state holds \(a tampered value\)/);

  const otherChain = JSON.parse(readFileSync(downloaded, 'utf8'));
  otherChain.genesisHash = `0x${'42'.repeat(32)}`;
  await chooseFile(page, 'another-chain.json', JSON.stringify(otherChain, null, 2));
  await expect(page.getByTestId('refusal')).toContainText(`The certificate is about another chain: its genesis is 0x${'42'.repeat(32)}, this chain's is 0x`);
  await shot(page, '33-certificate-another-chain');
});
