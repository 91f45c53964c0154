//! # Landchain runtime
//!
//! The state transition function of Landchain: a public land registry and property-transfer chain.
//! Aura authors blocks, GRANDPA finalizes them; balances pay fees and back deposits and escrow
//! through fungible holds. The layout follows the polkadot-sdk solochain template:
//! - this file: primitive types, the runtime version and the `#[frame_support::runtime]` declaration;
//! - [`configs`]: one `impl Config` per pallet;
//! - [`apis`]: the runtime APIs the node and clients call;
//! - [`genesis_config_presets`]: the `development` and `local_testnet` genesis states.

#![cfg_attr(not(feature = "std"), no_std)]
// `#[frame_support::runtime]` expands into a very deep type tree.
#![recursion_limit = "256"]

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
#[cfg(test)]
mod tests;
pub mod weights;

use alloc::{borrow::Cow, vec::Vec};
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// The registry's records as this runtime stores them: what its runtime API
/// ([`landchain_primitives::runtime_api::LandRegistryApi`]) returns and the node's `landRegistry_*` RPC serves.
pub mod registry {
	use super::Runtime;

	/// A parcel, active or retired.
	pub type Parcel = pallet_land_registry::ParcelOf<Runtime>;
	/// A title version.
	pub type Title = pallet_land_registry::TitleOf<Runtime>;
	/// An open encumbrance.
	pub type Encumbrance = pallet_land_registry::EncumbranceOf<Runtime>;
	/// A pending application.
	pub type Application = pallet_land_registry::Application<Runtime>;
}

/// The pallets this runtime is built from, for the clients that replay it and read its records
/// (the audit and its tests): they name calls, events, storage items and record types through the
/// runtime they run, so that their crate graph shows them depending on this runtime and
/// `landchain-primitives` alone, and what they read is what this runtime instantiates.
pub mod pallets {
	pub use pallet_collective as collective;
	pub use pallet_conveyance as conveyance;
	pub use pallet_land_registry as land_registry;
	pub use pallet_party_register as party_register;
	pub use pallet_timestamp as timestamp;
	pub use pallet_transaction_payment as transaction_payment;
	pub use pallet_upgrade_gate as upgrade_gate;
}

/// Opaque types: what the node needs to know about blocks without knowing the runtime's types.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as sp_runtime::traits::Hash>::Output;
}

impl_opaque_keys! {
	/// The session keys of a Landchain validator: an Aura key to author, a GRANDPA key to finalize.
	pub struct SessionKeys {
		/// Block authoring key.
		pub aura: Aura,
		/// Finality voting key.
		pub grandpa: Grandpa,
	}
}

/// The runtime's name, shown by Polkadot.js and checked by runtime upgrades.
pub const SPEC_NAME: &str = "landchain";

/// The runtime version. `spec_version` must go up with every runtime upgrade.
#[cfg(not(feature = "upgrade-test"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("landchain"),
	impl_name: Cow::Borrowed("landchain-node"),
	authoring_version: 1,
	spec_version: 102,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	// 2: the registry's single-registrar calls (indices 2, 5, 6, 7) were retired for applications.
	transaction_version: 2,
	system_version: 1,
};

/// The runtime version of the *upgrade-test* build (feature `upgrade-test`, built as
/// `landchain-runtime-upgrade-test`): the same runtime with `spec_version` one higher, which the
/// governance upgrade tests take through a council motion on a live chain. The runtime
/// version attribute needs literals, hence the second declaration; keep every other field equal.
#[cfg(feature = "upgrade-test")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("landchain"),
	impl_name: Cow::Borrowed("landchain-node"),
	authoring_version: 1,
	spec_version: 103,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

/// Block time. A registry needs neither fast nor slow blocks; 3 s keeps clerks' and tests'
/// round trips short. It cannot be changed once a chain has started.
pub const MILLI_SECS_PER_BLOCK: u64 = 3000;
/// Aura slot duration, equal to the block time.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

include!("token.rs");
/// The SS58 address prefix (chain property `ss58Format`). 42 is the generic Substrate prefix:
/// addresses look like `5Grw…`, exactly as Polkadot.js shows dev accounts by default.
pub const SS58_PREFIX: u16 = 42;

/// One LAND in planck (the indivisible unit).
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a LAND.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// A millionth of a LAND.
pub const MICRO_UNIT: Balance = 1_000_000;
/// The least balance an account must keep to exist.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// A transaction signature: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// An account: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// An amount of LAND, in planck.
pub type Balance = u128;
/// The count of transactions an account has sent.
pub type Nonce = u32;
/// A hash (blake2-256).
pub type Hash = sp_core::H256;
/// A block number.
pub type BlockNumber = u32;
/// How transactions name an account.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block with its justifications.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The checks every signed transaction goes through, in order. `CheckMetadataHash` lets a signer
/// commit to the runtime's metadata hash (RFC 78, compiled in by `build.rs`): an offline or
/// hardware signer (Ledger's generic app) shows the call decoded from metadata it can prove, and
/// a transaction signed for other metadata fails its signature check.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// The extensions a client signs with: `nonce`, `era`, no tip. The one place the offline signers
/// (the audit's synthetic chains, the node's benchmarks, the runtime's tests) build them.
pub fn transaction_extension(nonce: Nonce, era: generic::Era) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(era),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
		// Signed without the metadata hash (mode 0), as Polkadot.js does by default.
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	)
}

/// What a signer signs besides the call and the extensions' own data (their "implicit" data), for
/// an immortal transaction (`transaction_extension(_, Era::Immortal)`) on the chain with
/// `genesis_hash`, runtime versions as given, signed without the metadata hash: the one place the
/// offline signers (the audit's synthetic chains, the node's benchmarks) build it.
pub fn immortal_implicit(
	spec_version: u32,
	transaction_version: u32,
	genesis_hash: Hash,
) -> <TxExtension as sp_runtime::traits::TransactionExtension<RuntimeCall>>::Implicit {
	((), spec_version, transaction_version, genesis_hash, genesis_hash, (), (), (), None, ())
}

/// A transaction as it arrives in a block.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload a signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run at the next runtime upgrade, beyond those of the pallets' own hooks.
/// (Migrations too large for one block are in `configs::MultiBlockMigrationSet`.)
/// Every entry is a `VersionedMigration`, so it runs exactly once, on the storage version it
/// migrates from, and is a no-op on chains that started later (genesis sets the current version).
/// `tests::try_runtime` runs them with their `pre_upgrade`/`post_upgrade` checks on every preset.
pub type Migrations = (
	// Escrow storage 1 → 2: escrows record their storage deposit.
	pallet_escrow::migrations::v2::MigrateV1ToV2<Runtime>,
	// Conveyance storage 1 → 2: offers carry lenders, redemption figures and the duty rate
	// fixed at funding.
	pallet_conveyance::migrations::v2::MigrateV1ToV2<Runtime>,
);

/// Dispatches blocks and transactions to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// The pallets of Landchain, each at a fixed index: never renumber (it breaks signed transactions
/// and Polkadot.js).
#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	/// Accounts, blocks, events and runtime upgrades.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	/// Block timestamps.
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	/// Block authoring (Aura).
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	/// Finality (GRANDPA).
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	/// LAND balances, holds and freezes.
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	/// Transaction fees.
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	/// Storage migrations that take several blocks (`configs::MultiBlockMigrationSet`).
	#[runtime::pallet_index(6)]
	pub type MultiBlockMigrations = pallet_migrations;

	/// The registry: parcels, titles, encumbrances, split/merge and title history.
	#[runtime::pallet_index(10)]
	pub type LandRegistry = pallet_land_registry;

	/// Escrow on holds: sale prices wait here until settlement or refund.
	#[runtime::pallet_index(11)]
	pub type Escrow = pallet_escrow;

	/// The sale workflow: offer, consent, accept and fund, approval and atomic settlement.
	#[runtime::pallet_index(12)]
	pub type Conveyance = pallet_conveyance;

	/// Verified parties: salted commitments attested by the registrars, and the council's policy
	/// that only verified parties take title or a charge.
	#[runtime::pallet_index(13)]
	pub type PartyRegister = pallet_party_register;

	/// The registry council: officials who govern registrars, parameters and upgrades by motion.
	#[runtime::pallet_index(20)]
	pub type Council = pallet_collective<Instance1>;

	/// The registrar set: accounts that may record in the registry; changed by the council.
	#[runtime::pallet_index(21)]
	pub type Registrars = pallet_membership<Instance1>;

	/// Runtime upgrades authorized by two thirds of the council, never by a key.
	#[runtime::pallet_index(22)]
	pub type UpgradeGate = pallet_upgrade_gate;

	/// Parameters the registry council changes without a runtime upgrade (the deposits).
	#[runtime::pallet_index(23)]
	pub type Parameters = pallet_parameters;

	/// The treasury: transfer duty accumulates in its account; the council spends from it by
	/// motion, within limits (a simple majority up to 100,000 LAND).
	#[runtime::pallet_index(24)]
	pub type Treasury = pallet_treasury;

	/// Batches: several calls in one transaction, all or nothing with `batch_all` (a clerk's
	/// split and the easement on a child; bulk registration on migration day).
	#[runtime::pallet_index(30)]
	pub type Utility = pallet_utility;

	/// Proxies: a registry office (a registrar) lets its clerks' keys sign its registry calls
	/// (`RegistryClerk`), and nothing else.
	#[runtime::pallet_index(31)]
	pub type Proxy = pallet_proxy;

	/// Multisig accounts: an office or the council may hold an account that M of N keys sign
	/// for, even a registrar's.
	#[runtime::pallet_index(32)]
	pub type Multisig = pallet_multisig;
}
