//! The verified-parties policy through the real runtime: the party register (attested by a
//! registrar), the registry and the conveyance. With the council's policy on, title, charges and
//! offers go only to parties whose attestation is current; holders from before keep theirs.

use super::{charlie_offers_to, charlies_demo_parcel, doc, new_test_ext, register_call};
use crate::{
	AccountId, BlockNumber, Conveyance, LandRegistry, PartyRegister, Runtime, RuntimeOrigin,
	System, UNIT,
};
use frame_support::{assert_noop, assert_ok, traits::UnfilteredDispatchable};
use landchain_primitives::Owner;
use pallet_party_register::{commitment, Error, PartyKind, RequireVerifiedParties};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve};

fn account(key: sp_keyring::Sr25519Keyring) -> AccountId {
	key.to_account_id()
}

/// Bob (a registrar) attests `who` as a person until block `until`.
fn attest(who: &AccountId, until: BlockNumber) {
	let proof = commitment(&[3; 32], b"ID-4711", AsRef::<[u8]>::as_ref(who));
	assert_ok!(PartyRegister::attest(
		RuntimeOrigin::signed(account(Bob)),
		who.clone(),
		proof,
		PartyKind::Person,
		until
	));
}

fn register_for_dave() -> sp_runtime::DispatchResult {
	register_call("POLICY-1")
		.dispatch_bypass_filter(RuntimeOrigin::signed(account(Alice)))
		.map(drop)
		.map_err(|e| e.error)
}

fn policy_on() {
	RequireVerifiedParties::<Runtime>::put(true);
}

#[test]
fn with_the_policy_off_anyone_takes_title_as_before() {
	new_test_ext("development").execute_with(|| {
		System::set_block_number(1);
		assert!(!RequireVerifiedParties::<Runtime>::get(), "the dev chain starts with it off");
		assert_ok!(register_for_dave());
	});
}

#[test]
fn with_the_policy_on_title_goes_only_to_a_currently_attested_party() {
	new_test_ext("development").execute_with(|| {
		System::set_block_number(1);
		policy_on();
		assert_noop!(register_for_dave(), Error::<Runtime>::PartyNotVerified);
		attest(&account(Dave), 50);
		assert_ok!(register_for_dave());

		System::set_block_number(50);
		assert_noop!(
			register_call("POLICY-2")
				.dispatch_bypass_filter(RuntimeOrigin::signed(account(Alice)))
				.map(drop)
				.map_err(|e| e.error),
			Error::<Runtime>::AttestationExpired
		);
		LandRegistry::do_try_state().expect("the registry is consistent");
		PartyRegister::do_try_state().expect("the register is consistent");
	});
}

#[test]
fn with_the_policy_on_an_unverified_holder_keeps_and_sells_but_only_to_a_verified_buyer() {
	new_test_ext("development").execute_with(|| {
		System::set_block_number(1);
		policy_on();
		// Charlie was never attested: he keeps his demo parcel and may still offer it.
		let parcel = charlies_demo_parcel();
		assert!(LandRegistry::parcels_of(account(Charlie), None, 100).contains(&parcel));
		let offer_to_eve = || {
			Conveyance::offer(
				RuntimeOrigin::signed(account(Charlie)),
				parcel,
				account(Eve),
				Owner::sole(account(Eve)),
				1_000 * UNIT,
				100,
				doc(pallet_land_registry::SourceKind::Deed, 2),
			)
			.map(drop)
			.map_err(|e| e.error)
		};
		assert_noop!(offer_to_eve(), Error::<Runtime>::PartyNotVerified);
		attest(&account(Eve), 500);
		let offer = charlie_offers_to(&account(Eve), 1_000 * UNIT);
		assert!(pallet_conveyance::Offers::<Runtime>::contains_key(offer));
	});
}

#[test]
fn with_the_policy_on_a_lender_must_be_a_verified_party() {
	new_test_ext("development").execute_with(|| {
		System::set_block_number(1);
		attest(&account(Eve), 500);
		let offer = charlie_offers_to(&account(Eve), 1_000 * UNIT);
		policy_on();
		let advances: pallet_conveyance::AdvanceRequestsOf<Runtime> =
			vec![pallet_conveyance::AdvanceRequest {
				lender: account(Dave),
				amount: 800 * UNIT,
				rank: 1,
			}]
			.try_into()
			.expect("one advance fits");
		assert_noop!(
			Conveyance::accept_with_finance(RuntimeOrigin::signed(account(Eve)), offer, advances)
				.map(drop)
				.map_err(|e| e.error),
			Error::<Runtime>::PartyNotVerified
		);
	});
}
