# Sourced by scripts/e2e.sh and portal/test.sh: every landchain-node a test starts through
# scripts/src/devnode.mjs records its process group id in $LANDCHAIN_E2E_RUN_DIR (a `*.pgid`
# file); `kill_recorded_nodes DIR LABEL` kills those still running, whatever ended the run (a
# time bound, an interrupt, a killed test process), saying so with LABEL.
kill_recorded_nodes() {
	local dir=$1 label=$2 pid_file pgid
	shopt -s nullglob
	for pid_file in "$dir"/*.pgid; do
		pgid=$(cat "$pid_file")
		if [[ "$pgid" =~ ^[0-9]+$ ]] && kill -0 -- "-$pgid" 2>/dev/null; then
			echo "$label: stopping a leftover landchain-node (process group $pgid)" >&2
			kill -KILL -- "-$pgid" 2>/dev/null || true
		fi
	done
	shopt -u nullglob
}
