//! Placeholder until `scripts/benchmark-weights.sh pallet_proxy` writes the measured weights.
pub type WeightInfo<T> = pallet_proxy::weights::SubstrateWeight<T>;
