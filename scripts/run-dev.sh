#!/usr/bin/env bash
# Command 1 of the README: install prerequisites, build the node in release and run a dev chain
# on ws://127.0.0.1:9944 that Polkadot.js Apps can connect to.
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

cat <<MSG

  Landchain dev chain: ws://127.0.0.1:9944  (data in $LANDCHAIN_DATA)
  Open Polkadot.js Apps:
    https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944#/explorer
  (or Settings → custom endpoint → ws://127.0.0.1:9944). Stop with Ctrl-C.

MSG
exec "$LANDCHAIN_NODE" --dev --base-path "$LANDCHAIN_DATA" --rpc-cors all --rpc-port 9944
