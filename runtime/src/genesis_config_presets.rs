//! Genesis presets: the initial state of a new Landchain network.
//!
//! - `development` (`--dev`): Alice alone authors and finalizes; the dev accounts are funded;
//!   Alice and Bob are registrars; a handful of demo parcels are registered so that a new user
//!   sees real data in Polkadot.js at once.
//! - `local_testnet` (`--chain local`): Alice, Bob and Charlie validate and are registrars; the
//!   dev accounts are funded; the registry starts empty.
//!
//! Neither preset has a sudo key: privileged actions come from on-chain governance.

use crate::{
	configs::TreasuryPalletId, AccountId, BalancesConfig, BlockNumber, ConveyanceConfig,
	CouncilConfig, LandRegistryConfig, PartyRegisterConfig, RegistrarsConfig, RuntimeGenesisConfig,
	UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use pallet_land_registry::{GenesisParcel, LandUse, NoticeSchedule};

/// The dev chain's notice periods, short enough to try the two-registrar path by hand: 5 blocks
/// (15 s) of public notice, 3 for a court order, and 200 blocks (10 min) to find a second
/// registrar. Other chains use the runtime's defaults (14, 7 and 30 days).
pub const DEV_NOTICE_PERIODS: NoticeSchedule<BlockNumber> =
	NoticeSchedule { notice: 5, court_order_notice: 3, confirmation: 200 };
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::H256;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::traits::{BlakeTwo256, Hash as _};
use sp_runtime::{traits::AccountIdConversion, Permill};

/// What every funded dev account starts with: one million LAND.
pub const ENDOWMENT: crate::Balance = 1_000_000 * UNIT;

/// The Aura and GRANDPA keys of a well-known dev validator.
fn authority_keys(keyring: Sr25519Keyring) -> (AuraId, GrandpaId) {
	let ed25519 = match keyring {
		Sr25519Keyring::Alice => Ed25519Keyring::Alice,
		Sr25519Keyring::Bob => Ed25519Keyring::Bob,
		Sr25519Keyring::Charlie => Ed25519Keyring::Charlie,
		Sr25519Keyring::Dave => Ed25519Keyring::Dave,
		Sr25519Keyring::Eve => Ed25519Keyring::Eve,
		_ => Ed25519Keyring::Ferdie,
	};
	(keyring.public().into(), ed25519.public().into())
}

/// The transfer duty at genesis: 2 % of every price.
pub const TRANSFER_DUTY_PERCENT: u32 = 2;

/// The account that receives transfer duty.
pub fn treasury_account() -> AccountId {
	TreasuryPalletId::get().into_account_truncating()
}

/// The accounts that start funded: Alice to Ferdie, their stash accounts and the treasury (so
/// that it exists to receive duty).
fn endowed_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter()
		.filter(|k| k != &Sr25519Keyring::One && k != &Sr25519Keyring::Two)
		.map(|k| k.to_account_id())
		.chain([treasury_account()])
		.collect()
}

/// A stand-in for the hash of an off-chain document or geometry.
fn demo_hash(label: &str) -> H256 {
	BlakeTwo256::hash(label.as_bytes())
}

/// One demo parcel.
fn demo_parcel(
	jurisdiction: &str,
	reference: &str,
	area_m2: u64,
	land_use: LandUse,
	owners: Vec<(Sr25519Keyring, u32, u32)>,
	leasehold_expires_at: Option<u64>,
) -> GenesisParcel<AccountId> {
	GenesisParcel {
		jurisdiction: jurisdiction.into(),
		cadastral_reference: reference.into(),
		area_m2,
		land_use,
		geometry_hash: demo_hash(&alloc::format!("geometry {jurisdiction} {reference}")),
		deed_hash: demo_hash(&alloc::format!("deed {jurisdiction} {reference}")),
		owners: owners
			.into_iter()
			.map(|(owner, numerator, denominator)| (owner.to_account_id(), numerator, denominator))
			.collect(),
		leasehold_expires_at,
	}
}

/// The demo registry of the dev chain: fictional districts, dev accounts as owners.
pub fn demo_parcels() -> Vec<GenesisParcel<AccountId>> {
	use Sr25519Keyring::{Charlie, Dave, Eve, Ferdie};
	vec![
		demo_parcel(
			"LC-CENTRAL",
			"BLOCK-1/101",
			650,
			LandUse::Residential,
			vec![(Charlie, 1, 1)],
			None,
		),
		demo_parcel(
			"LC-CENTRAL",
			"BLOCK-1/102",
			1_200,
			LandUse::Residential,
			vec![(Dave, 1, 2), (Eve, 1, 2)],
			None,
		),
		demo_parcel(
			"LC-CENTRAL",
			"BLOCK-4/7",
			3_400,
			LandUse::Commercial,
			vec![(Eve, 1, 1)],
			Some(4_102_444_800),
		),
		demo_parcel(
			"LC-RIVERSIDE",
			"FARM-12",
			185_000,
			LandUse::Agricultural,
			vec![(Ferdie, 1, 3), (Charlie, 1, 3), (Dave, 1, 3)],
			None,
		),
		demo_parcel(
			"LC-RIVERSIDE",
			"FOREST-3",
			920_000,
			LandUse::Forest,
			vec![(Ferdie, 1, 1)],
			None,
		),
	]
}

/// The registry council of both presets: Alice, Bob and Charlie.
pub fn council_members() -> Vec<AccountId> {
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
		.iter()
		.map(|keyring| keyring.to_account_id())
		.collect()
}

/// What a network's genesis chooses: the presets below fill it with the dev keys;
/// `landchain-node production-spec` fills it from a network's own file (and checks it first).
pub struct NetworkGenesis {
	/// The validators' Aura (block authoring) and GRANDPA (finality) keys.
	pub authorities: Vec<(AuraId, GrandpaId)>,
	/// Accounts that start with a balance (the treasury's account among them, so that it exists
	/// to receive duty).
	pub balances: Vec<(AccountId, crate::Balance)>,
	/// The registry council.
	pub council: Vec<AccountId>,
	/// The registrar set (at most `MaxRegistrars`).
	pub registrars: Vec<AccountId>,
	/// Parcels registered at genesis.
	pub parcels: Vec<GenesisParcel<AccountId>>,
	/// Notice periods other than the runtime's defaults.
	pub notice_periods: Option<NoticeSchedule<BlockNumber>>,
	/// The transfer duty on every price (at most `MaxDutyRate`), paid to the treasury.
	pub duty_rate: Permill,
	/// Parties verified before the chain started.
	pub parties: Vec<pallet_party_register::GenesisAttestation<AccountId, BlockNumber>>,
	/// Whether only verified parties may take title from the first block.
	pub require_verified_parties: bool,
}

impl NetworkGenesis {
	/// The genesis config patch. Panics (failing the chain-spec build loudly) if it names more
	/// registrars than the runtime allows; the preset tests build every preset, and
	/// `production-spec` checks a network's file before.
	pub fn to_json(self) -> Value {
		build_struct_json_patch!(RuntimeGenesisConfig {
			balances: BalancesConfig { balances: self.balances },
			aura: pallet_aura::GenesisConfig {
				authorities: self.authorities.iter().map(|keys| keys.0.clone()).collect::<Vec<_>>(),
			},
			grandpa: pallet_grandpa::GenesisConfig {
				authorities: self
					.authorities
					.iter()
					.map(|keys| (keys.1.clone(), 1))
					.collect::<Vec<_>>(),
			},
			registrars: RegistrarsConfig {
				members: self
					.registrars
					.try_into()
					.expect("more registrars than MaxRegistrars allows: fix the genesis"),
			},
			council: CouncilConfig { members: self.council },
			land_registry: LandRegistryConfig {
				parcels: self.parcels,
				notice_periods: self.notice_periods
			},
			conveyance: ConveyanceConfig {
				duty_rate: self.duty_rate,
				treasury: Some(treasury_account()),
			},
			party_register: PartyRegisterConfig {
				require_verified_parties: self.require_verified_parties,
				parties: self.parties,
			},
		})
	}
}

/// A dev genesis: the given dev validators, every dev account (and the treasury) funded with
/// `ENDOWMENT`, the council of `council_members`, the given registrars and parcels.
fn testnet_genesis(
	authorities: Vec<(AuraId, GrandpaId)>,
	registrars: Vec<AccountId>,
	parcels: Vec<GenesisParcel<AccountId>>,
	notice_periods: Option<NoticeSchedule<BlockNumber>>,
) -> Value {
	NetworkGenesis {
		authorities,
		balances: endowed_accounts().into_iter().map(|account| (account, ENDOWMENT)).collect(),
		council: council_members(),
		registrars,
		parcels,
		notice_periods,
		duty_rate: Permill::from_percent(TRANSFER_DUTY_PERCENT),
		parties: Vec::new(),
		require_verified_parties: false,
	}
	.to_json()
}

/// The `development` preset: a single validator, Alice.
pub fn development_genesis() -> Value {
	testnet_genesis(
		vec![authority_keys(Sr25519Keyring::Alice)],
		vec![Sr25519Keyring::Alice.to_account_id(), Sr25519Keyring::Bob.to_account_id()],
		demo_parcels(),
		Some(DEV_NOTICE_PERIODS),
	)
}

/// The `local_testnet` preset: three validators, Alice, Bob and Charlie.
pub fn local_testnet_genesis() -> Value {
	testnet_genesis(
		vec![
			authority_keys(Sr25519Keyring::Alice),
			authority_keys(Sr25519Keyring::Bob),
			authority_keys(Sr25519Keyring::Charlie),
		],
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
			.iter()
			.map(|keyring| keyring.to_account_id())
			.collect(),
		Vec::new(),
		None,
	)
}

/// The JSON of the named preset, or `None` for an unknown name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
		_ => return None,
	};
	Some(serde_json::to_vec(&patch).expect("a JSON value built from plain structs serializes"))
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
