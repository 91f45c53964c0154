//! Title changes recorded by a registrar: rectification and transfer by operation of law; and
//! corrections of a parcel's attributes.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*};

impl<T: Config> Pallet<T> {
	/// Records a new title version on an active, unlocked parcel free of caveats.
	pub(crate) fn do_change_title(
		registrar: Option<T::AccountId>,
		parcel: ParcelId,
		owners: Vec<Owner<T::AccountId>>,
		tenure: Tenure,
		source: Source,
		change: TitleChange<BalanceOf<T>>,
	) -> DispatchResult {
		Self::active_parcel(parcel)?;
		Self::ensure_dealable(parcel, None)?;
		let owners = Self::validated_owners(owners)?;
		let current = Titles::<T>::get(parcel).ok_or(Error::<T>::UnknownParcel)?;
		ensure!(current.owners != owners || current.tenure != tenure, Error::<T>::TitleUnchanged);
		Self::record_title(parcel, owners, tenure, source, change, registrar)?;
		Ok(())
	}

	/// Corrects a parcel's attributes, keeping the old ones as a revision.
	pub(crate) fn do_rectify_parcel(
		registrar: T::AccountId,
		parcel: ParcelId,
		attributes: ParcelAttributes,
		source: Source,
	) -> DispatchResult {
		let mut record = Self::active_parcel(parcel)?;
		ensure!(attributes.area_m2 > 0, Error::<T>::ZeroArea);
		ensure!(record.attributes != attributes, Error::<T>::AttributesUnchanged);
		let revision = record.revision.checked_add(1).ok_or(Error::<T>::Overflow)?;

		ParcelRevisions::<T>::insert(
			parcel,
			record.revision,
			(record.attributes.clone(), record.source.clone()),
		);
		record.attributes = attributes.clone();
		record.source = source.clone();
		record.revision = revision;
		Parcels::<T>::insert(parcel, record);
		Self::deposit_event(Event::ParcelRectified {
			parcel,
			revision,
			attributes,
			source,
			registrar,
		});
		Ok(())
	}
}
