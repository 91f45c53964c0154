//! Replay speed of the audit, phase by phase, beside the node's own import of the same blocks
//! (not a timed test: it prints figures):
//!
//! ```sh
//! cargo bench -p landchain-audit --bench replay
//! # sizes: LANDCHAIN_BENCH_BLOCKS (default 180), LANDCHAIN_BENCH_PARCELS_PER_BLOCK (default 5),
//! #        LANDCHAIN_BENCH_EMPTY_BLOCKS (default 3000)
//! # the node: LANDCHAIN_NODE, else $CARGO_TARGET_DIR/release/landchain-node
//! ```
//!
//! The history is built natively on the dev chain's genesis state: every block registers
//! `PARCELS_PER_BLOCK` parcels and takes earlier parcels through a lien (recorded by a registrar,
//! discharged by its holder), an inheritance by application (proposed, confirmed by a second
//! registrar, enacted after the notice) and a split — seven signed registry transactions per
//! parcel. Then, in one run on one machine:
//!
//! 1. the audit replays it from an archive, reporting its phases apart: setup (genesis state and
//!    the runtime's compilation), the steady-state replay (blocks/s and extrinsics/s of
//!    re-execution and checking alone), the cross-check;
//! 2. the audit replays as many empty blocks (timestamp only): the fixed cost of a block;
//! 3. `landchain-node import-blocks` imports the same blocks (and a one-block file, whose time is
//!    the node's start-up, taken off to give its steady state);
//! 4. that node, started on the imported database, serves them over RPC: the fetch rate alone,
//!    then a whole audit over RPC, whose fetching overlaps the replay.
//!
//! The test command runs it as a test target of the workspace build (`cargo test --release
//! --workspace --bench replay`): the same program.

mod node;

use landchain_audit::{archive, audit, synthetic, Options, SourceBlock, Summary};
use std::{path::Path, time::Instant};

fn env_or(name: &str, default: u32) -> u32 {
	std::env::var(name).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}

/// Audits `blocks` from an archive written to `dir/name.lcaudit`.
fn replay_archive(
	dir: &Path,
	name: &str,
	genesis: &sp_core::storage::Storage,
	blocks: &[SourceBlock],
) -> Summary {
	let path = dir.join(format!("{name}.lcaudit"));
	archive::write(&path, blocks).expect("the archive is written");
	let mut source = archive::ArchiveSource::open(&path).expect("the archive opens");
	let options = Options {
		out: Some(dir.join(format!("{name}-report"))),
		progress: true,
		..Default::default()
	};
	audit(&mut source, genesis.clone(), &options).unwrap_or_else(|error| panic!("{error}")).summary
}

fn main() {
	// `cargo bench` passes `--bench`; nothing else is accepted.
	let blocks = env_or("LANDCHAIN_BENCH_BLOCKS", 180);
	let per_block = env_or("LANDCHAIN_BENCH_PARCELS_PER_BLOCK", 5);
	let empty_blocks = env_or("LANDCHAIN_BENCH_EMPTY_BLOCKS", 3000);

	let started = Instant::now();
	let genesis = synthetic::dev_genesis().expect("the dev genesis builds");
	let genesis_seconds = started.elapsed().as_secs_f64();
	let started = Instant::now();
	let history = synthetic::registry_history(&genesis, blocks, per_block)
		.unwrap_or_else(|error| panic!("the history builds: {error}"));
	let empty = synthetic::empty_history(&genesis, empty_blocks)
		.unwrap_or_else(|error| panic!("the empty blocks build: {error}"));
	println!(
		"generated {} blocks with {} signed registry transactions and {} empty blocks natively in \
		 {:.1} s",
		history.blocks.len() - 1,
		history.transactions,
		empty.len() - 1,
		started.elapsed().as_secs_f64()
	);

	let dir = std::env::temp_dir().join(format!("landchain-audit-bench-{}", std::process::id()));
	std::fs::create_dir_all(&dir).expect("temp dir is writable");

	let registry = replay_archive(&dir, "registry", &genesis, &history.blocks);
	print!("{}", landchain_audit::report::summary_text(&registry, &[]));
	let idle = replay_archive(&dir, "empty", &genesis, &empty);
	let steady = registry.signed_extrinsics as f64 / registry.replay_seconds.max(1e-9);

	let mut rows: Vec<(String, String)> = vec![
		("genesis state (dev preset, native)".into(), format!("{genesis_seconds:.2} s")),
		(
			"audit setup (genesis block, runtime compiled)".into(),
			format!("{:.2} s", registry.setup_seconds),
		),
		(
			"audit replay, registry blocks (steady state)".into(),
			format!(
				"{:.1} blocks/s, {:.0} extrinsics/s, {:.0} signed/s ({} blocks in {:.2} s)",
				registry.replay_blocks_per_second,
				registry.replay_extrinsics_per_second,
				steady,
				registry.blocks,
				registry.replay_seconds
			),
		),
		(
			"audit replay, empty blocks (steady state)".into(),
			format!(
				"{:.1} blocks/s ({} blocks in {:.2} s)",
				idle.replay_blocks_per_second, idle.blocks, idle.replay_seconds
			),
		),
		(
			"audit cross-check (registry blocks)".into(),
			format!("{:.2} s", registry.crosscheck_seconds),
		),
		(
			"audit, whole run from an archive".into(),
			format!(
				"{:.2} s: {:.1} blocks/s, {:.0} extrinsics/s",
				registry.seconds, registry.blocks_per_second, registry.extrinsics_per_second
			),
		),
	];

	let node = node::compare(&dir, &genesis, &history.blocks, &empty);
	match &node {
		Ok(figures) => rows.extend(figures.rows(history.transactions)),
		Err(why) => rows.push(("node comparison".into(), format!("skipped: {why}"))),
	}

	println!(
		"\nREPLAY BENCHMARK ({} registry blocks, {} signed transactions)",
		blocks, history.transactions
	);
	for (label, value) in &rows {
		println!("  {label:<52} {value}");
	}
	let target = 3_000.0;
	println!(
		"  target: steady-state replay ≥ {target:.0} registry extrinsics/s: {} ({steady:.0}/s)",
		if steady >= target { "met" } else { "missed" }
	);
	if let Ok(figures) = &node {
		let ratio = registry.replay_blocks_per_second / figures.import_blocks_per_second.max(1e-9);
		println!(
			"  target: replay no slower than the node's import of the same blocks: {} ({ratio:.2}× \
			 the node's steady import)",
			if ratio >= 1.0 { "met" } else { "missed" }
		);
	}
	println!(
		"REPLAY SPEED: {:.1} blocks/s, {:.1} extrinsics/s steady state; {:.1} blocks/s, {:.1} \
		 extrinsics/s over the whole run ({} blocks, {} extrinsics of which {} signed, {:.1} s \
		 including genesis, wasm compilation, cross-check and report)",
		registry.replay_blocks_per_second,
		registry.replay_extrinsics_per_second,
		registry.blocks_per_second,
		registry.extrinsics_per_second,
		registry.blocks,
		registry.extrinsics,
		registry.signed_extrinsics,
		registry.seconds
	);
	if let Err(error) = std::fs::remove_dir_all(&dir) {
		eprintln!("could not remove {}: {error}", dir.display());
	}
}
