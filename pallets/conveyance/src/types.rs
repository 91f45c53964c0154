//! Offers and settlement records.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::*, traits::fungible::Inspect, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use landchain_primitives::{EncumbranceId, EscrowId, Owner, ParcelId, Source, TitleRegistry};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::{
	traits::{Saturating, Zero},
	Permill,
};

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
	/// The buyer accepted: its own funds (the price less any advances) are in escrow and the
	/// duty rate is fixed. A registrar may approve once every advance is funded and consented to
	/// ([`Offer::finance_ready`]); at once for a sale without lenders.
	Funded {
		/// The escrow holding the buyer's own funds (`None` for a gift, or when lenders advance
		/// the whole price).
		escrow: Option<EscrowId>,
		/// The transfer duty rate in force when the buyer funded, which the settlement applies.
		duty_rate: Permill,
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
	/// The lenders the buyer named when accepting, each advancing part of the price against a
	/// mortgage on the new title (empty for a sale without finance).
	pub advances: AdvancesOf<T>,
	/// Redemption figures lodged by the lenders of the parcel's mortgages: what each is paid at
	/// settlement instead of the recorded amount.
	pub redemptions: RedemptionsOf<T>,
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

	/// How many lenders the buyer named (the `a` component of the benchmarks).
	pub fn lenders(&self) -> u32 {
		self.advances.len() as u32
	}

	/// The offer's size for weighing its calls.
	pub fn size(&self) -> OfferSize {
		OfferSize { parties: self.parties(), lenders: self.lenders() }
	}

	/// The part of the price the lenders advance.
	pub fn advanced(&self) -> BalanceOf<T> {
		self.advances
			.iter()
			.fold(Zero::zero(), |sum: BalanceOf<T>, advance| sum.saturating_add(advance.amount))
	}

	/// Whether the sale may settle as far as its finance goes: every named lender has funded its
	/// advance and every grantee has consented to that lender's terms.
	pub fn finance_ready(&self) -> Result<(), crate::Error<T>> {
		for advance in self.advances.iter() {
			if advance.funding.is_none() {
				return Err(crate::Error::<T>::AdvanceNotFunded);
			}
			let consented =
				self.grantees.iter().all(|grantee| advance.consents.contains(&grantee.account));
			if !consented {
				return Err(crate::Error::<T>::FinanceConsentMissing);
			}
		}
		Ok(())
	}

	/// The figure lodged for an existing mortgage, if its lender lodged one.
	pub fn redemption(&self, encumbrance: EncumbranceId) -> Option<BalanceOf<T>> {
		self.redemptions
			.iter()
			.find(|lodged| lodged.encumbrance == encumbrance)
			.map(|lodged| lodged.amount)
	}
}

/// A lender the buyer names when accepting: what it advances and the rank its mortgage takes.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct AdvanceRequest<AccountId, Balance> {
	/// The lender.
	pub lender: AccountId,
	/// Its advance towards the price, which its mortgage secures.
	pub amount: Balance,
	/// The rank of its mortgage on the new title (1 first).
	pub rank: u32,
}

/// The lenders a buyer names, at most [`Config::MaxAdvances`].
pub type AdvanceRequestsOf<T> = BoundedVec<
	AdvanceRequest<<T as frame_system::Config>::AccountId, BalanceOf<T>>,
	<T as Config>::MaxAdvances,
>;

/// A lender's funding of its advance: where the money is held and the mortgage deed it will
/// hold the new owners to.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct AdvanceFunding {
	/// The escrow holding the advance from the lender.
	pub escrow: EscrowId,
	/// The mortgage deed (the loan's terms), recorded as the new mortgage's source.
	pub deed: Source,
}

/// A named lender's part in a financed sale.
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
pub struct Advance<T: Config> {
	/// The lender.
	pub lender: T::AccountId,
	/// The advance, which the mortgage secures.
	pub amount: BalanceOf<T>,
	/// The mortgage's rank on the new title.
	pub rank: u32,
	/// Set when the lender funds; `None` until then (and again if it withdraws).
	pub funding: Option<AdvanceFunding>,
	/// The grantees who consented to this lender's terms (cleared if it withdraws).
	pub consents: BoundedVec<T::AccountId, T::MaxParties>,
}

/// The advances of one offer.
pub type AdvancesOf<T> = BoundedVec<Advance<T>, <T as Config>::MaxAdvances>;

/// What a lender of an existing mortgage must be paid to discharge it at this sale.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Redemption<Balance> {
	/// The mortgage.
	pub encumbrance: EncumbranceId,
	/// The figure: the recorded amount with interest, less repayments.
	pub amount: Balance,
}

/// The most mortgages a parcel carries, hence the most redemption figures an offer holds.
pub type MaxRedemptions<T> = <<T as Config>::Registry as TitleRegistry<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
>>::MaxEncumbrances;

/// The redemption figures lodged for one offer.
pub type RedemptionsOf<T> = BoundedVec<Redemption<BalanceOf<T>>, MaxRedemptions<T>>;

/// The hash a grantee names when consenting to a lender's terms: its mortgage deed's.
pub type TermsHash = H256;

/// An offer's size, for weighing the calls that touch all of it.
#[derive(Clone, Copy, Eq, PartialEq, Debug)]
pub struct OfferSize {
	/// Its parties (`Offer::parties`).
	pub parties: u32,
	/// Its lenders (`Offer::lenders`).
	pub lenders: u32,
}

/// What a settlement did, for weighing the approving call.
#[derive(Clone, Copy, Eq, PartialEq, Debug)]
pub struct SettlementSize {
	/// The offer's parties (`Offer::parties`).
	pub parties: u32,
	/// The mortgages discharged.
	pub mortgages: u32,
	/// The lenders whose advances became new mortgages (`Offer::lenders`).
	pub lenders: u32,
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
	/// Discharge of a mortgage: its lodged redemption figure, else its recorded amount.
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
