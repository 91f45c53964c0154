//! Key-loss recovery: a recovery application puts a party's new account in the place of a key
//! the party lost, everywhere on one parcel. It takes the applications' path (two registrars,
//! public notice, objections, the council) and one step more: the lost key itself may veto it
//! until it is enacted, so that whoever still holds the key — the real owner facing a fraudster
//! at the office — stops it with one signature.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction as HoldMode},
	},
};
use landchain_primitives::PartyCheck;

impl<T: Config> Pallet<T> {
	/// Checks that `replacement` can take `lost`'s place on `parcel`, whose current title is
	/// `title`, and adds `lost` to the accounts the recovery affects.
	pub(crate) fn check_recovery(
		parcel: ParcelId,
		title: &TitleOf<T>,
		lost: &T::AccountId,
		replacement: &T::AccountId,
		affected: &mut Vec<T::AccountId>,
	) -> DispatchResult {
		ensure!(lost != replacement, Error::<T>::ReplacementIsLostKey);
		// An open sale ends first (completed, cancelled or expired): the other side of a sale
		// dealt with the lost key, and nothing it signed is carried over to another.
		ensure!(!ParcelLocks::<T>::contains_key(parcel), Error::<T>::ParcelLocked);
		let owns = title.owners.iter().any(|owner| owner.account == *lost);
		if owns {
			ensure!(
				!title.owners.iter().any(|owner| owner.account == *replacement),
				Error::<T>::DuplicateOwner
			);
		}
		let on_parcel = owns
			|| Encumbrances::<T>::get(parcel).iter().any(|open| open.kind.holder() == Some(lost))
			|| MortgageConsents::<T>::iter_prefix_values(parcel)
				.any(|consent| consent.lender == *lost);
		ensure!(on_parcel, Error::<T>::LostKeyNotOnParcel);
		// Another owner's restriction stops a recovery as it stops any application. The lost
		// key's own does not — its veto protects it — and moves to the replacement.
		ensure!(
			Restrictions::<T>::iter_key_prefix(parcel).all(|owner| owner == *lost),
			Error::<T>::TitleRestricted
		);
		T::Parties::ensure_may_replace(lost, replacement)?;
		affected.push(lost.clone());
		Ok(())
	}

	/// Enacts recovery `application` on `parcel`: `replacement` takes `lost`'s share of the
	/// title (a new title version, [`TitleChange::KeyRecovery`]), its charges and leases, its
	/// place in mortgage consents, and its restriction with the deposits. The parcel's other
	/// owners' consents stay as they were: the parties did not change.
	pub(crate) fn recover_key(
		application: ApplicationId,
		parcel: ParcelId,
		lost: T::AccountId,
		replacement: T::AccountId,
		source: Source,
		registrar: T::AccountId,
	) -> DispatchResult {
		let title = Titles::<T>::get(parcel).ok_or(Error::<T>::UnknownParcel)?;
		// Consents and restrictions would lapse with the title version: keep them aside.
		let consents: Vec<(T::AccountId, MortgageConsentOf<T>)> =
			MortgageConsents::<T>::drain_prefix(parcel).collect();
		let restriction = Restrictions::<T>::take(parcel, &lost);
		if title.owners.iter().any(|owner| owner.account == lost) {
			let mut owners = title.owners.clone();
			for owner in owners.iter_mut().filter(|owner| owner.account == lost) {
				owner.account = replacement.clone();
			}
			Self::record_title(
				parcel,
				owners,
				title.tenure,
				source,
				TitleChange::KeyRecovery,
				Some(registrar),
			)?;
		}
		for (owner, mut consent) in consents {
			let owner = if owner == lost {
				Self::move_held(HoldReason::ConsentDeposit, &lost, &replacement, consent.deposit)?;
				replacement.clone()
			} else {
				owner
			};
			if consent.lender == lost {
				consent.lender = replacement.clone();
			}
			MortgageConsents::<T>::insert(parcel, owner, consent);
		}
		if let Some(restriction) = restriction {
			Self::move_held(
				HoldReason::RestrictionDeposit,
				&lost,
				&replacement,
				restriction.deposit,
			)?;
			Restrictions::<T>::insert(parcel, &replacement, restriction);
		}
		let mut moved = EncumbranceIdsOf::<T>::new();
		let mut open = Encumbrances::<T>::get(parcel);
		for encumbrance in open.iter_mut() {
			if let Some(holder) = encumbrance.kind.holder_mut().filter(|holder| **holder == lost) {
				*holder = replacement.clone();
				// At most as many as the parcel's encumbrances, the vector's own bound.
				moved.try_push(encumbrance.id).map_err(|_| Error::<T>::TooManyEncumbrances)?;
			}
		}
		if !moved.is_empty() {
			Encumbrances::<T>::insert(parcel, open);
		}
		Self::deposit_event(Event::KeyRecovered {
			application,
			parcel,
			lost,
			replacement,
			encumbrances: moved,
		});
		Ok(())
	}

	/// The lost key vetoes a recovery naming it.
	pub(crate) fn do_veto_recovery(who: T::AccountId, id: ApplicationId) -> DispatchResult {
		let application = Applications::<T>::get(id).ok_or(Error::<T>::UnknownApplication)?;
		ensure!(
			application.change.recovery().is_some_and(|(lost, _)| *lost == who),
			Error::<T>::NotLostKey
		);
		Self::end_application(id, application, ApplicationEnd::Vetoed);
		Ok(())
	}

	/// Moves a deposit held from `from` for `reason` to `to`, held for the same reason.
	fn move_held(
		reason: HoldReason,
		from: &T::AccountId,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		T::Currency::transfer_on_hold(
			&reason.into(),
			from,
			to,
			amount,
			Precision::Exact,
			HoldMode::OnHold,
			Fortitude::Force,
		)
		.map_err(|_| Error::<T>::ReplacementCannotHoldDeposit)?;
		Ok(())
	}
}
