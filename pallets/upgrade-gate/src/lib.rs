//! # Upgrade gate pallet
//!
//! Runtime upgrades on Landchain come from governance, never from a key. `frame_system`'s
//! `authorize_upgrade` needs Root, which no account holds (there is no sudo); a council motion
//! dispatches with a collective origin instead. This pallet bridges the two, deliberately and
//! minimally: [`Pallet::authorize_upgrade`] accepts only [`Config::UpgradeOrigin`] (in the
//! runtime: two thirds of the registry council) and records the code hash with
//! `frame_system::Pallet::do_authorize_upgrade`, version checks on. Anyone may then submit the
//! matching code with `system.applyAuthorizedUpgrade(code)`; other code, or a blob that is not a
//! runtime with a higher `spec_version` of the same `spec_name`, is refused by `frame_system`.
//!
//! The council gets no other power through this pallet: it cannot set code directly, skip the
//! version checks, or dispatch anything as Root.

#![cfg_attr(not(feature = "std"), no_std)]

pub use pallet::*;
pub use weights::WeightInfo;

pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod tests;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The storage layout version (the pallet has no storage of its own yet).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who may authorize a runtime upgrade (governance).
		type UpgradeOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Authorizes the runtime code whose blake2-256 hash is `code_hash`; anyone may then apply
		/// it with `system.applyAuthorizedUpgrade`. A later authorization replaces an earlier one.
		///
		/// Origin: `UpgradeOrigin` (two thirds of the registry council). Emits
		/// `system.UpgradeAuthorized`. Fails with `BadOrigin` for any other origin.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::authorize_upgrade())]
		pub fn authorize_upgrade(origin: OriginFor<T>, code_hash: T::Hash) -> DispatchResult {
			T::UpgradeOrigin::ensure_origin(origin)?;
			frame_system::Pallet::<T>::do_authorize_upgrade(code_hash, true);
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The pallet keeps no state of its own, so there is nothing to check; kept so that every
		/// Landchain pallet answers `try_state` alike.
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			Ok(())
		}
	}
}
