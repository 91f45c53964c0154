// Options and arguments several command groups share: documents, geometries, split children,
// owner lists, and the property-alert watch.

import { Option } from 'commander';
import { hashFile, hashFrom, parseHash } from '../documents.mjs';
import { LandchainError, UsageError } from '../errors.mjs';
import { resolveAccount } from '../keys.mjs';
import { parseId, parseUnixTime } from '../units.mjs';
import { alertLine, watch } from '../watch.mjs';

/** Commander's collector of a repeated option. */
export const collect = (value, previous) => previous.concat([value]);

/**
 * The choices as the help lists them. Commander needs help before the tool connects, so these are
 * text only: what a command accepts is the connected chain's vocabulary (vocabulary.mjs), checked
 * when the command runs.
 */
export const HELP = {
  docKinds: 'deed, survey, court-order, probate, mortgage-instrument, lease-agreement, discharge, statutory, other',
  landUses: 'residential, commercial, agricultural, industrial, forest, public, mixed, other',
  rejectionReasons: 'documents-incomplete, deed-mismatch, party-not-verified, price-not-bona-fide, dispute-pending, other',
  lawfulReasons: 'inheritance, court-order',
  partyKinds: 'person, company, public-body',
};

/** `--land-use`, checked against the chain's land uses when the command runs. */
export const landUseOption = () => new Option('--land-use <use>', `land use, one of the chain's: ${HELP.landUses}`).default('residential');

/**
 * The document behind a change, from `--doc-kind`, `--doc-hash|--doc-file|--doc-text`, `--doc-uri`
 * (refused when the URI looks like personal data: `ctx.publicText`).
 */
export function documentOf(ctx, options, defaultKind) {
  return {
    kind: options.docKind ?? defaultKind,
    documentHash: hashFrom({ hash: options.docHash, file: options.docFile, text: options.docText }, { what: 'document' }),
    uri: ctx.publicText('--doc-uri', options.docUri ?? null),
  };
}

export function withDocumentOptions(command, defaultKind) {
  return command
    .addOption(new Option('--doc-kind <kind>', `document kind, one of the chain's: ${HELP.docKinds}`).default(defaultKind))
    .option('--doc-hash <0x…>', 'blake2-256 hash of the document (32 bytes hex)')
    .option('--doc-file <path>', 'the document file; its blake2-256 hash is recorded (the file stays off-chain)')
    .option('--doc-text <text>', 'a text whose blake2-256 hash is recorded (e.g. an archive reference)')
    .option('--doc-uri <uri>', 'where the document is published (at most the chain\'s landRegistry.maxUriLen bytes)');
}

/** A 32-byte hash given as hash, file or text (`--geometry-hash`, `--geometry-file`, `--geometry-text`). */
export function geometryOf(options) {
  return hashFrom({ hash: options.geometryHash, file: options.geometryFile, text: options.geometryText }, { what: 'geometry' });
}

/** The tenure of `--leasehold-until`: a leasehold ending then, freehold without it. */
export const tenureOf = (options) => (options.leaseholdUntil ? { leaseholdUntil: parseUnixTime(options.leaseholdUntil) } : {});

/** `REF:AREA:GEOMETRY[:LANDUSE]` for a child of a split; GEOMETRY is a 0x hash or a file to hash. */
export function parseChild(text) {
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
    // Checked against the chain's land uses when the split is made.
    landUse: landUse || undefined,
  };
}

/** An alert was seen and `--exit-on-alert` asked to stop: exit status 7 for scripts. */
class AlertSeen extends LandchainError {
  constructor(line) {
    super(`alert: ${line}`, { exitCode: 7 });
    this.name = 'AlertSeen';
  }
}

/** `watch` for owners and auditors: prints an alert line per event, optionally stops at the first. */
export async function runWatch(ctx, { accounts = [], parcels = [] }, options) {
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
export function withWatchOptions(command) {
  return command
    .option('--from <block>', 'start at this finalized block (default: the next one); earlier blocks replay history', (v) => parseId(v, 'block number'))
    .option('--until <block>', 'stop after this block (default: follow for ever)', (v) => parseId(v, 'block number'))
    .option('--exit-on-alert', 'stop at the first alert with exit status 7 (for scripts)');
}
