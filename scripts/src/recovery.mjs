// Key-loss recovery: a party who lost the key to their account gets their new account put in its
// place in the registry — on each parcel by one application (`RecoverKey`): one registrar
// proposes, a second confirms, public notice runs, anyone enacts. On the parcel the replacement
// then holds the lost key's share of the title (a new version, `KeyRecovery`), its mortgages,
// liens and leases, its place in mortgage consents and its restriction. The chain requires the
// replacement to hold a current attestation of the same kind of party (the party register); that
// both accounts are one party's is the office's finding, off-chain (`verifyParties`). Until it is
// enacted, the lost key itself — whoever still holds it has not lost it — vetoes the application.
//
// The chain recovers one parcel per application; this module gives the account-wide view: every
// parcel the lost key holds something on (the owner index, and a paged scan of the encumbrances
// and mortgage consents), its applications proposed, confirmed, enacted or vetoed together in one
// `utility.batchAll` (`submitAll`), and the status of each.

import * as applications from './applications.mjs';
import { parcelsOf, plainEncumbrance, variantOf } from './auditor.mjs';
import { LandchainError, UsageError } from './errors.mjs';
import { resolveAccount } from './keys.mjs';
import * as parties from './parties.mjs';
import { toPlain } from './plain.mjs';
import { filterEvents, submitAll } from './tx.mjs';
import { typeAt } from './vocabulary.mjs';

/** How many storage entries a scan asks the node for at once. */
const PAGE = 500;

/** The field of each kind of encumbrance that names its holder, and what the holder is called. */
export const HOLDERS = {
  Mortgage: { field: 'lender', role: 'lender' },
  Lien: { field: 'holder', role: 'lien holder' },
  Lease: { field: 'lessee', role: 'lessee' },
};

/**
 * Every entry of a storage map, a page at a time (until an empty page: the node may answer fewer
 * than asked for), so that a registry of any size is scanned in bounded requests.
 */
async function* entriesOf(query) {
  let startKey;
  for (;;) {
    const page = await query.entriesPaged({ args: [], pageSize: PAGE, startKey });
    if (page.length === 0) return;
    yield* page;
    startKey = page[page.length - 1][0].toHex();
  }
}

/** The holder of an encumbrance (plain, from `plainEncumbrance`), or null for an easement or caveat. */
const holderOf = (encumbrance) => encumbrance.terms[HOLDERS[encumbrance.kind]?.field] ?? null;

/**
 * What `account` holds on `parcel` — what a recovery of its key there moves: `{ parcel, share
 * (e.g. '1/3', or null when it is no owner), encumbrances: [{ id, kind, role }] (the mortgages,
 * liens and leases it holds), restriction (whether it placed one), consents: [{ owner, lender,
 * as: 'owner' | 'lender' }] (mortgage consents it gave or is named in), lockedBy (the open
 * dealing, or null) }`.
 */
export async function holdingOn(api, parcel, account) {
  const id = Number(parcel);
  const [title, encumbrances, restriction, consents, lock] = await Promise.all([
    api.query.landRegistry.titles(id),
    api.query.landRegistry.encumbrances(id),
    api.query.landRegistry.restrictions(id, account),
    api.query.landRegistry.mortgageConsents.entries(id),
    api.query.landRegistry.parcelLocks(id),
  ]);
  const owner = title.isSome ? toPlain(title.unwrap()).owners.find((entry) => entry.account === account) : undefined;
  return {
    parcel: id,
    share: owner ? `${owner.share.numerator}/${owner.share.denominator}` : null,
    encumbrances: encumbrances
      .map(plainEncumbrance)
      .filter((encumbrance) => holderOf(encumbrance) === account)
      .map((encumbrance) => ({ id: encumbrance.id, kind: encumbrance.kind, role: HOLDERS[encumbrance.kind].role })),
    restriction: restriction.isSome,
    consents: consents
      .map(([key, value]) => ({ owner: key.args[1].toString(), lender: value.unwrap().lender.toString() }))
      .filter((consent) => consent.owner === account || consent.lender === account)
      .map((consent) => ({ ...consent, as: consent.owner === account ? 'owner' : 'lender' })),
    lockedBy: lock.isSome ? lock.unwrap().toNumber() : null,
  };
}

/** Whether a holding holds anything a recovery moves. */
const holdsAnything = (holding) => holding.share !== null || holding.encumbrances.length > 0 || holding.consents.length > 0;

/**
 * Every parcel `account` holds something on, in parcel order, each as `holdingOn` gives it: the
 * parcels it owns a share of (the owner index, `landRegistry.ownerParcels`), whose mortgage, lien
 * or lease it holds (a paged scan of `landRegistry.encumbrances`), or whose mortgage consent names
 * it as the lender (a paged scan of `landRegistry.mortgageConsents`) — the parcels on which the
 * chain accepts a recovery of its key.
 */
export async function holdings(api, account) {
  const address = await resolveAccount(account, { api });
  const found = new Set(await parcelsOf(api, address));
  for await (const [key, list] of entriesOf(api.query.landRegistry.encumbrances)) {
    if (list.some((codec) => holderOf(plainEncumbrance(codec)) === address)) found.add(key.args[0].toNumber());
  }
  for await (const [key, consent] of entriesOf(api.query.landRegistry.mortgageConsents)) {
    if (consent.isSome && consent.unwrap().lender.toString() === address) found.add(key.args[0].toNumber());
  }
  const list = await Promise.all([...found].sort((a, b) => a - b).map((parcel) => holdingOn(api, parcel, address)));
  return list.filter(holdsAnything);
}

/**
 * A pending application as plain data if it is a recovery, else null: `{ application, parcel,
 * lost, replacement, status: 'Proposed' | 'InNotice' | 'Objected', confirmBy, noticeEnds,
 * confirmedBy, objector, proposedBy, proposedAt, affected }` (fields that do not apply null).
 */
export function plainRecovery(id, codec) {
  const application = toPlain(codec);
  const change = variantOf(application.change);
  if (change.type !== 'RecoverKey') return null;
  const status = variantOf(application.status);
  return {
    application: Number(id),
    parcel: Number(application.parcel),
    lost: change.fields.lost,
    replacement: change.fields.replacement,
    status: status.type,
    confirmBy: status.fields.confirmBy ?? null,
    noticeEnds: status.fields.noticeEnds ?? null,
    confirmedBy: status.fields.confirmedBy ?? null,
    objector: status.fields.objector ?? null,
    proposedBy: application.proposedBy,
    proposedAt: Number(application.proposedAt),
    affected: application.affected,
  };
}

/**
 * The pending recovery applications (a paged scan of `landRegistry.applications`), oldest first;
 * with `lost`, only those naming it as the lost key. Each as `plainRecovery` gives it.
 */
export async function recoveries(api, { lost } = {}) {
  const address = lost === undefined || lost === null ? null : await resolveAccount(lost, { api });
  const found = [];
  for await (const [key, value] of entriesOf(api.query.landRegistry.applications)) {
    if (value.isNone) continue;
    const recovery = plainRecovery(key.args[0].toNumber(), value.unwrap());
    if (recovery && (address === null || recovery.lost === address)) found.push(recovery);
  }
  return found.sort((a, b) => a.application - b.application);
}

/** The pending recovery applications with these ids; an id that is pending but no recovery is a usage error. */
async function recoveriesById(api, ids) {
  const records = await api.query.landRegistry.applications.multi(ids.map(Number));
  return records.map((record, index) => {
    const id = Number(ids[index]);
    // Not pending: the chain says why (`landRegistry.UnknownApplication`).
    if (record.isNone) return { application: id, parcel: null, lost: null, replacement: null, status: null };
    const recovery = plainRecovery(id, record.unwrap());
    if (!recovery) throw new UsageError(`application ${id} is not a key recovery (it is ${variantOf(toPlain(record.unwrap().change)).type})`);
    return recovery;
  });
}

/**
 * The office's check, before it proposes, that the replacement and the lost key are one party's:
 * the salt and identifier the party revealed must give the replacement's attestation (`salt`), and
 * the lost key's (`lostSalt`, when given) — computed here with `parties.verify`, sent nowhere. The
 * replacement's must also be current, as the chain requires; for the lost key, an expired
 * attestation whose commitment matches still proves the party. Returns `[{ role: 'replacement' |
 * 'lost key', verified, …verify's result }]`.
 */
export async function verifyParties(api, { lost, replacement, identifier, salt, lostSalt }) {
  const checks = [['replacement', replacement, salt]];
  if (lostSalt !== undefined && lostSalt !== null) checks.push(['lost key', lost, lostSalt]);
  const verdicts = [];
  for (const [role, party, partySalt] of checks) {
    const verdict = await parties.verify(api, { party, identifier, salt: partySalt });
    verdicts.push({ role, ...verdict, verified: verdict.verified || (role === 'lost key' && verdict.reason === 'expired') });
  }
  return verdicts;
}

/** Refuses, naming what is missing, a chain whose runtime has no key recovery (older than the tool). */
function ensureRecoveryOn(api) {
  typeAt(api, ['landRegistry', 'proposeApplication', 'change', 'RecoverKey', 'lost']);
  typeAt(api, ['landRegistry', 'vetoRecovery', 'application']);
}

/** Every receipt's events `landRegistry.<method>`, as plain data. */
const eventsOf = (receipts, method) => receipts.flatMap((receipt) => filterEvents(receipt.events, 'landRegistry', method).map((event) => event.data));

/**
 * A registrar proposes recovering `lost`'s key to `replacement` (dev names or addresses): one
 * application per parcel, all in one transaction (`submitAll`). `parcels`: the parcels to
 * recover; without them, every parcel `lost` holds something on (`holdings`), less those that
 * already have a pending recovery of `lost` (`skipped`) — and refused while one of them is locked
 * by an open dealing (a sale must end first: the chain's `landRegistry.ParcelLocked`), naming the
 * others, which may then be given. `source`: `{ kind, documentHash, uri }`, the party's evidence
 * (kind default `other`). Whether the replacement may take the lost key's place is the chain's to
 * decide (attested, same kind of party, not already an owner, no other owner's restriction, no
 * conflict of interest), as its documented error. Returns `{ receipt, receipts, lost,
 * replacement, proposed: [{ application, parcel, affected, holding }], skipped: [{ parcel,
 * application }] }`.
 */
export async function propose(api, signer, { lost, replacement, parcels = [], source }, options) {
  ensureRecoveryOn(api);
  const lostKey = await resolveAccount(lost, { api });
  const replacementKey = await resolveAccount(replacement, { api });
  let targets;
  let skipped = [];
  if (parcels.length > 0) {
    targets = await Promise.all(parcels.map((parcel) => holdingOn(api, parcel, lostKey)));
  } else {
    const held = await holdings(api, lostKey);
    if (held.length === 0) throw new LandchainError(`${lostKey} holds nothing on any parcel: there is no key to recover`);
    const pending = new Map((await recoveries(api, { lost: lostKey })).map((recovery) => [recovery.parcel, recovery.application]));
    skipped = held.filter((holding) => pending.has(holding.parcel)).map((holding) => ({ parcel: holding.parcel, application: pending.get(holding.parcel) }));
    targets = held.filter((holding) => !pending.has(holding.parcel));
    if (targets.length === 0) {
      throw new LandchainError(`every parcel ${lostKey} holds something on already has a pending recovery: ${skipped.map((s) => `application ${s.application} (parcel ${s.parcel})`).join(', ')}`);
    }
    const locked = targets.filter((holding) => holding.lockedBy !== null);
    if (locked.length > 0) {
      const free = targets.filter((holding) => holding.lockedBy === null).map((holding) => holding.parcel);
      throw new LandchainError(
        `${locked.map((holding) => `parcel ${holding.parcel} is locked by open dealing ${holding.lockedBy}`).join(', ')}: ` +
          `its recovery waits for the dealing to end (landRegistry.ParcelLocked)${free.length ? `; the others can be proposed now: parcels ${free.join(', ')}` : ''}`,
      );
    }
  }
  const change = { recoverKey: { lost: lostKey, replacement: replacementKey } };
  const calls = await Promise.all(targets.map((holding) => applications.proposeCall(api, { parcel: holding.parcel, change, source })));
  const { receipt, receipts } = await submitAll(api, calls, signer, options);
  const byParcel = new Map(targets.map((holding) => [holding.parcel, holding]));
  const proposed = eventsOf(receipts, 'ApplicationProposed').map((event) => ({
    application: event.application,
    parcel: event.parcel,
    affected: event.affected,
    holding: byParcel.get(event.parcel),
  }));
  return { receipt, receipts, lost: lostKey, replacement: replacementKey, proposed, skipped };
}

/**
 * The recoveries a batch acts on: `applications` (ids) as given, or the pending recoveries of
 * `lost` in status `status` (at least one, else an error saying where they stand).
 */
async function chosen(api, { lost, applications: ids = [] }, status, what) {
  if (ids.length > 0) return recoveriesById(api, ids);
  if (lost === undefined || lost === null) throw new UsageError('give the lost account or the application ids');
  const all = await recoveries(api, { lost });
  const ready = all.filter((recovery) => recovery.status === status);
  if (ready.length === 0) {
    const where = all.map((recovery) => `application ${recovery.application} (parcel ${recovery.parcel}) is ${recovery.status}`).join(', ');
    throw new LandchainError(`no recovery application of ${await resolveAccount(lost, { api })} ${what}${where ? `: ${where}` : ' (none is pending)'}`);
  }
  return ready;
}

/**
 * A second registrar confirms recovery applications: `applications` (ids), or every one of
 * `lost`'s still waiting for confirmation — in one transaction. Their public notice starts.
 * Returns `{ receipt, receipts, confirmed: [{ application, parcel, noticeEnds }] }`.
 */
export async function confirm(api, signer, args, options) {
  const list = await chosen(api, args, 'Proposed', 'waits for a second registrar');
  const calls = list.map((recovery) => api.tx.landRegistry.confirmApplication(recovery.application));
  const { receipt, receipts } = await submitAll(api, calls, signer, options);
  const confirmed = eventsOf(receipts, 'ApplicationConfirmed').map(({ application, parcel, noticeEnds }) => ({ application, parcel, noticeEnds }));
  return { receipt, receipts, confirmed };
}

/**
 * Anyone enacts recovery applications whose notice is over: `applications` (ids), or every one of
 * `lost`'s in notice whose notice ends by the next block (`waiting`: those whose notice is still
 * running) — in one transaction. Returns `{ receipt, receipts, recovered: [{ application, parcel,
 * lost, replacement, encumbrances }] (the `KeyRecovered` events), titles: [TitleRecorded data],
 * waiting: [{ application, parcel, noticeEnds }] }`.
 */
export async function enact(api, signer, args, options) {
  const list = await chosen(api, args, 'InNotice', 'is in public notice');
  let ready = list;
  let waiting = [];
  if (!(args.applications?.length > 0)) {
    const next = (await api.rpc.chain.getHeader()).number.toNumber() + 1;
    ready = list.filter((recovery) => recovery.noticeEnds <= next);
    waiting = list.filter((recovery) => recovery.noticeEnds > next).map(({ application, parcel, noticeEnds }) => ({ application, parcel, noticeEnds }));
    if (ready.length === 0) {
      throw new LandchainError(`the notice of every recovery application of ${list[0].lost} is still running: ${waiting.map((w) => `application ${w.application} until block #${w.noticeEnds}`).join(', ')}`);
    }
  }
  const calls = ready.map((recovery) => api.tx.landRegistry.enactApplication(recovery.application));
  const { receipt, receipts } = await submitAll(api, calls, signer, options);
  return { receipt, receipts, recovered: eventsOf(receipts, 'KeyRecovered'), titles: eventsOf(receipts, 'TitleRecorded'), waiting };
}

/**
 * The lost key itself vetoes recovery applications naming it (the signer has not lost the key):
 * `applications` (ids), or every pending one naming the signer as `lost` — in one transaction.
 * Each ends (`ApplicationClosed`, `Vetoed`) and nothing moves. Returns `{ receipt, receipts,
 * vetoed: [{ application, parcel }] }`.
 */
export async function veto(api, signer, { applications: ids = [] } = {}, options) {
  ensureRecoveryOn(api);
  let list = ids.map((id) => ({ application: Number(id) }));
  if (list.length === 0) {
    list = await recoveries(api, { lost: signer.address });
    if (list.length === 0) throw new LandchainError(`no pending recovery application names ${signer.address} as the lost key: there is nothing to veto`);
  }
  const calls = list.map((recovery) => api.tx.landRegistry.vetoRecovery(recovery.application));
  const { receipt, receipts } = await submitAll(api, calls, signer, options);
  const vetoed = eventsOf(receipts, 'ApplicationClosed').map(({ application, parcel, end }) => ({ application, parcel, end }));
  return { receipt, receipts, vetoed };
}

/**
 * Where the recovery of `lost`'s key stands, parcel by parcel, at the best block: every parcel it
 * still holds something on and every parcel with a pending recovery of it. Returns `{ lost, block,
 * parcels: [{ parcel, holding (as `holdingOn`), applications: [plainRecovery…] }] }`.
 */
export async function status(api, lost) {
  const lostKey = await resolveAccount(lost, { api });
  const [held, pending, header] = await Promise.all([holdings(api, lostKey), recoveries(api, { lost: lostKey }), api.rpc.chain.getHeader()]);
  const parcels = new Map(held.map((holding) => [holding.parcel, { parcel: holding.parcel, holding, applications: [] }]));
  for (const recovery of pending) {
    if (!parcels.has(recovery.parcel)) parcels.set(recovery.parcel, { parcel: recovery.parcel, holding: await holdingOn(api, recovery.parcel, lostKey), applications: [] });
    parcels.get(recovery.parcel).applications.push(recovery);
  }
  return { lost: lostKey, block: header.number.toNumber(), parcels: [...parcels.values()].sort((a, b) => a.parcel - b.parcel) };
}
