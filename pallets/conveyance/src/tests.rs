//! Unit tests of the conveyance: the whole lifecycle, every failure path, value conservation on
//! every settlement path, and atomicity under an error injected midway.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use landchain_primitives::Owner;
use sp_runtime::{DispatchError, DispatchResult, Permill};

mod finance;

const DEADLINE: u64 = 20;

fn offer_as(
	seller: u64,
	parcel: u64,
	buyer: u64,
	grantees: Vec<Owner<u64>>,
	price: u64,
) -> DispatchResult {
	Conveyance::offer(
		RuntimeOrigin::signed(seller),
		parcel,
		buyer,
		grantees.try_into().expect("tests offer at most MaxParties grantees"),
		price,
		DEADLINE,
		deed(),
	)
	.map(|_| ())
	.map_err(|failure| failure.error)
}

fn offer(seller: u64, parcel: u64, buyer: u64, price: u64) -> OfferId {
	assert_ok!(offer_as(seller, parcel, buyer, vec![owner(buyer, 1, 1)], price));
	NextOfferId::<Test>::get() - 1
}

/// Alice offers her parcel to Dave at `price` and Dave funds it.
fn funded_sole_offer(price: u64) -> OfferId {
	let id = offer(ALICE, SOLE_PARCEL, DAVE, price);
	assert_ok!(Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), id));
	id
}

/// Alice offers the mortgaged parcel she shares with Bob to Dave at `price`; Bob consents and
/// Dave funds it.
fn funded_shared_offer(price: u64) -> OfferId {
	let id = offer(ALICE, SHARED_PARCEL, DAVE, price);
	assert_ok!(Conveyance::consent(RuntimeOrigin::signed(BOB), id));
	assert_ok!(Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), id));
	id
}

fn free(who: u64) -> u64 {
	Balances::balance(&who)
}

fn escrowed(who: u64) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::Escrow(pallet_escrow::HoldReason::Escrow), &who)
}

fn settled_payouts() -> Vec<Payout<u64, u64>> {
	System::events()
		.into_iter()
		.find_map(|record| match record.event {
			RuntimeEvent::Conveyance(Event::Settled { payouts, .. }) => Some(payouts.into_inner()),
			_ => None,
		})
		.expect("a Settled event")
}

/// Value conservation: the payouts sum exactly to the price and no LAND is created or lost.
fn assert_conserved(price: u64, issuance_before: u64) {
	let paid: u64 = settled_payouts().iter().map(|payout| payout.amount).sum();
	assert_eq!(paid, price, "price = seller payouts + duty + discharged mortgages");
	assert_eq!(Balances::total_issuance(), issuance_before, "total issuance unchanged");
}

#[test]
fn a_sole_owner_sells_with_duty_to_the_treasury() {
	ExtBuilder::default().build_and_execute(|| {
		let issuance = Balances::total_issuance();
		let id = offer(ALICE, SOLE_PARCEL, DAVE, 10_000);
		assert_eq!(Offers::<Test>::get(id).unwrap().status, OfferStatus::Open);
		assert_eq!(MockLocks::get(SOLE_PARCEL), Some(id));
		assert!(OffersByBuyer::<Test>::contains_key(DAVE, id));
		assert!(OffersBySeller::<Test>::contains_key(ALICE, id));

		assert_ok!(Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), id));
		assert_eq!(escrowed(DAVE), 10_000);
		assert_ok!(Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id));

		assert_eq!(MockOwners::get(SOLE_PARCEL).unwrap(), vec![owner(DAVE, 1, 1)]);
		assert_eq!(MockSales::get(SOLE_PARCEL), Some(10_000));
		assert!(MockLocks::get(SOLE_PARCEL).is_none());
		assert_eq!(free(TREASURY), STARTING_BALANCE + 200);
		assert_eq!(free(ALICE), STARTING_BALANCE + 9_800);
		assert_eq!(free(DAVE), STARTING_BALANCE - 10_000);
		assert!(Offers::<Test>::get(id).is_none());
		assert!(OfferByParcel::<Test>::get(SOLE_PARCEL).is_none());
		assert_conserved(10_000, issuance);
	});
}

#[test]
fn co_owners_consent_and_mortgages_are_discharged_first_in_rank_order() {
	ExtBuilder::default().build_and_execute(|| {
		let issuance = Balances::total_issuance();
		let id = offer(ALICE, SHARED_PARCEL, DAVE, 10_001);
		assert_eq!(Offers::<Test>::get(id).unwrap().status, OfferStatus::AwaitingSellerConsents);
		assert_noop!(
			Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), id),
			Error::<Test>::SellerConsentMissing
		);
		assert_ok!(Conveyance::consent(RuntimeOrigin::signed(BOB), id));
		System::assert_last_event(Event::OfferOpened { offer: id }.into());
		assert_ok!(Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), id));
		assert_ok!(Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id));

		// 10_001 − 5_000 (rank 1) − 2_000 (rank 2) − 200 duty = 2_801; Alice 2/3 (1_867 + 1 dust), Bob 1/3 (933).
		let payouts = settled_payouts();
		let expected = vec![
			Payout { to: LENDER_A, amount: 5_000, kind: PayoutKind::Mortgage { encumbrance: 7 } },
			Payout { to: LENDER_B, amount: 2_000, kind: PayoutKind::Mortgage { encumbrance: 8 } },
			Payout { to: TREASURY, amount: 200, kind: PayoutKind::Duty },
			Payout { to: ALICE, amount: 1_868, kind: PayoutKind::Proceeds },
			Payout { to: BOB, amount: 933, kind: PayoutKind::Proceeds },
		];
		assert_eq!(payouts, expected);
		assert_eq!(free(LENDER_A), STARTING_BALANCE + 5_000);
		assert!(MockMortgages::get(SHARED_PARCEL).unwrap().is_empty());
		assert_conserved(10_001, issuance);
	});
}

#[test]
fn a_gift_moves_the_title_without_escrow() {
	ExtBuilder::default().build_and_execute(|| {
		let issuance = Balances::total_issuance();
		let id = funded_sole_offer(0);
		assert_eq!(
			Offers::<Test>::get(id).unwrap().status,
			OfferStatus::Funded { escrow: None, duty_rate: Permill::from_percent(2) }
		);
		assert_ok!(Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id));
		assert_eq!(MockOwners::get(SOLE_PARCEL).unwrap(), vec![owner(DAVE, 1, 1)]);
		assert!(settled_payouts().is_empty());
		assert_eq!(free(ALICE), STARTING_BALANCE);
		assert_conserved(0, issuance);
	});
}

#[test]
fn a_gift_of_a_mortgaged_parcel_cannot_settle() {
	ExtBuilder::default().build_and_execute(|| {
		let id = funded_shared_offer(0);
		assert_noop!(
			Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id),
			Error::<Test>::PriceBelowCharges
		);
	});
}

#[test]
fn co_grantees_consent_before_the_buyer_funds() {
	ExtBuilder::default().build_and_execute(|| {
		let grantees = vec![owner(DAVE, 1, 2), owner(CHARLIE, 1, 2)];
		assert_ok!(offer_as(ALICE, SOLE_PARCEL, DAVE, grantees.clone(), 1_000));
		let id = NextOfferId::<Test>::get() - 1;
		assert_noop!(
			Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), id),
			Error::<Test>::GranteeConsentMissing
		);
		assert_noop!(
			Conveyance::consent(RuntimeOrigin::signed(DAVE), id),
			Error::<Test>::NotAParty
		);
		assert_ok!(Conveyance::consent(RuntimeOrigin::signed(CHARLIE), id));
		assert_noop!(
			Conveyance::consent(RuntimeOrigin::signed(CHARLIE), id),
			Error::<Test>::AlreadyConsented
		);
		assert_ok!(Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), id));
		assert_ok!(Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id));
		assert_eq!(MockOwners::get(SOLE_PARCEL).unwrap(), grantees);
	});
}

/// An `offer` call as a client encodes it, with any number of grantees.
fn encoded_offer(grantees: Vec<Owner<u64>>) -> Vec<u8> {
	use codec::Encode;
	use frame_support::traits::PalletInfoAccess;
	let index = (Conveyance::index() as u8, 0u8);
	(index, SOLE_PARCEL, DAVE, grantees, 5u64, DEADLINE, deed()).encode()
}

#[test]
fn an_offer_to_more_grantees_than_an_offer_holds_is_not_a_valid_call() {
	use codec::Decode;
	let grantees = |count: u64| (0..count).map(|i| owner(40 + i, 1, count as u32)).collect();
	let max = <Test as Config>::MaxParties::get() as u64;
	assert!(RuntimeCall::decode(&mut &encoded_offer(grantees(max))[..]).is_ok());
	assert!(RuntimeCall::decode(&mut &encoded_offer(grantees(max + 1))[..]).is_err());
}

#[test]
fn offer_rejects_bad_input_without_changing_anything() {
	ExtBuilder::default().build_and_execute(|| {
		let to_dave = || vec![owner(DAVE, 1, 1)];
		assert_noop!(offer_as(BOB, SOLE_PARCEL, DAVE, to_dave(), 5), Error::<Test>::NotOwner);
		assert_noop!(
			offer_as(ALICE, 42, DAVE, to_dave(), 5),
			DispatchError::Other("UnknownParcel")
		);
		assert_noop!(offer_as(ALICE, SOLE_PARCEL, DAVE, vec![], 5), Error::<Test>::NoGrantees);
		assert_noop!(
			offer_as(ALICE, SOLE_PARCEL, DAVE, vec![owner(DAVE, 1, 2), owner(DAVE, 1, 2)], 5),
			Error::<Test>::DuplicateGrantee
		);
		assert_noop!(
			offer_as(ALICE, SOLE_PARCEL, DAVE, vec![owner(DAVE, 1, 2)], 5),
			Error::<Test>::GranteeSharesInvalid
		);
		System::set_block_number(DEADLINE);
		assert_noop!(
			offer_as(ALICE, SOLE_PARCEL, DAVE, to_dave(), 5),
			Error::<Test>::DeadlineInPast
		);
		System::set_block_number(1);

		MockCaveats::insert(SOLE_PARCEL, ());
		assert_noop!(
			offer_as(ALICE, SOLE_PARCEL, DAVE, to_dave(), 5),
			DispatchError::Other("CaveatInForce")
		);
		MockCaveats::remove(SOLE_PARCEL);

		MockOwners::insert(77, vec![owner(STRANGER + 1, 1, 1)]);
		assert_noop!(
			offer_as(STRANGER + 1, 77, DAVE, to_dave(), 5),
			Error::<Test>::InsufficientFunds
		);

		let first = offer(ALICE, SOLE_PARCEL, DAVE, 5);
		assert_noop!(
			offer_as(ALICE, SOLE_PARCEL, BOB, vec![owner(BOB, 1, 1)], 5),
			DispatchError::Other("ParcelLocked")
		);
		assert_eq!(OfferByParcel::<Test>::get(SOLE_PARCEL), Some(first));
	});
}

#[test]
fn accept_and_approve_reject_bad_input_without_changing_anything() {
	ExtBuilder::default().build_and_execute(|| {
		let id = offer(ALICE, SOLE_PARCEL, DAVE, 1_000);
		assert_noop!(
			Conveyance::accept_and_fund(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotBuyer
		);
		assert_noop!(
			Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), 9),
			Error::<Test>::UnknownOffer
		);
		assert_noop!(
			Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id),
			Error::<Test>::WrongStatus
		);
		assert_noop!(
			Conveyance::approve(RuntimeOrigin::signed(ALICE), id),
			DispatchError::BadOrigin
		);

		let expensive = offer(CHARLIE, OTHER_PARCEL, DAVE, STARTING_BALANCE * 2);
		assert_noop!(
			Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), expensive),
			Error::<Test>::InsufficientFunds
		);

		assert_ok!(Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), id));
		assert_noop!(
			Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), id),
			Error::<Test>::WrongStatus
		);
		assert_noop!(
			Conveyance::consent(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::WrongStatus
		);
	});
}

#[test]
fn the_price_must_cover_mortgages_and_duty() {
	ExtBuilder::default().build_and_execute(|| {
		let id = funded_shared_offer(7_100);
		// 7_100 − 7_000 of mortgages leaves 100 < 142 of duty.
		assert_noop!(
			Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id),
			Error::<Test>::PriceBelowCharges
		);
	});
}

#[test]
fn duty_without_a_treasury_cannot_settle() {
	ExtBuilder::default().build_and_execute(|| {
		Treasury::<Test>::kill();
		let id = funded_sole_offer(1_000);
		assert_noop!(
			Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id),
			Error::<Test>::NoTreasury
		);
	});
}

#[test]
fn an_error_injected_after_the_money_moved_leaves_storage_untouched() {
	ExtBuilder::default().build_and_execute(|| {
		let id = funded_shared_offer(20_000);
		MockFailTransfer::put(());
		// The escrow release and mortgage discharges run before the title transfer fails.
		assert_noop!(
			Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id),
			DispatchError::Other("InjectedFailure")
		);
		assert_eq!(escrowed(DAVE), 20_000);
		assert_eq!(MockMortgages::get(SHARED_PARCEL).unwrap().len(), 2);
		MockFailTransfer::kill();
		assert_ok!(Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id));
	});
}

#[test]
fn a_caveat_recorded_after_funding_blocks_approval() {
	ExtBuilder::default().build_and_execute(|| {
		let id = funded_sole_offer(1_000);
		MockCaveats::insert(SOLE_PARCEL, ());
		assert_noop!(
			Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id),
			DispatchError::Other("CaveatInForce")
		);
		assert_ok!(Conveyance::reject(
			RuntimeOrigin::signed(REGISTRAR),
			id,
			RejectionReason::DisputePending
		));
		assert_eq!(free(DAVE), STARTING_BALANCE);
	});
}

#[test]
fn rejection_refunds_and_unlocks() {
	ExtBuilder::default().build_and_execute(|| {
		let id = funded_sole_offer(1_000);
		assert_noop!(
			Conveyance::reject(RuntimeOrigin::signed(DAVE), id, RejectionReason::Other),
			DispatchError::BadOrigin
		);
		assert_ok!(Conveyance::reject(
			RuntimeOrigin::signed(REGISTRAR),
			id,
			RejectionReason::DeedMismatch
		));
		System::assert_last_event(
			Event::Rejected {
				offer: id,
				registrar: REGISTRAR,
				reason: RejectionReason::DeedMismatch,
			}
			.into(),
		);
		assert_eq!((free(DAVE), escrowed(DAVE)), (STARTING_BALANCE, 0));
		assert_eq!(free(ALICE), STARTING_BALANCE, "the offer deposit is returned");
		assert!(MockLocks::get(SOLE_PARCEL).is_none());
		assert_eq!(MockOwners::get(SOLE_PARCEL).unwrap(), vec![owner(ALICE, 1, 1)]);
	});
}

#[test]
fn who_may_cancel_and_when() {
	ExtBuilder::default().build_and_execute(|| {
		let id = offer(ALICE, SHARED_PARCEL, DAVE, 9_000);
		assert_noop!(
			Conveyance::cancel(RuntimeOrigin::signed(DAVE), id),
			Error::<Test>::NotAllowedToCancel
		);
		assert_noop!(
			Conveyance::cancel(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::NotAllowedToCancel
		);
		// Any co-owner may call off the sale before funding.
		assert_ok!(Conveyance::cancel(RuntimeOrigin::signed(BOB), id));
		assert!(MockLocks::get(SHARED_PARCEL).is_none());

		let funded = funded_sole_offer(1_000);
		assert_ok!(Conveyance::cancel(RuntimeOrigin::signed(DAVE), funded));
		System::assert_last_event(Event::Cancelled { offer: funded, by: DAVE }.into());
		assert_eq!(free(DAVE), STARTING_BALANCE);
		assert_noop!(
			Conveyance::cancel(RuntimeOrigin::signed(ALICE), funded),
			Error::<Test>::UnknownOffer
		);
	});
}

#[test]
fn offers_expire_after_their_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		let id = funded_sole_offer(1_000);
		assert_noop!(
			Conveyance::expire(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::NotExpired
		);
		System::set_block_number(DEADLINE + 1);
		assert_noop!(
			Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id),
			Error::<Test>::OfferExpired
		);
		assert_ok!(Conveyance::expire(RuntimeOrigin::signed(STRANGER), id));
		System::assert_last_event(Event::Expired { offer: id }.into());
		assert_eq!(free(DAVE), STARTING_BALANCE);
		assert!(MockLocks::get(SOLE_PARCEL).is_none());
	});
}

/// Deadlines are inclusive at every step: in its deadline block an offer can still be made
/// (for the next block), consented to, funded and approved, and it cannot be expired; the block
/// after, it can only be expired.
#[test]
fn an_offer_lives_through_its_deadline_block_and_expires_only_after_it() {
	ExtBuilder::default().build_and_execute(|| {
		// An offer's deadline must be after the block it is made in.
		System::set_block_number(DEADLINE - 1);
		let shared = offer(ALICE, SHARED_PARCEL, DAVE, 1_000);
		let sole = offer(ALICE, SOLE_PARCEL, DAVE, 1_000);

		System::set_block_number(DEADLINE);
		let expire = |id| Conveyance::expire(RuntimeOrigin::signed(STRANGER), id);
		assert_noop!(expire(shared), Error::<Test>::NotExpired);
		assert_noop!(expire(sole), Error::<Test>::NotExpired);
		assert_ok!(Conveyance::consent(RuntimeOrigin::signed(BOB), shared));
		assert_ok!(Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), sole));
		assert_ok!(Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), sole));

		System::set_block_number(DEADLINE + 1);
		assert_noop!(
			Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), shared),
			Error::<Test>::OfferExpired
		);
		assert_ok!(expire(shared));
	});
}

/// The first block in which an offer may end is the one after the block it is made in.
#[test]
fn an_offer_must_end_after_the_block_it_is_made_in() {
	ExtBuilder::default().build_and_execute(|| {
		System::set_block_number(DEADLINE);
		assert_noop!(
			offer_as(ALICE, SOLE_PARCEL, DAVE, vec![owner(DAVE, 1, 1)], 5),
			Error::<Test>::DeadlineInPast
		);
		System::set_block_number(DEADLINE - 1);
		assert_ok!(offer_as(ALICE, SOLE_PARCEL, DAVE, vec![owner(DAVE, 1, 1)], 5));
	});
}

/// A funded offer past its deadline is not approved: the funds wait for `expire` to return them.
#[test]
fn a_funded_offer_is_not_approved_after_its_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		let id = funded_sole_offer(1_000);
		System::set_block_number(DEADLINE + 1);
		assert_noop!(
			Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id),
			Error::<Test>::OfferExpired
		);
		assert_noop!(
			Conveyance::consent(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::OfferExpired
		);
	});
}

#[test]
fn governance_sets_the_duty() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Conveyance::set_transfer_duty(
				RuntimeOrigin::signed(ALICE),
				Permill::from_percent(5),
				TREASURY
			),
			DispatchError::BadOrigin
		);
		assert_ok!(Conveyance::set_transfer_duty(
			RuntimeOrigin::root(),
			Permill::from_percent(5),
			STRANGER
		));
		let issuance = Balances::total_issuance();
		let id = funded_sole_offer(1_000);
		assert_ok!(Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id));
		assert_eq!(free(STRANGER), STARTING_BALANCE + 50);
		assert_conserved(1_000, issuance);
	});
}

#[test]
fn try_state_catches_an_offer_whose_escrow_is_gone() {
	ExtBuilder::default().build().execute_with(|| {
		let id = funded_sole_offer(1_000);
		assert_ok!(try_state());
		Offers::<Test>::mutate(id, |offer| offer.as_mut().unwrap().price = 999);
		assert!(try_state().is_err());
	});
}

#[test]
fn integrity_test_passes_for_the_mock_config() {
	use frame_support::traits::Hooks;
	<Conveyance as Hooks<u64>>::integrity_test();
}

#[test]
#[should_panic(expected = "offers need room for parties")]
fn integrity_test_refuses_a_config_with_no_room_for_parties() {
	use frame_support::traits::Hooks;
	MaxParties::set(0);
	<Conveyance as Hooks<u64>>::integrity_test();
}

/// How many `OfferOpened` events offer `id` has had.
fn times_opened(id: OfferId) -> usize {
	System::events()
		.iter()
		.filter(|record| record.event == Event::OfferOpened { offer: id }.into())
		.count()
}

/// A parcel the fixtures do not register (the tests give it owners).
const THREE_OWNERS: landchain_primitives::ParcelId = 4;
/// A co-grantee who pays nothing.
const EVE: u64 = 14;

#[test]
fn an_offer_opens_once_when_the_last_seller_consents_and_never_again() {
	ExtBuilder::default().build_and_execute(|| {
		let sole = offer(ALICE, SOLE_PARCEL, DAVE, 1_000);
		assert_eq!(Offers::<Test>::get(sole).unwrap().status, OfferStatus::Open);
		assert_eq!(times_opened(sole), 1, "a sole owner's offer opens at once");

		MockOwners::insert(
			THREE_OWNERS,
			vec![owner(ALICE, 1, 3), owner(BOB, 1, 3), owner(CHARLIE, 1, 3)],
		);
		let grantees = vec![owner(DAVE, 1, 2), owner(EVE, 1, 2)];
		assert_ok!(offer_as(ALICE, THREE_OWNERS, DAVE, grantees, 900));
		let shared = NextOfferId::<Test>::get() - 1;
		assert_eq!(times_opened(shared), 0, "co-owners have not consented yet");
		assert_ok!(Conveyance::consent(RuntimeOrigin::signed(BOB), shared));
		assert_ok!(Conveyance::consent(RuntimeOrigin::signed(EVE), shared));
		assert_eq!(
			Offers::<Test>::get(shared).unwrap().status,
			OfferStatus::AwaitingSellerConsents,
			"one seller (Charlie) and a co-grantee's consent do not open it"
		);
		assert_eq!(times_opened(shared), 0);
		assert_ok!(Conveyance::consent(RuntimeOrigin::signed(CHARLIE), shared));
		assert_eq!(Offers::<Test>::get(shared).unwrap().status, OfferStatus::Open);
		assert_eq!(times_opened(shared), 1);

		// A co-grantee consenting on an open offer does not open it again.
		let grantees = vec![owner(DAVE, 1, 2), owner(EVE, 1, 2)];
		assert_ok!(offer_as(CHARLIE, OTHER_PARCEL, DAVE, grantees, 500));
		let open = NextOfferId::<Test>::get() - 1;
		assert_ok!(Conveyance::consent(RuntimeOrigin::signed(EVE), open));
		System::assert_last_event(Event::Consented { offer: open, party: EVE }.into());
		assert_eq!(times_opened(open), 1);
	});
}

#[test]
fn only_sellers_and_co_grantees_consent_never_the_buyer_or_a_stranger() {
	ExtBuilder::default().build_and_execute(|| {
		let grantees = vec![owner(DAVE, 1, 2), owner(CHARLIE, 1, 2)];
		assert_ok!(offer_as(ALICE, SOLE_PARCEL, DAVE, grantees, 1_000));
		let id = NextOfferId::<Test>::get() - 1;
		for who in [STRANGER, DAVE] {
			assert_noop!(
				Conveyance::consent(RuntimeOrigin::signed(who), id),
				Error::<Test>::NotAParty
			);
		}
		assert_ok!(Conveyance::consent(RuntimeOrigin::signed(CHARLIE), id));
	});
}

#[test]
fn a_registrar_who_sells_pays_or_receives_cannot_decide_the_sale() {
	ExtBuilder::default().build_and_execute(|| {
		// The buyer who pays, the title going to someone else.
		assert_ok!(offer_as(ALICE, SOLE_PARCEL, REGISTRAR, vec![owner(DAVE, 1, 1)], 1_000));
		let paying = NextOfferId::<Test>::get() - 1;
		assert_ok!(Conveyance::consent(RuntimeOrigin::signed(DAVE), paying));
		assert_ok!(Conveyance::accept_and_fund(RuntimeOrigin::signed(REGISTRAR), paying));
		// A co-grantee who does not pay.
		assert_ok!(offer_as(
			CHARLIE,
			OTHER_PARCEL,
			DAVE,
			vec![owner(DAVE, 1, 2), owner(REGISTRAR, 1, 2)],
			500
		));
		let receiving = NextOfferId::<Test>::get() - 1;
		assert_ok!(Conveyance::consent(RuntimeOrigin::signed(REGISTRAR), receiving));
		assert_ok!(Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), receiving));
		// A seller.
		MockOwners::insert(THREE_OWNERS, vec![owner(REGISTRAR, 1, 1)]);
		let selling = offer(REGISTRAR, THREE_OWNERS, DAVE, 700);
		assert_ok!(Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), selling));

		for id in [paying, receiving, selling] {
			assert_noop!(
				Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id),
				Error::<Test>::ConflictOfInterest
			);
			assert_ok!(Conveyance::approve(RuntimeOrigin::signed(LENDER_A), id));
		}
	});
}

#[test]
fn closing_an_offer_by_operation_of_law_declares_the_weight_of_a_cancel() {
	use landchain_primitives::OpenDealings;
	let declared = <Conveyance as OpenDealings>::close_weight();
	assert!(declared.all_gte(<() as WeightInfo>::cancel(MaxParties::get(), MaxAdvances::get())));
	assert!(declared.ref_time() > 0 && declared.proof_size() > 0);
}

#[test]
fn a_registrar_cannot_approve_its_own_purchase() {
	ExtBuilder::default().build_and_execute(|| {
		let id = offer(ALICE, SOLE_PARCEL, REGISTRAR, 1_000);
		assert_ok!(Conveyance::accept_and_fund(RuntimeOrigin::signed(REGISTRAR), id));
		assert_noop!(
			Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id),
			Error::<Test>::ConflictOfInterest
		);
		assert_noop!(
			Conveyance::reject(RuntimeOrigin::signed(REGISTRAR), id, RejectionReason::Other),
			Error::<Test>::ConflictOfInterest
		);
		// Another registrar decides it.
		assert_ok!(Conveyance::approve(RuntimeOrigin::signed(LENDER_A), id));
		assert_eq!(MockOwners::get(SOLE_PARCEL).unwrap(), vec![owner(REGISTRAR, 1, 1)]);
	});
}

#[test]
fn a_registrar_cannot_approve_a_sale_that_repays_its_own_loan() {
	ExtBuilder::default().build_and_execute(|| {
		let id = funded_shared_offer(10_000);
		assert_noop!(
			Conveyance::approve(RuntimeOrigin::signed(LENDER_A), id),
			Error::<Test>::ConflictOfInterest
		);
		assert_ok!(Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id));
	});
}

#[test]
fn a_court_order_closes_an_open_offer_and_refunds_the_buyer() {
	use landchain_primitives::OpenDealings;
	ExtBuilder::default().build_and_execute(|| {
		let id = funded_sole_offer(1_000);
		assert_noop!(
			<Conveyance as OpenDealings>::close_for_operation_of_law(SHARED_PARCEL, id),
			Error::<Test>::WrongParcel
		);
		assert_noop!(
			<Conveyance as OpenDealings>::close_for_operation_of_law(SOLE_PARCEL, 77),
			Error::<Test>::UnknownOffer
		);
		assert_ok!(<Conveyance as OpenDealings>::close_for_operation_of_law(SOLE_PARCEL, id));
		System::assert_last_event(
			Event::ClosedByOperationOfLaw {
				offer: id,
				parcel: SOLE_PARCEL,
				sellers: vec![owner(ALICE, 1, 1)].try_into().unwrap(),
				buyer: DAVE,
			}
			.into(),
		);
		assert_eq!((free(DAVE), escrowed(DAVE)), (STARTING_BALANCE, 0), "the buyer is refunded");
		assert_eq!(free(ALICE), STARTING_BALANCE, "the offer deposit is returned");
		assert!(MockLocks::get(SOLE_PARCEL).is_none());
		assert!(Offers::<Test>::get(id).is_none());
	});
}

#[test]
fn an_offer_with_the_most_sellers_and_the_most_grantees_reaches_funding_and_settles() {
	ExtBuilder::default().build_and_execute(|| {
		let max = <Test as Config>::MaxParties::get();
		let sellers: Vec<u64> = (0..u64::from(max)).map(|i| 40 + i).collect();
		MockOwners::insert(
			OTHER_PARCEL,
			sellers.iter().map(|s| owner(*s, 1, max)).collect::<Vec<_>>(),
		);
		<Balances as frame_support::traits::fungible::Mutate<u64>>::set_balance(
			&sellers[0],
			STARTING_BALANCE,
		);
		let mut grantees = vec![owner(DAVE, 1, max)];
		grantees.extend((1..u64::from(max)).map(|i| owner(60 + i, 1, max)));
		assert_ok!(offer_as(sellers[0], OTHER_PARCEL, DAVE, grantees.clone(), 1_000));
		let id = NextOfferId::<Test>::get() - 1;
		// Every other seller and every co-grantee: 2 × MaxParties − 1 consents in all.
		for party in sellers.iter().skip(1).chain(grantees.iter().skip(1).map(|g| &g.account)) {
			assert_ok!(Conveyance::consent(RuntimeOrigin::signed(*party), id));
		}
		assert_eq!(Offers::<Test>::get(id).unwrap().consents.len() as u32, 2 * max - 1);
		assert_ok!(Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), id));
		assert_ok!(Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id));
		assert_eq!(MockOwners::get(OTHER_PARCEL).unwrap(), grantees);
	});
}

/// The weight a successful call reported after it ran.
fn actual(post: frame_support::dispatch::PostDispatchInfo) -> frame_support::weights::Weight {
	post.actual_weight.expect("every conveyance call reports its actual weight")
}

#[test]
fn a_sale_is_charged_for_its_own_parties_and_mortgages_not_the_largest_offer() {
	use frame_support::dispatch::GetDispatchInfo;
	type W = <Test as Config>::WeightInfo;
	ExtBuilder::default().build_and_execute(|| {
		// Two sellers, one grantee, two mortgages: `s` = 2, `m` = 2.
		let call = |id| RuntimeCall::Conveyance(Call::approve { offer: id });
		let offered = Conveyance::offer(
			RuntimeOrigin::signed(ALICE),
			SHARED_PARCEL,
			DAVE,
			vec![owner(DAVE, 1, 1)].try_into().unwrap(),
			10_001,
			DEADLINE,
			deed(),
		);
		assert_eq!(actual(offered.unwrap()), W::offer(2));
		let id = NextOfferId::<Test>::get() - 1;
		assert_eq!(
			actual(Conveyance::consent(RuntimeOrigin::signed(BOB), id).unwrap()),
			W::consent(2)
		);
		let funded = Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), id);
		assert_eq!(actual(funded.unwrap()), W::accept_and_fund(2));
		let declared = call(id).get_dispatch_info().call_weight;
		let approved = actual(Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id).unwrap());
		assert_eq!(approved, W::approve(2, 2, 0));
		assert!(approved.all_lt(declared), "{approved:?} is refunded from {declared:?}");

		// A sole owner's sale closed three ways, each charged for one party.
		let id = funded_sole_offer(1_000);
		let rejected = Conveyance::reject(
			RuntimeOrigin::signed(REGISTRAR),
			id,
			RejectionReason::DocumentsIncomplete,
		);
		assert_eq!(actual(rejected.unwrap()), W::reject(1, 0));
		let id = funded_sole_offer(1_000);
		assert_eq!(
			actual(Conveyance::cancel(RuntimeOrigin::signed(DAVE), id).unwrap()),
			W::cancel(1, 0)
		);
		let id = funded_sole_offer(1_000);
		System::set_block_number(DEADLINE + 1);
		assert_eq!(
			actual(Conveyance::expire(RuntimeOrigin::signed(STRANGER), id).unwrap()),
			W::expire(1, 0)
		);
	});
}
