//! Making, consenting to, funding, cancelling and closing offers.

use crate::{pallet::*, types::*, weights::WeightInfo};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, DefensiveResult},
};
use frame_system::pallet_prelude::BlockNumberFor;
use landchain_primitives::{
	check_owner_list, EscrowManager, OwnerListProblem, ParcelId, PartyCheck, Source, TitleRegistry,
};
use sp_runtime::traits::{CheckedSub, One, Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// The weight of `count` checks of the party policy (added to the benchmarked weight of a
	/// call that offers title or names lenders: the benchmarks run with the policy off).
	pub(crate) fn party_checks(count: u32) -> Weight {
		T::Parties::check_weight().saturating_mul(u64::from(count))
	}

	/// Creates an offer, locks the parcel and holds the seller's deposit. Returns the offer id
	/// and its parties (`Offer::parties`, which weigh the call).
	pub(crate) fn do_offer(
		seller: T::AccountId,
		parcel: ParcelId,
		buyer: T::AccountId,
		grantees: PartiesOf<T>,
		price: BalanceOf<T>,
		deadline: BlockNumberFor<T>,
		deed: Source,
	) -> Result<(OfferId, u32), DispatchError> {
		let owners = T::Registry::owners(parcel)?;
		ensure!(owners.iter().any(|owner| owner.account == seller), Error::<T>::NotOwner);
		T::Registry::ensure_free_to_deal(parcel)?;
		let sellers: PartiesOf<T> = owners.try_into().map_err(|_| Error::<T>::TooManyParties)?;
		let grantees = Self::validated_grantees(grantees)?;
		for grantee in grantees.iter() {
			if !sellers.iter().any(|seller| seller.account == grantee.account) {
				T::Parties::ensure_may_hold(&grantee.account)?;
			}
		}
		ensure!(deadline > frame_system::Pallet::<T>::block_number(), Error::<T>::DeadlineInPast);
		let id = NextOfferId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;

		// Every check passed: write.
		let deposit = T::OfferDeposit::get();
		T::Currency::hold(&HoldReason::OfferDeposit.into(), &seller, deposit)
			.map_err(|_| Error::<T>::InsufficientFunds)?;
		T::Registry::lock(parcel, id)?;
		NextOfferId::<T>::put(next);
		let consents: ConsentsOf<T> = BoundedVec::truncate_from(alloc::vec![seller.clone()]);
		let status = if sellers.len() == 1 {
			OfferStatus::Open
		} else {
			OfferStatus::AwaitingSellerConsents
		};
		OfferByParcel::<T>::insert(parcel, id);
		OffersByBuyer::<T>::insert(&buyer, id, ());
		for owner in sellers.iter() {
			OffersBySeller::<T>::insert(&owner.account, id, ());
		}
		Self::deposit_event(Event::Offered {
			offer: id,
			parcel,
			sellers: sellers.clone(),
			buyer: buyer.clone(),
			grantees: grantees.clone(),
			price,
			deadline,
			deed: deed.clone(),
		});
		if status == OfferStatus::Open {
			Self::deposit_event(Event::OfferOpened { offer: id });
		}
		let record = Offer {
			parcel,
			sellers,
			buyer,
			grantees,
			price,
			deadline,
			deed,
			consents,
			status,
			offered_by: seller,
			deposit,
			advances: Default::default(),
			redemptions: Default::default(),
		};
		let parties = record.parties();
		Offers::<T>::insert(id, record);
		Ok((id, parties))
	}

	/// Grantees: at least one, no account twice, shares summing to exactly one whole.
	fn validated_grantees(grantees: PartiesOf<T>) -> Result<PartiesOf<T>, DispatchError> {
		check_owner_list(&grantees).map_err(|problem| match problem {
			OwnerListProblem::Empty => Error::<T>::NoGrantees,
			OwnerListProblem::DuplicateAccount => Error::<T>::DuplicateGrantee,
			OwnerListProblem::InvalidShare | OwnerListProblem::NotWhole => {
				Error::<T>::GranteeSharesInvalid
			}
		})?;
		Ok(grantees)
	}

	/// Whether every seller has consented.
	fn sellers_consented(offer: &Offer<T>) -> bool {
		offer.sellers.iter().all(|seller| offer.consents.contains(&seller.account))
	}

	/// Whether every grantee other than the buyer has consented.
	fn grantees_consented(offer: &Offer<T>) -> bool {
		offer
			.grantees
			.iter()
			.filter(|grantee| grantee.account != offer.buyer)
			.all(|grantee| offer.consents.contains(&grantee.account))
	}

	/// Records a seller's or co-grantee's consent. Returns the offer's parties.
	pub(crate) fn do_consent(party: T::AccountId, offer: OfferId) -> Result<u32, DispatchError> {
		let mut record = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() <= record.deadline,
			Error::<T>::OfferExpired
		);
		ensure!(!matches!(record.status, OfferStatus::Funded { .. }), Error::<T>::WrongStatus);
		let is_seller = record.sellers.iter().any(|seller| seller.account == party);
		let is_grantee =
			party != record.buyer && record.grantees.iter().any(|grantee| grantee.account == party);
		ensure!(is_seller || is_grantee, Error::<T>::NotAParty);
		ensure!(!record.consents.contains(&party), Error::<T>::AlreadyConsented);
		// Sellers and grantees are each bounded by `MaxParties` and a party consents once, so
		// `MaxConsents` (twice `MaxParties`) always has room.
		record
			.consents
			.try_push(party.clone())
			.defensive_map_err(|_| Error::<T>::TooManyParties)?;
		Self::deposit_event(Event::Consented { offer, party });
		if record.status == OfferStatus::AwaitingSellerConsents && Self::sellers_consented(&record)
		{
			record.status = OfferStatus::Open;
			Self::deposit_event(Event::OfferOpened { offer });
		}
		let parties = record.parties();
		Offers::<T>::insert(offer, record);
		Ok(parties)
	}

	/// The buyer accepts, naming any lenders: its own part of the price (the price less the
	/// advances) goes into escrow and the duty rate in force is fixed for the sale.
	pub(crate) fn do_accept(
		buyer: T::AccountId,
		offer: OfferId,
		requests: AdvanceRequestsOf<T>,
	) -> Result<OfferSize, DispatchError> {
		let mut record = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
		ensure!(record.buyer == buyer, Error::<T>::NotBuyer);
		ensure!(
			frame_system::Pallet::<T>::block_number() <= record.deadline,
			Error::<T>::OfferExpired
		);
		match record.status {
			OfferStatus::AwaitingSellerConsents => {
				return Err(Error::<T>::SellerConsentMissing.into())
			}
			OfferStatus::Funded { .. } => return Err(Error::<T>::WrongStatus.into()),
			OfferStatus::Open => {}
		}
		ensure!(Self::grantees_consented(&record), Error::<T>::GranteeConsentMissing);
		let (advances, advanced) = Self::validated_advances(&record, &requests)?;
		for request in requests.iter() {
			T::Parties::ensure_may_hold(&request.lender)?;
		}
		let buyer_funds =
			record.price.checked_sub(&advanced).ok_or(Error::<T>::AdvancesExceedPrice)?;

		let escrow = if buyer_funds.is_zero() {
			None
		} else {
			Some(
				T::Escrow::open(&buyer, buyer_funds, Self::escrow_deadline(&record))
					.map_err(|_| Error::<T>::InsufficientFunds)?,
			)
		};
		record.status = OfferStatus::Funded { escrow, duty_rate: DutyRate::<T>::get() };
		record.advances = advances;
		Self::deposit_event(Event::Funded { offer, escrow, buyer, price: record.price });
		if !requests.is_empty() {
			Self::deposit_event(Event::FinanceRequested { offer, buyer_funds, advances: requests });
		}
		let size = record.size();
		Offers::<T>::insert(offer, record);
		Ok(size)
	}

	/// Escrows of an offer must outlive its last block, in which approval is still possible.
	pub(crate) fn escrow_deadline(record: &Offer<T>) -> BlockNumberFor<T> {
		record.deadline.saturating_add(One::one())
	}

	/// Cancels an offer on behalf of a seller (any time before approval) or the buyer (once funded).
	/// Returns the offer's parties.
	pub(crate) fn do_cancel(
		caller: T::AccountId,
		offer: OfferId,
	) -> Result<OfferSize, DispatchError> {
		let record = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
		let is_seller = record.sellers.iter().any(|seller| seller.account == caller);
		let is_buyer = record.buyer == caller;
		let funded = matches!(record.status, OfferStatus::Funded { .. });
		ensure!(is_seller || (is_buyer && funded), Error::<T>::NotAllowedToCancel);
		Self::close(offer)?;
		Self::deposit_event(Event::Cancelled { offer, by: caller });
		Ok(record.size())
	}

	/// Ends an unsettled offer: refunds the buyer's escrow and every funded advance, unlocks
	/// the parcel, returns the deposit and drops the offer with its index entries. Returns the
	/// offer's size.
	pub(crate) fn close(offer: OfferId) -> Result<OfferSize, DispatchError> {
		let record = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
		if let OfferStatus::Funded { escrow: Some(escrow), .. } = record.status {
			T::Escrow::refund(escrow)?;
		}
		for funding in record.advances.iter().filter_map(|advance| advance.funding.as_ref()) {
			T::Escrow::refund(funding.escrow)?;
		}
		T::Registry::unlock(record.parcel, offer)?;
		Self::forget(offer, &record);
		Ok(record.size())
	}

	/// Drops a finished offer, its index entries and its deposit hold.
	pub(crate) fn forget(offer: OfferId, record: &Offer<T>) {
		Offers::<T>::remove(offer);
		OfferByParcel::<T>::remove(record.parcel);
		OffersByBuyer::<T>::remove(&record.buyer, offer);
		for seller in record.sellers.iter() {
			OffersBySeller::<T>::remove(&seller.account, offer);
		}
		// The deposit was held by this pallet for this offer: the release cannot fall short.
		let released = T::Currency::release(
			&HoldReason::OfferDeposit.into(),
			&record.offered_by,
			record.deposit,
			Precision::Exact,
		);
		if released.is_err() {
			frame_support::defensive!("an offer's deposit could not be released in full");
		}
	}

	/// A registrar may not decide a sale it is a party to: as a seller, the buyer, a grantee, a
	/// new lender or a lender the settlement pays off.
	pub(crate) fn ensure_disinterested(
		registrar: &T::AccountId,
		record: &Offer<T>,
	) -> DispatchResult {
		let party = record.sellers.iter().any(|seller| seller.account == *registrar)
			|| record.buyer == *registrar
			|| record.grantees.iter().any(|grantee| grantee.account == *registrar)
			|| record.advances.iter().any(|advance| advance.lender == *registrar)
			|| T::Registry::mortgages(record.parcel)
				.iter()
				.any(|mortgage| mortgage.lender == *registrar);
		ensure!(!party, Error::<T>::ConflictOfInterest);
		Ok(())
	}

	/// A registrar rejects an offer: refunds, unlock. Returns the offer's size.
	pub(crate) fn do_reject(
		registrar: T::AccountId,
		offer: OfferId,
		reason: RejectionReason,
	) -> Result<OfferSize, DispatchError> {
		let record = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
		Self::ensure_disinterested(&registrar, &record)?;
		let size = Self::close(offer)?;
		Self::deposit_event(Event::Rejected { offer, registrar, reason });
		Ok(size)
	}

	/// Ends an offer whose deadline has passed (it is still open *at* its deadline block):
	/// refunds, unlock. Returns the offer's size.
	pub(crate) fn do_expire(offer: OfferId) -> Result<OfferSize, DispatchError> {
		let record = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() > record.deadline,
			Error::<T>::NotExpired
		);
		let size = Self::close(offer)?;
		Self::deposit_event(Event::Expired { offer });
		Ok(size)
	}
}

/// The registry closes an open offer when a transfer by operation of law is enacted over it.
impl<T: Config> landchain_primitives::OpenDealings for Pallet<T> {
	fn close_for_operation_of_law(parcel: ParcelId, dealing: OfferId) -> DispatchResult {
		let record = Offers::<T>::get(dealing).ok_or(Error::<T>::UnknownOffer)?;
		ensure!(record.parcel == parcel, Error::<T>::WrongParcel);
		Self::close(dealing)?;
		Self::deposit_event(Event::ClosedByOperationOfLaw {
			offer: dealing,
			parcel,
			sellers: record.sellers,
			buyer: record.buyer,
		});
		Ok(())
	}

	fn close_weight() -> Weight {
		T::WeightInfo::cancel(T::MaxParties::get(), T::MaxAdvances::get())
	}
}
