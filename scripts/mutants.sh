#!/usr/bin/env bash
# Mutation testing of the Landchain pallets (issue 16): cargo-mutants changes the pallets' code one
# small edit at a time (a `>` for a `>=`, a `+` for a `-`, a function body for `Ok(())`, …),
# builds, and runs that pallet's tests. A mutant the tests fail is *caught*; one they pass is
# *missed* — a change to the code no test would notice. Long (minutes per pallet, hours for all):
# a documented command, not part of the test command.
#
#   scripts/mutants.sh                          # the four pallets
#   scripts/mutants.sh pallet-escrow ...        # some of them
#
# What is mutated: every function of each pallet except what `.cargo/mutants.toml` leaves out,
# with its reasons (`benchmarking.rs` and the benchmark set-up, compiled only for benchmarks;
# `weights.rs`, generated; a field compiled only into the upgrade-test runtime). The tests run
# with `try-runtime` on, so each test's closing `try_state` hook (the pallet's invariants) and the
# migrations' pre/post checks take part.
#
# cargo-mutants 27.1.0 is installed on first use. It builds in its own copy of the tree and in
# its own target directory (~/.cache/landchain/target-mutants), so it never invalidates the test
# command's artifacts; run it when no other cargo build runs. Results: mutants.out/<pallet>/
# (cargo-mutants' `outcomes.json`, `caught.txt`, `missed.txt`, `timeout.txt`, `unviable.txt`, one
# log per mutant; `dispatch-ok.txt` from scripts/mutants-dispatch.py); the last lines print each
# pallet's kill rate = caught / (caught + missed), both tools together.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

MUTANTS_VERSION=27.1.0
if ! cargo mutants --version 2>/dev/null | grep -q "$MUTANTS_VERSION"; then
	cargo install cargo-mutants --locked --version "$MUTANTS_VERSION"
fi

packages=("$@")
((${#packages[@]})) || packages=(pallet-escrow pallet-upgrade-gate pallet-conveyance pallet-land-registry)

export CARGO_TARGET_DIR="$HOME/.cache/landchain/target-mutants"
# No debug info: each mutant relinks the test binary, and linking debug info dominates.
export CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_TEST_DEBUG=0

for package in "${packages[@]}"; do
	printf '\n\033[1;34m[mutants]\033[0m %s\n' "$package"
	started=$(date +%s)
	mkdir -p "mutants.out/$package"
	# Status 2 (some mutants missed) and 3 (some timed out) are results, reported below.
	rc=0
	cargo mutants --package "$package" --features try-runtime --no-shuffle \
		--output "mutants.out/$package" || rc=$?
	((rc == 0 || rc == 2 || rc == 3)) || { echo "cargo mutants failed for $package (status $rc)" >&2; exit "$rc"; }
	echo "$package: $(($(date +%s) - started)) s" >"mutants.out/$package/duration.txt"
done

# cargo-mutants does not see through the `DispatchResult` alias (it tries `Default::default()`,
# which does not compile): the "does nothing, reports success" mutant of each such function
# comes from scripts/mutants-dispatch.py instead.
python3 scripts/mutants-dispatch.py "${packages[@]}"

printf '\n%-22s %7s %7s %7s %8s %9s %8s\n' pallet mutants caught missed timeout unviable "kill rate"
for package in "${packages[@]}"; do
	dir="mutants.out/$package/mutants.out"
	count() { if [[ -f $dir/$1.txt ]]; then grep -c . "$dir/$1.txt" || true; else echo 0; fi; }
	early() { grep -c "^$1" "mutants.out/$package/dispatch-ok.txt" || true; }
	caught=$(($(count caught) + $(early caught))) missed=$(($(count missed) + $(early missed)))
	timeout=$(count timeout) unviable=$(($(count unviable) + $(early unviable)))
	total=$((caught + missed + timeout + unviable))
	rate=$(awk -v c="$caught" -v m="$missed" 'BEGIN { if (c + m) printf "%.1f %%", 100 * c / (c + m); else print "-" }')
	printf '%-22s %7s %7s %7s %8s %9s %8s\n' "$package" "$total" "$caught" "$missed" "$timeout" "$unviable" "$rate"
done
