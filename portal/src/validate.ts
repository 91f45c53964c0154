// The registry's rules, checked in the form before anything is signed. Each message names the
// chain error it anticipates; the chain checks them again and its own error is shown if it refuses.
import { parseOwnerSpec } from '@landchain/scripts/registry.mjs';
import { parseAmount, parseShare } from '@landchain/scripts/units.mjs';
import { resolveAccount } from '@landchain/scripts/keys.mjs';
import { restrictions } from '@landchain/scripts/applications.mjs';
import { attestation } from '@landchain/scripts/parties.mjs';
import { holdingOn } from '@landchain/scripts/recovery.mjs';
import type { ApiPromise } from '@polkadot/api';

const bytes = (text: string) => new TextEncoder().encode(text).length;
export const isHash = (text: string) => /^0x[0-9a-fA-F]{64}$/.test(text.trim());

export interface Limits {
  jurisdiction: number;
  reference: number;
  uri: number;
  owners: number;
}

export function checkText(errors: string[], value: string, max: number, what: string, emptyError?: string) {
  if (emptyError && value.trim() === '') errors.push(`${what} is required (the chain refuses it with ${emptyError})`);
  if (bytes(value) > max) errors.push(`${what} is at most ${max} bytes (the chain's limit)`);
}

export function checkHash(errors: string[], value: string, what: string) {
  if (!isHash(value)) errors.push(`${what} must be 0x followed by 64 hex digits (a blake2-256 hash)`);
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/**
 * Owners typed one per line as `account:share` (the CLI's spelling, e.g. `dave:1/2`): resolved,
 * and checked as the chain checks a title (`NoOwners`, `InvalidShare`, `DuplicateOwner`,
 * `SharesDoNotSumToWhole`, at most `MaxOwners`, and `ConflictOfInterest` for a registrar who
 * would be an owner).
 */
export async function checkOwners(api: ApiPromise, errors: string[], text: string, maxOwners: number, signer: string | null) {
  const lines = text
    .split(/\n|,/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0) {
    errors.push('at least one owner is required (NoOwners)');
    return [];
  }
  if (lines.length > maxOwners) errors.push(`at most ${maxOwners} owners (the chain's MaxOwners)`);
  const owners: Array<{ account: string; share: { numerator: number; denominator: number } }> = [];
  let sumNum = 0n;
  let sumDen = 1n;
  for (const line of lines) {
    let spec;
    try {
      spec = parseOwnerSpec(line);
      if (typeof spec.share === 'string') spec.share = parseShare(spec.share);
    } catch (error) {
      errors.push((error as Error).message);
      continue;
    }
    let account: string;
    try {
      account = await resolveAccount(spec.account, { api });
    } catch (error) {
      errors.push((error as Error).message);
      continue;
    }
    const { numerator, denominator } = spec.share;
    if (!(numerator > 0 && numerator <= denominator)) {
      errors.push(`share ${numerator}/${denominator} of ${spec.account} is not a fraction between 0 and 1 (InvalidShare)`);
    }
    if (owners.some((o) => o.account === account)) errors.push(`${spec.account} is listed twice (DuplicateOwner)`);
    if (signer && account === signer) errors.push(`the signing registrar cannot register a parcel it owns (ConflictOfInterest)`);
    owners.push({ account, share: { numerator, denominator } });
    if (denominator > 0) {
      sumNum = sumNum * BigInt(denominator) + BigInt(numerator) * sumDen;
      sumDen *= BigInt(denominator);
      const g = gcd(sumNum, sumDen) || 1n;
      sumNum /= g;
      sumDen /= g;
    }
  }
  if (owners.length === lines.length && sumNum !== sumDen) {
    errors.push(`the owners' shares add up to ${sumNum}/${sumDen}, not exactly 1 (SharesDoNotSumToWhole)`);
  }
  return owners;
}

/** A record's number (a parcel, an offer, an application, an encumbrance): whole, from 0. */
export function checkId(errors: string[], value: string, what: string): number {
  if (!/^\d+$/.test(value.trim())) {
    errors.push(`${what} is a number`);
    return 0;
  }
  return Number(value.trim());
}

/** An amount in the chain's token (`1500.5`, `1500.5 LAND`, `12345planck`), in planck. */
export function checkAmount(errors: string[], value: string, token: { decimals: number; symbol: string }, what: string, { aboveZero = false, zeroError = 'ZeroAmount' } = {}): bigint {
  try {
    const planck = parseAmount(value, token.decimals, token.symbol) as bigint;
    if (aboveZero && planck === 0n) errors.push(`${what} is above zero (${zeroError})`);
    return planck;
  } catch (error) {
    errors.push(`${what}: ${(error as Error).message}`);
    return 0n;
  }
}

/** A mortgage's rank: 1 (first charge) or more. */
export function checkRank(errors: string[], value: string, what = 'the rank'): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    errors.push(`${what} is 1 or more (InvalidRank)`);
    return 1;
  }
  return Number(value.trim());
}

/** An account typed as an SS58 address (or a dev name on --dev), resolved to its address. */
export async function checkAccount(api: ApiPromise, errors: string[], value: string, what: string): Promise<string> {
  if (!value.trim()) {
    errors.push(`${what} is required`);
    return '';
  }
  try {
    return await resolveAccount(value.trim(), { api });
  } catch (error) {
    errors.push(`${what}: ${(error as Error).message}`);
    return '';
  }
}

/**
 * Lenders typed one per line as `lender:amount:rank` (the CLI's `--finance` spelling, e.g.
 * `ferdie:80000:1`), checked as the chain checks a buyer's finance request: at least one lender,
 * at most `MaxAdvances`, amounts above zero (`ZeroAmount`), ranks from 1 (`InvalidRank`), each
 * lender once (`DuplicateLender`), not the buyer (`LenderIsBorrower`), ranks distinct (`DuplicateRank`), advances not above the price.
 */
export async function checkAdvances(
  api: ApiPromise,
  errors: string[],
  text: string,
  token: { decimals: number; symbol: string },
  { max, buyer, price }: { max: number; buyer: string | null; price: bigint | null },
) {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0) errors.push('name at least one lender, as lender:amount:rank');
  if (lines.length > max) errors.push(`at most ${max} lenders (the chain's MaxAdvances)`);
  const advances: Array<{ lender: string; amount: bigint; rank: number }> = [];
  for (const line of lines) {
    const parts = line.split(':').map((part) => part.trim());
    if (parts.length !== 3 || parts.some((part) => part === '')) {
      errors.push(`a lender is lender:amount:rank, e.g. ferdie:80000:1: "${line}"`);
      continue;
    }
    const lender = await checkAccount(api, errors, parts[0], `the lender ${parts[0]}`);
    const amount = checkAmount(errors, parts[1], token, `the advance of ${parts[0]}`, { aboveZero: true });
    const rank = checkRank(errors, parts[2], `the rank of ${parts[0]}`);
    if (lender && advances.some((a) => a.lender === lender)) errors.push(`${parts[0]} is named twice (DuplicateLender)`);
    if (lender && buyer && lender === buyer) errors.push('the buyer cannot lend to itself (LenderIsBorrower)');
    if (advances.some((a) => a.rank === rank)) errors.push(`two lenders share rank ${rank} (DuplicateRank)`);
    advances.push({ lender, amount, rank });
  }
  const total = advances.reduce((sum, a) => sum + a.amount, 0n);
  if (price !== null && total > price) errors.push(`the advances add up to more than the price (AdvancesExceedPrice)`);
  return advances;
}

/**
 * A recovery of the `lost` key on `parcel` to `replacement` (SS58 addresses, or dev names on
 * --dev), checked as the chain checks it: two different accounts (`ReplacementIsLostKey`), neither
 * the signing registrar (`ConflictOfInterest`); the lost key holding a share, a mortgage, lien or
 * lease, or a mortgage consent on the parcel (`LostKeyNotOnParcel`); no open sale
 * (`ParcelLocked`); the replacement not already an owner beside it (`DuplicateOwner`); no other
 * owner's restriction (`TitleRestricted`); the replacement attested in the party register, still
 * current (`partyRegister.PartyNotVerified`, `AttestationExpired`), as the same kind of party as
 * the lost key if that was attested (`PartyKindMismatch`). Returns the two addresses.
 */
export async function checkRecovery(
  api: ApiPromise,
  errors: string[],
  { parcel, lost: lostText, replacement: replacementText, signer }: { parcel: number; lost: string; replacement: string; signer: string | null },
): Promise<[string, string]> {
  const before = errors.length;
  const lost = await checkAccount(api, errors, lostText, 'the lost account');
  const replacement = await checkAccount(api, errors, replacementText, 'the replacement account');
  if (errors.length > before) return [lost, replacement];
  if (lost === replacement) {
    errors.push('the replacement must be another account than the lost key (ReplacementIsLostKey)');
    return [lost, replacement];
  }
  if (signer === lost || signer === replacement) errors.push('the signing registrar cannot propose a recovery of its own key or to its own account (ConflictOfInterest)');
  const [held, replacing, restricted, newKey, oldKey] = await Promise.all([
    holdingOn(api, parcel, lost),
    holdingOn(api, parcel, replacement),
    restrictions(api, parcel),
    attestation(api, replacement),
    attestation(api, lost),
  ]);
  if (held.share === null && held.encumbrances.length === 0 && held.consents.length === 0) {
    errors.push(`the lost account holds no share, charge, lease or mortgage consent on parcel ${parcel} (LostKeyNotOnParcel)`);
  }
  if (held.lockedBy !== null) errors.push(`parcel ${parcel} is locked by open dealing ${held.lockedBy}: the sale ends first (ParcelLocked)`);
  if (held.share !== null && replacing.share !== null) errors.push('the replacement already owns a share of the parcel (DuplicateOwner)');
  if (restricted.some((r: { owner: string }) => r.owner !== lost)) errors.push('another owner has placed a restriction on the title (TitleRestricted)');
  if (!newKey) errors.push('the replacement is not attested in the party register (partyRegister.PartyNotVerified)');
  else if (!newKey.current) errors.push(`the replacement's attestation expired at block #${newKey.expiresAt} (partyRegister.AttestationExpired)`);
  else if (oldKey && oldKey.kind !== newKey.kind) errors.push(`the lost key was attested as ${oldKey.kind}, the replacement as ${newKey.kind} (partyRegister.PartyKindMismatch)`);
  return [lost, replacement];
}
