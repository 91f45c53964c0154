//! Storage migrations of the land registry, one module per storage version.

use crate::{pallet::*, types::*, weights::WeightInfo};
use frame_support::{
	migrations::{SteppedMigration, SteppedMigrationError},
	pallet_prelude::*,
	traits::GetStorageVersion,
	weights::WeightMeter,
};

/// Version 1 → 2: the document index, [`Citations`].
///
/// Every record stored under version 1 that carries a source is listed under its document's
/// hash: each parcel's current attributes and earlier revisions, every title version, every open
/// encumbrance and every pending application. (Released encumbrances and ended applications are
/// no longer in storage; their documents stay in the events, which the audit replays.)
///
/// A national registry holds millions of such records, more than one block can write, so this
/// is a *multi-block* migration, run by `pallet-migrations`: each block indexes as many records
/// as the runtime's migration weight allows and keeps its place in a cursor. Transactions wait
/// while it runs (the registry is read-only for those blocks); the storage version becomes 2
/// when the last record is indexed. On a chain whose registry is already at version 2 (every
/// chain started after this change) it does nothing.
pub mod v2 {
	use super::*;
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;

	/// Where the migration stands: the storage map it is indexing and the last key it indexed
	/// (`None` at the start of that map).
	#[derive(Encode, Decode, MaxEncodedLen, Clone, Copy, PartialEq, Eq, Debug)]
	pub enum IndexCursor {
		/// Each parcel's current attributes.
		Parcels(Option<ParcelId>),
		/// Earlier revisions of parcels' attributes.
		ParcelRevisions(Option<(ParcelId, u32)>),
		/// Current titles.
		Titles(Option<ParcelId>),
		/// Superseded title versions.
		TitleHistory(Option<(ParcelId, TitleVersion)>),
		/// Each parcel's open encumbrances (one parcel's list at a time).
		Encumbrances(Option<ParcelId>),
		/// Pending applications.
		Applications(Option<ApplicationId>),
	}

	/// The migration's identifier in `pallet-migrations`' historic record.
	pub const MIGRATION_ID: &[u8; 30] = b"landchain-registry-citations-2";

	/// Indexes every stored record with a source in [`Citations`], a bounded amount per block.
	/// `W` is the runtime's registry weights, from the `migrate_index_*` benchmarks.
	pub struct IndexCitations<T, W = crate::weights::SubstrateWeight<T>>(PhantomData<(T, W)>);

	impl<T: Config, W: WeightInfo> IndexCitations<T, W> {
		/// The weight of indexing the next item at `cursor`: one record, or one parcel's list of
		/// open encumbrances.
		fn item_weight(cursor: &IndexCursor) -> Weight {
			match cursor {
				IndexCursor::Encumbrances(_) => W::migrate_index_encumbrances(),
				_ => W::migrate_index_record(),
			}
		}

		/// Indexes the item after `cursor` and returns where the migration then stands, or
		/// `None` when every map has been indexed. Moving on to the next map indexes nothing.
		pub fn index_next(cursor: IndexCursor) -> Option<IndexCursor> {
			use IndexCursor as C;
			let cite = Pallet::<T>::cite;
			Some(match cursor {
				C::Parcels(last) => {
					let next = match last {
						Some(id) => {
							Parcels::<T>::iter_from(Parcels::<T>::hashed_key_for(id)).next()
						}
						None => Parcels::<T>::iter().next(),
					};
					match next {
						Some((id, parcel)) => {
							let revision = parcel.revision;
							cite(
								&parcel.source,
								Citation::ParcelAttributes { parcel: id, revision },
							);
							C::Parcels(Some(id))
						}
						None => C::ParcelRevisions(None),
					}
				}
				C::ParcelRevisions(last) => {
					let next = match last {
						Some((id, revision)) => ParcelRevisions::<T>::iter_from(
							ParcelRevisions::<T>::hashed_key_for(id, revision),
						)
						.next(),
						None => ParcelRevisions::<T>::iter().next(),
					};
					match next {
						Some((id, revision, (_, source))) => {
							cite(&source, Citation::ParcelAttributes { parcel: id, revision });
							C::ParcelRevisions(Some((id, revision)))
						}
						None => C::Titles(None),
					}
				}
				C::Titles(last) => {
					let next = match last {
						Some(id) => Titles::<T>::iter_from(Titles::<T>::hashed_key_for(id)).next(),
						None => Titles::<T>::iter().next(),
					};
					match next {
						Some((id, title)) => {
							let version = title.version;
							cite(&title.source, Citation::Title { parcel: id, version });
							C::Titles(Some(id))
						}
						None => C::TitleHistory(None),
					}
				}
				C::TitleHistory(last) => {
					let next = match last {
						Some((id, version)) => TitleHistory::<T>::iter_from(
							TitleHistory::<T>::hashed_key_for(id, version),
						)
						.next(),
						None => TitleHistory::<T>::iter().next(),
					};
					match next {
						Some((id, version, title)) => {
							cite(&title.source, Citation::Title { parcel: id, version });
							C::TitleHistory(Some((id, version)))
						}
						None => C::Encumbrances(None),
					}
				}
				C::Encumbrances(last) => {
					let next = match last {
						Some(id) => {
							Encumbrances::<T>::iter_from(Encumbrances::<T>::hashed_key_for(id))
								.next()
						}
						None => Encumbrances::<T>::iter().next(),
					};
					match next {
						Some((id, open)) => {
							for encumbrance in open {
								cite(
									&encumbrance.source,
									Citation::EncumbranceRecorded {
										parcel: id,
										encumbrance: encumbrance.id,
									},
								);
							}
							C::Encumbrances(Some(id))
						}
						None => C::Applications(None),
					}
				}
				C::Applications(last) => {
					let next = match last {
						Some(id) => {
							Applications::<T>::iter_from(Applications::<T>::hashed_key_for(id))
								.next()
						}
						None => Applications::<T>::iter().next(),
					};
					let (id, application) = next?;
					cite(
						&application.source,
						Citation::Application { parcel: application.parcel, application: id },
					);
					C::Applications(Some(id))
				}
			})
		}
	}

	impl<T: Config, W: WeightInfo> SteppedMigration for IndexCitations<T, W> {
		type Cursor = IndexCursor;
		type Identifier = [u8; 30];

		fn id() -> Self::Identifier {
			*MIGRATION_ID
		}

		fn step(
			cursor: Option<Self::Cursor>,
			meter: &mut WeightMeter,
		) -> Result<Option<Self::Cursor>, SteppedMigrationError> {
			// A step must make progress, or the migration would never end: room for reading the
			// storage version and for the largest item.
			let version_read = T::DbWeight::get().reads(1);
			let required = version_read
				.saturating_add(W::migrate_index_record().max(W::migrate_index_encumbrances()));
			if meter.remaining().any_lt(required) {
				return Err(SteppedMigrationError::InsufficientWeight { required });
			}
			meter.consume(version_read);
			if Pallet::<T>::on_chain_storage_version() != 1 {
				// Started at version 2 (or already migrated): the index is complete.
				return Ok(None);
			}
			let mut cursor = cursor.unwrap_or(IndexCursor::Parcels(None));
			loop {
				if meter.try_consume(Self::item_weight(&cursor)).is_err() {
					return Ok(Some(cursor));
				}
				match Self::index_next(cursor) {
					Some(next) => cursor = next,
					None => {
						StorageVersion::new(2).put::<Pallet<T>>();
						log::info!(
							target: crate::LOG_TARGET,
							"indexed every stored record under its document: storage version 2"
						);
						return Ok(None);
					}
				}
			}
		}

		/// Records how many records there are to index.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let records: u64 = Parcels::<T>::iter_values()
				.map(|parcel| Pallet::<T>::stored_citations_of_parcel(&parcel).len() as u64)
				.sum();
			Ok(records.encode())
		}

		/// Every stored record with a source is indexed (the registry's `try_state` check), the
		/// index has at least as many entries as there were records, and the version is 2.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let records =
				u64::decode(&mut &state[..]).map_err(|_| "the pre-upgrade count decodes")?;
			ensure!(
				Pallet::<T>::on_chain_storage_version() == 2,
				"the registry is at storage version 2 after indexing"
			);
			Pallet::<T>::check_citations()?;
			let indexed = Citations::<T>::iter_keys().count() as u64;
			// One entry per stored record, plus, on a chain already at version 2, the entries of
			// released encumbrances and ended applications.
			ensure!(indexed >= records, "every record was indexed");
			Ok(())
		}
	}
}
