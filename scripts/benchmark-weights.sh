#!/usr/bin/env bash
# Regenerates weights from benchmarks run on this machine in the real runtime (wasm): the
# weights.rs of Landchain's pallets and, under runtime/src/weights/, those of the upstream pallets
# whose weights the runtime measures itself. Builds the node with the `runtime-benchmarks`
# feature first, in its own target directory ($CARGO_TARGET_DIR-bench): a benchmark build in the
# shared one would overwrite the runtime wasm that the ordinary node embeds.
#
#   scripts/benchmark-weights.sh                     every pallet below
#   scripts/benchmark-weights.sh escrow parameters   some of them (folder names under pallets/,
#                                                    or an upstream pallet listed in runtime_pallets)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# Upstream pallets whose weights live in runtime/src/weights/<pallet>.rs (a new one also needs a
# line in runtime/src/weights/mod.rs and its `WeightInfo` in runtime/src/configs/mod.rs).
runtime_pallets=(parameters)

selected=("$@")
if [ ${#selected[@]} -eq 0 ]; then
	selected=($(ls pallets | grep -v README) "${runtime_pallets[@]}")
fi

export CARGO_TARGET_DIR="$CARGO_TARGET_DIR-bench"
cargo build --release --locked -p landchain-node --features runtime-benchmarks
node="$CARGO_TARGET_DIR/release/landchain-node"
runtime="$CARGO_TARGET_DIR/release/wbuild/landchain-runtime/landchain_runtime.compact.compressed.wasm"

for name in "${selected[@]}"; do
	pallet="pallet_${name//-/_}"
	if [ -d "pallets/$name" ]; then
		output="pallets/$name/src/weights.rs"
		template=(--template scripts/frame-weight-template.hbs)
	elif printf '%s\n' "${runtime_pallets[@]}" | grep -qx "$name"; then
		output="runtime/src/weights/$pallet.rs"
		template=()
	else
		echo "unknown pallet '$name' (known: $(ls pallets | grep -v README | xargs) ${runtime_pallets[*]})" >&2
		exit 2
	fi
	echo "[benchmark] $pallet → $output"
	"$node" benchmark pallet \
		--runtime "$runtime" --genesis-builder runtime --genesis-builder-preset development \
		--pallet "$pallet" --extrinsic '*' \
		--steps 20 --repeat 10 \
		--wasm-execution compiled \
		"${template[@]}" \
		--output "$output"
done
