// js-script: the portal (the built static files in portal/dist) works in Debian's Chromium against
// the node the line names (the RPC node), read-only.
//
// Arguments (`with "key=value,…"`):
//   bound=N   seconds Playwright may take, browser start included (default 60); it runs under
//             `timeout`, which stops it and its browser when the time is up
//
// Runs `portal/node_modules/.bin/playwright test -c playwright.zombienet.config.ts` (the portal's
// own Playwright, `npx playwright` without npx) with the node's WebSocket URL, the chain's name and
// the parcel to look for in the environment; its spec (portal/tests-zombienet/rpc-node.spec.ts)
// serves portal/dist as serve.mjs does, opens it with `?node=<ws url>`, and checks that the header
// shows the chain's name, a finalized head at or past the parcel's block and a new best block; that
// the search by jurisdiction and cadastral reference finds the parcel; that its page shows the
// owner (no dev name) and the title's timeline (the first registration, its block, time, owner and
// registrar). The parcel is the one test 0002 registered through the RPC node, read from
// <network dir>/registered-parcel.json (register-parcel.js writes it); when the file is missing
// (this test alone on a fresh network) Alice registers one first through this node, with
// register-parcel.js itself. Playwright's output goes to <network dir>/portal/playwright.log, the
// screenshots (portal-search.png, portal-parcel.png) and, on failure, its trace beside it.
// Passes when Playwright exits 0; returns the parcel's id.

const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const lib = require("./lib");

const PORTAL = path.resolve(__dirname, "../../portal");

/// Why the portal cannot be tested here, or null.
function missing(chromium) {
  if (!fs.existsSync(path.join(PORTAL, "dist/index.html"))) {
    return `${PORTAL}/dist/index.html is missing: build the portal (zombienet/test.sh does when it runs this test; or cd portal && npm ci && npm run build)`;
  }
  if (!fs.existsSync(path.join(PORTAL, "node_modules/.bin/playwright"))) {
    return `the portal's dependencies are not installed (no ${PORTAL}/node_modules/.bin/playwright): cd portal && npm ci`;
  }
  try {
    fs.accessSync(chromium, fs.constants.X_OK);
  } catch {
    return `no Chromium at ${chromium} (scripts/setup.sh installs Debian's chromium; or set CHROMIUM)`;
  }
  return null;
}

async function run(nodeName, networkInfo, args) {
  const opts = lib.parseArgs(args, { bound: 60 });
  const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
  const problem = missing(chromium);
  if (problem) throw new Error(problem);
  const node = networkInfo.nodesByName[nodeName];
  if (!node) throw new Error(`no node '${nodeName}' in this network`);

  const parcelFile = path.join(networkInfo.tmpDir, "registered-parcel.json");
  if (!fs.existsSync(parcelFile)) {
    lib.log(`no ${parcelFile} (test 0002 writes it): Alice registers a parcel through ${nodeName} first`);
    await require("./register-parcel").run(nodeName, networkInfo, [`via=${nodeName}`, "signer=alice", `nodes=${nodeName}`]);
  }
  const registered = JSON.parse(fs.readFileSync(parcelFile, "utf8"));
  const chain = await lib.withApis([nodeName], networkInfo, async (apis) => (await apis[nodeName].rpc.system.chain()).toString());

  const out = path.join(networkInfo.tmpDir, "portal");
  fs.mkdirSync(out, { recursive: true });
  const logFile = path.join(out, "playwright.log");
  const log = fs.createWriteStream(logFile);
  lib.log(
    `the portal (portal/dist) in ${chromium} against ${nodeName} at ${node.wsUri}: chain "${chain}", ` +
      `parcel ${registered.parcel} (${registered.jurisdiction} ${registered.reference}); output in ${logFile}`,
  );
  const started = Date.now();
  // `timeout` leads a process group of its own (Playwright, its worker, Chromium) and stops it all
  // when the bound passes, even if zombienet itself is gone by then.
  const child = spawn(
    "timeout",
    ["--kill-after=5", String(opts.bound), path.join(PORTAL, "node_modules/.bin/playwright"), "test", "-c", "playwright.zombienet.config.ts"],
    {
      cwd: PORTAL,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        CHROMIUM: chromium,
        LANDCHAIN_ZOMBIE_WS: node.wsUri,
        LANDCHAIN_ZOMBIE_PARCEL: parcelFile,
        LANDCHAIN_ZOMBIE_CHAIN: chain,
        LANDCHAIN_ZOMBIE_PORTAL_OUT: out,
        FORCE_COLOR: "0",
      },
    },
  );
  let tail = "";
  const take = (chunk) => {
    const text = String(chunk);
    log.write(text);
    tail = (tail + text).slice(-4000);
    for (const line of text.split("\n")) if (line.trim()) console.log(`      | ${line}`);
  };
  child.stdout.on("data", take);
  child.stderr.on("data", take);
  const status = await new Promise((resolve) => {
    child.on("error", (error) => resolve(`cannot start: ${error.message}`));
    child.on("close", (code, signal) => resolve(code ?? signal));
  });
  await new Promise((resolve) => log.end(resolve));
  const took = ((Date.now() - started) / 1000).toFixed(1);
  if (status !== 0) {
    const why = status === 124 || status === 137 ? `did not finish within ${opts.bound} s` : `exited with ${status}`;
    throw new Error(`the portal's Playwright check ${why} after ${took} s (output: ${logFile}; screenshots and trace in ${out}):\n${tail}`);
  }
  lib.log(`the portal works against ${nodeName} (Playwright took ${took} s); screenshots: ${out}/portal-search.png, ${out}/portal-parcel.png`);
  return registered.parcel;
}

module.exports = { run };
