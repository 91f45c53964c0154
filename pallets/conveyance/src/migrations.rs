//! Storage migrations of the conveyance pallet, one module per storage version, in the pattern of
//! the escrow's (`pallet_escrow::migrations`): an [`UncheckedOnRuntimeUpgrade`] wrapped in a
//! [`VersionedMigration`], with `pre_upgrade`/`post_upgrade` checks under `try-runtime`.

use crate::{pallet::*, types::*};
#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};
use frame_system::pallet_prelude::BlockNumberFor;
use landchain_primitives::{EscrowId, Source};

/// The log target of this pallet's migrations.
const LOG_TARGET: &str = "runtime::conveyance";

/// Version 1 → 2: financed purchases. Every offer gains its lenders (`advances`) and the
/// redemption figures lodged for it (`redemptions`), both empty; a funded offer records the duty
/// rate it settles at (`OfferStatus::Funded::duty_rate`).
///
/// **Choice made:** an offer funded before the upgrade did not record its rate, so it is given
/// the rate in force at the upgrade — the rate it would have settled at had no upgrade happened.
/// Reads and writes each open offer once, in one block: open offers are few (each locks a
/// parcel under a pending sale).
pub mod v2 {
	use super::*;
	use sp_runtime::Permill;

	/// Where an offer stood under version 1.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug)]
	pub enum OfferStatusV1 {
		/// Waiting for every co-owner to consent.
		AwaitingSellerConsents,
		/// Every co-owner consented.
		Open,
		/// The buyer accepted and the price is in escrow.
		Funded {
			/// The escrow holding the price.
			escrow: Option<EscrowId>,
		},
	}

	/// The offer record as stored under version 1.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct OfferV1<AccountId, Balance, BlockNumber, Parties, Consents> {
		/// The parcel for sale.
		pub parcel: landchain_primitives::ParcelId,
		/// The sellers.
		pub sellers: Parties,
		/// The buyer.
		pub buyer: AccountId,
		/// The grantees.
		pub grantees: Parties,
		/// The price.
		pub price: Balance,
		/// The deadline.
		pub deadline: BlockNumber,
		/// The deed.
		pub deed: Source,
		/// Who has consented.
		pub consents: Consents,
		/// Where it stood.
		pub status: OfferStatusV1,
		/// Who offered it.
		pub offered_by: AccountId,
		/// The deposit held from `offered_by`.
		pub deposit: Balance,
	}

	/// The version-1 record of this runtime.
	pub type OfferV1Of<T> = OfferV1<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberFor<T>,
		PartiesOf<T>,
		ConsentsOf<T>,
	>;

	/// The version-2 status of a version-1 offer: a funded one settles at `rate`.
	fn status(old: OfferStatusV1, rate: Permill) -> OfferStatus {
		match old {
			OfferStatusV1::AwaitingSellerConsents => OfferStatus::AwaitingSellerConsents,
			OfferStatusV1::Open => OfferStatus::Open,
			OfferStatusV1::Funded { escrow } => OfferStatus::Funded { escrow, duty_rate: rate },
		}
	}

	/// Rewrites every offer in the version-2 layout. Use [`MigrateV1ToV2`], which checks and
	/// bumps the storage version.
	pub struct UncheckedMigrateV1ToV2<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let rate = DutyRate::<T>::get();
			let mut migrated: u64 = 0;
			Offers::<T>::translate_values::<OfferV1Of<T>, _>(|old| {
				migrated = migrated.saturating_add(1);
				Some(Offer {
					parcel: old.parcel,
					sellers: old.sellers,
					buyer: old.buyer,
					grantees: old.grantees,
					price: old.price,
					deadline: old.deadline,
					deed: old.deed,
					consents: old.consents,
					status: status(old.status, rate),
					offered_by: old.offered_by,
					deposit: old.deposit,
					advances: Default::default(),
					redemptions: Default::default(),
				})
			});
			log::info!(target: LOG_TARGET, "migrated {migrated} offers to storage version 2");
			T::DbWeight::get().reads_writes(migrated.saturating_add(1), migrated)
		}

		/// Records every offer as it was.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let before: Vec<(OfferId, OfferV1Of<T>)> = Offers::<T>::iter_keys()
				.map(|id| {
					let key = Offers::<T>::hashed_key_for(id);
					frame_support::storage::unhashed::get::<OfferV1Of<T>>(&key)
						.map(|old| (id, old))
						.ok_or("every offer decodes in the version-1 layout")
				})
				.collect::<Result<_, _>>()?;
			Ok(before.encode())
		}

		/// Every offer is still there with the same terms, no lenders and no redemption figures;
		/// a funded one settles at the rate in force; no other offer appeared.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = Vec::<(OfferId, OfferV1Of<T>)>::decode(&mut &state[..])
				.map_err(|_| "the pre-upgrade record decodes")?;
			ensure!(
				Offers::<T>::iter_keys().count() == before.len(),
				"the migration keeps exactly the offers there were"
			);
			let rate = DutyRate::<T>::get();
			for (id, old) in before {
				let new = Offers::<T>::get(id).ok_or("every offer survives the migration")?;
				ensure!(
					new.parcel == old.parcel
						&& new.sellers == old.sellers
						&& new.buyer == old.buyer
						&& new.grantees == old.grantees
						&& new.price == old.price
						&& new.deadline == old.deadline
						&& new.deed == old.deed
						&& new.consents == old.consents
						&& new.offered_by == old.offered_by
						&& new.deposit == old.deposit,
					"an offer's terms are unchanged by the migration"
				);
				ensure!(new.status == status(old.status, rate), "an offer's status is kept");
				ensure!(
					new.advances.is_empty() && new.redemptions.is_empty(),
					"offers made before version 2 have no lenders and no redemption figures"
				);
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
