// js-script: a validator is killed with SIGKILL while it imports a block under load, stays down,
// and is started again from the same database; the network keeps finalizing without it, and it
// comes back with the same finalized chain.
//
// Arguments (`with "key=value,…"`):
//   victim=dave       the validator to kill (default dave)
//   reference=alice   a validator that stays up (default alice)
//   down=20           seconds the victim stays down (default 20)
//   progress=3        finalized blocks the other validators must add while it is down (default 3)
//   bound=90          seconds within which the victim, once started, must finalize the head
//                     the others had when it started (default 90)
//
// The moment: the script follows the best heads of the reference and the victim, and kills the
// victim (zombienet's native provider: `kill -9`, then the same command again after `down`
// seconds, same ParityDB directory and keystore) as soon as the reference has a new block that the
// victim has not yet announced — the block is then on its way to, or being imported by, the
// victim. traffic.js must be running (action=start): it is told of the kill, so that the
// transactions the victim's pool held are accounted for, and follows the victim again after.
//
// Passes when: while the victim is down, the other three validators (3 of 4 GRANDPA voters)
// finalize `progress` more blocks carrying the traffic; once started, the victim finalizes the
// head the reference had at that moment within `bound` seconds, with the same hashes at that
// height and at the height it had finalized before the kill; and it authors again (a block of
// its own finalized on the reference). Prints the timings. Returns the seconds to catch up.

const lib = require("./lib");
const traffic = require("./traffic");

/// zombienet's own process manager (the native provider), which started the nodes: restarting
/// through it keeps its bookkeeping (the new process id) right for the end of the test.
function provider() {
  const { getClient } = require("@zombienet/orchestrator/dist/providers/client");
  const client = getClient();
  if (client.providerName !== "native" || typeof client.restartNode !== "function") {
    throw new Error(`crash.js needs zombienet's native provider, not '${client.providerName}'`);
  }
  return client;
}

/// Waits (bounded) until the reference has a best block the victim has not announced yet.
function momentToKill(reference, victim, timeoutS) {
  return new Promise((resolve, reject) => {
    let victimBest = 0;
    const unsubs = [];
    const done = (value, error) => {
      clearTimeout(timer);
      unsubs.forEach((unsub) => Promise.resolve(unsub).then((f) => f && f()));
      if (error) reject(error);
      else resolve(value);
    };
    const timer = setTimeout(
      () => done(undefined, new Error(`no block reached the reference ahead of the victim in ${timeoutS}s`)),
      timeoutS * 1000,
    );
    unsubs.push(victim.rpc.chain.subscribeNewHeads((h) => (victimBest = Math.max(victimBest, h.number.toNumber()))));
    unsubs.push(
      reference.rpc.chain.subscribeNewHeads((header) => {
        const number = header.number.toNumber();
        if (victimBest > 0 && number > victimBest) done({ block: number, hash: header.hash.toHex(), victimBest });
      }),
    );
  });
}

/// What the victim's log says it had imported when it was killed (its log is appended to on
/// restart: the part before the second start banner).
function lastImport(networkInfo, name, block) {
  const fs = require("fs");
  const text = fs.readFileSync(`${networkInfo.tmpDir}/${name}.log`, "utf8");
  const starts = [...text.matchAll(/Landchain Node/g)].map((m) => m.index);
  const before = text.slice(0, starts.length > 1 ? starts[starts.length - 1] : text.length);
  const imports = [...before.matchAll(/Imported #(\d+)/g)].map((m) => Number(m[1]));
  const last = imports.length ? Math.max(...imports) : undefined;
  return last === undefined
    ? "no import logged"
    : last >= block
      ? `last import #${last}: #${block} had been imported just before the kill`
      : `last import #${last}: #${block} had not finished importing`;
}

async function run(_nodeName, networkInfo, args) {
  const opts = lib.parseArgs(args, { victim: "dave", reference: "alice", down: 20, progress: 3, bound: 90 });
  const client = provider();
  const keys = await lib.keyring();
  const { u8aToHex } = require("@polkadot/util");
  const victimKey = u8aToHex(keys[opts.victim].publicKey);

  const reference = await lib.connect(opts.reference, networkInfo);
  let victim = await lib.connect(opts.victim, networkInfo);
  try {
    const before = await lib.heights(victim);
    const moment = await momentToKill(reference, victim, 60);
    const killedAt = Date.now();
    traffic.nodeKilled(opts.victim);
    const restarted = client.restartNode(opts.victim, opts.down); // kill -9 now, start again later
    await victim.disconnect().catch(() => {});
    const atKill = await lib.heights(reference);
    lib.log(
      `${opts.victim} killed (SIGKILL) as #${moment.block} ${moment.hash} reached ${opts.reference}; ` +
        `${opts.victim} had announced #${moment.victimBest} and finalized #${before.finalized}`,
    );

    // Down: the other three keep finalizing blocks that carry the traffic.
    const target = atKill.finalized + opts.progress;
    await lib.waitFor(
      `${opts.reference} to finalize #${target} with ${opts.victim} down`,
      async () => (await lib.heights(reference)).finalized >= target,
      { timeoutS: Math.max(opts.down - 2, 5), describe: async () => JSON.stringify(await lib.heights(reference)) },
    );
    const whileDown = await lib.heights(reference);
    let carried = 0;
    for (let n = atKill.finalized + 1; n <= whileDown.finalized; n++) {
      const block = await reference.rpc.chain.getBlock(await reference.rpc.chain.getBlockHash(n));
      carried += block.block.extrinsics.filter((x) => x.isSigned).length;
    }
    if (carried === 0) throw new Error(`the blocks finalized while ${opts.victim} was down carry no transactions: no load`);
    lib.log(
      `with ${opts.victim} down, finalized #${atKill.finalized} → #${whileDown.finalized} ` +
        `(${carried} signed transactions in those blocks)`,
    );

    // The moment zombienet starts it again: the head to catch up with is the reference's then.
    await lib.sleep(Math.max(0, killedAt + opts.down * 1000 - Date.now()));
    const startedAt = Date.now();
    const goal = await lib.heights(reference);
    if (!(await restarted)) throw new Error(`zombienet could not restart ${opts.victim}`);
    lib.log(
      `${opts.victim} started again ${((startedAt - killedAt) / 1000).toFixed(1)} s after the kill, ` +
        `from its database; ${opts.reference} had finalized #${goal.finalized} then`,
    );
    lib.log(`${opts.victim}'s log before the kill: ${lastImport(networkInfo, opts.victim, moment.block)}`);
    victim = await lib.connectWhenUp(opts.victim, networkInfo, 60);
    const back = await lib.heights(victim);
    if (back.finalized < before.finalized) {
      throw new Error(`${opts.victim} came back with finalized #${back.finalized}, below #${before.finalized} it had finalized before the kill`);
    }
    await lib.waitFor(
      `${opts.victim} to finalize #${goal.finalized}`,
      async () => (await lib.heights(victim)).finalized >= goal.finalized,
      { timeoutS: opts.bound, describe: async () => JSON.stringify(await lib.heights(victim)) },
    );
    const caughtUp = (Date.now() - startedAt) / 1000; // from the start of the process
    for (const n of [before.finalized, goal.finalized]) {
      const [mine, theirs] = await Promise.all([victim.rpc.chain.getBlockHash(n), reference.rpc.chain.getBlockHash(n)]);
      if (mine.toHex() !== theirs.toHex()) throw new Error(`#${n}: ${opts.victim} has ${mine}, ${opts.reference} ${theirs}`);
    }
    lib.log(
      `${opts.victim} had finalized #${before.finalized} before the kill; started again, it finalized ` +
        `#${goal.finalized} ${caughtUp.toFixed(1)} s after its process started, same hashes as ${opts.reference}`,
    );
    await traffic.nodeBack(opts.victim, networkInfo);

    // It validates again: a block of its own (Aura slot) finalized on the reference.
    const from = (await lib.heights(reference)).finalized;
    let checked = from;
    const authored = await lib.waitFor(
      `a block authored by ${opts.victim} after #${from}`,
      async () => {
        const finalized = (await lib.heights(reference)).finalized;
        for (let n = checked + 1; n <= finalized; n++) {
          const header = await reference.rpc.chain.getHeader(await reference.rpc.chain.getBlockHash(n));
          checked = n;
          if ((await lib.auraAuthor(reference, header)) === victimKey) return n;
        }
        return false;
      },
      { timeoutS: 90, intervalMs: 2000 },
    );
    lib.log(`${opts.victim} authored #${authored}, finalized on ${opts.reference}`);
    return caughtUp;
  } finally {
    await Promise.allSettled([reference.disconnect(), victim.disconnect()]);
  }
}

module.exports = { run };
