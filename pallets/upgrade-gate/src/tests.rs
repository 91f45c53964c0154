//! Tests of the upgrade gate: only the upgrade origin authorizes, and what it authorizes is
//! exactly the code hash, with version checks on.

use crate as pallet_upgrade_gate;
use codec::Encode;
use frame_support::{assert_noop, assert_ok, derive_impl};
use frame_system::EnsureSignedBy;
use sp_core::H256;
use sp_runtime::{BuildStorage, DispatchError};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		UpgradeGate: pallet_upgrade_gate,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Stands in for the council: account 7 is "two thirds of the council".
pub struct Governance;
impl frame_support::traits::SortedMembers<u64> for Governance {
	fn sorted_members() -> Vec<u64> {
		vec![7]
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn add(_: &u64) {}
}

impl pallet_upgrade_gate::Config for Test {
	type UpgradeOrigin = EnsureSignedBy<Governance, u64>;
	type WeightInfo = ();
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

#[test]
fn governance_authorizes_exactly_the_code_hash_with_version_checks() {
	new_test_ext().execute_with(|| {
		let code_hash = H256::repeat_byte(0xc0);
		assert_ok!(UpgradeGate::authorize_upgrade(RuntimeOrigin::signed(7), code_hash));
		// The authorization's fields are private: compare its encoding, `(code_hash, check_version)`.
		let authorization =
			System::authorized_upgrade().map(|authorization| authorization.encode());
		assert_eq!(authorization, Some((code_hash, true).encode()));
		System::assert_last_event(
			frame_system::Event::UpgradeAuthorized { code_hash, check_version: true }.into(),
		);
		UpgradeGate::do_try_state().unwrap();
	});
}

#[test]
fn anyone_else_is_refused_and_nothing_changes() {
	new_test_ext().execute_with(|| {
		let code_hash = H256::repeat_byte(1);
		assert_noop!(
			UpgradeGate::authorize_upgrade(RuntimeOrigin::signed(1), code_hash),
			DispatchError::BadOrigin
		);
		assert_noop!(
			UpgradeGate::authorize_upgrade(RuntimeOrigin::none(), code_hash),
			DispatchError::BadOrigin
		);
		// Not even Root: the gate accepts only governance's origin.
		assert_noop!(
			UpgradeGate::authorize_upgrade(RuntimeOrigin::root(), code_hash),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn code_that_does_not_match_the_authorized_hash_is_refused() {
	new_test_ext().execute_with(|| {
		assert_ok!(UpgradeGate::authorize_upgrade(RuntimeOrigin::signed(7), H256::repeat_byte(2)));
		assert_noop!(
			System::apply_authorized_upgrade(RuntimeOrigin::signed(1), vec![1, 2, 3]),
			frame_system::Error::<Test>::Unauthorized
		);
	});
}
