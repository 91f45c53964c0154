//! # Party register pallet
//!
//! Government registries know who owns land; a public chain must not publish it. This pallet lets
//! an **identity office** (in the runtime: the registrars) attest that an account belongs to a
//! verified party — a person, a company or a public body — without putting the party's identity
//! on chain: the office records a **salted commitment** `blake2_256(salt ‖ identifier ‖ account)`
//! ([`types::commitment`]), the party's kind, the attesting office and an expiry. The salt and
//! the identifier (national id, company number) stay off-chain with the office and the party; a
//! party proves who it is to a counterparty by revealing them (`landchain party verify` checks
//! them against the chain), and discarding the salt makes the commitment unlinkable for good.
//!
//! - [`Pallet::attest`], [`Pallet::renew`], [`Pallet::revoke`]: an office records, extends (with
//!   a fresh commitment if it likes) and withdraws attestations. The attesting office's account
//!   holds [`Config::AttestationDeposit`] for each record, released when it is revoked or removed.
//! - [`Pallet::remove_expired`]: anyone clears an expired attestation, releasing the deposit.
//! - [`Pallet::set_policy`]: governance decides whether titles and charges may only be granted to
//!   verified parties. The registry and the conveyance ask through
//!   [`landchain_primitives::PartyCheck`], implemented here: with the policy on, an account with
//!   no attestation is refused with [`Error::PartyNotVerified`], one whose attestation expired
//!   with [`Error::AttestationExpired`]. Existing holders keep what they hold.
//! - Key-loss recovery (the registry's recovery application) asks
//!   [`landchain_primitives::PartyCheck::ensure_may_replace`], whatever the policy: the new
//!   account must hold a current attestation, of the same kind as the lost key's if that had
//!   one ([`Error::PartyKindMismatch`]). The offices re-attest the party's new account after
//!   checking, off-chain, that its identifier opens both accounts' commitments.
//!
//! Events name accounts, kinds, offices and blocks only.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod attestations;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::traits::Zero;

	/// The storage layout version: 0, the first layout (a chain that adds the pallet by upgrade
	/// has no version stored, which reads as 0, so nothing needs migrating).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// An attestation as this runtime stores it.
	pub type AttestationOf<T> =
		Attestation<<T as frame_system::Config>::AccountId, BlockNumberFor<T>, BalanceOf<T>>;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency deposits are held in.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, of which this pallet's [`HoldReason`] is one.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who may attest, renew and revoke: the identity office. Yields the office's account.
		type AttestOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = Self::AccountId>;

		/// Who may set the policy: governance.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The deposit the attesting office's account holds for each attestation.
		#[pallet::constant]
		type AttestationDeposit: Get<BalanceOf<Self>>;

		/// The longest an attestation may run, in blocks, from the block it is made or renewed.
		#[pallet::constant]
		type MaxValidity: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An office's deposit for an attestation it recorded.
		AttestationDeposit,
	}

	/// The attestation of each verified account.
	#[pallet::storage]
	pub type Parties<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, AttestationOf<T>>;

	/// Whether titles and charges may only be granted to verified parties (set by governance).
	#[pallet::storage]
	pub type RequireVerifiedParties<T: Config> = StorageValue<_, bool, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Whether the chain starts with the verified-parties policy on.
		pub require_verified_parties: bool,
		/// Parties verified before the chain started (e.g. carried over from the country's
		/// identity or company register with the legacy land records).
		pub parties: alloc::vec::Vec<GenesisAttestation<T::AccountId, BlockNumberFor<T>>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		/// Panics (the chain spec does not build) on an account attested twice or an expiry
		/// outside `1..=MaxValidity`: `landchain-node production-spec` refuses both first, with
		/// the field's name.
		fn build(&self) {
			RequireVerifiedParties::<T>::put(self.require_verified_parties);
			for genesis in &self.parties {
				assert!(
					!Parties::<T>::contains_key(&genesis.party),
					"a party is attested twice in the genesis config"
				);
				assert!(
					genesis.expires_at > Zero::zero()
						&& genesis.expires_at <= T::MaxValidity::get(),
					"a genesis attestation must expire after block 0 and within MaxValidity"
				);
				Parties::<T>::insert(
					&genesis.party,
					Attestation {
						commitment: genesis.commitment,
						kind: genesis.kind,
						office: genesis.office.clone(),
						attested_at: Zero::zero(),
						expires_at: genesis.expires_at,
						deposit: Zero::zero(),
					},
				);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An office attested that `party` belongs to a verified party of `kind`, until
		/// `expires_at`.
		PartyAttested {
			/// The account.
			party: T::AccountId,
			/// The kind of party.
			kind: PartyKind,
			/// The attesting office.
			office: T::AccountId,
			/// The first block it no longer counts.
			expires_at: BlockNumberFor<T>,
		},
		/// An office renewed `party`'s attestation until `expires_at`.
		AttestationRenewed {
			/// The account.
			party: T::AccountId,
			/// The renewing office (it now holds the deposit).
			office: T::AccountId,
			/// Whether the commitment was replaced (a fresh salt).
			new_commitment: bool,
			/// The first block it no longer counts.
			expires_at: BlockNumberFor<T>,
		},
		/// An office revoked `party`'s attestation.
		AttestationRevoked {
			/// The account.
			party: T::AccountId,
			/// The revoking office.
			office: T::AccountId,
		},
		/// An expired attestation was cleared and its deposit released.
		ExpiredAttestationRemoved {
			/// The account.
			party: T::AccountId,
		},
		/// Governance set the policy.
		PolicySet {
			/// Whether titles and charges may only be granted to verified parties.
			require_verified_parties: bool,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account already has an attestation: renew or revoke it.
		AlreadyAttested,
		/// The account has no attestation.
		NotAttested,
		/// The expiry must be after the current block.
		ExpiryNotInFuture,
		/// The expiry is further away than the longest validity (`MaxValidity`).
		ValidityTooLong,
		/// The attestation has not expired yet: only its office can revoke it.
		NotExpired,
		/// The policy requires a verified party, and the account has no attestation.
		PartyNotVerified,
		/// The policy requires a verified party, and the account's attestation has expired.
		AttestationExpired,
		/// A lost key's replacement is attested as another kind of party than the lost key.
		PartyKindMismatch,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				T::MaxValidity::get() > BlockNumberFor::<T>::from(0u32),
				"an attestation must be able to last at least a block"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Attests that `party` belongs to a verified party of `kind`, under `commitment`
		/// (`blake2_256(salt ‖ identifier ‖ account)`, computed off-chain), until `expires_at`.
		/// The office's account holds the attestation deposit.
		///
		/// Origin: `AttestOrigin` (an identity office). Emits `PartyAttested`. Fails with
		/// `AlreadyAttested`, `ExpiryNotInFuture`, `ValidityTooLong`, or when the office cannot
		/// hold the deposit.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::attest())]
		pub fn attest(
			origin: OriginFor<T>,
			party: T::AccountId,
			commitment: H256,
			kind: PartyKind,
			expires_at: BlockNumberFor<T>,
		) -> DispatchResult {
			let office = T::AttestOrigin::ensure_origin(origin)?;
			Self::do_attest(office, party, commitment, kind, expires_at)
		}

		/// Renews `party`'s attestation until `expires_at`, replacing its commitment when
		/// `commitment` is given (a fresh salt). The renewing office's account holds the deposit
		/// from now on (the previous office's is released).
		///
		/// Origin: `AttestOrigin`. Emits `AttestationRenewed`. Fails with `NotAttested`,
		/// `ExpiryNotInFuture`, `ValidityTooLong`, or when the office cannot hold the deposit.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::renew())]
		pub fn renew(
			origin: OriginFor<T>,
			party: T::AccountId,
			commitment: Option<H256>,
			expires_at: BlockNumberFor<T>,
		) -> DispatchResult {
			let office = T::AttestOrigin::ensure_origin(origin)?;
			Self::do_renew(office, party, commitment, expires_at)
		}

		/// Revokes `party`'s attestation (the party died, dissolved, or the attestation was made
		/// in error); the deposit returns to the office that held it.
		///
		/// Origin: `AttestOrigin`. Emits `AttestationRevoked`. Fails with `NotAttested`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn revoke(origin: OriginFor<T>, party: T::AccountId) -> DispatchResult {
			let office = T::AttestOrigin::ensure_origin(origin)?;
			Self::do_revoke(office, party)
		}

		/// Clears `party`'s expired attestation and releases its deposit to the office.
		///
		/// Origin: any signed account. Emits `ExpiredAttestationRemoved`. Fails with
		/// `NotAttested`, or `NotExpired` while it still counts.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::remove_expired())]
		pub fn remove_expired(origin: OriginFor<T>, party: T::AccountId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_remove_expired(party)
		}

		/// Sets whether titles and charges may only be granted to verified parties. Applies to
		/// grants from now on; holders keep what they hold.
		///
		/// Origin: `GovernanceOrigin` (the registry council). Emits `PolicySet`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_policy())]
		pub fn set_policy(origin: OriginFor<T>, require_verified_parties: bool) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			RequireVerifiedParties::<T>::put(require_verified_parties);
			Self::deposit_event(Event::PolicySet { require_verified_parties });
			Ok(())
		}
	}
}
