//! The document index: which records cite a document ([`Citations`]), written alongside every
//! record that carries a source.

use crate::{pallet::*, types::*};

impl<T: Config> Pallet<T> {
	/// Lists `citation` under the hash of the document `source` names.
	pub(crate) fn cite(source: &Source, citation: Citation) {
		Citations::<T>::insert(source.document_hash, citation, ());
	}

	/// The records a registry holds today with their source, as citations: the parcel's current
	/// attributes and their earlier revisions, its current title and history, its open
	/// encumbrances and its pending applications. What the storage migration indexes and what
	/// `try_state` checks is indexed. (Released encumbrances and ended applications are in the
	/// index too once written, but no longer in storage to be read back.)
	pub(crate) fn stored_citations_of_parcel(
		parcel: &ParcelOf<T>,
	) -> alloc::vec::Vec<(Source, Citation)> {
		let id = parcel.id;
		let mut cited = alloc::vec![(
			parcel.source.clone(),
			Citation::ParcelAttributes { parcel: id, revision: parcel.revision },
		)];
		for (revision, (_, source)) in ParcelRevisions::<T>::iter_prefix(id) {
			cited.push((source, Citation::ParcelAttributes { parcel: id, revision }));
		}
		if let Some(title) = Titles::<T>::get(id) {
			cited.push((title.source, Citation::Title { parcel: id, version: title.version }));
		}
		for (version, title) in TitleHistory::<T>::iter_prefix(id) {
			cited.push((title.source, Citation::Title { parcel: id, version }));
		}
		for open in Encumbrances::<T>::get(id) {
			cited.push((
				open.source,
				Citation::EncumbranceRecorded { parcel: id, encumbrance: open.id },
			));
		}
		for application in ParcelApplications::<T>::get(id) {
			if let Some(record) = Applications::<T>::get(application) {
				cited.push((record.source, Citation::Application { parcel: id, application }));
			}
		}
		cited
	}
}
