// The Landchain scripting library: everything the `landchain` CLI does, as functions.
//
//   import { connect, resolveSigner, registry, conveyance, council, auditor, parties, recovery } from 'landchain-scripts';
//   const api = await connect('ws://127.0.0.1:9944');
//   const alice = await resolveSigner('alice', { api });
//   const { parcel } = await registry.registerParcel(api, alice, { … });

export * from './errors.mjs';
export { DEFAULT_URL, blockNumberOf, chainInfo, connect, disconnect, heads, waitForHeads, withApi } from './chain.mjs';
export { DEV_NAMES, accountLabel, cryptoReady, devUri, labeller, resolveAccount, resolveSigner } from './keys.mjs';
export { readPassword } from './password.mjs';
export { filterEvents, findEvent, plainEvent, receiptLine, submit, submitAll } from './tx.mjs';
export { metadataHash } from './metadata-hash.mjs';
export * as units from './units.mjs';
export * as documents from './documents.mjs';
export * as vocabulary from './vocabulary.mjs';
export * as registry from './registry.mjs';
export * as conveyance from './conveyance.mjs';
export * as council from './council.mjs';
export * as auditor from './auditor.mjs';
export * as citations from './citations.mjs';
export * as applications from './applications.mjs';
export * as parties from './parties.mjs';
export * as recovery from './recovery.mjs';
export { alertLine, watch } from './watch.mjs';
export * as format from './format.mjs';
