//! Key-loss recovery: a party's new account takes a lost key's place on a parcel through two
//! registrars and public notice, and the lost key can veto it until enactment.

use super::*;

/// The party's new account in these tests.
const NEW_KEY: u64 = 40;

fn recover(lost: u64, replacement: u64) -> ProposedChange<Test> {
	ProposedChange::RecoverKey { lost, replacement }
}

fn veto(who: u64, application: ApplicationId) -> DispatchResult {
	LandRegistry::veto_recovery(RuntimeOrigin::signed(who), application)
}

fn fund(who: u64) {
	<Balances as frame_support::traits::fungible::Mutate<u64>>::set_balance(&who, 1_000);
}

/// Registers `reference` owned by Alice and Bob in halves, with the new key funded; its id.
fn halves_with_a_funded_new_key(reference: &str) -> ParcelId {
	fund(NEW_KEY);
	register(reference, 100, vec![owner(ALICE, 1, 2), owner(BOB, 1, 2)])
}

#[test]
fn a_recovery_moves_the_lost_keys_share_charges_consents_and_restriction_and_nothing_else() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = halves_with_a_funded_new_key("KR-1");
		// Alice is also a lien holder on it, and the lender Bob consented to.
		assert_ok!(record(parcel, EncumbranceKind::Lien { holder: ALICE, amount: 5 }));
		assert_ok!(record(parcel, EncumbranceKind::Lien { holder: LENDER, amount: 5 }));
		consent(ALICE, parcel, LENDER, 60, 1);
		consent(BOB, parcel, ALICE, 70, 2);
		assert_ok!(LandRegistry::place_restriction(RuntimeOrigin::signed(ALICE), parcel));
		let application = propose(parcel, recover(ALICE, NEW_KEY));
		System::assert_last_event(
			Event::ApplicationProposed {
				application,
				parcel,
				change: recover(ALICE, NEW_KEY),
				source: order(),
				proposed_by: REGISTRAR,
				affected: affected(&[ALICE, BOB]),
			}
			.into(),
		);
		assert_ok!(confirm_as(OTHER_REGISTRAR, application));
		end_notice(application);
		assert_ok!(enact(application));

		let title = Titles::<Test>::get(parcel).unwrap();
		assert_eq!(title.owners.to_vec(), vec![owner(NEW_KEY, 1, 2), owner(BOB, 1, 2)]);
		assert_eq!((title.version, title.change), (2, TitleChange::KeyRecovery));
		assert_eq!(title.recorded_by, Some(REGISTRAR));
		assert!(OwnerParcels::<Test>::contains_key(NEW_KEY, parcel));
		assert!(!OwnerParcels::<Test>::contains_key(ALICE, parcel));
		let holders: Vec<_> = Encumbrances::<Test>::get(parcel)
			.iter()
			.map(|open| open.kind.holder().copied())
			.collect();
		assert_eq!(holders, vec![Some(NEW_KEY), Some(LENDER)]);
		// Both consents survive: Alice's now the new key's, deposit and all; Bob's names the new
		// key as lender.
		assert_eq!(MortgageConsents::<Test>::get(parcel, NEW_KEY).unwrap().lender, LENDER);
		assert_eq!(MortgageConsents::<Test>::get(parcel, BOB).unwrap().lender, NEW_KEY);
		assert!(!MortgageConsents::<Test>::contains_key(parcel, ALICE));
		assert!(Restrictions::<Test>::contains_key(parcel, NEW_KEY));
		assert_eq!(held(HoldReason::ConsentDeposit, ALICE), 0);
		assert_eq!(held(HoldReason::RestrictionDeposit, ALICE), 0);
		assert_eq!(held(HoldReason::ConsentDeposit, NEW_KEY), CONSENT_DEPOSIT);
		assert_eq!(held(HoldReason::RestrictionDeposit, NEW_KEY), RESTRICTION_DEPOSIT);
		assert_eq!(held(HoldReason::ApplicationDeposit, REGISTRAR), 0);
		System::assert_has_event(
			Event::KeyRecovered {
				application,
				parcel,
				lost: ALICE,
				replacement: NEW_KEY,
				encumbrances: vec![1].try_into().unwrap(),
			}
			.into(),
		);
		System::assert_last_event(
			Event::ApplicationEnacted { application, parcel, affected: affected(&[ALICE, BOB]) }
				.into(),
		);
		// The new key acts as the owner; the lost one no longer can.
		assert_noop!(
			LandRegistry::place_restriction(RuntimeOrigin::signed(ALICE), parcel),
			Error::<Test>::NotOwner
		);
		assert_ok!(LandRegistry::remove_restriction(RuntimeOrigin::signed(NEW_KEY), parcel));
		assert_ok!(LandRegistry::discharge(RuntimeOrigin::signed(NEW_KEY), parcel, 1));
	});
}

#[test]
fn a_lender_that_lost_its_key_gets_its_mortgage_back_on_a_parcel_it_does_not_own() {
	ExtBuilder::default().build_and_execute(|| {
		fund(NEW_KEY);
		let parcel = register("KR-2", 100, sole(ALICE));
		consent(ALICE, parcel, LENDER, 60, 1);
		assert_ok!(record(parcel, mortgage(LENDER, 60, 1)));
		two_registrars(parcel, recover(LENDER, NEW_KEY));
		// The title did not change: only the charge did.
		let title = Titles::<Test>::get(parcel).unwrap();
		assert_eq!((title.version, title.owners.to_vec()), (1, sole(ALICE)));
		assert_eq!(Encumbrances::<Test>::get(parcel)[0].kind, mortgage(NEW_KEY, 60, 1));
		assert_noop!(
			LandRegistry::discharge(RuntimeOrigin::signed(LENDER), parcel, 1),
			Error::<Test>::NotHolder
		);
	});
}

#[test]
fn the_lost_key_vetoes_a_recovery_until_it_is_enacted_and_nothing_moves() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = halves_with_a_funded_new_key("KR-3");
		let application = propose(parcel, recover(ALICE, NEW_KEY));
		assert_ok!(confirm_as(OTHER_REGISTRAR, application));
		// Neither a co-owner, nor the replacement, nor a registrar may veto.
		for stranger in [BOB, NEW_KEY, REGISTRAR, CHARLIE] {
			assert_noop!(veto(stranger, application), Error::<Test>::NotLostKey);
		}
		assert_noop!(veto(ALICE, 99), Error::<Test>::UnknownApplication);
		end_notice(application);
		// Even with the notice over, until someone enacts it.
		assert_ok!(veto(ALICE, application));
		System::assert_last_event(
			Event::ApplicationClosed {
				application,
				parcel,
				end: ApplicationEnd::Vetoed,
				affected: affected(&[ALICE, BOB]),
			}
			.into(),
		);
		assert_noop!(enact(application), Error::<Test>::UnknownApplication);
		assert_eq!(Titles::<Test>::get(parcel).unwrap().version, 1);
		assert!(OwnerParcels::<Test>::contains_key(ALICE, parcel));
		assert_eq!(held(HoldReason::ApplicationDeposit, REGISTRAR), 0);
	});
}

#[test]
fn the_lost_key_vetoes_a_proposed_or_objected_recovery_and_no_other_application() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = halves_with_a_funded_new_key("KR-4");
		let proposed = propose(parcel, recover(ALICE, NEW_KEY));
		assert_ok!(veto(ALICE, proposed));
		let objected = propose(parcel, recover(ALICE, NEW_KEY));
		assert_ok!(object_as(BOB, objected));
		assert_ok!(veto(ALICE, objected));
		let rectifying = propose(parcel, new_attributes(90));
		assert_noop!(veto(ALICE, rectifying), Error::<Test>::NotLostKey);
	});
}

#[test]
fn a_recovery_is_refused_where_it_cannot_apply_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = halves_with_a_funded_new_key("KR-5");
		let try_propose = |change| propose_as(REGISTRAR, parcel, change);
		assert_noop!(try_propose(recover(CHARLIE, NEW_KEY)), Error::<Test>::LostKeyNotOnParcel);
		assert_noop!(try_propose(recover(ALICE, ALICE)), Error::<Test>::ReplacementIsLostKey);
		assert_noop!(try_propose(recover(ALICE, BOB)), Error::<Test>::DuplicateOwner);
		assert_noop!(
			try_propose(recover(ALICE, UNVERIFIED)),
			DispatchError::Other("party not verified")
		);
		// The registrar cannot recover a key to itself (nor act where it is affected, as for
		// every application).
		assert_noop!(try_propose(recover(ALICE, REGISTRAR)), Error::<Test>::ConflictOfInterest);
		// Another owner's restriction stops it; the lost key's own does not.
		assert_ok!(LandRegistry::place_restriction(RuntimeOrigin::signed(BOB), parcel));
		assert_noop!(try_propose(recover(ALICE, NEW_KEY)), Error::<Test>::TitleRestricted);
		assert_ok!(LandRegistry::remove_restriction(RuntimeOrigin::signed(BOB), parcel));
		assert_ok!(LandRegistry::place_restriction(RuntimeOrigin::signed(ALICE), parcel));
		let application = propose(parcel, recover(ALICE, NEW_KEY));
		// An open sale waits: confirming or enacting is refused until it ends.
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 4));
		assert_noop!(confirm_as(OTHER_REGISTRAR, application), Error::<Test>::ParcelLocked);
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::unlock(parcel, 4));
		assert_ok!(confirm_as(OTHER_REGISTRAR, application));
		end_notice(application);
		assert_ok!(<LandRegistry as TitleRegistry<_, _>>::lock(parcel, 4));
		assert_noop!(enact(application), Error::<Test>::ParcelLocked);
	});
}

#[test]
fn a_replacement_that_cannot_hold_the_lost_keys_deposits_fails_the_enactment_whole() {
	ExtBuilder::default().build_and_execute(|| {
		// The new account does not exist: it cannot hold the restriction's deposit.
		let parcel = register("KR-7", 100, sole(ALICE));
		assert_ok!(LandRegistry::place_restriction(RuntimeOrigin::signed(ALICE), parcel));
		let application = propose(parcel, recover(ALICE, NEW_KEY));
		assert_ok!(confirm_as(OTHER_REGISTRAR, application));
		end_notice(application);
		assert_noop!(enact(application), Error::<Test>::ReplacementCannotHoldDeposit);
		fund(NEW_KEY);
		assert_ok!(enact(application));
		assert_eq!(Titles::<Test>::get(parcel).unwrap().owners.to_vec(), sole(NEW_KEY));
	});
}

#[test]
fn the_council_may_enact_an_objected_recovery() {
	ExtBuilder::default().build_and_execute(|| {
		let parcel = halves_with_a_funded_new_key("KR-8");
		let application = propose(parcel, recover(ALICE, NEW_KEY));
		assert_ok!(object_as(BOB, application));
		assert_ok!(decide(application, true));
		assert_eq!(Titles::<Test>::get(parcel).unwrap().change, TitleChange::KeyRecovery);
		System::assert_has_event(
			Event::KeyRecovered {
				application,
				parcel,
				lost: ALICE,
				replacement: NEW_KEY,
				encumbrances: Default::default(),
			}
			.into(),
		);
	});
}
