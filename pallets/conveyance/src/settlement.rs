//! Settlement: the price paid out and the title moved, atomically.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::traits::DefensiveOption;
use frame_support::{ensure, pallet_prelude::*, storage::with_storage_layer};
use landchain_primitives::{EscrowManager, Owner, TitleRegistry};
use sp_runtime::{
	traits::{CheckedSub, Saturating, UniqueSaturatedInto, Zero},
	Permill,
};

impl<T: Config> Pallet<T> {
	/// How a price splits: mortgages first (rank order, each lender's amount), then the duty,
	/// then the rest to the sellers in proportion to their shares. The rounding remainder of the
	/// sellers' split goes to the first seller, so the payouts sum exactly to the price.
	pub fn payouts(offer: &Offer<T>) -> Result<PayoutsOf<T>, DispatchError> {
		let mut remaining = offer.price;
		let mut payouts = Vec::new();
		for mortgage in T::Registry::mortgages(offer.parcel) {
			remaining =
				remaining.checked_sub(&mortgage.amount).ok_or(Error::<T>::PriceBelowCharges)?;
			payouts.push(Payout {
				to: mortgage.lender,
				amount: mortgage.amount,
				kind: PayoutKind::Mortgage { encumbrance: mortgage.id },
			});
		}
		let duty = DutyRate::<T>::get().mul_floor(offer.price);
		if !duty.is_zero() {
			let treasury = Treasury::<T>::get().ok_or(Error::<T>::NoTreasury)?;
			remaining = remaining.checked_sub(&duty).ok_or(Error::<T>::PriceBelowCharges)?;
			payouts.push(Payout { to: treasury, amount: duty, kind: PayoutKind::Duty });
		}
		let proceeds = remaining;
		let mut paid = BalanceOf::<T>::zero();
		let mut seller_payouts: Vec<_> = offer
			.sellers
			.iter()
			.map(|seller| {
				let amount = Self::share_of(seller, proceeds)?;
				paid = paid.saturating_add(amount);
				Ok(Payout { to: seller.account.clone(), amount, kind: PayoutKind::Proceeds })
			})
			.collect::<Result<_, DispatchError>>()?;
		// Shares sum to one and each part rounds down, so `paid <= proceeds`.
		let dust = proceeds.saturating_sub(paid);
		if let Some(first) = seller_payouts.first_mut() {
			first.amount = first.amount.saturating_add(dust);
		}
		payouts.extend(seller_payouts.into_iter().filter(|payout| !payout.amount.is_zero()));
		payouts.try_into().map_err(|_| Error::<T>::TooManyPayouts.into())
	}

	/// `seller`'s share of `proceeds`, rounded down. Sellers' shares were checked when the
	/// title was recorded, so a share that cannot be taken (a zero denominator) cannot happen:
	/// it fails the settlement with `Overflow` rather than paying the seller nothing.
	fn share_of(
		seller: &Owner<T::AccountId>,
		proceeds: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let amount = seller
			.share
			.of(proceeds.unique_saturated_into())
			.defensive_ok_or(Error::<T>::Overflow)?;
		Ok(amount.unique_saturated_into())
	}

	/// Sets the duty rate for settlements from now on and the treasury that receives the duty.
	pub(crate) fn do_set_transfer_duty(rate: Permill, treasury: T::AccountId) {
		DutyRate::<T>::put(rate);
		Treasury::<T>::put(&treasury);
		Self::deposit_event(Event::DutyChanged { rate, treasury });
	}

	/// Approves and settles a funded offer: everything happens, or nothing does. Returns what
	/// the settlement did, which weighs the approving call.
	pub(crate) fn do_settle(
		registrar: T::AccountId,
		offer: OfferId,
	) -> Result<SettlementSize, DispatchError> {
		let record = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
		Self::ensure_disinterested(&registrar, &record)?;
		let OfferStatus::Funded { escrow } = record.status else {
			return Err(Error::<T>::WrongStatus.into());
		};
		ensure!(
			frame_system::Pallet::<T>::block_number() <= record.deadline,
			Error::<T>::OfferExpired
		);
		T::Registry::ensure_can_transfer(record.parcel, offer)?;
		let payouts = Self::payouts(&record)?;
		let size = SettlementSize {
			parties: record.parties(),
			mortgages: payouts
				.iter()
				.filter(|payout| matches!(payout.kind, PayoutKind::Mortgage { .. }))
				.count() as u32,
		};

		with_storage_layer(|| {
			if let Some(escrow) = escrow {
				let parts =
					payouts.iter().map(|payout| (payout.to.clone(), payout.amount)).collect();
				T::Escrow::release(escrow, parts)?;
			}
			for payout in payouts.iter() {
				if let PayoutKind::Mortgage { encumbrance } = payout.kind {
					T::Registry::discharge_mortgage(record.parcel, offer, encumbrance)?;
				}
			}
			T::Registry::transfer_title(
				record.parcel,
				offer,
				record.grantees.clone().into_inner(),
				record.deed.clone(),
				record.price,
			)?;
			Self::forget(offer, &record);
			Self::deposit_event(Event::Settled {
				offer,
				parcel: record.parcel,
				registrar,
				price: record.price,
				payouts,
			});
			Ok(size)
		})
	}
}
