#!/usr/bin/env bash
# The load generator (scripts/bench/README.md): installs scripts/' locked dependencies when
# package-lock.json changed (as e2e.sh does), then runs bench/load.mjs with the given arguments
# against LANDCHAIN_NODE (default: the release build in the shared cargo target, see env.sh).
#
#   scripts/bench/load.sh            # the full run: a few minutes of saturation
#   scripts/bench/load.sh --short    # a few hundred transactions, well under 2 minutes
#   scripts/bench/load.sh --help     # every option
set -euo pipefail
cd "$(dirname "$0")/.."
scripts_dir=$(pwd)

if [[ -z "${LANDCHAIN_NODE:-}" ]]; then
	# shellcheck source=../env.sh
	source "$scripts_dir/env.sh"
fi
export LANDCHAIN_NODE

# Node.js, and the dependencies: `npm ci` only when the lockfile (or package.json) changed.
# shellcheck source=../npm-deps.sh
source "$scripts_dir/npm-deps.sh"
ensure_npm_deps load

exec node bench/load.mjs "$@"
