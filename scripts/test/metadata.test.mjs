// Every call, event, error, storage item and constant of the Landchain pallets decodes in
// Polkadot.js from the node's metadata alone (no custom types), and every one is documented — the
// docs clerks see in Polkadot.js Apps and the CLI prints with each error.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { stringCamelCase } from '@polkadot/util';
import { connect, decodeDispatchError, disconnect, vocabulary } from '../src/index.mjs';
import { toPlain } from '../src/plain.mjs';
import { startDevNode } from './helpers/node.mjs';

/** The Landchain pallets: its own five, and the council and registrar set it configures. */
const PALLETS = ['landRegistry', 'escrow', 'conveyance', 'partyRegister', 'upgradeGate', 'council', 'registrars'];
/** Pallets written for Landchain, whose event fields must be documented too. */
const OWN = new Set(['landRegistry', 'escrow', 'conveyance', 'partyRegister', 'upgradeGate']);

let node;
let api;

before(async () => {
  node = await startDevNode();
  api = await connect(node.url);
}, { timeout: 150_000 });

after(async () => {
  await disconnect(api);
  await node?.stop();
}, { timeout: 60_000 });

const docsOf = (item) => item.docs.map((line) => line.toString().trim()).join(' ').trim();

function palletMeta(section) {
  const pallet = api.registry.metadata.pallets.find((p) => stringCamelCase(p.name.toString()) === section);
  assert.ok(pallet, `pallet ${section} is in the metadata`);
  return pallet;
}

function variants(typeId) {
  return api.registry.lookup.getSiType(typeId).def.asVariant.variants;
}

/** Creates the default value of a metadata type and checks it encodes and decodes back. */
function roundTrips(typeId, where) {
  const type = api.registry.createLookupType(typeId);
  let value;
  try {
    value = api.registry.createType(type);
  } catch (error) {
    assert.fail(`${where}: type ${type} (${api.registry.lookup.getTypeDef(typeId).type}) cannot be created: ${error.message}`);
  }
  const again = api.registry.createType(type, value.toU8a());
  assert.equal(again.toHex(), value.toHex(), `${where}: ${type} round-trips`);
  toPlain(again);
  return value;
}

describe('the metadata of the Landchain pallets', { timeout: 300_000 }, () => {
  test('the node serves metadata v15 or later, with the pallets at their fixed indices', () => {
    assert.ok(api.runtimeMetadata.version >= 15, `metadata v${api.runtimeMetadata.version}`);
    const indices = Object.fromEntries(PALLETS.map((section) => [section, palletMeta(section).index.toNumber()]));
    assert.deepEqual(indices, { landRegistry: 10, escrow: 11, conveyance: 12, partyRegister: 13, upgradeGate: 22, council: 20, registrars: 21 });
    assert.ok(!api.tx.sudo, 'no sudo pallet');
  });

  for (const section of PALLETS) {
    test(`${section}: every call is documented and its arguments encode from the metadata`, () => {
      const pallet = palletMeta(section);
      assert.ok(pallet.calls.isSome, `${section} has calls`);
      for (const variant of variants(pallet.calls.unwrap().type)) {
        const name = variant.name.toString();
        const method = stringCamelCase(name);
        assert.ok(docsOf(variant), `${section}.${method} has docs`);
        const tx = api.tx[section][method];
        assert.ok(tx, `api.tx.${section}.${method} exists`);
        assert.equal(tx.meta.args.length, variant.fields.length);
        const args = variant.fields.map((field) => roundTrips(field.type, `${section}.${method}(${field.name.unwrapOr('?')})`));
        const call = tx(...args);
        const decoded = api.createType('Call', call.method.toHex());
        assert.equal(`${decoded.section}.${decoded.method}`, `${section}.${method}`);
        assert.equal(decoded.toHex(), call.method.toHex());
      }
    });

    test(`${section}: every event and error is documented and decodes`, () => {
      const pallet = palletMeta(section);
      if (pallet.events.isSome) {
        for (const variant of variants(pallet.events.unwrap().type)) {
          const where = `${section}.${variant.name} event`;
          assert.ok(docsOf(variant), `${where} has docs`);
          for (const field of variant.fields) {
            roundTrips(field.type, `${where} field ${field.name.unwrapOr('?')}`);
            if (OWN.has(section)) assert.ok(docsOf(field), `${where} field ${field.name.unwrapOr('?')} has docs`);
          }
        }
      } else {
        assert.ok(['upgradeGate'].includes(section), `${section} has events`);
      }
      if (pallet.errors.isSome) {
        for (const variant of variants(pallet.errors.unwrap().type)) {
          assert.ok(docsOf(variant), `${section}.${variant.name} error has docs`);
          // The CLI's decoder turns the module error into `section.Name: docs`.
          const dispatchError = api.createType('DispatchError', { Module: { index: pallet.index, error: [variant.index.toNumber(), 0, 0, 0] } });
          const decoded = decodeDispatchError(api, dispatchError);
          assert.equal(decoded.text, `${section}.${variant.name}: ${docsOf(variant)}`);
        }
      } else {
        assert.ok(['upgradeGate'].includes(section), `${section} has errors`);
      }
    });

    test(`${section}: every storage item and constant is documented and decodes, live`, async () => {
      const pallet = palletMeta(section);
      if (pallet.storage.isSome) {
        for (const item of pallet.storage.unwrap().items) {
          const name = item.name.toString();
          const where = `${section}.${name}`;
          assert.ok(docsOf(item), `storage ${where} has docs`);
          const query = api.query[section][stringCamelCase(name)];
          assert.ok(query, `api.query.${section}.${stringCamelCase(name)} exists`);
          if (item.type.isPlain) {
            roundTrips(item.type.asPlain, `storage ${where} value`);
            toPlain(await query());
          } else {
            const map = item.type.asMap;
            roundTrips(map.key, `storage ${where} key`);
            roundTrips(map.value, `storage ${where} value`);
            const entries = await query.entries();
            for (const [key, value] of entries) {
              key.args.forEach(toPlain);
              toPlain(value);
            }
          }
        }
      } else {
        assert.ok(['upgradeGate'].includes(section), `${section} has storage`);
      }
      for (const constant of pallet.constants) {
        const name = stringCamelCase(constant.name.toString());
        assert.ok(docsOf(constant), `constant ${section}.${name} has docs`);
        assert.notEqual(toPlain(api.consts[section][name]), undefined);
      }
    });
  }

  test('the registry runtime API is described by the metadata and answers', async () => {
    const parcel = await api.call.landRegistryApi.parcel(1);
    assert.equal(toPlain(parcel.unwrap()).cadastralReference, 'BLOCK-1/101');
    assert.equal(toPlain((await api.call.landRegistryApi.title(1)).unwrap()).version, 1);
    assert.equal((await api.call.landRegistryApi.titleHistory(1, 1, 10)).length, 1);
    const owner = toPlain((await api.call.landRegistryApi.title(1)).unwrap()).owners[0].account;
    // Pages come in the owner index's storage order, not id order.
    assert.deepEqual(toPlain(await api.call.landRegistryApi.parcelsOf(owner, null, 10)).sort((a, b) => a - b), [1, 4]);
    assert.deepEqual(toPlain(await api.call.landRegistryApi.encumbrances(1)), []);
    assert.equal((await api.call.landRegistryApi.parcelByReference('LC-CENTRAL', 'BLOCK-1/101')).unwrap().toNumber(), 1);
  });

  test('the CLI\'s vocabulary is read from the metadata: enums found through the calls that use them, limits from constants', () => {
    const vocab = vocabulary.vocabulary(api);
    assert.deepEqual(vocab.sourceKinds, {
      deed: 'Deed', survey: 'Survey', 'court-order': 'CourtOrder', probate: 'Probate', 'mortgage-instrument': 'MortgageInstrument',
      'lease-agreement': 'LeaseAgreement', discharge: 'Discharge', statutory: 'Statutory', other: 'Other',
    });
    assert.deepEqual(Object.keys(vocab.landUses), ['residential', 'commercial', 'agricultural', 'industrial', 'forest', 'public', 'mixed', 'other']);
    assert.deepEqual(Object.keys(vocab.rejectionReasons), ['documents-incomplete', 'deed-mismatch', 'party-not-verified', 'price-not-bona-fide', 'dispute-pending', 'other']);
    assert.deepEqual(vocab.lawfulReasons, { inheritance: 'Inheritance', 'court-order': 'CourtOrder' });
    assert.deepEqual(Object.values(vocab.encumbranceKinds), ['Mortgage', 'Lien', 'Easement', 'Lease', 'Caveat']);
    assert.deepEqual(vocab.partyKinds, { person: 'Person', company: 'Company', 'public-body': 'PublicBody' });

    // The enum a call takes is the one the registry stores: the source kind of a title.
    const { lookup } = api.registry;
    const fieldOf = (typeId, name) => lookup.getSiType(typeId).def.asComposite.fields.find((f) => f.name.unwrap().toString() === name).type.toNumber();
    const titles = api.registry.metadata.pallets.find((p) => p.name.toString() === 'LandRegistry').storage.unwrap().items.find((item) => item.name.toString() === 'Titles');
    const stored = fieldOf(fieldOf(titles.type.asMap.value.toNumber(), 'source'), 'kind');
    assert.equal(vocabulary.typeAt(api, vocabulary.ENUM_PATHS.sourceKinds).id, stored);

    for (const [key, [pallet, name]] of Object.entries(vocabulary.LIMIT_CONSTANTS)) {
      const constant = api.consts[pallet][name];
      assert.ok(constant, `constant ${pallet}.${name} is in the metadata`);
      assert.equal(constant.toRawType(), 'u32');
      assert.equal(vocab.limits[key], constant.toNumber());
      assert.ok(vocab.limits[key] > 0);
    }
    assert.equal(vocab.blockTimeMs, api.consts.aura.slotDuration.toNumber());
    assert.equal(vocabulary.blocksIn(api, 24 * 3600 * 1000), 28_800, 'one day of 3-second blocks on the dev chain');
  });

  test('the hold reasons of the registry, escrow, conveyance and party register are in the metadata', () => {
    const holdReason = api.registry.lookup.types.find((t) => t.type.path.map(String).join('::').endsWith('RuntimeHoldReason'));
    const names = holdReason.type.def.asVariant.variants.map((v) => v.name.toString());
    for (const pallet of ['LandRegistry', 'Escrow', 'Conveyance', 'PartyRegister']) assert.ok(names.includes(pallet), names.join(','));
    const type = api.registry.createLookupType(holdReason.id);
    assert.deepEqual(toPlain(api.registry.createType(type, { LandRegistry: 'EncumbranceDeposit' })), { LandRegistry: 'EncumbranceDeposit' });
  });
});
