#!/usr/bin/env node
// What changed in the runtime metadata between two builds, documentation excluded: every call,
// event, error, storage item, constant, runtime API and type, compared field by field. Use it
// before an upgrade (or a refactoring that must change nothing) to see exactly what Polkadot.js
// users and signed transactions will meet.
//
//   node scripts/metadata-diff.mjs <before> <after> [--ignore-paths]
//
// Each side is a node's WebSocket URL (ws://127.0.0.1:9944: its `state_getMetadata`) or a file
// holding the metadata's SCALE bytes (binary, or 0x hex as `state_getMetadata` returns them).
// Prints each difference with its place (`pallets[LandRegistry].constants[MaxUriLen]`, …) and
// exits 0 when the two are equal, 1 when they differ, 2 on bad input. `--ignore-paths` also
// leaves out the types' Rust paths (the names Polkadot.js derives from them).

import { readFileSync } from 'node:fs';
import { WsProvider } from '@polkadot/api';
import { Metadata, TypeRegistry } from '@polkadot/types';

const usage = 'usage: node scripts/metadata-diff.mjs <before: ws://… | file> <after: ws://… | file> [--ignore-paths]';

async function load(source) {
  if (/^wss?:\/\//.test(source)) {
    const provider = new WsProvider(source, false);
    await provider.connect();
    await provider.isReady;
    try {
      return await provider.send('state_getMetadata', []);
    } finally {
      await provider.disconnect();
    }
  }
  const bytes = readFileSync(source);
  const text = bytes.toString('utf8').trim();
  return /^0x[0-9a-fA-F]*$/.test(text) ? text : new Uint8Array(bytes);
}

/** The metadata as plain JSON with docs (and optionally type paths) removed; pallets, their
 *  items and runtime APIs keyed by name so a difference names what it is about. */
function normalize(raw, { ignorePaths }) {
  const metadata = new Metadata(new TypeRegistry(), raw);
  const latest = metadata.asLatest.toJSON();
  const strip = (value) => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      const out = {};
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'docs') continue;
        if (ignorePaths && key === 'path') continue;
        out[key] = strip(inner);
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

function* differences(a, b, place) {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
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
  const a = normalize(before, { ignorePaths });
  const b = normalize(after, { ignorePaths });
  const found = [...differences({ version: a.version, ...a.plain }, { version: b.version, ...b.plain }, '')];
  if (found.length === 0) {
    console.log(`metadata v${a.version}: identical, documentation excluded${ignorePaths ? ' (type paths too)' : ''}`);
    return 0;
  }
  console.log(`${found.length} difference(s), documentation excluded:`);
  for (const line of found) console.log(`  ${line}`);
  return 1;
}

process.exitCode = await main();
