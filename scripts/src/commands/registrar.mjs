// `landchain registrar …`: registry clerks register parcels, record encumbrances, propose and
// confirm applications, split and merge parcels, approve or reject transfers, recover lost keys
// (`registrar recovery …`, in recovery.mjs).

import { Argument, Option } from 'commander';
import * as applications from '../applications.mjs';
import { variantOf } from '../auditor.mjs';
import { hashFrom } from '../documents.mjs';
import { UsageError } from '../errors.mjs';
import { table } from '../format.mjs';
import * as registry from '../registry.mjs';
import { parseId, parseUnixTime } from '../units.mjs';
import { transaction } from './context.mjs';
import { HELP, collect, documentOf, geometryOf, landUseOption, parseChild, tenureOf, withDocumentOptions } from './options.mjs';
import { addRecovery } from './recovery.mjs';

/**
 * A change proposed as an application (`rectify-title`, `transfer-by-law`, `rectify-parcel`,
 * `release`): `changeOf(...extra, options)` the change, `describe(parcel, ...extra, options)` what
 * it does, for the summary.
 */
function application(io, describe, changeOf, defaultKind) {
  return transaction(
    io,
    (ctx, parcel, ...rest) => {
      const options = rest[rest.length - 1];
      return ctx.submit(applications.propose, {
        parcel: parseId(parcel, 'parcel'),
        change: changeOf(...rest.slice(0, -1), options),
        source: documentOf(ctx, options, defaultKind),
      });
    },
    (ctx, result, parcel, ...rest) =>
      `application ${result.application} to ${describe(parcel, ...rest)} proposed: a second registrar confirms it (registrar confirm ${result.application}); affected parties ${result.affected.map(ctx.label).join(', ')} may object`,
  );
}

/** A registrar's call on an application by id (`confirm`, `withdraw`, `enact`). */
const onApplication = (io, fn, summary) =>
  transaction(io, (ctx, application) => ctx.submit(fn, { application: parseId(application, 'application') }), summary);

export function addRegistrar(program, io) {
  const registrar = program.command('registrar').description('registry clerks: register, encumber, split, merge, approve or reject transfers, recover lost keys');

  withDocumentOptions(
    registrar
      .command('register')
      .description('first registration of a parcel and its title')
      .requiredOption('--jurisdiction <code>', 'registration district, e.g. LC-CENTRAL')
      .requiredOption('--reference <ref>', 'cadastral reference, unique in the district, e.g. BLOCK-9/12')
      .requiredOption('--area <m2>', 'area in square metres', (v) => parseId(v, 'area'))
      .addOption(landUseOption())
      .option('--owner <account[:share]>', 'an owner and share, e.g. charlie:1/2 (repeat for co-owners; default share 1/1)', collect, [])
      .option('--leasehold-until <date>', 'a leasehold ending then (Unix seconds or e.g. 2080-01-01); freehold otherwise')
      .option('--geometry-hash <0x…>', 'blake2-256 hash of the boundary geometry')
      .option('--geometry-file <path>', 'the geometry file (e.g. GeoJSON), hashed')
      .option('--geometry-text <text>', 'a geometry text, hashed'),
    'survey',
  ).action(
    transaction(
      io,
      (ctx, options) =>
        ctx.submit(registry.registerParcel, {
          jurisdiction: options.jurisdiction,
          reference: options.reference,
          areaM2: options.area,
          landUse: options.landUse,
          geometryHash: geometryOf(options),
          source: documentOf(ctx, options, 'survey'),
          owners: options.owner.map(registry.parseOwnerSpec),
          tenure: tenureOf(options),
        }),
      (ctx, result, options) => `registered parcel ${result.parcel} (${options.jurisdiction} ${options.reference}), title version ${result.version}`,
    ),
  );

  withDocumentOptions(
    registrar
      .command('record')
      .description('record an encumbrance: mortgage, lien, easement, lease or caveat')
      .addArgument(new Argument('<kind>', 'mortgage | lien | easement | lease | caveat').choices(registry.ENCUMBRANCE_KINDS))
      .argument('<parcel>', 'parcel id')
      .option('--lender <account>', 'mortgage: the lender')
      .option('--holder <account>', 'lien: who holds it')
      .option('--lessee <account>', 'lease: the tenant')
      .option('--amount <amount>', 'mortgage or lien: the amount (e.g. 40000 or 40000 LAND)')
      .option('--rank <n>', 'mortgage: priority, 1 is paid first', (v) => parseId(v, 'rank'), 1)
      .option('--dominant-parcel <id>', 'easement: the parcel that benefits', (v) => parseId(v, 'parcel'))
      .option('--terms-hash <0x…>', 'easement: hash of its terms')
      .option('--terms-file <path>', 'easement: the terms document, hashed')
      .option('--terms-text <text>', 'easement: the terms as text, hashed')
      .option('--expires <date>', 'lease: when it ends (Unix seconds or e.g. 2040-12-31)')
      .option('--court-ref <reference>', 'caveat: the court\'s case reference'),
    undefined,
  ).action(
    transaction(
      io,
      async (ctx, kind, parcel, options) => {
        await ctx.connect();
        const need = (value, flag) => {
          if (value === undefined || value === null) throw new UsageError(`a ${kind} needs ${flag}`);
          return value;
        };
        const terms = {
          mortgage: () => ({ lender: need(options.lender, '--lender'), amount: ctx.amount(need(options.amount, '--amount')), rank: options.rank }),
          lien: () => ({ holder: need(options.holder, '--holder'), amount: ctx.amount(need(options.amount, '--amount')) }),
          easement: () => ({
            dominantParcel: options.dominantParcel ?? null,
            termsHash: hashFrom({ hash: options.termsHash, file: options.termsFile, text: options.termsText }, { what: 'easement terms' }),
          }),
          lease: () => ({ lessee: need(options.lessee, '--lessee'), expiresAt: parseUnixTime(need(options.expires, '--expires')) }),
          caveat: () => ({ courtReference: ctx.publicText('--court-ref', need(options.courtRef, '--court-ref')) }),
        }[kind]();
        return ctx.submit(registry.recordEncumbrance, {
          parcel: parseId(parcel, 'parcel'),
          kind,
          terms,
          source: documentOf(ctx, options, registry.DEFAULT_ENCUMBRANCE_SOURCE[kind]),
        });
      },
      (ctx, result, kind, parcel) => `recorded ${kind} ${result.encumbrance} on parcel ${parcel}`,
    ),
  );

  withDocumentOptions(
    registrar
      .command('release')
      .description('propose releasing an encumbrance without its holder (lift a caveat, end an easement, a lender who has gone): an application')
      .argument('<parcel>', 'parcel id')
      .argument('<encumbrance>', 'encumbrance id'),
    'discharge',
  ).action(application(io, (parcel, id) => `release encumbrance ${id} on parcel ${parcel}`, (id) => ({ release: { encumbrance: parseId(id, 'encumbrance') } }), 'discharge'));

  withDocumentOptions(
    registrar
      .command('rectify-title')
      .description('propose correcting a title\'s owners, shares or tenure: an application')
      .argument('<parcel>', 'parcel id')
      .requiredOption('--owner <account[:share]>', 'an owner after the correction (repeat)', collect, [])
      .option('--leasehold-until <date>', 'leasehold until this time (Unix seconds or a date); freehold otherwise'),
    'statutory',
  ).action(
    application(
      io,
      (parcel) => `rectify the title of parcel ${parcel}`,
      (options) => ({ rectifyTitle: { owners: options.owner.map(registry.parseOwnerSpec), tenure: tenureOf(options) } }),
      'statutory',
    ),
  );

  withDocumentOptions(
    registrar
      .command('transfer-by-law')
      .description('propose a transfer by operation of law (inheritance, court order): an application')
      .argument('<parcel>', 'parcel id')
      .requiredOption('--owner <account[:share]>', 'a new owner (repeat)', collect, [])
      .addOption(new Option('--reason <reason>', `why, one of the chain's: ${HELP.lawfulReasons}`).default('inheritance'))
      .option('--leasehold-until <date>', 'leasehold until this time; freehold otherwise'),
    'court-order',
  ).action(
    application(
      io,
      (parcel, options) => `transfer parcel ${parcel} by ${options.reason}`,
      (options) => ({ transferByLaw: { owners: options.owner.map(registry.parseOwnerSpec), reason: options.reason, tenure: tenureOf(options) } }),
      'court-order',
    ),
  );

  withDocumentOptions(
    registrar
      .command('rectify-parcel')
      .description('propose correcting a parcel\'s area, land use or geometry: an application')
      .argument('<parcel>', 'parcel id')
      .requiredOption('--area <m2>', 'the corrected area in square metres', (v) => parseId(v, 'area'))
      .addOption(landUseOption())
      .option('--geometry-hash <0x…>', 'blake2-256 hash of the boundary')
      .option('--geometry-file <path>', 'the geometry file, hashed')
      .option('--geometry-text <text>', 'a geometry text, hashed'),
    'survey',
  ).action(
    application(
      io,
      (parcel) => `rectify parcel ${parcel}`,
      (options) => ({ rectifyParcel: { areaM2: options.area, landUse: options.landUse, geometryHash: geometryOf(options) } }),
      'survey',
    ),
  );

  registrar
    .command('confirm')
    .description('confirm another registrar\'s application: its public notice starts')
    .argument('<application>', 'application id')
    .action(
      onApplication(io, applications.confirm, (ctx, result, application) => `application ${application} confirmed: in public notice until block #${result.noticeEnds}, then anyone may enact it`),
    );

  registrar
    .command('withdraw')
    .description('withdraw your own application (the deposit returns)')
    .argument('<application>', 'application id')
    .action(onApplication(io, applications.withdraw, (ctx, result, application) => `application ${application} withdrawn`));

  registrar
    .command('enact')
    .description('enact an application whose notice is over and nobody objected to (anyone may sign)')
    .argument('<application>', 'application id')
    .action(onApplication(io, applications.enact, (ctx, result, application) => `application ${application} enacted`));

  withDocumentOptions(
    registrar
      .command('split')
      .description('split a parcel into children whose areas sum to its area')
      .argument('<parcel>', 'parcel id')
      .requiredOption('--child <ref:area:geometry[:use]>', 'a child: reference, area (m²), geometry (0x hash or file), optional land use; repeat', collect, []),
    'survey',
  ).action(
    transaction(
      io,
      async (ctx, parcel, options) => {
        const api = await ctx.connect();
        const parentId = parseId(parcel, 'parcel');
        const parent = await api.query.landRegistry.parcels(parentId);
        const parentUse = parent.isSome ? parent.unwrap().attributes.landUse.type : 'Residential';
        const children = options.child.map(parseChild).map((child) => ({ ...child, landUse: child.landUse ?? parentUse }));
        return ctx.submit(registry.splitParcel, { parcel: parentId, children, source: documentOf(ctx, options, 'survey') });
      },
      (ctx, result, parcel) => `split parcel ${parcel} into ${result.children.join(', ')}`,
    ),
  );

  withDocumentOptions(
    registrar
      .command('merge')
      .description('merge parcels of one district with the same title into a new parcel')
      .argument('<parcels...>', 'parcel ids (at least two)')
      .requiredOption('--reference <ref>', 'cadastral reference of the merged parcel')
      .addOption(landUseOption())
      .option('--geometry-hash <0x…>', 'blake2-256 hash of the merged boundary')
      .option('--geometry-file <path>', 'the merged geometry file, hashed')
      .option('--geometry-text <text>', 'a geometry text, hashed'),
    'survey',
  ).action(
    transaction(
      io,
      (ctx, parcels, options) =>
        ctx.submit(registry.mergeParcels, {
          parcels: parcels.map((id) => parseId(id, 'parcel')),
          reference: options.reference,
          geometryHash: geometryOf(options),
          landUse: options.landUse,
          source: documentOf(ctx, options, 'survey'),
        }),
      (ctx, result, parcels) => `merged parcels ${parcels.join(', ')} into parcel ${result.parcel}`,
    ),
  );

  registrar
    .command('approve')
    .description('approve a funded offer: it settles at once (mortgages, duty, sellers, title)')
    .argument('<offer>', 'offer id')
    .action(
      transaction(
        io,
        (ctx, offer) => ctx.submit(registry.approveTransfer, { offer: parseId(offer, 'offer') }),
        (ctx, result, offer) => `offer ${offer} approved and settled: parcel ${result.settled?.parcel} now at title version ${result.title?.version}`,
        (ctx, result) =>
          result.payouts.length
            ? table(
                result.payouts.map((payout) => ({ to: ctx.label(payout.to), amount: ctx.money(payout.amount), kind: variantOf(payout.kind).type })),
                [['to', 'paid to'], ['amount', 'amount'], ['kind', 'why']],
              )
            : undefined,
      ),
    );

  registrar
    .command('reject')
    .description('reject an offer with a reason: the buyer is refunded, the parcel unlocked')
    .argument('<offer>', 'offer id')
    .addOption(new Option('--reason <reason>', `why, one of the chain's: ${HELP.rejectionReasons}`).default('other'))
    .action(
      transaction(
        io,
        (ctx, offer, options) => ctx.submit(registry.rejectTransfer, { offer: parseId(offer, 'offer'), reason: options.reason }),
        (ctx, result, offer, options) => `offer ${offer} rejected (${options.reason})`,
      ),
    );

  addRecovery(registrar, io);
}
