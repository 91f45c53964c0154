// The browser-extension path, in real Chromium against the dev node: a Polkadot.js-compatible
// extension is injected before the page loads — `window.injectedWeb3['polkadot-js']`, the
// interface @polkadot/extension-dapp reads (`enable(origin)` → `{ accounts: { get, subscribe },
// signer: { signPayload } }`) — and its signer hands each payload to this test, which signs it in
// Node with the account's @polkadot/keyring pair, as the extension's background page does (the
// payload as an `ExtrinsicPayload` of the chain's registry, `.sign(pair)`), or rejects it as a user
// declining in the extension's window does (`Cancelled`). The account signs nobody else's
// transactions (global-setup sent it a parcel and fees, fixtures.ts), so this file runs in the
// second worker beside portal.spec.ts and workflows.spec.ts.
import { expect, test, type Page } from '@playwright/test';
import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SignerPayloadJSON } from '@polkadot/types/types';
// @ts-ignore — JavaScript library shared with scripts/ (no type declarations)
import { connect, disconnect } from '../../scripts/src/chain.mjs';
// @ts-ignore
import { resolveSigner } from '../../scripts/src/keys.mjs';
import { EXTENSION_ACCOUNT } from './fixtures';
import { open, shot } from './helpers';

test.describe.configure({ mode: 'serial' });

let api: ApiPromise;
let pair: KeyringPair;

test.beforeAll(async () => {
  api = await connect(process.env.LANDCHAIN_WS);
  // The extension's key: a @polkadot/keyring sr25519 pair from its secret URI (keys.mjs).
  pair = (await resolveSigner(EXTENSION_ACCOUNT.uri, { api })).pair;
});

test.afterAll(async () => {
  await disconnect(api);
});

/** What the user does when the extension asks: sign, or reject. */
type Answer = 'sign' | 'reject';

/**
 * Installs the fake extension in `page` before anything loads. Each signing request is recorded
 * and answered with `answer()`; returns the requests and the origin names the page enabled it with.
 */
async function installExtension(page: Page, answer: () => Answer) {
  const seen = { requests: [] as SignerPayloadJSON[], origins: [] as string[] };
  await page.exposeFunction('landchainTestExtension', async (kind: 'enable' | 'sign', payload: SignerPayloadJSON | string) => {
    if (kind === 'enable') {
      seen.origins.push(payload as string);
      return null;
    }
    const request = payload as SignerPayloadJSON;
    seen.requests.push(request);
    if (answer() === 'reject') return null;
    // The extension's background: the payload in the chain's registry, signed with the account's key.
    api.registry.setSignedExtensions(request.signedExtensions);
    return api.registry.createType('ExtrinsicPayload', request, { version: request.version }).sign(pair).signature;
  });
  await page.addInitScript((account) => {
    // The test's side (page.exposeFunction), looked up when called.
    const bridge = (kind: string, payload: unknown) =>
      (window as unknown as { landchainTestExtension: (kind: string, payload: unknown) => Promise<string | null> }).landchainTestExtension(kind, payload);
    const accounts = [account];
    let id = 0;
    const injected = window as unknown as { injectedWeb3?: Record<string, unknown> };
    injected.injectedWeb3 = injected.injectedWeb3 ?? {};
    injected.injectedWeb3['polkadot-js'] = {
      version: '0.62.1',
      enable: async (origin: string) => {
        await bridge('enable', origin);
        return {
          accounts: {
            get: async () => accounts,
            subscribe: (cb: (list: typeof accounts) => void) => {
              cb(accounts);
              return () => {};
            },
          },
          signer: {
            signPayload: async (payload: unknown) => {
              const signature = await bridge('sign', payload);
              // What Polkadot.js's extension rejects with when the user declines in its window.
              if (signature === null) throw new Error('Cancelled');
              id += 1;
              return { id, signature };
            },
          },
        };
      },
    };
  }, { address: pair.address, name: EXTENSION_ACCOUNT.name, type: 'sr25519' as const, genesisHash: null });
  return seen;
}

const consentOf = async (parcel: number) => (await api.query.landRegistry.mortgageConsents(parcel, pair.address)) as any;
const nonceOf = async () => ((await api.query.system.account(pair.address)) as any).nonce.toNumber();

test('an account of the browser extension: offered, not a dev account, a rejection changes nothing, a signature lands on chain', async ({ page }) => {
  // The parcel global-setup registered for the account (found through the owner index), and its fees.
  let parcel = 0;
  await expect
    .poll(async () => {
      const held = (await (api.call as any).landRegistryApi.parcelsOf(pair.address, null, 10)) as Array<{ toNumber(): number }>;
      parcel = held[0]?.toNumber() ?? 0;
      return parcel > 0 && ((await api.query.system.account(pair.address)) as any).data.free.toBigInt() > 0n;
    }, { message: 'the parcel and fees global-setup sent the extension account (fixtures.ts)', timeout: 30_000 })
    .toBe(true);
  let answer: Answer = 'reject';
  const seen = await installExtension(page, () => answer);

  await open(page, '#/console');
  await page.getByRole('button', { name: 'Use the browser extension' }).click();
  const option = page.locator(`select#signer optgroup[label="Browser extension"] option[value="extension:${pair.address}"]`);
  await expect(option).toHaveText(EXTENSION_ACCOUNT.name);
  expect(seen.origins).toEqual(['Landchain portal']);
  await page.locator('select#signer').selectOption(`extension:${pair.address}`);
  const signingAs = page.getByTestId('signing-as');
  await expect(signingAs).toContainText(EXTENSION_ACCOUNT.name);
  await expect(signingAs).toContainText(pair.address);
  await expect(signingAs).toContainText('signed in the browser extension: polkadot-js');
  await expect(signingAs).not.toContainText('dev account');
  await expect(page.getByTestId('my-parcels')).toContainText(`parcel ${parcel}`);

  // The owner consents to a mortgage; in the extension's window the user first rejects.
  const consent = page.locator('section', { has: page.getByRole('heading', { name: /Consent to a mortgage/ }) });
  await consent.getByLabel('Parcel', { exact: true }).fill(String(parcel));
  await consent.getByLabel(/Lender/).fill('eve');
  await consent.getByLabel(/Amount/).fill('5000');
  await consent.getByRole('button', { name: 'Consent to mortgage' }).click();
  const refused = consent.getByRole('alert');
  await expect(refused).toContainText('Not signed: the browser extension (polkadot-js) did not sign: Cancelled. Nothing was sent to the chain');
  await expect(refused).not.toContainText('node refused');
  expect(seen.requests).toHaveLength(1);
  expect(seen.requests[0].address).toBe(pair.address);
  expect((await consentOf(parcel)).isNone).toBe(true);
  expect(await nonceOf()).toBe(0);
  await shot(page, '30-console-extension-rejected');

  // Then signs: the transaction lands on chain, signed by the extension's key.
  answer = 'sign';
  await consent.getByRole('button', { name: 'Consent to mortgage' }).click();
  await expect(consent.locator('.success')).toContainText(`Consent to the mortgage of parcel ${parcel} recorded`, { timeout: 30_000 });
  expect(seen.requests).toHaveLength(2);
  const recorded = await consentOf(parcel);
  expect(recorded.isSome).toBe(true);
  expect(recorded.unwrap().amount.toBigInt()).toBe(5000n * 10n ** BigInt(api.registry.chainDecimals[0]));
  expect(await nonceOf()).toBe(1);
  await shot(page, '31-console-extension-signed');
});
