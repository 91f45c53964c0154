// js-script: the auditor's replay against the RPC node survives that node being killed and
// started again in the middle of the audit, and ends with the same verdict and head.
//
// Arguments (`with "key=value,…"`):
//   node=rpc          the node the audit reads (default rpc)
//   reference=alice   a node that stays up, for the expected head (default alice)
//   blocks=64         the finalized height to wait for before starting, so that the audit still
//                     has blocks to fetch after the kill (default 64: two fetches of 32)
//   down=5            seconds the node stays down (default 5)
//
// Runs `landchain-node audit --chain <the network's raw spec> --url <node>` ($LANDCHAIN_NODE);
// as soon as the node has answered the audit's first `chain_getBlock` (its Prometheus counter
// `substrate_rpc_calls_finished`), kills it with SIGKILL and starts it again from its database
// (zombienet's native provider). Passes when the audit reconnects ("reconnected to" on its
// standard error), exits 0, and its report's head is the block the reference has at that height.
// Returns the audit's duration in seconds.

const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const lib = require("./lib");

/// How many `chain_getBlock` calls the node has answered (its RPC metrics).
async function blockCalls(prometheusUri) {
  const response = await fetch(prometheusUri);
  if (!response.ok) throw new Error(`${prometheusUri}: HTTP ${response.status}`);
  let total = 0;
  for (const line of (await response.text()).split("\n")) {
    if (line.startsWith("substrate_rpc_calls_finished{") && line.includes('method="chain_getBlock"')) {
      total += Number(line.trim().split(/\s+/).pop());
    }
  }
  return total;
}

async function run(_nodeName, networkInfo, args) {
  const opts = lib.parseArgs(args, { node: "rpc", reference: "alice", blocks: 64, down: 5 });
  const binary = process.env.LANDCHAIN_NODE;
  if (!binary) throw new Error("LANDCHAIN_NODE is not set (zombienet/test.sh sets it)");
  const node = networkInfo.nodesByName[opts.node];
  const { getClient } = require("@zombienet/orchestrator/dist/providers/client");
  const client = getClient();

  const reference = await lib.connect(opts.reference, networkInfo);
  try {
    await lib.waitFor(
      `${opts.reference} to finalize #${opts.blocks}`,
      async () => (await lib.heights(reference)).finalized >= opts.blocks,
      { timeoutS: 240, intervalMs: 3000, describe: async () => JSON.stringify(await lib.heights(reference)) },
    );
    const out = path.join(networkInfo.tmpDir, "audit-report");
    const logFile = path.join(networkInfo.tmpDir, "audit.log");
    const baseline = await blockCalls(node.prometheusUri);
    const started = Date.now();
    const audit = spawn(
      binary,
      ["audit", "--chain", networkInfo.chainSpecPath, "--url", node.wsUri, "--out", out, "--no-progress", "--reconnect-for", "120"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const log = fs.createWriteStream(logFile);
    for (const stream of [audit.stdout, audit.stderr]) {
      stream.on("data", (chunk) => {
        output += chunk;
        log.write(chunk);
      });
    }
    const exited = new Promise((resolve) => audit.on("exit", (code, signal) => resolve(code ?? signal)));
    let finished = false;
    exited.then(() => (finished = true));
    lib.log(`audit started against ${opts.node} (${node.wsUri}); its output: ${logFile}`);

    try {
      await lib.waitFor(
        `the audit's first chain_getBlock on ${opts.node}`,
        async () => finished || (await blockCalls(node.prometheusUri)) > baseline,
        { timeoutS: 60, intervalMs: 100 },
      );
      if (finished) throw new Error(`the audit ended before fetching a block:\n${output}`);
      const served = (await blockCalls(node.prometheusUri)) - baseline;
      lib.log(`${opts.node} has served ${served} of the audit's blocks: killing it (SIGKILL), back in ${opts.down} s`);
      if (!(await client.restartNode(opts.node, opts.down))) throw new Error(`zombienet could not restart ${opts.node}`);
      lib.log(`${opts.node} is up again`);

      const code = await lib.withTimeout("the audit to finish", 240, exited);
      const seconds = (Date.now() - started) / 1000;
      if (code !== 0) throw new Error(`the audit exited with ${code}:\n${output}`);
      if (!output.includes("reconnected to")) {
        throw new Error(`the audit finished without losing its connection, so nothing was proven:\n${output}`);
      }
      const report = JSON.parse(fs.readFileSync(path.join(out, "audit.json"), "utf8"));
      const summary = report.summary;
      const expected = (await reference.rpc.chain.getBlockHash(summary.head)).toHex();
      if (summary.headHash !== expected) {
        throw new Error(`the audit's head #${summary.head} is ${summary.headHash}, ${opts.reference} has ${expected}`);
      }
      const reconnect = output.split("\n").find((line) => line.startsWith("reconnected to"));
      lib.log(`${reconnect}`);
      lib.log(
        `audit passed in ${seconds.toFixed(1)} s: ${summary.blocks} blocks, ${summary.extrinsics} extrinsics, ` +
          `head #${summary.head} = ${opts.reference}'s`,
      );
      return seconds;
    } finally {
      if (!finished) audit.kill("SIGKILL");
      log.end();
    }
  } finally {
    await reference.disconnect().catch(() => {});
  }
}

module.exports = { run };
