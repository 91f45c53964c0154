#!/usr/bin/env bash
# Regenerates weights from benchmarks run on this machine in the real runtime (wasm): the
# weights.rs of Landchain's pallets and, under runtime/src/weights/, those of the upstream pallets
# whose weights the runtime measures itself. Builds the node with the `runtime-benchmarks`
# feature first, in its own target directory ($CARGO_TARGET_DIR-bench): a benchmark build in the
# shared one would overwrite the runtime wasm that the ordinary node embeds.
#
#   scripts/benchmark-weights.sh                     every pallet below
#   scripts/benchmark-weights.sh escrow overhead     some of them (folder names under pallets/, an
#                                                    upstream pallet of runtime_pallets, overhead, storage)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# Upstream pallets whose weights live in runtime/src/weights/<pallet>.rs (a new one also needs a
# line in runtime/src/weights/mod.rs and its `WeightInfo` in runtime/src/configs/mod.rs).
runtime_pallets=(pallet_parameters pallet_balances pallet_timestamp pallet_transaction_payment pallet_utility
	pallet_proxy pallet_multisig pallet_treasury pallet_migrations frame_system frame_system_extensions)
# Whole-runtime figures, written under runtime/src/weights/ too:
#   overhead  block_weights.rs, extrinsic_weights.rs: an empty block, a no-op signed extrinsic
#   storage   paritydb_weights.rs: a read and a write of ParityDB, on a node's database built from
#             $LANDCHAIN_STORAGE_CHAIN (default: the dev chain) plus $LANDCHAIN_STORAGE_PARCELS
#             generated parcels (default 100000: `--chain national:<N>`, docs/PERFORMANCE.md)
runtime_wide=(overhead storage)

selected=("$@")
if [ ${#selected[@]} -eq 0 ]; then
	selected=($(ls pallets | grep -v README) "${runtime_pallets[@]}" "${runtime_wide[@]}")
fi

export CARGO_TARGET_DIR="$CARGO_TARGET_DIR-bench"
share_wasm_target
cargo build --release --locked -p landchain-node --features runtime-benchmarks
node="$CARGO_TARGET_DIR/release/landchain-node"
runtime="$CARGO_TARGET_DIR/release/wbuild/landchain-runtime-wasm/landchain_runtime_wasm.compact.compressed.wasm"
weights=runtime/src/weights

for name in "${selected[@]}"; do
	case "$name" in
	overhead)
		echo "[benchmark] overhead → $weights/block_weights.rs, extrinsic_weights.rs"
		base=$(mktemp -d)
		"$node" benchmark overhead --chain dev --base-path "$base" --weight-path "$weights" \
			--warmup 10 --repeat 50 --wasm-execution compiled
		rm -rf "$base"
		continue
		;;
	storage)
		parcels="${LANDCHAIN_STORAGE_PARCELS:-100000}"
		echo "[benchmark] storage, dev chain + $parcels parcels → $weights/paritydb_weights.rs"
		base=$(mktemp -d)
		"$node" benchmark storage --chain "national:$parcels:${LANDCHAIN_STORAGE_CHAIN:-dev}" \
			--base-path "$base" --database paritydb \
			--state-version 1 --weight-path "$weights"
		rm -rf "$base"
		continue
		;;
	esac
	if [ -d "pallets/$name" ]; then
		pallet="pallet_${name//-/_}"
		output="pallets/$name/src/weights.rs"
		template=(--template scripts/frame-weight-template.hbs)
	elif printf '%s\n' "${runtime_pallets[@]}" | grep -qx "$name"; then
		pallet="$name"
		output="$weights/$pallet.rs"
		template=()
	else
		echo "unknown benchmark '$name' (known: $(ls pallets | grep -v README | xargs) ${runtime_pallets[*]} ${runtime_wide[*]})" >&2
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
