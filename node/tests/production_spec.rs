//! `landchain-node production-spec`: a network's file becomes a raw, live chain spec with the
//! network's own keys, council, registrars and treasury; a file with a well-known dev key
//! anywhere, an empty council, or other bad settings is refused with a message naming the field,
//! and nothing is written.

use serde_json::{json, Value};
use sp_core::{crypto::Ss58Codec, ed25519, sr25519, Pair};
use sp_io::hashing::twox_128;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use std::{
	path::PathBuf,
	process::{Command, Output},
};

const NODE: &str = env!("CARGO_BIN_EXE_landchain-node");

/// A fresh key pair's SS58 address, from a seed of `byte`s (not a dev key).
fn sr(byte: u8) -> String {
	sr25519::Pair::from_seed(&[byte; 32]).public().to_ss58check()
}
fn ed(byte: u8) -> String {
	ed25519::Pair::from_seed(&[byte; 32]).public().to_ss58check()
}

/// A genesis party's commitment in the test networks.
const COMMITMENT: &str = "0xc0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff";

/// A valid network: two validators, a council of three (also the registrars), all funded.
fn network() -> Value {
	json!({
		"name": "Landchain test network",
		"id": "landchain_test",
		"bootnodes": ["/ip4/127.0.0.1/tcp/30333/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp"],
		"validators": [
			{ "aura": sr(1), "grandpa": ed(1) },
			{ "aura": sr(2), "grandpa": ed(2) }
		],
		"council": [sr(11), sr(12), sr(13)],
		"registrars": [sr(11), sr(12)],
		"balances": [
			{ "account": sr(11), "land": 1000 },
			{ "account": sr(12), "land": 1000 },
			{ "account": sr(13), "land": 1000 }
		],
		"treasury": { "duty_percent": 2, "land": 500 },
		"notice_periods": { "notice": 100, "court_order_notice": 50, "confirmation": 1000 },
		"verified_parties_only": true,
		"parties": [
			{ "account": sr(21), "commitment": COMMITMENT, "kind": "company", "office": sr(11),
			  "expires_in_days": 365 }
		]
	})
}

/// A scratch directory, removed when dropped.
struct Scratch(PathBuf);
impl Drop for Scratch {
	fn drop(&mut self) {
		let _ = std::fs::remove_dir_all(&self.0);
	}
}
fn scratch(name: &str) -> Scratch {
	let dir =
		std::env::temp_dir().join(format!("landchain-prodspec-{name}-{}", std::process::id()));
	std::fs::create_dir_all(&dir).expect("temp dir is writable");
	Scratch(dir)
}

/// Runs `production-spec` on `network` written as `file` in `dir`; returns the output and the
/// path of the spec it was asked to write.
fn production_spec(dir: &Scratch, file: &str, text: &str) -> (Output, PathBuf) {
	let config = dir.0.join(file);
	std::fs::write(&config, text).expect("the config is written");
	let out = dir.0.join(format!("{file}.spec.json"));
	let output = Command::new(NODE)
		.args(["production-spec", "--config"])
		.arg(&config)
		.arg("--out")
		.arg(&out)
		.output()
		.expect("landchain-node runs");
	(output, out)
}

#[test]
fn a_network_file_becomes_a_raw_live_spec_with_its_own_keys_and_properties() {
	let dir = scratch("valid");
	// The same network as TOML (as a person writes it, docs/NETWORK.md) and as JSON.
	let toml_text = format!(
		r#"name = "Landchain test network"
id = "landchain_test"
bootnodes = ["/ip4/127.0.0.1/tcp/30333/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp"]
council = ["{c1}", "{c2}", "{c3}"]
registrars = ["{c1}", "{c2}"]
verified_parties_only = true

[[validators]]
aura = "{a1}"
grandpa = "{g1}"

[[validators]]
aura = "{a2}"
grandpa = "{g2}"

[[balances]]
account = "{c1}"
land = 1000

[[balances]]
account = "{c2}"
land = 1000

[[balances]]
account = "{c3}"
land = 1000

[treasury]
duty_percent = 2
land = 500

[notice_periods]
notice = 100
court_order_notice = 50
confirmation = 1000

[[parties]]
account = "{p1}"
commitment = "{COMMITMENT}"
kind = "company"
office = "{c1}"
expires_in_days = 365
"#,
		p1 = sr(21),
		c1 = sr(11),
		c2 = sr(12),
		c3 = sr(13),
		a1 = sr(1),
		g1 = ed(1),
		a2 = sr(2),
		g2 = ed(2),
	);
	for (file, text) in [("network.toml", toml_text), ("network.json", network().to_string())] {
		let (output, out) = production_spec(&dir, file, &text);
		assert!(output.status.success(), "{file}: {}", String::from_utf8_lossy(&output.stderr));
		let spec: Value =
			serde_json::from_slice(&std::fs::read(&out).expect("the spec is written")).unwrap();
		assert_eq!(spec["name"], json!("Landchain test network"));
		assert_eq!(spec["id"], json!("landchain_test"));
		assert_eq!(spec["chainType"], json!("Live"));
		assert_eq!(spec["protocolId"], json!("landchain"));
		assert_eq!(spec["properties"]["tokenSymbol"], json!("LAND"));
		assert_eq!(spec["properties"]["tokenDecimals"], json!(12));
		assert_eq!(spec["properties"]["ss58Format"], json!(42));
		assert_eq!(spec["bootNodes"].as_array().map(Vec::len), Some(1));
		let top = spec["genesis"]["raw"]["top"].as_object().expect("a raw genesis state");
		// The raw state holds the validators' keys and none of the dev keys (but in the runtime's
		// code, `:code`, whose dev presets name them).
		let mut state = top.clone();
		state.remove("0x3a636f6465").expect("the runtime code is in the genesis state");
		let state = serde_json::to_string(&state).unwrap();
		for byte in [1u8, 2] {
			let aura = hex(&sr25519::Pair::from_seed(&[byte; 32]).public().0);
			let grandpa = hex(&ed25519::Pair::from_seed(&[byte; 32]).public().0);
			assert!(state.contains(&aura) && state.contains(&grandpa), "validator {byte}'s keys");
		}
		// The genesis party's attestation, under the policy from the first block.
		assert!(state.contains(&COMMITMENT[2..]), "the genesis party's commitment");
		let policy = [twox_128(b"PartyRegister"), twox_128(b"RequireVerifiedParties")].concat();
		assert_eq!(top[&format!("0x{}", hex(&policy))], json!("0x01"), "the policy is on");
		for dev in Sr25519Keyring::iter().map(|key| key.public().0) {
			assert!(!state.contains(&hex(&dev)), "no dev sr25519 key in the genesis state");
		}
		for dev in Ed25519Keyring::iter().map(|key| key.public().0) {
			assert!(!state.contains(&hex(&dev)), "no dev ed25519 key in the genesis state");
		}
	}
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[test]
fn a_network_file_with_a_dev_key_an_empty_council_or_bad_settings_is_refused() {
	let dir = scratch("refused");
	let alice = Sr25519Keyring::Alice.to_account_id().to_ss58check();
	let alice_ed = Ed25519Keyring::Alice.public().to_ss58check();
	let ferdie_stash = Sr25519Keyring::FerdieStash.to_account_id().to_ss58check();
	let cases: Vec<(&str, Box<dyn Fn(&mut Value)>, &str)> = vec![
		(
			"dev-aura",
			Box::new(move |n| n["validators"][0]["aura"] = json!(alice.clone())),
			"validators[0].aura",
		),
		(
			"dev-grandpa",
			Box::new(move |n| n["validators"][1]["grandpa"] = json!(alice_ed.clone())),
			"is the well-known dev key Alice (ed25519)",
		),
		(
			"dev-council",
			Box::new(|n| {
				n["council"][2] = json!(Sr25519Keyring::Bob.to_account_id().to_ss58check())
			}),
			"council[2]",
		),
		(
			"dev-balance",
			Box::new(move |n| n["balances"][0]["account"] = json!(ferdie_stash.clone())),
			"is the well-known dev key FerdieStash",
		),
		("empty-council", Box::new(|n| n["council"] = json!([])), "council: the list is empty"),
		("unfunded-registrar", Box::new(|n| n["registrars"] = json!([sr(20)])), "has no balance"),
		("duty", Box::new(|n| n["treasury"]["duty_percent"] = json!(25)), "treasury.duty_percent"),
		("poor-treasury", Box::new(|n| n["treasury"]["land"] = json!(0)), "treasury.land"),
		(
			"bootnode",
			Box::new(|n| n["bootnodes"] = json!(["/ip4/127.0.0.1/tcp/30333"])),
			"bootnodes[0]",
		),
		(
			"no-validators",
			Box::new(|n| n["validators"] = json!([])),
			"validators: the list is empty",
		),
		("typo", Box::new(|n| n["councl"] = json!([])), "unknown field `councl`"),
		("not-ss58", Box::new(|n| n["council"][0] = json!("alice")), "council[0]: `alice`"),
		(
			"party-office",
			Box::new(|n| n["parties"][0]["office"] = json!(sr(13))),
			"parties[0].office",
		),
		("party-kind", Box::new(|n| n["parties"][0]["kind"] = json!("trust")), "parties[0].kind"),
		(
			"party-expiry",
			Box::new(|n| n["parties"][0]["expires_in_days"] = json!(3651)),
			"parties[0].expires_in_days",
		),
		(
			"party-commitment",
			Box::new(|n| n["parties"][0]["commitment"] = json!("0x1234")),
			"parties[0].commitment",
		),
		(
			"party-twice",
			Box::new(|n| {
				let party = n["parties"][0].clone();
				n["parties"].as_array_mut().unwrap().push(party)
			}),
			"parties[1]",
		),
	];
	for (name, edit, expected) in cases {
		let mut bad = network();
		edit(&mut bad);
		let (output, out) = production_spec(&dir, &format!("{name}.json"), &bad.to_string());
		let stderr = String::from_utf8_lossy(&output.stderr);
		assert!(!output.status.success(), "{name}: must be refused");
		assert!(stderr.contains(expected), "{name}: stderr should say {expected:?}: {stderr}");
		assert!(!stderr.contains("panicked"), "{name}: refused without a panic: {stderr}");
		assert!(!out.exists(), "{name}: nothing is written");
	}
}
