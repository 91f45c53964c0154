// Who signs in the console: the dev accounts (only on a development or local chain, clearly
// marked), or the accounts of a Polkadot.js-compatible browser extension.
import type { ApiPromise } from '@polkadot/api';
import type { Signer as InjectedSigner } from '@polkadot/api/types';
import { DEV_NAMES, resolveSigner } from '@landchain/scripts/keys.mjs';

export interface Signer {
  /** What `submit` (scripts/src/tx.mjs) signs with: a key pair, or the address when the extension signs. */
  pair: unknown;
  address: string;
  label: string;
  source: 'dev' | 'extension';
  /** The extension that signs (its name, e.g. `polkadot-js`), for an extension account. */
  extension?: string;
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

/** The extension did not sign (the user rejected the request, or the extension failed). */
export class ExtensionRefused extends Error {
  name = 'ExtensionRefused';
}

/**
 * What an action's failure is for the user: the extension's refusal itself when the extension did
 * not sign — the library reports any failure before submission as the node's refusal
 * (`PoolError`, tx.mjs), with the signer's error as its `cause` — else the failure as it is.
 */
export function failureOf(error: unknown): unknown {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof ExtensionRefused) return e;
  return error;
}

/**
 * The extension's signer, its refusals said in the user's words: when the user rejects the
 * request in the extension's window (Polkadot.js rejects with `Cancelled`), nothing was signed and
 * nothing sent. The methods are called on the extension's own object (they may be its class's).
 */
function explained(signer: InjectedSigner, extension: string): InjectedSigner {
  const refused = (error: unknown): never => {
    throw new ExtensionRefused(`the browser extension (${extension}) did not sign: ${(error as Error)?.message ?? String(error)}. Nothing was sent to the chain`);
  };
  return {
    signPayload: signer.signPayload && ((payload) => signer.signPayload!(payload).catch(refused)),
    signRaw: signer.signRaw && ((raw) => signer.signRaw!(raw).catch(refused)),
    update: signer.update && ((id, status) => signer.update!(id, status)),
  };
}

/** A signer for an extension account: the extension signs every transaction (`api.setSigner`). */
export async function extensionSigner(api: ApiPromise, account: ExtensionAccount): Promise<Signer> {
  const { web3FromAddress } = await import('@polkadot/extension-dapp');
  const injected = await web3FromAddress(account.address);
  api.setSigner(explained(injected.signer, injected.name));
  return { pair: account.address, address: account.address, label: account.name, source: 'extension', extension: injected.name };
}
