// Codec values (decoded from the metadata) to plain JSON-able data, the same way everywhere:
// accounts as SS58, hashes and fixed byte arrays as 0x hex, byte strings as text when they are
// printable UTF-8 (references, URIs) and hex otherwise, 128-bit amounts as decimal strings,
// smaller integers as numbers, unit enum variants as their name and others as `{ Variant: … }`.

import { GenericAccountId, GenericEthereumAccountId, GenericMultiAddress, GenericCall } from '@polkadot/types';
import {
  AbstractArray,
  AbstractInt,
  BTreeMap,
  BTreeSet,
  Bytes,
  Compact,
  Enum,
  Null,
  Option,
  Raw,
  Result,
  Struct,
  Text,
  U8aFixed,
  bool,
} from '@polkadot/types-codec';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Whether raw bytes read as printable UTF-8 text. */
function printable(codec) {
  if (codec.length === 0 || !codec.isUtf8) return false;
  return !CONTROL.test(codec.toUtf8());
}

/** Converts a codec value to plain data (see the module comment). */
export function toPlain(codec) {
  if (codec === null || codec === undefined) return null;
  if (typeof codec !== 'object' || typeof codec.toU8a !== 'function') return codec;
  if (codec instanceof GenericAccountId || codec instanceof GenericEthereumAccountId || codec instanceof GenericMultiAddress) {
    return codec.toString();
  }
  if (codec instanceof GenericCall) {
    return { call: `${codec.section}.${codec.method}`, args: Object.fromEntries(codec.argsEntries.map(([name, value]) => [name, toPlain(value)])) };
  }
  if (codec instanceof Compact) return toPlain(codec.unwrap());
  if (codec instanceof Option) return codec.isNone ? null : toPlain(codec.unwrap());
  if (codec instanceof Result) return codec.isOk ? { Ok: toPlain(codec.asOk) } : { Err: toPlain(codec.asErr) };
  if (codec instanceof U8aFixed) return codec.toHex();
  if (codec instanceof Text) return codec.toString();
  if (codec instanceof Bytes) return printable(codec) ? codec.toUtf8() : codec.toHex();
  if (codec instanceof Raw) return codec.toHex();
  if (codec instanceof AbstractInt) {
    if (codec.bitLength() >= 128) return codec.toString();
    return codec.toBigInt() <= BigInt(Number.MAX_SAFE_INTEGER) ? codec.toNumber() : codec.toString();
  }
  if (codec instanceof bool) return codec.isTrue;
  if (codec instanceof Null) return null;
  if (codec instanceof Enum) {
    if (codec.isBasic || codec.value instanceof Null) return codec.type;
    return { [codec.type]: toPlain(codec.value) };
  }
  if (codec instanceof Struct) {
    const object = {};
    for (const [key, value] of codec.entries()) object[key] = toPlain(value);
    return object;
  }
  if (codec instanceof BTreeMap) return [...codec.entries()].map(([key, value]) => [toPlain(key), toPlain(value)]);
  if (codec instanceof BTreeSet) return [...codec.values()].map(toPlain);
  if (codec instanceof AbstractArray) return [...codec].map(toPlain);
  return codec.toPrimitive();
}
