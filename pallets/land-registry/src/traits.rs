//! [`TitleRegistry`]: what other pallets (the conveyance) may do with the registry; and
//! [`OpenDealings`]: what the registry needs of them when the law overrides a dealing.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*};

/// The registry as a dealing (e.g. a sale) sees it: check a parcel is free, lock it while the
/// dealing is open, discharge its mortgages and move its title at settlement.
pub trait TitleRegistry<AccountId, Balance> {
	/// The current owners and shares of an active parcel.
	fn owners(parcel: ParcelId) -> Result<Vec<Owner<AccountId>>, DispatchError>;

	/// Checks that a new dealing may start on the parcel: active, not locked, no caveat.
	fn ensure_free_to_deal(parcel: ParcelId) -> DispatchResult;

	/// Locks the parcel for `dealing`: no other dealing may touch it until unlocked.
	fn lock(parcel: ParcelId, dealing: DealingId) -> DispatchResult;

	/// Releases `dealing`'s lock on the parcel.
	fn unlock(parcel: ParcelId, dealing: DealingId) -> DispatchResult;

	/// The open mortgages on the parcel, in rank order (rank 1 first).
	fn mortgages(parcel: ParcelId) -> Vec<MortgageSummary<AccountId, Balance>>;

	/// Checks that `dealing` could move the title now: it holds the lock, no caveat is in force,
	/// and no lien is open (mortgages are discharged by the dealing itself).
	fn ensure_can_transfer(parcel: ParcelId, dealing: DealingId) -> DispatchResult;

	/// Discharges a mortgage paid off by `dealing`, which must hold the parcel's lock.
	fn discharge_mortgage(
		parcel: ParcelId,
		dealing: DealingId,
		encumbrance: EncumbranceId,
	) -> DispatchResult;

	/// Moves the title to `new_owners` as a sale at `price` under `deed`, and releases the lock.
	/// Every mortgage and lien must be gone by then.
	fn transfer_title(
		parcel: ParcelId,
		dealing: DealingId,
		new_owners: Vec<Owner<AccountId>>,
		deed: Source,
		price: Balance,
	) -> DispatchResult;
}

/// The dealings (e.g. sales) that may hold a parcel's lock, as the registry sees them when a
/// transfer by operation of law (a court order, an inheritance) is enacted over them.
pub trait OpenDealings {
	/// Ends `dealing` on `parcel` because the law moves the title: whoever paid is refunded,
	/// deposits return, and the dealing releases its lock through [`TitleRegistry::unlock`].
	fn close_for_operation_of_law(parcel: ParcelId, dealing: DealingId) -> DispatchResult;

	/// The most weight [`Self::close_for_operation_of_law`] takes.
	fn close_weight() -> Weight;
}

/// No dealings at all: a locked parcel cannot be closed over (`ParcelLocked`).
impl OpenDealings for () {
	fn close_for_operation_of_law(_: ParcelId, _: DealingId) -> DispatchResult {
		Err(DispatchError::Other("no dealings are configured to close"))
	}

	fn close_weight() -> Weight {
		Weight::zero()
	}
}

impl<T: Config> Pallet<T> {
	fn ensure_locked_by(parcel: ParcelId, dealing: DealingId) -> DispatchResult {
		match ParcelLocks::<T>::get(parcel) {
			Some(holder) if holder == dealing => Ok(()),
			Some(_) => Err(Error::<T>::LockedByAnotherDealing.into()),
			None => Err(Error::<T>::NotLocked.into()),
		}
	}
}

impl<T: Config> TitleRegistry<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn owners(parcel: ParcelId) -> Result<Vec<Owner<T::AccountId>>, DispatchError> {
		Self::active_parcel(parcel)?;
		let title = Titles::<T>::get(parcel).ok_or(Error::<T>::UnknownParcel)?;
		Ok(title.owners.into_inner())
	}

	fn ensure_free_to_deal(parcel: ParcelId) -> DispatchResult {
		Self::active_parcel(parcel)?;
		Self::ensure_dealable(parcel, None)
	}

	fn lock(parcel: ParcelId, dealing: DealingId) -> DispatchResult {
		Self::ensure_free_to_deal(parcel)?;
		ParcelLocks::<T>::insert(parcel, dealing);
		Self::deposit_event(Event::ParcelLocked { parcel, dealing });
		Ok(())
	}

	fn unlock(parcel: ParcelId, dealing: DealingId) -> DispatchResult {
		Self::ensure_locked_by(parcel, dealing)?;
		ParcelLocks::<T>::remove(parcel);
		Self::deposit_event(Event::ParcelUnlocked { parcel, dealing });
		Ok(())
	}

	fn mortgages(parcel: ParcelId) -> Vec<MortgageSummary<T::AccountId, BalanceOf<T>>> {
		let mut mortgages: Vec<_> = Encumbrances::<T>::get(parcel)
			.into_iter()
			.filter_map(|encumbrance| match encumbrance.kind {
				EncumbranceKind::Mortgage { lender, amount, rank } => {
					Some(MortgageSummary { id: encumbrance.id, lender, amount, rank })
				}
				_ => None,
			})
			.collect();
		mortgages.sort_by_key(|mortgage| mortgage.rank);
		mortgages
	}

	fn ensure_can_transfer(parcel: ParcelId, dealing: DealingId) -> DispatchResult {
		Self::active_parcel(parcel)?;
		Self::ensure_locked_by(parcel, dealing)?;
		let encumbrances = Encumbrances::<T>::get(parcel);
		ensure!(!encumbrances.iter().any(|open| open.kind.is_caveat()), Error::<T>::CaveatInForce);
		ensure!(
			!encumbrances.iter().any(|open| matches!(open.kind, EncumbranceKind::Lien { .. })),
			Error::<T>::ChargesOutstanding
		);
		Ok(())
	}

	fn discharge_mortgage(
		parcel: ParcelId,
		dealing: DealingId,
		encumbrance: EncumbranceId,
	) -> DispatchResult {
		Self::ensure_locked_by(parcel, dealing)?;
		let is_mortgage = Encumbrances::<T>::get(parcel).iter().any(|open| {
			open.id == encumbrance && matches!(open.kind, EncumbranceKind::Mortgage { .. })
		});
		ensure!(is_mortgage, Error::<T>::UnknownEncumbrance);
		Self::do_release_encumbrance(None, parcel, encumbrance, None)
	}

	fn transfer_title(
		parcel: ParcelId,
		dealing: DealingId,
		new_owners: Vec<Owner<T::AccountId>>,
		deed: Source,
		price: BalanceOf<T>,
	) -> DispatchResult {
		Self::ensure_can_transfer(parcel, dealing)?;
		ensure!(
			!Encumbrances::<T>::get(parcel).iter().any(|open| open.kind.is_charge()),
			Error::<T>::ChargesOutstanding
		);
		let owners = Self::validated_owners(new_owners)?;
		let tenure = Titles::<T>::get(parcel).ok_or(Error::<T>::UnknownParcel)?.tenure;
		Self::record_title(
			parcel,
			owners,
			tenure,
			deed,
			TitleChange::Sale { dealing, price },
			None,
		)?;
		ParcelLocks::<T>::remove(parcel);
		Self::deposit_event(Event::ParcelUnlocked { parcel, dealing });
		Ok(())
	}
}
