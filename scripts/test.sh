#!/usr/bin/env bash
# Command 2 of the README: runs every test. `.ci/run` calls exactly this.
#
#  1. installs prerequisites;
#  2. builds the node and the upgrade-test runtime (release);
#  3. runs every workspace test in the same release profile (pallet unit tests, runtime tests,
#     the node smoke test and the auditor's replay tests against real `landchain-node --dev --tmp`
#     processes);
#  4. the audit's replay benchmark (setup, steady-state replay, beside the node's import-blocks of
#     the same blocks and their fetch over RPC), and the certificate benchmark in a short run;
#  5. the pallets' benchmark tests, the runtime-upgrade checks and storage migrations (try-runtime);
#  6. the Polkadot.js end-to-end tests (scripts/e2e.sh: every role, metadata, a governance
#     runtime upgrade on a live node);
#  7. the portal's browser tests: Playwright in Debian's Chromium against a real dev node
#     (portal/test.sh: search, parcel page and timeline, a clerk's registration, a refused signer,
#     a sale in the browser, accessibility);
#  8. the zombienet tests of a four-validator network (zombienet/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

started=$(date +%s)
step() { printf '\n\033[1;34m[test]\033[0m %s (%ss)\n' "$*" "$(( $(date +%s) - started ))"; }

step "prerequisites"
bash scripts/setup.sh

step "building the workspace's tests, landchain-node and the upgrade-test runtime (release)"
share_wasm_target
# One build for the node and every test: `cargo test --workspace` unifies the dependencies'
# features over all members and their dev-dependencies, so a node built alone (`cargo build -p
# landchain-node`) would be built a second time here, with the wasm builder's toolchain.
cargo test --release --locked --workspace --no-run

step "workspace tests (release profile)"
cargo test --release --locked --workspace

step "audit benchmarks: replay (~6,000 registry transactions: replay phases, node import, RPC fetch) and certificates (short)"
# Run as test targets of the workspace build above (same profile and features: nothing but the
# benchmarks themselves compile); `cargo bench -p landchain-audit --bench replay` (or `--bench
# certificate`: 10 issued, 200 verifications) is the same program. CI proves the certificate
# benchmark with a few.
LANDCHAIN_BENCH_CERTIFICATES=3 LANDCHAIN_BENCH_VERIFICATIONS=30 \
	cargo test --release --locked --workspace --bench replay --bench certificate

step "benchmark tests of the pallets, try-runtime upgrade checks, storage migrations, runtime fuzzing"
# One build with both features: the pallets' benchmarks run as tests (runtime-benchmarks);
# try_state on each preset, the migrations' pre/post_upgrade checks and the state-machine
# fuzzer's short run (10,000 random calls, fixed seed; try-runtime). These crates have no build
# script (the blobs are built by runtime/wasm and runtime/upgrade-test), so this build compiles
# no wasm and not the wasm builder.
cargo test --release --locked "${FEATURE_TEST_PACKAGES[@]}" \
	--features "$FEATURE_TEST_FEATURES" -- benchmark try_runtime migration fuzz

step "Polkadot.js end-to-end tests against real nodes (scripts/e2e.sh)"
bash scripts/e2e.sh

step "the portal in Chromium against a real dev node (portal/test.sh)"
bash portal/test.sh

step "zombienet: four validators and an RPC node (zombienet/test.sh)"
bash zombienet/test.sh

step "all tests passed"
