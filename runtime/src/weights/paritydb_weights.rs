//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-12-06 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `Intel(R) Xeon(R) Processor`
//!
//! DATABASE: `ParityDb`, RUNTIME: `Landchain (national scale: 100000 parcels)`
//! BLOCK-NUM: `Number(0)`
//! SKIP-WRITE: `false`, SKIP-READ: `false`, WARMUPS: `1`
//! STATE-VERSION: `V1`, STATE-CACHE-SIZE: ``
//! WEIGHT-PATH: `runtime/src/weights`
//! METRIC: `Average`, WEIGHT-MUL: `1.0`, WEIGHT-ADD: `0`

// Executed Command:
//   /root/.cache/landchain/target-bench/release/landchain-node
//   benchmark
//   storage
//   --chain
//   national:100000:dev
//   --base-path
//   /tmp/tmp.F6obU4Lvc1
//   --database
//   paritydb
//   --state-version
//   1
//   --weight-path
//   runtime/src/weights

/// Storage DB weights for the `Landchain (national scale: 100000 parcels)` runtime and `ParityDb`.
pub mod constants {
	use frame_support::weights::constants;
	use sp_core::parameter_types;
	use sp_weights::RuntimeDbWeight;

	parameter_types! {
		/// `ParityDB` can be enabled with a feature flag, but is still experimental. These weights
		/// are available for brave runtime engineers who may want to try this out as default.
		pub const ParityDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			/// Time to read one storage item.
			/// Calculated by multiplying the *Average* of all values with `1.0` and adding `0`.
			///
			/// Stats nanoseconds:
			///   Min, Max: 1_127, 9_653_937
			///   Average:  7_064
			///   Median:   6_529
			///   Std-Dev:  39171.12
			///
			/// Percentiles nanoseconds:
			///   99th: 11_303
			///   95th: 8_551
			///   75th: 7_228
			read: 7_064 * constants::WEIGHT_REF_TIME_PER_NANOS,

			/// Time to write one storage item.
			/// Calculated by multiplying the *Average* of all values with `1.0` and adding `0`.
			///
			/// Stats nanoseconds:
			///   Min, Max: 9_633, 12_539
			///   Average:  10_941
			///   Median:   10_897
			///   Std-Dev:  1014.12
			///
			/// Percentiles nanoseconds:
			///   99th: 12_539
			///   95th: 12_539
			///   75th: 11_470
			write: 10_941 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}

	#[cfg(test)]
	mod test_db_weights {
		use super::constants::ParityDbWeight as W;
		use sp_weights::constants;

		/// Checks that all weights exist and have sane values.
		// NOTE: If this test fails but you are sure that the generated values are fine,
		// you can delete it.
		#[test]
		fn bound() {
			// At least 1 µs.
			assert!(
				W::get().reads(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"Read weight should be at least 1 µs."
			);
			assert!(
				W::get().writes(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"Write weight should be at least 1 µs."
			);
			// At most 1 ms.
			assert!(
				W::get().reads(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"Read weight should be at most 1 ms."
			);
			assert!(
				W::get().writes(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"Write weight should be at most 1 ms."
			);
		}
	}
}
