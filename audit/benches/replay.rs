//! Replay speed of the audit on a generated registry history (not a timed test):
//!
//! ```sh
//! cargo bench -p landchain-audit --bench replay
//! # sizes: LANDCHAIN_BENCH_BLOCKS (default 180), LANDCHAIN_BENCH_PARCELS_PER_BLOCK (default 5)
//! ```
//!
//! The history is built natively on the dev chain's genesis state: every block registers
//! `PARCELS_PER_BLOCK` parcels and takes earlier parcels through a lien (recorded by a registrar,
//! discharged by its holder), an inheritance by application (proposed, confirmed by a second
//! registrar, enacted after the notice) and a split — seven signed registry transactions per
//! parcel. The audit then re-executes every block in wasm from an archive, exactly as against a
//! node, and prints blocks/s and extrinsics/s. The test command runs it as a test target of the
//! workspace build (`cargo test --release --workspace --bench replay`): the same program.

use landchain_audit::{archive, audit, synthetic, Options};
use std::time::Instant;

fn env_or(name: &str, default: u32) -> u32 {
	std::env::var(name).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}

fn main() {
	// `cargo bench` passes `--bench`; nothing else is accepted.
	let blocks = env_or("LANDCHAIN_BENCH_BLOCKS", 180);
	let per_block = env_or("LANDCHAIN_BENCH_PARCELS_PER_BLOCK", 5);

	let genesis = synthetic::dev_genesis().expect("the dev genesis builds");
	let started = Instant::now();
	let history = synthetic::registry_history(&genesis, blocks, per_block)
		.unwrap_or_else(|error| panic!("the history builds: {error}"));
	println!(
		"generated {} blocks with {} signed registry transactions natively in {:.1} s",
		history.blocks.len() - 1,
		history.transactions,
		started.elapsed().as_secs_f64()
	);

	let dir = std::env::temp_dir().join(format!("landchain-audit-bench-{}", std::process::id()));
	std::fs::create_dir_all(&dir).expect("temp dir is writable");
	let path = dir.join("history.lcaudit");
	archive::write(&path, &history.blocks).expect("the archive is written");
	let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);

	let mut source = archive::ArchiveSource::open(&path).expect("the archive opens");
	let options = Options { out: Some(dir.join("report")), progress: true, ..Default::default() };
	let outcome = audit(&mut source, genesis, &options).unwrap_or_else(|error| panic!("{error}"));
	let summary = &outcome.summary;
	println!("archive: {} ({:.1} MiB)", path.display(), size as f64 / (1024.0 * 1024.0));
	print!("{}", landchain_audit::report::summary_text(summary, &[]));
	println!(
		"REPLAY SPEED: {:.1} blocks/s, {:.1} extrinsics/s ({} blocks, {} extrinsics of which {} \
		 signed, {:.1} s including genesis, wasm compilation, cross-check and report)",
		summary.blocks_per_second,
		summary.extrinsics_per_second,
		summary.blocks,
		summary.extrinsics,
		summary.signed_extrinsics,
		summary.seconds
	);
	let _ = std::fs::remove_dir_all(&dir);
}
