//! Placeholder until `scripts/benchmark-weights.sh pallet_treasury` writes the measured weights.
pub type WeightInfo<T> = pallet_treasury::weights::SubstrateWeight<T>;
