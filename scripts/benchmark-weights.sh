#!/usr/bin/env bash
# Regenerates the weights.rs of Landchain's pallets from their benchmarks, run on this machine
# in the real runtime (wasm). Builds the node with the `runtime-benchmarks` feature first.
#
#   scripts/benchmark-weights.sh                   all Landchain pallets
#   scripts/benchmark-weights.sh land-registry     one pallet (its folder name under pallets/)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

pallets=("$@")
if [ ${#pallets[@]} -eq 0 ]; then
	pallets=($(ls pallets | grep -v README))
fi

cargo build --release --locked -p landchain-node --features runtime-benchmarks
runtime="$CARGO_TARGET_DIR/release/wbuild/landchain-runtime/landchain_runtime.compact.compressed.wasm"
for folder in "${pallets[@]}"; do
	pallet="pallet_${folder//-/_}"
	echo "[benchmark] $pallet → pallets/$folder/src/weights.rs"
	"$LANDCHAIN_NODE" benchmark pallet \
		--runtime "$runtime" --genesis-builder runtime --genesis-builder-preset development \
		--pallet "$pallet" --extrinsic '*' \
		--steps 20 --repeat 10 \
		--wasm-execution compiled \
		--template scripts/frame-weight-template.hbs \
		--output "pallets/$folder/src/weights.rs"
done
