// `landchain owner …` (or `seller …`): owners consent to mortgages, object to applications on
// their parcels, restrict their titles, veto a recovery of a key they have not lost, watch their
// parcels, offer them for sale.

import * as applications from '../applications.mjs';
import * as conveyance from '../conveyance.mjs';
import { hashFrom } from '../documents.mjs';
import * as registry from '../registry.mjs';
import { parseId } from '../units.mjs';
import { action, transaction } from './context.mjs';
import { collect, documentOf, runWatch, withDocumentOptions, withWatchOptions } from './options.mjs';
import { addVetoRecovery } from './recovery.mjs';
import { addSaleParty } from './sale.mjs';

/** An owner's call on a parcel by id. */
const onParcel = (io, fn, summary) => transaction(io, (ctx, parcel) => ctx.submit(fn, { parcel: parseId(parcel, 'parcel') }), summary);

export function addOwner(program, io) {
  const owner = program.command('owner').alias('seller').description('owners and sellers: consent to mortgages, offer parcels, consent, cancel, veto a recovery of your key');

  owner
    .command('consent-to-mortgage')
    .description('consent to a mortgage on your parcel with exactly these terms')
    .argument('<parcel>', 'parcel id')
    .requiredOption('--lender <account>', 'the lender')
    .requiredOption('--amount <amount>', 'the amount secured')
    .option('--rank <n>', 'priority, 1 is paid first', (v) => parseId(v, 'rank'), 1)
    .action(
      transaction(
        io,
        async (ctx, parcel, options) => {
          await ctx.connect();
          return ctx.submit(registry.consentToMortgage, { parcel: parseId(parcel, 'parcel'), lender: options.lender, amount: ctx.amount(options.amount), rank: options.rank });
        },
        (ctx, result, parcel, options) => `consented to a mortgage on parcel ${parcel}: ${ctx.money(ctx.amount(options.amount))} to ${options.lender}, rank ${options.rank}`,
      ),
    );

  owner
    .command('withdraw-consent')
    .description('withdraw your unused mortgage consent on a parcel')
    .argument('<parcel>', 'parcel id')
    .action(onParcel(io, registry.withdrawMortgageConsent, (ctx, result, parcel) => `withdrew the mortgage consent on parcel ${parcel}`));

  owner
    .command('object')
    .description('object to an application on your parcel (or one taking your right): the council decides')
    .argument('<application>', 'application id')
    .option('--grounds-hash <0x…>', 'blake2-256 hash of your grounds')
    .option('--grounds-file <path>', 'your grounds document, hashed (it stays off-chain)')
    .option('--grounds-text <text>', 'your grounds as text, hashed')
    .action(
      transaction(
        io,
        (ctx, application, options) => {
          const grounds = hashFrom({ hash: options.groundsHash, file: options.groundsFile, text: options.groundsText }, { what: 'grounds' });
          return ctx.submit(applications.object, { application: parseId(application, 'application'), grounds });
        },
        (ctx, result, application) => `objected to application ${application}: it waits for the council's decision`,
      ),
    );

  owner
    .command('restrict')
    .description('place an anti-fraud restriction on your title: only a court order proceeds without your removing it')
    .argument('<parcel>', 'parcel id')
    .action(onParcel(io, applications.restrict, (ctx, result, parcel) => `restriction placed on parcel ${parcel}`));

  owner
    .command('unrestrict')
    .description('remove your restriction (the deposit returns)')
    .argument('<parcel>', 'parcel id')
    .action(onParcel(io, applications.unrestrict, (ctx, result, parcel) => `restriction removed from parcel ${parcel}`));

  addVetoRecovery(owner, io);

  withWatchOptions(
    owner
      .command('watch')
      .description('property alerts: follow finalized blocks and print a line for every event touching this account or its parcels, its attestation, or a recovery of its key (with how to veto it)')
      .argument('<account>', 'the owner (dev name or address)'),
  ).action(action(io, async (ctx, account, options) => runWatch(ctx, { accounts: [account] }, options)));

  withDocumentOptions(
    owner
      .command('offer')
      .description('offer your parcel to a buyer at a price (the parcel is locked at once)')
      .argument('<parcel>', 'parcel id')
      .requiredOption('--buyer <account>', 'the buyer, who accepts and pays')
      .requiredOption('--price <amount>', 'the price (0 for a gift)')
      .option('--grantee <account[:share]>', 'who receives the title (repeat; default: the buyer alone)', collect, [])
      .option('--deadline <block>', 'the last block the offer can settle in', (v) => parseId(v, 'block number'))
      .option('--deadline-blocks <n>', 'or: how many blocks from now (default: one day of the chain\'s blocks, 28800 at 3 s)', (v) => parseId(v, 'number of blocks')),
    'deed',
  ).action(
    transaction(
      io,
      async (ctx, parcel, options) => {
        await ctx.connect();
        return ctx.submit(conveyance.offer, {
          parcel: parseId(parcel, 'parcel'),
          buyer: options.buyer,
          grantees: options.grantee.map(registry.parseOwnerSpec),
          price: ctx.amount(options.price),
          deadline: options.deadline,
          deadlineBlocks: options.deadlineBlocks,
          deed: documentOf(ctx, options, 'deed'),
        });
      },
      (ctx, result, parcel, options) =>
        `offer ${result.offer}: parcel ${parcel} to ${options.buyer} for ${ctx.money(ctx.amount(options.price))} until block ${result.deadline}${result.opened ? ' (open: the buyer may accept)' : ' (waiting for co-owners\' consent)'}`,
    ),
  );

  addSaleParty(owner, io, { sellerSide: true });
}
