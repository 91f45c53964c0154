// The registry council: motions to admit or remove registrars, set the transfer duty, turn the
// verified-parties policy on or off, and authorize runtime upgrades; and applying an authorized
// upgrade. There is no sudo key: a motion passes with enough ayes and is then closed by anyone.

import { readFileSync } from 'node:fs';
import { isHex, isU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { LandchainError, TimeoutError, UsageError } from './errors.mjs';
import { resolveAccount } from './keys.mjs';
import { findEvent, submit } from './tx.mjs';

/** The council's members (SS58 addresses). */
export async function members(api) {
  return (await api.query.council.members()).map((account) => account.toString());
}

/**
 * The ayes a motion needs: `majority` (more than half: registrars, duty) or `twoThirds` (at least
 * two thirds: runtime upgrades, the council's own membership), given the current council size.
 */
export async function thresholdFor(api, kind) {
  const count = (await members(api)).length;
  if (kind === 'twoThirds') return Math.ceil((2 * count) / 3);
  if (kind === 'majority') return Math.floor(count / 2) + 1;
  throw new LandchainError(`unknown threshold kind ${kind}`);
}

/** The blake2-256 hash of runtime code (what `upgradeGate.authorizeUpgrade` takes). */
export function codeHash(code) {
  return blake2AsHex(code, 256);
}

/** Reads a runtime wasm file (`.compact.compressed.wasm`). */
export function readCode(path) {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new UsageError(`cannot read the runtime code ${path}: ${error.code ?? error.message}`);
  }
}

/** Calls that motions usually carry, built from the metadata. */
export const motionCalls = {
  /** Admit a registrar (simple majority). */
  addRegistrar: async (api, account) => api.tx.registrars.addMember(await resolveAccount(account, { api })),
  /** Remove a registrar (simple majority). */
  removeRegistrar: async (api, account) => api.tx.registrars.removeMember(await resolveAccount(account, { api })),
  /** Set the transfer duty (Permill) and the treasury account (simple majority). */
  setTransferDuty: async (api, ratePermill, treasury) =>
    api.tx.conveyance.setTransferDuty(Number(ratePermill), await resolveAccount(treasury, { api })),
  /**
   * Pay `amount` (planck) from the treasury, where the transfer duty goes, to `beneficiary`:
   * a simple majority up to the runtime's limit (100,000 LAND), two thirds above. Once the motion
   * executes, anyone pays the approved spend out with `payout`.
   */
  spendTreasury: async (api, amount, beneficiary) =>
    api.tx.treasury.spend(null, BigInt(amount), await resolveAccount(beneficiary, { api }), null),
  /**
   * Turn the verified-parties policy on (`true`: titles and charges only to parties with a current
   * attestation in the party register) or off (simple majority).
   */
  setPartyPolicy: async (api, on) => api.tx.partyRegister.setPolicy(Boolean(on)),
  /** Authorize the runtime code whose blake2-256 hash is `hash` (two thirds). */
  authorizeUpgrade: async (api, hash) => {
    if (!isHex(hash) || hash.length !== 66) throw new UsageError(`a code hash is 32 bytes of 0x hex: "${hash}"`);
    return api.tx.upgradeGate.authorizeUpgrade(hash);
  },
};

/** The usual threshold of each motion call. */
export const MOTION_THRESHOLDS = {
  addRegistrar: 'majority',
  removeRegistrar: 'majority',
  setTransferDuty: 'majority',
  spendTreasury: 'majority',
  authorizeUpgrade: 'twoThirds',
  decideObjection: 'majority',
  setPartyPolicy: 'majority',
};

/**
 * A council member proposes `call` (a submittable from `api.tx`) with `threshold` ayes needed,
 * and (unless `aye: false`) votes aye on it at once. A threshold of 1 executes immediately.
 * Returns `{ receipt, voteReceipt, index, hash, threshold, executed }`.
 */
export async function propose(api, signer, { call, threshold, aye = true }, options) {
  const proposal = call.method ?? call;
  const lengthBound = proposal.encodedLength;
  const tx = api.tx.council.propose(Number(threshold), proposal, lengthBound);
  const receipt = await submit(api, tx, signer, options);
  const proposed = findEvent(receipt.events, 'council', 'Proposed');
  const executed = findEvent(receipt.events, 'council', 'Executed');
  const result = {
    receipt,
    voteReceipt: null,
    index: proposed?.data.proposalIndex ?? null,
    hash: proposed?.data.proposalHash ?? executed?.data.proposalHash ?? proposal.hash.toHex(),
    threshold: Number(threshold),
    executed: Boolean(executed),
  };
  if (proposed && aye) {
    result.voteReceipt = (await vote(api, signer, { motion: result.hash, aye: true }, options)).receipt;
  }
  return result;
}

/**
 * An open motion by its hash (`0x…`) or index: `{ hash, index, threshold, ayes, nays, end, call }`
 * where `call` is the proposal (a Call codec) or null if its preimage is gone.
 */
export async function resolveMotion(api, motion) {
  const hashes = (await api.query.council.proposals()).map((hash) => hash.toHex());
  const wanted = String(motion).trim();
  for (const hash of hashes) {
    const voting = await api.query.council.voting(hash);
    if (voting.isNone) continue;
    const votes = voting.unwrap();
    const index = votes.index.toNumber();
    if (hash === wanted.toLowerCase() || String(index) === wanted) {
      const proposal = await api.query.council.proposalOf(hash);
      return {
        hash,
        index,
        threshold: votes.threshold.toNumber(),
        ayes: votes.ayes.map(String),
        nays: votes.nays.map(String),
        end: votes.end.toNumber(),
        call: proposal.isSome ? proposal.unwrap() : null,
      };
    }
  }
  throw new UsageError(`no open council motion ${wanted} (open: ${hashes.length ? hashes.join(', ') : 'none'})`);
}

/** Every open motion, oldest first. */
export async function motions(api) {
  const hashes = (await api.query.council.proposals()).map((hash) => hash.toHex());
  const list = [];
  for (const hash of hashes) list.push(await resolveMotion(api, hash));
  return list.sort((a, b) => a.index - b.index);
}

/** `section.method(args)` of a proposal, for people. */
export function describeProposal(call) {
  if (!call) return '(unknown)';
  const args = call.args.map((arg) => {
    const human = arg.toHuman();
    return typeof human === 'string' ? human : JSON.stringify(human);
  });
  return `${call.section}.${call.method}(${args.join(', ')})`;
}

/** A council member votes on an open motion (by hash or index). Returns `{ receipt, motion }`. */
export async function vote(api, signer, { motion, aye = true }, options) {
  const found = await resolveMotion(api, motion);
  const receipt = await submit(api, api.tx.council.vote(found.hash, found.index, Boolean(aye)), signer, options);
  return { receipt, motion: found };
}

/**
 * Closes a motion (anyone may): with enough ayes it executes, after its end without them it is
 * disapproved; before its end without enough ayes the chain refuses (`council.TooEarly`). The
 * weight and length bounds are computed from the proposal itself. A motion whose call fails when
 * executed throws a `TransactionError` with the call's decoded error. When the proposer's deposit
 * is held for the motion (`council.costOf`: once several motions are open), the same transaction
 * returns it (`utility.batchAll` of `close` and `releaseProposalCost`).
 * Returns `{ receipt, motion, approved, executed, disapproved, depositReturned }`.
 */
export async function close(api, signer, { motion }, options) {
  const found = await resolveMotion(api, motion);
  if (!found.call) throw new LandchainError(`motion ${found.hash} has no proposal stored`);
  const lengthBound = found.call.encodedLength;
  const info = await api.tx(found.call).paymentInfo(signer?.address ?? found.ayes[0] ?? found.hash);
  const closing = api.tx.council.close(found.hash, found.index, info.weight, lengthBound);
  const deposit = await api.query.council.costOf(found.hash);
  const tx = deposit.isSome ? api.tx.utility.batchAll([closing, api.tx.council.releaseProposalCost(found.hash)]) : closing;
  const receipt = await submit(api, tx, signer, options);
  return {
    depositReturned: Boolean(findEvent(receipt.events, 'council', 'ProposalCostReleased')),
    receipt,
    motion: found,
    approved: Boolean(findEvent(receipt.events, 'council', 'Approved')),
    executed: Boolean(findEvent(receipt.events, 'council', 'Executed')),
    disapproved: Boolean(findEvent(receipt.events, 'council', 'Disapproved')),
  };
}

/** The pending runtime upgrade authorization, `{ codeHash, checkVersion }`, or null. */
export async function authorizedUpgrade(api) {
  const authorization = await api.query.system.authorizedUpgrade();
  if (authorization.isNone) return null;
  const value = authorization.unwrap();
  return { codeHash: value.codeHash.toHex(), checkVersion: value.checkVersion.isTrue };
}

/**
 * Checks before sending a large blob that `code` is what the council authorized, so that a clerk
 * does not pay for a transaction the chain will refuse. Returns the code's hash.
 */
export async function ensureUpgradeAuthorized(api, code) {
  const hash = codeHash(code);
  const authorization = await authorizedUpgrade(api);
  if (!authorization) throw new UsageError('no runtime upgrade is authorized: a council motion upgradeGate.authorizeUpgrade must pass first');
  if (authorization.codeHash !== hash) {
    throw new UsageError(`this code (blake2-256 ${hash}) is not the authorized upgrade (${authorization.codeHash})`);
  }
  return hash;
}

/**
 * Submits authorized runtime code with `system.applyAuthorizedUpgrade` (signed by `signer`, or
 * unsigned when `signer` is null — the pool accepts an unsigned one only if it is authorized).
 * A refused blob throws a `TransactionError` (e.g. `system.Unauthorized`, or
 * `system.FailedToExtractRuntimeVersion` from `RejectedInvalidAuthorizedUpgrade`).
 * Returns `{ receipt, codeHash, codeUpdated }`.
 */
export async function applyAuthorizedUpgrade(api, signer, { code }, options = {}) {
  // A Uint8Array given to a `Bytes` argument would be read as already length-prefixed: pass hex.
  const tx = api.tx.system.applyAuthorizedUpgrade(isU8a(code) ? u8aToHex(code) : code);
  const receipt = await submit(api, tx, signer, { timeoutMs: 300_000, ...options });
  return { receipt, codeHash: codeHash(code), codeUpdated: Boolean(findEvent(receipt.events, 'system', 'CodeUpdated')) };
}

/** Waits until the node reports a runtime `specVersion` above `above`; returns the version. */
export async function waitForSpecVersion(api, above, { timeoutMs = 60_000, intervalMs = 500 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let version = null;
  while (Date.now() < deadline) {
    version = await api.rpc.state.getRuntimeVersion();
    if (version.specVersion.toNumber() > above) return version;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new TimeoutError(`the runtime is still at spec_version ${version?.specVersion.toNumber()} after ${Math.round(timeoutMs / 1000)} s`);
}

/**
 * Anyone pays out a treasury spend a council motion approved (by its index, from the
 * `treasury.AssetSpendApproved` event). The treasury never pays below its existential deposit.
 * Returns `{ receipt, index }`.
 */
export async function payout(api, signer, { index }, options) {
  const receipt = await submit(api, api.tx.treasury.payout(Number(index)), signer, options);
  const paid = findEvent(receipt.events, 'treasury', 'Paid');
  return { receipt, index: paid ? Number(paid.data.index) : Number(index) };
}
