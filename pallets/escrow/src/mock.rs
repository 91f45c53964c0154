//! A mock runtime for the escrow's tests: accounts are `u64`, the existential deposit is 1.

use crate as pallet_escrow;
use frame_support::derive_impl;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Escrow: pallet_escrow,
	}
);

pub const BUYER: u64 = 1;
pub const SELLER: u64 = 2;
pub const ARBITER: u64 = 3;
pub const LENDER: u64 = 4;
pub const TREASURY: u64 = 5;
pub const STRANGER: u64 = 9;
/// An account that does not exist yet (no balance).
pub const NEWCOMER: u64 = 50;
pub const STARTING_BALANCE: u64 = 1_000;
/// The storage deposit of a direct escrow.
pub const ESCROW_DEPOSIT: u64 = 10;

frame_support::parameter_types! {
	/// Distinct read and write costs, so that tests can check what a migration reports.
	pub const MockDbWeight: frame_support::weights::RuntimeDbWeight =
		frame_support::weights::RuntimeDbWeight { read: 100, write: 1_000 };
	/// Settable per test (thread-local), so that `integrity_test` can be shown a bad config.
	pub static MaxParts: u32 = 4;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type DbWeight = MockDbWeight;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ExistentialDeposit = frame_support::traits::ConstU64<5>;
}

impl pallet_escrow::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type EscrowDeposit = frame_support::traits::ConstU64<ESCROW_DEPOSIT>;
	type MaxParts = MaxParts;
	type WeightInfo = ();
}

/// Builds test externalities; `build_and_execute` checks the escrow's invariants afterwards.
#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: [BUYER, SELLER, ARBITER, LENDER, TREASURY, STRANGER]
				.into_iter()
				.map(|account| (account, STARTING_BALANCE))
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			try_state().expect("escrow invariants hold after the test");
		});
	}
}

/// The escrow's invariants as the runtime checks them: through the pallet's `try_state` hook
/// when built with `try-runtime`, else `do_try_state` directly.
pub fn try_state() -> Result<(), sp_runtime::TryRuntimeError> {
	#[cfg(feature = "try-runtime")]
	return <Escrow as frame_support::traits::Hooks<u64>>::try_state(System::block_number());
	#[cfg(not(feature = "try-runtime"))]
	Escrow::do_try_state()
}
