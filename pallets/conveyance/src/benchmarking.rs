//! Benchmarks of every call, each in its worst case for its components: `s` parties (as many
//! sellers as grantees, every one consenting), `m` mortgages to discharge. A call is charged for
//! the most parties and mortgages up front and refunded to the offer's own (`Offer::parties`).

use super::*;
use crate::Pallet as Conveyance;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use landchain_primitives::{Owner, Share, Source, SourceKind};
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

fn funded_offer<T: Config>(s: u32, m: u32) -> (OfferId, Vec<T::AccountId>, T::AccountId) {
	let (id, sellers, buyer) = open_offer::<T>(s, m);
	Conveyance::<T>::do_accept_and_fund(buyer.clone(), id).expect("the buyer funds");
	(id, sellers, buyer)
}

fn set_treasury<T: Config>() {
	DutyRate::<T>::put(Permill::from_percent(2));
	Treasury::<T>::put(funded::<T>("treasury", 0));
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
	) {
		set_treasury::<T>();
		let (id, _, _) = funded_offer::<T>(s, m);
		let origin = T::RegistrarOrigin::try_successful_origin().expect("a registrar origin");

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert!(!Offers::<T>::contains_key(id));
	}

	#[benchmark]
	fn reject(s: Linear<1, { T::MaxParties::get() }>) {
		let (id, _, _) = funded_offer::<T>(s, 0);
		let origin = T::RegistrarOrigin::try_successful_origin().expect("a registrar origin");

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, RejectionReason::DocumentsIncomplete);

		assert!(!Offers::<T>::contains_key(id));
	}

	#[benchmark]
	fn cancel(s: Linear<1, { T::MaxParties::get() }>) {
		let (id, _, buyer) = funded_offer::<T>(s, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);

		assert!(!Offers::<T>::contains_key(id));
	}

	#[benchmark]
	fn expire(s: Linear<1, { T::MaxParties::get() }>) {
		let (id, _, buyer) = funded_offer::<T>(s, 0);
		let deadline = Offers::<T>::get(id).expect("open").deadline;
		frame_system::Pallet::<T>::set_block_number(deadline + 1u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);

		assert!(!Offers::<T>::contains_key(id));
	}

	#[benchmark]
	fn set_transfer_duty() {
		let origin = T::GovernanceOrigin::try_successful_origin().expect("a governance origin");
		let treasury: T::AccountId = account("treasury", 0, SEED);

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
