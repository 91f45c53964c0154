// js-script: the chain advances on every listed node, and they all follow one chain.
//
// Arguments (`with "key=value,…"`):
//   nodes=alice bob …  the nodes to check (default: all five)
//   blocks=N           how far best and finalized heights must advance on each node (default 3)
//   what=both|finalized  `finalized` checks only finalized heights (default both)
//   peers=N            each node must see at least N peers (default: none checked)
//
// Passes when, on every listed node, the best and finalized heights have grown by `blocks`
// since the script started, and every node holds the same block hash at the lowest finalized
// height among them (one finalized chain, no split). Returns the lowest finalized height.

const lib = require("./lib");

async function run(_nodeName, networkInfo, args) {
  const opts = lib.parseArgs(args, { nodes: lib.NODES, blocks: 3, what: "both", peers: 0 });
  return lib.withApis(opts.nodes, networkInfo, async (apis) => {
    const start = await lib.allHeights(apis);
    lib.log(`start: ${lib.describeHeights(start)}`);

    if (opts.peers > 0) {
      await lib.waitFor(
        `every node to have at least ${opts.peers} peers`,
        async () => {
          const health = await Promise.all(Object.values(apis).map((api) => api.rpc.system.health()));
          return health.every((h) => h.peers.toNumber() >= opts.peers);
        },
        {
          timeoutS: 60,
          describe: async () => {
            const parts = await Promise.all(
              Object.entries(apis).map(async ([name, api]) => `${name}: ${(await api.rpc.system.health()).peers} peers`),
            );
            return parts.join(", ");
          },
        },
      );
      lib.log(`every node has at least ${opts.peers} peers`);
    }

    let now = start;
    await lib.waitFor(
      `best and finalized heights to advance by ${opts.blocks} on ${opts.nodes.join(", ")}`,
      async () => {
        now = await lib.allHeights(apis);
        return Object.entries(now).every(([name, h]) => {
          const finalizedOk = h.finalized >= start[name].finalized + opts.blocks;
          const bestOk = opts.what === "finalized" || h.best >= start[name].best + opts.blocks;
          return finalizedOk && bestOk;
        });
      },
      { timeoutS: 30 + opts.blocks * 12, describe: async () => lib.describeHeights(now) },
    );
    lib.log(`now:   ${lib.describeHeights(now)}`);

    // One finalized chain: the same hash at the lowest finalized height on every node.
    const common = Math.min(...Object.values(now).map((h) => h.finalized));
    const hashes = {};
    for (const [name, api] of Object.entries(apis)) hashes[name] = (await api.rpc.chain.getBlockHash(common)).toHex();
    const distinct = new Set(Object.values(hashes));
    if (distinct.size !== 1) {
      throw new Error(`nodes disagree on finalized block #${common}: ${JSON.stringify(hashes)}`);
    }
    lib.log(`all nodes have finalized block #${common} = ${Object.values(hashes)[0]}`);
    return common;
  });
}

module.exports = { run };
