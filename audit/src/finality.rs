//! GRANDPA finality, checked from the chain spec's genesis authority set: the audit's finality
//! check and the certificates of title share it.
//!
//! A block is final when a **justification** — precommits for it (or a descendant) signed by more
//! than two thirds of the authority set in force — verifies. The set in force starts as the
//! genesis `Grandpa.Authorities` (set 0) and changes only at a block whose header carries a
//! GRANDPA `ScheduledChange` digest: that block (or, with a delay, the block `delay` blocks after
//! it) is the last block the old set finalizes; the node always keeps a justification for it, and
//! the next set takes over after it. A *forced* change is enacted without the old set's
//! signatures, so nothing here can verify it: it is refused, saying so.
//!
//! [`AuthoritySet`] is that walk: [`AuthoritySet::from_state`] starts it from a state (the
//! genesis, or an audit checkpoint's head), [`AuthoritySet::verify`] checks a justification, and
//! [`AuthoritySet::follow`] moves to the next set at a change block.
//! [`AuthoritySet::verify_proof`] checks a [`FinalityProof`]: the set changes since the start,
//! each justified by the set before it, then a justification of a block at or after the one to
//! prove, with the headers linking the two.

use crate::{
	error::AuditError,
	source::RpcClient,
	types::{Block, BlockNumber, Hash, Header},
};
use codec::{Decode, Encode};
use landchain_primitives::storage;
use sc_consensus_grandpa::{find_forced_change, find_scheduled_change, GrandpaJustification};
use serde_json::Value;
use sp_consensus_grandpa::{AuthorityList, SetId, GRANDPA_ENGINE_ID};
use sp_core::Bytes;
use sp_runtime::{traits::Header as _, Justifications};
use std::{collections::BTreeMap, time::Duration};

/// How long asking a node for a proof waits for GRANDPA to finalize a block after the one to
/// prove (a round takes a few seconds).
const JUSTIFICATION_TIMEOUT: Duration = Duration::from_secs(90);

/// The GRANDPA justification in a block's justifications, if it carries one.
pub fn grandpa_justification(justifications: Option<&Justifications>) -> Option<&[u8]> {
	justifications?.get(GRANDPA_ENGINE_ID).map(|bytes| bytes.as_slice())
}

/// One authority set change: the last block the old set finalized (its header carries the
/// `ScheduledChange` digest naming the next set) and that set's justification of it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct SetChange {
	/// The header of the change block (SCALE-encoded in the certificate's JSON as hex).
	pub header: Header,
	/// The old set's GRANDPA justification of that block (SCALE).
	pub justification: Vec<u8>,
}

/// What proves a block final without the blocks in between: the authority set changes from the
/// set the verifier starts with, a justification signed by the set in force after them, and the
/// headers from the block to prove (exclusive) up to the justification's target (inclusive).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct FinalityProof {
	/// The authority set changes, oldest first.
	pub set_changes: Vec<SetChange>,
	/// The justification (SCALE).
	pub justification: Vec<u8>,
	/// The headers after the proven block up to the justification's target, in order; empty when
	/// the justification finalizes the proven block itself.
	pub headers: Vec<Header>,
}

/// What a verified justification says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Justified {
	/// The block it finalizes.
	pub number: BlockNumber,
	/// That block's hash.
	pub hash: Hash,
	/// How many authorities signed (precommits), of how many in the set.
	pub signed_by: (usize, usize),
	/// The set that signed it.
	pub set_id: SetId,
}

/// A change scheduled with a delay: enacted when block `at` is finalized.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct PendingChange {
	/// The block that enacts it (the old set's last block).
	pub at: BlockNumber,
	/// The next set.
	pub next: AuthorityList,
}

/// The GRANDPA authority set in force, walked forward from a state.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct AuthoritySet {
	/// Its id: the number of changes since genesis.
	pub set_id: SetId,
	/// Its authorities and weights.
	pub authorities: AuthorityList,
	/// A change scheduled with a delay and not yet enacted.
	pub pending: Option<PendingChange>,
}

impl AuthoritySet {
	/// The set in force after the block whose state `read` reads: `Grandpa.Authorities` and
	/// `Grandpa.CurrentSetId` (0 when absent, as at genesis). A change the state still holds as
	/// pending has been counted by the runtime already; the set in force is then the one before.
	pub fn from_state(read: impl Fn(&[u8]) -> Option<Vec<u8>>) -> Result<Self, String> {
		let authorities = read(&storage::grandpa_authorities())
			.ok_or("the state holds no GRANDPA authorities (Grandpa.Authorities)")?;
		let authorities = AuthorityList::decode(&mut &authorities[..])
			.map_err(|error| format!("Grandpa.Authorities does not decode: {error}"))?;
		let set_id = read(&storage::grandpa_current_set_id())
			.map(|bytes| SetId::decode(&mut &bytes[..]))
			.transpose()
			.map_err(|error| format!("Grandpa.CurrentSetId does not decode: {error}"))?
			.unwrap_or(0);
		let pending = read(&storage::grandpa_pending_change())
			.map(|bytes| {
				// A weakly bounded list: the bound does not matter to decoding.
				pallet_grandpa::StoredPendingChange::<BlockNumber, sp_core::ConstU32<{ u32::MAX }>>::decode(
					&mut &bytes[..],
				)
			})
			.transpose()
			.map_err(|error| format!("Grandpa.PendingChange does not decode: {error}"))?;
		match pending {
			None => Ok(Self { set_id, authorities, pending: None }),
			Some(change) if change.forced.is_some() => {
				Err("the state holds a forced GRANDPA authority change, which signatures cannot \
				     prove"
					.to_string())
			}
			Some(change) => Ok(Self {
				set_id: set_id.saturating_sub(1),
				authorities,
				pending: Some(PendingChange {
					at: change.scheduled_at.saturating_add(change.delay),
					next: change.next_authorities.into_inner(),
				}),
			}),
		}
	}

	/// Verifies that `justification` (SCALE) is this set's and finalizes exactly `number`/`hash`.
	pub fn verify(
		&self,
		justification: &[u8],
		number: BlockNumber,
		hash: Hash,
	) -> Result<Justified, String> {
		let decoded = GrandpaJustification::<Block>::decode(&mut &justification[..])
			.map_err(|error| format!("the GRANDPA justification does not decode: {error}"))?;
		let target = decoded.target();
		if target != (number, hash) {
			return Err(format!(
				"the GRANDPA justification finalizes #{} {:?}, not #{number} {hash:?}",
				target.0, target.1
			));
		}
		decoded.verify(self.set_id, &self.authorities).map_err(|error| {
			format!(
				"the GRANDPA justification does not verify against authority set {} ({} \
				 authorities): a bad signature, a signer outside the set, or fewer than two \
				 thirds signed ({error})",
				self.set_id,
				self.authorities.len()
			)
		})?;
		Ok(Justified {
			number,
			hash,
			signed_by: (decoded.justification.commit.precommits.len(), self.authorities.len()),
			set_id: self.set_id,
		})
	}

	/// Whether `header` ends this set: it enacts a scheduled change (a `ScheduledChange` digest
	/// with no delay, or the block a pending change waited for). Schedules a delayed change for
	/// later; refuses a forced change.
	pub fn ends_at(&mut self, header: &Header) -> Result<bool, String> {
		if find_forced_change::<Block>(header).is_some() {
			return Err("the block signals a forced GRANDPA authority set change, which the old \
			            set's signatures cannot prove"
				.to_string());
		}
		if let Some(change) = find_scheduled_change::<Block>(header) {
			if self.pending.is_some() {
				return Err("the block schedules a GRANDPA authority set change while another \
				            is pending"
					.to_string());
			}
			self.pending = Some(PendingChange {
				at: header.number.saturating_add(change.delay),
				next: change.next_authorities,
			});
		}
		Ok(self.pending.as_ref().is_some_and(|pending| pending.at == header.number))
	}

	/// Moves to the next set after its change block (call when [`Self::ends_at`] said so and the
	/// block's justification verified).
	pub fn follow(&mut self) {
		if let Some(pending) = self.pending.take() {
			self.authorities = pending.next;
			self.set_id = self.set_id.saturating_add(1);
		}
	}

	/// Verifies `proof` that block `number`/`hash` is final, starting from this set: every set
	/// change justified by the set before it, then the justification, signed by the set after
	/// the changes, of the last of the linking headers (or of the block itself). Returns the
	/// justification's target and signers.
	pub fn verify_proof(
		&self,
		proof: &FinalityProof,
		number: BlockNumber,
		hash: Hash,
	) -> Result<Justified, String> {
		let mut set = self.clone();
		let mut last_change: Option<BlockNumber> = None;
		for change in &proof.set_changes {
			let (change_number, change_hash) = (change.header.number, change.header.hash());
			if let Some(last) = last_change.filter(|last| change_number <= *last) {
				return Err(format!(
					"the authority set changes are out of order (#{change_number} after #{last})"
				));
			}
			if !set
				.ends_at(&change.header)
				.map_err(|e| format!("set change #{change_number}: {e}"))?
			{
				return Err(format!(
					"set change #{change_number}: the header does not enact a GRANDPA authority \
					 set change (no ScheduledChange digest)"
				));
			}
			set.verify(&change.justification, change_number, change_hash).map_err(|error| {
				format!(
					"set change #{change_number} (set {} to {}): {error}",
					set.set_id,
					set.set_id + 1
				)
			})?;
			set.follow();
			last_change = Some(change_number);
		}
		let (mut last_number, mut last_hash) = (number, hash);
		for header in &proof.headers {
			if *header.parent_hash() != last_hash || header.number != last_number + 1 {
				return Err(format!(
					"the header chain is broken after #{last_number}: header #{} does not follow \
					 it",
					header.number
				));
			}
			(last_number, last_hash) = (header.number, header.hash());
		}
		set.verify(&proof.justification, last_number, last_hash)
	}
}

fn node_error(what: impl Into<String>) -> AuditError {
	AuditError::Source(what.into())
}

fn hex(bytes: &[u8]) -> Value {
	Value::String(sp_core::bytes::to_hex(bytes, false))
}

fn header_at(client: &RpcClient, hash: Hash) -> Result<Header, AuditError> {
	client
		.request::<Option<Header>>("chain_getHeader", vec![hex(hash.as_bytes())])?
		.ok_or_else(|| node_error(format!("the node has no header {hash:?}")))
}

/// Asks a node over RPC for a [`FinalityProof`] of block `number`/`hash`, for a verifier whose
/// walk is at authority set `from.0`, which finalizes blocks from `from.1` on (set 0 from block
/// 1 for a verifier starting at genesis). The justification is the next one the node announces
/// (`grandpa_subscribeJustifications`: it finalizes the block or a later one, waiting at most
/// 90 s); the set changes are the stored justifications of each set's last block
/// (`grandpa_proveFinality`), as many as the set that signed it is past `from.0`.
pub fn prove_from_node(
	client: &RpcClient,
	number: BlockNumber,
	hash: Hash,
	from: (SetId, BlockNumber),
) -> Result<FinalityProof, AuditError> {
	let encoded: String = client.first_notification(
		"grandpa_subscribeJustifications",
		"grandpa_unsubscribeJustifications",
		JUSTIFICATION_TIMEOUT,
	)?;
	let justification = sp_core::bytes::from_hex(&encoded)
		.map_err(|error| node_error(format!("the node's justification is not hex: {error:?}")))?;
	let (target, target_hash) = GrandpaJustification::<Block>::decode(&mut &justification[..])
		.map_err(|error| node_error(format!("the node's justification does not decode: {error}")))?
		.target();
	if target < number {
		return Err(node_error(format!(
			"the node's justification finalizes #{target}, before block #{number}"
		)));
	}
	let mut headers = Vec::new();
	for next in number + 1..=target {
		let next_hash: Hash = client.request("chain_getBlockHash", vec![next.into()])?;
		headers.push(header_at(client, next_hash)?);
	}
	if headers.last().map_or(hash, |header| header.hash()) != target_hash {
		return Err(node_error(format!(
			"the node's justification finalizes #{target} {target_hash:?}, not its own block #{target}"
		)));
	}

	// The set that signed it is the set in force after the target's parent.
	let target_header =
		headers.last().map_or_else(|| header_at(client, hash), |last| Ok(last.clone()))?;
	let mut state = BTreeMap::new();
	for key in [
		storage::grandpa_authorities(),
		storage::grandpa_current_set_id(),
		storage::grandpa_pending_change(),
	] {
		let value: Option<Bytes> = client.request(
			"state_getStorage",
			vec![hex(&key), hex(target_header.parent_hash.as_bytes())],
		)?;
		state.insert(key.to_vec(), value.map(|bytes| bytes.0));
	}
	let signing =
		AuthoritySet::from_state(|key| state.get(key).cloned().flatten()).map_err(node_error)?;

	let mut set_changes = Vec::new();
	let mut next = from.1;
	for set in from.0..signing.set_id {
		let proof: Option<Bytes> = client.request("grandpa_proveFinality", vec![next.into()])?;
		let proof = proof.ok_or_else(|| {
			node_error(format!("the node has no justification of the last block of set {set}"))
		})?;
		let proof = sc_consensus_grandpa::FinalityProof::<Header>::decode(&mut &proof[..])
			.map_err(|error| {
				node_error(format!("the node's finality proof does not decode: {error}"))
			})?;
		let header = header_at(client, proof.block)?;
		next = header.number + 1;
		set_changes.push(SetChange { header, justification: proof.justification });
	}
	Ok(FinalityProof { set_changes, justification, headers })
}

/// A GRANDPA justification of `target` (round 1 of set `set_id`) with one precommit by each of
/// `signers`: what the authorities of a synthetic chain (tests, benchmarks) sign.
pub fn sign_justification(
	target: &Header,
	set_id: SetId,
	signers: &[sp_core::ed25519::Pair],
) -> Vec<u8> {
	use sp_core::Pair as _;
	let precommit = sp_consensus_grandpa::Precommit::<Header> {
		target_hash: target.hash(),
		target_number: target.number,
	};
	let message = sp_consensus_grandpa::Message::<Header>::Precommit(precommit.clone());
	let payload = sp_consensus_grandpa::localized_payload(1, set_id, &message);
	let precommits = signers
		.iter()
		.map(|pair| finality_grandpa::SignedPrecommit {
			precommit: precommit.clone(),
			signature: pair.sign(&payload).into(),
			id: sp_consensus_grandpa::AuthorityId::from(pair.public()),
		})
		.collect();
	let justification = sp_consensus_grandpa::GrandpaJustification::<Header> {
		round: 1,
		commit: sp_consensus_grandpa::Commit::<Header> {
			target_hash: target.hash(),
			target_number: target.number,
			precommits,
		},
		votes_ancestries: Vec::new(),
	};
	GrandpaJustification::<Block>::from(justification).encode()
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_consensus_grandpa::{AuthorityId, ConsensusLog, ScheduledChange};
	use sp_core::ed25519;
	use sp_keyring::Ed25519Keyring::{self, *};
	use sp_runtime::{Digest, DigestItem};

	fn set_of(keys: &[Ed25519Keyring]) -> AuthorityList {
		keys.iter().map(|key| (AuthorityId::from(key.public()), 1)).collect()
	}

	fn header(
		number: BlockNumber,
		parent: Hash,
		change: Option<(&[Ed25519Keyring], u32)>,
	) -> Header {
		let mut digest = Digest::default();
		if let Some((next, delay)) = change {
			digest.push(DigestItem::Consensus(
				GRANDPA_ENGINE_ID,
				ConsensusLog::<BlockNumber>::ScheduledChange(ScheduledChange {
					next_authorities: set_of(next),
					delay,
				})
				.encode(),
			));
		}
		Header::new(number, Default::default(), Default::default(), parent, digest)
	}

	/// A chain of `length` headers after a genesis-like header #0.
	fn chain(length: u32, changes: &[(u32, &[Ed25519Keyring])]) -> Vec<Header> {
		let mut headers = vec![header(0, Hash::zero(), None)];
		for number in 1..=length {
			let change = changes.iter().find(|(at, _)| *at == number).map(|(_, next)| (*next, 0));
			let parent = headers.last().expect("genesis").hash();
			headers.push(header(number, parent, change));
		}
		headers
	}

	fn justify(target: &Header, set_id: SetId, signers: &[Ed25519Keyring]) -> Vec<u8> {
		let pairs: Vec<ed25519::Pair> = signers.iter().map(|key| key.pair()).collect();
		sign_justification(target, set_id, &pairs)
	}

	const FIRST: &[Ed25519Keyring] = &[Alice, Bob, Charlie, Dave];
	const SECOND: &[Ed25519Keyring] = &[Eve, Ferdie, One, Two];

	fn genesis_set() -> AuthoritySet {
		AuthoritySet { set_id: 0, authorities: set_of(FIRST), pending: None }
	}

	/// Blocks 1..=10; block 4 hands over from FIRST to SECOND; block 10 is justified by SECOND.
	/// The proof is about block 2.
	fn proof_across_a_change() -> (Vec<Header>, FinalityProof) {
		let headers = chain(10, &[(4, SECOND)]);
		let proof = FinalityProof {
			set_changes: vec![SetChange {
				header: headers[4].clone(),
				justification: justify(&headers[4], 0, &[Alice, Bob, Charlie]),
			}],
			justification: justify(&headers[10], 1, &[Eve, Ferdie, One, Two]),
			headers: headers[3..=10].to_vec(),
		};
		(headers, proof)
	}

	#[test]
	fn a_block_is_proven_final_across_an_authority_set_change() {
		let (headers, proof) = proof_across_a_change();
		let justified =
			genesis_set().verify_proof(&proof, 2, headers[2].hash()).expect("the proof holds");
		assert_eq!((justified.number, justified.set_id, justified.signed_by), (10, 1, (4, 4)));
	}

	#[test]
	fn the_new_set_cannot_be_skipped_the_old_set_cannot_sign_after_its_change() {
		let (headers, mut proof) = proof_across_a_change();
		proof.justification = justify(&headers[10], 1, &[Alice, Bob, Charlie, Dave]);
		let error = genesis_set().verify_proof(&proof, 2, headers[2].hash()).unwrap_err();
		assert!(error.contains("does not verify against authority set 1"), "{error}");

		let (headers, mut proof) = proof_across_a_change();
		proof.set_changes.clear();
		let error = genesis_set().verify_proof(&proof, 2, headers[2].hash()).unwrap_err();
		assert!(error.contains("authority set 0"), "without the change, set 0 is asked: {error}");
	}

	#[test]
	fn a_set_change_signed_by_its_own_new_set_or_too_few_is_refused() {
		let (headers, mut proof) = proof_across_a_change();
		proof.set_changes[0].justification = justify(&headers[4], 0, &[Eve, Ferdie, One]);
		let error = genesis_set().verify_proof(&proof, 2, headers[2].hash()).unwrap_err();
		assert!(error.starts_with("set change #4 (set 0 to 1)"), "{error}");

		let (headers, mut proof) = proof_across_a_change();
		proof.set_changes[0].justification = justify(&headers[4], 0, &[Alice, Bob]);
		let error = genesis_set().verify_proof(&proof, 2, headers[2].hash()).unwrap_err();
		assert!(error.contains("fewer than two thirds"), "two of four is not enough: {error}");
	}

	#[test]
	fn a_set_change_header_without_the_change_digest_is_refused() {
		let (headers, mut proof) = proof_across_a_change();
		proof.set_changes[0] =
			SetChange { header: headers[5].clone(), justification: justify(&headers[5], 0, FIRST) };
		let error = genesis_set().verify_proof(&proof, 2, headers[2].hash()).unwrap_err();
		assert!(error.contains("does not enact a GRANDPA authority set change"), "{error}");
	}

	#[test]
	fn a_broken_header_chain_or_a_tampered_signature_is_refused() {
		let (headers, mut proof) = proof_across_a_change();
		proof.headers.remove(3);
		let error = genesis_set().verify_proof(&proof, 2, headers[2].hash()).unwrap_err();
		assert!(error.contains("header chain is broken after #5"), "{error}");

		let (headers, mut proof) = proof_across_a_change();
		let last = proof.justification.len() - 40;
		proof.justification[last] ^= 1;
		let error = genesis_set().verify_proof(&proof, 2, headers[2].hash()).unwrap_err();
		assert!(error.contains("does not verify"), "{error}");
	}

	#[test]
	fn a_delayed_change_ends_the_set_at_its_enacting_block_and_a_forced_one_is_refused() {
		let mut set = genesis_set();
		let scheduling = header(3, Hash::zero(), Some((SECOND, 2)));
		assert!(!set.ends_at(&scheduling).unwrap(), "a delayed change is only scheduled");
		assert!(!set.ends_at(&header(4, Hash::zero(), None)).unwrap());
		assert!(set.ends_at(&header(5, Hash::zero(), None)).unwrap(), "#3 + 2 enacts it");
		set.follow();
		assert_eq!(
			(set.set_id, set.authorities.clone(), set.pending.clone()),
			(1, set_of(SECOND), None)
		);

		let mut forced = Digest::default();
		forced.push(DigestItem::Consensus(
			GRANDPA_ENGINE_ID,
			ConsensusLog::<BlockNumber>::ForcedChange(
				0,
				ScheduledChange { next_authorities: set_of(SECOND), delay: 0 },
			)
			.encode(),
		));
		let header = Header::new(6, Default::default(), Default::default(), Hash::zero(), forced);
		assert!(set.ends_at(&header).unwrap_err().contains("forced"));
	}
}
