// The sale, from the parties' side: the owner (seller) offers, co-owners and co-grantees consent,
// the buyer accepts and funds, and any seller (or the funded buyer) cancels. The registrar's
// approval is in registry.mjs.

import { UsageError } from './errors.mjs';
import { source as makeSource } from './documents.mjs';
import { resolveAccount } from './keys.mjs';
import { ownersArg } from './registry.mjs';
import { findEvent, submit } from './tx.mjs';
import { blocksIn } from './vocabulary.mjs';

/** How long an offer stands by default: one day. */
export const DEFAULT_OFFER_PERIOD_MS = 24 * 60 * 60 * 1000;

/**
 * An owner offers a parcel. `args`: `{ parcel, buyer, grantees (default: the buyer alone), price
 * (planck), deadline (a block number) or deadlineBlocks (from now; default one day of the chain's
 * blocks), deed: { kind, documentHash, uri } }`. Returns `{ receipt, offer, opened }` (`opened`:
 * every seller has consented already).
 */
export async function offer(api, signer, args, options) {
  const buyer = await resolveAccount(args.buyer, { api });
  const grantees = await ownersArg(api, args.grantees?.length ? args.grantees : [{ account: buyer, share: '1' }], 'grantees');
  let deadline = args.deadline;
  if (deadline === undefined || deadline === null) {
    const blocks = Number(args.deadlineBlocks ?? blocksIn(api, DEFAULT_OFFER_PERIOD_MS));
    if (!(blocks > 0)) throw new UsageError('the deadline must be in the future');
    const header = await api.rpc.chain.getHeader();
    deadline = header.number.toNumber() + blocks;
  }
  const tx = api.tx.conveyance.offer(
    Number(args.parcel),
    buyer,
    grantees,
    BigInt(args.price),
    Number(deadline),
    makeSource(api, { kind: 'deed', ...args.deed }),
  );
  const receipt = await submit(api, tx, signer, options);
  const offered = findEvent(receipt.events, 'conveyance', 'Offered');
  return {
    receipt,
    offer: offered?.data.offer,
    deadline: offered?.data.deadline,
    opened: Boolean(findEvent(receipt.events, 'conveyance', 'OfferOpened')),
  };
}

/** A co-owner (seller) or co-grantee consents to an offer. Returns `{ receipt, opened }`. */
export async function consent(api, signer, { offer: id }, options) {
  const receipt = await submit(api, api.tx.conveyance.consent(Number(id)), signer, options);
  return { receipt, opened: Boolean(findEvent(receipt.events, 'conveyance', 'OfferOpened')) };
}

/**
 * The buyer accepts an open offer: the price is held in escrow in the same call.
 * Returns `{ receipt, escrow, price }`.
 */
export async function acceptAndFund(api, signer, { offer: id }, options) {
  const receipt = await submit(api, api.tx.conveyance.acceptAndFund(Number(id)), signer, options);
  const funded = findEvent(receipt.events, 'conveyance', 'Funded');
  return { receipt, escrow: funded?.data.escrow ?? null, price: funded?.data.price };
}

/** A seller (before approval) or the buyer (once funded) cancels. Returns `{ receipt }`. */
export async function cancel(api, signer, { offer: id }, options) {
  return { receipt: await submit(api, api.tx.conveyance.cancel(Number(id)), signer, options) };
}

/** Anyone ends an offer past its deadline. Returns `{ receipt }`. */
export async function expire(api, signer, { offer: id }, options) {
  return { receipt: await submit(api, api.tx.conveyance.expire(Number(id)), signer, options) };
}
