#!/usr/bin/env bash
# Installs what a fresh machine lacks to build and test Landchain: protoc (Debian's
# protobuf-compiler), Node.js and npm for the Polkadot.js and zombienet tests (Debian's, if the
# machine has none), Debian's chromium for the portal's browser tests, the wasm targets and
# rust-src for the runtime. Safe to run again: it only installs what is missing. npm packages are
# installed by scripts/e2e.sh, zombienet/test.sh and portal/test.sh from their lockfiles.
set -euo pipefail

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

missing_packages=()
command -v protoc >/dev/null 2>&1 || missing_packages+=(protobuf-compiler)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	missing_packages+=(nodejs npm)
fi
# The portal's browser tests (portal/test.sh) drive Debian's Chromium: Playwright cannot download
# its own browser here.
command -v chromium >/dev/null 2>&1 || missing_packages+=(chromium)
if [ ${#missing_packages[@]} -gt 0 ]; then
	log "installing ${missing_packages[*]} with apt-get"
	SUDO=""
	if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing_packages[@]}" >/dev/null
fi

if ! command -v rustup >/dev/null 2>&1; then
	echo "rustup is required (https://rustup.rs); it is not on this machine." >&2
	exit 1
fi
installed_targets=$(rustup target list --installed)
for target in wasm32-unknown-unknown wasm32v1-none; do
	if ! grep -qx "$target" <<<"$installed_targets"; then
		log "adding rust target $target"
		rustup target add "$target"
	fi
done
if ! rustup component list --installed | grep -q '^rust-src'; then
	log "adding rust-src"
	rustup component add rust-src
fi
log "prerequisites present: $(protoc --version), $(rustc --version), node $(node --version), $(chromium --version 2>/dev/null | head -1)"
