// Key-loss recovery end to end on a real `landchain-node --dev --tmp`, through the CLI and the
// library it uses. Charlie owns parcel 1 (under his own restriction) and a third of parcel 4, and
// lends on a mortgage of parcel 3. He loses his key: the identity office (Bob) has attested him
// and attests his new account as the same person; Alice proposes — after checking his revealed
// identifier against both attestations — the recovery of every parcel he holds something on, in
// one batch; Bob confirms them in one; after the notice anyone enacts them: parcel 1's and 4's
// titles name the new account with his shares, the mortgage and the restriction (its deposit
// too) are the new account's, and it acts as owner while the old key cannot. Eve, whose key is
// not lost, vetoes the recovery of her parcel 2 with `owner veto-recovery`: it is closed, the
// title unchanged, and it cannot be enacted. Refused: an unattested replacement
// (`PartyNotVerified`), another kind of party (`PartyKindMismatch`), a stranger's veto
// (`NotLostKey`), an identifier that does not open the attestation (nothing is sent). `owner
// watch` alerts Charlie to the recovery with the command line that vetoes it, and to his
// attestation. The dev chain's notice is 5 blocks; independent transactions of different signers
// share blocks, so the file runs in about a minute.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { applications, parties, plainEvent, recovery, registry, resolveSigner, submit, submitAll, waitForHeads } from '../src/index.mjs';
import { toPlain } from '../src/plain.mjs';
import { LAND, balances, doc, rejectsWith } from './helpers/chain.mjs';
import { startDevChain, stopDevChain } from './helpers/node.mjs';
import { ok, runCli } from './helpers/cli.mjs';

let node;
let api;
let signers;
let who;
const inBlock = { waitFor: 'inBlock', timeoutMs: 90_000 };

/** The new accounts (secret URIs): Charlie's and Eve's replacements, a company, an unattested one. */
const URIS = { charlieNew: '//Charlie//recovered', eveNew: '//Eve//recovered', daveCo: '//DaveHoldings', nobody: '//Nobody' };
const fresh = {};

const landchain = (args, options) => runCli(node.url, args, options);

/** The current title of a parcel, as plain data. */
const titleOf = async (parcel) => toPlain((await api.query.landRegistry.titles(parcel)).unwrap());

/** The events of a block, as plain data. */
const blockEvents = async (hash) => (await api.query.system.events.at(hash)).map(plainEvent);

/** Waits until block `number` is finalized, so that an application whose notice ends there can be enacted. */
async function reach(number) {
  await waitForHeads(api, (h) => h.best >= number && h.finalized >= number - 1, { timeoutMs: 120_000, what: `block #${number}` });
}

before(async () => {
  ({ node, api, signers, who } = await startDevChain());
  for (const [name, uri] of Object.entries(URIS)) signers[name] = await resolveSigner(uri, { api });
  for (const name of Object.keys(URIS)) fresh[name] = signers[name].address;
}, { timeout: 150_000 });

after(() => stopDevChain({ node, api }), { timeout: 60_000 });

describe('key-loss recovery: two registrars, the notice, the lost key\'s veto', { timeout: 600_000 }, () => {
  // Charlie's national id as the identity office records it, and the salts of his two
  // attestations: what he reveals at the office to prove both keys are his.
  const IDENTIFIER = 'NID-1975-02-11-40417';
  const salts = { charlie: parties.newSalt(), charlieNew: parties.newSalt() };
  let startBlock;
  let mortgage;
  const charlieApps = [];
  let eveApp;
  let noticeEnds;
  let parcel2Title;
  let parcel4Owners;

  test('Charlie holds parcel 1 (restricted), a third of parcel 4 and a mortgage on Eve\'s parcel 3; the office attests him and his new account as one person', async () => {
    startBlock = (await api.rpc.chain.getHeader()).number.toNumber();
    const expiresAt = startBlock + 10_000;
    const attest = (party, kind, salt = parties.newSalt()) =>
      parties.attestCall(api, { party, kind, commitment: parties.commitment({ salt, identifier: IDENTIFIER, account: party }), expiresAt });
    // Four signers, one block.
    await Promise.all([
      submit(api, api.tx.balances.transferKeepAlive(fresh.charlieNew, 1_000n * LAND), signers.alice, inBlock),
      submitAll(
        api,
        [
          attest(who.charlie, 'person', salts.charlie),
          attest(fresh.charlieNew, 'person', salts.charlieNew),
          attest(fresh.eveNew, 'person'),
          attest(who.dave, 'person'),
          attest(fresh.daveCo, 'company'),
        ],
        signers.bob,
        inBlock,
      ),
      registry.consentToMortgage(api, signers.eve, { parcel: 3, lender: 'charlie', amount: 500n * LAND, rank: 1 }, inBlock),
      applications.restrict(api, signers.charlie, { parcel: 1 }, inBlock),
    ]);
    const recorded = await registry.recordEncumbrance(api, signers.alice, { parcel: 3, kind: 'mortgage', terms: { lender: 'charlie', amount: 500n * LAND, rank: 1 }, source: doc('mortgage-instrument', 'charge BLOCK-4/7') }, inBlock);
    mortgage = recorded.encumbrance;

    // Everything the recovery must move, found account-wide: the owner index and the scans.
    const held = await recovery.holdings(api, 'charlie');
    assert.deepEqual(
      held.map((holding) => [holding.parcel, holding.share, holding.encumbrances, holding.restriction]),
      [
        [1, '1/1', [], true],
        [3, null, [{ id: mortgage, kind: 'Mortgage', role: 'lender' }], false],
        [4, '1/3', [], false],
      ],
    );
    parcel2Title = (await api.query.landRegistry.titles(2)).toHex();
    parcel4Owners = (await titleOf(4)).owners;
  });

  test('Alice proposes the recovery of all Charlie\'s parcels in one batch, after his identifier opens both attestations; a wrong identifier sends nothing', async () => {
    const source = ['--doc-text', 'statutory declaration of loss, registry file 2026/118'];
    const [charlieRun, eveRun, wrongRun] = await Promise.all([
      landchain(['-s', 'alice', '--in-block', 'registrar', 'recovery', 'propose', '--lost', 'charlie', '--replacement', fresh.charlieNew, '--identifier', IDENTIFIER, '--salt', salts.charlieNew, '--lost-salt', salts.charlie, ...source]),
      landchain(['-s', 'bob', '--in-block', 'registrar', 'recovery', 'propose', '--lost', 'eve', '--replacement', fresh.eveNew, '--parcel', '2', ...source]),
      landchain(['-s', 'alice', 'registrar', 'recovery', 'propose', '--lost', 'charlie', '--replacement', fresh.charlieNew, '--identifier', 'NID-1975-02-11-40418', '--salt', salts.charlieNew, ...source]),
    ]);

    const out = ok(charlieRun);
    const summary = out.match(
      new RegExp(`^recovery of charlie \\(${who.charlie}\\)'s key to ${fresh.charlieNew} proposed on 3 parcels \\(applications (\\d+), (\\d+), (\\d+)\\): a second registrar confirms with: landchain registrar recovery confirm --lost ${who.charlie}$`, 'm'),
    );
    assert.ok(summary, out);
    charlieApps.push(...summary.slice(1).map(Number));
    assert.match(charlieRun.stderr, new RegExp(`replacement ${fresh.charlieNew}: VERIFIED — the salt and identifier give the commitment on the chain, and the attestation is current`));
    assert.match(charlieRun.stderr, new RegExp(`lost key charlie \\(${who.charlie}\\): VERIFIED`));
    assert.ok(!out.includes(IDENTIFIER) && !charlieRun.stderr.includes(IDENTIFIER), 'the identifier is not echoed');
    // One transaction: one block, the batch's events, an application per parcel with what moves.
    assert.equal(out.match(/included in block/g).length, 1, out);
    assert.match(out, /utility\.BatchCompleted/);
    assert.match(out, new RegExp(`^${charlieApps[0]}\\s+1\\s+owner 1/1, its restriction\\s+charlie$`, 'm'));
    assert.match(out, new RegExp(`^${charlieApps[1]}\\s+3\\s+lender of mortgage ${mortgage}\\s+(charlie, eve|eve, charlie)$`, 'm'));
    assert.match(out, new RegExp(`^${charlieApps[2]}\\s+4\\s+owner 1/3\\s+`, 'm'));
    const [block] = out.match(/included in block #\d+ (0x[0-9a-f]{64})/).slice(1);
    // (Bob's proposal for Eve may share the block.)
    const proposed = (await blockEvents(block)).filter((event) => event.method === 'ApplicationProposed' && event.data.change.RecoverKey?.lost === who.charlie);
    assert.deepEqual(
      proposed.map((event) => [event.data.application, event.data.parcel, event.data.change]),
      [1, 3, 4].map((parcel, index) => [charlieApps[index], parcel, { RecoverKey: { lost: who.charlie, replacement: fresh.charlieNew } }]),
    );

    const eveOut = ok(eveRun);
    eveApp = Number(eveOut.match(/proposed on 1 parcel \(application (\d+)\)/)?.[1]);
    assert.ok(Number.isInteger(eveApp), eveOut);
    assert.match(eveRun.stderr, /no --identifier and --salt: the party is not verified here/);

    // The office files nothing for another party: NOT VERIFIED, exit 1, nothing signed.
    assert.equal(wrongRun.code, 1, wrongRun.stderr);
    assert.match(wrongRun.stderr, /replacement 5[1-9A-HJ-NP-Za-km-z]+: NOT VERIFIED — the salt and identifier do not give the commitment on the chain/);
    assert.match(wrongRun.stderr, /error: not verified: the replacement 5[1-9A-HJ-NP-Za-km-z]+: the salt and identifier do not give the commitment.*; no recovery is proposed/);
    assert.ok(!wrongRun.stderr.includes('signing as'), 'nothing was signed');
    assert.deepEqual((await recovery.recoveries(api, { lost: 'charlie' })).map((item) => item.application), charlieApps);
  });

  test('Bob confirms all of Charlie\'s in one batch and Alice Eve\'s; a stranger\'s veto is refused (NotLostKey); proposing again finds nothing left to propose', async () => {
    const [bobRun, aliceRun, strangerRun, againRun] = await Promise.all([
      landchain(['-s', 'bob', '--in-block', 'registrar', 'recovery', 'confirm', '--lost', 'charlie']),
      landchain(['-s', 'alice', '--in-block', 'registrar', 'recovery', 'confirm', String(eveApp)]),
      landchain(['-s', 'ferdie', '--in-block', 'owner', 'veto-recovery', '--application', String(eveApp)]),
      landchain(['-s', 'alice', 'registrar', 'recovery', 'propose', '--lost', 'charlie', '--replacement', fresh.charlieNew, '--doc-text', 'again']),
    ]);
    const out = ok(bobRun);
    const confirmed = out.match(new RegExp(`^confirmed 3 recovery applications \\(${charlieApps[0]} on parcel 1, ${charlieApps[1]} on parcel 3, ${charlieApps[2]} on parcel 4\\): in public notice until block #(\\d+), then anyone enacts with: landchain registrar recovery enact --lost charlie$`, 'm'));
    assert.ok(confirmed, out);
    noticeEnds = Number(confirmed[1]);
    assert.equal(out.match(/landRegistry\.ApplicationConfirmed/g).length, 3);
    assert.match(ok(aliceRun), new RegExp(`confirmed 1 recovery application \\(${eveApp} on parcel 2\\)`));

    assert.equal(strangerRun.code, 4, strangerRun.stderr);
    assert.match(strangerRun.stderr, /error: landRegistry\.vetoRecovery failed: landRegistry\.NotLostKey: Only the lost key a recovery application names may veto it/);
    assert.equal(againRun.code, 1, againRun.stderr);
    assert.match(againRun.stderr, new RegExp(`error: every parcel ${who.charlie} holds something on already has a pending recovery: application ${charlieApps[0]} \\(parcel 1\\)`));

    const status = JSON.parse(ok(await landchain(['--json', 'registrar', 'recovery', 'status', '--lost', 'charlie'])));
    assert.deepEqual(
      status.parcels.map(({ parcel, applications: list }) => [parcel, list.map((item) => [item.application, item.status, item.noticeEnds, item.replacement])]),
      [1, 3, 4].map((parcel, index) => [parcel, [[charlieApps[index], 'InNotice', noticeEnds, fresh.charlieNew]]]),
    );
    const text = ok(await landchain(['registrar', 'recovery', 'status', '--lost', 'charlie']));
    assert.match(text, new RegExp(`^3\\s+lender of mortgage ${mortgage}\\s+${charlieApps[1]}\\s+${fresh.charlieNew}\\s+in notice until #${noticeEnds}, then anyone enacts it$`, 'm'));
  });

  test('Eve, who has her key, vetoes: closed Vetoed, her title unchanged, no enactment; an unattested replacement or another kind of party is refused', async () => {
    const [vetoRun, unattested, otherKind] = await Promise.all([
      landchain(['-s', 'eve', '--in-block', 'owner', 'veto-recovery']),
      rejectsWith(recovery.propose(api, signers.alice, { lost: 'dave', replacement: fresh.nobody, source: doc('statutory', 'declaration D') }, inBlock), 'partyRegister.PartyNotVerified'),
      rejectsWith(recovery.propose(api, signers.bob, { lost: 'dave', replacement: fresh.daveCo, source: doc('statutory', 'declaration D') }, inBlock), 'partyRegister.PartyKindMismatch'),
    ]);
    const out = ok(vetoRun);
    assert.match(out, new RegExp(`^vetoed 1 recovery application naming eve \\(${who.eve}\\) as a lost key \\(${eveApp} on parcel 2\\): closed, nothing moves$`, 'm'));
    assert.match(out, new RegExp(`landRegistry\\.ApplicationClosed application=${eveApp} parcel=2 end=Vetoed`));
    assert.equal((await api.query.landRegistry.applications(eveApp)).isNone, true);
    assert.equal((await api.query.landRegistry.titles(2)).toHex(), parcel2Title, 'the title is unchanged');
    // The whole batch of Dave's parcels failed as one, with the chain's documented error.
    assert.equal(unattested.receipt.call, 'utility.batchAll');
    assert.deepEqual(await recovery.recoveries(api, { lost: 'dave' }), []);
    assert.ok(otherKind);
    // Nothing left to veto.
    const again = await landchain(['-s', 'eve', '--in-block', 'owner', 'veto-recovery']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, new RegExp(`no pending recovery application names ${who.eve} as the lost key`));
  });

  test('after the notice anyone enacts Charlie\'s recovery: titles, mortgage, restriction and its deposit are the new account\'s; the vetoed one cannot be enacted', async () => {
    const charlieHoldsBefore = (await balances(api, [who.charlie]))[who.charlie].holds;
    await reach(noticeEnds);
    const [run, vetoed] = await Promise.all([
      landchain(['-s', 'ferdie', '--in-block', 'registrar', 'recovery', 'enact', '--lost', 'charlie']),
      rejectsWith(applications.enact(api, signers.dave, { application: eveApp }, inBlock), 'landRegistry.UnknownApplication'),
    ]);
    assert.ok(vetoed);
    const out = ok(run);
    assert.match(out, new RegExp(`^enacted 3 recovery applications: ${fresh.charlieNew} now holds what charlie \\(${who.charlie}\\) held on 3 parcels \\(1, 3, 4\\)$`, 'm'));
    assert.match(out, new RegExp(`^1\\s+${charlieApps[0]}\\s+version 2\\s+—$`, 'm'));
    assert.match(out, new RegExp(`^3\\s+${charlieApps[1]}\\s+unchanged \\(no owner\\)\\s+${mortgage}$`, 'm'));

    const [block] = out.match(/included in block #\d+ (0x[0-9a-f]{64})/).slice(1);
    const events = await blockEvents(block);
    const recovered = events.filter((event) => event.method === 'KeyRecovered').map((event) => event.data);
    assert.deepEqual(
      recovered.map((data) => [data.application, data.parcel, data.lost, data.replacement, data.encumbrances]),
      [
        [charlieApps[0], 1, who.charlie, fresh.charlieNew, []],
        [charlieApps[1], 3, who.charlie, fresh.charlieNew, [mortgage]],
        [charlieApps[2], 4, who.charlie, fresh.charlieNew, []],
      ],
    );
    // Parcel 1: the title version first, then KeyRecovered, then ApplicationEnacted.
    const parcel1 = events.filter((event) => event.section === 'landRegistry' && event.data.parcel === 1).map((event) => event.method);
    assert.deepEqual(parcel1.slice(-3), ['TitleRecorded', 'KeyRecovered', 'ApplicationEnacted']);

    // The titles name the new account with Charlie's shares; the other owners are as they were.
    const title1 = await titleOf(1);
    assert.deepEqual([title1.version, title1.change, title1.owners], [2, 'KeyRecovery', [{ account: fresh.charlieNew, share: { numerator: 1, denominator: 1 } }]]);
    const title4 = await titleOf(4);
    assert.equal(title4.change, 'KeyRecovery');
    assert.deepEqual(
      title4.owners,
      parcel4Owners.map((owner) => (owner.account === who.charlie ? { ...owner, account: fresh.charlieNew } : owner)),
    );
    assert.equal(parcel4Owners.filter((owner) => owner.account === who.charlie).length, 1);
    const [encumbrance] = toPlain(await api.query.landRegistry.encumbrances(3));
    assert.deepEqual([encumbrance.id, encumbrance.kind.Mortgage.lender, encumbrance.kind.Mortgage.amount], [mortgage, fresh.charlieNew, (500n * LAND).toString()]);

    // The restriction, and its deposit, moved.
    assert.equal((await api.query.landRegistry.restrictions(1, who.charlie)).isNone, true);
    assert.equal((await api.query.landRegistry.restrictions(1, fresh.charlieNew)).isSome, true);
    const holds = await balances(api, [who.charlie, fresh.charlieNew]);
    const restrictionHold = (list) => list.filter((hold) => hold.id.LandRegistry === 'RestrictionDeposit');
    assert.equal(restrictionHold(charlieHoldsBefore).length, 1);
    assert.deepEqual(restrictionHold(holds[who.charlie].holds), []);
    assert.deepEqual(restrictionHold(holds[fresh.charlieNew].holds), restrictionHold(charlieHoldsBefore));

    assert.deepEqual(await recovery.holdings(api, 'charlie'), [], 'the lost key holds nothing any more');
    assert.deepEqual(await recovery.recoveries(api), [], 'no recovery is pending');
    assert.match(ok(await landchain(['registrar', 'recovery', 'status', '--lost', 'charlie'])), /it holds nothing on any parcel, and no recovery application names it/);
  });

  test('the new account acts as owner; the lost key no longer can', async () => {
    const [mine, lost] = await Promise.all([
      landchain(['-s', URIS.charlieNew, '--in-block', 'owner', 'restrict', '4']),
      landchain(['-s', 'charlie', '--in-block', 'owner', 'restrict', '1']),
    ]);
    assert.match(ok(mine), /restriction placed on parcel 4/);
    assert.equal((await api.query.landRegistry.restrictions(4, fresh.charlieNew)).isSome, true);
    assert.equal(lost.code, 4, lost.stderr);
    assert.match(lost.stderr, /landRegistry\.NotOwner: Only an owner of the parcel may do this\./);
  });

  test('owner watch alerts Charlie to the recovery with how to veto it, and to his attestation; Eve to her veto', async () => {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    await waitForHeads(api, (h) => h.finalized >= best, { timeoutMs: 60_000, what: 'the last block to be final' });
    const [charlieWatch, eveWatch] = await Promise.all([
      landchain(['owner', 'watch', 'charlie', '--from', String(startBlock), '--until', String(best)]),
      landchain(['owner', 'watch', 'eve', '--from', String(startBlock), '--until', String(best)]),
    ]);
    const lines = ok(charlieWatch).trim().split('\n');
    const veto = (application) => `a recovery of this key: if you did not lose it, veto it: landchain --signer <this account's key> owner veto-recovery --application ${application}`;
    assert.ok(lines.some((line) => /^ALERT #\d+ partyRegister\.PartyAttested \(names 5[1-9A-HJ-NP-Za-km-z]+\) party=5\w+ kind=Person office=5\w+ expiresAt=\d+$/.test(line) && line.includes(`party=${who.charlie}`)), lines.join('\n'));
    for (const application of charlieApps) {
      const proposed = lines.find((line) => line.includes('landRegistry.ApplicationProposed') && line.includes(`application=${application} `));
      assert.ok(proposed?.includes(`"RecoverKey":{"lost":"${who.charlie}","replacement":"${fresh.charlieNew}"}`), proposed);
      assert.ok(proposed.endsWith(veto(application)), proposed);
      const confirmed = lines.find((line) => line.includes('landRegistry.ApplicationConfirmed') && line.includes(`application=${application} `));
      assert.ok(confirmed?.endsWith(veto(application)), confirmed);
      assert.ok(lines.some((line) => line.includes('landRegistry.KeyRecovered') && line.includes(`application=${application} `)), `KeyRecovered ${application}`);
      const enacted = lines.find((line) => line.includes('landRegistry.ApplicationEnacted') && line.includes(`application=${application} `));
      assert.ok(enacted && !enacted.includes('veto-recovery'), enacted);
    }
    assert.ok(!lines.some((line) => line.includes(`application=${eveApp} `)), 'Eve\'s recovery is not Charlie\'s business');

    const eveLines = ok(eveWatch).trim().split('\n');
    assert.ok(eveLines.find((line) => line.includes('landRegistry.ApplicationProposed') && line.includes(`application=${eveApp} `))?.endsWith(veto(eveApp)));
    assert.ok(eveLines.some((line) => new RegExp(`^ALERT #\\d+ landRegistry\\.ApplicationClosed parcel 2 \\(.*\\) application=${eveApp} end=Vetoed`).test(line)), eveLines.join('\n'));
    // Charlie's mortgage on Eve's parcel 3 moved: Eve sees that on her parcel, with no veto to make.
    const moved = eveLines.find((line) => line.includes('landRegistry.KeyRecovered') && line.includes(`application=${charlieApps[1]} `));
    assert.ok(moved && !moved.includes('veto-recovery'), eveLines.join('\n'));
  });
});
