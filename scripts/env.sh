# Sourced by the scripts: one cargo target directory outside the clone, shared by the node build
# and the tests (same release profile), so a second run reuses every artifact.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/landchain/target}"
export LANDCHAIN_NODE="$CARGO_TARGET_DIR/release/landchain-node"
# The same runtime with spec_version + 1 (crate landchain-runtime-upgrade-test), which the live
# governance upgrade tests (scripts/, zombienet/, the audit) take through a council motion.
export LANDCHAIN_UPGRADE_WASM="${LANDCHAIN_UPGRADE_WASM:-$CARGO_TARGET_DIR/release/wbuild/landchain-runtime-upgrade-test/landchain_runtime_upgrade_test.compact.compressed.wasm}"
# Where the dev chain started by run-dev.sh keeps its database.
export LANDCHAIN_DATA="${LANDCHAIN_DATA:-$HOME/.local/share/landchain}"
# The crates tested with the `runtime-benchmarks,try-runtime` features, in one build (the test
# command's step 5 and scripts/fuzz.sh share it, so neither recompiles the other's artifacts).
FEATURE_TEST_PACKAGES=(-p landchain-runtime -p pallet-land-registry -p pallet-escrow -p pallet-conveyance -p pallet-party-register -p pallet-upgrade-gate)
FEATURE_TEST_FEATURES=runtime-benchmarks,try-runtime

# substrate-wasm-builder compiles each blob crate's wasm in a target directory of its own
# (`wbuild/<crate>/target`), so the upgrade-test runtime — the same runtime with one feature —
# would compile the whole FRAME stack for wasm a second time.
# Pointing both blob crates (runtime/wasm, runtime/upgrade-test) at one directory makes the
# second compile only the crates that differ; the two wasm builds take turns on cargo's lock.
# A link or directory that already exists is left alone.
share_wasm_target() {
	local wbuild="$CARGO_TARGET_DIR/release/wbuild" blob
	mkdir -p "$wbuild/landchain-runtime/target"
	for blob in landchain-runtime-wasm landchain-runtime-upgrade-test; do
		mkdir -p "$wbuild/$blob"
		if [[ ! -e $wbuild/$blob/target ]]; then
			ln -s ../landchain-runtime/target "$wbuild/$blob/target"
		fi
	done
}
