//! # Landchain primitives
//!
//! The chain's vocabulary, written once and shared by every crate that speaks it:
//!
//! - [`types`]: ids, length limits, [`Owner`]s with exact [`Share`]s (the one share arithmetic),
//!   [`Source`] documents;
//! - [`traits`]: how the pallets see one another ([`TitleRegistry`], [`EscrowManager`],
//!   [`OpenDealings`]), with the bounds that tie them together;
//! - [`runtime_api`]: the registry's runtime API (`runtime_api::LandRegistryApi`, named by its
//!   module path, as `impl_runtime_apis!` requires), behind the node's `landRegistry_*` RPC;
//! - [`storage`]: the storage keys the audit and certificates read.
//!
//! The conveyance, the node's RPC and the audit depend on this crate, not on one another's
//! pallets: the crate graph shows that the pallets are coupled only through it.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod runtime_api;
pub mod storage;
pub mod traits;
pub mod types;

pub use runtime_api::MAX_PAGE;
pub use traits::{EscrowManager, OpenDealings, PartyCheck, TitleRegistry};
pub use types::*;
