// js-script: a node that was down catches up to the network's finalized head and, if it is a
// validator, authors blocks again.
//
// Arguments (`with "key=value,…"`):
//   node=dave          the node that came back (default dave)
//   reference=alice    a node that stayed up (default alice)
//   authors=yes|no     also wait for a block authored by `node` (Aura) after it came back
//                      (default yes)
//
// Passes when `node`'s finalized height reaches the height `reference` had finalized when the
// script started, with the same block hash at that height on both nodes, and (authors=yes) a
// block authored by `node` after its restart is finalized on `reference`.

const lib = require("./lib");
const { u8aToHex } = require("@polkadot/util");

/// The Aura author of `header`: the authority whose turn the block's slot is.
async function auraAuthor(api, header) {
  const preRuntime = header.digest.logs.find((log) => log.isPreRuntime && log.asPreRuntime[0].toString() === "aura");
  if (!preRuntime) throw new Error(`block #${header.number} has no Aura pre-runtime digest`);
  const slot = api.createType("u64", preRuntime.asPreRuntime[1]).toBigInt();
  const authorities = await (await api.at(header.parentHash)).query.aura.authorities();
  return authorities[Number(slot % BigInt(authorities.length))].toHex();
}

async function run(_nodeName, networkInfo, args) {
  const opts = lib.parseArgs(args, { node: "dave", reference: "alice", authors: "yes" });
  const keys = await lib.keyring();
  const nodeKey = keys[opts.node] ? u8aToHex(keys[opts.node].publicKey) : undefined;

  const reference = await lib.connect(opts.reference, networkInfo);
  let node;
  try {
    node = await lib.connectWhenUp(opts.node, networkInfo, 90);
    const target = await lib.heights(reference);
    const back = await lib.heights(node);
    lib.log(
      `${opts.node} is back at best #${back.best} finalized #${back.finalized}; ` +
        `${opts.reference} has finalized #${target.finalized}`,
    );

    await lib.waitFor(
      `${opts.node} to finalize #${target.finalized} like ${opts.reference}`,
      async () => (await lib.heights(node)).finalized >= target.finalized,
      { timeoutS: 120, describe: async () => JSON.stringify(await lib.heights(node)) },
    );
    const hashThere = (await node.rpc.chain.getBlockHash(target.finalized)).toHex();
    if (hashThere !== target.finalizedHash) {
      throw new Error(
        `${opts.node} finalized ${hashThere} at #${target.finalized}, ${opts.reference} ${target.finalizedHash}`,
      );
    }
    lib.log(`${opts.node} has finalized #${target.finalized} = ${hashThere}, as ${opts.reference} did`);

    if (opts.authors === "yes") {
      if (!nodeKey) throw new Error(`no dev key for '${opts.node}'`);
      let checked = back.best;
      const authored = await lib.waitFor(
        `a block authored by ${opts.node} after #${back.best}, finalized on ${opts.reference}`,
        async () => {
          const finalized = (await lib.heights(reference)).finalized;
          for (let n = checked + 1; n <= finalized; n++) {
            const header = await reference.rpc.chain.getHeader(await reference.rpc.chain.getBlockHash(n));
            checked = n;
            if ((await auraAuthor(reference, header)) === nodeKey) return n;
          }
          return false;
        },
        { timeoutS: 90, intervalMs: 2000, describe: async () => `checked up to #${checked}` },
      );
      lib.log(`${opts.node} authored block #${authored}, finalized on ${opts.reference}`);
    }
    return (await lib.heights(node)).finalized;
  } finally {
    await Promise.allSettled([reference.disconnect(), node && node.disconnect()]);
  }
}

module.exports = { run };
