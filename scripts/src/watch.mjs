// Property alerts: follows finalized blocks and reports every registry or conveyance event that
// touches an owner's parcels or names the owner (an application on their title, an objection, a
// confirmation, an enactment, an offer, a settlement, a lien, a restriction, a recovery of their
// key…), and every party-register event about the owner's own account (attested, renewed,
// revoked, expired attestation removed). An alert of a pending recovery of the owner's key says
// how to veto it. Events are read with the metadata of the runtime that executed each block
// (block-events.cjs), so a runtime upgrade in between changes nothing.

import blockEvents from './block-events.cjs';
import { TimeoutError } from './errors.mjs';
import { toPlain } from './plain.mjs';
import { plainEvent } from './tx.mjs';

/** The pallets whose events can concern a parcel. */
const SECTIONS = new Set(['landRegistry', 'conveyance']);
/** The party register, whose events concern only the account in their `party` field. */
const PARTY_SECTION = 'partyRegister';
/** The registry's events on a pending application that its lost key may still veto. */
const VETOABLE = new Set(['ApplicationProposed', 'ApplicationConfirmed', 'ApplicationObjected']);

/** The command line with which the lost key vetoes a recovery application. */
export const vetoCommand = (application) => `landchain --signer <this account's key> owner veto-recovery --application ${application}`;
/** Event fields that name parcels. */
const PARCEL_FIELDS = ['parcel', 'parent', 'parents', 'children', 'dominantParcel'];

/** Every SS58 address anywhere in plain event data. */
function accountsIn(value, found = new Set()) {
  if (typeof value === 'string') {
    if (/^[1-9A-HJ-NP-Za-km-z]{46,48}$/.test(value)) found.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) accountsIn(item, found);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) accountsIn(item, found);
  }
  return found;
}

/** Every parcel id an event's data names. */
function parcelsIn(data) {
  const found = new Set();
  for (const field of PARCEL_FIELDS) {
    const value = data[field];
    for (const id of Array.isArray(value) ? value : [value]) {
      if (typeof id === 'number') found.add(id);
    }
  }
  return found;
}

/**
 * One line for people: `#12 landRegistry.ApplicationProposed parcel 3 application 1 …`, ending,
 * for a pending recovery of the watched key, with the command line that vetoes it.
 */
export function alertLine(alert) {
  const { block, event, parcels, reason, veto } = alert;
  const fields = Object.entries(event.data)
    .filter(([name]) => !PARCEL_FIELDS.includes(name))
    .map(([name, value]) => `${name}=${typeof value === 'object' ? JSON.stringify(value) : value}`)
    .join(' ');
  const where = parcels.length ? ` parcel ${parcels.join(',')}` : '';
  const action = veto ? ` — a recovery of this key: if you did not lose it, veto it: ${veto}` : '';
  return `ALERT #${block} ${event.section}.${event.method}${where} (${reason}) ${fields}`.trim() + action;
}

/**
 * Follows finalized blocks from `from` (default: the next finalized block) and calls
 * `onAlert(alert)` for each event that names one of `accounts`, one of their parcels (as owned
 * when the watch starts, and every parcel a title later gives them), or one of `parcels`, and for
 * each party-register event whose `party` is one of `accounts`. `alert`: `{ block, hash, event: {
 * section, method, data }, parcels, reason, veto }` — `veto`, on the proposal, confirmation or
 * objection of a recovery naming a watched account as the lost key, the command line with which
 * that key vetoes it (else absent). Stops after block `until` (if given), when `onAlert` returns
 * `false`, or when `signal` aborts; `idleTimeoutMs` bounds the wait for a new finalized block.
 * Returns the number of alerts.
 */
export async function watch(api, { accounts = [], parcels = [], from, until, onAlert, signal, pollMs = 1_000, idleTimeoutMs = 120_000 } = {}) {
  const watchedAccounts = new Set(accounts);
  const watchedParcels = new Set(parcels.map(Number));
  for (const account of accounts) {
    let after = null;
    for (;;) {
      // Until an empty page: the runtime may cap a page below what is asked for.
      const page = (await api.call.landRegistryApi.parcelsOf(account, after, 100)).map((id) => id.toNumber());
      if (page.length === 0) break;
      page.forEach((id) => watchedParcels.add(id));
      after = page[page.length - 1];
    }
  }
  /**
   * The lost key of each recovery application seen proposed, for the events on an application
   * that name only its id (null: not a recovery); one proposed before the watch began is read
   * from the chain while it is pending.
   */
  const recoveryLost = new Map();
  const lostKeyOf = async (application) => {
    if (!recoveryLost.has(application)) {
      const record = await api.query.landRegistry.applications(application);
      const change = record.isSome ? toPlain(record.unwrap().change) : null;
      recoveryLost.set(application, change?.RecoverKey?.lost ?? null);
    }
    return recoveryLost.get(application);
  };
  /** The parcel of each offer seen, for conveyance events that name only the offer. */
  const offerParcels = new Map();
  const parcelOfOffer = async (offer) => {
    if (!offerParcels.has(offer)) {
      const record = await api.query.conveyance.offers(offer);
      offerParcels.set(offer, record.isSome ? record.unwrap().parcel.toNumber() : null);
    }
    return offerParcels.get(offer);
  };

  let next = from ?? (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber() + 1;
  let count = 0;
  let idleSince = Date.now();
  while (!signal?.aborted && (until === undefined || next <= until)) {
    const finalized = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    if (next > finalized) {
      if (Date.now() - idleSince > idleTimeoutMs) {
        throw new TimeoutError(`no new finalized block for ${Math.round(idleTimeoutMs / 1000)} s (waiting for #${next})`);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      continue;
    }
    idleSince = Date.now();
    const hash = (await api.rpc.chain.getBlockHash(next)).toHex();
    const { records } = await blockEvents.blockEvents(api, hash);
    for (const record of records) {
      if (record.event.section === PARTY_SECTION) {
        const event = plainEvent(record);
        if (!watchedAccounts.has(event.data.party)) continue;
        count += 1;
        const alert = { block: next, hash, event, parcels: [], reason: `names ${event.data.party}` };
        if ((await onAlert?.(alert)) === false) return count;
        continue;
      }
      if (!SECTIONS.has(record.event.section)) continue;
      const event = plainEvent(record);
      if (event.section === 'landRegistry' && event.method === 'ApplicationProposed') {
        recoveryLost.set(event.data.application, event.data.change?.RecoverKey?.lost ?? null);
      }
      const named = parcelsIn(event.data);
      if (event.section === 'conveyance' && event.data.offer !== undefined) {
        if (event.method === 'Offered') offerParcels.set(event.data.offer, event.data.parcel);
        const parcel = await parcelOfOffer(event.data.offer);
        if (parcel !== null) named.add(parcel);
      }
      const people = accountsIn(event.data);
      // A title naming a watched account makes its parcel watched from now on.
      if (event.method === 'TitleRecorded' && [...people].some((who) => watchedAccounts.has(who))) {
        watchedParcels.add(event.data.parcel);
      }
      const parcelHit = [...named].filter((id) => watchedParcels.has(id));
      const accountHit = [...people].filter((who) => watchedAccounts.has(who));
      if (!parcelHit.length && !accountHit.length) continue;
      count += 1;
      const reason = parcelHit.length ? `watched parcel ${parcelHit.join(',')}` : `names ${accountHit.join(',')}`;
      const alert = { block: next, hash, event, parcels: [...named].sort((a, b) => a - b), reason };
      if (event.section === 'landRegistry' && VETOABLE.has(event.method) && watchedAccounts.has(await lostKeyOf(event.data.application))) {
        alert.veto = vetoCommand(event.data.application);
      }
      if ((await onAlert?.(alert)) === false) return count;
    }
    next += 1;
  }
  return count;
}
