//! Corrections of a parcel's attributes, made when an application to rectify them is enacted
//! (title changes by application are recorded through `record_title`).

use crate::{pallet::*, types::*};
use frame_support::{ensure, pallet_prelude::*};

impl<T: Config> Pallet<T> {
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
		Self::cite(&source, Citation::ParcelAttributes { parcel, revision });
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
