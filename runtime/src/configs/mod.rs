//! One `impl Config` per pallet of the Landchain runtime.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	dynamic_params::{dynamic_pallet_params, dynamic_params},
	parameter_types,
	traits::{
		AsEnsureOriginWithArg, ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, InstanceFilter,
		VariantCountOf,
	},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, ConstantMultiplier, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{FungibleAdapter, Multiplier};
use scale_info::TypeInfo;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{
	traits::{BlakeTwo256, One},
	FixedPointNumber, FixedU128, Perbill, Permill,
};
use sp_version::RuntimeVersion;

use super::{
	AccountId, Aura, Balance, Balances, Block, BlockNumber, Escrow, Hash, LandRegistry,
	MultiBlockMigrations, Nonce, OriginCaller, PalletInfo, Registrars, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask, System,
	Treasury, EXISTENTIAL_DEPOSIT, MICRO_UNIT, MILLI_UNIT, SLOT_DURATION, SS58_PREFIX, UNIT,
	VERSION,
};
use crate::weights as measured;
use frame_system::EnsureSignedBy;

/// Three quarters of each block is for ordinary transactions, the rest for operational ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	/// How many recent block hashes the runtime keeps (for mortal transactions).
	pub const BlockHashCount: BlockNumber = 2400;
	/// The runtime version, exposed to `frame_system`.
	pub const Version: RuntimeVersion = VERSION;
	/// Up to 1 s of computation per 3 s block, three quarters of it for ordinary transactions;
	/// an empty block and each extrinsic's fixed cost as measured on this runtime
	/// (`benchmark overhead`, `runtime/src/weights/block_weights.rs`, `extrinsic_weights.rs`).
	pub RuntimeBlockWeights: BlockWeights = block_weights(
		Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
	);
	/// Up to 5 MiB per block, three quarters of it for ordinary transactions.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
		.build();
	/// The SS58 prefix of Landchain addresses.
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

/// The storage a signed transaction's extensions access, as their benchmarks list it: the
/// sender's account, read and written by `CheckNonce` and again by `ChargeTransactionPayment`.
const EXTENSIONS_READS_WRITES: (u64, u64) = (2, 2);

/// The computation of the transaction extensions of one signed transaction, as their own
/// benchmarks measured it: their weights without the database reads and writes they also charge
/// (`EXTENSIONS_READS_WRITES` at `DbWeight`).
pub fn transaction_extensions_ref_time() -> Weight {
	use frame_system::ExtensionsWeightInfo as System;
	use pallet_transaction_payment::WeightInfo as Payment;
	type Extensions = measured::frame_system_extensions::WeightInfo<Runtime>;
	type Fees = measured::pallet_transaction_payment::WeightInfo<Runtime>;
	let mortality = Extensions::check_mortality_mortal_transaction()
		.max(Extensions::check_mortality_immortal_transaction());
	let total = [
		Extensions::check_non_zero_sender(),
		Extensions::check_spec_version(),
		Extensions::check_tx_version(),
		Extensions::check_genesis(),
		mortality,
		Extensions::check_nonce(),
		Extensions::check_weight(),
		Fees::charge_transaction_payment(),
		Extensions::weight_reclaim(),
	]
	.into_iter()
	.fold(Weight::zero(), |sum, weight| sum.saturating_add(weight));
	let (reads, writes) = EXTENSIONS_READS_WRITES;
	let storage = <Runtime as frame_system::Config>::DbWeight::get().reads_writes(reads, writes);
	Weight::from_parts(total.ref_time().saturating_sub(storage.ref_time()), 0)
}

/// The fixed cost of any extrinsic beyond its transaction extensions: `benchmark overhead`
/// measures a whole signed `system.remark` (signature check and every extension included), and
/// each extension's weight is charged on its own too, so their computation is taken out of the
/// measured figure instead of being counted twice (polkadot-sdk issue 9981, the "subtraction"
/// model).
pub fn extrinsic_base_weight() -> Weight {
	measured::extrinsic_weights::ExtrinsicBaseWeight::get()
		.saturating_sub(transaction_extensions_ref_time())
}

/// `BlockWeights::with_sensible_defaults` with the base weights measured on this runtime instead
/// of upstream's.
fn block_weights(max_block: Weight) -> BlockWeights {
	let normal = NORMAL_DISPATCH_RATIO * max_block;
	BlockWeights::builder()
		.base_block(measured::block_weights::BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| weights.base_extrinsic = extrinsic_base_weight())
		.for_class(DispatchClass::Normal, |weights| weights.max_total = normal.into())
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = max_block.into();
			weights.reserved = (max_block - normal).into();
		})
		.avg_block_initialization(Perbill::from_percent(10))
		.build()
		.expect("the measured base weights fit a 1 s block; the runtime tests build this")
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// The node stores state in ParityDB: a read and a write as measured on it
	/// (`benchmark storage`, `runtime/src/weights/paritydb_weights.rs`).
	type DbWeight = measured::paritydb_weights::constants::ParityDbWeight;
	/// Measured on this runtime (`runtime/src/weights/`), like the extensions below.
	type SystemWeightInfo = measured::frame_system::WeightInfo<Runtime>;
	/// What each transaction extension (nonce, era, weight, genesis, …) costs every transaction.
	type ExtensionsWeightInfo = measured::frame_system_extensions::WeightInfo<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	/// Storage migrations too large for one block run over several (`pallet-migrations`);
	/// blocks carry no transactions until they end.
	type MultiBlockMigrator = MultiBlockMigrations;
}

parameter_types! {
	/// What a block spends on a multi-block migration: most of it, since it carries no
	/// transactions meanwhile.
	pub MigrationServiceWeight: Weight = Perbill::from_percent(80) * RuntimeBlockWeights::get().max_block;
}

/// The storage migrations run over several blocks at the next runtime upgrade (see
/// [`crate::Migrations`] for those of one block). `pallet-migrations` runs each once, recording it
/// by its identifier; a migration with nothing to do ends in its first step.
#[cfg(not(feature = "runtime-benchmarks"))]
pub type MultiBlockMigrationSet = (
	// Land registry storage 1 → 2: the document index (`Citations`) of every stored record.
	pallet_land_registry::migrations::v2::IndexCitations<
		Runtime,
		pallet_land_registry::weights::SubstrateWeight<Runtime>,
	>,
);

impl pallet_migrations::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	#[cfg(not(feature = "runtime-benchmarks"))]
	type Migrations = MultiBlockMigrationSet;
	/// The pallet's own benchmarks run mocked migrations.
	#[cfg(feature = "runtime-benchmarks")]
	type Migrations = pallet_migrations::mock_helpers::MockedMigrations;
	type CursorMaxLen = ConstU32<256>;
	type IdentifierMaxLen = ConstU32<64>;
	type MigrationStatusHandler = ();
	/// A failed migration does not stop the registry: the chain resumes taking transactions and
	/// the migration, not recorded as done, runs again at the next upgrade. Landchain's
	/// multi-block migrations build derived data (an index) that a rerun completes; freezing the
	/// chain would stop every dealing for the sake of a search index.
	type FailedMigrationHandler = frame_support::migrations::ForceUnstuckOnFailedMigration;
	type MaxServiceWeight = MigrationServiceWeight;
	type WeightInfo = measured::pallet_migrations::WeightInfo<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	/// Measured on this runtime: `timestamp.set` is in every block.
	type WeightInfo = measured::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	/// Named reserves are not used: Landchain's deposits and escrow use holds (the upstream
	/// proxy and multisig pallets reserve their deposits, unnamed).
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = measured::pallet_balances::WeightInfo<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

/// What a picosecond of weight costs at the base fee: 200 planck. A typical registry call
/// (about 200 µs with its extrinsic's fixed cost) costs about 0.04 LAND; the ordinary three
/// quarters of a block (0.75 s) cost 150 LAND, so a day of full blocks (28,800) costs at least
/// 4.3 M LAND at the base fee and, as the congestion multiplier climbs through the day
/// (× 8.7 after 24 hours of full blocks), about 15 M LAND: fifteen times a demo account's
/// balance. `docs/DESIGN.md` ("Fees") has the reasoning.
pub const FEE_PER_WEIGHT: Balance = 200;

parameter_types! {
	/// Fees rise while ordinary transactions fill more than a quarter of the blocks' weight, and
	/// fall back to the base fee as they empty (the targeted fee adjustment Polkadot uses).
	pub const TargetBlockFullness: sp_runtime::Perquintill = sp_runtime::Perquintill::from_percent(25);
	/// How fast: each full block raises the multiplier by about 0.0075 % (× 1.09 an hour and
	/// × 8.7 a day of full blocks); each empty block lowers it by about 0.0025 %.
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(1, 10_000);
	/// Fees never fall below the base fee: it is what the economy above is reckoned in.
	pub MinimumMultiplier: Multiplier = Multiplier::one();
	/// No ceiling: a sustained attack keeps getting dearer.
	pub MaximumMultiplier: Multiplier = sp_runtime::traits::Bounded::max_value();
}

/// The congestion multiplier's update after each block.
pub type FeeMultiplierUpdate = pallet_transaction_payment::TargetedFeeAdjustment<
	Runtime,
	TargetBlockFullness,
	AdjustmentVariable,
	MinimumMultiplier,
	MaximumMultiplier,
>;

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Fees are burned (taken out of issuance).
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	/// An operational call (the registrars' recording calls, the council's votes and closes)
	/// takes its priority in the pool as if it had paid five times its fee as a tip, on top of
	/// the quarter of each block that only operational calls may use.
	type OperationalFeeMultiplier = ConstU8<5>;
	/// `FEE_PER_WEIGHT` planck per picosecond of weight.
	type WeightToFee = ConstantMultiplier<Balance, ConstU128<FEE_PER_WEIGHT>>;
	/// One micro-LAND per byte of transaction.
	type LengthToFee = ConstantMultiplier<Balance, ConstU128<MICRO_UNIT>>;
	type FeeMultiplierUpdate = FeeMultiplierUpdate;
	/// Measured on this runtime: `ChargeTransactionPayment`'s cost in every transaction.
	type WeightInfo = measured::pallet_transaction_payment::WeightInfo<Runtime>;
}

/// Parameters the registry council changes by a simple-majority motion, without a runtime
/// upgrade: `parameters.setParameter(RuntimeParameters::Deposits(...))`. The values below are
/// the defaults until the council sets one. A changed deposit applies to records created after
/// the change; every record keeps the deposit it was created with, and gets exactly that back.
#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Runtime>)]
pub mod dynamic_params {
	use super::*;

	/// Deposits held for records that users create, returned when the record closes.
	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod deposits {
		/// A registrar's deposit for each open encumbrance: 1 LAND, returned at release.
		#[codec(index = 0)]
		pub static Encumbrance: Balance = UNIT;
		/// An owner's deposit for each open mortgage consent: 0.1 LAND, returned when used or
		/// withdrawn.
		#[codec(index = 1)]
		pub static MortgageConsent: Balance = 100 * MILLI_UNIT;
		/// An offering seller's deposit until the offer ends: 1 LAND.
		#[codec(index = 2)]
		pub static Offer: Balance = UNIT;
		/// A payer's deposit for each open direct escrow: 0.1 LAND, returned when it closes.
		#[codec(index = 3)]
		pub static DirectEscrow: Balance = 100 * MILLI_UNIT;
		/// A registrar's deposit for each pending application: 1 LAND, returned when it ends.
		#[codec(index = 4)]
		pub static Application: Balance = UNIT;
		/// An owner's deposit for an anti-fraud restriction: 0.1 LAND, returned when it ends.
		#[codec(index = 5)]
		pub static Restriction: Balance = 100 * MILLI_UNIT;
		/// The attesting registrar's deposit for each party attestation: 0.1 LAND, returned
		/// when it is revoked or cleared after expiry.
		#[codec(index = 6)]
		pub static Attestation: Balance = 100 * MILLI_UNIT;
	}
}

/// The parameter the benchmarks of `pallet_parameters` set (the longest encoding is the same
/// for every deposit).
#[cfg(feature = "runtime-benchmarks")]
impl Default for RuntimeParameters {
	fn default() -> Self {
		RuntimeParameters::Deposits(dynamic_params::deposits::Parameters::Encumbrance(
			dynamic_params::deposits::Encumbrance,
			Some(UNIT),
		))
	}
}

impl pallet_parameters::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeParameters = RuntimeParameters;
	/// A simple majority of the registry council sets every parameter.
	type AdminOrigin = AsEnsureOriginWithArg<CouncilMajority>;
	type WeightInfo = measured::pallet_parameters::WeightInfo<Runtime>;
}

parameter_types! {
	/// The most owners a title may have.
	pub const MaxOwners: u32 = 16;
	/// The most open encumbrances a parcel may carry.
	pub const MaxEncumbrances: u32 = 32;
	/// The most children one split may create.
	pub const MaxSplitChildren: u32 = 16;
	/// The most parcels one merge may join.
	pub const MaxMergeParcels: u32 = 8;
	/// The most registrars at once.
	pub const MaxRegistrars: u32 = 64;
	/// The most pending applications on one parcel.
	pub const MaxApplicationsPerParcel: u32 = 8;
	/// Notice periods until the council (or a chain's genesis) sets others: 14 days of public
	/// notice (7 for a court order, which already had its hearing), and 30 days for a second
	/// registrar to confirm.
	pub const DefaultNoticePeriods: pallet_land_registry::NoticeSchedule<BlockNumber> =
		pallet_land_registry::NoticeSchedule {
			notice: 14 * crate::DAYS,
			court_order_notice: 7 * crate::DAYS,
			confirmation: 30 * crate::DAYS,
		};
}

impl pallet_land_registry::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Registrars are the members of the `Registrars` set.
	type RegistrarOrigin = EnsureSignedBy<Registrars, AccountId>;
	type EncumbranceDeposit = dynamic_params::deposits::Encumbrance;
	type ConsentDeposit = dynamic_params::deposits::MortgageConsent;
	type MaxOwners = MaxOwners;
	type MaxEncumbrances = MaxEncumbrances;
	type MaxSplitChildren = MaxSplitChildren;
	type MaxMergeParcels = MaxMergeParcels;
	/// A council majority decides objected applications and sets the notice periods.
	type GovernanceOrigin = CouncilMajority;
	/// A court order or inheritance closes an open sale of the parcel.
	type Dealings = crate::Conveyance;
	/// Title and charges go to verified parties only while the council's policy says so.
	type Parties = crate::PartyRegister;
	type ApplicationDeposit = dynamic_params::deposits::Application;
	type RestrictionDeposit = dynamic_params::deposits::Restriction;
	type DefaultNoticePeriods = DefaultNoticePeriods;
	type MaxApplicationsPerParcel = MaxApplicationsPerParcel;
	type WeightInfo = pallet_land_registry::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = SecondRegistrarHelper;
}

/// Gives the registry's benchmarks a second registrar: the second member of the registrar set,
/// admitted for the benchmark if the set has only one.
#[cfg(feature = "runtime-benchmarks")]
pub struct SecondRegistrarHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_land_registry::BenchmarkHelper<AccountId> for SecondRegistrarHelper {
	fn second_registrar() -> AccountId {
		type Members = pallet_membership::Members<Runtime, RegistrarsInstance>;
		if Members::get().len() < 2 {
			let account: AccountId = frame_benchmarking::account("registrar", 1, 0);
			Members::mutate(|members| {
				members.try_push(account).expect("room for a second registrar");
				members.sort();
			});
		}
		// The first member is the one `try_successful_origin` yields.
		Members::get()[1].clone()
	}

	/// Records an attestation of `who` as a person for a year, its deposit held from itself.
	fn attested_party(who: &AccountId) {
		use frame_support::traits::{
			fungible::{Inspect, Mutate, MutateHold},
			Get,
		};
		let deposit = dynamic_params::deposits::Attestation::get();
		let funds = deposit.saturating_add(Balances::minimum_balance()).saturating_mul(10);
		Balances::set_balance(who, funds);
		Balances::hold(&pallet_party_register::HoldReason::AttestationDeposit.into(), who, deposit)
			.expect("the office was funded for the deposit");
		let now = System::block_number();
		pallet_party_register::Parties::<Runtime>::insert(
			who,
			pallet_party_register::Attestation {
				commitment: Default::default(),
				kind: pallet_party_register::PartyKind::Person,
				office: who.clone(),
				attested_at: now,
				expires_at: now.saturating_add(crate::DAYS.saturating_mul(365)),
				deposit,
			},
		);
	}
}

/// The registry council's collective instance.
pub type CouncilInstance = pallet_collective::Instance1;

/// A simple majority of the registry council (more than half of its members): admits and removes
/// registrars, sets the transfer duty and the treasury.
pub type CouncilMajority =
	pallet_collective::EnsureProportionMoreThan<AccountId, CouncilInstance, 1, 2>;

/// Two thirds of the registry council: authorizes runtime upgrades and changes its own membership.
pub type CouncilTwoThirds =
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilInstance, 2, 3>;

parameter_types! {
	/// How long a council motion stays open for votes: 3 days. A motion that reaches its
	/// threshold earlier can be closed at once.
	pub const CouncilMotionDuration: BlockNumber = 3 * crate::DAYS;
	/// A motion may use at most half a block's weight.
	pub MaxCouncilProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
	/// While fewer than four motions are open, proposing one needs no deposit: day-to-day
	/// governance (a registrar, a parameter, a spend) stays free.
	pub const CouncilFreeMotions: u32 = 4;
	/// The fifth open motion's deposit: 1,000 LAND; each further one doubles it (the
	/// tenth costs 32,000 LAND, the fifteenth 1,024,000). One member can hold at most a handful
	/// of the `MaxProposals` slots before its balance runs out.
	pub const CouncilMotionDepositBase: Balance = 1_000 * UNIT;
	/// How much each further open motion's deposit grows: × 2.
	pub CouncilMotionDepositRatio: FixedU128 = FixedU128::from_u32(2);
	/// Why a proposer's deposit is held.
	pub const CouncilProposalHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Council(pallet_collective::HoldReason::ProposalSubmission);
}

/// A council motion's deposit, by how many motions are already open: none for the first
/// `CouncilFreeMotions`, then `CouncilMotionDepositBase` doubling with each further one. Held on
/// the proposer's balance; once the motion is closed (approved or not), anyone may call
/// `council.releaseProposalCost` to return it. A motion two thirds of the council kill as spam
/// (`council.kill`) loses its deposit: it is burned.
pub type CouncilMotionDeposit = pallet_collective::deposit::Delayed<
	CouncilFreeMotions,
	pallet_collective::deposit::Geometric<CouncilMotionDepositRatio, CouncilMotionDepositBase>,
>;

impl pallet_collective::Config<CouncilInstance> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<32>;
	/// Members who do not vote are counted as voting with the prime member, if one is set.
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// The council changes its own membership by a two-thirds motion.
	type SetMembersOrigin = CouncilTwoThirds;
	type MaxProposalWeight = MaxCouncilProposalWeight;
	type DisapproveOrigin = CouncilTwoThirds;
	type KillOrigin = CouncilTwoThirds;
	/// A deposit once several motions are open, so that one member cannot fill the
	/// `MaxProposals` slots and stall governance (`CouncilMotionDeposit`).
	type Consideration = frame_support::traits::fungible::HoldConsideration<
		AccountId,
		Balances,
		CouncilProposalHoldReason,
		CouncilMotionDeposit,
		u32,
	>;
}

/// The registrar set. Genesis seeds it; a simple majority of the council changes it.
pub type RegistrarsInstance = pallet_membership::Instance1;
impl pallet_membership::Config<RegistrarsInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = CouncilMajority;
	type RemoveOrigin = CouncilMajority;
	type SwapOrigin = CouncilMajority;
	type ResetOrigin = CouncilMajority;
	type PrimeOrigin = CouncilMajority;
	type MembershipInitialized = ();
	type MembershipChanged = ();
	type MaxMembers = MaxRegistrars;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// The most parts one escrow release pays: every mortgage, the duty and every seller.
	pub const MaxEscrowParts: u32 = 64;
	/// The most payouts of one settlement: every mortgage, the duty and every seller.
	pub MaxPayouts: u32 = MaxEncumbrances::get() + 1 + MaxOwners::get();
	/// The most lenders one purchase may have: a first and a second charge are common, more
	/// are rare.
	pub const MaxAdvances: u32 = 4;
	/// The transfer duty can never exceed 20 % of a price, whatever governance votes. (The
	/// highest residential rates in force are around 17 %; the bound leaves room above them
	/// and stops a motion from taking a seller's proceeds.)
	pub const MaxDutyRate: Permill = Permill::from_percent(20);
	/// The treasury's account (pallet-treasury's), which receives transfer duty from genesis
	/// (governance may point the duty elsewhere with `set_transfer_duty`).
	pub const TreasuryPalletId: frame_support::PalletId = frame_support::PalletId(*b"lc/trsry");
}

parameter_types! {
	/// How often approved local spends are paid and the spend period's bookkeeping runs.
	pub const TreasurySpendPeriod: BlockNumber = crate::DAYS;
	/// Nothing of the treasury is burned: duty is public money kept for spending.
	pub const TreasuryBurn: Permill = Permill::zero();
	/// A spend may be paid out within 30 days of becoming valid.
	pub const TreasuryPayoutPeriod: BlockNumber = 30 * crate::DAYS;
	/// The most a simple majority of the council may spend in one motion: 100,000 LAND.
	pub const MajoritySpendLimit: Balance = 100_000 * UNIT;
	/// The most two thirds of the council may spend in one motion: 10,000,000 LAND.
	pub const TwoThirdsSpendLimit: Balance = 10_000_000 * UNIT;
	/// The treasury's own account, for paying spends out of it.
	pub TreasuryAccount: AccountId = Treasury::account_id();
}

/// Who may spend from the treasury, and how much: a simple majority of the council up to
/// `MajoritySpendLimit`, two thirds up to `TwoThirdsSpendLimit`. No key alone can spend.
pub type TreasurySpender = frame_support::traits::EitherOf<
	frame_system::EnsureWithSuccess<CouncilTwoThirds, AccountId, TwoThirdsSpendLimit>,
	frame_system::EnsureWithSuccess<CouncilMajority, AccountId, MajoritySpendLimit>,
>;

/// Pays treasury spends from the treasury's account, never below its existential deposit: the
/// treasury must stay able to receive any duty, however small (less than the existential deposit
/// cannot be paid to an account that does not exist). A spend that would empty it fails at
/// `payout` with `PayoutError`, and can be paid once the treasury has received enough.
pub struct TreasuryPaymaster;
impl frame_support::traits::tokens::Pay for TreasuryPaymaster {
	type Balance = Balance;
	type Beneficiary = AccountId;
	type AssetKind = ();
	type Id = ();
	type Error = sp_runtime::DispatchError;

	fn pay(who: &AccountId, _: (), amount: Balance) -> Result<(), Self::Error> {
		use frame_support::traits::{fungible::Mutate, tokens::Preservation};
		<Balances as Mutate<AccountId>>::transfer(
			&TreasuryAccount::get(),
			who,
			amount,
			Preservation::Preserve,
		)?;
		Ok(())
	}

	fn check_payment(_: ()) -> frame_support::traits::tokens::PaymentStatus {
		frame_support::traits::tokens::PaymentStatus::Success
	}

	/// The treasury holds the amount above its existential deposit, and the beneficiary exists.
	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(who: &AccountId, _: (), amount: Balance) {
		use frame_support::traits::fungible::Mutate;
		<Balances as Mutate<AccountId>>::mint_into(
			&TreasuryAccount::get(),
			amount.saturating_add(EXISTENTIAL_DEPOSIT),
		)
		.expect("the benchmark funds the treasury");
		<Balances as Mutate<AccountId>>::mint_into(who, EXISTENTIAL_DEPOSIT)
			.expect("the benchmark's beneficiary exists");
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_concluded(_: ()) {}
}

impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	/// A council majority rejects a proposal.
	type RejectOrigin = CouncilMajority;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = TreasurySpendPeriod;
	type Burn = TreasuryBurn;
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	type WeightInfo = measured::pallet_treasury::WeightInfo<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = ConstU32<100>;
	type SpendOrigin = TreasurySpender;
	/// Only LAND: spends are paid from the treasury's own account.
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type Paymaster = TreasuryPaymaster;
	type BalanceConverter = frame_support::traits::tokens::UnityAssetBalanceConversion;
	type PayoutPeriod = TreasuryPayoutPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
	type BlockNumberProvider = System;
}

parameter_types! {
	/// The longest a party attestation runs before it must be renewed: ten years.
	pub const MaxAttestationValidity: BlockNumber = 10 * 365 * crate::DAYS;
}

impl pallet_party_register::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// The registrars are the identity office: they attest, renew and revoke.
	type AttestOrigin = EnsureSignedBy<Registrars, AccountId>;
	/// A council majority turns the verified-parties policy on or off.
	type GovernanceOrigin = CouncilMajority;
	type AttestationDeposit = dynamic_params::deposits::Attestation;
	type MaxValidity = MaxAttestationValidity;
	type WeightInfo = pallet_party_register::weights::SubstrateWeight<Runtime>;
}

impl pallet_escrow::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type EscrowDeposit = dynamic_params::deposits::DirectEscrow;
	type MaxParts = MaxEscrowParts;
	type WeightInfo = pallet_escrow::weights::SubstrateWeight<Runtime>;
}

impl pallet_conveyance::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registry = LandRegistry;
	type Escrow = Escrow;
	/// Grantees and lenders must be verified parties while the council's policy says so.
	type Parties = crate::PartyRegister;
	/// Registrars approve and reject transfers.
	type RegistrarOrigin = EnsureSignedBy<Registrars, AccountId>;
	/// A simple majority of the registry council sets the duty and the treasury.
	type GovernanceOrigin = CouncilMajority;
	type OfferDeposit = dynamic_params::deposits::Offer;
	type MaxParties = MaxOwners;
	type MaxPayouts = MaxPayouts;
	type MaxAdvances = MaxAdvances;
	type MaxDutyRate = MaxDutyRate;
	type WeightInfo = pallet_conveyance::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = RegistryBenchmarkHelper;
}

/// Lets the conveyance's benchmarks create parcels in the real registry.
#[cfg(feature = "runtime-benchmarks")]
pub struct RegistryBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_conveyance::BenchmarkHelper<AccountId, Balance> for RegistryBenchmarkHelper {
	fn create_parcel(
		owners: &[AccountId],
		mortgages: u32,
		amount: Balance,
	) -> pallet_land_registry::ParcelId {
		LandRegistry::benchmark_parcel(owners, mortgages, amount)
	}
}

impl pallet_upgrade_gate::Config for Runtime {
	/// Two thirds of the registry council authorize a runtime upgrade.
	type UpgradeOrigin = CouncilTwoThirds;
	type WeightInfo = pallet_upgrade_gate::weights::SubstrateWeight<Runtime>;
}

/// What a proxy may do for the account that appointed it (Polkadot.js shows these names).
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Anything the account itself may do.
	#[default]
	#[codec(index = 0)]
	Any,
	/// A registry clerk: the registrar calls of the land registry (register, record, split,
	/// merge, propose, confirm and withdraw applications) and of the conveyance (approve, reject),
	/// alone or in batches — nothing else: no transfers, no proxies, no governance. A registry
	/// office (a registrar) appoints its clerks' keys with it and removes a clerk without
	/// touching the office's own record. The clerks act as the office: two clerks of one office
	/// are one registrar, so four eyes still need a second office.
	#[codec(index = 1)]
	RegistryClerk,
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		use pallet_conveyance::Call as Conveyance;
		use pallet_land_registry::Call as Registry;
		match self {
			ProxyType::Any => true,
			ProxyType::RegistryClerk => matches!(
				call,
				RuntimeCall::LandRegistry(
					Registry::register_parcel { .. }
						| Registry::record_encumbrance { .. }
						| Registry::split_parcel { .. }
						| Registry::merge_parcels { .. }
						| Registry::propose_application { .. }
						| Registry::confirm_application { .. }
						| Registry::withdraw_application { .. }
				) | RuntimeCall::Conveyance(Conveyance::approve { .. } | Conveyance::reject { .. })
					// The batch's calls are filtered one by one: the proxy's filter stays on
					// the origin they are dispatched with.
					| RuntimeCall::Utility(
						pallet_utility::Call::batch { .. }
							| pallet_utility::Call::batch_all { .. }
							| pallet_utility::Call::force_batch { .. }
					)
			),
		}
	}

	fn is_superset(&self, other: &Self) -> bool {
		match (self, other) {
			(ProxyType::Any, _) => true,
			(ProxyType::RegistryClerk, ProxyType::RegistryClerk) => true,
			(ProxyType::RegistryClerk, ProxyType::Any) => false,
		}
	}
}

parameter_types! {
	/// A proxy list's deposit: a base for the record and a part per proxy (its account, type
	/// and delay), reserved from the account that appoints them and returned when removed.
	pub const ProxyDepositBase: Balance = UNIT;
	pub const ProxyDepositFactor: Balance = 100 * MILLI_UNIT;
	/// An announced (time-delayed) proxy call's deposit.
	pub const AnnouncementDepositBase: Balance = UNIT;
	pub const AnnouncementDepositFactor: Balance = 100 * MILLI_UNIT;
	/// A pending multisig operation's deposit, from its first approver until it executes or is
	/// cancelled: a base and a part per approval needed (the threshold).
	pub const MultisigDepositBase: Balance = UNIT;
	pub const MultisigDepositFactor: Balance = 100 * MILLI_UNIT;
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	/// An office appoints at most 32 clerks (or other proxies).
	type MaxProxies = ConstU32<32>;
	type WeightInfo = measured::pallet_proxy::WeightInfo<Runtime>;
	type MaxPending = ConstU32<32>;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = MultisigDepositBase;
	type DepositFactor = MultisigDepositFactor;
	/// Up to 16 signatories: a council or an office's senior clerks.
	type MaxSignatories = ConstU32<16>;
	type WeightInfo = measured::pallet_multisig::WeightInfo<Runtime>;
	type BlockNumberProvider = System;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	/// A batch dispatches each call with the batch's own origin: a registrar's batch is the
	/// registrar's calls, nothing more (`dispatch_as` and `with_weight` need root, which no key
	/// holds).
	type PalletsOrigin = OriginCaller;
	type WeightInfo = measured::pallet_utility::WeightInfo<Runtime>;
}
