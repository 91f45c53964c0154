//! Financed purchases: the lenders the buyer names, their advances in escrow, the grantees'
//! consent to their terms, and the redemption figures of the parcel's existing lenders.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::Inspect, DefensiveResult},
};
use landchain_primitives::{EncumbranceId, EscrowManager, Source, TitleRegistry};
use sp_core::H256;
use sp_runtime::traits::{CheckedAdd, Zero};

impl<T: Config> Pallet<T> {
	/// Checks the lenders a buyer names: each advance at least the existential deposit (it
	/// becomes a mortgage, paid off one day), ranks from 1 and each once, no lender twice, no
	/// lender who is the buyer or a grantee, and the advances within the price. Returns the
	/// advances as the offer records them and their sum.
	pub(crate) fn validated_advances(
		record: &Offer<T>,
		requests: &AdvanceRequestsOf<T>,
	) -> Result<(AdvancesOf<T>, BalanceOf<T>), DispatchError> {
		let mut advanced = BalanceOf::<T>::zero();
		let mut advances = Vec::with_capacity(requests.len());
		for (index, request) in requests.iter().enumerate() {
			Self::ensure_payable(request.amount)?;
			ensure!(request.rank >= 1, Error::<T>::InvalidRank);
			let earlier = &requests[..index];
			ensure!(
				!earlier.iter().any(|other| other.rank == request.rank),
				Error::<T>::DuplicateRank
			);
			ensure!(
				!earlier.iter().any(|other| other.lender == request.lender),
				Error::<T>::DuplicateLender
			);
			let borrower = request.lender == record.buyer
				|| record.grantees.iter().any(|grantee| grantee.account == request.lender);
			ensure!(!borrower, Error::<T>::LenderIsBorrower);
			advanced = advanced.checked_add(&request.amount).ok_or(Error::<T>::Overflow)?;
			advances.push(Advance {
				lender: request.lender.clone(),
				amount: request.amount,
				rank: request.rank,
				funding: None,
				consents: Default::default(),
			});
		}
		ensure!(advanced <= record.price, Error::<T>::AdvancesExceedPrice);
		// As many advances as requests, and requests are bounded by the same `MaxAdvances`.
		let advances = advances.try_into().defensive_map_err(|_| Error::<T>::Overflow)?;
		Ok((advances, advanced))
	}

	/// An amount a settlement will pay out (an advance, which becomes a mortgage paid off one
	/// day, or a redemption figure) must be more than zero and at least the existential deposit,
	/// so that it can be paid to an account that does not exist yet.
	fn ensure_payable(amount: BalanceOf<T>) -> DispatchResult {
		ensure!(
			!amount.is_zero() && amount >= T::Currency::minimum_balance(),
			Error::<T>::BelowMinimum
		);
		Ok(())
	}

	/// An offer that a named lender or a grantee may still act on: open, accepted (so the
	/// lenders are named), before its deadline.
	fn accepted_offer(offer: OfferId) -> Result<Offer<T>, DispatchError> {
		let record = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() <= record.deadline,
			Error::<T>::OfferExpired
		);
		ensure!(matches!(record.status, OfferStatus::Funded { .. }), Error::<T>::WrongStatus);
		Ok(record)
	}

	/// The position of `lender` among the offer's advances.
	fn advance_of(record: &Offer<T>, lender: &T::AccountId) -> Result<usize, DispatchError> {
		record
			.advances
			.iter()
			.position(|advance| advance.lender == *lender)
			.ok_or_else(|| Error::<T>::NotALender.into())
	}

	/// Stores the offer and, when its finance just became complete, says so.
	fn store_and_announce(offer: OfferId, record: Offer<T>) {
		if record.finance_ready().is_ok() {
			Self::deposit_event(Event::FinanceReady { offer });
		}
		Offers::<T>::insert(offer, record);
	}

	/// A named lender funds its advance into escrow with its mortgage deed.
	pub(crate) fn do_fund_advance(
		lender: T::AccountId,
		offer: OfferId,
		amount: BalanceOf<T>,
		rank: u32,
		deed: Source,
	) -> DispatchResult {
		let mut record = Self::accepted_offer(offer)?;
		let index = Self::advance_of(&record, &lender)?;
		let deadline = Self::escrow_deadline(&record);
		let advance = &mut record.advances[index];
		ensure!(advance.funding.is_none(), Error::<T>::AlreadyFunded);
		ensure!(advance.amount == amount && advance.rank == rank, Error::<T>::AdvanceTermsMismatch);
		let escrow = T::Escrow::open(&lender, amount, deadline)
			.map_err(|_| Error::<T>::InsufficientFunds)?;
		advance.funding = Some(AdvanceFunding { escrow, deed: deed.clone() });
		Self::deposit_event(Event::AdvanceFunded { offer, lender, amount, rank, escrow, deed });
		Self::store_and_announce(offer, record);
		Ok(())
	}

	/// A grantee consents to a funded lender's terms, naming the hash of its mortgage deed.
	pub(crate) fn do_consent_to_advance(
		grantee: T::AccountId,
		offer: OfferId,
		lender: T::AccountId,
		deed_hash: H256,
	) -> DispatchResult {
		let mut record = Self::accepted_offer(offer)?;
		ensure!(
			record.grantees.iter().any(|party| party.account == grantee),
			Error::<T>::NotAParty
		);
		let index = Self::advance_of(&record, &lender)?;
		let advance = &mut record.advances[index];
		let funding = advance.funding.as_ref().ok_or(Error::<T>::AdvanceNotFunded)?;
		ensure!(funding.deed.document_hash == deed_hash, Error::<T>::AdvanceTermsMismatch);
		ensure!(!advance.consents.contains(&grantee), Error::<T>::AlreadyConsented);
		// A grantee consents once per advance and there are at most `MaxParties` grantees.
		advance
			.consents
			.try_push(grantee.clone())
			.defensive_map_err(|_| Error::<T>::TooManyParties)?;
		Self::deposit_event(Event::AdvanceConsented { offer, lender, grantee });
		Self::store_and_announce(offer, record);
		Ok(())
	}

	/// A lender takes its funded advance back before approval; the consents to its terms lapse.
	pub(crate) fn do_withdraw_advance(lender: T::AccountId, offer: OfferId) -> DispatchResult {
		let mut record = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
		let index = Self::advance_of(&record, &lender)?;
		let advance = &mut record.advances[index];
		let funding = advance.funding.take().ok_or(Error::<T>::AdvanceNotFunded)?;
		advance.consents = Default::default();
		T::Escrow::refund(funding.escrow)?;
		Self::deposit_event(Event::AdvanceWithdrawn { offer, lender });
		Offers::<T>::insert(offer, record);
		Ok(())
	}

	/// The lender of one of the parcel's mortgages lodges what the settlement must pay it.
	pub(crate) fn do_lodge_redemption(
		lender: T::AccountId,
		offer: OfferId,
		encumbrance: EncumbranceId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let mut record = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() <= record.deadline,
			Error::<T>::OfferExpired
		);
		let mortgages = T::Registry::mortgages(record.parcel);
		let recorded = mortgages
			.iter()
			.find(|mortgage| mortgage.id == encumbrance && mortgage.lender == lender)
			.ok_or(Error::<T>::NotTheMortgagee)?
			.amount;
		Self::ensure_payable(amount)?;
		// Figures of mortgages discharged since they were lodged no longer count.
		record
			.redemptions
			.retain(|lodged| mortgages.iter().any(|open| open.id == lodged.encumbrance));
		match record.redemptions.iter_mut().find(|lodged| lodged.encumbrance == encumbrance) {
			Some(lodged) => lodged.amount = amount,
			// One figure per open mortgage, and the registry bounds a parcel's mortgages by the
			// same `MaxEncumbrances`.
			None => record
				.redemptions
				.try_push(Redemption { encumbrance, amount })
				.defensive_map_err(|_| Error::<T>::TooManyPayouts)?,
		}
		Self::deposit_event(Event::RedemptionLodged {
			offer,
			encumbrance,
			lender,
			amount,
			recorded,
		});
		Offers::<T>::insert(offer, record);
		Ok(())
	}
}
