//! Domain types of the land registry, following ISO 19152 LADM: parcels (spatial units) carry
//! titles (basic administrative units) held by owners with shares, burdened by encumbrances
//! (rights, restrictions and responsibilities), each change backed by a source document.
//!
//! No personal data is stored: parties are accounts, documents and geometries are hashes.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::*, traits::fungible::Inspect, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;

pub use landchain_primitives::types::*;

/// An amount of the chain's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// The owners of a title.
pub type OwnersOf<T> =
	BoundedVec<Owner<<T as frame_system::Config>::AccountId>, <T as Config>::MaxOwners>;
/// The children of a split, as the registrar describes them.
pub type ChildParcelsOf<T> = BoundedVec<ChildParcel, <T as Config>::MaxSplitChildren>;
/// The ids of a split's children (the parent's `SplitInto` lineage).
pub type ChildIdsOf<T> = BoundedVec<ParcelId, <T as Config>::MaxSplitChildren>;
/// The ids of the parcels a merge joins (the new parcel's `MergedFrom` lineage).
pub type MergedIdsOf<T> = BoundedVec<ParcelId, <T as Config>::MaxMergeParcels>;
/// A current or past title of a parcel.
pub type TitleOf<T> = Title<T>;
/// A parcel record.
pub type ParcelOf<T> = Parcel<T>;
/// An encumbrance record.
pub type EncumbranceOf<T> =
	Encumbrance<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
/// The kind and terms of an encumbrance.
pub type EncumbranceKindOf<T> =
	EncumbranceKind<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// The ids of some of a parcel's encumbrances.
pub type EncumbranceIdsOf<T> = BoundedVec<EncumbranceId, <T as Config>::MaxEncumbrances>;
/// A mortgage consent record.
pub type MortgageConsentOf<T> =
	MortgageConsent<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// The notice periods in this runtime's block numbers.
pub type NoticeScheduleOf<T> = NoticeSchedule<BlockNumberFor<T>>;
/// The accounts an application affects: the parcel's owners, the holder of a charge or lease it
/// releases, the owners of a parcel losing an easement.
pub type AffectedOf<T> = BoundedVec<<T as frame_system::Config>::AccountId, MaxAffected<T>>;

/// The most accounts one application can affect: the owners of the parcel, the owners of an
/// easement's dominant parcel, and one holder (`2 × MaxOwners + 1`).
pub struct MaxAffected<T>(core::marker::PhantomData<T>);
impl<T: Config> Get<u32> for MaxAffected<T> {
	fn get() -> u32 {
		T::MaxOwners::get().saturating_mul(2).saturating_add(1)
	}
}

/// What a parcel is used for, as zoned or recorded in the cadastre.
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
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum LandUse {
	/// Homes.
	Residential,
	/// Shops and offices.
	Commercial,
	/// Farming and grazing.
	Agricultural,
	/// Factories and warehouses.
	Industrial,
	/// Woodland.
	Forest,
	/// Roads, parks, public buildings.
	Public,
	/// More than one of the above.
	Mixed,
	/// Anything else.
	Other,
}

/// How the land is held.
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
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub enum Tenure {
	/// Held outright, without end.
	Freehold,
	/// Held for a term that ends at `expires_at` (Unix time, seconds).
	Leasehold {
		/// When the term ends, in seconds since 1970-01-01 UTC.
		expires_at: u64,
	},
}

/// Why a title version came to be.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub enum TitleChange<Balance> {
	/// The parcel's first registration.
	FirstRegistration,
	/// A sale settled through a dealing (conveyance), at a price.
	Sale {
		/// The dealing that settled.
		dealing: DealingId,
		/// The price paid (zero for a gift).
		price: Balance,
	},
	/// Inheritance, on a grant of probate or letters of administration.
	Inheritance,
	/// A court order vesting the land in new owners.
	CourtOrder,
	/// A correction by the registrar, with the legal basis in the source.
	Rectification,
	/// The title of a child parcel created by splitting `parent`.
	Split {
		/// The parcel that was split.
		parent: ParcelId,
	},
	/// The title of a parcel created by merging others (listed in the parcel's origin).
	Merge,
	/// An owner's lost key replaced by their new account, by a recovery application; the
	/// parties and shares are unchanged.
	KeyRecovery,
}

/// A title: who holds the parcel, how, since when and why. Every version is kept forever.
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
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase", bound = ""))]
pub struct Title<T: Config> {
	/// The parcel this title covers.
	pub parcel: ParcelId,
	/// 1 at first registration, one more at every change.
	pub version: TitleVersion,
	/// The owners and their shares, summing exactly to the whole.
	pub owners: OwnersOf<T>,
	/// Freehold or leasehold.
	pub tenure: Tenure,
	/// The document behind this version (deed, probate, court order, …).
	pub source: Source,
	/// Why this version came to be.
	pub change: TitleChange<BalanceOf<T>>,
	/// The block in which this version was recorded.
	pub recorded_at: BlockNumberFor<T>,
	/// The registrar who recorded it, or `None` when a settled dealing did.
	pub recorded_by: Option<T::AccountId>,
}

/// A parcel's physical and cadastral attributes that a survey can correct.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct ParcelAttributes {
	/// Area in square metres.
	pub area_m2: u64,
	/// What the parcel is used for.
	pub land_use: LandUse,
	/// Hash of the parcel's boundary geometry (e.g. of its GeoJSON), kept off-chain.
	pub geometry_hash: H256,
}

/// How a parcel came to be.
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
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase", bound = ""))]
pub enum ParcelOrigin<T: Config> {
	/// First registration.
	FirstRegistration,
	/// Split off `parent`.
	SplitFrom(ParcelId),
	/// Merged from these parcels.
	MergedFrom(BoundedVec<ParcelId, T::MaxMergeParcels>),
}

/// Whether a parcel is current or has been superseded.
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
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase", bound = ""))]
pub enum ParcelStatus<T: Config> {
	/// Current: has a title and can be dealt with.
	Active,
	/// Split into these children; kept for the record, has no current title.
	SplitInto {
		/// The child parcels.
		children: BoundedVec<ParcelId, T::MaxSplitChildren>,
		/// The block of the split.
		at: BlockNumberFor<T>,
	},
	/// Merged into this parcel; kept for the record, has no current title.
	MergedInto {
		/// The parcel it became part of.
		parcel: ParcelId,
		/// The block of the merge.
		at: BlockNumberFor<T>,
	},
}

/// A parcel (spatial unit) of the cadastre.
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
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase", bound = ""))]
pub struct Parcel<T: Config> {
	/// The parcel's chain-assigned number.
	pub id: ParcelId,
	/// The registration district.
	#[cfg_attr(feature = "std", serde(serialize_with = "text::serialize"))]
	pub jurisdiction: Jurisdiction,
	/// The parcel's reference in the district's cadastre.
	#[cfg_attr(feature = "std", serde(serialize_with = "text::serialize"))]
	pub cadastral_reference: CadastralReference,
	/// Area, land use and geometry hash.
	pub attributes: ParcelAttributes,
	/// The survey or document behind the current attributes.
	pub source: Source,
	/// 0 when first recorded; one more at every rectification of the attributes.
	pub revision: u32,
	/// How the parcel came to be (lineage towards its parents).
	pub origin: ParcelOrigin<T>,
	/// Active, or retired with its successors (lineage towards its children).
	pub status: ParcelStatus<T>,
	/// The block of registration.
	pub registered_at: BlockNumberFor<T>,
}

impl<T: Config> Parcel<T> {
	/// Whether the parcel is current.
	pub fn is_active(&self) -> bool {
		matches!(self.status, ParcelStatus::Active)
	}
}

/// The kind and terms of an encumbrance on a parcel.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub enum EncumbranceKind<AccountId, Balance> {
	/// A mortgage securing a loan; discharged (paid off first, by rank) when the parcel is sold.
	/// Recorded only with the consent of every owner.
	Mortgage {
		/// The lender, paid at discharge.
		lender: AccountId,
		/// The amount secured.
		amount: Balance,
		/// Priority: rank 1 is paid first. Unique among a parcel's mortgages.
		rank: u32,
	},
	/// A statutory or judgment lien (e.g. unpaid rates). Must be released before a sale settles.
	Lien {
		/// Who holds the lien.
		holder: AccountId,
		/// The amount claimed.
		amount: Balance,
	},
	/// A right of way or similar use by another parcel or party; runs with the land.
	Easement {
		/// The parcel that benefits, if any.
		dominant_parcel: Option<ParcelId>,
		/// Hash of the easement's terms.
		terms_hash: H256,
	},
	/// A registered lease; runs with the land.
	Lease {
		/// The tenant.
		lessee: AccountId,
		/// When the lease ends (Unix time, seconds).
		expires_at: u64,
	},
	/// A court caveat: freezes every dealing with the parcel until released.
	Caveat {
		/// The court's case reference.
		#[cfg_attr(feature = "std", serde(serialize_with = "text::serialize"))]
		court_reference: CourtReference,
	},
}

impl<A, B> EncumbranceKind<A, B> {
	/// Whether this is a caveat.
	pub fn is_caveat(&self) -> bool {
		matches!(self, EncumbranceKind::Caveat { .. })
	}

	/// Whether this is a money charge (mortgage or lien) that must be cleared before a sale.
	pub fn is_charge(&self) -> bool {
		matches!(self, EncumbranceKind::Mortgage { .. } | EncumbranceKind::Lien { .. })
	}

	/// The account that holds this right and may give it up by signing: a mortgage's lender, a
	/// lien's holder, a lease's tenant. Easements and caveats have none.
	pub fn holder(&self) -> Option<&A> {
		match self {
			EncumbranceKind::Mortgage { lender, .. } => Some(lender),
			EncumbranceKind::Lien { holder, .. } => Some(holder),
			EncumbranceKind::Lease { lessee, .. } => Some(lessee),
			EncumbranceKind::Easement { .. } | EncumbranceKind::Caveat { .. } => None,
		}
	}
	/// The holder, to change (a key recovery).
	pub fn holder_mut(&mut self) -> Option<&mut A> {
		match self {
			EncumbranceKind::Mortgage { lender, .. } => Some(lender),
			EncumbranceKind::Lien { holder, .. } => Some(holder),
			EncumbranceKind::Lease { lessee, .. } => Some(lessee),
			EncumbranceKind::Easement { .. } | EncumbranceKind::Caveat { .. } => None,
		}
	}
}

/// An encumbrance recorded on a parcel.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct Encumbrance<AccountId, Balance, BlockNumber> {
	/// The encumbrance's chain-assigned number.
	pub id: EncumbranceId,
	/// Its kind and terms.
	pub kind: EncumbranceKind<AccountId, Balance>,
	/// The instrument behind it.
	pub source: Source,
	/// The block in which it was recorded.
	pub recorded_at: BlockNumber,
	/// The registrar who recorded it; their deposit is held until release.
	pub recorded_by: AccountId,
	/// The deposit held from `recorded_by`.
	pub deposit: Balance,
}

/// A mortgage's terms that an owner has consented to; consumed when the mortgage is recorded.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct MortgageConsent<AccountId, Balance> {
	/// The lender consented to.
	pub lender: AccountId,
	/// The amount consented to.
	pub amount: Balance,
	/// The rank consented to.
	pub rank: u32,
	/// The deposit held from the consenting owner.
	pub deposit: Balance,
}

/// A transfer of title without a sale.
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
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub enum LawfulTransferReason {
	/// To heirs, on probate or letters of administration.
	Inheritance,
	/// To whomever a court order names.
	CourtOrder,
}

/// A change to the registry that takes a right away from someone without their signature: it
/// goes through an application (two registrars, public notice, objections).
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
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase", bound = ""))]
pub enum ProposedChange<T: Config> {
	/// Correct the title's owners, shares or tenure (the legal basis is in the source).
	RectifyTitle {
		/// The owners and shares the title should name.
		owners: OwnersOf<T>,
		/// The tenure the title should have.
		tenure: Tenure,
	},
	/// Transfer the title by operation of law: to heirs, or to whomever a court order names.
	TransferByOperationOfLaw {
		/// The new owners and shares.
		owners: OwnersOf<T>,
		/// The tenure after the transfer.
		tenure: Tenure,
		/// Inheritance or court order.
		reason: LawfulTransferReason,
	},
	/// Release an encumbrance without its holder's signature (e.g. a mortgage paid off whose
	/// lender has gone), lift a caveat, end an easement or lease.
	ReleaseEncumbrance {
		/// The encumbrance to release.
		encumbrance: EncumbranceId,
	},
	/// Correct the parcel's area, land use or geometry hash.
	RectifyParcel {
		/// The corrected attributes.
		attributes: ParcelAttributes,
	},
	/// Replace a key its party lost by the party's new account, everywhere on the parcel: as
	/// owner (same share), as holder of a charge or lease, in mortgage consents and in the lost
	/// key's own restriction. The new account must be attested by the party register; the lost
	/// key may veto the application until it is enacted (`veto_recovery`).
	RecoverKey {
		/// The account whose key was lost.
		lost: T::AccountId,
		/// The party's new account.
		replacement: T::AccountId,
	},
}

impl<T: Config> ProposedChange<T> {
	/// Whether this is a transfer by court order (which a caveat or an owner's restriction does
	/// not stop, and which may have a shorter notice period).
	pub fn is_court_order(&self) -> bool {
		matches!(
			self,
			ProposedChange::TransferByOperationOfLaw {
				reason: LawfulTransferReason::CourtOrder,
				..
			}
		)
	}

	/// The accounts that would own the parcel after the change, if it changes the title.
	pub fn new_owners(&self) -> Option<&OwnersOf<T>> {
		match self {
			ProposedChange::RectifyTitle { owners, .. }
			| ProposedChange::TransferByOperationOfLaw { owners, .. } => Some(owners),
			ProposedChange::ReleaseEncumbrance { .. }
			| ProposedChange::RectifyParcel { .. }
			| ProposedChange::RecoverKey { .. } => None,
		}
	}

	/// The lost key and its replacement, if this is a recovery.
	pub fn recovery(&self) -> Option<(&T::AccountId, &T::AccountId)> {
		match self {
			ProposedChange::RecoverKey { lost, replacement } => Some((lost, replacement)),
			_ => None,
		}
	}

	/// The owners component of this change's weight: how many owners it names (at least one).
	/// A change naming none is weighed as the largest title change (`MaxOwners`): the
	/// benchmarks measure title changes, and the others are charged no less.
	pub fn weighed_owners(&self) -> u32 {
		self.new_owners().map_or(T::MaxOwners::get(), |owners| (owners.len() as u32).max(1))
	}
}

/// What an application call worked on, for its actual weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApplicationWork {
	/// [`ProposedChange::weighed_owners`] of the application's change.
	pub owners: u32,
	/// Whether it is a recovery (weighed by its own benchmarks).
	pub recovery: bool,
	/// Whether enacting it closed an open sale of the parcel first.
	pub closed_dealing: bool,
}

impl ApplicationWork {
	/// The work on an application whose change is `change`, no sale closed.
	pub fn of<T: Config>(change: &ProposedChange<T>) -> Self {
		ApplicationWork {
			owners: change.weighed_owners(),
			recovery: change.recovery().is_some(),
			closed_dealing: false,
		}
	}
}

/// Where an application stands.
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
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase", bound = ""))]
pub enum ApplicationStatus<T: Config> {
	/// Proposed by one registrar; a second, different registrar must confirm it before
	/// `confirm_by`, or it expires.
	Proposed {
		/// The last block in which it can be confirmed.
		confirm_by: BlockNumberFor<T>,
	},
	/// Confirmed by a second registrar; in public notice until `notice_ends`, after which anyone
	/// may enact it unless an affected party objects first.
	InNotice {
		/// The second registrar.
		confirmed_by: T::AccountId,
		/// The first block in which it can be enacted.
		notice_ends: BlockNumberFor<T>,
	},
	/// An affected party objected: suspended until the council decides.
	Objected {
		/// The second registrar, if it had confirmed before the objection.
		confirmed_by: Option<T::AccountId>,
		/// Who objected.
		objector: T::AccountId,
		/// Hash of the objection's grounds (the document stays off-chain).
		grounds: H256,
	},
}

/// An application to change the registry without the affected parties' signatures.
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
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase", bound = ""))]
pub struct Application<T: Config> {
	/// The parcel it concerns.
	pub parcel: ParcelId,
	/// What it would change.
	pub change: ProposedChange<T>,
	/// The document behind it (court order, probate, survey, discharge, …).
	pub source: Source,
	/// The registrar who proposed it; holds the deposit.
	pub proposed_by: T::AccountId,
	/// The block it was proposed in.
	pub proposed_at: BlockNumberFor<T>,
	/// Where it stands.
	pub status: ApplicationStatus<T>,
	/// Who may object: the parcel's owners and whoever loses a right by it.
	pub affected: AffectedOf<T>,
	/// The deposit held from the proposer until the application ends.
	pub deposit: BalanceOf<T>,
}

/// How long applications wait, in blocks.
#[derive(
	Clone,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct NoticeSchedule<BlockNumber> {
	/// Public notice between confirmation and enactment, e.g. 14 days.
	pub notice: BlockNumber,
	/// Public notice for a transfer by court order (may be shorter; the two registrars stay).
	pub court_order_notice: BlockNumber,
	/// How long a proposed application waits for a second registrar before it expires.
	pub confirmation: BlockNumber,
}

/// How an application ended without being enacted.
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
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub enum ApplicationEnd {
	/// The proposing registrar withdrew it.
	Withdrawn,
	/// The council dismissed it after an objection.
	Dismissed,
	/// No second registrar confirmed it in time.
	Expired,
	/// The lost key of a recovery application vetoed it: whoever holds the key has not lost it.
	Vetoed,
}

/// An owner's anti-fraud restriction on a parcel: no application that is not a court order is
/// enacted while it stands. It lapses when the owner's title ends.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct Restriction<Balance, BlockNumber> {
	/// The block it was placed in.
	pub placed_at: BlockNumber,
	/// The deposit held from the owner until it is removed or lapses.
	pub deposit: Balance,
}

/// A record of the registry that cites a document, as listed under the document's hash in
/// [`crate::Citations`]: "which records cite this deed?". Entries are kept forever, like the title
/// history, so a released charge or an ended application is still found by its document.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub enum Citation {
	/// A parcel's attributes at `revision` (0: as registered, split off or merged; one more at
	/// every rectification), backed by the survey or deed.
	ParcelAttributes {
		/// The parcel.
		parcel: ParcelId,
		/// The attributes' revision.
		revision: u32,
	},
	/// A title version, backed by the deed, court order or other document that made it.
	Title {
		/// The parcel.
		parcel: ParcelId,
		/// The title version.
		version: TitleVersion,
	},
	/// The recording of an encumbrance (mortgage deed, lien notice, caveat order, …).
	EncumbranceRecorded {
		/// The parcel it burdens.
		parcel: ParcelId,
		/// The encumbrance.
		encumbrance: EncumbranceId,
	},
	/// A registrar's release of an encumbrance (discharge deed, court order, …).
	EncumbranceReleased {
		/// The parcel it burdened.
		parcel: ParcelId,
		/// The encumbrance.
		encumbrance: EncumbranceId,
	},
	/// An application to change the registry, with this document as its evidence.
	Application {
		/// The parcel it concerns.
		parcel: ParcelId,
		/// The application.
		application: ApplicationId,
	},
}

impl Citation {
	/// The parcel the citing record belongs to.
	pub fn parcel(&self) -> ParcelId {
		match self {
			Citation::ParcelAttributes { parcel, .. }
			| Citation::Title { parcel, .. }
			| Citation::EncumbranceRecorded { parcel, .. }
			| Citation::EncumbranceReleased { parcel, .. }
			| Citation::Application { parcel, .. } => *parcel,
		}
	}
}

/// A child parcel to create by a split.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct ChildParcel {
	/// The child's cadastral reference, new in the parent's jurisdiction.
	pub cadastral_reference: CadastralReference,
	/// The child's area, land use and geometry hash.
	pub attributes: ParcelAttributes,
}

/// A parcel registered at genesis: a dev chain's demo data, or records carried over from a
/// legacy registry when a real network starts.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenesisParcel<AccountId> {
	/// The registration district, e.g. `KE-NAIROBI`.
	pub jurisdiction: alloc::string::String,
	/// The cadastral reference, unique in the district.
	pub cadastral_reference: alloc::string::String,
	/// Area in square metres.
	pub area_m2: u64,
	/// What the parcel is used for.
	pub land_use: LandUse,
	/// Hash of the boundary geometry.
	pub geometry_hash: H256,
	/// Hash of the deed or survey behind the registration.
	pub deed_hash: H256,
	/// Owners as `(account, numerator, denominator)`.
	pub owners: alloc::vec::Vec<(AccountId, u32, u32)>,
	/// For a leasehold, when the lease ends (Unix seconds); freehold otherwise.
	pub leasehold_expires_at: Option<u64>,
}
