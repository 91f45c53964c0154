// `landchain buyer …`: buyers accept an offer and fund its escrow (alone, or with lenders who
// advance part of the price), grantees consent to the offer and to the lenders' terms, cancel.

import * as conveyance from '../conveyance.mjs';
import { UsageError } from '../errors.mjs';
import { parseId } from '../units.mjs';
import { transaction } from './context.mjs';
import { collect } from './options.mjs';
import { addSaleParty } from './sale.mjs';

/**
 * `LENDER:AMOUNT:RANK` of `--finance`: the lender (an account or dev name), its advance (parsed
 * by `amount`, e.g. `ctx.amount`) and its mortgage's rank on the new title.
 */
export function parseAdvanceSpec(text, amount) {
  const parts = String(text).split(':').map((part) => part.trim());
  if (parts.length !== 3 || parts.some((part) => part === '')) {
    throw new UsageError(`a lender is LENDER:AMOUNT:RANK, e.g. eve:80000:1 (80,000 LAND at rank 1): "${text}"`);
  }
  const [lender, value, rank] = parts;
  return { lender, amount: amount(value), rank: parseId(rank, 'rank') };
}

export function addBuyer(program, io) {
  const buyer = program
    .command('buyer')
    .description('buyers: accept an offer and fund the escrow (optionally with lenders\' advances), consent as co-grantee or to a lender\'s terms, cancel');
  buyer
    .command('accept')
    .alias('accept-and-fund')
    .description('accept an open offer: the price (less any lenders\' advances) is held in escrow until approval')
    .argument('<offer>', 'offer id')
    .option(
      '--finance <lender:amount:rank>',
      'a lender advancing part of the price against a mortgage of this rank on the new title, e.g. eve:80000:1 (repeat for more lenders); you escrow the rest',
      collect,
      [],
    )
    .action(
      transaction(
        io,
        async (ctx, offer, options) => {
          const id = parseId(offer, 'offer');
          if (!options.finance.length) return ctx.submit(conveyance.acceptAndFund, { offer: id });
          await ctx.connect();
          const advances = options.finance.map((spec) => parseAdvanceSpec(spec, (value) => ctx.amount(value)));
          return ctx.submit(conveyance.acceptWithFinance, { offer: id, advances });
        },
        (ctx, result, offer, options) => {
          if (!options.finance.length) return `accepted offer ${offer}: ${ctx.money(result.price)} held in escrow ${result.escrow ?? '(none: a gift)'}`;
          const lenders = result.advances.map((advance) => `${ctx.label(advance.lender)} ${ctx.money(advance.amount)} at rank ${advance.rank}`).join(', ');
          const own = result.escrow === null ? 'nothing of your own held (the lenders advance it all)' : `${ctx.money(result.buyerFunds)} of your own held in escrow ${result.escrow}`;
          return `accepted offer ${offer} with finance: price ${ctx.money(result.price)}, ${own}; lenders to fund: ${lenders}`;
        },
      ),
    );
  buyer
    .command('consent-to-advance')
    .alias('consent-finance')
    .description('a grantee consents to the mortgage a funded lender will hold on the new title (its advance and rank as the buyer named them, under this deed)')
    .argument('<offer>', 'offer id')
    .argument('<lender>', 'the lender')
    .argument('<deed-hash>', 'blake2-256 hash of the lender\'s mortgage deed (0x…, as in its conveyance.AdvanceFunded event)')
    .action(
      transaction(
        io,
        (ctx, offer, lender, deedHash) => ctx.submit(conveyance.consentToAdvance, { offer: parseId(offer, 'offer'), lender, deedHash }),
        (ctx, result, offer, lender) =>
          `consented to ${lender}'s advance on offer ${offer}${result.ready ? ' — every advance is funded and consented to: a registrar may approve' : ''}`,
      ),
    );
  addSaleParty(buyer, io, { sellerSide: false });
}
