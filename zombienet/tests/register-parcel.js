// js-script: a registry transaction sent to one node is finalized and visible on every node.
//
// Arguments (`with "key=value,…"`):
//   via=rpc            the node the transaction is submitted to (default: the RPC node)
//   signer=alice       the registrar who signs (alice, bob and charlie are the network's registrars:
//                      accounts generated for the run, tests/lib.js)
//   nodes=alice bob …  the nodes that must show the new parcel (default: all five)
//
// Alice registers a new parcel (unique reference per run) owned by Dave, through `via`. The
// script waits for the transaction to be finalized there (with `landRegistry.ParcelRegistered`),
// then, on every node, for that block to be finalized under the same hash, and reads the parcel
// back at the node's finalized head: `parcelByReference` gives the same id, `parcels` and
// `titles` show its area and owner. Returns the new parcel's id, and records the registration
// (parcel, reference, area, owner, registrar, block) in <network dir>/registered-parcel.json for
// the scripts after it (certificate.js).

const fs = require("fs");
const path = require("path");
const lib = require("./lib");

const JURISDICTION = "LC-ZOMBIENET";

async function run(_nodeName, networkInfo, args) {
  const opts = lib.parseArgs(args, { via: "rpc", signer: "alice", nodes: lib.NODES });
  const keys = await lib.keyring();
  const signer = keys[opts.signer];
  if (!signer) throw new Error(`unknown signer '${opts.signer}'`);
  const owner = keys.dave.address;
  const reference = `ZN-${Date.now()}`;
  const areaM2 = 4321;

  return lib.withApis([...new Set([opts.via, ...opts.nodes])], networkInfo, async (apis) => {
    const api = apis[opts.via];
    const registrars = (await api.query.registrars.members()).map((a) => a.toString());
    if (!registrars.includes(signer.address)) {
      throw new Error(`${opts.signer} (${signer.address}) is not a registrar; registrars: ${registrars.join(", ")}`);
    }

    const tx = api.tx.landRegistry.registerParcel(
      JURISDICTION,
      reference,
      { areaM2, landUse: "Residential", geometryHash: api.registry.hash(`geometry ${reference}`).toHex() },
      { kind: "Survey", documentHash: api.registry.hash(`survey ${reference}`).toHex(), uri: null },
      [{ account: owner, share: { numerator: 1, denominator: 1 } }],
      "Freehold",
    );
    lib.log(`${opts.signer} submits landRegistry.registerParcel(${JURISDICTION}, ${reference}) to ${opts.via}`);
    const { blockHash, events } = await lib.submit(api, tx, signer, {
      until: "finalized",
      timeoutS: 90,
      label: "landRegistry.registerParcel",
    });
    const registered = lib.findEvent(events, "landRegistry", "ParcelRegistered");
    const parcel = registered.data[0].toNumber();
    const block = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
    lib.log(`finalized in block #${block} ${blockHash}: parcel ${parcel}`);

    for (const name of opts.nodes) {
      const nodeApi = apis[name];
      await lib.waitFor(
        `${name} to finalize block #${block}`,
        async () => (await lib.heights(nodeApi)).finalized >= block,
        { timeoutS: 60, describe: async () => JSON.stringify(await lib.heights(nodeApi)) },
      );
      const hashThere = (await nodeApi.rpc.chain.getBlockHash(block)).toHex();
      if (hashThere !== blockHash) {
        throw new Error(`${name} finalized ${hashThere} at #${block}, not ${blockHash}`);
      }
      const at = await nodeApi.at(await nodeApi.rpc.chain.getFinalizedHead());
      const byReference = await at.query.landRegistry.parcelByReference(JURISDICTION, reference);
      if (byReference.isNone || byReference.unwrap().toNumber() !== parcel) {
        throw new Error(`${name}: parcelByReference(${JURISDICTION}, ${reference}) = ${byReference}, expected ${parcel}`);
      }
      const record = await at.query.landRegistry.parcels(parcel);
      const title = await at.query.landRegistry.titles(parcel);
      if (record.isNone || title.isNone) throw new Error(`${name}: parcel ${parcel} or its title is missing`);
      const area = record.unwrap().toJSON().attributes.areaM2;
      const owners = title.unwrap().owners.map((o) => o.account.toString());
      if (area !== areaM2 || owners.length !== 1 || owners[0] !== owner) {
        throw new Error(`${name}: parcel ${parcel} has area ${area} and owners ${owners}, expected ${areaM2} and ${owner}`);
      }
      lib.log(`${name}: parcel ${parcel} (${reference}, ${area} m², owner Dave) at its finalized head`);
    }
    const registrar = signer.address;
    const record = { parcel, jurisdiction: JURISDICTION, reference, areaM2, owner, registrar, block, blockHash };
    fs.writeFileSync(path.join(networkInfo.tmpDir, "registered-parcel.json"), JSON.stringify(record, null, 2) + "\n");
    return parcel;
  });
}

module.exports = { run };
