//! The domain types every Landchain crate shares, following ISO 19152 LADM: parcels are numbered,
//! titles are held by owners with exact shares, and every change cites a source document.
//!
//! No personal data: parties are accounts, documents are hashes.
//!
//! The types that reach the runtime's metadata ([`SourceKind`], [`Source`], [`Share`], [`Owner`])
//! keep the type paths they had when they were defined in `pallet_land_registry::types`
//! (`#[scale_info(replace_segment(…))]`), so that the metadata, and every client that names these
//! types by path, is unchanged by their move here.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};
use sp_core::{ConstU32, H256};
use sp_runtime::BoundedVec;

/// A parcel's chain-assigned number, counted up from 1 and never reused.
pub type ParcelId = u64;
/// An encumbrance's chain-assigned number, counted up from 1 across all parcels.
pub type EncumbranceId = u64;
/// A dealing (e.g. a sale) that locks a parcel while it is open: the conveyance's offer number.
pub type DealingId = u64;
/// A title's version: 1 at first registration, one more at every change.
pub type TitleVersion = u32;
/// An application's chain-assigned number, counted up from 1 and never reused.
pub type ApplicationId = u64;
/// An escrow's chain-assigned number, counted up from 1 and never reused.
pub type EscrowId = u64;

/// Longest jurisdiction code, in bytes (e.g. `KE-NAIROBI`).
pub const MAX_JURISDICTION_LEN: u32 = 32;
/// Longest cadastral reference or court reference, in bytes.
pub const MAX_REFERENCE_LEN: u32 = 64;
/// Longest document URI, in bytes.
pub const MAX_URI_LEN: u32 = 256;

/// A registration district's code, e.g. `KE-NAIROBI`. Cadastral references are unique within it.
pub type Jurisdiction = BoundedVec<u8, ConstU32<MAX_JURISDICTION_LEN>>;
/// A parcel's reference in the cadastre of its jurisdiction, e.g. `BLOCK-12/345`.
pub type CadastralReference = BoundedVec<u8, ConstU32<MAX_REFERENCE_LEN>>;
/// A court's reference for a case, e.g. `HCCC 123/2026`.
pub type CourtReference = BoundedVec<u8, ConstU32<MAX_REFERENCE_LEN>>;
/// Where the off-chain document can be fetched, e.g. `ipfs://…` or a registry archive path.
pub type DocumentUri = BoundedVec<u8, ConstU32<MAX_URI_LEN>>;

/// The kind of document behind a change in the registry.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(replace_segment("landchain_primitives", "pallet_land_registry"))]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub enum SourceKind {
	/// A deed of transfer or grant.
	Deed,
	/// A survey or cadastral plan.
	Survey,
	/// A court order or judgment.
	CourtOrder,
	/// A grant of probate or letters of administration (inheritance).
	Probate,
	/// A mortgage or charge instrument.
	MortgageInstrument,
	/// A lease agreement.
	LeaseAgreement,
	/// A discharge or release document.
	Discharge,
	/// A statute or the registrar's statutory decision.
	Statutory,
	/// Anything else, described in the document itself.
	Other,
}

/// The document behind a change: its kind, the hash of its contents and, optionally, where the
/// document is kept off-chain. Nothing personal is stored on chain.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
#[scale_info(replace_segment("landchain_primitives", "pallet_land_registry"))]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct Source {
	/// What the document is.
	pub kind: SourceKind,
	/// The blake2-256 (or other agreed) hash of the document.
	pub document_hash: H256,
	/// Where the document can be fetched, if published.
	#[cfg_attr(feature = "std", serde(serialize_with = "text::serialize_optional"))]
	pub uri: Option<DocumentUri>,
}

/// A fraction of the whole title: `numerator / denominator`, e.g. 1/3. The shares of a title's
/// owners sum exactly to 1.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(replace_segment("landchain_primitives", "pallet_land_registry"))]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct Share {
	/// The part held.
	pub numerator: u32,
	/// The parts the whole is divided into.
	pub denominator: u32,
}

impl Share {
	/// The whole title.
	pub const WHOLE: Share = Share { numerator: 1, denominator: 1 };

	/// A share is well formed when `0 < numerator <= denominator`.
	pub fn is_valid(&self) -> bool {
		self.numerator > 0 && self.denominator > 0 && self.numerator <= self.denominator
	}

	/// The part of `amount` this share is worth, rounded down, computed exactly (no overflow for
	/// any `u128` amount); `None` only for a zero denominator.
	pub fn of(&self, amount: u128) -> Option<u128> {
		multiply_by_rational_with_rounding(
			amount,
			u128::from(self.numerator),
			u128::from(self.denominator),
			Rounding::Down,
		)
	}
}

/// Whether the shares sum to exactly one whole. Exact rational arithmetic: 1/3 + 1/3 + 1/3 = 1.
pub fn shares_sum_to_whole<'a>(shares: impl IntoIterator<Item = &'a Share>) -> bool {
	fn gcd(mut a: u128, mut b: u128) -> u128 {
		while b != 0 {
			(a, b) = (b, a % b);
		}
		a
	}
	// Running sum `numerator / denominator`, kept in lowest terms.
	let (mut numerator, mut denominator) = (0u128, 1u128);
	for share in shares {
		if !share.is_valid() {
			return false;
		}
		let (n, d) = (u128::from(share.numerator), u128::from(share.denominator));
		let common = gcd(denominator, d);
		let Some(lcm) = (denominator / common).checked_mul(d) else {
			return false;
		};
		let Some(sum) = numerator
			.checked_mul(lcm / denominator)
			.and_then(|left| n.checked_mul(lcm / d).and_then(|right| left.checked_add(right)))
		else {
			return false;
		};
		let reduce = gcd(sum, lcm).max(1);
		(numerator, denominator) = (sum / reduce, lcm / reduce);
		if numerator > denominator {
			return false;
		}
	}
	numerator == denominator && numerator > 0
}

/// One owner of a title and their share of it.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
#[scale_info(replace_segment("landchain_primitives", "pallet_land_registry"))]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct Owner<AccountId> {
	/// The owner's account.
	pub account: AccountId,
	/// The owner's undivided share.
	pub share: Share,
}

impl<AccountId> Owner<AccountId> {
	/// `account` alone, holding the whole title: a list of one, which fits any bound.
	pub fn sole<S: sp_core::Get<u32>>(account: AccountId) -> BoundedVec<Owner<AccountId>, S> {
		BoundedVec::truncate_from(alloc::vec![Owner { account, share: Share::WHOLE }])
	}
}

/// What can be wrong with a list of owners (a title's, or the grantees of a sale).
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub enum OwnerListProblem {
	/// No owner at all.
	Empty,
	/// A share is not `0 < numerator <= denominator`.
	InvalidShare,
	/// The same account appears twice.
	DuplicateAccount,
	/// The shares do not sum to exactly one whole.
	NotWhole,
}

/// Checks a list of owners: non-empty, well-formed shares, no account twice, shares summing to
/// exactly one whole. Used by the registry for titles and by the conveyance for grantees.
pub fn check_owner_list<AccountId: PartialEq>(
	owners: &[Owner<AccountId>],
) -> Result<(), OwnerListProblem> {
	if owners.is_empty() {
		return Err(OwnerListProblem::Empty);
	}
	for (index, owner) in owners.iter().enumerate() {
		if !owner.share.is_valid() {
			return Err(OwnerListProblem::InvalidShare);
		}
		if owners.iter().skip(index + 1).any(|other| other.account == owner.account) {
			return Err(OwnerListProblem::DuplicateAccount);
		}
	}
	if !shares_sum_to_whole(owners.iter().map(|owner| &owner.share)) {
		return Err(OwnerListProblem::NotWhole);
	}
	Ok(())
}

/// A mortgage as other pallets see it, to discharge at a sale.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct MortgageSummary<AccountId, Balance> {
	/// The encumbrance to discharge.
	pub id: EncumbranceId,
	/// Who is paid.
	pub lender: AccountId,
	/// How much.
	pub amount: Balance,
	/// In which order (1 first).
	pub rank: u32,
}

/// A mortgage a dealing grants on the title it creates: a lender's advance towards the price,
/// secured on the parcel from the settlement on. The dealing has collected every new owner's
/// consent to these terms.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct NewMortgage<AccountId, Balance> {
	/// The lender, who holds the mortgage.
	pub lender: AccountId,
	/// The amount secured: the lender's advance.
	pub amount: Balance,
	/// The rank on the new title (1 first).
	pub rank: u32,
	/// The mortgage deed, with the loan's terms.
	pub source: Source,
}

/// JSON (RPC, audit report) rendering of byte strings as text: references and URIs are UTF-8 by
/// convention; anything else is shown lossily rather than as an array of numbers.
#[cfg(feature = "std")]
pub mod text {
	use serde::Serializer;

	/// Serializes bytes as a (lossy) UTF-8 string.
	pub fn serialize<S: Serializer>(
		bytes: &impl AsRef<[u8]>,
		serializer: S,
	) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&String::from_utf8_lossy(bytes.as_ref()))
	}

	/// Serializes optional bytes as a (lossy) UTF-8 string or `null`.
	pub fn serialize_optional<B: AsRef<[u8]>, S: Serializer>(
		bytes: &Option<B>,
		serializer: S,
	) -> Result<S::Ok, S::Error> {
		match bytes {
			Some(bytes) => serialize(bytes, serializer),
			None => serializer.serialize_none(),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn share(numerator: u32, denominator: u32) -> Share {
		Share { numerator, denominator }
	}

	#[test]
	fn thirds_sum_to_whole_exactly() {
		assert!(shares_sum_to_whole(&[share(1, 3), share(1, 3), share(1, 3)]));
		assert!(shares_sum_to_whole(&[share(1, 2), share(2, 6), share(1, 6)]));
		assert!(!shares_sum_to_whole(&[share(1, 3), share(1, 3)]));
		assert!(!shares_sum_to_whole(&[share(2, 3), share(2, 3), share(u32::MAX, u32::MAX)]));
		assert!(!shares_sum_to_whole(&[]));
		assert!(!shares_sum_to_whole(&[share(0, 1), share(1, 1)]));
	}

	#[test]
	fn a_share_of_any_amount_is_exact_and_rounds_down() {
		assert_eq!(share(1, 3).of(100), Some(33));
		assert_eq!(
			share(2, 3).of(u128::MAX),
			Some(226_854_911_280_625_642_308_916_404_954_512_140_970)
		);
		assert_eq!(Share::WHOLE.of(u128::MAX), Some(u128::MAX));
		assert_eq!(share(1, 0).of(1), None);
	}

	#[test]
	fn owner_lists_are_checked_in_order() {
		let owner = |account: u8, n, d| Owner { account, share: share(n, d) };
		assert_eq!(check_owner_list::<u8>(&[]), Err(OwnerListProblem::Empty));
		assert_eq!(check_owner_list(&[owner(1, 2, 1)]), Err(OwnerListProblem::InvalidShare));
		assert_eq!(
			check_owner_list(&[owner(1, 1, 2), owner(1, 1, 2)]),
			Err(OwnerListProblem::DuplicateAccount)
		);
		assert_eq!(check_owner_list(&[owner(1, 1, 2)]), Err(OwnerListProblem::NotWhole));
		assert_eq!(check_owner_list(&[owner(1, 1, 2), owner(2, 1, 2)]), Ok(()));
	}
}
