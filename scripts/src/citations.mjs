// Which records cite a document — "which records cite this deed?" — from the registry's document
// index, `landRegistry.citations`: `(document hash, citing record) → ()`, written with every
// record that carries a source (a parcel's attributes, a title version, an encumbrance recorded or
// released by a registrar, an application) and never removed. One document's citations are read a
// page at a time (`state_getKeysPaged` under the document's prefix), never the whole registry.
//
// A page comes in the index's storage order (by the hash of the citing record, not by parcel). Its
// cursor, `next`, is the SCALE encoding of the last citation on it, as 0x hex: short enough for a
// command line or a link, and turned back into the storage key the next page starts after.

import { hexToU8a, u8aToHex } from '@polkadot/util';
import { xxhashAsU8a } from '@polkadot/util-crypto';
import { LandchainError, UsageError } from './errors.mjs';
import { parseHash } from './documents.mjs';
import { palletPrefix, variantOf } from './auditor.mjs';
import { toPlain } from './plain.mjs';

/** How many citations a page holds unless asked otherwise. */
export const DEFAULT_PAGE_SIZE = 20;

/** The largest page (the node answers at most 1,000 keys a request; one more is read ahead). */
export const MAX_PAGE_SIZE = 500;

/**
 * The registry's storage version from which the index holds every stored record with a source.
 * A chain upgraded from an older registry builds the index over several blocks (the runtime's
 * multi-block migration `IndexCitations`, run by `pallet-migrations`) and reaches this version when
 * it ends.
 */
export const INDEX_COMPLETE_FROM_VERSION = 2;

/** What a search says while the index is incomplete (the CLI and the portal). */
export const INDEX_INCOMPLETE =
  'the document index is still being built by a runtime upgrade: records not yet indexed are missing from this list';

/** The index's storage entry, or an error when the chain's runtime has none. */
function indexOf(api) {
  const query = api.query.landRegistry?.citations;
  if (!query) throw new LandchainError('this chain has no document index (landRegistry.citations): its runtime is older than the tool');
  return query;
}

/** The metadata type of a citation: the index's second key. */
function citationType(api) {
  const { key } = indexOf(api).creator.meta.type.asMap;
  const tuple = api.registry.lookup.getSiType(key).def;
  if (!tuple.isTuple || tuple.asTuple.length !== 2) throw new LandchainError('landRegistry.citations is not keyed by (document hash, citation) on this chain');
  return api.registry.createLookupType(tuple.asTuple[1]);
}

/** Checks a page size: a whole number from 1 to `MAX_PAGE_SIZE`. */
export function parsePageSize(value) {
  const raw = String(value ?? '').trim();
  const size = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(size >= 1 && size <= MAX_PAGE_SIZE)) throw new UsageError(`a page size is a whole number from 1 to ${MAX_PAGE_SIZE}: "${value}"`);
  return size;
}

/**
 * A cursor (`next` of a page) as the chain's citation, or a usage error when it is not one: 0x hex
 * that decodes to a citation with nothing left over.
 */
export function parseCursor(api, cursor) {
  const raw = String(cursor ?? '').trim().toLowerCase();
  const refuse = () => new UsageError(`not a cursor of a list of citations: "${cursor}" (use the "next" a page printed)`);
  if (!/^0x([0-9a-f]{2})+$/.test(raw)) throw refuse();
  const type = citationType(api);
  let citation;
  try {
    citation = api.registry.createType(type, raw);
  } catch {
    throw refuse();
  }
  if (citation.toHex() !== raw) throw refuse();
  return citation;
}

/**
 * A citation as plain data: `{ kind, parcel, revision | version | encumbrance | application,
 * cursor }`, numbers as numbers, `cursor` its SCALE encoding (what `after` takes).
 */
export function plainCitation(codec) {
  const { type, fields } = variantOf(toPlain(codec));
  const citation = { kind: type };
  for (const [key, value] of Object.entries(fields)) citation[key] = Number(value);
  citation.cursor = codec.toHex();
  return citation;
}

/**
 * The record a citation names, for people: `Title version 2 of parcel 5`, `Release of encumbrance
 * 3 on parcel 5`, …
 */
export function describeCitation(citation) {
  const { kind, parcel } = citation;
  switch (kind) {
    case 'ParcelAttributes':
      return citation.revision === 0
        ? `Attributes of parcel ${parcel} as first recorded`
        : `Attributes of parcel ${parcel}, revision ${citation.revision}`;
    case 'Title':
      return `Title version ${citation.version} of parcel ${parcel}`;
    case 'EncumbranceRecorded':
      return `Recording of encumbrance ${citation.encumbrance} on parcel ${parcel}`;
    case 'EncumbranceReleased':
      return `Release of encumbrance ${citation.encumbrance} on parcel ${parcel}`;
    case 'Application':
      return `Application ${citation.application} on parcel ${parcel}`;
    default:
      return `${kind} on parcel ${parcel}`;
  }
}

/**
 * Where the cited record stands today, for people (from `state`, see `citationsOf`): `current`,
 * `superseded (now version 3)`, `open`, `released`, `pending: in public notice until block #40`, `ended`.
 */
export function describeState(citation) {
  const { state } = citation;
  if (!state) return '';
  switch (state) {
    case 'superseded':
      if (citation.kind === 'Title') return citation.now === null || citation.now === undefined ? 'superseded (the parcel has no current title)' : `superseded (now version ${citation.now})`;
      return `superseded (now revision ${citation.now})`;
    case 'pending':
      if (citation.status === 'Proposed') return `pending: to be confirmed by a second registrar by block #${citation.until}`;
      if (citation.status === 'InNotice') return `pending: in public notice until block #${citation.until}`;
      if (citation.status === 'Objected') return 'pending: objected, for the council to decide';
      return `pending: ${citation.status}`;
    case 'ended':
      return 'ended (enacted, withdrawn, dismissed, vetoed or expired)';
    case 'unknown parcel':
      return 'the parcel is not in the registry';
    default:
      return state;
  }
}

/**
 * Adds `state` to each citation, with what it takes from storage — a few `multi` reads for the
 * page, however long: `current`/`superseded` (with `now`, the current revision or version) for
 * attributes and titles, `open`/`released` for a recorded encumbrance, `released` for a release,
 * `pending` (with `status` and `until`, its next block of note) or `ended` for an application.
 */
async function withStates(api, citations) {
  const parcels = [...new Set(citations.map((c) => c.parcel))];
  const applications = [...new Set(citations.filter((c) => c.kind === 'Application').map((c) => c.application))];
  const needs = (kind) => citations.some((c) => c.kind === kind);
  const q = api.query.landRegistry;
  const [records, titles, encumbrances, pending] = await Promise.all([
    needs('ParcelAttributes') ? q.parcels.multi(parcels) : [],
    needs('Title') ? q.titles.multi(parcels) : [],
    needs('EncumbranceRecorded') ? q.encumbrances.multi(parcels) : [],
    applications.length ? q.applications.multi(applications) : [],
  ]);
  const byParcel = (list) => new Map(parcels.map((id, index) => [id, list[index]]));
  const parcelOf = byParcel(records);
  const titleOf = byParcel(titles);
  const openOn = byParcel(encumbrances);
  const applicationOf = new Map(applications.map((id, index) => [id, pending[index]]));
  return citations.map((citation) => {
    switch (citation.kind) {
      case 'ParcelAttributes': {
        const record = parcelOf.get(citation.parcel);
        if (!record || record.isNone) return { ...citation, state: 'unknown parcel' };
        const now = record.unwrap().revision.toNumber();
        return { ...citation, state: now === citation.revision ? 'current' : 'superseded', now };
      }
      case 'Title': {
        const title = titleOf.get(citation.parcel);
        const now = title && title.isSome ? title.unwrap().version.toNumber() : null;
        return { ...citation, state: now === citation.version ? 'current' : 'superseded', now };
      }
      case 'EncumbranceRecorded': {
        const open = (openOn.get(citation.parcel) ?? []).some((e) => e.id.toNumber() === citation.encumbrance);
        return { ...citation, state: open ? 'open' : 'released' };
      }
      case 'EncumbranceReleased':
        return { ...citation, state: 'released' };
      case 'Application': {
        const record = applicationOf.get(citation.application);
        if (!record || record.isNone) return { ...citation, state: 'ended' };
        const status = variantOf(toPlain(record.unwrap().status));
        const until = status.fields.noticeEnds ?? status.fields.confirmBy ?? null;
        return { ...citation, state: 'pending', status: status.type, until: until === null ? null : Number(until) };
      }
      default:
        return { ...citation, state: null };
    }
  });
}

/**
 * Whether the document index is whole on this chain: the registry's on-chain storage version
 * (`twox128("LandRegistry") ++ twox128(":__STORAGE_VERSION__:")`, a little-endian u16, absent
 * meaning 0) is at least `INDEX_COMPLETE_FROM_VERSION`. While an upgrade is still building the
 * index, a search finds only the records indexed so far.
 */
export async function indexComplete(api) {
  indexOf(api);
  const key = palletPrefix(api, 'landRegistry') + u8aToHex(xxhashAsU8a(':__STORAGE_VERSION__:', 128)).slice(2);
  const raw = await api.rpc.state.getStorage.raw(key);
  const bytes = raw ? hexToU8a(raw) : new Uint8Array();
  if (bytes.length !== 0 && bytes.length !== 2) throw new LandchainError(`the registry's storage version is not a u16 on this chain: ${raw}`);
  const version = bytes.length === 0 ? 0 : bytes[0] | (bytes[1] << 8);
  return version >= INDEX_COMPLETE_FROM_VERSION;
}

/**
 * One page of the records citing the document `hash` (0x hex, 32 bytes): `{ document, citations:
 * [{ kind, parcel, revision? version? encumbrance? application?, cursor, state, … }], next,
 * complete }`, `next` the cursor of the following page (give it as `after`), or null on the last
 * page; `complete` false while an upgrade is still building the index (see `indexComplete`).
 * `states: false` skips reading where each record stands (`state`, see `describeState`).
 */
export async function citationsOf(api, hash, { pageSize = DEFAULT_PAGE_SIZE, after = null, states = true } = {}) {
  const document = parseHash(hash, 'the document hash');
  const size = parsePageSize(pageSize);
  const query = indexOf(api);
  const startKey = after === null || after === undefined || after === '' ? undefined : query.key(document, parseCursor(api, after));
  // One more than asked for: whether there is a next page is known without reading an empty one.
  const [keys, complete] = await Promise.all([query.keysPaged({ args: [document], pageSize: size + 1, startKey }), indexComplete(api)]);
  const page = keys.slice(0, size).map((key) => plainCitation(key.args[1]));
  const next = keys.length > size ? page[page.length - 1].cursor : null;
  return { document, citations: states ? await withStates(api, page) : page, next, complete };
}
