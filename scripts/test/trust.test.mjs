// No single key changes who owns land, on a real `landchain-node --dev --tmp`: one registrar's
// application changes nothing; a second registrar confirms it; the owner, told by `owner watch`,
// objects during the public notice; the council decides by motion. Also: an application nobody
// objects to is enacted after the notice, a registrar cannot approve its own purchase, a lender
// discharges its own mortgage, and the owner's anti-fraud restriction stops two registrars.
// The dev chain's notice is 5 blocks (genesis preset), so each wait is about 15 s.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { applications, conveyance, council, registry, submit, waitForHeads } from '../src/index.mjs';
import { LAND, doc, eventsOf, hashOf, rejectsWith } from './helpers/chain.mjs';
import { startDevChain, stopDevChain } from './helpers/node.mjs';
import { runCli } from './helpers/cli.mjs';

let node;
let api;
let signers;
let who;
const inBlock = { waitFor: 'inBlock', timeoutMs: 90_000 };

const landchain = (args, options) => runCli(node.url, args, options);

/** Waits until block `number` is finalized, so that an application whose notice ends there can be enacted. */
async function reach(number) {
  await waitForHeads(api, (h) => h.best >= number && h.finalized >= number - 1, { timeoutMs: 120_000, what: `block #${number}` });
}

/** Two thirds of the council (Alice, Bob, Charlie) pass `call`: Alice proposes, Bob votes, Charlie closes. */
async function councilPasses(call) {
  const motion = await council.propose(api, signers.alice, { call, threshold: await council.thresholdFor(api, 'majority') }, inBlock);
  await council.vote(api, signers.bob, { motion: motion.hash }, inBlock);
  return council.close(api, signers.charlie, { motion: motion.hash }, inBlock);
}

before(async () => {
  ({ node, api, signers, who } = await startDevChain());
}, { timeout: 150_000 });

after(() => stopDevChain({ node, api }), { timeout: 60_000 });

describe('no single key changes who owns land', { timeout: 900_000 }, () => {
  let parcel;
  let startBlock;

  test('a parcel of Dave\'s, mortgaged to Eve with his consent', async () => {
    startBlock = (await api.rpc.chain.getHeader()).number.toNumber();
    const registered = await registry.registerParcel(
      api,
      signers.alice,
      {
        jurisdiction: 'LC-TRUST',
        reference: 'T-1',
        areaM2: 800,
        geometryHash: hashOf('geometry T-1'),
        source: doc('survey', 'survey T-1'),
        owners: [{ account: 'dave', share: '1/1' }],
      },
      inBlock,
    );
    parcel = registered.parcel;
    await registry.consentToMortgage(api, signers.dave, { parcel, lender: 'eve', amount: 300n * LAND, rank: 1 }, inBlock);
    await registry.recordEncumbrance(api, signers.alice, { parcel, kind: 'mortgage', terms: { lender: 'eve', amount: 300n * LAND, rank: 1 }, source: doc('mortgage-instrument', 'charge T-1') }, inBlock);
  });

  test('one registrar\'s application to take the title changes nothing; it cannot confirm it itself', async () => {
    const before = (await api.query.landRegistry.titles(parcel)).unwrap().toHex();
    const proposed = await applications.propose(api, signers.alice, { parcel, change: { rectifyTitle: { owners: [{ account: 'ferdie', share: '1/1' }] } }, source: doc('statutory', 'rectification T-1') }, inBlock);
    assert.deepEqual(proposed.affected, [who.dave]);
    assert.equal((await api.query.landRegistry.titles(parcel)).unwrap().toHex(), before);
    await rejectsWith(applications.confirm(api, signers.alice, { application: proposed.application }, inBlock), 'landRegistry.SameRegistrar');
    await rejectsWith(applications.enact(api, signers.ferdie, { application: proposed.application }, inBlock), 'landRegistry.WrongApplicationStatus');
    const list = await applications.pending(api, parcel);
    assert.equal(list.length, 1);
    assert.equal(list[0].id, proposed.application);
    await applications.withdraw(api, signers.alice, { application: proposed.application }, inBlock);
    assert.deepEqual(await applications.pending(api, parcel), []);
  });

  test('the owner is alerted, objects during the notice, and the council dismisses the application', async () => {
    const proposed = await applications.propose(api, signers.bob, { parcel, change: { release: { encumbrance: 1 } }, source: doc('discharge', 'forged discharge') }, inBlock);
    const application = proposed.application;
    assert.deepEqual([...proposed.affected].sort(), [who.dave, who.eve].sort(), 'the owner and the lender may object');
    const confirmed = await applications.confirm(api, signers.alice, { application }, inBlock);
    assert.ok(confirmed.noticeEnds > 0);

    // Dave's property alert, over the blocks so far: the application and its confirmation.
    await waitForHeads(api, (h) => h.finalized >= confirmed.receipt.blockNumber, { timeoutMs: 60_000, what: 'the confirmation to be final' });
    const until = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    const watched = await landchain(['owner', 'watch', 'dave', '--from', String(startBlock), '--until', String(until)]);
    assert.equal(watched.code, 0, watched.stderr);
    assert.match(watched.stdout, new RegExp(`ALERT #\\d+ landRegistry\\.ApplicationProposed parcel ${parcel} .*application=${application}`));
    assert.match(watched.stdout, new RegExp(`landRegistry\\.ApplicationConfirmed parcel ${parcel} .*application=${application}`));
    // With --exit-on-alert, a script stops at the first alert with status 7.
    const first = await landchain(['owner', 'watch', 'dave', '--from', String(startBlock), '--until', String(until), '--exit-on-alert']);
    assert.equal(first.code, 7, first.stderr);
    assert.equal(first.stdout.trim().split('\n').length, 1);

    // Dave objects; after the notice nobody can enact it.
    await applications.object(api, signers.dave, { application, grounds: hashOf('I never agreed') }, inBlock);
    await rejectsWith(applications.object(api, signers.ferdie, { application, grounds: hashOf('meddling') }, inBlock), 'landRegistry.NotAffected');
    await reach(confirmed.noticeEnds);
    await rejectsWith(applications.enact(api, signers.ferdie, { application }, inBlock), 'landRegistry.WrongApplicationStatus');
    assert.equal((await api.query.landRegistry.encumbrances(parcel)).length, 1, 'the mortgage stands');

    // A single registrar's key cannot decide: only the council.
    await rejectsWith(submit(api, applications.decideObjectionCall(api, { application, enact: true }), signers.alice, inBlock), 'BadOrigin');
    const closed = await councilPasses(applications.decideObjectionCall(api, { application, enact: false }));
    assert.ok(closed.executed);
    assert.deepEqual(eventsOf(closed.receipt, 'landRegistry', 'ApplicationClosed').map((e) => e.end), ['Dismissed']);
    assert.equal((await api.query.landRegistry.encumbrances(parcel)).length, 1, 'the mortgage still stands');
    assert.deepEqual(await applications.pending(api, parcel), []);
  });

  test('unopposed, two registrars\' application takes effect after the notice; the owner sees it', async () => {
    const proposed = await applications.propose(api, signers.alice, { parcel, change: { rectifyParcel: { areaM2: 810, landUse: 'residential', geometryHash: hashOf('geometry T-1 corrected') } }, source: doc('survey', 'resurvey T-1') }, inBlock);
    const confirmed = await applications.confirm(api, signers.bob, { application: proposed.application }, inBlock);
    await reach(confirmed.noticeEnds);
    const enacted = await applications.enact(api, signers.ferdie, { application: proposed.application }, { waitFor: 'finalized', timeoutMs: 90_000 });
    assert.equal(eventsOf(enacted.receipt, 'landRegistry', 'ParcelRectified').length, 1);
    assert.equal((await api.query.landRegistry.parcels(parcel)).unwrap().attributes.areaM2.toNumber(), 810);
    const run = await landchain(['owner', 'watch', 'dave', '--from', String(enacted.receipt.blockNumber), '--until', String(enacted.receipt.blockNumber)]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /landRegistry\.ParcelRectified/);
    assert.match(run.stdout, /landRegistry\.ApplicationEnacted/);
  });

  test('the owner\'s restriction stops two registrars; removing it needs the owner', async () => {
    await applications.restrict(api, signers.dave, { parcel }, inBlock);
    await rejectsWith(
      applications.propose(api, signers.alice, { parcel, change: { rectifyTitle: { owners: [{ account: 'ferdie', share: '1/1' }] } }, source: doc('statutory', 'again') }, inBlock),
      'landRegistry.TitleRestricted',
    );
    await rejectsWith(applications.unrestrict(api, signers.ferdie, { parcel }, inBlock), 'landRegistry.NoRestriction');
    await applications.unrestrict(api, signers.dave, { parcel }, inBlock);
  });

  test('a registrar cannot approve its own purchase; the lender discharges its own mortgage', async () => {
    // Dave sells to Bob, a registrar.
    const offered = await conveyance.offer(api, signers.dave, { parcel, buyer: 'bob', price: 1_000n * LAND, deadlineBlocks: 500, deed: doc('deed', 'deed T-1') }, inBlock);
    await conveyance.acceptAndFund(api, signers.bob, { offer: offered.offer }, inBlock);
    await rejectsWith(registry.approveTransfer(api, signers.bob, { offer: offered.offer }, inBlock), 'conveyance.ConflictOfInterest');
    // Eve, repaid elsewhere, discharges her mortgage herself, even under the open sale.
    const discharged = await applications.discharge(api, signers.eve, { parcel, encumbrance: 1 }, inBlock);
    assert.deepEqual(eventsOf(discharged.receipt, 'landRegistry', 'DischargedByHolder'), [{ parcel, encumbrance: 1, holder: who.eve }]);
    const approved = await registry.approveTransfer(api, signers.alice, { offer: offered.offer }, inBlock);
    assert.equal(approved.title.owners[0].account, who.bob);
  });
});
