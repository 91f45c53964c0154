//! Weights of upstream pallets measured in the Landchain runtime on this project's reference
//! machine (`scripts/benchmark-weights.sh`). Landchain's own pallets keep theirs in their crates.

pub mod pallet_parameters;
