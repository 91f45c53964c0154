// js-script: a certificate of title issued from the running network verifies offline against the
// network's chain spec alone, and every tampered copy of it is refused, saying what fails.
//
// Arguments (`with "key=value,…"`):
//   node=rpc     the node the certificate is issued from (default: the node the line names)
//   parcel=N     the parcel (default: the one register-parcel.js recorded in
//                <network dir>/registered-parcel.json, with its owner, area and block)
//
// Runs $LANDCHAIN_NODE (docs/CERTIFICATES.md), each command with a time limit:
//   1. `certificate issue --url <node's ws url> --parcel N --out <network dir>/certificate/cert.json`;
//   2. `certificate verify cert.json --chain <the raw production spec> --json`, where the spec is
//      $LANDCHAIN_SPEC (zn_production_network in lib.sh; networkInfo.chainSpecPath, zombienet's
//      copy of it, when the variable is not set). `verify` has no URL argument; when `unshare -rn
//      true` works it also runs in a new network namespace with no interface up (checked: the
//      node's RPC port cannot be reached from there), so it verifies with no network at all.
//      Passes when it exits 0 and its JSON shows the registered parcel (id, jurisdiction,
//      reference, area) with the registered owner (one owner, whole share) and the title recorded
//      by the registrar who signed, at a block at or after the registration's that is the node's
//      canonical block at that height, on the chain whose genesis the node reports, finalized by
//      a justification `signedBy` [n, 4] with n ≥ 3 (more than two thirds of the 4 GRANDPA
//      authorities the node reports);
//   3. tampered copies, each of which must make `verify` exit 1 with `INVALID:` and the reason:
//        signature  one byte of the first precommit's signature in the justification flipped
//                   → "the GRANDPA justification does not verify …";
//        header     one byte of the header's state root flipped → its hash changes, so "the
//                   header chain is broken after #N" (or, when the justification finalizes the
//                   block itself, "the [GRANDPA] justification finalizes #M …, not …");
//        value      the title's owner replaced by Eve's account in the title entry's value
//                   → "the title shown is not what block #N's state holds (a tampered value)";
//        chain      the untouched certificate against `--chain local` → "the certificate is
//                   about another chain".
// Returns the number of GRANDPA authorities that signed.

const { execFile, spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { decodeAddress } = require("@polkadot/util-crypto");
const { u8aToHex } = require("@polkadot/util");
const lib = require("./lib");

const ISSUE_TIMEOUT_S = 150; // issuing waits up to 90 s for a justification
const VERIFY_TIMEOUT_S = 60;

/// Runs `file args…` with a time limit (SIGKILL when it passes); resolves with its exit code (or
/// the signal), standard output and error.
function exec(file, args, timeoutS) {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { timeout: timeoutS * 1000, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) code = error.killed ? `killed after ${timeoutS} s` : (error.code ?? error.signal ?? "error");
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/// A hex string with the byte at `index` XOR 0x01.
function flipByte(hex, index) {
  const bytes = Buffer.from(hex.replace(/^0x/, ""), "hex");
  if (index >= bytes.length) throw new Error(`cannot flip byte ${index} of ${bytes.length}`);
  bytes[index] ^= 0x01;
  return "0x" + bytes.toString("hex");
}

/// The length in bytes of the SCALE compact integer at the start of `bytes`.
function compactLength(bytes) {
  const mode = bytes[0] & 0b11;
  if (mode === 0) return 1;
  if (mode === 1) return 2;
  if (mode === 2) return 4;
  return 1 + (bytes[0] >> 2) + 4;
}

function publicKey(address) {
  return u8aToHex(decodeAddress(address));
}

async function run(nodeName, networkInfo, args) {
  const opts = lib.parseArgs(args, { node: nodeName, parcel: 0 });
  const binary = process.env.LANDCHAIN_NODE;
  if (!binary) throw new Error("LANDCHAIN_NODE is not set (zombienet/test.sh sets it)");
  const spec = process.env.LANDCHAIN_SPEC || networkInfo.chainSpecPath;
  if (!spec || !fs.existsSync(spec)) {
    throw new Error(`no chain spec: LANDCHAIN_SPEC=${process.env.LANDCHAIN_SPEC}, ${networkInfo.chainSpecPath}`);
  }
  const node = networkInfo.nodesByName[opts.node];
  if (!node) throw new Error(`no node '${opts.node}' in this network`);

  // What was registered (register-parcel.js), unless a parcel is given.
  const recordFile = path.join(networkInfo.tmpDir, "registered-parcel.json");
  let registered = {};
  if (!opts.parcel) {
    if (!fs.existsSync(recordFile)) {
      throw new Error(`${recordFile} is missing: run register-parcel.js first, or give parcel=N`);
    }
    registered = JSON.parse(fs.readFileSync(recordFile, "utf8"));
  }
  const parcel = opts.parcel || registered.parcel;
  const keys = await lib.keyring();

  const dir = path.join(networkInfo.tmpDir, "certificate");
  fs.mkdirSync(dir, { recursive: true });
  const certFile = path.join(dir, "cert.json");

  const api = await lib.connect(opts.node, networkInfo);
  try {
    // 1. Issue, from the running network.
    const started = Date.now();
    const issued = await exec(
      binary,
      ["certificate", "issue", "--url", node.wsUri, "--parcel", String(parcel), "--out", certFile],
      ISSUE_TIMEOUT_S,
    );
    if (issued.code !== 0) {
      throw new Error(`certificate issue exited with ${issued.code}:\n${issued.stdout}${issued.stderr}`);
    }
    const took = ((Date.now() - started) / 1000).toFixed(1);
    lib.log(`issued from ${opts.node} (${node.wsUri}) in ${took} s: ${issued.stdout.trim()}`);
    const certificate = JSON.parse(fs.readFileSync(certFile, "utf8"));

    // 2. Verify offline, with the chain spec only.
    const offline = spawnSync("unshare", ["-rn", "true"], { timeout: 10000 }).status === 0;
    if (offline) {
      // In the new namespace the RPC node that issued the certificate is out of reach.
      const port = new URL(node.wsUri).port;
      const probe = spawnSync("unshare", ["-rn", "bash", "-c", `exec 3<>/dev/tcp/127.0.0.1/${port}`], {
        timeout: 10000,
      });
      if (probe.status === 0) {
        throw new Error(`unshare -rn: 127.0.0.1:${port} is still reachable, so nothing would be proven`);
      }
      lib.log(`verify runs under \`unshare -rn\`: no network (${opts.node}'s RPC, 127.0.0.1:${port}, unreachable there)`);
    } else {
      lib.log("`unshare -rn true` fails here: verify runs without a namespace (it has no URL argument)");
    }
    const verify = (file, chain = spec) => {
      const argv = ["certificate", "verify", file, "--chain", chain, "--json"];
      return offline
        ? exec("unshare", ["-rn", binary, ...argv], VERIFY_TIMEOUT_S)
        : exec(binary, argv, VERIFY_TIMEOUT_S);
    };

    const valid = await verify(certFile);
    if (valid.code !== 0) {
      throw new Error(`certificate verify --chain ${spec} exited with ${valid.code}:\n${valid.stderr}${valid.stdout}`);
    }
    const verified = JSON.parse(valid.stdout);
    fs.writeFileSync(path.join(dir, "verified.json"), valid.stdout);

    const fail = (what) => {
      throw new Error(`${what}; verify's JSON: ${dir}/verified.json`);
    };
    // The chain: the running network's.
    const genesis = (await api.rpc.chain.getBlockHash(0)).toHex();
    if (certificate.genesisHash !== genesis) {
      fail(`the certificate's genesis ${certificate.genesisHash} is not ${opts.node}'s ${genesis}`);
    }
    // The block: canonical on the node, at or after the registration.
    const canonical = (await api.rpc.chain.getBlockHash(verified.block)).toHex();
    if (verified.blockHash !== canonical) {
      fail(`the certificate's block #${verified.block} is ${verified.blockHash}, ${opts.node} has ${canonical}`);
    }
    if (registered.block !== undefined && verified.block < registered.block) {
      fail(`the certificate's block #${verified.block} is before the registration's #${registered.block}`);
    }
    // The parcel and its owner, as registered.
    const record = verified.parcel;
    if (!record || record.id !== parcel) fail(`the certificate shows parcel ${record && record.id}, not ${parcel}`);
    if (registered.reference) {
      const { jurisdiction, cadastralReference, attributes } = record;
      if (
        jurisdiction !== registered.jurisdiction ||
        cadastralReference !== registered.reference ||
        attributes.areaM2 !== registered.areaM2
      ) {
        fail(
          `the certificate shows ${jurisdiction} ${cadastralReference}, ${attributes.areaM2} m²; ` +
            `registered: ${registered.jurisdiction} ${registered.reference}, ${registered.areaM2} m²`,
        );
      }
    }
    const title = verified.title;
    const owners = (title && title.owners) || [];
    const owner = registered.owner || keys.dave.address;
    if (owners.length !== 1 || publicKey(owners[0].account) !== publicKey(owner)) {
      fail(`the certificate's owners are ${JSON.stringify(owners)}, expected ${owner} alone`);
    }
    const share = owners[0].share;
    if (share.numerator !== 1 || share.denominator !== 1) {
      fail(`the owner's share is ${JSON.stringify(share)}, expected 1/1`);
    }
    if (registered.registrar && publicKey(title.recordedBy) !== publicKey(registered.registrar)) {
      fail(`the title was recorded by ${title.recordedBy}, not the registrar who signed, ${registered.registrar}`);
    }
    // Finality: more than two thirds of the 4 GRANDPA authorities signed.
    const authorities = (await api.call.grandpaApi.grandpaAuthorities()).map(([key]) => key.toHex());
    const [signed, of] = verified.signedBy;
    if (of !== authorities.length || of !== 4 || !(signed >= 3 && signed <= of)) {
      fail(`signedBy is [${signed}, ${of}]: expected at least 3 of the ${authorities.length} (4) GRANDPA authorities`);
    }
    lib.log(
      `VALID offline against ${spec}: parcel ${record.id} (${record.jurisdiction} ${record.cadastralReference}), ` +
        `owner ${owners[0].account} (1/1), recorded by ${title.recordedBy}, block #${verified.block} ` +
        `${verified.blockHash}, finalized at #${verified.finalized} by ${signed} of ${of} GRANDPA authorities`,
    );

    // 3. Tampered copies.
    const justification = Buffer.from(certificate.finality.justification.slice(2), "hex");
    // round u64, commit { target hash, target number u32, precommits: compact length, then each
    // { precommit { hash, number u32 }, signature [64], id [32] } }.
    const count = justification[44];
    const firstSignature = 8 + 32 + 4 + 1 + 32 + 4;
    const signer = "0x" + justification.subarray(firstSignature + 64, firstSignature + 96).toString("hex");
    if ((count & 0b11) !== 0 || count >> 2 !== signed || !authorities.includes(signer)) {
      throw new Error(`unexpected justification layout: ${count >> 2} precommits, first signer ${signer}`);
    }
    const header = Buffer.from(certificate.header.slice(2), "hex");
    const stateRoot = 32 + compactLength(header.subarray(32));
    const titleEntry = certificate.entries.find((entry) => entry.what === "title");
    const dave = publicKey(owner).slice(2);
    const eve = publicKey(keys.eve.address).slice(2);
    if (!titleEntry || !titleEntry.value || !titleEntry.value.includes(dave)) {
      throw new Error(`the title entry does not hold the owner's key ${dave}`);
    }

    const tampers = [
      {
        name: "signature",
        change: (c) => (c.finality.justification = flipByte(c.finality.justification, firstSignature)),
        expect: /GRANDPA justification does not verify/,
      },
      {
        name: "header",
        change: (c) => (c.header = flipByte(c.header, stateRoot)),
        // (the second: when the justification finalizes the certificate's block itself)
        expect: /header chain is broken after #\d+|justification finalizes #\d+ .*, not /,
      },
      {
        name: "value",
        change: (c) => (c.entries.find((entry) => entry.what === "title").value = titleEntry.value.replace(dave, eve)),
        expect: /the title shown is not what block #\d+'s state holds \(a tampered value\)/,
      },
      { name: "chain", chain: "local", expect: /the certificate is about another chain/ },
    ];
    for (const tamper of tampers) {
      let file = certFile;
      if (tamper.change) {
        const copy = JSON.parse(JSON.stringify(certificate));
        tamper.change(copy);
        file = path.join(dir, `tampered-${tamper.name}.json`);
        fs.writeFileSync(file, JSON.stringify(copy, null, 2));
      }
      const result = await verify(file, tamper.chain);
      const message = result.stderr.trim().split("\n").find((line) => line.startsWith("INVALID:"));
      if (result.code !== 1 || !message || !tamper.expect.test(message)) {
        throw new Error(
          `tampered (${tamper.name}): verify exited with ${result.code}, expected 1 with ${tamper.expect}:\n` +
            `${result.stderr}${result.stdout.slice(0, 2000)}`,
        );
      }
      lib.log(`tampered (${tamper.name}): refused, exit 1: ${message}`);
    }
    return signed;
  } finally {
    await api.disconnect().catch(() => {});
  }
}

module.exports = { run };
