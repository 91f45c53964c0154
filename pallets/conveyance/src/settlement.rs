//! Settlement: the price paid out and the title moved, atomically.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{fungible::Inspect, DefensiveOption},
};
use landchain_primitives::{EscrowId, EscrowManager, NewMortgage, Owner, TitleRegistry};
use sp_runtime::{
	traits::{CheckedSub, Saturating, UniqueSaturatedInto, Zero},
	Permill,
};

impl<T: Config> Pallet<T> {
	/// How a price splits: mortgages first (rank order, each lender's lodged redemption figure,
	/// else its recorded amount), then the duty (at the rate fixed when the buyer funded; the
	/// current rate for an offer not yet funded), then the rest to the sellers in proportion to
	/// their shares. The rounding remainder of the sellers' split goes to the first seller, so
	/// the payouts sum exactly to the price.
	pub fn payouts(offer: &Offer<T>) -> Result<PayoutsOf<T>, DispatchError> {
		let mut remaining = offer.price;
		let mut payouts = Vec::new();
		for mortgage in T::Registry::mortgages(offer.parcel) {
			let amount = offer.redemption(mortgage.id).unwrap_or(mortgage.amount);
			remaining = remaining.checked_sub(&amount).ok_or(Error::<T>::PriceBelowCharges)?;
			payouts.push(Payout {
				to: mortgage.lender,
				amount,
				kind: PayoutKind::Mortgage { encumbrance: mortgage.id },
			});
		}
		let rate = match offer.status {
			OfferStatus::Funded { duty_rate, .. } => duty_rate,
			OfferStatus::AwaitingSellerConsents | OfferStatus::Open => DutyRate::<T>::get(),
		};
		let duty = rate.mul_floor(offer.price);
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

	/// Which escrow pays which part of each payout: the advances' escrows first (in the order
	/// the buyer named the lenders), then the buyer's own, each paying out exactly what it
	/// holds. The escrows hold the price between them and the payouts sum to the price, so every
	/// escrow is paid out in full.
	fn escrow_releases(
		record: &Offer<T>,
		buyer_escrow: Option<EscrowId>,
		payouts: &PayoutsOf<T>,
	) -> Result<Vec<(EscrowId, Vec<(T::AccountId, BalanceOf<T>)>)>, DispatchError> {
		let mut sources: Vec<(EscrowId, BalanceOf<T>)> = Vec::new();
		for advance in record.advances.iter() {
			let funding = advance.funding.as_ref().ok_or(Error::<T>::AdvanceNotFunded)?;
			sources.push((funding.escrow, advance.amount));
		}
		if let Some(escrow) = buyer_escrow {
			sources.push((escrow, record.price.saturating_sub(record.advanced())));
		}
		let mut releases: Vec<_> =
			sources.iter().map(|(escrow, _)| (*escrow, Vec::new())).collect();
		let mut source = 0;
		let mut left = sources.first().map_or(Zero::zero(), |(_, amount)| *amount);
		for payout in payouts.iter() {
			let mut due = payout.amount;
			while !due.is_zero() {
				// The escrows hold the price: they cannot run dry before the payouts end.
				let parts =
					&mut releases.get_mut(source).defensive_ok_or(Error::<T>::PriceBelowCharges)?.1;
				let take = due.min(left);
				if !take.is_zero() {
					parts.push((payout.to.clone(), take));
				}
				due = due.saturating_sub(take);
				left = left.saturating_sub(take);
				if left.is_zero() {
					source = source.saturating_add(1);
					left = sources.get(source).map_or(Zero::zero(), |(_, amount)| *amount);
				}
			}
		}
		ensure!(source == sources.len(), Error::<T>::PriceBelowCharges);
		Ok(releases)
	}

	/// Sets the duty rate for sales funded from now on and the treasury that receives the duty,
	/// which must already exist so that any duty, however small, can be paid to it.
	pub(crate) fn do_set_transfer_duty(rate: Permill, treasury: T::AccountId) -> DispatchResult {
		ensure!(rate <= T::MaxDutyRate::get(), Error::<T>::DutyRateTooHigh);
		ensure!(
			T::Currency::total_balance(&treasury) >= T::Currency::minimum_balance(),
			Error::<T>::TreasuryBelowMinimum
		);
		DutyRate::<T>::put(rate);
		Treasury::<T>::put(&treasury);
		Self::deposit_event(Event::DutyChanged { rate, treasury });
		Ok(())
	}

	/// Approves and settles a funded offer: everything happens, or nothing does. Returns what
	/// the settlement did, which weighs the approving call.
	pub(crate) fn do_settle(
		registrar: T::AccountId,
		offer: OfferId,
	) -> Result<SettlementSize, DispatchError> {
		let record = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
		Self::ensure_disinterested(&registrar, &record)?;
		let OfferStatus::Funded { escrow, .. } = record.status else {
			return Err(Error::<T>::WrongStatus.into());
		};
		ensure!(
			frame_system::Pallet::<T>::block_number() <= record.deadline,
			Error::<T>::OfferExpired
		);
		record.finance_ready()?;
		T::Registry::ensure_can_transfer(record.parcel, offer)?;
		let payouts = Self::payouts(&record)?;
		let releases = Self::escrow_releases(&record, escrow, &payouts)?;
		let new_mortgages = record
			.advances
			.iter()
			.map(|advance| {
				let funding = advance.funding.as_ref().ok_or(Error::<T>::AdvanceNotFunded)?;
				Ok(NewMortgage {
					lender: advance.lender.clone(),
					amount: advance.amount,
					rank: advance.rank,
					source: funding.deed.clone(),
				})
			})
			.collect::<Result<Vec<_>, DispatchError>>()?;
		let size = SettlementSize {
			parties: record.parties(),
			mortgages: payouts
				.iter()
				.filter(|payout| matches!(payout.kind, PayoutKind::Mortgage { .. }))
				.count() as u32,
			lenders: record.lenders(),
		};

		with_storage_layer(|| {
			for (escrow, parts) in releases {
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
				new_mortgages,
				&registrar,
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
