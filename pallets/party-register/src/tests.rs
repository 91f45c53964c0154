//! The register's rules, one test per behaviour or refusal; every refusal leaves the storage as
//! it was (`assert_noop!`), and the invariants are checked after every test.

use crate::{mock::*, types::*, Error, Event, Parties, RequireVerifiedParties};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use landchain_primitives::PartyCheck;
use sp_core::H256;
use sp_runtime::DispatchError;

const KIND: PartyKind = PartyKind::Person;

fn salt(byte: u8) -> [u8; 32] {
	[byte; 32]
}

/// The commitment of ALICE's account to the identifier "19800101-1234" under salt 7.
fn alice_commitment() -> H256 {
	commitment(&salt(7), b"19800101-1234", &ALICE.to_le_bytes())
}

fn held(office: u64) -> u64 {
	Balances::balance_on_hold(&crate::HoldReason::AttestationDeposit.into(), &office)
}

fn attest_alice(until: u64) {
	assert_ok!(PartyRegister::attest(
		RuntimeOrigin::signed(OFFICE),
		ALICE,
		alice_commitment(),
		KIND,
		until
	));
}

#[test]
fn an_office_attests_a_party_holding_a_deposit_and_the_record_names_no_one() {
	ExtBuilder::default().build_and_execute(|| {
		attest_alice(500);
		let record = Parties::<Test>::get(ALICE).expect("attested");
		assert_eq!(record.commitment, alice_commitment());
		assert_eq!(
			(record.kind, record.office, record.attested_at, record.expires_at),
			(KIND, OFFICE, 1, 500)
		);
		assert_eq!(held(OFFICE), DEPOSIT);
		System::assert_last_event(
			Event::PartyAttested { party: ALICE, kind: KIND, office: OFFICE, expires_at: 500 }
				.into(),
		);
	});
}

#[test]
fn a_party_proves_who_it_is_by_revealing_salt_and_identifier_and_nothing_else_matches() {
	ExtBuilder::default().build_and_execute(|| {
		attest_alice(500);
		let on_chain = Parties::<Test>::get(ALICE).expect("attested").commitment;
		assert_eq!(commitment(&salt(7), b"19800101-1234", &ALICE.to_le_bytes()), on_chain);
		assert_ne!(commitment(&salt(8), b"19800101-1234", &ALICE.to_le_bytes()), on_chain);
		assert_ne!(commitment(&salt(7), b"19800101-1235", &ALICE.to_le_bytes()), on_chain);
		assert_ne!(
			commitment(&salt(7), b"19800101-1234", &BOB.to_le_bytes()),
			on_chain,
			"bound to the account"
		);
	});
}

#[test]
fn only_an_office_attests_renews_or_revokes() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			PartyRegister::attest(
				RuntimeOrigin::signed(ALICE),
				ALICE,
				alice_commitment(),
				KIND,
				500
			),
			DispatchError::BadOrigin
		);
		attest_alice(500);
		assert_noop!(
			PartyRegister::renew(RuntimeOrigin::signed(BOB), ALICE, None, 600),
			DispatchError::BadOrigin
		);
		assert_noop!(
			PartyRegister::revoke(RuntimeOrigin::signed(ALICE), ALICE),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn an_attestation_is_not_made_twice_nor_for_the_past_nor_beyond_the_longest_validity() {
	ExtBuilder::default().build_and_execute(|| {
		System::set_block_number(10);
		let attest = |until| {
			PartyRegister::attest(
				RuntimeOrigin::signed(OFFICE),
				ALICE,
				alice_commitment(),
				KIND,
				until,
			)
		};
		assert_noop!(attest(10), Error::<Test>::ExpiryNotInFuture);
		assert_noop!(attest(10 + MAX_VALIDITY + 1), Error::<Test>::ValidityTooLong);
		assert_ok!(attest(10 + MAX_VALIDITY));
		assert_noop!(attest(20), Error::<Test>::AlreadyAttested);
	});
}

#[test]
fn an_office_that_cannot_hold_the_deposit_attests_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			PartyRegister::attest(
				RuntimeOrigin::signed(POOR_OFFICE),
				ALICE,
				alice_commitment(),
				KIND,
				500
			),
			sp_runtime::TokenError::FundsUnavailable
		);
	});
}

#[test]
fn a_renewal_extends_and_may_replace_the_commitment_and_another_office_takes_the_deposit_over() {
	ExtBuilder::default().build_and_execute(|| {
		attest_alice(500);
		let fresh = commitment(&salt(9), b"19800101-1234", &ALICE.to_le_bytes());
		assert_ok!(PartyRegister::renew(RuntimeOrigin::signed(OFFICE), ALICE, Some(fresh), 900));
		System::assert_last_event(
			Event::AttestationRenewed {
				party: ALICE,
				office: OFFICE,
				new_commitment: true,
				expires_at: 900,
			}
			.into(),
		);
		assert_eq!(
			Parties::<Test>::get(ALICE).map(|r| (r.commitment, r.expires_at)),
			Some((fresh, 900))
		);
		assert_eq!(held(OFFICE), DEPOSIT, "the same office holds one deposit");

		assert_ok!(PartyRegister::renew(RuntimeOrigin::signed(OTHER_OFFICE), ALICE, None, 1_000));
		assert_eq!((held(OFFICE), held(OTHER_OFFICE)), (0, DEPOSIT));
		let record = Parties::<Test>::get(ALICE).expect("attested");
		assert_eq!(
			(record.office, record.commitment, record.attested_at),
			(OTHER_OFFICE, fresh, 1)
		);
	});
}

#[test]
fn a_renewal_of_no_attestation_or_to_a_bad_expiry_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			PartyRegister::renew(RuntimeOrigin::signed(OFFICE), ALICE, None, 500),
			Error::<Test>::NotAttested
		);
		attest_alice(500);
		assert_noop!(
			PartyRegister::renew(RuntimeOrigin::signed(OFFICE), ALICE, None, 1),
			Error::<Test>::ExpiryNotInFuture
		);
		assert_noop!(
			PartyRegister::renew(
				RuntimeOrigin::signed(OTHER_OFFICE),
				ALICE,
				None,
				2 + MAX_VALIDITY
			),
			Error::<Test>::ValidityTooLong
		);
	});
}

#[test]
fn a_revocation_removes_the_record_and_returns_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		attest_alice(500);
		assert_ok!(PartyRegister::revoke(RuntimeOrigin::signed(OTHER_OFFICE), ALICE));
		assert!(Parties::<Test>::get(ALICE).is_none());
		assert_eq!(held(OFFICE), 0, "the deposit returns to the office that held it");
		System::assert_last_event(
			Event::AttestationRevoked { party: ALICE, office: OTHER_OFFICE }.into(),
		);
		assert_noop!(
			PartyRegister::revoke(RuntimeOrigin::signed(OFFICE), ALICE),
			Error::<Test>::NotAttested
		);
	});
}

#[test]
fn anyone_clears_an_expired_attestation_but_not_a_current_one() {
	ExtBuilder::default().build_and_execute(|| {
		attest_alice(500);
		System::set_block_number(499);
		assert_noop!(
			PartyRegister::remove_expired(RuntimeOrigin::signed(BOB), ALICE),
			Error::<Test>::NotExpired
		);
		System::set_block_number(500);
		assert_ok!(PartyRegister::remove_expired(RuntimeOrigin::signed(BOB), ALICE));
		assert!(Parties::<Test>::get(ALICE).is_none());
		assert_eq!(held(OFFICE), 0);
		System::assert_last_event(Event::ExpiredAttestationRemoved { party: ALICE }.into());
		assert_noop!(
			PartyRegister::remove_expired(RuntimeOrigin::signed(BOB), ALICE),
			Error::<Test>::NotAttested
		);
	});
}

#[test]
fn with_the_policy_off_anyone_may_hold() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(<PartyRegister as PartyCheck<u64>>::ensure_may_hold(&BOB));
	});
}

#[test]
fn with_the_policy_on_only_a_currently_attested_party_may_hold() {
	ExtBuilder::default().policy_on().build_and_execute(|| {
		let check = |who| <PartyRegister as PartyCheck<u64>>::ensure_may_hold(&who);
		assert_eq!(check(ALICE), Err(Error::<Test>::PartyNotVerified.into()));
		attest_alice(500);
		assert_ok!(check(ALICE));
		System::set_block_number(500);
		assert_eq!(check(ALICE), Err(Error::<Test>::AttestationExpired.into()));
		assert_ok!(PartyRegister::renew(RuntimeOrigin::signed(OFFICE), ALICE, None, 900));
		assert_ok!(check(ALICE));
		assert_ok!(PartyRegister::revoke(RuntimeOrigin::signed(OFFICE), ALICE));
		assert_eq!(check(ALICE), Err(Error::<Test>::PartyNotVerified.into()));
	});
}

#[test]
fn a_lost_keys_replacement_must_be_currently_attested_whatever_the_policy() {
	ExtBuilder::default().build_and_execute(|| {
		let check = |lost, new| <PartyRegister as PartyCheck<u64>>::ensure_may_replace(&lost, &new);
		assert_eq!(check(BOB, ALICE), Err(Error::<Test>::PartyNotVerified.into()));
		attest_alice(500);
		// The lost key need not have been attested (titles granted before the policy).
		assert_ok!(check(BOB, ALICE));
		System::set_block_number(500);
		assert_eq!(check(BOB, ALICE), Err(Error::<Test>::AttestationExpired.into()));
	});
}

#[test]
fn a_lost_keys_replacement_must_be_the_same_kind_of_party() {
	ExtBuilder::default().build_and_execute(|| {
		let check = |lost, new| <PartyRegister as PartyCheck<u64>>::ensure_may_replace(&lost, &new);
		attest_alice(500);
		let bob = commitment(&salt(8), b"556000-1234", &BOB.to_le_bytes());
		assert_ok!(PartyRegister::attest(
			RuntimeOrigin::signed(OFFICE),
			BOB,
			bob,
			PartyKind::Company,
			500
		));
		assert_eq!(check(BOB, ALICE), Err(Error::<Test>::PartyKindMismatch.into()));
		assert_ok!(PartyRegister::revoke(RuntimeOrigin::signed(OFFICE), BOB));
		assert_ok!(PartyRegister::attest(RuntimeOrigin::signed(OFFICE), BOB, bob, KIND, 500));
		// An expired lost key still names its kind; only the replacement must be current.
		assert_ok!(PartyRegister::renew(RuntimeOrigin::signed(OFFICE), ALICE, None, 900));
		System::set_block_number(600);
		assert_ok!(check(BOB, ALICE));
	});
}

#[test]
fn genesis_attestations_count_from_block_zero_without_a_deposit() {
	ExtBuilder::default().policy_on().attested_at_genesis(BOB, OFFICE, 300).build_and_execute(
		|| {
			let record = Parties::<Test>::get(BOB).expect("attested at genesis");
			assert_eq!((record.attested_at, record.expires_at, record.deposit), (0, 300, 0));
			assert_eq!((record.kind, record.office), (PartyKind::Company, OFFICE));
			assert_ok!(<PartyRegister as PartyCheck<u64>>::ensure_may_hold(&BOB));
			assert_eq!(held(OFFICE), 0);
			// An office renewing it from then on holds the deposit.
			assert_ok!(PartyRegister::renew(RuntimeOrigin::signed(OFFICE), BOB, None, 600));
			assert_eq!(held(OFFICE), 0);
			assert_ok!(PartyRegister::renew(RuntimeOrigin::signed(OTHER_OFFICE), BOB, None, 600));
			assert_eq!((held(OFFICE), held(OTHER_OFFICE)), (0, DEPOSIT));
		},
	);
}

#[test]
#[should_panic(expected = "a party is attested twice in the genesis config")]
fn a_genesis_naming_a_party_twice_does_not_build() {
	ExtBuilder::default()
		.attested_at_genesis(BOB, OFFICE, 300)
		.attested_at_genesis(BOB, OFFICE, 400)
		.build();
}

#[test]
#[should_panic(expected = "a genesis attestation must expire after block 0 and within MaxValidity")]
fn a_genesis_attestation_beyond_the_longest_validity_does_not_build() {
	ExtBuilder::default().attested_at_genesis(BOB, OFFICE, MAX_VALIDITY + 1).build();
}

#[test]
fn only_governance_sets_the_policy() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			PartyRegister::set_policy(RuntimeOrigin::signed(OFFICE), true),
			DispatchError::BadOrigin
		);
		assert_ok!(PartyRegister::set_policy(RuntimeOrigin::signed(GOVERNANCE), true));
		assert!(RequireVerifiedParties::<Test>::get());
		System::assert_last_event(Event::PolicySet { require_verified_parties: true }.into());
	});
}

#[test]
fn the_invariants_catch_a_deposit_that_is_not_held() {
	ExtBuilder::default().build().execute_with(|| {
		attest_alice(500);
		Parties::<Test>::mutate(ALICE, |record| {
			if let Some(record) = record {
				record.deposit += 1;
			}
		});
		assert!(try_state().is_err());
	});
}
