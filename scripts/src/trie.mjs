// The Substrate state trie, as far as checking a storage read proof needs it: the node codec of
// sp-trie's `LayoutV1` (blake2-256, no extension nodes, 16-way branches with a nibble-path partial
// key; a value inline, or — state version 1, values of 33 bytes or more — by its hash in a separate
// value node), a lookup through a set of proof nodes (what `sp_state_machine::read_proof_check`
// does), and the builder of a trie from key/value pairs (for tests: it produces the same nodes and
// root as `trie_root`).
//
// Node encoding (sp-trie `node_header.rs`, `node_codec.rs`): a header byte whose top bits give the
// kind — `01` leaf, `10` branch without value, `11` branch with value, `001` leaf with hashed value,
// `0001` branch with hashed value, `0x00` the empty trie — and whose remaining bits start the
// partial key's nibble count (continued in following bytes when it does not fit: each further byte
// adds its value, 255 meaning "and more"); the partial key packed two nibbles a byte (an odd count
// pads the first byte's high nibble with 0); for a branch a 16-bit little-endian bitmap of its
// children; the value (compact length and bytes, or a 32-byte hash); each child as compact length
// and bytes — 32 bytes is a hash of a node in the proof, fewer an inline node.

import { blake2AsU8a } from '@polkadot/util-crypto';
import { Reader, ScaleError, bytesEqual, compactBytes, concat, toHex } from './scale.mjs';

const HASH_LENGTH = 32;
/** Values of this many bytes or more are stored by hash in state version 1 (`TRIE_VALUE_NODE_THRESHOLD`). */
export const VALUE_NODE_THRESHOLD = 33;

const LEAF = 0b01 << 6;
const BRANCH_WITHOUT_VALUE = 0b10 << 6;
const BRANCH_WITH_VALUE = 0b11 << 6;
const HASHED_VALUE_LEAF = 0b001 << 5;
const HASHED_VALUE_BRANCH = 0b0001 << 4;
const EMPTY = 0;

/** A storage proof that does not prove what it is asked (a missing node, a malformed node). */
export class TrieProofError extends Error {
  constructor(message) {
    super(message);
    this.name = 'TrieProofError';
  }
}

/** blake2-256. */
export const hash256 = (bytes) => blake2AsU8a(bytes, 256);

/** The root of the empty trie: blake2-256 of the empty node `0x00`. */
export const EMPTY_TRIE_ROOT = hash256(new Uint8Array([EMPTY]));

/**
 * @typedef {{ inline: Uint8Array } | { hash: Uint8Array }} ValueRef a value, or the hash of its value node
 * @typedef {{ inline: Uint8Array } | { hash: Uint8Array }} ChildRef an inline node's encoding, or a node's hash
 * @typedef {{ kind: 'empty' }
 *   | { kind: 'leaf', partial: number[], value: ValueRef }
 *   | { kind: 'branch', partial: number[], value: ValueRef | null, children: Array<ChildRef | null> }} TrieNode
 */

/** The nibbles of `bytes`, high nibble first. */
export function nibblesOf(bytes) {
  const nibbles = [];
  for (const byte of bytes) nibbles.push(byte >> 4, byte & 0x0f);
  return nibbles;
}

/** The nibble count after a header byte: `prefixBits` bits of kind, the rest of the byte and more. */
function nibbleCount(first, reader, prefixBits) {
  const max = 255 >> prefixBits;
  let count = first & max;
  if (count < max) return count;
  count -= 1;
  for (;;) {
    const next = reader.u8();
    if (next < 255) return count + next + 1;
    count += 255;
    if (count > 0xffff) throw new ScaleError('a trie node\'s partial key is too long');
  }
}

/** The node's partial key: `count` nibbles packed in bytes, an odd count padded in front. */
function partialKey(reader, count) {
  if (reader.offset >= reader.data.length) throw new ScaleError('a trie node ends before its partial key');
  if (count % 2 === 1 && reader.data[reader.offset] >> 4 !== 0) throw new ScaleError('a trie node\'s partial key has bad padding');
  const nibbles = nibblesOf(reader.take(Math.ceil(count / 2)));
  return count % 2 === 1 ? nibbles.slice(1) : nibbles;
}

/** Decodes a trie node (sp-trie `NodeCodec::decode_plan`). Throws `ScaleError` on a malformed node. */
export function decodeNode(bytes) {
  const reader = new Reader(bytes);
  const first = reader.u8();
  if (first === EMPTY) return { kind: 'empty' };
  let kind;
  let hashedValue = false;
  let count;
  switch (first & 0b1100_0000) {
    case LEAF:
      kind = 'leaf';
      count = nibbleCount(first, reader, 2);
      break;
    case BRANCH_WITH_VALUE:
    case BRANCH_WITHOUT_VALUE:
      kind = 'branch';
      count = nibbleCount(first, reader, 2);
      break;
    default:
      if ((first & 0b1110_0000) === HASHED_VALUE_LEAF) {
        kind = 'leaf';
        hashedValue = true;
        count = nibbleCount(first, reader, 3);
      } else if ((first & 0b1111_0000) === HASHED_VALUE_BRANCH) {
        kind = 'branch';
        hashedValue = true;
        count = nibbleCount(first, reader, 4);
      } else {
        throw new ScaleError(`a trie node has an unknown header 0x${first.toString(16).padStart(2, '0')}`);
      }
  }
  const partial = partialKey(reader, count);
  const readValue = () => (hashedValue ? { hash: reader.take(HASH_LENGTH) } : { inline: reader.bytes() });
  if (kind === 'leaf') {
    const value = readValue();
    return { kind, partial, value };
  }
  const bitmap = reader.take(2);
  const present = bitmap[0] | (bitmap[1] << 8);
  if (present === 0) throw new ScaleError('a trie branch has no child');
  const hasValue = hashedValue || (first & 0b1100_0000) === BRANCH_WITH_VALUE;
  const value = hasValue ? readValue() : null;
  const children = [];
  for (let i = 0; i < 16; i += 1) {
    if (present & (1 << i)) {
      const child = reader.bytes();
      children.push(child.length === HASH_LENGTH ? { hash: child } : { inline: child });
    } else {
      children.push(null);
    }
  }
  return { kind, partial, value, children };
}

function header(prefix, prefixBits, count) {
  const max = 255 >> prefixBits;
  const l1 = Math.min(max - 1, count);
  if (count === l1) return [prefix + l1];
  const out = [prefix + max];
  let rest = count - l1;
  while (rest > 0) {
    if (rest < 256) {
      out.push(rest - 1);
      rest = 0;
    } else {
      out.push(255);
      rest -= 255;
    }
  }
  return out;
}

function packNibbles(nibbles) {
  const out = [];
  let i = 0;
  if (nibbles.length % 2 === 1) out.push(nibbles[i++]);
  for (; i < nibbles.length; i += 2) out.push((nibbles[i] << 4) | nibbles[i + 1]);
  return out;
}

/** Encodes a trie node (the inverse of `decodeNode`). */
export function encodeNode(node) {
  if (node.kind === 'empty') return new Uint8Array([EMPTY]);
  const hashed = node.value !== null && node.value !== undefined && 'hash' in node.value;
  let head;
  if (node.kind === 'leaf') head = hashed ? header(HASHED_VALUE_LEAF, 3, node.partial.length) : header(LEAF, 2, node.partial.length);
  else if (hashed) head = header(HASHED_VALUE_BRANCH, 4, node.partial.length);
  else head = header(node.value ? BRANCH_WITH_VALUE : BRANCH_WITHOUT_VALUE, 2, node.partial.length);
  const parts = [Uint8Array.from(head), Uint8Array.from(packNibbles(node.partial))];
  const value = (v) => ('hash' in v ? v.hash : concat(compactBytes(v.inline.length), v.inline));
  if (node.kind === 'leaf') {
    parts.push(value(node.value));
  } else {
    let bitmap = 0;
    node.children.forEach((child, i) => {
      if (child) bitmap |= 1 << i;
    });
    parts.push(Uint8Array.from([bitmap & 0xff, bitmap >> 8]));
    if (node.value) parts.push(value(node.value));
    for (const child of node.children) {
      if (!child) continue;
      const bytes = 'hash' in child ? child.hash : child.inline;
      parts.push(concat(compactBytes(bytes.length), bytes));
    }
  }
  return concat(...parts);
}

/**
 * Builds the trie of `pairs` (`[key, value]` byte arrays) as sp-trie's `LayoutV1` does (state
 * version 1; `stateVersion: 0` keeps every value inline). Returns its root and every node (and
 * value node) by the hex of its hash: what a proof of all its keys would hold.
 */
export function buildTrie(pairs, { stateVersion = 1 } = {}) {
  const sorted = new Map();
  for (const [key, value] of pairs) sorted.set(toHex(key), [nibblesOf(key), value]);
  const entries = [...sorted.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
  /** @type {Map<string, Uint8Array>} */
  const nodes = new Map();
  const store = (bytes) => {
    const hash = hash256(bytes);
    nodes.set(toHex(hash), bytes);
    return hash;
  };
  const valueRef = (value) => (stateVersion === 1 && value.length >= VALUE_NODE_THRESHOLD ? { hash: store(value) } : { inline: value });
  const build = (group, depth) => {
    if (group.length === 1) {
      const [nibbles, value] = group[0];
      return { kind: 'leaf', partial: nibbles.slice(depth), value: valueRef(value) };
    }
    let common = 0;
    for (;;) {
      const at = depth + common;
      const nibble = group[0][0][at];
      if (nibble === undefined || group.some(([nibbles]) => nibbles[at] !== nibble)) break;
      common += 1;
    }
    const end = depth + common;
    const here = group.find(([nibbles]) => nibbles.length === end);
    const children = [];
    for (let i = 0; i < 16; i += 1) {
      const sub = group.filter(([nibbles]) => nibbles.length > end && nibbles[end] === i);
      if (sub.length === 0) {
        children.push(null);
        continue;
      }
      const encoded = encodeNode(build(sub, end + 1));
      children.push(encoded.length >= 32 ? { hash: store(encoded) } : { inline: encoded });
    }
    return { kind: 'branch', partial: group[0][0].slice(depth, end), value: here ? valueRef(here[1]) : null, children };
  };
  const rootNode = entries.length === 0 ? new Uint8Array([EMPTY]) : encodeNode(build(entries, 0));
  return { root: store(rootNode), rootNode, nodes };
}

/**
 * Looks `keys` up in the trie of root `root`, through the nodes of a storage proof only (as
 * `sp_state_machine::read_proof_check`): returns each key's value (null when the trie proves it
 * absent), by the key's hex. Throws `TrieProofError` when the proof lacks a node the lookup needs
 * (or the root itself), or holds a malformed one.
 *
 * @param {Uint8Array} root
 * @param {Uint8Array[]} proof
 * @param {Uint8Array[]} keys
 * @returns {Map<string, Uint8Array | null>}
 */
export function readProof(root, proof, keys) {
  /** @type {Map<string, Uint8Array>} */
  const db = new Map();
  for (const node of proof) db.set(toHex(hash256(node)), node);
  const empty = bytesEqual(root, EMPTY_TRIE_ROOT);
  if (!empty && !db.has(toHex(root))) throw new TrieProofError(`the proof does not hold the root node ${toHex(root)}`);
  const values = new Map();
  for (const key of keys) values.set(toHex(key), empty ? null : lookUp(db, root, key));
  return values;
}

function fetch(db, hash, what) {
  const bytes = db.get(toHex(hash));
  if (!bytes) throw new TrieProofError(`the proof lacks the ${what} ${toHex(hash)}`);
  return bytes;
}

function decodeOrFail(bytes, hash) {
  try {
    return decodeNode(bytes);
  } catch (error) {
    throw new TrieProofError(`the trie node ${hash ? toHex(hash) : '(inline)'} does not decode: ${error.message}`);
  }
}

function valueOf(db, ref) {
  return 'inline' in ref ? ref.inline : fetch(db, ref.hash, 'value node');
}

function lookUp(db, root, key) {
  const nibbles = nibblesOf(key);
  let at = 0;
  let node = decodeOrFail(fetch(db, root, 'root node'), root);
  for (let depth = 0; depth < 2 * 65_536; depth += 1) {
    if (node.kind === 'empty') return null;
    const { partial } = node;
    const matches = partial.every((nibble, i) => nibbles[at + i] === nibble);
    if (node.kind === 'leaf') {
      return matches && at + partial.length === nibbles.length ? valueOf(db, node.value) : null;
    }
    if (!matches || at + partial.length > nibbles.length) return null;
    at += partial.length;
    if (at === nibbles.length) return node.value ? valueOf(db, node.value) : null;
    const child = node.children[nibbles[at]];
    if (!child) return null;
    at += 1;
    node = 'hash' in child ? decodeOrFail(fetch(db, child.hash, 'trie node'), child.hash) : decodeOrFail(child.inline, null);
  }
  throw new TrieProofError('the trie is deeper than any key');
}
