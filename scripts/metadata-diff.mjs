#!/usr/bin/env node
// What changed in the runtime metadata between two builds, documentation excluded: every call,
// event, error, storage item, constant, runtime API and extension, compared field by field with
// every type written out in full (type ids are renumbered whenever a type is added, so the
// comparison follows the types, never their numbers). Use it before an upgrade (or a refactoring
// that must change nothing) to see exactly what Polkadot.js users and signed transactions will meet.
//
//   node scripts/metadata-diff.mjs <before> <after> [--ignore-paths]
//
// Each side is a node's WebSocket URL (ws://127.0.0.1:9944: its metadata v15, or v14 from
// `state_getMetadata` for an older runtime) or a file holding the metadata's SCALE bytes (binary,
// or 0x hex as `state_getMetadata` returns them).
//
// Two views are compared. What clients meet: names, indices, field names, type paths (the names
// Polkadot.js derives from them) and encodings, with the wrappers that encode exactly like what
// they wrap and that Polkadot.js unwraps itself (`BoundedVec`, `WeakBoundedVec`, `BoundedBTreeMap`,
// `BoundedBTreeSet`) seen through. Every difference there is printed and the exit code is 1. What
// is only declared differently (a `Vec` argument now a `BoundedVec`, a field's Rust type name) is
// printed as a note and leaves the exit code 0. Exit 2 on bad input. `--ignore-paths` also leaves
// out the types' Rust paths.

import { readFileSync } from 'node:fs';
import { WsProvider } from '@polkadot/api';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { compactFromU8a, hexToU8a } from '@polkadot/util';

const usage = 'usage: node scripts/metadata-diff.mjs <before: ws://… | file> <after: ws://… | file> [--ignore-paths]';

async function load(source) {
  if (/^wss?:\/\//.test(source)) {
    const provider = new WsProvider(source, false);
    await provider.connect();
    await provider.isReady;
    try {
      // Metadata v15 (with the runtime APIs) where the runtime has it, as Polkadot.js reads it.
      const v15 = hexToU8a(await provider.send('state_call', ['Metadata_metadata_at_version', '0x0f000000']));
      if (v15[0] === 1) {
        const [offset] = compactFromU8a(v15.subarray(1));
        return v15.subarray(1 + offset);
      }
      return await provider.send('state_getMetadata', []);
    } finally {
      await provider.disconnect();
    }
  }
  const bytes = readFileSync(source);
  const text = bytes.toString('utf8').trim();
  return /^0x[0-9a-fA-F]*$/.test(text) ? text : new Uint8Array(bytes);
}

/** Wrappers with the encoding of their one field, which Polkadot.js reads as that field's type. */
const TRANSPARENT = new Set(['BoundedVec', 'WeakBoundedVec', 'BoundedBTreeMap', 'BoundedBTreeSet']);
/** The keys under which the metadata refers to a type by its id. */
const TYPE_KEYS = new Set([
  'type', 'key', 'value', 'plain', 'output', 'additionalSigned', 'addressType', 'callType', 'signatureType',
  'extraType', 'eventType', 'errorType', 'bitStoreType', 'bitOrderType',
]);

/**
 * The metadata as plain JSON with docs removed and every type id replaced by the type written out
 * (a type met again inside itself is written `{ recursive: path }`); pallets, their items and
 * runtime APIs keyed by name so a difference names what it is about. `client`: the view of
 * Polkadot.js and the encoding (transparent wrappers seen through, Rust type names left out).
 */
function normalize(raw, { ignorePaths, client }) {
  const metadata = new Metadata(new TypeRegistry(), raw);
  const latest = metadata.asLatest.toJSON();
  const types = new Map(latest.lookup.types.map((entry) => [entry.id, entry.type]));
  delete latest.lookup;
  const memo = new Map();
  const inside = new Set();
  const resolve = (id) => {
    if (memo.has(id)) return memo.get(id);
    const type = types.get(id);
    if (type === undefined) throw new Error(`the metadata refers to type ${id}, which it does not define`);
    const fields = type.def.composite?.fields;
    if (client && fields?.length === 1 && TRANSPARENT.has(type.path.at(-1))) return resolve(fields[0].type);
    if (inside.has(id)) return { recursive: type.path.join('::') };
    inside.add(id);
    const written = strip(type);
    inside.delete(id);
    memo.set(id, written);
    return written;
  };
  const strip = (value, key) => {
    if (typeof value === 'number' && TYPE_KEYS.has(key)) return resolve(value);
    if (key === 'tuple' && Array.isArray(value)) return value.map(resolve);
    if (Array.isArray(value)) return value.map((item) => strip(item));
    if (value && typeof value === 'object') {
      const out = {};
      for (const [inner, item] of Object.entries(value)) {
        if (inner === 'docs') continue;
        if (ignorePaths && inner === 'path') continue;
        if (client && inner === 'typeName') continue;
        out[inner] = strip(item, inner);
      }
      return out;
    }
    return value;
  };
  const byName = (list) => Object.fromEntries((list ?? []).map((item) => [item.name, item]));
  const plain = strip(latest);
  plain.pallets = byName(plain.pallets);
  for (const pallet of Object.values(plain.pallets)) {
    if (pallet.storage) pallet.storage.items = byName(pallet.storage.items);
    pallet.constants = byName(pallet.constants);
  }
  if (plain.apis) {
    plain.apis = byName(plain.apis);
    for (const api of Object.values(plain.apis)) api.methods = byName(api.methods);
  }
  return { version: metadata.version, plain };
}

/** A written-out type as Rust would name it: `BoundedVec<Owner, …>`, `Vec<u64>`. */
function label(type) {
  if (!type || typeof type !== 'object') return String(type);
  if (type.recursive !== undefined) return type.recursive.split('::').at(-1);
  const { def = {}, path = [], params = [] } = type;
  if (path.length > 0) {
    const args = params.map((param) => (param.type ? label(param.type) : param.name));
    return `${path.at(-1)}${args.length ? `<${args.join(', ')}>` : ''}`;
  }
  if (def.sequence) return `Vec<${label(def.sequence.type)}>`;
  if (def.array) return `[${label(def.array.type)}; ${def.array.len}]`;
  if (def.compact) return `Compact<${label(def.compact.type)}>`;
  if (def.tuple) return `(${def.tuple.map(label).join(', ')})`;
  if (def.primitive) return String(def.primitive).toLowerCase();
  return Object.keys(def)[0] ?? '?';
}

const isType = (value) => value && typeof value === 'object' && 'def' in value && 'path' in value;

function* differences(a, b, place) {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  if (isType(a) && isType(b) && (Object.keys(a.def)[0] !== Object.keys(b.def)[0] || a.path.join() !== b.path.join())) {
    yield `${place}: ${label(a)} → ${label(b)}`;
    return;
  }
  const objects = a && b && typeof a === 'object' && typeof b === 'object';
  if (!objects) {
    yield `${place}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`;
    return;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const at = Array.isArray(a) ? `${place}[${key}]` : place ? `${place}.${key}` : key;
    if (!(key in a)) yield `${at}: added`;
    else if (!(key in b)) yield `${at}: removed`;
    else yield* differences(a[key], b[key], at);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const ignorePaths = args.includes('--ignore-paths');
  const sources = args.filter((arg) => !arg.startsWith('--'));
  if (sources.length !== 2) {
    console.error(usage);
    return 2;
  }
  let before;
  let after;
  try {
    [before, after] = await Promise.all(sources.map(load));
  } catch (error) {
    console.error(`cannot read the metadata: ${error.message}`);
    return 2;
  }
  const compare = (client) => {
    const a = normalize(before, { ignorePaths, client });
    const b = normalize(after, { ignorePaths, client });
    return { version: a.version, found: [...differences({ version: a.version, ...a.plain }, { version: b.version, ...b.plain }, '')] };
  };
  const clients = compare(true);
  const declared = compare(false);
  const excluded = `documentation excluded${ignorePaths ? ' (type paths too)' : ''}`;
  if (clients.found.length > 0) {
    console.log(`${clients.found.length} difference(s) that clients meet, ${excluded}:`);
    for (const line of clients.found) console.log(`  ${line}`);
    return 1;
  }
  console.log(`metadata v${clients.version}: identical for clients and the encoding, ${excluded}`);
  if (declared.found.length > 0) {
    // The same change shows wherever the type is used (a call inside a council proposal, an
    // event inside System.Events): each change once, at its shortest place, with its count.
    const changes = new Map();
    for (const line of declared.found) {
      const at = line.lastIndexOf(': ');
      const [where, change] = [line.slice(0, at), line.slice(at + 2)];
      const key = `${where.split('.').slice(-3).join('.')}: ${change}`;
      const seen = changes.get(key);
      if (!seen) changes.set(key, { where, count: 1 });
      else changes.set(key, { where: where.length < seen.where.length ? where : seen.where, count: seen.count + 1 });
    }
    console.log(`${changes.size} change(s) declared differently with the same encoding (${declared.found.length} places):`);
    for (const [key, { where, count }] of changes) {
      console.log(`  ${where}: ${key.slice(key.indexOf(': ') + 2)}${count > 1 ? `  (${count} places)` : ''}`);
    }
  }
  return 0;
}

process.exitCode = await main();
