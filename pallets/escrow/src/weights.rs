//! Weights for `pallet_escrow`: overwritten by `scripts/benchmark-weights.sh escrow`.

#![allow(unused_parens)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, Weight},
};

/// The weight of each call of `pallet_escrow`.
pub trait WeightInfo {
	fn open() -> Weight;
	fn release() -> Weight;
	fn refund() -> Weight;
	fn release_parts(p: u32) -> Weight;
}

/// Measured weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn open() -> Weight {
		Weight::from_parts(60_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(3, 3))
	}
	fn release() -> Weight {
		Weight::from_parts(80_000_000, 6_000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn refund() -> Weight {
		Weight::from_parts(60_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(3, 3))
	}
	fn release_parts(p: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(40_000_000, 2_600).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads_writes(3, 3))
			.saturating_add(T::DbWeight::get().reads_writes(1, 1).saturating_mul(p.into()))
	}
}

impl WeightInfo for () {
	fn open() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads_writes(3, 3))
	}
	fn release() -> Weight {
		Weight::from_parts(80_000_000, 6_000)
			.saturating_add(ParityDbWeight::get().reads_writes(4, 4))
	}
	fn refund() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(ParityDbWeight::get().reads_writes(3, 3))
	}
	fn release_parts(p: u32) -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(Weight::from_parts(40_000_000, 2_600).saturating_mul(p.into()))
	}
}
