//! Shared checks and record keeping: validating owners, reading active parcels, writing title
//! versions with the owner and document indexes in step, and allocating ids.

use crate::{pallet::*, types::*, PartyCheck};
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*};

impl<T: Config> Pallet<T> {
	/// Checks a proposed owner list: at least one owner, at most `MaxOwners`, no account twice,
	/// every share well formed, and the shares summing to exactly one whole.
	pub(crate) fn validated_owners(
		owners: Vec<Owner<T::AccountId>>,
	) -> Result<OwnersOf<T>, DispatchError> {
		ensure!(!owners.is_empty(), Error::<T>::NoOwners);
		let owners: OwnersOf<T> = owners.try_into().map_err(|_| Error::<T>::TooManyOwners)?;
		Self::check_owners(&owners)?;
		Ok(owners)
	}

	/// The checks of [`Self::validated_owners`] on a list that is already bounded.
	pub(crate) fn check_owners(owners: &OwnersOf<T>) -> DispatchResult {
		check_owner_list(owners).map_err(|problem| match problem {
			OwnerListProblem::Empty => Error::<T>::NoOwners,
			OwnerListProblem::InvalidShare => Error::<T>::InvalidShare,
			OwnerListProblem::DuplicateAccount => Error::<T>::DuplicateOwner,
			OwnerListProblem::NotWhole => Error::<T>::SharesDoNotSumToWhole,
		})?;
		Ok(())
	}

	/// The weight of `count` checks of the party policy (added to the benchmarked weight of a
	/// call that grants title or a charge: the benchmarks run with the policy off).
	pub(crate) fn party_checks(count: u32) -> Weight {
		T::Parties::check_weight().saturating_mul(u64::from(count))
	}

	/// Under the party policy ([`Config::Parties`]), every owner of `owners` who does not already
	/// hold a share of `current` must be allowed to hold: a change cannot hand title to an
	/// account the policy refuses, and leaves existing holders be.
	pub(crate) fn ensure_new_holders_may_hold(
		current: &TitleOf<T>,
		owners: &OwnersOf<T>,
	) -> DispatchResult {
		for owner in owners.iter() {
			if !current.owners.iter().any(|held| held.account == owner.account) {
				T::Parties::ensure_may_hold(&owner.account)?;
			}
		}
		Ok(())
	}

	/// A registrar may not record anything on a parcel it owns a share of.
	pub(crate) fn ensure_not_owner(registrar: &T::AccountId, parcel: ParcelId) -> DispatchResult {
		ensure!(
			!OwnerParcels::<T>::contains_key(registrar, parcel),
			Error::<T>::ConflictOfInterest
		);
		Ok(())
	}

	/// How many owners the current title of `parcel` has, for weighing a call that read or wrote
	/// it (the read is of a value the call already touched). `MaxOwners` when it has none.
	pub(crate) fn owner_count(parcel: ParcelId) -> u32 {
		Titles::<T>::get(parcel).map_or(T::MaxOwners::get(), |title| title.owners.len() as u32)
	}

	/// The parcel, if it exists and is active.
	pub(crate) fn active_parcel(parcel: ParcelId) -> Result<ParcelOf<T>, DispatchError> {
		let record = Parcels::<T>::get(parcel).ok_or(Error::<T>::UnknownParcel)?;
		ensure!(record.is_active(), Error::<T>::ParcelRetired);
		Ok(record)
	}

	/// Whether a court caveat is in force on the parcel.
	pub fn has_caveat(parcel: ParcelId) -> bool {
		Encumbrances::<T>::get(parcel).iter().any(|encumbrance| encumbrance.kind.is_caveat())
	}

	/// No one may deal directly with a parcel that a dealing (an open sale) has locked — the
	/// dealing itself goes through its own checks (`ensure_can_transfer`) — and none may touch a
	/// parcel under caveat.
	pub(crate) fn ensure_dealable(parcel: ParcelId) -> DispatchResult {
		ensure!(!ParcelLocks::<T>::contains_key(parcel), Error::<T>::ParcelLocked);
		ensure!(!Self::has_caveat(parcel), Error::<T>::CaveatInForce);
		Ok(())
	}

	/// Checks a jurisdiction and cadastral reference are non-empty and not yet registered.
	pub(crate) fn ensure_reference_free(
		jurisdiction: &Jurisdiction,
		reference: &CadastralReference,
	) -> DispatchResult {
		ensure!(!jurisdiction.is_empty() && !reference.is_empty(), Error::<T>::EmptyReference);
		ensure!(
			!ParcelByReference::<T>::contains_key(jurisdiction, reference),
			Error::<T>::DuplicateCadastralReference
		);
		Ok(())
	}

	/// The next `count` parcel ids, reserved.
	pub(crate) fn next_parcel_ids(count: u64) -> Result<ParcelId, DispatchError> {
		let first = NextParcelId::<T>::get();
		let next = first.checked_add(count).ok_or(Error::<T>::Overflow)?;
		NextParcelId::<T>::put(next);
		Ok(first)
	}

	/// Writes a new parcel and its reference index entry, and emits `ParcelRegistered`.
	/// The caller has checked the reference is free.
	pub(crate) fn insert_parcel(record: ParcelOf<T>) {
		ParcelByReference::<T>::insert(
			&record.jurisdiction,
			&record.cadastral_reference,
			record.id,
		);
		Self::cite(
			&record.source,
			Citation::ParcelAttributes { parcel: record.id, revision: record.revision },
		);
		Self::deposit_event(Event::ParcelRegistered {
			parcel: record.id,
			jurisdiction: record.jurisdiction.clone(),
			cadastral_reference: record.cadastral_reference.clone(),
			attributes: record.attributes.clone(),
			source: record.source.clone(),
			origin: record.origin.clone(),
		});
		Parcels::<T>::insert(record.id, record);
	}

	/// Records a new title version for `parcel`: the current one (if any) moves to the history,
	/// the owner index follows, and `TitleRecorded` is emitted. Returns the new version.
	pub(crate) fn record_title(
		parcel: ParcelId,
		owners: OwnersOf<T>,
		tenure: Tenure,
		source: Source,
		change: TitleChange<BalanceOf<T>>,
		recorded_by: Option<T::AccountId>,
	) -> Result<TitleVersion, DispatchError> {
		let version = match Titles::<T>::get(parcel) {
			Some(current) => current.version.checked_add(1).ok_or(Error::<T>::Overflow)?,
			None => 1,
		};
		Self::retire_title(parcel);
		for owner in owners.iter() {
			OwnerParcels::<T>::insert(&owner.account, parcel, ());
		}
		Self::cite(&source, Citation::Title { parcel, version });
		Self::deposit_event(Event::TitleRecorded {
			parcel,
			version,
			#[cfg(feature = "upgrade-test")]
			supersedes: version.checked_sub(1).filter(|previous| *previous > 0),
			owners: owners.clone(),
			tenure,
			source: source.clone(),
			change: change.clone(),
			recorded_by: recorded_by.clone(),
		});
		let title = Title {
			parcel,
			version,
			owners,
			tenure,
			source,
			change,
			recorded_at: frame_system::Pallet::<T>::block_number(),
			recorded_by,
		};
		Titles::<T>::insert(parcel, title);
		Ok(version)
	}

	/// Moves the current title of `parcel` into the history, drops its owners from the owner
	/// index and lets open mortgage consents and owners' restrictions lapse. Returns the retired
	/// version, or `None` if the parcel had no title.
	pub(crate) fn retire_title(parcel: ParcelId) -> Option<TitleVersion> {
		let title = Titles::<T>::take(parcel)?;
		// Consents and restrictions were given on the outgoing owners' title: they lapse with it.
		Self::consume_mortgage_consents(parcel);
		Self::lapse_restrictions(parcel);
		for owner in title.owners.iter() {
			OwnerParcels::<T>::remove(&owner.account, parcel);
		}
		let version = title.version;
		TitleHistory::<T>::insert(parcel, version, title);
		Some(version)
	}
}
