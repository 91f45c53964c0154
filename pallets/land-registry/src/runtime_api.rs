//! The runtime API behind the node's `landRegistry_*` JSON-RPC methods, and the queries that
//! implement it.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use codec::Codec;

/// The most items one query returns; ask again from where the last page ended.
pub const MAX_PAGE: u32 = 100;

sp_api::decl_runtime_apis! {
	/// Read-only queries of the land registry.
	#[api_version(2)]
	pub trait LandRegistryApi<AccountId, Parcel, Title, Encumbrance, Application>
	where
		AccountId: Codec,
		Parcel: Codec,
		Title: Codec,
		Encumbrance: Codec,
		Application: Codec,
	{
		/// A parcel, active or retired.
		fn parcel(parcel: ParcelId) -> Option<Parcel>;
		/// The current title of an active parcel.
		fn title(parcel: ParcelId) -> Option<Title>;
		/// Title versions from `from_version` (1 = first registration) on, oldest first, at most
		/// `limit` (capped at 100), the current one included.
		fn title_history(parcel: ParcelId, from_version: TitleVersion, limit: u32) -> Vec<Title>;
		/// The active parcels `owner` holds a share of, in id order, after `start_after`, at most
		/// `limit` (capped at 100).
		fn parcels_of(owner: AccountId, start_after: Option<ParcelId>, limit: u32) -> Vec<ParcelId>;
		/// The open encumbrances on a parcel.
		fn encumbrances(parcel: ParcelId) -> Vec<Encumbrance>;
		/// The parcel registered under a cadastral reference in a jurisdiction.
		fn parcel_by_reference(jurisdiction: Vec<u8>, cadastral_reference: Vec<u8>) -> Option<ParcelId>;
		/// The pending applications on a parcel (proposed, in notice or objected), oldest first.
		#[api_version(2)]
		fn applications(parcel: ParcelId) -> Vec<(ApplicationId, Application)>;
	}
}

impl<T: Config> Pallet<T> {
	/// See [`LandRegistryApi::title_history`].
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

	/// See [`LandRegistryApi::parcels_of`].
	pub fn parcels_of(
		owner: T::AccountId,
		start_after: Option<ParcelId>,
		limit: u32,
	) -> Vec<ParcelId> {
		let mut parcels: Vec<ParcelId> = OwnerParcels::<T>::iter_key_prefix(&owner)
			.filter(|parcel| start_after.map_or(true, |after| *parcel > after))
			.collect();
		parcels.sort_unstable();
		parcels.truncate(limit.min(MAX_PAGE) as usize);
		parcels
	}

	/// See [`LandRegistryApi::applications`].
	pub fn applications_on(parcel: ParcelId) -> Vec<(ApplicationId, Application<T>)> {
		ParcelApplications::<T>::get(parcel)
			.into_iter()
			.filter_map(|id| Applications::<T>::get(id).map(|application| (id, application)))
			.collect()
	}

	/// See [`LandRegistryApi::parcel_by_reference`].
	pub fn parcel_by_reference(
		jurisdiction: Vec<u8>,
		cadastral_reference: Vec<u8>,
	) -> Option<ParcelId> {
		let jurisdiction = Jurisdiction::try_from(jurisdiction).ok()?;
		let reference = CadastralReference::try_from(cadastral_reference).ok()?;
		ParcelByReference::<T>::get(jurisdiction, reference)
	}
}
