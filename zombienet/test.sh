#!/usr/bin/env bash
# Runs the zombienet tests (tests/*.zndsl), each on a fresh network of network.toml, and stops
# every process it started, whatever happens. Exits non-zero if a test fails. First it generates
# the production network all tests of this run use (lib.sh's zn_production_network: fresh keys, a
# raw chain spec from `landchain-node production-spec`, the validators' keystores) in
# $ZOMBIENET_RUNS/production-<time>, removed at the end when every test passed (and ZOMBIENET_KEEP
# is not 1).
#
#   zombienet/test.sh                 # every test, in order
#   zombienet/test.sh 0002 0004       # some of them (number or file name)
#
# Environment: LANDCHAIN_NODE (default ~/.cache/landchain/target/release/landchain-node),
# LANDCHAIN_UPGRADE_WASM (test 0004's runtime; default …/wbuild/landchain-runtime-upgrade-test/
# landchain_runtime_upgrade_test.compact.compressed.wasm), LANDCHAIN_ZOMBIE_PORT_BASE (first of
# 50 loopback ports, default 21500, so that a network of run.sh spawn can run beside),
# ZOMBIENET_TEST_TIMEOUT (seconds per test including its network's start, default 600),
# ZOMBIENET_KEEP=1 (keep the files of passing tests too; failing ones are always kept).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

export LANDCHAIN_ZOMBIE_PORT_BASE="${LANDCHAIN_ZOMBIE_PORT_BASE:-21500}"
limit="${ZOMBIENET_TEST_TIMEOUT:-600}"

# The tests to run.
tests=()
if (($# == 0)); then
	for file in "$ZOMBIENET_DIR"/tests/*.zndsl; do tests+=("$(basename "$file")"); done
else
	for want in "$@"; do
		want="$(basename "$want")"
		matches=("$ZOMBIENET_DIR"/tests/*"${want%.zndsl}"*.zndsl)
		[[ -f ${matches[0]} ]] || zn_die "no test matches '$want' in $ZOMBIENET_DIR/tests"
		for file in "${matches[@]}"; do tests+=("$(basename "$file")"); done
	done
fi

zn_check_node
zn_install
mkdir -p "$ZN_RUNS"

# The network's keys and chain spec, for every test of this run.
production="$ZN_RUNS/production-$(date +%Y%m%d-%H%M%S)"
zn_production_network "$production"
zn_say "production network: $LANDCHAIN_SPEC (ChainType Live), keys (test-only) in $LANDCHAIN_ZOMBIE_KEYS"

# Each test runs under `timeout`, which leads a process group of its own: zombienet and every
# node it starts (also a restarted one) belong to it, so killing the group stops them all.
group=""
stop_group() {
	[[ -n $group ]] || return 0
	if kill -0 -- "-$group" 2>/dev/null; then
		kill -TERM -- "-$group" 2>/dev/null || true
		kill -CONT -- "-$group" 2>/dev/null || true # a paused (SIGSTOP) node handles TERM only then
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 -- "-$group" 2>/dev/null || break
			sleep 1
		done
		if kill -0 -- "-$group" 2>/dev/null; then
			zn_say "killing what is left of process group $group"
			kill -KILL -- "-$group" 2>/dev/null || true
		fi
	fi
	group=""
}
trap 'stop_group' EXIT
interrupted() {
	stop_group
	zn_say "interrupted: every process of the test is stopped; its files are in ${dir:-$ZN_RUNS}, \
the run's keys and chain spec in ${production:-$ZN_RUNS}"
	exit "$1"
}
trap 'interrupted 130' INT
trap 'interrupted 143' TERM

dir=""
passed=0
failed=0
summary=()
started=$(date +%s)
for test in "${tests[@]}"; do
	name="${test%.zndsl}"
	test_started=$(date +%s)
	dir="$ZN_RUNS/$name-$(date +%Y%m%d-%H%M%S)"
	zn_say "━━ $name (network files and logs: $dir)"
	rc=0
	why=""
	if [[ $name == *runtime-upgrade* && ! -f $LANDCHAIN_UPGRADE_WASM ]]; then
		why="the upgrade runtime is missing: $LANDCHAIN_UPGRADE_WASM (build it with \
cargo build --release -p landchain-runtime-upgrade-test, or set LANDCHAIN_UPGRADE_WASM)"
		zn_say "FAIL: $why"
		rc=1
	else
		zn_check_ports
		mkdir -p "$dir"
		(cd "$ZOMBIENET_DIR/tests" &&
			exec timeout --kill-after=20 "$limit" "$ZN_BIN" --provider native --logType text \
				--dir "$dir/network" --force test "$test") > >(tee "$dir/zombienet.log") 2>&1 &
		group=$!
		wait "$group" || rc=$?
		stop_group
		why="exit $rc; logs: $dir/zombienet.log, $dir/network/<node>.log"
		if ((rc == 124 || rc == 137)); then
			why="did not finish within $limit s (ZOMBIENET_TEST_TIMEOUT); $why"
			zn_say "FAIL: $name $why"
		fi
	fi
	took=$(($(date +%s) - test_started))
	if ((rc == 0)); then
		passed=$((passed + 1))
		summary+=("PASS  $name  ${took}s")
		[[ ${ZOMBIENET_KEEP:-} == 1 ]] || rm -rf "$dir"
	else
		failed=$((failed + 1))
		summary+=("FAIL  $name  ${took}s  ($why)")
	fi
done

zn_say "━━ summary ($(($(date +%s) - started))s)"
printf '  %s\n' "${summary[@]}"
if ((failed == 0)) && [[ ${ZOMBIENET_KEEP:-} != 1 ]]; then
	rm -rf "$production"
else
	echo "  keys and chain spec of this run: $production"
fi
echo "zombienet: $passed passed, $failed failed"
((failed == 0))
