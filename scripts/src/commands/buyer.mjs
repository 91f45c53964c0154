// `landchain buyer …`: buyers accept an offer and fund its escrow, consent as co-grantees, cancel.

import * as conveyance from '../conveyance.mjs';
import { parseId } from '../units.mjs';
import { transaction } from './context.mjs';
import { addSaleParty } from './sale.mjs';

export function addBuyer(program, io) {
  const buyer = program.command('buyer').description('buyers: accept an offer and fund the escrow, consent as co-grantee, cancel');
  buyer
    .command('accept')
    .alias('accept-and-fund')
    .description('accept an open offer: the price is held in escrow until approval')
    .argument('<offer>', 'offer id')
    .action(
      transaction(
        io,
        (ctx, offer) => ctx.submit(conveyance.acceptAndFund, { offer: parseId(offer, 'offer') }),
        (ctx, result, offer) => `accepted offer ${offer}: ${ctx.money(result.price)} held in escrow ${result.escrow ?? '(none: a gift)'}`,
      ),
    );
  addSaleParty(buyer, io, { sellerSide: false });
}
