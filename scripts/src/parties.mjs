// The party register (issue 22): an identity office — a registrar — attests that an account
// belongs to a verified person, company or public body by recording a salted commitment
// `blake2_256(salt ‖ identifier ‖ account)` with the kind and an expiry. The salt (32 random
// bytes) and the identifier (national id, company number) never leave this process for the chain:
// only the commitment is sent. A party proves who it is to a counterparty off-chain by revealing
// salt and identifier, which `verify` checks against the chain's record. The council turns the
// verified-parties policy on and off by motion (`proposePolicy`).

import { isHex, stringToU8a, u8aConcat } from '@polkadot/util';
import { blake2AsHex, decodeAddress, randomAsHex } from '@polkadot/util-crypto';
import * as council from './council.mjs';
import { pick } from './documents.mjs';
import { UsageError } from './errors.mjs';
import { cryptoReady, resolveAccount } from './keys.mjs';
import { toPlain } from './plain.mjs';
import { findEvent, submit } from './tx.mjs';
import { blocksIn, kebabCase, vocabulary } from './vocabulary.mjs';

/** One day, for `expiresInDays`. */
const DAY_MS = 24 * 60 * 60 * 1000;

/** A fresh salt: 32 random bytes as 0x hex. */
export function newSalt() {
  return randomAsHex(32);
}

/** Checks a salt given in hex: exactly 32 bytes. */
export function parseSalt(text) {
  const raw = String(text ?? '').trim();
  if (!isHex(raw) || raw.length !== 66) throw new UsageError(`a salt is 32 bytes of 0x hex (66 characters): "${text}"`);
  return raw.toLowerCase();
}

/**
 * The identifier's UTF-8 bytes, exactly as given (no trimming or case folding: the party must
 * reveal exactly what the office committed to). An empty identifier is refused.
 */
export function identifierBytes(identifier) {
  if (identifier === undefined || identifier === null || String(identifier).trim() === '') {
    throw new UsageError('the identifier (national id, company number) is required and may not be empty');
  }
  return stringToU8a(String(identifier));
}

/** The 32-byte public key of an SS58 address or 0x public key. */
function accountBytes(account) {
  try {
    const bytes = decodeAddress(String(account));
    if (bytes.length !== 32) throw new Error(`${bytes.length} bytes`);
    return bytes;
  } catch {
    throw new UsageError(`not an account: "${account}" (an SS58 address or a 32-byte 0x public key)`);
  }
}

/**
 * The commitment an office records: `blake2_256(salt ‖ identifier ‖ account)` as 0x hex, where
 * `salt` is 32 bytes (0x hex), `identifier` the national id or company number (UTF-8) and
 * `account` the party's SS58 address or public key (its 32 bytes). Computed locally.
 */
export function commitment({ salt, identifier, account }) {
  return blake2AsHex(u8aConcat(parseSalt(salt), identifierBytes(identifier), accountBytes(account)), 256);
}

/** A party kind (`person`, `company`, `public-body`, or the variant name) checked against the chain's. */
export const kindArg = (api, text) => pick(vocabulary(api).partyKinds, text, 'party kind');

/** A kind variant (`PublicBody`) as the CLI spells it (`public-body`). */
export const kindName = (variant) => kebabCase(variant);

/** The best block's number. */
async function bestBlock(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

/**
 * The expiry block of an attestation: `expiresAt` (a block number), or `expiresInDays` /
 * `expiresInBlocks` from the best block (days in the chain's blocks). Exactly one is given.
 * Whether it is in the future and within the chain's longest validity is the chain's rule
 * (`partyRegister.ExpiryNotInFuture`, `ValidityTooLong`).
 */
export async function expiryOf(api, { expiresAt, expiresInDays, expiresInBlocks }) {
  const given = [expiresAt, expiresInDays, expiresInBlocks].filter((value) => value !== undefined && value !== null);
  if (given.length !== 1) throw new UsageError('give the expiry as exactly one of a block number (expires-at) or a number of days from now (expires-in-days)');
  if (expiresAt !== undefined && expiresAt !== null) return Number(expiresAt);
  const blocks = expiresInBlocks ?? blocksIn(api, Number(expiresInDays) * DAY_MS);
  if (!(Number(blocks) > 0)) throw new UsageError('an attestation must run for at least a day (or a block)');
  return (await bestBlock(api)) + Number(blocks);
}

/**
 * The commitment to send for `party`: `args.commitment` as given, else computed from
 * `args.identifier` and `args.salt` (a fresh random salt when none is given). Returns
 * `{ commitment, salt }` (`salt` null when the commitment was given).
 */
function commitmentFor(party, { commitment: given, salt, identifier }) {
  if (given !== undefined && given !== null) {
    if (identifier !== undefined || salt !== undefined) throw new UsageError('give either the commitment or the identifier (and salt), not both');
    const raw = String(given).trim();
    if (!isHex(raw) || raw.length !== 66) throw new UsageError(`a commitment is 32 bytes of 0x hex: "${given}"`);
    return { commitment: raw.toLowerCase(), salt: null };
  }
  const chosen = salt === undefined || salt === null ? newSalt() : parseSalt(salt);
  return { commitment: commitment({ salt: chosen, identifier, account: party }), salt: chosen };
}

/**
 * The `partyRegister.attest` call, not signed (for a clerk's proxy, a multisig office, a batch).
 * `args`: `{ party, kind, commitment, expiresAt }` — the party an address (resolved).
 */
export function attestCall(api, { party, kind, commitment: hash, expiresAt }) {
  return api.tx.partyRegister.attest(party, hash, kindArg(api, kind), Number(expiresAt));
}

/**
 * An office (a registrar) attests that `party` belongs to a verified party of `kind` (`person`,
 * `company`, `public-body`). `args`: `{ party, kind, identifier, salt?, expiresAt | expiresInDays
 * | expiresInBlocks }`, or `{ …, commitment }` computed elsewhere. Without a salt a random one is
 * made; only the commitment goes on chain — the returned `salt` (and the identifier) must be kept
 * off-chain by the office and the party. The office's account holds the attestation deposit.
 * Returns `{ receipt, party, kind, commitment, salt, expiresAt, office }`.
 */
export async function attest(api, signer, args, options) {
  await cryptoReady();
  const party = await resolveAccount(args.party, { api });
  const { commitment: hash, salt } = commitmentFor(party, args);
  const expiresAt = await expiryOf(api, args);
  const receipt = await submit(api, attestCall(api, { party, kind: args.kind, commitment: hash, expiresAt }), signer, options);
  const attested = findEvent(receipt.events, 'partyRegister', 'PartyAttested');
  return {
    receipt,
    party,
    kind: attested?.data.kind ?? kindArg(api, args.kind),
    commitment: hash,
    salt,
    expiresAt: attested?.data.expiresAt ?? expiresAt,
    office: attested?.data.office ?? signer.address,
  };
}

/**
 * An office renews `party`'s attestation until a new expiry (`expiresAt | expiresInDays |
 * expiresInBlocks`). With `identifier` (and optionally `salt`; random otherwise) or `commitment`,
 * the commitment is replaced — a fresh salt the office and the party must keep; without, it stays.
 * The renewing office takes the deposit over. Returns `{ receipt, party, commitment, salt,
 * newCommitment, expiresAt, office }` (`commitment`/`salt` null when kept).
 */
export async function renew(api, signer, args, options) {
  await cryptoReady();
  const party = await resolveAccount(args.party, { api });
  const replacing = ['commitment', 'identifier'].some((key) => args[key] !== undefined && args[key] !== null);
  if (!replacing && args.salt !== undefined && args.salt !== null) throw new UsageError('a new salt needs the identifier too (a fresh commitment is computed from both)');
  const { commitment: hash, salt } = replacing ? commitmentFor(party, args) : { commitment: null, salt: null };
  const expiresAt = await expiryOf(api, args);
  const receipt = await submit(api, api.tx.partyRegister.renew(party, hash, Number(expiresAt)), signer, options);
  const renewed = findEvent(receipt.events, 'partyRegister', 'AttestationRenewed');
  return {
    receipt,
    party,
    commitment: hash,
    salt,
    newCommitment: renewed?.data.newCommitment ?? Boolean(hash),
    expiresAt: renewed?.data.expiresAt ?? expiresAt,
    office: renewed?.data.office ?? signer.address,
  };
}

/** An office revokes `party`'s attestation; the deposit returns. Returns `{ receipt, party }`. */
export async function revoke(api, signer, { party }, options) {
  const account = await resolveAccount(party, { api });
  return { receipt: await submit(api, api.tx.partyRegister.revoke(account), signer, options), party: account };
}

/** Anyone clears `party`'s expired attestation; the office's deposit returns. Returns `{ receipt, party }`. */
export async function removeExpired(api, signer, { party }, options) {
  const account = await resolveAccount(party, { api });
  return { receipt: await submit(api, api.tx.partyRegister.removeExpired(account), signer, options), party: account };
}

/** Whether titles and charges may only be granted to verified parties (the council's policy). */
export async function policy(api) {
  return (await api.query.partyRegister.requireVerifiedParties()).isTrue;
}

/** The call a council motion carries to turn the verified-parties policy on (`true`) or off. */
export const policyCall = (api, on) => council.motionCalls.setPartyPolicy(api, on);

/**
 * A council member proposes turning the verified-parties policy on or off (`on`), with a
 * majority's threshold unless `threshold` is given, and votes aye unless `aye: false`. The others
 * vote and anyone closes it (`council.vote`, `council.close`). Returns what `council.propose` does.
 */
export async function proposePolicy(api, signer, { on, threshold, aye = true }, options) {
  const ayes = threshold ?? (await council.thresholdFor(api, council.MOTION_THRESHOLDS.setPartyPolicy));
  return council.propose(api, signer, { call: await policyCall(api, on), threshold: ayes, aye }, options);
}

/**
 * `party`'s attestation at the best block (or block `at`), as plain data: `{ party, commitment,
 * kind, office, attestedAt, expiresAt, deposit, current, block }` — `current` whether it still
 * counts at `block` (it counts while the block is before `expiresAt`) — or null when it has none.
 */
export async function attestation(api, party, { at } = {}) {
  const account = await resolveAccount(party, { api });
  const query = at ? await api.at(at) : api;
  const [record, block] = await Promise.all([
    query.query.partyRegister.parties(account),
    at ? api.rpc.chain.getHeader(at).then((header) => header.number.toNumber()) : bestBlock(api),
  ]);
  if (record.isNone) return null;
  const plain = toPlain(record.unwrap());
  return { party: account, ...plain, current: block < Number(plain.expiresAt), block };
}

/** The reasons `verify` gives for NOT VERIFIED. */
export const NOT_VERIFIED = {
  'no-attestation': 'the account has no attestation on the chain',
  'commitment-differs': 'the salt and identifier do not give the commitment on the chain (a wrong identifier, salt or account)',
  expired: 'the salt and identifier match, but the attestation has expired',
};

/**
 * Checks a party's claim — `salt` and `identifier` it revealed off-chain — against the chain:
 * recomputes the commitment for `party` locally (nothing is sent anywhere) and compares it with
 * the recorded one, then whether the attestation still counts. Returns `{ verified, verdict:
 * 'VERIFIED' | 'NOT VERIFIED', reason (null, or a key of NOT_VERIFIED), why, party, commitment
 * (computed), attestation (the record, or null) }`.
 */
export async function verify(api, { party, identifier, salt, at }) {
  await cryptoReady();
  const account = await resolveAccount(party, { api });
  const computed = commitment({ salt, identifier, account });
  const record = await attestation(api, account, { at });
  let reason = null;
  if (!record) reason = 'no-attestation';
  else if (record.commitment.toLowerCase() !== computed) reason = 'commitment-differs';
  else if (!record.current) reason = 'expired';
  return {
    verified: reason === null,
    verdict: reason === null ? 'VERIFIED' : 'NOT VERIFIED',
    reason,
    why: reason === null ? 'the salt and identifier give the commitment on the chain, and the attestation is current' : NOT_VERIFIED[reason],
    party: account,
    commitment: computed,
    attestation: record,
  };
}
