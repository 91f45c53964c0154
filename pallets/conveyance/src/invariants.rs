//! The conveyance's invariants, checked by `try_state` hooks and after every unit test.

use crate::{pallet::*, types::*};
use alloc::collections::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use landchain_primitives::EscrowManager;
use sp_runtime::{
	traits::{Saturating, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Checks that offers, their indices, their escrows and their deposits agree.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextOfferId::<T>::get();
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut open = 0usize;
		for (id, offer) in Offers::<T>::iter() {
			open += 1;
			ensure!(id >= 1 && id < next, "offer ids come from the counter");
			ensure!(OfferByParcel::<T>::get(offer.parcel) == Some(id), "parcels index their offer");
			ensure!(
				OffersByBuyer::<T>::contains_key(&offer.buyer, id),
				"buyers index their offers"
			);
			for seller in offer.sellers.iter() {
				ensure!(
					OffersBySeller::<T>::contains_key(&seller.account, id),
					"sellers index their offers"
				);
			}
			for party in offer.consents.iter() {
				ensure!(
					offer.sellers.iter().any(|s| &s.account == party)
						|| offer.grantees.iter().any(|g| &g.account == party),
					"only parties consent"
				);
			}
			if let OfferStatus::Funded { escrow } = offer.status {
				match escrow {
					Some(escrow) => ensure!(
						T::Escrow::held(escrow) == Some((offer.buyer.clone(), offer.price)),
						"a funded offer's escrow holds the price from the buyer"
					),
					None => ensure!(offer.price.is_zero(), "only gifts are funded without escrow"),
				}
			}
			let held = deposits.entry(offer.offered_by.clone()).or_insert_with(Zero::zero);
			*held = held.saturating_add(offer.deposit);
		}
		ensure!(OfferByParcel::<T>::iter().count() == open, "no stale parcel index entries");
		for (_, id, ()) in OffersByBuyer::<T>::iter() {
			ensure!(Offers::<T>::contains_key(id), "no stale buyer index entries");
		}
		for (_, id, ()) in OffersBySeller::<T>::iter() {
			ensure!(Offers::<T>::contains_key(id), "no stale seller index entries");
		}
		for (account, expected) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::OfferDeposit.into(), &account)
					== expected,
				"offer deposits held equal the open offers' deposits"
			);
		}
		Ok(())
	}
}
