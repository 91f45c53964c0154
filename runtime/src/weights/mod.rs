//! Weights measured in the Landchain runtime on this project's machine with
//! `scripts/benchmark-weights.sh <name>` (docs/PERFORMANCE.md): upstream pallets' calls, the
//! transaction extensions, the base weights of a block and of an extrinsic, and ParityDB's read and
//! write. Landchain's own pallets keep theirs in their crates.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_balances;
pub mod pallet_migrations;
pub mod pallet_multisig;
pub mod pallet_parameters;
pub mod pallet_proxy;
pub mod pallet_timestamp;
pub mod pallet_transaction_payment;
pub mod pallet_treasury;
pub mod pallet_utility;
// Generated with doc comments on struct fields, which rustdoc does not render.
#[allow(unused_doc_comments)]
pub mod paritydb_weights;
