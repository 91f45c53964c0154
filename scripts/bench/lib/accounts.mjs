// The load generator's accounts: sr25519 keys from deterministic seeds, so that the same labels
// give the same accounts in every run (and in the chain spec that funds them). A seed is the
// blake2-256 hash of `landchain-load/<label>`: about 0.4 ms a key, where deriving `//load/N` from
// a secret URI takes about 10 ms (hard derivation), too slow for tens of thousands of accounts.

import { Keyring } from '@polkadot/keyring';
import { stringToU8a } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady, sr25519PairFromSeed } from '@polkadot/util-crypto';

/** The Substrate generic SS58 prefix, which Landchain uses. */
const SS58 = 42;

/** The labels of every role's accounts: `registrar/3`, `owner/17/1`, … */
export const label = {
  registrar: (i) => `registrar/${i}`,
  bank: (i) => `bank/${i}`,
  transfer: (i) => `transfer/${i}`,
  owner: (parcel, k) => `owner/${parcel}/${k}`,
  buyer: (parcel) => `buyer/${parcel}`,
};

/** Load accounts by label, each key created once on first use: `pair(label)`, `address(label)`. */
export class LoadAccounts {
  constructor() {
    this.keyring = new Keyring({ type: 'sr25519', ss58Format: SS58 });
    this.pairs = new Map();
  }

  /** Waits for the WASM crypto, then returns an empty set of accounts. */
  static async create() {
    await cryptoWaitReady();
    return new LoadAccounts();
  }

  /** The key pair of `name`. */
  pair(name) {
    let pair = this.pairs.get(name);
    if (!pair) {
      const seed = blake2AsU8a(stringToU8a(`landchain-load/${name}`), 256);
      pair = this.keyring.createFromPair(sr25519PairFromSeed(seed), {}, 'sr25519');
      this.pairs.set(name, pair);
    }
    return pair;
  }

  /** The SS58 address of `name`. */
  address(name) {
    return this.pair(name).address;
  }
}

