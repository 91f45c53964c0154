// The sale, from the parties' side: the owner (seller) offers, co-owners and co-grantees consent,
// the buyer accepts and funds (alone, or with finance: lenders it names fund advances and the
// grantees consent to their terms), the parcel's existing lenders lodge redemption figures, and
// any seller (or the funded buyer) cancels. The registrar's approval is in registry.mjs.

import { UsageError } from './errors.mjs';
import { boundedList, parseHash, source as makeSource } from './documents.mjs';
import { resolveAccount } from './keys.mjs';
import { ownersArg } from './registry.mjs';
import { findEvent, submit } from './tx.mjs';
import { blocksIn, vocabulary } from './vocabulary.mjs';

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

/**
 * The buyer accepts an open offer with finance. `advances`: `[{ lender, amount (planck), rank }]`,
 * each lender (an account or dev name) advancing part of the price against a mortgage of that
 * rank on the new title. The buyer's own part, the price less the advances, is held in escrow in
 * the same call (no escrow when the advances cover the price). Each lender then funds with
 * `fundAdvance` and every grantee consents with `consentToAdvance`. Returns `{ receipt, escrow,
 * price, buyerFunds, advances }` (`advances` as the chain recorded them).
 */
export async function acceptWithFinance(api, signer, { offer: id, advances = [] }, options) {
  if (!Array.isArray(advances)) throw new UsageError('the advances are a list of { lender, amount, rank }');
  const requests = [];
  for (const advance of boundedList(advances, vocabulary(api).limits.advances, 'lenders')) {
    requests.push({ lender: await resolveAccount(advance.lender, { api }), amount: BigInt(advance.amount), rank: Number(advance.rank ?? 1) });
  }
  const receipt = await submit(api, api.tx.conveyance.acceptWithFinance(Number(id), requests), signer, options);
  const funded = findEvent(receipt.events, 'conveyance', 'Funded');
  const requested = findEvent(receipt.events, 'conveyance', 'FinanceRequested');
  return {
    receipt,
    escrow: funded?.data.escrow ?? null,
    price: funded?.data.price,
    buyerFunds: requested?.data.buyerFunds ?? funded?.data.price,
    advances: requested?.data.advances ?? [],
  };
}

/**
 * A lender the buyer named funds its advance: `amount` (planck) and `rank` must be what the
 * buyer named; the advance is held in escrow until settlement, which records the lender's
 * mortgage on the new title with `deed: { kind (default mortgage-instrument), documentHash,
 * uri }` as its source. Returns `{ receipt, escrow, amount, rank, deed, ready }` (`ready`: every
 * advance is funded and consented to, a registrar may approve).
 */
export async function fundAdvance(api, signer, { offer: id, amount, rank = 1, deed }, options) {
  const tx = api.tx.conveyance.fundAdvance(Number(id), BigInt(amount), Number(rank), makeSource(api, { kind: 'mortgage-instrument', ...deed }));
  const receipt = await submit(api, tx, signer, options);
  const funded = findEvent(receipt.events, 'conveyance', 'AdvanceFunded');
  return {
    receipt,
    escrow: funded?.data.escrow ?? null,
    amount: funded?.data.amount,
    rank: funded?.data.rank,
    deed: funded?.data.deed ?? null,
    ready: Boolean(findEvent(receipt.events, 'conveyance', 'FinanceReady')),
  };
}

/**
 * A grantee (the buyer too, when a grantee) consents to the mortgage a funded lender will hold
 * on the new title, naming the hash of its mortgage deed (`deedHash`, 0x hex). Returns
 * `{ receipt, ready }` (`ready`: nothing else is missing, a registrar may approve).
 */
export async function consentToAdvance(api, signer, { offer: id, lender, deedHash }, options) {
  const tx = api.tx.conveyance.consentToAdvance(Number(id), await resolveAccount(lender, { api }), parseHash(deedHash, 'the mortgage deed hash'));
  const receipt = await submit(api, tx, signer, options);
  return { receipt, ready: Boolean(findEvent(receipt.events, 'conveyance', 'FinanceReady')) };
}

/**
 * A lender withdraws its funded advance before approval: refunded, and the grantees' consents
 * to its terms lapse. Returns `{ receipt }`.
 */
export async function withdrawAdvance(api, signer, { offer: id }, options) {
  return { receipt: await submit(api, api.tx.conveyance.withdrawAdvance(Number(id)), signer, options) };
}

/**
 * The lender of an existing mortgage on the parcel for sale lodges its redemption figure
 * (`amount`, planck): what the settlement pays it to discharge `encumbrance`, instead of the
 * recorded amount. Lodging again replaces the figure. Returns `{ receipt, amount, recorded }`.
 */
export async function lodgeRedemption(api, signer, { offer: id, encumbrance, amount }, options) {
  const tx = api.tx.conveyance.lodgeRedemption(Number(id), Number(encumbrance), BigInt(amount));
  const receipt = await submit(api, tx, signer, options);
  const lodged = findEvent(receipt.events, 'conveyance', 'RedemptionLodged');
  return { receipt, amount: lodged?.data.amount, recorded: lodged?.data.recorded };
}

/** A seller (before approval) or the buyer (once funded) cancels. Returns `{ receipt }`. */
export async function cancel(api, signer, { offer: id }, options) {
  return { receipt: await submit(api, api.tx.conveyance.cancel(Number(id)), signer, options) };
}

/** Anyone ends an offer past its deadline. Returns `{ receipt }`. */
export async function expire(api, signer, { offer: id }, options) {
  return { receipt: await submit(api, api.tx.conveyance.expire(Number(id)), signer, options) };
}
