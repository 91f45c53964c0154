//! The `landchain-node` the live audit tests and the benchmarks start: where its binary is, and
//! where it serves JSON-RPC when it was started with [`LOOPBACK_ANY_PORT`] — the port it bound,
//! read from its own log. Shared by `tests/live.rs` and the `replay` and `certificate` benchmarks.
//!
//! Why not pick a free port first and pass it: between the pick and the node's bind, another test
//! (a node of another test binary or file running at the same time) can take that port, and
//! `--rpc-port` then quietly falls back to a random port while the test talks to the other node.

#![allow(dead_code)] // each includer uses part of it

use std::{
	path::{Path, PathBuf},
	process::Child,
	time::{Duration, Instant},
};

/// The target directory: `CARGO_TARGET_DIR`, else the one `scripts/env.sh` sets.
pub fn target_dir() -> PathBuf {
	std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| {
		PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/landchain/target")
	})
}

/// The node binary: `LANDCHAIN_NODE`, else the release build in the target directory.
pub fn node_binary() -> Result<PathBuf, String> {
	let path = std::env::var_os("LANDCHAIN_NODE")
		.map(PathBuf::from)
		.unwrap_or_else(|| target_dir().join("release/landchain-node"));
	if path.is_file() {
		Ok(path)
	} else {
		Err(format!(
			"{} is missing (build it with `cargo build --release -p landchain-node`, or set \
			 LANDCHAIN_NODE)",
			path.display()
		))
	}
}

/// Arguments that let the node bind free loopback ports itself (RPC and peer-to-peer).
pub const LOOPBACK_ANY_PORT: [&str; 4] =
	["--rpc-port", "0", "--listen-addr", "/ip4/127.0.0.1/tcp/0"];

/// The IPv4 port the node reports in `Running JSON-RPC server: addr=127.0.0.1:43037,[::1]:34631`,
/// the last such line in `log` (a restarted node appends a new one).
pub fn rpc_port_in_log(log: &str) -> Option<u16> {
	let rest = log.rsplit("Running JSON-RPC server: addr=127.0.0.1:").next()?;
	if rest.len() == log.len() {
		return None;
	}
	let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
	digits.parse().ok()
}

/// Waits (bounded by `timeout`) until the node writing `log_path` (its stderr) reports its RPC
/// port, counting only what the log holds after byte `from`; panics with the log's tail if the
/// node exits first or never reports one.
pub fn wait_for_rpc_port(
	child: &mut Child,
	log_path: &Path,
	from: usize,
	timeout: Duration,
) -> u16 {
	let read = || {
		let log = std::fs::read(log_path).unwrap_or_default();
		String::from_utf8_lossy(log.get(from..).unwrap_or_default()).into_owned()
	};
	let tail = |log: String| {
		let lines: Vec<&str> = log.lines().collect();
		lines[lines.len().saturating_sub(30)..].join("\n")
	};
	let deadline = Instant::now() + timeout;
	loop {
		if let Some(port) = rpc_port_in_log(&read()) {
			return port;
		}
		if let Ok(Some(status)) = child.try_wait() {
			panic!("landchain-node exited ({status}) before serving RPC:\n{}", tail(read()));
		}
		assert!(
			Instant::now() < deadline,
			"landchain-node did not serve RPC within {timeout:?}:\n{}",
			tail(read())
		);
		std::thread::sleep(Duration::from_millis(200));
	}
}
