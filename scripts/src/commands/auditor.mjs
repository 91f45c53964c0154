// `landchain auditor …`: auditors and the public read parcels, title histories, offers and
// applications, the records citing a document, watch parcels, export the registry (JSON, the
// title CSV) and dump a pallet.

import { writeFileSync } from 'node:fs';
import * as applications from '../applications.mjs';
import * as auditor from '../auditor.mjs';
import { DEFAULT_PAGE_SIZE, INDEX_INCOMPLETE, MAX_PAGE_SIZE, citationsOf, describeCitation, describeState, parsePageSize } from '../citations.mjs';
import { hashFrom } from '../documents.mjs';
import { UsageError } from '../errors.mjs';
import { keyValues, table, toJson } from '../format.mjs';
import { resolveAccount } from '../keys.mjs';
import { parseId } from '../units.mjs';
import { action, report } from './context.mjs';
import { runWatch, withWatchOptions } from './options.mjs';

/** `charlie 1/2, dave 1/2`. */
const ownersText = (ctx, owners) => owners.map((owner) => `${ctx.label(owner.account)} ${owner.share}`).join(', ');

/** A parcel, its title, encumbrances and open offer, for people. */
function parcelText(ctx, view) {
  const p = view.parcel;
  const lines = [
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
      owners: view.title ? ownersText(ctx, view.title.owners) : '—',
      tenure: view.title ? (view.title.leaseholdExpiresAt ? `Leasehold until ${new Date(Number(view.title.leaseholdExpiresAt) * 1000).toISOString().slice(0, 10)}` : view.title.tenure) : '—',
      'locked by offer': view.lockedBy,
    }),
  ];
  if (view.encumbrances.length) {
    lines.push('\nencumbrances');
    lines.push(
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
    lines.push(`\nopen offer ${view.offer.offer}: to ${ctx.label(view.offer.buyer)} for ${ctx.money(view.offer.price)}, ${view.offer.status}, deadline block ${view.offer.deadline}`);
  }
  return lines;
}

export function addAuditor(program, io) {
  const group = program.command('auditor').description('auditors and the public: parcels, title history, offers, exports');

  group
    .command('parcel')
    .description('a parcel with its current title, encumbrances, lock and open offer')
    .argument('<parcel>', 'parcel id')
    .action(
      report(
        io,
        async (ctx, api, parcel) => {
          const view = await auditor.parcelView(api, parseId(parcel, 'parcel'));
          if (!view) throw new UsageError(`no parcel ${parcel}`);
          return view;
        },
        parcelText,
      ),
    );

  group
    .command('applications')
    .description('the pending applications on a parcel: proposed, in notice or objected')
    .argument('<parcel>', 'parcel id')
    .action(
      report(
        io,
        (ctx, api, parcel) => applications.pending(api, parseId(parcel, 'parcel')),
        (ctx, list, parcel) =>
          list.length
            ? table(
                list.map((application) => {
                  const status = auditor.variantOf(application.status);
                  return {
                    id: application.id,
                    change: auditor.variantOf(application.change).type,
                    status: status.type,
                    until: status.fields.noticeEnds ?? status.fields.confirmBy ?? '',
                    by: ctx.label(application.proposedBy),
                    affected: application.affected.map(ctx.label).join(', '),
                  };
                }),
                [['id', '#'], ['change', 'change'], ['status', 'status'], ['until', 'until block'], ['by', 'proposed by'], ['affected', 'may object']],
              )
            : `no pending applications on parcel ${parcel}`,
      ),
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
      report(
        io,
        (ctx, api, parcel) => auditor.titleHistory(api, parseId(parcel, 'parcel')),
        (ctx, versions, parcel) => {
          if (!versions.length) throw new UsageError(`parcel ${parcel} has no title history`);
          return table(
            versions.map((title) => ({
              version: title.version,
              block: title.recordedAt,
              change: title.change + (title.dealing !== null ? ` (offer ${title.dealing})` : '') + (title.splitFrom !== null ? ` of ${title.splitFrom}` : ''),
              price: title.price !== null ? ctx.money(title.price) : '',
              owners: ownersText(ctx, title.owners),
              tenure: title.tenure,
              source: `${title.source.kind} ${title.source.documentHash.slice(0, 12)}…`,
              by: title.recordedBy ? ctx.label(title.recordedBy) : title.change === 'Sale' ? '(settlement)' : title.recordedAt === 0 ? '(genesis)' : '—',
            })),
            [['version', 'version'], ['block', 'block'], ['change', 'change'], ['price', 'price'], ['owners', 'owners'], ['tenure', 'tenure'], ['source', 'document'], ['by', 'recorded by']],
          );
        },
      ),
    );

  group
    .command('parcels')
    .description('every parcel (or those an account holds a share of)')
    .option('--owner <account>', 'only parcels this account holds a share of')
    .action(
      report(
        io,
        async (ctx, api, options) => {
          const exported = await auditor.exportRegistry(api);
          if (!options.owner) return exported.parcels;
          const ids = new Set(await auditor.parcelsOf(api, await resolveAccount(options.owner, { api })));
          return exported.parcels.filter((parcel) => ids.has(parcel.id));
        },
        (ctx, parcels) =>
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
                owners: current ? ownersText(ctx, current.owners) : '',
              };
            }),
            [['id', 'parcel'], ['jurisdiction', 'jurisdiction'], ['reference', 'reference'], ['area', 'm²'], ['use', 'land use'], ['status', 'status'], ['version', 'title v.'], ['owners', 'owners']],
          ),
      ),
    );

  group
    .command('citations')
    .description('the records citing a document (which records cite this deed?), a page at a time')
    .option('--hash <0x…>', 'the document\'s blake2-256 hash (32 bytes hex)')
    .option('--file <path>', 'the document file (hashed here with blake2-256; the file is not sent)')
    .option('--text <text>', 'a text whose blake2-256 hash is the document\'s (e.g. an archive reference)')
    .option('--page-size <n>', `records a page, 1 to ${MAX_PAGE_SIZE}`, parsePageSize, DEFAULT_PAGE_SIZE)
    .option('--after <cursor>', 'the page after this cursor (printed with the page before)')
    .action(
      action(io, async (ctx, options) => {
        // The document first: a malformed hash or a missing file is refused before connecting.
        const hash = hashFrom({ hash: options.hash, file: options.file, text: options.text }, { what: 'document' });
        const page = await citationsOf(await ctx.connect(), hash, { pageSize: options.pageSize, after: options.after ?? null });
        ctx.output(page, () => {
          const lines = [`document ${page.document}`];
          if (!page.complete) lines.push(INDEX_INCOMPLETE);
          if (page.citations.length === 0) return [...lines, options.after ? 'no more records cite it' : 'no record cites it'];
          lines.push(
            table(
              page.citations.map((citation) => ({ record: describeCitation(citation), now: describeState(citation) })),
              [['record', 'record'], ['now', 'now']],
            ),
          );
          lines.push(page.next ? `next page: --after ${page.next}` : 'last page');
          return lines;
        });
      }),
    );

  group
    .command('offers')
    .description('the open offers')
    .action(
      report(
        io,
        (ctx, api) => auditor.openOffers(api),
        (ctx, offers) =>
          offers.length
            ? table(
                offers.map((offer) => ({
                  offer: offer.offer,
                  parcel: offer.parcel,
                  sellers: ownersText(ctx, offer.sellers),
                  buyer: ctx.label(offer.buyer),
                  price: ctx.money(offer.price),
                  status: offer.status,
                  deadline: offer.deadline,
                })),
                [['offer', 'offer'], ['parcel', 'parcel'], ['sellers', 'sellers'], ['buyer', 'buyer'], ['price', 'price'], ['status', 'status'], ['deadline', 'deadline']],
              )
            : 'no open offers',
      ),
    );

  group
    .command('export')
    .description('export the registry (every parcel and title version) to JSON and/or the title CSV (docs/TITLES-CSV.md)')
    .option('--json-file <path>', 'write the JSON export here')
    .option('--csv-file <path>', 'write the title CSV (one row per title version, docs/TITLES-CSV.md) here')
    .option('--at <block-hash>', 'read the registry at this block (default: the best block)')
    .option('--finalized', 'read the registry at the finalized block')
    .action(
      action(io, async (ctx, options) => {
        const api = await ctx.connect();
        const exported = await auditor.exportRegistry(api, { at: options.at, finalized: options.finalized });
        if (options.jsonFile) writeFileSync(options.jsonFile, `${toJson(exported)}\n`);
        if (options.csvFile) writeFileSync(options.csvFile, auditor.titlesCsv(exported));
        if (!options.jsonFile && !options.csvFile) {
          ctx.output(exported, () => auditor.titlesCsv(exported).trimEnd());
          return;
        }
        ctx.output(
          {
            block: `#${exported.block.number} ${exported.block.hash}`,
            parcels: exported.parcels.length,
            'title versions': exported.titleVersions.length,
            json: options.jsonFile ?? '—',
            csv: options.csvFile ?? '—',
          },
          keyValues,
        );
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
