// Applications: the registry's changes made without the affected parties' signatures (rectifying
// a title or a parcel, transfers by operation of law, releasing an encumbrance without its
// holder, lifting a caveat, replacing a lost key — recovery.mjs). One registrar proposes, a
// second confirms, public notice runs, the affected parties may object (the council then
// decides), anyone enacts after the notice. Also the signed calls that need no application: a
// holder's discharge, an owner's restriction.

import { UsageError } from './errors.mjs';
import { parseHash, pick, source as makeSource } from './documents.mjs';
import { resolveAccount } from './keys.mjs';
import { toPlain } from './plain.mjs';
import { landUseArg, ownersArg, tenureArg } from './registry.mjs';
import { findEvent, submit } from './tx.mjs';
import { vocabulary } from './vocabulary.mjs';

/** The document kind each change is usually backed by. */
export const DEFAULT_SOURCE = {
  rectifyTitle: 'statutory',
  transferByLaw: 'court-order',
  release: 'discharge',
  rectifyParcel: 'survey',
  recoverKey: 'other',
};

/**
 * A `ProposedChange` as Polkadot.js takes it (reasons and land uses the chain's), from one of:
 * `{ rectifyTitle: { owners, tenure } }`, `{ transferByLaw: { owners, tenure, reason } }`,
 * `{ release: { encumbrance } }`, `{ rectifyParcel: { areaM2, landUse, geometryHash } }`,
 * `{ recoverKey: { lost, replacement } }` (accounts: dev names or addresses).
 */
export async function changeArg(api, change) {
  const [kind, terms] = Object.entries(change ?? {})[0] ?? [];
  switch (kind) {
    case 'rectifyTitle':
      return { RectifyTitle: { owners: await ownersArg(api, terms.owners), tenure: tenureArg(terms.tenure) } };
    case 'transferByLaw':
      return {
        TransferByOperationOfLaw: {
          owners: await ownersArg(api, terms.owners),
          tenure: tenureArg(terms.tenure),
          reason: pick(vocabulary(api).lawfulReasons, terms.reason ?? 'inheritance', 'reason'),
        },
      };
    case 'release':
      return { ReleaseEncumbrance: { encumbrance: Number(terms.encumbrance) } };
    case 'rectifyParcel':
      return {
        RectifyParcel: {
          attributes: {
            areaM2: BigInt(terms.areaM2),
            landUse: landUseArg(api, terms.landUse),
            geometryHash: parseHash(terms.geometryHash, 'the geometry hash'),
          },
        },
      };
    case 'recoverKey':
      return { RecoverKey: { lost: await resolveAccount(terms.lost, { api }), replacement: await resolveAccount(terms.replacement, { api }) } };
    default:
      throw new UsageError(`unknown change "${kind}": one of ${Object.keys(DEFAULT_SOURCE).join(', ')}`);
  }
}

/**
 * The `landRegistry.proposeApplication` call, not signed (for a batch, a clerk's proxy, a multisig
 * office). `args`: `{ parcel, change, source }` (see `changeArg`); the source's kind defaults to
 * the one the change is usually backed by.
 */
export async function proposeCall(api, { parcel, change, source }) {
  const kind = Object.keys(change ?? {})[0];
  return api.tx.landRegistry.proposeApplication(
    Number(parcel),
    await changeArg(api, change),
    makeSource(api, { kind: DEFAULT_SOURCE[kind] ?? 'other', ...source }),
  );
}

/**
 * A registrar proposes an application. `args`: `{ parcel, change, source }` (see `changeArg`).
 * Returns `{ receipt, application, affected }`: the accounts that may object.
 */
export async function propose(api, signer, args, options) {
  const receipt = await submit(api, await proposeCall(api, args), signer, options);
  const proposed = findEvent(receipt.events, 'landRegistry', 'ApplicationProposed');
  return { receipt, application: proposed?.data.application, affected: proposed?.data.affected ?? [] };
}

/** A second registrar confirms. Returns `{ receipt, noticeEnds }` (the first block to enact in). */
export async function confirm(api, signer, { application }, options) {
  const receipt = await submit(api, api.tx.landRegistry.confirmApplication(Number(application)), signer, options);
  const confirmed = findEvent(receipt.events, 'landRegistry', 'ApplicationConfirmed');
  return { receipt, noticeEnds: confirmed?.data.noticeEnds };
}

/** An affected party objects, with the hash of its grounds. Returns `{ receipt }`. */
export async function object(api, signer, { application, grounds }, options) {
  const tx = api.tx.landRegistry.object(Number(application), parseHash(grounds, 'the grounds hash'));
  return { receipt: await submit(api, tx, signer, options) };
}

/** Anyone enacts an application whose notice is over. Returns `{ receipt }`. */
export async function enact(api, signer, { application }, options) {
  return { receipt: await submit(api, api.tx.landRegistry.enactApplication(Number(application)), signer, options) };
}

/** The proposer withdraws its application. Returns `{ receipt }`. */
export async function withdraw(api, signer, { application }, options) {
  return { receipt: await submit(api, api.tx.landRegistry.withdrawApplication(Number(application)), signer, options) };
}

/** Anyone ends an application nobody confirmed in time. Returns `{ receipt }`. */
export async function expire(api, signer, { application }, options) {
  return { receipt: await submit(api, api.tx.landRegistry.expireApplication(Number(application)), signer, options) };
}

/** The call a council motion carries to decide an objection: enact (true) or dismiss (false). */
export function decideObjectionCall(api, { application, enact: enactIt }) {
  return api.tx.landRegistry.decideObjection(Number(application), Boolean(enactIt));
}

/** A lender, lien holder or tenant gives up its own right. Returns `{ receipt }`. */
export async function discharge(api, signer, { parcel, encumbrance }, options) {
  return { receipt: await submit(api, api.tx.landRegistry.discharge(Number(parcel), Number(encumbrance)), signer, options) };
}

/** An owner places an anti-fraud restriction on their title. Returns `{ receipt }`. */
export async function restrict(api, signer, { parcel }, options) {
  return { receipt: await submit(api, api.tx.landRegistry.placeRestriction(Number(parcel)), signer, options) };
}

/** The owner removes their restriction. Returns `{ receipt }`. */
export async function unrestrict(api, signer, { parcel }, options) {
  return { receipt: await submit(api, api.tx.landRegistry.removeRestriction(Number(parcel)), signer, options) };
}

/** The pending applications on a parcel, as plain data, oldest first (runtime API). */
export async function pending(api, parcel) {
  const list = await api.call.landRegistryApi.applications(Number(parcel));
  return list.map(([id, application]) => ({ id: id.toNumber(), ...toPlain(application) }));
}

/** The owners' restrictions on a parcel: `[{ owner, placedAt }]`. */
export async function restrictions(api, parcel) {
  const entries = await api.query.landRegistry.restrictions.entries(Number(parcel));
  return entries.map(([key, value]) => ({ owner: key.args[1].toString(), placedAt: value.unwrap().placedAt.toNumber() }));
}

/** Resolves a dev name or address to an SS58 address (for filters). */
export const account = (api, who) => resolveAccount(who, { api });
