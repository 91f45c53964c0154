//! Storage keys of the values the audit and certificates read from a Landchain state (and prove
//! with storage read proofs), computed without the pallets. The runtime's tests check every key
//! here against the pallets' own storage items.

use crate::types::{ParcelId, TitleVersion};
use alloc::vec::Vec;
use codec::Encode;
use sp_crypto_hashing::{twox_128, twox_64};

/// The name the runtime gives the land-registry pallet (the first half of its storage keys).
pub const LAND_REGISTRY: &[u8] = b"LandRegistry";

/// The key prefix of a storage item: `twox128(pallet) ++ twox128(item)`.
pub fn prefix(pallet: &[u8], item: &[u8]) -> [u8; 32] {
	let mut key = [0u8; 32];
	key[..16].copy_from_slice(&twox_128(pallet));
	key[16..].copy_from_slice(&twox_128(item));
	key
}

/// The storage key of `System.Events`, the events of the block being built or last built.
pub fn system_events() -> [u8; 32] {
	prefix(b"System", b"Events")
}

/// `Timestamp.Now`: the time of the block being built or last built (Unix milliseconds).
pub fn timestamp_now() -> [u8; 32] {
	prefix(b"Timestamp", b"Now")
}

/// `Grandpa.Authorities`: the GRANDPA authority set in force (its keys and weights).
pub fn grandpa_authorities() -> [u8; 32] {
	prefix(b"Grandpa", b"Authorities")
}

/// `Grandpa.CurrentSetId`: the number of GRANDPA authority set changes so far.
pub fn grandpa_current_set_id() -> [u8; 32] {
	prefix(b"Grandpa", b"CurrentSetId")
}

/// `Grandpa.PendingChange`: an authority set change scheduled and not yet enacted.
pub fn grandpa_pending_change() -> [u8; 32] {
	prefix(b"Grandpa", b"PendingChange")
}

/// `twox64(key) ++ key`, the `Twox64Concat` hasher of a map key.
fn twox64_concat(key: &impl Encode, into: &mut Vec<u8>) {
	let encoded = key.encode();
	into.extend_from_slice(&twox_64(&encoded));
	into.extend_from_slice(&encoded);
}

fn map_key(item: &[u8], parcel: ParcelId) -> Vec<u8> {
	let mut key = prefix(LAND_REGISTRY, item).to_vec();
	twox64_concat(&parcel, &mut key);
	key
}

/// `LandRegistry.Parcels(parcel)`: the parcel record.
pub fn parcel(parcel: ParcelId) -> Vec<u8> {
	map_key(b"Parcels", parcel)
}

/// `LandRegistry.Titles(parcel)`: the current title.
pub fn title(parcel: ParcelId) -> Vec<u8> {
	map_key(b"Titles", parcel)
}

/// `LandRegistry.TitleHistory(parcel, version)`: a superseded title version.
pub fn title_history(parcel: ParcelId, version: TitleVersion) -> Vec<u8> {
	let mut key = map_key(b"TitleHistory", parcel);
	twox64_concat(&version, &mut key);
	key
}

/// `LandRegistry.Encumbrances(parcel)`: the open encumbrances.
pub fn encumbrances(parcel: ParcelId) -> Vec<u8> {
	map_key(b"Encumbrances", parcel)
}

/// `LandRegistry.ParcelApplications(parcel)`: the pending applications' ids.
pub fn parcel_applications(parcel: ParcelId) -> Vec<u8> {
	map_key(b"ParcelApplications", parcel)
}

/// `LandRegistry.ParcelLocks(parcel)`: the dealing holding the parcel's lock.
pub fn parcel_lock(parcel: ParcelId) -> Vec<u8> {
	map_key(b"ParcelLocks", parcel)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_events_key_is_the_well_known_one() {
		assert_eq!(
			sp_core::bytes::to_hex(&system_events(), false),
			"0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7"
		);
	}
}
