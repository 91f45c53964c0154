#!/usr/bin/env bash
# Command 1 of the README: install prerequisites, build the node in release and run a dev chain
# on ws://127.0.0.1:9944 that Polkadot.js Apps can connect to, with the Landchain portal (portal/,
# static files) served beside it on http://127.0.0.1:$LANDCHAIN_PORTAL_PORT (default 8080).
#
#   scripts/run-dev.sh            keep the chain's data between runs (in $LANDCHAIN_DATA)
#   scripts/run-dev.sh --reset    wipe the dev chain's data first, starting again from genesis
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

reset=false
for arg in "$@"; do
	case "$arg" in
		--reset) reset=true ;;
		*) echo "unknown option: $arg (known: --reset)" >&2; exit 2 ;;
	esac
done

bash scripts/setup.sh
echo "[run-dev] building landchain-node (release); the first build takes 30-40 minutes"
cargo build --release --locked -p landchain-node

if $reset; then
	"$LANDCHAIN_NODE" purge-chain --dev --base-path "$LANDCHAIN_DATA" -y
fi

# The portal: its locked dependencies (npm ci when the lock changed), a build, and a static server
# beside the chain. A portal that cannot be built does not stop the chain.
portal_port=${LANDCHAIN_PORTAL_PORT:-8080}
portal_line="  (the portal could not be built: see the messages above)"
portal_pid=""
if (cd portal && source ../scripts/npm-deps.sh && ensure_npm_deps portal && npm run --silent build >/dev/null); then
	node portal/serve.mjs --port "$portal_port" --host 127.0.0.1 >/dev/null &
	portal_pid=$!
	trap '[[ -n "$portal_pid" ]] && kill "$portal_pid" 2>/dev/null' EXIT
	portal_line="  Landchain portal (search, parcel pages, clerk's console):
    http://127.0.0.1:$portal_port/?node=ws%3A%2F%2F127.0.0.1%3A9944"
fi

cat <<MSG

  Landchain dev chain: ws://127.0.0.1:9944  (data in $LANDCHAIN_DATA)
$portal_line
  Open Polkadot.js Apps:
    https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944#/explorer
  (or Settings → custom endpoint → ws://127.0.0.1:9944). Stop with Ctrl-C.

MSG
# Not exec'd: the portal's server stops with the chain (the EXIT trap).
"$LANDCHAIN_NODE" --dev --base-path "$LANDCHAIN_DATA" --rpc-cors all --rpc-port 9944
