// GRANDPA finality, checked from a genesis authority set — audit/src/finality.rs in JavaScript, so
// that a browser (the portal) checks a certificate of title as `landchain-node certificate verify`
// does.
//
// A block is final when a **justification** — precommits for it (or a descendant) signed by more
// than two thirds of the authority set in force — verifies. The set in force starts as the genesis
// `Grandpa.Authorities` (set 0) and changes only at a block whose header carries a GRANDPA
// `ScheduledChange` digest: that block (or, with a delay, the block `delay` blocks after it) is the
// last block the old set finalizes; the next set takes over after it. A *forced* change is enacted
// without the old set's signatures, so nothing here can verify it: it is refused, saying so.
//
// The justification check follows sc-consensus-grandpa's `GrandpaJustification::verify` and
// finality-grandpa's `validate_commit`: precommits by voters outside the set carry no weight;
// every precommit targets the lowest precommit's block or a descendant of it (through the
// justification's `votes_ancestries` headers); the precommit-GHOST — the highest block that more
// than two thirds of the set's weight (equivocators counting everywhere) voted for or beyond — is
// the commit's target; every precommit's ed25519 signature over the SCALE-encoded
// `(Message::Precommit { target_hash, target_number }, round: u64, set_id: u64)` is valid; and
// the ancestry headers are exactly those the precommits need.

import { ed25519Sign, ed25519Verify } from '@polkadot/util-crypto';
import { Reader, ScaleError, bytesEqual, compactBytes, concat, fromHex, lengthPrefixed, toHex, u32Bytes, u64Bytes } from './scale.mjs';
import { hash256 } from './trie.mjs';

/** The GRANDPA consensus engine id in digests, `FRNK`. */
export const GRANDPA_ENGINE_ID = 'FRNK';

/**
 * @typedef {{ type: 'other' | 'consensus' | 'seal' | 'preRuntime' | 'runtimeEnvironmentUpdated', engine?: string, data?: Uint8Array }} DigestItem
 * @typedef {{ parentHash: Uint8Array, number: number, stateRoot: Uint8Array, extrinsicsRoot: Uint8Array, digest: DigestItem[], hash: Uint8Array, bytes: Uint8Array }} Header
 * @typedef {{ id: Uint8Array, weight: bigint }} Authority
 * @typedef {{ targetHash: Uint8Array, targetNumber: number, signature: Uint8Array, id: Uint8Array }} SignedPrecommit
 * @typedef {{ round: bigint, targetHash: Uint8Array, targetNumber: number, precommits: SignedPrecommit[], votesAncestries: Header[] }} Justification
 * @typedef {{ number: number, hash: Uint8Array, signedBy: [number, number], setId: number }} Justified
 * @typedef {{ header: Header, justification: Uint8Array }} SetChange
 * @typedef {{ setChanges: SetChange[], justification: Uint8Array, headers: Header[] }} FinalityProof
 */

const DIGEST_TYPES = { 0: 'other', 4: 'consensus', 5: 'seal', 6: 'preRuntime', 8: 'runtimeEnvironmentUpdated' };
const ascii = (bytes) => String.fromCharCode(...bytes);

function readDigestItem(reader) {
  const index = reader.u8();
  const type = DIGEST_TYPES[index];
  if (!type) throw new ScaleError(`a digest item has an unknown kind ${index}`);
  if (type === 'runtimeEnvironmentUpdated') return { type };
  if (type === 'other') return { type, data: reader.bytes() };
  return { type, engine: ascii(reader.take(4)), data: reader.bytes() };
}

function readHeader(reader) {
  const start = reader.offset;
  const parentHash = reader.take(32);
  const number = reader.compact();
  const stateRoot = reader.take(32);
  const extrinsicsRoot = reader.take(32);
  const digest = [];
  for (let i = reader.compact(); i > 0; i -= 1) digest.push(readDigestItem(reader));
  const bytes = reader.data.subarray(start, reader.offset);
  return { parentHash, number, stateRoot, extrinsicsRoot, digest, hash: hash256(bytes), bytes };
}

/**
 * Decodes a SCALE block header (`sp_runtime::generic::Header<u32, BlakeTwo256>`); its hash is the
 * blake2-256 of its bytes (strict decoding makes them the canonical encoding).
 * @returns {Header}
 */
export function decodeHeader(bytes, what = 'a header') {
  try {
    const reader = new Reader(bytes);
    const header = readHeader(reader);
    reader.end(what);
    return header;
  } catch (error) {
    throw new ScaleError(`${what} does not decode: ${error.message}`);
  }
}

/** The SCALE encoding of a header as a node's JSON-RPC serves it (digest logs are SCALE hex already). */
export function encodeHeaderJson(json) {
  const number = typeof json.number === 'string' ? Number.parseInt(json.number, 16) : Number(json.number);
  const logs = json.digest.logs.map((log) => fromHex(log, 'a digest log'));
  return concat(fromHex(json.parentHash), compactBytes(number), fromHex(json.stateRoot), fromHex(json.extrinsicsRoot), compactBytes(logs.length), ...logs);
}

/** Encodes a digest item (as `decodeHeader` gives it). */
export function encodeDigestItem(item) {
  const index = Number(Object.keys(DIGEST_TYPES).find((k) => DIGEST_TYPES[k] === item.type));
  if (item.type === 'runtimeEnvironmentUpdated') return Uint8Array.of(index);
  if (item.type === 'other') return concat(Uint8Array.of(index), lengthPrefixed(item.data));
  return concat(Uint8Array.of(index), new TextEncoder().encode(item.engine), lengthPrefixed(item.data));
}

/** Encodes a header from its parts (digest items as `decodeHeader` gives them). */
export function encodeHeader({ parentHash, number, stateRoot, extrinsicsRoot, digest = [] }) {
  return concat(parentHash, compactBytes(number), stateRoot, extrinsicsRoot, compactBytes(digest.length), ...digest.map(encodeDigestItem));
}

/** A `Vec<(AuthorityId, u64)>` (`Grandpa.Authorities`, a scheduled change's next set). */
function readAuthorityList(reader) {
  const authorities = [];
  for (let i = reader.compact(); i > 0; i -= 1) authorities.push({ id: reader.take(32), weight: reader.u64() });
  return authorities;
}

/** Decodes `Grandpa.Authorities` (a `Vec<(ed25519 public key, weight)>`). */
export function decodeAuthorityList(bytes) {
  const reader = new Reader(bytes);
  const authorities = readAuthorityList(reader);
  reader.end('the authority list');
  return authorities;
}

/** Encodes an authority list. */
export const encodeAuthorityList = (authorities) =>
  concat(compactBytes(authorities.length), ...authorities.map((a) => concat(a.id, u64Bytes(a.weight))));

/**
 * Decodes a GRANDPA justification (`sc_consensus_grandpa::GrandpaJustification`): round, commit
 * (target hash and number, signed precommits), votes' ancestry headers.
 * @returns {Justification}
 */
export function decodeJustification(bytes) {
  const reader = new Reader(bytes);
  const round = reader.u64();
  const targetHash = reader.take(32);
  const targetNumber = reader.u32();
  const precommits = [];
  for (let i = reader.compact(); i > 0; i -= 1) {
    precommits.push({ targetHash: reader.take(32), targetNumber: reader.u32(), signature: reader.take(64), id: reader.take(32) });
  }
  const votesAncestries = [];
  for (let i = reader.compact(); i > 0; i -= 1) votesAncestries.push(readHeader(reader));
  reader.end('the justification');
  return { round, targetHash, targetNumber, precommits, votesAncestries };
}

/** Encodes a justification (the inverse of `decodeJustification`). */
export function encodeJustification({ round, targetHash, targetNumber, precommits, votesAncestries = [] }) {
  return concat(
    u64Bytes(round),
    targetHash,
    u32Bytes(targetNumber),
    compactBytes(precommits.length),
    ...precommits.map((p) => concat(p.targetHash, u32Bytes(p.targetNumber), p.signature, p.id)),
    compactBytes(votesAncestries.length),
    ...votesAncestries.map((h) => h.bytes ?? encodeHeader(h)),
  );
}

/** What a GRANDPA voter signs for a precommit: `(Message::Precommit(precommit), round, set_id)`. */
export function precommitPayload(targetHash, targetNumber, round, setId) {
  return concat(Uint8Array.of(1), targetHash, u32Bytes(targetNumber), u64Bytes(round), u64Bytes(setId));
}

/**
 * A justification of `target` (a header) in round `round` of set `setId`, with one precommit by
 * each of `signers` (ed25519 key pairs `{ publicKey, secretKey }`): what a synthetic chain's
 * authorities sign (tests), as finality.rs's `sign_justification`.
 */
export function signJustification(target, setId, signers, { round = 1n, votesAncestries = [], precommitTarget = target } = {}) {
  const payload = precommitPayload(precommitTarget.hash, precommitTarget.number, round, setId);
  return encodeJustification({
    round,
    targetHash: target.hash,
    targetNumber: target.number,
    precommits: signers.map((pair) => ({
      targetHash: precommitTarget.hash,
      targetNumber: precommitTarget.number,
      signature: ed25519Sign(payload, pair),
      id: pair.publicKey,
    })),
    votesAncestries,
  });
}

/** The GRANDPA consensus log of a header's digest item, if it is one: `ScheduledChange` or `ForcedChange`. */
function grandpaLog(item) {
  if (item.type !== 'consensus' || item.engine !== GRANDPA_ENGINE_ID) return null;
  try {
    const reader = new Reader(item.data);
    const kind = reader.u8();
    if (kind === 1) return { kind: 'scheduled', next: readAuthorityList(reader), delay: reader.u32() };
    if (kind === 2) {
      const median = reader.u32();
      return { kind: 'forced', median, next: readAuthorityList(reader), delay: reader.u32() };
    }
  } catch {
    // as sc-consensus-grandpa: a log that does not decode is not a change
  }
  return null;
}

/** The first `ScheduledChange` of a header's digest (`find_scheduled_change`), or null. */
export function scheduledChange(header) {
  for (const item of header.digest) {
    const log = grandpaLog(item);
    if (log?.kind === 'scheduled') return log;
  }
  return null;
}

/** The first `ForcedChange` of a header's digest (`find_forced_change`), or null. */
export function forcedChange(header) {
  for (const item of header.digest) {
    const log = grandpaLog(item);
    if (log?.kind === 'forced') return log;
  }
  return null;
}

/** A `ConsensusLog::ScheduledChange` digest item (for synthetic chains). */
export function scheduledChangeDigest(next, delay = 0) {
  return { type: 'consensus', engine: GRANDPA_ENGINE_ID, data: concat(Uint8Array.of(1), encodeAuthorityList(next), u32Bytes(delay)) };
}

/** A `ConsensusLog::ForcedChange` digest item (for synthetic chains). */
export function forcedChangeDigest(next, median = 0, delay = 0) {
  return { type: 'consensus', engine: GRANDPA_ENGINE_ID, data: concat(Uint8Array.of(2), u32Bytes(median), encodeAuthorityList(next), u32Bytes(delay)) };
}

const short = (bytes) => toHex(bytes);

/**
 * Whether the commit's precommits make it valid (finality-grandpa's `validate_commit` over the
 * voter set `voters`, hex id → weight): returns null when valid, or why not.
 */
function commitProblem(justification, voters, threshold, ancestry) {
  const route = (base, block) => {
    // The hashes from `block` (inclusive) down to `base` (exclusive), or null if `block` does not descend from it.
    const hashes = [];
    let current = block;
    for (let steps = 0; steps <= ancestry.size + 1; steps += 1) {
      if (bytesEqual(current, base)) return hashes;
      const header = ancestry.get(toHex(current));
      if (!header) return null;
      hashes.push(current);
      current = header.parentHash;
    }
    return null;
  };
  const valid = justification.precommits.filter((p) => voters.has(toHex(p.id)));
  if (valid.length === 0) return 'no precommit is by a voter of the set';
  const base = valid.reduce((low, p) => (p.targetNumber < low.targetNumber ? p : low));
  // Each voter's first vote (later ones are equivocations: such a voter counts for every block).
  const first = new Map();
  const equivocators = new Set();
  const seen = new Set();
  for (const p of valid) {
    if (!route(base.targetHash, p.targetHash)) return `the precommit for #${p.targetNumber} does not descend from the lowest precommit's block #${base.targetNumber}`;
    const voter = toHex(p.id);
    const vote = `${toHex(p.targetHash)}:${p.targetNumber}:${toHex(p.signature)}`;
    if (seen.has(vote)) continue; // a duplicate counts once
    seen.add(vote);
    if (!first.has(voter)) first.set(voter, p);
    else if (equivocators.has(voter)) return `voter ${voter} equivocates more than once`;
    else equivocators.add(voter);
  }
  // The weight of every block on a route from the base to a vote: its voters (by their first
  // vote at or beyond it) and every equivocator.
  /** @type {Map<string, { number: number, hash: Uint8Array, voters: Set<string> }>} */
  const blocks = new Map();
  for (const [voter, p] of first) {
    const hashes = route(base.targetHash, p.targetHash);
    const chain = [...hashes, base.targetHash];
    chain.forEach((hash, distance) => {
      const key = toHex(hash);
      if (!blocks.has(key)) blocks.set(key, { number: p.targetNumber - distance, hash, voters: new Set() });
      blocks.get(key).voters.add(voter);
    });
  }
  const weightOf = (block) => {
    let weight = 0n;
    for (const voter of new Set([...block.voters, ...equivocators])) weight += voters.get(voter);
    return weight;
  };
  const heavy = [...blocks.values()].filter((block) => weightOf(block) >= threshold);
  if (heavy.length === 0) {
    const total = [...new Set([...first.keys()])].reduce((sum, voter) => sum + voters.get(voter), 0n);
    return `the precommits carry weight ${total}, fewer than two thirds (${threshold} needed)`;
  }
  const highest = Math.max(...heavy.map((block) => block.number));
  const ghosts = heavy.filter((block) => block.number === highest);
  const ghost = ghosts[0];
  if (ghosts.length > 1 || !bytesEqual(ghost.hash, justification.targetHash) || ghost.number !== justification.targetNumber) {
    return `more than two thirds voted for #${ghost.number} ${short(ghost.hash)}, not for the commit's target #${justification.targetNumber}`;
  }
  return null;
}

/** The GRANDPA authority set in force, walked forward from a state. */
export class AuthoritySet {
  /**
   * @param {number} setId its id: the number of changes since genesis
   * @param {Authority[]} authorities its keys and weights
   * @param {{ at: number, next: Authority[] } | null} pending a change scheduled with a delay, not yet enacted
   */
  constructor(setId, authorities, pending = null) {
    this.setId = setId;
    this.authorities = authorities;
    this.pending = pending;
  }

  clone() {
    return new AuthoritySet(this.setId, this.authorities, this.pending && { ...this.pending });
  }

  /**
   * The set in force after the block whose state `read(key)` reads (bytes or null):
   * `Grandpa.Authorities`, `Grandpa.CurrentSetId` (0 when absent, as at genesis) and
   * `Grandpa.PendingChange` (a pending change is counted in the set id already: the set in force
   * is then the one before). `keys` are those three storage keys.
   */
  static fromState(read, keys) {
    const authorities = read(keys.authorities);
    if (!authorities) throw new Error('the state holds no GRANDPA authorities (Grandpa.Authorities)');
    const list = decodeAuthorityList(authorities);
    const setIdBytes = read(keys.currentSetId);
    const setId = setIdBytes ? Number(new Reader(setIdBytes).u64()) : 0;
    const pendingBytes = read(keys.pendingChange);
    if (!pendingBytes) return new AuthoritySet(setId, list);
    const reader = new Reader(pendingBytes);
    const scheduledAt = reader.u32();
    const delay = reader.u32();
    const next = readAuthorityList(reader);
    const forced = reader.u8() === 1;
    if (forced) throw new Error('the state holds a forced GRANDPA authority change, which signatures cannot prove');
    return new AuthoritySet(Math.max(setId - 1, 0), list, { at: scheduledAt + delay, next });
  }

  /**
   * Verifies that `justification` (SCALE) is this set's and finalizes exactly `number`/`hash`.
   * @returns {Justified}
   */
  verify(justification, number, hash) {
    let decoded;
    try {
      decoded = decodeJustification(justification);
    } catch (error) {
      throw new Error(`the GRANDPA justification does not decode: ${error.message}`);
    }
    if (decoded.targetNumber !== number || !bytesEqual(decoded.targetHash, hash)) {
      throw new Error(`the GRANDPA justification finalizes #${decoded.targetNumber} ${short(decoded.targetHash)}, not #${number} ${short(hash)}`);
    }
    const fail = (why) =>
      new Error(
        `the GRANDPA justification does not verify against authority set ${this.setId} (${this.authorities.length} authorities): a bad signature, a signer outside the set, or fewer than two thirds signed (${why})`,
      );
    // The voter set (finality-grandpa's VoterSet): zero weights left out, a repeated key's weights added.
    /** @type {Map<string, bigint>} */
    const voters = new Map();
    let total = 0n;
    for (const { id, weight } of this.authorities) {
      if (weight === 0n) continue;
      total += weight;
      voters.set(toHex(id), (voters.get(toHex(id)) ?? 0n) + weight);
    }
    if (voters.size === 0) throw fail('the authority set is empty');
    const threshold = total - (total - 1n) / 3n;
    const ancestry = new Map(decoded.votesAncestries.map((header) => [toHex(header.hash), header]));
    const problem = commitProblem(decoded, voters, threshold, ancestry);
    if (problem) throw fail(problem);
    // Every precommit's signature; then the ancestry headers must be exactly those the votes use.
    const base = decoded.precommits.reduce((low, p) => (p.targetNumber < low.targetNumber ? p : low));
    const visited = new Set();
    for (const p of decoded.precommits) {
      const payload = precommitPayload(p.targetHash, p.targetNumber, decoded.round, this.setId);
      if (!ed25519Verify(payload, p.signature, p.id)) throw fail(`the precommit signature of ${toHex(p.id)} is not valid for round ${decoded.round} of set ${this.setId}`);
      if (bytesEqual(base.targetHash, p.targetHash)) continue;
      let current = p.targetHash;
      const hashes = [toHex(current)];
      for (let steps = 0; !bytesEqual(current, base.targetHash); steps += 1) {
        const header = steps <= ancestry.size ? ancestry.get(toHex(current)) : undefined;
        if (!header) throw fail(`the precommit for #${p.targetNumber} has no ancestry proof`);
        current = header.parentHash;
        hashes.push(toHex(current));
      }
      hashes.pop(); // the base
      for (const h of hashes) visited.add(h);
    }
    if (visited.size !== ancestry.size || [...ancestry.keys()].some((h) => !visited.has(h))) {
      throw fail('the justification carries ancestry headers no precommit uses');
    }
    return { number, hash, signedBy: [decoded.precommits.length, this.authorities.length], setId: this.setId };
  }

  /**
   * Whether `header` ends this set: it enacts a scheduled change (a `ScheduledChange` digest with
   * no delay, or the block a pending change waited for). Schedules a delayed change for later;
   * refuses a forced change.
   */
  endsAt(header) {
    if (forcedChange(header)) {
      throw new Error('the block signals a forced GRANDPA authority set change, which the old set\'s signatures cannot prove');
    }
    const change = scheduledChange(header);
    if (change) {
      if (this.pending) throw new Error('the block schedules a GRANDPA authority set change while another is pending');
      this.pending = { at: header.number + change.delay, next: change.next };
    }
    return this.pending?.at === header.number;
  }

  /** Moves to the next set after its change block. */
  follow() {
    if (this.pending) {
      this.authorities = this.pending.next;
      this.setId += 1;
      this.pending = null;
    }
  }

  /**
   * Verifies `proof` that block `number`/`hash` is final, starting from this set: every set
   * change justified by the set before it, then the justification, signed by the set after the
   * changes, of the last of the linking headers (or of the block itself).
   * @param {FinalityProof} proof
   * @returns {Justified}
   */
  verifyProof(proof, number, hash) {
    const set = this.clone();
    let lastChange = null;
    for (const change of proof.setChanges) {
      const changeNumber = change.header.number;
      if (lastChange !== null && changeNumber <= lastChange) {
        throw new Error(`the authority set changes are out of order (#${changeNumber} after #${lastChange})`);
      }
      let ends;
      try {
        ends = set.endsAt(change.header);
      } catch (error) {
        throw new Error(`set change #${changeNumber}: ${error.message}`);
      }
      if (!ends) {
        throw new Error(`set change #${changeNumber}: the header does not enact a GRANDPA authority set change (no ScheduledChange digest)`);
      }
      try {
        set.verify(change.justification, changeNumber, change.header.hash);
      } catch (error) {
        throw new Error(`set change #${changeNumber} (set ${set.setId} to ${set.setId + 1}): ${error.message}`);
      }
      set.follow();
      lastChange = changeNumber;
    }
    let lastNumber = number;
    let lastHash = hash;
    for (const header of proof.headers) {
      if (!bytesEqual(header.parentHash, lastHash) || header.number !== lastNumber + 1) {
        throw new Error(`the header chain is broken after #${lastNumber}: header #${header.number} does not follow it`);
      }
      lastNumber = header.number;
      lastHash = header.hash;
    }
    return set.verify(proof.justification, lastNumber, lastHash);
  }
}
