//! Weights of upstream pallets measured in the Landchain runtime on this project's machine with
//! `scripts/benchmark-weights.sh <pallet>`. Landchain's own pallets keep theirs in their crates.

pub mod pallet_parameters;
