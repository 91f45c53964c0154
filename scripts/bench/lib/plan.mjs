// What a run loads into genesis and what it will submit: the accounts of every role and the
// parcels for sale, derived deterministically from the run's sizes.
//
// Parcel `p` (0-based) is one of four kinds, in turn: sole owner; two owners (1/2 each); sole
// owner with a mortgage; two owners with a mortgage. Its owners are `owner/p/0` (the seller who
// offers) and, for two owners, `owner/p/1` (who consents); its buyer is `buyer/p`; a mortgage's
// lender is one of the banks. Every party has its own accounts, so a sale's transactions never
// wait behind another sale's nonces; only the registrars (and banks) are shared.
//
// The register phase's parcels are not in genesis: registration `n` (0-based) is `B-<n>` (zero
// padded) in a district of its own, `LC-BULK`, owned whole by one keyless account.

import { stringToU8a } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a, encodeAddress } from '@polkadot/util-crypto';
import { label } from './accounts.mjs';

/** One LAND in planck (12 decimals). */
export const LAND = 10n ** 12n;
/** What every load account starts with. */
export const ENDOWMENT = 1_000_000n * LAND;
/** The price of every sale. */
export const PRICE = 1_000n * LAND;
/** The amount of every mortgage (discharged to its lender from the price at settlement). */
export const MORTGAGE = 400n * LAND;
/** What each transfer moves. */
export const TRANSFER_AMOUNT = LAND;
/** The district of the load's parcels. */
export const JURISDICTION = 'LC-LOAD';
/** The lenders of the mortgages. */
export const BANKS = 4;
/** The district of the register phase's parcels. */
export const BULK_JURISDICTION = 'LC-BULK';
/**
 * The owner of every parcel the register phase registers: an account no one holds the key of
 * (the blake2-256 hash of a label), so it is never a registrar and never signs.
 */
export const BULK_OWNER = encodeAddress(blake2AsU8a(stringToU8a('landchain-load/bulk-owner'), 256));

/** The kinds of parcel, in the order parcels take them. */
export const PARCEL_KINDS = [
  { name: 'sole', owners: 1, mortgaged: false },
  { name: 'two-owner', owners: 2, mortgaged: false },
  { name: 'sole+mortgage', owners: 1, mortgaged: true },
  { name: 'two-owner+mortgage', owners: 2, mortgaged: true },
];

/** A stand-in 32-byte hash of a label. */
export const hashOf = (text) => blake2AsHex(text, 256);

/**
 * The register phase's parcel `n` (0-based): `{ jurisdiction, reference, areaM2, landUse,
 * geometryHash, surveyHash }`, its owner `BULK_OWNER`. References are zero padded to 8 digits,
 * room for a national registry's 26 million.
 */
export function bulkParcel(n) {
  const reference = `B-${String(n).padStart(8, '0')}`;
  return {
    jurisdiction: BULK_JURISDICTION,
    reference,
    areaM2: 500 + (n % 1000),
    landUse: 'residential',
    geometryHash: hashOf(`geometry ${BULK_JURISDICTION} ${reference}`),
    surveyHash: hashOf(`survey ${BULK_JURISDICTION} ${reference}`),
  };
}

/**
 * The plan of a run: `{ registrars, banks, transferAccounts, parcels }`, each parcel `{ index,
 * reference, kind, owners: [labels], buyer, lender }` (its id is known once the chain runs).
 */
export function makePlan({ accounts, parcels, registrars }) {
  const parcelList = [];
  for (let p = 0; p < parcels; p += 1) {
    const kind = PARCEL_KINDS[p % PARCEL_KINDS.length];
    parcelList.push({
      index: p,
      reference: `LOAD-${p}`,
      kind,
      owners: Array.from({ length: kind.owners }, (_, k) => label.owner(p, k)),
      buyer: label.buyer(p),
      lender: kind.mortgaged ? label.bank(p % BANKS) : null,
    });
  }
  return {
    registrars: Array.from({ length: registrars }, (_, i) => label.registrar(i)),
    banks: Array.from({ length: BANKS }, (_, i) => label.bank(i)),
    transferAccounts: Array.from({ length: accounts }, (_, i) => label.transfer(i)),
    parcels: parcelList,
  };
}

/** Every label the plan funds at genesis. */
export function fundedLabels(plan) {
  return [
    ...plan.registrars,
    ...plan.banks,
    ...plan.transferAccounts,
    ...plan.parcels.flatMap((parcel) => [...parcel.owners, parcel.buyer]),
  ];
}

/**
 * What the plan adds to the dev preset's genesis: balances, registrars and parcels in the JSON of
 * `runtime/src/genesis_config_presets.rs` (`GenesisParcel`, camelCase).
 */
export function genesisAdditions(plan, accounts, { onProgress = () => {} } = {}) {
  const labels = fundedLabels(plan);
  const balances = [];
  labels.forEach((name, i) => {
    balances.push([accounts.address(name), Number(ENDOWMENT)]);
    if ((i + 1) % 5000 === 0) onProgress(i + 1, labels.length);
  });
  const parcels = plan.parcels.map((parcel) => ({
    jurisdiction: JURISDICTION,
    cadastralReference: parcel.reference,
    areaM2: 500 + (parcel.index % 1000),
    landUse: 'residential',
    geometryHash: hashOf(`geometry ${JURISDICTION} ${parcel.reference}`),
    deedHash: hashOf(`deed ${JURISDICTION} ${parcel.reference}`),
    owners: parcel.owners.map((owner) => [accounts.address(owner), 1, parcel.owners.length]),
    leaseholdExpiresAt: null,
  }));
  return { balances, registrars: plan.registrars.map((name) => accounts.address(name)), parcels, funded: labels.length };
}
