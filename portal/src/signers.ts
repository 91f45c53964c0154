// Who signs in the console: the dev accounts (only on a development or local chain, clearly
// marked), or the accounts of a Polkadot.js-compatible browser extension.
import type { ApiPromise } from '@polkadot/api';
import { DEV_NAMES, resolveSigner } from '@landchain/scripts/keys.mjs';

export interface Signer {
  /** What `submit` (scripts/src/tx.mjs) signs with: a key pair, or the address when the extension signs. */
  pair: unknown;
  address: string;
  label: string;
  source: 'dev' | 'extension';
}

export const devNames: string[] = DEV_NAMES;

export async function devSigner(api: ApiPromise, name: string): Promise<Signer> {
  const signer = await resolveSigner(name, { api });
  return { ...signer, source: 'dev' };
}

export interface ExtensionAccount {
  address: string;
  name: string;
}

/** The extension's accounts, or an explanation when there is no extension (or no permission). */
export async function extensionAccounts(): Promise<ExtensionAccount[]> {
  const { web3Enable, web3Accounts } = await import('@polkadot/extension-dapp');
  const extensions = await web3Enable('Landchain portal');
  if (extensions.length === 0) {
    throw new Error('No Polkadot.js-compatible browser extension is installed, or it refused access to this site');
  }
  const accounts = await web3Accounts();
  return accounts.map((account) => ({ address: account.address, name: account.meta.name ?? account.address }));
}

/** A signer for an extension account: the extension signs every transaction (`api.setSigner`). */
export async function extensionSigner(api: ApiPromise, account: ExtensionAccount): Promise<Signer> {
  const { web3FromAddress } = await import('@polkadot/extension-dapp');
  const injected = await web3FromAddress(account.address);
  api.setSigner(injected.signer);
  return { pair: account.address, address: account.address, label: account.name, source: 'extension' };
}
