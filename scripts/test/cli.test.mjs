// The `landchain` CLI itself, run as a subprocess against a real dev node: at least one command
// per role (registrar, owner, buyer, lender, council, auditor), the output people read, the JSON
// scripts read, the exit codes, decoded errors on stderr, and signing with a password-protected
// keystore.

import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { auditor, connect, cryptoReady, disconnect, documents } from '../src/index.mjs';
import { toPlain } from '../src/plain.mjs';
import { devAddresses } from './helpers/chain.mjs';
import { scratchDir, startDevNode } from './helpers/node.mjs';
import { cleanEnv, CLI, ok, runCli } from './helpers/cli.mjs';

let node;
let api;
let who;
let scratch;

const landchain = (args, options) => runCli(node.url, args, options);

before(async () => {
  node = await startDevNode();
  api = await connect(node.url);
  who = await devAddresses(api);
  scratch = scratchDir();
}, { timeout: 150_000 });

after(async () => {
  await disconnect(api);
  await node?.stop();
  scratch?.cleanup();
}, { timeout: 60_000 });

describe('landchain CLI against a dev node', { timeout: 900_000 }, () => {
  let parcel;
  let offer;

  test('info reports the chain and its runtime', async () => {
    const info = JSON.parse(ok(await landchain(['--json', 'info'])));
    assert.equal(info.chain, 'Landchain');
    assert.equal(info.specName, 'landchain');
    assert.equal(info.tokenSymbol, 'LAND');
    assert.equal(info.tokenDecimals, 12);
    assert.ok(info.best >= 1);
  });

  test('registrar: register a co-owned parcel (inclusion and finality reported with hashes)', async () => {
    const run = await landchain([
      '-s', 'alice', 'registrar', 'register',
      '--jurisdiction', 'LC-CLI', '--reference', 'CLI-1', '--area', '800', '--land-use', 'residential',
      '--owner', 'charlie:1/2', '--owner', 'dave:1/2',
      '--geometry-text', '{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[0,0]]]}',
      '--doc-text', 'survey plan CLI-1', '--doc-uri', 'ipfs://survey-cli-1',
    ]);
    const out = ok(run);
    const match = out.match(/registered parcel (\d+) \(LC-CLI CLI-1\), title version 1/);
    assert.ok(match, out);
    parcel = Number(match[1]);
    assert.match(out, /included in block #\d+ 0x[0-9a-f]{64}, finalized in 0x[0-9a-f]{64}/);
    assert.match(out, /landRegistry\.ParcelRegistered parcel=\d+/);
    assert.match(run.stderr, /signing as alice/);
    const title = toPlain((await api.query.landRegistry.titles(parcel)).unwrap());
    assert.deepEqual(title.source.uri, 'ipfs://survey-cli-1');
  });

  test('registrar: a non-registrar is refused with the decoded BadOrigin (exit 4)', async () => {
    const run = await landchain([
      '-s', 'dave', '--in-block', 'registrar', 'register',
      '--jurisdiction', 'LC-CLI', '--reference', 'CLI-ROGUE', '--area', '10', '--owner', 'dave',
      '--geometry-text', 'g', '--doc-text', 'd',
    ]);
    assert.equal(run.code, 4, run.stderr);
    assert.match(run.stderr, /error: landRegistry\.registerParcel failed: BadOrigin: A bad origin/);
    assert.match(run.stderr, /included in block #\d+ 0x[0-9a-f]{64}/);
  });

  test('registrar: shares that do not sum to one are refused by the chain, with its documented error (exit 4)', async () => {
    const next = (await api.query.landRegistry.nextParcelId()).toNumber();
    const run = await landchain([
      '-s', 'alice', '--in-block', 'registrar', 'register',
      '--jurisdiction', 'LC-CLI', '--reference', 'CLI-THIRDS', '--area', '90',
      '--owner', 'charlie:1/3', '--owner', 'dave:1/3',
      '--geometry-text', 'g', '--doc-text', 'd',
    ]);
    assert.equal(run.code, 4, run.stderr);
    // The error's documentation, from the metadata.
    const docs = api.errors.landRegistry.SharesDoNotSumToWhole.meta.docs.map((line) => line.toString().trim()).join(' ').trim();
    assert.ok(docs.length > 0);
    assert.ok(run.stderr.includes(`error: landRegistry.registerParcel failed: landRegistry.SharesDoNotSumToWhole: ${docs}`), run.stderr);
    assert.match(run.stderr, /included in block #\d+ 0x[0-9a-f]{64}/);
    assert.equal((await api.query.landRegistry.nextParcelId()).toNumber(), next);
  });

  test('the vocabulary and the length limits are the chain\'s: unknown variants and over-long texts are usage errors (exit 2)', async () => {
    const limit = api.consts.landRegistry.maxJurisdictionLen.toNumber();
    const register = (extra) => landchain(['-s', 'alice', '--in-block', 'registrar', 'register', '--reference', 'CLI-VOCAB', '--area', '5', '--owner', 'charlie', '--geometry-text', 'g', '--doc-text', 'd', ...extra]);
    const long = await register(['--jurisdiction', 'J'.repeat(limit + 1)]);
    assert.equal(long.code, 2, long.stderr);
    assert.match(long.stderr, new RegExp(`the jurisdiction is at most ${limit} bytes`));
    const uri = await register(['--jurisdiction', 'LC-CLI', '--doc-uri', `ipfs://${'x'.repeat(api.consts.landRegistry.maxUriLen.toNumber())}`]);
    assert.equal(uri.code, 2, uri.stderr);
    assert.match(uri.stderr, new RegExp(`a document URI is at most ${api.consts.landRegistry.maxUriLen.toNumber()} bytes`));
    const use = await register(['--jurisdiction', 'LC-CLI', '--land-use', 'swamp']);
    assert.equal(use.code, 2, use.stderr);
    assert.match(use.stderr, /unknown land use "swamp": one of residential, commercial, agricultural, industrial, forest, public, mixed, other/);
    const kind = await register(['--jurisdiction', 'LC-CLI', '--doc-kind', 'napkin']);
    assert.equal(kind.code, 2, kind.stderr);
    assert.match(kind.stderr, /unknown document kind "napkin": one of deed, survey, court-order, probate, mortgage-instrument, lease-agreement, discharge, statutory, other/);
    const reason = await landchain(['-s', 'alice', '--in-block', 'registrar', 'reject', '1', '--reason', 'whim']);
    assert.equal(reason.code, 2, reason.stderr);
    assert.match(reason.stderr, /unknown rejection reason "whim": one of documents-incomplete, deed-mismatch, party-not-verified, price-not-bona-fide, dispute-pending, other/);
    // A list longer than the call takes would not decode on the chain: refused first, with the bound.
    const maxOwners = api.consts.landRegistry.maxOwners.toNumber();
    const owners = Array.from({ length: maxOwners + 1 }, () => ['--owner', `charlie:1/${maxOwners + 1}`]).flat();
    const crowded = await register(['--jurisdiction', 'LC-CLI', ...owners]);
    assert.equal(crowded.code, 2, crowded.stderr);
    assert.match(crowded.stderr, new RegExp(`at most ${maxOwners} owners, not ${maxOwners + 2}`), "the fixture's own --owner charlie and the extra ones");
  });

  test('owner: co-owners consent to a mortgage, one of them from a password-protected keystore', async () => {
    ok(await landchain(['-s', 'charlie', '--in-block', 'owner', 'consent-to-mortgage', String(parcel), '--lender', 'eve', '--amount', '1500.5', '--rank', '1']));

    await cryptoReady();
    const keystore = join(scratch.dir, 'dave.json');
    const pair = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Dave', { name: 'Dave (test keystore)' });
    writeFileSync(keystore, JSON.stringify(pair.toJson('correct horse')));
    const args = ['-s', keystore, '--in-block', 'owner', 'consent-to-mortgage', String(parcel), '--lender', 'eve', '--amount', '1500.5 LAND'];

    const wrong = await landchain(args, { env: { LANDCHAIN_PASSWORD: 'wrong' } });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /wrong password for keystore/);
    const noTty = await landchain(args);
    assert.equal(noTty.code, 2, 'without a terminal and without LANDCHAIN_PASSWORD the tool refuses instead of hanging');
    assert.match(noTty.stderr, /set LANDCHAIN_PASSWORD/);

    const out = ok(await landchain(args, { env: { LANDCHAIN_PASSWORD: 'correct horse' } }));
    assert.match(out, /consented to a mortgage on parcel \d+: 1,500\.5 LAND to eve, rank 1/);
    const consent = toPlain((await api.query.landRegistry.mortgageConsents(parcel, who.dave)).unwrap());
    assert.equal(consent.amount, (1_500_500_000_000_000n).toString());

    const recorded = ok(await landchain(['-s', 'bob', '--in-block', 'registrar', 'record', 'mortgage', String(parcel), '--lender', 'eve', '--amount', '1500.5', '--doc-text', 'charge CLI-1']));
    assert.match(recorded, /recorded mortgage \d+ on parcel \d+/);
  });

  test('owner and buyer: offer, consent, accept and fund; auditor: offers and parcel', async () => {
    const offered = ok(await landchain(['-s', 'charlie', '--in-block', 'owner', 'offer', String(parcel), '--buyer', 'ferdie', '--price', '10000', '--deadline-blocks', '500', '--doc-text', 'deed CLI-1']));
    const match = offered.match(/offer (\d+): parcel \d+ to ferdie for 10,000 LAND until block \d+ \(waiting for co-owners' consent\)/);
    assert.ok(match, offered);
    offer = Number(match[1]);
    // Dave signs as a hardware wallet does: with the runtime's metadata hash (CheckMetadataHash).
    const consent = await landchain(['-s', 'dave', '--in-block', '--metadata-hash', 'seller', 'consent', String(offer)]);
    assert.match(ok(consent), /the offer is open/);
    assert.match(consent.stderr, /signing with the runtime's metadata hash 0x[0-9a-f]{64}/);
    assert.match(ok(await landchain(['-s', 'ferdie', '--in-block', 'buyer', 'accept', String(offer)])), /accepted offer \d+: 10,000 LAND held in escrow \d+/);

    const offers = ok(await landchain(['auditor', 'offers']));
    assert.match(offers, /offer\s+parcel\s+sellers\s+buyer\s+price/);
    assert.match(offers, new RegExp(`${offer}\\s+${parcel}\\s+charlie 1/2, dave 1/2\\s+ferdie\\s+10,000 LAND\\s+Funded`));
    const view = JSON.parse(ok(await landchain(['--json', 'auditor', 'parcel', String(parcel)])));
    assert.equal(view.lockedBy, offer);
    assert.equal(view.encumbrances[0].kind, 'Mortgage');
  });

  test('registrar: a dealing on the locked parcel is refused (landRegistry.ParcelLocked, exit 4)', async () => {
    const run = await landchain(['-s', 'alice', '--in-block', 'registrar', 'record', 'easement', String(parcel), '--terms-text', 'right of way', '--doc-text', 'easement deed']);
    assert.equal(run.code, 4, run.stderr);
    assert.match(run.stderr, /landRegistry\.ParcelLocked: The parcel has an open dealing \(e\.g\. a pending sale\) and cannot be dealt with elsewhere\./);
  });

  test('registrar: approve settles and prints the payouts', async () => {
    const out = ok(await landchain(['-s', 'alice', 'registrar', 'approve', String(offer)]));
    assert.match(out, /offer \d+ approved and settled: parcel \d+ now at title version 2/);
    assert.match(out, /paid to\s+amount\s+why/);
    assert.match(out, /eve\s+1,500\.5 LAND\s+Mortgage/);
    assert.match(out, /\s200 LAND\s+Duty/);
    assert.match(out, /charlie\s+4,149\.75 LAND\s+Proceeds/);
    assert.match(out, /finalized in 0x[0-9a-f]{64}/);
  });

  test('buyer and lender: accept with finance, fund the advance, consent to its terms, withdraw, cancel', async () => {
    // Charlie's demo parcel BLOCK-1/101.
    const demo = (await api.call.landRegistryApi.parcelByReference('LC-CENTRAL', 'BLOCK-1/101')).unwrap().toNumber();
    const offered = ok(await landchain(['-s', 'charlie', '--in-block', 'owner', 'offer', String(demo), '--buyer', 'dave', '--price', '1000', '--deadline-blocks', '500', '--doc-text', 'deed BLOCK-1/101']));
    const financed = Number(offered.match(/offer (\d+): parcel \d+ to dave for 1,000 LAND/)?.[1]);
    assert.ok(Number.isInteger(financed), offered);

    const accepted = ok(await landchain(['-s', 'dave', '--in-block', 'buyer', 'accept', String(financed), '--finance', 'ferdie:800:1']));
    assert.match(accepted, new RegExp(`accepted offer ${financed} with finance: price 1,000 LAND, 200 LAND of your own held in escrow \\d+; lenders to fund: ferdie 800 LAND at rank 1`));
    assert.match(accepted, /conveyance\.FinanceRequested .*buyerFunds=200 LAND/);

    const funded = ok(await landchain(['-s', 'ferdie', '--in-block', 'lender', 'fund', String(financed), '800', '1', '--doc-text', 'mortgage BLOCK-1/101']));
    const deedHash = documents.hashBytes('mortgage BLOCK-1/101');
    assert.ok(
      funded.includes(`funded your advance on offer ${financed}: 800 LAND at rank 1`) &&
        funded.includes(`mortgage deed ${deedHash} — each grantee consents with: buyer consent-to-advance ${financed} ferdie ${deedHash}`),
      funded,
    );
    const consented = ok(await landchain(['-s', 'dave', '--in-block', 'buyer', 'consent-to-advance', String(financed), 'ferdie', deedHash]));
    assert.match(consented, new RegExp(`consented to ferdie's advance on offer ${financed} — every advance is funded and consented to: a registrar may approve`));
    assert.deepEqual(toPlain((await api.query.conveyance.offers(financed)).unwrap()).advances[0].consents, [who.dave]);

    assert.match(ok(await landchain(['-s', 'ferdie', '--in-block', 'lender', 'withdraw', String(financed)])), new RegExp(`withdrew your advance from offer ${financed}: refunded`));
    const advance = toPlain((await api.query.conveyance.offers(financed)).unwrap()).advances[0];
    assert.deepEqual([advance.funding, advance.consents], [null, []], 'the advance is refunded and the consent to it lapsed');
    assert.match(ok(await landchain(['-s', 'dave', '--in-block', 'buyer', 'cancel', String(financed)])), new RegExp(`offer ${financed} cancelled`));
    assert.ok((await api.query.conveyance.offers(financed)).isNone);
  });

  test('auditor: title history table, and JSON + CSV export with one row per title version', async () => {
    const history = ok(await landchain(['auditor', 'history', String(parcel)]));
    assert.match(history, /version\s+block\s+change\s+price\s+owners/);
    assert.match(history, /\n1\s+\d+\s+FirstRegistration\s+charlie 1\/2, dave 1\/2/);
    assert.match(history, new RegExp(`\\n2\\s+\\d+\\s+Sale \\(offer ${offer}\\)\\s+10,000 LAND\\s+ferdie 1/1`));

    const jsonFile = join(scratch.dir, 'registry.json');
    const csvFile = join(scratch.dir, 'registry.csv');
    const summary = ok(await landchain(['auditor', 'export', '--json-file', jsonFile, '--csv-file', csvFile, '--finalized']));
    assert.match(summary, /title versions: +\d+/);
    const exported = JSON.parse(readFileSync(jsonFile, 'utf8'));
    // The title CSV of docs/TITLES-CSV.md: its 24 columns in order, CRLF line ends, every value as
    // the document says; the columns only the events know are empty in an export from state.
    const text = readFileSync(csvFile, 'utf8');
    assert.ok(text.startsWith('parcel,jurisdiction,cadastral_reference,parcel_status,version,current,owners,tenure,leasehold_expires_at,change,dealing,price,split_from,source_kind,document_hash,uri,recorded_at,recorded_by,extrinsic,signers,buyer,payouts,encumbrances_recorded,encumbrances_released\r\n'), text.slice(0, 300));
    assert.ok(text.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
    const rows = auditor.parseCsv(text);
    const versions = exported.parcels.reduce((sum, p) => sum + p.titles.length, 0);
    assert.equal(rows.length, versions, 'one CSV row per title version');
    assert.deepEqual(Object.keys(rows[0]), auditor.CSV_COLUMNS);
    assert.equal(auditor.CSV_COLUMNS.length, 24);
    for (const row of rows) for (const column of auditor.EVENTS_ONLY_COLUMNS) assert.equal(row[column], '', `${column} is empty in an export from state`);
    const order = rows.map((row) => [Number(row.parcel), Number(row.version)]);
    assert.deepEqual(order, [...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]), 'rows in parcel and version order');
    const ours = rows.filter((row) => row.parcel === String(parcel));
    const columns = ['version', 'current', 'parcel_status', 'jurisdiction', 'cadastral_reference', 'owners', 'tenure', 'leasehold_expires_at', 'change', 'dealing', 'price', 'split_from', 'source_kind', 'uri', 'recorded_by'];
    assert.deepEqual(ours.map((row) => columns.map((column) => row[column])), [
      ['1', 'false', 'active', 'LC-CLI', 'CLI-1', `${who.charlie}:1/2;${who.dave}:1/2`, 'freehold', '', 'first-registration', '', '', '', 'Survey', 'ipfs://survey-cli-1', who.alice],
      ['2', 'true', 'active', 'LC-CLI', 'CLI-1', `${who.ferdie}:1/1`, 'freehold', '', 'sale', String(offer), (10_000n * 10n ** 12n).toString(), '', 'Deed', '', ''],
    ]);
    for (const row of ours) {
      assert.match(row.document_hash, /^0x[0-9a-f]{64}$/);
      assert.match(row.recorded_at, /^[1-9]\d*$/);
    }
    // Without a file, the same CSV goes to stdout.
    const stdout = ok(await landchain(['auditor', 'export', '--at', exported.block.hash]));
    assert.equal(`${stdout.trimEnd()}\r\n`, text);
    const parcels = ok(await landchain(['auditor', 'parcels', '--owner', 'ferdie']));
    assert.match(parcels, new RegExp(`\\n${parcel}\\s+LC-CLI\\s+CLI-1\\s+800\\s+Residential\\s+Active\\s+2\\s+ferdie 1/1`));
  });

  test('council: propose a registrar, vote, close; a treasury spend paid out; list members and motions; hash a wasm', async () => {
    const members = ok(await landchain(['council', 'members']));
    for (const name of ['alice', 'bob', 'charlie']) assert.match(members, new RegExp(`\\s${name}\\b`));

    const proposed = ok(await landchain(['-s', 'alice', '--in-block', 'council', 'propose', 'add-registrar', 'dave']));
    const match = proposed.match(/motion #(\d+) (0x[0-9a-f]{64}) to admit registrar dave: 2 ayes needed, your aye is recorded/);
    assert.ok(match, proposed);
    const motions = ok(await landchain(['council', 'motions']));
    assert.match(motions, /registrars\.addMember/);
    assert.match(motions, /1 aye \/ 0 nay of 2 needed/);

    const early = await landchain(['-s', 'charlie', '--in-block', 'council', 'close', match[1]]);
    assert.equal(early.code, 4);
    assert.match(early.stderr, /council\.TooEarly: /);

    ok(await landchain(['-s', 'bob', '--in-block', 'council', 'vote', match[1]]));
    const closed = ok(await landchain(['-s', 'charlie', '--in-block', 'council', 'close', match[2]]));
    assert.match(closed, /approved and executed: registrars\.addMember/);
    assert.ok((await api.query.registrars.members()).map(String).includes(who.dave));

    // The treasury, where the duty goes: a majority pays a spend, anyone pays it out.
    const treasury = (await api.query.conveyance.treasury()).unwrap().toString();
    const spend = ok(await landchain(['-s', 'alice', '--in-block', 'council', 'propose', 'spend', '12.5', 'ferdie']));
    const spendMotion = spend.match(/motion #(\d+) (0x[0-9a-f]{64}) to pay 12\.5 from the treasury to ferdie: 2 ayes needed/);
    assert.ok(spendMotion, spend);
    ok(await landchain(['-s', 'bob', '--in-block', 'council', 'vote', spendMotion[1]]));
    assert.match(ok(await landchain(['-s', 'charlie', '--in-block', 'council', 'close', spendMotion[1]])), /approved and executed: treasury\.spend/);
    const index = (await api.query.treasury.spendCount()).toNumber() - 1;
    const [ferdieBefore, treasuryBefore] = await Promise.all([who.ferdie, treasury].map(async (account) => (await api.query.system.account(account)).data.free.toBigInt()));
    assert.match(ok(await landchain(['-s', 'dave', '--in-block', 'council', 'payout', String(index)])), new RegExp(`paid treasury spend #${index}`));
    const [ferdieAfter, treasuryAfter] = await Promise.all([who.ferdie, treasury].map(async (account) => (await api.query.system.account(account)).data.free.toBigInt()));
    assert.equal(ferdieAfter - ferdieBefore, 12_500_000_000_000n);
    assert.equal(treasuryBefore - treasuryAfter, 12_500_000_000_000n);

    const wasm = join(scratch.dir, 'blob.wasm');
    writeFileSync(wasm, Buffer.from('not really a runtime'));
    const hash = JSON.parse(ok(await landchain(['--json', 'council', 'code-hash', wasm])));
    assert.match(hash.codeHash, /^0x[0-9a-f]{64}$/);
    const refused = await landchain(['-s', 'eve', 'council', 'apply-upgrade', wasm]);
    assert.equal(refused.code, 2, 'an unauthorized blob is refused before paying for it');
    assert.match(refused.stderr, /no runtime upgrade is authorized/);
  });

  const hasScript = (() => {
    try {
      execFileSync('script', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  test('a keystore password is read from the terminal without echo', { skip: hasScript ? false : 'util-linux `script` is not installed' }, async () => {
    await cryptoReady();
    const keystore = join(scratch.dir, 'eve.json');
    writeFileSync(keystore, JSON.stringify(new Keyring({ type: 'sr25519' }).addFromUri('//Eve', { name: 'eve on a tty' }).toJson('tty-secret-42')));
    const command = [process.execPath, CLI, '--url', node.url, '--in-block', '-s', keystore, 'owner', 'withdraw-consent', '1'].map((arg) => `'${arg}'`).join(' ');
    // `script` gives the CLI a terminal; the password is typed once the prompt has appeared.
    const run = await new Promise((resolve) => {
      const child = execFile('script', ['-qefc', command, '/dev/null'], { env: cleanEnv, timeout: 120_000, killSignal: 'SIGKILL' }, (error, stdout) =>
        resolve({ code: error ? (error.code ?? error.signal) : 0, stdout }),
      );
      let typed = false;
      child.stdout.on('data', (chunk) => {
        if (!typed && String(chunk).includes('Password for')) {
          typed = true;
          child.stdin.write('tty-secret-42\r');
        }
      });
    });
    assert.match(run.stdout, /Password for 5[1-9A-HJ-NP-Za-km-z]+ \(eve on a tty\): /);
    assert.ok(!run.stdout.includes('tty-secret-42'), 'the password is not echoed');
    assert.match(run.stdout, /signing as eve on a tty/);
    assert.match(run.stdout, /landRegistry\.NoConsent: This owner has no open mortgage consent on this parcel\./);
    assert.equal(run.code, 4);
  });

  test('usage errors name the problem and exit 2', async () => {
    const badAccount = await landchain(['-s', 'charlie', 'owner', 'offer', '1', '--buyer', 'nobody-here', '--price', '1', '--doc-text', 'x']);
    assert.equal(badAccount.code, 2);
    assert.match(badAccount.stderr, /not an account: "nobody-here"/);
    const badAmount = await landchain(['-s', 'charlie', 'owner', 'offer', '1', '--buyer', 'dave', '--price', '1.2.3', '--doc-text', 'x']);
    assert.equal(badAmount.code, 2);
    assert.match(badAmount.stderr, /not an amount/);
    const noSigner = await landchain(['registrar', 'approve', '1']);
    assert.equal(noSigner.code, 2);
    assert.match(noSigner.stderr, /no signer given/);
    // Personal data bound for the public record is refused before anything is signed.
    const personal = await landchain(['-s', 'alice', 'registrar', 'record', 'caveat', '1', '--court-ref', 'Jane Doe v. Registry', '--doc-text', 'x']);
    assert.equal(personal.code, 2);
    assert.match(personal.stderr, /--court-ref "Jane Doe v\. Registry" looks like personal data: a person's name/);
    const email = await landchain(['-s', 'alice', 'registrar', 'record', 'caveat', '1', '--court-ref', 'HCCC 1/2026', '--doc-text', 'x', '--doc-uri', 'mailto:jane@example.org']);
    assert.equal(email.code, 2);
    assert.match(email.stderr, /--doc-uri .* looks like personal data: an e-mail address/);
    // The party register: the expiry, the kind and the salt are checked before anything is signed.
    const noExpiry = await landchain(['-s', 'bob', 'party', 'attest', '--party', 'dave', '--kind', 'person', '--identifier', 'NID-1']);
    assert.equal(noExpiry.code, 2, noExpiry.stderr);
    assert.match(noExpiry.stderr, /give the expiry as exactly one of/);
    const alien = await landchain(['-s', 'bob', 'party', 'attest', '--party', 'dave', '--kind', 'alien', '--identifier', 'NID-1', '--expires-in-days', '30']);
    assert.equal(alien.code, 2, alien.stderr);
    assert.match(alien.stderr, /unknown party kind "alien": one of person, company, public-body/);
    const badSalt = await landchain(['-s', 'bob', 'party', 'attest', '--party', 'dave', '--kind', 'person', '--identifier', 'NID-1', '--salt', '0x12', '--expires-in-days', '30']);
    assert.equal(badSalt.code, 2, badSalt.stderr);
    assert.match(badSalt.stderr, /a salt is 32 bytes of 0x hex/);
    assert.equal((await api.query.partyRegister.parties(who.dave)).isNone, true, 'nothing was attested');
    const unverifiable = await landchain(['party', 'verify', '--party', 'dave', '--identifier', 'NID-1', '--salt', `0x${'00'.repeat(32)}`]);
    assert.equal(unverifiable.code, 1, unverifiable.stderr);
    assert.match(unverifiable.stdout, /^NOT VERIFIED: the account has no attestation on the chain/);
    const unknown = await landchain(['registrar', 'frobnicate']);
    assert.equal(unknown.code, 2);
    const noNode = await new Promise((resolve) => {
      execFile(process.execPath, [CLI, '--url', 'ws://127.0.0.1:1', '--timeout', '5', 'info'], { timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error?.code ?? 0, stderr }),
      );
    });
    assert.equal(noNode.code, 3);
    assert.match(noNode.stderr, /cannot connect to ws:\/\/127\.0\.0\.1:1|no answer from/);
  });
});
