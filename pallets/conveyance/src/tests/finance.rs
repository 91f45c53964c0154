//! Financed purchases: lenders named at acceptance, advances in escrow, the grantees' consent to
//! the lenders' terms, redemption figures, the duty fixed at funding, and value conservation over
//! random sales as a property test.

use super::*;
use landchain_primitives::{MortgageSummary, Source};
use proptest::prelude::*;
use sp_core::H256;

/// The new lender of these tests: a bank that is neither a party nor a registrar.
const BANK: u64 = 40;
/// A second bank, for second-rank advances.
const SECOND_BANK: u64 = 41;

fn mortgage_deed(byte: u8) -> Source {
	Source {
		kind: landchain_primitives::SourceKind::MortgageInstrument,
		document_hash: H256::repeat_byte(byte),
		uri: None,
	}
}

fn request(lender: u64, amount: u64, rank: u32) -> AdvanceRequest<u64, u64> {
	AdvanceRequest { lender, amount, rank }
}

fn accept_with(buyer: u64, id: OfferId, advances: Vec<AdvanceRequest<u64, u64>>) -> DispatchResult {
	Conveyance::accept_with_finance(
		RuntimeOrigin::signed(buyer),
		id,
		advances.try_into().expect("tests name at most MaxAdvances lenders"),
	)
	.map(|_| ())
	.map_err(|failure| failure.error)
}

fn fund(lender: u64, id: OfferId, amount: u64, rank: u32) -> DispatchResult {
	Conveyance::fund_advance(RuntimeOrigin::signed(lender), id, amount, rank, mortgage_deed(0x11))
}

fn consent_to(grantee: u64, id: OfferId, lender: u64) -> DispatchResult {
	Conveyance::consent_to_advance(
		RuntimeOrigin::signed(grantee),
		id,
		lender,
		mortgage_deed(0x11).document_hash,
	)
}

fn approve(id: OfferId) -> DispatchResult {
	Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id)
		.map(|_| ())
		.map_err(|failure| failure.error)
}

fn fund_banks() {
	for bank in [BANK, SECOND_BANK] {
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::mint_into(
			&bank,
			STARTING_BALANCE
		));
	}
}

/// Alice offers her sole parcel to Dave at `price` (Dave the sole grantee).
fn sole_offer(price: u64) -> OfferId {
	fund_banks();
	offer(ALICE, SOLE_PARCEL, DAVE, price)
}

fn has_event(wanted: Event<Test>) -> bool {
	System::events()
		.into_iter()
		.any(|record| record.event == RuntimeEvent::Conveyance(wanted.clone()))
}

#[test]
fn a_buyer_with_a_fifth_and_a_lender_with_four_fifths_buy_a_mortgaged_parcel_in_one_settlement() {
	ExtBuilder::default().build_and_execute(|| {
		fund_banks();
		let issuance = Balances::total_issuance();
		let (dave, bank, old_first, old_second) =
			(free(DAVE), free(BANK), free(LENDER_A), free(LENDER_B));
		let (alice, bob, treasury) = (free(ALICE), free(BOB), free(TREASURY));
		// The shared parcel carries LENDER_A's 5,000 (rank 1, id 7) and LENDER_B's 2,000 (id 8).
		let id = offer(ALICE, SHARED_PARCEL, DAVE, 20_000);
		assert_ok!(Conveyance::consent(RuntimeOrigin::signed(BOB), id));
		// LENDER_A states what it is owed today: interest has accrued.
		assert_ok!(Conveyance::lodge_redemption(RuntimeOrigin::signed(LENDER_A), id, 7, 5_300));
		assert_ok!(accept_with(DAVE, id, vec![request(BANK, 16_000, 1)]));
		assert_eq!(escrowed(DAVE), 4_000, "the buyer escrows a fifth");
		assert_ok!(fund(BANK, id, 16_000, 1));
		assert_eq!(escrowed(BANK), 16_000, "the lender escrows four fifths");
		assert_ok!(consent_to(DAVE, id, BANK));
		assert!(has_event(Event::FinanceReady { offer: id }));
		// The registrar approving is not LENDER_A (a registrar in the mock, and paid off here).
		assert_ok!(approve(id));

		// One settlement: the old lenders paid (the lodged figure, the recorded amount), duty 2 %
		// of the price, the sellers the rest by share, the title to Dave and the bank's mortgage
		// on it at rank 1.
		let payouts: Vec<_> =
			settled_payouts().iter().map(|payout| (payout.to, payout.amount)).collect();
		assert_eq!(
			payouts,
			vec![
				(LENDER_A, 5_300),
				(LENDER_B, 2_000),
				(TREASURY, 400),
				(ALICE, 8_200),
				(BOB, 4_100)
			]
		);
		assert_conserved(20_000, issuance);
		assert_eq!(MockOwners::get(SHARED_PARCEL).unwrap(), vec![owner(DAVE, 1, 1)]);
		assert_eq!(
			MockMortgages::get(SHARED_PARCEL).unwrap(),
			vec![MortgageSummary { id: NEW_MORTGAGE_IDS, lender: BANK, amount: 16_000, rank: 1 }]
		);
		assert_eq!(free(DAVE), dave - 4_000);
		assert_eq!(free(BANK), bank - 16_000);
		assert_eq!((free(LENDER_A), free(LENDER_B)), (old_first + 5_300, old_second + 2_000));
		assert_eq!((free(ALICE), free(BOB)), (alice + 8_200, bob + 4_100));
		assert_eq!(free(TREASURY), treasury + 400);
		assert_eq!((escrowed(DAVE), escrowed(BANK)), (0, 0));
		assert!(Offers::<Test>::get(id).is_none());
	});
}

#[test]
fn a_lender_may_advance_the_whole_price_and_two_lenders_may_share_it() {
	ExtBuilder::default().build_and_execute(|| {
		let id = sole_offer(10_000);
		assert_ok!(accept_with(
			DAVE,
			id,
			vec![request(BANK, 7_000, 1), request(SECOND_BANK, 3_000, 2)]
		));
		assert_eq!(escrowed(DAVE), 0, "nothing of the buyer's own is needed");
		assert!(matches!(
			Offers::<Test>::get(id).unwrap().status,
			OfferStatus::Funded { escrow: None, .. }
		));
		assert_ok!(fund(BANK, id, 7_000, 1));
		assert_ok!(fund(SECOND_BANK, id, 3_000, 2));
		assert_ok!(consent_to(DAVE, id, BANK));
		assert_ok!(consent_to(DAVE, id, SECOND_BANK));
		let issuance = Balances::total_issuance();
		assert_ok!(approve(id));
		assert_conserved(10_000, issuance);
		let recorded: Vec<_> = MockMortgages::get(SOLE_PARCEL)
			.unwrap()
			.iter()
			.map(|mortgage| (mortgage.lender, mortgage.amount, mortgage.rank))
			.collect();
		assert_eq!(recorded, vec![(BANK, 7_000, 1), (SECOND_BANK, 3_000, 2)]);
		assert_eq!((escrowed(BANK), escrowed(SECOND_BANK)), (0, 0));
	});
}

#[test]
fn accepting_with_finance_refuses_a_bad_list_of_lenders_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let id = sole_offer(10_000);
		let attempt = |advances| accept_with(DAVE, id, advances);
		assert_noop!(
			attempt(vec![request(BANK, 8_000, 1), request(SECOND_BANK, 2_001, 2)]),
			Error::<Test>::AdvancesExceedPrice
		);
		assert_noop!(attempt(vec![request(BANK, 8_000, 0)]), Error::<Test>::InvalidRank);
		assert_noop!(
			attempt(vec![request(BANK, 1_000, 1), request(SECOND_BANK, 1_000, 1)]),
			Error::<Test>::DuplicateRank
		);
		assert_noop!(
			attempt(vec![request(BANK, 1_000, 1), request(BANK, 1_000, 2)]),
			Error::<Test>::DuplicateLender
		);
		assert_noop!(attempt(vec![request(DAVE, 1_000, 1)]), Error::<Test>::LenderIsBorrower);
		assert_noop!(attempt(vec![request(BANK, 0, 1)]), Error::<Test>::BelowMinimum);
		// No payout that cannot land: an advance becomes a mortgage, paid off one day to a
		// lender whose account may not exist then.
		ExistentialDeposit::set(1_001);
		assert_noop!(attempt(vec![request(BANK, 1_000, 1)]), Error::<Test>::BelowMinimum);
		ExistentialDeposit::set(1);
		assert_noop!(
			accept_with(STRANGER, id, vec![request(BANK, 1_000, 1)]),
			Error::<Test>::NotBuyer
		);
		assert_ok!(attempt(vec![request(BANK, 1_000, 1)]));
		assert_noop!(attempt(vec![request(BANK, 1_000, 1)]), Error::<Test>::WrongStatus);
	});
}

#[test]
fn a_lender_funds_only_the_advance_and_rank_the_buyer_named_and_only_once() {
	ExtBuilder::default().build_and_execute(|| {
		let id = sole_offer(10_000);
		assert_noop!(fund(BANK, id, 8_000, 1), Error::<Test>::WrongStatus);
		assert_ok!(accept_with(DAVE, id, vec![request(BANK, 8_000, 1)]));
		assert_noop!(fund(SECOND_BANK, id, 8_000, 1), Error::<Test>::NotALender);
		assert_noop!(fund(BANK, id, 7_999, 1), Error::<Test>::AdvanceTermsMismatch);
		assert_noop!(fund(BANK, id, 8_000, 2), Error::<Test>::AdvanceTermsMismatch);
		assert_noop!(fund(BANK, 99, 8_000, 1), Error::<Test>::UnknownOffer);
		// A lender short of the advance.
		let poor = STRANGER;
		assert_ok!(Conveyance::cancel(RuntimeOrigin::signed(DAVE), id));
		let id = offer(ALICE, SOLE_PARCEL, DAVE, 200_000);
		assert_ok!(accept_with(DAVE, id, vec![request(poor, 150_000, 1)]));
		assert_noop!(fund(poor, id, 150_000, 1), Error::<Test>::InsufficientFunds);
		assert_ok!(Conveyance::cancel(RuntimeOrigin::signed(DAVE), id));

		let id = offer(ALICE, SOLE_PARCEL, DAVE, 10_000);
		assert_ok!(accept_with(DAVE, id, vec![request(BANK, 8_000, 1)]));
		assert_ok!(fund(BANK, id, 8_000, 1));
		assert_noop!(fund(BANK, id, 8_000, 1), Error::<Test>::AlreadyFunded);
		System::set_block_number(DEADLINE + 1);
		assert_noop!(consent_to(DAVE, id, BANK), Error::<Test>::OfferExpired);
	});
}

#[test]
fn a_sale_waits_for_every_advance_and_every_grantees_consent_to_its_terms() {
	ExtBuilder::default().build_and_execute(|| {
		fund_banks();
		// Dave and Bob buy together; Bob consents to the offer as a co-grantee.
		assert_ok!(offer_as(
			ALICE,
			SOLE_PARCEL,
			DAVE,
			vec![owner(DAVE, 1, 2), owner(BOB, 1, 2)],
			10_000
		));
		let id = NextOfferId::<Test>::get() - 1;
		assert_ok!(Conveyance::consent(RuntimeOrigin::signed(BOB), id));
		assert_ok!(accept_with(DAVE, id, vec![request(BANK, 8_000, 1)]));
		assert_noop!(approve(id), Error::<Test>::AdvanceNotFunded);
		assert_noop!(consent_to(DAVE, id, BANK), Error::<Test>::AdvanceNotFunded);
		assert_ok!(fund(BANK, id, 8_000, 1));
		assert_noop!(approve(id), Error::<Test>::FinanceConsentMissing);
		assert_ok!(consent_to(DAVE, id, BANK));
		assert_noop!(consent_to(DAVE, id, BANK), Error::<Test>::AlreadyConsented);
		assert_noop!(approve(id), Error::<Test>::FinanceConsentMissing);
		assert_noop!(consent_to(STRANGER, id, BANK), Error::<Test>::NotAParty);
		assert_noop!(consent_to(ALICE, id, BANK), Error::<Test>::NotAParty);
		assert_noop!(consent_to(BOB, id, SECOND_BANK), Error::<Test>::NotALender);
		assert_noop!(
			Conveyance::consent_to_advance(
				RuntimeOrigin::signed(BOB),
				id,
				BANK,
				H256::repeat_byte(0x22)
			),
			Error::<Test>::AdvanceTermsMismatch
		);
		assert!(!has_event(Event::FinanceReady { offer: id }));
		assert_ok!(consent_to(BOB, id, BANK));
		assert!(has_event(Event::FinanceReady { offer: id }));
		assert_ok!(approve(id));
		assert_eq!(
			MockOwners::get(SOLE_PARCEL).unwrap(),
			vec![owner(DAVE, 1, 2), owner(BOB, 1, 2)]
		);
	});
}

#[test]
fn a_lender_who_withdraws_is_refunded_and_the_sale_waits_for_it_to_fund_again() {
	ExtBuilder::default().build_and_execute(|| {
		let id = sole_offer(10_000);
		let bank = free(BANK);
		assert_ok!(accept_with(DAVE, id, vec![request(BANK, 8_000, 1)]));
		assert_noop!(
			Conveyance::withdraw_advance(RuntimeOrigin::signed(BANK), id),
			Error::<Test>::AdvanceNotFunded
		);
		assert_ok!(fund(BANK, id, 8_000, 1));
		assert_ok!(consent_to(DAVE, id, BANK));
		assert_noop!(
			Conveyance::withdraw_advance(RuntimeOrigin::signed(SECOND_BANK), id),
			Error::<Test>::NotALender
		);
		assert_ok!(Conveyance::withdraw_advance(RuntimeOrigin::signed(BANK), id));
		assert_eq!((free(BANK), escrowed(BANK)), (bank, 0), "refunded in full");
		let advance = &Offers::<Test>::get(id).unwrap().advances[0];
		assert!(advance.funding.is_none() && advance.consents.is_empty(), "consents lapse");
		assert_noop!(approve(id), Error::<Test>::AdvanceNotFunded);

		assert_ok!(fund(BANK, id, 8_000, 1));
		assert_noop!(approve(id), Error::<Test>::FinanceConsentMissing);
		assert_ok!(consent_to(DAVE, id, BANK));
		assert_ok!(approve(id));
	});
}

#[test]
fn cancel_rejection_and_expiry_return_the_buyers_funds_and_every_advance_in_full() {
	ExtBuilder::default().build_and_execute(|| {
		fund_banks();
		let before = (free(DAVE), free(BANK), free(SECOND_BANK));
		let financed = |price| {
			let id = offer(ALICE, SOLE_PARCEL, DAVE, price);
			assert_ok!(accept_with(
				DAVE,
				id,
				vec![request(BANK, 5_000, 1), request(SECOND_BANK, 3_000, 2)]
			));
			assert_ok!(fund(BANK, id, 5_000, 1));
			assert_ok!(fund(SECOND_BANK, id, 3_000, 2));
			assert_eq!(
				(escrowed(DAVE), escrowed(BANK), escrowed(SECOND_BANK)),
				(2_000, 5_000, 3_000)
			);
			id
		};
		let settled_nothing = || {
			assert_eq!((free(DAVE), free(BANK), free(SECOND_BANK)), before);
			assert_eq!((escrowed(DAVE), escrowed(BANK), escrowed(SECOND_BANK)), (0, 0, 0));
			assert_eq!(MockOwners::get(SOLE_PARCEL).unwrap(), vec![owner(ALICE, 1, 1)]);
			assert!(MockLocks::get(SOLE_PARCEL).is_none());
		};

		let id = financed(10_000);
		assert_ok!(Conveyance::cancel(RuntimeOrigin::signed(DAVE), id));
		settled_nothing();
		let id = financed(10_000);
		assert_ok!(Conveyance::cancel(RuntimeOrigin::signed(ALICE), id));
		settled_nothing();
		let id = financed(10_000);
		assert_ok!(Conveyance::reject(
			RuntimeOrigin::signed(REGISTRAR),
			id,
			RejectionReason::DocumentsIncomplete
		));
		settled_nothing();
		// The deadline passes with the advances held: anyone ends the sale, everyone is repaid.
		let id = financed(10_000);
		System::set_block_number(DEADLINE + 1);
		assert_noop!(approve(id), Error::<Test>::OfferExpired);
		assert_ok!(Conveyance::expire(RuntimeOrigin::signed(STRANGER), id));
		settled_nothing();
	});
}

#[test]
fn a_settlement_that_fails_midway_leaves_every_advance_in_escrow_and_the_title_unmoved() {
	ExtBuilder::default().build_and_execute(|| {
		let id = sole_offer(10_000);
		assert_ok!(accept_with(DAVE, id, vec![request(BANK, 8_000, 1)]));
		assert_ok!(fund(BANK, id, 8_000, 1));
		assert_ok!(consent_to(DAVE, id, BANK));
		MockFailTransfer::put(());
		assert_noop!(approve(id), DispatchError::Other("InjectedFailure"));
		assert_eq!((escrowed(DAVE), escrowed(BANK)), (2_000, 8_000));
		assert!(MockMortgages::get(SOLE_PARCEL).unwrap_or_default().is_empty());
		MockFailTransfer::kill();
		assert_ok!(approve(id));
	});
}

#[test]
fn a_registrar_lending_to_the_buyer_cannot_approve_the_sale() {
	ExtBuilder::default().build_and_execute(|| {
		let id = sole_offer(10_000);
		// LENDER_A is a registrar in the mock.
		assert_ok!(accept_with(DAVE, id, vec![request(LENDER_A, 8_000, 1)]));
		assert_ok!(fund(LENDER_A, id, 8_000, 1));
		assert_ok!(consent_to(DAVE, id, LENDER_A));
		assert_noop!(
			Conveyance::approve(RuntimeOrigin::signed(LENDER_A), id),
			Error::<Test>::ConflictOfInterest
		);
		assert_noop!(
			Conveyance::reject(
				RuntimeOrigin::signed(LENDER_A),
				id,
				RejectionReason::DocumentsIncomplete
			),
			Error::<Test>::ConflictOfInterest
		);
		assert_ok!(approve(id));
	});
}

#[test]
fn only_the_mortgages_lender_lodges_its_redemption_figure_and_the_last_one_counts() {
	ExtBuilder::default().build_and_execute(|| {
		let id = offer(ALICE, SHARED_PARCEL, DAVE, 10_000);
		let lodge = |who, encumbrance, amount| {
			Conveyance::lodge_redemption(RuntimeOrigin::signed(who), id, encumbrance, amount)
		};
		assert_noop!(lodge(STRANGER, 7, 5_000), Error::<Test>::NotTheMortgagee);
		assert_noop!(lodge(LENDER_B, 7, 5_000), Error::<Test>::NotTheMortgagee);
		assert_noop!(lodge(LENDER_A, 99, 5_000), Error::<Test>::NotTheMortgagee);
		assert_noop!(lodge(LENDER_A, 7, 0), Error::<Test>::BelowMinimum);
		ExistentialDeposit::set(100);
		assert_noop!(lodge(LENDER_A, 7, 99), Error::<Test>::BelowMinimum);
		ExistentialDeposit::set(1);
		assert_noop!(
			Conveyance::lodge_redemption(RuntimeOrigin::signed(LENDER_A), 99, 7, 5_000),
			Error::<Test>::UnknownOffer
		);
		assert_ok!(lodge(LENDER_A, 7, 6_000));
		// Partly repaid since: the lender lodges a lower figure, which replaces the first.
		assert_ok!(lodge(LENDER_A, 7, 4_500));
		assert!(has_event(Event::RedemptionLodged {
			offer: id,
			encumbrance: 7,
			lender: LENDER_A,
			amount: 4_500,
			recorded: 5_000,
		}));
		assert_eq!(Offers::<Test>::get(id).unwrap().redemptions.len(), 1);
		assert_ok!(Conveyance::consent(RuntimeOrigin::signed(BOB), id));
		assert_ok!(Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), id));
		assert_ok!(approve(id));
		assert_eq!(
			settled_payouts()[0],
			Payout { to: LENDER_A, amount: 4_500, kind: PayoutKind::Mortgage { encumbrance: 7 } }
		);
	});
}

#[test]
fn a_redemption_figure_the_price_cannot_cover_stops_the_settlement_and_moves_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let id = offer(ALICE, SHARED_PARCEL, DAVE, 10_000);
		assert_ok!(Conveyance::consent(RuntimeOrigin::signed(BOB), id));
		assert_ok!(Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), id));
		assert_ok!(Conveyance::lodge_redemption(RuntimeOrigin::signed(LENDER_A), id, 7, 9_000));
		assert_noop!(approve(id), Error::<Test>::PriceBelowCharges);
		assert_eq!(escrowed(DAVE), 10_000);
	});
}

#[test]
fn the_duty_rate_is_fixed_when_the_buyer_funds_and_a_new_rate_applies_to_new_sales_only() {
	ExtBuilder::default().build_and_execute(|| {
		let id = funded_sole_offer(10_000);
		assert_ok!(Conveyance::set_transfer_duty(
			RuntimeOrigin::root(),
			Permill::from_percent(10),
			TREASURY
		));
		assert_ok!(approve(id));
		assert!(settled_payouts().contains(&Payout {
			to: TREASURY,
			amount: 200,
			kind: PayoutKind::Duty
		}));
		System::reset_events();
		let id = offer(CHARLIE, OTHER_PARCEL, DAVE, 10_000);
		assert_ok!(Conveyance::accept_and_fund(RuntimeOrigin::signed(DAVE), id));
		assert_ok!(approve(id));
		assert!(settled_payouts().contains(&Payout {
			to: TREASURY,
			amount: 1_000,
			kind: PayoutKind::Duty
		}));
	});
}

#[test]
fn governance_cannot_set_a_duty_above_the_bound_or_a_treasury_that_cannot_be_paid() {
	ExtBuilder::default().build_and_execute(|| {
		let set =
			|rate, treasury| Conveyance::set_transfer_duty(RuntimeOrigin::root(), rate, treasury);
		assert_noop!(set(Permill::from_percent(16), TREASURY), Error::<Test>::DutyRateTooHigh);
		// An account that does not exist could not receive a duty below the existential
		// deposit, and a settlement would fail with `CannotPay`.
		let nobody = 4_242;
		assert_noop!(set(Permill::from_percent(2), nobody), Error::<Test>::TreasuryBelowMinimum);
		assert_ok!(set(Permill::from_percent(15), TREASURY));
	});
}

#[test]
fn a_sale_is_charged_for_its_own_lenders() {
	type W = <Test as Config>::WeightInfo;
	ExtBuilder::default().build_and_execute(|| {
		let id = sole_offer(10_000);
		let requests: AdvanceRequestsOf<Test> =
			vec![request(BANK, 5_000, 1), request(SECOND_BANK, 3_000, 2)].try_into().unwrap();
		let accepted =
			Conveyance::accept_with_finance(RuntimeOrigin::signed(DAVE), id, requests).unwrap();
		assert_eq!(actual(accepted), W::accept_with_finance(1, 2));
		assert_ok!(fund(BANK, id, 5_000, 1));
		assert_ok!(fund(SECOND_BANK, id, 3_000, 2));
		assert_ok!(consent_to(DAVE, id, BANK));
		assert_ok!(consent_to(DAVE, id, SECOND_BANK));
		let approved = Conveyance::approve(RuntimeOrigin::signed(REGISTRAR), id).unwrap();
		assert_eq!(actual(approved), W::approve(1, 0, 2));
	});
}

/// One random financed sale: the parcel's owners and shares, its mortgages (with or without a
/// lodged figure), the price, the advances and the duty rate, and how the sale ends.
#[derive(Debug, Clone)]
struct RandomSale {
	shares: Vec<u32>,
	mortgages: Vec<(u64, Option<u64>)>,
	price: u64,
	advances: Vec<u64>,
	duty: u32,
	ending: u8,
}

fn random_sale() -> impl Strategy<Value = RandomSale> {
	(
		prop::collection::vec(1u32..5, 1..=4),
		prop::collection::vec((1u64..3_000, prop::option::of(1u64..3_000)), 0..=2),
		1u64..60_000,
		prop::collection::vec(1u64..20_000, 0..=3),
		0u32..=150_000,
		0u8..4,
	)
		.prop_map(|(shares, mortgages, price, advances, duty, ending)| RandomSale {
			shares,
			mortgages,
			price,
			advances,
			duty,
			ending,
		})
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

	/// Value conservation on every path: the payouts sum to the price; each lender's advance
	/// either becomes its recorded mortgage or returns in full; total issuance is unchanged; no
	/// hold outlives the sale (and `try_state` checks holds against open sales after each case).
	#[test]
	fn value_is_conserved_on_every_path_of_a_financed_sale(sale in random_sale()) {
		ExtBuilder::default().build().execute_with(|| -> Result<(), TestCaseError> {
			let sellers: Vec<u64> = (0..sale.shares.len() as u64).map(|index| 100 + index).collect();
			let lenders: Vec<u64> = (0..sale.advances.len() as u64).map(|index| 200 + index).collect();
			let old_lenders: Vec<u64> = (0..sale.mortgages.len() as u64).map(|index| 300 + index).collect();
			for account in sellers.iter().chain(&lenders) {
				assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::mint_into(account, STARTING_BALANCE));
			}
			let whole: u32 = sale.shares.iter().sum();
			MockOwners::insert(
				77,
				sellers.iter().zip(&sale.shares).map(|(seller, share)| owner(*seller, *share, whole)).collect::<Vec<_>>(),
			);
			MockMortgages::insert(
				77,
				old_lenders.iter().zip(&sale.mortgages).enumerate().map(|(index, (lender, (amount, _)))| {
					MortgageSummary { id: 50 + index as u64, lender: *lender, amount: *amount, rank: index as u32 + 1 }
				}).collect::<Vec<_>>(),
			);
			assert_ok!(Conveyance::set_transfer_duty(RuntimeOrigin::root(), Permill::from_parts(sale.duty), TREASURY));
			let issuance = Balances::total_issuance();
			let before: Vec<u64> = lenders.iter().map(|lender| free(*lender)).collect();
			let grantees = vec![owner(DAVE, 1, 1)];
			assert_ok!(offer_as(sellers[0], 77, DAVE, grantees, sale.price));
			let id = NextOfferId::<Test>::get() - 1;
			for seller in sellers.iter().skip(1) {
				assert_ok!(Conveyance::consent(RuntimeOrigin::signed(*seller), id));
			}
			for (index, (_, figure)) in sale.mortgages.iter().enumerate() {
				if let Some(figure) = figure {
					assert_ok!(Conveyance::lodge_redemption(RuntimeOrigin::signed(old_lenders[index]), id, 50 + index as u64, *figure));
				}
			}
			let requests: Vec<_> = lenders.iter().zip(&sale.advances).enumerate()
				.map(|(index, (lender, amount))| request(*lender, *amount, index as u32 + 1)).collect();
			let advanced: u64 = sale.advances.iter().sum();
			if advanced > sale.price {
				assert_noop!(accept_with(DAVE, id, requests), Error::<Test>::AdvancesExceedPrice);
				try_state().expect("invariants hold");
				return Ok(());
			}
			assert_ok!(accept_with(DAVE, id, requests));
			for (lender, amount) in lenders.iter().zip(&sale.advances) {
				let rank = lenders.iter().position(|other| other == lender).unwrap() as u32 + 1;
				assert_ok!(fund(*lender, id, *amount, rank));
				assert_ok!(consent_to(DAVE, id, *lender));
			}
			let charges: u64 = sale.mortgages.iter().map(|(amount, figure)| figure.unwrap_or(*amount)).sum();
			let duty = Permill::from_parts(sale.duty).mul_floor(sale.price);
			let settles = sale.ending < 2;
			if settles && charges + duty <= sale.price {
				assert_ok!(approve(id));
				assert_conserved(sale.price, issuance);
				// Worked out independently: each old lender its figure, the duty, the sellers the
				// rest by share (rounding down, the remainder to the first seller).
				let mut expected: Vec<(u64, u64)> = old_lenders.iter().zip(&sale.mortgages)
					.map(|(lender, (amount, figure))| (*lender, figure.unwrap_or(*amount))).collect();
				if duty > 0 {
					expected.push((TREASURY, duty));
				}
				let proceeds = sale.price - charges - duty;
				let mut parts: Vec<u64> = sale.shares.iter().map(|share| proceeds * u64::from(*share) / u64::from(whole)).collect();
				parts[0] += proceeds - parts.iter().sum::<u64>();
				expected.extend(sellers.iter().copied().zip(parts).filter(|(_, part)| *part > 0));
				let paid: Vec<(u64, u64)> = settled_payouts().iter().map(|payout| (payout.to, payout.amount)).collect();
				prop_assert_eq!(paid, expected);
				let recorded: Vec<_> = MockMortgages::get(77).unwrap().iter().map(|m| (m.lender, m.amount)).collect();
				let expected: Vec<_> = lenders.iter().copied().zip(sale.advances.iter().copied()).collect();
				prop_assert_eq!(recorded, expected, "each advance became its mortgage");
				for (lender, (before, amount)) in lenders.iter().zip(before.iter().zip(&sale.advances)) {
					prop_assert_eq!(free(*lender), before - amount);
				}
			} else {
				if settles {
					assert_noop!(approve(id), Error::<Test>::PriceBelowCharges);
				}
				if sale.ending == 3 {
					System::set_block_number(DEADLINE + 1);
					assert_ok!(Conveyance::expire(RuntimeOrigin::signed(STRANGER), id));
				} else {
					assert_ok!(Conveyance::cancel(RuntimeOrigin::signed(DAVE), id));
				}
				prop_assert_eq!(Balances::total_issuance(), issuance);
				for (lender, before) in lenders.iter().zip(&before) {
					prop_assert_eq!(free(*lender), *before, "each advance returned in full");
				}
			}
			for account in lenders.iter().chain([&DAVE]) {
				prop_assert_eq!(escrowed(*account), 0);
			}
			try_state().expect("invariants hold");
			Ok(())
		})?;
	}
}
