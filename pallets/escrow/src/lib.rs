//! # Escrow pallet
//!
//! Generic conditional escrow on fungible **holds**: a payer's funds are held (not moved) under
//! [`HoldReason::Escrow`] until they are released to payees in exact parts, or refunded.
//!
//! - **Direct escrows** are opened with [`Pallet::open`] by a signed payer for a named payee,
//!   optionally with an arbiter. The payer or arbiter releases; the payee or arbiter refunds;
//!   after the deadline anyone may refund ([`Pallet::refund_expired`]).
//! - **Managed escrows** are opened by other pallets through [`EscrowManager`] (the conveyance
//!   holds a sale's price this way) and only that pallet releases or refunds them, so their
//!   bookkeeping (e.g. a parcel's lock) can never fall out of step.
//!
//! A direct escrow is a record a user creates, so its payer also holds a storage deposit
//! ([`Config::EscrowDeposit`], under [`HoldReason::StorageDeposit`]) until it closes.
//!
//! Invariants: the balance held under [`HoldReason::Escrow`] by each payer equals the sum of their
//! open escrows, and the balance held under [`HoldReason::StorageDeposit`] the sum of their
//! escrows' deposits; a release pays out exactly the amount held, no dust created or lost.
//!
//! Storage versions: 1 (first release), 2 (escrows record their deposit; see [`migrations`]).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

pub mod migrations;
mod operations;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use landchain_primitives::traits::EscrowManager;

/// The log target of this pallet (migrations report through it).
pub(crate) const LOG_TARGET: &str = "runtime::escrow";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			ConstU64,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Zero;

	/// The storage layout version; bump it with a migration on every storage change.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency escrowed.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The storage deposit a payer holds for each open direct escrow, returned when it closes.
		/// Managed escrows carry none: the pallet that opens them charges its own deposit.
		#[pallet::constant]
		type EscrowDeposit: Get<BalanceOf<Self>>;

		/// The most parts one release may pay out.
		#[pallet::constant]
		type MaxParts: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Funds in an open escrow.
		#[codec(index = 0)]
		Escrow,
		/// The storage deposit of an open direct escrow.
		#[codec(index = 1)]
		StorageDeposit,
	}

	/// The id the next escrow gets.
	#[pallet::storage]
	pub type NextEscrowId<T> = StorageValue<_, EscrowId, ValueQuery, ConstU64<1>>;

	/// Open escrows.
	#[pallet::storage]
	pub type Escrows<T: Config> = StorageMap<_, Twox64Concat, EscrowId, Escrow<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Funds were put in escrow.
		Opened {
			/// The escrow.
			escrow: EscrowId,
			/// Whose funds are held.
			payer: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
			/// When it may be refunded.
			deadline: BlockNumberFor<T>,
			/// Who decides.
			control: Control<T::AccountId>,
			/// The storage deposit held from the payer until the escrow closes.
			deposit: BalanceOf<T>,
		},
		/// An escrow was paid out; the parts sum exactly to the amount held.
		Released {
			/// The escrow.
			escrow: EscrowId,
			/// Who was paid what.
			parts: BoundedVec<(T::AccountId, BalanceOf<T>), T::MaxParts>,
		},
		/// An escrow's funds went back to the payer.
		Refunded {
			/// The escrow.
			escrow: EscrowId,
			/// The payer.
			payer: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No open escrow has this id.
		UnknownEscrow,
		/// An escrow must hold more than zero.
		ZeroAmount,
		/// A direct escrow must hold at least the existential deposit (a deterrent to spam).
		BelowMinimum,
		/// The deadline must be after the current block.
		DeadlineInPast,
		/// The payer cannot name themselves as the payee.
		PayerIsPayee,
		/// The payer's free balance cannot cover the amount (and, for a direct escrow, the deposit).
		InsufficientBalance,
		/// Only the payer or the arbiter may release this escrow.
		NotAllowedToRelease,
		/// Only the payee or the arbiter may refund this escrow before its deadline.
		NotAllowedToRefund,
		/// This escrow is managed by another pallet (e.g. a pending sale) and only it may close it.
		ManagedEscrow,
		/// The deadline has not passed yet.
		NotExpired,
		/// A release needs at least one part.
		NoParts,
		/// More parts than one release may pay (`MaxParts`).
		TooManyParts,
		/// The parts do not sum exactly to the amount held.
		PartsDoNotSumToAmount,
		/// A payee cannot receive its part (e.g. it would stay below the existential deposit).
		CannotPay,
		/// This escrow was opened directly by its payer: only the payer, payee or arbiter may close it.
		NotManaged,
		/// The escrow counter overflowed.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxParts::get() > 0, "a release pays at least one part");
			assert!(
				T::EscrowDeposit::get() > Zero::zero(),
				"direct escrows are user-created records and carry a deposit"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Holds `amount` of the caller's funds for `payee` until released or refunded, and the
		/// `EscrowDeposit` until the escrow closes.
		///
		/// Origin: the signed payer. Emits `Opened`. Fails with `ZeroAmount`, `BelowMinimum`,
		/// `DeadlineInPast`, `PayerIsPayee` or `InsufficientBalance`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::open())]
		pub fn open(
			origin: OriginFor<T>,
			payee: T::AccountId,
			amount: BalanceOf<T>,
			deadline: BlockNumberFor<T>,
			arbiter: Option<T::AccountId>,
		) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			Self::do_open_direct(payer, payee, amount, deadline, arbiter).map(|_| ())
		}

		/// Pays a direct escrow in full to its payee and returns the payer's deposit.
		///
		/// Origin: the payer or the arbiter. Emits `Released`. Fails with `UnknownEscrow`,
		/// `ManagedEscrow`, `NotAllowedToRelease` or `CannotPay`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::release())]
		pub fn release(origin: OriginFor<T>, escrow: EscrowId) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			Self::do_release_direct(caller, escrow)
		}

		/// Returns a direct escrow's funds and deposit to its payer before the deadline.
		///
		/// Origin: the payee (waiving it) or the arbiter. Emits `Refunded`. Fails with
		/// `UnknownEscrow`, `ManagedEscrow` or `NotAllowedToRefund`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::refund())]
		pub fn refund(origin: OriginFor<T>, escrow: EscrowId) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			Self::do_refund_direct(Some(caller), escrow)
		}

		/// Returns an expired direct escrow's funds and deposit to its payer.
		///
		/// Origin: anyone signed, after the deadline. Emits `Refunded`. Fails with
		/// `UnknownEscrow`, `ManagedEscrow` or `NotExpired`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::refund())]
		pub fn refund_expired(origin: OriginFor<T>, escrow: EscrowId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_refund_direct(None, escrow)
		}
	}
}
