//! Benchmarks of every call, each in its worst case for its components: `s` parties (as many
//! sellers as grantees, every one consenting), `m` mortgages to discharge, `a` lenders (each
//! funded and consented to by every grantee). A call is charged for the most parties, mortgages
//! and lenders up front and refunded to the offer's own (`Offer::size`). The calls without
//! components run on the largest offer: `MaxParties` parties and `MaxAdvances` lenders.

use super::*;
use crate::Pallet as Conveyance;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use landchain_primitives::{Owner, Share, Source, SourceKind, TitleRegistry};
use sp_core::H256;
use sp_runtime::{Permill, Saturating};

const SEED: u32 = 0;

fn unit<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().max(T::OfferDeposit::get())
}

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let account: T::AccountId = account(name, index, SEED);
	T::Currency::set_balance(&account, unit::<T>().saturating_mul(1_000_000u32.into()));
	account
}

fn deed() -> Source {
	Source { kind: SourceKind::Deed, document_hash: H256::repeat_byte(7), uri: None }
}

/// `count` grantees with equal shares, the first of them `buyer`, the others consenting.
fn grantees<T: Config>(buyer: &T::AccountId, count: u32) -> PartiesOf<T> {
	(0..count)
		.map(|index| Owner {
			account: if index == 0 { buyer.clone() } else { funded::<T>("grantee", index) },
			share: Share { numerator: 1, denominator: count },
		})
		.collect::<Vec<_>>()
		.try_into()
		.expect("at most MaxParties grantees")
}

/// A parcel held by `s` funded sellers carrying `m` mortgages, offered to a funded buyer and
/// `s - 1` co-grantees at a price covering the mortgages; every seller and co-grantee has
/// consented. Returns (id, sellers, buyer).
fn open_offer<T: Config>(s: u32, m: u32) -> (OfferId, Vec<T::AccountId>, T::AccountId) {
	let sellers: Vec<T::AccountId> = (0..s).map(|index| funded::<T>("seller", index)).collect();
	let parcel = T::BenchmarkHelper::create_parcel(&sellers, m, unit::<T>());
	let buyer = funded::<T>("buyer", 0);
	let price = unit::<T>().saturating_mul(1_000u32.into());
	let deadline = frame_system::Pallet::<T>::block_number() + 100u32.into();
	let grantees = grantees::<T>(&buyer, s);
	let (id, _) = Conveyance::<T>::do_offer(
		sellers[0].clone(),
		parcel,
		buyer.clone(),
		grantees.clone(),
		price,
		deadline,
		deed(),
	)
	.expect("the first seller offers");
	let co_parties = sellers.iter().skip(1).chain(grantees.iter().skip(1).map(|g| &g.account));
	for party in co_parties {
		Conveyance::<T>::do_consent(party.clone(), id).expect("co-owners and co-grantees consent");
	}
	(id, sellers, buyer)
}

/// `a` advances of one unit each, ranks 1 to `a`, from funded lenders.
fn advance_requests<T: Config>(a: u32) -> AdvanceRequestsOf<T> {
	(0..a)
		.map(|index| AdvanceRequest {
			lender: funded::<T>("advance-lender", index),
			amount: unit::<T>(),
			rank: index + 1,
		})
		.collect::<Vec<_>>()
		.try_into()
		.expect("at most MaxAdvances lenders")
}

fn mortgage_deed() -> Source {
	Source { kind: SourceKind::MortgageInstrument, document_hash: H256::repeat_byte(9), uri: None }
}

/// An open offer of `s` parties on a parcel with `m` mortgages, accepted with `a` lenders, each
/// of them funded and consented to by every grantee.
fn funded_offer<T: Config>(s: u32, m: u32, a: u32) -> (OfferId, Vec<T::AccountId>, T::AccountId) {
	let (id, sellers, buyer) = open_offer::<T>(s, m);
	let requests = advance_requests::<T>(a);
	Conveyance::<T>::do_accept(buyer.clone(), id, requests.clone()).expect("the buyer funds");
	let grantees = Offers::<T>::get(id).expect("open").grantees;
	for request in requests.iter() {
		fund_and_consent::<T>(id, request, &grantees);
	}
	(id, sellers, buyer)
}

/// The lender of `request` funds and every grantee consents to its terms.
fn fund_and_consent<T: Config>(
	id: OfferId,
	request: &AdvanceRequest<T::AccountId, BalanceOf<T>>,
	grantees: &PartiesOf<T>,
) {
	Conveyance::<T>::do_fund_advance(
		request.lender.clone(),
		id,
		request.amount,
		request.rank,
		mortgage_deed(),
	)
	.expect("the lender funds");
	for grantee in grantees.iter() {
		Conveyance::<T>::do_consent_to_advance(
			grantee.account.clone(),
			id,
			request.lender.clone(),
			mortgage_deed().document_hash,
		)
		.expect("the grantee consents");
	}
}

/// The largest offer (`MaxParties` parties) accepted with `MaxAdvances` lenders, every one but
/// the last funded and consented to by every grantee. Returns its id, the last lender's request
/// and the grantees.
fn all_but_the_last_advance<T: Config>(
) -> (OfferId, AdvanceRequest<T::AccountId, BalanceOf<T>>, PartiesOf<T>) {
	let (id, _, buyer) = open_offer::<T>(T::MaxParties::get(), 0);
	let requests = advance_requests::<T>(T::MaxAdvances::get());
	Conveyance::<T>::do_accept(buyer, id, requests.clone()).expect("the buyer funds");
	let grantees = Offers::<T>::get(id).expect("open").grantees;
	let (last, others) = requests.split_last().expect("at least one lender");
	for request in others {
		fund_and_consent::<T>(id, request, &grantees);
	}
	(id, last.clone(), grantees)
}

fn set_treasury<T: Config>() {
	DutyRate::<T>::put(Permill::from_percent(2));
	Treasury::<T>::put(funded::<T>("treasury", 0));
}

/// A registrar origin and its account, funded for the deposits of the mortgages it records.
fn registrar<T: Config>() -> (T::RuntimeOrigin, T::AccountId) {
	let origin = T::RegistrarOrigin::try_successful_origin().expect("a registrar origin");
	let account = T::RegistrarOrigin::ensure_origin(origin.clone()).expect("it is a registrar");
	T::Currency::set_balance(&account, unit::<T>().saturating_mul(1_000_000u32.into()));
	(origin, account)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn offer(s: Linear<1, { T::MaxParties::get() }>) {
		let sellers: Vec<T::AccountId> = (0..s).map(|index| funded::<T>("seller", index)).collect();
		let parcel = T::BenchmarkHelper::create_parcel(&sellers, 0, unit::<T>());
		let buyer = funded::<T>("buyer", 0);
		let grantees = grantees::<T>(&buyer, s);
		let deadline = frame_system::Pallet::<T>::block_number() + 100u32.into();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(sellers[0].clone()),
			parcel,
			buyer,
			grantees,
			unit::<T>(),
			deadline,
			deed(),
		);

		assert!(OfferByParcel::<T>::contains_key(parcel));
	}

	#[benchmark]
	fn consent(s: Linear<2, { T::MaxParties::get() }>) {
		let sellers: Vec<T::AccountId> = (0..s).map(|index| funded::<T>("seller", index)).collect();
		let parcel = T::BenchmarkHelper::create_parcel(&sellers, 0, unit::<T>());
		let buyer = funded::<T>("buyer", 0);
		let deadline = frame_system::Pallet::<T>::block_number() + 100u32.into();
		let grantees = grantees::<T>(&buyer, s);
		let (id, _) = Conveyance::<T>::do_offer(
			sellers[0].clone(),
			parcel,
			buyer,
			grantees.clone(),
			unit::<T>(),
			deadline,
			deed(),
		)
		.expect("offered");
		// The longest list to search: every co-grantee and every seller but the last.
		let others = grantees.iter().skip(1).map(|grantee| &grantee.account);
		for party in others.chain(sellers.iter().skip(1).take(s as usize - 2)) {
			Conveyance::<T>::do_consent(party.clone(), id).expect("consents");
		}
		let last = sellers[s as usize - 1].clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(last), id);

		assert_eq!(Offers::<T>::get(id).expect("open").status, OfferStatus::Open);
	}

	#[benchmark]
	fn accept_and_fund(s: Linear<1, { T::MaxParties::get() }>) {
		let (id, _, buyer) = open_offer::<T>(s, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);

		assert!(matches!(Offers::<T>::get(id).expect("open").status, OfferStatus::Funded { .. }));
	}

	#[benchmark]
	fn approve(
		s: Linear<1, { T::MaxParties::get() }>,
		m: Linear<0, { T::MaxPayouts::get() - T::MaxParties::get() - 1 }>,
		a: Linear<0, { T::MaxAdvances::get() }>,
	) {
		set_treasury::<T>();
		let (id, _, _) = funded_offer::<T>(s, m, a);
		let (origin, _) = registrar::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert!(!Offers::<T>::contains_key(id));
	}

	#[benchmark]
	fn reject(s: Linear<1, { T::MaxParties::get() }>, a: Linear<0, { T::MaxAdvances::get() }>) {
		let (id, _, _) = funded_offer::<T>(s, 0, a);
		let (origin, _) = registrar::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, RejectionReason::DocumentsIncomplete);

		assert!(!Offers::<T>::contains_key(id));
	}

	#[benchmark]
	fn cancel(s: Linear<1, { T::MaxParties::get() }>, a: Linear<0, { T::MaxAdvances::get() }>) {
		let (id, _, buyer) = funded_offer::<T>(s, 0, a);

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);

		assert!(!Offers::<T>::contains_key(id));
	}

	#[benchmark]
	fn expire(s: Linear<1, { T::MaxParties::get() }>, a: Linear<0, { T::MaxAdvances::get() }>) {
		let (id, _, buyer) = funded_offer::<T>(s, 0, a);
		let deadline = Offers::<T>::get(id).expect("open").deadline;
		frame_system::Pallet::<T>::set_block_number(deadline + 1u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);

		assert!(!Offers::<T>::contains_key(id));
	}

	#[benchmark]
	fn accept_with_finance(
		s: Linear<1, { T::MaxParties::get() }>,
		a: Linear<0, { T::MaxAdvances::get() }>,
	) {
		let (id, _, buyer) = open_offer::<T>(s, 0);
		let requests = advance_requests::<T>(a);

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id, requests);

		assert_eq!(Offers::<T>::get(id).expect("open").advances.len() as u32, a);
	}

	/// The last lender of the largest offer funds, every other advance funded and consented
	/// to: the readiness check walks everything.
	#[benchmark]
	fn fund_advance() {
		let (id, last, _) = all_but_the_last_advance::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(last.lender.clone()), id, last.amount, last.rank, mortgage_deed());

		let record = Offers::<T>::get(id).expect("open");
		assert!(record.advances.iter().all(|advance| advance.funding.is_some()));
	}

	/// The last grantee of the largest offer consents to the last lender's terms, which makes
	/// the sale ready.
	#[benchmark]
	fn consent_to_advance() {
		let (id, last, grantees) = all_but_the_last_advance::<T>();
		Conveyance::<T>::do_fund_advance(
			last.lender.clone(),
			id,
			last.amount,
			last.rank,
			mortgage_deed(),
		)
		.expect("the last lender funds");
		let (final_grantee, earlier) = grantees.split_last().expect("at least one grantee");
		for grantee in earlier {
			Conveyance::<T>::do_consent_to_advance(
				grantee.account.clone(),
				id,
				last.lender.clone(),
				mortgage_deed().document_hash,
			)
			.expect("consents");
		}

		#[extrinsic_call]
		_(
			RawOrigin::Signed(final_grantee.account.clone()),
			id,
			last.lender.clone(),
			mortgage_deed().document_hash,
		);

		assert!(Offers::<T>::get(id).expect("open").finance_ready().is_ok());
	}

	#[benchmark]
	fn withdraw_advance() {
		let (id, _, _) = funded_offer::<T>(T::MaxParties::get(), 0, T::MaxAdvances::get());
		let lender = Offers::<T>::get(id).expect("open").advances[0].lender.clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(lender), id);

		assert!(Offers::<T>::get(id).expect("open").advances[0].funding.is_none());
	}

	/// The parcel carries the most mortgages it may; the lender of the last
	/// lodges its figure after every other lender has lodged.
	#[benchmark]
	fn lodge_redemption() {
		let (id, _, _) = open_offer::<T>(T::MaxParties::get(), MaxRedemptions::<T>::get());
		let parcel = Offers::<T>::get(id).expect("open").parcel;
		let mortgages = T::Registry::mortgages(parcel);
		let (last, others) = mortgages.split_last().expect("at least one mortgage");
		for mortgage in others {
			Conveyance::<T>::do_lodge_redemption(
				mortgage.lender.clone(),
				id,
				mortgage.id,
				mortgage.amount,
			)
			.expect("lodged");
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(last.lender.clone()), id, last.id, last.amount);

		assert_eq!(Offers::<T>::get(id).expect("open").redemptions.len(), mortgages.len());
	}

	#[benchmark]
	fn set_transfer_duty() {
		let origin = T::GovernanceOrigin::try_successful_origin().expect("a governance origin");
		let treasury = funded::<T>("treasury", 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Permill::from_percent(3), treasury);

		assert_eq!(DutyRate::<T>::get(), Permill::from_percent(3));
	}

	impl_benchmark_test_suite!(
		Conveyance,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
