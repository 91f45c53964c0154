# Sourced by scripts/e2e.sh and scripts/bench/load.sh (from scripts/): `ensure_npm_deps LABEL`
# checks that Node.js 20 or later and npm are here, then installs the package's locked
# dependencies with `npm ci`, only when package.json or package-lock.json changed since the last
# install. LABEL prefixes its messages.
ensure_npm_deps() {
	local label=$1
	if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
		echo "$label: node and npm are needed (Node.js 20 or later)" >&2
		return 1
	fi
	local node_major
	node_major=$(node -p 'process.versions.node.split(".")[0]')
	if (( node_major < 20 )); then
		echo "$label: Node.js 20 or later is needed, found $(node --version)" >&2
		return 1
	fi
	local stamp_file=node_modules/.landchain-install-stamp stamp
	stamp=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
	if [[ ! -f "$stamp_file" || "$(cat "$stamp_file")" != "$stamp" ]]; then
		echo "$label: installing the locked dependencies (npm ci)"
		npm ci --no-audit --no-fund --loglevel=error
		echo "$stamp" >"$stamp_file"
	fi
}
