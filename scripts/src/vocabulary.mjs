// The chain's vocabulary, read from the connected chain's metadata rather than copied from the
// runtime: the variants of the registry's enums (document kinds, land uses, rejection reasons,
// reasons for a transfer by operation of law, encumbrance kinds) and the party register's party
// kinds, the length limits of its text fields (constants of the landRegistry pallet) and its block
// time (the Aura slot duration).
//
// Each enum is found through a call argument that uses it — e.g. the `kind` field of
// `landRegistry.registerParcel`'s `source` argument — never by its type's Rust path, which may
// change when the types move between crates. The CLI spells a variant in kebab-case
// (`CourtOrder` → `court-order`) and accepts the variant name itself too.

import { stringCamelCase } from '@polkadot/util';
import { LandchainError } from './errors.mjs';

/** `CourtOrder` → `court-order`, `PriceNotBonaFide` → `price-not-bona-fide`. */
export function kebabCase(name) {
  return String(name)
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** A table of variant names by their CLI spelling: `{ 'court-order': 'CourtOrder', … }`. */
export function variantTable(names) {
  return Object.fromEntries(names.map((name) => [kebabCase(name), String(name)]));
}

/**
 * Where each enum of the vocabulary is used: a call, then the argument, then fields (a field
 * of a struct, or a variant's name followed by one of its fields).
 */
export const ENUM_PATHS = {
  sourceKinds: ['landRegistry', 'registerParcel', 'source', 'kind'],
  landUses: ['landRegistry', 'registerParcel', 'attributes', 'landUse'],
  rejectionReasons: ['conveyance', 'reject', 'reason'],
  lawfulReasons: ['landRegistry', 'proposeApplication', 'change', 'TransferByOperationOfLaw', 'reason'],
  encumbranceKinds: ['landRegistry', 'recordEncumbrance', 'kind'],
  partyKinds: ['partyRegister', 'attest', 'kind'],
};

/**
 * The chain's limits as `[pallet, constant]`: the length of the registry's text fields (bytes) and
 * of the lists its calls take (a longer list is not a valid transaction: it does not decode, so
 * the tool refuses it first, with the limit).
 */
export const LIMIT_CONSTANTS = {
  jurisdiction: ['landRegistry', 'maxJurisdictionLen'],
  reference: ['landRegistry', 'maxReferenceLen'],
  uri: ['landRegistry', 'maxUriLen'],
  owners: ['landRegistry', 'maxOwners'],
  children: ['landRegistry', 'maxSplitChildren'],
  mergedParcels: ['landRegistry', 'maxMergeParcels'],
  grantees: ['conveyance', 'maxParties'],
  advances: ['conveyance', 'maxAdvances'],
};

const sameName = (a, b) => stringCamelCase(String(a)) === stringCamelCase(String(b));

/** The type behind wrappers that do not change what a value means (`Option`, `Compact`, `Box`). */
function unwrapped(lookup, typeId) {
  let id = typeId;
  for (let depth = 0; depth < 8; depth += 1) {
    const type = lookup.getSiType(id);
    const path = type.path.map(String);
    if (type.def.isCompact) id = type.def.asCompact.type.toNumber();
    else if (type.def.isVariant && path.length === 1 && path[0] === 'Option') {
      id = type.def.asVariant.variants.find((v) => v.name.toString() === 'Some').fields[0].type.toNumber();
    } else return id;
  }
  return id;
}

/** The metadata type id at `path` (see `ENUM_PATHS`), or an error naming the first missing step. */
export function typeAt(api, [section, method, argument, ...steps]) {
  const where = [`${section}.${method}`];
  const call = api.tx[section]?.[method];
  if (!call) throw new LandchainError(`the chain has no call ${section}.${method}: its metadata does not match this tool`);
  const field = call.meta.fields.find((f) => sameName(f.name.toString(), argument));
  if (!field) throw new LandchainError(`${where[0]} has no argument ${argument}: the chain's metadata does not match this tool`);
  where.push(argument);
  const { lookup } = api.registry;
  let id = unwrapped(lookup, field.type.toNumber());
  for (let i = 0; i < steps.length; i += 1) {
    const type = lookup.getSiType(id);
    let fields;
    if (type.def.isComposite) fields = type.def.asComposite.fields;
    else if (type.def.isVariant) {
      const variant = type.def.asVariant.variants.find((v) => v.name.toString() === steps[i]);
      if (!variant) throw new LandchainError(`${where.join(' → ')} has no variant ${steps[i]}: the chain's metadata does not match this tool`);
      where.push(steps[i]);
      i += 1;
      fields = variant.fields;
    } else {
      throw new LandchainError(`${where.join(' → ')} has no field ${steps[i]}: the chain's metadata does not match this tool`);
    }
    const next = fields.find((f) => f.name.isSome && sameName(f.name.unwrap().toString(), steps[i]));
    if (!next) throw new LandchainError(`${where.join(' → ')} has no field ${steps[i]}: the chain's metadata does not match this tool`);
    where.push(steps[i]);
    id = unwrapped(lookup, next.type.toNumber());
  }
  return { id, where: where.join(' → ') };
}

/** The variant names of the enum at `path`. */
export function enumVariants(api, path) {
  const { id, where } = typeAt(api, path);
  const type = api.registry.lookup.getSiType(id);
  if (!type.def.isVariant) throw new LandchainError(`${where} is not an enum in the chain's metadata`);
  return type.def.asVariant.variants.map((variant) => variant.name.toString());
}

/** A `u32` constant of a pallet; the tool needs a chain that declares it. */
function chainConstant(api, [pallet, name]) {
  const value = api.consts[pallet]?.[name];
  if (value === undefined) {
    throw new LandchainError(`the chain's metadata has no constant ${pallet}.${name}: this node's runtime is older than the tool`);
  }
  return value.toNumber();
}

const cache = new WeakMap();

/**
 * The vocabulary of the chain `api` is connected to, computed once per metadata (runtime):
 * `{ sourceKinds, landUses, rejectionReasons, lawfulReasons, encumbranceKinds, partyKinds }` are
 * tables `{ 'cli-spelling': 'VariantName' }` (for `documents.pick`), `limits` is `{ jurisdiction,
 * reference, uri }` in bytes and `{ owners, children, mergedParcels, grantees, advances }` in entries, `blockTimeMs` the chain's block time. Each item is read when first
 * asked for, so a chain lacking one fails only the commands that need it.
 */
export function vocabulary(api) {
  // Keyed by the metadata itself: Polkadot.js may update its registry in place at an upgrade.
  const key = api.registry.metadata;
  if (cache.has(key)) return cache.get(key);
  const memo = new Map();
  const lazy = (key, compute) => () => {
    if (!memo.has(key)) memo.set(key, compute());
    return memo.get(key);
  };
  const result = {};
  for (const [key, path] of Object.entries(ENUM_PATHS)) {
    Object.defineProperty(result, key, { enumerable: true, get: lazy(key, () => variantTable(enumVariants(api, path))) });
  }
  Object.defineProperty(result, 'limits', {
    enumerable: true,
    get: lazy('limits', () => Object.fromEntries(Object.entries(LIMIT_CONSTANTS).map(([key, constant]) => [key, chainConstant(api, constant)]))),
  });
  Object.defineProperty(result, 'blockTimeMs', {
    enumerable: true,
    get: lazy('blockTimeMs', () => {
      const slot = api.consts.aura?.slotDuration;
      if (slot === undefined) throw new LandchainError('the chain\'s metadata has no constant aura.slotDuration: its block time is unknown');
      return Number(slot.toString());
    }),
  });
  cache.set(key, result);
  return result;
}

/** How many of the chain's blocks make up `ms` milliseconds (at least one). */
export function blocksIn(api, ms) {
  return Math.max(1, Math.round(ms / vocabulary(api).blockTimeMs));
}
