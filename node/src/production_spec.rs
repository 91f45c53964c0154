//! `landchain-node production-spec --config network.toml --out spec.json`: the raw chain spec of a
//! real network, from a file naming its validators' keys, council, registrars, balances, duty and
//! boot nodes (format: `docs/NETWORK.md`). No dev key is accepted anywhere in it, and a network
//! without a council (which governs registrars, parameters and the runtime) is refused: each with
//! a message naming the field.

use crate::chain_spec::{chain_properties, ChainSpec, PROTOCOL_ID};
use landchain_runtime::pallets::land_registry::NoticeSchedule;
use landchain_runtime::pallets::party_register::{GenesisAttestation, PartyKind};
use landchain_runtime::{
	configs::{MaxAttestationValidity, MaxDutyRate, MaxRegistrars},
	genesis_config_presets::{treasury_account, NetworkGenesis},
	AccountId, Balance, BlockNumber, DAYS, EXISTENTIAL_DEPOSIT, UNIT,
};
use sc_network::config::MultiaddrWithPeerId;
use sc_service::ChainType;
use serde::Deserialize;
use sp_core::{crypto::Ss58Codec, ed25519, sr25519};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::Permill;
use std::{collections::BTreeSet, path::PathBuf, str::FromStr};

/// `landchain-node production-spec`.
#[derive(Debug, clap::Parser)]
pub struct ProductionSpecCmd {
	/// The network's file (TOML, or JSON if it ends in `.json`); see docs/NETWORK.md.
	#[arg(long, value_name = "FILE")]
	pub config: PathBuf,

	/// Where to write the raw chain spec (JSON) the network's nodes run with `--chain`.
	#[arg(long, value_name = "FILE")]
	pub out: PathBuf,
}

/// A network's file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkFile {
	/// The chain's name, shown by wallets and telemetry.
	pub name: String,
	/// The chain's id (also the directory of its database under `--base-path`).
	pub id: String,
	/// The network protocol id; nodes only peer with nodes of the same id. Default `landchain`.
	#[serde(default)]
	pub protocol_id: Option<String>,
	/// The boot nodes' addresses, `/dns/…/tcp/30333/p2p/12D3…`.
	#[serde(default)]
	pub bootnodes: Vec<String>,
	/// The validators: each with its Aura (sr25519) and GRANDPA (ed25519) public key, SS58.
	pub validators: Vec<Validator>,
	/// The registry council's accounts (SS58).
	pub council: Vec<String>,
	/// The registrar set's accounts (SS58).
	pub registrars: Vec<String>,
	/// Accounts that start with a balance.
	#[serde(default)]
	pub balances: Vec<Endowment>,
	/// The treasury.
	pub treasury: Treasury,
	/// Notice periods in blocks; the runtime's defaults (14, 7 and 30 days) when left out.
	#[serde(default)]
	pub notice_periods: Option<NoticePeriods>,
	/// Whether only verified parties may take title from the first block (the council can change
	/// it later). Default false.
	#[serde(default)]
	pub verified_parties_only: bool,
	/// Parties verified before the chain started (the party register at genesis).
	#[serde(default)]
	pub parties: Vec<Party>,
}

/// A party verified before the chain started: its attestation at genesis.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
	/// The verified account (SS58).
	pub account: String,
	/// `blake2_256(salt ‖ identifier ‖ account)` as 0x-hex, computed by the office (`landchain
	/// party commitment`, offline); the salt and identifier stay with the office.
	pub commitment: String,
	/// `person`, `company` or `public-body`.
	pub kind: String,
	/// The registrar (identity office) that verified it; one of `registrars`.
	pub office: String,
	/// Days from genesis until it no longer counts (at most ten years, 3650).
	pub expires_in_days: u32,
}

/// One validator's session keys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Validator {
	/// Block authoring key (sr25519), SS58.
	pub aura: String,
	/// Finality key (ed25519), SS58.
	pub grandpa: String,
}

/// A balance at genesis.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Endowment {
	/// The account (SS58).
	pub account: String,
	/// Whole LAND.
	pub land: u64,
}

/// The treasury's settings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Treasury {
	/// The transfer duty on every sale price, in percent (at most the runtime's `MaxDutyRate`).
	pub duty_percent: u32,
	/// What the treasury starts with, in whole LAND (at least the existential deposit).
	pub land: u64,
}

/// Notice periods in blocks (3 s each).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticePeriods {
	/// An application's public notice.
	pub notice: BlockNumber,
	/// A court order's notice.
	pub court_order_notice: BlockNumber,
	/// How long an application waits for a second registrar.
	pub confirmation: BlockNumber,
}

/// The public keys anyone can derive (`//Alice` … `//Ferdie`, their stashes, `//One`, `//Two`):
/// each with its name, for the refusal message.
fn dev_keys() -> Vec<([u8; 32], String)> {
	let sr = Sr25519Keyring::iter().map(|key| (key.public().0, format!("{key:?} (sr25519)")));
	let ed = Ed25519Keyring::iter().map(|key| (key.public().0, format!("{key:?} (ed25519)")));
	sr.chain(ed).collect()
}

/// Checks that `key` is none of the dev keys.
fn not_a_dev_key(key: [u8; 32], field: &str, text: &str) -> Result<(), String> {
	match dev_keys().into_iter().find(|(dev, _)| *dev == key) {
		Some((_, name)) => Err(format!(
			"{field} {text} is the well-known dev key {name}: its secret is public, anyone could \
			 sign with it. Generate a key of your own (`landchain-node key generate`)"
		)),
		None => Ok(()),
	}
}

fn account(text: &str, field: &str) -> Result<AccountId, String> {
	let account = AccountId::from_ss58check(text)
		.map_err(|error| format!("{field}: `{text}` is not an SS58 address ({error:?})"))?;
	not_a_dev_key(account.clone().into(), field, text)?;
	Ok(account)
}

fn land(amount: u64, field: &str) -> Result<Balance, String> {
	Balance::from(amount)
		.checked_mul(UNIT)
		.ok_or_else(|| format!("{field}: {amount} LAND is more than the chain can count"))
}

impl NetworkFile {
	/// Reads a network's file: TOML, or JSON when its name ends in `.json`.
	pub fn read(path: &std::path::Path) -> Result<Self, String> {
		let text = std::fs::read_to_string(path)
			.map_err(|error| format!("cannot read {}: {error}", path.display()))?;
		let parsed = if path.extension().is_some_and(|extension| extension == "json") {
			serde_json::from_str(&text).map_err(|error| error.to_string())
		} else {
			toml::from_str(&text).map_err(|error| error.to_string())
		};
		parsed.map_err(|error| format!("{} is not a valid network file: {error}", path.display()))
	}

	/// Checks everything and returns the genesis it describes, or the first problem found.
	pub fn genesis(&self) -> Result<NetworkGenesis, String> {
		if self.validators.is_empty() {
			return Err("validators: the list is empty: a network needs at least one".into());
		}
		let mut authorities = Vec::new();
		for (index, validator) in self.validators.iter().enumerate() {
			let field = format!("validators[{index}]");
			let aura = sr25519::Public::from_ss58check(&validator.aura).map_err(|error| {
				format!("{field}.aura: `{}` is not an SS58 public key ({error:?})", validator.aura)
			})?;
			not_a_dev_key(aura.0, &format!("{field}.aura"), &validator.aura)?;
			let grandpa = ed25519::Public::from_ss58check(&validator.grandpa).map_err(|error| {
				format!(
					"{field}.grandpa: `{}` is not an SS58 public key ({error:?})",
					validator.grandpa
				)
			})?;
			not_a_dev_key(grandpa.0, &format!("{field}.grandpa"), &validator.grandpa)?;
			authorities.push((aura.into(), grandpa.into()));
		}
		let mut keys = BTreeSet::new();
		for (aura, grandpa) in &authorities {
			if !keys.insert(format!("{aura:?}")) || !keys.insert(format!("{grandpa:?}")) {
				return Err("validators: a key appears twice".into());
			}
		}

		if self.council.is_empty() {
			return Err("council: the list is empty: a network needs a council, which alone \
				changes registrars, parameters and the runtime (there is no sudo key)"
				.into());
		}
		let council = distinct(&self.council, "council")?;
		let registrars = distinct(&self.registrars, "registrars")?;
		if registrars.len() > MaxRegistrars::get() as usize {
			return Err(format!(
				"registrars: {} named, the runtime allows at most {}",
				registrars.len(),
				MaxRegistrars::get()
			));
		}

		let mut balances = Vec::new();
		let mut funded = BTreeSet::new();
		for (index, endowment) in self.balances.iter().enumerate() {
			let field = format!("balances[{index}]");
			let who = account(&endowment.account, &format!("{field}.account"))?;
			let amount = land(endowment.land, &format!("{field}.land"))?;
			if amount < EXISTENTIAL_DEPOSIT {
				return Err(format!("{field}.land: below the existential deposit"));
			}
			if !funded.insert(who.clone()) {
				return Err(format!("{field}: {} is listed twice", endowment.account));
			}
			balances.push((who, amount));
		}
		// Every council member must be able to pay a motion's fee, every registrar its deposits.
		for (who, text, role) in council
			.iter()
			.zip(&self.council)
			.map(|(who, text)| (who, text, "council member"))
			.chain(registrars.iter().zip(&self.registrars).map(|(w, t)| (w, t, "registrar")))
		{
			if !funded.contains(who) {
				return Err(format!(
					"{role} {text} has no balance in `balances`: it could not pay a transaction fee"
				));
			}
		}

		let duty_rate = Permill::from_percent(self.treasury.duty_percent);
		if self.treasury.duty_percent > 100 || duty_rate > MaxDutyRate::get() {
			return Err(format!(
				"treasury.duty_percent: {} % is above the runtime's bound of {:?}",
				self.treasury.duty_percent,
				MaxDutyRate::get()
			));
		}
		let treasury = land(self.treasury.land, "treasury.land")?;
		if treasury < EXISTENTIAL_DEPOSIT {
			return Err("treasury.land: the treasury must start with at least the existential \
				deposit, so that duty can always be paid into it"
				.into());
		}
		if !funded.insert(treasury_account()) {
			return Err("balances: the treasury's account is funded by `treasury.land`".into());
		}
		balances.push((treasury_account(), treasury));
		let parties = self.genesis_parties(&registrars)?;

		Ok(NetworkGenesis {
			authorities,
			balances,
			council,
			registrars,
			parcels: Vec::new(),
			notice_periods: self.notice_periods.as_ref().map(|periods| NoticeSchedule {
				notice: periods.notice,
				court_order_notice: periods.court_order_notice,
				confirmation: periods.confirmation,
			}),
			duty_rate,
			parties,
			require_verified_parties: self.verified_parties_only,
		})
	}

	/// The genesis attestations of `parties`: each account once, not a dev key, attested by one of
	/// `registrars`, with a 32-byte commitment, a known kind, and an expiry within ten years.
	fn genesis_parties(
		&self,
		registrars: &[AccountId],
	) -> Result<Vec<GenesisAttestation<AccountId, BlockNumber>>, String> {
		let mut seen = BTreeSet::new();
		let max_days = MaxAttestationValidity::get() / DAYS;
		self.parties
			.iter()
			.enumerate()
			.map(|(index, party)| {
				let field = format!("parties[{index}]");
				let who = account(&party.account, &format!("{field}.account"))?;
				if !seen.insert(who.clone()) {
					return Err(format!("{field}: {} is listed twice", party.account));
				}
				let office = account(&party.office, &format!("{field}.office"))?;
				if !registrars.contains(&office) {
					return Err(format!(
						"{field}.office: {} is not one of `registrars` (only a registrar attests)",
						party.office
					));
				}
				let commitment = party
					.commitment
					.strip_prefix("0x")
					.and_then(|hex| sp_core::H256::from_str(hex).ok())
					.ok_or_else(|| {
						format!(
							"{field}.commitment: `{}` is not a 0x-prefixed 32-byte hex hash",
							party.commitment
						)
					})?;
				let kind = match party.kind.as_str() {
					"person" => PartyKind::Person,
					"company" => PartyKind::Company,
					"public-body" => PartyKind::PublicBody,
					other => {
						return Err(format!(
							"{field}.kind: `{other}` is none of person, company, public-body"
						))
					}
				};
				if party.expires_in_days == 0 || party.expires_in_days > max_days {
					return Err(format!(
						"{field}.expires_in_days: {} is outside 1..={max_days} (ten years)",
						party.expires_in_days
					));
				}
				Ok(GenesisAttestation {
					party: who,
					commitment,
					kind,
					office,
					expires_at: party.expires_in_days * DAYS,
				})
			})
			.collect()
	}

	/// The network's chain spec (not yet raw).
	pub fn chain_spec(&self) -> Result<ChainSpec, String> {
		let genesis = self.genesis()?;
		let bootnodes = self
			.bootnodes
			.iter()
			.enumerate()
			.map(|(index, address)| {
				address.parse::<MultiaddrWithPeerId>().map_err(|error| {
					format!("bootnodes[{index}]: `{address}` is not a /…/p2p/<peer id> address ({error})")
				})
			})
			.collect::<Result<Vec<_>, _>>()?;
		let wasm = landchain_runtime_wasm::WASM_BINARY
			.ok_or("the runtime wasm was not built into this node")?;
		Ok(ChainSpec::builder(wasm, None)
			.with_name(&self.name)
			.with_id(&self.id)
			.with_chain_type(ChainType::Live)
			.with_protocol_id(self.protocol_id.as_deref().unwrap_or(PROTOCOL_ID))
			.with_boot_nodes(bootnodes)
			.with_properties(chain_properties())
			.with_genesis_config_patch(genesis.to_json())
			.build())
	}
}

/// The accounts of `list`, each a valid non-dev address, none twice.
fn distinct(list: &[String], field: &str) -> Result<Vec<AccountId>, String> {
	let mut seen = BTreeSet::new();
	list.iter()
		.enumerate()
		.map(|(index, text)| {
			let who = account(text, &format!("{field}[{index}]"))?;
			if !seen.insert(who.clone()) {
				return Err(format!("{field}[{index}]: {text} is listed twice"));
			}
			Ok(who)
		})
		.collect()
}

impl ProductionSpecCmd {
	/// Checks the file, builds the genesis state, writes the raw spec.
	pub fn run(&self) -> Result<(), String> {
		let network = NetworkFile::read(&self.config)?;
		let raw = network.chain_spec()?.as_json(true)?;
		std::fs::write(&self.out, raw)
			.map_err(|error| format!("cannot write {}: {error}", self.out.display()))?;
		if network.bootnodes.is_empty() {
			eprintln!(
				"warning: no boot nodes: each node must be given `--bootnodes` to find the others"
			);
		}
		println!(
			"{}: the raw chain spec of `{}` ({} validators, {} council members, {} registrars)",
			self.out.display(),
			network.id,
			network.validators.len(),
			network.council.len(),
			network.registrars.len()
		);
		Ok(())
	}
}
