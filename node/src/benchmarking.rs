//! `landchain-node benchmark …`: built only with the `runtime-benchmarks` feature.
//!
//! `pallet` produces the weights of our pallets, `storage` the database weights, `block` the
//! speed of existing blocks and `machine` checks this machine against Substrate's reference
//! hardware. `overhead` and `extrinsic` need per-runtime transaction builders that Landchain does
//! not ship yet; they answer with an error rather than wrong figures.

use crate::{cli::Cli, service};
use frame_benchmarking_cli::{BenchmarkCmd, SUBSTRATE_REFERENCE_HARDWARE};
use landchain_runtime::opaque::Block;
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;
use sp_runtime::traits::HashingFor;

/// Runs one benchmark subcommand.
pub fn run(cli: &Cli, cmd: &BenchmarkCmd) -> sc_cli::Result<()> {
	let runner = cli.create_runner(cmd)?;
	runner.sync_run(|config| {
		match cmd {
		BenchmarkCmd::Pallet(cmd) =>
			cmd.run_with_spec::<HashingFor<Block>, ()>(Some(config.chain_spec)),
		BenchmarkCmd::Block(cmd) => {
			let PartialComponents { client, .. } = service::new_partial(&config)?;
			cmd.run(client)
		},
		BenchmarkCmd::Storage(cmd) => {
			let PartialComponents { client, backend, .. } = service::new_partial(&config)?;
			let db = backend.expose_db();
			let storage = backend.expose_storage();
			let shared_trie_cache = backend.expose_shared_trie_cache();
			cmd.run(config, client, db, storage, shared_trie_cache)
		},
		BenchmarkCmd::Machine(cmd) => cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone()),
		BenchmarkCmd::Overhead(_) | BenchmarkCmd::Extrinsic(_) => Err(
			"`benchmark overhead` and `benchmark extrinsic` are not supported by landchain-node yet"
				.into(),
		),
	}
	})
}
