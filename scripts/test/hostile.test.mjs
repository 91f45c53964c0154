// Hostile input against a real `landchain-node --dev`: malformed JSON-RPC (bad JSON, wrong types,
// unknown methods, huge strings and arrays, deep nesting, oversize requests, a bounded batch
// flood), malformed, oversize and forged extrinsics, stale and future nonces, every bounded call
// argument at its bound and one past it, and the `landRegistry_*` methods with hostile
// parameters. Each must be refused with a clear error (or, at a bound, accepted), and after each
// group the node must still answer `system_health` and author blocks, its resident memory
// bounded (measured from /proc and printed).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { connect, cryptoReady, devUri, disconnect, vocabulary } from '../src/index.mjs';
import { startDevNode } from './helpers/node.mjs';

/** How much the node's resident memory may grow over the whole file. */
const MEMORY_GROWTH_LIMIT_MIB = 256;

let node;
let api;
let alice;
let rssAtStart;

/** The node's resident memory, in MiB (Linux /proc). */
function rssMiB() {
  const status = readFileSync(`/proc/${node.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

/** Sends `body` (a string, sent as is) to the node's JSON-RPC over HTTP; `{ status, reply }`. */
async function post(body, { timeoutMs = 30_000 } = {}) {
  const response = await fetch(`http://127.0.0.1:${node.rpcPort}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let reply = null;
  try {
    reply = JSON.parse(text);
  } catch {
    reply = text;
  }
  return { status: response.status, reply };
}

const call = (method, params = [], id = 1) => JSON.stringify({ jsonrpc: '2.0', id, method, params });

/** The JSON-RPC error of a reply, failing if there is none. */
function errorOf({ reply }, what) {
  assert.ok(reply && typeof reply === 'object' && reply.error, `${what}: expected an error, got ${JSON.stringify(reply).slice(0, 300)}`);
  assert.equal(typeof reply.error.message, 'string', `${what}: the error has a message`);
  return reply.error;
}

/** The node still answers and authors blocks; its memory is within bounds. */
async function assertHealthy(what) {
  const health = await post(call('system_health'));
  assert.equal(health.status, 200, `${what}: system_health answers`);
  assert.equal(typeof health.reply.result?.peers, 'number', `${what}: system_health has a result`);
  const number = async () => parseInt((await post(call('chain_getHeader'))).reply.result.number, 16);
  const before = await number();
  const deadline = Date.now() + 20_000;
  while ((await number()) <= before) {
    assert.ok(Date.now() < deadline, `${what}: the node stopped authoring blocks`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const rss = rssMiB();
  console.log(`after ${what}: healthy, block ${before + 1}+, resident memory ${rss.toFixed(0)} MiB`);
  assert.ok(rss - rssAtStart < MEMORY_GROWTH_LIMIT_MIB, `${what}: memory grew from ${rssAtStart.toFixed(0)} to ${rss.toFixed(0)} MiB`);
}

before(async () => {
  await cryptoReady();
  node = await startDevNode();
  api = await connect(node.url);
  alice = new Keyring({ type: 'sr25519' }).addFromUri(devUri('alice'));
  rssAtStart = rssMiB();
}, { timeout: 150_000 });

after(async () => {
  await disconnect(api);
  await node?.stop();
}, { timeout: 60_000 });

describe('malformed JSON-RPC is refused with the JSON-RPC error codes and the node stays up', () => {
  test('bad JSON, unknown methods, wrong types and missing parameters', async () => {
    assert.equal(errorOf(await post('{"jsonrpc": "2.0", "id": 1, "method": '), 'truncated JSON').code, -32700);
    assert.equal(errorOf(await post('not json at all'), 'not JSON').code, -32700);
    assert.equal(errorOf(await post(call('landRegistry_noSuchMethod')), 'unknown method').code, -32601);
    assert.equal(errorOf(await post(call('chain_getBlockHash', ['twelve'])), 'a string for a number').code, -32602);
    assert.equal(errorOf(await post(call('landRegistry_parcel', [{ parcel: 1 }])), 'an object for an id').code, -32602);
    assert.equal(errorOf(await post(call('landRegistry_title', [])), 'a missing parameter').code, -32602);
    assert.equal(errorOf(await post(call('landRegistry_parcel', [-1])), 'a negative id').code, -32602);
    assert.equal(errorOf(await post(call('landRegistry_parcel', [2 ** 70])), 'an id past u64').code, -32602);
    await assertHealthy('malformed requests');
  }, { timeout: 120_000 });

  test('huge strings and arrays, deep nesting and an oversize request', async () => {
    const huge = 'x'.repeat(4 * 1024 * 1024);
    const answered = await post(call('landRegistry_parcelByReference', [huge, huge]));
    assert.ok(answered.reply.error || answered.reply.result === null, 'a 4 MiB reference finds nothing or is refused');
    errorOf(await post(call('landRegistry_parcel', [Array.from({ length: 100_000 }, (_, i) => i)])), 'a 100,000-entry array for an id');
    const nested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    errorOf(await post(`{"jsonrpc":"2.0","id":1,"method":"landRegistry_parcel","params":${nested}}`), '100,000 levels of nesting');
    // A method without parameters ignores them, however deep: it answers or refuses, calmly.
    const ignored = await post(`{"jsonrpc":"2.0","id":1,"method":"system_health","params":${nested}}`);
    assert.ok(ignored.reply.result || ignored.reply.error, 'deeply nested ignored parameters are answered');
    // Larger than the server's request limit (15 MiB by default): refused before it is parsed.
    // The server may answer 413 or close the connection before reading it all: both refuse it.
    const oversize = await post(call('system_health', ['y'.repeat(16 * 1024 * 1024)])).catch((error) => ({
      status: `connection closed (${error.cause?.code ?? error.message})`,
      reply: null,
    }));
    console.log(`16 MiB request: ${oversize.status}`);
    assert.ok(oversize.status !== 200 || oversize.reply?.error, `an oversize request is refused (HTTP ${oversize.status})`);
    await assertHealthy('huge input');
  }, { timeout: 180_000 });

  test('a bounded batch flood is answered or refused as a whole, and the node keeps serving', async () => {
    const batch = JSON.stringify(Array.from({ length: 2_000 }, (_, i) => JSON.parse(call('system_health', [], i))));
    for (let round = 0; round < 5; round += 1) {
      const { status, reply } = await post(batch, { timeoutMs: 60_000 });
      assert.ok(status === 200 || status === 413, `round ${round}: HTTP ${status}`);
      assert.ok(Array.isArray(reply) ? reply.length === 2_000 : reply?.error, `round ${round}: one answer per request, or one refusal`);
    }
    await assertHealthy('batch flood');
  }, { timeout: 300_000 });
});

describe('the landRegistry_* methods take hostile parameters calmly', () => {
  test('unknown ids, huge page sizes and unknown blocks', async () => {
    for (const method of ['landRegistry_parcel', 'landRegistry_title']) {
      // The largest u64, written as JSON (a JavaScript number cannot hold it exactly).
      const largest = await post(`{"jsonrpc":"2.0","id":1,"method":"${method}","params":[18446744073709551615]}`);
      assert.equal(largest.reply.result, null, `${method} of the largest id is null`);
      assert.equal((await post(call(method, [9_999_999]))).reply.result, null, `${method} of an unknown id is null`);
    }
    assert.deepEqual((await post(call('landRegistry_encumbrances', [9_999_999]))).reply.result, []);
    assert.deepEqual((await post(call('landRegistry_applications', [9_999_999]))).reply.result, []);
    const charlie = new Keyring({ type: 'sr25519' }).addFromUri(devUri('charlie')).address;
    const page = (await post(call('landRegistry_parcelsOf', [charlie, null, 4_294_967_295]))).reply.result;
    assert.ok(Array.isArray(page) && page.length <= 100, 'the largest page size is cut to the maximum page (100)');
    errorOf(await post(call('landRegistry_parcelsOf', [charlie, null, 4_294_967_296])), 'a page size past u32');
    errorOf(await post(call('landRegistry_parcelsOf', ['not an account'])), 'a malformed account');
    const history = (await post(call('landRegistry_titleHistory', [1, 0, 4_294_967_295]))).reply.result;
    assert.ok(Array.isArray(history) && history.length <= 100, 'title history pages are cut to 100');
    const unknownBlock = `0x${'ab'.repeat(32)}`;
    const atUnknown = errorOf(await post(call('landRegistry_title', [1, unknownBlock])), 'an unknown block');
    assert.match(atUnknown.message + JSON.stringify(atUnknown.data ?? ''), /block|fail/i);
    await assertHealthy('hostile registry queries');
  }, { timeout: 120_000 });
});

describe('malformed, forged and misplaced extrinsics are refused before they reach a block', () => {
  const submitHex = async (hex) => post(call('author_submitExtrinsic', [hex]));

  test('garbage, truncated and oversize extrinsics do not decode', async () => {
    for (const hex of ['0x', '0x00', '0xdeadbeef', `0x${'ff'.repeat(300)}`]) {
      const error = errorOf(await submitHex(hex), `extrinsic ${hex.slice(0, 12)}`);
      assert.match(error.message + (error.data ?? ''), /decode|invalid|verification/i, hex.slice(0, 12));
    }
    const remark = await api.tx.system.remark('0x01').signAsync(alice, { nonce: -1 });
    const truncated = remark.toHex().slice(0, -10);
    errorOf(await submitHex(truncated), 'a truncated signed extrinsic');
    // A remark of 6 MiB: more than a block may hold.
    const big = await api.tx.system.remark(`0x${'00'.repeat(6 * 1024 * 1024)}`).signAsync(alice, { nonce: -1 });
    const tooBig = errorOf(await submitHex(big.toHex()), 'an extrinsic larger than a block');
    console.log(`6 MiB extrinsic: ${tooBig.message} ${tooBig.data ?? ''}`);
    await assertHealthy('malformed extrinsics');
  }, { timeout: 180_000 });

  test('a forged signature, a stale nonce and a future nonce', async () => {
    const nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
    const signed = await api.tx.system.remark('0x02').signAsync(alice, { nonce });
    const signature = signed.signature.toHex().slice(2);
    const flipped = signature.slice(0, -2) + (signature.endsWith('00') ? '01' : '00');
    const forged = signed.toHex().replace(signature, flipped);
    assert.notEqual(forged, signed.toHex());
    const bad = errorOf(await submitHex(forged), 'a forged signature');
    assert.match(bad.message + (bad.data ?? ''), /signature/i);

    // Used once, then the same nonce again: outdated.
    const hash = (await submitHex(signed.toHex())).reply.result;
    assert.ok(hash, 'the genuine transaction is accepted');
    const deadline = Date.now() + 30_000;
    const onChainNonce = async () => (await api.query.system.account(alice.address)).nonce.toNumber();
    while ((await onChainNonce()) <= nonce) {
      assert.ok(Date.now() < deadline, 'the genuine transaction was included');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const stale = await api.tx.system.remark('0x03').signAsync(alice, { nonce });
    const outdated = errorOf(await submitHex(stale.toHex()), 'a stale nonce');
    assert.match(outdated.message + (outdated.data ?? ''), /outdated|stale/i);

    // A nonce far ahead waits in the pool's future queue and is never included out of order.
    const ahead = await api.tx.system.remark('0x04').signAsync(alice, { nonce: nonce + 50 });
    const queued = await submitHex(ahead.toHex());
    assert.ok(queued.reply.result, 'a future transaction is queued, not included');
    const before = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
    await assertHealthy('forged and misplaced transactions');
    const onChain = (await api.query.system.account(alice.address)).nonce.toNumber();
    assert.ok(onChain < nonce + 50, `the future transaction was not included (on-chain nonce ${onChain}, next ${before})`);
  }, { timeout: 180_000 });

  test('every bounded call argument: accepted at its bound, refused one past it', async () => {
    const { limits } = vocabulary.vocabulary(api);
    const source = { kind: 'Survey', documentHash: `0x${'11'.repeat(32)}`, uri: null };
    const attributes = { areaM2: 100, landUse: 'Residential', geometryHash: `0x${'22'.repeat(32)}` };
    const text = (length, fill = 'a') => fill.repeat(length);
    const owners = (count) =>
      Array.from({ length: count }, (_, i) => ({
        account: new Keyring({ type: 'sr25519' }).addFromUri(`//Hostile${i}`).address,
        share: { numerator: 1, denominator: count },
      }));
    const register = ({ jurisdiction = 'LC-HOSTILE', reference, ownerCount = 1, uri = null }) =>
      api.tx.landRegistry.registerParcel(jurisdiction, reference, attributes, { ...source, uri }, owners(ownerCount), 'Freehold');
    const children = (count) =>
      Array.from({ length: count }, (_, i) => ({ cadastralReference: `H-CHILD-${i}`, attributes }));
    const cases = [
      ['owners', (n) => register({ reference: `H-OWNERS-${n}`, ownerCount: n }), limits.owners],
      ['jurisdiction bytes', (n) => register({ jurisdiction: text(n), reference: `H-JUR-${n}` }), limits.jurisdiction],
      ['cadastral reference bytes', (n) => register({ reference: text(n, String(n % 10)) }), limits.reference],
      ['document URI bytes', (n) => register({ reference: `H-URI-${n}`, uri: text(n) }), limits.uri],
      ['split children', (n) => api.tx.landRegistry.splitParcel(1, children(n), source), limits.children],
      ['merged parcels', (n) => api.tx.landRegistry.mergeParcels(Array.from({ length: n }, (_, i) => i + 1), 'H-MERGED', attributes.geometryHash, 'Residential', source), limits.mergedParcels],
      ['grantees', (n) => api.tx.conveyance.offer(1, alice.address, owners(n), 1, 1_000, source), limits.grantees],
    ];
    let nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
    for (const [what, build, bound] of cases) {
      assert.ok(Number.isInteger(bound) && bound > 0, `${what}: the chain states its bound`);
      const atBound = await build(bound).signAsync(alice, { nonce });
      const accepted = await submitHex(atBound.toHex());
      assert.ok(accepted.reply.result, `${what}: ${bound} is a valid transaction (${JSON.stringify(accepted.reply.error)})`);
      nonce += 1;
      const past = await build(bound + 1).signAsync(alice, { nonce });
      // The pool hands the runtime bytes it cannot decode as a transaction: Substrate's runtime
      // API aborts on such input (the node survives and refuses the transaction with
      // "Execution failed"). The CLI refuses such a list first, naming the chain's bound.
      const refused = errorOf(await submitHex(past.toHex()), `${what}: ${bound + 1}`);
      assert.match(refused.message + (refused.data ?? ''), /decode|Execution failed/i, `${what}: ${bound + 1} is refused`);
    }
    await assertHealthy('bounded arguments');
  }, { timeout: 240_000 });
});
