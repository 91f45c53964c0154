//! Unit tests of the land registry. Every test runs through `ExtBuilder::build_and_execute`,
//! which checks the registry's invariants afterwards.

use crate::{mock::*, types::*, Error, Event, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		Get,
	},
};
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult};

mod citations;
mod recovery;

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
	.map(|_| ())
	.map_err(|failure| failure.error)
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

fn rectification(owners: Vec<Owner<u64>>) -> ProposedChange<Test> {
	ProposedChange::RectifyTitle { owners: owners.try_into().unwrap(), tenure: Tenure::Freehold }
}

fn by_law(owners: Vec<Owner<u64>>, reason: LawfulTransferReason) -> ProposedChange<Test> {
	ProposedChange::TransferByOperationOfLaw {
		owners: owners.try_into().unwrap(),
		tenure: Tenure::Freehold,
		reason,
	}
}

fn release(encumbrance: EncumbranceId) -> ProposedChange<Test> {
	ProposedChange::ReleaseEncumbrance { encumbrance }
}

fn new_attributes(area_m2: u64) -> ProposedChange<Test> {
	ProposedChange::RectifyParcel { attributes: attributes(area_m2) }
}

/// The source every test application carries.
fn order() -> Source {
	source(SourceKind::CourtOrder, 11)
}

fn propose_as(registrar: u64, parcel: ParcelId, change: ProposedChange<Test>) -> DispatchResult {
	LandRegistry::propose_application(RuntimeOrigin::signed(registrar), parcel, change, order())
}

/// `REGISTRAR` proposes; the new application's id.
fn propose(parcel: ParcelId, change: ProposedChange<Test>) -> ApplicationId {
	assert_ok!(propose_as(REGISTRAR, parcel, change));
	NextApplicationId::<Test>::get() - 1
}

fn confirm_as(registrar: u64, application: ApplicationId) -> DispatchResult {
	LandRegistry::confirm_application(RuntimeOrigin::signed(registrar), application)
		.map(drop)
		.map_err(|error| error.error)
}

/// Moves to the first block in which the confirmed `application` may be enacted.
fn end_notice(application: ApplicationId) {
	match Applications::<Test>::get(application).unwrap().status {
		ApplicationStatus::InNotice { notice_ends, .. } => System::set_block_number(notice_ends),
		status => panic!("application {application} is not in notice: {status:?}"),
	}
}

/// Anyone (here Charlie) enacts an application.
fn enact(application: ApplicationId) -> DispatchResult {
	LandRegistry::enact_application(RuntimeOrigin::signed(CHARLIE), application)
		.map(drop)
		.map_err(|error| error.error)
}

/// The whole path: `REGISTRAR` proposes, `OTHER_REGISTRAR` confirms, the notice runs out,
/// anyone enacts. Returns the application's id.
fn two_registrars(parcel: ParcelId, change: ProposedChange<Test>) -> ApplicationId {
	let application = propose(parcel, change);
	assert_ok!(confirm_as(OTHER_REGISTRAR, application));
	end_notice(application);
	assert_ok!(enact(application));
	application
}

fn object_as(who: u64, application: ApplicationId) -> DispatchResult {
	LandRegistry::object(RuntimeOrigin::signed(who), application, H256::repeat_byte(7))
}

fn decide(application: ApplicationId, enact: bool) -> DispatchResult {
	LandRegistry::decide_objection(RuntimeOrigin::signed(COUNCIL), application, enact)
		.map(drop)
		.map_err(|error| error.error)
}

fn affected(accounts: &[u64]) -> AffectedOf<Test> {
	accounts.to_vec().try_into().unwrap()
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
			bounded(sole(BOB)),
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
		bounded(owners),
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
fn lifting_a_caveat_takes_two_registrars_and_returns_the_deposits() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("R-1", 100, sole(ALICE));
		assert_ok!(record(parcel, caveat()));
		assert_eq!(held(HoldReason::EncumbranceDeposit, REGISTRAR), ENCUMBRANCE_DEPOSIT);
		// Another registrar may propose lifting what the first recorded.
		assert_ok!(propose_as(OTHER_REGISTRAR, parcel, release(1)));
		assert_eq!(held(HoldReason::ApplicationDeposit, OTHER_REGISTRAR), APPLICATION_DEPOSIT);
		assert_ok!(confirm_as(REGISTRAR, 1));
		end_notice(1);
		assert_ok!(enact(1));
		assert_eq!(held(HoldReason::EncumbranceDeposit, REGISTRAR), 0);
		assert_eq!(held(HoldReason::ApplicationDeposit, OTHER_REGISTRAR), 0);
		assert!(Encumbrances::<Test>::get(parcel).is_empty());
		System::assert_has_event(
			Event::EncumbranceReleased {
				parcel,
				encumbrance: 1,
				source: Some(order()),
				registrar: Some(OTHER_REGISTRAR),
			}
			.into(),
		);
		System::assert_last_event(
			Event::ApplicationEnacted { application: 1, parcel, affected: affected(&[ALICE]) }
				.into(),
		);
		assert!(Applications::<Test>::get(1).is_none());
		assert!(ParcelApplications::<Test>::get(parcel).is_empty());
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

		// A charge below the existential deposit could not be paid off to a lender whose account
		// does not exist: refused, so that a settlement never fails to pay one.
		ExistentialDeposit::set(11);
		assert_noop!(
			record(parcel, EncumbranceKind::Lien { holder: LENDER, amount: 10 }),
			Error::<Test>::BelowMinimum
		);
		ExistentialDeposit::set(1);

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
fn a_release_application_names_an_open_encumbrance() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("U-1", 100, sole(ALICE));
		assert_noop!(propose_as(REGISTRAR, 55, release(1)), Error::<Test>::UnknownParcel);
		assert_noop!(propose_as(REGISTRAR, parcel, release(1)), Error::<Test>::UnknownEncumbrance);
		assert_noop!(propose_as(BOB, parcel, release(1)), DispatchError::BadOrigin);
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
				bounded(vec![child("C-1a", 50), child("C-1b", 50)]),
				survey()
			),
			Error::<Test>::CaveatInForce
		);
		assert_noop!(
			propose_as(REGISTRAR, parcel, by_law(sole(BOB), LawfulTransferReason::Inheritance)),
			Error::<Test>::CaveatInForce
		);
		assert_noop!(
			propose_as(REGISTRAR, parcel, rectification(sole(BOB))),
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
			two_registrars(parcel, release(id));
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
		ExistentialDeposit::set(11);
		assert_noop!(consent_as(ALICE, parcel, 10, 1), Error::<Test>::BelowMinimum);
		ExistentialDeposit::set(1);
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
		two_registrars(parcel, by_law(sole(BOB), LawfulTransferReason::CourtOrder));
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
			bounded(vec![child("S-1/a", 600), child("S-1/b", 400)]),
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
		assert_eq!(sorted(LandRegistry::parcels_of(ALICE, None, 10)), vec![2, 3]);
		// The retired parcel stays queryable, and its reference is never reused.
		assert_noop!(try_register(REGISTRAR, "S-1", 5, sole(ALICE)), Error::<Test>::DuplicateCadastralReference);
		System::assert_last_event(
			Event::ParcelSplit { parent: parcel, children: vec![2, 3].try_into().unwrap(), registrar: REGISTRAR }
				.into(),
		);
	});
}

/// The call `call_index` of this pallet as a client encodes it, with these arguments (lists of
/// any length).
fn encoded_call(call_index: u8, arguments: impl codec::Encode) -> Vec<u8> {
	use codec::Encode;
	use frame_support::traits::PalletInfoAccess;
	((LandRegistry::index() as u8, call_index), arguments).encode()
}

fn decodes(bytes: Vec<u8>) -> bool {
	<RuntimeCall as codec::Decode>::decode(&mut &bytes[..]).is_ok()
}

#[test]
fn lists_longer_than_a_call_takes_are_not_valid_calls() {
	let owners = |count: u32| -> Vec<Owner<u64>> {
		(0..count).map(|i| owner(30 + u64::from(i), 1, count)).collect()
	};
	let register = |count| {
		encoded_call(
			0,
			(
				jurisdiction(),
				CadastralReference::truncate_from(b"A".to_vec()),
				attributes(100),
				survey(),
				owners(count),
				Tenure::Freehold,
			),
		)
	};
	let max_owners = <Test as Config>::MaxOwners::get();
	assert!(decodes(register(max_owners)));
	assert!(!decodes(register(max_owners + 1)));

	let split = |count: u32| {
		let children: Vec<ChildParcel> = (0..count).map(|i| child(&format!("c{i}"), 10)).collect();
		encoded_call(3, (1u64, children, survey()))
	};
	let max_children = <Test as Config>::MaxSplitChildren::get();
	assert!(decodes(split(max_children)));
	assert!(!decodes(split(max_children + 1)));

	let merge = |count: u64| {
		let parcels: Vec<ParcelId> = (1..=count).collect();
		encoded_call(
			4,
			(
				parcels,
				CadastralReference::truncate_from(b"M".to_vec()),
				H256::repeat_byte(4),
				LandUse::Mixed,
				survey(),
			),
		)
	};
	let max_parcels = u64::from(<<Test as Config>::MaxMergeParcels as Get<u32>>::get());
	assert!(decodes(merge(max_parcels)));
	assert!(!decodes(merge(max_parcels + 1)));
}

#[test]
fn split_rejects_bad_input_without_changing_anything() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("X-1", 100, sole(ALICE));
		let split = |parcel, children: Vec<ChildParcel>| {
			LandRegistry::split_parcel(
				RuntimeOrigin::signed(REGISTRAR),
				parcel,
				bounded(children),
				survey(),
			)
		};
		assert_noop!(
			LandRegistry::split_parcel(
				RuntimeOrigin::signed(ALICE),
				parcel,
				bounded(vec![]),
				survey()
			),
			DispatchError::BadOrigin
		);
		assert_noop!(split(9, vec![child("a", 50), child("b", 50)]), Error::<Test>::UnknownParcel);
		assert_noop!(split(parcel, vec![child("a", 100)]), Error::<Test>::TooFewChildren);
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
		assert_ok!(LandRegistry::discharge(RuntimeOrigin::signed(LENDER), parcel, 1));

		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 8));
		assert_noop!(
			split(parcel, vec![child("a", 50), child("b", 50)]),
			Error::<Test>::ParcelLocked
		);
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::unlock(parcel, 8));

		let pending = propose(parcel, new_attributes(101));
		assert_noop!(
			split(parcel, vec![child("a", 50), child("b", 50)]),
			Error::<Test>::ApplicationsPending
		);
		assert_ok!(LandRegistry::withdraw_application(RuntimeOrigin::signed(REGISTRAR), pending));

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
		bounded(parcels),
		bytes(reference),
		H256::repeat_byte(4),
		LandUse::Mixed,
		survey(),
	)
	.map(|_| ())
	.map_err(|failure| failure.error)
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
			bounded(sole(ALICE)),
			Tenure::Freehold,
		));
		let elsewhere = 6;
		assert_noop!(merge(vec![a], "M"), Error::<Test>::TooFewParcelsToMerge);
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
		two_registrars(parcel, rectification(vec![owner(ALICE, 1, 2), owner(BOB, 1, 2)]));
		let title = Titles::<Test>::get(parcel).unwrap();
		assert_eq!(title.version, 2);
		assert_eq!(title.recorded_by, Some(REGISTRAR));
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
		assert_noop!(propose_as(ALICE, parcel, rectification(sole(BOB))), DispatchError::BadOrigin);
		assert_noop!(
			propose_as(REGISTRAR, 3, rectification(sole(BOB))),
			Error::<Test>::UnknownParcel
		);
		assert_noop!(
			propose_as(REGISTRAR, parcel, rectification(sole(ALICE))),
			Error::<Test>::TitleUnchanged
		);
		assert_noop!(
			propose_as(REGISTRAR, parcel, rectification(vec![owner(BOB, 1, 3)])),
			Error::<Test>::SharesDoNotSumToWhole
		);
		assert_noop!(propose_as(REGISTRAR, parcel, rectification(vec![])), Error::<Test>::NoOwners);
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 1));
		assert_noop!(
			propose_as(REGISTRAR, parcel, rectification(sole(BOB))),
			Error::<Test>::ParcelLocked
		);
		let poor_parcel = register("T-3", 100, sole(BOB));
		let balance = Balances::balance(&REGISTRAR);
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::transfer(
			&REGISTRAR,
			&PAUPER,
			balance,
			frame_support::traits::tokens::Preservation::Expendable
		));
		assert_noop!(
			propose_as(REGISTRAR, poor_parcel, rectification(sole(CHARLIE))),
			Error::<Test>::InsufficientDeposit
		);
	});
}

#[test]
fn rectify_parcel_keeps_the_old_attributes() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("P-1", 100, sole(ALICE));
		assert_noop!(propose_as(ALICE, parcel, new_attributes(120)), DispatchError::BadOrigin);
		assert_noop!(propose_as(REGISTRAR, 5, new_attributes(120)), Error::<Test>::UnknownParcel);
		assert_noop!(propose_as(REGISTRAR, parcel, new_attributes(0)), Error::<Test>::ZeroArea);
		assert_noop!(
			propose_as(REGISTRAR, parcel, new_attributes(100)),
			Error::<Test>::AttributesUnchanged
		);
		two_registrars(parcel, new_attributes(120));
		let record = Parcels::<Test>::get(parcel).unwrap();
		assert_eq!((record.revision, record.attributes.area_m2), (1, 120));
		assert_eq!(ParcelRevisions::<Test>::get(parcel, 0).unwrap().0.area_m2, 100);
	});
}

#[test]
fn inheritance_moves_the_title_to_the_heirs() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("I-1", 100, sole(ALICE));
		two_registrars(
			parcel,
			by_law(vec![owner(BOB, 1, 2), owner(CHARLIE, 1, 2)], LawfulTransferReason::Inheritance),
		);
		let title = Titles::<Test>::get(parcel).unwrap();
		assert_eq!(title.change, TitleChange::Inheritance);
		assert!(!OwnerParcels::<Test>::contains_key(ALICE, parcel));
		assert_eq!(LandRegistry::parcels_of(CHARLIE, None, 10), vec![parcel]);
	});
}

// ---- No single key changes who owns land ----------------------------------------------------

#[test]
fn a_single_registrar_cannot_take_a_title() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("F-1", 100, sole(ALICE));
		let before = Titles::<Test>::get(parcel);
		let application = propose(parcel, rectification(sole(BOB)));
		System::assert_last_event(
			Event::ApplicationProposed {
				application,
				parcel,
				change: rectification(sole(BOB)),
				source: order(),
				proposed_by: REGISTRAR,
				affected: affected(&[ALICE]),
			}
			.into(),
		);
		assert_eq!(Titles::<Test>::get(parcel), before, "a proposal changes no title");
		// The proposer cannot confirm its own application, nor enact it unconfirmed.
		assert_noop!(confirm_as(REGISTRAR, application), Error::<Test>::SameRegistrar);
		assert_noop!(enact(application), Error::<Test>::WrongApplicationStatus);
		System::set_block_number(CONFIRMATION);
		assert_noop!(enact(application), Error::<Test>::WrongApplicationStatus);
		// Confirmed by a second registrar, it still waits out the public notice.
		assert_ok!(confirm_as(OTHER_REGISTRAR, application));
		System::assert_last_event(
			Event::ApplicationConfirmed {
				application,
				parcel,
				confirmed_by: OTHER_REGISTRAR,
				notice_ends: CONFIRMATION + NOTICE,
				affected: affected(&[ALICE]),
			}
			.into(),
		);
		assert_noop!(
			confirm_as(THIRD_REGISTRAR, application),
			Error::<Test>::WrongApplicationStatus
		);
		System::set_block_number(CONFIRMATION + NOTICE - 1);
		assert_noop!(enact(application), Error::<Test>::NoticeNotOver);
		assert_eq!(Titles::<Test>::get(parcel), before);
		System::set_block_number(CONFIRMATION + NOTICE);
		assert_ok!(enact(application));
		assert_eq!(Titles::<Test>::get(parcel).unwrap().owners.to_vec(), sole(BOB));
		assert_noop!(enact(application), Error::<Test>::UnknownApplication);
	});
}

#[test]
fn a_single_registrar_cannot_strip_a_mortgage() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("F-2", 100, sole(ALICE));
		consent(ALICE, parcel, LENDER, 60, 1);
		assert_ok!(record(parcel, mortgage(LENDER, 60, 1)));
		let application = propose(parcel, release(1));
		let pending = Applications::<Test>::get(application).unwrap();
		assert_eq!(pending.affected, affected(&[ALICE, LENDER]), "the lender is affected");
		assert_noop!(confirm_as(REGISTRAR, application), Error::<Test>::SameRegistrar);
		// The lender objects: two registrars and the notice are no longer enough.
		assert_noop!(object_as(BOB, application), Error::<Test>::NotAffected);
		assert_ok!(object_as(LENDER, application));
		assert_noop!(object_as(ALICE, application), Error::<Test>::WrongApplicationStatus);
		assert_noop!(
			confirm_as(OTHER_REGISTRAR, application),
			Error::<Test>::WrongApplicationStatus
		);
		System::set_block_number(100);
		assert_noop!(enact(application), Error::<Test>::WrongApplicationStatus);
		assert_noop!(
			LandRegistry::decide_objection(
				RuntimeOrigin::signed(OTHER_REGISTRAR),
				application,
				true
			),
			DispatchError::BadOrigin
		);
		// The council dismisses it: the mortgage stays, the deposit returns.
		assert_ok!(decide(application, false));
		System::assert_last_event(
			Event::ApplicationClosed {
				application,
				parcel,
				end: ApplicationEnd::Dismissed,
				affected: affected(&[ALICE, LENDER]),
			}
			.into(),
		);
		assert_eq!(Encumbrances::<Test>::get(parcel).len(), 1);
		assert_eq!(held(HoldReason::ApplicationDeposit, REGISTRAR), 0);
		assert_noop!(decide(application, true), Error::<Test>::UnknownApplication);
	});
}

#[test]
fn an_owner_objection_stops_a_rectification_until_the_council_decides() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("F-3", 100, vec![owner(ALICE, 1, 2), owner(BOB, 1, 2)]);
		let application = propose(parcel, rectification(sole(BOB)));
		assert_ok!(confirm_as(OTHER_REGISTRAR, application));
		// Alice objects during the notice.
		assert_noop!(decide(application, true), Error::<Test>::NotObjected);
		assert_ok!(object_as(ALICE, application));
		System::assert_last_event(
			Event::ApplicationObjected {
				application,
				parcel,
				objector: ALICE,
				grounds: H256::repeat_byte(7),
				affected: affected(&[ALICE, BOB]),
			}
			.into(),
		);
		end_notice_even_if_objected(application);
		assert_noop!(enact(application), Error::<Test>::WrongApplicationStatus);
		assert_eq!(Titles::<Test>::get(parcel).unwrap().version, 1);
		// The council finds for the application: it is enacted at once.
		assert_ok!(decide(application, true));
		assert_eq!(Titles::<Test>::get(parcel).unwrap().owners.to_vec(), sole(BOB));
		System::assert_has_event(
			Event::ObjectionDecided { application, parcel, enact: true }.into(),
		);
		System::assert_last_event(
			Event::ApplicationEnacted { application, parcel, affected: affected(&[ALICE, BOB]) }
				.into(),
		);
	});
}

/// Moves far past any notice period.
fn end_notice_even_if_objected(_application: ApplicationId) {
	System::set_block_number(10 * (NOTICE + CONFIRMATION));
}

#[test]
fn a_registrar_cannot_act_where_it_is_a_party() {
	ExtBuilder::default().build_and_execute(|| {
		// Registering a parcel to itself.
		assert_noop!(
			LandRegistry::register_parcel(
				RuntimeOrigin::signed(REGISTRAR),
				jurisdiction(),
				bytes("CI-0"),
				attributes(100),
				survey(),
				bounded(vec![owner(ALICE, 1, 2), owner(REGISTRAR, 1, 2)]),
				Tenure::Freehold,
			),
			Error::<Test>::ConflictOfInterest
		);
		let own = register("CI-1", 100, vec![owner(ALICE, 1, 2), owner(OTHER_REGISTRAR, 1, 2)]);
		let other = register("CI-2", 100, sole(ALICE));
		let as_other = |kind| {
			LandRegistry::record_encumbrance(
				RuntimeOrigin::signed(OTHER_REGISTRAR),
				other,
				kind,
				deed(),
			)
		};
		// Charging its own parcel, or recording a charge in its own favour.
		assert_noop!(
			LandRegistry::record_encumbrance(
				RuntimeOrigin::signed(OTHER_REGISTRAR),
				own,
				caveat(),
				deed()
			),
			Error::<Test>::ConflictOfInterest
		);
		assert_noop!(
			as_other(EncumbranceKind::Lien { holder: OTHER_REGISTRAR, amount: 5 }),
			Error::<Test>::ConflictOfInterest
		);
		// Proposing or confirming a change that affects it or makes it an owner.
		assert_noop!(
			propose_as(OTHER_REGISTRAR, own, rectification(sole(OTHER_REGISTRAR))),
			Error::<Test>::ConflictOfInterest
		);
		assert_noop!(
			propose_as(REGISTRAR, other, rectification(sole(REGISTRAR))),
			Error::<Test>::ConflictOfInterest
		);
		let application = propose(own, rectification(sole(ALICE)));
		assert_noop!(confirm_as(OTHER_REGISTRAR, application), Error::<Test>::ConflictOfInterest);
		assert_ok!(confirm_as(THIRD_REGISTRAR, application));
		// Splitting its own parcel.
		let own_too = register("CI-3", 100, sole(OTHER_REGISTRAR));
		assert_noop!(
			LandRegistry::split_parcel(
				RuntimeOrigin::signed(OTHER_REGISTRAR),
				own_too,
				bounded(vec![child("CI-3a", 50), child("CI-3b", 50)]),
				survey()
			),
			Error::<Test>::ConflictOfInterest
		);
	});
}

#[test]
fn a_court_order_goes_through_an_open_offer_and_a_caveat() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("CO-1", 100, sole(ALICE));
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 7));
		assert_ok!(record(parcel, caveat()));
		// An inheritance waits for the caveat; the court's own order does not.
		assert_noop!(
			propose_as(REGISTRAR, parcel, by_law(sole(BOB), LawfulTransferReason::Inheritance)),
			Error::<Test>::CaveatInForce
		);
		let application = propose(parcel, by_law(sole(BOB), LawfulTransferReason::CourtOrder));
		assert_ok!(confirm_as(OTHER_REGISTRAR, application));
		let ApplicationStatus::InNotice { notice_ends, .. } =
			Applications::<Test>::get(application).unwrap().status
		else {
			panic!("in notice");
		};
		assert_eq!(notice_ends, 1 + COURT_ORDER_NOTICE, "court orders have their own notice");
		end_notice(application);
		assert_ok!(enact(application));
		assert_eq!(closed_dealings(), vec![(parcel, 7)], "the open sale was closed first");
		assert!(ParcelLocks::<Test>::get(parcel).is_none());
		let title = Titles::<Test>::get(parcel).unwrap();
		assert_eq!((title.owners.to_vec(), title.change), (sole(BOB), TitleChange::CourtOrder));
		assert!(LandRegistry::has_caveat(parcel), "the caveat stays until released");
	});
}

#[test]
fn re_offering_cannot_block_a_court_order() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("CO-2", 100, sole(ALICE));
		let application = propose(parcel, by_law(sole(BOB), LawfulTransferReason::CourtOrder));
		assert_ok!(confirm_as(OTHER_REGISTRAR, application));
		// The owner offers the parcel during the notice, and again after the first offer ends.
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 1));
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::unlock(parcel, 1));
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 2));
		end_notice(application);
		assert_ok!(enact(application));
		assert_eq!(closed_dealings(), vec![(parcel, 2)]);
		// Alice no longer owns the parcel: she has nothing left to offer.
		assert_eq!(<LandRegistry as TitleRegistry<_, _>>::owners(parcel).unwrap(), sole(BOB));
	});
}

#[test]
fn the_anti_fraud_restriction_blocks_two_registrars() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("AF-1", 100, sole(ALICE));
		let restrict = |who| LandRegistry::place_restriction(RuntimeOrigin::signed(who), parcel);
		assert_noop!(restrict(BOB), Error::<Test>::NotOwner);
		assert_ok!(restrict(ALICE));
		assert_noop!(restrict(ALICE), Error::<Test>::AlreadyRestricted);
		assert_eq!(held(HoldReason::RestrictionDeposit, ALICE), RESTRICTION_DEPOSIT);
		assert_noop!(
			propose_as(REGISTRAR, parcel, rectification(sole(BOB))),
			Error::<Test>::TitleRestricted
		);
		assert_noop!(
			propose_as(REGISTRAR, parcel, by_law(sole(BOB), LawfulTransferReason::Inheritance)),
			Error::<Test>::TitleRestricted
		);
		// A restriction placed after confirmation still stops the enactment.
		assert_ok!(LandRegistry::remove_restriction(RuntimeOrigin::signed(ALICE), parcel));
		let application = propose(parcel, rectification(sole(BOB)));
		assert_ok!(confirm_as(OTHER_REGISTRAR, application));
		assert_ok!(restrict(ALICE));
		end_notice(application);
		assert_noop!(enact(application), Error::<Test>::TitleRestricted);
		assert_noop!(
			LandRegistry::remove_restriction(RuntimeOrigin::signed(BOB), parcel),
			Error::<Test>::NoRestriction
		);
		assert_ok!(LandRegistry::withdraw_application(
			RuntimeOrigin::signed(REGISTRAR),
			application
		));
		// A court order proceeds, and the restriction lapses with Alice's title.
		two_registrars(parcel, by_law(sole(BOB), LawfulTransferReason::CourtOrder));
		assert!(Restrictions::<Test>::get(parcel, ALICE).is_none());
		assert_eq!(held(HoldReason::RestrictionDeposit, ALICE), 0);
		System::assert_has_event(Event::RestrictionRemoved { parcel, owner: ALICE }.into());
	});
}

#[test]
fn a_lender_discharges_its_own_mortgage() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("DL-1", 100, sole(ALICE));
		consent(ALICE, parcel, LENDER, 60, 1);
		assert_ok!(record(parcel, mortgage(LENDER, 60, 1)));
		assert_ok!(record(parcel, caveat()));
		let discharge = |who, id| LandRegistry::discharge(RuntimeOrigin::signed(who), parcel, id);
		assert_noop!(discharge(ALICE, 1), Error::<Test>::NotHolder);
		assert_noop!(discharge(REGISTRAR, 1), Error::<Test>::NotHolder);
		assert_noop!(discharge(LENDER, 2), Error::<Test>::NoHolder);
		assert_noop!(discharge(LENDER, 9), Error::<Test>::UnknownEncumbrance);
		assert_noop!(
			LandRegistry::discharge(RuntimeOrigin::signed(LENDER), 99, 1),
			Error::<Test>::UnknownParcel
		);
		// Under a caveat too: the lender gives up its own right.
		assert_ok!(discharge(LENDER, 1));
		System::assert_has_event(
			Event::DischargedByHolder { parcel, encumbrance: 1, holder: LENDER }.into(),
		);
		System::assert_last_event(
			Event::EncumbranceReleased { parcel, encumbrance: 1, source: None, registrar: None }
				.into(),
		);
		assert_eq!(held(HoldReason::EncumbranceDeposit, REGISTRAR), ENCUMBRANCE_DEPOSIT);
		assert_eq!(Encumbrances::<Test>::get(parcel).len(), 1);
	});
}

#[test]
fn a_parcel_under_an_open_sale_keeps_its_attributes_and_charges() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("OS-1", 100, sole(ALICE));
		assert_ok!(record(parcel, EncumbranceKind::Lien { holder: LENDER, amount: 5 }));
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 4));
		assert_noop!(
			propose_as(REGISTRAR, parcel, new_attributes(90)),
			Error::<Test>::ParcelLocked
		);
		assert_noop!(propose_as(REGISTRAR, parcel, release(1)), Error::<Test>::ParcelLocked);
		assert_noop!(
			record(parcel, EncumbranceKind::Lien { holder: LENDER, amount: 9 }),
			Error::<Test>::ParcelLocked
		);
		// A court may still freeze the sale, and the freeze may be lifted.
		assert_ok!(record(parcel, caveat()));
		two_registrars(parcel, release(2));
		// The lien holder, a party, may still give up its own charge.
		assert_ok!(LandRegistry::discharge(RuntimeOrigin::signed(LENDER), parcel, 1));
		assert_eq!(ParcelLocks::<Test>::get(parcel), Some(4));
	});
}

/// The confirmation period is inclusive: an application proposed in block 1 can be confirmed up
/// to and including block `1 + confirmation`, and expired only from the block after.
#[test]
fn an_application_is_confirmable_through_its_last_block_and_expires_only_after_it() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("EX-EDGE", 100, sole(ALICE));
		let confirmed = propose(parcel, new_attributes(101));
		let expiring = propose(parcel, new_attributes(102));
		let expire = |id| LandRegistry::expire_application(RuntimeOrigin::signed(CHARLIE), id);

		System::set_block_number(1 + CONFIRMATION);
		assert_noop!(expire(expiring), Error::<Test>::NotExpired);
		assert_ok!(confirm_as(OTHER_REGISTRAR, confirmed));

		System::set_block_number(1 + CONFIRMATION + 1);
		assert_noop!(confirm_as(OTHER_REGISTRAR, expiring), Error::<Test>::ConfirmationPeriodOver);
		assert_ok!(expire(expiring));
		// A confirmed application is in notice, not expirable.
		assert_noop!(expire(confirmed), Error::<Test>::WrongApplicationStatus);
	});
}

/// A court order's shorter notice ends exactly `court_order_notice` blocks after confirmation:
/// not enactable the block before, enactable in that block.
#[test]
fn a_court_orders_notice_ends_exactly_after_its_own_period() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("EX-COURT", 100, sole(ALICE));
		let application = propose(parcel, by_law(sole(BOB), LawfulTransferReason::CourtOrder));
		System::set_block_number(5);
		assert_ok!(confirm_as(OTHER_REGISTRAR, application));
		System::set_block_number(5 + COURT_ORDER_NOTICE - 1);
		assert_noop!(enact(application), Error::<Test>::NoticeNotOver);
		System::set_block_number(5 + COURT_ORDER_NOTICE);
		assert_ok!(enact(application));
		assert_eq!(Titles::<Test>::get(parcel).unwrap().owners.to_vec(), sole(BOB));
	});
}

#[test]
fn applications_expire_unconfirmed_and_are_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("EX-1", 100, sole(ALICE));
		let first = propose(parcel, new_attributes(101));
		let expire = |id| LandRegistry::expire_application(RuntimeOrigin::signed(CHARLIE), id);
		assert_noop!(expire(first), Error::<Test>::NotExpired);
		propose(parcel, new_attributes(102));
		propose(parcel, new_attributes(103));
		assert_noop!(
			propose_as(REGISTRAR, parcel, new_attributes(104)),
			Error::<Test>::TooManyApplications
		);
		assert_eq!(held(HoldReason::ApplicationDeposit, REGISTRAR), 3 * APPLICATION_DEPOSIT);
		assert_eq!(LandRegistry::applications_on(parcel).len(), 3);
		assert_noop!(
			LandRegistry::withdraw_application(RuntimeOrigin::signed(OTHER_REGISTRAR), first),
			Error::<Test>::NotProposer
		);
		System::set_block_number(1 + CONFIRMATION + 1);
		assert_noop!(confirm_as(OTHER_REGISTRAR, first), Error::<Test>::ConfirmationPeriodOver);
		assert_ok!(expire(first));
		System::assert_last_event(
			Event::ApplicationClosed {
				application: first,
				parcel,
				end: ApplicationEnd::Expired,
				affected: affected(&[ALICE]),
			}
			.into(),
		);
		assert_eq!(held(HoldReason::ApplicationDeposit, REGISTRAR), 2 * APPLICATION_DEPOSIT);
		assert_eq!(ParcelApplications::<Test>::get(parcel).to_vec(), vec![2, 3]);
		assert_noop!(expire(first), Error::<Test>::UnknownApplication);
	});
}

#[test]
fn the_council_sets_the_notice_periods() {
	ExtBuilder::default().build_and_execute(|| {
		let periods = NoticeSchedule { notice: 2, court_order_notice: 1, confirmation: 4 };
		assert_noop!(
			LandRegistry::set_notice_periods(RuntimeOrigin::signed(REGISTRAR), periods.clone()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			LandRegistry::set_notice_periods(
				RuntimeOrigin::signed(COUNCIL),
				NoticeSchedule { confirmation: 0, ..periods.clone() }
			),
			Error::<Test>::ZeroConfirmationPeriod
		);
		assert_ok!(LandRegistry::set_notice_periods(
			RuntimeOrigin::signed(COUNCIL),
			periods.clone()
		));
		System::assert_last_event(Event::NoticePeriodsSet { periods }.into());
		let parcel = register("NP-1", 100, sole(ALICE));
		let application = propose(parcel, new_attributes(90));
		assert_ok!(confirm_as(OTHER_REGISTRAR, application));
		assert!(matches!(
			Applications::<Test>::get(application).unwrap().status,
			ApplicationStatus::InNotice { notice_ends: 3, .. }
		));
	});
}

#[test]
fn try_state_catches_an_application_without_its_deposit() {
	ExtBuilder::default().build().execute_with(|| {
		let parcel = register("BAD-3", 100, sole(ALICE));
		let application = propose(parcel, new_attributes(90));
		assert_ok!(try_state());
		Applications::<Test>::mutate(application, |pending| {
			pending.as_mut().unwrap().deposit += 1;
		});
		assert!(try_state().is_err());
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
			<Registry as TitleRegistry<_, _>>::transfer_title(
				parcel,
				7,
				sole(BOB),
				deed(),
				500,
				vec![],
				&REGISTRAR
			),
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
			500,
			vec![],
			&REGISTRAR
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
			<LandRegistry as TitleRegistry<_, _>>::transfer_title(
				parcel,
				3,
				sole(BOB),
				deed(),
				1,
				vec![],
				&REGISTRAR
			),
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
		two_registrars(parcel, by_law(sole(BOB), LawfulTransferReason::Inheritance));
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 1));
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::transfer_title(
			parcel,
			1,
			sole(CHARLIE),
			deed(),
			9,
			vec![],
			&REGISTRAR
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
		assert_ok!(try_state());
		OwnerParcels::<Test>::insert(BOB, parcel, ());
		assert!(try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_title_whose_shares_do_not_sum() {
	ExtBuilder::default().build().execute_with(|| {
		let parcel = register("BAD-2", 100, sole(ALICE));
		Titles::<Test>::mutate(parcel, |title| {
			title.as_mut().unwrap().owners[0].share = share(1, 2);
		});
		assert!(try_state().is_err());
	});
}

#[test]
fn integrity_test_passes_for_the_mock_config() {
	use frame_support::traits::Hooks;
	<LandRegistry as Hooks<u64>>::integrity_test();
}

#[test]
#[should_panic(expected = "a title needs room for at least one owner")]
fn integrity_test_refuses_a_config_with_no_room_for_owners() {
	use frame_support::traits::Hooks;
	MaxOwners::set(0);
	<LandRegistry as Hooks<u64>>::integrity_test();
}

#[test]
fn the_length_bounds_shown_in_the_metadata_are_the_ones_calls_enforce() {
	use codec::Decode;
	use landchain_primitives::{CadastralReference, DocumentUri, Jurisdiction};
	let constants = LandRegistry::pallet_constants_metadata();
	let shown = |name: &str| -> usize {
		let constant = constants.iter().find(|c| c.name == name).expect("in the metadata");
		u32::decode(&mut &constant.value[..]).expect("a u32") as usize
	};
	assert_eq!(shown("MaxJurisdictionLen"), Jurisdiction::bound());
	assert_eq!(shown("MaxReferenceLen"), CadastralReference::bound());
	assert_eq!(shown("MaxUriLen"), DocumentUri::bound());
}

/// A split parcel, 1,000 m² into 600 and 400.
fn split_in_two() -> (ParcelId, [ParcelId; 2]) {
	let parcel = register("L-1", 1_000, sole(ALICE));
	assert_ok!(LandRegistry::split_parcel(
		RuntimeOrigin::signed(REGISTRAR),
		parcel,
		bounded(vec![child("L-1/a", 600), child("L-1/b", 400)]),
		survey()
	));
	(parcel, [parcel + 1, parcel + 2])
}

#[test]
fn try_state_catches_split_children_that_lost_their_parent_or_their_area() {
	ExtBuilder::default().build().execute_with(|| {
		let (_, [first, _]) = split_in_two();
		assert_ok!(try_state());
		Parcels::<Test>::mutate(first, |child| child.as_mut().unwrap().attributes.area_m2 = 500);
		assert!(try_state().is_err(), "unrectified children's areas must sum to the parent's");
		Parcels::<Test>::mutate(first, |child| child.as_mut().unwrap().attributes.area_m2 = 600);
		assert_ok!(try_state());
		Parcels::<Test>::mutate(first, |child| {
			child.as_mut().unwrap().origin = ParcelOrigin::FirstRegistration
		});
		assert!(try_state().is_err(), "split children name their parent");
	});
}

#[test]
fn a_split_child_rectified_by_two_registrars_may_change_its_area() {
	ExtBuilder::default().build_and_execute(|| {
		let (_, [first, _]) = split_in_two();
		two_registrars(first, new_attributes(650));
		assert_eq!(Parcels::<Test>::get(first).unwrap().attributes.area_m2, 650);
		// build_and_execute's try_state accepts 650 + 400 ≠ 1,000: the child was rectified.
	});
}

#[test]
fn try_state_catches_an_encumbrance_deposit_out_of_step() {
	ExtBuilder::default().build().execute_with(|| {
		let parcel = register("D-1", 100, sole(ALICE));
		assert_ok!(record(parcel, caveat()));
		assert_ok!(try_state());
		Encumbrances::<Test>::mutate(parcel, |list| list[0].deposit = 0);
		assert!(try_state().is_err(), "the deposit held no longer matches the record");
	});
}

/// Ids in numerical order: `parcels_of` pages in the owner index's storage order.
fn sorted(mut parcels: Vec<ParcelId>) -> Vec<ParcelId> {
	parcels.sort_unstable();
	parcels
}

/// Every page of `owner`'s parcels, `limit` at a time, each page after the last id of the one
/// before, until an empty page.
fn all_pages(owner: u64, limit: u32) -> Vec<Vec<ParcelId>> {
	let mut pages = Vec::new();
	let mut after = None;
	loop {
		let page = LandRegistry::parcels_of(owner, after, limit);
		let Some(last) = page.last() else { return pages };
		after = Some(*last);
		pages.push(page);
	}
}

#[test]
fn parcels_of_pages_strictly_after_the_cursor() {
	ExtBuilder::default().build_and_execute(|| {
		let ids: Vec<ParcelId> = ["O-1", "O-2", "O-3"]
			.iter()
			.map(|reference| register(reference, 10, sole(ALICE)))
			.collect();
		let pages = all_pages(ALICE, 2);
		assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), vec![2, 1]);
		assert_eq!(sorted(pages.concat()), ids, "every parcel once");
		let first = LandRegistry::parcels_of(ALICE, None, 10);
		assert_eq!(LandRegistry::parcels_of(ALICE, Some(first[0]), 10), first[1..].to_vec());
		assert_eq!(LandRegistry::parcels_of(BOB, None, 10), Vec::<ParcelId>::new());
		// A cursor that has left the owner's index (sold since the last page) still pages on.
		OwnerParcels::<Test>::remove(ALICE, first[0]);
		assert_eq!(LandRegistry::parcels_of(ALICE, Some(first[0]), 10), first[1..].to_vec());
		OwnerParcels::<Test>::insert(ALICE, first[0], ());
	});
}

#[test]
fn a_bank_with_100k_parcels_pages_its_index_reading_only_each_page() {
	const BANK: u64 = 7_777;
	const PARCELS: u64 = 100_000;
	// The owner index alone, written directly (no titles: the registry's invariants are not
	// what this checks, so the plain externalities, without `try_state`).
	let mut ext = ExtBuilder::default().build();
	ext.execute_with(|| {
		for parcel in 1..=PARCELS {
			OwnerParcels::<Test>::insert(BANK, parcel, ());
		}
		OwnerParcels::<Test>::insert(ALICE, 1, ());
	});
	ext.commit_all().expect("the index is committed to the trie");

	let (pages, _) = ext.execute_and_prove(|| all_pages(BANK, 100));
	assert_eq!(pages.len() as u64, PARCELS / 100, "full pages, then the empty one");
	let listed = sorted(pages.concat());
	assert_eq!(listed, (1..=PARCELS).collect::<Vec<_>>(), "every parcel exactly once");

	// What one page reads, as a storage proof, against what the whole index would.
	let middle = pages[pages.len() / 2][99];
	let (page, proof) = ext.execute_and_prove(|| LandRegistry::parcels_of(BANK, Some(middle), 100));
	assert_eq!(page.len(), 100);
	let (_, whole) = ext.execute_and_prove(|| OwnerParcels::<Test>::iter_key_prefix(BANK).count());
	use codec::Encode;
	let (page_bytes, whole_bytes) = (proof.encoded_size(), whole.encoded_size());
	println!("one page of 100 reads a {page_bytes}-byte proof; the whole index {whole_bytes}");
	assert!(page_bytes < 64 * 1024, "a page reads O(page), not the index: {page_bytes} bytes");
	assert!(whole_bytes > 50 * page_bytes, "{whole_bytes} bytes for the index");
}

#[test]
fn a_dealing_discharges_mortgages_only_never_a_lien() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("M-1", 100, sole(ALICE));
		consent(ALICE, parcel, LENDER, 40, 1);
		assert_ok!(record(parcel, mortgage(LENDER, 40, 1)));
		assert_ok!(record(parcel, EncumbranceKind::Lien { holder: CHARLIE, amount: 15 }));
		let lien = Encumbrances::<Test>::get(parcel)[1].id;
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 7));
		assert_noop!(
			<LandRegistry as TitleRegistry<_, _>>::discharge_mortgage(parcel, 7, lien),
			Error::<Test>::UnknownEncumbrance
		);
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::unlock(parcel, 7));
	});
}

#[test]
fn a_sale_records_the_buyers_new_mortgages_on_the_new_title_or_moves_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("NM-1", 100, sole(ALICE));
		let new = |lender: u64, amount: u64, rank: u32| NewMortgage {
			lender,
			amount,
			rank,
			source: source(SourceKind::MortgageInstrument, 9),
		};
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 7));
		let transfer = |mortgages: Vec<NewMortgage<u64, u64>>| {
			<LandRegistry as TitleRegistry<_, _>>::transfer_title(
				parcel,
				7,
				sole(BOB),
				deed(),
				500,
				mortgages,
				&REGISTRAR,
			)
		};
		// Two mortgages of the same rank, a lender below the existential deposit, or the
		// registrar lending: the whole transfer fails and the title stays.
		assert_noop!(
			transfer(vec![new(LENDER, 300, 1), new(CHARLIE, 100, 1)]),
			Error::<Test>::DuplicateMortgageRank
		);
		ExistentialDeposit::set(301);
		assert_noop!(transfer(vec![new(LENDER, 300, 1)]), Error::<Test>::BelowMinimum);
		ExistentialDeposit::set(1);
		assert_noop!(transfer(vec![new(REGISTRAR, 300, 1)]), Error::<Test>::ConflictOfInterest);

		assert_ok!(transfer(vec![new(LENDER, 300, 1), new(CHARLIE, 100, 2)]));
		let title = Titles::<Test>::get(parcel).unwrap();
		assert_eq!(title.owners.to_vec(), sole(BOB));
		let recorded: Vec<_> = Encumbrances::<Test>::get(parcel)
			.iter()
			.map(|open| (open.kind.clone(), open.recorded_by, open.deposit))
			.collect();
		assert_eq!(
			recorded,
			vec![
				(mortgage(LENDER, 300, 1), REGISTRAR, ENCUMBRANCE_DEPOSIT),
				(mortgage(CHARLIE, 100, 2), REGISTRAR, ENCUMBRANCE_DEPOSIT),
			]
		);
		assert_eq!(held(HoldReason::EncumbranceDeposit, REGISTRAR), 2 * ENCUMBRANCE_DEPOSIT);
		// The events put the mortgages on the new title, before the lock is released.
		let order: Vec<&str> = registry_events()
			.iter()
			.rev()
			.take(4)
			.rev()
			.map(|event| match event {
				Event::TitleRecorded { .. } => "title",
				Event::EncumbranceRecorded { .. } => "mortgage",
				Event::ParcelUnlocked { .. } => "unlocked",
				_ => "other",
			})
			.collect();
		assert_eq!(order, ["title", "mortgage", "mortgage", "unlocked"]);
		assert!(ParcelLocks::<Test>::get(parcel).is_none());
	});
}

#[test]
fn an_easement_runs_with_the_land_through_a_sale() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("E-1", 100, sole(ALICE));
		let easement =
			EncumbranceKind::Easement { dominant_parcel: None, terms_hash: H256::repeat_byte(5) };
		assert_ok!(record(parcel, easement.clone()));
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 7));
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::transfer_title(
			parcel,
			7,
			sole(BOB),
			deed(),
			500,
			vec![],
			&REGISTRAR
		));
		assert_eq!(Titles::<Test>::get(parcel).unwrap().owners.to_vec(), sole(BOB));
		assert_eq!(Encumbrances::<Test>::get(parcel)[0].kind, easement, "the easement stays");
	});
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
		notice_periods: Some(NoticeSchedule { notice: 7, court_order_notice: 2, confirmation: 9 }),
	};
	let storage = RuntimeGenesisConfig { land_registry: config, ..Default::default() }
		.build_storage()
		.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		let title = Titles::<Test>::get(1).unwrap();
		assert_eq!(title.recorded_by, None);
		assert_eq!(title.tenure, Tenure::Leasehold { expires_at: 4_000_000_000 });
		assert_eq!(LandRegistry::parcels_of(BOB, None, 10), vec![1]);
		assert_eq!(NoticePeriods::<Test>::get().notice, 7, "the genesis sets the notice periods");
		assert_ok!(try_state());
	});
}

#[test]
fn an_application_is_charged_for_the_owners_it_names_and_for_closing_a_sale_only_when_it_did() {
	use frame_support::dispatch::{GetDispatchInfo, PostDispatchInfo};
	type W = <Test as Config>::WeightInfo;
	let actual = |post: PostDispatchInfo| post.actual_weight.expect("the call reports its weight");
	let close = <<Test as Config>::Dealings as OpenDealings>::close_weight();
	// Each owner a change names is checked against the party policy, and charged for.
	let checks = LandRegistry::party_checks;
	ExtBuilder::default().build_and_execute(|| {
		// One heir, no sale: confirmed and enacted for one owner, no sale closed.
		let parcel = register("AW-1", 100, sole(ALICE));
		let change = by_law(sole(BOB), LawfulTransferReason::Inheritance);
		let declared = RuntimeCall::LandRegistry(Call::propose_application {
			parcel,
			change: change.clone(),
			source: order(),
		})
		.get_dispatch_info()
		.call_weight;
		assert_eq!(
			declared,
			W::propose_application(1) + checks(1),
			"weighed from the change it names"
		);
		let application = propose(parcel, change);
		let confirmed =
			LandRegistry::confirm_application(RuntimeOrigin::signed(OTHER_REGISTRAR), application);
		assert_eq!(actual(confirmed.unwrap()), W::confirm_application(1) + checks(1));
		end_notice(application);
		let declared = RuntimeCall::LandRegistry(Call::enact_application { application })
			.get_dispatch_info()
			.call_weight;
		let enacted = LandRegistry::enact_application(RuntimeOrigin::signed(CHARLIE), application);
		assert_eq!(actual(enacted.unwrap()), W::enact_application(1) + checks(1));
		let refunded = W::enact_application(1) + checks(1);
		assert!(
			refunded.all_lte(declared) && refunded.ref_time() < declared.ref_time(),
			"{refunded:?} refunded from {declared:?}"
		);

		// A court order through an open sale, to two owners: the closing is charged.
		let parcel = register("AW-2", 100, sole(ALICE));
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 9));
		let two = vec![owner(BOB, 1, 2), owner(LENDER, 1, 2)];
		let application = propose(parcel, by_law(two, LawfulTransferReason::CourtOrder));
		assert_ok!(confirm_as(OTHER_REGISTRAR, application));
		end_notice(application);
		let enacted = LandRegistry::enact_application(RuntimeOrigin::signed(CHARLIE), application);
		assert_eq!(actual(enacted.unwrap()), W::enact_application(2) + checks(2) + close);
		assert_eq!(closed_dealings(), vec![(parcel, 9)]);

		// A change naming no owners (lifting a caveat) is charged as the largest title change.
		let parcel = register("AW-3", 100, sole(ALICE));
		assert_ok!(record(parcel, caveat()));
		let caveat_id = NextEncumbranceId::<Test>::get() - 1;
		assert_ok!(propose_as(OTHER_REGISTRAR, parcel, release(caveat_id)));
		let application = NextApplicationId::<Test>::get() - 1;
		assert_ok!(object_as(ALICE, application));
		let decided =
			LandRegistry::decide_objection(RuntimeOrigin::signed(COUNCIL), application, false);
		assert_eq!(
			actual(decided.unwrap()),
			W::decide_objection(MaxOwners::get()) + checks(MaxOwners::get())
		);
	});
}

#[test]
fn recording_splitting_and_merging_are_charged_for_the_title_s_own_owners() {
	use frame_support::dispatch::{GetDispatchInfo, PostDispatchInfo};
	type W = <Test as Config>::WeightInfo;
	let actual = |post: PostDispatchInfo| post.actual_weight.expect("the call reports its weight");
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("W-1", 200, vec![owner(ALICE, 1, 2), owner(BOB, 1, 2)]);
		let kind = caveat();
		let declared = RuntimeCall::LandRegistry(Call::record_encumbrance {
			parcel,
			kind: kind.clone(),
			source: survey(),
		})
		.get_dispatch_info()
		.call_weight;
		let recorded = LandRegistry::record_encumbrance(
			RuntimeOrigin::signed(REGISTRAR),
			parcel,
			kind,
			survey(),
		);
		let charged = W::record_encumbrance(2) + LandRegistry::party_checks(1);
		assert_eq!(actual(recorded.unwrap()), charged);
		assert!(charged.all_lt(declared), "refunded from {declared:?}");

		let parcel = register("W-2", 200, sole(CHARLIE));
		let split = LandRegistry::split_parcel(
			RuntimeOrigin::signed(REGISTRAR),
			parcel,
			bounded(vec![child("W-2/1", 100), child("W-2/2", 100)]),
			survey(),
		);
		assert_eq!(actual(split.unwrap()), W::split_parcel(2, 1));
		let children = LandRegistry::parcels_of(CHARLIE, None, 10);
		assert_eq!(children.len(), 2);
		let merged = LandRegistry::merge_parcels(
			RuntimeOrigin::signed(REGISTRAR),
			bounded(children),
			bytes("W-3"),
			H256::repeat_byte(4),
			LandUse::Mixed,
			survey(),
		);
		assert_eq!(actual(merged.unwrap()), W::merge_parcels(2, 1));
	});
}

/// The party policy of the tests ([`TestParties`]) refuses [`UNVERIFIED`]: what it refuses, the
/// registry refuses, changing nothing.
const REFUSED: DispatchError = DispatchError::Other("party not verified");

#[test]
fn a_parcel_is_not_registered_to_a_party_the_policy_refuses() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(try_register(REGISTRAR, "PP-1", 100, sole(UNVERIFIED)), REFUSED);
		assert_noop!(
			try_register(REGISTRAR, "PP-1", 100, vec![owner(ALICE, 1, 2), owner(UNVERIFIED, 1, 2)]),
			REFUSED
		);
	});
}

#[test]
fn a_charge_is_not_recorded_for_a_holder_the_policy_refuses() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("PP-2", 100, sole(ALICE));
		consent(ALICE, parcel, UNVERIFIED, 500, 1);
		assert_noop!(record(parcel, mortgage(UNVERIFIED, 500, 1)), REFUSED);
		let lien = EncumbranceKind::Lien { holder: UNVERIFIED, amount: 10 };
		assert_noop!(record(parcel, lien), REFUSED);
		// A caveat has no holder: the policy has nothing to say.
		assert_ok!(record(parcel, caveat()));
	});
}

#[test]
fn an_application_cannot_hand_title_to_a_party_the_policy_refuses_but_existing_holders_stay() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("PP-3", 100, sole(ALICE));
		assert_noop!(
			propose_as(
				REGISTRAR,
				parcel,
				by_law(sole(UNVERIFIED), LawfulTransferReason::Inheritance)
			),
			REFUSED
		);
		// A party that held before the policy refused it keeps its share: a rectification that
		// keeps it goes through, one that hands it a share of another parcel does not.
		PartyPolicyOn::set(false);
		let held = register("PP-4", 100, vec![owner(ALICE, 1, 2), owner(UNVERIFIED, 1, 2)]);
		PartyPolicyOn::set(true);
		let keeps = ProposedChange::RectifyTitle {
			owners: bounded(vec![owner(ALICE, 1, 4), owner(UNVERIFIED, 3, 4)]),
			tenure: Tenure::Freehold,
		};
		assert_ok!(propose_as(REGISTRAR, held, keeps));
	});
}

#[test]
fn a_settlement_cannot_hand_title_or_a_new_mortgage_to_a_party_the_policy_refuses() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = register("PP-5", 100, sole(ALICE));
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 4));
		let transfer = |owners: Vec<Owner<u64>>, mortgages: Vec<NewMortgage<u64, u64>>| {
			<LandRegistry as TitleRegistry<_, _>>::transfer_title(
				parcel,
				4,
				owners,
				deed(),
				1_000,
				mortgages,
				&REGISTRAR,
			)
		};
		assert_noop!(transfer(sole(UNVERIFIED), vec![]), REFUSED);
		let to_refused_lender = NewMortgage {
			lender: UNVERIFIED,
			amount: 500,
			rank: 1,
			source: source(SourceKind::MortgageInstrument, 5),
		};
		assert_noop!(transfer(sole(BOB), vec![to_refused_lender]), REFUSED);
		assert_ok!(transfer(sole(BOB), vec![]));
	});
}
