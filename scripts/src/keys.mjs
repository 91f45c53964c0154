// Who signs, and who is named: dev accounts (alice … ferdie), secret URIs (`//Alice`, a mnemonic,
// a mnemonic with a derivation path), and Polkadot.js JSON keystore files unlocked with a password.

import { existsSync, readFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import { isHex, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress, encodeAddress, mnemonicValidate } from '@polkadot/util-crypto';
import { UsageError } from './errors.mjs';
import { readPassword } from './password.mjs';

/** The well-known dev accounts of Substrate, by lower-case name. */
export const DEV_NAMES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];

/** The generic Substrate SS58 prefix, which Landchain uses. */
export const DEFAULT_SS58 = 42;

const capitalize = (name) => name[0].toUpperCase() + name.slice(1);

/** The secret URI of a dev account name (`alice`, `bob-stash`), or null. */
export function devUri(name) {
  const match = String(name).trim().toLowerCase().match(/^([a-z]+)(-stash)?$/);
  if (!match || !DEV_NAMES.includes(match[1])) return null;
  return `//${capitalize(match[1])}${match[2] ? '//stash' : ''}`;
}

let ready = null;
/** Waits once for the WASM crypto to be ready. */
export function cryptoReady() {
  ready ??= cryptoWaitReady();
  return ready;
}

function ss58Of(api) {
  const format = api?.registry?.chainSS58;
  return Number.isInteger(format) ? format : DEFAULT_SS58;
}

function looksLikeSecretUri(spec) {
  if (spec.startsWith('//') || spec.startsWith('/')) return spec.startsWith('//');
  if (isHex(spec) && spec.length === 66) return true; // a 32-byte seed
  const phrase = spec.split('//')[0].split('///')[0].trim();
  return phrase.split(/\s+/).length >= 12 && mnemonicValidate(phrase);
}

/**
 * Resolves a signer: a dev name (`alice`), a secret URI (`//Alice`, a mnemonic, `0x` seed, with an
 * optional `//derivation`) or the path of a Polkadot.js JSON keystore file. A keystore's password
 * comes from `options.password`, else `LANDCHAIN_PASSWORD`, else a prompt on the terminal (not
 * echoed). Returns `{ pair, address, label }`.
 */
export async function resolveSigner(spec, { api, keyType = 'sr25519', password, prompt = readPassword } = {}) {
  await cryptoReady();
  if (spec === undefined || spec === null || String(spec).trim() === '') {
    throw new UsageError('no signer given: use --signer with a dev name (alice), a secret URI (//Alice, a mnemonic) or a keystore JSON file');
  }
  const raw = String(spec).trim();
  const keyring = new Keyring({ type: keyType, ss58Format: ss58Of(api) });

  const dev = devUri(raw);
  if (dev) {
    const pair = keyring.addFromUri(dev);
    return { pair, address: pair.address, label: raw.toLowerCase() };
  }
  if (existsSync(raw) && !looksLikeSecretUri(raw)) {
    return unlockKeystore(raw, { keyring, password, prompt });
  }
  if (looksLikeSecretUri(raw)) {
    try {
      const pair = keyring.addFromUri(raw);
      return { pair, address: pair.address, label: raw.startsWith('//') ? raw : `${pair.address.slice(0, 8)}…` };
    } catch (error) {
      throw new UsageError(`not a valid secret URI: ${error.message}`);
    }
  }
  throw new UsageError(
    `cannot sign as "${raw}": not a dev account (${DEV_NAMES.join(', ')}), a secret URI (//Alice, a 12/24-word mnemonic) or an existing keystore file`,
  );
}

async function unlockKeystore(path, { keyring, password, prompt }) {
  let json;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${path} is not a JSON keystore: ${error.message}`);
  }
  if (!json.encoded || !json.address) {
    throw new UsageError(`${path} is not a Polkadot.js keystore (no "encoded" or "address" field)`);
  }
  let pair;
  try {
    pair = keyring.addFromJson(json);
  } catch (error) {
    throw new UsageError(`${path} cannot be read as a keystore: ${error.message}`);
  }
  const name = json.meta?.name ? ` (${json.meta.name})` : '';
  const secret =
    password ?? process.env.LANDCHAIN_PASSWORD ?? (await prompt(`Password for ${pair.address}${name}: `));
  try {
    pair.decodePkcs8(secret);
  } catch {
    throw new UsageError(`wrong password for keystore ${path}`);
  }
  return { pair, address: pair.address, label: json.meta?.name || path };
}

/**
 * Resolves an account someone names (a buyer, a lender, a new registrar): an SS58 address, a
 * 32-byte public key in hex, a dev name (`charlie`), or `treasury` (the duty treasury on chain).
 * Returns the SS58 address in the chain's format.
 */
export async function resolveAccount(spec, { api } = {}) {
  await cryptoReady();
  const raw = String(spec ?? '').trim();
  if (!raw) throw new UsageError('an account is required');
  const format = ss58Of(api);
  const dev = devUri(raw);
  if (dev) {
    return new Keyring({ type: 'sr25519', ss58Format: format }).addFromUri(dev).address;
  }
  if (raw.toLowerCase() === 'treasury') {
    if (!api) throw new UsageError('"treasury" needs a connection to the chain');
    const treasury = await api.query.conveyance.treasury();
    if (treasury.isNone) throw new UsageError('no treasury account is set on chain');
    return encodeAddress(treasury.unwrap(), format);
  }
  if (isHex(raw) && raw.length === 66) return encodeAddress(raw, format);
  try {
    return encodeAddress(decodeAddress(raw), format);
  } catch {
    throw new UsageError(`not an account: "${raw}" (an SS58 address, a 0x public key, or a dev name such as charlie)`);
  }
}

/** A readable name for an address: the dev account's name if it is one, else the address. */
export async function accountLabel(address, { api } = {}) {
  await cryptoReady();
  const format = ss58Of(api);
  const keyring = new Keyring({ type: 'sr25519', ss58Format: format });
  const target = u8aToHex(decodeAddress(address));
  for (const name of DEV_NAMES) {
    if (u8aToHex(keyring.addFromUri(devUri(name)).publicKey) === target) return name;
  }
  return address;
}

/** A synchronous labeller (dev names → name) built once the crypto is ready. */
export async function labeller({ api } = {}) {
  await cryptoReady();
  const format = ss58Of(api);
  const keyring = new Keyring({ type: 'sr25519', ss58Format: format });
  const names = new Map();
  for (const name of DEV_NAMES) {
    names.set(u8aToHex(keyring.addFromUri(devUri(name)).publicKey), name);
  }
  return (address) => {
    try {
      return names.get(u8aToHex(decodeAddress(String(address)))) ?? String(address);
    } catch {
      return String(address);
    }
  };
}
