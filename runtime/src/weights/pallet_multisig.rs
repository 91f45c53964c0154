//! Placeholder until `scripts/benchmark-weights.sh pallet_multisig` writes the measured weights.
pub type WeightInfo<T> = pallet_multisig::weights::SubstrateWeight<T>;
