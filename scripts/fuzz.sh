#!/usr/bin/env bash
# The long run of the runtime's state-machine fuzzer (runtime/src/tests/fuzz/): random dealings
# through `Executive` as signed extrinsics, every pallet's try_state and the value-conservation
# checks after every block. Prints progress, then the figures: calls, blocks, calls/s, and per
# call how often it succeeded and why it was refused.
#
#   scripts/fuzz.sh                 1,000,000 calls from a random seed
#   scripts/fuzz.sh 200000 12345    200,000 calls from seed 12345 (a run is reproducible by its seed)
#
# The test command runs the same harness with 10,000 calls from a fixed seed. A failure is shrunk
# to a minimal sequence, printed, and saved in runtime/proptest-regressions/ (commit that file:
# every later run, CI's included, replays it first).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh >/dev/null

export LANDCHAIN_FUZZ_CALLS="${1:-1000000}"
export LANDCHAIN_FUZZ_SEED="${2:-random}"
# The same build as the test command's benchmark/try-runtime step: nothing else compiles.
cargo test --release --locked "${FEATURE_TEST_PACKAGES[@]}" \
	--features "$FEATURE_TEST_FEATURES" -- fuzz --nocapture
