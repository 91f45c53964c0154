//! The queries behind the registry's runtime API (`LandRegistryApi`, declared in
//! `landchain_primitives::runtime_api`) and so the node's `landRegistry_*` JSON-RPC methods.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use landchain_primitives::runtime_api::MAX_PAGE;

impl<T: Config> Pallet<T> {
	/// See `LandRegistryApi::title_history`.
	pub fn title_history(
		parcel: ParcelId,
		from_version: TitleVersion,
		limit: u32,
	) -> Vec<TitleOf<T>> {
		let limit = limit.min(MAX_PAGE) as usize;
		let current = Titles::<T>::get(parcel);
		let mut versions = Vec::new();
		let mut version = from_version.max(1);
		while versions.len() < limit {
			match TitleHistory::<T>::get(parcel, version) {
				Some(title) => versions.push(title),
				None => {
					if let Some(current) = current.filter(|title| title.version == version) {
						versions.push(current);
					}
					break;
				}
			}
			let Some(next) = version.checked_add(1) else {
				break;
			};
			version = next;
		}
		versions
	}

	/// See `LandRegistryApi::parcels_of`. Reads only the page: the owner index is walked from
	/// the storage key of `start_after` (which need not be in the index any more), so a bank
	/// holding 100,000 parcels costs the same per page as an owner of one.
	pub fn parcels_of(
		owner: T::AccountId,
		start_after: Option<ParcelId>,
		limit: u32,
	) -> Vec<ParcelId> {
		let limit = limit.min(MAX_PAGE) as usize;
		let parcels = match start_after {
			None => OwnerParcels::<T>::iter_key_prefix(&owner),
			Some(after) => OwnerParcels::<T>::iter_key_prefix_from(
				&owner,
				OwnerParcels::<T>::hashed_key_for(&owner, after),
			),
		};
		parcels.take(limit).collect()
	}

	/// See `LandRegistryApi::applications`.
	pub fn applications_on(parcel: ParcelId) -> Vec<(ApplicationId, Application<T>)> {
		ParcelApplications::<T>::get(parcel)
			.into_iter()
			.filter_map(|id| Applications::<T>::get(id).map(|application| (id, application)))
			.collect()
	}

	/// See `LandRegistryApi::parcel_by_reference`.
	pub fn parcel_by_reference(
		jurisdiction: Vec<u8>,
		cadastral_reference: Vec<u8>,
	) -> Option<ParcelId> {
		let jurisdiction = Jurisdiction::try_from(jurisdiction).ok()?;
		let reference = CadastralReference::try_from(cadastral_reference).ok()?;
		ParcelByReference::<T>::get(jurisdiction, reference)
	}
}
