// The parts of the tool that need no node: amounts, shares, rates and dates as clerks type them,
// the title CSV, the CLI spelling of the chain's enum variants, account and signer resolution,
// documents, the password prompt's refusal off a terminal, what looks like personal data, the
// party register's salted commitments, the property alert's line for a recovery of the key, and
// the records citing a document as people read them (and their cursors as the chain encodes them).

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { TypeRegistry } from '@polkadot/types';
import { u8aToHex } from '@polkadot/util';
import { xxhashAsU8a } from '@polkadot/util-crypto';
import { auditor, citations, cryptoReady, documents, parties, readPassword, registry, resolveAccount, resolveSigner, units, UsageError, vocabulary } from '../src/index.mjs';
import { main } from '../src/cli.mjs';
import { parseAdvanceSpec } from '../src/commands/buyer.mjs';
import { personalDataIn } from '../src/privacy.mjs';
import { alertLine, vetoCommand } from '../src/watch.mjs';
import { scratchDir } from './helpers/node.mjs';

describe('amounts, shares, rates and dates', () => {
  test('amounts parse exactly in LAND or planck, and format back', () => {
    assert.equal(units.parseAmount('1'), 10n ** 12n);
    assert.equal(units.parseAmount('1500.25 LAND'), 1_500_250_000_000_000n);
    assert.equal(units.parseAmount('1_000'), 1_000n * 10n ** 12n);
    assert.equal(units.parseAmount('0.000000000001'), 1n);
    assert.equal(units.parseAmount('12345planck'), 12_345n);
    for (const bad of ['-1', '1.2.3', 'ten', '0.0000000000001', '1 DOT']) assert.throws(() => units.parseAmount(bad), UsageError, bad);
    assert.equal(units.formatAmount(1_500_250_000_000_000n), '1,500.25 LAND');
    assert.equal(units.formatAmount(100_000_000_000n), '0.1 LAND');
    assert.equal(units.formatAmount(0n), '0 LAND');
  });

  test('shares parse as text; whether they are valid and sum to one is the chain\'s rule', () => {
    assert.deepEqual(units.parseShare('1/3'), { numerator: 1, denominator: 3 });
    assert.deepEqual(units.parseShare('2 : 6'), { numerator: 2, denominator: 6 });
    assert.deepEqual(units.parseShare('1'), { numerator: 1, denominator: 1 });
    // Malformed shares parse: the chain refuses them (landRegistry.InvalidShare, see lifecycle).
    assert.deepEqual(units.parseShare('3/2'), { numerator: 3, denominator: 2 });
    assert.deepEqual(units.parseShare('0/1'), { numerator: 0, denominator: 1 });
    for (const bad of ['half', '1/2/3', '-1/2', '1/4294967296']) assert.throws(() => units.parseShare(bad), UsageError, bad);
    assert.equal(units.sharesSumToWhole, undefined, 'the sum rule is the chain\'s alone');
  });

  test('rates, dates and ids', () => {
    assert.equal(units.parsePermill('2%'), 20_000);
    assert.equal(units.parsePermill('2.5%'), 25_000);
    assert.equal(units.parsePermill('20000ppm'), 20_000);
    assert.throws(() => units.parsePermill('101%'), UsageError);
    assert.equal(units.formatPermill(25_000), '2.5%');
    assert.equal(units.parseUnixTime('2100-01-01'), 4_102_444_800n);
    assert.equal(units.parseUnixTime('1700000000'), 1_700_000_000n);
    assert.throws(() => units.parseUnixTime('someday'), UsageError);
    assert.equal(units.parseId('42'), 42);
    assert.throws(() => units.parseId('4x'), UsageError);
  });

  test('owner specs', () => {
    assert.deepEqual(registry.parseOwnerSpec('charlie:1/2'), { account: 'charlie', share: { numerator: 1, denominator: 2 } });
    assert.deepEqual(registry.parseOwnerSpec('dave'), { account: 'dave', share: { numerator: 1, denominator: 1 } });
  });

  test('lender specs of `buyer accept --finance`: LENDER:AMOUNT:RANK', () => {
    assert.deepEqual(parseAdvanceSpec('eve:80000:1', units.parseAmount), { lender: 'eve', amount: 80_000n * 10n ** 12n, rank: 1 });
    assert.deepEqual(parseAdvanceSpec('ferdie: 1_500.5 LAND :2', units.parseAmount), { lender: 'ferdie', amount: 1_500_500_000_000_000n, rank: 2 });
    for (const bad of ['eve', 'eve:80000', 'eve::1', 'eve:80000:1:2', 'eve:80000:first', 'eve:-5:1']) {
      assert.throws(() => parseAdvanceSpec(bad, units.parseAmount), UsageError, bad);
    }
  });
});

describe('documents, vocabulary and CSV', () => {
  test('documents are hashed with blake2-256', () => {
    const scratch = scratchDir();
    try {
      const file = join(scratch.dir, 'deed.pdf');
      writeFileSync(file, 'deed');
      assert.equal(documents.hashFile(file), documents.hashBytes('deed'));
      assert.equal(documents.hashFrom({ text: 'deed' }), documents.hashBytes('deed'));
      assert.throws(() => documents.hashFrom({ text: 'a', hash: `0x${'11'.repeat(32)}` }), /not several/);
      assert.throws(() => documents.hashFrom({}), /required/);
      assert.throws(() => documents.parseHash('0x1234'), /32 bytes/);
      assert.equal(documents.boundedText('LC-EAST', 7, 'the jurisdiction'), 'LC-EAST');
      assert.throws(() => documents.boundedText('LC-EAST', 6, 'the jurisdiction'), /at most 6 bytes/);
      assert.deepEqual(documents.boundedList([1, 2], 2, 'parcels in one merge'), [1, 2]);
      assert.throws(() => documents.boundedList([1, 2, 3], 2, 'parcels in one merge'), /at most 2 parcels in one merge, not 3/);
    } finally {
      scratch.cleanup();
    }
  });

  test('variant names are spelled in kebab-case, and both spellings are accepted', () => {
    assert.equal(vocabulary.kebabCase('CourtOrder'), 'court-order');
    assert.equal(vocabulary.kebabCase('PriceNotBonaFide'), 'price-not-bona-fide');
    assert.equal(vocabulary.kebabCase('Deed'), 'deed');
    assert.equal(vocabulary.kebabCase('FirstRegistration'), 'first-registration');
    const kinds = vocabulary.variantTable(['Deed', 'CourtOrder', 'MortgageInstrument']);
    assert.deepEqual(kinds, { deed: 'Deed', 'court-order': 'CourtOrder', 'mortgage-instrument': 'MortgageInstrument' });
    assert.equal(documents.pick(kinds, 'court-order', 'document kind'), 'CourtOrder');
    assert.equal(documents.pick(kinds, 'CourtOrder', 'document kind'), 'CourtOrder');
    assert.equal(documents.pick(kinds, 'court_order', 'document kind'), 'CourtOrder');
    assert.throws(() => documents.pick(kinds, 'napkin', 'document kind'), /unknown document kind "napkin": one of deed, court-order, mortgage-instrument/);
    assert.throws(() => documents.pick(kinds, 'constructor', 'document kind'), UsageError);
  });

  test('CSV quotes what needs quoting (a comma, a quote, CR or LF) and reads back', () => {
    const rows = [{ parcel: 1, owners: 'a:1/2;b:1/2', uri: 'ipfs://x,"y"\nz' }, { parcel: 2, owners: 'c\rd', uri: '' }];
    const csv = auditor.toCsv(rows, ['parcel', 'owners', 'uri']);
    assert.equal(csv, 'parcel,owners,uri\r\n1,a:1/2;b:1/2,"ipfs://x,""y""\nz"\r\n2,"c\rd",\r\n');
    assert.deepEqual(auditor.parseCsv(csv), [{ parcel: '1', owners: 'a:1/2;b:1/2', uri: 'ipfs://x,"y"\nz' }, { parcel: '2', owners: 'c\rd', uri: '' }]);
    assert.equal(auditor.toCsv([], ['a', 'b']), 'a,b\r\n', 'the header even without rows');
  });

  test('a title CSV row has the 24 columns of docs/TITLES-CSV.md, formatted as it says', () => {
    assert.deepEqual(auditor.CSV_COLUMNS, [
      'parcel', 'jurisdiction', 'cadastral_reference', 'parcel_status', 'version', 'current', 'owners', 'tenure',
      'leasehold_expires_at', 'change', 'dealing', 'price', 'split_from', 'source_kind', 'document_hash', 'uri',
      'recorded_at', 'recorded_by', 'extrinsic', 'signers', 'buyer', 'payouts', 'encumbrances_recorded', 'encumbrances_released',
    ]);
    const parcel = { id: 7, jurisdiction: 'LC-EAST', cadastralReference: 'PLOT-7, north', status: 'Active' };
    const hash = `0x${'ab'.repeat(32)}`;
    const title = {
      version: 2,
      current: true,
      owners: [{ account: 'A', share: '1/2' }, { account: 'B', share: '1/2' }],
      tenure: 'Leasehold',
      leaseholdExpiresAt: '4102444800',
      change: 'Sale',
      dealing: 3,
      price: '1000000000000000',
      splitFrom: null,
      source: { kind: 'CourtOrder', documentHash: hash.toUpperCase().replace('0X', '0x'), uri: null },
      recordedAt: 42,
      recordedBy: null,
    };
    const row = auditor.titleCsvRow(parcel, title);
    assert.deepEqual(Object.keys(row), auditor.CSV_COLUMNS);
    assert.deepEqual(row, {
      parcel: '7', jurisdiction: 'LC-EAST', cadastral_reference: 'PLOT-7, north', parcel_status: 'active', version: '2', current: 'true',
      owners: 'A:1/2;B:1/2', tenure: 'leasehold', leasehold_expires_at: '4102444800', change: 'sale', dealing: '3', price: '1000000000000000',
      split_from: '', source_kind: 'CourtOrder', document_hash: hash, uri: '', recorded_at: '42', recorded_by: '',
      extrinsic: '', signers: '', buyer: '', payouts: '', encumbrances_recorded: '', encumbrances_released: '',
    });
    // A retired parcel's last title is not current; split children name their parent.
    const retired = auditor.titleCsvRow({ ...parcel, status: 'SplitInto' }, { ...title, tenure: 'Freehold', leaseholdExpiresAt: null, change: 'Split', dealing: null, price: null, splitFrom: 1, recordedBy: 'R' });
    assert.deepEqual(
      [retired.parcel_status, retired.current, retired.tenure, retired.leasehold_expires_at, retired.change, retired.dealing, retired.price, retired.split_from, retired.recorded_by],
      ['split', 'false', 'freehold', '', 'split', '', '', '1', 'R'],
    );
    assert.equal(auditor.titleCsvRow({ ...parcel, status: 'MergedInto' }, { ...title, change: 'FirstRegistration' }).parcel_status, 'merged');
    assert.equal(auditor.titleCsvRow(parcel, { ...title, change: 'FirstRegistration' }).change, 'first-registration');
    assert.equal(auditor.titleCsvRow(parcel, { ...title, change: 'CourtOrder' }).change, 'court-order');
    const csv = auditor.titlesCsv({ parcels: [{ ...parcel, titles: [title] }] });
    assert.ok(csv.startsWith(`${auditor.CSV_COLUMNS.join(',')}\r\n7,LC-EAST,"PLOT-7, north",active,2,true,`), csv);
    assert.ok(csv.endsWith(',42,,,,,,,\r\n'), csv);
  });
});

describe('accounts and signers', () => {
  test('dev names, addresses and keys resolve to the same account', async () => {
    const alice = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
    assert.equal(await resolveAccount('alice'), alice);
    assert.equal(await resolveAccount('Alice'), alice);
    assert.equal(await resolveAccount(alice), alice);
    assert.equal(await resolveAccount('0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d'), alice);
    await assert.rejects(resolveAccount('nobody'), /not an account/);
    assert.equal((await resolveSigner('alice')).address, alice);
    assert.equal((await resolveSigner('//Alice')).address, alice);
    assert.notEqual((await resolveSigner('alice-stash')).address, alice);
    await assert.rejects(resolveSigner('not a signer'), /cannot sign as/);
    await assert.rejects(resolveSigner(undefined), /no signer given/);
  });

  test('a keystore unlocks with its password, from the option or LANDCHAIN_PASSWORD, and not otherwise', async () => {
    await cryptoReady();
    const scratch = scratchDir();
    const saved = process.env.LANDCHAIN_PASSWORD;
    try {
      const pair = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Keystore/test', { name: 'clerk 7' });
      const file = join(scratch.dir, 'clerk.json');
      writeFileSync(file, JSON.stringify(pair.toJson('s3cret')));
      delete process.env.LANDCHAIN_PASSWORD;
      assert.equal((await resolveSigner(file, { password: 's3cret' })).address, pair.address);
      assert.equal((await resolveSigner(file, { prompt: async () => 's3cret' })).label, 'clerk 7');
      process.env.LANDCHAIN_PASSWORD = 's3cret';
      assert.equal((await resolveSigner(file)).address, pair.address);
      await assert.rejects(resolveSigner(file, { password: 'nope' }), /wrong password/);
      writeFileSync(join(scratch.dir, 'other.json'), '{"not":"a keystore"}');
      await assert.rejects(resolveSigner(join(scratch.dir, 'other.json')), /not a Polkadot\.js keystore/);
    } finally {
      if (saved === undefined) delete process.env.LANDCHAIN_PASSWORD;
      else process.env.LANDCHAIN_PASSWORD = saved;
      scratch.cleanup();
    }
  });

  test('the password prompt refuses when standard input is not a terminal', async () => {
    await assert.rejects(readPassword('Password: ', { input: { isTTY: false }, output: { write() {} } }), /set LANDCHAIN_PASSWORD/);
  });
});

describe('personal data in text bound for the public record (docs/PRIVACY.md)', () => {
  const kinds = (text) => personalDataIn(text).map(({ kind }) => kind.split(' ').slice(0, 2).join(' '));

  test('e-mail addresses, phone numbers, id numbers, personal URI fields and names are found', () => {
    assert.deepEqual(kinds('jane.doe@example.org'), ['an e-mail']);
    assert.deepEqual(kinds('call +254 712 345 678'), ['a phone']);
    assert.deepEqual(kinds('ID 27845123'), ['an identity']);
    assert.deepEqual(kinds('https://archive.example/doc?id=7&surname=doe'), ['a personal']);
    assert.deepEqual(kinds('Jane Doe v. Registry'), ["a person's"]);
    assert.deepEqual(kinds('https://archive.example/files/Jane%20Doe.pdf'), ["a person's"], 'percent-escapes are decoded first');
  });

  test('court references, cadastral-style codes and document archive URIs pass', () => {
    for (const text of ['HCCC 123/2026', 'ELC 45/2025', 'https://registry.example/archive/2026/0042', 'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi', 'LC-CENTRAL/BLOCK-1/101']) {
      assert.deepEqual(personalDataIn(text), [], text);
    }
  });
});

describe('party register commitments: blake2_256(salt ‖ identifier ‖ account), computed locally', () => {
  const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
  const ALICE_KEY = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
  const salt = `0x${'07'.repeat(32)}`;

  test('the commitment is the blake2-256 of the salt, the identifier\'s UTF-8 bytes and the account\'s 32 bytes', async () => {
    await cryptoReady();
    // Computed independently: Python's hashlib.blake2b(salt + identifier.encode() + key, digest_size=32).
    assert.equal(parties.commitment({ salt, identifier: '19800101-1234', account: ALICE }), '0x10030877f7c192d273566ee1030a3351ac09812ae825c613c62a35706ffb16ec');
    assert.equal(parties.commitment({ salt, identifier: 'ÅB-Ünïcode 42', account: ALICE_KEY }), '0x1b1c32308da4f8cf6d9609f755c3fdaee70ba52dd6264a3a95a6c43df6b9320b');
    // Bound to each of the three: another salt, identifier or account gives another commitment.
    const base = parties.commitment({ salt, identifier: '19800101-1234', account: ALICE });
    assert.notEqual(parties.commitment({ salt: `0x${'08'.repeat(32)}`, identifier: '19800101-1234', account: ALICE }), base);
    assert.notEqual(parties.commitment({ salt, identifier: '19800101-1235', account: ALICE }), base);
    assert.notEqual(parties.commitment({ salt, identifier: '19800101-1234 ', account: ALICE }), base, 'the identifier is taken exactly as given');
    assert.notEqual(parties.commitment({ salt, identifier: '19800101-1234', account: await resolveAccount('bob') }), base);
  });

  test('salts are 32 random bytes; malformed salts, empty identifiers and non-accounts are usage errors', async () => {
    await cryptoReady();
    const one = parties.newSalt();
    assert.match(one, /^0x[0-9a-f]{64}$/);
    assert.notEqual(parties.newSalt(), one);
    assert.equal(parties.parseSalt(salt.toUpperCase().replace('0X', '0x')), salt);
    for (const bad of ['0x1234', `${'07'.repeat(32)}`, `0x${'07'.repeat(33)}`, `0x${'zz'.repeat(32)}`]) assert.throws(() => parties.parseSalt(bad), UsageError, bad);
    assert.throws(() => parties.commitment({ salt, identifier: '', account: ALICE }), /identifier .* may not be empty/);
    assert.throws(() => parties.commitment({ salt, identifier: '  ', account: ALICE }), UsageError);
    assert.throws(() => parties.commitment({ salt, identifier: 'x', account: 'nobody' }), /not an account: "nobody"/);
    assert.equal(parties.kindName('PublicBody'), 'public-body');
  });
});

describe('property alerts and key recovery, without a node', () => {
  const LOST = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';

  test('an alert is one line; a pending recovery of the watched key ends with the command line that vetoes it', () => {
    const event = { section: 'landRegistry', method: 'ApplicationProposed', data: { application: 7, parcel: 1, change: { RecoverKey: { lost: LOST, replacement: LOST } } } };
    const plain = alertLine({ block: 12, event, parcels: [1], reason: 'watched parcel 1' });
    assert.equal(plain, `ALERT #12 landRegistry.ApplicationProposed parcel 1 (watched parcel 1) application=7 change={"RecoverKey":{"lost":"${LOST}","replacement":"${LOST}"}}`);
    const line = alertLine({ block: 12, event, parcels: [1], reason: 'watched parcel 1', veto: vetoCommand(7) });
    assert.equal(line, `${plain} — a recovery of this key: if you did not lose it, veto it: landchain --signer <this account's key> owner veto-recovery --application 7`);
    assert.equal(line.split('\n').length, 1);
  });

  test('recovery confirm and enact take either --lost or application ids (a usage error before connecting)', async () => {
    const err = [];
    const io = { out: () => {}, err: (line) => err.push(line) };
    for (const args of [['confirm', '3', '--lost', 'charlie'], ['enact']]) {
      err.length = 0;
      assert.equal(await main(['node', 'landchain', '--url', 'ws://127.0.0.1:1', 'registrar', 'recovery', ...args], io), 2, args.join(' '));
      assert.match(err.join('\n'), /give either --lost <account> or application ids, not both/);
    }
  });
});

describe('party commitments offline', () => {
  test('`party commitment` computes blake2_256(salt ‖ identifier ‖ account) with no chain, as an independent blake2b-256 does', async () => {
    const out = [];
    const io = { out: (line) => out.push(line), err: () => {} };
    const salt = `0x${'01'.repeat(32)}`;
    // The URL leads nowhere: the command must not need the chain.
    const code = await main(['node', 'landchain', '--url', 'ws://127.0.0.1:1', '--json', 'party', 'commitment', '--party', 'dave', '--identifier', 'NID-1', '--salt', salt], io);
    assert.equal(code, 0);
    const result = JSON.parse(out.join('\n'));
    // Python: hashlib.blake2b(bytes([1] * 32) + b'NID-1' + dave's public key, digest_size=32).
    assert.equal(result.commitment, '0xa383e88aa3743eb5ec10bbd7e9133448374ece6326e00098a5bfbbc2a9d0c3c3');
    assert.equal(result.salt, salt);
    assert.equal(result.party, '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy');
  });
});

describe('the records citing a document, without a node', () => {
  // The runtime's `Citation` (pallets/land-registry/src/types.rs), ids u64 and versions u32.
  const registry = new TypeRegistry();
  registry.register({
    Citation: {
      _enum: {
        ParcelAttributes: { parcel: 'u64', revision: 'u32' },
        Title: { parcel: 'u64', version: 'u32' },
        EncumbranceRecorded: { parcel: 'u64', encumbrance: 'u64' },
        EncumbranceReleased: { parcel: 'u64', encumbrance: 'u64' },
        Application: { parcel: 'u64', application: 'u64' },
      },
    },
  });
  // Just what reading a cursor needs of an API: the index's key type (a tuple: hash, citation).
  const api = {
    registry: {
      createType: (type, value) => registry.createType(type, value),
      createLookupType: () => 'Citation',
      lookup: { getSiType: () => ({ def: { isTuple: true, asTuple: [0, 1] } }) },
    },
    query: { landRegistry: { citations: { creator: { meta: { type: { asMap: { key: 0 } } } } } } },
  };

  test('a citation as plain data, its cursor the SCALE encoding of the citation', () => {
    const title = citations.plainCitation(registry.createType('Citation', { Title: { parcel: 5, version: 2 } }));
    assert.deepEqual(title, { kind: 'Title', parcel: 5, version: 2, cursor: '0x01050000000000000002000000' });
    assert.equal(citations.parseCursor(api, title.cursor).toHex(), title.cursor);
    assert.equal(citations.parseCursor(api, ' 0X01050000000000000002000000 ').toHex(), title.cursor);
    const released = citations.plainCitation(registry.createType('Citation', { EncumbranceReleased: { parcel: 5, encumbrance: 3 } }));
    assert.deepEqual(released, { kind: 'EncumbranceReleased', parcel: 5, encumbrance: 3, cursor: '0x0305000000000000000300000000000000' });
    // Not hex, a variant the chain does not have, a citation cut short or with bytes left over.
    for (const bad of ['', 'title:5:2', '0x', '0x09050000000000000002000000', '0x010500000000000000', '0x0105000000000000000200000000']) {
      assert.throws(() => citations.parseCursor(api, bad), (error) => error instanceof UsageError && /not a cursor/.test(error.message), bad);
    }
  });

  test('each record in words, with where it stands', () => {
    const cases = [
      [{ kind: 'ParcelAttributes', parcel: 5, revision: 0, state: 'current', now: 0 }, 'Attributes of parcel 5 as first recorded', 'current'],
      [{ kind: 'ParcelAttributes', parcel: 5, revision: 1, state: 'superseded', now: 2 }, 'Attributes of parcel 5, revision 1', 'superseded (now revision 2)'],
      [{ kind: 'Title', parcel: 5, version: 2, state: 'superseded', now: 3 }, 'Title version 2 of parcel 5', 'superseded (now version 3)'],
      [{ kind: 'Title', parcel: 5, version: 2, state: 'superseded', now: null }, 'Title version 2 of parcel 5', 'superseded (the parcel has no current title)'],
      [{ kind: 'EncumbranceRecorded', parcel: 5, encumbrance: 3, state: 'open' }, 'Recording of encumbrance 3 on parcel 5', 'open'],
      [{ kind: 'EncumbranceReleased', parcel: 5, encumbrance: 3, state: 'released' }, 'Release of encumbrance 3 on parcel 5', 'released'],
      [{ kind: 'Application', parcel: 5, application: 7, state: 'pending', status: 'InNotice', until: 40 }, 'Application 7 on parcel 5', 'pending: in public notice until block #40'],
      [{ kind: 'Application', parcel: 5, application: 7, state: 'pending', status: 'Proposed', until: 90 }, 'Application 7 on parcel 5', 'pending: to be confirmed by a second registrar by block #90'],
      [{ kind: 'Application', parcel: 5, application: 7, state: 'pending', status: 'Objected', until: null }, 'Application 7 on parcel 5', 'pending: objected, for the council to decide'],
      [{ kind: 'Application', parcel: 5, application: 7, state: 'ended' }, 'Application 7 on parcel 5', 'ended (enacted, withdrawn, dismissed, vetoed or expired)'],
    ];
    for (const [citation, record, now] of cases) {
      assert.equal(citations.describeCitation(citation), record);
      assert.equal(citations.describeState(citation), now);
    }
    assert.equal(citations.describeState({ kind: 'Title', parcel: 1, version: 1 }), '', 'no state read: nothing said');
  });

  test('the index is whole only once the registry is at storage version 2; a search says so until then', async () => {
    // The registry's storage version, where FRAME keeps it: twox128(pallet) ++ twox128(":__STORAGE_VERSION__:").
    const twox128 = (text) => u8aToHex(xxhashAsU8a(text, 128)).slice(2);
    const versionKey = `0x${twox128('LandRegistry')}${twox128(':__STORAGE_VERSION__:')}`;
    const chainAt = (stored) => ({
      query: { landRegistry: { citations: { keyPrefix: () => `0x${twox128('LandRegistry')}${twox128('Citations')}` } } },
      rpc: { state: { getStorage: { raw: async (key) => (key === versionKey ? stored : null) } } },
    });
    assert.equal(await citations.indexComplete(chainAt('0x0200')), true, 'version 2: built');
    assert.equal(await citations.indexComplete(chainAt('0x0300')), true, 'a later version keeps it');
    assert.equal(await citations.indexComplete(chainAt('0x0100')), false, 'version 1: the upgrade is still building it');
    assert.equal(await citations.indexComplete(chainAt(null)), false, 'no version stored: 0');
    await assert.rejects(citations.indexComplete(chainAt('0x02')), /not a u16/);
    assert.match(citations.INDEX_INCOMPLETE, /still being built/);
  });

  test('page sizes from 1 to the maximum; a malformed document is refused before connecting', async () => {
    assert.equal(citations.parsePageSize('1'), 1);
    assert.equal(citations.parsePageSize(citations.MAX_PAGE_SIZE), citations.MAX_PAGE_SIZE);
    for (const bad of ['0', '-1', '1.5', 'ten', String(citations.MAX_PAGE_SIZE + 1)]) assert.throws(() => citations.parsePageSize(bad), UsageError, bad);
    const err = [];
    const io = { out: () => {}, err: (line) => err.push(line) };
    const run = (...args) => main(['node', 'landchain', '--url', 'ws://127.0.0.1:1', 'auditor', 'citations', ...args], io);
    assert.equal(await run('--hash', '0x1234'), 2);
    assert.match(err.join('\n'), /the document hash must be 32 bytes of 0x hex: "0x1234"/);
    err.length = 0;
    assert.equal(await run(), 2);
    assert.match(err.join('\n'), /the document is required/);
    err.length = 0;
    assert.equal(await run('--hash', `0x${'11'.repeat(32)}`, '--text', 'deed'), 2);
    assert.match(err.join('\n'), /not several/);
    err.length = 0;
    assert.equal(await run('--hash', `0x${'11'.repeat(32)}`, '--page-size', '0'), 2);
    assert.match(err.join('\n'), /a page size is a whole number from 1 to 500/);
  });
});
