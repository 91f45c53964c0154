#!/usr/bin/env bash
# Starts the Landchain network of network.toml for manual use: four validators (alice, bob,
# charlie, dave) and an RPC node, as local processes on 127.0.0.1. Ctrl+C stops it. The chain spec
# is a production one (ChainType Live) with keys generated afresh for this network (lib.sh's
# zn_production_network); their secret phrases are in <its directory>/production/keys.json, to
# import the accounts into Polkadot.js (test-only secrets).
#
#   zombienet/run.sh spawn
#
# RPC endpoints (LANDCHAIN_ZOMBIE_PORT_BASE, default 21400): the RPC node ws://127.0.0.1:21441,
# Alice :21401, Bob :21411, Charlie :21421, Dave :21431. The node binary comes from
# LANDCHAIN_NODE (default ~/.cache/landchain/target/release/landchain-node).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

case "${1:-}" in
spawn) ;;
*)
	echo "usage: $0 spawn    (start the network; the tests run with zombienet/test.sh)" >&2
	exit 2
	;;
esac

export LANDCHAIN_ZOMBIE_PORT_BASE="${LANDCHAIN_ZOMBIE_PORT_BASE:-21400}"
zn_check_node
zn_install
zn_check_ports

mkdir -p "$ZN_RUNS"
dir="$ZN_RUNS/spawn-$(date +%Y%m%d-%H%M%S)"
base="$LANDCHAIN_ZOMBIE_PORT_BASE"
# Fresh keys, the production chain spec and the validators' keystores.
zn_production_network "$dir/production"
zn_say "node:     $LANDCHAIN_NODE"
zn_say "files:    $dir (chain spec, databases, <node>.log)"
zn_say "chain:    $LANDCHAIN_SPEC (production-spec from $dir/production/network.toml; ChainType Live)"
zn_say "keys:     $LANDCHAIN_ZOMBIE_KEYS — TEST-ONLY secret phrases of alice … ferdie (council and"
zn_say "          registrars: alice, bob, charlie); import them into Polkadot.js to sign"
zn_say "tests against this network: export LANDCHAIN_ZOMBIE_KEYS=$LANDCHAIN_ZOMBIE_KEYS"
zn_say "RPC node: ws://127.0.0.1:$((base + 41))  (Polkadot.js Apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$((base + 41)))"
zn_say "validators: alice ws://127.0.0.1:$((base + 1)), bob :$((base + 11)), charlie :$((base + 21)), dave :$((base + 31))"
zn_say "Ctrl+C stops the network"
cd "$ZOMBIENET_DIR"
exec "$ZN_BIN" --provider native --logType text --dir "$dir" --force spawn network.toml
