// The parts of the tool that need no node: amounts, shares, rates and dates as clerks type them,
// CSV, account and signer resolution, documents, and the password prompt's refusal off a terminal.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { auditor, cryptoReady, documents, readPassword, registry, resolveAccount, resolveSigner, units, UsageError } from '../src/index.mjs';
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

  test('shares parse and sum exactly', () => {
    assert.deepEqual(units.parseShare('1/3'), { numerator: 1, denominator: 3 });
    assert.deepEqual(units.parseShare('1'), { numerator: 1, denominator: 1 });
    for (const bad of ['0/1', '3/2', 'half', '1/0']) assert.throws(() => units.parseShare(bad), UsageError, bad);
    const third = { numerator: 1, denominator: 3 };
    assert.ok(units.sharesSumToWhole([third, third, third]));
    assert.ok(!units.sharesSumToWhole([third, third]));
    assert.ok(units.sharesSumToWhole([{ numerator: 1, denominator: 2 }, { numerator: 2, denominator: 4 }]));
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
});

describe('documents and CSV', () => {
  test('documents are hashed with blake2-256; sources name a known kind', () => {
    const scratch = scratchDir();
    try {
      const file = join(scratch.dir, 'deed.pdf');
      writeFileSync(file, 'deed');
      assert.equal(documents.hashFile(file), documents.hashBytes('deed'));
      assert.equal(documents.hashFrom({ text: 'deed' }), documents.hashBytes('deed'));
      assert.throws(() => documents.hashFrom({ text: 'a', hash: `0x${'11'.repeat(32)}` }), /not several/);
      assert.throws(() => documents.hashFrom({}), /required/);
      assert.deepEqual(documents.source({ kind: 'court-order', documentHash: `0x${'ab'.repeat(32)}` }), {
        kind: 'CourtOrder',
        documentHash: `0x${'ab'.repeat(32)}`,
        uri: null,
      });
      assert.throws(() => documents.source({ kind: 'napkin', documentHash: `0x${'ab'.repeat(32)}` }), /unknown document kind/);
      assert.throws(() => documents.parseHash('0x1234'), /32 bytes/);
    } finally {
      scratch.cleanup();
    }
  });

  test('CSV quotes what needs quoting and reads back', () => {
    const rows = [{ parcel: 1, owners: 'a:1/2;b:1/2', uri: 'ipfs://x,"y"\nz' }];
    const csv = auditor.toCsv(rows, ['parcel', 'owners', 'uri']);
    assert.equal(csv, 'parcel,owners,uri\r\n1,a:1/2;b:1/2,"ipfs://x,""y""\nz"\r\n');
    assert.deepEqual(auditor.parseCsv(csv), [{ parcel: '1', owners: 'a:1/2;b:1/2', uri: 'ipfs://x,"y"\nz' }]);
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
