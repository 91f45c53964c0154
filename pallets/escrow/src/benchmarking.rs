//! Benchmarks of every call, each in its worst case.

use super::*;
use crate::Pallet as Escrow;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::{traits::One, Saturating};

const SEED: u32 = 0;

/// A funded account.
fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let account: T::AccountId = account(name, 0, SEED);
	let amount = T::Currency::minimum_balance().saturating_mul(1_000_000u32.into());
	T::Currency::set_balance(&account, amount);
	account
}

fn escrowed<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_mul(100u32.into())
}

/// A direct escrow from a funded payer to a funded payee, with an arbiter.
fn direct<T: Config>() -> (EscrowId, T::AccountId, T::AccountId) {
	let payer = funded::<T>("payer");
	let payee = funded::<T>("payee");
	let deadline = frame_system::Pallet::<T>::block_number() + 10u32.into();
	let control = Control::Direct { payee: payee.clone(), arbiter: Some(funded::<T>("arbiter")) };
	let id = Escrow::<T>::do_open(payer.clone(), escrowed::<T>(), deadline, control)
		.expect("the payer can pay");
	(id, payer, payee)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn open() {
		let payer = funded::<T>("payer");
		let payee = funded::<T>("payee");
		let deadline: BlockNumberFor<T> = frame_system::Pallet::<T>::block_number() + 10u32.into();

		#[extrinsic_call]
		_(RawOrigin::Signed(payer), payee, escrowed::<T>(), deadline, Some(funded::<T>("arbiter")));

		assert!(Escrows::<T>::contains_key(NextEscrowId::<T>::get() - 1));
	}

	#[benchmark]
	fn release() {
		let (id, payer, _) = direct::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(payer), id);

		assert!(!Escrows::<T>::contains_key(id));
	}

	#[benchmark]
	fn refund() {
		let (id, _, payee) = direct::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(payee), id);

		assert!(!Escrows::<T>::contains_key(id));
	}

	/// The trait's release into `p` parts, each to a different funded account (used by the
	/// conveyance at settlement).
	#[benchmark]
	fn release_parts(p: Linear<1, { T::MaxParts::get() }>) {
		let payer = funded::<T>("payer");
		let part = T::Currency::minimum_balance().saturating_mul(10u32.into());
		let amount = part.saturating_mul(p.into());
		let deadline = frame_system::Pallet::<T>::block_number() + BlockNumberFor::<T>::one();
		let id = Escrow::<T>::do_open(payer, amount, deadline, Control::Managed).expect("funded");
		let parts: Vec<_> = (0..p)
			.map(|index| {
				let payee: T::AccountId = account("part", index, SEED);
				(payee, part)
			})
			.collect();

		#[block]
		{
			<Escrow<T> as EscrowManager<_, _, _>>::release(id, parts).expect("parts sum up");
		}

		assert!(!Escrows::<T>::contains_key(id));
	}

	impl_benchmark_test_suite!(
		Escrow,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
