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

/**
 * The event records of the extrinsic `txHash` in block `blockHash`, read from the chain (a few
 * attempts, a second apart). Every included extrinsic has at least `ExtrinsicSuccess` or
 * `ExtrinsicFailed`.
 */
export async function eventsOfExtrinsic(api, blockHash, txHash) {
  let lastError = null;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const { block } = await api.rpc.chain.getBlock(blockHash);
      const index = block.extrinsics.findIndex((extrinsic) => extrinsic.hash.toHex() === txHash);
      if (index < 0) throw new LandchainError(`transaction ${txHash} is not in block ${blockHash}`);
      const at = await api.at(blockHash);
      const records = await at.query.system.events();
      const mine = records.filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.eqn(index));
      if (mine.length) return mine;
      lastError = new LandchainError(`no events found for transaction ${txHash} in block ${blockHash}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw lastError instanceof LandchainError ? lastError : new LandchainError(`cannot read the events of ${txHash}: ${lastError?.message}`);
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
 * `onStatus(text)` receives progress lines.
 */
export async function submit(api, tx, signer, { waitFor = 'finalized', timeoutMs = 120_000, onStatus = () => {} } = {}) {
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
    const record = async (blockHash, result) => {
      receipt.txHash = tx.hash.toHex();
      receipt.blockHash = blockHash;
      const header = await api.rpc.chain.getHeader(blockHash);
      receipt.blockNumber = header.number.toNumber();
      // Polkadot.js finds the events itself; when it could not (e.g. while it reloads the metadata
      // in the very block of a runtime upgrade) they are read here, so no outcome goes unseen.
      const records = result.events.length && !result.internalError ? result.events : await eventsOfExtrinsic(api, blockHash, receipt.txHash);
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
          await record(status.asInBlock.toHex(), result);
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
          if (receipt.blockHash !== receipt.finalizedHash) await record(receipt.finalizedHash, result);
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

    const sending = signer
      ? tx.signAndSend(signer.pair, { nonce: -1 }, onResult)
      : tx.send(onResult);
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
