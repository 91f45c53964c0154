//! The node's side of the replay benchmark: `landchain-node import-blocks` of the same blocks the
//! audit replays, then those blocks served over RPC by a node on the imported database — fetched
//! alone, and audited. The node runs the benchmark's own chain spec (its genesis, with the
//! runtime the benchmark was built with), so that its genesis is the audit's.

#[path = "../../tests/support/node.rs"]
mod support;

use landchain_audit::{
	audit,
	source::{write_exported_blocks, RpcClient, RpcSource},
	synthetic, BlockSource, Options, SourceBlock, Summary,
};
use serde_json::Value;
use sp_core::storage::Storage;
use std::{
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// How long the node may take to start serving RPC and to finalize the imported blocks.
const START_TIMEOUT: Duration = Duration::from_secs(120);

/// What the node did with the benchmark's blocks.
pub struct Figures {
	/// Registry blocks imported (genesis not counted).
	blocks: usize,
	/// Seconds `import-blocks` took for them, start-up included.
	import_seconds: f64,
	/// Seconds `import-blocks` took for the first block alone: its start-up.
	startup_seconds: f64,
	/// Registry blocks per second of import, start-up taken off.
	pub import_blocks_per_second: f64,
	/// Empty blocks per second of import, start-up taken off.
	empty_blocks_per_second: f64,
	/// Blocks fetched per second over RPC (block, hash and events), nothing else done.
	fetch_blocks_per_second: f64,
	/// The audit over RPC of the same blocks.
	rpc_audit: Summary,
}

impl Figures {
	/// The rows of the benchmark's table; `signed` is how many signed transactions the blocks
	/// hold.
	pub fn rows(&self, signed: usize) -> Vec<(String, String)> {
		let signed_per_block = signed as f64 / self.blocks.max(1) as f64;
		vec![
			(
				"node import-blocks, registry blocks (steady state)".into(),
				format!(
					"{:.1} blocks/s, {:.0} signed/s ({} blocks in {:.2} s, less {:.2} s of start-up)",
					self.import_blocks_per_second,
					self.import_blocks_per_second * signed_per_block,
					self.blocks,
					self.import_seconds,
					self.startup_seconds
				),
			),
			(
				"node import-blocks, empty blocks (steady state)".into(),
				format!("{:.1} blocks/s", self.empty_blocks_per_second),
			),
			(
				"RPC fetch from that node (block, hash, events)".into(),
				format!("{:.1} blocks/s", self.fetch_blocks_per_second),
			),
			(
				"audit over RPC, whole run (fetch overlapped)".into(),
				format!(
					"{:.2} s: {:.1} blocks/s; replay {:.2} s, waiting for the node {:.2} s",
					self.rpc_audit.seconds,
					self.rpc_audit.blocks_per_second,
					self.rpc_audit.replay_seconds,
					self.rpc_audit.waiting_seconds
				),
			),
		]
	}
}

/// The last `count` lines of a node's log, for a failure message.
fn last_lines(log: &str, count: usize) -> String {
	let lines: Vec<&str> = log.lines().collect();
	lines[lines.len().saturating_sub(count)..].join("\n")
}

/// `landchain-node import-blocks --chain <spec>` of `blocks` (genesis left out) into a new archive
/// database `dir/name-db`; returns the wall-clock seconds and the database's path.
fn import(
	binary: &Path,
	spec: &Path,
	dir: &Path,
	name: &str,
	blocks: &[SourceBlock],
) -> (f64, PathBuf) {
	let file = dir.join(format!("{name}.blocks"));
	let body = blocks.get(1..).unwrap_or_default();
	write_exported_blocks(&file, body).expect("the block file is written");
	let base = dir.join(format!("{name}-db"));
	let started = Instant::now();
	let output = Command::new(binary)
		.args(["import-blocks", "--binary", "--state-pruning", "archive", "--chain"])
		.arg(spec)
		.arg("--base-path")
		.arg(&base)
		.arg(&file)
		.output()
		.expect("landchain-node starts");
	let seconds = started.elapsed().as_secs_f64();
	let log = String::from_utf8_lossy(&output.stderr);
	let head = body.last().map_or(0, |block| block.number());
	assert!(
		output.status.success() && log.contains(&format!("Best: #{head}")),
		"landchain-node import-blocks of the {name} blocks did not import all {} (to #{head}):\n{}",
		body.len(),
		last_lines(&log, 30)
	);
	(seconds, base)
}

/// A node on an imported database, killed and reaped when dropped.
struct Node(Child);

impl Drop for Node {
	fn drop(&mut self) {
		if let Err(error) = self.0.kill() {
			eprintln!("could not stop the benchmark's node: {error}");
		}
		if let Err(error) = self.0.wait() {
			eprintln!("could not reap the benchmark's node: {error}");
		}
	}
}

/// The number in a JSON header.
fn header_number(header: &Value) -> u32 {
	header
		.get("number")
		.and_then(Value::as_str)
		.and_then(|hex| u32::from_str_radix(hex.trim_start_matches("0x"), 16).ok())
		.unwrap_or(0)
}

/// Starts `landchain-node --chain <spec> --alice` (the chain's one validator, which finalizes
/// what was imported) on the database `base` with every state kept, and waits until block `head`
/// is final.
fn serve(binary: &Path, spec: &Path, base: &Path, head: u32) -> (Node, String) {
	let log_path = base.with_extension("log");
	let log = std::fs::File::create(&log_path).expect("the node's log is writable");
	let mut node = Node(
		Command::new(binary)
			.args(["--alice", "--force-authoring", "--state-pruning", "archive"])
			// A fixed network key: a node started without `--dev` is not given one otherwise.
			.args(["--node-key", &"01".repeat(32)])
			.args(["--no-prometheus", "--no-telemetry"])
			.arg("--chain")
			.arg(spec)
			.arg("--no-mdns")
			.args(support::LOOPBACK_ANY_PORT)
			.arg("--base-path")
			.arg(base)
			.stdout(Stdio::null())
			.stderr(log)
			.spawn()
			.expect("landchain-node starts"),
	);
	let log_tail = || last_lines(&std::fs::read_to_string(&log_path).unwrap_or_default(), 30);
	let deadline = Instant::now() + START_TIMEOUT;
	let rpc_port = support::wait_for_rpc_port(&mut node.0, &log_path, 0, START_TIMEOUT);
	let url = format!("ws://127.0.0.1:{rpc_port}");
	loop {
		assert!(
			Instant::now() < deadline,
			"the node did not finalize #{head} within {START_TIMEOUT:?}:\n{}",
			log_tail()
		);
		assert!(
			node.0.try_wait().ok().flatten().is_none(),
			"the node on the imported database exited:\n{}",
			log_tail()
		);
		std::thread::sleep(Duration::from_millis(500));
		let Ok(client) = RpcClient::connect(&url) else { continue };
		let finalized = client
			.request::<String>("chain_getFinalizedHead", vec![])
			.and_then(|hash| client.request::<Value>("chain_getHeader", vec![hash.into()]));
		if finalized.map(|header| header_number(&header)).unwrap_or(0) >= head {
			return (node, url);
		}
	}
}

/// Imports the registry blocks, the first of them alone and the empty blocks; then serves the
/// registry blocks over RPC, fetches them and audits them. `Err` only when there is no node to
/// compare with; anything else that goes wrong stops the benchmark.
pub fn compare(
	dir: &Path,
	genesis: &Storage,
	registry: &[SourceBlock],
	empty: &[SourceBlock],
) -> Result<Figures, String> {
	let binary = support::node_binary()?;
	// The node starts from the benchmark's own genesis, whichever runtime it embeds.
	let spec = dir.join("chain-spec.json");
	let json = synthetic::dev_chain_spec_json().expect("the dev chain spec builds");
	std::fs::write(&spec, json).expect("the chain spec is written");
	let blocks = registry.len().saturating_sub(1);
	let first = registry.get(..2).unwrap_or_default();
	let (startup_seconds, _) = import(&binary, &spec, dir, "first", first);
	let (import_seconds, base) = import(&binary, &spec, dir, "registry", registry);
	let (empty_seconds, _) = import(&binary, &spec, dir, "empty", empty);
	// The one-block import is the start-up and the first block: the rest of a longer import is
	// its steady state.
	let per_second = |count: usize, seconds: f64| {
		count.saturating_sub(1) as f64 / (seconds - startup_seconds).max(1e-9)
	};

	let head = registry.last().map_or(0, SourceBlock::number);
	let (node, url) = serve(&binary, &spec, &base, head);
	let mut source = RpcSource::connect(&url).expect("the node serves RPC");
	source.seek(0, head).expect("the RPC source seeks");
	let started = Instant::now();
	let mut fetched = 0usize;
	while source.next_block().expect("the node gives its blocks").is_some() {
		fetched += 1;
	}
	let fetch_seconds = started.elapsed().as_secs_f64();
	assert_eq!(fetched, registry.len(), "the node gave every block, genesis included");

	let mut source = RpcSource::connect(&url).expect("the node serves RPC");
	let options = Options { to: Some(head), ..Default::default() };
	let rpc_audit = audit(&mut source, genesis.clone(), &options)
		.unwrap_or_else(|error| panic!("the audit over RPC: {error}"))
		.summary;
	drop(node);
	Ok(Figures {
		blocks,
		import_seconds,
		startup_seconds,
		import_blocks_per_second: per_second(blocks, import_seconds),
		empty_blocks_per_second: per_second(empty.len().saturating_sub(1), empty_seconds),
		fetch_blocks_per_second: fetched as f64 / fetch_seconds.max(1e-9),
		rpc_audit,
	})
}
