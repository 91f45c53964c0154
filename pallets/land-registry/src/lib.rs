//! # Land registry pallet
//!
//! The registry of Landchain, shaped after ISO 19152 LADM:
//! - **parcels** (spatial units) with a cadastral reference unique in their jurisdiction, an area,
//!   a land use and a geometry hash; split into children or merged, with lineage kept both ways;
//! - **titles** naming the owners with exact shares and the tenure; every version kept forever;
//! - **encumbrances**: mortgages (with the owners' consent), liens, easements, leases and court
//!   caveats (which freeze every dealing);
//! - **sources**: the hash, kind and optional URI of the document behind every change.
//!
//! Registrars (the [`Config::RegistrarOrigin`]) record everything; owners only consent to
//! mortgages. Sales go through the conveyance pallet, which uses the [`TitleRegistry`] trait to
//! lock a parcel, discharge its mortgages and move its title.
//!
//! Events carry every field needed to rebuild each parcel's chain of title from genesis without
//! reading storage (see `docs/ARCHITECTURE.md` and the auditor tooling).
//!
//! ## Deposits and fees
//! Parcels and title versions are permanent public records: they are never deleted, so they are
//! paid for by transaction fees, not refundable deposits. Records that end are backed by deposits
//! held with [`HoldReason`]: an encumbrance holds [`Config::EncumbranceDeposit`] from the
//! registrar who recorded it until it is released or discharged; a mortgage consent holds
//! [`Config::ConsentDeposit`] from the owner until it is used or withdrawn.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use traits::TitleRegistry;
pub use types::*;
pub use weights::WeightInfo;

mod features;
mod invariants;
pub mod runtime_api;
mod traits;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::{ValueQuery, *},
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			ConstU64,
		},
	};
	use frame_system::pallet_prelude::*;

	/// The storage layout version; bump it with a migration on every storage change.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency that deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// Who may record in the registry: the registrars. Yields the registrar's account.
		type RegistrarOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = Self::AccountId>;

		/// The deposit a registrar's account holds for each open encumbrance.
		#[pallet::constant]
		type EncumbranceDeposit: Get<BalanceOf<Self>>;

		/// The deposit an owner holds for each open mortgage consent.
		#[pallet::constant]
		type ConsentDeposit: Get<BalanceOf<Self>>;

		/// The most owners a title may have.
		#[pallet::constant]
		type MaxOwners: Get<u32>;

		/// The most open encumbrances a parcel may carry.
		#[pallet::constant]
		type MaxEncumbrances: Get<u32>;

		/// The most children a split may create.
		#[pallet::constant]
		type MaxSplitChildren: Get<u32>;

		/// The most parcels one merge may join.
		#[pallet::constant]
		type MaxMergeParcels: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A registrar's deposit for an open encumbrance.
		#[codec(index = 0)]
		EncumbranceDeposit,
		/// An owner's deposit for an open mortgage consent.
		#[codec(index = 1)]
		ConsentDeposit,
	}

	/// The id the next registered parcel gets.
	#[pallet::storage]
	pub type NextParcelId<T> = StorageValue<_, ParcelId, ValueQuery, ConstU64<1>>;

	/// The id the next recorded encumbrance gets.
	#[pallet::storage]
	pub type NextEncumbranceId<T> = StorageValue<_, EncumbranceId, ValueQuery, ConstU64<1>>;

	/// Every parcel ever registered, active or retired.
	#[pallet::storage]
	pub type Parcels<T: Config> = StorageMap<_, Twox64Concat, ParcelId, ParcelOf<T>>;

	/// Earlier attributes of rectified parcels: `(parcel, revision) → attributes and source`.
	#[pallet::storage]
	pub type ParcelRevisions<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ParcelId, Twox64Concat, u32, (ParcelAttributes, Source)>;

	/// The parcel registered under a cadastral reference in a jurisdiction (forever: references
	/// of retired parcels are not reused).
	#[pallet::storage]
	pub type ParcelByReference<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		Jurisdiction,
		Blake2_128Concat,
		CadastralReference,
		ParcelId,
	>;

	/// The current title of every active parcel.
	#[pallet::storage]
	pub type Titles<T: Config> = StorageMap<_, Twox64Concat, ParcelId, TitleOf<T>>;

	/// Every superseded title version, kept forever: `(parcel, version) → title`. With the
	/// current title in [`Titles`], versions `1..=current` are all present.
	#[pallet::storage]
	pub type TitleHistory<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ParcelId, Twox64Concat, TitleVersion, TitleOf<T>>;

	/// Index of owners to the active parcels they hold a share of.
	#[pallet::storage]
	pub type OwnerParcels<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ParcelId, ()>;

	/// The open encumbrances on each parcel.
	#[pallet::storage]
	pub type Encumbrances<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ParcelId,
		BoundedVec<EncumbranceOf<T>, T::MaxEncumbrances>,
		ValueQuery,
	>;

	/// Parcels locked by an open dealing (e.g. a conveyance): no other dealing may touch them.
	#[pallet::storage]
	pub type ParcelLocks<T: Config> = StorageMap<_, Twox64Concat, ParcelId, DealingId>;

	/// Owners' consents to a mortgage on their parcel, waiting for a registrar to record it.
	#[pallet::storage]
	pub type MortgageConsents<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ParcelId,
		Blake2_128Concat,
		T::AccountId,
		MortgageConsent<T::AccountId, BalanceOf<T>>,
	>;

	/// Parcels registered at genesis.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The parcels and their first titles.
		pub parcels: Vec<GenesisParcel<T::AccountId>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for parcel in &self.parcels {
				// A chain must not start from an invalid registry: stop genesis with the reason.
				Pallet::<T>::do_register_genesis_parcel(parcel).unwrap_or_else(|error| {
					panic!("genesis parcel {} is invalid: {error:?}", parcel.cadastral_reference)
				});
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A parcel was registered (first registration, split or merge).
		ParcelRegistered {
			/// The new parcel.
			parcel: ParcelId,
			/// Its jurisdiction.
			jurisdiction: Jurisdiction,
			/// Its cadastral reference.
			cadastral_reference: CadastralReference,
			/// Its area, land use and geometry hash.
			attributes: ParcelAttributes,
			/// The survey or document behind it.
			source: Source,
			/// How it came to be.
			origin: ParcelOrigin<T>,
		},
		/// A title version was recorded. Together, these events form every parcel's chain of title.
		TitleRecorded {
			/// The parcel.
			parcel: ParcelId,
			/// The new version (1 for a first title).
			version: TitleVersion,
			/// The owners and shares from now on.
			owners: OwnersOf<T>,
			/// The tenure from now on.
			tenure: Tenure,
			/// The document behind the change.
			source: Source,
			/// Why the title changed (sale with its price, inheritance, …).
			change: TitleChange<BalanceOf<T>>,
			/// The registrar who recorded it, or `None` for a settled dealing.
			recorded_by: Option<T::AccountId>,
		},
		/// A parcel's attributes were corrected; the old ones are kept in [`ParcelRevisions`].
		ParcelRectified {
			/// The parcel.
			parcel: ParcelId,
			/// The new revision number.
			revision: u32,
			/// The corrected attributes.
			attributes: ParcelAttributes,
			/// The survey or legal basis.
			source: Source,
			/// The registrar.
			registrar: T::AccountId,
		},
		/// A parcel was split; it is retired and its children are registered.
		ParcelSplit {
			/// The retired parent.
			parent: ParcelId,
			/// The new children.
			children: BoundedVec<ParcelId, T::MaxSplitChildren>,
			/// The registrar.
			registrar: T::AccountId,
		},
		/// Parcels were merged; they are retired and the merged parcel is registered.
		ParcelsMerged {
			/// The retired parcels.
			parents: BoundedVec<ParcelId, T::MaxMergeParcels>,
			/// The merged parcel.
			parcel: ParcelId,
			/// The registrar.
			registrar: T::AccountId,
		},
		/// An encumbrance was recorded on a parcel.
		EncumbranceRecorded {
			/// The parcel.
			parcel: ParcelId,
			/// The encumbrance's id.
			encumbrance: EncumbranceId,
			/// Its kind and terms.
			kind: EncumbranceKindOf<T>,
			/// The instrument behind it.
			source: Source,
			/// The registrar.
			registrar: T::AccountId,
		},
		/// An encumbrance was released by a registrar or discharged at a sale.
		EncumbranceReleased {
			/// The parcel.
			parcel: ParcelId,
			/// The encumbrance's id.
			encumbrance: EncumbranceId,
			/// The discharge or release document, or `None` when a settled dealing discharged it.
			source: Option<Source>,
			/// The registrar, or `None` when a settled dealing discharged it.
			registrar: Option<T::AccountId>,
		},
		/// An owner consented to a mortgage on their parcel.
		MortgageConsentGiven {
			/// The parcel.
			parcel: ParcelId,
			/// The consenting owner.
			owner: T::AccountId,
			/// The lender consented to.
			lender: T::AccountId,
			/// The amount consented to.
			amount: BalanceOf<T>,
			/// The rank consented to.
			rank: u32,
		},
		/// An owner withdrew an unused mortgage consent.
		MortgageConsentWithdrawn {
			/// The parcel.
			parcel: ParcelId,
			/// The owner.
			owner: T::AccountId,
		},
		/// A dealing locked a parcel against other dealings.
		ParcelLocked {
			/// The parcel.
			parcel: ParcelId,
			/// The dealing.
			dealing: DealingId,
		},
		/// A dealing released its lock on a parcel.
		ParcelUnlocked {
			/// The parcel.
			parcel: ParcelId,
			/// The dealing.
			dealing: DealingId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No parcel has this id.
		UnknownParcel,
		/// The parcel has been split or merged and can no longer be dealt with.
		ParcelRetired,
		/// This cadastral reference is already registered in this jurisdiction.
		DuplicateCadastralReference,
		/// The jurisdiction or cadastral reference is empty.
		EmptyReference,
		/// A title needs at least one owner.
		NoOwners,
		/// More owners than a title may have (`MaxOwners`).
		TooManyOwners,
		/// The same account is listed twice among the owners.
		DuplicateOwner,
		/// A share is malformed: it must be `numerator / denominator` with `0 < numerator <= denominator`.
		InvalidShare,
		/// The owners' shares do not sum to exactly one whole.
		SharesDoNotSumToWhole,
		/// A parcel's area must be more than zero square metres.
		ZeroArea,
		/// The parcel has an open dealing (e.g. a pending sale) and cannot be dealt with elsewhere.
		ParcelLocked,
		/// The parcel is locked by a different dealing than the one asking.
		LockedByAnotherDealing,
		/// The parcel is not locked by this dealing.
		NotLocked,
		/// A court caveat is in force on the parcel: every dealing is frozen until it is released.
		CaveatInForce,
		/// The parcel already carries the most encumbrances allowed (`MaxEncumbrances`).
		TooManyEncumbrances,
		/// No open encumbrance with this id is on this parcel.
		UnknownEncumbrance,
		/// A mortgage or lien amount must be more than zero.
		ZeroAmount,
		/// Mortgage ranks start at 1.
		InvalidRank,
		/// Another mortgage on this parcel already has this rank.
		DuplicateMortgageRank,
		/// Not every owner has consented to a mortgage with exactly these terms.
		MortgageConsentMissing,
		/// Only an owner of the parcel may do this.
		NotOwner,
		/// This owner has already consented to a mortgage on this parcel; withdraw it first.
		ConsentAlreadyGiven,
		/// This owner has no open mortgage consent on this parcel.
		NoConsent,
		/// The caveat's court reference is empty.
		EmptyCourtReference,
		/// The parcel has open encumbrances: release them before a split or merge.
		ParcelEncumbered,
		/// A mortgage or lien is still open: it must be discharged before the title moves in a sale.
		ChargesOutstanding,
		/// A split needs at least two children.
		TooFewChildren,
		/// More children than a split may create (`MaxSplitChildren`).
		TooManyChildren,
		/// The children's areas do not sum exactly to the parent's area.
		SplitAreasDoNotSum,
		/// A merge needs at least two distinct parcels.
		TooFewParcelsToMerge,
		/// More parcels than one merge may join (`MaxMergeParcels`).
		TooManyParcelsToMerge,
		/// The same parcel is listed twice.
		DuplicateParcel,
		/// Merged parcels must lie in the same jurisdiction.
		JurisdictionMismatch,
		/// Merged parcels must carry the same title: the same owners, shares and tenure.
		TitlesDiffer,
		/// The new title is identical to the current one: nothing to record.
		TitleUnchanged,
		/// The new attributes are identical to the current ones: nothing to record.
		AttributesUnchanged,
		/// An area sum or a counter overflowed.
		Overflow,
		/// The account cannot pay the deposit.
		InsufficientDeposit,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxOwners::get() > 0, "a title needs room for at least one owner");
			assert!(T::MaxEncumbrances::get() > 0, "parcels need room for encumbrances");
			assert!(T::MaxSplitChildren::get() >= 2, "a split creates at least two children");
			assert!(T::MaxMergeParcels::get() >= 2, "a merge joins at least two parcels");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// First registration of a parcel and its title.
		///
		/// Origin: a registrar. Emits `ParcelRegistered` and `TitleRecorded` (version 1).
		/// Fails with `DuplicateCadastralReference`, `EmptyReference`, `ZeroArea`, `NoOwners`,
		/// `TooManyOwners`, `DuplicateOwner`, `InvalidShare` or `SharesDoNotSumToWhole`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_parcel(owners.len().min(T::MaxOwners::get() as usize) as u32))]
		pub fn register_parcel(
			origin: OriginFor<T>,
			jurisdiction: Jurisdiction,
			cadastral_reference: CadastralReference,
			attributes: ParcelAttributes,
			source: Source,
			owners: Vec<Owner<T::AccountId>>,
			tenure: Tenure,
		) -> DispatchResult {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_register_parcel(
				Some(registrar),
				jurisdiction,
				cadastral_reference,
				attributes,
				source,
				owners,
				tenure,
			)
			.map(|_| ())
		}

		/// Records a mortgage, lien, easement, lease or court caveat on a parcel.
		///
		/// Origin: a registrar, whose account holds `EncumbranceDeposit` until release. A mortgage
		/// needs every owner's consent to exactly its terms (`consent_to_mortgage`), consumed here.
		/// A caveat may be recorded even on a locked parcel (a court can freeze a pending sale).
		/// Emits `EncumbranceRecorded`. Fails with `UnknownParcel`, `ParcelRetired`,
		/// `ParcelLocked`, `CaveatInForce` (other than for a caveat or lien), `TooManyEncumbrances`,
		/// `ZeroAmount`, `InvalidRank`, `DuplicateMortgageRank`, `MortgageConsentMissing`,
		/// `EmptyCourtReference` or `InsufficientDeposit`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::record_encumbrance(T::MaxOwners::get()))]
		pub fn record_encumbrance(
			origin: OriginFor<T>,
			parcel: ParcelId,
			kind: EncumbranceKindOf<T>,
			source: Source,
		) -> DispatchResult {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_record_encumbrance(registrar, parcel, kind, source).map(|_| ())
		}

		/// Releases an encumbrance (a discharged mortgage, a lifted caveat, an ended lease, …).
		///
		/// Origin: a registrar. The deposit returns to whoever recorded it. Emits
		/// `EncumbranceReleased`. Fails with `UnknownParcel` or `UnknownEncumbrance`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::release_encumbrance())]
		pub fn release_encumbrance(
			origin: OriginFor<T>,
			parcel: ParcelId,
			encumbrance: EncumbranceId,
			source: Source,
		) -> DispatchResult {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_release_encumbrance(Some(registrar), parcel, encumbrance, Some(source))
		}

		/// Splits an active parcel into children whose areas sum exactly to the parent's. The
		/// children get the parent's owners and tenure; the parent is retired with its lineage.
		///
		/// Origin: a registrar. Emits `ParcelRegistered` and `TitleRecorded` per child, then
		/// `ParcelSplit`. Fails with `UnknownParcel`, `ParcelRetired`, `ParcelLocked`,
		/// `CaveatInForce`, `ParcelEncumbered`, `TooFewChildren`, `TooManyChildren`, `ZeroArea`,
		/// `EmptyReference`, `DuplicateCadastralReference` or `SplitAreasDoNotSum`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::split_parcel(
			children.len().min(T::MaxSplitChildren::get() as usize) as u32,
			T::MaxOwners::get(),
		))]
		pub fn split_parcel(
			origin: OriginFor<T>,
			parcel: ParcelId,
			children: Vec<ChildParcel>,
			source: Source,
		) -> DispatchResult {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_split_parcel(registrar, parcel, children, source).map(|_| ())
		}

		/// Merges adjacent active parcels of one jurisdiction carrying the same title into one new
		/// parcel whose area is their sum. The registrar attests adjacency through the survey.
		///
		/// Origin: a registrar. Emits `ParcelRegistered`, `TitleRecorded` and `ParcelsMerged`.
		/// Fails with `TooFewParcelsToMerge`, `TooManyParcelsToMerge`, `DuplicateParcel`,
		/// `UnknownParcel`, `ParcelRetired`, `ParcelLocked`, `CaveatInForce`, `ParcelEncumbered`,
		/// `JurisdictionMismatch`, `TitlesDiffer`, `EmptyReference` or
		/// `DuplicateCadastralReference`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::merge_parcels(
			parcels.len().min(T::MaxMergeParcels::get() as usize) as u32,
			T::MaxOwners::get(),
		))]
		pub fn merge_parcels(
			origin: OriginFor<T>,
			parcels: Vec<ParcelId>,
			cadastral_reference: CadastralReference,
			geometry_hash: sp_core::H256,
			land_use: LandUse,
			source: Source,
		) -> DispatchResult {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_merge_parcels(
				registrar,
				parcels,
				cadastral_reference,
				geometry_hash,
				land_use,
				source,
			)
			.map(|_| ())
		}

		/// Corrects a title (owners, shares, tenure) with a source stating the legal basis. The
		/// old version stays in the title history.
		///
		/// Origin: a registrar. Emits `TitleRecorded` with change `Rectification`. Fails with
		/// `UnknownParcel`, `ParcelRetired`, `ParcelLocked`, `CaveatInForce`, the owner checks of
		/// `register_parcel`, or `TitleUnchanged`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::rectify_title(T::MaxOwners::get()))]
		pub fn rectify_title(
			origin: OriginFor<T>,
			parcel: ParcelId,
			owners: Vec<Owner<T::AccountId>>,
			tenure: Tenure,
			source: Source,
		) -> DispatchResult {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_change_title(
				Some(registrar),
				parcel,
				owners,
				tenure,
				source,
				TitleChange::Rectification,
			)
		}

		/// Corrects a parcel's area, land use or geometry hash with a survey or legal basis. The
		/// old attributes are kept in `ParcelRevisions`.
		///
		/// Origin: a registrar. Emits `ParcelRectified`. Fails with `UnknownParcel`,
		/// `ParcelRetired`, `ZeroArea` or `AttributesUnchanged`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::rectify_parcel())]
		pub fn rectify_parcel(
			origin: OriginFor<T>,
			parcel: ParcelId,
			attributes: ParcelAttributes,
			source: Source,
		) -> DispatchResult {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_rectify_parcel(registrar, parcel, attributes, source)
		}

		/// Transfers a title by operation of law (inheritance or court order), without a sale.
		///
		/// Origin: a registrar. Emits `TitleRecorded` with change `Inheritance` or `CourtOrder`.
		/// Fails like `rectify_title`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::transfer_by_operation_of_law(T::MaxOwners::get()))]
		pub fn transfer_by_operation_of_law(
			origin: OriginFor<T>,
			parcel: ParcelId,
			owners: Vec<Owner<T::AccountId>>,
			tenure: Tenure,
			reason: LawfulTransferReason,
			source: Source,
		) -> DispatchResult {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			let change = match reason {
				LawfulTransferReason::Inheritance => TitleChange::Inheritance,
				LawfulTransferReason::CourtOrder => TitleChange::CourtOrder,
			};
			Self::do_change_title(Some(registrar), parcel, owners, tenure, source, change)
		}

		/// An owner consents to a mortgage on their parcel with exactly these terms. A registrar
		/// can record the mortgage once every owner has consented.
		///
		/// Origin: a signed owner of the parcel, who holds `ConsentDeposit` until the consent is
		/// used or withdrawn. Emits `MortgageConsentGiven`. Fails with `UnknownParcel`,
		/// `ParcelRetired`, `NotOwner`, `ZeroAmount`, `InvalidRank`, `ConsentAlreadyGiven` or
		/// `InsufficientDeposit`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::consent_to_mortgage())]
		pub fn consent_to_mortgage(
			origin: OriginFor<T>,
			parcel: ParcelId,
			lender: T::AccountId,
			amount: BalanceOf<T>,
			rank: u32,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_consent_to_mortgage(owner, parcel, lender, amount, rank)
		}

		/// An owner withdraws an unused mortgage consent; the deposit is released.
		///
		/// Origin: the signed owner who consented. Emits `MortgageConsentWithdrawn`. Fails with
		/// `NoConsent`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::withdraw_mortgage_consent())]
		pub fn withdraw_mortgage_consent(origin: OriginFor<T>, parcel: ParcelId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_withdraw_mortgage_consent(owner, parcel)
		}
	}
}
