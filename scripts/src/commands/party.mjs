// `landchain party …`: the party register. Identity offices (registrars) attest, renew and revoke
// that an account belongs to a verified person, company or public body — recording only a salted
// commitment, never the identifier; anyone clears an expired attestation, shows an account's
// attestation, or verifies a party's salt and identifier against the chain.

import { Option } from 'commander';
import { LandchainError } from '../errors.mjs';
import { keyValues } from '../format.mjs';
import { resolveAccount } from '../keys.mjs';
import * as parties from '../parties.mjs';
import { parseId } from '../units.mjs';
import { vocabulary } from '../vocabulary.mjs';
import { action, report, transaction } from './context.mjs';
import { HELP } from './options.mjs';

/** A party's claim did not check out: the verdict is printed, the exit status is 1. */
export class NotVerified extends LandchainError {
  constructor(why) {
    super(`not verified: ${why}`, { exitCode: 1 });
    this.name = 'NotVerified';
  }
}

/** `--expires-in-days` and `--expires-at`, of which `attest` and `renew` take exactly one. */
function withExpiryOptions(command) {
  return command
    .option('--expires-in-days <n>', 'the attestation runs this many days from now (in the chain\'s blocks; at most 10 years)', (v) => parseId(v, 'number of days'))
    .option('--expires-at <block>', 'or: the first block at which it no longer counts', (v) => parseId(v, 'block number'));
}

/** The expiry options as the library takes them. */
const expiryOf = (options) => ({ expiresAt: options.expiresAt, expiresInDays: options.expiresInDays });

/** `dave (5Dfh…)`, or the address alone when it has no dev name. */
export const who = (ctx, address) => {
  const label = ctx.label(address);
  return label === address ? address : `${label} (${address})`;
};

/** `block #1234 (in 5 blocks, about 0.0 days)` or `block #1234 (expired 8 blocks ago)` of an attestation. */
function expiryText(ctx, record) {
  const blocks = Number(record.expiresAt) - record.block;
  if (!record.current) return `block #${record.expiresAt} — expired (${-blocks} blocks before the best block #${record.block})`;
  const days = (blocks * vocabulary(ctx.api).blockTimeMs) / (24 * 60 * 60 * 1000);
  return `block #${record.expiresAt} — current (${blocks} blocks, about ${days.toFixed(days < 10 ? 1 : 0)} days, after the best block #${record.block})`;
}

/** An attestation for people. */
function attestationText(ctx, record) {
  return keyValues({
    party: who(ctx, record.party),
    kind: parties.kindName(record.kind),
    office: who(ctx, record.office),
    commitment: record.commitment,
    'attested at': `block #${record.attestedAt}`,
    'expires at': expiryText(ctx, record),
    deposit: `${ctx.money(record.deposit)} held by the office`,
  });
}

/** The lines every attestation or fresh commitment ends with: the salt, and what to keep off-chain. */
function keepOffChain(ctx, result) {
  if (!result.salt) return undefined;
  return [
    `salt:       ${result.salt}`,
    `commitment: ${result.commitment}`,
    'KEEP OFF-CHAIN: only the commitment went to the chain. The office and the party must each keep the salt',
    'and the identifier privately, off the chain: the party proves who it is by revealing them',
    `(landchain party verify --party ${ctx.label(result.party)} --identifier … --salt …), and discarding the salt`,
    'makes the commitment unlinkable for good. The salt cannot be recovered from the chain.',
  ].join('\n');
}

/**
 * The salt the command uses: `--salt`, or a fresh random one — chosen here, before anything is
 * signed, so that it is on stderr even if the transaction's outcome is never seen.
 */
function saltFor(ctx, options, party) {
  const salt = options.salt ? parties.parseSalt(options.salt) : parties.newSalt();
  const hash = parties.commitment({ salt, identifier: options.identifier, account: party });
  ctx.progress(`commitment ${hash} of the identifier under ${options.salt ? 'the given' : 'a new random'} salt ${salt}: only the commitment is sent`);
  return salt;
}

export function addParty(program, io) {
  const group = program
    .command('party')
    .description('the party register: offices attest that accounts belong to verified persons, companies or public bodies (a salted commitment, no personal data on chain); verify a party');

  withExpiryOptions(
    group
      .command('attest')
      .description('an office (registrar) attests a party: records blake2_256(salt ‖ identifier ‖ account) with its kind and expiry; the office holds the deposit')
      .requiredOption('--party <account>', 'the party\'s account')
      .addOption(new Option('--kind <kind>', `the kind of party, one of the chain's: ${HELP.partyKinds}`).makeOptionMandatory())
      .requiredOption('--identifier <id>', 'the national id or company number, exactly as the office records it (never sent: only the commitment is)')
      .option('--salt <0x…>', '32 bytes of 0x hex (default: a new random salt, printed)'),
  ).action(
    transaction(
      io,
      async (ctx, options) => {
        const api = await ctx.connect();
        const party = await resolveAccount(options.party, { api });
        const salt = saltFor(ctx, options, party);
        return ctx.submit(parties.attest, { party, kind: options.kind, identifier: options.identifier, salt, ...expiryOf(options) });
      },
      (ctx, result) =>
        `attested ${who(ctx, result.party)} as a ${parties.kindName(result.kind).replace('-', ' ')} until block #${result.expiresAt} (office ${ctx.label(result.office)}): commitment ${result.commitment}`,
      (ctx, result) => keepOffChain(ctx, result),
    ),
  );

  withExpiryOptions(
    group
      .command('renew')
      .description('an office renews a party\'s attestation until a new expiry; with --identifier, under a fresh commitment (a new salt); the renewing office takes the deposit over')
      .requiredOption('--party <account>', 'the party\'s account')
      .option('--identifier <id>', 'replace the commitment: the identifier, exactly as the office records it')
      .option('--salt <0x…>', 'with --identifier: the new salt (default: a new random salt, printed)'),
  ).action(
    transaction(
      io,
      async (ctx, options) => {
        const api = await ctx.connect();
        const party = await resolveAccount(options.party, { api });
        const fresh = options.identifier !== undefined ? { identifier: options.identifier, salt: saltFor(ctx, options, party) } : { salt: options.salt };
        return ctx.submit(parties.renew, { party, ...fresh, ...expiryOf(options) });
      },
      (ctx, result) =>
        `renewed ${who(ctx, result.party)}'s attestation until block #${result.expiresAt} (office ${ctx.label(result.office)})${result.commitment ? `: new commitment ${result.commitment}` : ', same commitment'}`,
      (ctx, result) => keepOffChain(ctx, result),
    ),
  );

  group
    .command('revoke')
    .description('an office revokes a party\'s attestation (a death, a dissolution, an error); the deposit returns to the office')
    .argument('<party>', 'the party\'s account')
    .action(
      transaction(
        io,
        (ctx, party) => ctx.submit(parties.revoke, { party }),
        (ctx, result) => `revoked ${who(ctx, result.party)}'s attestation`,
      ),
    );

  group
    .command('remove-expired')
    .description('clear an expired attestation (anyone may); the deposit returns to the office')
    .argument('<party>', 'the party\'s account')
    .action(
      transaction(
        io,
        (ctx, party) => ctx.submit(parties.removeExpired, { party }),
        (ctx, result) => `removed ${who(ctx, result.party)}'s expired attestation`,
      ),
    );

  group
    .command('show')
    .description('a party\'s attestation: kind, office, commitment, expiry, whether it is current (no personal data: there is none on chain)')
    .argument('<party>', 'the party\'s account')
    .action(
      report(
        io,
        async (ctx, api, party) => {
          const account = await resolveAccount(party, { api });
          return { party: account, attestation: await parties.attestation(api, account), requireVerifiedParties: await parties.policy(api) };
        },
        (ctx, view) => {
          const policy = `policy: ${view.requireVerifiedParties ? 'on — titles and charges only to verified parties' : 'off — anyone may hold'}`;
          if (!view.attestation) return [`${who(ctx, view.party)} has no attestation`, policy];
          return [attestationText(ctx, view.attestation), policy];
        },
      ),
    );

  group
    .command('commitment')
    .description('compute a commitment offline, without the chain: for a network file\'s genesis parties (docs/NETWORK.md) or to prepare an attestation; prints the salt to keep off-chain')
    .requiredOption('--party <account>', 'the party\'s account (SS58 or 0x public key)')
    .requiredOption('--identifier <id>', 'the national id or company number, exactly as the office records it')
    .option('--salt <0x…>', '32 bytes of 0x hex (default: a new random salt, printed)')
    .action(
      action(io, async (ctx, options) => {
        const party = await resolveAccount(options.party);
        const salt = options.salt ? parties.parseSalt(options.salt) : parties.newSalt();
        const result = { party, salt, commitment: parties.commitment({ salt, identifier: options.identifier, account: party }) };
        ctx.output(result, () => [
          keyValues({ party: result.party, salt: result.salt, commitment: result.commitment }),
          'Computed here; nothing was sent. Put only the commitment on the chain (party attest --salt, or a network',
          'file\'s [[parties]]); the office and the party keep the salt and the identifier privately, off the chain.',
        ]);
      }),
    );

  group
    .command('verify')
    .description('check a party\'s salt and identifier against the chain (computed here, sent nowhere): exit 0 VERIFIED, exit 1 NOT VERIFIED and why')
    .requiredOption('--party <account>', 'the party\'s account')
    .requiredOption('--identifier <id>', 'the identifier the party revealed (national id, company number)')
    .requiredOption('--salt <0x…>', 'the salt the party revealed (32 bytes of 0x hex)')
    .action(
      action(io, async (ctx, options) => {
        const salt = parties.parseSalt(options.salt);
        const api = await ctx.connect();
        const result = await parties.verify(api, { party: await resolveAccount(options.party, { api }), identifier: options.identifier, salt });
        ctx.output(result, () => {
          const lines = [`${result.verdict}: ${result.why}`];
          if (result.attestation) lines.push(attestationText(ctx, result.attestation));
          else lines.push(keyValues({ party: who(ctx, result.party) }));
          if (result.reason === 'commitment-differs') lines.push(keyValues({ 'computed commitment': result.commitment, 'recorded commitment': result.attestation.commitment }));
          return lines;
        });
        if (!result.verified) throw new NotVerified(result.why);
      }),
    );

  group
    .command('policy')
    .description('whether titles and charges may only be granted to verified parties (the council sets it: council propose party-policy on|off)')
    .action(
      report(
        io,
        async (ctx, api) => ({ requireVerifiedParties: await parties.policy(api) }),
        (ctx, value) =>
          value.requireVerifiedParties
            ? 'verified-parties policy: on — new owners, charge holders, grantees and lenders need a current attestation'
            : 'verified-parties policy: off — anyone may be granted title or a charge',
      ),
    );
}
