// Reading a block's events with the metadata of the runtime that executed the block. Shared by the
// `landchain` CLI and library (scripts/src), its tests, and the zombienet js-scripts
// (zombienet/tests/lib.js), so this file is CommonJS and imports nothing: the Polkadot.js classes
// it needs come from the caller's `api` (whichever copy of @polkadot/api that caller uses).
//
// Why this exists. A block is executed by the runtime in its *parent's* state: the block that
// applies a runtime upgrade is executed, and its events written, by the old runtime, while the
// state at that block already holds the new `:code`. Polkadot.js picks the registry for
// `api.at(hash)` (and for the events it attaches to a transaction's status) by the parent's
// version too, but it may hand out its *default* registry, which it rewrites in place with the new
// metadata as soon as it sees the upgrade. Whether the upgrade block was first read before or
// after that rewrite depends on timing, so reading the upgrade block's events through it failed
// intermittently ("Unable to create Enum via index 24"). Here every runtime gets its own registry,
// built once from the metadata at the parent block and never changed afterwards: the same block
// always decodes the same way.

'use strict';

/** Per api: the registries built so far, by the storage hash of the runtime code. */
const cache = new WeakMap();

/** The block hash as hex, from a string or a Polkadot.js hash. */
function hex(hash) {
  return typeof hash === 'string' ? hash : hash.toHex();
}

/**
 * The state in which `blockHash` was executed: its parent's hash (genesis: itself, whose events
 * the genesis runtime wrote) and the block number.
 */
async function executedIn(api, blockHash) {
  const header = await api.rpc.chain.getHeader(hex(blockHash));
  const number = header.number.toNumber();
  return { number, parentHash: number === 0 ? hex(blockHash) : header.parentHash.toHex() };
}

/**
 * The type registry of the runtime that executed `blockHash`: built from the metadata at its
 * parent, cached by that runtime's code hash, never modified once built.
 */
async function registryOfBlock(api, blockHash) {
  const { parentHash } = await executedIn(api, blockHash);
  return registryAtState(api, parentHash);
}

/** The registry of the runtime whose `:code` is in the state at `stateHash`. */
async function registryAtState(api, stateHash) {
  const codeHash = (await api.rpc.state.getStorageHash(':code', stateHash)).toHex();
  let registries = cache.get(api);
  if (!registries) {
    registries = new Map();
    cache.set(api, registries);
  }
  if (!registries.has(codeHash)) {
    const building = (async () => {
      const raw = await api.rpc.state.getMetadata.raw(stateHash);
      const registry = new api.registry.constructor();
      const metadata = new api.runtimeMetadata.constructor(registry, raw);
      registry.setMetadata(metadata);
      return registry;
    })();
    registries.set(codeHash, building);
    // A failed build (e.g. the connection dropped) is not kept: the next read tries again.
    building.catch(() => registries.delete(codeHash));
  }
  return registries.get(codeHash);
}

/** The lookup type of the storage item `pallet.item` in `registry`'s metadata. */
function storageType(registry, pallet, item) {
  const palletMeta = registry.metadata.pallets.find((p) => p.name.toString() === pallet);
  const entry = palletMeta?.storage.unwrap().items.find((i) => i.name.toString() === item);
  if (!entry) throw new Error(`the runtime's metadata has no storage item ${pallet}.${item}`);
  return registry.createLookupType(entry.type.asPlain);
}

/**
 * Every event record of `blockHash` (`Vec<FrameSystemEventRecord>`), decoded with the metadata of
 * the runtime that executed the block. Returns `{ number, registry, records }`.
 */
async function blockEvents(api, blockHash) {
  const hash = hex(blockHash);
  const { number, parentHash } = await executedIn(api, hash);
  const registry = await registryAtState(api, parentHash);
  const raw = await api.rpc.state.getStorage.raw(api.query.system.events.key(), hash);
  const records = registry.createType(storageType(registry, 'System', 'Events'), raw ?? new Uint8Array([0]));
  return { number, registry, records: [...records] };
}

/**
 * The event records of the transaction `txHash` in `blockHash`, and its index in the block. Every
 * included transaction has at least `system.ExtrinsicSuccess` or `system.ExtrinsicFailed`.
 */
async function transactionEvents(api, blockHash, txHash) {
  const hash = hex(blockHash);
  const { registry, records } = await blockEvents(api, hash);
  // The extrinsics as the node sent them (raw: no decoding, hence no registry to pick), hashed.
  const { block } = await api.rpc.chain.getBlock.raw(hash);
  const index = block.extrinsics.findIndex((extrinsic) => registry.hash(Buffer.from(extrinsic.slice(2), 'hex')).toHex() === hex(txHash));
  if (index < 0) throw new Error(`transaction ${hex(txHash)} is not in block ${hash}`);
  const mine = records.filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.eqn(index));
  if (!mine.length) throw new Error(`no events recorded for transaction ${hex(txHash)} (index ${index}) in block ${hash}`);
  return { index, records: mine };
}

module.exports = { blockEvents, registryOfBlock, transactionEvents };
