// The commands both sides of a sale use (`owner`/`seller` and `buyer`): consent, cancel, expire.

import * as conveyance from '../conveyance.mjs';
import { parseId } from '../units.mjs';
import { transaction } from './context.mjs';

/** A party's call on an offer by id. */
const onOffer = (io, fn, summary) => transaction(io, (ctx, offer) => ctx.submit(fn, { offer: parseId(offer, 'offer') }), summary);

export function addSaleParty(group, io, { sellerSide }) {
  group
    .command('consent')
    .description(sellerSide ? 'a co-owner consents to an offer' : 'a co-grantee consents to an offer')
    .argument('<offer>', 'offer id')
    .action(onOffer(io, conveyance.consent, (ctx, result, offer) => `consented to offer ${offer}${result.opened ? ' — every seller has consented: the offer is open' : ''}`));
  group
    .command('cancel')
    .description(sellerSide ? 'cancel an offer before approval (refund, unlock)' : 'cancel a funded offer before approval (refund, unlock)')
    .argument('<offer>', 'offer id')
    .action(onOffer(io, conveyance.cancel, (ctx, result, offer) => `offer ${offer} cancelled`));
  group
    .command('expire')
    .description('end an offer past its deadline (anyone may): refund, unlock')
    .argument('<offer>', 'offer id')
    .action(onOffer(io, conveyance.expire, (ctx, result, offer) => `offer ${offer} expired`));
}
