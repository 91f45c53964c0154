// End to end on a real `landchain-node --dev --tmp`, through the library the CLI uses: a financed
// purchase of a mortgaged parcel. The owner's mortgage to Eve is recorded; the owner offers the
// parcel to Dave; Eve lodges a redemption figure above the recorded amount; Dave accepts with
// finance, naming Ferdie for 80 % of the price at rank 1 and escrowing the rest; Ferdie funds with
// its mortgage deed; Dave, the sole grantee, consents to Ferdie's terms; a registrar approves. The
// settlement block pays Eve its figure, the duty and the seller, moves the title and records
// Ferdie's mortgage on it. On the way, approving too early fails with the decoded error.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { conveyance, plainEvent, registry } from '../src/index.mjs';
import blockEvents from '../src/block-events.cjs';
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

describe('a financed purchase of a mortgaged parcel settles atomically, with the new mortgage on the new title', { timeout: 600_000 }, () => {
  const price = 100_000n * LAND;
  const mortgage = 30_000n * LAND;
  const redemption = 31_500n * LAND;
  const advance = (price * 80n) / 100n;
  const ownFunds = price - advance;
  const deed = doc('mortgage-instrument', 'mortgage PLOT-88 to Ferdie');
  const expectedDeed = { kind: 'MortgageInstrument', documentHash: deed.documentHash, uri: null };
  const receipts = [];
  let parcel;
  let encumbrance;
  let offer;
  let buyerEscrow;
  let advanceEscrow;
  let dutyRate;
  let start;
  let issuanceBefore;
  const accounts = () => [who.alice, who.bob, who.charlie, who.dave, who.eve, who.ferdie, who.treasury];
  const offerRecord = async () => toPlain((await api.query.conveyance.offers(offer)).unwrap());

  test('a registrar registers the parcel; its owner consents to Eve\'s mortgage and a registrar records it', async () => {
    start = await balances(api, accounts());
    issuanceBefore = (await api.query.balances.totalIssuance()).toBigInt();
    const registered = await registry.registerParcel(
      api,
      signers.alice,
      {
        jurisdiction: 'LC-EAST',
        reference: 'PLOT-88',
        areaM2: 900,
        landUse: 'residential',
        geometryHash: hashOf('geometry LC-EAST PLOT-88'),
        source: doc('survey', 'survey PLOT-88'),
        owners: [{ account: 'charlie', share: '1' }],
      },
      inBlock,
    );
    receipts.push(registered.receipt);
    parcel = registered.parcel;
    assert.ok(Number.isInteger(parcel));

    const consented = await registry.consentToMortgage(api, signers.charlie, { parcel, lender: 'eve', amount: mortgage, rank: 1 }, inBlock);
    receipts.push(consented.receipt);
    const recorded = await registry.recordEncumbrance(
      api,
      signers.alice,
      { parcel, kind: 'mortgage', terms: { lender: 'eve', amount: mortgage, rank: 1 }, source: doc('mortgage-instrument', 'mortgage PLOT-88 to Eve') },
      inBlock,
    );
    receipts.push(recorded.receipt);
    encumbrance = recorded.encumbrance;
    const open = toPlain(await api.query.landRegistry.encumbrances(parcel));
    assert.deepEqual(open.map((item) => [item.id, item.kind]), [[encumbrance, { Mortgage: { lender: who.eve, amount: mortgage.toString(), rank: 1 } }]]);
  });

  test('the owner offers the parcel to Dave; Eve lodges a redemption figure above the recorded amount', async () => {
    const offered = await conveyance.offer(
      api,
      signers.charlie,
      { parcel, buyer: 'dave', price, deadlineBlocks: 300, deed: doc('deed', 'deed PLOT-88 to Dave') },
      inBlock,
    );
    receipts.push(offered.receipt);
    offer = offered.offer;
    assert.equal(offered.opened, true, 'a sole owner\'s offer is open at once');

    const lodged = await conveyance.lodgeRedemption(api, signers.eve, { offer, encumbrance, amount: redemption }, inBlock);
    receipts.push(lodged.receipt);
    assert.deepEqual(
      { amount: lodged.amount, recorded: lodged.recorded },
      { amount: redemption.toString(), recorded: mortgage.toString() },
    );
    assert.deepEqual(eventsOf(lodged.receipt, 'conveyance', 'RedemptionLodged'), [
      { offer, encumbrance, lender: who.eve, amount: redemption.toString(), recorded: mortgage.toString() },
    ]);
    assert.deepEqual((await offerRecord()).redemptions, [{ encumbrance, amount: redemption.toString() }]);
  });

  test('Dave accepts with finance: Ferdie is to advance 80 % at rank 1, Dave escrows 20 %', async () => {
    const accepted = await conveyance.acceptWithFinance(api, signers.dave, { offer, advances: [{ lender: 'ferdie', amount: advance, rank: 1 }] }, inBlock);
    receipts.push(accepted.receipt);
    buyerEscrow = accepted.escrow;
    assert.ok(Number.isInteger(buyerEscrow), `the buyer's escrow: ${buyerEscrow}`);
    assert.deepEqual(
      { price: accepted.price, buyerFunds: accepted.buyerFunds, advances: accepted.advances },
      { price: price.toString(), buyerFunds: ownFunds.toString(), advances: [{ lender: who.ferdie, amount: advance.toString(), rank: 1 }] },
    );
    assert.deepEqual(eventsOf(accepted.receipt, 'conveyance', 'Funded'), [{ offer, escrow: buyerEscrow, buyer: who.dave, price: price.toString() }]);

    const record = await offerRecord();
    dutyRate = record.status.Funded?.dutyRate;
    assert.deepEqual(record.status, { Funded: { escrow: buyerEscrow, dutyRate: (await api.query.conveyance.dutyRate()).toNumber() } });
    assert.equal(dutyRate, 20_000, 'the dev chain charges 2 % duty, fixed for this sale now');
    assert.deepEqual(record.advances, [{ lender: who.ferdie, amount: advance.toString(), rank: 1, funding: null, consents: [] }]);
    const held = toPlain((await api.query.escrow.escrows(buyerEscrow)).unwrap());
    assert.deepEqual({ payer: held.payer, amount: held.amount }, { payer: who.dave, amount: ownFunds.toString() });
    assert.deepEqual((await balances(api, [who.dave]))[who.dave].holds, [{ id: { Escrow: 'Escrow' }, amount: ownFunds }]);
  });

  test('a registrar cannot approve before the lender funds (AdvanceNotFunded), and nothing changes', async () => {
    const before = await offerRecord();
    const error = await rejectsWith(registry.approveTransfer(api, signers.bob, { offer }, inBlock), 'conveyance.AdvanceNotFunded');
    receipts.push(error.receipt);
    assert.deepEqual(await offerRecord(), before);
    assert.equal((await api.query.landRegistry.titles(parcel)).unwrap().version.toNumber(), 1);
  });

  test('Ferdie funds its advance with its mortgage deed', async () => {
    const funded = await conveyance.fundAdvance(api, signers.ferdie, { offer, amount: advance, rank: 1, deed }, inBlock);
    receipts.push(funded.receipt);
    advanceEscrow = funded.escrow;
    assert.ok(Number.isInteger(advanceEscrow) && advanceEscrow !== buyerEscrow, `the advance's own escrow: ${advanceEscrow}`);
    assert.deepEqual(
      { amount: funded.amount, rank: funded.rank, deed: funded.deed, ready: funded.ready },
      { amount: advance.toString(), rank: 1, deed: expectedDeed, ready: false },
    );
    assert.deepEqual(eventsOf(funded.receipt, 'conveyance', 'AdvanceFunded'), [
      { offer, lender: who.ferdie, amount: advance.toString(), rank: 1, escrow: advanceEscrow, deed: expectedDeed },
    ]);
    assert.deepEqual(eventsOf(funded.receipt, 'conveyance', 'FinanceReady'), [], 'the grantee has not consented yet');
    assert.deepEqual((await offerRecord()).advances[0].funding, { escrow: advanceEscrow, deed: expectedDeed });
    assert.deepEqual((await balances(api, [who.ferdie]))[who.ferdie].holds, [{ id: { Escrow: 'Escrow' }, amount: advance }]);
  });

  test('nor before every grantee consents to the lender\'s terms (FinanceConsentMissing)', async () => {
    const error = await rejectsWith(registry.approveTransfer(api, signers.bob, { offer }, inBlock), 'conveyance.FinanceConsentMissing');
    receipts.push(error.receipt);
    assert.ok((await api.query.conveyance.offers(offer)).isSome);
  });

  test('Dave, the sole grantee, consents to Ferdie\'s terms: the finance is ready', async () => {
    const consented = await conveyance.consentToAdvance(api, signers.dave, { offer, lender: 'ferdie', deedHash: deed.documentHash }, inBlock);
    receipts.push(consented.receipt);
    assert.equal(consented.ready, true);
    assert.deepEqual(eventsOf(consented.receipt, 'conveyance', 'AdvanceConsented'), [{ offer, lender: who.ferdie, grantee: who.dave }]);
    assert.deepEqual(eventsOf(consented.receipt, 'conveyance', 'FinanceReady'), [{ offer }]);
    assert.deepEqual((await offerRecord()).advances[0].consents, [who.dave]);
  });

  test('a registrar approves: Eve paid her figure, duty, the seller, title to Dave with Ferdie\'s mortgage — all in one block', async () => {
    const encumbranceDeposit = api.consts.landRegistry.encumbranceDeposit.toBigInt();
    const approved = await registry.approveTransfer(api, signers.bob, { offer }, { waitFor: 'finalized', timeoutMs: 120_000 });
    receipts.push(approved.receipt);
    const block = approved.receipt.blockHash;
    assert.equal(approved.receipt.finalizedHash, block);
    const at = await api.at(block);

    // Every event of the settlement block, in order.
    const { number, records } = await blockEvents.blockEvents(api, block);
    const events = records.map(plainEvent);
    const indexOf = (section, method) => events.findIndex((event) => event.section === section && event.method === method);
    const only = (section, method) => {
      const found = events.filter((event) => event.section === section && event.method === method);
      assert.equal(found.length, 1, `one ${section}.${method} in block #${number}`);
      return found[0].data;
    };

    // The payouts: Eve's lodged figure (not the recorded amount), the duty at the rate fixed at
    // funding, the seller the rest; they sum to the price.
    const duty = (price * BigInt(dutyRate)) / 1_000_000n;
    assert.equal(duty, 2_000n * LAND);
    const proceeds = price - redemption - duty;
    const settled = only('conveyance', 'Settled');
    assert.deepEqual(settled, {
      offer,
      parcel,
      registrar: who.bob,
      price: price.toString(),
      payouts: [
        { to: who.eve, amount: redemption.toString(), kind: { Mortgage: { encumbrance } } },
        { to: who.treasury, amount: duty.toString(), kind: 'Duty' },
        { to: who.charlie, amount: proceeds.toString(), kind: 'Proceeds' },
      ],
    });
    assert.deepEqual(approved.payouts, settled.payouts, 'the library reads the same payouts');
    assert.equal(settled.payouts.reduce((sum, payout) => sum + BigInt(payout.amount), 0n), price);

    // The registry's side: Eve's mortgage released, the title recorded, Ferdie's mortgage recorded
    // on it, the parcel unlocked — then Settled.
    assert.deepEqual(only('landRegistry', 'EncumbranceReleased'), { parcel, encumbrance, source: null, registrar: null });
    const title = only('landRegistry', 'TitleRecorded');
    assert.equal(title.parcel, parcel);
    assert.equal(title.version, 2);
    const recorded = only('landRegistry', 'EncumbranceRecorded');
    assert.deepEqual(recorded, {
      parcel,
      encumbrance: recorded.encumbrance,
      kind: { Mortgage: { lender: who.ferdie, amount: advance.toString(), rank: 1 } },
      source: expectedDeed,
      registrar: who.bob,
    });
    assert.notEqual(recorded.encumbrance, encumbrance);
    assert.deepEqual(only('landRegistry', 'ParcelUnlocked'), { parcel, dealing: offer });
    const order = [
      ['landRegistry', 'EncumbranceReleased'],
      ['landRegistry', 'TitleRecorded'],
      ['landRegistry', 'EncumbranceRecorded'],
      ['landRegistry', 'ParcelUnlocked'],
      ['conveyance', 'Settled'],
    ].map(([section, method]) => indexOf(section, method));
    assert.deepEqual(order, [...order].sort((a, b) => a - b), `events in settlement order: ${order.join(', ')}`);

    // The new title: Dave's, carrying exactly one open mortgage — Ferdie's, 80 % of the price, rank 1.
    const newTitle = toPlain((await at.query.landRegistry.titles(parcel)).unwrap());
    assert.deepEqual(newTitle.owners, [{ account: who.dave, share: { numerator: 1, denominator: 1 } }]);
    assert.equal(newTitle.version, 2);
    assert.deepEqual(newTitle.change, { Sale: { dealing: offer, price: price.toString() } });
    const open = toPlain(await at.query.landRegistry.encumbrances(parcel));
    assert.deepEqual(open, [
      {
        id: recorded.encumbrance,
        kind: { Mortgage: { lender: who.ferdie, amount: advance.toString(), rank: 1 } },
        source: expectedDeed,
        recordedAt: number,
        recordedBy: who.bob,
        deposit: encumbranceDeposit.toString(),
      },
    ]);

    // Nothing of the dealing is left: the offer, both escrows, the lock.
    assert.ok((await at.query.conveyance.offers(offer)).isNone);
    assert.ok((await at.query.escrow.escrows(buyerEscrow)).isNone, 'the buyer\'s escrow is paid out');
    assert.ok((await at.query.escrow.escrows(advanceEscrow)).isNone, 'the advance\'s escrow is paid out');
    assert.ok((await at.query.landRegistry.parcelLocks(parcel)).isNone);

    // Balances at the settlement block, to the planck: fees from the receipts' TransactionFeePaid
    // events (the failed approvals' included).
    const end = await balances(api, accounts(), block);
    const fee = (account) => feesPaid(receipts, account);
    assert.equal(end[who.eve].free, start[who.eve].free - fee(who.eve) + redemption, 'the old lender gets exactly its lodged figure');
    assert.equal(end[who.treasury].free, start[who.treasury].free + duty, 'the duty goes to the treasury');
    assert.equal(end[who.charlie].free, start[who.charlie].free - fee(who.charlie) + proceeds, 'the seller gets the rest');
    assert.equal(end[who.dave].free, start[who.dave].free - fee(who.dave) - ownFunds, 'the buyer paid its own 20 %');
    assert.equal(end[who.ferdie].free, start[who.ferdie].free - fee(who.ferdie) - advance, 'the new lender advanced 80 %');
    assert.equal(end[who.alice].free, start[who.alice].free - fee(who.alice), 'the deposit for Eve\'s mortgage came back to its registrar');
    assert.equal(end[who.bob].free, start[who.bob].free - fee(who.bob) - encumbranceDeposit, 'the approving registrar holds the new mortgage\'s deposit');
    assert.deepEqual(end[who.bob].holds, [...start[who.bob].holds, { id: { LandRegistry: 'EncumbranceDeposit' }, amount: encumbranceDeposit }]);
    assert.equal(end[who.bob].reserved, start[who.bob].reserved + encumbranceDeposit);
    for (const account of accounts().filter((account) => account !== who.bob)) {
      assert.equal(end[account].reserved, start[account].reserved, `nothing stays held for ${account}`);
      assert.deepEqual(end[account].holds, start[account].holds, `no hold left for ${account}`);
    }
    assert.deepEqual(end[who.dave].holds, [], 'the buyer\'s escrow hold is released');
    assert.deepEqual(end[who.ferdie].holds, [], 'the lender\'s escrow hold is released');
    const totalFees = accounts().reduce((sum, account) => sum + fee(account), 0n);
    assert.ok(totalFees > 0n);
    assert.equal((await at.query.balances.totalIssuance()).toBigInt(), issuanceBefore - totalFees, 'no LAND created or lost, fees burned');
  });
});
