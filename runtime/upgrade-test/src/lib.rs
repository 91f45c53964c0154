//! The Landchain runtime built a second time with `spec_version` one higher (the runtime's
//! `upgrade-test` feature), so that tests can take a real runtime upgrade through governance on
//! a live chain: `scripts/test/upgrade.test.mjs` (one node) and `zombienet/` (a network).
//!
//! Natively this crate only exposes the blob; the tests read the file
//! `$CARGO_TARGET_DIR/release/wbuild/landchain-runtime-upgrade-test/landchain_runtime_upgrade_test.compact.compressed.wasm`
//! (`LANDCHAIN_UPGRADE_WASM` in `scripts/env.sh`).
#![cfg_attr(not(feature = "std"), no_std)]

// In the wasm build the runtime is linked in whole: its runtime API entry points are the
// exports of this blob.
#[cfg(not(feature = "std"))]
pub use landchain_runtime::*;

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

#[cfg(all(test, feature = "std"))]
mod tests {
	use sc_executor::{read_embedded_version, RuntimeVersion};
	use sc_executor_common::runtime_blob::RuntimeBlob;

	/// The version a blob carries in its custom sections, with the runtime APIs in a fixed order
	/// (the sections list them in another order than the native constant).
	fn embedded_version(blob: Option<&[u8]>) -> RuntimeVersion {
		let blob = blob.expect("the wasm blob is built (SKIP_WASM_BUILD is not set)");
		let blob = RuntimeBlob::uncompress_if_needed(blob).expect("a valid wasm runtime");
		let version = read_embedded_version(&blob)
			.expect("the version section decodes")
			.expect("the runtime carries a version section");
		sorted_apis(version)
	}

	fn sorted_apis(mut version: RuntimeVersion) -> RuntimeVersion {
		let mut apis = version.apis.to_vec();
		apis.sort();
		version.apis = apis.into();
		version
	}

	/// The blob is the Landchain runtime with `spec_version` exactly one above the node's
	/// runtime, and nothing else in its version differs.
	#[test]
	fn blob_is_the_runtime_with_the_next_spec_version() {
		let current = embedded_version(landchain_runtime_wasm::WASM_BINARY);
		let next = embedded_version(super::WASM_BINARY);
		assert_eq!(current, sorted_apis(landchain_runtime::VERSION));
		assert_eq!(next.spec_version, current.spec_version + 1);
		assert_eq!(RuntimeVersion { spec_version: current.spec_version, ..next }, current);
	}
}
