#!/usr/bin/env bash
# The Polkadot.js end-to-end tests of scripts/: installs the package's locked dependencies (only
# when package-lock.json changed), then runs every scripts/test/*.test.mjs with node's test runner
# against real `landchain-node --dev --tmp` nodes (each test file starts and stops its own, on free
# loopback ports). Bounded: each test has a timeout and the whole run a deadline; every node a test
# started is killed when this script ends, however it ends. Exits non-zero on any failure.
#
# Environment: LANDCHAIN_NODE (the node binary), LANDCHAIN_UPGRADE_WASM (the upgrade runtime for
# the governance upgrade test), LANDCHAIN_E2E_TIMEOUT (seconds for the whole run, default 2400),
# LANDCHAIN_TEST_TIMEOUT (seconds for each test file and each test in it, default 600: node's
# runner applies --test-timeout to the file processes too), LANDCHAIN_E2E_JOBS (files run at once,
# default 4), LANDCHAIN_E2E_DURATIONS (where the last run's durations per file are kept, to start
# the longest first). Arguments, if any, are the test files.
set -euo pipefail
cd "$(dirname "$0")"
scripts_dir=$(pwd)

# The node and the upgrade wasm from the shared cargo target directory (see env.sh), unless given.
if [[ -z "${LANDCHAIN_NODE:-}" || -z "${CARGO_TARGET_DIR:-}" ]]; then
	given_node=${LANDCHAIN_NODE:-}
	# shellcheck source=env.sh
	source "$scripts_dir/env.sh"
	LANDCHAIN_NODE=${given_node:-$LANDCHAIN_NODE}
fi
export LANDCHAIN_NODE
export LANDCHAIN_UPGRADE_WASM="${LANDCHAIN_UPGRADE_WASM:-$CARGO_TARGET_DIR/release/wbuild/landchain-runtime-upgrade-test/landchain_runtime_upgrade_test.compact.compressed.wasm}"

if [[ ! -x "$LANDCHAIN_NODE" ]]; then
	echo "e2e: landchain-node not found at $LANDCHAIN_NODE (build it first, or set LANDCHAIN_NODE)" >&2
	exit 1
fi

# Node.js, and the dependencies: `npm ci` only when the lockfile (or package.json) changed.
# shellcheck source=npm-deps.sh
source "$scripts_dir/npm-deps.sh"
# shellcheck source=node-groups.sh
source "$scripts_dir/node-groups.sh"
ensure_npm_deps e2e

# Every node a test starts writes its process group id here; whatever happens, they are killed.
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/landchain-e2e.XXXXXX")
export LANDCHAIN_E2E_RUN_DIR="$run_dir"
runners=()
watchdog=""
cleanup() {
	local status=$?
	[[ -n "$watchdog" ]] && kill -KILL -- "-$watchdog" 2>/dev/null || true
	local pid
	for pid in "${runners[@]}"; do
		# A file still running when the run ends (the deadline, an interrupt): show how far it got.
		kill -KILL -- "-$pid" 2>/dev/null || true
		echo "e2e: ── ${file_of[$pid]:-?} was still running: its output so far ──" >&2
		cat "$run_dir/$(basename "${file_of[$pid]:-none}").log" >&2 2>/dev/null || true
	done
	kill_recorded_nodes "$run_dir" e2e
	rm -rf "$run_dir"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

total_timeout=${LANDCHAIN_E2E_TIMEOUT:-2400}
test_timeout=${LANDCHAIN_TEST_TIMEOUT:-600}
if (( $# > 0 )); then files=("$@"); else files=(test/*.test.mjs); fi

# The longest files start first, by how long each took in the last run on this machine (kept in
# LANDCHAIN_E2E_DURATIONS; a file not timed yet counts as the longest): the pool then ends soonest.
durations_file=${LANDCHAIN_E2E_DURATIONS:-$HOME/.cache/landchain/e2e-durations}
declare -A took_before=()
if [[ -r "$durations_file" ]]; then
	while read -r seconds file; do
		[[ "$seconds" =~ ^[0-9]+$ && -n "$file" ]] && took_before[$file]=$seconds
	done < "$durations_file"
fi
mapfile -t files < <(for file in "${files[@]}"; do echo "${took_before[$file]:-999999} $file"; done | sort -k1,1nr -k2 | cut -d' ' -f2-)
declare -A took_now=()

echo "e2e: node $LANDCHAIN_NODE"
echo "e2e: upgrade wasm $LANDCHAIN_UPGRADE_WASM"
started=$(date +%s)
# The watchdog ends the whole run at the deadline: it stops this script, whose EXIT trap stops
# the running test file and every node it started.
main_pid=$$
setsid bash -c "sleep $total_timeout; echo 'e2e: the run took longer than ${total_timeout} s: stopping it' >&2; kill -TERM $main_pid 2>/dev/null" &
watchdog=$!
disown "$watchdog"

# A pool of LANDCHAIN_E2E_JOBS test files at a time (default 4: the files spend most of their
# time waiting for 3-second blocks, each on its own node; measured here, the eight files took
# 655 s one after another and 273 s three at a time), each runner in its own process group
# (setsid), so that it and every test process it spawned can be stopped together. A file's output
# goes to its own log, printed whole when the file ends, so that files never interleave.
jobs_max=${LANDCHAIN_E2E_JOBS:-4}
[[ "$jobs_max" =~ ^[1-9][0-9]*$ ]] || { echo "e2e: LANDCHAIN_E2E_JOBS must be a positive number" >&2; exit 2; }
declare -A file_of=() began_at=()
start_file() {
	local file=$1 log
	log="$run_dir/$(basename "$file").log"
	setsid node --test --test-concurrency=1 --test-timeout="$((test_timeout * 1000))" --test-reporter=spec "$file" >"$log" 2>&1 &
	file_of[$!]=$file
	began_at[$!]=$(date +%s)
	runners+=("$!")
}

# Every file runs once: a failure fails the run (no retries — a flaky test is a defect to fix).
passed=0
failed=0
failed_files=()
finish_one() {
	local pid status file
	set +e
	wait -n -p pid "${runners[@]}"
	status=$?
	set -e
	file=${file_of[$pid]}
	local still=() other
	for other in "${runners[@]}"; do [[ "$other" == "$pid" ]] || still+=("$other"); done
	runners=("${still[@]}")
	echo
	took_now[$file]=$(( $(date +%s) - ${began_at[$pid]} ))
	echo "e2e: ── $file (${took_now[$file]} s, exit $status) ──"
	cat "$run_dir/$(basename "$file").log"
	if (( status == 0 )); then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failed_files+=("$file")
	fi
}
for file in "${files[@]}"; do
	while (( ${#runners[@]} >= jobs_max )); do finish_one; done
	start_file "$file"
done
while (( ${#runners[@]} > 0 )); do finish_one; done
# Remember this run's durations for the next run's order (the files not run this time keep theirs).
for file in "${!took_now[@]}"; do took_before[$file]=${took_now[$file]}; done
mkdir -p "$(dirname "$durations_file")"
for file in "${!took_before[@]}"; do echo "${took_before[$file]} $file"; done > "$durations_file.tmp" &&
	mv "$durations_file.tmp" "$durations_file"
(( failed == 0 )) || echo "e2e: FAILED: ${failed_files[*]}" >&2
echo "e2e: finished in $(( $(date +%s) - started )) s ($jobs_max files at a time)"
echo "e2e files: $passed passed, $failed failed"
(( failed == 0 ))
