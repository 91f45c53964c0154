// js-script: a runtime upgrade through the registry council, on a live network.
//
// Arguments (`with "key=value,…"`):
//   wasm=PATH   the new runtime (a `.compact.compressed.wasm` with a higher spec_version);
//               tests/0004-runtime-upgrade.zndsl passes $LANDCHAIN_UPGRADE_WASM
//   via=alice   the node the transactions go to (default alice)
//   nodes=…     the nodes that must run the new runtime (default: all five)
//
// 1. Alice proposes `upgradeGate.authorizeUpgrade(blake2_256(code))` to the council, threshold 2
//    (two thirds of Alice, Bob, Charlie); 2. Alice and Bob vote aye; 3. Charlie closes the motion:
//    it executes, `system.UpgradeAuthorized` is emitted; 4. Dave (anyone) submits
//    `system.applyAuthorizedUpgrade(code)`: `system.CodeUpdated`; 5. every node reports the new
//    spec_version at its finalized head, and finalized heights keep advancing on every node.
// Returns the new spec_version.

const fs = require("fs");
const { blake2AsHex } = require("@polkadot/util-crypto");
const { u8aToHex } = require("@polkadot/util");
const lib = require("./lib");

const BUILD_HINT =
  "build it with `cargo build --release -p landchain-runtime-upgrade-test` (the runtime with a higher " +
  "spec_version), or point LANDCHAIN_UPGRADE_WASM at such a .compact.compressed.wasm";

async function run(_nodeName, networkInfo, args) {
  const opts = lib.parseArgs(args, { wasm: "", via: "alice", nodes: lib.NODES });
  if (!opts.wasm) throw new Error(`no upgrade wasm given (wasm=PATH): ${BUILD_HINT}`);
  if (!fs.existsSync(opts.wasm)) throw new Error(`upgrade wasm not found at ${opts.wasm}: ${BUILD_HINT}`);
  const code = fs.readFileSync(opts.wasm);
  const codeHex = u8aToHex(code);
  const codeHash = blake2AsHex(code, 256);
  lib.log(`upgrade wasm ${opts.wasm}: ${code.length} bytes, blake2_256 ${codeHash}`);
  const keys = await lib.keyring();

  return lib.withApis([...new Set([opts.via, ...opts.nodes])], networkInfo, async (apis) => {
    const api = apis[opts.via];
    const before = await api.rpc.state.getRuntimeVersion();
    const oldSpec = before.specVersion.toNumber();
    lib.log(`running ${before.specName} spec_version ${oldSpec}`);
    const currentCode = await api.rpc.state.getStorage(":code");
    if (currentCode && blake2AsHex(currentCode.toU8a(true), 256) === codeHash) {
      throw new Error(`the upgrade wasm is the runtime already running (hash ${codeHash})`);
    }
    const members = (await api.query.council.members()).map((a) => a.toString());
    for (const who of ["alice", "bob", "charlie"]) {
      if (!members.includes(keys[who].address)) throw new Error(`${who} is not a council member: ${members}`);
    }

    // 1. The motion.
    const proposal = api.tx.upgradeGate.authorizeUpgrade(codeHash);
    const lengthBound = proposal.method.encodedLength;
    const proposed = await lib.submit(api, api.tx.council.propose(2, proposal, lengthBound), keys.alice, {
      label: "council.propose",
    });
    const event = lib.findEvent(proposed.events, "council", "Proposed");
    const index = event.data[1].toNumber();
    const proposalHash = event.data[2].toHex();
    lib.log(`alice proposed motion #${index} ${proposalHash}: upgradeGate.authorizeUpgrade(${codeHash}), threshold 2`);

    // 2. Two of three members vote aye (two thirds).
    await Promise.all(
      ["alice", "bob"].map((who) =>
        lib.submit(api, api.tx.council.vote(proposalHash, index, true), keys[who], { label: `council.vote by ${who}` }),
      ),
    );
    const votes = (await api.query.council.voting(proposalHash)).unwrap();
    lib.log(`ayes: ${votes.ayes.length}, nays: ${votes.nays.length}`);

    // 3. Close: the motion executes upgradeGate.authorizeUpgrade with the council's origin.
    const info = await proposal.paymentInfo(keys.charlie);
    const closed = await lib.submit(
      api,
      api.tx.council.close(proposalHash, index, info.weight, lengthBound),
      keys.charlie,
      { label: "council.close" },
    );
    lib.findEvent(closed.events, "council", "Approved");
    const executed = lib.findEvent(closed.events, "council", "Executed");
    if (!executed.data[1].isOk) throw new Error(`the motion failed: ${executed.data[1].toString()}`);
    const authorized = lib.findEvent(closed.events, "system", "UpgradeAuthorized");
    if (authorized.data[0].toHex() !== codeHash) throw new Error(`authorized ${authorized.data[0]}, not ${codeHash}`);
    lib.log(`motion closed and executed: system.UpgradeAuthorized(${codeHash})`);

    // 4. Anyone submits the authorized code.
    const applied = await lib.submit(api, api.tx.system.applyAuthorizedUpgrade(codeHex), keys.dave, {
      until: "finalized",
      timeoutS: 120,
      label: "system.applyAuthorizedUpgrade",
    });
    lib.findEvent(applied.events, "system", "CodeUpdated");
    const upgradeBlock = (await api.rpc.chain.getHeader(applied.blockHash)).number.toNumber();
    lib.log(`system.CodeUpdated in block #${upgradeBlock}, finalized`);

    // 5. Every node runs the new runtime at its finalized head and goes on finalizing.
    let newSpec;
    const seen = {};
    await lib.waitFor(
      `every node to report the new spec_version at its finalized head`,
      async () => {
        for (const [name, nodeApi] of Object.entries(apis)) {
          const head = await nodeApi.rpc.chain.getFinalizedHead();
          seen[name] = (await nodeApi.rpc.state.getRuntimeVersion(head)).specVersion.toNumber();
        }
        return Object.values(seen).every((v) => v > oldSpec && v === Object.values(seen)[0]);
      },
      { timeoutS: 60, describe: async () => JSON.stringify(seen) },
    );
    newSpec = Object.values(seen)[0];
    lib.log(`spec_version ${oldSpec} -> ${newSpec} on ${Object.keys(seen).join(", ")}`);

    const start = await lib.allHeights(apis);
    let now = start;
    await lib.waitFor(
      `every node to finalize 3 more blocks on the new runtime`,
      async () => {
        now = await lib.allHeights(apis);
        return Object.entries(now).every(([name, h]) => h.finalized >= Math.max(start[name].finalized, upgradeBlock) + 3);
      },
      { timeoutS: 90, describe: async () => lib.describeHeights(now) },
    );
    lib.log(`finalizing on the new runtime: ${lib.describeHeights(now)}`);
    return newSpec;
  });
}

module.exports = { run };
