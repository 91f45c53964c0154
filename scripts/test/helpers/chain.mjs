// Shared helpers of the end-to-end tests: documents, balances and holds, fees from receipts,
// and assertions on decoded errors.

import assert from 'node:assert/strict';
import { documents, TransactionError, resolveAccount } from '../../src/index.mjs';
import { toPlain } from '../../src/plain.mjs';

/** One LAND in planck. */
export const LAND = 10n ** 12n;

/** A stand-in document: `{ kind, documentHash }` with the hash of a label. */
export const doc = (kind, label) => ({ kind, documentHash: documents.hashBytes(label) });

/** A stand-in 32-byte hash of a label. */
export const hashOf = (label) => documents.hashBytes(label);

/** Free, reserved and held balances of accounts, read at one block (the best one by default). */
export async function balances(api, accounts, at) {
  const query = at ? await api.at(at) : api;
  const [infos, holds] = await Promise.all([
    query.query.system.account.multi(accounts),
    query.query.balances.holds.multi(accounts),
  ]);
  const result = {};
  accounts.forEach((account, index) => {
    result[account] = {
      free: infos[index].data.free.toBigInt(),
      reserved: infos[index].data.reserved.toBigInt(),
      holds: toPlain(holds[index]).map((hold) => ({ id: hold.id, amount: BigInt(hold.amount) })),
    };
  });
  return result;
}

/** The fees an account paid in the given receipts (from `transactionPayment.TransactionFeePaid`). */
export function feesPaid(receipts, account) {
  let total = 0n;
  for (const receipt of receipts) {
    for (const event of receipt.events) {
      if (event.section === 'transactionPayment' && event.method === 'TransactionFeePaid' && event.data.who === account) {
        total += BigInt(event.data.actualFee) + BigInt(event.data.tip);
      }
    }
  }
  return total;
}

/** The events `section.method` of a receipt, as plain data. */
export const eventsOf = (receipt, section, method) =>
  receipt.events.filter((event) => event.section === section && event.method === method).map((event) => event.data);

/**
 * Asserts `promise` fails with the decoded error `expected` (`'landRegistry.ParcelLocked'` or a
 * core error such as `'BadOrigin'`) whose message carries its documentation, and that the failed
 * transaction was included in a block. Returns the error.
 */
export async function rejectsWith(promise, expected, docsPattern) {
  let caught = null;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught, `expected the transaction to fail with ${expected}, but it succeeded`);
  assert.ok(caught instanceof TransactionError, `expected a TransactionError, got ${caught?.name}: ${caught?.message}`);
  const name = caught.section ? `${caught.section}.${caught.errorName}` : caught.errorName;
  assert.equal(name, expected, caught.message);
  assert.ok(caught.error.docs.length > 0, `the error ${expected} comes with its documentation`);
  assert.ok(caught.message.includes(`${expected}: ${caught.error.docs}`), `the message names the error and its docs: ${caught.message}`);
  if (docsPattern) assert.match(caught.error.docs, docsPattern);
  assert.match(caught.receipt.blockHash ?? '', /^0x[0-9a-f]{64}$/, 'the failed transaction was included in a block');
  assert.ok(!/\bindex\b|\{"index"|error: 0x/.test(caught.message), `no raw error index in: ${caught.message}`);
  return caught;
}

/** Addresses of the dev accounts, by name. */
export async function devAddresses(api, names = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie']) {
  const result = {};
  for (const name of names) result[name] = await resolveAccount(name, { api });
  return result;
}
