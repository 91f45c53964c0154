//! Storage migrations of the escrow pallet, one module per storage version.
//!
//! Each migration is an [`UncheckedOnRuntimeUpgrade`] wrapped in a [`VersionedMigration`], which
//! runs it only when the on-chain storage version is the one it migrates from and then bumps the
//! version. Under `try-runtime`, `pre_upgrade` records what must survive and `post_upgrade` checks
//! it; the pallet's tests run both around the migration on storage written in the old layout.
//! This is the pattern for every next storage change of a Landchain pallet.

use crate::{pallet::*, types::*};
#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;

/// Version 1 → 2: every escrow records its storage deposit (`Escrow::deposit`).
///
/// Escrows opened under version 1 held no deposit, so they are given `deposit: 0` — the truth —
/// and nothing is held retroactively; new direct escrows hold [`crate::Config::EscrowDeposit`].
/// Reads and writes each open escrow once, in one block: open escrows are few (each is a pending
/// payment), far below what a block can migrate.
pub mod v2 {
	use super::*;

	/// The escrow record as stored under version 1.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct EscrowV1<AccountId, Balance, BlockNumber> {
		/// Whose funds are held.
		pub payer: AccountId,
		/// How much is held.
		pub amount: Balance,
		/// After this block the escrow may be refunded.
		pub deadline: BlockNumber,
		/// Who decides.
		pub control: Control<AccountId>,
		/// The block it was opened in.
		pub opened_at: BlockNumber,
	}

	/// The version-1 record of this runtime.
	pub type EscrowV1Of<T> =
		EscrowV1<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

	/// Rewrites every escrow in the version-2 layout. Use [`MigrateV1ToV2`], which checks and
	/// bumps the storage version.
	pub struct UncheckedMigrateV1ToV2<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut migrated: u64 = 0;
			Escrows::<T>::translate_values::<EscrowV1Of<T>, _>(|old| {
				migrated = migrated.saturating_add(1);
				Some(Escrow {
					payer: old.payer,
					amount: old.amount,
					deadline: old.deadline,
					control: old.control,
					opened_at: old.opened_at,
					deposit: Zero::zero(),
				})
			});
			log::info!(target: crate::LOG_TARGET, "migrated {migrated} escrows to storage version 2");
			T::DbWeight::get().reads_writes(migrated, migrated)
		}

		/// Records every escrow as it was (id, payer, amount, deadline, control, opened_at).
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let before: Vec<(EscrowId, EscrowV1Of<T>)> = Escrows::<T>::iter_keys()
				.map(|id| {
					let key = Escrows::<T>::hashed_key_for(id);
					frame_support::storage::unhashed::get::<EscrowV1Of<T>>(&key)
						.map(|old| (id, old))
						.ok_or("every escrow decodes in the version-1 layout")
				})
				.collect::<Result<_, _>>()?;
			Ok(before.encode())
		}

		/// Every escrow is still there with the same terms and a zero deposit; no other appeared.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = Vec::<(EscrowId, EscrowV1Of<T>)>::decode(&mut &state[..])
				.map_err(|_| "the pre-upgrade record decodes")?;
			ensure!(
				Escrows::<T>::iter_keys().count() == before.len(),
				"the migration keeps exactly the escrows there were"
			);
			for (id, old) in before {
				let new = Escrows::<T>::get(id).ok_or("every escrow survives the migration")?;
				ensure!(
					new.payer == old.payer
						&& new.amount == old.amount
						&& new.deadline == old.deadline
						&& new.control == old.control
						&& new.opened_at == old.opened_at,
					"an escrow's terms are unchanged by the migration"
				);
				ensure!(new.deposit.is_zero(), "escrows opened before version 2 held no deposit");
			}
			Pallet::<T>::do_try_state()
		}
	}

	/// The version 1 → 2 migration for the runtime's `Migrations`: runs only on version 1.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		UncheckedMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
