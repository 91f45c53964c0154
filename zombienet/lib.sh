# shellcheck shell=bash
# Shared by run.sh and test.sh (sourced): paths, prerequisites, the npm install and the
# production network's keys and chain spec (zn_production_network).

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

# ── The production network ───────────────────────────────────────────────────────────────────
# network.toml runs the raw chain spec `landchain-node production-spec` writes (ChainType Live),
# from keys generated at random here, once per run.sh / test.sh invocation: no well-known dev key
# (//Alice …) is an authority, a council member, a registrar, a funded account or in a keystore
# the nodes read.
#
# The roles keep the dev accounts' names, so that the tests read as before: four validators, one
# secret phrase each (its Aura key is the phrase's sr25519 key, its GRANDPA key the same phrase's
# ed25519 key, and its account the sr25519 key); alice, bob and charlie are also the council and
# the registrars; eve and ferdie are accounts only. Every role's account starts with 1,000,000 LAND.
ZN_VALIDATORS=(alice bob charlie dave)
ZN_ROLES=(alice bob charlie dave eve ferdie)
ZN_COUNCIL=(alice bob charlie)
ZN_REGISTRARS=(alice bob charlie)

# Prints the string field $1 of the JSON object on standard input.
zn_json_field() {
	node -e 'const v = JSON.parse(require("fs").readFileSync(0, "utf8"))[process.argv[1]];
if (typeof v !== "string" || !v) process.exit(1);
console.log(v);' "$1"
}

# zn_production_network DIR: generates fresh keys and writes, in DIR (mode 700),
#   network.toml          the network's file for `landchain-node production-spec`
#   keys.json             each role's secret phrase and address: TEST-ONLY secrets (mode 600)
#   spec.json             the raw chain spec: production-spec --config network.toml --out spec.json
#   keystores/<validator> that validator's Aura and GRANDPA keys (`key insert`); its node reads
#                         them with --keystore-path (network.toml)
# then exports LANDCHAIN_SPEC, LANDCHAIN_KEYSTORES and LANDCHAIN_ZOMBIE_KEYS, which network.toml
# (rendered by zombienet) and the tests' js-scripts (tests/lib.js) read.
zn_production_network() {
	local dir="$1" role json out key
	local -A phrase=() account=() grandpa=()
	if ! mkdir -p "$dir" || ! chmod 700 "$dir"; then zn_die "cannot create $dir"; fi
	dir="$(cd "$dir" && pwd)"
	for role in "${ZN_ROLES[@]}"; do
		json="$("$LANDCHAIN_NODE" key generate --scheme sr25519 --output-type json)" ||
			zn_die "landchain-node key generate failed"
		if ! phrase[$role]="$(zn_json_field secretPhrase <<<"$json")" ||
			! account[$role]="$(zn_json_field ss58PublicKey <<<"$json")"; then
			zn_die "unexpected output of landchain-node key generate --output-type json: $json"
		fi
	done
	for role in "${ZN_VALIDATORS[@]}"; do
		json="$("$LANDCHAIN_NODE" key inspect --scheme ed25519 --output-type json "${phrase[$role]}")" ||
			zn_die "landchain-node key inspect --scheme ed25519 failed"
		if ! grandpa[$role]="$(zn_json_field ss58PublicKey <<<"$json")"; then
			zn_die "unexpected output of landchain-node key inspect --output-type json: $json"
		fi
	done

	# The roles' addresses, as a TOML list.
	toml_list() {
		local sep="" who
		printf '['
		for who in "$@"; do
			printf '%s"%s"' "$sep" "${account[$who]}"
			sep=", "
		done
		printf ']'
	}
	{
		echo "# The network's file for \`landchain-node production-spec --config\`, written by"
		echo "# zombienet/lib.sh (zn_production_network) for one zombienet run. Its keys were generated at"
		echo "# random; their secret phrases are in keys.json beside this file (test-only secrets)."
		echo "# Council and registrars: $(printf '%s ' "${ZN_COUNCIL[@]}")(their accounts are the validators' Aura keys)."
		echo 'name = "Landchain zombienet"'
		echo 'id = "landchain_zombienet"'
		echo "# None: zombienet starts every node with --bootnodes <the first node started>."
		echo "bootnodes = []"
		echo "council = $(toml_list "${ZN_COUNCIL[@]}")"
		echo "registrars = $(toml_list "${ZN_REGISTRARS[@]}")"
		for role in "${ZN_VALIDATORS[@]}"; do
			printf '\n[[validators]] # %s\naura = "%s"\ngrandpa = "%s"\n' "$role" "${account[$role]}" "${grandpa[$role]}"
		done
		for role in "${ZN_ROLES[@]}"; do
			printf '\n[[balances]] # %s\naccount = "%s"\nland = 1000000\n' "$role" "${account[$role]}"
		done
		printf '\n[treasury]\nduty_percent = 2\nland = 1000\n'
	} >"$dir/network.toml"
	unset -f toml_list

	# keys.json: {"warning": …, "phrases": {role: phrase}, "addresses": {role: SS58}}.
	local args=()
	for role in "${ZN_ROLES[@]}"; do args+=("$role" "${phrase[$role]}" "${account[$role]}"); done
	(umask 077 && node -e '
const [file, ...rest] = process.argv.slice(1);
const keys = {
  warning:
    "TEST-ONLY secrets of one zombienet run (zombienet/lib.sh): anyone who reads this file can sign " +
    "for these accounts. Never use these phrases on a network that matters.",
  phrases: {},
  addresses: {},
};
for (let i = 0; i < rest.length; i += 3) {
  keys.phrases[rest[i]] = rest[i + 1];
  keys.addresses[rest[i]] = rest[i + 2];
}
require("fs").writeFileSync(file, JSON.stringify(keys, null, 2) + "\n");
' "$dir/keys.json" "${args[@]}") || zn_die "cannot write $dir/keys.json"

	# The raw chain spec.
	if ! out="$("$LANDCHAIN_NODE" production-spec --config "$dir/network.toml" --out "$dir/spec.json" 2>&1)"; then
		if [[ $out == *"unrecognized subcommand"* ]]; then
			zn_die "$LANDCHAIN_NODE has no production-spec subcommand: rebuild it \
(cargo build --release -p landchain-node) or set LANDCHAIN_NODE"
		fi
		zn_die "landchain-node production-spec --config $dir/network.toml failed:
$out"
	fi

	# Each validator's keystore.
	for role in "${ZN_VALIDATORS[@]}"; do
		mkdir -p "$dir/keystores/$role"
		for key in aura:sr25519 gran:ed25519; do
			"$LANDCHAIN_NODE" key insert --chain "$dir/spec.json" --keystore-path "$dir/keystores/$role" \
				--suri "${phrase[$role]}" --key-type "${key%%:*}" --scheme "${key#*:}" ||
				zn_die "landchain-node key insert --key-type ${key%%:*} into $dir/keystores/$role failed"
		done
	done

	export LANDCHAIN_SPEC="$dir/spec.json"
	export LANDCHAIN_KEYSTORES="$dir/keystores"
	export LANDCHAIN_ZOMBIE_KEYS="$dir/keys.json"
}
