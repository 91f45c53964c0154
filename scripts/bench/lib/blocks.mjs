// Reading a block for the load generator: its extrinsics (hashed, to recognise ours), its events
// (through scripts/src/block-events.cjs, with the metadata of the runtime that executed it), the
// weight it used (`System.BlockWeight`) and its timestamp (`Timestamp.Now`), both read from the
// block's own state and decoded with the same registry as its events.

import { hexToU8a } from '@polkadot/util';
import blockEvents from '../../src/block-events.cjs';

/** The decoded value of the plain storage item `pallet.item` from its raw bytes. */
function decodeStorage(registry, pallet, item, raw) {
  const palletMeta = registry.metadata.pallets.find((p) => p.name.toString() === pallet);
  const entry = palletMeta?.storage.unwrap().items.find((i) => i.name.toString() === item);
  if (!entry) throw new Error(`the runtime's metadata has no storage item ${pallet}.${item}`);
  // Bytes, not a hex string: a hex string would be read as a big-endian number for an integer.
  return registry.createType(registry.createLookupType(entry.type.asPlain), typeof raw === 'string' ? hexToU8a(raw) : raw);
}

/** An event's field by name, or by position when the metadata has no names. */
export function field(event, name, index) {
  const value = event.data[name];
  return value === undefined ? event.data[index] : value;
}

/**
 * Everything the load generator needs from block `hash`: `{ number, hash, extrinsics: [hash],
 * events: [{ index, section, method, event }], refTime, proofSize, timestamp, registry }` —
 * `index` is the extrinsic an event belongs to (null for initialization/finalization), `refTime`
 * and `proofSize` the weight of the normal class.
 */
export async function readBlock(api, hash, keys) {
  const [{ number, registry, records }, { block }, weightRaw, nowRaw] = await Promise.all([
    blockEvents.blockEvents(api, hash),
    api.rpc.chain.getBlock.raw(hash),
    api.rpc.state.getStorage.raw(keys.blockWeight, hash),
    api.rpc.state.getStorage.raw(keys.timestamp, hash),
  ]);
  const extrinsics = block.extrinsics.map((xt) => registry.hash(Buffer.from(xt.slice(2), 'hex')).toHex());
  const events = records.map(({ phase, event }) => ({
    index: phase.isApplyExtrinsic ? phase.asApplyExtrinsic.toNumber() : null,
    section: event.section,
    method: event.method,
    event,
  }));
  const weight = decodeStorage(registry, 'System', 'BlockWeight', weightRaw);
  const timestamp = decodeStorage(registry, 'Timestamp', 'Now', nowRaw);
  return {
    number,
    hash,
    extrinsics,
    events,
    refTime: weight.normal.refTime.toBigInt(),
    proofSize: weight.normal.proofSize.toBigInt(),
    timestamp: Number(timestamp.toBigInt()),
    registry,
  };
}

/** The storage keys `readBlock` reads. */
export function storageKeys(api) {
  return { blockWeight: api.query.system.blockWeight.key(), timestamp: api.query.timestamp.now.key() };
}

/** The largest weight of normal transactions in a block: `{ refTime, proofSize }`. */
export function maxNormalWeight(api) {
  const { perClass, maxBlock } = api.consts.system.blockWeights;
  const normal = perClass.normal.maxTotal.unwrapOr(maxBlock);
  return { refTime: normal.refTime.toBigInt(), proofSize: normal.proofSize.toBigInt() };
}
