#!/usr/bin/env node
// The load generator (issue 15, "Load generator"): one run, one node, one machine. It builds a
// chain spec from the dev preset with thousands of funded accounts, extra registrars and
// pre-registered parcels, starts a real `landchain-node` on it as `--dev` would, and feeds it
// pre-signed transactions in phases:
//
//   prep       every mortgaged parcel's mortgage: owners' consents, then a registrar's record
//   transfers  `balances.transferKeepAlive` between funded accounts, as fast as the pool takes them
//   sales      complete sales (offer → consent → accept and fund → approve), pipelined
//   mixed      both at once: transfers at a share of the transfers phase's rate, sales saturating
//   register   bulk first registration: registrars' `utility.batchAll` of `registerParcel` calls
//
// It counts from finalized blocks' events (transfers, `conveyance.Settled`,
// `landRegistry.ParcelRegistered`), reads each block's weight and extrinsics, the node's authoring
// time from its log, and the pool's refusals, and writes a table, a JSON file, a CSV of blocks and
// a PNG chart. See scripts/bench/README.md.

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { WsProvider } from '@polkadot/api';
import { stringToU8a } from '@polkadot/util';
import { blake2AsU8a, encodeAddress } from '@polkadot/util-crypto';
import { Command, InvalidArgumentError } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { connect, disconnect } from '../src/index.mjs';
import { LoadAccounts } from './lib/accounts.mjs';
import { LoadEngine } from './lib/engine.mjs';
import { DEFAULT_NODE_BINARY, authoringFromLog, nodeVersion, startLoadNode, writeLoadSpec } from './lib/node.mjs';
import { JURISDICTION, genesisAdditions, makePlan } from './lib/plan.mjs';
import { chartPng, headline, phaseFigures, table } from './lib/report.mjs';
import { Submitter } from './lib/submitter.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** The sizes of the two modes; any of them can be overridden on the command line. */
const MODES = {
  short: { accounts: 100, parcels: 32, transfers: 240, registerBatches: 32, duration: 10, salesInFlight: 32, maxPending: 400, timeout: 170 },
  full: { accounts: 4000, parcels: 9000, transfers: 60000, registerBatches: 1300, duration: 60, salesInFlight: 3000, maxPending: 6000, timeout: 2400 },
};
const PHASES = ['transfers', 'sales', 'mixed', 'register'];
/** Blocks at a phase's start that its steady window leaves out: the pipeline filling up. */
const WARMUP_BLOCKS = { prep: 0, transfers: 1, sales: 4, mixed: 4, register: 1 };
/**
 * Registration batches pending (submitted, in no best block yet) between all registrars: this
 * many blocks' worth, so that the pool is never what limits a block and the next block's batches
 * are ready while one is authored; not more, for a batch is large and the pool re-validates its
 * transactions after every block.
 */
const REGISTER_BLOCKS_PENDING = 2;
/** The share of the parcels the sales phase may use when a mixed phase follows. */
const SALES_PHASE_SHARE = 0.6;
/** After how long an accepted transaction that is in no block is submitted again. */
const STALE_MS = 90_000;
/** How long a phase's last transactions may take to land in blocks once feeding stops. */
const DRAIN_MS = 120_000;

function positiveInt(text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError('a positive whole number');
  return value;
}
function nonNegativeInt(text) {
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError('a whole number, 0 or more');
  return value;
}
function positiveNumber(text) {
  const value = Number(text);
  if (!(value > 0)) throw new InvalidArgumentError('a positive number');
  return value;
}
function fraction(text) {
  const value = Number(text);
  if (!(value > 0 && value <= 1)) throw new InvalidArgumentError('a fraction in (0, 1]');
  return value;
}
function phaseList(text) {
  const list = text.split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of list) if (!PHASES.includes(name)) throw new InvalidArgumentError(`phases are ${PHASES.join(', ')}`);
  return PHASES.filter((name) => list.includes(name));
}

function options(argv) {
  const program = new Command()
    .name('load.mjs')
    .description('Load generator: transfers/s, settled sales/s and registrations/s of one landchain-node, counted from finalized blocks')
    .option('--short', 'CI mode: a few hundred transactions, well under 2 minutes')
    .option('--out <dir>', 'where to write table.txt, results.json, blocks.csv, throughput.png and node.log', join(here, 'out'))
    .option('--node <path>', 'the landchain-node binary (env LANDCHAIN_NODE)', DEFAULT_NODE_BINARY)
    .option('--accounts <n>', `funded accounts that send transfers (short ${MODES.short.accounts}, full ${MODES.full.accounts})`, positiveInt)
    .option('--parcels <n>', `pre-registered parcels for sale (short ${MODES.short.parcels}, full ${MODES.full.parcels})`, positiveInt)
    .option('--transfers <n>', `pre-signed transfers for the transfers phase (short ${MODES.short.transfers}, full ${MODES.full.transfers})`, positiveInt)
    .option('--register-batches <n>', `pre-signed batches for the register phase (short ${MODES.short.registerBatches}, full ${MODES.full.registerBatches})`, positiveInt)
    .option('--register-batch <n>', 'register phase: registerParcel calls in each utility.batchAll', positiveInt, 100)
    .option('--duration <seconds>', `how long each phase is fed (short ${MODES.short.duration}, full ${MODES.full.duration})`, positiveNumber)
    .option('--registrars <n>', 'extra registrars, who take turns recording mortgages and approving sales', positiveInt, 16)
    .option('--sales-in-flight <n>', `sales open at once (short ${MODES.short.salesInFlight}, full ${MODES.full.salesInFlight})`, positiveInt)
    .option('--max-pending <n>', `transfers submitted and not yet in a block, at most (short ${MODES.short.maxPending}, full ${MODES.full.maxPending})`, positiveInt)
    .option('--transfer-rate <perSecond>', 'transfers phase: submit at most this many a second (default: as fast as the pool takes them)', positiveNumber)
    .option('--mixed-share <fraction>', 'mixed phase: transfers offered at this share of the transfers phase\'s rate', fraction, 0.5)
    .option('--phases <list>', `phases to run, after the mortgage preparation, in this order: ${PHASES.join(', ')}`, phaseList, PHASES)
    .option('--national-scale <n>', 'generate n more parcels and titles into the genesis (`--chain national:<n>:<spec>`, see node/src/national.rs) and time `landRegistry_parcelsOf` over an institution\'s 100,000 of them', nonNegativeInt, 0)
    .option('--node-arg <arg...>', 'more arguments for landchain-node (e.g. --node-arg=--pool-limit=16384)')
    .option('--timeout <seconds>', `stop the whole run after this long (short ${MODES.short.timeout}, full ${MODES.full.timeout})`, positiveNumber)
    .parse(argv);
  const given = program.opts();
  const mode = given.short ? 'short' : 'full';
  const merged = { ...MODES[mode], ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)), mode };
  if (merged.registrars + 2 > 64) program.error('error: at most 62 extra registrars (the registrar set holds 64, Alice and Bob among them)');
  if (!existsSync(merged.node)) {
    program.error(`error: landchain-node not found at ${merged.node}: build it (cargo build --release -p landchain-node), or give --node or LANDCHAIN_NODE`);
  }
  merged.out = resolve(merged.out);
  return merged;
}

const run = promisify(execFile);
/** Whether a compiler is running on this machine (a build competing for the CPU). */
async function compiling() {
  for (const name of ['rustc', 'cargo']) {
    try {
      await run('pgrep', ['-x', name]);
      return true;
    } catch {
      // not running
    }
  }
  return false;
}

/**
 * Transfers/s of a phase in best blocks (`rows` from the engine): over its steady window, or its
 * whole span when the window is too short. 0 without the phase.
 */
function transferRate(phase, rows) {
  if (!phase) return 0;
  let window = rows.filter((row) => row.number >= phase.startBlock + phase.warmupBlocks && row.number <= phase.feedEndBlock);
  if (window.length < 2) window = rows.filter((row) => row.number >= phase.startBlock && row.number <= phase.endBlock);
  if (!window.length) return 0;
  const before = rows.find((row) => row.number === window[0].number - 1);
  const seconds = (window[window.length - 1].timestamp - (before?.timestamp ?? window[0].timestamp - 3_000)) / 1000;
  return seconds > 0 ? window.reduce((total, row) => total + row.transfers, 0) / seconds : 0;
}

/** The institution co-owning the first 100,000 national-scale parcels (node/src/national.rs). */
const INSTITUTION_PARCELS = 100_000;
const institution = (ss58) => encodeAddress(blake2AsU8a(stringToU8a('landchain-national/institution'), 256), ss58);

/**
 * Pages through the institution's 100,000 parcels with `landRegistry_parcelsOf` (100 a page, each
 * after the last id of the one before), timing every call at the client: `{ parcels, pages,
 * p50Ms, p99Ms, maxMs }`. Checks that every parcel came once.
 */
async function timeOwnerIndex(provider, ss58, say) {
  const account = institution(ss58);
  const seen = new Set();
  const times = [];
  let after = null;
  say(`owner index: paging through ${account}'s parcels`);
  for (let page = 0; page <= INSTITUTION_PARCELS / 100 + 1; page += 1) {
    const start = process.hrtime.bigint();
    const ids = await provider.send('landRegistry_parcelsOf', [account, after, 100]);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (ids.length === 0) break;
    ids.forEach((id) => seen.add(id));
    after = ids[ids.length - 1];
  }
  if (seen.size !== INSTITUTION_PARCELS) throw new Error(`the owner index listed ${seen.size} parcels, not ${INSTITUTION_PARCELS}`);
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2));
  const figures = { parcels: seen.size, pages: times.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: Number(sorted[sorted.length - 1].toFixed(2)) };
  say(`owner index: ${JSON.stringify(figures)}`);
  return figures;
}

async function main() {
  const opts = options(process.argv);
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const say = (line) => console.log(`[${elapsed()}] ${line}`);
  const watchdog = setTimeout(() => {
    console.error(`load: the run took longer than ${opts.timeout} s: stopping it`);
    process.exit(3);
  }, opts.timeout * 1000);
  watchdog.unref();

  mkdirSync(opts.out, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), 'landchain-load-'));
  const logFile = join(opts.out, 'node.log');
  rmSync(logFile, { force: true });
  const context = {
    node: `${await nodeVersion(opts.node)} (${opts.node})`,
    machine: `${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), load average ${loadavg()[0].toFixed(2)} at the start`,
    started: new Date(started).toISOString(),
    compilerSeen: await compiling(),
  };
  say(`mode ${opts.mode}; node ${context.node}`);
  if (context.compilerSeen) say('warning: a compiler (rustc/cargo) is running: the figures compete with it for the CPU');

  // ---- the chain spec -----------------------------------------------------------------------
  const accounts = await LoadAccounts.create();
  const plan = makePlan(opts);
  say(`deriving the keys of ${opts.accounts} transfer accounts, ${opts.parcels} parcels' owners and buyers, ${opts.registrars} registrars`);
  const additions = genesisAdditions(plan, accounts, { onProgress: (done, total) => say(`  keys: ${done}/${total}`) });
  const specPath = join(workDir, 'load-spec.json');
  const specInfo = await writeLoadSpec(opts.node, specPath, additions);
  context.sizes = `${additions.funded} funded load accounts (${opts.accounts} sending transfers), ${opts.parcels} parcels, ${specInfo.registrars} registrars`;
  say(`chain spec: ${context.sizes}`);

  let node = null;
  let api = null;
  let submitProvider = null;
  let engine = null;
  let compilerTicks = 0;
  let ticks = 0;
  try {
    const chain = opts.nationalScale > 0 ? `national:${opts.nationalScale}:${specPath}` : specPath;
    if (opts.nationalScale > 0) say(`national scale: the node generates ${opts.nationalScale} more parcels into the genesis (its log shows the progress)`);
    const nodeStarted = Date.now();
    node = await startLoadNode({
      binary: opts.node,
      specPath: chain,
      basePath: join(workDir, 'db'),
      logFile,
      extraArgs: opts.nodeArg ?? [],
      // Generating the genesis takes about 30 µs a parcel here; its trie and database as long again.
      timeoutMs: 180_000 + opts.nationalScale * 0.25,
    });
    context.nodeStartSeconds = Number(((Date.now() - nodeStarted) / 1000).toFixed(1));
    say(`node up at ${node.url} (pid ${node.pid}) after ${context.nodeStartSeconds} s`);
    api = await connect(node.url, { timeoutMs: 60_000 });
    submitProvider = new WsProvider(node.url, 1_000, {}, 60_000);
    await submitProvider.isReady;

    // Parcel ids: the load's parcels follow the demo parcels in genesis, in order.
    const idOf = async (reference) => {
      const id = await api.query.landRegistry.parcelByReference(JURISDICTION, reference);
      if (id.isNone) throw new Error(`parcel ${JURISDICTION} ${reference} is not registered: the genesis did not take the load's parcels`);
      return id.unwrap().toNumber();
    };
    const firstId = await idOf(plan.parcels[0].reference);
    plan.parcels.forEach((parcel, p) => {
      parcel.id = firstId + p;
    });
    const last = plan.parcels[plan.parcels.length - 1];
    if ((await idOf(last.reference)) !== last.id) throw new Error('the load parcels\' ids are not consecutive');

    if (opts.nationalScale >= INSTITUTION_PARCELS) {
      context.ownerIndex = await timeOwnerIndex(submitProvider, api.registry.chainSS58, say);
    }

    const submitter = new Submitter(submitProvider, { concurrency: 64 });
    engine = new LoadEngine({ api, submitter, accounts, plan });
    await engine.follow();
    const phases = [];

    const ticker = setInterval(async () => {
      ticks += 1;
      const resubmitted = engine.resubmitStale(STALE_MS);
      if (resubmitted) say(`  resubmitted ${resubmitted} transactions accepted over ${STALE_MS / 1000} s ago and still in no block`);
      if (await compiling()) compilerTicks += 1;
      const counted = engine.rows.reduce((acc, row) => ({ t: acc.t + row.transfers, s: acc.s + row.settled, r: acc.r + row.registered }), { t: 0, s: 0, r: 0 });
      const rejected = Object.values(submitter.rejections).flatMap(Object.values).reduce((a, b) => a + b, 0);
      say(
        `  ${engine.phase}: best #${engine.lastBest}, finalized #${engine.lastFinal}; pending transfers ${engine.pending.transfer}, ` +
          `open sales ${engine.openSales()}, pending batches ${engine.pending.register}; ` +
          `counted (finalized) ${counted.t} transfers, ${counted.s} sales, ${counted.r} registrations; pool rejections ${rejected}`,
      );
    }, 5_000);

    /** Runs one phase: `feed()` until it returns, then the drain; records its blocks. */
    const runPhase = async (name, feed, drained) => {
      // Its first block is the next one: every block before it must have been read.
      await engine.catchUp();
      engine.phase = name;
      const phase = { name, warmupBlocks: WARMUP_BLOCKS[name], startBlock: engine.lastBest + 1, startedAt: Date.now() };
      phases.push(phase);
      say(`phase ${name}: from block #${phase.startBlock}`);
      phase.fed = await feed();
      phase.feedEndBlock = engine.lastBest;
      say(`phase ${name}: fed until block #${phase.feedEndBlock}; draining`);
      try {
        await engine.waitFor(drained, Date.now() + DRAIN_MS, `phase ${name} to drain`);
      } catch (error) {
        phase.unfinished = { pendingTransactions: Object.values(engine.pending).reduce((a, b) => a + b, 0), openSales: engine.openSales() };
        say(`warning: ${error.message}: ${JSON.stringify(phase.unfinished)}; going on`);
      }
      phase.endBlock = phase.feedEndBlock;
      for (const tx of engine.txs.values()) {
        if (tx.phase === name && tx.bestBlock > phase.endBlock) phase.endBlock = tx.bestBlock;
      }
      say(`phase ${name}: done at block #${phase.endBlock}`);
    };

    // ---- prep: the mortgages --------------------------------------------------------------------
    const mortgaged = plan.parcels.filter((parcel) => parcel.kind.mortgaged).length;
    let prep = null;
    await runPhase(
      'prep',
      async () => {
        say(`mortgages on ${mortgaged} parcels: consents, then records`);
        prep = await engine.prepareMortgages(plan.parcels, { timeoutMs: DRAIN_MS * 2 });
        return { mortgages: prep.records - prep.failed };
      },
      () => engine.pending.prep === 0,
    );
    if (prep.failed) say(`warning: ${prep.failed} mortgages failed; their parcels are left out`);
    const usable = plan.parcels.filter((parcel) => !parcel.unusable);
    const salesParcels = opts.phases.includes('mixed') ? usable.slice(0, Math.ceil(usable.length * SALES_PHASE_SHARE)) : usable;
    const mixedParcels = usable.slice(salesParcels.length);

    // Pre-signed transactions a phase did not send (its time ran out) hold their signers' next
    // nonces: the mixed phase sends them first.
    let unsentTransfers = [];
    let unsoldParcels = [];

    // ---- transfers ------------------------------------------------------------------------------
    if (opts.phases.includes('transfers')) {
      say(`pre-signing ${opts.transfers} transfers`);
      const t0 = Date.now();
      const transfers = await engine.signTransfers(opts.transfers, { onProgress: (done, total) => say(`  signed ${done}/${total}`) });
      context.signMsPerTransfer = Number(((Date.now() - t0) / opts.transfers).toFixed(3));
      await runPhase(
        'transfers',
        async () => {
          const until = Date.now() + opts.duration * 1000;
          const sent = await engine.feedTransfers(transfers, { until, maxPending: opts.maxPending, rate: opts.transferRate });
          unsentTransfers = transfers.slice(sent);
          return { transfers: sent, exhausted: sent === transfers.length };
        },
        () => engine.pending.transfer === 0,
      );
    }

    // ---- sales ----------------------------------------------------------------------------------
    const salesDrained = () => engine.pending.sale === 0 && engine.openSales() === 0;
    if (opts.phases.includes('sales')) {
      say(`pre-signing ${salesParcels.length} offers`);
      (await engine.signOffers(salesParcels, { onProgress: (done, total) => say(`  signed ${done}/${total}`) })).forEach((tx, i) => {
        salesParcels[i].offerTx = tx;
      });
      await runPhase(
        'sales',
        async () => {
          const until = Date.now() + opts.duration * 1000;
          const started = await engine.feedSales(salesParcels, { until, inFlight: opts.salesInFlight });
          unsoldParcels = salesParcels.slice(started);
          return { sales: started, exhausted: started === salesParcels.length };
        },
        salesDrained,
      );
    }

    // ---- mixed ----------------------------------------------------------------------------------
    if (opts.phases.includes('mixed')) {
      const measured = transferRate(phases.find((phase) => phase.name === 'transfers'), engine.bestRows);
      const rate = Math.max(10, Math.round((measured || 200) * opts.mixedShare));
      const count = Math.max(0, Math.ceil(rate * opts.duration * 1.1) - unsentTransfers.length);
      say(`mixed phase: transfers offered at ${rate}/s (${opts.mixedShare} × ${measured ? measured.toFixed(0) : 'an assumed 200'}/s); pre-signing ${count} transfers and ${mixedParcels.length} offers`);
      const transfers = [...unsentTransfers, ...(await engine.signTransfers(count))];
      (await engine.signOffers(mixedParcels)).forEach((tx, i) => {
        mixedParcels[i].offerTx = tx;
      });
      mixedParcels.unshift(...unsoldParcels);
      await runPhase(
        'mixed',
        async () => {
          const until = Date.now() + opts.duration * 1000;
          const [sent, started] = await Promise.all([
            engine.feedTransfers(transfers, { until, maxPending: opts.maxPending, rate }),
            engine.feedSales(mixedParcels, { until, inFlight: opts.salesInFlight }),
          ]);
          return { transfers: sent, transferRate: rate, sales: started, exhausted: started === mixedParcels.length };
        },
        () => engine.pending.transfer === 0 && salesDrained(),
      );
    }

    // ---- register --------------------------------------------------------------------------------
    // Last: batches it does not send (its time ran out) leave gaps in their registrars' nonces.
    if (opts.phases.includes('register')) {
      say(`pre-signing ${opts.registerBatches} batches of ${opts.registerBatch} registrations`);
      const t0 = Date.now();
      const batches = await engine.signRegistrations(opts.registerBatches, opts.registerBatch, { onProgress: (done, total) => say(`  signed ${done}/${total}`) });
      context.signMsPerRegistration = Number(((Date.now() - t0) / (opts.registerBatches * opts.registerBatch)).toFixed(3));
      const perBlock = await engine.perBlock(batches[0]);
      const perSigner = Math.ceil((REGISTER_BLOCKS_PENDING * perBlock) / plan.registrars.length);
      say(`register phase: a block holds ${perBlock} batches by weight; at most ${perSigner} pending per registrar (${plan.registrars.length} registrars)`);
      await runPhase(
        'register',
        async () => {
          const until = Date.now() + opts.duration * 1000;
          const sent = await engine.feedRegistrations(batches, { until, perSigner });
          return { batches: sent, batchSize: opts.registerBatch, batchesPerBlock: perBlock, pendingPerRegistrar: perSigner, exhausted: sent === batches.length };
        },
        () => engine.pending.register === 0,
      );
    }

    // ---- finality, then the figures --------------------------------------------------------------
    const lastBlock = Math.max(...phases.map((phase) => phase.endBlock));
    say(`waiting for block #${lastBlock} to be finalized`);
    await engine.waitFor(() => engine.lastFinal >= lastBlock, Date.now() + 120_000, `block #${lastBlock} to be finalized`);
    clearInterval(ticker);
    engine.unfollow();
    const rows = engine.rows.filter((row) => row.number <= lastBlock);
    const blockTimeMs = Number(api.consts.aura.slotDuration.toString());
    const failures = {};
    for (const source of [engine.txFailures, engine.saleFailures]) {
      for (const [phase, reasons] of Object.entries(source)) {
        failures[phase] ??= {};
        for (const [reason, n] of Object.entries(reasons)) failures[phase][reason] = (failures[phase][reason] ?? 0) + n;
      }
    }
    const figures = phaseFigures({ phases, rows, authoring: authoringFromLog(logFile), rejections: submitter.rejections, failures, blockTimeMs });
    const head = headline(figures);
    context.compilerDuringRun = compilerTicks > 0 ? `a compiler was running during ${compilerTicks} of ${ticks} 5-second checks` : 'no compiler seen running';
    const counted = Object.fromEntries(['transfers', 'settled', 'registered'].map((key) => [key, rows.reduce((a, row) => a + row[key], 0)]));
    const results = {
      options: opts,
      context,
      headline: head,
      counted,
      submitted: submitter.stats,
      resubmissions: submitter.resubmissions,
      phases: figures,
      prep,
      salesStarted: engine.salesStarted,
      errors: engine.errors,
    };
    const ownerIndexLine = context.ownerIndex
      ? `landRegistry_parcelsOf over ${context.ownerIndex.parcels} parcels of one owner, ${context.ownerIndex.pages} pages of 100: p50 ${context.ownerIndex.p50Ms} ms, p99 ${context.ownerIndex.p99Ms} ms, max ${context.ownerIndex.maxMs} ms\n`
      : '';
    const text = `${table({ figures, head, context })}\n${ownerIndexLine}${context.compilerDuringRun}\n`;
    writeFileSync(join(opts.out, 'table.txt'), text);
    writeFileSync(join(opts.out, 'results.json'), `${JSON.stringify(results, (key, value) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`);
    writeFileSync(
      join(opts.out, 'blocks.csv'),
      stringify(
        rows.map((row) => ({
          number: row.number,
          timestamp: row.timestamp,
          phase: phases.find((phase) => row.number >= phase.startBlock && row.number <= phase.endBlock)?.name ?? '',
          extrinsics: row.extrinsics,
          transfers: row.transfers,
          settled: row.settled,
          registered: row.registered,
          ...Object.fromEntries(['offer', 'consent', 'accept', 'approve', 'mortgageConsent', 'mortgageRecord'].map((kind) => [kind, row.ours[kind] ?? 0])),
          failed: row.failed,
          ref_time: row.refTime.toString(),
          proof_size: row.proofSize.toString(),
          ref_time_pct: row.refTimePct,
        })),
        { header: true },
      ),
    );
    const png = await chartPng({
      rows,
      phases,
      blockTimeMs,
      title: `Landchain load: ${head.transfersPerSec ?? '—'} transfers/s, ${head.salesPerSec ?? '—'} settled sales/s, ${head.registrationsPerSec ?? '—'} registrations/s (finalized blocks)`,
    });
    writeFileSync(join(opts.out, 'throughput.png'), png);
    console.log(`\n${text}`);
    say(`wrote ${['table.txt', 'results.json', 'blocks.csv', 'throughput.png', 'node.log'].map((file) => join(opts.out, file)).join(', ')}`);
    if (engine.errors.length) {
      console.error(`load: errors while reading blocks:\n  ${engine.errors.join('\n  ')}`);
      process.exitCode = 1;
    }
  } finally {
    if (node) say('stopping the node');
    engine?.unfollow();
    engine?.submitter.close();
    await disconnect(api);
    await submitProvider?.disconnect().catch(() => {});
    if (node) {
      const stopping = Date.now();
      await node.stop();
      say(`node stopped (${((Date.now() - stopping) / 1000).toFixed(1)} s)`);
    }
    rmSync(workDir, { recursive: true, force: true });
  }
}

// Exit as soon as the run is over: the Polkadot.js providers' timers would keep the process
// alive for a while after their connections closed.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(`load: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
