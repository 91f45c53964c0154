// `landchain registrar recovery …` and `landchain owner veto-recovery`: key-loss recovery over
// every parcel a lost key holds something on (recovery.mjs). The office proposes — after checking,
// given the party's identifier and salts, that the replacement (and the lost key) are the party's
// — a second registrar confirms, anyone enacts after the notice; `status` shows each parcel. The
// lost key itself, if it is not lost, vetoes.

import { UsageError } from '../errors.mjs';
import { table } from '../format.mjs';
import { resolveAccount } from '../keys.mjs';
import * as parties from '../parties.mjs';
import * as recovery from '../recovery.mjs';
import { parseId } from '../units.mjs';
import { report, transaction } from './context.mjs';
import { documentOf, withDocumentOptions } from './options.mjs';
import { NotVerified, who } from './party.mjs';

/** Commander's collector of a repeated id option. */
const collectIds = (what) => (value, previous) => previous.concat([parseId(value, what)]);

/** `s` when `count` is not one. */
const plural = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** What a recovery moves on a parcel (a holding from `recovery.holdingOn`), for people. */
function movesText(ctx, holding) {
  const parts = [];
  if (holding.share) parts.push(`owner ${holding.share}`);
  for (const encumbrance of holding.encumbrances) parts.push(`${encumbrance.role} of ${encumbrance.kind.toLowerCase()} ${encumbrance.id}`);
  if (holding.restriction) parts.push('its restriction');
  for (const consent of holding.consents) {
    parts.push(consent.as === 'owner' ? `its consent to a mortgage to ${ctx.label(consent.lender)}` : `lender in ${ctx.label(consent.owner)}'s mortgage consent`);
  }
  return parts.join(', ') || 'nothing';
}

/** The receipts after the first (a chain without the utility pallet), for people. */
const laterReceipts = (ctx, result) => (result.receipts.length > 1 ? result.receipts.slice(1).flatMap((receipt) => ctx.receiptLines(receipt)).join('\n') : undefined);

/** Extra text for people: `lines`, then the later receipts, whichever there are. */
function moreOf(ctx, result, lines) {
  const text = [...lines, laterReceipts(ctx, result)].filter((line) => line !== undefined && line !== null && line !== '');
  return text.length ? text.join('\n') : undefined;
}

/**
 * Checks, when `--identifier` and `--salt` are given, that they open the replacement's attestation
 * (and, with `--lost-salt`, the lost key's): the office files no recovery for another party.
 * Computed here, sent nowhere; each verdict goes to stderr, and a failed one stops the command.
 */
async function checkParty(ctx, { lost, replacement }, { identifier, salt, lostSalt }) {
  if (identifier === undefined) {
    if (salt !== undefined || lostSalt !== undefined) throw new UsageError('--salt and --lost-salt need --identifier: the party\'s identifier, checked against each attestation');
    ctx.progress('no --identifier and --salt: the party is not verified here (the office vouches that both keys are one party\'s)');
    return;
  }
  if (salt === undefined) throw new UsageError('--identifier needs --salt: the salt of the replacement\'s attestation');
  const verdicts = await recovery.verifyParties(ctx.api, {
    lost,
    replacement,
    identifier,
    salt: parties.parseSalt(salt),
    lostSalt: lostSalt === undefined ? undefined : parties.parseSalt(lostSalt),
  });
  for (const verdict of verdicts) ctx.progress(`${verdict.role} ${who(ctx, verdict.party)}: ${verdict.verified ? 'VERIFIED' : 'NOT VERIFIED'} — ${verdict.why}`);
  const failed = verdicts.find((verdict) => !verdict.verified);
  if (failed) throw new NotVerified(`the ${failed.role} ${who(ctx, failed.party)}: ${failed.why}; no recovery is proposed`);
}

/** `--lost` or application ids, exactly one: the library's arguments. */
function chosenOf(ids, options) {
  if ((ids.length > 0) === (options.lost !== undefined)) throw new UsageError('give either --lost <account> or application ids, not both');
  return { lost: options.lost, applications: ids.map((id) => parseId(id, 'application')) };
}

/** Where a pending recovery stands, for people. */
function statusText(ctx, application, block) {
  switch (application.status) {
    case 'Proposed':
      return `proposed by ${ctx.label(application.proposedBy)}: a second registrar confirms by #${application.confirmBy}`;
    case 'InNotice':
      return application.noticeEnds <= block + 1 ? 'notice over: anyone enacts it' : `in notice until #${application.noticeEnds}, then anyone enacts it`;
    case 'Objected':
      return `objected to by ${ctx.label(application.objector)}: the council decides`;
    default:
      return application.status;
  }
}

export function addRecovery(registrar, io) {
  const group = registrar
    .command('recovery')
    .description('key-loss recovery: put a party\'s new, attested account in place of the key it lost, on every parcel that key holds something on (one application per parcel, in one transaction)');

  withDocumentOptions(
    group
      .command('propose')
      .description('propose recovering a lost key: one application per parcel it owns a share of, holds a mortgage, lien or lease on, or is the lender of a mortgage consent on')
      .requiredOption('--lost <account>', 'the account whose key the party lost')
      .requiredOption('--replacement <account>', 'the party\'s new account (it must hold a current attestation of the same kind of party)')
      .option('--parcel <id>', 'only this parcel (repeat); default: every parcel the lost key holds something on', collectIds('parcel'), [])
      .option('--identifier <id>', 'the party\'s identifier, as the office records it: with --salt, checked first against the replacement\'s attestation (computed here, sent nowhere)')
      .option('--salt <0x…>', 'the salt of the replacement\'s attestation')
      .option('--lost-salt <0x…>', 'the salt of the lost key\'s attestation: checked against it too'),
    'other',
  ).action(
    transaction(
      io,
      async (ctx, options) => {
        const api = await ctx.connect();
        const lost = await resolveAccount(options.lost, { api });
        const replacement = await resolveAccount(options.replacement, { api });
        await checkParty(ctx, { lost, replacement }, options);
        return ctx.submit(recovery.propose, { lost, replacement, parcels: options.parcel, source: documentOf(ctx, options, 'other') });
      },
      (ctx, result) =>
        `recovery of ${who(ctx, result.lost)}'s key to ${who(ctx, result.replacement)} proposed on ${plural(result.proposed.length, 'parcel')} ` +
        `(application${result.proposed.length === 1 ? '' : 's'} ${result.proposed.map((item) => item.application).join(', ')}): ` +
        `a second registrar confirms with: landchain registrar recovery confirm --lost ${result.lost}`,
      (ctx, result) =>
        moreOf(ctx, result, [
          table(
            result.proposed.map((item) => ({
              application: item.application,
              parcel: item.parcel,
              moves: movesText(ctx, item.holding),
              affected: item.affected.map(ctx.label).join(', '),
            })),
            [['application', 'application'], ['parcel', 'parcel'], ['moves', 'moves to the replacement'], ['affected', 'may object']],
          ),
          ...result.skipped.map((item) => `parcel ${item.parcel}: not proposed again — recovery application ${item.application} is pending`),
        ]),
    ),
  );

  group
    .command('confirm')
    .description('a second registrar confirms recovery applications — every one of --lost waiting for confirmation, or the ids given — in one transaction: their public notice starts')
    .argument('[applications...]', 'application ids (instead of --lost)')
    .option('--lost <account>', 'the lost account whose recovery applications to confirm')
    .action(
      transaction(
        io,
        (ctx, ids, options) => ctx.submit(recovery.confirm, chosenOf(ids, options)),
        (ctx, result, ids, options) => {
          const ends = Math.max(...result.confirmed.map((item) => Number(item.noticeEnds)));
          const enact = options.lost ? `--lost ${options.lost}` : result.confirmed.map((item) => item.application).join(' ');
          return `confirmed ${plural(result.confirmed.length, 'recovery application')} (${result.confirmed.map((item) => `${item.application} on parcel ${item.parcel}`).join(', ')}): in public notice until block #${ends}, then anyone enacts with: landchain registrar recovery enact ${enact}`;
        },
        (ctx, result) => moreOf(ctx, result, []),
      ),
    );

  group
    .command('enact')
    .description('enact recovery applications whose notice is over — every one of --lost, or the ids given — in one transaction (anyone may sign)')
    .argument('[applications...]', 'application ids (instead of --lost)')
    .option('--lost <account>', 'the lost account whose recovery applications to enact')
    .action(
      transaction(
        io,
        (ctx, ids, options) => ctx.submit(recovery.enact, chosenOf(ids, options)),
        (ctx, result) => {
          const keys = new Set(result.recovered.map((item) => `${item.lost} ${item.replacement}`));
          const parcels = `${plural(result.recovered.length, 'parcel')} (${result.recovered.map((item) => item.parcel).join(', ')})`;
          if (keys.size !== 1) return `enacted ${plural(result.recovered.length, 'recovery application')} on ${parcels}`;
          const [{ lost, replacement }] = result.recovered;
          return `enacted ${plural(result.recovered.length, 'recovery application')}: ${who(ctx, replacement)} now holds what ${who(ctx, lost)} held on ${parcels}`;
        },
        (ctx, result) => {
          const versions = new Map(result.titles.map((title) => [title.parcel, title.version]));
          return moreOf(ctx, result, [
            table(
              result.recovered.map((item) => ({
                parcel: item.parcel,
                application: item.application,
                title: versions.has(item.parcel) ? `version ${versions.get(item.parcel)}` : 'unchanged (no owner)',
                encumbrances: item.encumbrances.length ? item.encumbrances.join(', ') : '—',
              })),
              [['parcel', 'parcel'], ['application', 'application'], ['title', 'title'], ['encumbrances', 'charges and leases moved']],
            ),
            ...result.waiting.map((item) => `application ${item.application} (parcel ${item.parcel}): in notice until block #${item.noticeEnds}`),
          ]);
        },
      ),
    );

  group
    .command('status')
    .description('where the recovery of a lost key stands, parcel by parcel: what it holds, the application, its status and notice')
    .requiredOption('--lost <account>', 'the lost account')
    .action(
      report(
        io,
        (ctx, api, options) => recovery.status(api, options.lost),
        (ctx, view) => {
          const heading = `recovery of ${who(ctx, view.lost)}'s key at block #${view.block}:`;
          if (view.parcels.length === 0) return `${heading} it holds nothing on any parcel, and no recovery application names it`;
          const rows = view.parcels.flatMap(({ parcel, holding, applications }) => {
            const holds = movesText(ctx, holding);
            if (applications.length === 0) {
              const why = holding.lockedBy !== null ? `none: locked by open dealing ${holding.lockedBy}, the recovery waits for it to end` : 'none';
              return [{ parcel, holds, application: '—', replacement: '—', status: why }];
            }
            return applications.map((application) => ({
              parcel,
              holds,
              application: application.application,
              replacement: ctx.label(application.replacement),
              status: statusText(ctx, application, view.block),
            }));
          });
          return [
            heading,
            table(rows, [['parcel', 'parcel'], ['holds', 'holds (what moves)'], ['application', 'application'], ['replacement', 'replacement'], ['status', 'status']]),
          ];
        },
      ),
    );
}

export function addVetoRecovery(owner, io) {
  owner
    .command('veto-recovery')
    .description('veto a recovery application naming your account as a lost key (you have not lost it): every pending one, or those given, in one transaction; nothing moves')
    .option('--application <id>', 'only this application (repeat); default: every pending recovery naming you', collectIds('application'), [])
    .action(
      transaction(
        io,
        (ctx, options) => ctx.submit(recovery.veto, { applications: options.application }),
        (ctx, result) =>
          `vetoed ${plural(result.vetoed.length, 'recovery application')} naming ${who(ctx, result.receipt.signer)} as a lost key (${result.vetoed.map((item) => `${item.application} on parcel ${item.parcel}`).join(', ')}): closed, nothing moves`,
        (ctx, result) => moreOf(ctx, result, []),
      ),
    );
}
