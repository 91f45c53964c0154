//! # Landchain audit
//!
//! Replays a Landchain chain from genesis and rebuilds every parcel's chain of title, so that an
//! auditor trusts nothing but the chain spec and the runtime code recorded on chain:
//!
//! 1. [`source`]: fetch every block to the finalized head over JSON-RPC, or read an audit
//!    [`archive`] or a `landchain-node export-blocks --binary` file;
//! 2. [`replay`]: re-execute every block from the chain spec's genesis state with the runtime
//!    code on chain (runtime upgrades included), verifying the parent-hash chain, each header's
//!    hash, extrinsics root, Aura seal and state root; the first mismatch stops the run, naming
//!    the block and what differs ([`error::Mismatch`]);
//! 3. [`events`]: compare the events the source reports with those the replay emits;
//! 4. [`titles`]: rebuild every parcel's chain of title from the events alone;
//! 5. [`crosscheck`]: compare the rebuilt registry with the registry in the replayed head state;
//! 6. [`finality`]: verify every GRANDPA justification the blocks carry, follow the authority
//!    set changes from the chain spec's set, and prove the head final (its own justification, or
//!    a later block's with the headers between, which a node gives on request): a forged or
//!    missing justification stops the run, naming the block;
//! 7. [`report`]: write `audit.json`, `titles.csv`, `encumbrances.csv` and `summary.txt`.
//!
//! [`audit`] runs it all; `landchain-node audit` is its command line. [`synthetic`] builds chains
//! natively for tests and the benchmark.

pub mod archive;
pub mod certificate;
pub mod certificate_page;
pub mod crosscheck;
pub mod error;
pub mod events;
pub mod finality;
pub mod replay;
pub mod report;
pub mod source;
pub mod synthetic;
pub mod titles;
pub mod types;

pub use error::{AuditError, Mismatch};
pub use report::Summary;
pub use source::{BlockSource, SourceBlock};
pub use types::{Block, BlockNumber, Hash, Header, OpaqueExtrinsic, SignedBlock};

use codec::{Decode, Encode};
use indicatif::{ProgressBar, ProgressStyle};
use replay::{Replayer, StateSnapshot};
use sp_core::storage::Storage;
use std::{
	path::{Path, PathBuf},
	time::{Duration, Instant},
};
use titles::{Registry, Upgrade};

/// What to audit and where to write.
#[derive(Clone, Debug, Default)]
pub struct Options {
	/// The last block to verify (default: the source's head — a node's finalized head).
	pub to: Option<BlockNumber>,
	/// Where to write the report (none: only the summary is returned).
	pub out: Option<PathBuf>,
	/// Where to save every fetched block as an audit archive, to re-verify offline later.
	pub save_archive: Option<PathBuf>,
	/// Start from a checkpoint written by an earlier run instead of from genesis.
	pub from_checkpoint: Option<PathBuf>,
	/// Where to write a checkpoint of the verified head (state and rebuilt registry).
	pub checkpoint_out: Option<PathBuf>,
	/// Show a progress bar on standard error.
	pub progress: bool,
	/// Do not check GRANDPA finality (the report says so): for a file exported without its last
	/// block's justification. The run's first block (the chain spec's genesis, or a checkpoint)
	/// is taken as final either way.
	pub skip_finality: bool,
}

/// A successful audit.
#[derive(Debug)]
pub struct Outcome {
	/// The figures.
	pub summary: Summary,
	/// Every parcel's rebuilt chain of title.
	pub registry: Registry,
}

/// The first bytes of a checkpoint file; the digit is the format's version (2: sales record
/// their lenders).
const CHECKPOINT_MAGIC: &[u8; 8] = b"LCCHKPT2";
/// The first bytes of checkpoints in formats this audit no longer reads.
const OLD_CHECKPOINT_MAGICS: [&[u8; 8]; 1] = [b"LCCHKPT1"];

/// A checkpoint: a verified head's state and the registry rebuilt up to it.
#[derive(Encode, Decode)]
struct Checkpoint {
	genesis_hash: Hash,
	state: StateSnapshot,
	registry: Registry,
}

fn read_checkpoint(path: &Path) -> Result<Checkpoint, AuditError> {
	let bytes = std::fs::read(path).map_err(|error| {
		AuditError::Other(format!("cannot read checkpoint {}: {error}", path.display()))
	})?;
	if OLD_CHECKPOINT_MAGICS.iter().any(|magic| bytes.starts_with(&magic[..])) {
		return Err(AuditError::Other(format!(
			"checkpoint {} was written by an older audit in a format this one does not read: \
			 audit from genesis (or from a checkpoint this audit wrote)",
			path.display()
		)));
	}
	let body = bytes.strip_prefix(&CHECKPOINT_MAGIC[..]).ok_or_else(|| {
		AuditError::Other(format!("{} is not an audit checkpoint", path.display()))
	})?;
	Checkpoint::decode(&mut &body[..]).map_err(|error| {
		AuditError::Other(format!("checkpoint {} is malformed: {error}", path.display()))
	})
}

fn write_checkpoint(path: &Path, checkpoint: &Checkpoint) -> Result<(), AuditError> {
	let mut bytes = CHECKPOINT_MAGIC.to_vec();
	checkpoint.encode_to(&mut bytes);
	std::fs::write(path, bytes).map_err(|error| {
		AuditError::Other(format!("cannot write checkpoint {}: {error}", path.display()))
	})
}

/// Audits the blocks of `source` against the chain spec's genesis state `genesis`: see the
/// crate documentation. On failure, and when `options.out` is set, `audit.json` and
/// `summary.txt` say what failed.
pub fn audit(
	source: &mut dyn BlockSource,
	genesis: Storage,
	options: &Options,
) -> Result<Outcome, AuditError> {
	let result = run(source, genesis, options);
	if let (Err(error), Some(out)) = (&result, &options.out) {
		if !matches!(error, AuditError::RegistryDiffers { .. }) {
			report::write_failure(out, error, &source.describe())?;
		}
	}
	result
}

fn block_error(number: BlockNumber, hash: Hash, mismatch: Mismatch) -> AuditError {
	AuditError::Block { number, hash, mismatch }
}

/// The whole pipeline: the range, the first block (genesis or a checkpoint), every block after
/// it, then the cross-check and the report.
fn run(
	source: &mut dyn BlockSource,
	genesis: Storage,
	options: &Options,
) -> Result<Outcome, AuditError> {
	let started = Instant::now();
	let (checkpoint, to) = plan(source, options)?;
	let mut archive =
		options.save_archive.as_deref().map(archive::ArchiveWriter::create).transpose()?;
	let mut run = Run::start(source, genesis, checkpoint, archive.as_mut(), options)?;
	run.summary.setup_seconds = started.elapsed().as_secs_f64();
	let progress = progress_bar(options.progress, u64::from(to - run.summary.from));
	let (mut waiting, mut replaying) = (Duration::ZERO, Duration::ZERO);
	while run.replayer.number() < to {
		let asked = Instant::now();
		let Some(block) = source.next_block()? else { break };
		waiting += asked.elapsed();
		if let Some(archive) = archive.as_mut() {
			archive.append(&block)?;
		}
		let replay_started = Instant::now();
		run.verify(&block)?;
		replaying += replay_started.elapsed();
		progress.inc(1);
		if block.number() % 64 == 0 {
			progress.set_message(format!("{} extrinsics", run.summary.extrinsics));
		}
	}
	progress.finish_and_clear();
	run.summary.waiting_seconds = waiting.as_secs_f64();
	run.summary.replay_seconds = replaying.as_secs_f64();
	if run.replayer.number() < to {
		return Err(AuditError::Source(format!(
			"the {} ends after block #{}, before #{to}",
			source.describe(),
			run.replayer.number()
		)));
	}
	let proof = run.prove_head(source)?;
	if let Some(archive) = archive {
		archive.finish(proof.as_ref())?;
	}
	run.finish(started, options)
}

/// The checkpoint to start from (if any) and the last block to verify; positions the source
/// at the first block.
fn plan(
	source: &mut dyn BlockSource,
	options: &Options,
) -> Result<(Option<Checkpoint>, BlockNumber), AuditError> {
	let head = source.head()?;
	let to = match options.to {
		Some(to) if to > head => {
			return Err(AuditError::Other(format!(
				"--to #{to} is beyond the last block the {} has (#{head})",
				source.describe()
			)))
		}
		Some(to) => to,
		None => head,
	};
	let checkpoint = options.from_checkpoint.as_deref().map(read_checkpoint).transpose()?;
	let from = checkpoint.as_ref().map_or(0, |checkpoint| checkpoint.state.number);
	if from > to {
		return Err(AuditError::Other(format!(
			"the checkpoint is at block #{from}, beyond the requested end #{to}"
		)));
	}
	source.seek(from, to)?;
	Ok((checkpoint, to))
}

fn progress_bar(shown: bool, blocks: u64) -> ProgressBar {
	if !shown {
		return ProgressBar::hidden();
	}
	let bar = ProgressBar::new(blocks);
	if let Ok(style) = ProgressStyle::with_template(
		"{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} blocks ({per_sec}, eta {eta}) {msg}",
	) {
		bar.set_style(style);
	}
	bar
}

/// An audit under way: the replayed chain, the registry rebuilt so far, the GRANDPA walk (unless
/// skipped) and the figures.
struct Run {
	replayer: Replayer,
	registry: Registry,
	genesis_hash: Hash,
	finality: Option<FinalityWalk>,
	summary: Summary,
}

/// The GRANDPA authority set walked along the replayed blocks, and what it proved so far.
struct FinalityWalk {
	set: finality::AuthoritySet,
	/// The highest block proven final (the run's first block is taken as final).
	proven: BlockNumber,
	signed_by: (usize, usize),
	justifications: u64,
	set_changes: u64,
}

impl FinalityWalk {
	/// Verifies the justification `block` carries, if any (one is required at a block that ends
	/// an authority set), and moves to the next set after such a block.
	fn on_block(&mut self, block: &SignedBlock, hash: Hash) -> Result<(), String> {
		let header = &block.block.header;
		let ends = self.set.ends_at(header)?;
		match finality::grandpa_justification(block.justifications.as_ref()) {
			Some(justification) => {
				let justified = self.set.verify(justification, header.number, hash)?;
				self.proven = header.number;
				self.signed_by = justified.signed_by;
				self.justifications += 1;
			}
			None if ends => {
				return Err(format!(
					"the block ends GRANDPA authority set {} but carries no justification of it \
					 (the old set's signatures, which a node keeps for every such block)",
					self.set.set_id
				))
			}
			None => {}
		}
		if ends {
			self.set.follow();
			self.set_changes += 1;
		}
		Ok(())
	}
}

impl Run {
	/// Verifies the source's first block — the chain spec's genesis, or the checkpoint's block —
	/// and starts the replay from it.
	fn start(
		source: &mut dyn BlockSource,
		genesis: Storage,
		checkpoint: Option<Checkpoint>,
		archive: Option<&mut archive::ArchiveWriter>,
		options: &Options,
	) -> Result<Self, AuditError> {
		let first = source.next_block()?.ok_or_else(|| {
			AuditError::Source(format!("the {} has no first block", source.describe()))
		})?;
		if let Some(archive) = archive {
			archive.append(&first)?;
		}
		let first_hash = first.block.block.header.hash();
		if let Some(listed) = first.hash.filter(|listed| *listed != first_hash) {
			return Err(block_error(
				first.number(),
				first_hash,
				Mismatch::BlockHash { claimed: listed, computed: first_hash },
			));
		}
		let (replayer, registry, genesis_hash) = match checkpoint {
			None => {
				let replayer = Replayer::from_genesis(genesis, &first.block)?;
				let registry = replayer.with_state(Registry::from_storage);
				(replayer, registry, first_hash)
			}
			Some(checkpoint) => {
				let replayer =
					Replayer::from_snapshot(checkpoint.state, &first.block.block.header)?;
				(replayer, checkpoint.registry, checkpoint.genesis_hash)
			}
		};
		let mut summary = Summary {
			source: source.describe(),
			genesis_hash,
			from: replayer.number(),
			spec_version_at_start: replayer.runtime_version().spec_version,
			..Default::default()
		};
		if let Some(reported) = &first.events {
			let replayed = replayer
				.storage(&landchain_primitives::storage::system_events())
				.unwrap_or_default();
			events::compare(reported, &replayed, replayer.event_types())
				.map_err(|mismatch| block_error(first.number(), first_hash, mismatch))?;
			summary.blocks_with_events_compared += 1;
		}
		let finality = if options.skip_finality {
			None
		} else {
			let set = finality::AuthoritySet::from_state(|key| replayer.storage(key)).map_err(
				|what| block_error(first.number(), first_hash, Mismatch::Finality(what)),
			)?;
			let signed_by = (0, set.authorities.len());
			Some(FinalityWalk {
				set,
				proven: first.number(),
				signed_by,
				justifications: 0,
				set_changes: 0,
			})
		};
		Ok(Self { replayer, registry, genesis_hash, finality, summary })
	}

	/// Proves the head final, unless a justification in the blocks did already: asks the source
	/// for a proof (a node gives one; a file has none). Returns the proof the source gave, for
	/// the archive.
	fn prove_head(
		&mut self,
		source: &mut dyn BlockSource,
	) -> Result<Option<finality::FinalityProof>, AuditError> {
		let Some(walk) = self.finality.as_mut() else { return Ok(None) };
		let (head, hash) = (self.replayer.number(), self.replayer.hash());
		let proof = if walk.proven < head {
			let proof = source.finality_proof(head, hash, walk.set.set_id)?.ok_or_else(|| {
				let last = if walk.proven > self.summary.from {
					format!("the last block it justifies is #{}", walk.proven)
				} else {
					"it justifies none of the blocks audited".to_string()
				};
				block_error(
					head,
					hash,
					Mismatch::Finality(format!(
						"no GRANDPA justification proves the block final: the {} carries none \
						 for it or a later block ({last}); audit from a node, or --to a \
						 justified block, or --skip-finality",
						source.describe()
					)),
				)
			})?;
			let justified = walk
				.set
				.verify_proof(&proof, head, hash)
				.map_err(|what| block_error(head, hash, Mismatch::Finality(what)))?;
			walk.proven = justified.number;
			walk.signed_by = justified.signed_by;
			walk.justifications += 1 + proof.set_changes.len() as u64;
			Some(proof)
		} else {
			None
		};
		let summary = &mut self.summary;
		summary.finality_checked = true;
		summary.justifications_verified = walk.justifications;
		summary.authority_set_changes = walk.set_changes;
		summary.authority_set_id = walk.set.set_id;
		summary.finality_proven_by = walk.proven;
		summary.finality_signed_by = walk.signed_by;
		Ok(proof)
	}

	/// Replays one block, compares its events with the source's, and applies them to the
	/// rebuilt registry.
	fn verify(&mut self, block: &SourceBlock) -> Result<(), AuditError> {
		let executed = self.replayer.execute(&block.block, block.hash)?;
		let number = executed.number;
		if let Some(walk) = self.finality.as_mut() {
			walk.on_block(&block.block, executed.hash)
				.map_err(|what| block_error(number, executed.hash, Mismatch::Finality(what)))?;
		}
		if let Some(reported) = &block.events {
			events::compare(reported, &executed.events, &executed.event_types)
				.map_err(|mismatch| block_error(number, executed.hash, mismatch))?;
			self.summary.blocks_with_events_compared += 1;
		}
		if !executed.event_types.is_native() {
			self.summary.blocks_read_with_their_metadata += 1;
		}
		let records = events::read(&executed.events, &executed.event_types)
			.map_err(|what| AuditError::EventStream { number, what })?;
		let extrinsics = &block.block.block.extrinsics;
		let signers = titles::signers(extrinsics);
		self.registry
			.apply_block(number, &signers, &records)
			.map_err(|what| AuditError::EventStream { number, what })?;
		if let Some(previous) = executed.upgraded_from {
			self.note_upgrade(number, &signers, &records, previous.spec_version);
		}
		self.summary.blocks += 1;
		self.summary.extrinsics += extrinsics.len() as u64;
		self.summary.signed_extrinsics +=
			signers.iter().filter(|signer| signer.is_some()).count() as u64;
		Ok(())
	}

	/// Records the runtime upgrade block `number` made: who applied the code (the extrinsic
	/// that emitted `System.CodeUpdated`) and the versions before and after.
	fn note_upgrade(
		&mut self,
		number: BlockNumber,
		signers: &[Option<landchain_runtime::AccountId>],
		records: &[events::EventRecord],
		from_spec_version: u32,
	) {
		let extrinsic = records.iter().find_map(|record| match (&record.phase, &record.event) {
			(
				frame_system::Phase::ApplyExtrinsic(index),
				landchain_runtime::RuntimeEvent::System(frame_system::Event::CodeUpdated {
					..
				}),
			) => Some(*index),
			_ => None,
		});
		let code_hash = self
			.replayer
			.storage(sp_core::storage::well_known_keys::CODE)
			.map(|code| sp_io::hashing::blake2_256(&code).into())
			.unwrap_or_default();
		self.registry.note_upgrade(Upgrade {
			provenance: titles::Provenance {
				block: number,
				extrinsic,
				signer: extrinsic.and_then(|index| signers.get(index as usize).cloned().flatten()),
			},
			from_spec_version,
			to_spec_version: self.replayer.runtime_version().spec_version,
			code_hash,
		});
	}

	/// Cross-checks the rebuilt registry with the replayed head state, fills in the figures and
	/// writes the report and the checkpoint.
	fn finish(mut self, started: Instant, options: &Options) -> Result<Outcome, AuditError> {
		let crosscheck_started = Instant::now();
		let differences = self.replayer.with_state(|| crosscheck::compare(&self.registry));
		let seconds = started.elapsed().as_secs_f64();
		let (registry, replayer, summary) = (&self.registry, &self.replayer, &mut self.summary);
		let counts = &registry.counts;
		summary.head = replayer.number();
		summary.head_hash = replayer.hash();
		summary.head_state_root = replayer.state_root();
		summary.parcels = registry.parcels.len();
		summary.active_parcels = registry.parcels.values().filter(|p| p.parcel.is_active()).count();
		summary.title_versions = registry.parcels.values().map(|p| p.titles.len()).sum();
		summary.transfers = counts.transfers;
		summary.sales = counts.sales;
		summary.splits = counts.splits;
		summary.merges = counts.merges;
		summary.encumbrances_recorded = counts.encumbrances_recorded;
		summary.encumbrances_released = counts.encumbrances_released;
		summary.upgrades = registry.upgrades.len();
		summary.spec_version_at_head = replayer.runtime_version().spec_version;
		summary.seconds = seconds;
		summary.blocks_per_second = summary.blocks as f64 / seconds.max(1e-9);
		summary.extrinsics_per_second = summary.extrinsics as f64 / seconds.max(1e-9);
		summary.crosscheck_seconds = crosscheck_started.elapsed().as_secs_f64();
		summary.replay_blocks_per_second = summary.blocks as f64 / summary.replay_seconds.max(1e-9);
		summary.replay_extrinsics_per_second =
			summary.extrinsics as f64 / summary.replay_seconds.max(1e-9);
		summary.registry_differences = differences.len();

		if let Some(out) = &options.out {
			report::write(out, summary, registry, &differences)?;
		}
		if !differences.is_empty() {
			return Err(AuditError::RegistryDiffers { number: replayer.number(), differences });
		}
		if let Some(path) = &options.checkpoint_out {
			let checkpoint = Checkpoint {
				genesis_hash: self.genesis_hash,
				state: replayer.snapshot()?,
				registry: registry.clone(),
			};
			write_checkpoint(path, &checkpoint)?;
		}
		Ok(Outcome { summary: self.summary, registry: self.registry })
	}
}
