// Signing, submitting and following a transaction to inclusion and finality, with its events,
// and every failure decoded from the metadata.

import {
  LandchainError,
  PoolError,
  TimeoutError,
  TransactionError,
  decodeDispatchError,
  poolReason,
} from './errors.mjs';
import { toPlain } from './plain.mjs';
import blockEvents from './block-events.cjs';

/** An event as plain data: `{ section, method, data: { field: value } }`, values as primitives. */
export function plainEvent(record) {
  const event = record.event ?? record;
  const names = event.data.names;
  const data = {};
  event.data.forEach((value, index) => {
    data[names?.[index] ?? String(index)] = toPlain(value);
  });
  return { section: event.section, method: event.method, data };
}

/** The first event `section.method` among `events` (plain events or records), or undefined. */
export function findEvent(events, section, method) {
  return events.find((event) => {
    const e = event.event ?? event;
    return e.section === section && e.method === method;
  });
}

/** Every event `section.method` among `events`. */
export function filterEvents(events, section, method) {
  return events.filter((event) => {
    const e = event.event ?? event;
    return e.section === section && e.method === method;
  });
}

/**
 * Failures that a successful dispatch can still report in its events: a council motion whose
 * call failed when it executed, and an authorized runtime upgrade that the runtime refused.
 */
function outcomeError(api, records) {
  for (const { event } of records) {
    if (event.section === 'council' && event.method === 'Executed') {
      const result = event.data.result ?? event.data[1];
      if (result?.isErr) {
        return { error: decodeDispatchError(api, result.asErr), context: 'the council motion executed but its call failed: ' };
      }
    }
    if (event.section === 'system' && event.method === 'RejectedInvalidAuthorizedUpgrade') {
      const error = event.data.error ?? event.data[1];
      return { error: decodeDispatchError(api, error), context: 'the authorized runtime upgrade was refused: ' };
    }
  }
  return null;
}

/** `section.method(args…)` of a call, for progress messages. */
export function describeCall(call) {
  const method = call.method ?? call;
  return `${method.section}.${method.method}`;
}

/**
 * Signs `tx` with `signer` (from `resolveSigner`) — or sends it unsigned when `signer` is null —
 * and follows it until it is in a block (`waitFor: 'inBlock'`) or finalized (`'finalized'`, the
 * default), at most `timeoutMs`. Returns a receipt: `{ txHash, blockHash, blockNumber,
 * finalizedHash, events, records }`. A failed dispatch throws a `TransactionError` with the
 * decoded module error and the receipt; a refusal by the pool throws a `PoolError`.
 * `onStatus(text)` receives progress lines. `metadataHash` (from `metadataHash(api)`): sign as an
 * offline or hardware signer does, committing to the runtime's metadata hash (`CheckMetadataHash`
 * mode 1); a hash that is not the runtime's makes the signature invalid (the pool refuses it).
 */
export async function submit(api, tx, signer, { waitFor = 'finalized', timeoutMs = 120_000, onStatus = () => {}, metadataHash = null } = {}) {
  if (!['inBlock', 'finalized'].includes(waitFor)) throw new LandchainError(`unknown waitFor "${waitFor}"`);
  const what = describeCall(tx);
  return new Promise((resolve, reject) => {
    let unsubscribe = null;
    let settled = false;
    const receipt = { call: what, signer: signer?.address ?? null, txHash: null, blockHash: null, blockNumber: null, finalizedHash: null, events: [], records: [] };
    let failure = null;

    const finish = (error, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (unsubscribe) {
        try {
          unsubscribe();
        } catch {
          // the subscription is already closed
        }
      }
      if (error) reject(error);
      else resolve(value);
    };
    const timer = setTimeout(() => {
      const where = receipt.blockHash ? `in block ${receipt.blockHash} but not finalized` : 'not included in a block';
      finish(new TimeoutError(`${what}: ${where} after ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);

    /** Records where the transaction landed, its events and its outcome. */
    const record = async (blockHash) => {
      receipt.txHash = tx.hash.toHex();
      receipt.blockHash = blockHash;
      const header = await api.rpc.chain.getHeader(blockHash);
      receipt.blockNumber = header.number.toNumber();
      // Read with the metadata of the runtime that executed the block (block-events.cjs), never
      // with the events Polkadot.js attaches to the status: those are decoded with whichever
      // registry it holds at that moment, wrong for the block that applies a runtime upgrade.
      const { records } = await blockEvents.transactionEvents(api, blockHash, receipt.txHash);
      receipt.records = records;
      receipt.events = records.map(plainEvent);
      const failed = records.find(({ event }) => event.section === 'system' && event.method === 'ExtrinsicFailed');
      failure = failed
        ? { error: decodeDispatchError(api, failed.event.data.dispatchError ?? failed.event.data[0]), context: '' }
        : outcomeError(api, records);
    };

    const onResult = async (result) => {
      if (settled) return;
      const { status } = result;
      try {
        if (status.isReady || status.isBroadcast || status.isFuture) {
          if (status.isReady) onStatus(`${what}: submitted ${tx.hash.toHex()}, waiting for a block`);
          return;
        }
        if (status.isInBlock) {
          await record(status.asInBlock.toHex());
          onStatus(
            `${what}: in block #${receipt.blockNumber} ${receipt.blockHash}${failure ? ` — failed: ${failure.context}${failure.error.text}` : ''}`,
          );
          if (waitFor === 'inBlock') {
            if (failure) finish(new TransactionError(failure.error, receipt, `${what} failed: ${failure.context}`));
            else finish(null, receipt);
          }
          return;
        }
        if (status.isRetracted) {
          onStatus(`${what}: block ${status.asRetracted.toHex()} was retracted, waiting for another`);
          return;
        }
        if (status.isFinalized) {
          receipt.finalizedHash = status.asFinalized.toHex();
          // Finalized without an in-block notification (a quick chain): take the events now.
          // (The finalized block is the one holding the transaction: after a re-org, read it again.)
          if (receipt.blockHash !== receipt.finalizedHash) await record(receipt.finalizedHash);
          onStatus(`${what}: finalized in ${receipt.finalizedHash}`);
          if (failure) finish(new TransactionError(failure.error, receipt, `${what} failed: ${failure.context}`));
          else finish(null, receipt);
          return;
        }
        if (status.isInvalid || status.isDropped || status.isUsurped) {
          finish(new PoolError(`${what} was ${status.type.toLowerCase()} by the transaction pool`));
          return;
        }
        if (status.isFinalityTimeout) {
          finish(new TimeoutError(`${what}: the node gave up waiting for finality of ${status.asFinalityTimeout.toHex()}`));
        }
      } catch (error) {
        finish(error instanceof LandchainError ? error : new LandchainError(`${what}: ${error.message}`, { cause: error }));
      }
    };

    // Submitted through the RPC directly rather than `signAndSend`: the status is all this needs,
    // and `signAndSend` would also decode the block's events with Polkadot.js's current registry.
    // With `metadataHash`, signed as a hardware wallet signs: committing to that metadata hash.
    const signOptions = metadataHash ? { nonce: -1, mode: 1, metadataHash } : { nonce: -1 };
    const sending = (signer ? tx.signAsync(signer.pair, signOptions) : Promise.resolve(tx)).then((signed) =>
      api.rpc.author.submitAndWatchExtrinsic(signed, (status) => onResult({ status })),
    );
    sending.then(
      (unsub) => {
        unsubscribe = unsub;
        if (settled) unsub();
      },
      (error) => finish(new PoolError(`${what}: ${poolReason(error)}`, { cause: error })),
    );
  });
}

/** A one-line summary of a receipt for people. */
export function receiptLine(receipt) {
  const finality = receipt.finalizedHash ? `, finalized in ${receipt.finalizedHash}` : '';
  return `included in block #${receipt.blockNumber} ${receipt.blockHash}${finality}`;
}

/**
 * Submits `calls` (unsigned, from `api.tx`) signed by `signer` as one transaction, all or nothing:
 * the call itself when there is one, else `utility.batchAll` (whose failure is the failing call's
 * decoded error). On a chain without the utility pallet they go one after another, each waited
 * for; a failure stops the rest and says how many stand. Returns `{ receipt, receipts }`: the
 * first receipt, and every one (several only without the utility pallet).
 */
export async function submitAll(api, calls, signer, options) {
  if (calls.length === 0) throw new LandchainError('nothing to submit');
  if (calls.length === 1 || api.tx.utility?.batchAll) {
    const tx = calls.length === 1 ? calls[0] : api.tx.utility.batchAll(calls);
    const receipt = await submit(api, tx, signer, options);
    return { receipt, receipts: [receipt] };
  }
  const receipts = [];
  for (const call of calls) {
    try {
      receipts.push(await submit(api, call, signer, options));
    } catch (error) {
      if (!(error instanceof TransactionError) || receipts.length === 0) throw error;
      throw new TransactionError(error.error, error.receipt, `${describeCall(call)} (${receipts.length + 1} of ${calls.length}; the ${receipts.length} before it stand) failed: `);
    }
  }
  return { receipt: receipts[0], receipts };
}
