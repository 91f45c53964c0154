//! What can stop an audit, each in words an auditor can act on: the block (number and hash) and
//! exactly what differs.

use crate::types::{BlockNumber, Hash};
use landchain_primitives::ParcelId;
use serde::Serialize;

/// What differs in one block between what the source gave and what replaying it gives.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Mismatch {
	/// The block's number is not the one that must come next: a block is missing, repeated or
	/// out of order.
	#[error("block number: {}", number_mismatch(*expected, *found))]
	Number {
		/// The number that must come next.
		expected: BlockNumber,
		/// The number the source gave.
		found: BlockNumber,
	},
	/// The header's parent hash is not the hash of the previous (verified) block.
	#[error(
		"parent hash: the header names parent {found:?} but the verified previous block is \
		 {expected:?}"
	)]
	ParentHash {
		/// The hash of the verified previous block.
		expected: Hash,
		/// The parent hash in the header.
		found: Hash,
	},
	/// The header does not hash to the hash the source says this block has.
	#[error(
		"block hash: the source lists this block as {claimed:?} but its header hashes to \
		 {computed:?} (the header was altered)"
	)]
	BlockHash {
		/// The hash the source gave for this block number.
		claimed: Hash,
		/// The hash of the header as received.
		computed: Hash,
	},
	/// The extrinsics do not hash to the header's extrinsics root.
	#[error(
		"extrinsics root: the header says {header:?} but the extrinsics hash to {computed:?} \
		 (an extrinsic was altered, added or removed)"
	)]
	ExtrinsicsRoot {
		/// The root in the header.
		header: Hash,
		/// The root of the extrinsics as received.
		computed: Hash,
	},
	/// The state after executing the block does not have the header's state root.
	#[error("state root: the header says {header:?} but replaying the block gives {computed:?}")]
	StateRoot {
		/// The root in the header.
		header: Hash,
		/// The root of the replayed state.
		computed: Hash,
	},
	/// The digest the runtime computes differs from the header's.
	#[error("digest: {0}")]
	Digest(String),
	/// The block author's seal is missing or not a valid signature of the slot's authority.
	#[error("author seal: {0}")]
	Seal(String),
	/// An extrinsic the block carries is invalid in the replayed state.
	#[error("extrinsic #{index} is invalid when replayed: {reason}")]
	InvalidExtrinsic {
		/// Its index in the block.
		index: u32,
		/// Why the runtime refuses it.
		reason: String,
	},
	/// The runtime refused to execute the block for another reason (its message).
	#[error("execution failed: {0}")]
	Execution(String),
	/// The events the source reports differ from those the replay emits.
	#[error("events: {0}")]
	Events(String),
	/// The genesis block does not match the genesis state of the chain spec.
	#[error("genesis: {0}")]
	Genesis(String),
	/// GRANDPA finality: a justification that does not verify (forged, signed by the wrong set or
	/// too few), or one missing where the block must be proven final.
	#[error("GRANDPA finality: {0}")]
	Finality(String),
}

/// `block number: …` for [`Mismatch::Number`]: a gap (blocks missing) or a repeat.
fn number_mismatch(expected: BlockNumber, found: BlockNumber) -> String {
	if found > expected {
		let plural = found - expected > 1;
		format!(
			"expected #{expected} next but the source gave #{found} (block{} #{expected}{} missing)",
			if plural { "s" } else { "" },
			if plural { format!("..#{}", found - 1) } else { String::new() },
		)
	} else {
		format!("expected #{expected} next but the source gave #{found} (repeated or out of order)")
	}
}

/// The message of [`AuditError::RegistryDiffers`]: the count and the first 50 differences.
fn registry_differs(number: BlockNumber, differences: &[Difference]) -> String {
	let mut text = format!(
		"the registry rebuilt from the events differs from the on-chain registry at block \
		 #{number} in {} place(s):",
		differences.len()
	);
	for difference in differences.iter().take(50) {
		text.push_str(&format!("\n  - {difference}"));
	}
	if differences.len() > 50 {
		text.push_str(&format!("\n  … and {} more (see the report)", differences.len() - 50));
	}
	text
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
			Mismatch::Finality(_) => "finality",
		}
	}
}

/// Why an audit stopped or failed.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
	/// A block failed verification: the first mismatch stops the run.
	#[error("block #{number} ({hash:?}) failed verification: {mismatch}")]
	Block {
		/// The block's number (as the source gave it).
		number: BlockNumber,
		/// The block's hash (of its header as received).
		hash: Hash,
		/// What differs.
		mismatch: Mismatch,
	},
	/// The registry rebuilt from the events differs from the on-chain registry at the head.
	#[error("{}", registry_differs(*number, differences))]
	RegistryDiffers {
		/// The head block the comparison was made at.
		number: BlockNumber,
		/// Every difference found.
		differences: Vec<Difference>,
	},
	/// The events could not be turned into a chain of title (they contradict each other).
	#[error("the events of block #{number} do not form a chain of title: {what}")]
	EventStream {
		/// The block of the offending event.
		number: BlockNumber,
		/// What is wrong.
		what: String,
	},
	/// The block source (node, archive, file) failed or gave malformed data.
	#[error("block source: {0}")]
	Source(String),
	/// A certificate of title failed verification (or could not be issued): what fails.
	#[error("certificate: {0}")]
	Certificate(String),
	/// Anything else (bad arguments, unwritable output, broken genesis spec, …).
	#[error("{0}")]
	Other(String),
}

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

/// One way the registry rebuilt from the events differs from the registry in the state. Keys and
/// values are shown as the audit's types print them, shortened to 400 characters.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Difference {
	/// A record the state holds and the events never made.
	#[error("{what} {key} is on chain ({on_chain}) but not in the rebuilt registry")]
	OnlyOnChain {
		/// What kind of record.
		what: &'static str,
		/// Its key.
		key: String,
		/// The value in the state.
		on_chain: String,
	},
	/// A record the events made and the state lacks.
	#[error("{what} {key} is in the rebuilt registry ({rebuilt}) but not on chain")]
	OnlyRebuilt {
		/// What kind of record.
		what: &'static str,
		/// Its key.
		key: String,
		/// The value rebuilt from the events.
		rebuilt: String,
	},
	/// A record both hold, with different values.
	#[error("{what} {key} differs: on chain {on_chain}, rebuilt {rebuilt}")]
	Differs {
		/// What kind of record.
		what: &'static str,
		/// Its key.
		key: String,
		/// The value in the state.
		on_chain: String,
		/// The value rebuilt from the events.
		rebuilt: String,
	},
	/// Entries of a storage map that do not decode with the audit's types.
	#[error(
		"{item}: {on_chain} entries on chain but only {decoded} decode with this node's types"
	)]
	Undecodable {
		/// The storage item.
		item: &'static str,
		/// Entries in raw storage.
		on_chain: usize,
		/// Entries that decode.
		decoded: usize,
	},
	/// An owner of a rebuilt title missing from the state's owner index.
	#[error("owner index: {account} holds parcel {parcel} by its title but the index lacks it")]
	OwnerNotIndexed {
		/// The owner (SS58).
		account: String,
		/// The parcel.
		parcel: ParcelId,
	},
	/// An owner-index entry with no rebuilt title behind it.
	#[error(
		"owner index: lists {account} for parcel {parcel} but the rebuilt title has no such owner"
	)]
	IndexedWithoutTitle {
		/// The indexed account (SS58).
		account: String,
		/// The parcel.
		parcel: ParcelId,
	},
	/// An id counter that is not one past the last id the events used.
	#[error("{counter} is {on_chain} on chain but the events {used} up to {last}")]
	Counter {
		/// The counter (`NextParcelId`, `NextEncumbranceId`).
		counter: &'static str,
		/// Its value in the state.
		on_chain: u64,
		/// What the events did with the ids.
		used: &'static str,
		/// The last id the events used.
		last: u64,
	},
}
