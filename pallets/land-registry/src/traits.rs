//! The registry's side of [`TitleRegistry`] (declared in `landchain-primitives`): what other
//! pallets (the conveyance) may do with the registry. [`OpenDealings`], what the registry needs
//! of them when the law overrides a dealing, is declared there too.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*};
pub use landchain_primitives::traits::{OpenDealings, PartyCheck, TitleRegistry};

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
	type MaxOwners = T::MaxOwners;
	type MaxEncumbrances = T::MaxEncumbrances;

	fn owners(parcel: ParcelId) -> Result<Vec<Owner<T::AccountId>>, DispatchError> {
		Self::active_parcel(parcel)?;
		let title = Titles::<T>::get(parcel).ok_or(Error::<T>::UnknownParcel)?;
		Ok(title.owners.into_inner())
	}

	fn ensure_free_to_deal(parcel: ParcelId) -> DispatchResult {
		Self::active_parcel(parcel)?;
		Self::ensure_dealable(parcel)
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
		new_mortgages: Vec<NewMortgage<T::AccountId, BalanceOf<T>>>,
		registrar: &T::AccountId,
	) -> DispatchResult {
		// All or nothing: a new mortgage that cannot be recorded leaves the title where it was.
		frame_support::storage::with_storage_layer(|| -> DispatchResult {
			Self::ensure_can_transfer(parcel, dealing)?;
			ensure!(
				!Encumbrances::<T>::get(parcel).iter().any(|open| open.kind.is_charge()),
				Error::<T>::ChargesOutstanding
			);
			let owners = Self::validated_owners(new_owners)?;
			let current = Titles::<T>::get(parcel).ok_or(Error::<T>::UnknownParcel)?;
			Self::ensure_new_holders_may_hold(&current, &owners)?;
			for mortgage in &new_mortgages {
				T::Parties::ensure_may_hold(&mortgage.lender)?;
			}
			let tenure = current.tenure;
			Self::record_title(
				parcel,
				owners,
				tenure,
				deed,
				TitleChange::Sale { dealing, price },
				None,
			)?;
			for mortgage in new_mortgages {
				Self::do_record_dealing_mortgage(registrar, parcel, mortgage)?;
			}
			ParcelLocks::<T>::remove(parcel);
			Self::deposit_event(Event::ParcelUnlocked { parcel, dealing });
			Ok(())
		})
	}
}
