//! Applications: changes that take a right away from someone without their signature. One
//! registrar proposes, a second confirms, the public notice period runs, the affected parties may
//! object (the council then decides), and anyone enacts it once the notice is over.

use crate::{pallet::*, types::*, OpenDealings};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Checks that `change` can be made to `parcel` today and returns the accounts it affects:
	/// the parcel's owners, and whoever loses a charge, lease or easement by it.
	pub(crate) fn check_change(
		parcel: ParcelId,
		change: &ProposedChange<T>,
	) -> Result<AffectedOf<T>, DispatchError> {
		let record = Self::active_parcel(parcel)?;
		let title = Titles::<T>::get(parcel).ok_or(Error::<T>::UnknownParcel)?;
		let locked = ParcelLocks::<T>::contains_key(parcel);
		let mut affected: Vec<T::AccountId> =
			title.owners.iter().map(|owner| owner.account.clone()).collect();
		match change {
			ProposedChange::RectifyTitle { owners, tenure } => {
				Self::check_owners(owners)?;
				Self::ensure_new_holders_may_hold(&title, owners)?;
				Self::ensure_dealable(parcel)?;
				ensure!(
					title.owners != *owners || title.tenure != *tenure,
					Error::<T>::TitleUnchanged
				);
			}
			ProposedChange::TransferByOperationOfLaw { owners, tenure, reason } => {
				Self::check_owners(owners)?;
				Self::ensure_new_holders_may_hold(&title, owners)?;
				// An open sale does not stop the law: enactment closes it. A caveat stops an
				// inheritance, not the court's own order.
				if *reason == LawfulTransferReason::Inheritance {
					ensure!(!Self::has_caveat(parcel), Error::<T>::CaveatInForce);
				}
				ensure!(
					title.owners != *owners || title.tenure != *tenure,
					Error::<T>::TitleUnchanged
				);
			}
			ProposedChange::ReleaseEncumbrance { encumbrance } => {
				let open = Encumbrances::<T>::get(parcel)
					.into_iter()
					.find(|open| open.id == *encumbrance)
					.ok_or(Error::<T>::UnknownEncumbrance)?;
				// Under an open sale, only a caveat may be lifted: the charges, leases and
				// easements the buyer is paying for stay as they are.
				ensure!(!locked || open.kind.is_caveat(), Error::<T>::ParcelLocked);
				if let Some(holder) = open.kind.holder() {
					affected.push(holder.clone());
				}
				if let EncumbranceKind::Easement { dominant_parcel: Some(dominant), .. } = open.kind
				{
					if let Some(dominant_title) = Titles::<T>::get(dominant) {
						affected.extend(dominant_title.owners.into_iter().map(|o| o.account));
					}
				}
			}
			ProposedChange::RectifyParcel { attributes } => {
				ensure!(!locked, Error::<T>::ParcelLocked);
				ensure!(attributes.area_m2 > 0, Error::<T>::ZeroArea);
				ensure!(record.attributes != *attributes, Error::<T>::AttributesUnchanged);
			}
			// Its own rule on restrictions, in `check_recovery`.
			ProposedChange::RecoverKey { lost, replacement } => {
				Self::check_recovery(parcel, &title, lost, replacement, &mut affected)?;
			}
		}
		if !change.is_court_order() && change.recovery().is_none() {
			ensure!(
				Restrictions::<T>::iter_key_prefix(parcel).next().is_none(),
				Error::<T>::TitleRestricted
			);
		}
		affected.sort();
		affected.dedup();
		// At most the parcel's owners, one holder and a dominant parcel's owners.
		affected.try_into().map_err(|_| Error::<T>::TooManyOwners.into())
	}

	/// A registrar may not act on an application that affects it or makes it an owner.
	fn ensure_disinterested(
		registrar: &T::AccountId,
		affected: &AffectedOf<T>,
		change: &ProposedChange<T>,
	) -> DispatchResult {
		ensure!(!affected.contains(registrar), Error::<T>::ConflictOfInterest);
		if let Some((_, replacement)) = change.recovery() {
			ensure!(replacement != registrar, Error::<T>::ConflictOfInterest);
		}
		if let Some(owners) = change.new_owners() {
			ensure!(
				!owners.iter().any(|owner| owner.account == *registrar),
				Error::<T>::ConflictOfInterest
			);
		}
		Ok(())
	}

	/// The actual weight of an application call that worked on `work`: `call` (benchmarked
	/// per owner of the change) with the change's party checks for an ordinary change,
	/// `recovery` for a recovery (its benchmarks include its party check); plus closing the
	/// parcel's open sale when that was done.
	pub(crate) fn application_weight(
		call: fn(u32) -> Weight,
		recovery: Weight,
		work: ApplicationWork,
	) -> Weight {
		let weight = if work.recovery {
			recovery
		} else {
			call(work.owners).saturating_add(Self::party_checks(work.owners))
		};
		if work.closed_dealing {
			weight.saturating_add(T::Dealings::close_weight())
		} else {
			weight
		}
	}

	/// The most an application call may weigh, before the application is read: the largest
	/// ordinary change (closing a sale if `may_close_dealing`) or a recovery, whichever is more.
	pub(crate) fn max_application_weight(
		call: fn(u32) -> Weight,
		recovery: Weight,
		may_close_dealing: bool,
	) -> Weight {
		let largest = ApplicationWork {
			owners: T::MaxOwners::get(),
			recovery: false,
			closed_dealing: may_close_dealing,
		};
		Self::application_weight(call, recovery, largest).max(recovery)
	}

	/// Files an application, holding the proposer's deposit. Returns its id.
	pub(crate) fn do_propose_application(
		registrar: T::AccountId,
		parcel: ParcelId,
		change: ProposedChange<T>,
		source: Source,
	) -> Result<ApplicationId, DispatchError> {
		let affected = Self::check_change(parcel, &change)?;
		Self::ensure_disinterested(&registrar, &affected, &change)?;
		let mut pending = ParcelApplications::<T>::get(parcel);
		let id = NextApplicationId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		pending.try_push(id).map_err(|_| Error::<T>::TooManyApplications)?;
		let now = frame_system::Pallet::<T>::block_number();

		// Every check passed: write.
		let deposit = T::ApplicationDeposit::get();
		T::Currency::hold(&HoldReason::ApplicationDeposit.into(), &registrar, deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		NextApplicationId::<T>::put(next);
		ParcelApplications::<T>::insert(parcel, pending);
		Self::cite(&source, Citation::Application { parcel, application: id });
		Self::deposit_event(Event::ApplicationProposed {
			application: id,
			parcel,
			change: change.clone(),
			source: source.clone(),
			proposed_by: registrar.clone(),
			affected: affected.clone(),
		});
		Applications::<T>::insert(
			id,
			Application {
				parcel,
				change,
				source,
				proposed_by: registrar,
				proposed_at: now,
				status: ApplicationStatus::Proposed {
					confirm_by: now.saturating_add(NoticePeriods::<T>::get().confirmation),
				},
				affected,
				deposit,
			},
		);
		Ok(id)
	}

	/// A second registrar confirms: the notice period starts. The affected accounts are taken
	/// afresh from today's registry.
	pub(crate) fn do_confirm_application(
		registrar: T::AccountId,
		id: ApplicationId,
	) -> Result<ApplicationWork, DispatchError> {
		let mut application = Applications::<T>::get(id).ok_or(Error::<T>::UnknownApplication)?;
		let ApplicationStatus::Proposed { confirm_by } = application.status else {
			return Err(Error::<T>::WrongApplicationStatus.into());
		};
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now <= confirm_by, Error::<T>::ConfirmationPeriodOver);
		ensure!(registrar != application.proposed_by, Error::<T>::SameRegistrar);
		let affected = Self::check_change(application.parcel, &application.change)?;
		Self::ensure_disinterested(&registrar, &affected, &application.change)?;
		let periods = NoticePeriods::<T>::get();
		let period = if application.change.is_court_order() {
			periods.court_order_notice
		} else {
			periods.notice
		};
		let notice_ends = now.saturating_add(period);
		Self::deposit_event(Event::ApplicationConfirmed {
			application: id,
			parcel: application.parcel,
			confirmed_by: registrar.clone(),
			notice_ends,
			affected: affected.clone(),
		});
		let work = ApplicationWork::of(&application.change);
		application.status = ApplicationStatus::InNotice { confirmed_by: registrar, notice_ends };
		application.affected = affected;
		Applications::<T>::insert(id, application);
		Ok(work)
	}

	/// An affected party objects: the application waits for the council.
	pub(crate) fn do_object(
		who: T::AccountId,
		id: ApplicationId,
		grounds: sp_core::H256,
	) -> DispatchResult {
		let mut application = Applications::<T>::get(id).ok_or(Error::<T>::UnknownApplication)?;
		let is_owner = OwnerParcels::<T>::contains_key(&who, application.parcel);
		ensure!(is_owner || application.affected.contains(&who), Error::<T>::NotAffected);
		let confirmed_by = match application.status {
			ApplicationStatus::Proposed { .. } => None,
			ApplicationStatus::InNotice { confirmed_by, .. } => Some(confirmed_by),
			ApplicationStatus::Objected { .. } => {
				return Err(Error::<T>::WrongApplicationStatus.into())
			}
		};
		Self::deposit_event(Event::ApplicationObjected {
			application: id,
			parcel: application.parcel,
			objector: who.clone(),
			grounds,
			affected: application.affected.clone(),
		});
		application.status = ApplicationStatus::Objected { confirmed_by, objector: who, grounds };
		Applications::<T>::insert(id, application);
		Ok(())
	}

	/// The council's decision on an objected application.
	pub(crate) fn do_decide_objection(
		id: ApplicationId,
		enact: bool,
	) -> Result<ApplicationWork, DispatchError> {
		let application = Applications::<T>::get(id).ok_or(Error::<T>::UnknownApplication)?;
		ensure!(
			matches!(application.status, ApplicationStatus::Objected { .. }),
			Error::<T>::NotObjected
		);
		Self::deposit_event(Event::ObjectionDecided {
			application: id,
			parcel: application.parcel,
			enact,
		});
		if enact {
			Self::enact(id, application)
		} else {
			let work = ApplicationWork::of(&application.change);
			Self::end_application(id, application, ApplicationEnd::Dismissed);
			Ok(work)
		}
	}

	/// Enacts a confirmed application after its notice period.
	pub(crate) fn do_enact_application(
		id: ApplicationId,
	) -> Result<ApplicationWork, DispatchError> {
		let application = Applications::<T>::get(id).ok_or(Error::<T>::UnknownApplication)?;
		let ApplicationStatus::InNotice { notice_ends, .. } = application.status else {
			return Err(Error::<T>::WrongApplicationStatus.into());
		};
		ensure!(
			frame_system::Pallet::<T>::block_number() >= notice_ends,
			Error::<T>::NoticeNotOver
		);
		Self::enact(id, application)
	}

	/// The proposer withdraws its application.
	pub(crate) fn do_withdraw_application(
		registrar: T::AccountId,
		id: ApplicationId,
	) -> DispatchResult {
		let application = Applications::<T>::get(id).ok_or(Error::<T>::UnknownApplication)?;
		ensure!(application.proposed_by == registrar, Error::<T>::NotProposer);
		Self::end_application(id, application, ApplicationEnd::Withdrawn);
		Ok(())
	}

	/// Ends an application nobody confirmed in time.
	pub(crate) fn do_expire_application(id: ApplicationId) -> DispatchResult {
		let application = Applications::<T>::get(id).ok_or(Error::<T>::UnknownApplication)?;
		let ApplicationStatus::Proposed { confirm_by } = application.status else {
			return Err(Error::<T>::WrongApplicationStatus.into());
		};
		ensure!(frame_system::Pallet::<T>::block_number() > confirm_by, Error::<T>::NotExpired);
		Self::end_application(id, application, ApplicationEnd::Expired);
		Ok(())
	}

	/// Makes the change, checked again against today's registry, then drops the application.
	fn enact(
		id: ApplicationId,
		application: Application<T>,
	) -> Result<ApplicationWork, DispatchError> {
		let affected = Self::check_change(application.parcel, &application.change)?;
		let parcel = application.parcel;
		let registrar = application.proposed_by.clone();
		let source = application.source.clone();
		let mut work = ApplicationWork::of(&application.change);
		match application.change.clone() {
			ProposedChange::RectifyTitle { owners, tenure } => {
				Self::record_title(
					parcel,
					owners,
					tenure,
					source,
					TitleChange::Rectification,
					Some(registrar),
				)?;
			}
			ProposedChange::TransferByOperationOfLaw { owners, tenure, reason } => {
				if let Some(dealing) = ParcelLocks::<T>::get(parcel) {
					T::Dealings::close_for_operation_of_law(parcel, dealing)?;
					work.closed_dealing = true;
					ensure!(!ParcelLocks::<T>::contains_key(parcel), Error::<T>::ParcelLocked);
				}
				let change = match reason {
					LawfulTransferReason::Inheritance => TitleChange::Inheritance,
					LawfulTransferReason::CourtOrder => TitleChange::CourtOrder,
				};
				Self::record_title(parcel, owners, tenure, source, change, Some(registrar))?;
			}
			ProposedChange::ReleaseEncumbrance { encumbrance } => {
				Self::do_release_encumbrance(Some(registrar), parcel, encumbrance, Some(source))?;
			}
			ProposedChange::RectifyParcel { attributes } => {
				Self::do_rectify_parcel(registrar, parcel, attributes, source)?;
			}
			ProposedChange::RecoverKey { lost, replacement } => {
				Self::recover_key(id, parcel, lost, replacement, source, registrar)?;
			}
		}
		Self::forget_application(id, &application);
		Self::deposit_event(Event::ApplicationEnacted { application: id, parcel, affected });
		Ok(work)
	}

	/// Ends an application without effect.
	pub(crate) fn end_application(
		id: ApplicationId,
		application: Application<T>,
		end: ApplicationEnd,
	) {
		Self::forget_application(id, &application);
		Self::deposit_event(Event::ApplicationClosed {
			application: id,
			parcel: application.parcel,
			end,
			affected: application.affected,
		});
	}

	/// Drops an application, its index entry and its deposit hold.
	fn forget_application(id: ApplicationId, application: &Application<T>) {
		Applications::<T>::remove(id);
		ParcelApplications::<T>::mutate_exists(application.parcel, |pending| {
			if let Some(list) = pending {
				list.retain(|other| *other != id);
				if list.is_empty() {
					*pending = None;
				}
			}
		});
		Self::release_held(
			HoldReason::ApplicationDeposit,
			&application.proposed_by,
			application.deposit,
		);
	}

	/// Notice periods must give a second registrar at least a block to confirm.
	pub(crate) fn ensure_sane_periods(periods: &NoticeScheduleOf<T>) -> DispatchResult {
		ensure!(!periods.confirmation.is_zero(), Error::<T>::ZeroConfirmationPeriod);
		Ok(())
	}

	/// Returns a deposit this pallet held. It was held for exactly this record, so the release
	/// cannot fall short; if it ever did, that is reported as a defensive failure.
	pub(crate) fn release_held(reason: HoldReason, who: &T::AccountId, amount: BalanceOf<T>) {
		let released = T::Currency::release(&reason.into(), who, amount, Precision::Exact);
		if released.is_err() {
			frame_support::defensive!("a deposit this pallet held could not be released in full");
		}
	}
}
