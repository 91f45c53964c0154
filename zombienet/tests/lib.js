// Helpers shared by the zombienet js-scripts (tests/*.js). Every script exports
// `run(nodeName, networkInfo, args)` as zombienet's `js-script` assertion expects; this file is
// no test itself.
//
// The scripts use this package's own @polkadot/api (zombienet/package.json), not the older copy
// zombienet bundles. Every wait is bounded: a script never outlives its `within N seconds`.

const { ApiPromise, WsProvider, Keyring } = require("@polkadot/api");
const { cryptoWaitReady } = require("@polkadot/util-crypto");
const blockEvents = require("../../scripts/src/block-events.cjs");

const NODES = ["alice", "bob", "charlie", "dave", "rpc"];
const VALIDATORS = ["alice", "bob", "charlie", "dave"];

function log(...parts) {
  const time = new Date().toISOString().slice(11, 19);
  console.log(`      [${time}]`, ...parts);
}

/// `key=value` arguments (zombienet splits `with "…"` at commas); lists are space-separated.
function parseArgs(args, defaults) {
  const parsed = { ...defaults };
  for (const arg of args || []) {
    const at = arg.indexOf("=");
    if (at < 0) throw new Error(`argument '${arg}' is not key=value`);
    const key = arg.slice(0, at).trim();
    if (!(key in parsed)) throw new Error(`unknown argument '${key}'`);
    const value = arg.slice(at + 1).trim();
    parsed[key] = Array.isArray(defaults[key])
      ? value.split(/\s+/).filter(Boolean)
      : typeof defaults[key] === "number"
        ? Number(value)
        : value;
  }
  return parsed;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/// Polls `check` (which returns a truthy value when done) every `intervalMs` until `timeoutS`
/// passes; then fails with `what` and the last state `describe()` reports.
async function waitFor(what, check, { timeoutS, intervalMs = 1000, describe } = {}) {
  const deadline = Date.now() + timeoutS * 1000;
  let lastError;
  for (;;) {
    try {
      const done = await check();
      if (done) return done;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const state = describe ? await describe().catch((e) => `(state unavailable: ${e.message})`) : "";
      throw new Error(
        `timed out after ${timeoutS}s waiting for ${what}` +
          (state ? `; last state: ${state}` : "") +
          (lastError ? `; last error: ${lastError.message}` : ""),
      );
    }
    await sleep(intervalMs);
  }
}

/// Rejects with a clear message when `promise` takes longer than `seconds`.
function withTimeout(what, seconds, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${seconds}s: ${what}`)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function connect(name, networkInfo, timeoutS = 30) {
  const node = networkInfo.nodesByName[name];
  if (!node) throw new Error(`no node '${name}' in this network`);
  // No automatic reconnection: a node that is down must fail the script, not hang it.
  const provider = new WsProvider(node.wsUri, false);
  try {
    await provider.connect();
    await withTimeout(`connecting to ${name} at ${node.wsUri}`, timeoutS, provider.isReady);
    const api = await withTimeout(
      `initialising the API on ${name}`,
      timeoutS,
      ApiPromise.create({ provider, noInitWarn: true }),
    );
    api.nodeName = name;
    return api;
  } catch (error) {
    await provider.disconnect().catch(() => {});
    throw error;
  }
}

/// Connects to `name`, retrying until `timeoutS` passes (for a node that is starting).
async function connectWhenUp(name, networkInfo, timeoutS) {
  return waitFor(`${name} to accept RPC connections`, () => connect(name, networkInfo, 10), {
    timeoutS,
    intervalMs: 2000,
  });
}

/// Connects to every named node; on failure, closes the connections already open.
async function connectAll(names, networkInfo) {
  const apis = {};
  try {
    for (const name of names) apis[name] = await connect(name, networkInfo);
    return apis;
  } catch (error) {
    await disconnectAll(apis);
    throw error;
  }
}

async function disconnectAll(apis) {
  await Promise.allSettled(Object.values(apis).map((api) => api.disconnect()));
}

/// Runs `body(apis)` with connections to `names`, and always closes them.
async function withApis(names, networkInfo, body) {
  const apis = await connectAll(names, networkInfo);
  try {
    return await body(apis);
  } finally {
    await disconnectAll(apis);
  }
}

/// The node's best and finalized block numbers and its finalized hash.
async function heights(api) {
  const [best, finalizedHash] = await Promise.all([api.rpc.chain.getHeader(), api.rpc.chain.getFinalizedHead()]);
  const finalized = await api.rpc.chain.getHeader(finalizedHash);
  return {
    best: best.number.toNumber(),
    finalized: finalized.number.toNumber(),
    finalizedHash: finalizedHash.toHex(),
  };
}

function describeHeights(all) {
  return Object.entries(all)
    .map(([name, h]) => `${name} best #${h.best} finalized #${h.finalized}`)
    .join(", ");
}

async function allHeights(apis) {
  const entries = await Promise.all(Object.entries(apis).map(async ([name, api]) => [name, await heights(api)]));
  return Object.fromEntries(entries);
}

/// The roles whose secret phrases zombienet/lib.sh generates for each run (zn_production_network):
/// the validators alice … dave (their accounts are their Aura keys; alice, bob and charlie are also
/// the council and the registrars), and eve and ferdie, accounts only. All start with 1,000,000 LAND.
const ROLES = ["alice", "bob", "charlie", "dave", "eve", "ferdie"];

/// The secret phrase of every role, from the JSON file named by LANDCHAIN_ZOMBIE_KEYS
/// (`{"phrases": {role: phrase}, "addresses": {role: SS58}}`, written by zombienet/lib.sh).
function phrases() {
  const file = process.env.LANDCHAIN_ZOMBIE_KEYS;
  if (!file) {
    throw new Error(
      "LANDCHAIN_ZOMBIE_KEYS is not set: it names the keys.json of the network's generated accounts. " +
        "zombienet/test.sh and run.sh set it (run.sh prints it, for tests against a spawned network)",
    );
  }
  let keys;
  try {
    keys = JSON.parse(require("fs").readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`cannot read the network's keys from LANDCHAIN_ZOMBIE_KEYS=${file}: ${error.message}`);
  }
  const missing = ROLES.filter((role) => typeof keys.phrases?.[role] !== "string");
  if (missing.length) throw new Error(`${file} has no secret phrase for ${missing.join(", ")}`);
  return Object.fromEntries(ROLES.map((role) => [role, keys.phrases[role]]));
}

/// An sr25519 pair of every role (alice … ferdie), from the network's generated phrases (more
/// accounts derive from a role's phrase: `${lib.phrases().ferdie}//…`).
async function keyring() {
  await cryptoWaitReady();
  const ring = new Keyring({ type: "sr25519", ss58Format: 42 });
  return Object.fromEntries(
    Object.entries(phrases()).map(([role, phrase]) => [role, ring.addFromUri(phrase, { name: role })]),
  );
}

/// Explains a failed dispatch: `pallet.Error: its documentation` (from the registry of the runtime
/// that executed the block, which the error carries).
function describeDispatchError(dispatchError) {
  if (dispatchError.isModule) {
    const meta = dispatchError.registry.findMetaError(dispatchError.asModule);
    return `${meta.section}.${meta.name}: ${meta.docs.join(" ")}`;
  }
  return dispatchError.toString();
}

/// Signs `tx` with `signer`, submits it through `api`'s node and waits until it is in a block
/// (`until = "inBlock"`) or finalized (`until = "finalized"`). Fails if the transaction is
/// invalid, dropped, or its dispatch fails. Returns the block hash and the transaction's event
/// records, read with the metadata of the runtime that executed the block (scripts'
/// block-events.cjs): the block that applies a runtime upgrade was executed by the old one.
/// `nonce` defaults to the next one the node knows (pool included).
async function submit(api, tx, signer, { until = "inBlock", timeoutS = 60, label = "transaction", nonce = -1 } = {}) {
  let unsubscribe = () => {};
  const outcome = new Promise((resolve, reject) => {
    const onStatus = async (status) => {
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        reject(new Error(`${label}: ${status.type}`));
        return;
      }
      if (!(status.isInBlock || status.isFinalized)) return;
      if (until === "finalized" && !status.isFinalized) return;
      const blockHash = (status.isInBlock ? status.asInBlock : status.asFinalized).toHex();
      const { records } = await blockEvents.transactionEvents(api, blockHash, tx.hash);
      const failed = records.find(({ event }) => event.section === "system" && event.method === "ExtrinsicFailed");
      if (failed) {
        reject(new Error(`${label} failed: ${describeDispatchError(failed.event.data[0])}`));
        return;
      }
      resolve({ blockHash, events: records });
    };
    tx.signAsync(signer, { nonce })
      .then((signed) => api.rpc.author.submitAndWatchExtrinsic(signed, (status) => onStatus(status).catch(reject)))
      .then((unsub) => {
        unsubscribe = unsub;
      })
      .catch(reject);
  });
  try {
    return await withTimeout(`${label} to be ${until === "inBlock" ? "included" : "finalized"}`, timeoutS, outcome);
  } finally {
    unsubscribe();
  }
}

/// The Aura author of `header` (its public key, hex): the authority whose turn the block's slot is.
async function auraAuthor(api, header) {
  const preRuntime = header.digest.logs.find((log) => log.isPreRuntime && log.asPreRuntime[0].toString() === "aura");
  if (!preRuntime) throw new Error(`block #${header.number} has no Aura pre-runtime digest`);
  const slot = api.createType("u64", preRuntime.asPreRuntime[1]).toBigInt();
  const authorities = await (await api.at(header.parentHash)).query.aura.authorities();
  return authorities[Number(slot % BigInt(authorities.length))].toHex();
}

/// The first event `section.method` among `events` (records of a transaction), or an error.
function findEvent(events, section, method) {
  const record = events.find(({ event }) => event.section === section && event.method === method);
  if (!record) {
    const seen = events.map(({ event }) => `${event.section}.${event.method}`).join(", ");
    throw new Error(`expected event ${section}.${method}, saw: ${seen || "none"}`);
  }
  return record.event;
}

module.exports = {
  NODES,
  ROLES,
  VALIDATORS,
  allHeights,
  auraAuthor,
  connect,
  connectAll,
  connectWhenUp,
  describeHeights,
  disconnectAll,
  findEvent,
  heights,
  keyring,
  log,
  parseArgs,
  phrases,
  sleep,
  submit,
  waitFor,
  withApis,
  withTimeout,
};
