// Builds the runtime as a WebAssembly blob (`WASM_BINARY`) for the node to embed. The
// upgrade-test blob (`runtime/upgrade-test`) is built by this same file.

#[cfg(feature = "std")]
mod token {
	include!(concat!(env!("CARGO_MANIFEST_DIR"), "/../src/token.rs"));
}

#[cfg(feature = "std")]
fn main() {
	// The cargo target directory may live outside the clone (scripts/env.sh), where the wasm
	// builder cannot find the workspace's Cargo.lock by itself. Point it there (two levels above
	// this crate), for this build script only: other runtimes among our dependencies must keep
	// resolving on their own.
	if std::env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
		if let Some(workspace) = std::env::var_os("CARGO_MANIFEST_DIR")
			.map(std::path::PathBuf::from)
			.and_then(|crate_dir| crate_dir.ancestors().nth(2).map(|root| root.to_path_buf()))
		{
			std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
		}
	}
	// The metadata hash (RFC 78) is compiled in, for `CheckMetadataHash`: offline and hardware
	// signers (Ledger's generic app) check what they sign against it. The wasm builder builds
	// the runtime once, hashes its metadata, and builds it again with the hash.
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash(token::TOKEN_SYMBOL, token::TOKEN_DECIMALS)
		.build();
}

/// When compiled for wasm there is nothing more to build.
#[cfg(not(feature = "std"))]
fn main() {}
