//! Recording and releasing mortgages, liens, easements, leases and court caveats.

use crate::{pallet::*, types::*};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Records an encumbrance on an active parcel, holding the registrar's deposit. Returns its id.
	pub(crate) fn do_record_encumbrance(
		registrar: T::AccountId,
		parcel: ParcelId,
		kind: EncumbranceKindOf<T>,
		source: Source,
	) -> Result<EncumbranceId, DispatchError> {
		Self::active_parcel(parcel)?;
		let mut encumbrances = Encumbrances::<T>::get(parcel);
		ensure!(
			(encumbrances.len() as u32) < T::MaxEncumbrances::get(),
			Error::<T>::TooManyEncumbrances
		);
		// Caveats (court orders) and liens (statutory claims) are involuntary: they may land on a
		// parcel with an open dealing or under caveat. Voluntary dealings may not.
		let involuntary =
			matches!(kind, EncumbranceKind::Caveat { .. } | EncumbranceKind::Lien { .. });
		if !involuntary {
			Self::ensure_dealable(parcel, None)?;
		}
		match &kind {
			EncumbranceKind::Mortgage { lender, amount, rank } => {
				ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
				ensure!(*rank >= 1, Error::<T>::InvalidRank);
				ensure!(
					!encumbrances.iter().any(|open| matches!(
						open.kind,
						EncumbranceKind::Mortgage { rank: open_rank, .. } if open_rank == *rank
					)),
					Error::<T>::DuplicateMortgageRank
				);
				let title = Titles::<T>::get(parcel).ok_or(Error::<T>::UnknownParcel)?;
				let every_owner_consented = title.owners.iter().all(|owner| {
					MortgageConsents::<T>::get(parcel, &owner.account).is_some_and(|consent| {
						consent.lender == *lender
							&& consent.amount == *amount
							&& consent.rank == *rank
					})
				});
				ensure!(every_owner_consented, Error::<T>::MortgageConsentMissing);
			}
			EncumbranceKind::Lien { amount, .. } => {
				ensure!(!amount.is_zero(), Error::<T>::ZeroAmount)
			}
			EncumbranceKind::Caveat { court_reference } => {
				ensure!(!court_reference.is_empty(), Error::<T>::EmptyCourtReference)
			}
			EncumbranceKind::Easement { .. } | EncumbranceKind::Lease { .. } => {}
		}
		let id = NextEncumbranceId::<T>::get();
		let next_id = id.checked_add(1).ok_or(Error::<T>::Overflow)?;

		// Every check passed: write.
		let deposit = T::EncumbranceDeposit::get();
		T::Currency::hold(&HoldReason::EncumbranceDeposit.into(), &registrar, deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		if matches!(kind, EncumbranceKind::Mortgage { .. }) {
			Self::consume_mortgage_consents(parcel);
		}
		NextEncumbranceId::<T>::put(next_id);
		let record = Encumbrance {
			id,
			kind: kind.clone(),
			source: source.clone(),
			recorded_at: frame_system::Pallet::<T>::block_number(),
			recorded_by: registrar.clone(),
			deposit,
		};
		encumbrances.try_push(record).map_err(|_| Error::<T>::TooManyEncumbrances)?;
		Encumbrances::<T>::insert(parcel, encumbrances);
		Self::deposit_event(Event::EncumbranceRecorded {
			parcel,
			encumbrance: id,
			kind,
			source,
			registrar,
		});
		Ok(id)
	}

	/// Removes an open encumbrance and returns its deposit to whoever recorded it. `registrar`
	/// and `source` are `None` when a settled dealing discharges a mortgage.
	pub(crate) fn do_release_encumbrance(
		registrar: Option<T::AccountId>,
		parcel: ParcelId,
		encumbrance: EncumbranceId,
		source: Option<Source>,
	) -> DispatchResult {
		ensure!(Parcels::<T>::contains_key(parcel), Error::<T>::UnknownParcel);
		let mut encumbrances = Encumbrances::<T>::get(parcel);
		let position = encumbrances
			.iter()
			.position(|open| open.id == encumbrance)
			.ok_or(Error::<T>::UnknownEncumbrance)?;
		let released = encumbrances.remove(position);
		T::Currency::release(
			&HoldReason::EncumbranceDeposit.into(),
			&released.recorded_by,
			released.deposit,
			Precision::BestEffort,
		)?;
		if encumbrances.is_empty() {
			Encumbrances::<T>::remove(parcel);
		} else {
			Encumbrances::<T>::insert(parcel, encumbrances);
		}
		Self::deposit_event(Event::EncumbranceReleased { parcel, encumbrance, source, registrar });
		Ok(())
	}

	/// Removes every mortgage consent on `parcel` (used, or lapsed with the title) and releases
	/// their deposits. At most one per owner of the title, so bounded by `MaxOwners`.
	pub(crate) fn consume_mortgage_consents(parcel: ParcelId) {
		for (owner, consent) in MortgageConsents::<T>::drain_prefix(parcel) {
			Self::release_consent_deposit(&owner, consent.deposit);
		}
	}

	/// Returns a consent deposit to its owner. The amount was held by this pallet, so the release
	/// cannot fall short; `BestEffort` keeps the runtime from failing if it ever did.
	pub(crate) fn release_consent_deposit(owner: &T::AccountId, deposit: BalanceOf<T>) {
		let _ = T::Currency::release(
			&HoldReason::ConsentDeposit.into(),
			owner,
			deposit,
			Precision::BestEffort,
		);
	}
}
