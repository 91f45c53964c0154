# Shared by run.sh and test.sh (sourced): paths, prerequisites and the npm install.

ZOMBIENET_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ZN_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/landchain/target}"
# The node binary and the upgrade runtime (same defaults as scripts/env.sh's target directory).
export LANDCHAIN_NODE="${LANDCHAIN_NODE:-$ZN_TARGET_DIR/release/landchain-node}"
export LANDCHAIN_UPGRADE_WASM="${LANDCHAIN_UPGRADE_WASM:-$ZN_TARGET_DIR/release/wbuild/landchain-runtime-upgrade-test/landchain_runtime_upgrade_test.compact.compressed.wasm}"
# Where each network keeps its chain spec, databases and logs.
ZN_RUNS="${ZOMBIENET_RUNS:-${TMPDIR:-/tmp}/landchain-zombienet}"
ZN_BIN="$ZOMBIENET_DIR/node_modules/.bin/zombienet"

zn_say() { printf '\033[1;35m[zombienet]\033[0m %s\n' "$*"; }
zn_die() {
	printf '\033[1;31m[zombienet] error:\033[0m %s\n' "$*" >&2
	exit 1
}

# The node binary must exist; zombienet gets its absolute path.
zn_check_node() {
	[[ -x $LANDCHAIN_NODE ]] || zn_die "landchain-node not found at $LANDCHAIN_NODE: build it first \
(scripts/run-dev.sh, or cargo build --release -p landchain-node) or set LANDCHAIN_NODE"
	LANDCHAIN_NODE="$(cd "$(dirname "$LANDCHAIN_NODE")" && pwd)/$(basename "$LANDCHAIN_NODE")"
	export LANDCHAIN_NODE
}

# Installs zombienet and @polkadot/api from package-lock.json (npm ci) when the lock changed.
zn_install() {
	command -v node >/dev/null && command -v npm >/dev/null ||
		zn_die "Node.js (18 or newer) and npm are needed: apt-get install nodejs npm"
	local major
	major="$(node -p 'process.versions.node.split(".")[0]')"
	((major >= 18)) || zn_die "Node.js 18 or newer is needed, found $(node --version)"
	local stamp="$ZOMBIENET_DIR/node_modules/.landchain-lock" want
	want="$(cat "$ZOMBIENET_DIR/package.json" "$ZOMBIENET_DIR/package-lock.json" | sha256sum)"
	if [[ ! -x $ZN_BIN || ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
		zn_say "installing zombienet (npm ci)"
		(cd "$ZOMBIENET_DIR" && npm ci --no-audit --no-fund --loglevel=error) || zn_die "npm ci failed"
		echo "$want" >"$stamp"
	fi
}

# The network uses 50 loopback ports from LANDCHAIN_ZOMBIE_PORT_BASE (see network.toml): fail
# early, with the way out, if one of them is taken.
zn_check_ports() {
	local base="$LANDCHAIN_ZOMBIE_PORT_BASE" port
	for ((port = base; port < base + 50; port++)); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			zn_die "port $port (LANDCHAIN_ZOMBIE_PORT_BASE=$base … +49) is in use: stop what uses it \
or choose another base, e.g. LANDCHAIN_ZOMBIE_PORT_BASE=$((base + 1000))"
		fi
	done
}
