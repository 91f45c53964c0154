//! National-scale chain specs: `--chain national:<N>[:<base>]` is the chain `<base>` (`dev` when
//! omitted: a built-in name or a chain spec file) with `N` more parcels and titles registered in
//! its genesis, generated in the node instead of being listed in a JSON file (26 million parcels
//! would be a file of many gigabytes). Each start regenerates the same genesis, so a database
//! created with one `N` is found again under `--base-path`; the chain id names `N`.
//!
//! The parcels are registered by the registry's own genesis path
//! (`do_register_genesis_parcel`), so they are the records a migration would create: parcel,
//! title, owner index, cadastral reference and the deed's two document-index entries (the
//! parcel's attributes and its first title). In `LC-NATIONAL`, references `N-00000000` on:
//! three parcels in four have one owner, the fourth two (1/2 each); an owner holds about three
//! parcels; the first 100,000 are co-owned by one institution (a bank's book, for the owner
//! index's paging). Owners are accounts without keys: `blake2_256("landchain-national/owner/<k>")`
//! and `blake2_256("landchain-national/institution")`.

use codec::Decode;
use landchain_runtime::{
	pallets::land_registry::{GenesisParcel, LandUse},
	AccountId, LandRegistry,
};
use sc_chain_spec::{ChainSpec, ChainType, GetExtension, Properties};
use sc_network::config::MultiaddrWithPeerId;
use sc_telemetry::TelemetryEndpoints;
use sp_core::H256;
use sp_io::hashing::blake2_256;
use sp_runtime::{BuildStorage, Storage};
use std::time::Instant;

/// The district of the generated parcels.
pub const JURISDICTION: &str = "LC-NATIONAL";
/// How many of the first parcels the institution co-owns.
pub const INSTITUTION_PARCELS: u64 = 100_000;
/// The prefix of a national-scale chain id.
const PREFIX: &str = "national:";

/// A keyless account from a label.
fn account(label: &str) -> AccountId {
	AccountId::decode(&mut &blake2_256(label.as_bytes())[..]).expect("32 bytes are an account")
}

/// The account co-owning the first `INSTITUTION_PARCELS` parcels.
pub fn institution() -> AccountId {
	account("landchain-national/institution")
}

/// The `index`-th generated parcel (0-based).
pub fn parcel(index: u64) -> GenesisParcel<AccountId> {
	let person = account(&format!("landchain-national/owner/{}", index / 3));
	let owners = if index < INSTITUTION_PARCELS {
		vec![(person, 1, 2), (institution(), 1, 2)]
	} else if index % 4 == 3 {
		let partner = account(&format!("landchain-national/partner/{index}"));
		vec![(person, 1, 2), (partner, 1, 2)]
	} else {
		vec![(person, 1, 1)]
	};
	let uses = [LandUse::Residential, LandUse::Agricultural, LandUse::Commercial, LandUse::Forest];
	GenesisParcel {
		jurisdiction: JURISDICTION.into(),
		cadastral_reference: format!("N-{index:08}"),
		area_m2: 200 + index % 5_000,
		land_use: uses[(index % 4) as usize],
		geometry_hash: H256(blake2_256(&[b"geometry".as_slice(), &index.to_le_bytes()].concat())),
		deed_hash: H256(blake2_256(&[b"deed".as_slice(), &index.to_le_bytes()].concat())),
		owners,
		leasehold_expires_at: None,
	}
}

/// `national:<N>[:<base>]` → `(N, base)`, or `None` for any other chain id.
pub fn parse(id: &str) -> Option<Result<(u64, &str), String>> {
	let rest = id.strip_prefix(PREFIX)?;
	let (count, base) = rest.split_once(':').unwrap_or((rest, "dev"));
	Some(
		count
			.replace('_', "")
			.parse::<u64>()
			.map(|count| (count, base))
			.map_err(|_| format!("`--chain {id}`: `{count}` is not a number of parcels")),
	)
}

/// A chain spec with `parcels` generated parcels on top of `base`'s genesis.
pub struct NationalScale {
	base: Box<dyn ChainSpec>,
	parcels: u64,
	id: String,
	name: String,
}

impl NationalScale {
	/// `base` with `parcels` more parcels in its genesis.
	pub fn new(base: Box<dyn ChainSpec>, parcels: u64) -> Self {
		let id = format!("{}_national_{parcels}", base.id());
		let name = format!("{} (national scale: {parcels} parcels)", base.name());
		Self { base, parcels, id, name }
	}
}

impl BuildStorage for NationalScale {
	fn assimilate_storage(&self, storage: &mut Storage) -> Result<(), String> {
		self.base.as_storage_builder().assimilate_storage(storage)?;
		let started = Instant::now();
		let step = (self.parcels / 20).max(1);
		sp_state_machine::BasicExternalities::execute_with_storage(storage, || {
			for index in 0..self.parcels {
				let generated = parcel(index);
				LandRegistry::do_register_genesis_parcel(&generated).map_err(|error| {
					format!("national-scale parcel {}: {error:?}", generated.cadastral_reference)
				})?;
				let done = index + 1;
				if done % step == 0 || done == self.parcels {
					let seconds = started.elapsed().as_secs_f64();
					log::info!(
						"🗺  national-scale genesis: {done}/{} parcels ({:.0}%), {:.0} s, {:.0}/s",
						self.parcels,
						100.0 * done as f64 / self.parcels as f64,
						seconds,
						done as f64 / seconds.max(1e-9),
					);
				}
			}
			Ok(())
		})
	}
}

impl ChainSpec for NationalScale {
	fn name(&self) -> &str {
		&self.name
	}

	fn id(&self) -> &str {
		&self.id
	}

	fn chain_type(&self) -> ChainType {
		self.base.chain_type()
	}

	fn boot_nodes(&self) -> &[MultiaddrWithPeerId] {
		self.base.boot_nodes()
	}

	fn telemetry_endpoints(&self) -> &Option<TelemetryEndpoints> {
		self.base.telemetry_endpoints()
	}

	fn protocol_id(&self) -> Option<&str> {
		self.base.protocol_id()
	}

	fn fork_id(&self) -> Option<&str> {
		self.base.fork_id()
	}

	fn properties(&self) -> Properties {
		self.base.properties()
	}

	fn extensions(&self) -> &dyn GetExtension {
		self.base.extensions()
	}

	fn extensions_mut(&mut self) -> &mut dyn GetExtension {
		self.base.extensions_mut()
	}

	fn add_boot_node(&mut self, addr: MultiaddrWithPeerId) {
		self.base.add_boot_node(addr)
	}

	fn as_json(&self, _raw: bool) -> Result<String, String> {
		Err(format!(
			"`{}` is generated by the node at start and is not exported: export its base \
			 chain and start nodes with the same `--chain national:{}:<base>`",
			self.id, self.parcels
		))
	}

	fn as_storage_builder(&self) -> &dyn BuildStorage {
		self
	}

	fn cloned_box(&self) -> Box<dyn ChainSpec> {
		Box::new(Self::new(self.base.cloned_box(), self.parcels))
	}

	fn set_storage(&mut self, storage: Storage) {
		self.base.set_storage(storage)
	}

	fn code_substitutes(&self) -> std::collections::BTreeMap<String, Vec<u8>> {
		self.base.code_substitutes()
	}
}
