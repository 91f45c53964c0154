// Amounts, shares, rates and times as clerks type them, converted exactly (BigInt, no floats).

import { UsageError } from './errors.mjs';

/** The chain's token decimals and symbol, from its properties (LAND, 12 on Landchain). */
export function tokenOf(api) {
  const decimals = api.registry.chainDecimals?.[0] ?? 12;
  const symbol = api.registry.chainTokens?.[0] ?? 'LAND';
  return { decimals, symbol };
}

/**
 * Parses an amount: `1500`, `1500.25`, `1500 LAND`, `1_500 LAND` are in tokens; `12345planck`
 * (or `12345 planck`) is raw. Returns planck as a BigInt. Refuses negative numbers, more decimals
 * than the token has, and anything else.
 */
export function parseAmount(text, decimals = 12, symbol = 'LAND') {
  if (typeof text === 'bigint') return text;
  const raw = String(text).trim().replace(/_/g, '');
  const planck = raw.match(/^(\d+)\s*planck$/i);
  if (planck) return BigInt(planck[1]);
  const tokens = raw.match(new RegExp(`^(\\d+)(?:\\.(\\d+))?\\s*(?:${symbol})?$`, 'i'));
  if (!tokens) {
    throw new UsageError(`not an amount: "${text}" (write e.g. 1500, 1500.25 ${symbol} or 1500000planck)`);
  }
  const [, whole, fraction = ''] = tokens;
  if (fraction.length > decimals) {
    throw new UsageError(`"${text}" has more than ${decimals} decimals`);
  }
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/** Formats planck as tokens, e.g. `40,000 LAND` or `0.1 LAND`, without losing precision. */
export function formatAmount(planck, decimals = 12, symbol = 'LAND') {
  const value = BigInt(planck);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const unit = 10n ** BigInt(decimals);
  const whole = (abs / unit).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = (abs % unit).toString().padStart(decimals, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''} ${symbol}`;
}

/**
 * Parses a share `1/2`, `1` (the whole) or `1:3`: returns `{ numerator, denominator }`, each a
 * `u32`. Whether it is a well-formed share (`0 < numerator <= denominator`) and whether a title's
 * shares sum to one are the chain's rules, checked there (`landRegistry.InvalidShare`,
 * `landRegistry.SharesDoNotSumToWhole`).
 */
export function parseShare(text) {
  const raw = String(text ?? '1').trim();
  if (raw === '' || raw === '1') return { numerator: 1, denominator: 1 };
  const match = raw.match(/^(\d+)\s*[/:]\s*(\d+)$/);
  if (!match) throw new UsageError(`not a share: "${text}" (write e.g. 1/2)`);
  const numerator = Number(match[1]);
  const denominator = Number(match[2]);
  if (numerator > 0xffffffff || denominator > 0xffffffff) {
    throw new UsageError(`a share's numerator and denominator are at most ${0xffffffff}: "${text}"`);
  }
  return { numerator, denominator };
}

/** Parses a rate as a percentage (`2%`, `2.5%`) or parts per million (`20000ppm`) into Permill. */
export function parsePermill(text) {
  const raw = String(text).trim();
  const ppm = raw.match(/^(\d+)\s*ppm$/i);
  if (ppm) {
    const value = Number(ppm[1]);
    if (value > 1_000_000) throw new UsageError(`a rate is at most 100%: "${text}"`);
    return value;
  }
  const percent = raw.match(/^(\d+)(?:\.(\d{1,4}))?\s*%?$/);
  if (!percent) throw new UsageError(`not a rate: "${text}" (write e.g. 2% or 20000ppm)`);
  const value = Number(percent[1]) * 10_000 + Number((percent[2] ?? '').padEnd(4, '0') || '0');
  if (value > 1_000_000) throw new UsageError(`a rate is at most 100%: "${text}"`);
  return value;
}

/** Formats a Permill as a percentage. */
export function formatPermill(ppm) {
  const value = Number(ppm);
  return `${(value / 10_000).toFixed(4).replace(/\.?0+$/, '')}%`;
}

/**
 * Parses a point in time as Unix seconds: a number of seconds, or an ISO date such as
 * `2080-01-01` or `2080-01-01T12:00:00Z`.
 */
export function parseUnixTime(text) {
  const raw = String(text).trim();
  if (/^\d+$/.test(raw)) return BigInt(raw);
  const millis = Date.parse(raw);
  if (Number.isNaN(millis)) {
    throw new UsageError(`not a date: "${text}" (write Unix seconds or e.g. 2080-01-01)`);
  }
  return BigInt(Math.floor(millis / 1000));
}

/** Parses a non-negative integer id (parcel, offer, encumbrance, motion index). */
export function parseId(text, what = 'id') {
  const raw = String(text).trim();
  if (!/^\d+$/.test(raw)) throw new UsageError(`not a ${what}: "${text}" (expected a number)`);
  return Number(raw);
}
