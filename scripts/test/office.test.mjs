// A registry office's keys, end to end on a real `landchain-node --dev --tmp`, through the library
// the CLI uses. Registrar Alice, an office, appoints Dave as a `RegistryClerk` proxy: Dave
// registers a parcel as the office (Alice is its registrar of record, Dave pays the fee); through
// the proxy he can do nothing else (the office's money, a proxy of his own, a batch hiding a
// transfer: `system.CallFiltered`, and the office loses nothing); two clerks of one office are one
// registrar (a second office must confirm); the office removes him and stays a registrar, and his
// next call is refused (`proxy.NotProxy`). Then the 2-of-3 multisig account of Bob, Charlie and
// Eve is admitted as a registrar by council motion and registers a parcel once two of them sign.
// Then Eve signs as a hardware wallet does, with the runtime's metadata hash: accepted; with a
// hash one bit off, refused by the pool. Last, the fifth open council motion holds a deposit of its
// proposer's, which closing the motion returns.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { createKeyMulti, sortAddresses } from '@polkadot/util-crypto';
import {
  applications,
  council,
  decodeDispatchError,
  documents,
  metadataHash,
  registry,
  resolveAccount,
  submit,
} from '../src/index.mjs';
import { toPlain } from '../src/plain.mjs';
import { LAND, balances, doc, eventsOf, feesPaid, hashOf, rejectsWith } from './helpers/chain.mjs';
import { startDevChain, stopDevChain } from './helpers/node.mjs';

let node;
let api;
let signers;
let who;
const inBlock = { waitFor: 'inBlock', timeoutMs: 90_000 };
const DISTRICT = 'LC-OFFICE';

before(async () => {
  ({ node, api, signers, who } = await startDevChain());
}, { timeout: 150_000 });

after(() => stopDevChain({ node, api }), { timeout: 60_000 });

/** The unsigned `registerParcel` call of parcel `reference` in the office's district, Ferdie's. */
const registerCall = (reference) =>
  registry.registerParcelCall(api, {
    jurisdiction: DISTRICT,
    reference,
    areaM2: 500,
    landUse: 'residential',
    geometryHash: hashOf(`geometry ${DISTRICT} ${reference}`),
    source: doc('survey', `survey ${reference}`),
    owners: [{ account: 'ferdie', share: '1/1' }],
  });

/** The parcel id of `reference` in the office's district (at block `at`, else the best), or null. */
async function parcelByReference(reference, at) {
  const query = at ? await api.at(at) : api;
  const found = await query.query.landRegistry.parcelByReference(DISTRICT, reference);
  return found.isSome ? found.unwrap().toNumber() : null;
}

const nextParcelId = async () => (await api.query.landRegistry.nextParcelId()).toNumber();
const isRegistrar = async (account) => (await api.query.registrars.members()).map(String).includes(account);
const titleOf = async (parcel, at) => toPlain((await (at ? await api.at(at) : api).query.landRegistry.titles(parcel)).unwrap());

/**
 * What became of the call a proxy or a multisig dispatched, from the transaction's one
 * `section.method` event (`proxy.ProxyExecuted`, `multisig.MultisigExecuted`): the transaction
 * itself succeeds either way. `{ ok: true }`, or `{ ok: false, error: 'section.Name', docs }`.
 */
function outcome(receipt, section, method) {
  const found = receipt.records.filter(({ event }) => event.section === section && event.method === method);
  assert.equal(found.length, 1, `one ${section}.${method} among the transaction's events`);
  const result = found[0].event.data.result;
  if (result.isOk) return { ok: true };
  const error = decodeDispatchError(api, result.asErr);
  return { ok: false, error: error.section ? `${error.section}.${error.name}` : error.name, docs: error.docs };
}

/** `clerk` signs `call` for `office` through the office's proxy. Returns `{ receipt, ok, error, docs }`. */
async function asClerk(clerk, office, call) {
  const receipt = await submit(api, api.tx.proxy.proxy(who[office], null, call.method ?? call), signers[clerk], inBlock);
  return { receipt, ...outcome(receipt, 'proxy', 'ProxyExecuted') };
}

describe('a registry office delegates its registry work to a clerk\'s key, and nothing else', { timeout: 600_000 }, () => {
  /** The proxy deposit of an account with `count` proxies. */
  const proxyDeposit = (count) => api.consts.proxy.proxyDepositBase.toBigInt() + api.consts.proxy.proxyDepositFactor.toBigInt() * BigInt(count);
  const clerk = (account) => ({ delegate: account, proxyType: 'RegistryClerk', delay: 0 });
  let parcel;

  test('registrar Alice, an office, appoints Dave as a RegistryClerk: the deposit is reserved from the office', async () => {
    assert.ok(await isRegistrar(who.alice), 'Alice is a registrar on the dev chain');
    assert.ok(!(await isRegistrar(who.dave)), 'Dave is not');
    const start = await balances(api, [who.alice]);
    const receipt = await submit(api, api.tx.proxy.addProxy(who.dave, 'RegistryClerk', 0), signers.alice, inBlock);
    assert.deepEqual(eventsOf(receipt, 'proxy', 'ProxyAdded'), [{ delegator: who.alice, delegatee: who.dave, proxyType: 'RegistryClerk', delay: 0 }]);
    assert.deepEqual(toPlain(await api.query.proxy.proxies(who.alice)), [[clerk(who.dave)], proxyDeposit(1).toString()]);
    assert.equal(proxyDeposit(1), LAND + LAND / 10n, '1 LAND and 0.1 LAND per proxy');
    const end = await balances(api, [who.alice], receipt.blockHash);
    assert.equal(end[who.alice].reserved, start[who.alice].reserved + proxyDeposit(1));
    assert.equal(end[who.alice].free, start[who.alice].free - proxyDeposit(1) - feesPaid([receipt], who.alice));
  });

  test('Dave registers a parcel as the office: Alice is its registrar of record, Dave pays the fee', async () => {
    const next = await nextParcelId();
    const start = await balances(api, [who.alice, who.dave]);
    const { receipt, ok, error } = await asClerk('dave', 'alice', await registerCall('CLERK-1'));
    assert.ok(ok, `the registration through the proxy succeeded: ${error}`);
    const [registered] = eventsOf(receipt, 'landRegistry', 'ParcelRegistered');
    assert.deepEqual(
      { parcel: registered.parcel, jurisdiction: registered.jurisdiction, reference: registered.cadastralReference, origin: registered.origin },
      { parcel: next, jurisdiction: DISTRICT, reference: 'CLERK-1', origin: 'FirstRegistration' },
    );
    parcel = registered.parcel;
    const title = await titleOf(parcel);
    assert.equal(title.recordedBy, who.alice, 'the office, not the clerk, is the registrar of record');
    assert.deepEqual(title.owners, [{ account: who.ferdie, share: { numerator: 1, denominator: 1 } }]);
    const end = await balances(api, [who.alice, who.dave], receipt.blockHash);
    assert.deepEqual(end[who.alice], start[who.alice], 'the office paid nothing');
    assert.ok(feesPaid([receipt], who.dave) > 0n);
    assert.equal(end[who.dave].free, start[who.dave].free - feesPaid([receipt], who.dave), 'the clerk paid the fee');
    assert.ok(!(await isRegistrar(who.dave)), 'the clerk is still no registrar of his own');
  });

  test('through the proxy Dave can do nothing else: the office\'s money, a proxy of his own, a batch hiding a transfer', async () => {
    const next = await nextParcelId();
    const start = await balances(api, [who.alice, who.dave]);
    const transfer = api.tx.balances.transferKeepAlive(who.dave, 1_000n * LAND);
    const refused = [
      ['a transfer of the office\'s money', transfer],
      ['a proxy of any kind for himself', api.tx.proxy.addProxy(who.dave, 'Any', 0)],
      ['a batch of a registration and a transfer', api.tx.utility.batchAll([(await registerCall('CLERK-2')).method, transfer.method])],
    ];
    const receipts = [];
    for (const [what, call] of refused) {
      const { receipt, ok, error, docs } = await asClerk('dave', 'alice', call);
      receipts.push(receipt);
      assert.ok(!ok, `${what} was refused`);
      assert.equal(error, 'system.CallFiltered', what);
      assert.match(docs, /filter/i);
      assert.equal(eventsOf(receipt, 'system', 'ExtrinsicSuccess').length, 1, 'the proxy call itself is included and succeeds');
    }
    const end = await balances(api, [who.alice, who.dave]);
    assert.deepEqual(end[who.alice], start[who.alice], 'the office lost nothing, not even a fee');
    assert.equal(end[who.dave].free, start[who.dave].free - feesPaid(receipts, who.dave), 'the clerk received nothing and paid the fees');
    assert.equal(await nextParcelId(), next, 'nothing of the filtered batch was registered');
    assert.equal(await parcelByReference('CLERK-2'), null);
    assert.deepEqual(toPlain(await api.query.proxy.proxies(who.alice))[0], [clerk(who.dave)], 'the clerk did not promote himself');
  });

  test('two clerks of one office are one registrar: the second cannot confirm the first\'s application, another office can', async () => {
    await submit(api, api.tx.proxy.addProxy(who.eve, 'RegistryClerk', 0), signers.alice, inBlock);
    const propose = api.tx.landRegistry.proposeApplication(
      parcel,
      await applications.changeArg(api, { rectifyParcel: { areaM2: 510, landUse: 'residential', geometryHash: hashOf(`geometry ${DISTRICT} CLERK-1 resurveyed`) } }),
      documents.source(api, { kind: 'survey', documentHash: hashOf('resurvey CLERK-1') }),
    );
    const filed = await asClerk('dave', 'alice', propose);
    assert.ok(filed.ok, `Dave filed the application for the office: ${filed.error}`);
    const [proposed] = eventsOf(filed.receipt, 'landRegistry', 'ApplicationProposed');
    assert.equal(proposed.proposedBy, who.alice);
    const { application } = proposed;

    const second = await asClerk('eve', 'alice', api.tx.landRegistry.confirmApplication(application));
    assert.deepEqual({ ok: second.ok, error: second.error }, { ok: false, error: 'landRegistry.SameRegistrar' });
    assert.equal(eventsOf(second.receipt, 'landRegistry', 'ApplicationConfirmed').length, 0);

    const confirmed = await applications.confirm(api, signers.bob, { application }, inBlock);
    assert.ok(confirmed.noticeEnds > confirmed.receipt.blockNumber, 'a second office confirmed: the public notice runs');
    const [event] = eventsOf(confirmed.receipt, 'landRegistry', 'ApplicationConfirmed');
    assert.equal(event.confirmedBy, who.bob);
  });

  test('the office removes Dave: it stays a registrar, his deposit share returns, and his next call is NotProxy', async () => {
    const start = await balances(api, [who.alice]);
    const receipt = await submit(api, api.tx.proxy.removeProxy(who.dave, 'RegistryClerk', 0), signers.alice, inBlock);
    assert.deepEqual(eventsOf(receipt, 'proxy', 'ProxyRemoved'), [{ delegator: who.alice, delegatee: who.dave, proxyType: 'RegistryClerk', delay: 0 }]);
    assert.deepEqual(toPlain(await api.query.proxy.proxies(who.alice)), [[clerk(who.eve)], proxyDeposit(1).toString()], 'Eve is still a clerk');
    const end = await balances(api, [who.alice], receipt.blockHash);
    assert.equal(end[who.alice].reserved, start[who.alice].reserved - api.consts.proxy.proxyDepositFactor.toBigInt());
    assert.ok(await isRegistrar(who.alice), 'removing a clerk never touches the office\'s registrar record');

    const next = await nextParcelId();
    await rejectsWith(submit(api, api.tx.proxy.proxy(who.alice, null, (await registerCall('CLERK-3')).method), signers.dave, inBlock), 'proxy.NotProxy', /not a proxy/i);
    assert.equal(await nextParcelId(), next);
    assert.equal(await parcelByReference('CLERK-3'), null);
  });
});

describe('a 2-of-3 multisig account is admitted as a registrar and registers a parcel', { timeout: 600_000 }, () => {
  const threshold = 2;
  let signatories;
  let office;
  let call;
  let callHash;
  let maxWeight;
  let timepoint;
  let bobAtStart;
  let firstSignature;
  /** The other signatories of `account`, sorted as the chain wants them. */
  const others = (account) => signatories.filter((signatory) => signatory !== account);

  test('Bob, Charlie and Eve\'s 2-of-3 account is funded and admitted as a registrar by council motion', async () => {
    signatories = sortAddresses([who.bob, who.charlie, who.eve], api.registry.chainSS58);
    office = await resolveAccount(u8aToHex(createKeyMulti(signatories, threshold)), { api });
    assert.ok(!signatories.includes(office) && !(await isRegistrar(office)));
    await submit(api, api.tx.balances.transferKeepAlive(office, 100n * LAND), signers.alice, inBlock);
    assert.equal((await balances(api, [office]))[office].free, 100n * LAND);

    const motion = await council.propose(
      api,
      signers.alice,
      { call: await council.motionCalls.addRegistrar(api, office), threshold: await council.thresholdFor(api, 'majority') },
      inBlock,
    );
    assert.equal(motion.executed, false, 'one council member is not a majority');
    await council.vote(api, signers.bob, { motion: motion.hash }, inBlock);
    const closed = await council.close(api, signers.charlie, { motion: motion.hash }, inBlock);
    assert.ok(closed.executed);
    assert.ok(await isRegistrar(office), 'the multisig account is a registrar');
  });

  test('the first signature registers nothing: the call waits, with its depositor\'s deposit reserved', async () => {
    call = await registerCall('MULTI-1');
    callHash = call.method.hash.toHex();
    maxWeight = (await api.call.transactionPaymentCallApi.queryCallInfo(call.method, call.method.encodedLength)).weight;
    assert.ok(maxWeight.refTime.toBigInt() > 0n);
    const next = await nextParcelId();
    bobAtStart = (await balances(api, [who.bob]))[who.bob];

    const receipt = await submit(api, api.tx.multisig.asMulti(threshold, others(who.bob), null, call.method, maxWeight), signers.bob, inBlock);
    firstSignature = receipt;
    assert.deepEqual(eventsOf(receipt, 'multisig', 'NewMultisig'), [{ approving: who.bob, multisig: office, callHash }]);
    assert.equal(eventsOf(receipt, 'landRegistry', 'ParcelRegistered').length, 0);
    assert.equal(await nextParcelId(), next, 'one signature registers nothing');
    assert.equal(await parcelByReference('MULTI-1'), null);

    const pending = toPlain((await api.query.multisig.multisigs(office, callHash)).unwrap());
    const deposit = api.consts.multisig.depositBase.toBigInt() + api.consts.multisig.depositFactor.toBigInt() * BigInt(threshold);
    assert.deepEqual(
      { depositor: pending.depositor, approvals: pending.approvals, deposit: pending.deposit, height: pending.when.height },
      { depositor: who.bob, approvals: [who.bob], deposit: deposit.toString(), height: receipt.blockNumber },
    );
    timepoint = pending.when;
    const bob = (await balances(api, [who.bob], receipt.blockHash))[who.bob];
    assert.equal(bob.reserved, bobAtStart.reserved + deposit);
  });

  test('the second signature registers the parcel in that block, recorded by the multisig account', async () => {
    const next = await nextParcelId();
    const receipt = await submit(api, api.tx.multisig.asMulti(threshold, others(who.eve), timepoint, call.method, maxWeight), signers.eve, inBlock);
    assert.deepEqual(outcome(receipt, 'multisig', 'MultisigExecuted'), { ok: true });
    assert.deepEqual(eventsOf(receipt, 'multisig', 'MultisigExecuted'), [{ approving: who.eve, timepoint, multisig: office, callHash, result: { Ok: null } }]);
    const [registered] = eventsOf(receipt, 'landRegistry', 'ParcelRegistered');
    assert.equal(registered.parcel, next);
    assert.equal(registered.cadastralReference, 'MULTI-1');

    // Registered in the block of the second signature, not before.
    const header = await api.rpc.chain.getHeader(receipt.blockHash);
    assert.equal(await parcelByReference('MULTI-1', header.parentHash.toHex()), null);
    assert.equal(await parcelByReference('MULTI-1', receipt.blockHash), next);
    const title = await titleOf(next, receipt.blockHash);
    assert.equal(title.recordedBy, office, 'the multisig account is the registrar of record');
    assert.deepEqual(title.owners, [{ account: who.ferdie, share: { numerator: 1, denominator: 1 } }]);

    // Nothing of the operation is left; the first signatory's deposit is back.
    assert.ok((await api.query.multisig.multisigs(office, callHash)).isNone);
    const bob = (await balances(api, [who.bob], receipt.blockHash))[who.bob];
    assert.equal(bob.reserved, bobAtStart.reserved);
    assert.equal(bob.free, bobAtStart.free - feesPaid([firstSignature], who.bob), 'Bob paid only his fee');
  });
});

describe('hardware and offline signers: the metadata hash (CheckMetadataHash)', () => {
  test("a transaction signed with the runtime's metadata hash is accepted; one signed for other metadata is refused", async () => {
    const hash = await metadataHash(api);
    assert.match(hash, /^0x[0-9a-f]{64}$/);

    const receipt = await submit(api, api.tx.system.remarkWithEvent('signed as a Ledger signs'), signers.eve, { ...inBlock, metadataHash: hash });
    const block = await api.rpc.chain.getBlock(receipt.blockHash);
    const signed = block.block.extrinsics.find((extrinsic) => extrinsic.hash.toHex() === receipt.txHash);
    assert.equal(signed.mode.toNumber(), 1, 'the extrinsic carries mode 1: the hash is part of what was signed');
    assert.equal(eventsOf(receipt, 'system', 'Remarked').length, 1);

    // The same signer, a hash one bit off: the signature does not match what the runtime checks.
    const last = parseInt(hash.slice(-2), 16) ^ 1;
    const wrong = `${hash.slice(0, -2)}${last.toString(16).padStart(2, '0')}`;
    await assert.rejects(
      submit(api, api.tx.system.remarkWithEvent('signed for other metadata'), signers.eve, { ...inBlock, metadataHash: wrong }),
      (error) => error.name === 'PoolError' && /bad signature/i.test(error.message),
    );
  });
});

describe('council motions cost a deposit once several are open, and closing returns it', () => {
  test('the fifth open motion holds 1,000 LAND of its proposer; `council.close` returns it in the same transaction', async () => {
    // Motions left open (never closed), only to fill the free slots.
    const remark = (n) => api.tx.system.remarkWithEvent(`motion ${n}`);
    const open = (await council.motions(api)).length;
    // Bring the open motions to four (free ones), then Charlie proposes the fifth.
    for (let n = open; n < 4; n += 1) {
      await council.propose(api, signers.alice, { call: remark(n), threshold: 2, aye: false }, inBlock);
    }
    const before = (await balances(api, [who.charlie]))[who.charlie];
    // A motion the council may pass: the dev chain's notice periods, set again unchanged.
    const periods = api.tx.landRegistry.setNoticePeriods({ notice: 5, courtOrderNotice: 3, confirmation: 200 });
    const paid = await council.propose(api, signers.charlie, { call: periods, threshold: 2 }, inBlock);
    const held = (await balances(api, [who.charlie], paid.receipt.blockHash))[who.charlie];
    assert.equal(held.reserved - before.reserved, 1000n * LAND, 'the fifth open motion holds 1,000 LAND');
    const cost = await api.query.council.costOf(paid.hash);
    assert.ok(cost.isSome, 'the deposit is recorded for the motion');

    await council.vote(api, signers.bob, { motion: paid.hash }, inBlock);
    const closed = await council.close(api, signers.bob, { motion: paid.hash }, inBlock);
    assert.ok(closed.executed, 'two ayes of three pass it');
    assert.ok(closed.depositReturned, "closing returned the proposer's deposit");
    const after = (await balances(api, [who.charlie], closed.receipt.blockHash))[who.charlie];
    assert.equal(after.reserved, before.reserved, 'nothing is held for it any more');
    assert.ok((await api.query.council.costOf(paid.hash)).isNone);
  });
});
