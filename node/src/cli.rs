//! The command line of `landchain-node`.

use sc_cli::RunCmd;
use std::path::PathBuf;

/// `landchain-node [SUBCOMMAND] [OPTIONS]`: without a subcommand, runs a node.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// What to do instead of running a node.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options for running a node (`--dev`, `--chain`, `--base-path`, `--rpc-port`, …).
	#[clap(flatten)]
	pub run: RunCmd,
}

/// The subcommands of `landchain-node`.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (deprecated alias of `export-chain-spec`).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification of `--chain` as JSON.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Write the raw chain spec of a real network from its file (validators' keys, council,
	/// registrars, balances, treasury, boot nodes; docs/NETWORK.md). Refuses dev keys and an
	/// empty council.
	ProductionSpec(crate::production_spec::ProductionSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks to a file.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks from a file.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmark the runtime's pallets, storage, blocks and this machine.
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Benchmarks are not built into this binary: rebuild with `--features runtime-benchmarks`.
	#[cfg(not(feature = "runtime-benchmarks"))]
	Benchmark {
		/// Ignored.
		#[arg(trailing_var_arg = true, allow_hyphen_values = true)]
		args: Vec<String>,
	},

	/// Show information about the database.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Auditor replay: re-execute the chain from genesis, verify every block, rebuild every
	/// parcel's chain of title from the events and cross-check it with the on-chain registry.
	Audit(AuditCmd),

	/// Certificates of title: issue one from a node, verify one offline against a chain spec.
	#[command(subcommand)]
	Certificate(crate::certificate::CertificateCmd),
}

/// `landchain-node audit --chain <spec> (--url ws://… | --archive FILE | --blocks-file FILE)`.
///
/// Trusts only the chain spec (its genesis state) and the runtime code recorded on chain. Exits
/// non-zero at the first block that fails verification, or if the rebuilt registry differs from
/// the chain's.
#[derive(Debug, clap::Parser)]
#[command(group(
	clap::ArgGroup::new("blocks").required(true).args(["url", "archive", "blocks_file"])
))]
pub struct AuditCmd {
	/// Fetch the blocks from this node's WebSocket JSON-RPC endpoint, up to its finalized head.
	#[arg(long, value_name = "URL")]
	pub url: Option<String>,

	/// Re-verify offline from an audit archive written by an earlier `--save-archive`.
	#[arg(long, value_name = "FILE")]
	pub archive: Option<PathBuf>,

	/// Read the blocks from `landchain-node export-blocks --binary --from 0` output (it has no
	/// events, so the node's events cannot be compared; the replayed ones are used).
	#[arg(long, value_name = "FILE")]
	pub blocks_file: Option<PathBuf>,

	/// Stop after this block (default: the finalized head, or the last block of the file).
	#[arg(long, value_name = "BLOCK")]
	pub to: Option<u32>,

	/// Directory for the report: `audit.json`, `titles.csv` (one row per title version),
	/// `encumbrances.csv` and `summary.txt`.
	#[arg(long, value_name = "DIR", default_value = "audit-report")]
	pub out: PathBuf,

	/// Also save every fetched block and its events to FILE, to re-verify later with `--archive`.
	#[arg(long, value_name = "FILE")]
	pub save_archive: Option<PathBuf>,

	/// Start from a checkpoint of an earlier run (`--checkpoint-out`) instead of genesis. The
	/// checkpoint is trusted: its state must have the state root of its block, as the source gives it.
	#[arg(long, value_name = "FILE")]
	pub from_checkpoint: Option<PathBuf>,

	/// After a passing audit, save the head's state and the rebuilt registry to FILE, so that
	/// the next audit can continue from there with `--from-checkpoint`.
	#[arg(long, value_name = "FILE")]
	pub checkpoint_out: Option<PathBuf>,

	/// Do not show the progress bar.
	#[arg(long)]
	pub no_progress: bool,
	/// Do not check GRANDPA finality (the report says "NOT CHECKED"). By default every
	/// justification the blocks carry is verified from the chain spec's authorities, and the last
	/// block must be proven final: by its own justification, or — from a node — by a later one.
	/// For a file exported without its last block's justification.
	#[arg(long)]
	pub skip_finality: bool,

	/// With `--url`: when the connection to the node is lost (the node restarted, the network
	/// dropped), keep trying to reconnect for this many seconds, then continue where the audit
	/// was; 0 stops at the first lost connection.
	#[arg(long, value_name = "SECONDS", default_value_t = 120)]
	pub reconnect_for: u64,

	#[allow(missing_docs)]
	#[clap(flatten)]
	pub shared_params: sc_cli::SharedParams,
}
