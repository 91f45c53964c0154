//! Weights for `pallet_land_registry`.
//!
//! PLACEHOLDER until generated: regenerate with the command in this pallet's README.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
    traits::Get,
    weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_land_registry`.
pub trait WeightInfo {
    fn register_parcel(o: u32) -> Weight;
    fn record_encumbrance(o: u32) -> Weight;
    fn release_encumbrance() -> Weight;
    fn split_parcel(c: u32, o: u32) -> Weight;
    fn merge_parcels(p: u32, o: u32) -> Weight;
    fn rectify_title(o: u32) -> Weight;
    fn rectify_parcel() -> Weight;
    fn transfer_by_operation_of_law(o: u32) -> Weight;
    fn consent_to_mortgage() -> Weight;
    fn withdraw_mortgage_consent() -> Weight;
}

/// Weights for `pallet_land_registry` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
    fn register_parcel(o: u32) -> Weight {
        Weight::from_parts(50_000_000, 3_000)
            .saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(o.into()))
            .saturating_add(T::DbWeight::get().reads(3))
            .saturating_add(T::DbWeight::get().writes(4_u64.saturating_add(o.into())))
    }
    fn record_encumbrance(o: u32) -> Weight {
        Weight::from_parts(80_000_000, 10_000)
            .saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(o.into()))
            .saturating_add(T::DbWeight::get().reads(6_u64.saturating_add(o.into())))
            .saturating_add(T::DbWeight::get().writes(4_u64.saturating_add(o.into())))
    }
    fn release_encumbrance() -> Weight {
        Weight::from_parts(60_000_000, 10_000)
            .saturating_add(T::DbWeight::get().reads(3))
            .saturating_add(T::DbWeight::get().writes(3))
    }
    fn split_parcel(c: u32, o: u32) -> Weight {
        Weight::from_parts(80_000_000, 10_000)
            .saturating_add(Weight::from_parts(30_000_000, 0).saturating_mul(c.into()))
            .saturating_add(Weight::from_parts(3_000_000, 0).saturating_mul(o.into()))
            .saturating_add(T::DbWeight::get().reads(6_u64.saturating_add(c.into())))
            .saturating_add(
                T::DbWeight::get().writes(
                    6_u64
                        .saturating_add((4_u64).saturating_mul(c.into()))
                        .saturating_add((1_u64).saturating_mul(o.into()).saturating_mul(c.into())),
                ),
            )
    }
    fn merge_parcels(p: u32, o: u32) -> Weight {
        Weight::from_parts(80_000_000, 10_000)
            .saturating_add(Weight::from_parts(30_000_000, 0).saturating_mul(p.into()))
            .saturating_add(
                Weight::from_parts(3_000_000, 0)
                    .saturating_mul(o.into())
                    .saturating_mul(p.into()),
            )
            .saturating_add(
                T::DbWeight::get().reads(4_u64.saturating_add((6_u64).saturating_mul(p.into()))),
            )
            .saturating_add(
                T::DbWeight::get().writes(
                    6_u64
                        .saturating_add((3_u64).saturating_mul(p.into()))
                        .saturating_add((1_u64).saturating_mul(o.into()).saturating_mul(p.into())),
                ),
            )
    }
    fn rectify_title(o: u32) -> Weight {
        Weight::from_parts(60_000_000, 10_000)
            .saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(o.into()))
            .saturating_add(T::DbWeight::get().reads(5))
            .saturating_add(
                T::DbWeight::get().writes(3_u64.saturating_add((2_u64).saturating_mul(o.into()))),
            )
    }
    fn rectify_parcel() -> Weight {
        Weight::from_parts(40_000_000, 3_000)
            .saturating_add(T::DbWeight::get().reads(1))
            .saturating_add(T::DbWeight::get().writes(2))
    }
    fn transfer_by_operation_of_law(o: u32) -> Weight {
        Weight::from_parts(60_000_000, 10_000)
            .saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(o.into()))
            .saturating_add(T::DbWeight::get().reads(5))
            .saturating_add(
                T::DbWeight::get().writes(3_u64.saturating_add((2_u64).saturating_mul(o.into()))),
            )
    }
    fn consent_to_mortgage() -> Weight {
        Weight::from_parts(60_000_000, 5_000)
            .saturating_add(T::DbWeight::get().reads(4))
            .saturating_add(T::DbWeight::get().writes(3))
    }
    fn withdraw_mortgage_consent() -> Weight {
        Weight::from_parts(50_000_000, 5_000)
            .saturating_add(T::DbWeight::get().reads(2))
            .saturating_add(T::DbWeight::get().writes(3))
    }
}

// For backwards compatibility and tests.
impl WeightInfo for () {
    fn register_parcel(_o: u32) -> Weight {
        Weight::from_parts(50_000_000, 3_000)
    }
    fn record_encumbrance(_o: u32) -> Weight {
        Weight::from_parts(80_000_000, 10_000)
    }
    fn release_encumbrance() -> Weight {
        Weight::from_parts(60_000_000, 10_000)
    }
    fn split_parcel(_c: u32, _o: u32) -> Weight {
        Weight::from_parts(200_000_000, 10_000)
    }
    fn merge_parcels(_p: u32, _o: u32) -> Weight {
        Weight::from_parts(200_000_000, 10_000)
    }
    fn rectify_title(_o: u32) -> Weight {
        Weight::from_parts(60_000_000, 10_000)
    }
    fn rectify_parcel() -> Weight {
        Weight::from_parts(40_000_000, 3_000)
    }
    fn transfer_by_operation_of_law(_o: u32) -> Weight {
        Weight::from_parts(60_000_000, 10_000)
    }
    fn consent_to_mortgage() -> Weight {
        Weight::from_parts(60_000_000, 5_000)
    }
    fn withdraw_mortgage_consent() -> Weight {
        Weight::from_parts(50_000_000, 5_000)
    }
}
