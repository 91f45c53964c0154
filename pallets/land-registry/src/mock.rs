//! A mock runtime for the registry's tests: accounts are `u64`, registrars are accounts 1, 2 and
//! 3, the council is account 100; dealings that hold a parcel's lock are recorded in
//! [`TestDealings`].

use crate as pallet_land_registry;
use crate::{types::*, Event as RegistryEvent};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Get, SortedMembers},
	BoundedVec,
};
use frame_system::EnsureSignedBy;
use sp_core::H256;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		LandRegistry: pallet_land_registry,
	}
);

/// Registrar accounts.
pub const REGISTRAR: u64 = 1;
pub const OTHER_REGISTRAR: u64 = 2;
pub const THIRD_REGISTRAR: u64 = 3;
/// The account standing for a council majority.
pub const COUNCIL: u64 = 100;
/// Ordinary accounts.
pub const ALICE: u64 = 10;
pub const BOB: u64 = 11;
pub const CHARLIE: u64 = 12;
pub const LENDER: u64 = 20;
/// An account with no funds.
pub const PAUPER: u64 = 99;
/// An account the party policy of the tests refuses ([`TestParties`]).
pub const UNVERIFIED: u64 = 66;

pub const ENCUMBRANCE_DEPOSIT: u64 = 50;
pub const CONSENT_DEPOSIT: u64 = 5;
pub const APPLICATION_DEPOSIT: u64 = 30;
pub const RESTRICTION_DEPOSIT: u64 = 7;
/// Blocks of public notice, of notice for a court order, and to find a second registrar.
pub const NOTICE: u64 = 10;
pub const COURT_ORDER_NOTICE: u64 = 3;
pub const CONFIRMATION: u64 = 20;

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

/// The registrar set of the tests.
pub struct Registrars;
impl SortedMembers<u64> for Registrars {
	fn sorted_members() -> Vec<u64> {
		vec![REGISTRAR, OTHER_REGISTRAR, THIRD_REGISTRAR]
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn add(_: &u64) {}
}

/// The council of the tests.
pub struct Council;
impl SortedMembers<u64> for Council {
	fn sorted_members() -> Vec<u64> {
		vec![COUNCIL]
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn add(_: &u64) {}
}

parameter_types! {
	/// Settable per test (thread-local), so that `integrity_test` can be shown a bad config.
	pub static MaxOwners: u32 = 4;
	/// Settable per test, to show charges below it refused.
	pub static ExistentialDeposit: u64 = 1;
	/// Settable per test: whether [`TestParties`] refuses [`UNVERIFIED`].
	pub static PartyPolicyOn: bool = true;
	pub const MaxEncumbrances: u32 = 4;
	pub const DefaultNoticePeriods: NoticeSchedule<u64> = NoticeSchedule {
		notice: NOTICE,
		court_order_notice: COURT_ORDER_NOTICE,
		confirmation: CONFIRMATION,
	};
}

/// The party policy of the tests: while [`PartyPolicyOn`], everyone may hold but [`UNVERIFIED`].
pub struct TestParties;
impl crate::PartyCheck<u64> for TestParties {
	fn ensure_may_hold(who: &u64) -> sp_runtime::DispatchResult {
		if *who == UNVERIFIED && PartyPolicyOn::get() {
			Err(sp_runtime::DispatchError::Other("party not verified"))
		} else {
			Ok(())
		}
	}

	/// A replacement must be attested whatever the policy: [`UNVERIFIED`] never is.
	fn ensure_may_replace(_: &u64, replacement: &u64) -> sp_runtime::DispatchResult {
		if *replacement == UNVERIFIED {
			Err(sp_runtime::DispatchError::Other("party not verified"))
		} else {
			Ok(())
		}
	}

	fn check_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(10_000, 0)
	}
}

thread_local! {
	static CLOSED_DEALINGS: core::cell::RefCell<Vec<(ParcelId, DealingId)>> = Default::default();
}

/// The dealings of the tests: closing one releases its lock through the registry, as the
/// conveyance does, and is recorded.
pub struct TestDealings;
impl crate::OpenDealings for TestDealings {
	fn close_for_operation_of_law(
		parcel: ParcelId,
		dealing: DealingId,
	) -> sp_runtime::DispatchResult {
		<LandRegistry as crate::TitleRegistry<u64, u64>>::unlock(parcel, dealing)?;
		CLOSED_DEALINGS.with(|closed| closed.borrow_mut().push((parcel, dealing)));
		Ok(())
	}

	fn close_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(1_000_000, 0)
	}
}

/// The dealings closed by operation of law so far.
pub fn closed_dealings() -> Vec<(ParcelId, DealingId)> {
	CLOSED_DEALINGS.with(|closed| closed.borrow().clone())
}

impl pallet_land_registry::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RegistrarOrigin = EnsureSignedBy<Registrars, u64>;
	type EncumbranceDeposit = ConstU64<ENCUMBRANCE_DEPOSIT>;
	type ConsentDeposit = ConstU64<CONSENT_DEPOSIT>;
	type MaxOwners = MaxOwners;
	type MaxEncumbrances = MaxEncumbrances;
	type MaxSplitChildren = ConstU32<4>;
	type MaxMergeParcels = ConstU32<3>;
	type GovernanceOrigin = EnsureSignedBy<Council, u64>;
	type Dealings = TestDealings;
	type Parties = TestParties;
	type ApplicationDeposit = ConstU64<APPLICATION_DEPOSIT>;
	type RestrictionDeposit = ConstU64<RESTRICTION_DEPOSIT>;
	type DefaultNoticePeriods = DefaultNoticePeriods;
	type MaxApplicationsPerParcel = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = SecondRegistrar;
}

/// The benchmarks' second registrar.
#[cfg(feature = "runtime-benchmarks")]
pub struct SecondRegistrar;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for SecondRegistrar {
	fn second_registrar() -> u64 {
		OTHER_REGISTRAR
	}

	/// The test policy ([`TestParties`]) takes every account but [`UNVERIFIED`] as attested.
	fn attested_party(_: &u64) {}
}

/// Builds test externalities; `build_and_execute` checks the registry's invariants after the test.
#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: [REGISTRAR, OTHER_REGISTRAR, THIRD_REGISTRAR, ALICE, BOB, CHARLIE, LENDER]
				.into_iter()
				.map(|account| (account, 1_000))
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			// As at a real genesis: the registry starts at its current storage version (which the
			// invariants of later versions look at).
			use frame_support::traits::GetStorageVersion;
			LandRegistry::in_code_storage_version().put::<LandRegistry>();
		});
		ext
	}

	/// Runs `test`, then checks every invariant of the registry.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			try_state().expect("registry invariants hold after the test");
		});
	}
}

/// The registry's invariants as the runtime checks them: through the pallet's `try_state` hook
/// when built with `try-runtime`, else `do_try_state` directly.
pub fn try_state() -> Result<(), sp_runtime::TryRuntimeError> {
	#[cfg(feature = "try-runtime")]
	return <LandRegistry as frame_support::traits::Hooks<u64>>::try_state(System::block_number());
	#[cfg(not(feature = "try-runtime"))]
	LandRegistry::do_try_state()
}

// ---- Fixtures ------------------------------------------------------------------------------

pub fn bytes<S: Get<u32>>(text: &str) -> BoundedVec<u8, S> {
	text.as_bytes().to_vec().try_into().expect("fixture text fits")
}

pub fn jurisdiction() -> Jurisdiction {
	bytes("KE-NAIROBI")
}

pub fn source(kind: SourceKind, seed: u8) -> Source {
	Source { kind, document_hash: H256::repeat_byte(seed), uri: None }
}

pub fn deed() -> Source {
	source(SourceKind::Deed, 1)
}

pub fn survey() -> Source {
	source(SourceKind::Survey, 2)
}

pub fn attributes(area_m2: u64) -> ParcelAttributes {
	ParcelAttributes {
		area_m2,
		land_use: LandUse::Residential,
		geometry_hash: H256::repeat_byte(9),
	}
}

pub fn share(numerator: u32, denominator: u32) -> Share {
	Share { numerator, denominator }
}

pub fn owner(account: u64, numerator: u32, denominator: u32) -> Owner<u64> {
	Owner { account, share: share(numerator, denominator) }
}

/// A list as a call takes it, bounded; the tests' lists fit.
pub fn bounded<T, S: Get<u32>>(items: Vec<T>) -> BoundedVec<T, S> {
	BoundedVec::try_from(items).unwrap_or_else(|_| panic!("a test list longer than its bound"))
}

pub fn sole(account: u64) -> Vec<Owner<u64>> {
	vec![owner(account, 1, 1)]
}

/// Registers a freehold parcel of `area_m2` under `reference`, owned by `owners`; returns its id.
pub fn register(reference: &str, area_m2: u64, owners: Vec<Owner<u64>>) -> ParcelId {
	LandRegistry::register_parcel(
		RuntimeOrigin::signed(REGISTRAR),
		jurisdiction(),
		bytes(reference),
		attributes(area_m2),
		survey(),
		bounded(owners),
		Tenure::Freehold,
	)
	.expect("fixture parcel registers");
	crate::NextParcelId::<Test>::get() - 1
}

/// The events this pallet emitted, oldest first.
pub fn registry_events() -> Vec<RegistryEvent<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::LandRegistry(event) => Some(event),
			_ => None,
		})
		.collect()
}
