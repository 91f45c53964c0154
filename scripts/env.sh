# Sourced by the scripts: one cargo target directory outside the clone, shared by the node build
# and the tests (same release profile), so a second run reuses every artifact.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/landchain/target}"
export LANDCHAIN_NODE="$CARGO_TARGET_DIR/release/landchain-node"
# Where the dev chain started by run-dev.sh keeps its database.
export LANDCHAIN_DATA="${LANDCHAIN_DATA:-$HOME/.local/share/landchain}"
