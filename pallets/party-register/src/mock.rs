//! A mock runtime for the register's tests: accounts are `u64`; the identity offices are
//! accounts 1 and 2, governance is account 100.

use crate as pallet_party_register;
use crate::{GenesisAttestation, PartyKind};
use frame_support::{derive_impl, parameter_types, traits::ConstU64};
use frame_system::EnsureSignedBy;
use sp_core::H256;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		PartyRegister: pallet_party_register,
	}
);

/// Identity offices.
pub const OFFICE: u64 = 1;
pub const OTHER_OFFICE: u64 = 2;
/// The account standing for governance.
pub const GOVERNANCE: u64 = 100;
/// Parties.
pub const ALICE: u64 = 10;
pub const BOB: u64 = 11;
/// An office with no funds.
pub const POOR_OFFICE: u64 = 3;

pub const DEPOSIT: u64 = 40;
pub const MAX_VALIDITY: u64 = 1_000;

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

parameter_types! {
	pub Offices: Vec<u64> = vec![OFFICE, OTHER_OFFICE, POOR_OFFICE];
	pub Governance: Vec<u64> = vec![GOVERNANCE];
}

impl frame_support::traits::SortedMembers<u64> for Offices {
	fn sorted_members() -> Vec<u64> {
		Offices::get()
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn add(_: &u64) {}
}
impl frame_support::traits::SortedMembers<u64> for Governance {
	fn sorted_members() -> Vec<u64> {
		Governance::get()
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn add(_: &u64) {}
}

impl pallet_party_register::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AttestOrigin = EnsureSignedBy<Offices, u64>;
	type GovernanceOrigin = EnsureSignedBy<Governance, u64>;
	type AttestationDeposit = ConstU64<DEPOSIT>;
	type MaxValidity = ConstU64<MAX_VALIDITY>;
	type WeightInfo = ();
}

/// Builds the register's test state: offices 1 and 2 and the parties funded, policy as asked.
#[derive(Default)]
pub struct ExtBuilder {
	require_verified_parties: bool,
	parties: Vec<GenesisAttestation<u64, u64>>,
}

impl ExtBuilder {
	/// Starts with the verified-parties policy on.
	pub fn policy_on(mut self) -> Self {
		self.require_verified_parties = true;
		self
	}

	/// Starts with `party` attested by `office` (a genesis attestation) until `expires_at`.
	pub fn attested_at_genesis(mut self, party: u64, office: u64, expires_at: u64) -> Self {
		self.parties.push(GenesisAttestation {
			party,
			commitment: H256::repeat_byte(9),
			kind: PartyKind::Company,
			office,
			expires_at,
		});
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: [OFFICE, OTHER_OFFICE, ALICE, BOB].iter().map(|who| (*who, 1_000)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_party_register::GenesisConfig::<Test> {
			require_verified_parties: self.require_verified_parties,
			parties: self.parties,
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test`, then checks the register's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			try_state().expect("the register's invariants hold after the test");
		});
	}
}

/// The register's invariants as the runtime checks them.
pub fn try_state() -> Result<(), sp_runtime::TryRuntimeError> {
	#[cfg(feature = "try-runtime")]
	return <PartyRegister as frame_support::traits::Hooks<u64>>::try_state(System::block_number());
	#[cfg(not(feature = "try-runtime"))]
	PartyRegister::do_try_state()
}
