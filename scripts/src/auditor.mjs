// Reading the registry as an auditor: a parcel with its title and encumbrances, a parcel's full
// title history, open offers, an export of every title version (JSON, and the title CSV of
// docs/TITLES-CSV.md), and a deep dump of a pallet's storage (raw and decoded) pinned to one block.

import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { stringCamelCase } from '@polkadot/util';
import { LandchainError } from './errors.mjs';
import { toPlain } from './plain.mjs';
import { kebabCase } from './vocabulary.mjs';

const MAX_PAGES = 10_000;
/**
 * How many items the tool asks the runtime API for at once. The runtime may return fewer (it
 * caps a page at its own maximum): paging goes on until a page comes back empty.
 */
const PAGE = 100;

/** A share as text, `1/2`. */
const shareText = (share) => `${share.numerator}/${share.denominator}`;

/** The variant name and fields of an enum's primitive form (`'Freehold'` or `{ leasehold: {…} }`). */
export function variantOf(value) {
  if (value === null || value === undefined) return { type: null, fields: {} };
  if (typeof value === 'string') return { type: value[0].toUpperCase() + value.slice(1), fields: {} };
  const [key] = Object.keys(value);
  const inner = value[key];
  const fields = inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? inner : inner === null ? {} : { value: inner };
  return { type: key[0].toUpperCase() + key.slice(1), fields };
}

/** A title version as plain data (accounts as SS58, amounts as strings). */
export function plainTitle(codec) {
  const title = toPlain(codec);
  const tenure = variantOf(title.tenure);
  const change = variantOf(title.change);
  return {
    parcel: Number(title.parcel),
    version: Number(title.version),
    owners: title.owners.map((owner) => ({ account: owner.account, share: shareText(owner.share) })),
    tenure: tenure.type,
    leaseholdExpiresAt: tenure.fields.expiresAt !== undefined ? String(tenure.fields.expiresAt) : null,
    change: change.type,
    dealing: change.fields.dealing !== undefined ? Number(change.fields.dealing) : null,
    price: change.fields.price !== undefined ? String(change.fields.price) : null,
    splitFrom: change.fields.parent !== undefined ? Number(change.fields.parent) : null,
    source: {
      kind: variantOf(title.source.kind).type,
      documentHash: title.source.documentHash,
      uri: title.source.uri ?? null,
    },
    recordedAt: Number(title.recordedAt),
    recordedBy: title.recordedBy ?? null,
  };
}

/** A parcel record as plain data. */
export function plainParcel(codec) {
  const parcel = toPlain(codec);
  const origin = variantOf(parcel.origin);
  const status = variantOf(parcel.status);
  return {
    id: Number(parcel.id),
    jurisdiction: codec.jurisdiction.toUtf8(),
    cadastralReference: codec.cadastralReference.toUtf8(),
    areaM2: String(parcel.attributes.areaM2),
    landUse: variantOf(parcel.attributes.landUse).type,
    geometryHash: parcel.attributes.geometryHash,
    source: { kind: variantOf(parcel.source.kind).type, documentHash: parcel.source.documentHash, uri: parcel.source.uri ?? null },
    revision: Number(parcel.revision),
    origin: origin.type,
    originParcels: origin.type === 'SplitFrom' ? [Number(origin.fields.value)] : origin.type === 'MergedFrom' ? origin.fields.value.map(Number) : [],
    status: status.type,
    successors: status.type === 'SplitInto' ? status.fields.children.map(Number) : status.type === 'MergedInto' ? [Number(status.fields.parcel)] : [],
    retiredAt: status.fields.at !== undefined ? Number(status.fields.at) : null,
    registeredAt: Number(parcel.registeredAt),
  };
}

/** An open encumbrance as plain data. */
export function plainEncumbrance(codec) {
  const record = toPlain(codec);
  const kind = variantOf(record.kind);
  const terms = { ...kind.fields };
  if (codec.kind.isCaveat) terms.courtReference = codec.kind.asCaveat.courtReference.toUtf8();
  for (const key of Object.keys(terms)) if (typeof terms[key] === 'number' || typeof terms[key] === 'bigint') terms[key] = String(terms[key]);
  return {
    id: Number(record.id),
    kind: kind.type,
    terms,
    source: { kind: variantOf(record.source.kind).type, documentHash: record.source.documentHash, uri: record.source.uri ?? null },
    recordedAt: Number(record.recordedAt),
    recordedBy: record.recordedBy,
    deposit: String(record.deposit),
  };
}

/** An open offer as plain data. */
export function plainOffer(id, codec) {
  const offer = toPlain(codec);
  const status = variantOf(offer.status);
  return {
    offer: Number(id),
    parcel: Number(offer.parcel),
    sellers: offer.sellers.map((owner) => ({ account: owner.account, share: shareText(owner.share) })),
    buyer: offer.buyer,
    grantees: offer.grantees.map((owner) => ({ account: owner.account, share: shareText(owner.share) })),
    price: String(offer.price),
    deadline: Number(offer.deadline),
    deed: { kind: variantOf(offer.deed.kind).type, documentHash: offer.deed.documentHash, uri: offer.deed.uri ?? null },
    consents: offer.consents,
    status: status.type,
    escrow: status.fields.escrow ?? null,
    offeredBy: offer.offeredBy,
    deposit: String(offer.deposit),
  };
}

/** A parcel with its current title, open encumbrances, lock and open offer, or null. */
export async function parcelView(api, id) {
  const parcelId = Number(id);
  const [parcel, title, encumbrances, lock, offerId] = await Promise.all([
    api.query.landRegistry.parcels(parcelId),
    api.query.landRegistry.titles(parcelId),
    api.query.landRegistry.encumbrances(parcelId),
    api.query.landRegistry.parcelLocks(parcelId),
    api.query.conveyance.offerByParcel(parcelId),
  ]);
  if (parcel.isNone) return null;
  let offer = null;
  if (offerId.isSome) {
    const record = await api.query.conveyance.offers(offerId.unwrap());
    if (record.isSome) offer = plainOffer(offerId.unwrap().toNumber(), record.unwrap());
  }
  return {
    parcel: plainParcel(parcel.unwrap()),
    title: title.isSome ? plainTitle(title.unwrap()) : null,
    encumbrances: encumbrances.map(plainEncumbrance),
    lockedBy: lock.isSome ? lock.unwrap().toNumber() : null,
    offer,
  };
}

/**
 * Every title version of a parcel, oldest first, the current one last — through the runtime API
 * `landRegistryApi.titleHistory` (paged), or from storage if the API is not there.
 */
export async function titleHistory(api, id) {
  const parcel = Number(id);
  const versions = [];
  if (api.call.landRegistryApi?.titleHistory) {
    let from = 1;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const batch = await api.call.landRegistryApi.titleHistory(parcel, from, PAGE);
      if (batch.length === 0) return versions;
      versions.push(...batch.map(plainTitle));
      from = versions[versions.length - 1].version + 1;
    }
    throw new LandchainError(`parcel ${parcel} has more title versions than the tool reads`);
  }
  const history = await api.query.landRegistry.titleHistory.entries(parcel);
  for (const [, title] of history) if (title.isSome) versions.push(plainTitle(title.unwrap()));
  const current = await api.query.landRegistry.titles(parcel);
  if (current.isSome) versions.push(plainTitle(current.unwrap()));
  return versions.sort((a, b) => a.version - b.version);
}

/** The open offers, by id. */
export async function openOffers(api) {
  const entries = await api.query.conveyance.offers.entries();
  return entries
    .filter(([, value]) => value.isSome)
    .map(([key, value]) => plainOffer(key.args[0].toNumber(), value.unwrap()))
    .sort((a, b) => a.offer - b.offer);
}

/**
 * The active parcels an account holds a share of, in id order (runtime API `parcelsOf`, paged in
 * the owner index's storage order, each page after the last id of the one before).
 */
export async function parcelsOf(api, account) {
  const parcels = [];
  let after = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const batch = (await api.call.landRegistryApi.parcelsOf(account, after, PAGE)).map((id) => id.toNumber());
    if (batch.length === 0) return parcels.sort((a, b) => a - b);
    parcels.push(...batch);
    after = batch[batch.length - 1];
  }
  throw new LandchainError('too many parcels to list');
}

/** The block an export or dump reads: the given hash, or the best (or finalized) head. */
async function pinBlock(api, { at, finalized = false } = {}) {
  const hash = at ?? (finalized ? (await api.rpc.chain.getFinalizedHead()).toHex() : (await api.rpc.chain.getHeader()).hash.toHex());
  const header = await api.rpc.chain.getHeader(hash);
  return { hash, number: header.number.toNumber() };
}

/**
 * The whole registry at one block: every parcel (active and retired) with every title version.
 * Returns `{ chain, specVersion, block, parcels: [{ …parcel, titles: [...] }], titleVersions }`,
 * where `titleVersions` has one row per title version; `titlesCsv(export)` writes them as the
 * title CSV (docs/TITLES-CSV.md).
 */
export async function exportRegistry(api, options = {}) {
  const block = await pinBlock(api, options);
  const at = await api.at(block.hash);
  const [chain, version, parcels, current, history] = await Promise.all([
    api.rpc.system.chain(),
    api.rpc.state.getRuntimeVersion(block.hash),
    at.query.landRegistry.parcels.entries(),
    at.query.landRegistry.titles.entries(),
    at.query.landRegistry.titleHistory.entries(),
  ]);
  const titlesByParcel = new Map();
  /** The URIs as text (the CSV's), by `parcel/version`: plain data shows non-UTF-8 bytes as hex. */
  const uriText = new Map();
  const add = (codec, isCurrent) => {
    const title = { ...plainTitle(codec), current: isCurrent };
    const list = titlesByParcel.get(title.parcel) ?? [];
    list.push(title);
    titlesByParcel.set(title.parcel, list);
    uriText.set(`${title.parcel}/${title.version}`, codec.source.uri.isSome ? codec.source.uri.unwrap().toUtf8() : '');
  };
  for (const [, title] of history) if (title.isSome) add(title.unwrap(), false);
  for (const [, title] of current) if (title.isSome) add(title.unwrap(), true);

  const records = parcels
    .filter(([, value]) => value.isSome)
    .map(([, value]) => plainParcel(value.unwrap()))
    .sort((a, b) => a.id - b.id)
    .map((parcel) => ({ ...parcel, titles: (titlesByParcel.get(parcel.id) ?? []).sort((a, b) => a.version - b.version) }));

  const titleVersions = records.flatMap((parcel) =>
    parcel.titles.map((title) => ({
      parcel: parcel.id,
      jurisdiction: parcel.jurisdiction,
      cadastralReference: parcel.cadastralReference,
      parcelStatus: parcel.status,
      version: title.version,
      current: title.current,
      owners: title.owners.map((owner) => `${owner.account}:${owner.share}`).join(';'),
      tenure: title.tenure,
      leaseholdExpiresAt: title.leaseholdExpiresAt ?? '',
      change: title.change,
      dealing: title.dealing ?? '',
      price: title.price ?? '',
      splitFrom: title.splitFrom ?? '',
      sourceKind: title.source.kind,
      documentHash: title.source.documentHash,
      uri: title.source.uri ?? '',
      recordedAt: title.recordedAt,
      recordedBy: title.recordedBy ?? '',
    })),
  );
  const exported = {
    chain: chain.toString(),
    specVersion: version.specVersion.toNumber(),
    block,
    parcels: records,
    titleVersions,
  };
  // The CSV's rows ride along, out of the JSON (not enumerable).
  const csvRows = records.flatMap((parcel) => parcel.titles.map((title) => titleCsvRow(parcel, title, uriText.get(`${parcel.id}/${title.version}`))));
  Object.defineProperty(exported, 'csvRows', { value: csvRows, enumerable: false });
  return exported;
}

/** The columns of the title CSV (docs/TITLES-CSV.md), in order. */
export const CSV_COLUMNS = [
  'parcel', 'jurisdiction', 'cadastral_reference', 'parcel_status', 'version', 'current', 'owners', 'tenure',
  'leasehold_expires_at', 'change', 'dealing', 'price', 'split_from', 'source_kind', 'document_hash', 'uri',
  'recorded_at', 'recorded_by',
  // Only the replay of the events knows these (`landchain-node audit`): empty in an export from state.
  'extrinsic', 'signers', 'buyer', 'payouts', 'encumbrances_recorded', 'encumbrances_released',
];

/** The columns only the replay of the events fills. */
export const EVENTS_ONLY_COLUMNS = CSV_COLUMNS.slice(CSV_COLUMNS.indexOf('extrinsic'));

/** A parcel's status as the CSV writes it: `active`, `split` or `merged`. */
const PARCEL_STATUS = { Active: 'active', SplitInto: 'split', MergedInto: 'merged' };

const text = (value) => (value === null || value === undefined ? '' : String(value));

/**
 * One row of the title CSV from a parcel and one of its titles (plain data, see `exportRegistry`),
 * every value formatted as docs/TITLES-CSV.md says; `uri` is the URI as text.
 */
export function titleCsvRow(parcel, title, uri = title.source.uri) {
  const row = {
    parcel: text(parcel.id),
    jurisdiction: text(parcel.jurisdiction),
    cadastral_reference: text(parcel.cadastralReference),
    parcel_status: PARCEL_STATUS[parcel.status] ?? kebabCase(parcel.status),
    version: text(title.version),
    // The current title of an active parcel; a retired parcel's last title is history.
    current: String(Boolean(title.current) && parcel.status === 'Active'),
    owners: title.owners.map((owner) => `${owner.account}:${owner.share}`).join(';'),
    tenure: kebabCase(title.tenure),
    leasehold_expires_at: text(title.leaseholdExpiresAt),
    change: kebabCase(title.change),
    dealing: text(title.dealing),
    price: text(title.price),
    split_from: text(title.splitFrom),
    source_kind: text(title.source.kind),
    document_hash: text(title.source.documentHash).toLowerCase(),
    uri: text(uri),
    recorded_at: text(title.recordedAt),
    recorded_by: text(title.recordedBy),
  };
  for (const column of EVENTS_ONLY_COLUMNS) row[column] = '';
  return row;
}

/**
 * RFC 4180 CSV (csv-stringify): a header row, then one row per item, every value as text; fields
 * quoted when they hold a comma, a quote or a line break (CR or LF); CRLF line ends.
 */
export function toCsv(rows, columns = CSV_COLUMNS) {
  return stringify(
    rows.map((row) => columns.map((column) => text(row[column]))),
    { header: true, columns, record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  );
}

/** The title CSV (docs/TITLES-CSV.md) of an export from `exportRegistry`. */
export function titlesCsv(exported) {
  const rows = exported.csvRows ?? exported.parcels.flatMap((parcel) => parcel.titles.map((title) => titleCsvRow(parcel, title)));
  return toCsv(rows, CSV_COLUMNS);
}

/** Parses RFC 4180 CSV with a header row (csv-parse) into objects keyed by the header. */
export function parseCsv(textValue) {
  return parse(textValue, { columns: true, skip_empty_lines: true });
}

/** The 16-byte storage prefix of a pallet (twox128 of its name), from any of its storage items. */
export function palletPrefix(api, section) {
  const items = api.query[section];
  if (!items) throw new LandchainError(`no pallet "${section}" in the metadata`);
  const [first] = Object.values(items);
  return first.keyPrefix().slice(0, 34);
}

/**
 * A deep dump of a pallet's storage at one block: `raw` is every key under the pallet's prefix
 * with its value, byte for byte (sorted by key); `decoded` is every storage item decoded from
 * the metadata (maps as sorted `[key, value]` pairs). Two dumps compare equal exactly when the
 * pallet's state is the same.
 */
export async function dumpPallet(api, section, options = {}) {
  const block = await pinBlock(api, options);
  const prefix = palletPrefix(api, section);
  const keys = [];
  let start = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const batch = (await api.rpc.state.getKeysPaged(prefix, 1000, start ?? prefix, block.hash)).map((key) => key.toHex());
    if (batch.length === 0) break;
    keys.push(...batch);
    start = batch[batch.length - 1];
  }
  keys.sort();
  const raw = {};
  for (let i = 0; i < keys.length; i += 50) {
    const chunk = keys.slice(i, i + 50);
    const values = await Promise.all(chunk.map((key) => api.rpc.state.getStorage.raw(key, block.hash)));
    chunk.forEach((key, index) => {
      raw[key] = values[index] ?? null;
    });
  }

  const at = await api.at(block.hash);
  const decoded = {};
  for (const [item, entry] of Object.entries(at.query[section])) {
    const meta = entry.creator.meta;
    if (meta.type.isPlain) {
      decoded[item] = toPlain(await entry());
    } else {
      const entries = await entry.entries();
      decoded[item] = entries
        .map(([key, value]) => [key.args.map(toPlain), toPlain(value)])
        .sort((a, b) => (JSON.stringify(a[0]) < JSON.stringify(b[0]) ? -1 : 1));
    }
  }
  return { section, block, prefix, raw, decoded };
}

/** The sections (camelCase pallet names) of the metadata, e.g. to dump them all. */
export function sections(api) {
  return api.registry.metadata.pallets.map((pallet) => stringCamelCase(pallet.name));
}
