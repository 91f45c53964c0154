//! The registry's runtime API, behind the node's `landRegistry_*` JSON-RPC methods. The runtime
//! implements it with the registry pallet's queries; clients need only this declaration.

use crate::types::{ApplicationId, ParcelId, TitleVersion};
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
		/// The active parcels `owner` holds a share of, at most `limit` (capped at 100), in the
		/// order of the owner index's storage keys (not id order), after `start_after`: pass the
		/// last id of a page to get the next; an empty page is the end. Each call reads only its
		/// page. (Until spec 102 pages were in id order, read by sorting the whole index.)
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
