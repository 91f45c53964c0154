// The registrar's work (first registration, encumbrances, split and merge, approving and rejecting
// transfers) and the owner's consent to a mortgage. Each function builds the call from the
// metadata, submits it and returns the receipt with what the events say was created.

import { UsageError } from './errors.mjs';
import { LAND_USES, REJECTION_REASONS, boundedText, parseHash, pick, source as makeSource } from './documents.mjs';
import { resolveAccount } from './keys.mjs';
import { findEvent, filterEvents, submit } from './tx.mjs';
import { parseShare } from './units.mjs';

/** Limits of the registry's text fields (bytes), as in the pallet. */
export const MAX_JURISDICTION_LEN = 32;
export const MAX_REFERENCE_LEN = 64;

/**
 * Owners as Polkadot.js takes them: `[{ account, share: { numerator, denominator } }]`, from
 * `[{ account: 'charlie' | address, share: '1/2' | { numerator, denominator } }]`.
 */
export async function ownersArg(api, owners) {
  if (!Array.isArray(owners) || owners.length === 0) throw new UsageError('at least one owner is required');
  const result = [];
  for (const owner of owners) {
    const share = typeof owner.share === 'object' && owner.share !== null ? owner.share : parseShare(owner.share ?? '1');
    result.push({ account: await resolveAccount(owner.account, { api }), share });
  }
  return result;
}

/** Parses `charlie:1/2` (or `charlie`, the whole) into `{ account, share }`. */
export function parseOwnerSpec(text) {
  const raw = String(text).trim();
  const at = raw.indexOf(':');
  if (at < 0) return { account: raw, share: { numerator: 1, denominator: 1 } };
  return { account: raw.slice(0, at), share: parseShare(raw.slice(at + 1)) };
}

/** A tenure: `{ leaseholdUntil: unixSeconds }` is a leasehold, anything else freehold. */
export function tenureArg(tenure) {
  if (tenure?.leaseholdUntil !== undefined && tenure?.leaseholdUntil !== null) {
    return { Leasehold: { expiresAt: BigInt(tenure.leaseholdUntil) } };
  }
  return 'Freehold';
}

/**
 * First registration of a parcel and its title. `args`: `{ jurisdiction, reference, areaM2,
 * landUse, geometryHash, source: { kind, documentHash, uri }, owners, tenure }`.
 * Returns `{ receipt, parcel, version }`.
 */
export async function registerParcel(api, signer, args, options) {
  const tx = api.tx.landRegistry.registerParcel(
    boundedText(args.jurisdiction, MAX_JURISDICTION_LEN, 'the jurisdiction'),
    boundedText(args.reference, MAX_REFERENCE_LEN, 'the cadastral reference'),
    {
      areaM2: BigInt(args.areaM2),
      landUse: pick(LAND_USES, args.landUse ?? 'residential', 'land use'),
      geometryHash: parseHash(args.geometryHash, 'the geometry hash'),
    },
    makeSource({ kind: 'survey', ...args.source }),
    await ownersArg(api, args.owners),
    tenureArg(args.tenure),
  );
  const receipt = await submit(api, tx, signer, options);
  const registered = findEvent(receipt.events, 'landRegistry', 'ParcelRegistered');
  const title = findEvent(receipt.events, 'landRegistry', 'TitleRecorded');
  return { receipt, parcel: registered?.data.parcel, version: title?.data.version };
}

/** Encumbrance kinds as Polkadot.js takes them. */
export const encumbrance = {
  mortgage: ({ lender, amount, rank = 1 }) => ({ Mortgage: { lender, amount: BigInt(amount), rank: Number(rank) } }),
  lien: ({ holder, amount }) => ({ Lien: { holder, amount: BigInt(amount) } }),
  easement: ({ dominantParcel = null, termsHash }) => ({
    Easement: { dominantParcel: dominantParcel === null ? null : Number(dominantParcel), termsHash: parseHash(termsHash, 'the terms hash') },
  }),
  lease: ({ lessee, expiresAt }) => ({ Lease: { lessee, expiresAt: BigInt(expiresAt) } }),
  caveat: ({ courtReference }) => ({ Caveat: { courtReference: boundedText(courtReference, MAX_REFERENCE_LEN, 'the court reference') } }),
};

/** The CLI names of the encumbrance kinds. */
export const ENCUMBRANCE_KINDS = Object.keys(encumbrance);

/** The document kind a registrar usually records with each encumbrance kind. */
export const DEFAULT_ENCUMBRANCE_SOURCE = {
  mortgage: 'mortgage-instrument',
  lien: 'statutory',
  easement: 'deed',
  lease: 'lease-agreement',
  caveat: 'court-order',
};

/**
 * Records an encumbrance. `args`: `{ parcel, kind: 'mortgage' | 'lien' | …, terms, source }` where
 * `terms` holds the kind's fields (accounts may be dev names). Returns `{ receipt, encumbrance }`.
 */
export async function recordEncumbrance(api, signer, { parcel, kind, terms = {}, source }, options) {
  const make = encumbrance[kind];
  if (!make) throw new UsageError(`unknown encumbrance kind "${kind}": one of ${ENCUMBRANCE_KINDS.join(', ')}`);
  const resolved = { ...terms };
  for (const field of ['lender', 'holder', 'lessee']) {
    if (resolved[field] !== undefined) resolved[field] = await resolveAccount(resolved[field], { api });
  }
  const tx = api.tx.landRegistry.recordEncumbrance(
    Number(parcel),
    make(resolved),
    makeSource({ kind: DEFAULT_ENCUMBRANCE_SOURCE[kind], ...source }),
  );
  const receipt = await submit(api, tx, signer, options);
  const recorded = findEvent(receipt.events, 'landRegistry', 'EncumbranceRecorded');
  return { receipt, encumbrance: recorded?.data.encumbrance };
}

/**
 * Splits a parcel. `children`: `[{ reference, areaM2, landUse, geometryHash }]`, areas summing to
 * the parent's. Returns `{ receipt, children: [ids] }`.
 */
export async function splitParcel(api, signer, { parcel, children, source }, options) {
  if (!Array.isArray(children) || children.length === 0) throw new UsageError('a split needs children');
  const tx = api.tx.landRegistry.splitParcel(
    Number(parcel),
    children.map((child) => ({
      cadastralReference: boundedText(child.reference, MAX_REFERENCE_LEN, 'a child\'s cadastral reference'),
      attributes: {
        areaM2: BigInt(child.areaM2),
        landUse: pick(LAND_USES, child.landUse ?? 'residential', 'land use'),
        geometryHash: parseHash(child.geometryHash, 'a child\'s geometry hash'),
      },
    })),
    makeSource({ kind: 'survey', ...source }),
  );
  const receipt = await submit(api, tx, signer, options);
  const split = findEvent(receipt.events, 'landRegistry', 'ParcelSplit');
  return { receipt, children: split?.data.children ?? [] };
}

/** Merges parcels into a new one. Returns `{ receipt, parcel }`. */
export async function mergeParcels(api, signer, { parcels, reference, geometryHash, landUse, source }, options) {
  const tx = api.tx.landRegistry.mergeParcels(
    parcels.map(Number),
    boundedText(reference, MAX_REFERENCE_LEN, 'the cadastral reference'),
    parseHash(geometryHash, 'the geometry hash'),
    pick(LAND_USES, landUse ?? 'residential', 'land use'),
    makeSource({ kind: 'survey', ...source }),
  );
  const receipt = await submit(api, tx, signer, options);
  const merged = findEvent(receipt.events, 'landRegistry', 'ParcelsMerged');
  return { receipt, parcel: merged?.data.parcel };
}

/** An owner consents to a mortgage with exactly these terms. Returns `{ receipt }`. */
export async function consentToMortgage(api, signer, { parcel, lender, amount, rank = 1 }, options) {
  const tx = api.tx.landRegistry.consentToMortgage(Number(parcel), await resolveAccount(lender, { api }), BigInt(amount), Number(rank));
  return { receipt: await submit(api, tx, signer, options) };
}

/** An owner withdraws an unused mortgage consent. Returns `{ receipt }`. */
export async function withdrawMortgageConsent(api, signer, { parcel }, options) {
  const tx = api.tx.landRegistry.withdrawMortgageConsent(Number(parcel));
  return { receipt: await submit(api, tx, signer, options) };
}

/**
 * A registrar approves a funded offer, which settles it. Returns `{ receipt, settled, payouts,
 * title }`: the `conveyance.Settled` event's data, its payouts, and the new `TitleRecorded` data.
 */
export async function approveTransfer(api, signer, { offer }, options) {
  const tx = api.tx.conveyance.approve(Number(offer));
  const receipt = await submit(api, tx, signer, options);
  const settled = findEvent(receipt.events, 'conveyance', 'Settled');
  const title = findEvent(receipt.events, 'landRegistry', 'TitleRecorded');
  return { receipt, settled: settled?.data, payouts: settled?.data.payouts ?? [], title: title?.data };
}

/** A registrar rejects an offer with a reason (see `REJECTION_REASONS`). Returns `{ receipt }`. */
export async function rejectTransfer(api, signer, { offer, reason = 'other' }, options) {
  const tx = api.tx.conveyance.reject(Number(offer), pick(REJECTION_REASONS, reason, 'rejection reason'));
  return { receipt: await submit(api, tx, signer, options) };
}

/** Every `TitleRecorded` event of a receipt (a split records one per child). */
export function titlesRecorded(receipt) {
  return filterEvents(receipt.events, 'landRegistry', 'TitleRecorded').map((event) => event.data);
}
