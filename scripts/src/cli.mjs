#!/usr/bin/env node
// `landchain`: the Landchain command-line tool, one command group per role — registrar, owner
// (seller), buyer, council, auditor. Run `landchain --help` or `landchain <role> --help`.

import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Argument, Command, CommanderError, Option } from 'commander';
import { DEFAULT_URL, chainInfo, connect, disconnect } from './chain.mjs';
import * as applications from './applications.mjs';
import * as auditor from './auditor.mjs';
import * as conveyance from './conveyance.mjs';
import * as council from './council.mjs';
import { LAND_USES, REJECTION_REASONS, SOURCE_KINDS, hashFile, hashFrom, parseHash, pick } from './documents.mjs';
import { LandchainError, TransactionError, UsageError } from './errors.mjs';
import { eventLine, keyValues, table, toJson } from './format.mjs';
import { labeller, resolveAccount, resolveSigner } from './keys.mjs';
import * as registry from './registry.mjs';
import { receiptLine } from './tx.mjs';
import { alertLine, watch } from './watch.mjs';
import { formatAmount, formatPermill, parseAmount, parseId, parsePermill, parseUnixTime, tokenOf } from './units.mjs';

const collect = (value, previous) => previous.concat([value]);

/** Event fields that hold amounts of LAND, shown in LAND rather than planck. */
const MONEY_FIELDS = new Set(['amount', 'price', 'deposit', 'actualFee', 'tip']);

/** What every command gets: a lazily opened connection, the signer, output helpers. */
class Context {
  constructor(options, io) {
    this.options = options;
    this.io = io;
    this.api = null;
    this.label = (value) => String(value);
  }

  async connect() {
    if (!this.api) {
      this.api = await connect(this.options.url, { timeoutMs: this.options.timeout * 1000 });
      this.label = await labeller({ api: this.api });
    }
    return this.api;
  }

  async signer() {
    const api = await this.connect();
    const signer = await resolveSigner(this.options.signer, { api, keyType: this.options.keyType });
    this.progress(`signing as ${signer.label === signer.address ? signer.address : `${signer.label} (${signer.address})`}`);
    return signer;
  }

  /** Options for `submit`: in-block or finalized, the timeout, progress on stderr. */
  get submitOptions() {
    return {
      waitFor: this.options.inBlock ? 'inBlock' : 'finalized',
      timeoutMs: this.options.timeout * 1000,
      onStatus: (line) => this.progress(line),
    };
  }

  progress(line) {
    if (!this.options.quiet && !this.options.json) this.io.err(`… ${line}`);
  }

  amount(text) {
    const { decimals, symbol } = tokenOf(this.api);
    return parseAmount(text, decimals, symbol);
  }

  money(planck) {
    if (planck === null || planck === undefined) return '—';
    const { decimals, symbol } = tokenOf(this.api);
    return formatAmount(BigInt(planck), decimals, symbol);
  }

  print(text) {
    this.io.out(text);
  }

  /** Prints a transaction's outcome: JSON, or the summary, receipt and events for people. */
  done(summary, result) {
    const { receipt } = result;
    if (this.options.json) {
      const { receipt: _, voteReceipt, ...rest } = result;
      this.print(toJson({ ...rest, receipt: receiptJson(receipt), ...(voteReceipt ? { voteReceipt: receiptJson(voteReceipt) } : {}) }));
      return;
    }
    this.print(`${summary}`);
    this.print(`  ${receiptLine(receipt)}`);
    // The fee's own bookkeeping events are summed up in one line.
    const feeEvents = new Set(['system.ExtrinsicSuccess', 'balances.Withdraw', 'balances.BurnedDebt', 'transactionPayment.TransactionFeePaid']);
    const fee = receipt.events.find((event) => event.section === 'transactionPayment' && event.method === 'TransactionFeePaid');
    for (const event of receipt.events) {
      if (feeEvents.has(`${event.section}.${event.method}`)) continue;
      this.print(`  ${eventLine(event, (value, key) => (MONEY_FIELDS.has(key) && /^\d+$/.test(String(value)) ? this.money(value) : this.label(value)))}`);
    }
    if (fee) this.print(`  fee: ${this.money(fee.data.actualFee)} paid by ${this.label(fee.data.who)}`);
  }

  async close() {
    await disconnect(this.api);
  }
}

function receiptJson(receipt) {
  if (!receipt) return null;
  const { records, ...rest } = receipt;
  return rest;
}

/** The document behind a change, from `--doc-kind`, `--doc-hash|--doc-file|--doc-text`, `--doc-uri`. */
function documentOf(options, defaultKind) {
  return {
    kind: pick(SOURCE_KINDS, options.docKind ?? defaultKind, 'document kind'),
    documentHash: hashFrom({ hash: options.docHash, file: options.docFile, text: options.docText }, { what: 'document' }),
    uri: options.docUri ?? null,
  };
}

function withDocumentOptions(command, defaultKind) {
  return command
    .addOption(new Option('--doc-kind <kind>', `document kind: ${Object.keys(SOURCE_KINDS).join(', ')}`).default(defaultKind))
    .option('--doc-hash <0x…>', 'blake2-256 hash of the document (32 bytes hex)')
    .option('--doc-file <path>', 'the document file; its blake2-256 hash is recorded (the file stays off-chain)')
    .option('--doc-text <text>', 'a text whose blake2-256 hash is recorded (e.g. an archive reference)')
    .option('--doc-uri <uri>', 'where the document is published (at most 256 bytes)');
}

/** A 32-byte hash given as hash, file or text (`--geometry-hash`, `--geometry-file`, `--geometry-text`). */
function geometryOf(options) {
  return hashFrom({ hash: options.geometryHash, file: options.geometryFile, text: options.geometryText }, { what: 'geometry' });
}

/** `REF:AREA:GEOMETRY[:LANDUSE]` for a child of a split; GEOMETRY is a 0x hash or a file to hash. */
function parseChild(text) {
  const parts = String(text).split(':');
  if (parts.length < 3 || parts.length > 4) {
    throw new UsageError(`a child is REFERENCE:AREA:GEOMETRY[:LAND-USE] (GEOMETRY a 0x hash or a file): "${text}"`);
  }
  const [reference, area, geometry, landUse] = parts;
  if (!/^\d+$/.test(area)) throw new UsageError(`a child's area is a whole number of square metres: "${text}"`);
  return {
    reference,
    areaM2: BigInt(area),
    geometryHash: geometry.startsWith('0x') ? parseHash(geometry, 'a child\'s geometry hash') : hashFile(geometry),
    landUse: landUse ? pick(LAND_USES, landUse, 'land use') : undefined,
  };
}

/** Wraps a command action: context, connection and output; errors become exit codes. */
function action(io, fn) {
  return async (...args) => {
    const command = args[args.length - 1];
    const positional = args.slice(0, -2);
    const options = command.optsWithGlobals();
    const context = new Context(options, io);
    try {
      await fn(context, ...positional, options);
    } finally {
      await context.close();
    }
  };
}

/** Builds the `landchain` program; `io` receives stdout and stderr lines (tests capture them). */
export function buildProgram(io = { out: (line) => console.log(line), err: (line) => console.error(line) }) {
  const program = new Command('landchain')
    .description('Landchain land registry: registrars, owners, buyers, the council and auditors, from the command line')
    .version('0.1.0')
    .addOption(new Option('--url <ws-url>', 'node WebSocket endpoint').env('LANDCHAIN_URL').default(DEFAULT_URL))
    .addOption(
      new Option('-s, --signer <who>', 'who signs: a dev account (alice…ferdie), a secret URI (//Alice, a mnemonic) or a Polkadot.js JSON keystore file (password from LANDCHAIN_PASSWORD or prompted)').env('LANDCHAIN_SIGNER'),
    )
    .addOption(new Option('--key-type <type>', 'key type of a secret URI').choices(['sr25519', 'ed25519', 'ecdsa']).default('sr25519'))
    .option('--in-block', 'return once the transaction is in a block, without waiting for finality')
    .addOption(new Option('--timeout <seconds>', 'how long to wait for the node and for each transaction').default(120).argParser((v) => parseId(v, 'number of seconds')))
    .option('--json', 'print machine-readable JSON instead of tables')
    .option('-q, --quiet', 'no progress lines on stderr')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => io.out(text.replace(/\n$/, '')), writeErr: (text) => io.err(text.replace(/\n$/, '')) })
    // Set before the sub-commands are added, so that they inherit it: usage errors are returned
    // as exit codes by `main` instead of ending the process.
    .exitOverride();

  program
    .command('info')
    .description('chain name, runtime version, token, best and finalized blocks')
    .action(
      action(io, async (ctx) => {
        const info = await chainInfo(await ctx.connect());
        ctx.print(ctx.options.json ? toJson(info) : keyValues(info));
      }),
    );

  addRegistrar(program, io);
  addOwner(program, io);
  addBuyer(program, io);
  addLender(program, io);
  addCouncil(program, io);
  addAuditor(program, io);
  return program;
}

/** An alert was seen and `--exit-on-alert` asked to stop: exit status 7 for scripts. */
class AlertSeen extends LandchainError {
  constructor(line) {
    super(`alert: ${line}`, { exitCode: 7 });
    this.name = 'AlertSeen';
  }
}

/** `watch` for owners and auditors: prints an alert line per event, optionally stops at the first. */
async function runWatch(ctx, { accounts = [], parcels = [] }, options) {
  const api = await ctx.connect();
  const addresses = [];
  for (const who of accounts) addresses.push(await resolveAccount(who, { api }));
  ctx.progress(`watching ${[...addresses.map(ctx.label), ...parcels.map((p) => `parcel ${p}`)].join(', ')} from ${options.from ? `block #${options.from}` : 'the next finalized block'}`);
  const count = await watch(api, {
    accounts: addresses,
    parcels,
    from: options.from,
    until: options.until,
    idleTimeoutMs: ctx.options.timeout * 1000,
    onAlert: (alert) => {
      const line = alertLine(alert);
      ctx.print(ctx.options.json ? JSON.stringify(alert) : line);
      if (options.exitOnAlert) throw new AlertSeen(line);
      return true;
    },
  });
  ctx.progress(`${count} alert${count === 1 ? '' : 's'} up to block #${options.until}`);
}

/** The options of `watch`. */
function withWatchOptions(command) {
  return command
    .option('--from <block>', 'start at this finalized block (default: the next one); earlier blocks replay history', (v) => parseId(v, 'block number'))
    .option('--until <block>', 'stop after this block (default: follow for ever)', (v) => parseId(v, 'block number'))
    .option('--exit-on-alert', 'stop at the first alert with exit status 7 (for scripts)');
}

/** A change proposed by `registrar rectify-title`, `transfer-by-law`, `rectify-parcel`, `release`. */
function applicationAction(io, describe, changeOf, defaultKind) {
  return action(io, async (ctx, parcel, ...rest) => {
    const options = rest[rest.length - 1];
    const api = await ctx.connect();
    const change = changeOf(...rest.slice(0, -1), options);
    const result = await applications.propose(
      api,
      await ctx.signer(),
      { parcel: parseId(parcel, 'parcel'), change, source: documentOf(options, defaultKind) },
      ctx.submitOptions,
    );
    ctx.done(
      `application ${result.application} to ${describe(parcel, ...rest.slice(0, -1), options)} proposed: a second registrar confirms it (registrar confirm ${result.application}); affected parties ${result.affected.map(ctx.label).join(', ')} may object`,
      result,
    );
  });
}

function addLender(program, io) {
  const lender = program.command('lender').description('lenders, lien holders and tenants: give up your own mortgage, lien or lease');
  lender
    .command('discharge')
    .description('discharge your mortgage or lien (or surrender your lease) on a parcel, at once')
    .argument('<parcel>', 'parcel id')
    .argument('<encumbrance>', 'encumbrance id')
    .action(
      action(io, async (ctx, parcel, id) => {
        const api = await ctx.connect();
        const result = await applications.discharge(api, await ctx.signer(), { parcel: parseId(parcel, 'parcel'), encumbrance: parseId(id, 'encumbrance') }, ctx.submitOptions);
        ctx.done(`discharged encumbrance ${id} on parcel ${parcel}`, result);
      }),
    );
}

function addRegistrar(program, io) {
  const registrar = program.command('registrar').description('registry clerks: register, encumber, split, merge, approve or reject transfers');

  withDocumentOptions(
    registrar
      .command('register')
      .description('first registration of a parcel and its title')
      .requiredOption('--jurisdiction <code>', 'registration district, e.g. LC-CENTRAL')
      .requiredOption('--reference <ref>', 'cadastral reference, unique in the district, e.g. BLOCK-9/12')
      .requiredOption('--area <m2>', 'area in square metres', (v) => parseId(v, 'area'))
      .addOption(new Option('--land-use <use>', 'land use').choices(Object.keys(LAND_USES)).default('residential'))
      .option('--owner <account[:share]>', 'an owner and share, e.g. charlie:1/2 (repeat for co-owners; default share 1/1)', collect, [])
      .option('--leasehold-until <date>', 'a leasehold ending then (Unix seconds or e.g. 2080-01-01); freehold otherwise')
      .option('--geometry-hash <0x…>', 'blake2-256 hash of the boundary geometry')
      .option('--geometry-file <path>', 'the geometry file (e.g. GeoJSON), hashed')
      .option('--geometry-text <text>', 'a geometry text, hashed'),
    'survey',
  ).action(
    action(io, async (ctx, options) => {
      const api = await ctx.connect();
      const result = await registry.registerParcel(
        api,
        await ctx.signer(),
        {
          jurisdiction: options.jurisdiction,
          reference: options.reference,
          areaM2: options.area,
          landUse: options.landUse,
          geometryHash: geometryOf(options),
          source: documentOf(options, 'survey'),
          owners: options.owner.map(registry.parseOwnerSpec),
          tenure: options.leaseholdUntil ? { leaseholdUntil: parseUnixTime(options.leaseholdUntil) } : {},
        },
        ctx.submitOptions,
      );
      ctx.done(`registered parcel ${result.parcel} (${options.jurisdiction} ${options.reference}), title version ${result.version}`, result);
    }),
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
    action(io, async (ctx, kind, parcel, options) => {
      const api = await ctx.connect();
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
        caveat: () => ({ courtReference: need(options.courtRef, '--court-ref') }),
      }[kind]();
      const result = await registry.recordEncumbrance(
        api,
        await ctx.signer(),
        { parcel: parseId(parcel, 'parcel'), kind, terms, source: documentOf(options, registry.DEFAULT_ENCUMBRANCE_SOURCE[kind]) },
        ctx.submitOptions,
      );
      ctx.done(`recorded ${kind} ${result.encumbrance} on parcel ${parcel}`, result);
    }),
  );

  withDocumentOptions(
    registrar
      .command('release')
      .description('propose releasing an encumbrance without its holder (lift a caveat, end an easement, a lender who has gone): an application')
      .argument('<parcel>', 'parcel id')
      .argument('<encumbrance>', 'encumbrance id'),
    'discharge',
  ).action(applicationAction(io, (parcel, id) => `release encumbrance ${id} on parcel ${parcel}`, (id) => ({ release: { encumbrance: parseId(id, 'encumbrance') } }), 'discharge'));

  withDocumentOptions(
    registrar
      .command('rectify-title')
      .description('propose correcting a title\'s owners, shares or tenure: an application')
      .argument('<parcel>', 'parcel id')
      .requiredOption('--owner <account[:share]>', 'an owner after the correction (repeat)', collect, [])
      .option('--leasehold-until <date>', 'leasehold until this time (Unix seconds or a date); freehold otherwise'),
    'statutory',
  ).action(
    applicationAction(
      io,
      (parcel) => `rectify the title of parcel ${parcel}`,
      (options) => ({
        rectifyTitle: {
          owners: options.owner.map(registry.parseOwnerSpec),
          tenure: options.leaseholdUntil ? { leaseholdUntil: parseUnixTime(options.leaseholdUntil) } : {},
        },
      }),
      'statutory',
    ),
  );

  withDocumentOptions(
    registrar
      .command('transfer-by-law')
      .description('propose a transfer by operation of law (inheritance, court order): an application')
      .argument('<parcel>', 'parcel id')
      .requiredOption('--owner <account[:share]>', 'a new owner (repeat)', collect, [])
      .addOption(new Option('--reason <reason>', 'why').choices(Object.keys(applications.LAWFUL_REASONS)).default('inheritance'))
      .option('--leasehold-until <date>', 'leasehold until this time; freehold otherwise'),
    'court-order',
  ).action(
    applicationAction(
      io,
      (parcel, options) => `transfer parcel ${parcel} by ${options.reason}`,
      (options) => ({
        transferByLaw: {
          owners: options.owner.map(registry.parseOwnerSpec),
          reason: options.reason,
          tenure: options.leaseholdUntil ? { leaseholdUntil: parseUnixTime(options.leaseholdUntil) } : {},
        },
      }),
      'court-order',
    ),
  );

  withDocumentOptions(
    registrar
      .command('rectify-parcel')
      .description('propose correcting a parcel\'s area, land use or geometry: an application')
      .argument('<parcel>', 'parcel id')
      .requiredOption('--area <m2>', 'the corrected area in square metres', (v) => parseId(v, 'area'))
      .addOption(new Option('--land-use <use>', 'land use').choices(Object.keys(LAND_USES)).default('residential'))
      .option('--geometry-hash <0x…>', 'blake2-256 hash of the boundary')
      .option('--geometry-file <path>', 'the geometry file, hashed')
      .option('--geometry-text <text>', 'a geometry text, hashed'),
    'survey',
  ).action(
    applicationAction(
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
      action(io, async (ctx, application) => {
        const api = await ctx.connect();
        const result = await applications.confirm(api, await ctx.signer(), { application: parseId(application, 'application') }, ctx.submitOptions);
        ctx.done(`application ${application} confirmed: in public notice until block #${result.noticeEnds}, then anyone may enact it`, result);
      }),
    );

  registrar
    .command('withdraw')
    .description('withdraw your own application (the deposit returns)')
    .argument('<application>', 'application id')
    .action(
      action(io, async (ctx, application) => {
        const api = await ctx.connect();
        const result = await applications.withdraw(api, await ctx.signer(), { application: parseId(application, 'application') }, ctx.submitOptions);
        ctx.done(`application ${application} withdrawn`, result);
      }),
    );

  registrar
    .command('enact')
    .description('enact an application whose notice is over and nobody objected to (anyone may sign)')
    .argument('<application>', 'application id')
    .action(
      action(io, async (ctx, application) => {
        const api = await ctx.connect();
        const result = await applications.enact(api, await ctx.signer(), { application: parseId(application, 'application') }, ctx.submitOptions);
        ctx.done(`application ${application} enacted`, result);
      }),
    );

  withDocumentOptions(
    registrar
      .command('split')
      .description('split a parcel into children whose areas sum to its area')
      .argument('<parcel>', 'parcel id')
      .requiredOption('--child <ref:area:geometry[:use]>', 'a child: reference, area (m²), geometry (0x hash or file), optional land use; repeat', collect, []),
    'survey',
  ).action(
    action(io, async (ctx, parcel, options) => {
      const api = await ctx.connect();
      const parentId = parseId(parcel, 'parcel');
      const parent = await api.query.landRegistry.parcels(parentId);
      const parentUse = parent.isSome ? parent.unwrap().attributes.landUse.type : 'Residential';
      const children = options.child.map(parseChild).map((child) => ({ ...child, landUse: child.landUse ?? parentUse }));
      const result = await registry.splitParcel(api, await ctx.signer(), { parcel: parentId, children, source: documentOf(options, 'survey') }, ctx.submitOptions);
      ctx.done(`split parcel ${parcel} into ${result.children.join(', ')}`, result);
    }),
  );

  withDocumentOptions(
    registrar
      .command('merge')
      .description('merge parcels of one district with the same title into a new parcel')
      .argument('<parcels...>', 'parcel ids (at least two)')
      .requiredOption('--reference <ref>', 'cadastral reference of the merged parcel')
      .addOption(new Option('--land-use <use>', 'land use').choices(Object.keys(LAND_USES)).default('residential'))
      .option('--geometry-hash <0x…>', 'blake2-256 hash of the merged boundary')
      .option('--geometry-file <path>', 'the merged geometry file, hashed')
      .option('--geometry-text <text>', 'a geometry text, hashed'),
    'survey',
  ).action(
    action(io, async (ctx, parcels, options) => {
      const api = await ctx.connect();
      const result = await registry.mergeParcels(
        api,
        await ctx.signer(),
        {
          parcels: parcels.map((id) => parseId(id, 'parcel')),
          reference: options.reference,
          geometryHash: geometryOf(options),
          landUse: options.landUse,
          source: documentOf(options, 'survey'),
        },
        ctx.submitOptions,
      );
      ctx.done(`merged parcels ${parcels.join(', ')} into parcel ${result.parcel}`, result);
    }),
  );

  registrar
    .command('approve')
    .description('approve a funded offer: it settles at once (mortgages, duty, sellers, title)')
    .argument('<offer>', 'offer id')
    .action(
      action(io, async (ctx, offer) => {
        const api = await ctx.connect();
        const result = await registry.approveTransfer(api, await ctx.signer(), { offer: parseId(offer, 'offer') }, ctx.submitOptions);
        ctx.done(`offer ${offer} approved and settled: parcel ${result.settled?.parcel} now at title version ${result.title?.version}`, result);
        if (!ctx.options.json && result.payouts.length) {
          ctx.print(
            table(
              result.payouts.map((payout) => ({ to: ctx.label(payout.to), amount: ctx.money(payout.amount), kind: auditor.variantOf(payout.kind).type })),
              [['to', 'paid to'], ['amount', 'amount'], ['kind', 'why']],
            ),
          );
        }
      }),
    );

  registrar
    .command('reject')
    .description('reject an offer with a reason: the buyer is refunded, the parcel unlocked')
    .argument('<offer>', 'offer id')
    .addOption(new Option('--reason <reason>', 'why').choices(Object.keys(REJECTION_REASONS)).default('other'))
    .action(
      action(io, async (ctx, offer, options) => {
        const api = await ctx.connect();
        const result = await registry.rejectTransfer(api, await ctx.signer(), { offer: parseId(offer, 'offer'), reason: options.reason }, ctx.submitOptions);
        ctx.done(`offer ${offer} rejected (${options.reason})`, result);
      }),
    );
}

/** Commands both sides of a sale use. */
function addSaleParty(group, io, { sellerSide }) {
  group
    .command('consent')
    .description(sellerSide ? 'a co-owner consents to an offer' : 'a co-grantee consents to an offer')
    .argument('<offer>', 'offer id')
    .action(
      action(io, async (ctx, offer) => {
        const api = await ctx.connect();
        const result = await conveyance.consent(api, await ctx.signer(), { offer: parseId(offer, 'offer') }, ctx.submitOptions);
        ctx.done(`consented to offer ${offer}${result.opened ? ' — every seller has consented: the offer is open' : ''}`, result);
      }),
    );
  group
    .command('cancel')
    .description(sellerSide ? 'cancel an offer before approval (refund, unlock)' : 'cancel a funded offer before approval (refund, unlock)')
    .argument('<offer>', 'offer id')
    .action(
      action(io, async (ctx, offer) => {
        const api = await ctx.connect();
        const result = await conveyance.cancel(api, await ctx.signer(), { offer: parseId(offer, 'offer') }, ctx.submitOptions);
        ctx.done(`offer ${offer} cancelled`, result);
      }),
    );
  group
    .command('expire')
    .description('end an offer past its deadline (anyone may): refund, unlock')
    .argument('<offer>', 'offer id')
    .action(
      action(io, async (ctx, offer) => {
        const api = await ctx.connect();
        const result = await conveyance.expire(api, await ctx.signer(), { offer: parseId(offer, 'offer') }, ctx.submitOptions);
        ctx.done(`offer ${offer} expired`, result);
      }),
    );
}

function addOwner(program, io) {
  const owner = program.command('owner').alias('seller').description('owners and sellers: consent to mortgages, offer parcels, consent, cancel');

  owner
    .command('consent-to-mortgage')
    .description('consent to a mortgage on your parcel with exactly these terms')
    .argument('<parcel>', 'parcel id')
    .requiredOption('--lender <account>', 'the lender')
    .requiredOption('--amount <amount>', 'the amount secured')
    .option('--rank <n>', 'priority, 1 is paid first', (v) => parseId(v, 'rank'), 1)
    .action(
      action(io, async (ctx, parcel, options) => {
        const api = await ctx.connect();
        const result = await registry.consentToMortgage(
          api,
          await ctx.signer(),
          { parcel: parseId(parcel, 'parcel'), lender: options.lender, amount: ctx.amount(options.amount), rank: options.rank },
          ctx.submitOptions,
        );
        ctx.done(`consented to a mortgage on parcel ${parcel}: ${ctx.money(ctx.amount(options.amount))} to ${options.lender}, rank ${options.rank}`, result);
      }),
    );

  owner
    .command('withdraw-consent')
    .description('withdraw your unused mortgage consent on a parcel')
    .argument('<parcel>', 'parcel id')
    .action(
      action(io, async (ctx, parcel) => {
        const api = await ctx.connect();
        const result = await registry.withdrawMortgageConsent(api, await ctx.signer(), { parcel: parseId(parcel, 'parcel') }, ctx.submitOptions);
        ctx.done(`withdrew the mortgage consent on parcel ${parcel}`, result);
      }),
    );

  owner
    .command('object')
    .description('object to an application on your parcel (or one taking your right): the council decides')
    .argument('<application>', 'application id')
    .option('--grounds-hash <0x…>', 'blake2-256 hash of your grounds')
    .option('--grounds-file <path>', 'your grounds document, hashed (it stays off-chain)')
    .option('--grounds-text <text>', 'your grounds as text, hashed')
    .action(
      action(io, async (ctx, application, options) => {
        const api = await ctx.connect();
        const grounds = hashFrom({ hash: options.groundsHash, file: options.groundsFile, text: options.groundsText }, { what: 'grounds' });
        const result = await applications.object(api, await ctx.signer(), { application: parseId(application, 'application'), grounds }, ctx.submitOptions);
        ctx.done(`objected to application ${application}: it waits for the council's decision`, result);
      }),
    );

  owner
    .command('restrict')
    .description('place an anti-fraud restriction on your title: only a court order proceeds without your removing it')
    .argument('<parcel>', 'parcel id')
    .action(
      action(io, async (ctx, parcel) => {
        const api = await ctx.connect();
        const result = await applications.restrict(api, await ctx.signer(), { parcel: parseId(parcel, 'parcel') }, ctx.submitOptions);
        ctx.done(`restriction placed on parcel ${parcel}`, result);
      }),
    );

  owner
    .command('unrestrict')
    .description('remove your restriction (the deposit returns)')
    .argument('<parcel>', 'parcel id')
    .action(
      action(io, async (ctx, parcel) => {
        const api = await ctx.connect();
        const result = await applications.unrestrict(api, await ctx.signer(), { parcel: parseId(parcel, 'parcel') }, ctx.submitOptions);
        ctx.done(`restriction removed from parcel ${parcel}`, result);
      }),
    );

  withWatchOptions(
    owner
      .command('watch')
      .description('property alerts: follow finalized blocks and print a line for every event touching this account or its parcels')
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
      .option('--deadline-blocks <n>', 'or: how many blocks from now (default 28800, one day)', (v) => parseId(v, 'number of blocks')),
    'deed',
  ).action(
    action(io, async (ctx, parcel, options) => {
      const api = await ctx.connect();
      const price = ctx.amount(options.price);
      const result = await conveyance.offer(
        api,
        await ctx.signer(),
        {
          parcel: parseId(parcel, 'parcel'),
          buyer: options.buyer,
          grantees: options.grantee.map(registry.parseOwnerSpec),
          price,
          deadline: options.deadline,
          deadlineBlocks: options.deadlineBlocks,
          deed: documentOf(options, 'deed'),
        },
        ctx.submitOptions,
      );
      ctx.done(
        `offer ${result.offer}: parcel ${parcel} to ${options.buyer} for ${ctx.money(price)} until block ${result.deadline}${result.opened ? ' (open: the buyer may accept)' : ' (waiting for co-owners\' consent)'}`,
        result,
      );
    }),
  );

  addSaleParty(owner, io, { sellerSide: true });
}

function addBuyer(program, io) {
  const buyer = program.command('buyer').description('buyers: accept an offer and fund the escrow, consent as co-grantee, cancel');
  buyer
    .command('accept')
    .alias('accept-and-fund')
    .description('accept an open offer: the price is held in escrow until approval')
    .argument('<offer>', 'offer id')
    .action(
      action(io, async (ctx, offer) => {
        const api = await ctx.connect();
        const result = await conveyance.acceptAndFund(api, await ctx.signer(), { offer: parseId(offer, 'offer') }, ctx.submitOptions);
        ctx.done(`accepted offer ${offer}: ${ctx.money(result.price)} held in escrow ${result.escrow ?? '(none: a gift)'}`, result);
      }),
    );
  addSaleParty(buyer, io, { sellerSide: false });
}

function addCouncil(program, io) {
  const group = program.command('council').description('the registry council: motions (registrars, duty, runtime upgrades) and applying upgrades');

  group
    .command('members')
    .description('the council members')
    .action(
      action(io, async (ctx) => {
        const api = await ctx.connect();
        const list = await council.members(api);
        if (ctx.options.json) ctx.print(toJson(list));
        else ctx.print(table(list.map((account) => ({ account, name: ctx.label(account) })), [['account', 'member'], ['name', 'name']]));
      }),
    );

  group
    .command('motions')
    .description('the open motions with their votes')
    .action(
      action(io, async (ctx) => {
        const api = await ctx.connect();
        const list = await council.motions(api);
        if (ctx.options.json) {
          ctx.print(toJson(list.map(({ call, ...motion }) => ({ ...motion, call: council.describeProposal(call) }))));
          return;
        }
        if (!list.length) {
          ctx.print('no open motions');
          return;
        }
        ctx.print(
          table(
            list.map((motion) => ({
              index: motion.index,
              hash: motion.hash,
              call: council.describeProposal(motion.call),
              votes: `${motion.ayes.length} aye / ${motion.nays.length} nay of ${motion.threshold} needed`,
              ayes: motion.ayes.map(ctx.label).join(', '),
              end: motion.end,
            })),
            [['index', '#'], ['hash', 'motion'], ['call', 'call'], ['votes', 'votes'], ['ayes', 'ayes'], ['end', 'ends at block']],
          ),
        );
      }),
    );

  const propose = group.command('propose').description('propose a motion (and vote aye on it)');
  const proposeAction = (build, kind, describe) =>
    action(io, async (ctx, ...args) => {
      const options = args[args.length - 1];
      const api = await ctx.connect();
      const call = await build(api, ...args.slice(0, -1), options);
      const threshold = options.threshold ?? (await council.thresholdFor(api, council.MOTION_THRESHOLDS[kind]));
      const result = await council.propose(api, await ctx.signer(), { call, threshold, aye: options.aye }, ctx.submitOptions);
      const what = describe(...args.slice(0, -1), options, result);
      ctx.done(
        result.executed
          ? `motion to ${what} executed at once (threshold ${threshold})`
          : `motion #${result.index} ${result.hash} to ${what}: ${threshold} ayes needed${result.voteReceipt ? ', your aye is recorded' : ''}`,
        result,
      );
    });
  const thresholdOption = () => new Option('--threshold <n>', 'ayes needed (default: the call\'s rule — majority, or two thirds for upgrades)').argParser((v) => parseId(v, 'threshold'));

  propose
    .command('add-registrar')
    .description('admit a registrar (simple majority)')
    .argument('<account>', 'the new registrar')
    .addOption(thresholdOption())
    .option('--no-aye', 'do not vote aye at once')
    .action(proposeAction((api, account) => council.motionCalls.addRegistrar(api, account), 'addRegistrar', (account) => `admit registrar ${account}`));

  propose
    .command('remove-registrar')
    .description('remove a registrar (simple majority)')
    .argument('<account>', 'the registrar')
    .addOption(thresholdOption())
    .option('--no-aye', 'do not vote aye at once')
    .action(proposeAction((api, account) => council.motionCalls.removeRegistrar(api, account), 'removeRegistrar', (account) => `remove registrar ${account}`));

  propose
    .command('set-duty')
    .description('set the transfer duty rate and the treasury (simple majority)')
    .requiredOption('--rate <rate>', 'e.g. 2% or 20000ppm')
    .requiredOption('--treasury <account>', 'the account receiving duty')
    .addOption(thresholdOption())
    .option('--no-aye', 'do not vote aye at once')
    .action(
      proposeAction(
        (api, options) => council.motionCalls.setTransferDuty(api, parsePermill(options.rate), options.treasury),
        'setTransferDuty',
        (options) => `set the transfer duty to ${formatPermill(parsePermill(options.rate))} paid to ${options.treasury}`,
      ),
    );

  propose
    .command('authorize-upgrade')
    .description('authorize a runtime upgrade by the blake2-256 hash of its wasm (two thirds)')
    .argument('[wasm]', 'the runtime wasm file (.compact.compressed.wasm); its hash is computed')
    .option('--code-hash <0x…>', 'or: the code hash itself')
    .addOption(thresholdOption())
    .option('--no-aye', 'do not vote aye at once')
    .action(
      proposeAction(
        (api, wasm, options) => {
          if (!wasm && !options.codeHash) throw new UsageError('give the runtime wasm file or --code-hash');
          const hash = options.codeHash ? parseHash(options.codeHash, 'the code hash') : council.codeHash(council.readCode(wasm));
          return council.motionCalls.authorizeUpgrade(api, hash);
        },
        'authorizeUpgrade',
        (wasm, options) => `authorize the runtime ${options.codeHash ?? `${wasm} (${council.codeHash(council.readCode(wasm))})`}`,
      ),
    );

  propose
    .command('decide-objection')
    .description('decide an application an affected party objected to: --enact or --dismiss (simple majority)')
    .argument('<application>', 'application id')
    .option('--enact', 'the application goes ahead')
    .option('--dismiss', 'the application is dismissed')
    .addOption(thresholdOption())
    .option('--no-aye', 'do not vote aye at once')
    .action(
      proposeAction(
        (api, application, options) => {
          if (Boolean(options.enact) === Boolean(options.dismiss)) throw new UsageError('give exactly one of --enact or --dismiss');
          return applications.decideObjectionCall(api, { application: parseId(application, 'application'), enact: Boolean(options.enact) });
        },
        'decideObjection',
        (application, options) => `${options.enact ? 'enact' : 'dismiss'} application ${application}`,
      ),
    );

  group
    .command('vote')
    .description('vote on an open motion (by index or hash)')
    .argument('<motion>', 'motion index or hash')
    .option('--nay', 'vote nay (default aye)')
    .action(
      action(io, async (ctx, motion, options) => {
        const api = await ctx.connect();
        const result = await council.vote(api, await ctx.signer(), { motion, aye: !options.nay }, ctx.submitOptions);
        ctx.done(`voted ${options.nay ? 'nay' : 'aye'} on motion #${result.motion.index} ${result.motion.hash}`, result);
      }),
    );

  group
    .command('close')
    .description('close a motion (anyone): executes it with enough ayes; before its end without them the chain refuses')
    .argument('<motion>', 'motion index or hash')
    .action(
      action(io, async (ctx, motion) => {
        const api = await ctx.connect();
        const result = await council.close(api, await ctx.signer(), { motion }, ctx.submitOptions);
        const outcome = result.executed ? 'approved and executed' : result.disapproved ? 'disapproved' : 'closed';
        ctx.done(`motion #${result.motion.index} ${outcome}: ${council.describeProposal(result.motion.call)}`, result);
      }),
    );

  group
    .command('code-hash')
    .description('print the blake2-256 hash of a runtime wasm (what authorize-upgrade proposes); needs no node')
    .argument('<wasm>', 'the runtime wasm file')
    .action(async (wasm, options, command) => {
      const code = council.readCode(wasm);
      const hash = council.codeHash(code);
      if (command.optsWithGlobals().json) io.out(toJson({ file: wasm, bytes: code.length, codeHash: hash }));
      else io.out(`${hash}  ${wasm} (${code.length} bytes)`);
    });

  group
    .command('apply-upgrade')
    .description('submit the authorized runtime code (system.applyAuthorizedUpgrade); anyone may')
    .argument('<wasm>', 'the runtime wasm file')
    .option('--unsigned', 'submit without a signature (the pool accepts it only if authorized)')
    .option('--force', 'submit even if the code does not match the authorized hash (the chain will refuse it)')
    .action(
      action(io, async (ctx, wasm, options) => {
        const api = await ctx.connect();
        const code = council.readCode(wasm);
        const before = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
        if (!options.force) await council.ensureUpgradeAuthorized(api, code);
        const signer = options.unsigned ? null : await ctx.signer();
        const result = await council.applyAuthorizedUpgrade(api, signer, { code }, { ...ctx.submitOptions, timeoutMs: Math.max(ctx.options.timeout, 300) * 1000 });
        const version = await council.waitForSpecVersion(api, before, { timeoutMs: 60_000 });
        ctx.done(`runtime upgraded: spec_version ${before} → ${version.specVersion.toNumber()} (code ${result.codeHash})`, result);
      }),
    );
}

function addAuditor(program, io) {
  const group = program.command('auditor').description('auditors and the public: parcels, title history, offers, exports');

  group
    .command('parcel')
    .description('a parcel with its current title, encumbrances, lock and open offer')
    .argument('<parcel>', 'parcel id')
    .action(
      action(io, async (ctx, parcel) => {
        const api = await ctx.connect();
        const view = await auditor.parcelView(api, parseId(parcel, 'parcel'));
        if (!view) throw new UsageError(`no parcel ${parcel}`);
        if (ctx.options.json) {
          ctx.print(toJson(view));
          return;
        }
        const p = view.parcel;
        ctx.print(
          keyValues({
            parcel: p.id,
            jurisdiction: p.jurisdiction,
            reference: p.cadastralReference,
            area: `${p.areaM2} m²`,
            'land use': p.landUse,
            status: p.successors.length ? `${p.status} ${p.successors.join(', ')}` : p.status,
            origin: p.originParcels.length ? `${p.origin} ${p.originParcels.join(', ')}` : p.origin,
            'registered at': `block ${p.registeredAt}`,
            'title version': view.title?.version ?? '—',
            owners: view.title ? view.title.owners.map((o) => `${ctx.label(o.account)} ${o.share}`).join(', ') : '—',
            tenure: view.title ? (view.title.leaseholdExpiresAt ? `Leasehold until ${new Date(Number(view.title.leaseholdExpiresAt) * 1000).toISOString().slice(0, 10)}` : view.title.tenure) : '—',
            'locked by offer': view.lockedBy,
          }),
        );
        if (view.encumbrances.length) {
          ctx.print('\nencumbrances');
          ctx.print(
            table(
              view.encumbrances.map((e) => ({
                id: e.id,
                kind: e.kind,
                terms: Object.entries(e.terms)
                  .map(([key, value]) => `${key}=${['amount'].includes(key) ? ctx.money(value) : ctx.label(value)}`)
                  .join(' '),
                recordedAt: e.recordedAt,
                by: ctx.label(e.recordedBy),
              })),
              [['id', 'id'], ['kind', 'kind'], ['terms', 'terms'], ['recordedAt', 'block'], ['by', 'recorded by']],
            ),
          );
        }
        if (view.offer) {
          ctx.print(`\nopen offer ${view.offer.offer}: to ${ctx.label(view.offer.buyer)} for ${ctx.money(view.offer.price)}, ${view.offer.status}, deadline block ${view.offer.deadline}`);
        }
      }),
    );

  group
    .command('applications')
    .description('the pending applications on a parcel: proposed, in notice or objected')
    .argument('<parcel>', 'parcel id')
    .action(
      action(io, async (ctx, parcel) => {
        const api = await ctx.connect();
        const list = await applications.pending(api, parseId(parcel, 'parcel'));
        if (ctx.options.json) {
          ctx.print(toJson(list));
          return;
        }
        if (!list.length) {
          ctx.print(`no pending applications on parcel ${parcel}`);
          return;
        }
        ctx.print(
          table(
            list.map((application) => {
              const status = auditor.variantOf(application.status);
              return {
                id: application.id,
                change: auditor.variantOf(application.change).type,
                status: status.type,
                until: status.value?.noticeEnds ?? status.value?.confirmBy ?? '',
                by: ctx.label(application.proposedBy),
                affected: application.affected.map(ctx.label).join(', '),
              };
            }),
            [['id', '#'], ['change', 'change'], ['status', 'status'], ['until', 'until block'], ['by', 'proposed by'], ['affected', 'may object']],
          ),
        );
      }),
    );

  withWatchOptions(
    group
      .command('watch')
      .description('alerts for parcels: follow finalized blocks and print a line for every event on them')
      .requiredOption('--parcel <id>', 'a parcel to watch (repeat)', (v, previous) => previous.concat([parseId(v, 'parcel')]), []),
  ).action(action(io, async (ctx, options) => runWatch(ctx, { parcels: options.parcel }, options)));

  group
    .command('history')
    .description('a parcel\'s full title history, oldest first')
    .argument('<parcel>', 'parcel id')
    .action(
      action(io, async (ctx, parcel) => {
        const api = await ctx.connect();
        const versions = await auditor.titleHistory(api, parseId(parcel, 'parcel'));
        if (ctx.options.json) {
          ctx.print(toJson(versions));
          return;
        }
        if (!versions.length) throw new UsageError(`parcel ${parcel} has no title history`);
        ctx.print(
          table(
            versions.map((title) => ({
              version: title.version,
              block: title.recordedAt,
              change: title.change + (title.dealing !== null ? ` (offer ${title.dealing})` : '') + (title.splitFrom !== null ? ` of ${title.splitFrom}` : ''),
              price: title.price !== null ? ctx.money(title.price) : '',
              owners: title.owners.map((owner) => `${ctx.label(owner.account)} ${owner.share}`).join(', '),
              tenure: title.tenure,
              source: `${title.source.kind} ${title.source.documentHash.slice(0, 12)}…`,
              by: title.recordedBy ? ctx.label(title.recordedBy) : title.change === 'Sale' ? '(settlement)' : title.recordedAt === 0 ? '(genesis)' : '—',
            })),
            [['version', 'version'], ['block', 'block'], ['change', 'change'], ['price', 'price'], ['owners', 'owners'], ['tenure', 'tenure'], ['source', 'document'], ['by', 'recorded by']],
          ),
        );
      }),
    );

  group
    .command('parcels')
    .description('every parcel (or those an account holds a share of)')
    .option('--owner <account>', 'only parcels this account holds a share of')
    .action(
      action(io, async (ctx, options) => {
        const api = await ctx.connect();
        const exported = await auditor.exportRegistry(api);
        let parcels = exported.parcels;
        if (options.owner) {
          const owner = await resolveAccount(options.owner, { api });
          const ids = new Set(await auditor.parcelsOf(api, owner));
          parcels = parcels.filter((parcel) => ids.has(parcel.id));
        }
        if (ctx.options.json) {
          ctx.print(toJson(parcels));
          return;
        }
        ctx.print(
          table(
            parcels.map((parcel) => {
              const current = parcel.titles.find((title) => title.current);
              return {
                id: parcel.id,
                jurisdiction: parcel.jurisdiction,
                reference: parcel.cadastralReference,
                area: parcel.areaM2,
                use: parcel.landUse,
                status: parcel.status,
                version: current?.version ?? '',
                owners: current ? current.owners.map((owner) => `${ctx.label(owner.account)} ${owner.share}`).join(', ') : '',
              };
            }),
            [['id', 'parcel'], ['jurisdiction', 'jurisdiction'], ['reference', 'reference'], ['area', 'm²'], ['use', 'land use'], ['status', 'status'], ['version', 'title v.'], ['owners', 'owners']],
          ),
        );
      }),
    );

  group
    .command('offers')
    .description('the open offers')
    .action(
      action(io, async (ctx) => {
        const api = await ctx.connect();
        const offers = await auditor.openOffers(api);
        if (ctx.options.json) {
          ctx.print(toJson(offers));
          return;
        }
        if (!offers.length) {
          ctx.print('no open offers');
          return;
        }
        ctx.print(
          table(
            offers.map((offer) => ({
              offer: offer.offer,
              parcel: offer.parcel,
              sellers: offer.sellers.map((s) => `${ctx.label(s.account)} ${s.share}`).join(', '),
              buyer: ctx.label(offer.buyer),
              price: ctx.money(offer.price),
              status: offer.status,
              deadline: offer.deadline,
            })),
            [['offer', 'offer'], ['parcel', 'parcel'], ['sellers', 'sellers'], ['buyer', 'buyer'], ['price', 'price'], ['status', 'status'], ['deadline', 'deadline']],
          ),
        );
      }),
    );

  group
    .command('export')
    .description('export the registry (every parcel and title version) to JSON and/or CSV')
    .option('--json-file <path>', 'write the JSON export here')
    .option('--csv-file <path>', 'write the CSV (one row per title version) here')
    .option('--at <block-hash>', 'read the registry at this block (default: the best block)')
    .option('--finalized', 'read the registry at the finalized block')
    .action(
      action(io, async (ctx, options) => {
        const api = await ctx.connect();
        const exported = await auditor.exportRegistry(api, { at: options.at, finalized: options.finalized });
        if (options.jsonFile) writeFileSync(options.jsonFile, `${toJson(exported)}\n`);
        if (options.csvFile) writeFileSync(options.csvFile, auditor.toCsv(exported.titleVersions));
        if (!options.jsonFile && !options.csvFile) {
          ctx.print(ctx.options.json ? toJson(exported) : auditor.toCsv(exported.titleVersions).trimEnd());
          return;
        }
        const summary = {
          block: `#${exported.block.number} ${exported.block.hash}`,
          parcels: exported.parcels.length,
          'title versions': exported.titleVersions.length,
          json: options.jsonFile ?? '—',
          csv: options.csvFile ?? '—',
        };
        ctx.print(ctx.options.json ? toJson(summary) : keyValues(summary));
      }),
    );

  group
    .command('dump')
    .description('a deep dump of one pallet\'s storage (raw and decoded) at one block, as JSON')
    .option('--pallet <section>', 'the pallet, e.g. landRegistry, conveyance, escrow', 'landRegistry')
    .option('--at <block-hash>', 'the block (default: the best block)')
    .option('--out <path>', 'write to this file instead of stdout')
    .action(
      action(io, async (ctx, options) => {
        const api = await ctx.connect();
        const dump = await auditor.dumpPallet(api, options.pallet, { at: options.at });
        const text = toJson(dump);
        if (options.out) {
          writeFileSync(options.out, `${text}\n`);
          ctx.print(`${Object.keys(dump.raw).length} keys of ${options.pallet} at block #${dump.block.number} written to ${options.out}`);
        } else ctx.print(text);
      }),
    );
}

/** Runs the CLI with `argv` (node's `process.argv` form); resolves to the exit code. */
export async function main(argv = process.argv, io) {
  const out = io ?? { out: (line) => console.log(line), err: (line) => console.error(line) };
  const program = buildProgram(out);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return 0;
      return 2;
    }
    if (error instanceof TransactionError) {
      out.err(`error: ${error.message}`);
      if (error.receipt?.blockHash) out.err(`  ${receiptLine(error.receipt)}`);
      return error.exitCode;
    }
    if (error instanceof LandchainError) {
      out.err(`error: ${error.message}`);
      return error.exitCode;
    }
    out.err(`error: ${error?.stack ?? error}`);
    return 1;
  }
}

/**
 * Polkadot.js logs connection and RPC failures to the console with a timestamp; the CLI reports
 * each failure once, decoded, so those lines are dropped unless LANDCHAIN_DEBUG is set.
 */
function quietPolkadotLogs() {
  if (process.env.LANDCHAIN_DEBUG) return;
  const stamp = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
  for (const level of ['error', 'warn', 'log']) {
    const original = console[level].bind(console);
    console[level] = (...values) => {
      if (typeof values[0] === 'string' && stamp.test(values[0])) return;
      original(...values);
    };
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href || process.argv[1]?.endsWith('/landchain')) {
  quietPolkadotLogs();
  // A reader that stops early (`landchain auditor export | head`) is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  main(process.argv, { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) }).then((code) => {
    process.exitCode = code;
    // Polkadot.js may keep timers alive after disconnecting; do not hang.
    setTimeout(() => process.exit(code), 100).unref();
  });
}
