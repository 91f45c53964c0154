//! Offers and settlement records.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::*, traits::fungible::Inspect, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use landchain_primitives::{EncumbranceId, EscrowId, Owner, ParcelId, Source};
use scale_info::TypeInfo;

/// An offer's chain-assigned number; it is also the dealing id under which the parcel is locked.
pub type OfferId = u64;

/// An amount of the chain's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Owners (sellers or grantees) with their shares.
pub type PartiesOf<T> =
	BoundedVec<Owner<<T as frame_system::Config>::AccountId>, <T as Config>::MaxParties>;

/// Where an offer stands.
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
pub enum OfferStatus {
	/// Waiting for every co-owner to consent; the parcel is already locked.
	AwaitingSellerConsents,
	/// Every co-owner consented: the buyer may accept and fund.
	Open,
	/// The buyer accepted and the price is in escrow (`None` for a gift): a registrar may approve.
	Funded {
		/// The escrow holding the price.
		escrow: Option<EscrowId>,
	},
}

/// A registrar's reason for rejecting a transfer.
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
pub enum RejectionReason {
	/// The deed or supporting documents are missing or incomplete.
	DocumentsIncomplete,
	/// The deed does not match the registered parcel or parties.
	DeedMismatch,
	/// A party's identity or capacity could not be verified off-chain.
	PartyNotVerified,
	/// The price looks like a sham (e.g. to evade duty).
	PriceNotBonaFide,
	/// A dispute or court proceeding is pending.
	DisputePending,
	/// Another reason, recorded in the registry's files.
	Other,
}

/// An offer to sell a parcel to a named buyer.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Offer<T: Config> {
	/// The parcel for sale (locked under this offer's id).
	pub parcel: ParcelId,
	/// The owners selling, with their shares, as registered when the offer was made.
	pub sellers: PartiesOf<T>,
	/// The buyer, who accepts and pays.
	pub buyer: T::AccountId,
	/// Who receives the title, with their shares (often the buyer alone).
	pub grantees: PartiesOf<T>,
	/// The price (zero for a gift).
	pub price: BalanceOf<T>,
	/// After this block the offer lapses and anyone may expire it.
	pub deadline: BlockNumberFor<T>,
	/// The deed of transfer.
	pub deed: Source,
	/// Sellers and grantees who have consented (the offering seller from the start).
	pub consents: ConsentsOf<T>,
	/// Where the offer stands.
	pub status: OfferStatus,
	/// The seller who made the offer; their deposit is held until the offer ends.
	pub offered_by: T::AccountId,
	/// The deposit held from `offered_by`.
	pub deposit: BalanceOf<T>,
}

/// Room for everyone who consents to an offer: every seller and every grantee but the buyer,
/// so twice `MaxParties`. (The list was bounded by `MaxParties` alone until spec 102, which let a
/// parcel with many sellers never reach funding when it had co-grantees. A bounded list encodes
/// as a plain list, so stored offers read the same under either bound.)
pub struct MaxConsents<T>(core::marker::PhantomData<T>);

impl<T: Config> Get<u32> for MaxConsents<T> {
	fn get() -> u32 {
		T::MaxParties::get().saturating_mul(2)
	}
}

/// The accounts that have consented to an offer.
pub type ConsentsOf<T> = BoundedVec<<T as frame_system::Config>::AccountId, MaxConsents<T>>;

impl<T: Config> Offer<T> {
	/// The offer's size for weighing its calls: the larger of its sellers and its grantees
	/// (the `s` component of the benchmarks, which give an offer as many grantees as sellers).
	pub fn parties(&self) -> u32 {
		self.sellers.len().max(self.grantees.len()) as u32
	}
}

/// What a settlement did, for weighing the approving call.
#[derive(Clone, Copy, Eq, PartialEq, Debug)]
pub struct SettlementSize {
	/// The offer's parties (`Offer::parties`).
	pub parties: u32,
	/// The mortgages discharged.
	pub mortgages: u32,
}

/// Why money was paid at a settlement.
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
pub enum PayoutKind {
	/// Discharge of a mortgage.
	Mortgage {
		/// The discharged encumbrance.
		encumbrance: EncumbranceId,
	},
	/// Transfer duty.
	Duty,
	/// Sale proceeds to a seller, in proportion to their share.
	Proceeds,
}

/// One payment made at a settlement.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Payout<AccountId, Balance> {
	/// Who was paid.
	pub to: AccountId,
	/// How much.
	pub amount: Balance,
	/// Why.
	pub kind: PayoutKind,
}

/// The payouts of one settlement.
pub type PayoutsOf<T> = BoundedVec<
	Payout<<T as frame_system::Config>::AccountId, BalanceOf<T>>,
	<T as Config>::MaxPayouts,
>;
