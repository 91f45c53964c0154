//! Weights for `pallet_conveyance`: overwritten by `scripts/benchmark-weights.sh conveyance`.

#![allow(unused_parens)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, Weight},
};

/// The weight of each call of `pallet_conveyance`.
pub trait WeightInfo {
	fn offer(s: u32) -> Weight;
	fn consent(s: u32) -> Weight;
	fn accept_and_fund(s: u32) -> Weight;
	fn approve(s: u32, m: u32) -> Weight;
	fn reject(s: u32) -> Weight;
	fn cancel(s: u32) -> Weight;
	fn expire(s: u32) -> Weight;
	fn set_transfer_duty() -> Weight;
}

/// Measured weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn offer(s: u32) -> Weight {
		Weight::from_parts(150_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads_writes(8, 8 + s as u64))
	}
	fn consent(_s: u32) -> Weight {
		Weight::from_parts(50_000_000, 5_000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn accept_and_fund(_s: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn approve(s: u32, m: u32) -> Weight {
		Weight::from_parts(400_000_000, 40_000)
			.saturating_add(Weight::from_parts(60_000_000, 3_000).saturating_mul((s + m) as u64))
			.saturating_add(T::DbWeight::get().reads_writes(20, 20))
	}
	fn reject(s: u32) -> Weight {
		Weight::from_parts(120_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(8, 8 + s as u64))
	}
	fn cancel(s: u32) -> Weight {
		Weight::from_parts(120_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(8, 8 + s as u64))
	}
	fn expire(s: u32) -> Weight {
		Weight::from_parts(120_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(8, 8 + s as u64))
	}
	fn set_transfer_duty() -> Weight {
		Weight::from_parts(10_000_000, 0).saturating_add(T::DbWeight::get().writes(2))
	}
}

impl WeightInfo for () {
	fn offer(s: u32) -> Weight {
		Weight::from_parts(150_000_000, 20_000)
			.saturating_add(ParityDbWeight::get().reads_writes(8, 8 + s as u64))
	}
	fn consent(_s: u32) -> Weight {
		Weight::from_parts(50_000_000, 5_000)
	}
	fn accept_and_fund(_s: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
	}
	fn approve(_s: u32, _m: u32) -> Weight {
		Weight::from_parts(400_000_000, 40_000)
	}
	fn reject(_s: u32) -> Weight {
		Weight::from_parts(120_000_000, 10_000)
	}
	fn cancel(_s: u32) -> Weight {
		Weight::from_parts(120_000_000, 10_000)
	}
	fn expire(_s: u32) -> Weight {
		Weight::from_parts(120_000_000, 10_000)
	}
	fn set_transfer_duty() -> Weight {
		Weight::from_parts(10_000_000, 0)
	}
}
