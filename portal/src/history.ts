// Reading the chain's recent past: which blocks the node still holds state for (a pruning node
// keeps the last few hundred blocks' state; an archive node every block), and the events of a
// bounded range of blocks, decoded by scripts/src/block-events.cjs with each block's own runtime.
import type { ApiPromise } from '@polkadot/api';
import blockEvents from '@landchain/scripts/block-events.cjs';
import { plainEvent } from '@landchain/scripts/tx.mjs';

/** Whether the node still has the state at block `number` (and so its events). */
async function hasState(api: ApiPromise, number: number) {
  try {
    const hash = await api.rpc.chain.getBlockHash(number);
    await api.rpc.state.getStorageHash(':code', hash);
    return true;
  } catch {
    return false;
  }
}

/**
 * The oldest block whose events can be read (its state and its parent's are kept), found by
 * bisection between genesis and `best`: `{ oldest, best }`.
 */
export async function readableRange(api: ApiPromise, best: number) {
  if (await hasState(api, 0)) return { oldest: 1, best };
  let lo = 0; // no state
  let hi = best; // state
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await hasState(api, mid)) hi = mid;
    else lo = mid;
  }
  return { oldest: Math.min(hi + 1, best), best };
}

export interface PlainEvent {
  section: string;
  method: string;
  data: Record<string, any>;
}

/** The events of blocks `from`…`to`, a few blocks at a time, in block order. */
export async function eventsOf(api: ApiPromise, from: number, to: number, onBlock: (number: number, events: PlainEvent[]) => void) {
  const BATCH = 8;
  for (let start = from; start <= to; start += BATCH) {
    const numbers = Array.from({ length: Math.min(BATCH, to - start + 1) }, (_, i) => start + i);
    const blocks = await Promise.all(
      numbers.map(async (number) => {
        const hash = await api.rpc.chain.getBlockHash(number);
        const { records } = await blockEvents.blockEvents(api, hash.toHex());
        return [number, records.map((record: unknown) => plainEvent(record) as PlainEvent)] as const;
      }),
    );
    for (const [number, events] of blocks) onBlock(number, events);
  }
}
