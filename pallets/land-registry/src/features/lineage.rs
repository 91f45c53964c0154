//! Splitting a parcel into children and merging parcels into one, with lineage kept both ways.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*, traits::Defensive};

impl<T: Config> Pallet<T> {
	/// Checks `registrar` may split or merge the parcel: active, unlocked, no caveat, no
	/// encumbrance, no pending application, and not owned by the registrar.
	fn reshapeable_parcel(
		registrar: &T::AccountId,
		parcel: ParcelId,
	) -> Result<ParcelOf<T>, DispatchError> {
		let record = Self::active_parcel(parcel)?;
		Self::ensure_not_owner(registrar, parcel)?;
		Self::ensure_dealable(parcel)?;
		ensure!(Encumbrances::<T>::get(parcel).is_empty(), Error::<T>::ParcelEncumbered);
		ensure!(ParcelApplications::<T>::get(parcel).is_empty(), Error::<T>::ApplicationsPending);
		Ok(record)
	}

	/// Splits `parcel` into `children`. Returns the children's ids.
	pub(crate) fn do_split_parcel(
		registrar: T::AccountId,
		parcel: ParcelId,
		children: ChildParcelsOf<T>,
		source: Source,
	) -> Result<ChildIdsOf<T>, DispatchError> {
		ensure!(children.len() >= 2, Error::<T>::TooFewChildren);
		let mut parent = Self::reshapeable_parcel(&registrar, parcel)?;
		let title = Titles::<T>::get(parcel).ok_or(Error::<T>::UnknownParcel)?;

		let mut total_area: u64 = 0;
		for (index, child) in children.iter().enumerate() {
			ensure!(child.attributes.area_m2 > 0, Error::<T>::ZeroArea);
			Self::ensure_reference_free(&parent.jurisdiction, &child.cadastral_reference)?;
			ensure!(
				!children
					.iter()
					.skip(index + 1)
					.any(|other| other.cadastral_reference == child.cadastral_reference),
				Error::<T>::DuplicateCadastralReference
			);
			total_area =
				total_area.checked_add(child.attributes.area_m2).ok_or(Error::<T>::Overflow)?;
		}
		ensure!(total_area == parent.attributes.area_m2, Error::<T>::SplitAreasDoNotSum);

		// Every check passed: write.
		let first = Self::next_parcel_ids(children.len() as u64)?;
		let now = frame_system::Pallet::<T>::block_number();
		let child_ids: ChildIdsOf<T> = (first..)
			.take(children.len())
			.collect::<Vec<_>>()
			.try_into()
			.defensive_proof("as many ids as children, and the children are bounded alike")
			.map_err(|_| Error::<T>::TooManyChildren)?;

		Self::retire_title(parcel);
		parent.status = ParcelStatus::SplitInto { children: child_ids.clone(), at: now };
		Parcels::<T>::insert(parcel, parent.clone());

		for (id, child) in child_ids.iter().copied().zip(children) {
			Self::insert_parcel(Parcel {
				id,
				jurisdiction: parent.jurisdiction.clone(),
				cadastral_reference: child.cadastral_reference,
				attributes: child.attributes,
				source: source.clone(),
				revision: 0,
				origin: ParcelOrigin::SplitFrom(parcel),
				status: ParcelStatus::Active,
				registered_at: now,
			});
			Self::record_title(
				id,
				title.owners.clone(),
				title.tenure,
				source.clone(),
				TitleChange::Split { parent: parcel },
				Some(registrar.clone()),
			)?;
		}
		Self::deposit_event(Event::ParcelSplit {
			parent: parcel,
			children: child_ids.clone(),
			registrar,
		});
		Ok(child_ids)
	}

	/// Merges `parcels` into a new parcel. Returns its id.
	pub(crate) fn do_merge_parcels(
		registrar: T::AccountId,
		parents: MergedIdsOf<T>,
		cadastral_reference: CadastralReference,
		geometry_hash: sp_core::H256,
		land_use: LandUse,
		source: Source,
	) -> Result<ParcelId, DispatchError> {
		ensure!(parents.len() >= 2, Error::<T>::TooFewParcelsToMerge);
		for (index, parcel) in parents.iter().enumerate() {
			ensure!(
				!parents.iter().skip(index + 1).any(|other| other == parcel),
				Error::<T>::DuplicateParcel
			);
		}

		let mut records = Vec::with_capacity(parents.len());
		for parcel in parents.iter() {
			records.push(Self::reshapeable_parcel(&registrar, *parcel)?);
		}
		let first_title = Titles::<T>::get(parents[0]).ok_or(Error::<T>::UnknownParcel)?;
		let jurisdiction = records[0].jurisdiction.clone();
		let mut area: u64 = 0;
		for record in records.iter() {
			ensure!(record.jurisdiction == jurisdiction, Error::<T>::JurisdictionMismatch);
			let title = Titles::<T>::get(record.id).ok_or(Error::<T>::UnknownParcel)?;
			ensure!(Self::same_holding(&title, &first_title), Error::<T>::TitlesDiffer);
			area = area.checked_add(record.attributes.area_m2).ok_or(Error::<T>::Overflow)?;
		}
		Self::ensure_reference_free(&jurisdiction, &cadastral_reference)?;

		// Every check passed: write.
		let id = Self::next_parcel_ids(1)?;
		let now = frame_system::Pallet::<T>::block_number();
		for mut record in records {
			Self::retire_title(record.id);
			record.status = ParcelStatus::MergedInto { parcel: id, at: now };
			Parcels::<T>::insert(record.id, record);
		}
		Self::insert_parcel(Parcel {
			id,
			jurisdiction,
			cadastral_reference,
			attributes: ParcelAttributes { area_m2: area, land_use, geometry_hash },
			source: source.clone(),
			revision: 0,
			origin: ParcelOrigin::MergedFrom(parents.clone()),
			status: ParcelStatus::Active,
			registered_at: now,
		});
		Self::record_title(
			id,
			first_title.owners,
			first_title.tenure,
			source,
			TitleChange::Merge,
			Some(registrar.clone()),
		)?;
		Self::deposit_event(Event::ParcelsMerged { parents, parcel: id, registrar });
		Ok(id)
	}

	/// Whether two titles are held by the same owners with the same shares and tenure, in any
	/// order of owners.
	fn same_holding(a: &TitleOf<T>, b: &TitleOf<T>) -> bool {
		a.tenure == b.tenure
			&& a.owners.len() == b.owners.len()
			&& a.owners.iter().all(|owner| b.owners.contains(owner))
	}
}
