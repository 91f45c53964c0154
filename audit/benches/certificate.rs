//! Certificates of title, measured: `cargo bench -p landchain-audit --bench certificate`.
//!
//! Starts a real `landchain-node --dev --tmp` (3-second blocks, one GRANDPA authority), then:
//! - **issue**: certificates of demo parcel 1 over RPC (`LANDCHAIN_BENCH_CERTIFICATES`, default
//!   10), each timed whole and split into reading the records with their proofs and waiting for
//!   the node's next GRANDPA justification (a round ends every block or so);
//! - **verify**: each certificate verified offline `LANDCHAIN_BENCH_VERIFICATIONS` times
//!   (default 200) against the dev genesis state, and — what `landchain-node certificate verify`
//!   does once before — building that state from the chain spec;
//! - **size**: the JSON, its proof nodes, and the page `verify --html` writes.
//!
//! Prints a table (median, 95th percentile, extremes); asserts nothing about speed.

#[path = "../tests/support/node.rs"]
mod support;

use codec::Decode;
use landchain_audit::{
	certificate::{self, Certificate},
	certificate_page::{page, Statement},
	finality,
	source::RpcClient,
	synthetic, Hash, Header,
};
use std::{
	process::{Command, Stdio},
	time::{Duration, Instant},
};

fn count(variable: &str, default: usize) -> usize {
	std::env::var(variable).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}

/// Median, 95th percentile, fastest and slowest of `samples`, in milliseconds.
fn spread(samples: &mut [f64]) -> String {
	samples.sort_by(f64::total_cmp);
	let at = |fraction: f64| samples[((samples.len() - 1) as f64 * fraction).round() as usize];
	format!(
		"median {:.2} ms, p95 {:.2} ms (fastest {:.2}, slowest {:.2}; {} runs)",
		at(0.5),
		at(0.95),
		samples[0],
		samples[samples.len() - 1],
		samples.len()
	)
}

fn millis(since: Instant) -> f64 {
	since.elapsed().as_secs_f64() * 1000.0
}

struct Node(std::process::Child);
impl Drop for Node {
	fn drop(&mut self) {
		let _ = self.0.kill();
		let _ = self.0.wait();
	}
}

fn main() {
	let issues = count("LANDCHAIN_BENCH_CERTIFICATES", 10).max(1);
	let verifications = count("LANDCHAIN_BENCH_VERIFICATIONS", 200).max(1);
	let binary = support::node_binary().unwrap_or_else(|missing| panic!("{missing}"));
	let log = std::env::temp_dir()
		.join(format!("landchain-bench-certificate-{}.log", std::process::id()));
	let mut node = Node(
		Command::new(&binary)
			.args(["--dev", "--tmp", "--no-prometheus", "--no-telemetry", "--no-mdns"])
			.args(support::LOOPBACK_ANY_PORT)
			.stdout(Stdio::null())
			.stderr(std::fs::File::create(&log).expect("the node's log is writable"))
			.spawn()
			.expect("landchain-node starts"),
	);
	let port = support::wait_for_rpc_port(&mut node.0, &log, 0, Duration::from_secs(120));
	let url = format!("ws://127.0.0.1:{port}");
	let client = {
		let deadline = Instant::now() + Duration::from_secs(60);
		loop {
			match RpcClient::connect(&url) {
				Ok(client) => break client,
				Err(error) if Instant::now() > deadline => panic!("cannot reach the node: {error}"),
				Err(_) => std::thread::sleep(Duration::from_millis(200)),
			}
		}
	};
	// A finalized block to certify.
	let deadline = Instant::now() + Duration::from_secs(120);
	loop {
		let head: Hash = client.request("chain_getFinalizedHead", vec![]).expect("finalized head");
		let header: Header = client
			.request::<Option<Header>>("chain_getHeader", vec![format!("{head:?}").into()])
			.expect("header")
			.expect("the finalized header exists");
		if header.number >= 2 {
			break;
		}
		assert!(Instant::now() < deadline, "the dev node did not finalize block #2");
		std::thread::sleep(Duration::from_millis(500));
	}

	eprintln!("issuing {issues} certificates of parcel 1 …");
	let (mut issue_ms, mut wait_ms, mut read_ms, mut certificates) =
		(Vec::new(), Vec::new(), Vec::new(), Vec::new());
	for _ in 0..issues {
		let started = Instant::now();
		certificates.push(certificate::issue(&client, 1, None).expect("a certificate is issued"));
		issue_ms.push(millis(started));
		// The same wait alone: the next justification the node announces.
		let head: Hash = client.request("chain_getFinalizedHead", vec![]).expect("finalized head");
		let header: Header = client
			.request::<Option<Header>>("chain_getHeader", vec![format!("{head:?}").into()])
			.expect("header")
			.expect("the finalized header exists");
		let started = Instant::now();
		finality::prove_from_node(&client, header.number, head, (0, 1)).expect("a finality proof");
		wait_ms.push(millis(started));
		// The records part alone: the read proof of the certificate's keys at that block.
		let version = certificates.last().and_then(|c: &Certificate| {
			let title = c.entries.iter().find(|entry| entry.what == "title")?.value.as_ref()?;
			landchain_runtime::registry::Title::decode(&mut &title[..]).ok().map(|t| t.version)
		});
		let keys: Vec<serde_json::Value> = certificate::keys(1, version)
			.into_iter()
			.map(|(_, key)| sp_core::bytes::to_hex(&key, false).into())
			.collect();
		let started = Instant::now();
		let _: serde_json::Value = client
			.request("state_getReadProof", vec![keys.into(), format!("{head:?}").into()])
			.expect("a read proof");
		read_ms.push(millis(started));
	}
	drop(node);

	let started = Instant::now();
	let genesis = synthetic::dev_genesis().expect("the dev genesis builds");
	let genesis_ms = millis(started);
	eprintln!("verifying {verifications} times in all …");
	let mut verify_ms = Vec::new();
	for certificate in &certificates {
		for _ in 0..verifications.div_ceil(certificates.len()) {
			let started = Instant::now();
			certificate::verify(certificate, &genesis).expect("the certificate verifies");
			verify_ms.push(millis(started));
		}
	}

	let json: Vec<String> =
		certificates.iter().map(|c| serde_json::to_string_pretty(c).expect("JSON")).collect();
	let sold: &Certificate = &certificates[0];
	let verified = certificate::verify(sold, &genesis).expect("verifies");
	let page = page(&Statement::of(sold, &verified, "Development"), &json[0], "dev").expect("page");
	let sizes: Vec<usize> = json.iter().map(String::len).collect();

	let rows = [
		("issue, whole (over RPC, loopback)", spread(&mut issue_ms)),
		("a finality proof alone (mostly waiting for a round)", spread(&mut wait_ms)),
		("the records' read proof alone", spread(&mut read_ms)),
		("verify, offline (genesis state ready)", spread(&mut verify_ms)),
		(
			"building the dev genesis state from its spec",
			format!("{genesis_ms:.0} ms (once per verify command)"),
		),
		(
			"certificate size (JSON, pretty)",
			format!(
				"{}–{} bytes, {} proof nodes, {} entries",
				sizes.iter().min().expect("sizes"),
				sizes.iter().max().expect("sizes"),
				sold.proof.len(),
				sold.entries.len()
			),
		),
		("its page (verify --html)", format!("{} bytes", page.len())),
	];
	println!("Certificates of title — dev node, parcel 1 ({issues} issued)");
	for (label, value) in rows {
		println!("  {label:<52} {value}");
	}
}
