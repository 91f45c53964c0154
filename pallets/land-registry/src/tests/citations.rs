//! The document index: every record that cites a document is found under the document's hash,
//! and the storage migration indexes a version-1 registry over several blocks.

use super::*;
use crate::migrations::v2::{IndexCitations, IndexCursor};
use frame_support::{
	migrations::{SteppedMigration, SteppedMigrationError},
	traits::{GetStorageVersion, StorageVersion},
	weights::{Weight, WeightMeter},
};

/// The records citing `document`, sorted.
fn cited_by(document: &Source) -> Vec<Citation> {
	let mut citations: Vec<_> =
		Citations::<Test>::iter_key_prefix(document.document_hash).collect();
	citations.sort();
	citations
}

/// A registry with a record of every kind that carries a source: parcel 1 registered (survey),
/// mortgaged (mortgage deed), its mortgage released by application (court order), its attributes
/// rectified and its title rectified (court order); parcel 2 registered, with a pending
/// application. Returns both parcels.
fn a_registry_of_every_kind_of_record() -> (ParcelId, ParcelId) {
	let parcel = register("CITE-1", 100, sole(ALICE));
	consent(ALICE, parcel, LENDER, 40, 1);
	assert_ok!(record(parcel, mortgage(LENDER, 40, 1)));
	assert_ok!(record(parcel, EncumbranceKind::Lien { holder: LENDER, amount: 5 }));
	two_registrars(parcel, release(1));
	two_registrars(parcel, new_attributes(90));
	two_registrars(parcel, rectification(vec![owner(ALICE, 1, 2), owner(BOB, 1, 2)]));
	let other = register("CITE-2", 50, sole(CHARLIE));
	propose(other, new_attributes(40));
	(parcel, other)
}

#[test]
fn every_record_citing_a_document_is_found_under_its_hash() {
	ExtBuilder::default().build_and_execute(|| {
		let (parcel, other) = a_registry_of_every_kind_of_record();

		// The survey behind both registrations: each parcel's first attributes and first title.
		assert_eq!(cited_by(&survey()), {
			let mut expected = vec![
				Citation::ParcelAttributes { parcel, revision: 0 },
				Citation::Title { parcel, version: 1 },
				Citation::ParcelAttributes { parcel: other, revision: 0 },
				Citation::Title { parcel: other, version: 1 },
			];
			expected.sort();
			expected
		});
		// The mortgage deed behind both recorded charges.
		assert_eq!(
			cited_by(&source(SourceKind::MortgageInstrument, 3)),
			vec![
				Citation::EncumbranceRecorded { parcel, encumbrance: 1 },
				Citation::EncumbranceRecorded { parcel, encumbrance: 2 },
			]
		);
		// The court order: four applications, the release it made, the new attributes and the
		// new title version. The released mortgage and the enacted applications are gone from
		// storage, but not from the index.
		let mut expected = vec![
			Citation::Application { parcel, application: 1 },
			Citation::Application { parcel, application: 2 },
			Citation::Application { parcel, application: 3 },
			Citation::Application { parcel: other, application: 4 },
			Citation::EncumbranceReleased { parcel, encumbrance: 1 },
			Citation::ParcelAttributes { parcel, revision: 1 },
			Citation::Title { parcel, version: 2 },
		];
		expected.sort();
		assert_eq!(cited_by(&order()), expected);
		assert!(!Applications::<Test>::contains_key(1));
		// A document nobody cited.
		assert!(cited_by(&source(SourceKind::Deed, 200)).is_empty());
	});
}

#[test]
fn a_split_and_a_merge_cite_their_document_for_every_new_parcel_and_title() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("CITE-S", 100, sole(ALICE));
		let plan = source(SourceKind::Survey, 77);
		assert_ok!(LandRegistry::split_parcel(
			RuntimeOrigin::signed(REGISTRAR),
			parcel,
			bounded(vec![child("CITE-S/1", 60), child("CITE-S/2", 40)]),
			plan.clone(),
		));
		let (first, second) = (parcel + 1, parcel + 2);
		assert_eq!(
			cited_by(&plan),
			vec![
				Citation::ParcelAttributes { parcel: first, revision: 0 },
				Citation::ParcelAttributes { parcel: second, revision: 0 },
				Citation::Title { parcel: first, version: 1 },
				Citation::Title { parcel: second, version: 1 },
			]
		);
	});
}

#[test]
fn try_state_catches_a_record_missing_from_the_index() {
	ExtBuilder::default().build().execute_with(|| {
		let parcel = register("CITE-BAD", 100, sole(ALICE));
		assert_ok!(try_state());
		Citations::<Test>::remove(survey().document_hash, Citation::Title { parcel, version: 1 });
		assert!(try_state().is_err());
	});
}

/// What reading the storage version costs in the mock.
fn version_read() -> Weight {
	<<Test as frame_system::Config>::DbWeight as Get<frame_support::weights::RuntimeDbWeight>>::get(
	)
	.reads(1)
}

/// Takes the registry back to storage version 1: no index.
fn as_version_1() {
	assert!(Citations::<Test>::clear(u32::MAX, None).maybe_cursor.is_none());
	StorageVersion::new(1).put::<LandRegistry>();
}

/// Runs the migration as `pallet-migrations` would, with `per_block` of weight in each block,
/// until it ends; the number of blocks (steps) it took.
fn migrate_in_steps(per_block: Weight) -> u32 {
	let mut cursor = None;
	for steps in 1..=1_000 {
		let mut meter = WeightMeter::with_limit(per_block);
		cursor = IndexCitations::<Test, ()>::step(cursor, &mut meter).expect("a step succeeds");
		if cursor.is_none() {
			return steps;
		}
	}
	panic!("the migration did not end in 1000 steps");
}

#[test]
fn the_migration_indexes_a_version_1_registry_over_several_blocks() {
	ExtBuilder::default().build_and_execute(|| {
		a_registry_of_every_kind_of_record();
		let indexed: Vec<_> = Citations::<Test>::iter_keys().collect();
		as_version_1();
		// The index is partial while the migration runs: the invariants leave it be.
		assert_ok!(try_state());
		#[cfg(feature = "try-runtime")]
		let before = IndexCitations::<Test, ()>::pre_upgrade().expect("pre-upgrade checks pass");

		// The least weight a step takes: reading the version and the largest item. The
		// registry's eight stored records, and the moves from one map to the next, take more
		// than one such block.
		let least = version_read().saturating_add(
			<() as WeightInfo>::migrate_index_record()
				.max(<() as WeightInfo>::migrate_index_encumbrances()),
		);
		let steps = migrate_in_steps(least);
		assert!(steps >= 2, "took {steps} step");

		assert_eq!(LandRegistry::on_chain_storage_version(), StorageVersion::new(2));
		// Every stored record is indexed again; what only the events still hold (the released
		// mortgage, its release, the enacted applications) is not.
		for (document, citation) in &indexed {
			let stored = !matches!(
				citation,
				Citation::EncumbranceReleased { .. }
					| Citation::EncumbranceRecorded { encumbrance: 1, .. }
					| Citation::Application { application: 1..=3, .. }
			);
			assert_eq!(Citations::<Test>::contains_key(document, citation), stored, "{citation:?}");
		}
		#[cfg(feature = "try-runtime")]
		IndexCitations::<Test, ()>::post_upgrade(before).expect("post-upgrade checks pass");
	});
}

#[test]
fn the_migration_does_nothing_on_a_registry_already_at_version_2() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("CITE-V2", 100, sole(ALICE));
		Citations::<Test>::remove(survey().document_hash, Citation::Title { parcel, version: 1 });
		let mut meter = WeightMeter::new();
		assert_eq!(IndexCitations::<Test, ()>::step(None, &mut meter), Ok(None));
		assert!(!Citations::<Test>::contains_key(
			survey().document_hash,
			Citation::Title { parcel, version: 1 }
		));
		// It read the storage version, and nothing else.
		assert_eq!(meter.consumed(), version_read());
		// Put back what the test took out, for the invariants.
		Citations::<Test>::insert(
			survey().document_hash,
			Citation::Title { parcel, version: 1 },
			(),
		);
	});
}

#[test]
fn a_migration_step_without_room_for_one_record_asks_for_more_weight_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		register("CITE-W", 100, sole(ALICE));
		as_version_1();
		let record = <() as WeightInfo>::migrate_index_record();
		let mut meter = WeightMeter::with_limit(Weight::from_parts(
			record.ref_time() / 2,
			record.proof_size() / 2,
		));
		assert!(matches!(
			IndexCitations::<Test, ()>::step(None, &mut meter),
			Err(SteppedMigrationError::InsufficientWeight { .. })
		));
		assert_eq!(Citations::<Test>::iter().count(), 0);
		assert_eq!(LandRegistry::on_chain_storage_version(), StorageVersion::new(1));
		// A step with room resumes from the start and finishes.
		migrate_in_steps(Weight::MAX);
		assert_eq!(LandRegistry::on_chain_storage_version(), StorageVersion::new(2));
	});
}

#[test]
fn the_migration_cursor_moves_through_every_stored_map_in_order() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("CITE-C", 100, sole(ALICE));
		as_version_1();
		let mut stages = vec![];
		let mut cursor = IndexCursor::Parcels(None);
		while let Some(next) = IndexCitations::<Test, ()>::index_next(cursor) {
			stages.push(next);
			cursor = next;
		}
		assert_eq!(
			stages,
			vec![
				IndexCursor::Parcels(Some(parcel)),
				IndexCursor::ParcelRevisions(None),
				IndexCursor::Titles(None),
				IndexCursor::Titles(Some(parcel)),
				IndexCursor::TitleHistory(None),
				IndexCursor::Encumbrances(None),
				IndexCursor::Applications(None),
			]
		);
		StorageVersion::new(2).put::<LandRegistry>();
	});
}
