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
//! Registrars (the [`Config::RegistrarOrigin`]) register parcels and record encumbrances; owners
//! consent to mortgages. Sales go through the conveyance pallet, which uses the [`TitleRegistry`]
//! trait to lock a parcel, discharge its mortgages and move its title.
//!
//! ## No single key changes who owns land
//! A change that takes a right away from someone needs that someone's signature (a sale, a
//! mortgage consent, a lender's [`discharge`](Pallet::discharge)), or else it is an
//! **application**: proposed by one registrar with its source, confirmed by a second, different
//! registrar, and enacted by anyone only after a public notice period
//! ([`NoticePeriods`], set by the council; shorter for court orders if it so decides). Until then
//! every affected party (the owners, whoever loses a charge, lease or easement) may
//! [`object`](Pallet::object); an objection suspends the application until the council
//! ([`Config::GovernanceOrigin`]) enacts or dismisses it. Applications rectify titles and parcels,
//! transfer titles by operation of law (a court order closes an open sale and passes a caveat)
//! and release encumbrances without their holder. A registrar never acts where it is a party
//! (`ConflictOfInterest`). An owner may place an anti-fraud [restriction](Pallet::place_restriction):
//! only a court order is then enacted without the owner's removing it.
//!
//! Events carry every field needed to rebuild each parcel's chain of title from genesis without
//! reading storage (see `docs/ARCHITECTURE.md` and the auditor tooling).
//!
//! ## Deposits and fees
//! Parcels and title versions are permanent public records: they are never deleted, so they are
//! paid for by transaction fees, not refundable deposits. Records that end are backed by deposits
//! held with [`HoldReason`]: an encumbrance holds [`Config::EncumbranceDeposit`] from the
//! registrar who recorded it until it is released or discharged; a mortgage consent holds
//! [`Config::ConsentDeposit`] from the owner until it is used or withdrawn; an application holds
//! [`Config::ApplicationDeposit`] from its proposer until it ends; a restriction holds
//! [`Config::RestrictionDeposit`] from its owner until removed or lapsed with the title.
//!
//! **Weights.** `record_encumbrance`, `split_parcel` and `merge_parcels` are charged up front for
//! a title of `MaxOwners` owners and refunded, once they have run, to the title's own owners. A
//! call that fails is charged in full.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use traits::{OpenDealings, PartyCheck, TitleRegistry};
pub use types::*;
pub use weights::WeightInfo;

mod features;
mod invariants;
pub mod migrations;
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

/// The target of the registry's log lines.
pub const LOG_TARGET: &str = "runtime::land-registry";

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// A registrar other than the one `RegistrarOrigin::try_successful_origin` yields, made one
	/// if need be.
	fn second_registrar() -> AccountId;

	/// Makes `who` a currently attested party of the runtime's party register (a recovery's
	/// replacement must be one).
	fn attested_party(who: &AccountId);
}

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
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

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

		/// The registry council: decides applications an affected party objected to, and sets
		/// the notice periods.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The dealings (sales) that may hold a parcel's lock; a transfer by operation of law
		/// closes them.
		type Dealings: OpenDealings;

		/// Who may be granted title or a charge: the party register's policy (with it on, only
		/// verified parties). Accounts that already hold keep what they hold.
		type Parties: PartyCheck<Self::AccountId>;

		/// The deposit a registrar holds for each application it proposes, until it ends.
		#[pallet::constant]
		type ApplicationDeposit: Get<BalanceOf<Self>>;

		/// The deposit an owner holds for an anti-fraud restriction, until it is removed or lapses.
		#[pallet::constant]
		type RestrictionDeposit: Get<BalanceOf<Self>>;

		/// The notice periods until the council or the chain's genesis sets others.
		#[pallet::constant]
		type DefaultNoticePeriods: Get<NoticeScheduleOf<Self>>;

		/// The most pending applications one parcel may have.
		#[pallet::constant]
		type MaxApplicationsPerParcel: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Makes a second registrar for the benchmarks (a confirmation needs two).
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
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
		/// A registrar's deposit for a pending application.
		#[codec(index = 2)]
		ApplicationDeposit,
		/// An owner's deposit for an anti-fraud restriction.
		#[codec(index = 3)]
		RestrictionDeposit,
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
		MortgageConsentOf<T>,
	>;

	/// The id the next application gets.
	#[pallet::storage]
	pub type NextApplicationId<T> = StorageValue<_, ApplicationId, ValueQuery, ConstU64<1>>;

	/// Pending applications (removed when enacted, withdrawn, dismissed or expired; the events
	/// remain).
	#[pallet::storage]
	pub type Applications<T: Config> = StorageMap<_, Twox64Concat, ApplicationId, Application<T>>;

	/// The pending applications on each parcel, oldest first.
	#[pallet::storage]
	pub type ParcelApplications<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ParcelId,
		BoundedVec<ApplicationId, T::MaxApplicationsPerParcel>,
		ValueQuery,
	>;

	/// Owners' anti-fraud restrictions: `(parcel, owner) → restriction`. While one stands, only a
	/// court order is enacted on the parcel.
	#[pallet::storage]
	pub type Restrictions<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ParcelId,
		Blake2_128Concat,
		T::AccountId,
		Restriction<BalanceOf<T>, BlockNumberFor<T>>,
	>;

	/// Which records cite each document: `(document hash, citing record) → ()`. Written with every
	/// record that carries a source (parcel attributes, title versions, encumbrances recorded or
	/// released by a registrar, applications) and never removed. Page through one document's
	/// citations by its hash (Polkadot.js: `landRegistry.citations.entriesPaged`).
	#[pallet::storage]
	pub type Citations<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, sp_core::H256, Twox64Concat, Citation, ()>;

	/// How long applications wait: for a second registrar, and in public notice.
	#[pallet::storage]
	pub type NoticePeriods<T: Config> =
		StorageValue<_, NoticeScheduleOf<T>, ValueQuery, T::DefaultNoticePeriods>;

	/// Parcels registered at genesis, and the chain's notice periods.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The parcels and their first titles.
		pub parcels: Vec<GenesisParcel<T::AccountId>>,
		/// The notice periods, if not the runtime's defaults (e.g. a few blocks on a dev chain).
		pub notice_periods: Option<NoticeScheduleOf<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(periods) = &self.notice_periods {
				Pallet::<T>::ensure_sane_periods(periods)
					.unwrap_or_else(|error| panic!("genesis notice periods: {error:?}"));
				NoticePeriods::<T>::put(periods.clone());
			}
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
			/// Only in the upgrade-test runtime (feature `upgrade-test`): the version this one
			/// supersedes, a field a later runtime might add, placed before others so that the
			/// audit's replay across the upgrade must find the fields by name.
			#[cfg(feature = "upgrade-test")]
			supersedes: Option<TitleVersion>,
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
		/// A registrar proposed an application. Every account in `affected` may object until it
		/// is enacted.
		ApplicationProposed {
			/// The application.
			application: ApplicationId,
			/// The parcel.
			parcel: ParcelId,
			/// What it would change.
			change: ProposedChange<T>,
			/// The document behind it.
			source: Source,
			/// The proposing registrar.
			proposed_by: T::AccountId,
			/// The owners and right-holders it affects.
			affected: AffectedOf<T>,
		},
		/// A second registrar confirmed an application: public notice runs until `notice_ends`.
		ApplicationConfirmed {
			/// The application.
			application: ApplicationId,
			/// The parcel.
			parcel: ParcelId,
			/// The confirming registrar.
			confirmed_by: T::AccountId,
			/// The first block in which it can be enacted.
			notice_ends: BlockNumberFor<T>,
			/// The owners and right-holders it affects.
			affected: AffectedOf<T>,
		},
		/// An affected party objected: the application waits for the council's decision.
		ApplicationObjected {
			/// The application.
			application: ApplicationId,
			/// The parcel.
			parcel: ParcelId,
			/// Who objected.
			objector: T::AccountId,
			/// Hash of the grounds.
			grounds: sp_core::H256,
			/// The owners and right-holders it affects.
			affected: AffectedOf<T>,
		},
		/// The council decided an objection: `enact` true enacts the application, false
		/// dismisses it.
		ObjectionDecided {
			/// The application.
			application: ApplicationId,
			/// The parcel.
			parcel: ParcelId,
			/// Whether the application goes ahead.
			enact: bool,
		},
		/// An application took effect (its own events, e.g. `TitleRecorded`, precede this one).
		ApplicationEnacted {
			/// The application.
			application: ApplicationId,
			/// The parcel.
			parcel: ParcelId,
			/// The owners and right-holders it affected.
			affected: AffectedOf<T>,
		},
		/// An application ended without effect; the deposit returned to its proposer.
		ApplicationClosed {
			/// The application.
			application: ApplicationId,
			/// The parcel.
			parcel: ParcelId,
			/// Withdrawn, dismissed or expired.
			end: ApplicationEnd,
			/// The owners and right-holders it would have affected.
			affected: AffectedOf<T>,
		},
		/// The holder of a mortgage, lien or lease gave it up by signing (followed by
		/// `EncumbranceReleased`).
		DischargedByHolder {
			/// The parcel.
			parcel: ParcelId,
			/// The encumbrance.
			encumbrance: EncumbranceId,
			/// The lender, lien holder or tenant.
			holder: T::AccountId,
		},
		/// The council set new notice periods (applications already in notice keep theirs).
		NoticePeriodsSet {
			/// The new periods.
			periods: NoticeScheduleOf<T>,
		},
		/// An owner placed an anti-fraud restriction on the parcel.
		RestrictionPlaced {
			/// The parcel.
			parcel: ParcelId,
			/// The owner.
			owner: T::AccountId,
		},
		/// An owner's restriction ended: removed by the owner, or lapsed with their title.
		RestrictionRemoved {
			/// The parcel.
			parcel: ParcelId,
			/// The owner.
			owner: T::AccountId,
		},
		/// A recovery application was enacted: on the parcel, the party's new account took the
		/// lost key's place (after `TitleRecorded` when the lost key was an owner, and before
		/// `ApplicationEnacted`).
		KeyRecovered {
			/// The recovery application.
			application: ApplicationId,
			/// The parcel.
			parcel: ParcelId,
			/// The lost key.
			lost: T::AccountId,
			/// The party's new account.
			replacement: T::AccountId,
			/// The parcel's mortgages, liens and leases whose holder it was, now held by
			/// `replacement`.
			encumbrances: EncumbranceIdsOf<T>,
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
		/// More owners than a title may have (`MaxOwners`): a genesis parcel, an application
		/// affecting too many accounts, or a sale to more grantees than a title holds.
		/// (`register_parcel` takes a bounded list: a longer one does not decode.)
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
		/// More children than a split may create (`MaxSplitChildren`). No call returns it any
		/// more: `split_parcel` takes a bounded list, and a longer one does not decode. Kept so
		/// that the errors after it keep their indices.
		TooManyChildren,
		/// The children's areas do not sum exactly to the parent's area.
		SplitAreasDoNotSum,
		/// A merge needs at least two distinct parcels.
		TooFewParcelsToMerge,
		/// More parcels than one merge may join (`MaxMergeParcels`). No call returns it any
		/// more: `merge_parcels` takes a bounded list, and a longer one does not decode. Kept so
		/// that the errors after it keep their indices.
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
		/// This registrar is a party (an owner, grantee, lender, holder, seller or buyer): another
		/// registrar must act.
		ConflictOfInterest,
		/// No pending application has this id.
		UnknownApplication,
		/// The registrar who proposed an application cannot confirm it: a second, different
		/// registrar must.
		SameRegistrar,
		/// The application is not in the state this needs (e.g. already confirmed, or objected).
		WrongApplicationStatus,
		/// The confirmation period is over: the application has expired.
		ConfirmationPeriodOver,
		/// The application can still be confirmed: it has not expired.
		NotExpired,
		/// The notice period has not ended yet.
		NoticeNotOver,
		/// Only an affected party (an owner, or whoever loses a right) may object.
		NotAffected,
		/// No objection is pending on this application.
		NotObjected,
		/// Only the registrar who proposed the application may withdraw it.
		NotProposer,
		/// The parcel already has the most pending applications allowed
		/// (`MaxApplicationsPerParcel`).
		TooManyApplications,
		/// The parcel has pending applications: they must end before a split or merge.
		ApplicationsPending,
		/// An owner's anti-fraud restriction is in force: only a court order proceeds until the
		/// owner removes it.
		TitleRestricted,
		/// This owner already has a restriction on this parcel.
		AlreadyRestricted,
		/// This owner has no restriction on this parcel.
		NoRestriction,
		/// Only the holder (lender, lien holder or tenant) may discharge this encumbrance.
		NotHolder,
		/// This encumbrance has no holder who could discharge it (an easement or caveat): it is
		/// released through an application.
		NoHolder,
		/// The confirmation period must be at least one block.
		ZeroConfirmationPeriod,
		/// A mortgage or lien amount is below the existential deposit: paying it off could fail
		/// for a lender whose account does not exist.
		BelowMinimum,
		/// A recovery names an account that is neither an owner of the parcel, nor the holder of
		/// one of its charges or leases, nor a lender in one of its mortgage consents.
		LostKeyNotOnParcel,
		/// A recovery names the lost key as its own replacement.
		ReplacementIsLostKey,
		/// Only the lost key a recovery application names may veto it (and only a recovery can be
		/// vetoed).
		NotLostKey,
		/// The lost key's deposits (restriction, mortgage consents) cannot be held by the
		/// replacement account: it must exist, holding at least the existential deposit.
		ReplacementCannotHoldDeposit,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxOwners::get() > 0, "a title needs room for at least one owner");
			assert!(T::MaxEncumbrances::get() > 0, "parcels need room for encumbrances");
			assert!(T::MaxSplitChildren::get() >= 2, "a split creates at least two children");
			assert!(T::MaxMergeParcels::get() >= 2, "a merge joins at least two parcels");
			assert!(
				T::MaxApplicationsPerParcel::get() > 0,
				"parcels need room for at least one pending application"
			);
			assert!(
				Pallet::<T>::ensure_sane_periods(&T::DefaultNoticePeriods::get()).is_ok(),
				"a second registrar needs time to confirm an application"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::extra_constants]
	impl<T: Config> Pallet<T> {
		/// The longest jurisdiction (registration district) name, in bytes.
		#[pallet::constant_name(MaxJurisdictionLen)]
		fn max_jurisdiction_len() -> u32 {
			MAX_JURISDICTION_LEN
		}

		/// The longest cadastral or court reference, in bytes.
		#[pallet::constant_name(MaxReferenceLen)]
		fn max_reference_len() -> u32 {
			MAX_REFERENCE_LEN
		}

		/// The longest document URI, in bytes.
		#[pallet::constant_name(MaxUriLen)]
		fn max_uri_len() -> u32 {
			MAX_URI_LEN
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// First registration of a parcel and its title.
		///
		/// Origin: a registrar who is not among the owners. Emits `ParcelRegistered` and
		/// `TitleRecorded` (version 1). Fails with `ConflictOfInterest`,
		/// `DuplicateCadastralReference`, `EmptyReference`, `ZeroArea`, `NoOwners`,
		/// `DuplicateOwner`, `InvalidShare` or `SharesDoNotSumToWhole`, or with the party
		/// register's `PartyNotVerified`/`AttestationExpired` for an owner the party policy
		/// refuses. At most `MaxOwners` owners: a longer list is not a valid transaction (it does
		/// not decode).
		#[pallet::call_index(0)]
		#[pallet::weight((
			T::WeightInfo::register_parcel(owners.len() as u32)
				.saturating_add(Pallet::<T>::party_checks(owners.len() as u32)),
			DispatchClass::Operational
		))]
		pub fn register_parcel(
			origin: OriginFor<T>,
			jurisdiction: Jurisdiction,
			cadastral_reference: CadastralReference,
			attributes: ParcelAttributes,
			source: Source,
			owners: OwnersOf<T>,
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
		/// Origin: a registrar who is neither an owner of the parcel nor the encumbrance's holder
		/// (lender, lien holder, tenant), whose account holds `EncumbranceDeposit` until release.
		/// A mortgage needs every owner's consent to exactly its terms (`consent_to_mortgage`),
		/// consumed here. A caveat may be recorded even on a locked parcel (a court can freeze a
		/// pending sale); a lien may be recorded under a caveat but not on a parcel under an open
		/// sale, whose charges only the parties and the settlement change. Emits
		/// `EncumbranceRecorded`. Fails with `ConflictOfInterest`, `UnknownParcel`,
		/// `ParcelRetired`, `ParcelLocked`, `CaveatInForce` (other than for a caveat or lien),
		/// `TooManyEncumbrances`, `ZeroAmount`, `BelowMinimum` (a mortgage or lien below the
		/// existential deposit), `InvalidRank`, `DuplicateMortgageRank`,
		/// `MortgageConsentMissing`, `EmptyCourtReference` or `InsufficientDeposit`, or with the
		/// party register's `PartyNotVerified`/`AttestationExpired` for a holder the party policy
		/// refuses.
		#[pallet::call_index(1)]
		#[pallet::weight((
			T::WeightInfo::record_encumbrance(T::MaxOwners::get()).saturating_add(Pallet::<T>::party_checks(1)),
			DispatchClass::Operational
		))]
		pub fn record_encumbrance(
			origin: OriginFor<T>,
			parcel: ParcelId,
			kind: EncumbranceKindOf<T>,
			source: Source,
		) -> DispatchResultWithPostInfo {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_record_encumbrance(registrar, parcel, kind, source)?;
			Ok(Some(
				T::WeightInfo::record_encumbrance(Self::owner_count(parcel))
					.saturating_add(Pallet::<T>::party_checks(1)),
			)
			.into())
		}

		/// Splits an active parcel into children whose areas sum exactly to the parent's. The
		/// children get the parent's owners and tenure; the parent is retired with its lineage.
		///
		/// Origin: a registrar who is not an owner. Emits `ParcelRegistered` and `TitleRecorded`
		/// per child, then `ParcelSplit`. Fails with `ConflictOfInterest`, `UnknownParcel`,
		/// `ParcelRetired`, `ParcelLocked`, `CaveatInForce`, `ParcelEncumbered`,
		/// `ApplicationsPending`, `TooFewChildren`, `ZeroArea`, `EmptyReference`,
		/// `DuplicateCadastralReference` or `SplitAreasDoNotSum`. At most `MaxSplitChildren`
		/// children: a longer list is not a valid transaction (it does not decode).
		#[pallet::call_index(3)]
		#[pallet::weight((T::WeightInfo::split_parcel(children.len() as u32, T::MaxOwners::get()), DispatchClass::Operational))]
		pub fn split_parcel(
			origin: OriginFor<T>,
			parcel: ParcelId,
			children: ChildParcelsOf<T>,
			source: Source,
		) -> DispatchResultWithPostInfo {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			let ids = Self::do_split_parcel(registrar, parcel, children, source)?;
			// The children carry the parent's owners.
			let owners = ids.first().map_or(T::MaxOwners::get(), |child| Self::owner_count(*child));
			Ok(Some(T::WeightInfo::split_parcel(ids.len() as u32, owners)).into())
		}

		/// Merges adjacent active parcels of one jurisdiction carrying the same title into one new
		/// parcel whose area is their sum. The registrar attests adjacency through the survey.
		///
		/// Origin: a registrar who is not an owner. Emits `ParcelRegistered`, `TitleRecorded` and
		/// `ParcelsMerged`. Fails with `ConflictOfInterest`, `TooFewParcelsToMerge`,
		/// `DuplicateParcel`, `UnknownParcel`, `ParcelRetired`, `ParcelLocked`, `CaveatInForce`,
		/// `ParcelEncumbered`, `ApplicationsPending`, `JurisdictionMismatch`, `TitlesDiffer`,
		/// `EmptyReference` or `DuplicateCadastralReference`. At most `MaxMergeParcels` parcels:
		/// a longer list is not a valid transaction (it does not decode).
		#[pallet::call_index(4)]
		#[pallet::weight((T::WeightInfo::merge_parcels(parcels.len() as u32, T::MaxOwners::get()), DispatchClass::Operational))]
		pub fn merge_parcels(
			origin: OriginFor<T>,
			parcels: MergedIdsOf<T>,
			cadastral_reference: CadastralReference,
			geometry_hash: sp_core::H256,
			land_use: LandUse,
			source: Source,
		) -> DispatchResultWithPostInfo {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			let merged_parcels = parcels.len() as u32;
			let merged = Self::do_merge_parcels(
				registrar,
				parcels,
				cadastral_reference,
				geometry_hash,
				land_use,
				source,
			)?;
			let owners = Self::owner_count(merged);
			Ok(Some(T::WeightInfo::merge_parcels(merged_parcels, owners)).into())
		}

		// Call indices 2, 5, 6 and 7 (`release_encumbrance`, `rectify_title`, `rectify_parcel`,
		// `transfer_by_operation_of_law`: one registrar acting alone) are retired, never reused:
		// those changes are applications now (`propose_application`).

		/// An owner consents to a mortgage on their parcel with exactly these terms. A registrar
		/// can record the mortgage once every owner has consented.
		///
		/// Origin: a signed owner of the parcel, who holds `ConsentDeposit` until the consent is
		/// used or withdrawn. Emits `MortgageConsentGiven`. Fails with `UnknownParcel`,
		/// `ParcelRetired`, `NotOwner`, `ZeroAmount`, `BelowMinimum`, `InvalidRank`,
		/// `ConsentAlreadyGiven` or `InsufficientDeposit`.
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

		/// Proposes an application: a change that takes a right away from someone without their
		/// signature — rectify a title or a parcel, transfer a title by operation of law
		/// (inheritance, court order), release an encumbrance without its holder, lift a caveat.
		/// Nothing changes until a second registrar confirms it and the notice period passes.
		///
		/// Origin: a registrar who is not affected by it nor a new owner by it; it holds
		/// `ApplicationDeposit` until the application ends. Emits `ApplicationProposed` naming
		/// every affected account. Fails with `ConflictOfInterest`, `UnknownParcel`,
		/// `ParcelRetired`, `ParcelLocked` (a parcel under an open sale keeps its title,
		/// attributes and charges; court orders and inheritance excepted), `CaveatInForce`
		/// (except for a court order or a caveat's release), `TitleRestricted`, the owner checks
		/// of `register_parcel`, `TitleUnchanged`, `AttributesUnchanged`, `ZeroArea`,
		/// `UnknownEncumbrance`, `TooManyApplications` or `InsufficientDeposit`. A new owner the
		/// party policy refuses fails it with the party register's `PartyNotVerified` or
		/// `AttestationExpired` (owners who already hold a share are not checked).
		#[pallet::call_index(10)]
		#[pallet::weight((
			Pallet::<T>::application_weight(
				T::WeightInfo::propose_application,
				T::WeightInfo::propose_recovery(),
				ApplicationWork::of(change),
			),
			DispatchClass::Operational
		))]
		pub fn propose_application(
			origin: OriginFor<T>,
			parcel: ParcelId,
			change: ProposedChange<T>,
			source: Source,
		) -> DispatchResult {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_propose_application(registrar, parcel, change, source).map(|_| ())
		}

		/// A second registrar confirms an application; its public notice period starts
		/// (`NoticePeriods`: `notice`, or `court_order_notice` for a court order).
		///
		/// Origin: a registrar other than the proposer, not affected by the application nor a new
		/// owner by it. Emits `ApplicationConfirmed`. Fails with `UnknownApplication`,
		/// `WrongApplicationStatus`, `ConfirmationPeriodOver`, `SameRegistrar`,
		/// `ConflictOfInterest`, or the checks of `propose_application` on today's registry.
		#[pallet::call_index(11)]
		#[pallet::weight((
			Pallet::<T>::max_application_weight(
				T::WeightInfo::confirm_application,
				T::WeightInfo::confirm_recovery(),
				false,
			),
			DispatchClass::Operational
		))]
		pub fn confirm_application(
			origin: OriginFor<T>,
			application: ApplicationId,
		) -> DispatchResultWithPostInfo {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			let work = Self::do_confirm_application(registrar, application)?;
			Ok(Some(Self::application_weight(
				T::WeightInfo::confirm_application,
				T::WeightInfo::confirm_recovery(),
				work,
			))
			.into())
		}

		/// An affected party objects to an application before it is enacted; it is suspended
		/// until the council decides (`decide_objection`).
		///
		/// Origin: a signed owner of the parcel or another account the application affects.
		/// Emits `ApplicationObjected`. Fails with `UnknownApplication`, `NotAffected` or
		/// `WrongApplicationStatus` (already objected).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::object())]
		pub fn object(
			origin: OriginFor<T>,
			application: ApplicationId,
			grounds: sp_core::H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_object(who, application, grounds)
		}

		/// The council decides an objected application: `enact` true enacts it at once, false
		/// dismisses it. The proposer's deposit returns either way.
		///
		/// Origin: `GovernanceOrigin` (a council majority). Emits `ObjectionDecided`, then
		/// `ApplicationEnacted` (with the change's own events) or `ApplicationClosed`. Fails with
		/// `UnknownApplication`, `NotObjected`, or — when enacting — the checks of
		/// `propose_application` on today's registry.
		#[pallet::call_index(13)]
		#[pallet::weight(Pallet::<T>::max_application_weight(
			T::WeightInfo::decide_objection,
			T::WeightInfo::decide_recovery(),
			true,
		))]
		pub fn decide_objection(
			origin: OriginFor<T>,
			application: ApplicationId,
			enact: bool,
		) -> DispatchResultWithPostInfo {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let work = Self::do_decide_objection(application, enact)?;
			Ok(Some(Self::application_weight(
				T::WeightInfo::decide_objection,
				T::WeightInfo::decide_recovery(),
				work,
			))
			.into())
		}

		/// Enacts a confirmed application whose notice period is over and that nobody objected
		/// to. A transfer by operation of law closes an open sale of the parcel first (the buyer
		/// refunded, the seller's deposit returned).
		///
		/// Origin: any signed account. Emits the change's events (`TitleRecorded`,
		/// `EncumbranceReleased`, `ParcelRectified`; the conveyance's `ClosedByOperationOfLaw`),
		/// then `ApplicationEnacted`. Fails with `UnknownApplication`, `WrongApplicationStatus`,
		/// `NoticeNotOver`, or the checks of `propose_application` on today's registry.
		#[pallet::call_index(14)]
		#[pallet::weight(Pallet::<T>::max_application_weight(
			T::WeightInfo::enact_application,
			T::WeightInfo::enact_recovery(),
			true,
		))]
		pub fn enact_application(
			origin: OriginFor<T>,
			application: ApplicationId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let work = Self::do_enact_application(application)?;
			Ok(Some(Self::application_weight(
				T::WeightInfo::enact_application,
				T::WeightInfo::enact_recovery(),
				work,
			))
			.into())
		}

		/// The proposing registrar withdraws its application before enactment; its deposit
		/// returns.
		///
		/// Origin: the registrar who proposed it. Emits `ApplicationClosed` (`Withdrawn`). Fails
		/// with `UnknownApplication` or `NotProposer`.
		#[pallet::call_index(15)]
		#[pallet::weight((T::WeightInfo::withdraw_application(), DispatchClass::Operational))]
		pub fn withdraw_application(
			origin: OriginFor<T>,
			application: ApplicationId,
		) -> DispatchResult {
			let registrar = T::RegistrarOrigin::ensure_origin(origin)?;
			Self::do_withdraw_application(registrar, application)
		}

		/// Ends an application no second registrar confirmed within the `confirmation` period; the
		/// proposer's deposit returns.
		///
		/// Origin: any signed account. Emits `ApplicationClosed` (`Expired`). Fails with
		/// `UnknownApplication`, `WrongApplicationStatus` (confirmed or objected) or `NotExpired`.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::expire_application())]
		pub fn expire_application(
			origin: OriginFor<T>,
			application: ApplicationId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_expire_application(application)
		}

		/// The holder gives up its mortgage, lien or lease: a lender whose loan is repaid, a lien
		/// holder who was paid, a tenant surrendering a lease. Takes effect at once, even on a
		/// parcel under an open sale (the holder is a party); the deposit returns to the
		/// registrar who recorded it.
		///
		/// Origin: the signed lender, lien holder or tenant. Emits `DischargedByHolder` and
		/// `EncumbranceReleased`. Fails with `UnknownParcel`, `UnknownEncumbrance`, `NoHolder` or
		/// `NotHolder`.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::discharge())]
		pub fn discharge(
			origin: OriginFor<T>,
			parcel: ParcelId,
			encumbrance: EncumbranceId,
		) -> DispatchResult {
			let holder = ensure_signed(origin)?;
			Self::do_discharge(holder, parcel, encumbrance)
		}

		/// An owner places an anti-fraud restriction on their title: no application but a court
		/// order is proposed or enacted on the parcel while it stands. It lapses when the title
		/// changes.
		///
		/// Origin: a signed owner of the parcel, who holds `RestrictionDeposit` until it ends.
		/// Emits `RestrictionPlaced`. Fails with `UnknownParcel`, `ParcelRetired`, `NotOwner`,
		/// `AlreadyRestricted` or `InsufficientDeposit`.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::place_restriction())]
		pub fn place_restriction(origin: OriginFor<T>, parcel: ParcelId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_place_restriction(owner, parcel)
		}

		/// The owner removes their restriction; the deposit returns.
		///
		/// Origin: the signed owner who placed it. Emits `RestrictionRemoved`. Fails with
		/// `NoRestriction`.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::remove_restriction())]
		pub fn remove_restriction(origin: OriginFor<T>, parcel: ParcelId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_remove_restriction(owner, parcel)
		}

		/// The lost key a recovery application names vetoes it, before enactment: whoever signs
		/// with the key has not lost it, so the application ends and nothing moves. Its proposer's
		/// deposit returns. A key stolen rather than lost can veto too; its party then goes to
		/// court (a transfer by court order is not a recovery and cannot be vetoed).
		///
		/// Origin: signed by the recovery's `lost` account. Emits `ApplicationClosed`
		/// (`Vetoed`). Fails with `UnknownApplication` or `NotLostKey`.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::veto_recovery())]
		pub fn veto_recovery(origin: OriginFor<T>, application: ApplicationId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_veto_recovery(who, application)
		}

		/// Sets how long applications wait for a second registrar (`confirmation`) and in public
		/// notice (`notice`; `court_order_notice` for a court order). Applications already in
		/// notice keep the end they were given.
		///
		/// Origin: `GovernanceOrigin` (a council majority). Emits `NoticePeriodsSet`. Fails with
		/// `ZeroConfirmationPeriod`.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::set_notice_periods())]
		pub fn set_notice_periods(
			origin: OriginFor<T>,
			periods: NoticeScheduleOf<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::ensure_sane_periods(&periods)?;
			NoticePeriods::<T>::put(periods.clone());
			Self::deposit_event(Event::NoticePeriodsSet { periods });
			Ok(())
		}
	}
}
