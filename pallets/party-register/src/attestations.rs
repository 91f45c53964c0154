//! Attestations: recorded, renewed, revoked and cleared; the policy check the registry and the
//! conveyance ask; the register's invariants.

use crate::{pallet::*, types::*, WeightInfo};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::Precision,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use landchain_primitives::PartyCheck;
use sp_core::H256;
use sp_runtime::{traits::Saturating, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Checks that `expires_at` is in the future and within [`Config::MaxValidity`] of now.
	fn ensure_expiry(expires_at: BlockNumberFor<T>) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(expires_at > now, Error::<T>::ExpiryNotInFuture);
		ensure!(
			expires_at.saturating_sub(now) <= T::MaxValidity::get(),
			Error::<T>::ValidityTooLong
		);
		Ok(())
	}

	/// Releases `amount` the pallet held from `office`; a shortfall "cannot happen".
	fn release_deposit(office: &T::AccountId, amount: BalanceOf<T>) {
		let released = T::Currency::release(
			&HoldReason::AttestationDeposit.into(),
			office,
			amount,
			Precision::Exact,
		);
		if released.is_err() {
			frame_support::defensive!("an attestation deposit could not be released in full");
		}
	}

	pub(crate) fn do_attest(
		office: T::AccountId,
		party: T::AccountId,
		commitment: H256,
		kind: PartyKind,
		expires_at: BlockNumberFor<T>,
	) -> DispatchResult {
		ensure!(!Parties::<T>::contains_key(&party), Error::<T>::AlreadyAttested);
		Self::ensure_expiry(expires_at)?;
		let deposit = T::AttestationDeposit::get();
		T::Currency::hold(&HoldReason::AttestationDeposit.into(), &office, deposit)?;
		let attested_at = frame_system::Pallet::<T>::block_number();
		Parties::<T>::insert(
			&party,
			Attestation {
				commitment,
				kind,
				office: office.clone(),
				attested_at,
				expires_at,
				deposit,
			},
		);
		Self::deposit_event(Event::PartyAttested { party, kind, office, expires_at });
		Ok(())
	}

	pub(crate) fn do_renew(
		office: T::AccountId,
		party: T::AccountId,
		commitment: Option<H256>,
		expires_at: BlockNumberFor<T>,
	) -> DispatchResult {
		let mut attestation = Parties::<T>::get(&party).ok_or(Error::<T>::NotAttested)?;
		Self::ensure_expiry(expires_at)?;
		if attestation.office != office {
			// The renewing office takes the deposit over.
			let deposit = T::AttestationDeposit::get();
			T::Currency::hold(&HoldReason::AttestationDeposit.into(), &office, deposit)?;
			Self::release_deposit(&attestation.office, attestation.deposit);
			attestation.office = office.clone();
			attestation.deposit = deposit;
		}
		let new_commitment = commitment.is_some_and(|new| new != attestation.commitment);
		if let Some(commitment) = commitment {
			attestation.commitment = commitment;
		}
		attestation.expires_at = expires_at;
		Parties::<T>::insert(&party, attestation);
		Self::deposit_event(Event::AttestationRenewed {
			party,
			office,
			new_commitment,
			expires_at,
		});
		Ok(())
	}

	pub(crate) fn do_revoke(office: T::AccountId, party: T::AccountId) -> DispatchResult {
		let attestation = Parties::<T>::take(&party).ok_or(Error::<T>::NotAttested)?;
		Self::release_deposit(&attestation.office, attestation.deposit);
		Self::deposit_event(Event::AttestationRevoked { party, office });
		Ok(())
	}

	pub(crate) fn do_remove_expired(party: T::AccountId) -> DispatchResult {
		let attestation = Parties::<T>::get(&party).ok_or(Error::<T>::NotAttested)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(!attestation.is_current(&now), Error::<T>::NotExpired);
		Parties::<T>::remove(&party);
		Self::release_deposit(&attestation.office, attestation.deposit);
		Self::deposit_event(Event::ExpiredAttestationRemoved { party });
		Ok(())
	}

	/// The register's invariants: every attestation expires after it was made, and each office
	/// holds exactly the deposits of the attestations it holds.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut held: alloc::collections::BTreeMap<T::AccountId, BalanceOf<T>> = Default::default();
		for (_, attestation) in Parties::<T>::iter() {
			ensure!(
				attestation.expires_at > attestation.attested_at,
				"an attestation expires no later than it was made"
			);
			let sum = held.entry(attestation.office.clone()).or_default();
			*sum = sum.saturating_add(attestation.deposit);
		}
		for (office, deposits) in held {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::AttestationDeposit.into(), &office)
					== deposits,
				"an office's attestation deposits differ from what it holds for them"
			);
		}
		Ok(())
	}
}

impl<T: Config> PartyCheck<T::AccountId> for Pallet<T> {
	fn ensure_may_hold(who: &T::AccountId) -> DispatchResult {
		if !RequireVerifiedParties::<T>::get() {
			return Ok(());
		}
		let attestation = Parties::<T>::get(who).ok_or(Error::<T>::PartyNotVerified)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(attestation.is_current(&now), Error::<T>::AttestationExpired);
		Ok(())
	}

	fn ensure_may_replace(lost: &T::AccountId, replacement: &T::AccountId) -> DispatchResult {
		let attestation = Parties::<T>::get(replacement).ok_or(Error::<T>::PartyNotVerified)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(attestation.is_current(&now), Error::<T>::AttestationExpired);
		if let Some(old) = Parties::<T>::get(lost) {
			ensure!(old.kind == attestation.kind, Error::<T>::PartyKindMismatch);
		}
		Ok(())
	}

	fn check_weight() -> Weight {
		T::WeightInfo::ensure_may_hold()
	}
}
