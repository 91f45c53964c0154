//! The registry's invariants, checked by `try_state` hooks, after every unit test and by the
//! audit tooling. See `docs/DESIGN.md` § Invariants.

use crate::{pallet::*, types::*};
use alloc::collections::{BTreeMap, BTreeSet};
use frame_support::{
	ensure,
	traits::{fungible::InspectHold, GetStorageVersion},
};
use sp_runtime::{
	traits::{Saturating, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the registry's storage.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_parcels_and_titles()?;
		Self::check_owner_index()?;
		Self::check_encumbrances_and_deposits()?;
		Self::check_applications_and_restrictions()?;
		// While the storage migration to version 2 is still indexing, the index is partial.
		if Self::on_chain_storage_version() >= 2 {
			Self::check_citations()?;
		}
		Ok(())
	}

	/// Every stored record with a source is listed under its document's hash, and every listed
	/// record belongs to a parcel that exists.
	pub(crate) fn check_citations() -> Result<(), TryRuntimeError> {
		for parcel in Parcels::<T>::iter_values() {
			for (source, citation) in Self::stored_citations_of_parcel(&parcel) {
				ensure!(
					Citations::<T>::contains_key(source.document_hash, citation),
					"every record with a source is indexed under its document"
				);
			}
		}
		for (_, citation, ()) in Citations::<T>::iter() {
			ensure!(
				Parcels::<T>::contains_key(citation.parcel()),
				"every citation belongs to an existing parcel"
			);
		}
		Ok(())
	}

	fn check_parcels_and_titles() -> Result<(), TryRuntimeError> {
		let next_parcel = NextParcelId::<T>::get();
		for (id, parcel) in Parcels::<T>::iter() {
			ensure!(parcel.id == id, "a parcel is stored under its own id");
			ensure!(id >= 1 && id < next_parcel, "parcel ids come from the counter");
			ensure!(
				ParcelByReference::<T>::get(&parcel.jurisdiction, &parcel.cadastral_reference)
					== Some(id),
				"every parcel is indexed under its cadastral reference"
			);
			ensure!(parcel.attributes.area_m2 > 0, "every parcel has an area");
			for revision in 0..parcel.revision {
				ensure!(
					ParcelRevisions::<T>::contains_key(id, revision),
					"every earlier parcel revision is kept"
				);
			}
			let title = Titles::<T>::get(id);
			let last_version = match (&parcel.status, &title) {
				(ParcelStatus::Active, Some(title)) => {
					ensure!(title.parcel == id, "a title names its parcel");
					ensure!(
						check_owner_list(&title.owners).is_ok(),
						"a title has distinct owners whose shares sum to the whole"
					);
					ensure!(
						!TitleHistory::<T>::contains_key(id, title.version),
						"the current version is not also in the history"
					);
					title.version.saturating_sub(1)
				}
				(ParcelStatus::Active, None) => {
					return Err("every active parcel has exactly one current title".into())
				}
				(_, Some(_)) => return Err("a retired parcel has no current title".into()),
				(_, None) => {
					ensure!(!ParcelLocks::<T>::contains_key(id), "retired parcels are not locked");
					ensure!(
						Encumbrances::<T>::get(id).is_empty(),
						"retired parcels carry no encumbrances"
					);
					TitleHistory::<T>::iter_prefix(id).count() as u32
				}
			};
			for version in 1..=last_version {
				ensure!(
					TitleHistory::<T>::contains_key(id, version),
					"every title version is kept forever"
				);
			}
			Self::check_lineage(&parcel)?;
		}
		for (_, _, id) in ParcelByReference::<T>::iter() {
			ensure!(Parcels::<T>::contains_key(id), "the reference index names existing parcels");
		}
		for (id, _) in ParcelLocks::<T>::iter() {
			ensure!(
				Parcels::<T>::get(id).is_some_and(|parcel| parcel.is_active()),
				"only active parcels are locked"
			);
		}
		Ok(())
	}

	/// Lineage is kept both ways, and split children's areas sum to their parent's.
	fn check_lineage(parcel: &ParcelOf<T>) -> Result<(), TryRuntimeError> {
		match &parcel.status {
			ParcelStatus::Active => {}
			ParcelStatus::SplitInto { children, .. } => {
				let mut area: u64 = 0;
				for child in children.iter() {
					let child = Parcels::<T>::get(child).ok_or("split children exist")?;
					ensure!(
						child.origin == ParcelOrigin::SplitFrom(parcel.id),
						"split children name their parent"
					);
					area = area.saturating_add(child.attributes.area_m2);
				}
				ensure!(children.len() >= 2, "a split has at least two children");
				let children_rectified = children
					.iter()
					.any(|child| Parcels::<T>::get(child).is_some_and(|c| c.revision > 0));
				ensure!(
					children_rectified || area == parcel.attributes.area_m2,
					"split children's areas sum to the parent's"
				);
			}
			ParcelStatus::MergedInto { parcel: merged, .. } => {
				let merged = Parcels::<T>::get(merged).ok_or("merged parcels exist")?;
				ensure!(
					matches!(&merged.origin, ParcelOrigin::MergedFrom(parents) if parents.contains(&parcel.id)),
					"a merged parcel lists its parents"
				);
			}
		}
		match &parcel.origin {
			ParcelOrigin::FirstRegistration => {}
			ParcelOrigin::SplitFrom(parent) => {
				let parent = Parcels::<T>::get(parent).ok_or("split parents exist")?;
				ensure!(
					matches!(&parent.status, ParcelStatus::SplitInto { children, .. } if children.contains(&parcel.id)),
					"a split parent lists its children"
				);
			}
			ParcelOrigin::MergedFrom(parents) => {
				for parent in parents.iter() {
					let parent = Parcels::<T>::get(parent).ok_or("merge parents exist")?;
					ensure!(
						matches!(parent.status, ParcelStatus::MergedInto { parcel: into, .. } if into == parcel.id),
						"merge parents point at the merged parcel"
					);
				}
			}
		}
		Ok(())
	}

	/// The owner index holds exactly the owners of current titles.
	fn check_owner_index() -> Result<(), TryRuntimeError> {
		let mut title_entries = 0usize;
		for (parcel, title) in Titles::<T>::iter() {
			for owner in title.owners.iter() {
				ensure!(
					OwnerParcels::<T>::contains_key(&owner.account, parcel),
					"every owner of a current title is indexed"
				);
				title_entries += 1;
			}
		}
		let mut index_entries = 0usize;
		for (account, parcel, ()) in OwnerParcels::<T>::iter() {
			let title = Titles::<T>::get(parcel).ok_or("the owner index names titled parcels")?;
			ensure!(
				title.owners.iter().any(|owner| owner.account == account),
				"the owner index matches the title"
			);
			index_entries += 1;
		}
		ensure!(title_entries == index_entries, "the owner index has no extra entries");
		Ok(())
	}

	/// Encumbrances are well formed and every deposit is held, no more and no less.
	fn check_encumbrances_and_deposits() -> Result<(), TryRuntimeError> {
		let next_encumbrance = NextEncumbranceId::<T>::get();
		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut seen = BTreeSet::new();
		for (parcel, encumbrances) in Encumbrances::<T>::iter() {
			ensure!(!encumbrances.is_empty(), "empty encumbrance lists are removed");
			ensure!(
				Parcels::<T>::get(parcel).is_some_and(|p| p.is_active()),
				"encumbrances burden active parcels"
			);
			let mut ranks = BTreeSet::new();
			for encumbrance in encumbrances.iter() {
				ensure!(encumbrance.id < next_encumbrance, "encumbrance ids come from the counter");
				ensure!(seen.insert(encumbrance.id), "encumbrance ids are unique");
				if let EncumbranceKind::Mortgage { rank, .. } = encumbrance.kind {
					ensure!(ranks.insert(rank), "mortgage ranks are unique on a parcel");
				}
				let entry = held.entry(encumbrance.recorded_by.clone()).or_insert_with(Zero::zero);
				*entry = entry.saturating_add(encumbrance.deposit);
			}
		}
		Self::check_held(
			HoldReason::EncumbranceDeposit,
			&held,
			"encumbrance deposits held equal the open encumbrances' deposits",
		)?;

		let mut consents: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (parcel, owner, consent) in MortgageConsents::<T>::iter() {
			let title = Titles::<T>::get(parcel).ok_or("consents are on titled parcels")?;
			ensure!(
				title.owners.iter().any(|o| o.account == owner),
				"consents are given by current owners"
			);
			let entry = consents.entry(owner).or_insert_with(Zero::zero);
			*entry = entry.saturating_add(consent.deposit);
		}
		Self::check_held(
			HoldReason::ConsentDeposit,
			&consents,
			"consent deposits held equal the open consents' deposits",
		)?;
		Ok(())
	}

	/// Every pending application concerns an active parcel and is indexed under it (enacted and
	/// closed ones are gone); every restriction is an owner's; every deposit is held exactly.
	fn check_applications_and_restrictions() -> Result<(), TryRuntimeError> {
		let next_application = NextApplicationId::<T>::get();
		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut count = 0usize;
		for (id, application) in Applications::<T>::iter() {
			ensure!(id >= 1 && id < next_application, "application ids come from the counter");
			ensure!(
				Parcels::<T>::get(application.parcel).is_some_and(|parcel| parcel.is_active()),
				"every pending application refers to an active parcel"
			);
			ensure!(
				ParcelApplications::<T>::get(application.parcel).contains(&id),
				"every pending application is indexed under its parcel"
			);
			let entry = held.entry(application.proposed_by.clone()).or_insert_with(Zero::zero);
			*entry = entry.saturating_add(application.deposit);
			count += 1;
		}
		let mut indexed = 0usize;
		for (parcel, pending) in ParcelApplications::<T>::iter() {
			ensure!(!pending.is_empty(), "empty application lists are removed");
			let distinct: BTreeSet<_> = pending.iter().collect();
			ensure!(distinct.len() == pending.len(), "an application is indexed once");
			for id in pending.iter() {
				ensure!(
					Applications::<T>::get(id).is_some_and(|a| a.parcel == parcel),
					"the application index names pending applications of its parcel"
				);
			}
			indexed += pending.len();
		}
		ensure!(count == indexed, "the application index has no extra entries");
		Self::check_held(
			HoldReason::ApplicationDeposit,
			&held,
			"application deposits held equal the pending applications' deposits",
		)?;

		let mut restrictions: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (parcel, owner, restriction) in Restrictions::<T>::iter() {
			ensure!(
				OwnerParcels::<T>::contains_key(&owner, parcel),
				"restrictions are placed by current owners"
			);
			let entry = restrictions.entry(owner).or_insert_with(Zero::zero);
			*entry = entry.saturating_add(restriction.deposit);
		}
		Self::check_held(
			HoldReason::RestrictionDeposit,
			&restrictions,
			"restriction deposits held equal the restrictions' deposits",
		)?;
		Ok(())
	}

	/// Each account holds exactly its expected amount for `reason`.
	fn check_held(
		reason: HoldReason,
		expected: &BTreeMap<T::AccountId, BalanceOf<T>>,
		what: &'static str,
	) -> Result<(), TryRuntimeError> {
		for (account, amount) in expected.iter() {
			ensure!(T::Currency::balance_on_hold(&reason.into(), account) == *amount, what);
		}
		Ok(())
	}
}
