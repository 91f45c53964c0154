//! Placeholder until `scripts/benchmark-weights.sh pallet_migrations` writes this runtime's own
//! measurements here: upstream's weights for `pallet_migrations`.

pub type WeightInfo<T> = pallet_migrations::weights::SubstrateWeight<T>;
