// The node under load: a chain spec derived from the dev preset (funded load accounts, extra
// registrars, pre-registered parcels), a `landchain-node` started on it as `--dev` would be
// (Alice authors and finalizes alone), and the authoring figures read back from its log.
//
// The node runs in its own process group, which `stop()` signals as a whole; whatever ends this
// process, the node is killed with it. Under scripts/e2e.sh (LANDCHAIN_E2E_RUN_DIR set) its
// process group id is also recorded where e2e.sh kills leftovers.

import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { NODE_BINARY, startDevNode } from '../../src/devnode.mjs';

const run = promisify(execFile);

/** The node binary: `LANDCHAIN_NODE`, else the release build in the shared cargo target. */
export const DEFAULT_NODE_BINARY = NODE_BINARY;

/** `landchain-node --version`, e.g. `landchain-node 0.1.0-abc1234`. */
export async function nodeVersion(binary) {
  const { stdout } = await run(binary, ['--version'], { timeout: 30_000 });
  return stdout.trim();
}

/**
 * The dev chain spec (`build-spec --chain dev`) with `additions` merged into its genesis patch:
 * `{ balances: [[address, amount]], registrars: [address], parcels: [GenesisParcel] }`. Writes it
 * to `path`. The dev preset's own accounts, registrars and demo parcels stay.
 */
export async function writeLoadSpec(binary, path, { balances, registrars, parcels }) {
  const { stdout } = await run(binary, ['build-spec', '--chain', 'dev', '--disable-default-bootnode'], {
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  const spec = JSON.parse(stdout);
  const patch = spec.genesis?.runtimeGenesis?.patch;
  if (!patch) throw new Error('`landchain-node build-spec --chain dev` has no genesis.runtimeGenesis.patch: cannot add the load accounts');
  for (const [pallet, field] of [['balances', 'balances'], ['registrars', 'members'], ['landRegistry', 'parcels']]) {
    if (!Array.isArray(patch[pallet]?.[field])) throw new Error(`the dev preset has no ${pallet}.${field} list: the genesis format changed`);
  }
  const funded = new Set(patch.balances.balances.map(([account]) => account));
  for (const [account, amount] of balances) {
    if (funded.has(account)) throw new Error(`load account ${account} is already funded in the dev preset`);
    funded.add(account);
    // Amounts are u128: written as JSON numbers, exact for the round figures used here.
    patch.balances.balances.push([account, amount]);
  }
  patch.registrars.members.push(...registrars);
  patch.landRegistry.parcels.push(...parcels);
  spec.name = `${spec.name} (load)`;
  writeFileSync(path, JSON.stringify(spec));
  return { demoParcels: patch.landRegistry.parcels.length - parcels.length, registrars: patch.registrars.members.length };
}

/**
 * Starts `binary` on the chain spec `specPath` as `--dev` would (`--alice --force-authoring
 * --validator`), with its database in `basePath` (removed by `stop()`), RPC and p2p on free
 * loopback ports, its log in `logFile`. Resolves once it serves RPC and has authored block #1
 * (at most `timeoutMs`).
 */
export function startLoadNode({ binary, specPath, basePath, logFile, extraArgs = [], timeoutMs = 180_000 }) {
  return startDevNode({
    binary,
    chainArgs: [
      '--chain', specPath,
      '--alice',
      '--force-authoring',
      '--validator',
      '--base-path', basePath,
      // `--dev` lets a validator make up a network key; without it the key must be given.
      '--node-key', '0000000000000000000000000000000000000000000000000000000000000001',
    ],
    extraArgs,
    workDir: basePath,
    logFile,
    timeoutMs,
  });
}

/**
 * The node's own account of each block it authored, from its log: `🎁 Prepared block for
 * proposing at N (X ms) hash: H; parent_hash: P; end: REASON; extrinsics_count: K`, and `🔖
 * Pre-sealed block for proposal at N. Hash now S, previously H` (the hash of the proposal is the
 * one before Aura seals it). A map from the sealed block hash to `{ number, ms, end, extrinsics }`.
 */
export function authoringFromLog(logFile) {
  const text = readFileSync(logFile, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  const prepared = /Prepared block for proposing at (\d+) \((\d+) ms\) hash: (0x[0-9a-f]+); parent_hash: \S+; end: (\w+); extrinsics_count: (\d+)/g;
  const proposals = new Map();
  for (const match of text.matchAll(prepared)) {
    proposals.set(match[3], { number: Number(match[1]), ms: Number(match[2]), end: match[4], extrinsics: Number(match[5]) });
  }
  const byHash = new Map();
  for (const match of text.matchAll(/Pre-sealed block for proposal at \d+\. Hash now (0x[0-9a-f]+), previously (0x[0-9a-f]+)/g)) {
    const proposal = proposals.get(match[2]);
    if (proposal) byHash.set(match[1], proposal);
  }
  return byHash;
}
