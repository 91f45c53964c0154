// The registrar's work (first registration, encumbrances, split and merge, approving and rejecting
// transfers) and the owner's consent to a mortgage. Each function builds the call from the
// metadata, submits it and returns the receipt with what the events say was created. The enum
// variants (land uses, document kinds, rejection reasons, encumbrance kinds) and the length limits
// are the connected chain's (vocabulary.mjs); the chain's own rules (shares summing to one, areas,
// empty references…) are the chain's to check, and a refusal comes back as its documented error.

import { UsageError } from './errors.mjs';
import { boundedList, boundedText, parseHash, pick, source as makeSource } from './documents.mjs';
import { resolveAccount } from './keys.mjs';
import { findEvent, filterEvents, submit } from './tx.mjs';
import { parseShare } from './units.mjs';
import { vocabulary } from './vocabulary.mjs';

/** A land use (CLI spelling or variant name) checked against the chain's. */
export const landUseArg = (api, text) => pick(vocabulary(api).landUses, text ?? 'residential', 'land use');

/**
 * Owners as Polkadot.js takes them: `[{ account, share: { numerator, denominator } }]`, from
 * `[{ account: 'charlie' | address, share: '1/2' | { numerator, denominator } }]`. Whether the
 * list is a valid title (someone, shares well formed and summing to one) is the chain's rule: it
 * refuses with `landRegistry.NoOwners`, `InvalidShare` or `SharesDoNotSumToWhole`. How many
 * fit is the chain's bound for `role` (`owners` of a title, or `grantees` of an offer).
 */
export async function ownersArg(api, owners, role = 'owners') {
  if (!Array.isArray(owners)) throw new UsageError(`the ${role} are a list of { account, share }`);
  boundedList(owners, vocabulary(api).limits[role], role);
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
 * The `landRegistry.registerParcel` call of `args` (as for `registerParcel`), not signed: for a
 * clerk to send through its office's proxy, for a multisig account's signatories, or a batch.
 */
export async function registerParcelCall(api, args) {
  const { limits } = vocabulary(api);
  return api.tx.landRegistry.registerParcel(
    boundedText(args.jurisdiction, limits.jurisdiction, 'the jurisdiction'),
    boundedText(args.reference, limits.reference, 'the cadastral reference'),
    {
      areaM2: BigInt(args.areaM2),
      landUse: landUseArg(api, args.landUse),
      geometryHash: parseHash(args.geometryHash, 'the geometry hash'),
    },
    makeSource(api, { kind: 'survey', ...args.source }),
    await ownersArg(api, args.owners),
    tenureArg(args.tenure),
  );
}

/**
 * First registration of a parcel and its title. `args`: `{ jurisdiction, reference, areaM2,
 * landUse, geometryHash, source: { kind, documentHash, uri }, owners, tenure }`.
 * Returns `{ receipt, parcel, version }`.
 */
export async function registerParcel(api, signer, args, options) {
  const receipt = await submit(api, await registerParcelCall(api, args), signer, options);
  const registered = findEvent(receipt.events, 'landRegistry', 'ParcelRegistered');
  const title = findEvent(receipt.events, 'landRegistry', 'TitleRecorded');
  return { receipt, parcel: registered?.data.parcel, version: title?.data.version };
}

/**
 * Encumbrance kinds as Polkadot.js takes them, from the terms the CLI asks for (each kind has
 * its own options, so the tool offers the kinds it knows the terms of; `recordEncumbrance` checks
 * that the chain has the kind). `limits` are the chain's (`vocabulary(api).limits`).
 */
export const encumbrance = {
  mortgage: ({ lender, amount, rank = 1 }) => ({ Mortgage: { lender, amount: BigInt(amount), rank: Number(rank) } }),
  lien: ({ holder, amount }) => ({ Lien: { holder, amount: BigInt(amount) } }),
  easement: ({ dominantParcel = null, termsHash }) => ({
    Easement: { dominantParcel: dominantParcel === null ? null : Number(dominantParcel), termsHash: parseHash(termsHash, 'the terms hash') },
  }),
  lease: ({ lessee, expiresAt }) => ({ Lease: { lessee, expiresAt: BigInt(expiresAt) } }),
  caveat: ({ courtReference }, limits) => ({ Caveat: { courtReference: boundedText(courtReference, limits.reference, 'the court reference') } }),
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
  const vocab = vocabulary(api);
  pick(vocab.encumbranceKinds, kind, 'encumbrance kind on this chain');
  const resolved = { ...terms };
  for (const field of ['lender', 'holder', 'lessee']) {
    if (resolved[field] !== undefined) resolved[field] = await resolveAccount(resolved[field], { api });
  }
  const tx = api.tx.landRegistry.recordEncumbrance(
    Number(parcel),
    make(resolved, vocab.limits),
    makeSource(api, { kind: DEFAULT_ENCUMBRANCE_SOURCE[kind], ...source }),
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
  if (!Array.isArray(children)) throw new UsageError('the children of a split are a list');
  const { limits } = vocabulary(api);
  const tx = api.tx.landRegistry.splitParcel(
    Number(parcel),
    boundedList(children, limits.children, 'children in one split').map((child) => ({
      cadastralReference: boundedText(child.reference, limits.reference, 'a child\'s cadastral reference'),
      attributes: {
        areaM2: BigInt(child.areaM2),
        landUse: landUseArg(api, child.landUse),
        geometryHash: parseHash(child.geometryHash, 'a child\'s geometry hash'),
      },
    })),
    makeSource(api, { kind: 'survey', ...source }),
  );
  const receipt = await submit(api, tx, signer, options);
  const split = findEvent(receipt.events, 'landRegistry', 'ParcelSplit');
  return { receipt, children: split?.data.children ?? [] };
}

/** Merges parcels into a new one. Returns `{ receipt, parcel }`. */
export async function mergeParcels(api, signer, { parcels, reference, geometryHash, landUse, source }, options) {
  const { limits } = vocabulary(api);
  const tx = api.tx.landRegistry.mergeParcels(
    boundedList(parcels, limits.mergedParcels, 'parcels in one merge').map(Number),
    boundedText(reference, limits.reference, 'the cadastral reference'),
    parseHash(geometryHash, 'the geometry hash'),
    landUseArg(api, landUse),
    makeSource(api, { kind: 'survey', ...source }),
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

/**
 * A registrar rejects an offer with a reason, one of the chain's (`vocabulary(api).rejectionReasons`).
 * Returns `{ receipt }`.
 */
export async function rejectTransfer(api, signer, { offer, reason = 'other' }, options) {
  const tx = api.tx.conveyance.reject(Number(offer), pick(vocabulary(api).rejectionReasons, reason, 'rejection reason'));
  return { receipt: await submit(api, tx, signer, options) };
}

/** Every `TitleRecorded` event of a receipt (a split records one per child). */
export function titlesRecorded(receipt) {
  return filterEvents(receipt.events, 'landRegistry', 'TitleRecorded').map((event) => event.data);
}
