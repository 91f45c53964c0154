//! A mock runtime for the conveyance's tests: the real escrow pallet on real balances, and a
//! small storage-backed registry behind the `TitleRegistry` trait (so failures can be injected).

use crate as pallet_conveyance;
use frame_support::{
	derive_impl, parameter_types, storage_alias,
	traits::{ConstU32, ConstU64, SortedMembers},
	Twox64Concat,
};
use frame_system::{EnsureRoot, EnsureSignedBy};
use landchain_primitives::{
	DealingId, EncumbranceId, MortgageSummary, NewMortgage, Owner, ParcelId, Share, Source,
	SourceKind, TitleRegistry,
};
use sp_core::H256;
use sp_runtime::{BuildStorage, DispatchError, DispatchResult};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Escrow: pallet_escrow,
		Conveyance: pallet_conveyance,
	}
);

pub const REGISTRAR: u64 = 1;
pub const ALICE: u64 = 10;
pub const BOB: u64 = 11;
pub const CHARLIE: u64 = 12;
pub const DAVE: u64 = 13;
pub const LENDER_A: u64 = 20;
pub const LENDER_B: u64 = 21;
pub const TREASURY: u64 = 30;
pub const STRANGER: u64 = 99;
pub const STARTING_BALANCE: u64 = 100_000;
pub const OFFER_DEPOSIT: u64 = 10;

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ExistentialDeposit = ExistentialDeposit;
}

impl pallet_escrow::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type EscrowDeposit = ConstU64<10>;
	type MaxParts = ConstU32<16>;
	type WeightInfo = ();
}

pub struct Registrars;
impl SortedMembers<u64> for Registrars {
	fn sorted_members() -> Vec<u64> {
		// LENDER_A is a registrar too: one who lends must not approve the sales that repay it.
		vec![REGISTRAR, LENDER_A]
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn add(_: &u64) {}
}

parameter_types! {
	/// Settable per test (thread-local), so that `integrity_test` can be shown a bad config.
	pub static MaxParties: u32 = 4;
	pub const MaxPayouts: u32 = 16;
	pub const MaxAdvances: u32 = 3;
	pub const MaxDutyRate: sp_runtime::Permill = sp_runtime::Permill::from_percent(15);
	/// Settable per test, to show payouts below it refused.
	pub static ExistentialDeposit: u64 = 1;
}

impl pallet_conveyance::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registry = MockRegistry;
	type Escrow = Escrow;
	type Parties = ();
	type RegistrarOrigin = EnsureSignedBy<Registrars, u64>;
	type GovernanceOrigin = EnsureRoot<u64>;
	type OfferDeposit = ConstU64<OFFER_DEPOSIT>;
	type MaxParties = MaxParties;
	type MaxPayouts = MaxPayouts;
	type MaxAdvances = MaxAdvances;
	type MaxDutyRate = MaxDutyRate;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockRegistry;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, u64> for MockRegistry {
	fn create_parcel(owners: &[u64], mortgages: u32, amount: u64) -> ParcelId {
		let parcel = 1_000 + MockOwners::iter().count() as u64;
		let count = owners.len() as u32;
		MockOwners::insert(
			parcel,
			owners.iter().map(|account| owner(*account, 1, count)).collect::<Vec<_>>(),
		);
		MockMortgages::insert(
			parcel,
			(0..mortgages)
				.map(|rank| MortgageSummary {
					id: u64::from(rank) + 100,
					lender: 500 + u64::from(rank),
					amount,
					rank: rank + 1,
				})
				.collect::<Vec<_>>(),
		);
		parcel
	}
}

// ---- The mock registry ------------------------------------------------------------------------

#[storage_alias]
pub type MockOwners = StorageMap<MockRegistry, Twox64Concat, ParcelId, Vec<Owner<u64>>>;
#[storage_alias]
pub type MockLocks = StorageMap<MockRegistry, Twox64Concat, ParcelId, DealingId>;
#[storage_alias]
pub type MockMortgages =
	StorageMap<MockRegistry, Twox64Concat, ParcelId, Vec<MortgageSummary<u64, u64>>>;
#[storage_alias]
pub type MockCaveats = StorageMap<MockRegistry, Twox64Concat, ParcelId, ()>;
/// `(parcel) → price` of the last sale, as the registry would record it in the title.
#[storage_alias]
pub type MockSales = StorageMap<MockRegistry, Twox64Concat, ParcelId, u64>;
/// The ids the mock registry gives the mortgages a sale records, in the order given.
pub const NEW_MORTGAGE_IDS: u64 = 900;
/// When set, `transfer_title` fails: an error injected after the money has moved.
#[storage_alias]
pub type MockFailTransfer = StorageValue<MockRegistry, ()>;

/// A registry with just enough behaviour for the conveyance: owners, locks, mortgages, caveats.
pub struct MockRegistry;

fn fail(reason: &'static str) -> DispatchError {
	DispatchError::Other(reason)
}

impl MockRegistry {
	fn ensure_locked_by(parcel: ParcelId, dealing: DealingId) -> DispatchResult {
		match MockLocks::get(parcel) {
			Some(holder) if holder == dealing => Ok(()),
			Some(_) => Err(fail("LockedByAnotherDealing")),
			None => Err(fail("NotLocked")),
		}
	}
}

impl TitleRegistry<u64, u64> for MockRegistry {
	type MaxOwners = MaxParties;
	type MaxEncumbrances = ConstU32<8>;

	fn owners(parcel: ParcelId) -> Result<Vec<Owner<u64>>, DispatchError> {
		MockOwners::get(parcel).ok_or(fail("UnknownParcel"))
	}

	fn ensure_free_to_deal(parcel: ParcelId) -> DispatchResult {
		Self::owners(parcel)?;
		if MockLocks::contains_key(parcel) {
			return Err(fail("ParcelLocked"));
		}
		if MockCaveats::contains_key(parcel) {
			return Err(fail("CaveatInForce"));
		}
		Ok(())
	}

	fn lock(parcel: ParcelId, dealing: DealingId) -> DispatchResult {
		Self::ensure_free_to_deal(parcel)?;
		MockLocks::insert(parcel, dealing);
		Ok(())
	}

	fn unlock(parcel: ParcelId, dealing: DealingId) -> DispatchResult {
		Self::ensure_locked_by(parcel, dealing)?;
		MockLocks::remove(parcel);
		Ok(())
	}

	fn mortgages(parcel: ParcelId) -> Vec<MortgageSummary<u64, u64>> {
		let mut mortgages = MockMortgages::get(parcel).unwrap_or_default();
		mortgages.sort_by_key(|mortgage| mortgage.rank);
		mortgages
	}

	fn ensure_can_transfer(parcel: ParcelId, dealing: DealingId) -> DispatchResult {
		Self::ensure_locked_by(parcel, dealing)?;
		if MockCaveats::contains_key(parcel) {
			return Err(fail("CaveatInForce"));
		}
		Ok(())
	}

	fn discharge_mortgage(
		parcel: ParcelId,
		dealing: DealingId,
		encumbrance: EncumbranceId,
	) -> DispatchResult {
		Self::ensure_locked_by(parcel, dealing)?;
		let mut mortgages = MockMortgages::get(parcel).unwrap_or_default();
		let before = mortgages.len();
		mortgages.retain(|mortgage| mortgage.id != encumbrance);
		if mortgages.len() == before {
			return Err(fail("UnknownEncumbrance"));
		}
		MockMortgages::insert(parcel, mortgages);
		Ok(())
	}

	fn transfer_title(
		parcel: ParcelId,
		dealing: DealingId,
		new_owners: Vec<Owner<u64>>,
		_deed: Source,
		price: u64,
		new_mortgages: Vec<NewMortgage<u64, u64>>,
		_registrar: &u64,
	) -> DispatchResult {
		Self::ensure_can_transfer(parcel, dealing)?;
		if MockMortgages::get(parcel).is_some_and(|mortgages| !mortgages.is_empty()) {
			return Err(fail("ChargesOutstanding"));
		}
		if MockFailTransfer::exists() {
			return Err(fail("InjectedFailure"));
		}
		MockOwners::insert(parcel, new_owners);
		MockSales::insert(parcel, price);
		let recorded: Vec<_> = new_mortgages
			.into_iter()
			.enumerate()
			.map(|(index, mortgage)| MortgageSummary {
				id: NEW_MORTGAGE_IDS + index as u64,
				lender: mortgage.lender,
				amount: mortgage.amount,
				rank: mortgage.rank,
			})
			.collect();
		MockMortgages::insert(parcel, recorded);
		MockLocks::remove(parcel);
		Ok(())
	}
}

// ---- Test externalities and fixtures -----------------------------------------------------------

/// Parcel 1: Alice alone. Parcel 2: Alice 2/3, Bob 1/3, with two mortgages. Parcel 3: Charlie.
pub const SOLE_PARCEL: ParcelId = 1;
pub const SHARED_PARCEL: ParcelId = 2;
pub const OTHER_PARCEL: ParcelId = 3;

#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: [
				REGISTRAR, ALICE, BOB, CHARLIE, DAVE, LENDER_A, LENDER_B, TREASURY, STRANGER,
			]
			.into_iter()
			.map(|account| (account, STARTING_BALANCE))
			.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_conveyance::GenesisConfig::<Test> {
			duty_rate: sp_runtime::Permill::from_percent(2),
			treasury: Some(TREASURY),
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			MockOwners::insert(SOLE_PARCEL, vec![owner(ALICE, 1, 1)]);
			MockOwners::insert(SHARED_PARCEL, vec![owner(ALICE, 2, 3), owner(BOB, 1, 3)]);
			MockMortgages::insert(
				SHARED_PARCEL,
				vec![
					MortgageSummary { id: 8, lender: LENDER_B, amount: 2_000, rank: 2 },
					MortgageSummary { id: 7, lender: LENDER_A, amount: 5_000, rank: 1 },
				],
			);
			MockOwners::insert(OTHER_PARCEL, vec![owner(CHARLIE, 1, 1)]);
		});
		ext
	}

	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			try_state().expect("conveyance and escrow invariants hold after the test");
		});
	}
}

/// The conveyance's and the escrow's invariants as the runtime checks them: through the
/// pallets' `try_state` hooks when built with `try-runtime`, else `do_try_state` directly.
pub fn try_state() -> Result<(), sp_runtime::TryRuntimeError> {
	#[cfg(feature = "try-runtime")]
	{
		use frame_support::traits::Hooks;
		<Conveyance as Hooks<u64>>::try_state(System::block_number())?;
		<Escrow as Hooks<u64>>::try_state(System::block_number())
	}
	#[cfg(not(feature = "try-runtime"))]
	{
		Conveyance::do_try_state()?;
		Escrow::do_try_state()
	}
}

pub fn owner(account: u64, numerator: u32, denominator: u32) -> Owner<u64> {
	Owner { account, share: Share { numerator, denominator } }
}

pub fn deed() -> Source {
	Source { kind: SourceKind::Deed, document_hash: H256::repeat_byte(0xde), uri: None }
}
