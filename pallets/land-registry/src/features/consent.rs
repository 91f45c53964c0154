//! Owners' consent to a mortgage on their parcel.

use crate::{pallet::*, types::*};
use frame_support::{ensure, pallet_prelude::*, traits::fungible::MutateHold};

impl<T: Config> Pallet<T> {
	/// Stores `owner`'s consent to a mortgage with these terms, holding the consent deposit.
	pub(crate) fn do_consent_to_mortgage(
		owner: T::AccountId,
		parcel: ParcelId,
		lender: T::AccountId,
		amount: BalanceOf<T>,
		rank: u32,
	) -> DispatchResult {
		Self::active_parcel(parcel)?;
		ensure!(OwnerParcels::<T>::contains_key(&owner, parcel), Error::<T>::NotOwner);
		Self::ensure_payable(amount)?;
		ensure!(rank >= 1, Error::<T>::InvalidRank);
		ensure!(
			!MortgageConsents::<T>::contains_key(parcel, &owner),
			Error::<T>::ConsentAlreadyGiven
		);

		let deposit = T::ConsentDeposit::get();
		T::Currency::hold(&HoldReason::ConsentDeposit.into(), &owner, deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		MortgageConsents::<T>::insert(
			parcel,
			&owner,
			MortgageConsent { lender: lender.clone(), amount, rank, deposit },
		);
		Self::deposit_event(Event::MortgageConsentGiven { parcel, owner, lender, amount, rank });
		Ok(())
	}

	/// Removes `owner`'s unused consent and releases its deposit.
	pub(crate) fn do_withdraw_mortgage_consent(
		owner: T::AccountId,
		parcel: ParcelId,
	) -> DispatchResult {
		let consent = MortgageConsents::<T>::take(parcel, &owner).ok_or(Error::<T>::NoConsent)?;
		Self::release_held(HoldReason::ConsentDeposit, &owner, consent.deposit);
		Self::deposit_event(Event::MortgageConsentWithdrawn { parcel, owner });
		Ok(())
	}
}
