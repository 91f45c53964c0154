// PROVISIONAL: replaced by `scripts/benchmark-weights.sh parameters` output.
#![allow(unused_parens, unused_imports, missing_docs)]
use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_parameters::WeightInfo for WeightInfo<T> {
	fn set_parameter() -> Weight {
		Weight::from_parts(6_204_000, 14787)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}
