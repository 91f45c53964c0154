//! # Conveyance pallet
//!
//! The sale of a parcel, from offer to settlement, with title and money moving together or not
//! at all:
//!
//! 1. **Offer** — an owner offers the parcel to a named buyer at a price, with a deadline and the
//!    deed's hash. The parcel is locked for other dealings at once. Every co-owner must
//!    [`consent`](Pallet::consent); the offer is open when all have.
//! 2. **Accept and fund** — the buyer accepts; the price moves into escrow in the same call, and
//!    the transfer duty rate in force is fixed for this sale. Co-grantees other than the buyer
//!    consent first.
//!    - **With finance** ([`accept_with_finance`](Pallet::accept_with_finance)) the buyer names
//!      lenders, each with an advance and the rank of its mortgage, and escrows only the rest of
//!      the price. Each lender [`fund_advance`](Pallet::fund_advance)s into escrow with its
//!      mortgage deed; every grantee [`consent_to_advance`](Pallet::consent_to_advance)s to
//!      those terms. A lender may [`withdraw_advance`](Pallet::withdraw_advance) before approval.
//!    - The lender of an existing mortgage may [`lodge_redemption`](Pallet::lodge_redemption):
//!      the figure the settlement pays it instead of the recorded amount.
//! 3. **Approve** — a registrar approves, which **settles** in the same call: mortgages are
//!    discharged to their lenders (rank order, at their lodged figures), the transfer duty goes
//!    to the treasury, the rest to the sellers by share, the title moves to the grantees and the
//!    new lenders' mortgages are recorded on it. Or the registrar [`reject`](Pallet::reject)s
//!    with a reason: refunds, unlock.
//! - **Cancel** by a seller before funding, by a seller or the buyer before approval; **expire**
//!   after the deadline by anyone: the buyer's funds and every advance refunded, unlock.
//! - A **gift** is an offer at price zero: no escrow, same approval.
//!
//! The pallet reaches the registry and the escrow only through the
//! [`landchain_primitives::TitleRegistry`] and [`landchain_primitives::EscrowManager`] traits.
//! Events let an auditor follow each sale from offer to settlement, with every payout.
//!
//! The offering seller holds [`Config::OfferDeposit`] until the offer ends.
//!
//! **Weights.** Every call is charged up front for the largest offer (`MaxParties` sellers and
//! grantees; for `approve` also the most mortgages a settlement can discharge) and, once it has
//! run, refunded down to the offer's own size: its parties ([`Offer::parties`], the larger of
//! its sellers and its grantees), its lenders and the mortgages actually discharged. A
//! one-seller sale pays for one seller. A call that fails is charged in full.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod finance;
mod invariants;
mod lifecycle;
pub mod migrations;
mod settlement;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

/// Registry set-up for the benchmarks, which reach the registry only through the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Balance> {
	/// Registers a parcel held by `owners` in equal shares, carrying `mortgages` mortgages of
	/// `amount` each; returns its id.
	fn create_parcel(
		owners: &[AccountId],
		mortgages: u32,
		amount: Balance,
	) -> landchain_primitives::ParcelId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			ConstU64,
		},
	};
	use frame_system::pallet_prelude::*;
	use landchain_primitives::{
		EncumbranceId, EscrowManager, ParcelId, PartyCheck, Source, TitleRegistry,
	};
	use sp_core::H256;
	use sp_runtime::Permill;

	/// The storage layout version; bump it with a migration on every storage change.
	pub(crate) const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency prices are paid and deposits held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The land registry: owners, locks, mortgages and title transfer.
		type Registry: TitleRegistry<Self::AccountId, BalanceOf<Self>>;

		/// The escrow that holds prices.
		type Escrow: EscrowManager<Self::AccountId, BalanceOf<Self>, BlockNumberFor<Self>>;

		/// Who may be offered title or lend against it: the party register's policy (with it
		/// on, only verified parties). The registry checks the grantees and lenders again when a
		/// sale settles.
		type Parties: PartyCheck<Self::AccountId>;

		/// Who approves or rejects transfers: the registrars. Yields the registrar's account.
		type RegistrarOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = Self::AccountId>;

		/// Who sets the transfer duty rate and the treasury account (governance).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The deposit an offering seller holds until the offer ends.
		#[pallet::constant]
		type OfferDeposit: Get<BalanceOf<Self>>;

		/// The most sellers or grantees of one offer: at least the registry's `MaxOwners`
		/// (asserted by `integrity_test`).
		#[pallet::constant]
		type MaxParties: Get<u32>;

		/// The most payouts of one settlement: mortgages + duty + sellers; at most the escrow's
		/// `MaxParts` (asserted by `integrity_test`).
		#[pallet::constant]
		type MaxPayouts: Get<u32>;

		/// The most lenders a buyer may name for one purchase; at most the registry's
		/// `MaxEncumbrances`, since each becomes a mortgage on the new title.
		#[pallet::constant]
		type MaxAdvances: Get<u32>;

		/// The highest transfer duty rate governance may set: a hard bound written into the
		/// runtime, so that no motion can take more of a price than the law allows.
		#[pallet::constant]
		type MaxDutyRate: Get<Permill>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up parcels in the registry for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, BalanceOf<Self>>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An offering seller's deposit for an open offer.
		#[codec(index = 0)]
		OfferDeposit,
	}

	/// The id the next offer gets.
	#[pallet::storage]
	pub type NextOfferId<T> = StorageValue<_, OfferId, ValueQuery, ConstU64<1>>;

	/// Open offers (removed when settled, rejected, cancelled or expired; the events remain).
	#[pallet::storage]
	pub type Offers<T: Config> = StorageMap<_, Twox64Concat, OfferId, Offer<T>>;

	/// The open offer on each parcel (at most one: the parcel is locked by it).
	#[pallet::storage]
	pub type OfferByParcel<T: Config> = StorageMap<_, Twox64Concat, ParcelId, OfferId>;

	/// Open offers by buyer: `(buyer, offer) → ()`.
	#[pallet::storage]
	pub type OffersByBuyer<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, OfferId, ()>;

	/// Open offers by seller: `(seller, offer) → ()`, for every co-owner.
	#[pallet::storage]
	pub type OffersBySeller<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, OfferId, ()>;

	/// The transfer duty for sales funded from now on: this part of the price goes to the
	/// treasury. A funded sale keeps the rate in force when it was funded.
	#[pallet::storage]
	pub type DutyRate<T> = StorageValue<_, Permill, ValueQuery>;

	/// The account that receives transfer duty (it exists: it held at least the existential
	/// deposit when set). Settlements with duty fail while it is unset.
	#[pallet::storage]
	pub type Treasury<T: Config> = StorageValue<_, T::AccountId>;

	/// The initial transfer duty and treasury.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The duty rate.
		pub duty_rate: Permill,
		/// The treasury account.
		pub treasury: Option<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(
				self.duty_rate <= T::MaxDutyRate::get(),
				"the genesis duty rate is above the runtime's MaxDutyRate"
			);
			DutyRate::<T>::put(self.duty_rate);
			if let Some(treasury) = &self.treasury {
				Treasury::<T>::put(treasury);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An owner offered a parcel for sale; the parcel is locked.
		Offered {
			/// The offer (and dealing) id.
			offer: OfferId,
			/// The parcel.
			parcel: ParcelId,
			/// The sellers and their shares.
			sellers: PartiesOf<T>,
			/// The buyer.
			buyer: T::AccountId,
			/// The grantees and their shares.
			grantees: PartiesOf<T>,
			/// The price (zero for a gift).
			price: BalanceOf<T>,
			/// The deadline.
			deadline: BlockNumberFor<T>,
			/// The deed.
			deed: Source,
		},
		/// A seller or grantee consented.
		Consented {
			/// The offer.
			offer: OfferId,
			/// Who consented.
			party: T::AccountId,
		},
		/// Every co-owner consented: the buyer may accept.
		OfferOpened {
			/// The offer.
			offer: OfferId,
		},
		/// The buyer accepted and the price went into escrow.
		Funded {
			/// The offer.
			offer: OfferId,
			/// The escrow holding the price (`None` for a gift).
			escrow: Option<landchain_primitives::EscrowId>,
			/// The buyer.
			buyer: T::AccountId,
			/// The price.
			price: BalanceOf<T>,
		},
		/// A registrar approved and the sale settled: title and money moved together.
		Settled {
			/// The offer.
			offer: OfferId,
			/// The parcel.
			parcel: ParcelId,
			/// The registrar who approved.
			registrar: T::AccountId,
			/// The price.
			price: BalanceOf<T>,
			/// Every payment, summing exactly to the price.
			payouts: PayoutsOf<T>,
		},
		/// A registrar rejected the transfer; the price was refunded and the parcel unlocked.
		Rejected {
			/// The offer.
			offer: OfferId,
			/// The registrar.
			registrar: T::AccountId,
			/// Why.
			reason: RejectionReason,
		},
		/// A party cancelled the offer; any price was refunded and the parcel unlocked.
		Cancelled {
			/// The offer.
			offer: OfferId,
			/// Who cancelled.
			by: T::AccountId,
		},
		/// The offer passed its deadline; any price was refunded and the parcel unlocked.
		Expired {
			/// The offer.
			offer: OfferId,
		},
		/// A transfer by operation of law (a court order, an inheritance) was enacted over the
		/// offer: any price was refunded, the deposit returned and the parcel unlocked.
		ClosedByOperationOfLaw {
			/// The offer.
			offer: OfferId,
			/// The parcel.
			parcel: ParcelId,
			/// The sellers, whose title the law moved.
			sellers: PartiesOf<T>,
			/// The buyer, refunded.
			buyer: T::AccountId,
		},
		/// The buyer accepted with finance: these lenders are to advance these parts of the
		/// price (the buyer's own part is in `Funded`'s escrow).
		FinanceRequested {
			/// The offer.
			offer: OfferId,
			/// What the buyer put in escrow itself.
			buyer_funds: BalanceOf<T>,
			/// The lenders, their advances and their mortgages' ranks.
			advances: AdvanceRequestsOf<T>,
		},
		/// A lender funded its advance into escrow and stated its mortgage deed.
		AdvanceFunded {
			/// The offer.
			offer: OfferId,
			/// The lender.
			lender: T::AccountId,
			/// The advance, which the mortgage will secure.
			amount: BalanceOf<T>,
			/// The mortgage's rank on the new title.
			rank: u32,
			/// The escrow holding the advance.
			escrow: landchain_primitives::EscrowId,
			/// The mortgage deed.
			deed: Source,
		},
		/// A grantee consented to a lender's terms.
		AdvanceConsented {
			/// The offer.
			offer: OfferId,
			/// The lender.
			lender: T::AccountId,
			/// The grantee.
			grantee: T::AccountId,
		},
		/// A lender withdrew its advance, which was refunded; the grantees' consents to its terms
		/// lapsed.
		AdvanceWithdrawn {
			/// The offer.
			offer: OfferId,
			/// The lender.
			lender: T::AccountId,
		},
		/// Every advance of a financed sale is funded and consented to: a registrar may approve.
		FinanceReady {
			/// The offer.
			offer: OfferId,
		},
		/// The lender of an existing mortgage lodged what it must be paid to discharge it.
		RedemptionLodged {
			/// The offer.
			offer: OfferId,
			/// The mortgage.
			encumbrance: EncumbranceId,
			/// The lender.
			lender: T::AccountId,
			/// The figure the settlement will pay.
			amount: BalanceOf<T>,
			/// The amount the registry recorded.
			recorded: BalanceOf<T>,
		},
		/// Governance changed the transfer duty.
		DutyChanged {
			/// The new rate.
			rate: Permill,
			/// The new treasury account.
			treasury: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No open offer has this id.
		UnknownOffer,
		/// Only an owner of the parcel may offer it or consent as a seller.
		NotOwner,
		/// The parcel has more owners than an offer can name (`MaxParties`).
		TooManyParties,
		/// An offer needs at least one grantee.
		NoGrantees,
		/// The same account is listed twice among the grantees.
		DuplicateGrantee,
		/// The grantees' shares are malformed or do not sum to exactly one whole.
		GranteeSharesInvalid,
		/// The deadline must be after the current block.
		DeadlineInPast,
		/// The offer's deadline has passed.
		OfferExpired,
		/// The offer's deadline has not passed yet.
		NotExpired,
		/// This account is neither a seller nor a grantee of the offer.
		NotAParty,
		/// This party has already consented.
		AlreadyConsented,
		/// Not every co-owner has consented yet.
		SellerConsentMissing,
		/// Not every co-grantee has consented yet.
		GranteeConsentMissing,
		/// Only the named buyer may accept the offer.
		NotBuyer,
		/// The offer is not in the state this needs (e.g. approving an unfunded offer).
		WrongStatus,
		/// Only a seller may cancel before funding, and only a seller or the buyer before approval.
		NotAllowedToCancel,
		/// The price does not cover the mortgages to discharge and the duty.
		PriceBelowCharges,
		/// A settlement would make more payouts than allowed (`MaxPayouts`).
		TooManyPayouts,
		/// Duty is due but no treasury account is set.
		NoTreasury,
		/// The account cannot pay the deposit or the price.
		InsufficientFunds,
		/// A counter or sum overflowed.
		Overflow,
		/// This registrar is a party to the sale (a seller, the buyer, a grantee or a lender
		/// paid off by it): another registrar must decide.
		ConflictOfInterest,
		/// The offer is on another parcel than the one named.
		WrongParcel,
		/// The duty rate is above the runtime's `MaxDutyRate`.
		DutyRateTooHigh,
		/// The treasury account holds less than the existential deposit: a small duty could
		/// not be paid to it.
		TreasuryBelowMinimum,
		/// The advances add up to more than the price.
		AdvancesExceedPrice,
		/// An amount to be paid out at settlement (an advance, which becomes a mortgage, or a
		/// redemption figure) is below the existential deposit.
		BelowMinimum,
		/// Mortgage ranks start at 1.
		InvalidRank,
		/// Two advances name the same mortgage rank.
		DuplicateRank,
		/// The same lender is named twice.
		DuplicateLender,
		/// A lender cannot be the buyer or a grantee: a mortgage is given to someone else.
		LenderIsBorrower,
		/// This account is not a lender the buyer named for this offer.
		NotALender,
		/// The amount or rank stated does not match what the buyer named, or the deed hash does
		/// not match the lender's.
		AdvanceTermsMismatch,
		/// This lender has already funded its advance.
		AlreadyFunded,
		/// A named lender has not funded its advance.
		AdvanceNotFunded,
		/// Not every grantee has consented to every lender's terms.
		FinanceConsentMissing,
		/// Only the lender of an open mortgage on the parcel may lodge its redemption figure.
		NotTheMortgagee,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxParties::get() > 0, "offers need room for parties");
			assert!(
				T::MaxPayouts::get() > T::MaxParties::get(),
				"payouts cover every seller and the duty"
			);
			assert!(
				T::MaxParties::get() >= <T::Registry as TitleRegistry<_, _>>::MaxOwners::get(),
				"MaxParties must be at least the registry's MaxOwners: every owner of a title \
				 must fit in an offer as a seller"
			);
			assert!(
				T::MaxAdvances::get() <= <T::Registry as TitleRegistry<_, _>>::MaxEncumbrances::get(),
				"MaxAdvances must be at most the registry's MaxEncumbrances: every advance becomes \
				 a mortgage on the new title"
			);
			assert!(
				T::MaxPayouts::get() <= <T::Escrow as EscrowManager<_, _, _>>::MaxParts::get(),
				"MaxPayouts must be at most the escrow's MaxParts: a settlement's payouts are \
				 released from the escrow in one release"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Offers a parcel to `buyer` at `price` (zero for a gift) until `deadline`, with the deed's
		/// hash; the title will go to `grantees` (often just the buyer, with share 1/1).
		///
		/// Origin: an owner of the parcel, who holds `OfferDeposit` and counts as consenting. The
		/// parcel is locked at once. Emits `Offered` (and `OfferOpened` for a sole owner). Fails
		/// with `NotOwner`, the registry's `ParcelLocked`/`CaveatInForce`/`ParcelRetired`,
		/// `TooManyParties` (more sellers than an offer holds), `NoGrantees`, `DuplicateGrantee`,
		/// `GranteeSharesInvalid`, `DeadlineInPast` or `InsufficientFunds`, or the party
		/// register's `PartyNotVerified`/`AttestationExpired` for a grantee the party policy
		/// refuses (owners who already hold a share are not checked). At most `MaxParties`
		/// grantees: a longer list is not a valid transaction (it does not decode).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::offer(T::MaxParties::get())
			.saturating_add(Pallet::<T>::party_checks(T::MaxParties::get())))]
		pub fn offer(
			origin: OriginFor<T>,
			parcel: ParcelId,
			buyer: T::AccountId,
			grantees: PartiesOf<T>,
			price: BalanceOf<T>,
			deadline: BlockNumberFor<T>,
			deed: Source,
		) -> DispatchResultWithPostInfo {
			let seller = ensure_signed(origin)?;
			let (_, parties) =
				Self::do_offer(seller, parcel, buyer, grantees, price, deadline, deed)?;
			Ok(Some(
				T::WeightInfo::offer(parties).saturating_add(Pallet::<T>::party_checks(parties)),
			)
			.into())
		}

		/// A co-owner (seller) or co-grantee consents to the offer.
		///
		/// Origin: a seller or a grantee other than the buyer. Emits `Consented`, and
		/// `OfferOpened` when the last seller consents. Fails with `UnknownOffer`, `OfferExpired`,
		/// `WrongStatus`, `NotAParty` or `AlreadyConsented`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::consent(T::MaxParties::get()))]
		pub fn consent(origin: OriginFor<T>, offer: OfferId) -> DispatchResultWithPostInfo {
			let party = ensure_signed(origin)?;
			let parties = Self::do_consent(party, offer)?;
			Ok(Some(T::WeightInfo::consent(parties)).into())
		}

		/// The buyer accepts the offer; the price is held in escrow in the same call and the
		/// duty rate in force is fixed for this sale.
		///
		/// Origin: the buyer. Emits `Funded`. Fails with `UnknownOffer`, `NotBuyer`,
		/// `OfferExpired`, `SellerConsentMissing`, `GranteeConsentMissing`, `WrongStatus` or
		/// `InsufficientFunds`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::accept_and_fund(T::MaxParties::get()))]
		pub fn accept_and_fund(origin: OriginFor<T>, offer: OfferId) -> DispatchResultWithPostInfo {
			let buyer = ensure_signed(origin)?;
			let size = Self::do_accept(buyer, offer, Default::default())?;
			Ok(Some(T::WeightInfo::accept_and_fund(size.parties)).into())
		}

		/// A registrar approves a funded offer, which settles it at once: mortgages discharged to
		/// their lenders (at their lodged redemption figures), duty at the rate fixed at funding
		/// to the treasury, the rest to the sellers, title to the grantees, and the new lenders'
		/// mortgages recorded on it. If any part cannot happen, nothing happens.
		///
		/// Origin: a registrar who is not a party: not a seller, the buyer, a grantee, a lender
		/// paid off by the sale or a new lender. The registrar records the new mortgages and
		/// holds their `EncumbranceDeposit`s, as for any mortgage it records. Emits `Settled`,
		/// with the registry's `EncumbranceReleased`, `TitleRecorded` and `EncumbranceRecorded`.
		/// Fails with `ConflictOfInterest`, `UnknownOffer`, `WrongStatus`, `OfferExpired`,
		/// `AdvanceNotFunded`, `FinanceConsentMissing`, `PriceBelowCharges`, `NoTreasury`,
		/// `TooManyPayouts`, the registry's `CaveatInForce`/`ChargesOutstanding`/
		/// `TooManyEncumbrances`/`InsufficientDeposit` and the escrow's `CannotPay`.
		#[pallet::call_index(3)]
		#[pallet::weight((T::WeightInfo::approve(
			T::MaxParties::get(),
			T::MaxPayouts::get().saturating_sub(T::MaxParties::get().saturating_add(1)),
			T::MaxAdvances::get(),
		).saturating_add(Pallet::<T>::party_checks(T::MaxParties::get().saturating_add(T::MaxAdvances::get()))),
		DispatchClass::Operational))]
		pub fn approve(origin: OriginFor<T>, offer: OfferId) -> DispatchResultWithPostInfo {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			let size = Self::do_settle(registrar, offer)?;
			Ok(Some(
				T::WeightInfo::approve(size.parties, size.mortgages, size.lenders).saturating_add(
					Pallet::<T>::party_checks(size.parties.saturating_add(size.lenders)),
				),
			)
			.into())
		}

		/// A registrar rejects an offer with a reason: the buyer's funds and every advance are
		/// refunded, the parcel unlocked.
		///
		/// Origin: a registrar who is not a party (seller, buyer, grantee or lender). Emits
		/// `Rejected`. Fails with `UnknownOffer` or `ConflictOfInterest`.
		#[pallet::call_index(4)]
		#[pallet::weight((T::WeightInfo::reject(T::MaxParties::get(), T::MaxAdvances::get()), DispatchClass::Operational))]
		pub fn reject(
			origin: OriginFor<T>,
			offer: OfferId,
			reason: RejectionReason,
		) -> DispatchResultWithPostInfo {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			let size = Self::do_reject(registrar, offer, reason)?;
			Ok(Some(T::WeightInfo::reject(size.parties, size.lenders)).into())
		}

		/// Cancels an offer: a seller before funding; a seller or the buyer before approval. The
		/// buyer's funds and every advance are refunded and the parcel unlocked.
		///
		/// Origin: a seller or the buyer. Emits `Cancelled`. Fails with `UnknownOffer` or
		/// `NotAllowedToCancel`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::cancel(T::MaxParties::get(), T::MaxAdvances::get()))]
		pub fn cancel(origin: OriginFor<T>, offer: OfferId) -> DispatchResultWithPostInfo {
			let caller = ensure_signed(origin)?;
			let size = Self::do_cancel(caller, offer)?;
			Ok(Some(T::WeightInfo::cancel(size.parties, size.lenders)).into())
		}

		/// Ends an offer past its deadline: the buyer's funds and every advance are refunded and
		/// the parcel unlocked.
		///
		/// Origin: anyone signed. Emits `Expired`. Fails with `UnknownOffer` or `NotExpired`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::expire(T::MaxParties::get(), T::MaxAdvances::get()))]
		pub fn expire(origin: OriginFor<T>, offer: OfferId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let size = Self::do_expire(offer)?;
			Ok(Some(T::WeightInfo::expire(size.parties, size.lenders)).into())
		}

		/// Sets the transfer duty rate for sales funded from now on (funded sales keep theirs)
		/// and the treasury that receives it.
		///
		/// Origin: governance. Emits `DutyChanged`. Fails with `DutyRateTooHigh` (above
		/// `MaxDutyRate`) or `TreasuryBelowMinimum` (an account that does not hold the
		/// existential deposit, to which a small duty could not be paid).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_transfer_duty())]
		pub fn set_transfer_duty(
			origin: OriginFor<T>,
			rate: Permill,
			treasury: T::AccountId,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_transfer_duty(rate, treasury)
		}

		/// The buyer accepts the offer with finance: `advances` names each lender, the part of
		/// the price it advances and the rank of the mortgage it takes on the new title. The
		/// buyer's own part (the price less the advances) is held in escrow now and the duty
		/// rate in force is fixed for this sale; each lender then funds with `fund_advance` and
		/// every grantee consents to its terms with `consent_to_advance`.
		///
		/// Origin: the buyer. Emits `Funded` and `FinanceRequested`. Fails as `accept_and_fund`,
		/// and with `AdvancesExceedPrice`, `BelowMinimum` (an advance below the existential
		/// deposit), `InvalidRank`, `DuplicateRank`, `DuplicateLender`, `LenderIsBorrower`, or the
		/// party register's `PartyNotVerified`/`AttestationExpired` for a lender the party policy
		/// refuses. At most `MaxAdvances` lenders: a longer list does not decode.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::accept_with_finance(
			T::MaxParties::get(),
			T::MaxAdvances::get(),
		).saturating_add(Pallet::<T>::party_checks(T::MaxAdvances::get())))]
		pub fn accept_with_finance(
			origin: OriginFor<T>,
			offer: OfferId,
			advances: AdvanceRequestsOf<T>,
		) -> DispatchResultWithPostInfo {
			let buyer = ensure_signed(origin)?;
			let size = Self::do_accept(buyer, offer, advances)?;
			Ok(Some(
				T::WeightInfo::accept_with_finance(size.parties, size.lenders)
					.saturating_add(Pallet::<T>::party_checks(size.lenders)),
			)
			.into())
		}

		/// A lender the buyer named funds its advance: `amount` is held from it in escrow until
		/// the settlement pays it out (and records its mortgage with `deed` on the new title) or
		/// the sale ends without settling (refund). `amount` and `rank` must be what the buyer
		/// named: the lender confirms the terms it signs for.
		///
		/// Origin: the lender. Emits `AdvanceFunded` (and `FinanceReady` when nothing else is
		/// missing). Fails with `UnknownOffer`, `OfferExpired`, `WrongStatus` (not yet accepted),
		/// `NotALender`, `AlreadyFunded`, `AdvanceTermsMismatch` or `InsufficientFunds`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::fund_advance())]
		pub fn fund_advance(
			origin: OriginFor<T>,
			offer: OfferId,
			amount: BalanceOf<T>,
			rank: u32,
			deed: Source,
		) -> DispatchResult {
			let lender = ensure_signed(origin)?;
			Self::do_fund_advance(lender, offer, amount, rank, deed)
		}

		/// A grantee consents to the mortgage a lender will hold on the new title: the lender's
		/// advance and rank as the buyer named them, under the deed whose hash is `deed_hash`.
		///
		/// Origin: a grantee (the buyer too, when a grantee). Emits `AdvanceConsented` (and
		/// `FinanceReady` when nothing else is missing). Fails with `UnknownOffer`,
		/// `OfferExpired`, `NotAParty`, `NotALender`, `AdvanceNotFunded`,
		/// `AdvanceTermsMismatch` or `AlreadyConsented`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::consent_to_advance())]
		pub fn consent_to_advance(
			origin: OriginFor<T>,
			offer: OfferId,
			lender: T::AccountId,
			deed_hash: H256,
		) -> DispatchResult {
			let grantee = ensure_signed(origin)?;
			Self::do_consent_to_advance(grantee, offer, lender, deed_hash)
		}

		/// A lender withdraws its funded advance before approval: it is refunded, and the
		/// grantees' consents to its terms lapse. The sale waits for the lender to fund again,
		/// or ends by cancellation or expiry.
		///
		/// Origin: the lender. Emits `AdvanceWithdrawn`. Fails with `UnknownOffer`,
		/// `NotALender` or `AdvanceNotFunded`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::withdraw_advance())]
		pub fn withdraw_advance(origin: OriginFor<T>, offer: OfferId) -> DispatchResult {
			let lender = ensure_signed(origin)?;
			Self::do_withdraw_advance(lender, offer)
		}

		/// The lender of a mortgage on the parcel for sale lodges its redemption statement: what
		/// the settlement must pay it to discharge `encumbrance` (the recorded amount with
		/// interest, less repayments). Lodging again replaces the figure. The sellers' proceeds
		/// change with it; they may cancel before approval. To release the mortgage for what
		/// the owners repaid off-chain, the lender discharges it instead
		/// (`LandRegistry.discharge`).
		///
		/// Origin: the mortgage's lender. Emits `RedemptionLodged`. Fails with `UnknownOffer`,
		/// `OfferExpired`, `NotTheMortgagee` or `BelowMinimum`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::lodge_redemption())]
		pub fn lodge_redemption(
			origin: OriginFor<T>,
			offer: OfferId,
			encumbrance: EncumbranceId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let lender = ensure_signed(origin)?;
			Self::do_lodge_redemption(lender, offer, encumbrance, amount)
		}
	}
}
