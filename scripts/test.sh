#!/usr/bin/env bash
# Command 2 of the README: runs every test. `.ci/run` calls exactly this.
#
# 1. installs prerequisites;  2. builds the node (release);  3. runs every workspace test in the
# same release profile (pallet unit tests, runtime tests, the node smoke test against a real
# `landchain-node --dev --tmp`);  4. runs the pallets' benchmark tests (runtime-benchmarks);
# 5. runs the runtime's try-runtime checks (try-runtime).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

started=$(date +%s)
step() { printf '\n\033[1;34m[test]\033[0m %s (%ss)\n' "$*" "$(( $(date +%s) - started ))"; }

step "prerequisites"
bash scripts/setup.sh

step "building landchain-node (release)"
cargo build --release --locked -p landchain-node

step "workspace tests (release profile, shares the node's artifacts)"
cargo test --release --locked --workspace

step "benchmark tests of the pallets (runtime-benchmarks feature)"
cargo test --release --locked -p pallet-land-registry -p pallet-escrow -p pallet-conveyance -p pallet-upgrade-gate \
	--features runtime-benchmarks

step "try-runtime: upgrade checks and every pallet's try_state on each preset"
# The runtime's native tests need no wasm: skip the (separate) wasm build of this feature set.
SKIP_WASM_BUILD=1 cargo test --release --locked -p landchain-runtime --features try-runtime try_runtime

step "all tests passed"
