//! The chain specifications `landchain-node` knows by name, and loading others from JSON files.

use landchain_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL};
use landchain_runtime_wasm::WASM_BINARY;
use sc_service::{ChainType, Properties};

/// A Landchain chain specification.
pub type ChainSpec = sc_service::GenericChainSpec;

/// The chain name shown by Polkadot.js and telemetry.
pub const CHAIN_NAME: &str = "Landchain";

/// The network protocol id: Landchain nodes only peer with Landchain nodes.
pub const PROTOCOL_ID: &str = "landchain";

/// The chain properties Polkadot.js reads to show amounts and addresses right.
pub fn chain_properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"The Landchain runtime wasm was not built into this node (was SKIP_WASM_BUILD set?)"
			.to_string()
	})
}

/// `--dev`: one validator (Alice) that authors and finalizes alone.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name(CHAIN_NAME)
		.with_id("landchain_dev")
		.with_chain_type(ChainType::Development)
		.with_protocol_id(PROTOCOL_ID)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(chain_properties())
		.build())
}

/// `--chain local`: three validators (Alice, Bob, Charlie) on one machine or a LAN.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name(CHAIN_NAME)
		.with_id("landchain_local")
		.with_chain_type(ChainType::Local)
		.with_protocol_id(PROTOCOL_ID)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(chain_properties())
		.build())
}

/// Resolves `--chain ID`: a built-in name, the path of a chain spec JSON file, or
/// `national:<N>[:<base>]` (`base` with `N` generated parcels, see [`crate::national`]).
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	if let Some(national) = crate::national::parse(id) {
		let (parcels, base) = national?;
		return Ok(Box::new(crate::national::NationalScale::new(load(base)?, parcels)));
	}
	Ok(match id {
		"dev" | "development" => Box::new(development_chain_spec()?),
		"" | "local" | "local_testnet" => Box::new(local_chain_spec()?),
		path => {
			let file = std::path::PathBuf::from(path);
			if !file.is_file() {
				return Err(format!(
					"Unknown chain '{path}': use `dev`, `local`, the path of a chain spec JSON \
					 file (see `landchain-node build-spec --help`) or `national:<N>[:<base>]`"
				));
			}
			Box::new(
				ChainSpec::from_json_file(file.clone()).map_err(|error| {
					format!("Invalid chain spec file {}: {error}", file.display())
				})?,
			)
		}
	})
}
