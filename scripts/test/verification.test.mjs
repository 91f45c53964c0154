// What checking a certificate of title in JavaScript rests on, without a node: the Substrate trie
// (sp-trie's LayoutV1 node codec, against sp-trie's own test vectors, and read proofs through
// tries built here), GRANDPA justifications (the signed payload, the two-thirds threshold, votes
// for descendants and their ancestry, an authority set change — the cases of audit/src/finality.rs'
// tests), Landchain's storage keys, and a whole synthetic certificate refused for each tampering.
// Issuing, from a fake node serving a synthetic chain across an authority set change. The same
// code against a live node and the Rust tool: certificate.test.mjs.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, ed25519PairFromSeed, blake2AsU8a } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { EMPTY_TRIE_ROOT, TrieProofError, buildTrie, decodeNode, encodeNode, readProof } from '../src/trie.mjs';
import {
  AuthoritySet,
  decodeHeader,
  decodeJustification,
  encodeDigestItem,
  encodeHeader,
  encodeJustification,
  forcedChangeDigest,
  precommitPayload,
  scheduledChangeDigest,
  signJustification,
} from '../src/finality.mjs';
import {
  CertificateError,
  certificateJson,
  certificateKeys,
  issueCertificate,
  parseCertificate,
  qrPayload,
  storageKeys,
  storagePrefix,
  verifyCertificate,
} from '../src/certificate.mjs';
import { Reader, ScaleError, compactBytes, concat, fromHex, lengthPrefixed, toHex, u32Bytes, u64Bytes } from '../src/scale.mjs';

await cryptoWaitReady();

const bytes = (...values) => Uint8Array.from(values);

describe('SCALE as the chain decodes it', () => {
  test('compact integers must be in their shortest form', () => {
    for (const value of [0, 1, 63, 64, 16_383, 16_384, 2 ** 30 - 1, 2 ** 30, 2 ** 32 - 1]) {
      assert.equal(new Reader(compactBytes(value)).compact(), value, String(value));
    }
    assert.throws(() => new Reader(bytes(0b01, 0)).compact(), /shortest form/, '0 in two bytes');
    assert.throws(() => new Reader(bytes(0b10, 0, 0, 0)).compact(), /shortest form/, '0 in four bytes');
    assert.throws(() => new Reader(bytes(0b11, 0xff, 0xff, 0xff, 0x0f)).compact(), /shortest form/);
    assert.throws(() => new Reader(bytes(0b111, 0, 0, 0, 0, 1)).compact(), /out of range/);
    assert.throws(() => new Reader(bytes(4)).bytes(), ScaleError, 'a length beyond the data');
  });
});

describe('the Substrate trie (sp-trie LayoutV1)', () => {
  // sp-trie 47 src/lib.rs: codec_trie_empty, codec_trie_single_tuple, codec_trie_two_tuples_disjoint_keys.
  test('sp-trie\'s own encoding vectors', () => {
    const empty = buildTrie([]);
    assert.deepEqual(empty.rootNode, bytes(0x00));
    assert.equal(toHex(EMPTY_TRIE_ROOT), '0x03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314');
    assert.deepEqual(empty.root, EMPTY_TRIE_ROOT);

    const single = buildTrie([[bytes(0xaa), bytes(0xbb)]]);
    assert.deepEqual(single.rootNode, bytes(0x42, 0xaa, 0x04, 0xbb), 'leaf of 2 nibbles, 1-byte value');

    const two = buildTrie([
      [bytes(0x48, 0x19), bytes(0xfe)],
      [bytes(0x13, 0x14), bytes(0xff)],
    ]);
    assert.deepEqual(
      two.rootNode,
      // branch without value, no nibble; children 1 and 4; each an inline leaf of 3 nibbles
      bytes(0x80, 0x12, 0x00, 0x14, 0x43, 0x03, 0x14, 0x04, 0xff, 0x14, 0x43, 0x08, 0x19, 0x04, 0xfe),
    );
    assert.deepEqual(decodeNode(two.rootNode).children.filter(Boolean).length, 2);
    const values = readProof(blake2AsU8a(two.rootNode), [two.rootNode], [bytes(0x48, 0x19), bytes(0x13, 0x14), bytes(0x13, 0x15), bytes(0x13)]);
    assert.deepEqual([...values.values()], [bytes(0xfe), bytes(0xff), null, null]);
  });

  test('node headers: long partial keys, hashed values, branches with values', () => {
    // A 48-byte key is 96 nibbles: 0x40 + 63 (max), then 96 - 62 - 1 = 33.
    const key = new Uint8Array(48).fill(0x21);
    const long = buildTrie([[key, bytes(1, 2, 3)]]);
    assert.deepEqual([...long.rootNode.subarray(0, 3)], [0x7f, 0x21, 0x21]);
    assert.deepEqual(decodeNode(long.rootNode).partial.length, 96);
    // A value of 33 bytes or more is stored by hash (state version 1), in a node of its own.
    const value = new Uint8Array(33).fill(7);
    const hashed = buildTrie([[bytes(0xaa), value]]);
    assert.deepEqual([...hashed.rootNode.subarray(0, 2)], [0x22, 0xaa], 'a hashed-value leaf of 2 nibbles (0b001 prefix)');
    assert.deepEqual(hashed.rootNode.subarray(2), blake2AsU8a(value));
    assert.equal(hashed.nodes.size, 2, 'the leaf and its value node');
    assert.deepEqual(buildTrie([[bytes(0xaa), value]], { stateVersion: 0 }).rootNode[0], 0x42, 'state version 0 keeps it inline');
    // A key that is a prefix of another: a branch with a value; and a hashed-value branch.
    for (const v of [bytes(9), value]) {
      const trie = buildTrie([[bytes(0x12), v], [bytes(0x12, 0x34), bytes(1)], [bytes(0x12, 0x56), bytes(2)]]);
      const root = decodeNode(trie.rootNode);
      assert.equal(root.kind, 'branch');
      assert.deepEqual(root.partial, [1, 2]);
      assert.ok(root.value);
      assert.deepEqual(encodeNode(root), trie.rootNode, 'decode and encode are inverses');
      assert.equal(trie.rootNode[0] >> 4, v.length >= 33 ? 0b0001 : 0b1100, 'the header kind');
    }
    assert.throws(() => decodeNode(bytes(0x80, 0x00, 0x00)), /no child/);
    assert.throws(() => decodeNode(bytes(0x41, 0x10, 0x00)), /padding/);
    assert.throws(() => decodeNode(bytes(0x01)), /unknown header/);
  });

  test('read proofs of a large trie: present, absent, a missing node, a tampered node', () => {
    const pairs = [];
    const random = (i, length) => blake2AsU8a(`random ${i}`, 512).subarray(0, length);
    for (let i = 0; i < 300; i += 1) {
      const key = random(i, 16 + (i % 40));
      const value = random(-i - 1, i % 64);
      pairs.push([key, value]);
    }
    pairs.push([concat(pairs[0][0], bytes(1, 2)), bytes(5)]); // a key under another one
    const trie = buildTrie(pairs);
    const proof = [...trie.nodes.values()];
    const absent = [bytes(0xde, 0xad), concat(pairs[3][0], bytes(0)), pairs[5][0].subarray(0, 10)];
    const values = readProof(trie.root, proof, [...pairs.map(([k]) => k), ...absent]);
    pairs.forEach(([key, value]) => assert.deepEqual(values.get(toHex(key)), value, toHex(key)));
    absent.forEach((key) => assert.equal(values.get(toHex(key)), null));
    const valueNodes = new Set(pairs.map(([, value]) => toHex(value)));
    for (const node of proof.filter((n) => !valueNodes.has(toHex(n)))) assert.deepEqual(encodeNode(decodeNode(node)), node, 'decode and encode are inverses');
    // Without some node, the lookups through it fail, naming what is missing.
    const without = proof.filter((n) => toHex(blake2AsU8a(n)) !== toHex(blake2AsU8a(proof[proof.length - 2])));
    assert.throws(() => readProof(trie.root, without, pairs.map(([k]) => k)), TrieProofError);
    assert.throws(() => readProof(trie.root, proof.filter((n) => n !== proof.find((m) => m !== trie.rootNode && !valueNodes.has(toHex(m)))), pairs.map(([k]) => k)), /lacks the trie node/);
    // A changed node no longer has its hash: it is not found under it.
    const tampered = proof.map((n) => (n === trie.rootNode ? n : Uint8Array.from(n, (b, i) => (i === n.length - 1 ? b ^ 1 : b))));
    assert.throws(() => readProof(trie.root, tampered, pairs.map(([k]) => k)), /lacks the/);
    assert.throws(() => readProof(blake2AsU8a(bytes(1)), proof, [pairs[0][0]]), /does not hold the root node/);
    assert.equal(readProof(EMPTY_TRIE_ROOT, [], [bytes(1)]).get('0x01'), null, 'the empty trie proves every key absent');
  });
});

describe('Landchain storage keys (landchain-primitives storage.rs)', () => {
  test('well-known prefixes, and the parcel keys\' shape', () => {
    assert.equal(toHex(storagePrefix('System', 'Events')), '0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7');
    assert.equal(toHex(storageKeys.timestampNow()), '0xf0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb');
    assert.equal(toHex(storageKeys.grandpaAuthorities()), '0x5f9cc45b7a00c5899361e1c6099678dc5e0621c4869aa60c02be9adcc98a0d1d');
    const title = storageKeys.title(7);
    assert.equal(title.length, 32 + 8 + 8);
    assert.deepEqual(title.subarray(40), u64Bytes(7), 'Twox64Concat keeps the parcel id at the end');
    assert.deepEqual(storageKeys.titleHistory(7, 3).subarray(0, 48), storageKeys.titleHistory(7, 9).subarray(0, 48));
    assert.deepEqual(storageKeys.titleHistory(7, 3).subarray(56), u32Bytes(3));
    const keys = certificateKeys(7, 7);
    assert.deepEqual(keys.map(([what]) => what), ['parcel', 'title', 'encumbrances', 'applications', 'time', 'grandpaSet', 'titleVersion:6', 'titleVersion:5', 'titleVersion:4', 'titleVersion:3']);
    assert.deepEqual(certificateKeys(7, 2).map(([what]) => what).slice(6), ['titleVersion:1']);
    assert.equal(certificateKeys(7, null).length, 6);
  });
});

// ── GRANDPA ──────────────────────────────────────────────────────────────────────────────────

// Synthetic authorities: ed25519 key pairs from seeds (util-crypto's `{ publicKey, secretKey }`).
const NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie', 'One', 'Two'];
const seedPairs = Object.fromEntries(NAMES.map((name) => [name, ed25519PairFromSeed(blake2AsU8a(`landchain test ${name}`))]));
const setOf = (names) => names.map((name) => ({ id: seedPairs[name].publicKey, weight: 1n }));
const pairs = (names) => names.map((name) => seedPairs[name]);
const FIRST = ['Alice', 'Bob', 'Charlie', 'Dave'];
const SECOND = ['Eve', 'Ferdie', 'One', 'Two'];

/** A header (decoded form, with its bytes and hash). */
function header(number, parentHash, { digest = [], stateRoot = new Uint8Array(32) } = {}) {
  return decodeHeader(encodeHeader({ parentHash, number, stateRoot, extrinsicsRoot: new Uint8Array(32), digest }));
}

/** Blocks 0..=length; `changes`: block number → next set (no delay). */
function chain(length, changes = {}, stateRoots = {}) {
  const headers = [header(0, new Uint8Array(32))];
  for (let n = 1; n <= length; n += 1) {
    const digest = changes[n] ? [scheduledChangeDigest(setOf(changes[n]))] : [];
    headers.push(header(n, headers[n - 1].hash, { digest, stateRoot: stateRoots[n] }));
  }
  return headers;
}

const justify = (target, setId, names, options) => signJustification(target, setId, pairs(names), options);
const genesisSet = () => new AuthoritySet(0, setOf(FIRST));

/** Blocks 1..=10; block 4 hands over from FIRST to SECOND; block 10 is justified by SECOND. About block 2. */
function proofAcrossAChange() {
  const headers = chain(10, { 4: SECOND });
  return {
    headers,
    proof: {
      setChanges: [{ header: headers[4], justification: justify(headers[4], 0, ['Alice', 'Bob', 'Charlie']) }],
      justification: justify(headers[10], 1, SECOND),
      headers: headers.slice(3, 11),
    },
  };
}

describe('GRANDPA justifications (audit/src/finality.rs)', () => {
  test('the signed payload is (Message::Precommit, round, set id), and the dev chain\'s key is the well-known one', () => {
    const payload = precommitPayload(new Uint8Array(32).fill(0xab), 10, 3n, 2n);
    assert.equal(toHex(payload), `0x01${'ab'.repeat(32)}0a000000${'0300000000000000'}${'0200000000000000'}`);
    const alice = new Keyring({ type: 'ed25519' }).addFromUri('//Alice');
    assert.equal(u8aToHex(alice.publicKey), '0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee', 'sp-keyring\'s Ed25519 Alice: the --dev chain\'s GRANDPA authority');
    const headers = chain(3);
    const encoded = justify(headers[3], 0, ['Alice']);
    const decoded = decodeJustification(encoded);
    assert.equal(decoded.round, 1n);
    assert.equal(decoded.targetNumber, 3);
    assert.deepEqual(encodeJustification(decoded), encoded);
    assert.equal(encoded.length, 8 + 32 + 4 + 1 + (32 + 4 + 64 + 32) + 1);
  });

  test('a block is proven final across an authority set change', () => {
    const { headers, proof } = proofAcrossAChange();
    const justified = genesisSet().verifyProof(proof, 2, headers[2].hash);
    assert.deepEqual([justified.number, justified.setId, justified.signedBy], [10, 1, [4, 4]]);
  });

  test('the new set cannot be skipped; the old set cannot sign after its change', () => {
    let { headers, proof } = proofAcrossAChange();
    proof.justification = justify(headers[10], 1, FIRST);
    assert.throws(() => genesisSet().verifyProof(proof, 2, headers[2].hash), /does not verify against authority set 1/);
    ({ headers, proof } = proofAcrossAChange());
    proof.setChanges = [];
    assert.throws(() => genesisSet().verifyProof(proof, 2, headers[2].hash), /authority set 0/);
  });

  test('a set change signed by its own new set, or by too few, is refused', () => {
    let { headers, proof } = proofAcrossAChange();
    proof.setChanges[0].justification = justify(headers[4], 0, ['Eve', 'Ferdie', 'One']);
    assert.throws(() => genesisSet().verifyProof(proof, 2, headers[2].hash), /^Error: set change #4 \(set 0 to 1\)/);
    ({ headers, proof } = proofAcrossAChange());
    proof.setChanges[0].justification = justify(headers[4], 0, ['Alice', 'Bob']);
    assert.throws(() => genesisSet().verifyProof(proof, 2, headers[2].hash), /fewer than two thirds/);
  });

  test('a set change header without the change digest is refused', () => {
    const { headers, proof } = proofAcrossAChange();
    proof.setChanges[0] = { header: headers[5], justification: justify(headers[5], 0, FIRST) };
    assert.throws(() => genesisSet().verifyProof(proof, 2, headers[2].hash), /does not enact a GRANDPA authority set change/);
  });

  test('a broken header chain, or a tampered signature, is refused', () => {
    let { headers, proof } = proofAcrossAChange();
    proof.headers.splice(3, 1);
    assert.throws(() => genesisSet().verifyProof(proof, 2, headers[2].hash), /header chain is broken after #5/);
    ({ headers, proof } = proofAcrossAChange());
    const tampered = Uint8Array.from(proof.justification);
    tampered[tampered.length - 40] ^= 1;
    proof.justification = tampered;
    assert.throws(() => genesisSet().verifyProof(proof, 2, headers[2].hash), /does not verify/);
  });

  test('a delayed change ends the set at its enacting block; a forced one is refused', () => {
    const set = genesisSet();
    const zero = new Uint8Array(32);
    assert.equal(set.endsAt(header(3, zero, { digest: [scheduledChangeDigest(setOf(SECOND), 2)] })), false, 'only scheduled');
    assert.equal(set.endsAt(header(4, zero)), false);
    assert.equal(set.endsAt(header(5, zero)), true, '#3 + 2 enacts it');
    set.follow();
    assert.deepEqual([set.setId, set.authorities, set.pending], [1, setOf(SECOND), null]);
    assert.throws(() => set.endsAt(header(6, zero, { digest: [forcedChangeDigest(setOf(SECOND))] })), /forced/);
  });

  test('votes for descendants need exactly their ancestry; the commit target must be what two thirds voted for', () => {
    const headers = chain(8);
    const set = genesisSet();
    // Three precommits for #7, one for #8: the commit targets #7 (the highest block with 3 of 4).
    const commit = (names7, names8, ancestries, target = headers[7]) => {
      const a = decodeJustification(justify(target, 0, names7, { precommitTarget: headers[7] }));
      const b = decodeJustification(justify(target, 0, names8, { precommitTarget: headers[8] }));
      return encodeJustification({ ...a, precommits: [...a.precommits, ...b.precommits], votesAncestries: ancestries });
    };
    const ok = set.verify(commit(['Alice', 'Bob', 'Charlie'], ['Dave'], [headers[8]]), 7, headers[7].hash);
    assert.deepEqual(ok.signedBy, [4, 4]);
    assert.throws(() => set.verify(commit(['Alice', 'Bob', 'Charlie'], ['Dave'], []), 7, headers[7].hash), /does not descend|no ancestry proof/);
    assert.throws(() => set.verify(commit(['Alice', 'Bob', 'Charlie'], ['Dave'], [headers[8], headers[6]]), 7, headers[7].hash), /ancestry headers no precommit uses/);
    // Everyone voted for #8 or beyond: #8 has the two thirds, so a commit of #7 is not the GHOST.
    const allFor8 = decodeJustification(justify(headers[7], 0, FIRST, { precommitTarget: headers[8] }));
    assert.throws(() => set.verify(encodeJustification(allFor8), 7, headers[7].hash), /voted for #8/);
    // The commit's own target must be the one asked for.
    assert.throws(() => set.verify(justify(headers[6], 0, FIRST), 7, headers[7].hash), /finalizes #6 .*, not #7/);
  });

  test('signers outside the set count for nothing; duplicates count once; the round is signed', () => {
    const headers = chain(3);
    const set = genesisSet();
    assert.deepEqual(set.verify(justify(headers[3], 0, ['Alice', 'Bob', 'Charlie', 'Eve']), 3, headers[3].hash).signedBy, [4, 4], 'three of the set suffice');
    assert.throws(() => set.verify(justify(headers[3], 0, ['Alice', 'Bob', 'Eve', 'Ferdie']), 3, headers[3].hash), /fewer than two thirds/);
    assert.throws(() => set.verify(justify(headers[3], 0, ['Alice', 'Bob', 'Bob']), 3, headers[3].hash), /fewer than two thirds/);
    // A signature for another round, or another set, does not verify.
    const other = decodeJustification(justify(headers[3], 0, FIRST, { round: 2n }));
    assert.throws(() => set.verify(encodeJustification({ ...other, round: 1n }), 3, headers[3].hash), /signature .* is not valid for round 1 of set 0/);
    assert.throws(() => new AuthoritySet(1, setOf(FIRST)).verify(justify(headers[3], 0, FIRST), 3, headers[3].hash), /not valid for round 1 of set 1/);
    // Weights: one heavy voter is more than two thirds alone.
    const weighted = new AuthoritySet(0, [{ id: seedPairs.Alice.publicKey, weight: 7n }, ...setOf(['Bob', 'Charlie', 'Dave'])]);
    assert.ok(weighted.verify(justify(headers[3], 0, ['Alice']), 3, headers[3].hash));
    assert.throws(() => weighted.verify(justify(headers[3], 0, ['Bob', 'Charlie', 'Dave']), 3, headers[3].hash), /fewer than two thirds/);
  });

  test('the set in force from a state: a pending change means the set before; a forced one cannot be proven', () => {
    const keys = { authorities: bytes(1), currentSetId: bytes(2), pendingChange: bytes(3) };
    const list = concat(compactBytes(1), seedPairs.Alice.publicKey, u64Bytes(1));
    const state = (values) => (key) => values[key[0]] ?? null;
    assert.deepEqual(AuthoritySet.fromState(state({ 1: list }), keys).setId, 0);
    assert.deepEqual(AuthoritySet.fromState(state({ 1: list, 2: u64Bytes(3) }), keys).setId, 3);
    const pending = (forced) => concat(u32Bytes(10), u32Bytes(2), list, forced ? bytes(1, 9, 0, 0, 0) : bytes(0));
    const withPending = AuthoritySet.fromState(state({ 1: list, 2: u64Bytes(3), 3: pending(false) }), keys);
    assert.deepEqual([withPending.setId, withPending.pending.at], [2, 12]);
    assert.throws(() => AuthoritySet.fromState(state({ 1: list, 3: pending(true) }), keys), /forced/);
    assert.throws(() => AuthoritySet.fromState(state({}), keys), /no GRANDPA authorities/);
  });
});

// ── A whole certificate, synthetic ───────────────────────────────────────────────────────────

/**
 * A certificate of parcel 7 (title version 3) on a synthetic chain of FIRST's: the state holds
 * parcels 7 and 8 (and other keys); block 5 is the certificate's, block 7 is justified.
 * Values: a title is its version byte then 40 bytes (so stored by hash).
 */
function syntheticCertificate() {
  const title = (version, owner) => concat(bytes(version), new Uint8Array(40).fill(owner));
  const applications = concat(compactBytes(2), u64Bytes(11), u64Bytes(12));
  const state = [];
  for (const parcel of [7, 8]) {
    state.push([storageKeys.parcel(parcel), concat(bytes(parcel), new Uint8Array(50).fill(parcel))]);
    state.push([storageKeys.title(parcel), title(3, parcel)]);
    state.push([storageKeys.titleHistory(parcel, 1), title(1, 0x11)]);
    state.push([storageKeys.titleHistory(parcel, 2), title(2, 0x22)]);
    state.push([storageKeys.encumbrances(parcel), bytes(0)]);
    state.push([storageKeys.parcelApplications(parcel), applications]);
  }
  state.push([storageKeys.timestampNow(), u64Bytes(1_767_225_600_000n)]);
  state.push([storageKeys.grandpaCurrentSetId(), u64Bytes(0)]);
  for (let i = 0; i < 50; i += 1) state.push([blake2AsU8a(`other ${i}`), u32Bytes(i)]);
  const trie = buildTrie(state);
  const headers = chain(7, {}, { 5: trie.root });
  const keys = certificateKeys(7, 3);
  const values = readProof(trie.root, [...trie.nodes.values()], keys.map(([, key]) => key));
  const certificate = {
    format: 'landchain-certificate/1',
    genesisHash: toHex(headers[0].hash),
    specName: 'landchain',
    specVersion: 100,
    parcel: 7,
    header: toHex(headers[5].bytes),
    finality: { setId: 0, justification: toHex(justify(headers[7], 0, ['Alice', 'Bob', 'Charlie'])), headers: [toHex(headers[6].bytes), toHex(headers[7].bytes)] },
    proof: [...trie.nodes.values()].map(toHex),
    entries: keys.map(([what, key]) => ({ what, key: toHex(key), value: values.get(toHex(key)) ? toHex(values.get(toHex(key))) : null })),
  };
  return { certificate, anchor: { genesisHash: toHex(headers[0].hash), set: genesisSet(), readAt: 0 }, headers, trie };
}

/** Decodes the synthetic records: a title's version is its first byte; applications are a Vec<u64>. */
const syntheticTypes = {
  decode(what, value) {
    if (what === 'title' || what.startsWith('titleVersion:')) return { version: value[0], owner: value[1] };
    if (what === 'applications') {
      const reader = new Reader(value);
      return Array.from({ length: reader.compact() }, () => reader.u64());
    }
    return value;
  },
};

describe('a certificate of title, checked in JavaScript (certificate.rs verify)', () => {
  test('a good certificate verifies and says what it proves', () => {
    const { certificate, anchor } = syntheticCertificate();
    const verified = verifyCertificate(certificate, anchor, syntheticTypes);
    assert.equal(verified.block, 5);
    assert.equal(verified.finalized, 7);
    assert.deepEqual(verified.signedBy, [3, 4]);
    assert.equal(verified.title.version, 3);
    assert.deepEqual(verified.history.map((t) => t.version), [2, 1], 'the earlier versions, latest first');
    assert.deepEqual(verified.applications, [11, 12]);
    assert.equal(verified.timeMs, 1_767_225_600_000);
    // The file is the Rust tool's layout; parsing and writing it again changes nothing.
    const json = certificateJson(certificate);
    assert.equal(certificateJson(parseCertificate(json)), json);
    assert.ok(json.startsWith('{\n  "format": "landchain-certificate/1",\n  "genesisHash": "0x'));
    assert.ok(!json.includes('setChanges'), 'no set changes: the field is left out, as serde skips an empty list');
    // The page `verify --html` writes carries it: the same certificate.
    const page = `<html><body><p>VALID</p><script type="application/json" id="landchain-certificate">${json.replaceAll('</', '<\\/')}</script></body></html>`;
    assert.deepEqual(parseCertificate(page), certificate);
    // What the printed page's QR code says: the blake2-256 of the certificate's JSON text.
    assert.equal(qrPayload(7, json), `landchain-certificate/1 parcel=7 blake2-256=${toHex(blake2AsU8a(new TextEncoder().encode(json)))}`);
  });

  test('each tampering is refused, saying what fails', () => {
    const refused = (change, pattern) => {
      const fixture = syntheticCertificate();
      const { certificate, anchor } = fixture;
      const copy = JSON.parse(JSON.stringify(certificate));
      const theAnchor = change(copy, anchor, fixture) ?? anchor;
      assert.throws(() => verifyCertificate(copy, theAnchor, syntheticTypes), (error) => {
        assert.ok(error instanceof CertificateError, error.stack);
        assert.match(error.message, pattern);
        return true;
      });
    };
    const flip = (hexText, at = -4) => {
      const b = fromHex(hexText);
      const i = at < 0 ? b.length + at : at;
      b[i] ^= 1;
      return toHex(b);
    };
    const byName = (cert, what) => cert.entries.find((e) => e.what === what);
    refused((c) => void (byName(c, 'title').value = flip(byName(c, 'title').value)), /the title shown is not what block #5's state holds \(a tampered value\)/);
    refused((c) => void (byName(c, 'titleVersion:2').value = null), /the titleVersion:2 shown is not what block #5's state holds/);
    refused((c) => void (c.finality.justification = flip(c.finality.justification, -40)), /block #5 is not proven final: .*does not verify against authority set 0/);
    refused((c) => void (c.header = flip(c.header, 40)), /block #5 is not proven final: the header chain is broken after #5/);
    refused((c) => void c.finality.headers.pop(), /not proven final: the GRANDPA justification finalizes #7 .*, not #6/);
    refused((c) => void (c.finality.setId = 1), /says authority set 1 signed, but its proof is signed by set 0/);
    refused((c) => void (c.genesisHash = `0x${'00'.repeat(32)}`), /about another chain: its genesis is 0x0{64}, this chain's is 0x/);
    refused((c, a) => ({ ...a, set: new AuthoritySet(0, setOf(SECOND)) }), /not proven final: .*against authority set 0/);
    refused((c) => void c.proof.splice(c.proof.indexOf(byName(c, 'title').value), 1), /storage proof does not verify against block #5's state root: the proof lacks the value node/);
    refused((c) => void c.proof.splice(0, c.proof.length), /storage proof does not verify against block #5's state root: the proof does not hold the root node/);
    refused((c) => void (c.parcel = 8), /the parcel shown is not parcel 8's \(its storage key is another's\)/);
    refused((c) => void c.entries.splice(c.entries.findIndex((e) => e.what === 'titleVersion:1'), 1), /lacks the titleVersion:1/);
    refused((c) => void (byName(c, 'time').key = toHex(storageKeys.grandpaCurrentSetId())), /the time shown is not the block's \(its storage key is another's\)|tampered value/);
    refused((c) => void (c.format = 'landchain-certificate/2'), /unknown certificate format/);
    refused((c) => void (c.extra = 1), /not a certificate of title: unknown field `extra`/);
    refused((c) => void (c.entries[0].key = 'zz'), /not a certificate of title: .*not 0x-prefixed hex/);
    // Another parcel's records under this parcel's names: the keys give them away.
    refused((c, a, { trie }) => {
      const other = certificateKeys(8, 3);
      const values = readProof(trie.root, [...trie.nodes.values()], other.map(([, key]) => key));
      for (const entry of c.entries) {
        const key = other.find(([what]) => what === entry.what)[1];
        entry.key = toHex(key);
        entry.value = values.get(toHex(key)) ? toHex(values.get(toHex(key))) : null;
      }
    }, /the parcel shown is not parcel 7's \(its storage key is another's\)/);
  });
});

/**
 * A node serving a synthetic chain over the RPCs `issueCertificate` calls (the `.raw` JSON of
 * Polkadot.js): blocks 0..=8, block 4 hands GRANDPA over from FIRST to SECOND (kept justified by
 * FIRST, as a node keeps each set's last block's justification), the state of parcel 7 at block 6
 * (the finalized head), and the next justification it announces: block 8's, by SECOND.
 */
function fakeNode() {
  const { trie } = syntheticCertificate();
  const stateRoots = Object.fromEntries([5, 6, 7, 8].map((n) => [n, trie.root]));
  const headers = chain(8, { 4: SECOND }, stateRoots);
  const grandpa = (at) => ({
    [toHex(storageKeys.grandpaAuthorities())]: at >= 4 ? concat(compactBytes(4), ...setOf(SECOND).map((a) => concat(a.id, u64Bytes(1)))) : null,
    [toHex(storageKeys.grandpaCurrentSetId())]: at >= 4 ? u64Bytes(1) : null,
  });
  const byHash = new Map(headers.map((h) => [toHex(h.hash), h]));
  const json = (h) => ({
    parentHash: toHex(h.parentHash),
    number: `0x${h.number.toString(16)}`,
    stateRoot: toHex(h.stateRoot),
    extrinsicsRoot: toHex(h.extrinsicsRoot),
    digest: { logs: h.digest.map((item) => toHex(encodeDigestItem(item))) },
  });
  const raw = (fn) => ({ raw: async (...args) => fn(...args) });
  const calls = [];
  const api = {
    rpc: {
      chain: {
        getFinalizedHead: raw(() => toHex(headers[6].hash)),
        getHeader: raw((hash) => (byHash.has(hash) ? json(byHash.get(hash)) : null)),
        getBlockHash: raw((n) => toHex(headers[Number(n)].hash)),
      },
      state: {
        getRuntimeVersion: raw(() => ({ specName: 'landchain', specVersion: 100 })),
        getStorage: raw((key, at) => {
          const number = byHash.get(at).number;
          const value = grandpa(number)[key] ?? readProof(trie.root, [...trie.nodes.values()], [fromHex(key)]).get(key);
          return value ? toHex(value) : null;
        }),
        getReadProof: raw((keys, at) => ({ at, proof: [...trie.nodes.values()].map(toHex) })),
      },
      grandpa: {
        subscribeJustifications: raw((callback) => {
          setTimeout(() => callback(toHex(justify(headers[8], 1, SECOND))), 10);
          return () => calls.push('unsubscribed');
        }),
        proveFinality: raw((number) => {
          calls.push(`proveFinality(${number})`);
          // sc_consensus_grandpa::FinalityProof { block, justification, unknown_headers }
          return toHex(concat(headers[4].hash, lengthPrefixed(justify(headers[4], 0, FIRST)), compactBytes(0)));
        }),
      },
    },
  };
  return { api, headers, calls };
}

describe('issuing a certificate from a node\'s RPCs (certificate.rs issue)', () => {
  test('across an authority set change: the records, their proof, the next justification, the earlier set\'s last one', async () => {
    const { api, headers, calls } = fakeNode();
    const progress = [];
    const certificate = await issueCertificate(api, 7, { types: syntheticTypes, timeoutMs: 5_000, onProgress: (what) => progress.push(what) });
    assert.equal(certificate.header, toHex(headers[6].bytes));
    assert.deepEqual(certificate.finality.headers, [toHex(headers[7].bytes), toHex(headers[8].bytes)]);
    assert.equal(certificate.finality.setId, 1);
    assert.equal(certificate.finality.setChanges.length, 1);
    assert.equal(certificate.finality.setChanges[0].header, toHex(headers[4].bytes));
    assert.deepEqual(calls, ['unsubscribed', 'proveFinality(1)']);
    assert.deepEqual(certificate.entries.map((e) => e.what), ['parcel', 'title', 'encumbrances', 'applications', 'time', 'grandpaSet', 'titleVersion:2', 'titleVersion:1']);
    assert.match(progress.join(' / '), /waiting for GRANDPA to finalize block #6 or a later one/);
    // It verifies from the genesis set, through the change.
    const verified = verifyCertificate(certificate, { genesisHash: toHex(headers[0].hash), set: genesisSet(), readAt: 0 }, syntheticTypes);
    assert.deepEqual([verified.block, verified.finalized, verified.setId, verified.setChanges, verified.signedBy], [6, 8, 1, 1, [4, 4]]);
    // Without the change, the genesis set is asked to have signed block #8: refused.
    const skipped = JSON.parse(certificateJson(certificate));
    delete skipped.finality.setChanges;
    skipped.finality.setId = 0;
    assert.throws(() => verifyCertificate(skipped, { genesisHash: toHex(headers[0].hash), set: genesisSet(), readAt: 0 }, syntheticTypes), /block #6 is not proven final: .*against authority set 0/);
  });
});
