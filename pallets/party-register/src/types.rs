//! The party register's records.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;

/// What kind of party an account belongs to.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum PartyKind {
	/// A natural person.
	Person,
	/// A company or other private legal person.
	Company,
	/// A public body (a ministry, a municipality, a court).
	PublicBody,
}

/// An office's attestation that an account belongs to a verified party. Holds no personal data:
/// the party's identity is behind a salted commitment whose salt and identifier stay off-chain
/// with the office and the party.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Attestation<AccountId, BlockNumber, Balance> {
	/// `blake2_256(salt ‖ identifier ‖ account)`: the salt (32 random bytes), the national id or
	/// company number as the office recorded it (UTF-8), and the account's 32 bytes. Revealing
	/// the salt and identifier proves the link; discarding the salt makes it unlinkable.
	pub commitment: H256,
	/// The kind of party.
	pub kind: PartyKind,
	/// The office that attested or last renewed it; its account holds the deposit.
	pub office: AccountId,
	/// The block of the first attestation.
	pub attested_at: BlockNumber,
	/// The first block at which the attestation no longer counts.
	pub expires_at: BlockNumber,
	/// The deposit the office's account holds for the record.
	pub deposit: Balance,
}

impl<AccountId, BlockNumber: PartialOrd, Balance> Attestation<AccountId, BlockNumber, Balance> {
	/// Whether it still counts at block `now`.
	pub fn is_current(&self, now: &BlockNumber) -> bool {
		*now < self.expires_at
	}
}

/// An attestation carried into the genesis state: parties an existing identity register had
/// verified before the chain started. It holds no deposit (the office paid for none), counts from
/// block 0, and must end within the register's longest validity.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesisAttestation<AccountId, BlockNumber> {
	/// The verified account.
	pub party: AccountId,
	/// `blake2_256(salt ‖ identifier ‖ account)`, computed by the office.
	pub commitment: H256,
	/// The kind of party.
	pub kind: PartyKind,
	/// The office that verified it.
	pub office: AccountId,
	/// The first block at which it no longer counts.
	pub expires_at: BlockNumber,
}

/// The commitment of `identifier` and `account` under `salt`: what an office records and what a
/// party reveals to prove who it is.
pub fn commitment(salt: &[u8; 32], identifier: &[u8], account: &[u8]) -> H256 {
	let mut preimage = salt.to_vec();
	preimage.extend_from_slice(identifier);
	preimage.extend_from_slice(account);
	sp_crypto_hashing::blake2_256(&preimage).into()
}
