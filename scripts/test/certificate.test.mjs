// Certificates of title between JavaScript (scripts/src/certificate.mjs, what the portal runs in the
// browser) and the Rust tool, on a real `landchain-node --dev --tmp`: a parcel with an earlier
// title version, a mortgage and a pending application; a certificate issued in JavaScript is
// accepted by `landchain-node certificate verify --chain dev` (the `--dev` chain's genesis is the
// `dev` chain spec's); one issued by `landchain-node certificate issue` is accepted in JavaScript,
// decoding the same title, and its file is byte for byte what `certificateJson` writes; tampered
// certificates (a value, a signature, another parcel's records, another chain) are refused by both
// with the same reason.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { applications, registry, waitForHeads } from '../src/index.mjs';
import {
  CertificateError,
  certificateJson,
  chainAnchor,
  issueCertificate,
  metadataTypes,
  parseCertificate,
  plainVerified,
  verifyCertificate,
} from '../src/certificate.mjs';
import { fromHex, toHex } from '../src/scale.mjs';
import { LAND, doc, hashOf } from './helpers/chain.mjs';
import { NODE_BINARY, scratchDir, startDevChain, stopDevChain } from './helpers/node.mjs';

let node;
let api;
let signers;
let who;
let scratch;
let parcel;
let pendingApplication;
const inBlock = { waitFor: 'inBlock', timeoutMs: 90_000 };

/** Runs `landchain-node …args`; resolves `{ code, stdout, stderr }`. */
function landchainNode(args, timeoutMs = 150_000) {
  return new Promise((resolve) => {
    execFile(NODE_BINARY, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code ?? error.signal) : 0, stdout, stderr }),
    );
  });
}

/** `landchain-node certificate verify <certificate> --chain dev`. */
function rustVerify(certificate, name) {
  const file = join(scratch.dir, name);
  writeFileSync(file, typeof certificate === 'string' ? certificate : certificateJson(certificate));
  return landchainNode(['certificate', 'verify', file, '--chain', 'dev']);
}

/** The JavaScript verification against the connected chain's genesis, decoded as plain data. */
async function jsVerify(certificate) {
  return plainVerified(verifyCertificate(certificate, await chainAnchor(api), metadataTypes(api)));
}

before(async () => {
  ({ node, api, signers, who } = await startDevChain());
  scratch = scratchDir('landchain-certificate-');
}, { timeout: 150_000 });

after(async () => {
  await stopDevChain({ node, api });
  scratch?.cleanup();
}, { timeout: 60_000 });

describe('certificates of title in JavaScript and in Rust', { timeout: 600_000 }, () => {
  test('a parcel with an earlier title, a mortgage and a pending application', async () => {
    ({ parcel } = await registry.registerParcel(
      api,
      signers.alice,
      {
        jurisdiction: 'LC-CERT',
        reference: 'C-1',
        areaM2: 700,
        geometryHash: hashOf('geometry C-1'),
        source: doc('survey', 'survey C-1'),
        owners: [{ account: 'dave', share: '1/1' }],
      },
      inBlock,
    ));
    await registry.consentToMortgage(api, signers.dave, { parcel, lender: 'eve', amount: 250n * LAND, rank: 1 }, inBlock);
    await registry.recordEncumbrance(api, signers.alice, { parcel, kind: 'mortgage', terms: { lender: 'eve', amount: 250n * LAND, rank: 1 }, source: doc('mortgage-instrument', 'charge C-1') }, inBlock);
    // Version 2: Dave and Ferdie by rectification (two registrars, the notice), enacted by anyone.
    const proposed = await applications.propose(api, signers.alice, { parcel, change: { rectifyTitle: { owners: [{ account: 'dave', share: '1/2' }, { account: 'ferdie', share: '1/2' }] } }, source: doc('statutory', 'rectification C-1') }, inBlock);
    const { noticeEnds } = await applications.confirm(api, signers.bob, { application: proposed.application }, inBlock);
    await waitForHeads(api, (h) => h.best >= noticeEnds, { timeoutMs: 120_000, what: `block #${noticeEnds}` });
    await applications.enact(api, signers.ferdie, { application: proposed.application }, inBlock);
    // Pending: an application to release the mortgage.
    const [mortgage] = await api.query.landRegistry.encumbrances(parcel);
    const release = await applications.propose(api, signers.bob, { parcel, change: { release: { encumbrance: mortgage.id.toNumber() } }, source: doc('discharge', 'discharge C-1') }, inBlock);
    pendingApplication = release.application;
    const at = release.receipt.blockNumber;
    await waitForHeads(api, (h) => h.finalized >= at, { timeoutMs: 60_000, what: `block #${at} to be final` });
    assert.equal((await api.query.landRegistry.titles(parcel)).unwrap().version.toNumber(), 2);
  });

  test('the trust anchor is the chain\'s genesis: its hash and its GRANDPA set (Alice on --dev)', async () => {
    const anchor = await chainAnchor(api);
    assert.equal(anchor.genesisHash, (await api.rpc.chain.getBlockHash(0)).toHex());
    assert.equal(anchor.readAt, 0, 'a young chain\'s node still has the genesis state');
    assert.deepEqual(anchor.set.authorities.map((a) => toHex(a.id)), ['0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee']);
    assert.equal(anchor.set.setId, 0);
  });

  let issued;
  test('issued in JavaScript, accepted by `landchain-node certificate verify --chain dev`', async () => {
    const started = Date.now();
    issued = await issueCertificate(api, parcel);
    const took = Date.now() - started;
    console.log(`issued in JavaScript in ${took} ms: ${issued.proof.length} proof nodes, ${issued.finality.headers.length} headers, ${certificateJson(issued).length} bytes`);
    const mine = await jsVerify(issued);
    assert.deepEqual(mine.title.owners.map((o) => [o.account, o.share]), [[who.dave, '1/2'], [who.ferdie, '1/2']]);
    assert.deepEqual(mine.history.map((t) => t.version), [1]);
    assert.deepEqual(mine.history[0].owners.map((o) => o.account), [who.dave]);
    assert.deepEqual(mine.applications, [pendingApplication]);
    assert.equal(mine.encumbrances.length, 1);
    assert.equal(mine.encumbrances[0].kind, 'Mortgage');
    assert.equal(mine.parcel.cadastralReference, 'C-1');

    const rust = await rustVerify(issued, 'js.json');
    assert.equal(rust.code, 0, `exit ${rust.code}\n${rust.stdout}\n${rust.stderr}`);
    assert.match(rust.stdout, /^VALID certificate of title/);
    assert.match(rust.stdout, new RegExp(`title: version 2: ${who.dave} \\(1/2\\), ${who.ferdie} \\(1/2\\)`));
    assert.match(rust.stdout, new RegExp(`pending applications: ${pendingApplication}\\b`));
    assert.match(rust.stdout, new RegExp(`earlier titles: version 1: ${who.dave} \\(1/1\\)`));
    assert.match(rust.stdout, new RegExp(`as of block #${mine.block} \\(${mine.blockHash}\\)`));
    assert.match(rust.stdout, /encumbrances: #\d+ mortgage to .* of 250 LAND, rank 1/);
  });

  test('issued by `landchain-node certificate issue`, accepted in JavaScript; the same file layout', async () => {
    const file = join(scratch.dir, 'rust.json');
    const run = await landchainNode(['certificate', 'issue', '--url', node.url, '--parcel', String(parcel), '--out', file]);
    assert.equal(run.code, 0, `exit ${run.code}\n${run.stdout}\n${run.stderr}`);
    const text = readFileSync(file, 'utf8');
    assert.equal(certificateJson(parseCertificate(text)), text, 'certificateJson writes what serde_json::to_string_pretty writes');
    const rust = parseCertificate(text);
    const theirs = await jsVerify(text);
    assert.deepEqual(theirs.title.owners, (await jsVerify(issued)).title.owners);
    assert.deepEqual(theirs.applications, [pendingApplication]);
    // The same records under the same keys; the values equal when nothing changed between the two blocks.
    assert.deepEqual(rust.entries.map((e) => [e.what, e.key]), issued.entries.map((e) => [e.what, e.key]));
    for (const what of ['parcel', 'title', 'encumbrances', 'applications', 'titleVersion:1']) {
      assert.equal(rust.entries.find((e) => e.what === what).value, issued.entries.find((e) => e.what === what).value, what);
    }
  });

  test('tampered certificates are refused, by both, for the same reason', async () => {
    // The Rust tool builds the chain spec's genesis at each run (seconds): its runs go at once, at the end.
    const rustRuns = [];
    const refusedByBoth = async (name, change, pattern) => {
      const copy = JSON.parse(JSON.stringify(issued));
      change(copy);
      await assert.rejects(jsVerify(copy), (error) => {
        assert.ok(error instanceof CertificateError, error.stack);
        assert.match(error.message, pattern, name);
        return true;
      });
      rustRuns.push(
        rustVerify(copy, `${name}.json`).then((rust) => {
          assert.equal(rust.code, 1, `${name}: exit ${rust.code}\n${rust.stdout}\n${rust.stderr}`);
          assert.match(rust.stderr, /^INVALID: /, name);
          assert.match(rust.stderr, pattern, `${name} (Rust)`);
        }),
      );
    };
    const flip = (hex, at) => {
      const bytes = fromHex(hex);
      bytes[at < 0 ? bytes.length + at : at] ^= 1;
      return toHex(bytes);
    };
    const entry = (c, what) => c.entries.find((e) => e.what === what);
    await refusedByBoth('value', (c) => void (entry(c, 'title').value = flip(entry(c, 'title').value, 40)), /the title shown is not what block #\d+'s state holds \(a tampered value\)/);
    await refusedByBoth('signature', (c) => void (c.finality.justification = flip(c.finality.justification, -40)), /block #\d+ is not proven final: .*does not verify against authority set 0/);
    await refusedByBoth('setId', (c) => void (c.finality.setId = 3), /the certificate says authority set 3 signed, but its proof is signed by set 0/);
    await refusedByBoth('genesis', (c) => void (c.genesisHash = `0x${'11'.repeat(32)}`), /the certificate is about another chain: its genesis is 0x1{64}, this chain/);
    // Parcel 1's proven records, shown as this parcel's: only the storage keys tell.
    const parcelOne = await issueCertificate(api, 1);
    await refusedByBoth('another parcel', (c) => Object.assign(c, { ...parcelOne, parcel }), new RegExp(`the parcel shown is not parcel ${parcel}'s \\(its storage key is another's\\)`));
    // Against another chain's genesis (a `--chain local` chain spec).
    const local = await landchainNode(['certificate', 'verify', join(scratch.dir, 'js.json'), '--chain', 'local']);
    assert.equal(local.code, 1);
    assert.match(local.stderr, /INVALID: (certificate: )?the certificate is about another chain/);
    await Promise.all(rustRuns);
    const anchor = await chainAnchor(api);
    assert.throws(() => verifyCertificate(issued, { ...anchor, genesisHash: `0x${'22'.repeat(32)}` }, metadataTypes(api)), /about another chain: its genesis is 0x[0-9a-f]{64}, this chain's is 0x2{64}/);
  });
});
