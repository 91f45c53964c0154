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
# runner applies --test-timeout to the file processes too). Arguments, if any, are the test files.
set -euo pipefail
cd "$(dirname "$0")"
scripts_dir=$(pwd)

# The node and the upgrade wasm from the shared cargo target directory (see env.sh).
if [[ -z "${LANDCHAIN_NODE:-}" || -z "${CARGO_TARGET_DIR:-}" ]]; then
	# shellcheck source=env.sh
	source "$scripts_dir/env.sh"
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
ensure_npm_deps e2e

# Every node a test starts writes its process group id here; whatever happens, they are killed.
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/landchain-e2e.XXXXXX")
export LANDCHAIN_E2E_RUN_DIR="$run_dir"
runner=""
watchdog=""
cleanup() {
	local status=$?
	[[ -n "$watchdog" ]] && kill -KILL -- "-$watchdog" 2>/dev/null || true
	[[ -n "$runner" ]] && kill -KILL -- "-$runner" 2>/dev/null || true
	shopt -s nullglob
	for pid_file in "$run_dir"/*.pgid; do
		pgid=$(cat "$pid_file")
		if [[ "$pgid" =~ ^[0-9]+$ ]] && kill -0 -- "-$pgid" 2>/dev/null; then
			echo "e2e: stopping a leftover landchain-node (process group $pgid)" >&2
			kill -KILL -- "-$pgid" 2>/dev/null || true
		fi
	done
	rm -rf "$run_dir"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

total_timeout=${LANDCHAIN_E2E_TIMEOUT:-2400}
test_timeout=${LANDCHAIN_TEST_TIMEOUT:-600}
if (( $# > 0 )); then files=("$@"); else files=(test/*.test.mjs); fi

echo "e2e: node $LANDCHAIN_NODE"
echo "e2e: upgrade wasm $LANDCHAIN_UPGRADE_WASM"
started=$(date +%s)
# The watchdog ends the whole run at the deadline: it stops this script, whose EXIT trap stops
# the running test file and every node it started.
main_pid=$$
setsid bash -c "sleep $total_timeout; echo 'e2e: the run took longer than ${total_timeout} s: stopping it' >&2; kill -TERM $main_pid 2>/dev/null" &
watchdog=$!
disown "$watchdog"

# One file at a time, each runner in its own process group (setsid), so that it and every test
# process it spawned can be stopped together.
run_file() {
	setsid node --test --test-concurrency=1 --test-timeout="$((test_timeout * 1000))" --test-reporter=spec "$1" &
	runner=$!
	set +e
	wait "$runner"
	local status=$?
	set -e
	runner=""
	return "$status"
}

# Every file runs once: a failure fails the run (no retries — a flaky test is a defect to fix).
passed=0
failed=0
failed_files=()
for file in "${files[@]}"; do
	if run_file "$file"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failed_files+=("$file")
	fi
done
(( failed == 0 )) || echo "e2e: FAILED: ${failed_files[*]}" >&2
echo "e2e: finished in $(( $(date +%s) - started )) s"
echo "e2e files: $passed passed, $failed failed"
(( failed == 0 ))
