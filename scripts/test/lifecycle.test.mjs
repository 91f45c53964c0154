// End to end on a real `landchain-node --dev --tmp`, through the library the CLI uses: a parcel is
// registered, its owners consent to a mortgage that a registrar records, it is offered, consented
// to, accepted and funded, and approved — settling atomically: lender discharged, duty to the
// treasury, sellers paid, title moved. Then the failure paths a clerk meets: the wrong signer, a
// parcel locked by an open offer, a court caveat, and a signer who cannot pay.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { applications, auditor, conveyance, PoolError, registry, resolveSigner, waitForHeads } from '../src/index.mjs';
import { toPlain } from '../src/plain.mjs';
import { LAND, balances, doc, eventsOf, feesPaid, hashOf, rejectsWith } from './helpers/chain.mjs';
import { startDevChain, stopDevChain } from './helpers/node.mjs';

let node;
let api;
let signers;
let who;
const inBlock = { waitFor: 'inBlock', timeoutMs: 90_000 };

before(async () => {
  ({ node, api, signers, who } = await startDevChain());
  who.treasury = (await api.query.conveyance.treasury()).unwrap().toString();
}, { timeout: 150_000 });

after(() => stopDevChain({ node, api }), { timeout: 60_000 });

describe('a mortgaged, co-owned parcel is sold and settles atomically', { timeout: 600_000 }, () => {
  const price = 100_000n * LAND;
  const mortgage = 40_000n * LAND;
  const receipts = [];
  let parcel;
  let encumbrance;
  let offer;
  let escrow;
  let start;
  let issuanceBefore;
  const accounts = () => [who.alice, who.bob, who.charlie, who.dave, who.eve, who.ferdie, who.treasury];

  test('a registrar registers the parcel with two owners', async () => {
    start = await balances(api, accounts());
    issuanceBefore = (await api.query.balances.totalIssuance()).toBigInt();
    const next = (await api.query.landRegistry.nextParcelId()).toNumber();
    const result = await registry.registerParcel(
      api,
      signers.alice,
      {
        jurisdiction: 'LC-EAST',
        reference: 'PLOT-77',
        areaM2: 1_500,
        landUse: 'residential',
        geometryHash: hashOf('geometry LC-EAST PLOT-77'),
        source: doc('survey', 'survey PLOT-77'),
        owners: [{ account: 'charlie', share: '1/2' }, { account: 'dave', share: '1/2' }],
      },
      inBlock,
    );
    receipts.push(result.receipt);
    parcel = result.parcel;
    assert.equal(parcel, next);
    assert.equal(result.version, 1);
    const [registered] = eventsOf(result.receipt, 'landRegistry', 'ParcelRegistered');
    assert.deepEqual(
      { jurisdiction: registered.jurisdiction, reference: registered.cadastralReference, area: registered.attributes.areaM2, origin: registered.origin },
      { jurisdiction: 'LC-EAST', reference: 'PLOT-77', area: 1500, origin: 'FirstRegistration' },
    );
    const title = toPlain((await api.query.landRegistry.titles(parcel)).unwrap());
    assert.deepEqual(title.owners, [
      { account: who.charlie, share: { numerator: 1, denominator: 2 } },
      { account: who.dave, share: { numerator: 1, denominator: 2 } },
    ]);
    assert.equal(title.recordedBy, who.alice);
    assert.equal(title.change, 'FirstRegistration');
    const byReference = await api.call.landRegistryApi.parcelByReference('LC-EAST', 'PLOT-77');
    assert.equal(byReference.unwrap().toNumber(), parcel);
    assert.ok((await auditor.parcelsOf(api, who.dave)).includes(parcel));
  });

  test('both owners consent to the mortgage and a registrar records it', async () => {
    const consentDeposit = api.consts.landRegistry.consentDeposit.toBigInt();
    const encumbranceDeposit = api.consts.landRegistry.encumbranceDeposit.toBigInt();
    for (const owner of ['charlie', 'dave']) {
      const { receipt } = await registry.consentToMortgage(api, signers[owner], { parcel, lender: 'eve', amount: mortgage, rank: 1 }, inBlock);
      receipts.push(receipt);
      const [given] = eventsOf(receipt, 'landRegistry', 'MortgageConsentGiven');
      assert.deepEqual(given, { parcel, owner: who[owner], lender: who.eve, amount: mortgage.toString(), rank: 1 });
      const consent = toPlain((await api.query.landRegistry.mortgageConsents(parcel, who[owner])).unwrap());
      assert.deepEqual(consent, { lender: who.eve, amount: mortgage.toString(), rank: 1, deposit: consentDeposit.toString() });
    }
    const held = await balances(api, [who.charlie, who.dave]);
    for (const owner of ['charlie', 'dave']) {
      assert.deepEqual(held[who[owner]].holds, [{ id: { LandRegistry: 'ConsentDeposit' }, amount: consentDeposit }]);
    }

    const result = await registry.recordEncumbrance(
      api,
      signers.alice,
      { parcel, kind: 'mortgage', terms: { lender: 'eve', amount: mortgage, rank: 1 }, source: doc('mortgage-instrument', 'mortgage PLOT-77') },
      inBlock,
    );
    receipts.push(result.receipt);
    encumbrance = result.encumbrance;
    assert.ok(encumbrance >= 1);
    const open = toPlain(await api.query.landRegistry.encumbrances(parcel));
    assert.equal(open.length, 1);
    assert.deepEqual(open[0].kind, { Mortgage: { lender: who.eve, amount: mortgage.toString(), rank: 1 } });
    assert.equal(open[0].recordedBy, who.alice);
    // The consents were used: gone, with their deposits released; the registrar's deposit is held.
    assert.equal((await api.query.landRegistry.mortgageConsents.entries(parcel)).length, 0);
    const after = await balances(api, [who.charlie, who.dave, who.alice]);
    assert.deepEqual(after[who.charlie].holds, []);
    assert.deepEqual(after[who.dave].holds, []);
    assert.deepEqual(after[who.alice].holds, [{ id: { LandRegistry: 'EncumbranceDeposit' }, amount: encumbranceDeposit }]);
  });

  test('a seller offers, the co-owner consents, the buyer accepts and funds the escrow', async () => {
    const offered = await conveyance.offer(
      api,
      signers.charlie,
      { parcel, buyer: 'ferdie', price, deadlineBlocks: 300, deed: doc('deed', 'deed PLOT-77 to Ferdie') },
      inBlock,
    );
    receipts.push(offered.receipt);
    offer = offered.offer;
    assert.equal(offered.opened, false, 'two owners: the offer waits for the co-owner');
    assert.deepEqual(eventsOf(offered.receipt, 'landRegistry', 'ParcelLocked'), [{ parcel, dealing: offer }]);
    assert.equal((await api.query.landRegistry.parcelLocks(parcel)).unwrap().toNumber(), offer);
    const offerDeposit = api.consts.conveyance.offerDeposit.toBigInt();
    assert.deepEqual((await balances(api, [who.charlie]))[who.charlie].holds, [{ id: { Conveyance: 'OfferDeposit' }, amount: offerDeposit }]);

    const consented = await conveyance.consent(api, signers.dave, { offer }, inBlock);
    receipts.push(consented.receipt);
    assert.equal(consented.opened, true);
    assert.deepEqual(toPlain((await api.query.conveyance.offers(offer)).unwrap()).status, 'Open');

    const funded = await conveyance.acceptAndFund(api, signers.ferdie, { offer }, inBlock);
    receipts.push(funded.receipt);
    escrow = funded.escrow;
    assert.equal(BigInt(funded.price), price);
    // The duty rate in force when the buyer funded is fixed for the sale.
    const dutyRate = (await api.query.conveyance.dutyRate()).toNumber();
    assert.deepEqual(toPlain((await api.query.conveyance.offers(offer)).unwrap()).status, { Funded: { escrow, dutyRate } });
    const held = toPlain((await api.query.escrow.escrows(escrow)).unwrap());
    assert.deepEqual({ payer: held.payer, amount: held.amount, control: held.control }, { payer: who.ferdie, amount: price.toString(), control: 'Managed' });
    assert.deepEqual((await balances(api, [who.ferdie]))[who.ferdie].holds, [{ id: { Escrow: 'Escrow' }, amount: price }]);
  });

  test('a registrar approves: lender discharged, duty paid, sellers paid, title moved — finalized', async () => {
    const rate = (await api.query.conveyance.dutyRate()).toNumber();
    const duty = (price * BigInt(rate)) / 1_000_000n;
    assert.equal(duty, 2_000n * LAND, 'the dev chain charges 2 % duty');
    const approved = await registry.approveTransfer(api, signers.bob, { offer }, { waitFor: 'finalized', timeoutMs: 120_000 });
    receipts.push(approved.receipt);
    assert.match(approved.receipt.finalizedHash, /^0x[0-9a-f]{64}$/, 'finality is reported with its block hash');

    // The payouts: the mortgage first, then the duty, then the sellers by share; they sum to the price.
    const proceeds = (price - mortgage - duty) / 2n;
    assert.deepEqual(approved.payouts, [
      { to: who.eve, amount: mortgage.toString(), kind: { Mortgage: { encumbrance } } },
      { to: who.treasury, amount: duty.toString(), kind: 'Duty' },
      { to: who.charlie, amount: proceeds.toString(), kind: 'Proceeds' },
      { to: who.dave, amount: proceeds.toString(), kind: 'Proceeds' },
    ]);
    assert.equal(approved.payouts.reduce((sum, payout) => sum + BigInt(payout.amount), 0n), price);
    assert.deepEqual(
      { parcel: approved.settled.parcel, registrar: approved.settled.registrar, price: approved.settled.price },
      { parcel, registrar: who.bob, price: price.toString() },
    );
    assert.deepEqual(eventsOf(approved.receipt, 'landRegistry', 'EncumbranceReleased'), [{ parcel, encumbrance, source: null, registrar: null }]);
    assert.deepEqual(eventsOf(approved.receipt, 'landRegistry', 'ParcelUnlocked'), [{ parcel, dealing: offer }]);
    assert.equal(approved.title.version, 2);
    assert.deepEqual(approved.title.change, { Sale: { dealing: offer, price: price.toString() } });
    assert.equal(approved.title.recordedBy, null);

    // Balances, to the planck: fees from the receipts' TransactionFeePaid events.
    const end = await balances(api, accounts());
    const fee = (account) => feesPaid(receipts, account);
    assert.equal(end[who.eve].free, start[who.eve].free + mortgage, 'the lender is paid off');
    assert.equal(end[who.treasury].free, start[who.treasury].free + duty, 'the duty goes to the treasury');
    assert.equal(end[who.charlie].free, start[who.charlie].free - fee(who.charlie) + proceeds, 'seller 1 gets half the rest');
    assert.equal(end[who.dave].free, start[who.dave].free - fee(who.dave) + proceeds, 'seller 2 gets half the rest');
    assert.equal(end[who.ferdie].free, start[who.ferdie].free - fee(who.ferdie) - price, 'the buyer paid the price');
    assert.equal(end[who.alice].free, start[who.alice].free - fee(who.alice), 'the registrar\'s deposit came back');
    assert.equal(end[who.bob].free, start[who.bob].free - fee(who.bob));
    for (const account of accounts()) {
      assert.equal(end[account].reserved, start[account].reserved, `nothing stays held for ${account}`);
      assert.deepEqual(end[account].holds, start[account].holds);
    }
    const totalFees = accounts().reduce((sum, account) => sum + fee(account), 0n);
    assert.ok(totalFees > 0n);
    assert.equal((await api.query.balances.totalIssuance()).toBigInt(), issuanceBefore - totalFees, 'no LAND created or lost, fees burned');

    // Storage: the title moved, the old version is history, nothing of the dealing is left.
    const title = toPlain((await api.query.landRegistry.titles(parcel)).unwrap());
    assert.deepEqual(title.owners, [{ account: who.ferdie, share: { numerator: 1, denominator: 1 } }]);
    assert.equal(title.version, 2);
    const old = toPlain((await api.query.landRegistry.titleHistory(parcel, 1)).unwrap());
    assert.deepEqual(old.owners.map((owner) => owner.account), [who.charlie, who.dave]);
    assert.equal((await api.query.landRegistry.encumbrances(parcel)).length, 0);
    assert.ok((await api.query.landRegistry.parcelLocks(parcel)).isNone);
    assert.ok((await api.query.conveyance.offers(offer)).isNone);
    assert.ok((await api.query.conveyance.offerByParcel(parcel)).isNone);
    assert.ok((await api.query.conveyance.offersByBuyer(who.ferdie, offer)).isNone);
    assert.ok((await api.query.escrow.escrows(escrow)).isNone);
    assert.ok((await api.query.landRegistry.ownerParcels(who.charlie, parcel)).isNone);
    assert.ok((await api.query.landRegistry.ownerParcels(who.ferdie, parcel)).isSome);
  });

  test('the auditor reads the parcel\'s full title history and exports it', async () => {
    const history = await auditor.titleHistory(api, parcel);
    assert.deepEqual(
      history.map((title) => [title.version, title.change, title.price, title.owners.map((owner) => `${owner.account}:${owner.share}`)]),
      [
        [1, 'FirstRegistration', null, [`${who.charlie}:1/2`, `${who.dave}:1/2`]],
        [2, 'Sale', price.toString(), [`${who.ferdie}:1/1`]],
      ],
    );
    assert.equal(history[1].dealing, offer);
    const exported = await auditor.exportRegistry(api);
    const rows = exported.titleVersions.filter((row) => row.parcel === parcel);
    assert.deepEqual(rows.map((row) => [row.version, row.current, row.change]), [[1, false, 'FirstRegistration'], [2, true, 'Sale']]);
    const csv = auditor.parseCsv(auditor.titlesCsv(exported));
    assert.equal(csv.length, exported.titleVersions.length, 'one CSV row per title version');
    const sale = csv.find((row) => row.parcel === String(parcel) && row.version === '2');
    assert.deepEqual(
      [sale.owners, sale.change, sale.dealing, sale.price, sale.current, sale.parcel_status, sale.source_kind, sale.recorded_by],
      [`${who.ferdie}:1/1`, 'sale', String(offer), price.toString(), 'true', 'active', 'Deed', ''],
    );
  });
});

describe('failures surface as decoded errors with their docs', { timeout: 600_000 }, () => {
  test('a non-registrar cannot register a parcel (BadOrigin), and nothing changes', async () => {
    const next = (await api.query.landRegistry.nextParcelId()).toNumber();
    await rejectsWith(
      registry.registerParcel(
        api,
        signers.dave,
        {
          jurisdiction: 'LC-EAST',
          reference: 'PLOT-ROGUE',
          areaM2: 100,
          geometryHash: hashOf('rogue'),
          source: doc('survey', 'rogue survey'),
          owners: [{ account: 'dave' }],
        },
        inBlock,
      ),
      'BadOrigin',
      /bad origin/i,
    );
    assert.equal((await api.query.landRegistry.nextParcelId()).toNumber(), next);
    assert.ok((await api.query.landRegistry.parcelByReference('LC-EAST', 'PLOT-ROGUE')).isNone);
  });

  test('owners\' shares are the chain\'s to check: malformed or not summing to one, it refuses with the documented error', async () => {
    const next = (await api.query.landRegistry.nextParcelId()).toNumber();
    const register = (owners) =>
      registry.registerParcel(
        api,
        signers.alice,
        { jurisdiction: 'LC-EAST', reference: 'PLOT-SHARES', areaM2: 100, geometryHash: hashOf('shares'), source: doc('survey', 'shares survey'), owners },
        inBlock,
      );
    await rejectsWith(register([{ account: 'charlie', share: '1/2' }, { account: 'dave', share: '1/3' }]), 'landRegistry.SharesDoNotSumToWhole', /sum to exactly one whole/);
    await rejectsWith(register([{ account: 'charlie', share: '3/2' }]), 'landRegistry.InvalidShare', /0 < numerator <= denominator/);
    assert.equal((await api.query.landRegistry.nextParcelId()).toNumber(), next, 'nothing was registered');
  });

  test('a parcel under an open offer is locked against every other dealing', async () => {
    // Eve's demo parcel BLOCK-4/7.
    const parcel = (await api.call.landRegistryApi.parcelByReference('LC-CENTRAL', 'BLOCK-4/7')).unwrap().toNumber();
    const { offer } = await conveyance.offer(api, signers.eve, { parcel, buyer: 'charlie', price: 5_000n * LAND, deadlineBlocks: 300, deed: doc('deed', 'deed BLOCK-4/7') }, inBlock);
    const before = await auditor.dumpPallet(api, 'landRegistry');

    const locked = /open dealing/;
    await rejectsWith(
      registry.recordEncumbrance(api, signers.alice, { parcel, kind: 'easement', terms: { termsHash: hashOf('right of way') }, source: doc('deed', 'easement') }, inBlock),
      'landRegistry.ParcelLocked',
      locked,
    );
    await rejectsWith(
      registry.splitParcel(
        api,
        signers.alice,
        {
          parcel,
          children: [
            { reference: 'BLOCK-4/7A', areaM2: 1_700, landUse: 'commercial', geometryHash: hashOf('7A') },
            { reference: 'BLOCK-4/7B', areaM2: 1_700, landUse: 'commercial', geometryHash: hashOf('7B') },
          ],
          source: doc('survey', 'split 4/7'),
        },
        inBlock,
      ),
      'landRegistry.ParcelLocked',
      locked,
    );
    await rejectsWith(
      conveyance.offer(api, signers.eve, { parcel, buyer: 'dave', price: 6_000n * LAND, deadlineBlocks: 300, deed: doc('deed', 'second deed') }, inBlock),
      'landRegistry.ParcelLocked',
      locked,
    );
    const after = await auditor.dumpPallet(api, 'landRegistry');
    assert.deepEqual(after.raw, before.raw, 'the refused dealings changed nothing in the registry');

    // The seller cancels: the parcel is free again and the deposit returns.
    const { receipt } = await conveyance.cancel(api, signers.eve, { offer }, inBlock);
    assert.deepEqual(eventsOf(receipt, 'landRegistry', 'ParcelUnlocked'), [{ parcel, dealing: offer }]);
    assert.deepEqual(eventsOf(receipt, 'conveyance', 'Cancelled'), [{ offer, by: who.eve }]);
    assert.ok((await api.query.landRegistry.parcelLocks(parcel)).isNone);
    assert.deepEqual((await balances(api, [who.eve]))[who.eve].holds, []);
  });

  test('a court caveat freezes offers until two registrars lift it after notice', async () => {
    // Ferdie's demo parcel FOREST-3.
    const parcel = (await api.call.landRegistryApi.parcelByReference('LC-RIVERSIDE', 'FOREST-3')).unwrap().toNumber();
    const caveat = await registry.recordEncumbrance(
      api,
      signers.alice,
      { parcel, kind: 'caveat', terms: { courtReference: 'HCCC 12/2026' }, source: doc('court-order', 'order HCCC 12/2026') },
      inBlock,
    );
    const [recorded] = eventsOf(caveat.receipt, 'landRegistry', 'EncumbranceRecorded');
    assert.deepEqual(recorded.kind, { Caveat: { courtReference: 'HCCC 12/2026' } });

    const offerArgs = { parcel, buyer: 'dave', price: 9_000n * LAND, deadlineBlocks: 300, deed: doc('deed', 'deed FOREST-3') };
    await rejectsWith(conveyance.offer(api, signers.ferdie, offerArgs, inBlock), 'landRegistry.CaveatInForce', /court caveat/);
    assert.ok((await api.query.conveyance.offerByParcel(parcel)).isNone);

    // Lifting it takes two registrars and the public notice (5 blocks on --dev).
    const lift = await applications.propose(api, signers.bob, { parcel, change: { release: { encumbrance: caveat.encumbrance } }, source: doc('court-order', 'caveat lifted') }, inBlock);
    const { noticeEnds } = await applications.confirm(api, signers.alice, { application: lift.application }, inBlock);
    await waitForHeads(api, (h) => h.best >= noticeEnds && h.finalized >= noticeEnds - 1, { timeoutMs: 120_000, what: `block #${noticeEnds}` });
    await applications.enact(api, signers.ferdie, { application: lift.application }, inBlock);
    const { offer, receipt } = await conveyance.offer(api, signers.ferdie, offerArgs, inBlock);
    assert.ok(eventsOf(receipt, 'conveyance', 'Offered').length === 1);
    await registry.rejectTransfer(api, signers.alice, { offer, reason: 'documents-incomplete' }, inBlock);
    assert.ok((await api.query.landRegistry.parcelLocks(parcel)).isNone);
  });

  test('a signer who cannot pay is refused by the pool with a readable reason', async () => {
    const pauper = await resolveSigner('//LandchainPauper', { api });
    await assert.rejects(
      registry.consentToMortgage(api, pauper, { parcel: 1, lender: 'eve', amount: LAND, rank: 1 }, inBlock),
      (error) => {
        assert.ok(error instanceof PoolError, `${error.name}: ${error.message}`);
        assert.match(error.message, /pay|balance|funds/i);
        return true;
      },
    );
  });
});
