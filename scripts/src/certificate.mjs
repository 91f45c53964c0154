// Certificates of title, issued from a node and verified, in JavaScript: the same JSON file as
// `landchain-node certificate issue` writes (docs/CERTIFICATES.md; audit/src/certificate.rs), and
// every check `landchain-node certificate verify` makes, so that a browser (the portal) issues one
// the Rust tool accepts and verifies one without trusting the node it talks to for anything but
// its genesis.
//
// A certificate holds a parcel's records at one finalized block — the parcel, its current title,
// its open encumbrances, its pending applications, its last title versions, the block's time and
// GRANDPA set — with the storage read proof of every value, the block's header, a GRANDPA
// justification finalizing that block or a later one and the headers between, any authority set
// changes since genesis, and the chain's genesis hash. `verifyCertificate` needs the certificate
// and a trust anchor — a genesis hash and the genesis GRANDPA authority set — and, to decode the
// records, the chain's metadata types. The trie (trie.mjs) and GRANDPA (finality.mjs) checks are
// chain-independent; the storage keys are Landchain's (landchain-primitives' `storage` module).

import { blake2AsU8a, xxhashAsU8a } from '@polkadot/util-crypto';
import { plainEncumbrance, plainParcel, plainTitle } from './auditor.mjs';
import { LandchainError } from './errors.mjs';
import { AuthoritySet, decodeHeader, decodeJustification, encodeHeaderJson } from './finality.mjs';
import { Reader, bytesEqual, concat, fromHex, toHex, u32Bytes, u64Bytes } from './scale.mjs';
import { readProof } from './trie.mjs';

/** What the certificate's `format` says: this layout, version 1. */
export const FORMAT = 'landchain-certificate/1';

/** How many of the latest title versions a certificate carries (the current one included). */
export const HISTORY_VERSIONS = 5;

/** How long issuing waits for GRANDPA to announce a justification (a round takes a few seconds). */
export const JUSTIFICATION_TIMEOUT_MS = 90_000;

/** A certificate that does not verify, or cannot be issued; the message says what fails. */
export class CertificateError extends LandchainError {
  constructor(message, options) {
    super(message, options);
    this.name = 'CertificateError';
  }
}

// ── Storage keys (landchain-primitives `storage`) ────────────────────────────────────────────

const encoder = new TextEncoder();

/** `twox128(pallet) ++ twox128(item)`: a storage item's key prefix. */
export const storagePrefix = (pallet, item) => concat(xxhashAsU8a(encoder.encode(pallet), 128), xxhashAsU8a(encoder.encode(item), 128));

/** `twox64(encoded) ++ encoded`: the `Twox64Concat` hasher of a map key. */
const twox64Concat = (encoded) => concat(xxhashAsU8a(encoded, 64), encoded);

const landRegistryKey = (item, parcel) => concat(storagePrefix('LandRegistry', item), twox64Concat(u64Bytes(parcel)));

/** The storage keys a certificate proves, each as landchain-primitives computes it. */
export const storageKeys = {
  parcel: (parcel) => landRegistryKey('Parcels', parcel),
  title: (parcel) => landRegistryKey('Titles', parcel),
  titleHistory: (parcel, version) => concat(landRegistryKey('TitleHistory', parcel), twox64Concat(u32Bytes(version))),
  encumbrances: (parcel) => landRegistryKey('Encumbrances', parcel),
  parcelApplications: (parcel) => landRegistryKey('ParcelApplications', parcel),
  timestampNow: () => storagePrefix('Timestamp', 'Now'),
  grandpaAuthorities: () => storagePrefix('Grandpa', 'Authorities'),
  grandpaCurrentSetId: () => storagePrefix('Grandpa', 'CurrentSetId'),
  grandpaPendingChange: () => storagePrefix('Grandpa', 'PendingChange'),
};

const grandpaKeys = () => ({
  authorities: storageKeys.grandpaAuthorities(),
  currentSetId: storageKeys.grandpaCurrentSetId(),
  pendingChange: storageKeys.grandpaPendingChange(),
});

/**
 * The entries' names and storage keys for `parcel`: the fixed ones, then the title versions before
 * `current` (at most `HISTORY_VERSIONS` in all), latest first — certificate.rs's `keys`.
 * @returns {Array<[string, Uint8Array]>}
 */
export function certificateKeys(parcel, current = null) {
  const keys = [
    ['parcel', storageKeys.parcel(parcel)],
    ['title', storageKeys.title(parcel)],
    ['encumbrances', storageKeys.encumbrances(parcel)],
    ['applications', storageKeys.parcelApplications(parcel)],
    ['time', storageKeys.timestampNow()],
    ['grandpaSet', storageKeys.grandpaCurrentSetId()],
  ];
  if (current !== null && current !== undefined) {
    const oldest = Math.max(current - (HISTORY_VERSIONS - 1), 1);
    for (let version = current - 1; version >= oldest; version -= 1) keys.push([`titleVersion:${version}`, storageKeys.titleHistory(parcel, version)]);
  }
  return keys;
}

// ── The file ─────────────────────────────────────────────────────────────────────────────────

const EMBEDDED_OPEN = '<script type="application/json" id="landchain-certificate">';

/**
 * @typedef {{ what: string, key: string, value: string | null }} Entry
 * @typedef {{ header: string, justification: string }} CertifiedSetChange
 * @typedef {{ setId: number, justification: string, headers: string[], setChanges?: CertifiedSetChange[] }} Finality
 * @typedef {{ format: string, genesisHash: string, specName: string, specVersion: number, parcel: number,
 *   header: string, finality: Finality, proof: string[], entries: Entry[] }} Certificate
 */

function shape(value, fields, where) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CertificateError(`${where} is not an object`);
  for (const key of Object.keys(value)) {
    if (!(key in fields)) throw new CertificateError(`unknown field \`${key}\` in ${where}`);
  }
  for (const [key, check] of Object.entries(fields)) {
    if (!(key in value)) {
      if (check.optional) continue;
      throw new CertificateError(`missing field \`${key}\` in ${where}`);
    }
    check(value[key], `${where}.${key}`);
  }
}
const optional = (check) => Object.assign((value, where) => check(value, where), { optional: true });
const hexField = (length) => (value, where) => {
  const bytes = fromHexOr(value, where);
  if (length !== undefined && bytes.length !== length) throw new CertificateError(`${where} is not ${length} bytes`);
};
const fromHexOr = (value, where) => {
  try {
    return fromHex(value, where);
  } catch (error) {
    throw new CertificateError(error.message);
  }
};
const integer = (max) => (value, where) => {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) throw new CertificateError(`${where} is not an integer from 0 to ${max}`);
};
const text = (value, where) => {
  if (typeof value !== 'string') throw new CertificateError(`${where} is not text`);
};
const list = (check) => (value, where) => {
  if (!Array.isArray(value)) throw new CertificateError(`${where} is not a list`);
  value.forEach((item, i) => check(item, `${where}[${i}]`));
};
const object = (fields) => (value, where) => shape(value, fields, where);

const CERTIFICATE_FIELDS = {
  format: text,
  genesisHash: hexField(32),
  specName: text,
  specVersion: integer(2 ** 32 - 1),
  parcel: integer(Number.MAX_SAFE_INTEGER),
  header: hexField(),
  finality: object({
    setId: integer(Number.MAX_SAFE_INTEGER),
    justification: hexField(),
    headers: list(hexField()),
    setChanges: optional(list(object({ header: hexField(), justification: hexField() }))),
  }),
  proof: list(hexField()),
  entries: list(
    object({
      what: text,
      key: hexField(),
      value: (value, where) => value === null || hexField()(value, where),
    }),
  ),
};

/**
 * Reads a certificate file's text: the JSON `issue` writes, or the page `verify --html` writes
 * (the JSON it carries). Checks its layout as the Rust tool's parser does (no unknown or missing
 * field, hex where bytes are); throws `CertificateError` saying what is wrong.
 * @returns {Certificate}
 */
export function parseCertificate(textOrPage) {
  const json = certificateText(textOrPage);
  let value;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new CertificateError(`this is not a certificate of title: not JSON (${error.message})`);
  }
  try {
    shape(value, CERTIFICATE_FIELDS, 'the certificate');
  } catch (error) {
    throw new CertificateError(`this is not a certificate of title: ${error.message}`);
  }
  return value;
}

/**
 * The certificate's JSON text in a file's text: the page `verify --html` writes carries it in a
 * `<script type="application/json" id="landchain-certificate">` element (certificate_page.rs's
 * `embedded_certificate`); a JSON file is itself.
 */
export function certificateText(textOrPage) {
  const open = textOrPage.indexOf(EMBEDDED_OPEN);
  if (open < 0) return textOrPage;
  const start = open + EMBEDDED_OPEN.length;
  const end = textOrPage.indexOf('</script>', start);
  return end < 0 ? textOrPage : textOrPage.slice(start, end).replaceAll('<\\/', '</');
}

/**
 * What the QR code of the printed page says (certificate_page.rs's `qr_payload`): the format, the
 * parcel and the blake2-256 of the certificate's JSON text — to compare a paper copy with a file.
 */
export function qrPayload(parcel, json) {
  return `${FORMAT} parcel=${parcel} blake2-256=${toHex(blake2AsU8a(encoder.encode(json), 256))}`;
}

/** The certificate as the Rust tool writes it (`serde_json::to_string_pretty`: two-space indent, fields in order). */
export function certificateJson(certificate) {
  const { format, genesisHash, specName, specVersion, parcel, header, finality, proof, entries } = certificate;
  const ordered = {
    format,
    genesisHash,
    specName,
    specVersion,
    parcel,
    header,
    finality: {
      setId: finality.setId,
      justification: finality.justification,
      headers: finality.headers,
      ...(finality.setChanges?.length ? { setChanges: finality.setChanges.map(({ header: h, justification }) => ({ header: h, justification })) } : {}),
    },
    proof,
    entries: entries.map(({ what, key, value }) => ({ what, key, value })),
  };
  return JSON.stringify(ordered, null, 2);
}

// ── Decoding the records with the chain's metadata ──────────────────────────────────────────

/**
 * The record types of the chain `api` is connected to, from its metadata: `decode(what, bytes)`
 * gives the codec of a certificate entry (`parcel`, `title`, `titleVersion:N`, `encumbrances`,
 * `applications`), refusing bytes that are not exactly one value of the type.
 */
export function metadataTypes(api) {
  const valueType = (item) => {
    const entry = api.query.landRegistry?.[item];
    if (!entry) throw new CertificateError(`this chain's metadata has no landRegistry.${item}`);
    const { type } = entry.creator.meta;
    return api.registry.createLookupType(type.isPlain ? type.asPlain : type.asMap.value);
  };
  const names = {
    parcel: valueType('parcels'),
    title: valueType('titles'),
    titleVersion: valueType('titleHistory'),
    encumbrances: valueType('encumbrances'),
    applications: valueType('parcelApplications'),
  };
  return {
    decode(what, bytes) {
      const name = names[what.startsWith('titleVersion:') ? 'titleVersion' : what];
      return api.registry.createTypeUnsafe(name, [bytes], { isPedantic: true });
    },
  };
}

function decodeEntry(types, what, bytes, label = what) {
  if (bytes === null) return null;
  try {
    return types.decode(what, bytes);
  } catch (error) {
    throw new CertificateError(`the ${label} does not decode: ${error.message}`);
  }
}

/** A number from a codec integer (or a plain number). */
const num = (value) => (typeof value?.toNumber === 'function' ? value.toNumber() : Number(value));

const u64Of = (bytes, what) => {
  const reader = new Reader(bytes);
  const value = reader.u64();
  if (!reader.done) throw new CertificateError(`the ${what} does not decode: not a u64`);
  return value;
};

// ── Verifying ────────────────────────────────────────────────────────────────────────────────

/**
 * @typedef {{ genesisHash: string, set: AuthoritySet, readAt: number, note?: string }} Anchor
 *   what a certificate is checked against: a chain's genesis hash and its genesis GRANDPA set
 *   (`readAt`: the block whose state gave the set; `note` says why it is not the genesis block)
 */

/**
 * Verifies `certificate` against `anchor` (a genesis hash and GRANDPA set 0), offline, as
 * certificate.rs's `verify`: another chain, the header chain, the justification (signatures,
 * threshold, target), the authority set changes, the storage proof, a tampered value, keys that are
 * not the parcel's. `types.decode(what, bytes)` decodes the records (`metadataTypes(api)`).
 * Returns the block, its finality and the decoded records; throws `CertificateError` saying what
 * fails.
 */
export function verifyCertificate(certificate, anchor, types) {
  const cert = parseCertificate(typeof certificate === 'string' ? certificate : JSON.stringify(certificate));
  if (cert.format !== FORMAT) throw new CertificateError(`unknown certificate format ${JSON.stringify(cert.format)}`);
  if (cert.genesisHash.toLowerCase() !== anchor.genesisHash.toLowerCase()) {
    throw new CertificateError(`the certificate is about another chain: its genesis is ${cert.genesisHash}, this chain's is ${anchor.genesisHash}`);
  }

  // Finality: from the genesis set, through the set changes, to the justification of the
  // certificate's block or of a later one linked to it by headers.
  const header = decodeOr(() => decodeHeader(fromHex(cert.header), 'the block header'));
  const proof = {
    setChanges: (cert.finality.setChanges ?? []).map((change) => ({
      header: decodeOr(() => decodeHeader(fromHex(change.header), 'a set change\'s header')),
      justification: fromHex(change.justification),
    })),
    justification: fromHex(cert.finality.justification),
    headers: cert.finality.headers.map((bytes) => decodeOr(() => decodeHeader(fromHex(bytes), 'a header after the block'))),
  };
  let justified;
  try {
    justified = anchor.set.verifyProof(proof, header.number, header.hash);
  } catch (error) {
    throw new CertificateError(`block #${header.number} is not proven final: ${error.message}`);
  }
  if (justified.setId !== cert.finality.setId) {
    throw new CertificateError(`the certificate says authority set ${cert.finality.setId} signed, but its proof is signed by set ${justified.setId}`);
  }

  // Every value against the block's state root.
  let proven;
  try {
    proven = readProof(header.stateRoot, cert.proof.map((node) => fromHex(node)), cert.entries.map((entry) => fromHex(entry.key)));
  } catch (error) {
    throw new CertificateError(`the storage proof does not verify against block #${header.number}'s state root: ${error.message}`);
  }
  for (const entry of cert.entries) {
    const value = proven.get(entry.key.toLowerCase()) ?? null;
    const shown = entry.value === null ? null : fromHex(entry.value);
    if (value === null ? shown !== null : shown === null || !bytesEqual(value, shown)) {
      throw new CertificateError(`the ${entry.what} shown is not what block #${header.number}'s state holds (a tampered value)`);
    }
  }

  // The entries the certificate must have, for its parcel.
  const entry = (what) => {
    const found = cert.entries.find((e) => e.what === what);
    if (!found) throw new CertificateError(`the certificate lacks the ${what}`);
    return found;
  };
  const { parcel } = cert;
  const fixed = Object.fromEntries(certificateKeys(parcel));
  for (const what of ['parcel', 'title', 'encumbrances', 'applications']) {
    if (entry(what).key.toLowerCase() !== toHex(fixed[what])) {
      throw new CertificateError(`the ${what} shown is not parcel ${parcel}'s (its storage key is another's)`);
    }
  }
  // The block's time and GRANDPA set must be read from their own keys (Timestamp.Now,
  // Grandpa.CurrentSetId), as the Rust tool checks too.
  for (const what of ['time', 'grandpaSet']) {
    if (entry(what).key.toLowerCase() !== toHex(fixed[what])) {
      throw new CertificateError(`the ${what} shown is not the block's (its storage key is another's)`);
    }
  }
  const valueOf = (what) => (entry(what).value === null ? null : fromHex(entry(what).value));
  const title = decodeEntry(types, 'title', valueOf('title'));
  const history = [];
  if (title) {
    const version = num(title.version);
    const fixedCount = certificateKeys(parcel).length;
    for (const [what, key] of certificateKeys(parcel, version).slice(fixedCount)) {
      const found = entry(what);
      if (found.key.toLowerCase() !== toHex(key)) throw new CertificateError(`the ${what} shown is not parcel ${parcel}'s`);
      const decoded = decodeEntry(types, what, valueOf(what));
      if (decoded) history.push(decoded);
    }
  }
  const time = valueOf('time');
  const grandpaSet = valueOf('grandpaSet');
  return {
    parcelId: parcel,
    block: header.number,
    blockHash: toHex(header.hash),
    genesisHash: cert.genesisHash,
    specName: cert.specName,
    specVersion: cert.specVersion,
    timeMs: time ? Number(u64Of(time, 'block time')) : 0,
    blockSetId: grandpaSet ? Number(u64Of(grandpaSet, 'GRANDPA set')) : 0,
    finalized: justified.number,
    finalizedHash: toHex(justified.hash),
    signedBy: justified.signedBy,
    setId: justified.setId,
    setChanges: proof.setChanges.length,
    parcel: decodeEntry(types, 'parcel', valueOf('parcel')),
    title,
    encumbrances: decodeEntry(types, 'encumbrances', valueOf('encumbrances')) ?? [],
    applications: (decodeEntry(types, 'applications', valueOf('applications')) ?? []).map(num),
    history,
  };
}

function decodeOr(fn) {
  try {
    return fn();
  } catch (error) {
    throw new CertificateError(error.message);
  }
}

/** A verified certificate's records as plain data (accounts as SS58, shares as `1/2`; auditor.mjs's readers). */
export function plainVerified(verified) {
  return {
    ...verified,
    parcel: verified.parcel ? plainParcel(verified.parcel) : null,
    title: verified.title ? plainTitle(verified.title) : null,
    encumbrances: [...verified.encumbrances].map(plainEncumbrance),
    history: verified.history.map(plainTitle),
  };
}

// ── The trust anchor from a node ─────────────────────────────────────────────────────────────

/**
 * The trust anchor of the chain `api` is connected to: its genesis hash and its genesis GRANDPA
 * authority set, read from the genesis block's state. A pruning node no longer has that state
 * after a few hundred blocks: then the set is read at the finalized block, which is the genesis
 * set only if no set change ever happened there (`Grandpa.CurrentSetId` 0, none pending) — else
 * this fails, saying an archive node is needed.
 * @returns {Promise<Anchor>}
 */
export async function chainAnchor(api) {
  const genesisHash = String(await api.rpc.chain.getBlockHash.raw(0));
  const keys = grandpaKeys();
  const readAll = async (at) => {
    const values = await Promise.all(Object.values(keys).map((key) => api.rpc.state.getStorage.raw(toHex(key), at)));
    const byKey = new Map(Object.values(keys).map((key, i) => [toHex(key), values[i] ? fromHex(values[i]) : null]));
    return (key) => byKey.get(toHex(key)) ?? null;
  };
  let read;
  try {
    read = await readAll(genesisHash);
  } catch (error) {
    const finalizedHash = String(await api.rpc.chain.getFinalizedHead.raw());
    const finalized = await api.rpc.chain.getHeader.raw(finalizedHash);
    const number = Number.parseInt(finalized.number, 16);
    const atHead = await readAll(finalizedHash);
    const setId = atHead(keys.currentSetId) ? Number(u64Of(atHead(keys.currentSetId), 'GRANDPA set')) : 0;
    if (setId !== 0 || atHead(keys.pendingChange)) {
      throw new CertificateError(
        `the node no longer has the genesis state (${error.message}) and the chain's GRANDPA authority set has changed since (set ${setId}): its genesis authorities cannot be read from this node; connect to an archive node`,
      );
    }
    return {
      genesisHash,
      set: AuthoritySet.fromState(atHead, keys),
      readAt: number,
      note: `the node no longer keeps the genesis state, so the genesis set was read at finalized block #${number}, where no GRANDPA authority set change has ever happened (set 0)`,
    };
  }
  return { genesisHash, set: AuthoritySet.fromState(read, keys), readAt: 0 };
}

// ── Issuing from a node ──────────────────────────────────────────────────────────────────────

async function headerAt(api, hash) {
  const json = await api.rpc.chain.getHeader.raw(hash);
  if (!json) throw new CertificateError(`the node has no header ${hash}`);
  const header = decodeHeader(encodeHeaderJson(json), `the node's header ${hash}`);
  if (toHex(header.hash) !== String(hash).toLowerCase()) throw new CertificateError(`the node's header ${hash} does not hash to it`);
  return header;
}

/** The next justification the node announces (`grandpa_subscribeJustifications`), as bytes. */
function nextJustification(api, timeoutMs) {
  return new Promise((resolve, reject) => {
    let unsubscribe = null;
    let settled = false;
    const finish = (fn) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (unsubscribe) Promise.resolve(unsubscribe()).catch(() => {});
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new CertificateError(`the node announced no GRANDPA justification within ${Math.round(timeoutMs / 1000)} s (is finality stalled?)`))),
      timeoutMs,
    );
    api.rpc.grandpa.subscribeJustifications
      .raw((encoded) => finish(() => resolve(fromHex(String(encoded), 'the node\'s justification'))))
      .then(
        (unsub) => {
          unsubscribe = unsub;
          if (settled) Promise.resolve(unsub()).catch(() => {});
        },
        (error) => finish(() => reject(new CertificateError(`the node does not announce GRANDPA justifications: ${error.message}`, { cause: error }))),
      );
  });
}

/**
 * Asks the node for a proof that block `number`/`hash` is final, for a verifier starting at
 * authority set `fromSetId`, which finalizes blocks from `fromBlock` on (set 0 from block 1 for a
 * verifier starting at genesis) — finality.rs's `prove_from_node`: the next justification the node
 * announces, the headers up to its target, and the stored justification of each earlier set's
 * last block (`grandpa_proveFinality`).
 */
export async function proveFromNode(api, number, hash, { fromSetId = 0, fromBlock = 1, timeoutMs = JUSTIFICATION_TIMEOUT_MS } = {}) {
  const justification = await nextJustification(api, timeoutMs);
  let target;
  try {
    target = decodeJustification(justification);
  } catch (error) {
    throw new CertificateError(`the node's justification does not decode: ${error.message}`);
  }
  if (target.targetNumber < number) throw new CertificateError(`the node's justification finalizes #${target.targetNumber}, before block #${number}`);
  const headers = [];
  for (let next = number + 1; next <= target.targetNumber; next += 1) {
    headers.push(await headerAt(api, String(await api.rpc.chain.getBlockHash.raw(next))));
  }
  const lastHash = headers.length ? headers[headers.length - 1].hash : hash;
  if (!bytesEqual(lastHash, target.targetHash)) {
    throw new CertificateError(`the node's justification finalizes #${target.targetNumber} ${toHex(target.targetHash)}, not its own block #${target.targetNumber}`);
  }
  // The set that signed it is the set in force after the target's parent.
  const targetHeader = headers.length ? headers[headers.length - 1] : await headerAt(api, toHex(hash));
  const keys = grandpaKeys();
  const values = new Map();
  for (const key of Object.values(keys)) {
    const value = await api.rpc.state.getStorage.raw(toHex(key), toHex(targetHeader.parentHash));
    values.set(toHex(key), value ? fromHex(value) : null);
  }
  let signing;
  try {
    signing = AuthoritySet.fromState((key) => values.get(toHex(key)) ?? null, keys);
  } catch (error) {
    throw new CertificateError(error.message);
  }
  const setChanges = [];
  let next = fromBlock;
  for (let set = fromSetId; set < signing.setId; set += 1) {
    const encoded = await api.rpc.grandpa.proveFinality.raw(next);
    if (!encoded) throw new CertificateError(`the node has no justification of the last block of set ${set}`);
    // sc_consensus_grandpa::FinalityProof { block, justification, unknown_headers }.
    const reader = new Reader(fromHex(String(encoded)));
    const block = reader.take(32);
    const changeJustification = reader.bytes();
    const header = await headerAt(api, toHex(block));
    next = header.number + 1;
    setChanges.push({ header, justification: changeJustification });
  }
  return { setChanges, justification, headers };
}

/**
 * Issues a certificate for `parcel` at block `at` (a hash; default: the finalized head) from the
 * node `api` is connected to — certificate.rs's `issue`: the records and their read proof, then a
 * GRANDPA justification finalizing the block or a later one (waits for the node to announce one,
 * at most `timeoutMs`). `onProgress(text)` hears what it is doing. Returns the certificate (write
 * it with `certificateJson`).
 * @returns {Promise<Certificate>}
 */
export async function issueCertificate(api, parcel, { at, timeoutMs = JUSTIFICATION_TIMEOUT_MS, types = metadataTypes(api), onProgress = () => {} } = {}) {
  const id = Number(parcel);
  if (!Number.isSafeInteger(id) || id < 0) throw new CertificateError(`${parcel} is not a parcel number`);
  const hash = at ?? String(await api.rpc.chain.getFinalizedHead.raw());
  onProgress(`reading parcel ${id} at block ${hash}`);
  const header = await headerAt(api, hash);
  const [genesisHash, version, titleHex] = await Promise.all([
    api.rpc.chain.getBlockHash.raw(0),
    api.rpc.state.getRuntimeVersion.raw(hash),
    api.rpc.state.getStorage.raw(toHex(storageKeys.title(id)), hash),
  ]);
  // The current title's version decides which history entries to carry.
  const title = titleHex ? decodeEntry(types, 'title', fromHex(titleHex), 'node\'s title') : null;
  const keys = certificateKeys(id, title ? num(title.version) : null);
  const read = await api.rpc.state.getReadProof.raw(keys.map(([, key]) => toHex(key)), hash);
  const proof = read.proof.map(String);
  // The values, taken from the proof itself: what the certificate shows is what it proves.
  let values;
  try {
    values = readProof(header.stateRoot, proof.map((node) => fromHex(node)), keys.map(([, key]) => key));
  } catch (error) {
    throw new CertificateError(`the node's read proof does not verify: ${error.message}`);
  }
  const entries = keys.map(([what, key]) => {
    const value = values.get(toHex(key));
    return { what, key: toHex(key), value: value ? toHex(value) : null };
  });
  onProgress(`waiting for GRANDPA to finalize block #${header.number} or a later one`);
  const finality = await proveFromNode(api, header.number, header.hash, { timeoutMs });
  return {
    format: FORMAT,
    genesisHash: String(genesisHash),
    specName: String(version.specName ?? ''),
    specVersion: Number(version.specVersion ?? 0),
    parcel: id,
    header: toHex(header.bytes),
    finality: {
      setId: finality.setChanges.length,
      justification: toHex(finality.justification),
      headers: finality.headers.map((h) => toHex(h.bytes)),
      ...(finality.setChanges.length
        ? { setChanges: finality.setChanges.map((change) => ({ header: toHex(change.header.bytes), justification: toHex(change.justification) })) }
        : {}),
    },
    proof,
    entries,
  };
}
