#!/usr/bin/env bash
# The portal's tests: installs the locked dependencies (npm ci, only when package.json or
# package-lock.json changed), type-checks and builds the portal, then runs the Playwright tests in
# Debian's Chromium against a real `landchain-node --dev --tmp` (started and stopped by
# tests/global-setup.ts on OS-picked ports). Bounded in time; exits non-zero on any failure.
# Screenshots of every page land in portal/test-results/.
#
#   LANDCHAIN_NODE   the node binary (default ~/.cache/landchain/target/release/landchain-node)
#   CHROMIUM         the browser (default /usr/bin/chromium; scripts/setup.sh installs it)
#   PORTAL_TEST_TIMEOUT  the whole run's bound in seconds (default 300)
set -euo pipefail
cd "$(dirname "$0")"
source ../scripts/npm-deps.sh
# shellcheck source=../scripts/node-groups.sh
source ../scripts/node-groups.sh

started=$(date +%s)
log() { printf '\033[1;34m[portal]\033[0m %s (%ss)\n' "$*" "$(( $(date +%s) - started ))"; }

export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$CHROMIUM" ]]; then
	echo "portal: no Chromium at $CHROMIUM (scripts/setup.sh installs Debian's chromium)" >&2
	exit 1
fi

ensure_npm_deps portal

# Every node the tests start records its process group id here (scripts/src/devnode.mjs): whatever
# ends the run (the time bound, an interrupt, a killed worker), none is left behind.
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/landchain-portal.XXXXXX")
export LANDCHAIN_E2E_RUN_DIR="$run_dir"
cleanup() {
	local status=$?
	kill_recorded_nodes "$run_dir" portal
	rm -rf "$run_dir"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "type-checking and building"
npm run --silent build >/dev/null
log "browser tests (Chromium: $("$CHROMIUM" --version 2>/dev/null | head -1))"
rm -rf test-results
mkdir -p test-results
timeout --kill-after=20 "${PORTAL_TEST_TIMEOUT:-300}" npx playwright test
log "portal tests passed; screenshots in portal/test-results/"
