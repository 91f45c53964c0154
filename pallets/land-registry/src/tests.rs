//! Unit tests of the land registry. Every test runs through `ExtBuilder::build_and_execute`,
//! which checks the registry's invariants afterwards.

use crate::{mock::*, types::*, Error, Event, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult};

fn mortgage(lender: u64, amount: u64, rank: u32) -> EncumbranceKind<u64, u64> {
	EncumbranceKind::Mortgage { lender, amount, rank }
}

fn caveat() -> EncumbranceKind<u64, u64> {
	EncumbranceKind::Caveat { court_reference: bytes("HCCC 12/2026") }
}

fn record(parcel: ParcelId, kind: EncumbranceKind<u64, u64>) -> DispatchResult {
	LandRegistry::record_encumbrance(
		RuntimeOrigin::signed(REGISTRAR),
		parcel,
		kind,
		source(SourceKind::MortgageInstrument, 3),
	)
}

fn consent(owner: u64, parcel: ParcelId, lender: u64, amount: u64, rank: u32) {
	assert_ok!(LandRegistry::consent_to_mortgage(
		RuntimeOrigin::signed(owner),
		parcel,
		lender,
		amount,
		rank
	));
}

fn child(reference: &str, area_m2: u64) -> ChildParcel {
	ChildParcel { cadastral_reference: bytes(reference), attributes: attributes(area_m2) }
}

fn held(reason: HoldReason, who: u64) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::LandRegistry(reason), &who)
}

// ---- Shares --------------------------------------------------------------------------------

#[test]
fn shares_sum_exactly_in_rational_arithmetic() {
	assert!(shares_sum_to_whole(&[share(1, 1)]));
	assert!(shares_sum_to_whole(&[share(1, 3), share(1, 3), share(1, 3)]));
	assert!(shares_sum_to_whole(&[share(1, 2), share(1, 4), share(2, 8)]));
	assert!(!shares_sum_to_whole(&[share(1, 3), share(1, 3)]));
	assert!(!shares_sum_to_whole(&[share(2, 3), share(2, 3)]));
	assert!(!shares_sum_to_whole(&[share(0, 1), share(1, 1)]));
	assert!(!shares_sum_to_whole(&[share(1, 0)]));
	assert!(!shares_sum_to_whole(&[]));
	let primes = [share(u32::MAX, u32::MAX), share(1, 4_294_967_291)];
	assert!(!shares_sum_to_whole(&primes), "overflow or excess is never a whole");
}

// ---- Registration --------------------------------------------------------------------------

#[test]
fn register_parcel_records_parcel_title_and_indices() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("BLOCK-1/1", 1_000, vec![owner(ALICE, 1, 2), owner(BOB, 1, 2)]);
		assert_eq!(parcel, 1);

		let record = Parcels::<Test>::get(parcel).unwrap();
		assert!(record.is_active());
		assert_eq!(record.attributes.area_m2, 1_000);
		assert_eq!(record.origin, ParcelOrigin::FirstRegistration);
		assert_eq!(
			ParcelByReference::<Test>::get(jurisdiction(), bytes::<ConstU32Ref>("BLOCK-1/1")),
			Some(1)
		);

		let title = Titles::<Test>::get(parcel).unwrap();
		assert_eq!(title.version, 1);
		assert_eq!(title.change, TitleChange::FirstRegistration);
		assert_eq!(title.recorded_by, Some(REGISTRAR));
		assert!(OwnerParcels::<Test>::contains_key(ALICE, parcel));
		assert!(OwnerParcels::<Test>::contains_key(BOB, parcel));
		System::assert_last_event(
			Event::TitleRecorded {
				parcel,
				version: 1,
				owners: title.owners.clone(),
				tenure: Tenure::Freehold,
				source: survey(),
				change: TitleChange::FirstRegistration,
				recorded_by: Some(REGISTRAR),
			}
			.into(),
		);
	});
}

type ConstU32Ref = frame_support::traits::ConstU32<MAX_REFERENCE_LEN>;

#[test]
fn the_same_reference_may_exist_in_two_jurisdictions() {
	ExtBuilder::default().build_and_execute(|| {
		register("PLOT-7", 500, sole(ALICE));
		assert_ok!(LandRegistry::register_parcel(
			RuntimeOrigin::signed(REGISTRAR),
			bytes("KE-MOMBASA"),
			bytes("PLOT-7"),
			attributes(500),
			survey(),
			sole(BOB),
			Tenure::Leasehold { expires_at: 4_102_444_800 },
		));
		assert_eq!(
			LandRegistry::parcel_by_reference(b"KE-MOMBASA".to_vec(), b"PLOT-7".to_vec()),
			Some(2)
		);
		assert_eq!(
			LandRegistry::parcel_by_reference(b"KE-NAIROBI".to_vec(), b"PLOT-7".to_vec()),
			Some(1)
		);
	});
}

fn try_register(
	origin: u64,
	reference: &str,
	area: u64,
	owners: Vec<Owner<u64>>,
) -> DispatchResult {
	LandRegistry::register_parcel(
		RuntimeOrigin::signed(origin),
		jurisdiction(),
		bytes(reference),
		attributes(area),
		survey(),
		owners,
		Tenure::Freehold,
	)
}

#[test]
fn register_parcel_rejects_bad_input_without_changing_anything() {
	ExtBuilder::default().build_and_execute(|| {
		register("TAKEN", 100, sole(ALICE));
		assert_noop!(try_register(ALICE, "A", 100, sole(ALICE)), DispatchError::BadOrigin);
		assert_noop!(
			try_register(REGISTRAR, "TAKEN", 100, sole(ALICE)),
			Error::<Test>::DuplicateCadastralReference
		);
		assert_noop!(try_register(REGISTRAR, "", 100, sole(ALICE)), Error::<Test>::EmptyReference);
		assert_noop!(try_register(REGISTRAR, "A", 0, sole(ALICE)), Error::<Test>::ZeroArea);
		assert_noop!(try_register(REGISTRAR, "A", 100, vec![]), Error::<Test>::NoOwners);
		let five = (0..5).map(|i| owner(30 + i, 1, 5)).collect();
		assert_noop!(try_register(REGISTRAR, "A", 100, five), Error::<Test>::TooManyOwners);
		assert_noop!(
			try_register(REGISTRAR, "A", 100, vec![owner(ALICE, 1, 2), owner(ALICE, 1, 2)]),
			Error::<Test>::DuplicateOwner
		);
		assert_noop!(
			try_register(REGISTRAR, "A", 100, vec![owner(ALICE, 3, 2)]),
			Error::<Test>::InvalidShare
		);
		assert_noop!(
			try_register(REGISTRAR, "A", 100, vec![owner(ALICE, 1, 2), owner(BOB, 1, 3)]),
			Error::<Test>::SharesDoNotSumToWhole
		);
	});
}

// ---- Encumbrances ----------------------------------------------------------------------------

#[test]
fn a_mortgage_needs_every_owners_consent_to_its_exact_terms() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("M-1", 100, vec![owner(ALICE, 1, 2), owner(BOB, 1, 2)]);
		consent(ALICE, parcel, LENDER, 300, 1);
		assert_eq!(held(HoldReason::ConsentDeposit, ALICE), CONSENT_DEPOSIT);
		assert_noop!(
			record(parcel, mortgage(LENDER, 300, 1)),
			Error::<Test>::MortgageConsentMissing
		);

		consent(BOB, parcel, LENDER, 999, 1);
		assert_noop!(
			record(parcel, mortgage(LENDER, 300, 1)),
			Error::<Test>::MortgageConsentMissing
		);
		assert_ok!(LandRegistry::withdraw_mortgage_consent(RuntimeOrigin::signed(BOB), parcel));
		assert_eq!(held(HoldReason::ConsentDeposit, BOB), 0);
		consent(BOB, parcel, LENDER, 300, 1);

		assert_ok!(record(parcel, mortgage(LENDER, 300, 1)));
		let open = Encumbrances::<Test>::get(parcel);
		assert_eq!(open.len(), 1);
		assert_eq!(open[0].kind, mortgage(LENDER, 300, 1));
		assert_eq!(held(HoldReason::EncumbranceDeposit, REGISTRAR), ENCUMBRANCE_DEPOSIT);
		// Consents are used up and their deposits returned.
		assert!(MortgageConsents::<Test>::iter_prefix(parcel).next().is_none());
		assert_eq!(held(HoldReason::ConsentDeposit, ALICE), 0);
		System::assert_last_event(
			Event::EncumbranceRecorded {
				parcel,
				encumbrance: 1,
				kind: mortgage(LENDER, 300, 1),
				source: source(SourceKind::MortgageInstrument, 3),
				registrar: REGISTRAR,
			}
			.into(),
		);
	});
}

#[test]
fn releasing_an_encumbrance_returns_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("R-1", 100, sole(ALICE));
		assert_ok!(record(parcel, caveat()));
		assert_eq!(held(HoldReason::EncumbranceDeposit, REGISTRAR), ENCUMBRANCE_DEPOSIT);
		// Another registrar may release what the first recorded; the deposit goes back to the first.
		assert_ok!(LandRegistry::release_encumbrance(
			RuntimeOrigin::signed(OTHER_REGISTRAR),
			parcel,
			1,
			source(SourceKind::CourtOrder, 4)
		));
		assert_eq!(held(HoldReason::EncumbranceDeposit, REGISTRAR), 0);
		assert!(Encumbrances::<Test>::get(parcel).is_empty());
		System::assert_last_event(
			Event::EncumbranceReleased {
				parcel,
				encumbrance: 1,
				source: Some(source(SourceKind::CourtOrder, 4)),
				registrar: Some(OTHER_REGISTRAR),
			}
			.into(),
		);
	});
}

#[test]
fn record_encumbrance_rejects_bad_input_without_changing_anything() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("E-1", 100, sole(ALICE));
		let lien = EncumbranceKind::Lien { holder: LENDER, amount: 10 };
		assert_noop!(
			LandRegistry::record_encumbrance(
				RuntimeOrigin::signed(ALICE),
				parcel,
				lien.clone(),
				deed()
			),
			DispatchError::BadOrigin
		);
		assert_noop!(record(77, lien.clone()), Error::<Test>::UnknownParcel);
		assert_noop!(
			record(parcel, EncumbranceKind::Lien { holder: LENDER, amount: 0 }),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(record(parcel, mortgage(LENDER, 0, 1)), Error::<Test>::ZeroAmount);
		assert_noop!(record(parcel, mortgage(LENDER, 10, 0)), Error::<Test>::InvalidRank);
		assert_noop!(
			record(parcel, EncumbranceKind::Caveat { court_reference: bytes("") }),
			Error::<Test>::EmptyCourtReference
		);

		consent(ALICE, parcel, LENDER, 10, 1);
		assert_ok!(record(parcel, mortgage(LENDER, 10, 1)));
		consent(ALICE, parcel, LENDER, 20, 1);
		assert_noop!(record(parcel, mortgage(LENDER, 20, 1)), Error::<Test>::DuplicateMortgageRank);

		for _ in 0..3 {
			assert_ok!(record(parcel, lien.clone()));
		}
		assert_noop!(record(parcel, lien), Error::<Test>::TooManyEncumbrances);
	});
}

#[test]
fn a_registrar_without_funds_for_the_deposit_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("D-1", 100, sole(ALICE));
		// Move all of the registrar's funds away.
		let balance = Balances::balance(&REGISTRAR);
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::transfer(
			&REGISTRAR,
			&PAUPER,
			balance,
			frame_support::traits::tokens::Preservation::Expendable
		));
		assert_noop!(record(parcel, caveat()), Error::<Test>::InsufficientDeposit);
	});
}

#[test]
fn release_encumbrance_rejects_unknown_ids() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("U-1", 100, sole(ALICE));
		let release = |parcel, id| {
			LandRegistry::release_encumbrance(RuntimeOrigin::signed(REGISTRAR), parcel, id, deed())
		};
		assert_noop!(release(55, 1), Error::<Test>::UnknownParcel);
		assert_noop!(release(parcel, 1), Error::<Test>::UnknownEncumbrance);
		assert_noop!(
			LandRegistry::release_encumbrance(RuntimeOrigin::signed(BOB), parcel, 1, deed()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_caveat_freezes_every_dealing_until_released() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("C-1", 100, sole(ALICE));
		consent(ALICE, parcel, LENDER, 10, 1);
		assert_ok!(record(parcel, caveat()));

		assert_noop!(record(parcel, mortgage(LENDER, 10, 1)), Error::<Test>::CaveatInForce);
		assert_noop!(
			LandRegistry::split_parcel(
				RuntimeOrigin::signed(REGISTRAR),
				parcel,
				vec![child("C-1a", 50), child("C-1b", 50)],
				survey()
			),
			Error::<Test>::CaveatInForce
		);
		assert_noop!(
			LandRegistry::transfer_by_operation_of_law(
				RuntimeOrigin::signed(REGISTRAR),
				parcel,
				sole(BOB),
				Tenure::Freehold,
				LawfulTransferReason::Inheritance,
				source(SourceKind::Probate, 5)
			),
			Error::<Test>::CaveatInForce
		);
		assert_noop!(
			<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 1),
			Error::<Test>::CaveatInForce
		);
		// A second court may add its own caveat, and a statutory lien still lands.
		assert_ok!(record(parcel, caveat()));
		assert_ok!(record(parcel, EncumbranceKind::Lien { holder: LENDER, amount: 5 }));

		for id in [1, 2] {
			assert_ok!(LandRegistry::release_encumbrance(
				RuntimeOrigin::signed(REGISTRAR),
				parcel,
				id,
				source(SourceKind::CourtOrder, 6)
			));
		}
		assert!(!LandRegistry::has_caveat(parcel));
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 1));
	});
}

// ---- Consent -------------------------------------------------------------------------------

#[test]
fn consent_rejects_bad_input_without_changing_anything() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("K-1", 100, sole(ALICE));
		let consent_as = |who, parcel, amount, rank| {
			LandRegistry::consent_to_mortgage(
				RuntimeOrigin::signed(who),
				parcel,
				LENDER,
				amount,
				rank,
			)
		};
		assert_noop!(consent_as(ALICE, 42, 10, 1), Error::<Test>::UnknownParcel);
		assert_noop!(consent_as(BOB, parcel, 10, 1), Error::<Test>::NotOwner);
		assert_noop!(consent_as(ALICE, parcel, 0, 1), Error::<Test>::ZeroAmount);
		assert_noop!(consent_as(ALICE, parcel, 10, 0), Error::<Test>::InvalidRank);
		assert_ok!(consent_as(ALICE, parcel, 10, 1));
		assert_noop!(consent_as(ALICE, parcel, 10, 1), Error::<Test>::ConsentAlreadyGiven);
		assert_noop!(
			LandRegistry::withdraw_mortgage_consent(RuntimeOrigin::signed(BOB), parcel),
			Error::<Test>::NoConsent
		);
		let poor_parcel = register("K-2", 100, sole(PAUPER));
		assert_noop!(consent_as(PAUPER, poor_parcel, 10, 1), Error::<Test>::InsufficientDeposit);
	});
}

#[test]
fn consents_lapse_when_the_title_changes() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("L-1", 100, sole(ALICE));
		consent(ALICE, parcel, LENDER, 10, 1);
		assert_ok!(LandRegistry::transfer_by_operation_of_law(
			RuntimeOrigin::signed(REGISTRAR),
			parcel,
			sole(BOB),
			Tenure::Freehold,
			LawfulTransferReason::CourtOrder,
			source(SourceKind::CourtOrder, 7)
		));
		assert!(MortgageConsents::<Test>::get(parcel, ALICE).is_none());
		assert_eq!(held(HoldReason::ConsentDeposit, ALICE), 0);
	});
}

// ---- Split and merge -----------------------------------------------------------------------

#[test]
fn split_retires_the_parent_and_gives_children_its_title() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("S-1", 1_000, vec![owner(ALICE, 2, 3), owner(BOB, 1, 3)]);
		assert_ok!(LandRegistry::split_parcel(
			RuntimeOrigin::signed(REGISTRAR),
			parcel,
			vec![child("S-1/a", 600), child("S-1/b", 400)],
			survey()
		));
		let parent = Parcels::<Test>::get(parcel).unwrap();
		assert!(matches!(&parent.status, ParcelStatus::SplitInto { children, .. } if children.to_vec() == vec![2, 3]));
		assert!(Titles::<Test>::get(parcel).is_none());
		assert_eq!(TitleHistory::<Test>::get(parcel, 1).unwrap().version, 1);
		assert!(!OwnerParcels::<Test>::contains_key(ALICE, parcel));
		for id in [2, 3] {
			let child = Parcels::<Test>::get(id).unwrap();
			assert_eq!(child.origin, ParcelOrigin::SplitFrom(parcel));
			let title = Titles::<Test>::get(id).unwrap();
			assert_eq!(title.change, TitleChange::Split { parent: parcel });
			assert_eq!(title.owners.to_vec(), vec![owner(ALICE, 2, 3), owner(BOB, 1, 3)]);
			assert!(OwnerParcels::<Test>::contains_key(BOB, id));
		}
		assert_eq!(LandRegistry::parcels_of(ALICE, None, 10), vec![2, 3]);
		// The retired parcel stays queryable, and its reference is never reused.
		assert_noop!(try_register(REGISTRAR, "S-1", 5, sole(ALICE)), Error::<Test>::DuplicateCadastralReference);
		System::assert_last_event(
			Event::ParcelSplit { parent: parcel, children: vec![2, 3].try_into().unwrap(), registrar: REGISTRAR }
				.into(),
		);
	});
}

#[test]
fn split_rejects_bad_input_without_changing_anything() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("X-1", 100, sole(ALICE));
		let split = |parcel, children: Vec<ChildParcel>| {
			LandRegistry::split_parcel(RuntimeOrigin::signed(REGISTRAR), parcel, children, survey())
		};
		assert_noop!(
			LandRegistry::split_parcel(RuntimeOrigin::signed(ALICE), parcel, vec![], survey()),
			DispatchError::BadOrigin
		);
		assert_noop!(split(9, vec![child("a", 50), child("b", 50)]), Error::<Test>::UnknownParcel);
		assert_noop!(split(parcel, vec![child("a", 100)]), Error::<Test>::TooFewChildren);
		let five = (0..5).map(|i| child(&format!("c{i}"), 20)).collect();
		assert_noop!(split(parcel, five), Error::<Test>::TooManyChildren);
		assert_noop!(
			split(parcel, vec![child("a", 60), child("b", 60)]),
			Error::<Test>::SplitAreasDoNotSum
		);
		assert_noop!(split(parcel, vec![child("a", 100), child("b", 0)]), Error::<Test>::ZeroArea);
		assert_noop!(
			split(parcel, vec![child("a", 50), child("a", 50)]),
			Error::<Test>::DuplicateCadastralReference
		);
		assert_noop!(
			split(parcel, vec![child("X-1", 50), child("b", 50)]),
			Error::<Test>::DuplicateCadastralReference
		);
		assert_noop!(
			split(parcel, vec![child("", 50), child("b", 50)]),
			Error::<Test>::EmptyReference
		);
		assert_noop!(
			split(parcel, vec![child("a", u64::MAX), child("b", 2)]),
			Error::<Test>::Overflow
		);

		assert_ok!(record(parcel, EncumbranceKind::Lien { holder: LENDER, amount: 1 }));
		assert_noop!(
			split(parcel, vec![child("a", 50), child("b", 50)]),
			Error::<Test>::ParcelEncumbered
		);
		assert_ok!(LandRegistry::release_encumbrance(
			RuntimeOrigin::signed(REGISTRAR),
			parcel,
			1,
			deed()
		));

		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 8));
		assert_noop!(
			split(parcel, vec![child("a", 50), child("b", 50)]),
			Error::<Test>::ParcelLocked
		);
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::unlock(parcel, 8));

		assert_ok!(split(parcel, vec![child("a", 50), child("b", 50)]));
		assert_noop!(
			split(parcel, vec![child("c", 50), child("d", 50)]),
			Error::<Test>::ParcelRetired
		);
	});
}

fn merge(parcels: Vec<ParcelId>, reference: &str) -> DispatchResult {
	LandRegistry::merge_parcels(
		RuntimeOrigin::signed(REGISTRAR),
		parcels,
		bytes(reference),
		H256::repeat_byte(4),
		LandUse::Mixed,
		survey(),
	)
}

#[test]
fn merge_joins_parcels_with_the_same_title() {
	ExtBuilder::default().build_and_execute(|| {
		let a = register("G-1", 300, vec![owner(ALICE, 1, 2), owner(BOB, 1, 2)]);
		let b = register("G-2", 200, vec![owner(BOB, 1, 2), owner(ALICE, 1, 2)]);
		assert_ok!(merge(vec![a, b], "G-1+2"));
		let merged = Parcels::<Test>::get(3).unwrap();
		assert_eq!(merged.attributes.area_m2, 500);
		assert_eq!(merged.origin, ParcelOrigin::MergedFrom(vec![a, b].try_into().unwrap()));
		for parent in [a, b] {
			assert!(matches!(
				Parcels::<Test>::get(parent).unwrap().status,
				ParcelStatus::MergedInto { parcel: 3, .. }
			));
			assert!(Titles::<Test>::get(parent).is_none());
		}
		assert_eq!(Titles::<Test>::get(3).unwrap().change, TitleChange::Merge);
		assert_eq!(LandRegistry::parcels_of(BOB, None, 10), vec![3]);
	});
}

#[test]
fn merge_rejects_bad_input_without_changing_anything() {
	ExtBuilder::default().build_and_execute(|| {
		let a = register("H-1", 100, sole(ALICE));
		let b = register("H-2", 100, sole(ALICE));
		let c = register("H-3", 100, sole(BOB));
		let d = register("H-4", 100, sole(ALICE));
		let e = register("H-5", 100, sole(ALICE));
		assert_ok!(LandRegistry::register_parcel(
			RuntimeOrigin::signed(REGISTRAR),
			bytes("KE-MOMBASA"),
			bytes("H-6"),
			attributes(100),
			survey(),
			sole(ALICE),
			Tenure::Freehold,
		));
		let elsewhere = 6;
		assert_noop!(merge(vec![a], "M"), Error::<Test>::TooFewParcelsToMerge);
		assert_noop!(merge(vec![a, b, d, e], "M"), Error::<Test>::TooManyParcelsToMerge);
		assert_noop!(merge(vec![a, a], "M"), Error::<Test>::DuplicateParcel);
		assert_noop!(merge(vec![a, 99], "M"), Error::<Test>::UnknownParcel);
		assert_noop!(merge(vec![a, c], "M"), Error::<Test>::TitlesDiffer);
		assert_noop!(merge(vec![a, elsewhere], "M"), Error::<Test>::JurisdictionMismatch);
		assert_noop!(merge(vec![a, b], "H-3"), Error::<Test>::DuplicateCadastralReference);
		assert_noop!(merge(vec![a, b], ""), Error::<Test>::EmptyReference);
		assert_ok!(record(b, caveat()));
		assert_noop!(merge(vec![a, b], "M"), Error::<Test>::CaveatInForce);
		assert_ok!(record(
			d,
			EncumbranceKind::Easement { dominant_parcel: Some(a), terms_hash: H256::zero() }
		));
		assert_noop!(merge(vec![a, d], "M"), Error::<Test>::ParcelEncumbered);
		assert_ok!(merge(vec![a, e], "M"));
		assert_noop!(merge(vec![a, b], "M2"), Error::<Test>::ParcelRetired);
	});
}

// ---- Rectification and transfers by operation of law ----------------------------------------

#[test]
fn rectify_title_keeps_the_old_version() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("T-1", 100, sole(ALICE));
		assert_ok!(LandRegistry::rectify_title(
			RuntimeOrigin::signed(REGISTRAR),
			parcel,
			vec![owner(ALICE, 1, 2), owner(BOB, 1, 2)],
			Tenure::Freehold,
			source(SourceKind::Statutory, 8)
		));
		assert_eq!(Titles::<Test>::get(parcel).unwrap().version, 2);
		assert_eq!(TitleHistory::<Test>::get(parcel, 1).unwrap().owners.to_vec(), sole(ALICE));
		let history = LandRegistry::title_history(parcel, 1, 10);
		assert_eq!(history.iter().map(|t| t.version).collect::<Vec<_>>(), vec![1, 2]);
		assert_eq!(history[1].change, TitleChange::Rectification);
		assert_eq!(LandRegistry::title_history(parcel, 2, 10).len(), 1);
		assert_eq!(LandRegistry::title_history(parcel, 1, 1).len(), 1);
	});
}

#[test]
fn rectify_title_rejects_bad_input_without_changing_anything() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("T-2", 100, sole(ALICE));
		let rectify = |origin, parcel, owners| {
			LandRegistry::rectify_title(
				RuntimeOrigin::signed(origin),
				parcel,
				owners,
				Tenure::Freehold,
				deed(),
			)
		};
		assert_noop!(rectify(ALICE, parcel, sole(BOB)), DispatchError::BadOrigin);
		assert_noop!(rectify(REGISTRAR, 3, sole(BOB)), Error::<Test>::UnknownParcel);
		assert_noop!(rectify(REGISTRAR, parcel, sole(ALICE)), Error::<Test>::TitleUnchanged);
		assert_noop!(
			rectify(REGISTRAR, parcel, vec![owner(BOB, 1, 3)]),
			Error::<Test>::SharesDoNotSumToWhole
		);
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 1));
		assert_noop!(rectify(REGISTRAR, parcel, sole(BOB)), Error::<Test>::ParcelLocked);
	});
}

#[test]
fn rectify_parcel_keeps_the_old_attributes() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("P-1", 100, sole(ALICE));
		let rectify = |origin, parcel, area| {
			LandRegistry::rectify_parcel(
				RuntimeOrigin::signed(origin),
				parcel,
				attributes(area),
				survey(),
			)
		};
		assert_noop!(rectify(ALICE, parcel, 120), DispatchError::BadOrigin);
		assert_noop!(rectify(REGISTRAR, 5, 120), Error::<Test>::UnknownParcel);
		assert_noop!(rectify(REGISTRAR, parcel, 0), Error::<Test>::ZeroArea);
		assert_noop!(rectify(REGISTRAR, parcel, 100), Error::<Test>::AttributesUnchanged);
		assert_ok!(rectify(REGISTRAR, parcel, 120));
		let record = Parcels::<Test>::get(parcel).unwrap();
		assert_eq!((record.revision, record.attributes.area_m2), (1, 120));
		assert_eq!(ParcelRevisions::<Test>::get(parcel, 0).unwrap().0.area_m2, 100);
	});
}

#[test]
fn inheritance_moves_the_title_to_the_heirs() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("I-1", 100, sole(ALICE));
		assert_ok!(LandRegistry::transfer_by_operation_of_law(
			RuntimeOrigin::signed(REGISTRAR),
			parcel,
			vec![owner(BOB, 1, 2), owner(CHARLIE, 1, 2)],
			Tenure::Freehold,
			LawfulTransferReason::Inheritance,
			source(SourceKind::Probate, 9)
		));
		let title = Titles::<Test>::get(parcel).unwrap();
		assert_eq!(title.change, TitleChange::Inheritance);
		assert!(!OwnerParcels::<Test>::contains_key(ALICE, parcel));
		assert_eq!(LandRegistry::parcels_of(CHARLIE, None, 10), vec![parcel]);
	});
}

// ---- The TitleRegistry trait (used by the conveyance) -----------------------------------------

#[test]
fn a_sale_discharges_mortgages_and_moves_the_title_under_the_lock() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("Z-1", 100, sole(ALICE));
		consent(ALICE, parcel, LENDER, 40, 2);
		assert_ok!(record(parcel, mortgage(LENDER, 40, 2)));
		consent(ALICE, parcel, CHARLIE, 30, 1);
		assert_ok!(record(parcel, mortgage(CHARLIE, 30, 1)));

		type Registry = LandRegistry;
		assert_ok!(<Registry as TitleRegistry<_, _>>::lock(parcel, 7));
		assert_noop!(
			<Registry as TitleRegistry<_, _>>::lock(parcel, 8),
			Error::<Test>::ParcelLocked
		);
		assert_noop!(
			<Registry as TitleRegistry<_, _>>::unlock(parcel, 8),
			Error::<Test>::LockedByAnotherDealing
		);

		let mortgages = <Registry as TitleRegistry<_, _>>::mortgages(parcel);
		assert_eq!(
			mortgages.iter().map(|m| (m.rank, m.lender)).collect::<Vec<_>>(),
			vec![(1, CHARLIE), (2, LENDER)]
		);
		assert_noop!(
			<Registry as TitleRegistry<_, _>>::transfer_title(parcel, 7, sole(BOB), deed(), 500),
			Error::<Test>::ChargesOutstanding
		);
		assert_noop!(
			<Registry as TitleRegistry<_, _>>::discharge_mortgage(parcel, 8, mortgages[0].id),
			Error::<Test>::LockedByAnotherDealing
		);
		for mortgage in mortgages {
			assert_ok!(<Registry as TitleRegistry<_, _>>::discharge_mortgage(
				parcel,
				7,
				mortgage.id
			));
		}
		assert_eq!(held(HoldReason::EncumbranceDeposit, REGISTRAR), 0);
		assert_ok!(<Registry as TitleRegistry<_, _>>::transfer_title(
			parcel,
			7,
			sole(BOB),
			deed(),
			500
		));

		let title = Titles::<Test>::get(parcel).unwrap();
		assert_eq!(title.change, TitleChange::Sale { dealing: 7, price: 500 });
		assert_eq!(title.recorded_by, None);
		assert!(ParcelLocks::<Test>::get(parcel).is_none());
		assert_noop!(
			<Registry as TitleRegistry<_, _>>::unlock(parcel, 7),
			Error::<Test>::NotLocked
		);
		System::assert_last_event(Event::ParcelUnlocked { parcel, dealing: 7 }.into());
	});
}

#[test]
fn a_caveat_recorded_during_a_dealing_blocks_its_settlement() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("Y-1", 100, sole(ALICE));
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 3));
		assert_ok!(record(parcel, caveat()));
		assert_noop!(
			<LandRegistry as TitleRegistry<_, _>>::transfer_title(parcel, 3, sole(BOB), deed(), 1),
			Error::<Test>::CaveatInForce
		);
		// The dealing can still be abandoned.
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::unlock(parcel, 3));
	});
}

#[test]
fn events_alone_rebuild_the_chain_of_title() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("EV-1", 100, sole(ALICE));
		assert_ok!(LandRegistry::transfer_by_operation_of_law(
			RuntimeOrigin::signed(REGISTRAR),
			parcel,
			sole(BOB),
			Tenure::Freehold,
			LawfulTransferReason::Inheritance,
			source(SourceKind::Probate, 1)
		));
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 1));
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::transfer_title(
			parcel,
			1,
			sole(CHARLIE),
			deed(),
			9
		));

		let rebuilt: Vec<(TitleVersion, Vec<u64>)> = registry_events()
			.into_iter()
			.filter_map(|event| match event {
				Event::TitleRecorded { parcel: p, version, owners, .. } if p == parcel => {
					Some((version, owners.iter().map(|o| o.account).collect()))
				}
				_ => None,
			})
			.collect();
		assert_eq!(rebuilt, vec![(1, vec![ALICE]), (2, vec![BOB]), (3, vec![CHARLIE])]);
		let stored: Vec<(TitleVersion, Vec<u64>)> = LandRegistry::title_history(parcel, 1, 10)
			.into_iter()
			.map(|t| (t.version, t.owners.iter().map(|o| o.account).collect()))
			.collect();
		assert_eq!(rebuilt, stored);
	});
}

#[test]
fn try_state_catches_a_corrupted_owner_index() {
	ExtBuilder::default().build().execute_with(|| {
		let parcel = register("BAD-1", 100, sole(ALICE));
		assert_ok!(LandRegistry::do_try_state());
		OwnerParcels::<Test>::insert(BOB, parcel, ());
		assert!(LandRegistry::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_title_whose_shares_do_not_sum() {
	ExtBuilder::default().build().execute_with(|| {
		let parcel = register("BAD-2", 100, sole(ALICE));
		Titles::<Test>::mutate(parcel, |title| {
			title.as_mut().unwrap().owners[0].share = share(1, 2);
		});
		assert!(LandRegistry::do_try_state().is_err());
	});
}

#[test]
fn integrity_test_passes_for_the_mock_config() {
	use frame_support::traits::Hooks;
	<LandRegistry as Hooks<u64>>::integrity_test();
}

#[test]
fn genesis_parcels_are_registered_with_their_titles() {
	use sp_runtime::BuildStorage;
	let config = crate::GenesisConfig::<Test> {
		parcels: vec![GenesisParcel {
			jurisdiction: "KE-NAIROBI".into(),
			cadastral_reference: "GEN-1".into(),
			area_m2: 450,
			land_use: LandUse::Agricultural,
			geometry_hash: H256::repeat_byte(1),
			deed_hash: H256::repeat_byte(2),
			owners: vec![(ALICE, 1, 3), (BOB, 2, 3)],
			leasehold_expires_at: Some(4_000_000_000),
		}],
	};
	let storage = RuntimeGenesisConfig { land_registry: config, ..Default::default() }
		.build_storage()
		.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		let title = Titles::<Test>::get(1).unwrap();
		assert_eq!(title.recorded_by, None);
		assert_eq!(title.tenure, Tenure::Leasehold { expires_at: 4_000_000_000 });
		assert_eq!(LandRegistry::parcels_of(BOB, None, 10), vec![1]);
		assert_ok!(LandRegistry::do_try_state());
	});
}
