//! `landchain-node benchmark …`: built only with the `runtime-benchmarks` feature.
//!
//! - `pallet`: the weights of the runtime's pallets (`scripts/benchmark-weights.sh`);
//! - `overhead`: the runtime's block and extrinsic base weights, executing empty blocks and
//!   blocks full of `system.remark`s in this runtime (`runtime/src/weights/block_weights.rs`,
//!   `extrinsic_weights.rs`);
//! - `extrinsic`: the time to execute one signed `system.remark` or `balances.transferKeepAlive`
//!   as part of a full block, every transaction extension included;
//! - `storage`: the database weights, by reading and writing every key of a node's database
//!   (`runtime/src/weights/paritydb_weights.rs`);
//! - `block`: the speed of blocks already in a database; `machine`: this machine against
//!   Substrate's reference hardware.
//!
//! `scripts/benchmark-weights.sh` runs them all and writes the files.

use crate::{cli::Cli, service, service::FullClient};
use frame_benchmarking_cli::{
	BenchmarkCmd, ExtrinsicBuilder, ExtrinsicFactory, SUBSTRATE_REFERENCE_HARDWARE,
};
use landchain_runtime::{opaque::Block, AccountId, Balance, BalancesCall, RuntimeCall, SystemCall};
use sc_cli::SubstrateCli;
use sc_client_api::BlockBackend;
use sc_service::PartialComponents;
use sp_core::{Encode, Pair, H256};
use sp_inherents::{InherentData, InherentDataProvider};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, traits::HashingFor, OpaqueExtrinsic};

/// Runs one benchmark subcommand.
pub fn run(cli: &Cli, cmd: &BenchmarkCmd) -> sc_cli::Result<()> {
	let runner = cli.create_runner(cmd)?;
	runner.sync_run(|config| match cmd {
		BenchmarkCmd::Pallet(cmd) => {
			cmd.run_with_spec::<HashingFor<Block>, ()>(Some(config.chain_spec))
		}
		BenchmarkCmd::Block(cmd) => {
			let PartialComponents { client, .. } = service::new_partial(&config)?;
			cmd.run(client)
		}
		BenchmarkCmd::Storage(cmd) => {
			let PartialComponents { client, backend, .. } = service::new_partial(&config)?;
			let db = backend.expose_db();
			let storage = backend.expose_storage();
			let shared_trie_cache = backend.expose_shared_trie_cache();
			cmd.run(config, client, db, storage, shared_trie_cache)
		}
		BenchmarkCmd::Overhead(cmd) => {
			let PartialComponents { client, .. } = service::new_partial(&config)?;
			let remark = RemarkBuilder { genesis: genesis_hash(&client) };
			let chain = config.chain_spec.name().to_owned();
			cmd.run(chain, client, inherent_benchmark_data()?, Vec::new(), &remark, false)
		}
		BenchmarkCmd::Extrinsic(cmd) => {
			let PartialComponents { client, .. } = service::new_partial(&config)?;
			let genesis = genesis_hash(&client);
			let factory = ExtrinsicFactory(vec![
				Box::new(RemarkBuilder { genesis }),
				Box::new(TransferKeepAliveBuilder {
					genesis,
					dest: Sr25519Keyring::Ferdie.to_account_id(),
					value: landchain_runtime::EXISTENTIAL_DEPOSIT,
				}),
			]);
			cmd.run(client, inherent_benchmark_data()?, Vec::new(), &factory)
		}
		BenchmarkCmd::Machine(cmd) => cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone()),
	})
}

/// The chain's genesis hash, which every signed transaction commits to.
fn genesis_hash(client: &FullClient) -> H256 {
	client.block_hash(0).ok().flatten().expect("a client always has its genesis block")
}

/// Alice's `system.remark([])`: the cheapest signed transaction, whose cost is the per-extrinsic
/// base.
struct RemarkBuilder {
	genesis: H256,
}

impl ExtrinsicBuilder for RemarkBuilder {
	fn pallet(&self) -> &str {
		"system"
	}

	fn extrinsic(&self) -> &str {
		"remark"
	}

	fn build(&self, nonce: u32) -> Result<OpaqueExtrinsic, &'static str> {
		Ok(signed(self.genesis, SystemCall::remark { remark: Vec::new() }.into(), nonce))
	}
}

/// Alice's `balances.transferKeepAlive(dest, value)`: the transfer the load generator compares
/// sales with.
struct TransferKeepAliveBuilder {
	genesis: H256,
	dest: AccountId,
	value: Balance,
}

impl ExtrinsicBuilder for TransferKeepAliveBuilder {
	fn pallet(&self) -> &str {
		"balances"
	}

	fn extrinsic(&self) -> &str {
		"transfer_keep_alive"
	}

	fn build(&self, nonce: u32) -> Result<OpaqueExtrinsic, &'static str> {
		let call =
			BalancesCall::transfer_keep_alive { dest: self.dest.clone().into(), value: self.value };
		Ok(signed(self.genesis, call.into(), nonce))
	}
}

/// `call` signed by Alice with `nonce`, immortal, tip zero, every transaction extension of the
/// runtime in place: what a wallet sends.
fn signed(genesis: H256, call: RuntimeCall, nonce: u32) -> OpaqueExtrinsic {
	use landchain_runtime::{SignedPayload, UncheckedExtrinsic, VERSION};
	let sender = Sr25519Keyring::Alice.pair();
	let extension = landchain_runtime::transaction_extension(nonce, Era::Immortal);
	let payload = SignedPayload::from_raw(
		call.clone(),
		extension.clone(),
		landchain_runtime::immortal_implicit(
			VERSION.spec_version,
			VERSION.transaction_version,
			genesis,
		),
	);
	let signature = payload.using_encoded(|bytes| sender.sign(bytes));
	let extrinsic = UncheckedExtrinsic::new_signed(
		call,
		sp_runtime::MultiAddress::Id(sender.public().into()),
		signature.into(),
		extension,
	);
	extrinsic.into()
}

/// The inherents of a benchmark block: the timestamp (Aura takes its slot from it).
fn inherent_benchmark_data() -> sc_cli::Result<InherentData> {
	let mut inherent_data = InherentData::new();
	let timestamp = sp_timestamp::InherentDataProvider::new(0u64.into());
	futures::executor::block_on(timestamp.provide_inherent_data(&mut inherent_data))
		.map_err(|error| format!("creating the inherent data: {error:?}"))?;
	Ok(inherent_data)
}
