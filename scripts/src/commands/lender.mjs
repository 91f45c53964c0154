// `landchain lender …`: lenders fund the advances buyers name them for and lodge redemption
// figures for their mortgages on parcels for sale; lenders, lien holders and tenants give up
// their own rights.

import * as applications from '../applications.mjs';
import * as conveyance from '../conveyance.mjs';
import { parseId } from '../units.mjs';
import { transaction } from './context.mjs';
import { documentOf, withDocumentOptions } from './options.mjs';

export function addLender(program, io) {
  const lender = program
    .command('lender')
    .description('lenders, lien holders and tenants: fund a buyer\'s advance, withdraw it, lodge a redemption figure, give up your own mortgage, lien or lease');

  withDocumentOptions(
    lender
      .command('fund')
      .description('fund the advance a buyer named you for: held in escrow until the settlement pays it out and records your mortgage on the new title (refunded if the sale ends)')
      .argument('<offer>', 'offer id')
      .argument('<amount>', 'the advance, as the buyer named it (e.g. 80000 or 80000 LAND)')
      .argument('<rank>', 'your mortgage\'s rank on the new title, as the buyer named it'),
    'mortgage-instrument',
  ).action(
    transaction(
      io,
      async (ctx, offer, amount, rank, options) => {
        await ctx.connect();
        return ctx.submit(conveyance.fundAdvance, {
          offer: parseId(offer, 'offer'),
          amount: ctx.amount(amount),
          rank: parseId(rank, 'rank'),
          deed: documentOf(ctx, options, 'mortgage-instrument'),
        });
      },
      (ctx, result, offer) => {
        const hash = result.deed?.documentHash;
        const next = result.ready
          ? 'every advance is funded and consented to: a registrar may approve'
          : `each grantee consents with: buyer consent-to-advance ${offer} ${ctx.label(result.receipt.signer)} ${hash}`;
        return `funded your advance on offer ${offer}: ${ctx.money(result.amount)} at rank ${result.rank} held in escrow ${result.escrow}, mortgage deed ${hash} — ${next}`;
      },
    ),
  );

  lender
    .command('withdraw')
    .description('withdraw your funded advance from an offer before approval: refunded; the grantees\' consents to it lapse')
    .argument('<offer>', 'offer id')
    .action(
      transaction(
        io,
        (ctx, offer) => ctx.submit(conveyance.withdrawAdvance, { offer: parseId(offer, 'offer') }),
        (ctx, result, offer) => `withdrew your advance from offer ${offer}: refunded; the grantees' consents to it lapsed`,
      ),
    );

  lender
    .command('redemption')
    .description('lodge what discharging your mortgage on a parcel for sale takes: the settlement pays you this instead of the recorded amount (lodge again to replace it)')
    .argument('<offer>', 'offer id')
    .argument('<encumbrance>', 'your mortgage\'s encumbrance id')
    .argument('<amount>', 'the redemption figure: the recorded amount with interest, less repayments (e.g. 41500 or 41500 LAND)')
    .action(
      transaction(
        io,
        async (ctx, offer, id, amount) => {
          await ctx.connect();
          return ctx.submit(conveyance.lodgeRedemption, { offer: parseId(offer, 'offer'), encumbrance: parseId(id, 'encumbrance'), amount: ctx.amount(amount) });
        },
        (ctx, result, offer, id) => `lodged ${ctx.money(result.amount)} to redeem mortgage ${id} at the settlement of offer ${offer} (recorded: ${ctx.money(result.recorded)})`,
      ),
    );

  lender
    .command('discharge')
    .description('discharge your mortgage or lien (or surrender your lease) on a parcel, at once')
    .argument('<parcel>', 'parcel id')
    .argument('<encumbrance>', 'encumbrance id')
    .action(
      transaction(
        io,
        (ctx, parcel, id) => ctx.submit(applications.discharge, { parcel: parseId(parcel, 'parcel'), encumbrance: parseId(id, 'encumbrance') }),
        (ctx, result, parcel, id) => `discharged encumbrance ${id} on parcel ${parcel}`,
      ),
    );
}
