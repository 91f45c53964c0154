//! The conveyance's invariants, checked by `try_state` hooks and after every unit test.

use crate::{pallet::*, types::*};
use alloc::collections::BTreeMap;
use frame_support::{
	ensure,
	traits::{fungible::InspectHold, Get},
};
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
			ensure!(offer.advanced() <= offer.price, "advances stay within the price");
			if let OfferStatus::Funded { escrow, duty_rate } = offer.status {
				ensure!(
					duty_rate <= T::MaxDutyRate::get(),
					"a sale's duty rate is within the bound"
				);
				let buyer_funds = offer.price.saturating_sub(offer.advanced());
				match escrow {
					Some(escrow) => ensure!(
						T::Escrow::held(escrow) == Some((offer.buyer.clone(), buyer_funds)),
						"a funded offer's escrow holds the price less the advances from the buyer"
					),
					None => ensure!(
						buyer_funds.is_zero(),
						"only gifts and wholly financed sales are funded without the buyer's escrow"
					),
				}
			} else {
				ensure!(offer.advances.is_empty(), "lenders are named when the buyer accepts");
			}
			for advance in offer.advances.iter() {
				match &advance.funding {
					Some(funding) => ensure!(
						T::Escrow::held(funding.escrow)
							== Some((advance.lender.clone(), advance.amount)),
						"a funded advance's escrow holds the advance from its lender"
					),
					None => ensure!(
						advance.consents.is_empty(),
						"no one consents to the terms of an advance not funded"
					),
				}
				for grantee in advance.consents.iter() {
					ensure!(
						offer.grantees.iter().any(|party| &party.account == grantee),
						"only grantees consent to a lender's terms"
					);
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
