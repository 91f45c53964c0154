//! Owners' anti-fraud restrictions: while one stands, no application but a court order is
//! proposed or enacted on the parcel.

use crate::{pallet::*, types::*};
use frame_support::{ensure, pallet_prelude::*, traits::fungible::MutateHold};

impl<T: Config> Pallet<T> {
	/// An owner places a restriction, holding the restriction deposit.
	pub(crate) fn do_place_restriction(owner: T::AccountId, parcel: ParcelId) -> DispatchResult {
		Self::active_parcel(parcel)?;
		ensure!(OwnerParcels::<T>::contains_key(&owner, parcel), Error::<T>::NotOwner);
		ensure!(!Restrictions::<T>::contains_key(parcel, &owner), Error::<T>::AlreadyRestricted);
		let deposit = T::RestrictionDeposit::get();
		T::Currency::hold(&HoldReason::RestrictionDeposit.into(), &owner, deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		let placed_at = frame_system::Pallet::<T>::block_number();
		Restrictions::<T>::insert(parcel, &owner, Restriction { placed_at, deposit });
		Self::deposit_event(Event::RestrictionPlaced { parcel, owner });
		Ok(())
	}

	/// The owner removes their restriction; the deposit returns.
	pub(crate) fn do_remove_restriction(owner: T::AccountId, parcel: ParcelId) -> DispatchResult {
		let restriction =
			Restrictions::<T>::take(parcel, &owner).ok_or(Error::<T>::NoRestriction)?;
		Self::release_held(HoldReason::RestrictionDeposit, &owner, restriction.deposit);
		Self::deposit_event(Event::RestrictionRemoved { parcel, owner });
		Ok(())
	}

	/// Every restriction on `parcel` lapses with the title it was placed on; deposits return. At
	/// most one per owner, so bounded by `MaxOwners`.
	pub(crate) fn lapse_restrictions(parcel: ParcelId) {
		for (owner, restriction) in Restrictions::<T>::drain_prefix(parcel) {
			Self::release_held(HoldReason::RestrictionDeposit, &owner, restriction.deposit);
			Self::deposit_event(Event::RestrictionRemoved { parcel, owner });
		}
	}
}
