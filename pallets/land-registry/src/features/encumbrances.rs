//! Recording and releasing mortgages, liens, easements, leases and court caveats.

use crate::{pallet::*, types::*, PartyCheck};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::fungible::{Inspect, MutateHold},
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
		Self::ensure_not_owner(&registrar, parcel)?;
		ensure!(kind.holder() != Some(&registrar), Error::<T>::ConflictOfInterest);
		if let Some(holder) = kind.holder() {
			T::Parties::ensure_may_hold(holder)?;
		}
		match kind {
			// A court's caveat may freeze a parcel under an open sale or another caveat.
			EncumbranceKind::Caveat { .. } => {}
			// A lien (a statutory claim) is involuntary: it may land under a caveat, but not on a
			// parcel under an open sale, whose charges only the parties and the settlement change.
			EncumbranceKind::Lien { .. } => {
				ensure!(!ParcelLocks::<T>::contains_key(parcel), Error::<T>::ParcelLocked)
			}
			_ => Self::ensure_dealable(parcel)?,
		}
		Self::ensure_encumbrance_fits(parcel, &kind)?;
		if let EncumbranceKind::Mortgage { lender, amount, rank } = &kind {
			let title = Titles::<T>::get(parcel).ok_or(Error::<T>::UnknownParcel)?;
			let every_owner_consented = title.owners.iter().all(|owner| {
				MortgageConsents::<T>::get(parcel, &owner.account).is_some_and(|consent| {
					consent.lender == *lender && consent.amount == *amount && consent.rank == *rank
				})
			});
			ensure!(every_owner_consented, Error::<T>::MortgageConsentMissing);
		}
		if matches!(kind, EncumbranceKind::Mortgage { .. }) {
			Self::consume_mortgage_consents(parcel);
		}
		Self::insert_encumbrance(registrar, parcel, kind, source)
	}

	/// Records a mortgage a settling dealing grants on the title it has just recorded: the
	/// dealing collected the new owners' consent to these terms, so no registry consent is used.
	pub(crate) fn do_record_dealing_mortgage(
		registrar: &T::AccountId,
		parcel: ParcelId,
		mortgage: NewMortgage<T::AccountId, BalanceOf<T>>,
	) -> Result<EncumbranceId, DispatchError> {
		let NewMortgage { lender, amount, rank, source } = mortgage;
		ensure!(lender != *registrar, Error::<T>::ConflictOfInterest);
		let kind = EncumbranceKind::Mortgage { lender, amount, rank };
		Self::ensure_encumbrance_fits(parcel, &kind)?;
		Self::insert_encumbrance(registrar.clone(), parcel, kind, source)
	}

	/// Checks an encumbrance's own terms against the parcel's open encumbrances: room for one
	/// more; charges of at least the existential deposit; mortgage ranks from 1, each once; a
	/// caveat's court reference.
	fn ensure_encumbrance_fits(parcel: ParcelId, kind: &EncumbranceKindOf<T>) -> DispatchResult {
		let encumbrances = Encumbrances::<T>::get(parcel);
		ensure!(
			(encumbrances.len() as u32) < T::MaxEncumbrances::get(),
			Error::<T>::TooManyEncumbrances
		);
		match kind {
			EncumbranceKind::Mortgage { amount, rank, .. } => {
				Self::ensure_payable(*amount)?;
				ensure!(*rank >= 1, Error::<T>::InvalidRank);
				ensure!(
					!encumbrances.iter().any(|open| matches!(
						open.kind,
						EncumbranceKind::Mortgage { rank: open_rank, .. } if open_rank == *rank
					)),
					Error::<T>::DuplicateMortgageRank
				);
			}
			EncumbranceKind::Lien { amount, .. } => Self::ensure_payable(*amount)?,
			EncumbranceKind::Caveat { court_reference } => {
				ensure!(!court_reference.is_empty(), Error::<T>::EmptyCourtReference)
			}
			EncumbranceKind::Easement { .. } | EncumbranceKind::Lease { .. } => {}
		}
		Ok(())
	}

	/// A charge's amount must be more than zero and, so that paying it off can always land (a
	/// lender's account may not exist yet), at least the existential deposit.
	pub(crate) fn ensure_payable(amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(amount >= T::Currency::minimum_balance(), Error::<T>::BelowMinimum);
		Ok(())
	}

	/// Writes a checked encumbrance, holding `recorded_by`'s deposit. Returns its id.
	fn insert_encumbrance(
		recorded_by: T::AccountId,
		parcel: ParcelId,
		kind: EncumbranceKindOf<T>,
		source: Source,
	) -> Result<EncumbranceId, DispatchError> {
		let id = NextEncumbranceId::<T>::get();
		let next_id = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let mut encumbrances = Encumbrances::<T>::get(parcel);
		let deposit = T::EncumbranceDeposit::get();
		let record = Encumbrance {
			id,
			kind: kind.clone(),
			source: source.clone(),
			recorded_at: frame_system::Pallet::<T>::block_number(),
			recorded_by: recorded_by.clone(),
			deposit,
		};
		encumbrances.try_push(record).map_err(|_| Error::<T>::TooManyEncumbrances)?;

		// Every check passed: write.
		T::Currency::hold(&HoldReason::EncumbranceDeposit.into(), &recorded_by, deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		NextEncumbranceId::<T>::put(next_id);
		Encumbrances::<T>::insert(parcel, encumbrances);
		Self::cite(&source, Citation::EncumbranceRecorded { parcel, encumbrance: id });
		Self::deposit_event(Event::EncumbranceRecorded {
			parcel,
			encumbrance: id,
			kind,
			source,
			registrar: recorded_by,
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
		Self::release_held(HoldReason::EncumbranceDeposit, &released.recorded_by, released.deposit);
		if encumbrances.is_empty() {
			Encumbrances::<T>::remove(parcel);
		} else {
			Encumbrances::<T>::insert(parcel, encumbrances);
		}
		if let Some(source) = &source {
			Self::cite(source, Citation::EncumbranceReleased { parcel, encumbrance });
		}
		Self::deposit_event(Event::EncumbranceReleased { parcel, encumbrance, source, registrar });
		Ok(())
	}

	/// The holder gives up its mortgage, lien or lease by signing.
	pub(crate) fn do_discharge(
		holder: T::AccountId,
		parcel: ParcelId,
		encumbrance: EncumbranceId,
	) -> DispatchResult {
		ensure!(Parcels::<T>::contains_key(parcel), Error::<T>::UnknownParcel);
		let open = Encumbrances::<T>::get(parcel)
			.into_iter()
			.find(|open| open.id == encumbrance)
			.ok_or(Error::<T>::UnknownEncumbrance)?;
		let entitled = open.kind.holder().ok_or(Error::<T>::NoHolder)?;
		ensure!(*entitled == holder, Error::<T>::NotHolder);
		Self::deposit_event(Event::DischargedByHolder { parcel, encumbrance, holder });
		Self::do_release_encumbrance(None, parcel, encumbrance, None)
	}

	/// Removes every mortgage consent on `parcel` (used, or lapsed with the title) and releases
	/// their deposits. At most one per owner of the title, so bounded by `MaxOwners`.
	pub(crate) fn consume_mortgage_consents(parcel: ParcelId) {
		for (owner, consent) in MortgageConsents::<T>::drain_prefix(parcel) {
			Self::release_held(HoldReason::ConsentDeposit, &owner, consent.deposit);
		}
	}
}
