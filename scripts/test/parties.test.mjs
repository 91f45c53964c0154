// Verified parties (the party register, issue 22) end to end on a real `landchain-node --dev
// --tmp`, through the CLI and the library it uses: Bob, a registrar, attests Dave with a salted
// commitment — the identifier never reaches the chain, not even inside the extrinsic's bytes;
// `party verify` checks a revealed salt and identifier (exit 0 VERIFIED, exit 1 NOT VERIFIED and
// why); the council turns the verified-parties policy on by motion; then a registration to Ferdie
// (never attested) or to Eve (attestation expired) is refused and changes nothing, one to Dave
// succeeds; Dave buys Charlie's demo parcel (naming Ferdie as lender is refused), a registrar
// approves and the title moves; an offer to Ferdie is refused; anyone clears Eve's expired
// attestation; the council turns the policy off again by motion (through the CLI); Bob renews
// Dave's attestation under a fresh salt and revokes it — Dave keeps his land.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { conveyance, council, parties, registry, waitForHeads } from '../src/index.mjs';
import { toPlain } from '../src/plain.mjs';
import { LAND, balances, doc, eventsOf, hashOf, rejectsWith } from './helpers/chain.mjs';
import { startDevChain, stopDevChain } from './helpers/node.mjs';
import { ok, runCli } from './helpers/cli.mjs';

let node;
let api;
let signers;
let who;
const inBlock = { waitFor: 'inBlock', timeoutMs: 90_000 };

const landchain = (args, options) => runCli(node.url, args, options);

/** A majority of the council (Alice, Bob, Charlie) passes `call`: Alice proposes, Bob votes, Charlie closes. */
async function councilPasses(call) {
  const motion = await council.propose(api, signers.alice, { call, threshold: await council.thresholdFor(api, 'majority') }, inBlock);
  await council.vote(api, signers.bob, { motion: motion.hash }, inBlock);
  return council.close(api, signers.charlie, { motion: motion.hash }, inBlock);
}

/** The parcels an account holds a share of (the owner index). */
const parcelsOf = async (account) => (await api.query.landRegistry.ownerParcels.keys(account)).map((key) => key.args[1].toNumber()).sort((a, b) => a - b);

/** A first registration by Alice of a small parcel to `owner`. */
const registerTo = (owner, reference) =>
  registry.registerParcel(
    api,
    signers.alice,
    {
      jurisdiction: 'LC-PARTY',
      reference,
      areaM2: 300,
      geometryHash: hashOf(`geometry ${reference}`),
      source: doc('survey', `survey ${reference}`),
      owners: [{ account: owner, share: '1' }],
    },
    inBlock,
  );

before(async () => {
  ({ node, api, signers, who } = await startDevChain());
}, { timeout: 150_000 });

after(() => stopDevChain({ node, api }), { timeout: 60_000 });

describe('verified parties: salted commitments, the council\'s policy, a verified purchase', { timeout: 900_000 }, () => {
  // Dave's national id, as the identity office records it: it must never reach the chain.
  const IDENTIFIER = 'NID-1980-04-17-99213';
  const deposit = LAND / 10n;
  let dave;
  let eve;
  let daveParcel;

  test('Bob, a registrar, attests Dave through the CLI: a random salt, only the commitment on chain, the deposit held', async () => {
    assert.equal(await parties.policy(api), false, 'the dev chain starts with the policy off');
    const bobBefore = await balances(api, [who.bob]);
    const run = await landchain(['-s', 'bob', '--in-block', 'party', 'attest', '--party', 'dave', '--kind', 'person', '--identifier', IDENTIFIER, '--expires-in-days', '365']);
    const out = ok(run);
    const summary = out.match(/attested dave \(([1-9A-HJ-NP-Za-km-z]+)\) as a person until block #(\d+) \(office bob\): commitment (0x[0-9a-f]{64})/);
    assert.ok(summary, out);
    assert.equal(summary[1], who.dave);
    const salt = out.match(/^salt: +(0x[0-9a-f]{64})$/m)?.[1];
    assert.ok(salt, out);
    assert.match(out, new RegExp(`^commitment: +${summary[3]}$`, 'm'));
    assert.match(out, /KEEP OFF-CHAIN: only the commitment went to the chain\. The office and the party must each keep the salt\nand the identifier privately/);
    assert.match(run.stderr, new RegExp(`commitment ${summary[3]} of the identifier under a new random salt ${salt}: only the commitment is sent`));
    assert.match(out, /partyRegister\.PartyAttested party=dave kind=Person office=bob expiresAt=\d+/);
    assert.ok(!out.includes(IDENTIFIER) && !run.stderr.includes(IDENTIFIER), 'the CLI does not even echo the identifier');
    const block = out.match(/included in block #(\d+) (0x[0-9a-f]{64})/);
    assert.ok(block, out);

    // The commitment is blake2_256(salt ‖ identifier ‖ account), as the library computes it.
    const expected = parties.commitment({ salt, identifier: IDENTIFIER, account: who.dave });
    assert.equal(summary[3], expected);
    dave = { salt, commitment: expected, expiresAt: Number(summary[2]), block: Number(block[1]) };
    // 365 days of 3-second blocks from the best block when the command ran.
    assert.ok(dave.expiresAt - dave.block >= 365 * 28_800 - 5 && dave.expiresAt - dave.block < 365 * 28_800, `${dave.expiresAt} - ${dave.block}`);

    const record = await parties.attestation(api, 'dave');
    assert.deepEqual(
      { ...record, block: undefined },
      { party: who.dave, commitment: expected, kind: 'Person', office: who.bob, attestedAt: dave.block, expiresAt: dave.expiresAt, deposit: deposit.toString(), current: true, block: undefined },
    );
    const bobAfter = await balances(api, [who.bob]);
    assert.deepEqual(
      bobAfter[who.bob].holds.filter((hold) => hold.id.PartyRegister),
      [{ id: { PartyRegister: 'AttestationDeposit' }, amount: deposit }],
      'the office holds 0.1 LAND for the attestation',
    );
    assert.deepEqual(bobBefore[who.bob].holds.filter((hold) => hold.id.PartyRegister), []);

    // Neither the identifier nor the salt is anywhere in the block: not in the attest extrinsic's
    // bytes, not in the block, not in the stored record. The commitment is (the check can see).
    const { block: body } = await api.rpc.chain.getBlock(block[2]);
    const attestTx = body.extrinsics.find((ext) => ext.method.section === 'partyRegister' && ext.method.method === 'attest');
    assert.ok(attestTx, 'the block holds the attest extrinsic');
    const identifierHex = u8aToHex(stringToU8a(IDENTIFIER)).slice(2);
    const txHex = u8aToHex(attestTx.toU8a());
    const blockHex = u8aToHex(body.toU8a());
    const storedHex = u8aToHex((await api.query.partyRegister.parties(who.dave)).toU8a());
    assert.ok(txHex.includes(expected.slice(2)), 'the extrinsic carries the commitment');
    for (const [what, hex] of [['the extrinsic', txHex], ['the block', blockHex], ['the stored record', storedHex]]) {
      assert.ok(!hex.includes(identifierHex), `${what} does not contain the identifier`);
      assert.ok(!hex.includes(salt.slice(2)), `${what} does not contain the salt`);
      assert.ok(!Buffer.from(hex.slice(2), 'hex').toString('latin1').includes(IDENTIFIER), `${what} does not contain the identifier's text`);
    }
    assert.deepEqual(Object.values(toPlain(attestTx.method).args), [who.dave, expected, 'Person', dave.expiresAt], 'party, commitment, kind, expiry: nothing else');

    // Attesting twice is refused; only an office attests.
    await rejectsWith(parties.attest(api, signers.alice, { party: 'dave', kind: 'company', identifier: IDENTIFIER, expiresInDays: 30 }, inBlock), 'partyRegister.AlreadyAttested');
    await rejectsWith(parties.attest(api, signers.dave, { party: 'eve', kind: 'person', identifier: 'NID-1', expiresInDays: 30 }, inBlock), 'BadOrigin');
  });

  test('party verify: the right identifier and salt are VERIFIED (exit 0); a wrong identifier, salt or account are NOT VERIFIED (exit 1)', async () => {
    const verify = (party, identifier, salt, extra = []) => landchain([...extra, 'party', 'verify', '--party', party, '--identifier', identifier, '--salt', salt]);

    const right = await verify('dave', IDENTIFIER, dave.salt);
    const out = ok(right);
    assert.match(out, /^VERIFIED: the salt and identifier give the commitment on the chain, and the attestation is current/);
    assert.match(out, /^kind: +person$/m);
    assert.match(out, /^office: +bob \(/m);
    assert.match(out, new RegExp(`^expires at: +block #${dave.expiresAt} — current \\(\\d+ blocks, about 36\\d days`, 'm'));
    assert.ok(!out.includes(IDENTIFIER), 'the verdict does not echo the identifier');

    const wrong = await verify('dave', 'NID-1980-04-17-99214', dave.salt);
    assert.equal(wrong.code, 1, wrong.stderr);
    assert.match(wrong.stdout, /^NOT VERIFIED: the salt and identifier do not give the commitment on the chain/);
    assert.match(wrong.stdout, new RegExp(`recorded commitment: ${dave.commitment}`));
    assert.match(wrong.stderr, /error: not verified: the salt and identifier do not give the commitment/);

    const otherSalt = await verify('dave', IDENTIFIER, parties.newSalt());
    assert.equal(otherSalt.code, 1);
    assert.match(otherSalt.stdout, /^NOT VERIFIED: the salt and identifier do not give the commitment/);

    const nobody = await verify('ferdie', IDENTIFIER, dave.salt);
    assert.equal(nobody.code, 1);
    assert.match(nobody.stdout, /^NOT VERIFIED: the account has no attestation on the chain/);

    const malformed = await verify('dave', IDENTIFIER, '0x1234');
    assert.equal(malformed.code, 2, 'a malformed salt is a usage error');
    assert.match(malformed.stderr, /a salt is 32 bytes of 0x hex/);

    const json = JSON.parse(ok(await verify('dave', IDENTIFIER, dave.salt, ['--json'])));
    assert.deepEqual([json.verified, json.verdict, json.reason, json.commitment, json.attestation.kind], [true, 'VERIFIED', null, dave.commitment, 'Person']);
    const jsonWrong = await verify('dave', 'nope', dave.salt, ['--json']);
    assert.equal(jsonWrong.code, 1);
    assert.equal(JSON.parse(jsonWrong.stdout).reason, 'commitment-differs');

    // The library gives the same verdicts.
    assert.equal((await parties.verify(api, { party: 'dave', identifier: IDENTIFIER, salt: dave.salt })).verified, true);
    assert.equal((await parties.verify(api, { party: 'dave', identifier: IDENTIFIER.toLowerCase(), salt: dave.salt })).reason, 'commitment-differs');

    const shown = ok(await landchain(['party', 'show', 'dave']));
    assert.match(shown, new RegExp(`^commitment: +${dave.commitment}$`, 'm'));
    assert.match(shown, /^deposit: +0\.1 LAND held by the office$/m);
    assert.match(shown, /^policy: off/m);
    assert.match(ok(await landchain(['party', 'show', 'ferdie'])), /^ferdie \(5[1-9A-HJ-NP-Za-km-z]+\) has no attestation$/m);
  });

  test('Alice attests Eve for a few blocks only (the library, a salt of its own)', async () => {
    const attested = await parties.attest(api, signers.alice, { party: 'eve', kind: 'company', identifier: 'CRN 04-2210-77', expiresInBlocks: 3 }, inBlock);
    assert.match(attested.salt, /^0x[0-9a-f]{64}$/, 'the library made a salt and returns it');
    assert.equal(attested.commitment, parties.commitment({ salt: attested.salt, identifier: 'CRN 04-2210-77', account: who.eve }));
    assert.deepEqual(eventsOf(attested.receipt, 'partyRegister', 'PartyAttested'), [{ party: who.eve, kind: 'Company', office: who.alice, expiresAt: attested.expiresAt }]);
    eve = attested;
    // The chain's own rules: an expiry in the past, or beyond ten years.
    const now = (await api.rpc.chain.getHeader()).number.toNumber();
    await rejectsWith(parties.attest(api, signers.alice, { party: 'ferdie', kind: 'person', identifier: 'NID-2', expiresAt: now }, inBlock), 'partyRegister.ExpiryNotInFuture');
    await rejectsWith(parties.attest(api, signers.alice, { party: 'ferdie', kind: 'person', identifier: 'NID-2', expiresInDays: 11 * 365 }, inBlock), 'partyRegister.ValidityTooLong');
    assert.equal(await parties.attestation(api, 'ferdie'), null);
  });

  test('the council turns the verified-parties policy on by motion (propose, vote, close)', async () => {
    const closed = await councilPasses(await parties.policyCall(api, true));
    assert.ok(closed.executed);
    assert.deepEqual(eventsOf(closed.receipt, 'partyRegister', 'PolicySet'), [{ requireVerifiedParties: true }]);
    assert.equal(await parties.policy(api), true);
    assert.match(ok(await landchain(['party', 'policy'])), /verified-parties policy: on/);
  });

  test('with the policy on, a registration to Ferdie (never attested) or to Eve (expired) is refused and changes nothing; to Dave it succeeds', async () => {
    await waitForHeads(api, (h) => h.best >= eve.expiresAt, { timeoutMs: 60_000, what: `Eve's attestation to expire at block #${eve.expiresAt}` });
    const next = (await api.query.landRegistry.nextParcelId()).toNumber();
    const ferdieBefore = await parcelsOf(who.ferdie);
    await rejectsWith(registerTo('ferdie', 'P-FERDIE'), 'partyRegister.PartyNotVerified');
    await rejectsWith(registerTo('eve', 'P-EVE'), 'partyRegister.AttestationExpired');
    assert.equal((await api.query.landRegistry.nextParcelId()).toNumber(), next, 'no parcel was registered');
    assert.deepEqual(await parcelsOf(who.ferdie), ferdieBefore, 'Ferdie holds what he held, nothing more');
    for (const reference of ['P-FERDIE', 'P-EVE']) {
      assert.ok((await api.call.landRegistryApi.parcelByReference('LC-PARTY', reference)).isNone, `${reference} is not registered`);
    }
    // Holders from before keep what they hold: Ferdie's demo parcels are still his.
    assert.ok(ferdieBefore.length >= 2);

    const registered = await registerTo('dave', 'P-DAVE');
    daveParcel = registered.parcel;
    assert.equal(daveParcel, next);
    assert.deepEqual(toPlain((await api.query.landRegistry.titles(daveParcel)).unwrap()).owners, [{ account: who.dave, share: { numerator: 1, denominator: 1 } }]);
  });

  test('a verified purchase: Charlie offers his demo parcel to Dave, who accepts (not with unverified Ferdie\'s money) and funds; a registrar approves; the title moves', async () => {
    const parcel = (await api.call.landRegistryApi.parcelByReference('LC-CENTRAL', 'BLOCK-1/101')).unwrap().toNumber();
    const price = 1_000n * LAND;
    const offered = await conveyance.offer(api, signers.charlie, { parcel, buyer: 'dave', price, deadlineBlocks: 300, deed: doc('deed', 'deed BLOCK-1/101 to Dave') }, inBlock);
    assert.equal(offered.opened, true);
    await rejectsWith(
      conveyance.acceptWithFinance(api, signers.dave, { offer: offered.offer, advances: [{ lender: 'ferdie', amount: 800n * LAND, rank: 1 }] }, inBlock),
      'partyRegister.PartyNotVerified',
    );
    const funded = await conveyance.acceptAndFund(api, signers.dave, { offer: offered.offer }, inBlock);
    assert.ok(Number.isInteger(funded.escrow));
    const approved = await registry.approveTransfer(api, signers.alice, { offer: offered.offer }, inBlock);
    assert.equal(approved.settled.parcel, parcel);
    assert.deepEqual(approved.title.owners, [{ account: who.dave, share: { numerator: 1, denominator: 1 } }]);
    assert.deepEqual(toPlain((await api.query.landRegistry.titles(parcel)).unwrap()).owners, [{ account: who.dave, share: { numerator: 1, denominator: 1 } }]);
    assert.ok((await parcelsOf(who.dave)).includes(parcel));
  });

  test('an offer to unverified Ferdie is refused (PartyNotVerified): no offer, no lock', async () => {
    const next = (await api.query.conveyance.nextOfferId()).toNumber();
    await rejectsWith(
      conveyance.offer(api, signers.dave, { parcel: daveParcel, buyer: 'ferdie', price: 500n * LAND, deadlineBlocks: 300, deed: doc('deed', 'deed P-DAVE to Ferdie') }, inBlock),
      'partyRegister.PartyNotVerified',
    );
    assert.equal((await api.query.conveyance.nextOfferId()).toNumber(), next);
    assert.ok((await api.query.landRegistry.parcelLocks(daveParcel)).isNone);
  });

  test('Eve\'s expired attestation: NOT VERIFIED (expired); not Dave\'s current one, but anyone clears hers', async () => {
    const verdict = await parties.verify(api, { party: 'eve', identifier: 'CRN 04-2210-77', salt: eve.salt });
    assert.deepEqual([verdict.verdict, verdict.reason], ['NOT VERIFIED', 'expired']);
    const run = await landchain(['party', 'verify', '--party', 'eve', '--identifier', 'CRN 04-2210-77', '--salt', eve.salt]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^NOT VERIFIED: the salt and identifier match, but the attestation has expired/);
    assert.match(run.stdout, new RegExp(`^expires at: +block #${eve.expiresAt} — expired`, 'm'));

    await rejectsWith(parties.removeExpired(api, signers.ferdie, { party: 'dave' }, inBlock), 'partyRegister.NotExpired');
    const alice = async () => (await balances(api, [who.alice]))[who.alice].holds.filter((hold) => hold.id.PartyRegister);
    assert.deepEqual(await alice(), [{ id: { PartyRegister: 'AttestationDeposit' }, amount: deposit }]);
    const cleared = ok(await landchain(['-s', 'ferdie', '--in-block', 'party', 'remove-expired', 'eve']));
    assert.match(cleared, /removed eve \(5[1-9A-HJ-NP-Za-km-z]+\)'s expired attestation/);
    assert.match(cleared, /partyRegister\.ExpiredAttestationRemoved party=eve/);
    assert.equal(await parties.attestation(api, 'eve'), null);
    assert.deepEqual(await alice(), [], 'the office\'s deposit is released');
  });

  test('the council turns the policy off again by motion, through the CLI; Ferdie may be registered again', async () => {
    const proposed = ok(await landchain(['-s', 'alice', '--in-block', 'council', 'propose', 'party-policy', 'off']));
    const motion = proposed.match(/motion #(\d+) (0x[0-9a-f]{64}) to turn the verified-parties policy off: 2 ayes needed, your aye is recorded/);
    assert.ok(motion, proposed);
    assert.match(ok(await landchain(['council', 'motions'])), /partyRegister\.setPolicy\(false\)/);
    ok(await landchain(['-s', 'bob', '--in-block', 'council', 'vote', motion[1]]));
    const closed = ok(await landchain(['-s', 'charlie', '--in-block', 'council', 'close', motion[2]]));
    assert.match(closed, /approved and executed: partyRegister\.setPolicy\(false\)/);
    assert.match(closed, /partyRegister\.PolicySet requireVerifiedParties=false/);
    assert.equal(await parties.policy(api), false);
    const registered = await registerTo('ferdie', 'P-FERDIE');
    assert.ok(Number.isInteger(registered.parcel));
  });

  test('Bob renews Dave\'s attestation under a fresh salt, then revokes it: the deposit returns, Dave keeps his land', async () => {
    const run = await landchain(['-s', 'bob', '--in-block', 'party', 'renew', '--party', 'dave', '--identifier', IDENTIFIER, '--expires-in-days', '730']);
    const out = ok(run);
    const renewed = out.match(/renewed dave \(5[1-9A-HJ-NP-Za-km-z]+\)'s attestation until block #(\d+) \(office bob\): new commitment (0x[0-9a-f]{64})/);
    assert.ok(renewed, out);
    const salt = out.match(/^salt: +(0x[0-9a-f]{64})$/m)?.[1];
    assert.ok(salt && salt !== dave.salt, out);
    assert.match(out, /partyRegister\.AttestationRenewed party=dave office=bob newCommitment=true/);
    assert.match(out, /KEEP OFF-CHAIN/);
    assert.equal((await parties.verify(api, { party: 'dave', identifier: IDENTIFIER, salt: dave.salt })).reason, 'commitment-differs', 'the old salt no longer matches');
    assert.equal((await parties.verify(api, { party: 'dave', identifier: IDENTIFIER, salt })).verified, true);

    const daveParcels = await parcelsOf(who.dave);
    const revoked = ok(await landchain(['-s', 'bob', '--in-block', 'party', 'revoke', 'dave']));
    assert.match(revoked, /revoked dave \(5[1-9A-HJ-NP-Za-km-z]+\)'s attestation/);
    assert.match(revoked, /partyRegister\.AttestationRevoked party=dave office=bob/);
    assert.equal(await parties.attestation(api, 'dave'), null);
    assert.deepEqual((await balances(api, [who.bob]))[who.bob].holds.filter((hold) => hold.id.PartyRegister), []);
    assert.deepEqual(await parcelsOf(who.dave), daveParcels, 'revoking an attestation takes no land');
    const again = await landchain(['-s', 'bob', '--in-block', 'party', 'revoke', 'dave']);
    assert.equal(again.code, 4);
    assert.match(again.stderr, /error: partyRegister\.revoke failed: partyRegister\.NotAttested: The account has no attestation\./);
  });
});
