// The time of a block, from its `timestamp.set` inherent (the block body is kept by every node,
// unlike old state), cached by block number.
import type { ApiPromise } from '@polkadot/api';

const cache = new Map<string, Promise<{ hash: string; time: number | null }>>();

export function blockInfo(api: ApiPromise, number: number) {
  const key = `${api.genesisHash.toHex()}:${number}`;
  let found = cache.get(key);
  if (!found) {
    found = (async () => {
      const hash = await api.rpc.chain.getBlockHash(number);
      const signed = await api.rpc.chain.getBlock(hash);
      const inherent = signed.block.extrinsics.find((ex) => ex.method.section === 'timestamp' && ex.method.method === 'set');
      const time = inherent ? Number(inherent.method.args[0].toString()) : null;
      return { hash: hash.toHex(), time };
    })();
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

export const utc = (ms: number | null | undefined) =>
  ms ? new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '—';
