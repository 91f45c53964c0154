// Reading and writing the few SCALE shapes the certificate of title is made of (block headers,
// GRANDPA justifications, trie nodes), without a type registry: these are the chain's consensus
// types, not its runtime's. Decoding is strict as parity-scale-codec is — a compact integer must be
// in its shortest form — so that hashing the bytes a header was decoded from gives the hash the
// chain computes from the decoded header. Pure functions, no I/O: the portal bundles this file.

import { compactToU8a, hexToU8a, isHex, u8aConcat, u8aToHex } from '@polkadot/util';

/** Bytes that do not decode as what they should be. */
export class ScaleError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ScaleError';
  }
}

/** A cursor over bytes, reading SCALE values in order. */
export class Reader {
  /** @param {Uint8Array} bytes */
  constructor(bytes) {
    this.data = bytes;
    this.offset = 0;
  }

  /** Whether every byte has been read. */
  get done() {
    return this.offset === this.data.length;
  }

  /** The next `length` bytes (a view, not a copy). */
  take(length) {
    if (length < 0 || this.offset + length > this.data.length) {
      throw new ScaleError(`out of data: ${length} bytes wanted at offset ${this.offset} of ${this.data.length}`);
    }
    const bytes = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return bytes;
  }

  u8() {
    return this.take(1)[0];
  }

  /** A little-endian u32. */
  u32() {
    const b = this.take(4);
    return (b[0] | (b[1] << 8) | (b[2] << 16)) + b[3] * 2 ** 24;
  }

  /** A little-endian u64, as a BigInt. */
  u64() {
    const b = this.take(8);
    let value = 0n;
    for (let i = 7; i >= 0; i -= 1) value = (value << 8n) | BigInt(b[i]);
    return value;
  }

  /** A `Compact<u32>` (lengths, block numbers), refused unless in its shortest form. */
  compact() {
    const first = this.u8();
    switch (first & 0b11) {
      case 0:
        return first >> 2;
      case 1: {
        const value = (first | (this.u8() << 8)) >> 2;
        if (value < 1 << 6) throw new ScaleError('a compact integer is not in its shortest form');
        return value;
      }
      case 2: {
        const rest = this.take(3);
        const value = ((first | (rest[0] << 8) | (rest[1] << 16)) >>> 2) + rest[2] * 2 ** 22;
        if (value < 1 << 14) throw new ScaleError('a compact integer is not in its shortest form');
        return value;
      }
      default: {
        if (first >> 2 !== 0) throw new ScaleError('a compact integer is out of range for a u32');
        const value = this.u32();
        if (value < 2 ** 30) throw new ScaleError('a compact integer is not in its shortest form');
        return value;
      }
    }
  }

  /** A `Vec<u8>`: its compact length, then its bytes. */
  bytes() {
    return this.take(this.compact());
  }

  /** Fails unless every byte has been read (`what` names the value). */
  end(what) {
    if (!this.done) throw new ScaleError(`${what} has ${this.data.length - this.offset} bytes too many`);
  }
}

/** A little-endian u32 as 4 bytes. */
export function u32Bytes(value) {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, Number(value), true);
  return out;
}

/** A little-endian u64 as 8 bytes. */
export function u64Bytes(value) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value), true);
  return out;
}

/** A compact integer. */
export const compactBytes = (value) => compactToU8a(value);

/** A `Vec<u8>`: compact length, then the bytes. */
export const lengthPrefixed = (bytes) => u8aConcat(compactToU8a(bytes.length), bytes);

export const concat = (...parts) => u8aConcat(...parts);

/** `0x…` lowercase hex. */
export const toHex = (bytes) => u8aToHex(bytes);

/** Bytes from `0x…` hex (even length, hex digits only); `what` names the value in the error. */
export function fromHex(text, what = 'a value') {
  if (typeof text !== 'string' || !text.startsWith('0x') || !isHex(text)) {
    throw new ScaleError(`${what} is not 0x-prefixed hex`);
  }
  return hexToU8a(text);
}

/** Whether two byte arrays are equal. */
export function bytesEqual(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
