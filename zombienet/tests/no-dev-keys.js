// js-script: the network runs the production chain spec of this run, and no well-known dev key
// (//Alice …) has any power in it or is in a keystore its nodes sign with.
//
// Arguments (`with "key=value,…"`):
//   nodes=alice bob …       the nodes to ask (default: all five)
//   validators=alice …      the validator nodes among them, whose keystores must hold their
//                           generated keys (default: alice bob charlie dave)
//
// The dev keys: the sr25519 and ed25519 keys of //Alice … //Ferdie, their //stash accounts, //One
// and //Two (what `landchain-node production-spec` refuses). On every node, over RPC:
//   - system_chainType is Live, and the properties are tokenSymbol LAND, tokenDecimals 12,
//     ss58Format 42;
//   - the Aura authorities (aura.authorities) are the validators' generated sr25519 keys, the
//     GRANDPA authorities (the GrandpaApi runtime call) their ed25519 keys, and council.members and
//     registrars.members are the accounts of alice, bob and charlie (keys.json of the run, named by
//     LANDCHAIN_ZOMBIE_KEYS): none of them is a dev key;
//   - no dev account holds a balance;
//   - the node's keystore (author_hasKey) holds no dev key as `aura` or `gran`, and each
//     validator's holds its own generated Aura and GRANDPA keys.
// Returns the number of authorities.

const { Keyring } = require("@polkadot/api");
const { u8aToHex } = require("@polkadot/util");
const { cryptoWaitReady } = require("@polkadot/util-crypto");
const lib = require("./lib");

const DEV_NAMES = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"];
const COUNCIL = ["alice", "bob", "charlie"];
const REGISTRARS = ["alice", "bob", "charlie"];

/// Every dev key: public key (hex) → its name, for both schemes.
function devKeys() {
  const uris = [...DEV_NAMES.flatMap((name) => [`//${name}`, `//${name}//stash`]), "//One", "//Two"];
  const keys = new Map();
  for (const type of ["sr25519", "ed25519"]) {
    const ring = new Keyring({ type });
    for (const uri of uris) keys.set(u8aToHex(ring.addFromUri(uri).publicKey), `${uri} (${type})`);
  }
  return keys;
}

/// The role's generated keys, from its phrase.
function generated(phrases) {
  const sr = new Keyring({ type: "sr25519", ss58Format: 42 });
  const ed = new Keyring({ type: "ed25519", ss58Format: 42 });
  return Object.fromEntries(
    Object.entries(phrases).map(([role, phrase]) => [
      role,
      {
        aura: u8aToHex(sr.addFromUri(phrase).publicKey),
        grandpa: u8aToHex(ed.addFromUri(phrase).publicKey),
        address: sr.addFromUri(phrase).address,
      },
    ]),
  );
}

/// Fails unless `actual` (hex keys) is exactly `expected` (in any order) and has no dev key.
function sameKeys(what, actual, expected, dev) {
  const named = actual.map((key) => (dev.has(key) ? `${key} = ${dev.get(key)}` : key));
  const devs = actual.filter((key) => dev.has(key));
  if (devs.length) throw new Error(`${what} include dev keys: ${named.join(", ")}`);
  const a = [...actual].sort();
  const e = [...expected].sort();
  if (a.length !== e.length || a.some((key, i) => key !== e[i])) {
    throw new Error(`${what} are ${named.join(", ")}, expected the generated ${e.join(", ")}`);
  }
}

async function run(_nodeName, networkInfo, args) {
  const opts = lib.parseArgs(args, { nodes: lib.NODES, validators: lib.VALIDATORS });
  await cryptoWaitReady();
  const dev = devKeys();
  const keys = generated(lib.phrases());
  const ss58 = new Keyring({ type: "sr25519", ss58Format: 42 });
  const hexOf = (address) => u8aToHex(ss58.decodeAddress(address));

  return lib.withApis(opts.nodes, networkInfo, async (apis) => {
    let authorities = 0;
    for (const [name, api] of Object.entries(apis)) {
      // The chain: a production spec.
      const chainType = await api.rpc.system.chainType();
      if (!chainType.isLive) throw new Error(`${name}: system_chainType is ${chainType.type}, expected Live`);
      const properties = await api.rpc.system.properties();
      const got = {
        tokenSymbol: properties.tokenSymbol.unwrapOr([]).map((symbol) => symbol.toString()),
        tokenDecimals: properties.tokenDecimals.unwrapOr([]).map((decimals) => decimals.toNumber()),
        ss58Format: properties.ss58Format.isSome ? properties.ss58Format.unwrap().toNumber() : null,
      };
      const want = { tokenSymbol: ["LAND"], tokenDecimals: [12], ss58Format: 42 };
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        throw new Error(`${name}: chain properties ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      }

      // Who has power: authorities, council, registrars.
      const at = await api.at(await api.rpc.chain.getFinalizedHead());
      const aura = (await at.query.aura.authorities()).map((key) => key.toHex());
      sameKeys(`${name}: the Aura authorities`, aura, opts.validators.map((role) => keys[role].aura), dev);
      if (!api.call.grandpaApi) throw new Error(`${name}: the runtime's metadata lists no GrandpaApi`);
      const grandpa = (await api.call.grandpaApi.grandpaAuthorities()).map(([key]) => key.toHex());
      sameKeys(`${name}: the GRANDPA authorities`, grandpa, opts.validators.map((role) => keys[role].grandpa), dev);
      const council = (await at.query.council.members()).map((account) => account.toHex());
      sameKeys(`${name}: the council members`, council, COUNCIL.map((role) => hexOf(keys[role].address)), dev);
      const registrars = (await at.query.registrars.members()).map((account) => account.toHex());
      sameKeys(`${name}: the registrars`, registrars, REGISTRARS.map((role) => hexOf(keys[role].address)), dev);
      authorities = aura.length;

      // No dev account has funds.
      const devAccounts = [...dev.keys()];
      const infos = await at.query.system.account.multi(devAccounts);
      const balance = ({ data }) => data.free.toBigInt() + data.reserved.toBigInt();
      const funded = devAccounts.filter((_, i) => balance(infos[i]) > 0n);
      if (funded.length) {
        throw new Error(`${name}: dev accounts hold funds: ${funded.map((key) => dev.get(key)).join(", ")}`);
      }

      // What the node signs with: its keystore.
      const held = [];
      for (const [key, what] of dev) {
        for (const type of ["aura", "gran"]) {
          if ((await api.rpc.author.hasKey(key, type)).isTrue) held.push(`${type} ${what}`);
        }
      }
      if (held.length) throw new Error(`${name}: its keystore holds dev keys: ${held.join(", ")}`);
      if (opts.validators.includes(name)) {
        const own = keys[name];
        const hasAura = (await api.rpc.author.hasKey(own.aura, "aura")).isTrue;
        const hasGran = (await api.rpc.author.hasKey(own.grandpa, "gran")).isTrue;
        if (!hasAura || !hasGran) {
          throw new Error(
            `${name}: its keystore lacks its generated ${hasAura ? "" : `aura ${own.aura} `}` +
              `${hasGran ? "" : `gran ${own.grandpa}`} (is --keystore-path given?)`,
          );
        }
      }
      lib.log(
        `${name}: chain ${await api.rpc.system.chain()} is Live (LAND, 12 decimals, SS58 42); ` +
          `${aura.length} Aura and ${grandpa.length} GRANDPA authorities, ${council.length} council members, ` +
          `${registrars.length} registrars: the generated keys, no dev key; no dev account funded; ` +
          `keystore: ${opts.validators.includes(name) ? "its own aura and gran keys, " : ""}no dev key`,
      );
    }
    return authorities;
  });
}

module.exports = { run };
