// js-script: steady traffic that keeps flowing between a test's other assertions, and the proof,
// when it stops, that nothing was lost.
//
// zombienet loads js-scripts into its own process, so this module (and the traffic it started)
// lives on between `action=start` and `action=stop`; crash.js reaches it with
// `require("./traffic")` to say which node it kills and when that node is back.
//
// Arguments (`with "key=value,…"`):
//   action=start|stop   start the traffic, or stop it and check everything (required)
//   senders=N           accounts sending balance transfers (default 20), `<ferdie's phrase>//traffic//<i>`
//                       (the run's generated phrases, tests/lib.js), funded by ferdie first
//   nodes=alice bob …   the nodes transactions are submitted to, round robin (default: all five)
//   rate=R              transfers per second over all senders (default 20)
//   registrar=alice     the registrar role that registers a parcel (owned by eve) every few seconds
//                       beside the transfers
//   via=bob             the node those registrations go to
//   drain=S             seconds, after `stop`, for every accepted transaction to end (default 120)
//
// `start` returns once the first transfers are finalized. `stop` stops sending, waits for every
// transaction a node accepted to be finalized or reported dropped/invalid/usurped (those sent
// to a node that was killed are looked up in the finalized chain instead: their watcher died with
// the node), and then proves, against every node:
//   - every finalized block any node announced while the traffic ran (number and hash) is on
//     every node's finalized chain: nothing finalized anywhere was lost or replaced;
//   - every transaction reported finalized is in that block of the canonical chain, and each
//     sender's included transfers have consecutive nonces ending at its on-chain nonce (none
//     lost in the middle, none applied twice);
//   - every parcel whose registration was finalized is at every node's finalized head;
//   - no accepted transaction is left unaccounted for.
// It prints a table of what was sent and what became of it, and returns the number finalized.

const lib = require("./lib");

const JURISDICTION = "LC-TRAFFIC";
let state;

/// Bounded bookkeeping of one node's connection: finalized heads it announced, and whether it
/// is up.
function watchFinalized(name, api) {
  const run = state; // this run's bookkeeping, even after `stop` has cleared `state`
  const node = run.nodes[name];
  if (node.api) node.api.disconnect().catch(() => {}); // the connection to the killed process
  node.api = api;
  node.up = true;
  api.on("disconnected", () => {
    if (!node.up) return;
    node.up = false;
    markLost(run, name);
  });
  return api.rpc.chain
    .subscribeFinalizedHeads((header) => {
      const number = header.number.toNumber();
      const hash = header.hash.toHex();
      node.finalized = Math.max(node.finalized || 0, number);
      const known = run.finalized.get(number);
      if (!known) run.finalized.set(number, { hash, by: name, at: Date.now() });
      else if (known.hash !== hash) {
        run.conflicts.push(`#${number}: ${known.by} finalized ${known.hash}, ${name} ${hash}`);
      }
    })
    .then((unsubscribe) => {
      node.unsubscribe = unsubscribe;
    });
}

/// The watchers of `name`'s accepted, unfinished transactions are gone with its connection:
/// the node cannot report on them any more; `stop` looks them up in the chain.
function markLost(run, name) {
  for (const tx of run.txs) {
    if (tx.node === name && !tx.ended && tx.accepted) tx.status = "lost";
  }
}

/// Called by crash.js when `name` is killed.
function nodeKilled(name) {
  if (!state) return;
  state.nodes[name].killedAt = Date.now();
  markLost(state, name);
}

/// Called by crash.js when `name` is back: follow its finalized heads again.
async function nodeBack(name, networkInfo) {
  if (!state) return;
  const api = await lib.connectWhenUp(name, networkInfo, 90);
  await watchFinalized(name, api);
}

/// Submits `signed` to `name` and follows it; resolves once the pool has accepted it (or
/// rejects with the pool's refusal).
function track(name, signed, record) {
  const api = state.nodes[name].api;
  return api.rpc.author.submitAndWatchExtrinsic(signed, (status) => {
    if (record.ended) return;
    if (status.isInBlock) record.inBlock = status.asInBlock.toHex();
    if (status.isFinalized) {
      record.status = "finalized";
      record.block = status.asFinalized.toHex();
      record.ended = true;
    } else if (status.isDropped || status.isInvalid || status.isUsurped) {
      record.status = status.type.toLowerCase();
      record.ended = true;
    } else if (record.status !== "lost") {
      record.status = status.type.toLowerCase();
    }
  });
}

async function sender(index, account, api, rate) {
  const name = state.nodeNames[index % state.nodeNames.length];
  const dest = state.accounts[(index + 1) % state.accounts.length].address;
  let nonce = (await api.rpc.system.accountNextIndex(account.address)).toNumber();
  state.startNonces.set(account.address, nonce);
  const gap = 1000 / rate;
  while (!state.stopping) {
    const node = state.nodes[name];
    if (!node.up || node.killedAt) break; // the node is gone: its pool went with it
    // At most four of its transfers waiting for a block at a time.
    const waiting = state.txs.filter((tx) => tx.from === account.address && !tx.ended && !tx.inBlock).length;
    if (waiting < 4) {
      const signed = await node.api.tx.balances
        .transferKeepAlive(dest, 1_000_000n + BigInt(nonce))
        .signAsync(account, { nonce, era: 0 });
      const record = { from: account.address, nonce, node: name, hash: signed.hash.toHex(), status: "submitted" };
      state.txs.push(record);
      try {
        await track(name, signed, record);
        record.accepted = true;
        nonce += 1;
      } catch (error) {
        record.status = "refused";
        record.ended = true;
        record.why = error.message;
        if (!node.up || node.killedAt) break;
        await lib.sleep(500); // the same nonce again, signed afresh
      }
    }
    await lib.sleep(gap * (0.5 + Math.random()));
  }
}

async function registrations(signer, owner, name) {
  let count = 0;
  while (!state.stopping) {
    const api = state.nodes[name].api;
    const reference = `T-${state.runId}-${count++}`;
    const tx = api.tx.landRegistry.registerParcel(
      JURISDICTION,
      reference,
      { areaM2: 1000 + count, landUse: "Residential", geometryHash: api.registry.hash(`g ${reference}`).toHex() },
      { kind: "Survey", documentHash: api.registry.hash(`s ${reference}`).toHex(), uri: null },
      [{ account: owner.address, share: { numerator: 1, denominator: 1 } }],
      "Freehold",
    );
    try {
      const { events } = await lib.submit(api, tx, signer, { until: "finalized", timeoutS: 90, label: reference });
      const parcel = lib.findEvent(events, "landRegistry", "ParcelRegistered").data[0].toNumber();
      state.parcels.push({ reference, parcel });
    } catch (error) {
      state.registrationErrors.push(`${reference}: ${error.message}`);
    }
    await lib.sleep(2000);
  }
}

async function start(networkInfo, opts) {
  if (state) throw new Error("traffic is already running");
  // The network's generated accounts (tests/lib.js); the senders derive from Ferdie's phrase.
  const keys = await lib.keyring();
  const { Keyring } = require("@polkadot/api");
  const ring = new Keyring({ type: "sr25519", ss58Format: 42 });
  const ferdie = keys.ferdie;
  const ferdiePhrase = lib.phrases().ferdie;
  const registrar = keys[opts.registrar];
  if (!registrar) throw new Error(`unknown registrar '${opts.registrar}' (one of ${lib.ROLES.join(", ")})`);
  state = {
    runId: Date.now().toString(36),
    nodeNames: opts.nodes,
    nodes: Object.fromEntries(lib.NODES.map((name) => [name, {}])),
    accounts: Array.from({ length: opts.senders }, (_, i) => ring.addFromUri(`${ferdiePhrase}//traffic//${i}`)),
    txs: [],
    finalized: new Map(),
    conflicts: [],
    parcels: [],
    registrationErrors: [],
    startNonces: new Map(),
    stopping: false,
  };
  for (const name of lib.NODES) await watchFinalized(name, await lib.connect(name, networkInfo));
  const api = state.nodes.alice.api;
  state.firstBlock = (await lib.heights(api)).finalized + 1;

  // Fund the senders: Ferdie sends each 1,000 units in one go (consecutive nonces).
  const unit = 10n ** BigInt(api.registry.chainDecimals[0]);
  let nonce = (await api.rpc.system.accountNextIndex(ferdie.address)).toNumber();
  lib.log(`Ferdie funds ${opts.senders} senders (1,000 units each)`);
  await Promise.all(
    state.accounts.map((account) =>
      lib.submit(api, api.tx.balances.transferKeepAlive(account.address, 1000n * unit), ferdie, {
        until: "finalized",
        timeoutS: 90,
        label: "funding",
        nonce: nonce++,
      }),
    ),
  );

  state.started = Date.now();
  state.loops = [
    ...state.accounts.map((account, i) => sender(i, account, api, opts.rate / opts.senders)),
    registrations(registrar, keys.eve, opts.via),
  ];
  lib.log(
    `traffic: ${opts.senders} senders, ~${opts.rate} transfers/s to ${opts.nodes.join(", ")}; ` +
      `${opts.registrar} registers parcels through ${opts.via}`,
  );
  await lib.waitFor(
    "the first transfers to be finalized",
    () => state.txs.filter((tx) => tx.status === "finalized").length >= opts.senders,
    { timeoutS: 90, describe: async () => summary() },
  );
  lib.log(`flowing: ${summary()}`);
  return state.txs.length;
}

function counts() {
  const byStatus = {};
  for (const tx of state.txs) byStatus[tx.status] = (byStatus[tx.status] || 0) + 1;
  return byStatus;
}

function summary() {
  return Object.entries(counts())
    .map(([status, n]) => `${status} ${n}`)
    .join(", ");
}

/// Every transaction hash in the finalized blocks from..=to of `api`'s chain, and each block's
/// number by hash.
async function finalizedExtrinsics(api, from, to) {
  const where = new Map();
  const blocks = new Map();
  let fullest = 0;
  for (let n = from; n <= to; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    const block = await api.rpc.chain.getBlock(hash);
    blocks.set(hash.toHex(), n);
    fullest = Math.max(fullest, block.block.extrinsics.filter((x) => x.isSigned).length);
    for (const extrinsic of block.block.extrinsics) where.set(extrinsic.hash.toHex(), n);
  }
  return { where, blocks, fullest };
}

async function stop(opts) {
  if (!state) throw new Error("no traffic is running (action=start first)");
  state.stopping = true;
  await Promise.all(state.loops);
  const stoppedAt = Date.now();
  lib.log(`traffic stopped after ${((stoppedAt - state.started) / 1000).toFixed(0)} s: ${summary()}`);

  try {
    // Every accepted transaction on a node that stayed up ends: finalized, or reported
    // dropped, invalid or usurped.
    await lib.waitFor(
      "every accepted transaction to be finalized or reported dropped",
      () => state.txs.every((tx) => tx.ended || !tx.accepted || tx.status === "lost"),
      { timeoutS: opts.drain, intervalMs: 2000, describe: async () => summary() },
    );
    for (const name of lib.NODES) {
      if (!state.nodes[name].up) throw new Error(`${name} is not connected at the end (was it restarted?)`);
    }
    const apis = Object.fromEntries(lib.NODES.map((name) => [name, state.nodes[name].api]));
    const highest = Math.max(...state.finalized.keys());
    await lib.waitFor(
      `every node to finalize #${highest}`,
      async () => Object.values(await lib.allHeights(apis)).every((h) => h.finalized >= highest),
      { timeoutS: 60, describe: async () => lib.describeHeights(await lib.allHeights(apis)) },
    );

    // Nothing finalized anywhere was lost or replaced.
    if (state.conflicts.length) throw new Error(`nodes finalized different blocks: ${state.conflicts.join("; ")}`);
    for (const name of lib.NODES) {
      for (const [number, { hash, by }] of state.finalized) {
        const there = (await apis[name].rpc.chain.getBlockHash(number)).toHex();
        if (there !== hash) throw new Error(`${by} finalized ${hash} at #${number}, but ${name} has ${there} there`);
      }
    }
    lib.log(`${state.finalized.size} finalized blocks announced while the traffic ran are on every node's chain`);

    // Every transaction accounted for, in the canonical chain.
    const api = apis.alice;
    const { where, blocks, fullest } = await finalizedExtrinsics(api, state.firstBlock, highest);
    const transfers = state.txs.filter((tx) => where.has(tx.hash)).length;
    const limbo = [];
    let lostIncluded = 0;
    let lostGone = 0;
    let includedAnyway = 0;
    for (const tx of state.txs) {
      if (tx.status === "finalized") {
        if (!blocks.has(tx.block) || where.get(tx.hash) !== blocks.get(tx.block)) {
          throw new Error(`transfer ${tx.hash} reported finalized in ${tx.block}, which is not where the canonical chain has it`);
        }
      } else if (tx.status === "lost") {
        if (where.has(tx.hash)) lostIncluded += 1;
        else lostGone += 1;
      } else if (where.has(tx.hash)) {
        includedAnyway += 1; // refused or dropped by one pool, but gossiped to another first
      } else if (tx.accepted && !tx.ended) {
        limbo.push(`${tx.hash} (${tx.status}, via ${tx.node})`);
      }
    }
    if (limbo.length) throw new Error(`accepted but unaccounted for: ${limbo.join(", ")}`);

    // Each sender's included transfers: consecutive nonces from where it started to its
    // on-chain nonce, each once.
    for (const account of state.accounts) {
      const start = state.startNonces.get(account.address);
      const included = state.txs
        .filter((tx) => tx.from === account.address && where.has(tx.hash))
        .map((tx) => tx.nonce)
        .sort((a, b) => a - b);
      const unique = [...new Set(included)];
      const onChain = (await api.query.system.account(account.address)).nonce.toNumber();
      const consecutive = unique.every((nonce, i) => nonce === start + i);
      if (!consecutive || unique.length !== included.length || start + unique.length !== onChain) {
        throw new Error(
          `sender ${account.address}: included nonces ${included.join(" ")} from ${start}, on-chain nonce ${onChain}`,
        );
      }
    }

    // Every registered parcel is at every node's finalized head.
    if (state.registrationErrors.length) {
      lib.log(`registrations that did not finish: ${state.registrationErrors.join("; ")}`);
    }
    if (state.parcels.length === 0) throw new Error("no parcel registration was finalized during the traffic");
    for (const name of lib.NODES) {
      const at = await apis[name].at(await apis[name].rpc.chain.getFinalizedHead());
      for (const { reference, parcel } of state.parcels) {
        const found = await at.query.landRegistry.parcelByReference(JURISDICTION, reference);
        if (found.isNone || found.unwrap().toNumber() !== parcel) {
          throw new Error(`${name}: parcel ${parcel} (${reference}) is missing at the finalized head`);
        }
      }
    }

    // The longest wait between two finalized heights, over the whole run.
    const times = [...state.finalized.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v.at);
    let longest = 0;
    for (let i = 1; i < times.length; i++) longest = Math.max(longest, times[i] - times[i - 1]);
    const seconds = (stoppedAt - state.started) / 1000;
    const c = counts();
    const rows = [
      ["transfers signed", state.txs.length],
      ["refused by a pool at submission", c.refused || 0],
      ["accepted and finalized", c.finalized || 0],
      ["reported dropped / invalid / usurped", (c.dropped || 0) + (c.invalid || 0) + (c.usurped || 0)],
      ["sent to a killed node: in the chain anyway", lostIncluded],
      ["sent to a killed node: gone with its pool", lostGone],
      ["refused or dropped by one pool, included from another", includedAnyway],
      ["unaccounted for", 0],
      ["transfers in finalized blocks", `${transfers} (${(transfers / seconds).toFixed(1)}/s over ${seconds.toFixed(0)} s)`],
      ["most signed transactions in one block", fullest],
      ["parcels registered", state.parcels.length],
      ["finalized blocks checked on 5 nodes", state.finalized.size],
      ["longest wait between finalized blocks", `${(longest / 1000).toFixed(1)} s`],
    ];
    lib.log("traffic report:");
    for (const [what, value] of rows) console.log(`        ${what.padEnd(44)} ${value}`);
    return c.finalized || 0;
  } finally {
    for (const node of Object.values(state.nodes)) {
      if (node.unsubscribe) await Promise.resolve(node.unsubscribe()).catch(() => {});
    }
    await Promise.allSettled(Object.values(state.nodes).map((node) => node.api && node.api.disconnect()));
    state = undefined;
  }
}

async function run(_nodeName, networkInfo, args) {
  const opts = lib.parseArgs(args, {
    action: "",
    senders: 20,
    nodes: lib.NODES,
    rate: 20,
    registrar: "alice",
    via: "bob",
    drain: 120,
  });
  if (opts.action === "start") return start(networkInfo, opts);
  if (opts.action === "stop") return stop(opts);
  throw new Error(`action must be start or stop, not '${opts.action}'`);
}

module.exports = { run, nodeKilled, nodeBack };
