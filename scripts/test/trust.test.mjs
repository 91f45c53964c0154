// No single key changes who owns land, on a real `landchain-node --dev --tmp`: one registrar's
// application changes nothing; a second registrar confirms it; the owner, told by `owner watch`,
// objects during the public notice; the council decides by motion. Also: an application nobody
// objects to is enacted after the notice, a registrar cannot approve its own purchase, a lender
// discharges its own mortgage, and the owner's anti-fraud restriction stops two registrars.
// Then what the registry's document index tells an auditor (`landchain auditor citations`): every
// record citing a deed, a lien notice and the discharge its release was applied for with, a page
// at a time, and where each record stands before and after the release is enacted.
// The dev chain's notice is 5 blocks (genesis preset), so each wait is about 15 s.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { applications, conveyance, council, registry, submit, waitForHeads } from '../src/index.mjs';
import { LAND, doc, eventsOf, hashOf, rejectsWith } from './helpers/chain.mjs';
import { scratchDir, startDevChain, stopDevChain } from './helpers/node.mjs';
import { ok, runCli } from './helpers/cli.mjs';

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

describe('which records cite a document (`auditor citations`)', { timeout: 300_000 }, () => {
  const DEED = 'deed LC-CITE C-1 and C-2';
  const deed = hashOf(DEED);
  const notice = hashOf('rates notice LC-CITE C-1');
  const discharge = hashOf('discharge of rates LC-CITE C-1');
  let parcels = [];
  let lien;
  let application;
  let noticeEnds;

  /** `landchain --json auditor citations …`, parsed. */
  const citations = async (...args) => JSON.parse(ok(await landchain(['--json', 'auditor', 'citations', ...args])));
  /** A citation without its cursor and state, to compare with what was recorded. */
  const record = ({ kind, parcel, revision, version, encumbrance, application: id }) =>
    JSON.stringify({ kind, parcel, revision, version, encumbrance, application: id });

  test('one deed for two parcels, a lien notice, and the lien\'s release applied for with a discharge', async () => {
    const register = (signer, reference) =>
      registry.registerParcel(
        api,
        signer,
        {
          jurisdiction: 'LC-CITE',
          reference,
          areaM2: 500,
          geometryHash: hashOf(`geometry ${reference}`),
          source: { kind: 'deed', documentHash: deed },
          owners: [{ account: 'charlie', share: '1/1' }],
        },
        inBlock,
      );
    parcels = (await Promise.all([register(signers.alice, 'C-1'), register(signers.bob, 'C-2')])).map((registered) => registered.parcel);
    ({ encumbrance: lien } = await registry.recordEncumbrance(
      api,
      signers.alice,
      { parcel: parcels[0], kind: 'lien', terms: { holder: 'eve', amount: 250n * LAND }, source: { kind: 'statutory', documentHash: notice } },
      inBlock,
    ));
    ({ application } = await applications.propose(
      api,
      signers.alice,
      { parcel: parcels[0], change: { release: { encumbrance: lien } }, source: { kind: 'discharge', documentHash: discharge } },
      inBlock,
    ));
    ({ noticeEnds } = await applications.confirm(api, signers.bob, { application }, inBlock));
  });

  test('the deed: each record citing it, for people and as JSON, and one page at a time', async () => {
    const all = await citations('--hash', deed);
    assert.equal(all.document, deed);
    assert.equal(all.next, null);
    const expected = parcels.flatMap((parcel) => [
      { kind: 'ParcelAttributes', parcel, revision: 0 },
      { kind: 'Title', parcel, version: 1 },
    ]);
    assert.deepEqual(all.citations.map(record).sort(), expected.map(record).sort());
    assert.deepEqual(all.citations.map((citation) => citation.state), ['current', 'current', 'current', 'current']);
    assert.equal(all.complete, true, 'a chain started at the registry\'s current storage version has the whole index');

    // For people, the deed given as its text and as its file: the same document.
    const scratch = scratchDir();
    try {
      const file = join(scratch.dir, 'deed.txt');
      writeFileSync(file, DEED);
      for (const given of [['--text', DEED], ['--file', file]]) {
        const text = ok(await landchain(['auditor', 'citations', ...given]));
        assert.match(text, new RegExp(`^document ${deed}$`, 'm'));
        for (const parcel of parcels) {
          assert.match(text, new RegExp(`Attributes of parcel ${parcel} as first recorded +current`));
          assert.match(text, new RegExp(`Title version 1 of parcel ${parcel} +current`));
        }
        assert.match(text, /^last page$/m);
        assert.doesNotMatch(text, /still being built/);
      }
    } finally {
      scratch.cleanup();
    }

    // One a page: four pages, in the same order, each but the last printing the next cursor.
    const walked = [];
    let after = null;
    do {
      const page = await citations('--hash', deed, '--page-size', '1', ...(after ? ['--after', after] : []));
      assert.equal(page.citations.length, 1, `page ${walked.length + 1}`);
      walked.push(page.citations[0]);
      after = page.next;
    } while (after && walked.length < 10);
    assert.deepEqual(walked, all.citations);
    const first = ok(await landchain(['auditor', 'citations', '--hash', deed, '--page-size', '3']));
    assert.equal(first.trim().split('\n').filter((line) => / of parcel /.test(line)).length, 3);
    const cursor = first.match(/^next page: --after (0x[0-9a-f]+)$/m)?.[1];
    assert.ok(cursor, first);
    const rest = ok(await landchain(['auditor', 'citations', '--hash', deed, '--page-size', '3', '--after', cursor]));
    assert.equal(rest.trim().split('\n').filter((line) => / of parcel /.test(line)).length, 1);
    assert.match(rest, /^last page$/m);
  });

  test('the lien notice and the discharge while the release is in notice; an unknown document, bad input', async () => {
    const recorded = await citations('--hash', notice);
    assert.deepEqual(recorded.citations.map(record), [record({ kind: 'EncumbranceRecorded', parcel: parcels[0], encumbrance: lien })]);
    assert.equal(recorded.citations[0].state, 'open');
    const applied = await citations('--hash', discharge);
    assert.deepEqual(applied.citations.map(record), [record({ kind: 'Application', parcel: parcels[0], application })]);
    assert.deepEqual([applied.citations[0].state, applied.citations[0].status, applied.citations[0].until], ['pending', 'InNotice', noticeEnds]);
    assert.match(ok(await landchain(['auditor', 'citations', '--hash', discharge])), new RegExp(`Application ${application} on parcel ${parcels[0]} +pending: in public notice until block #${noticeEnds}`));

    const unknown = hashOf('a document nobody recorded');
    assert.deepEqual(await citations('--hash', unknown), { document: unknown, citations: [], next: null, complete: true });
    assert.match(ok(await landchain(['auditor', 'citations', '--hash', unknown])), /^no record cites it$/m);

    const malformed = await landchain(['auditor', 'citations', '--hash', '0x1234']);
    assert.equal(malformed.code, 2, malformed.stderr);
    assert.match(malformed.stderr, /error: the document hash must be 32 bytes of 0x hex: "0x1234"/);
    const badCursor = await landchain(['auditor', 'citations', '--hash', deed, '--after', '0xzz']);
    assert.equal(badCursor.code, 2, badCursor.stderr);
    assert.match(badCursor.stderr, /error: not a cursor of a list of citations: "0xzz"/);
  });

  test('after the release is enacted, the discharge is cited by the release too, and the lien shows released', async () => {
    await reach(noticeEnds);
    await applications.enact(api, signers.ferdie, { application }, inBlock);
    const applied = await citations('--hash', discharge);
    assert.deepEqual(
      applied.citations.map(record).sort(),
      [record({ kind: 'Application', parcel: parcels[0], application }), record({ kind: 'EncumbranceReleased', parcel: parcels[0], encumbrance: lien })].sort(),
    );
    assert.deepEqual(applied.citations.map((citation) => `${citation.kind} ${citation.state}`).sort(), ['Application ended', 'EncumbranceReleased released']);
    const text = ok(await landchain(['auditor', 'citations', '--hash', discharge]));
    assert.match(text, new RegExp(`Release of encumbrance ${lien} on parcel ${parcels[0]} +released`));
    assert.match(text, new RegExp(`Application ${application} on parcel ${parcels[0]} +ended`));
    assert.equal((await citations('--hash', notice)).citations[0].state, 'released');
  });
});
