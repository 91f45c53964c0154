//! Benchmarks of every call, worst cases: a renewal by another office (its deposit taken over and
//! a fresh commitment), and the policy check the registry and the conveyance make.

use super::*;
use crate::pallet::{BalanceOf, Parties, RequireVerifiedParties};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Mutate, MutateHold},
	EnsureOrigin, Get,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use landchain_primitives::PartyCheck;
use sp_core::H256;
use sp_runtime::traits::{Bounded, Saturating};

/// The attesting office (the origin's account), funded for its deposits.
fn office<T: Config>() -> Result<(T::RuntimeOrigin, T::AccountId), BenchmarkError> {
	let origin =
		T::AttestOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
	let office =
		T::AttestOrigin::ensure_origin(origin.clone()).map_err(|_| BenchmarkError::Weightless)?;
	T::Currency::set_balance(&office, BalanceOf::<T>::max_value() / 4u32.into());
	Ok((origin, office))
}

fn until<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number().saturating_add(T::MaxValidity::get())
}

/// `party` attested by a funded `by`, directly in storage with its deposit held.
fn attested<T: Config>(party: &T::AccountId, by: &T::AccountId) {
	T::Currency::set_balance(by, BalanceOf::<T>::max_value() / 4u32.into());
	let deposit = T::AttestationDeposit::get();
	T::Currency::hold(&HoldReason::AttestationDeposit.into(), by, deposit)
		.expect("a funded account holds the deposit");
	Parties::<T>::insert(
		party,
		Attestation {
			commitment: H256::repeat_byte(1),
			kind: PartyKind::Company,
			office: by.clone(),
			attested_at: frame_system::Pallet::<T>::block_number(),
			expires_at: until::<T>(),
			deposit,
		},
	);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn attest() -> Result<(), BenchmarkError> {
		let (origin, _) = office::<T>()?;
		let party: T::AccountId = account("party", 0, 0);
		let expires_at = until::<T>();
		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			party.clone(),
			H256::repeat_byte(7),
			PartyKind::Person,
			expires_at,
		);
		assert!(Parties::<T>::contains_key(&party));
		Ok(())
	}

	#[benchmark]
	fn renew() -> Result<(), BenchmarkError> {
		let (origin, office) = office::<T>()?;
		let party: T::AccountId = account("party", 0, 0);
		let earlier: T::AccountId = account("earlier office", 0, 0);
		attested::<T>(&party, &earlier);
		let expires_at = until::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, party.clone(), Some(H256::repeat_byte(9)), expires_at);
		assert_eq!(Parties::<T>::get(&party).map(|record| record.office), Some(office));
		Ok(())
	}

	#[benchmark]
	fn revoke() -> Result<(), BenchmarkError> {
		let (origin, office) = office::<T>()?;
		let party: T::AccountId = account("party", 0, 0);
		attested::<T>(&party, &office);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, party.clone());
		assert!(!Parties::<T>::contains_key(&party));
		Ok(())
	}

	#[benchmark]
	fn remove_expired() {
		let party: T::AccountId = account("party", 0, 0);
		let office: T::AccountId = account("office", 0, 0);
		attested::<T>(&party, &office);
		frame_system::Pallet::<T>::set_block_number(until::<T>());
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), party.clone());
		assert!(!Parties::<T>::contains_key(&party));
	}

	#[benchmark]
	fn set_policy() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, true);
		assert!(RequireVerifiedParties::<T>::get());
		Ok(())
	}

	#[benchmark]
	fn ensure_may_hold() {
		RequireVerifiedParties::<T>::put(true);
		let party: T::AccountId = account("party", 0, 0);
		let office: T::AccountId = account("office", 0, 0);
		attested::<T>(&party, &office);
		let result;
		#[block]
		{
			result = <Pallet<T> as PartyCheck<T::AccountId>>::ensure_may_hold(&party);
		}
		assert!(result.is_ok());
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
