#!/usr/bin/env bash
# Runs the zombienet tests (tests/*.zndsl) and stops every process it started, whatever happens.
# Exits non-zero if a test fails. First it generates the production network all tests of this run
# use (lib.sh's zn_production_network: fresh keys, a raw chain spec from `landchain-node
# production-spec`, the validators' keystores) in $ZOMBIENET_RUNS/production-<time>, removed at the
# end when every test passed (and ZOMBIENET_KEEP is not 1).
#
# The tests run in the order of their numbers, all on ONE network of network.toml (one start, one
# stop): suite.js writes a .zndsl with the assertions of every selected test, in order, which
# zombienet runs; the result lines zombienet prints are counted to tell each test's PASS/FAIL and
# duration. A single test, or every test with ZOMBIENET_SEPARATE=1, runs on a network of its own
# (each test file still passes alone on a fresh network).
#
#   zombienet/test.sh                      # every test, on one network
#   zombienet/test.sh 0002 0004            # some of them (number or file name), on one network
#   ZOMBIENET_SEPARATE=1 zombienet/test.sh # every test on a fresh network of its own
#
# Environment: LANDCHAIN_NODE (default ~/.cache/landchain/target/release/landchain-node),
# LANDCHAIN_UPGRADE_WASM (test 0004's runtime; default …/wbuild/landchain-runtime-upgrade-test/
# landchain_runtime_upgrade_test.compact.compressed.wasm), LANDCHAIN_ZOMBIE_PORT_BASE (first of
# 50 loopback ports, default 21500, so that a network of run.sh spawn can run beside),
# ZOMBIENET_TEST_TIMEOUT (seconds per test including its network's start, default 600; a shared
# network gets that times the number of its tests), ZOMBIENET_SEPARATE=1 (a network per test),
# ZOMBIENET_KEEP=1 (keep the files of passing tests too; failing ones are always kept), CHROMIUM
# (test 0005's browser, default /usr/bin/chromium). Test 0005 needs the built portal: portal_ready
# below builds portal/dist when it is missing.
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
	# In the order of their numbers, each once: on a shared network the tests that change it
	# (0003 kills and restarts nodes, 0004 upgrades the runtime) come after those before them.
	mapfile -t tests < <(printf '%s\n' "${tests[@]}" | sort -u)
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


# The result of each test, by name: "PASS|FAIL  <name>  <seconds>s  (<why>)".
declare -A result=()
passed=0
failed=0
pass() { # pass NAME SECONDS [NOTE]
	passed=$((passed + 1))
	result[$1]="PASS  $1  ${2}s${3:+  ($3)}"
}
fail() { # fail NAME SECONDS WHY
	failed=$((failed + 1))
	result[$1]="FAIL  $1  ${2}s  ($3)"
	zn_say "FAIL: $1: $3"
}
timed_out() { # timed_out RC: true if `timeout` stopped zombienet
	(($1 == 124 || $1 == 137))
}

# run_alone TEST: TEST on a network of its own, in $ZN_RUNS/<name>-<time>.
run_alone() {
	local test="$1" name="${1%.zndsl}" rc=0 why test_started
	test_started=$(date +%s)
	dir="$ZN_RUNS/$name-$(date +%Y%m%d-%H%M%S)"
	zn_say "━━ $name (network files and logs: $dir)"
	zn_check_ports
	mkdir -p "$dir"
	(cd "$ZOMBIENET_DIR/tests" &&
		exec timeout --kill-after=20 "$limit" "$ZN_BIN" --provider native --logType text \
			--dir "$dir/network" --force test "$test") > >(tee "$dir/zombienet.log") 2>&1 &
	group=$!
	wait "$group" || rc=$?
	stop_group
	local took=$(($(date +%s) - test_started))
	if ((rc == 0)); then
		pass "$name" "$took"
		[[ ${ZOMBIENET_KEEP:-} == 1 ]] || rm -rf "$dir"
	else
		why="exit $rc; logs: $dir/zombienet.log, $dir/network/<node>.log"
		timed_out "$rc" && why="did not finish within $limit s (ZOMBIENET_TEST_TIMEOUT); $why"
		fail "$name" "$took" "$why"
	fi
}

# zn_follow LOG RESULTS NAME:COUNT…: copies zombienet's output (its standard input) to standard
# output and to LOG, and appends to RESULTS "<epoch seconds> pass|fail" for each assertion's
# result line (zombienet's reporter prints "<date> : ✅ <assertion> (<ms>)", or ❌, for each, in
# order). NAME:COUNT are the tests and their numbers of assertions, in order: it announces each
# test after the last result of the one before. Creates RESULTS.done at the end of its input.
zn_follow() {
	local log="$1" results="$2" line seen=0 next=1 bound
	shift 2
	local -a names=("${@%:*}") counts=("${@##*:}")
	bound=${counts[0]}
	while IFS= read -r line || [[ -n $line ]]; do
		printf '%s\n' "$line"
		printf '%s\n' "$line" >&3
		case $line in
		*' : ✅ '*) printf '%(%s)T pass\n' -1 >&4 ;;
		*' : ❌ '*) printf '%(%s)T fail\n' -1 >&4 ;;
		*) continue ;;
		esac
		seen=$((seen + 1))
		if ((next < ${#names[@]} && seen == bound)); then
			zn_say "━━ ${names[next]} (on the same network)"
			zn_say "━━ ${names[next]} (on the same network)" >&3
			bound=$((bound + counts[next]))
			next=$((next + 1))
		fi
	done 3>"$log" 4>"$results"
	: >"$results.done"
}

# run_shared TEST…: the tests one after another on one network, in $ZN_RUNS/shared-<time>:
# zombienet runs suite.js's combination of their assertions; each test's result and duration
# come from the result lines zombienet prints (the first test's duration includes the network's
# start). A test that fails does not stop those after it (zombienet runs every assertion), but
# they then run on whatever it left.
run_shared() {
	local -a names=() counts=() marks=()
	local test rc=0 out fd run_started run_ended i k at=0 seen state t s last prev took why failures=0
	for test; do names+=("${test%.zndsl}"); done
	dir="$ZN_RUNS/shared-$(date +%Y%m%d-%H%M%S)"
	mkdir -p "$dir"
	zn_say "━━ ${names[*]}: one network (files and logs: $dir)"
	if ! out="$(cd "$ZOMBIENET_DIR" && node suite.js "$dir/suite.zndsl" "${@/#/tests/}" 2>&1)"; then
		for test in "${names[@]}"; do fail "$test" 0 "cannot combine the tests: $out"; done
		return
	fi
	mapfile -t counts <<<"$out"
	local -a follow=()
	for i in "${!names[@]}"; do follow+=("${names[i]}:${counts[i]}"); done
	zn_check_ports
	zn_say "━━ ${names[0]}"
	run_started=$(date +%s)
	exec {fd}> >(zn_follow "$dir/zombienet.log" "$dir/results" "${follow[@]}")
	(cd "$ZOMBIENET_DIR/tests" &&
		exec timeout --kill-after=20 "$((limit * ${#names[@]}))" "$ZN_BIN" --provider native --logType text \
			--dir "$dir/network" --force test "$dir/suite.zndsl") >&"$fd" 2>&1 {fd}>&- &
	group=$!
	exec {fd}>&-
	wait "$group" || rc=$?
	stop_group
	run_ended=$(date +%s)
	# Every process that wrote to zn_follow is gone: it reaches the end of its input.
	for _ in {1..100}; do
		[[ -e $dir/results.done ]] && break
		sleep 0.2
	done
	[[ -f $dir/results ]] && mapfile -t marks <"$dir/results"

	prev=$run_started
	local logs="logs: $dir/zombienet.log, $dir/network/<node>.log"
	for i in "${!names[@]}"; do
		seen=0
		state=pass
		last=$prev
		for ((k = at; k < at + counts[i] && k < ${#marks[@]}; k++)); do
			read -r t s <<<"${marks[k]}"
			seen=$((seen + 1))
			last=$t
			[[ $s == pass ]] || state=fail
		done
		at=$((at + counts[i]))
		# An unfinished test ran until the network stopped (and those after it, not at all).
		((seen == counts[i])) || last=$run_ended
		took=$((last - prev))
		prev=$last
		if ((seen == counts[i])) && [[ $state == pass ]]; then
			pass "${names[i]}" "$took" "$( ((i == 0)) && echo "with the network's start")"
			continue
		fi
		if [[ $state == fail ]]; then
			why="an assertion failed (❌ in the log)"
		elif ((seen > 0)); then
			why="stopped after $seen of its ${counts[i]} assertions"
		else
			why="none of its ${counts[i]} assertions ran"
		fi
		((seen == counts[i])) || ! timed_out "$rc" ||
			why="$why: the network's time limit, $((limit * ${#names[@]})) s (ZOMBIENET_TEST_TIMEOUT × ${#names[@]}), ran out"
		((failures == 0)) || why="$why, after a failure of a test before it on this network"
		failures=$((failures + 1))
		fail "${names[i]}" "$took" "$why; zombienet exit $rc; $logs"
	done
	if ((failures == 0 && rc != 0)); then
		failures=1
		fail "${names[-1]}" 0 "every assertion passed, but zombienet exited with $rc; $logs"
	fi
	if ((${#marks[@]} == at)); then
		zn_say "shared network of ${names[*]}: $((run_ended - run_started))s, of which stopping it \
$((run_ended - prev))s"
	fi
	if ((failures == 0)) && [[ ${ZOMBIENET_KEEP:-} != 1 ]]; then rm -rf "$dir"; fi
}

# portal_ready: test 0005 opens the built portal (portal/dist) in Chromium with the portal's own
# Playwright. Installs the portal's locked dependencies when needed and builds dist when it is
# missing, both as portal/test.sh does (scripts/npm-deps.sh's ensure_npm_deps: npm ci only when
# package.json or the lock changed; npm run build). A dist older than the portal's sources is used
# as it is, with a note (scripts/test.sh builds it in its portal step, before this one). On failure
# sets portal_problem to the reason.
portal_problem=""
portal_ready() {
	local portal chromium="${CHROMIUM:-/usr/bin/chromium}" newer
	portal="$(cd "$ZOMBIENET_DIR/../portal" && pwd)"
	if [[ ! -x $chromium ]]; then
		portal_problem="no Chromium at $chromium (scripts/setup.sh installs Debian's chromium; or set CHROMIUM)"
		return
	fi
	# A bash of its own, with errexit: in an `if` it would be off, and a failed npm ci go unnoticed.
	if ! bash -euo pipefail -c 'cd "$1" && source ../scripts/npm-deps.sh && ensure_npm_deps portal' _ "$portal"; then
		portal_problem="cannot install the portal's dependencies (cd portal && npm ci)"
		return
	fi
	if [[ ! -f $portal/dist/index.html ]]; then
		zn_say "building the portal for test 0005 (portal/dist is missing): npm run build"
		if ! (cd "$portal" && npm run --silent build >/dev/null); then
			portal_problem="portal/dist is missing and its build failed (cd portal && npm run build)"
			return
		fi
	else
		newer="$(find "$portal/src" "$portal/index.html" "$portal/vite.config.ts" "$ZOMBIENET_DIR/../scripts/src" \
			-newer "$portal/dist/index.html" -type f -print -quit 2>/dev/null || true)"
		[[ -z $newer ]] || zn_say "note: portal/dist was built before the last change to $newer; test 0005 \
runs the portal as it was built (rebuild: cd portal && npm run build)"
	fi
}

dir=""
started=$(date +%s)
runnable=()
for test in "${tests[@]}"; do
	name="${test%.zndsl}"
	if [[ $name == *-portal ]]; then
		portal_ready
	fi
	if [[ $name == *runtime-upgrade* && ! -f $LANDCHAIN_UPGRADE_WASM ]]; then
		fail "$name" 0 "the upgrade runtime is missing: $LANDCHAIN_UPGRADE_WASM (build it with \
cargo build --release -p landchain-runtime-upgrade-test, or set LANDCHAIN_UPGRADE_WASM)"
	elif [[ $name == *-portal && -n $portal_problem ]]; then
		fail "$name" 0 "$portal_problem"
	else
		runnable+=("$test")
	fi
done
if ((${#runnable[@]} > 1)) && [[ ${ZOMBIENET_SEPARATE:-} != 1 ]]; then
	run_shared "${runnable[@]}"
else
	for test in "${runnable[@]}"; do run_alone "$test"; done
fi

zn_say "━━ summary ($(($(date +%s) - started))s)"
for test in "${tests[@]}"; do printf '  %s\n' "${result[${test%.zndsl}]}"; done
if ((failed == 0)) && [[ ${ZOMBIENET_KEEP:-} != 1 ]]; then
	rm -rf "$production"
else
	echo "  keys and chain spec of this run: $production"
fi
echo "zombienet: $passed passed, $failed failed"
((failed == 0))
