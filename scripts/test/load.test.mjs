// The load generator (scripts/bench/load.mjs) in its short mode, as documented: it builds its
// chain spec, starts its own `landchain-node`, submits a few hundred transfers and complete sales
// (sole and two owners, with and without a mortgage) and a few registrars' batches of first
// registrations, and counts them from finalized blocks. This checks that what it counted is
// exactly what the pool accepted, that every sale settled, that every parcel of the accepted
// batches was registered, and that the table and the PNG chart were written. Bounded: the run is
// stopped after LOAD_TIMEOUT_MS, and the run stops its node however it ends.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { NODE_BINARY, scratchDir } from './helpers/node.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const LOAD = join(here, '..', 'bench', 'load.mjs');
/** The short mode finishes in well under 2 minutes; this leaves room on a slow machine. */
const LOAD_TIMEOUT_MS = 240_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Runs `node load.mjs args…`; resolves `{ code, output }`; SIGTERM (then SIGKILL) at the deadline. */
function runLoad(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LOAD, ...args], {
      env: { ...process.env, LANDCHAIN_NODE: NODE_BINARY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const stop = setTimeout(() => {
      output += `\n(test: the load generator ran longer than ${LOAD_TIMEOUT_MS / 1000} s: stopping it)\n`;
      // SIGTERM lets it stop its node; SIGKILL if it does not exit soon after.
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
    }, LOAD_TIMEOUT_MS);
    const killOnExit = () => child.kill('SIGTERM');
    process.once('exit', killOnExit);
    child.once('exit', (code, signal) => {
      clearTimeout(stop);
      process.removeListener('exit', killOnExit);
      resolve({ code: code ?? signal, output });
    });
  });
}

describe('the load generator, short mode, against a real node', { timeout: LOAD_TIMEOUT_MS + 60_000 }, () => {
  let scratch;
  let run;
  let results;

  before(async () => {
    scratch = scratchDir('landchain-load-test-');
    run = await runLoad(['--short', '--out', scratch.dir]);
    if (run.code === 0) results = JSON.parse(readFileSync(join(scratch.dir, 'results.json'), 'utf8'));
  }, { timeout: LOAD_TIMEOUT_MS + 30_000 });

  after(() => scratch?.cleanup());

  /** The run's results.json; a failed run fails every test with one clear message. */
  const ran = () => {
    assert.ok(results, 'the load generator did not finish: see "the run finishes"');
    return results;
  };

  test('the run finishes', () => {
    assert.equal(run.code, 0, `load.mjs --short failed:\n${run.output.split('\n').slice(-60).join('\n')}`);
    assert.deepEqual(results.errors, []);
  });

  test('every accepted transfer is counted once, from finalized blocks\' events', () => {
    ran();
    const transfer = results.submitted.transfer;
    assert.ok(results.counted.transfers > 0, 'no transfer counted');
    assert.equal(transfer.rejected, 0, `the pool refused transfers: ${JSON.stringify(results.phases.map((p) => p.rejections))}`);
    assert.equal(results.counted.transfers, transfer.accepted);
    assert.equal(transfer.accepted, transfer.submitted);
  });

  test('every sale started settles, counted from `conveyance.Settled` in finalized blocks', () => {
    ran();
    assert.ok(results.counted.settled > 0, 'no sale settled');
    assert.equal(results.counted.settled, results.submitted.approve.accepted);
    assert.equal(results.counted.settled, results.salesStarted);
    assert.equal(results.submitted.offer.accepted, results.salesStarted);
    // Mortgages on half the parcels, recorded before the sales; none failed.
    assert.ok(results.prep.records > 0);
    assert.equal(results.prep.failed, 0);
    for (const phase of results.phases) assert.deepEqual(phase.failures, {}, `failed dispatches in ${phase.name}`);
  });

  test('every parcel of the accepted batches is registered once, counted from `landRegistry.ParcelRegistered` in finalized blocks', () => {
    ran();
    const batches = results.submitted.register;
    const register = results.phases.find((phase) => phase.name === 'register');
    assert.ok(batches.accepted > 1, 'fewer than two registration batches accepted');
    assert.equal(batches.rejected, 0, `the pool refused batches: ${JSON.stringify(register.rejections)}`);
    assert.equal(batches.accepted, batches.submitted);
    assert.equal(register.fed.batches, batches.submitted);
    assert.equal(results.counted.registered, batches.accepted * results.options.registerBatch);
    assert.equal(register.registered, results.counted.registered, 'the register phase\'s blocks cover every registration');
    assert.deepEqual(register.failures, {});
  });

  test('each phase reports its throughput, fullness and authoring time', () => {
    ran();
    const byName = Object.fromEntries(results.phases.map((phase) => [phase.name, phase]));
    assert.deepEqual(Object.keys(byName), ['prep', 'transfers', 'sales', 'mixed', 'register']);
    assert.ok(byName.transfers.transfersPerSec > 0);
    assert.ok(byName.sales.salesPerSec > 0);
    assert.ok(byName.mixed.transfers > 0 && byName.mixed.settled > 0);
    assert.ok(byName.register.registrationsPerSec > 0);
    assert.ok(results.headline.nationalTitlesHours > 0);
    assert.ok(results.headline.ratio > 0);
    assert.ok(byName.transfers.fullness.refTimeMaxPct > 0);
    assert.ok(byName.transfers.extrinsics.max > 1);
    assert.ok(byName.transfers.authoringMs.blocks > 0, 'no authoring time read from the node log');
    const total = results.phases.reduce((sum, phase) => sum + phase.transfers, 0);
    assert.equal(total, results.counted.transfers, 'the phases\' blocks cover every counted transfer');
  });

  test('the table and the PNG chart are written', () => {
    ran();
    const text = readFileSync(join(scratch.dir, 'table.txt'), 'utf8');
    assert.match(text, /transfers\/s \(transfers phase\): \d/);
    assert.match(text, /settled sales\/s \(sales phase\): \d/);
    assert.match(text, /registrations\/s \(register phase\): \d/);
    assert.match(text, /26 M titles at this rate: +\d+(\.\d)? h/);
    assert.match(run.output, /ratio sales\/s ÷ transfers\/s/);
    const png = join(scratch.dir, 'throughput.png');
    assert.ok(existsSync(png));
    assert.ok(statSync(png).size > 10_000, 'the chart is suspiciously small');
    assert.deepEqual(readFileSync(png).subarray(0, 8), PNG_SIGNATURE);
    assert.match(readFileSync(join(scratch.dir, 'blocks.csv'), 'utf8'), /^number,timestamp,phase,extrinsics,transfers,settled,registered,/);
  });
});
