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

fn title_of(parcel: pallet_land_registry::ParcelId) -> pallet_land_registry::TitleOf<Runtime> {
	pallet_land_registry::Titles::<Runtime>::get(parcel).expect("the parcel has a title")
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

/// A lost key through the real runtime: the replacement must be attested as the same kind of
/// party, the lost key vetoes one recovery, and a second one moves Charlie's demo title to his
/// new account after the dev chain's notice.
#[test]
fn a_lost_key_is_replaced_by_two_registrars_unless_the_key_vetoes() {
	new_test_ext("development").execute_with(|| {
		System::set_block_number(1);
		let parcel = charlies_demo_parcel();
		let new_key = AccountId::from([42; 32]);
		let recover = || {
			LandRegistry::propose_application(
				RuntimeOrigin::signed(account(Alice)),
				parcel,
				pallet_land_registry::ProposedChange::RecoverKey {
					lost: account(Charlie),
					replacement: new_key.clone(),
				},
				doc(pallet_land_registry::SourceKind::Other, 9),
			)
		};
		// Whatever the policy (off on the dev chain), the replacement must be attested…
		assert_noop!(recover(), Error::<Runtime>::PartyNotVerified);
		attest(&account(Charlie), 1_000);
		assert_ok!(PartyRegister::attest(
			RuntimeOrigin::signed(account(Bob)),
			new_key.clone(),
			commitment(&[4; 32], b"ID-4711", AsRef::<[u8]>::as_ref(&new_key)),
			PartyKind::Company,
			1_000
		));
		// …as the same kind of party as the lost key.
		assert_noop!(recover(), Error::<Runtime>::PartyKindMismatch);
		assert_ok!(PartyRegister::revoke(RuntimeOrigin::signed(account(Bob)), new_key.clone()));
		attest(&new_key, 1_000);

		assert_ok!(recover());
		let vetoed = pallet_land_registry::NextApplicationId::<Runtime>::get() - 1;
		assert_ok!(LandRegistry::confirm_application(RuntimeOrigin::signed(account(Bob)), vetoed));
		assert_ok!(LandRegistry::veto_recovery(RuntimeOrigin::signed(account(Charlie)), vetoed));
		assert_eq!(title_of(parcel).owners[0].account, account(Charlie));

		assert_ok!(recover());
		let application = pallet_land_registry::NextApplicationId::<Runtime>::get() - 1;
		assert_ok!(LandRegistry::confirm_application(
			RuntimeOrigin::signed(account(Bob)),
			application
		));
		System::set_block_number(1 + crate::genesis_config_presets::DEV_NOTICE_PERIODS.notice);
		// The new account has no funds of its own yet; nothing of Charlie's is held on the parcel.
		assert_ok!(LandRegistry::enact_application(
			RuntimeOrigin::signed(account(Eve)),
			application
		));
		let title = title_of(parcel);
		assert_eq!(title.owners[0].account, new_key);
		assert_eq!(title.change, pallet_land_registry::TitleChange::KeyRecovery);
		assert_eq!(LandRegistry::parcels_of(new_key.clone(), None, 10), vec![parcel]);
		assert!(!LandRegistry::parcels_of(account(Charlie), None, 10).contains(&parcel));
	});
}
