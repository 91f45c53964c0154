//! What can stop an audit, each in words an auditor can act on: the block (number and hash) and
//! exactly what differs.

use crate::{BlockNumber, Hash};
use std::fmt;

/// What differs in one block between what the source gave and what replaying it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
	/// The block's number is not the one that must come next: a block is missing, repeated or
	/// out of order.
	Number {
		/// The number that must come next.
		expected: BlockNumber,
		/// The number the source gave.
		found: BlockNumber,
	},
	/// The header's parent hash is not the hash of the previous (verified) block.
	ParentHash {
		/// The hash of the verified previous block.
		expected: Hash,
		/// The parent hash in the header.
		found: Hash,
	},
	/// The header does not hash to the hash the source says this block has.
	BlockHash {
		/// The hash the source gave for this block number.
		claimed: Hash,
		/// The hash of the header as received.
		computed: Hash,
	},
	/// The extrinsics do not hash to the header's extrinsics root.
	ExtrinsicsRoot {
		/// The root in the header.
		header: Hash,
		/// The root of the extrinsics as received.
		computed: Hash,
	},
	/// The state after executing the block does not have the header's state root.
	StateRoot {
		/// The root in the header.
		header: Hash,
		/// The root of the replayed state.
		computed: Hash,
	},
	/// The digest the runtime computes differs from the header's.
	Digest(String),
	/// The block author's seal is missing or not a valid signature of the slot's authority.
	Seal(String),
	/// An extrinsic the block carries is invalid in the replayed state.
	InvalidExtrinsic {
		/// Its index in the block.
		index: u32,
		/// Why the runtime refuses it.
		reason: String,
	},
	/// The runtime refused to execute the block for another reason (its message).
	Execution(String),
	/// The events the source reports differ from those the replay emits.
	Events(String),
	/// The genesis block does not match the genesis state of the chain spec.
	Genesis(String),
}

impl fmt::Display for Mismatch {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Mismatch::Number { expected, found } if found > expected => write!(
				f,
				"block number: expected #{expected} next but the source gave #{found} \
				 (block{} #{expected}{} missing)",
				if found - expected > 1 { "s" } else { "" },
				if found - expected > 1 { format!("..#{}", found - 1) } else { String::new() },
			),
			Mismatch::Number { expected, found } => write!(
				f,
				"block number: expected #{expected} next but the source gave #{found} \
				 (repeated or out of order)"
			),
			Mismatch::ParentHash { expected, found } => write!(
				f,
				"parent hash: the header names parent {found:?} but the verified previous block \
				 is {expected:?}"
			),
			Mismatch::BlockHash { claimed, computed } => write!(
				f,
				"block hash: the source lists this block as {claimed:?} but its header hashes \
				 to {computed:?} (the header was altered)"
			),
			Mismatch::ExtrinsicsRoot { header, computed } => write!(
				f,
				"extrinsics root: the header says {header:?} but the extrinsics hash to \
				 {computed:?} (an extrinsic was altered, added or removed)"
			),
			Mismatch::StateRoot { header, computed } => write!(
				f,
				"state root: the header says {header:?} but replaying the block gives \
				 {computed:?}"
			),
			Mismatch::Digest(what) => write!(f, "digest: {what}"),
			Mismatch::Seal(what) => write!(f, "author seal: {what}"),
			Mismatch::InvalidExtrinsic { index, reason } => {
				write!(f, "extrinsic #{index} is invalid when replayed: {reason}")
			}
			Mismatch::Execution(message) => write!(f, "execution failed: {message}"),
			Mismatch::Events(what) => write!(f, "events: {what}"),
			Mismatch::Genesis(what) => write!(f, "genesis: {what}"),
		}
	}
}

impl Mismatch {
	/// A short name of what differs, for machine-readable reports and tests.
	pub fn kind(&self) -> &'static str {
		match self {
			Mismatch::Number { .. } => "block-number",
			Mismatch::ParentHash { .. } => "parent-hash",
			Mismatch::BlockHash { .. } => "block-hash",
			Mismatch::ExtrinsicsRoot { .. } => "extrinsics-root",
			Mismatch::StateRoot { .. } => "state-root",
			Mismatch::Digest(_) => "digest",
			Mismatch::Seal(_) => "seal",
			Mismatch::InvalidExtrinsic { .. } => "invalid-extrinsic",
			Mismatch::Execution(_) => "execution",
			Mismatch::Events(_) => "events",
			Mismatch::Genesis(_) => "genesis",
		}
	}
}

/// Why an audit stopped or failed.
#[derive(Debug)]
pub enum AuditError {
	/// A block failed verification: the first mismatch stops the run.
	Block {
		/// The block's number (as the source gave it).
		number: BlockNumber,
		/// The block's hash (of its header as received).
		hash: Hash,
		/// What differs.
		mismatch: Mismatch,
	},
	/// The registry rebuilt from the events differs from the on-chain registry at the head.
	RegistryDiffers {
		/// The head block the comparison was made at.
		number: BlockNumber,
		/// Every difference found.
		differences: Vec<String>,
	},
	/// The events could not be turned into a chain of title (they contradict each other).
	EventStream {
		/// The block of the offending event.
		number: BlockNumber,
		/// What is wrong.
		what: String,
	},
	/// The block source (node, archive, file) failed or gave malformed data.
	Source(String),
	/// Anything else (bad arguments, unwritable output, broken genesis spec, …).
	Other(String),
}

impl fmt::Display for AuditError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			AuditError::Block { number, hash, mismatch } => {
				write!(f, "block #{number} ({hash:?}) failed verification: {mismatch}")
			}
			AuditError::RegistryDiffers { number, differences } => {
				write!(
					f,
					"the registry rebuilt from the events differs from the on-chain registry at \
					 block #{number} in {} place(s):",
					differences.len()
				)?;
				for difference in differences.iter().take(50) {
					write!(f, "\n  - {difference}")?;
				}
				if differences.len() > 50 {
					write!(f, "\n  … and {} more (see the report)", differences.len() - 50)?;
				}
				Ok(())
			}
			AuditError::EventStream { number, what } => {
				write!(f, "the events of block #{number} do not form a chain of title: {what}")
			}
			AuditError::Source(what) => write!(f, "block source: {what}"),
			AuditError::Other(what) => write!(f, "{what}"),
		}
	}
}

impl std::error::Error for AuditError {}

impl AuditError {
	/// The block number of a block mismatch, if this is one.
	pub fn block_number(&self) -> Option<BlockNumber> {
		match self {
			AuditError::Block { number, .. } | AuditError::EventStream { number, .. } => {
				Some(*number)
			}
			AuditError::RegistryDiffers { number, .. } => Some(*number),
			_ => None,
		}
	}

	/// The mismatch of a failed block, if this is one.
	pub fn mismatch(&self) -> Option<&Mismatch> {
		match self {
			AuditError::Block { mismatch, .. } => Some(mismatch),
			_ => None,
		}
	}
}

/// Shorthand for the results of this crate.
pub type Result<T, E = AuditError> = std::result::Result<T, E>;
