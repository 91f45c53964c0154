//! Starts the real `landchain-node --dev --tmp` and checks, over JSON-RPC, that it authors and
//! finalizes blocks and reports Landchain's chain properties. Also checks that bad command-line
//! input fails with a clear message instead of a panic.
//!
//! Only std is used for HTTP so that the test shares every compiled dependency with the node.

// How a test learns the port the node bound (shared with the audit's live tests).
#[path = "../../audit/tests/support/node.rs"]
mod support;

use serde_json::{json, Value};
use std::{
	io::{Read, Write},
	net::TcpStream,
	path::PathBuf,
	process::{Child, Command, Output, Stdio},
	time::{Duration, Instant},
};

const NODE: &str = env!("CARGO_BIN_EXE_landchain-node");

/// How long a fresh dev node may take to reach the wanted heights.
const CHAIN_PROGRESS_TIMEOUT: Duration = Duration::from_secs(120);

/// One JSON-RPC call over HTTP; `None` while the node is not listening yet.
fn rpc(port: u16, method: &str, params: Value) -> Option<Value> {
	let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params }).to_string();
	let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
	stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
	let request = format!(
		"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
		 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
		body.len()
	);
	stream.write_all(request.as_bytes()).ok()?;
	let mut response = String::new();
	stream.read_to_string(&mut response).ok()?;
	let (_, payload) = response.split_once("\r\n\r\n")?;
	let reply: Value = serde_json::from_str(payload).ok()?;
	reply.get("result").cloned()
}

fn block_number(header: &Value) -> u64 {
	let hex = header["number"].as_str().expect("a header has a hex number");
	u64::from_str_radix(hex.trim_start_matches("0x"), 16).expect("a valid hex block number")
}

/// A running node that is stopped (and reaped) when dropped, also when the test fails; its log
/// (stderr) is removed then.
struct RunningNode {
	child: Child,
	log: PathBuf,
}

impl RunningNode {
	/// Starts `landchain-node --dev --tmp` on loopback ports it binds itself; returns it and the
	/// port it serves RPC on, once it does.
	fn dev() -> (Self, u16) {
		let log =
			std::env::temp_dir().join(format!("landchain-node-smoke-{}.log", std::process::id()));
		let stderr = std::fs::File::create(&log).expect("the node's log is writable");
		let child = Command::new(NODE)
			.args(["--dev", "--tmp", "--no-prometheus", "--no-telemetry", "--no-mdns"])
			.args(support::LOOPBACK_ANY_PORT)
			.stdout(Stdio::null())
			.stderr(stderr)
			.spawn()
			.expect("landchain-node starts");
		let mut node = RunningNode { child, log };
		let port =
			support::wait_for_rpc_port(&mut node.child, &node.log, 0, CHAIN_PROGRESS_TIMEOUT);
		(node, port)
	}

	/// Sends SIGINT and waits (bounded) for a clean exit.
	fn stop(&mut self) -> Option<std::process::ExitStatus> {
		let _ = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status();
		let deadline = Instant::now() + Duration::from_secs(30);
		while Instant::now() < deadline {
			if let Ok(Some(status)) = self.child.try_wait() {
				return Some(status);
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		None
	}
}

impl Drop for RunningNode {
	fn drop(&mut self) {
		if let Ok(None) = self.child.try_wait() {
			let _ = self.child.kill();
			let _ = self.child.wait();
		}
		let _ = std::fs::remove_file(&self.log);
	}
}

#[test]
fn dev_node_authors_finalizes_and_serves_landchain_properties_and_registry() {
	let (mut node, rpc_port) = RunningNode::dev();

	let deadline = Instant::now() + CHAIN_PROGRESS_TIMEOUT;
	let (mut best, mut finalized) = (0, 0);
	while Instant::now() < deadline && (best < 3 || finalized < 1) {
		std::thread::sleep(Duration::from_millis(500));
		if let Some(header) = rpc(rpc_port, "chain_getHeader", json!([])) {
			best = block_number(&header);
		}
		let finalized_header = rpc(rpc_port, "chain_getFinalizedHead", json!([]))
			.and_then(|hash| rpc(rpc_port, "chain_getHeader", json!([hash])));
		if let Some(header) = finalized_header {
			finalized = block_number(&header);
		}
	}
	assert!(best >= 3, "the dev node must author blocks: best block is #{best}");
	assert!(finalized >= 1, "the dev node must finalize blocks: finalized block is #{finalized}");

	let chain = rpc(rpc_port, "system_chain", json!([])).expect("system_chain answers");
	assert_eq!(chain, json!("Landchain"));
	let properties = rpc(rpc_port, "system_properties", json!([])).expect("system_properties");
	assert_eq!(properties["tokenSymbol"], json!("LAND"));
	assert_eq!(properties["tokenDecimals"], json!(12));
	assert_eq!(properties["ss58Format"], json!(42));
	let version = rpc(rpc_port, "state_getRuntimeVersion", json!([])).expect("runtime version");
	assert_eq!(version["specName"], json!("landchain"));

	// The registry's JSON-RPC methods serve the dev preset's demo parcels.
	const CHARLIE: &str = "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y";
	let parcel =
		rpc(rpc_port, "landRegistry_parcelByReference", json!(["LC-CENTRAL", "BLOCK-1/101"]))
			.expect("landRegistry_parcelByReference answers");
	let record = rpc(rpc_port, "landRegistry_parcel", json!([parcel])).expect("parcel");
	assert_eq!(record["cadastralReference"], json!("BLOCK-1/101"));
	assert_eq!(record["status"], json!("active"));
	let title = rpc(rpc_port, "landRegistry_title", json!([parcel])).expect("title");
	assert_eq!(title["owners"][0]["account"], json!(CHARLIE));
	assert_eq!(title["version"], json!(1));
	let history = rpc(rpc_port, "landRegistry_titleHistory", json!([parcel])).expect("history");
	assert_eq!(history.as_array().map(Vec::len), Some(1));
	let parcels = rpc(rpc_port, "landRegistry_parcelsOf", json!([CHARLIE])).expect("parcelsOf");
	assert!(parcels.as_array().is_some_and(|ids| ids.contains(&parcel)));
	let missing = rpc(rpc_port, "landRegistry_parcelByReference", json!(["LC-CENTRAL", "NONE"]));
	assert_eq!(missing, Some(Value::Null));
	let pending =
		rpc(rpc_port, "landRegistry_applications", json!([parcel])).expect("applications");
	assert_eq!(pending, json!([]), "no application is pending on a fresh chain");

	let status = node.stop().expect("the node stops within 30 s of SIGINT");
	assert!(status.success(), "the node exits cleanly on SIGINT, got {status}");
}

fn run_node(args: &[&str]) -> Output {
	Command::new(NODE).args(args).output().expect("landchain-node runs")
}

fn assert_clear_failure(output: &Output, expected: &str) {
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(!output.status.success(), "bad input must fail, stderr: {stderr}");
	assert!(stderr.contains(expected), "stderr should say {expected:?}, got: {stderr}");
	assert!(!stderr.contains("panicked"), "bad input must not panic: {stderr}");
}

#[test]
fn unknown_chain_name_is_a_clear_error() {
	let output = run_node(&["export-chain-spec", "--chain", "no-such-chain"]);
	assert_clear_failure(&output, "Unknown chain 'no-such-chain'");
}

#[test]
fn malformed_chain_spec_file_is_a_clear_error() {
	let path = std::env::temp_dir().join(format!("landchain-bad-spec-{}.json", std::process::id()));
	std::fs::write(&path, "{ this is not a chain spec").expect("temp dir is writable");
	let output = run_node(&["export-chain-spec", "--chain", path.to_str().expect("utf-8 path")]);
	let _ = std::fs::remove_file(&path);
	assert_clear_failure(&output, "Invalid chain spec file");
}

#[test]
fn built_in_chain_specs_export_with_landchain_properties() {
	for chain in ["dev", "local"] {
		let output = run_node(&["export-chain-spec", "--chain", chain]);
		assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
		let spec: Value = serde_json::from_slice(&output.stdout).expect("the spec is JSON");
		assert_eq!(spec["name"], json!("Landchain"));
		assert_eq!(spec["properties"]["tokenSymbol"], json!("LAND"));
	}
}
