// The registry's rules, checked in the form before anything is signed. Each message names the
// chain error it anticipates; the chain checks them again and its own error is shown if it refuses.
import { parseOwnerSpec } from '@landchain/scripts/registry.mjs';
import { parseShare } from '@landchain/scripts/units.mjs';
import { resolveAccount } from '@landchain/scripts/keys.mjs';
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
