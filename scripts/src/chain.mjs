// Connecting to a Landchain node. Every type comes from the node's metadata: no custom type
// definitions are passed to Polkadot.js.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { ConnectionError, TimeoutError } from './errors.mjs';

export const DEFAULT_URL = 'ws://127.0.0.1:9944';

/**
 * Connects to the node at `url` and waits (at most `timeoutMs`) until the API is ready.
 * Fails with a `ConnectionError` rather than retrying forever when nothing answers.
 */
export async function connect(url = DEFAULT_URL, { timeoutMs = 30_000 } = {}) {
  // A short reconnect delay: the CLI reconnects quickly after a blip; `throwOnConnect` makes the
  // first connection fail fast instead of retrying forever.
  const provider = new WsProvider(url, 1_000, {}, timeoutMs);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new ConnectionError(`no answer from ${url} within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
  });
  try {
    const api = await Promise.race([
      ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true }),
      timeout,
    ]);
    return api;
  } catch (error) {
    await provider.disconnect().catch(() => {});
    if (error instanceof ConnectionError) throw error;
    const reason = error?.message ?? String(error);
    throw new ConnectionError(`cannot connect to ${url}: ${reason}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** Disconnects, never throwing. */
export async function disconnect(api) {
  try {
    await api?.disconnect();
  } catch {
    // already gone
  }
}

/** Runs `fn(api)` on a fresh connection and always disconnects afterwards. */
export async function withApi(url, fn, options) {
  const api = await connect(url, options);
  try {
    return await fn(api);
  } finally {
    await disconnect(api);
  }
}

/** The best and finalized block numbers and hashes. */
export async function heads(api) {
  const [best, finalizedHash] = await Promise.all([
    api.rpc.chain.getHeader(),
    api.rpc.chain.getFinalizedHead(),
  ]);
  const finalized = await api.rpc.chain.getHeader(finalizedHash);
  return {
    best: best.number.toNumber(),
    bestHash: best.hash.toHex(),
    finalized: finalized.number.toNumber(),
    finalizedHash: finalizedHash.toHex(),
  };
}

/** The block number of a block hash. */
export async function blockNumberOf(api, hash) {
  const header = await api.rpc.chain.getHeader(hash);
  return header.number.toNumber();
}

/**
 * Waits until `predicate(heads)` holds, polling every `intervalMs`, at most `timeoutMs`.
 * Returns the last heads seen.
 */
export async function waitForHeads(api, predicate, { timeoutMs = 60_000, intervalMs = 500, what = 'the chain' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = null;
  while (Date.now() < deadline) {
    last = await heads(api);
    if (predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new TimeoutError(
    `timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what} (best #${last?.best}, finalized #${last?.finalized})`,
  );
}

/** Chain name, runtime version, token and heads: what `landchain info` prints. */
export async function chainInfo(api) {
  const [chain, version, properties, head, health] = await Promise.all([
    api.rpc.system.chain(),
    api.rpc.state.getRuntimeVersion(),
    api.rpc.system.properties(),
    heads(api),
    api.rpc.system.health(),
  ]);
  return {
    chain: chain.toString(),
    specName: version.specName.toString(),
    specVersion: version.specVersion.toNumber(),
    transactionVersion: version.transactionVersion.toNumber(),
    tokenSymbol: properties.tokenSymbol.unwrapOr([]).map(String)[0] ?? null,
    tokenDecimals: properties.tokenDecimals.unwrapOr([]).map((d) => d.toNumber())[0] ?? null,
    ss58Format: properties.ss58Format.unwrapOr(null)?.toNumber() ?? null,
    peers: health.peers.toNumber(),
    ...head,
  };
}
