// Documents behind registry changes: their kind, blake2-256 hash and optional URI. The documents
// themselves stay off-chain; only the hash is recorded. The kinds and the URI's length limit are
// the connected chain's (vocabulary.mjs).

import { readFileSync } from 'node:fs';
import { isHex, stringToU8a } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { UsageError } from './errors.mjs';
import { vocabulary } from './vocabulary.mjs';

/**
 * Looks `text` up in a table of the vocabulary (`{ 'court-order': 'CourtOrder', … }`, see
 * vocabulary.mjs), accepting the CLI spelling or the variant name.
 */
export function pick(table, text, what) {
  const raw = String(text ?? '').trim();
  const key = raw.toLowerCase().replace(/[_\s]/g, '-');
  if (Object.hasOwn(table, key)) return table[key];
  const byVariant = Object.values(table).find((variant) => variant.toLowerCase() === raw.toLowerCase());
  if (byVariant) return byVariant;
  throw new UsageError(`unknown ${what} "${text}": one of ${Object.keys(table).join(', ')}`);
}

/** The blake2-256 hash of a file's bytes, as 0x hex. */
export function hashFile(path) {
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${error.code ?? error.message}`);
  }
  return blake2AsHex(bytes, 256);
}

/** The blake2-256 hash of bytes or text, as 0x hex. */
export function hashBytes(data) {
  return blake2AsHex(typeof data === 'string' ? stringToU8a(data) : data, 256);
}

/** Checks a 32-byte hash given in hex. */
export function parseHash(text, what = 'hash') {
  const raw = String(text).trim();
  if (!isHex(raw) || raw.length !== 66) throw new UsageError(`${what} must be 32 bytes of 0x hex: "${text}"`);
  return raw.toLowerCase();
}

/**
 * A 32-byte hash from exactly one of: `hash` (0x hex), `file` (hashed with blake2-256) or `text`
 * (hashed). With none of them, `fallback` (a text hashed) is used, or an error raised.
 */
export function hashFrom({ hash, file, text } = {}, { what = 'document', fallback } = {}) {
  const given = [hash, file, text].filter((value) => value !== undefined && value !== null);
  if (given.length > 1) throw new UsageError(`give the ${what} as one of a hash, a file or a text, not several`);
  if (hash !== undefined && hash !== null) return parseHash(hash, `the ${what} hash`);
  if (file !== undefined && file !== null) return hashFile(file);
  if (text !== undefined && text !== null) return hashBytes(String(text));
  if (fallback !== undefined) return hashBytes(fallback);
  throw new UsageError(`the ${what} is required: give its hash, its file or a text to hash`);
}

/**
 * A registry `Source` as Polkadot.js takes it: `{ kind, documentHash, uri }`, the kind one of the
 * chain's document kinds and the URI within the chain's limit.
 */
export function source(api, { kind = 'other', documentHash, uri = null }) {
  const vocab = vocabulary(api);
  const variant = pick(vocab.sourceKinds, kind, 'document kind');
  if (uri !== null && uri !== undefined && Buffer.byteLength(uri) > vocab.limits.uri) {
    throw new UsageError(`a document URI is at most ${vocab.limits.uri} bytes`);
  }
  return { kind: variant, documentHash: parseHash(documentHash, 'the document hash'), uri: uri ?? null };
}

/**
 * Checks a text field against a byte length limit (the chain's, from `vocabulary(api).limits`).
 * Whether it may be empty is the chain's rule (`landRegistry.EmptyReference`).
 */
export function boundedText(text, max, what) {
  const value = String(text ?? '');
  if (Buffer.byteLength(value) > max) throw new UsageError(`${what} is at most ${max} bytes: "${value}"`);
  return value;
}

/**
 * Checks a list a call takes against the chain's bound (from `vocabulary(api).limits`): a longer
 * list would not decode on the chain, and the node would refuse the transaction without saying
 * why.
 */
export function boundedList(list, max, what) {
  if (list.length > max) throw new UsageError(`at most ${max} ${what}, not ${list.length}`);
  return list;
}
