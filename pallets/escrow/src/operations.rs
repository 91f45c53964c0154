//! Opening, releasing and refunding escrows, the [`EscrowManager`] implementation, and the
//! invariants.

use crate::{pallet::*, types::*, EscrowManager};
use alloc::{collections::BTreeMap, vec::Vec};
use frame_support::{
	ensure,
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{
		fungible::{Inspect, InspectHold, MutateHold},
		tokens::{Fortitude, Precision, Restriction},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// A signed payer opens a direct escrow for `payee`, optionally with an arbiter.
	pub(crate) fn do_open_direct(
		payer: T::AccountId,
		payee: T::AccountId,
		amount: BalanceOf<T>,
		deadline: BlockNumberFor<T>,
		arbiter: Option<T::AccountId>,
	) -> Result<EscrowId, DispatchError> {
		ensure!(payer != payee, Error::<T>::PayerIsPayee);
		ensure!(
			amount.is_zero() || amount >= T::Currency::minimum_balance(),
			Error::<T>::BelowMinimum
		);
		Self::do_open(payer, amount, deadline, Control::Direct { payee, arbiter })
	}

	/// Holds `amount` from `payer` in a new escrow, and for a direct escrow its deposit too.
	/// Returns its id.
	pub(crate) fn do_open(
		payer: T::AccountId,
		amount: BalanceOf<T>,
		deadline: BlockNumberFor<T>,
		control: Control<T::AccountId>,
	) -> Result<EscrowId, DispatchError> {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(deadline > now, Error::<T>::DeadlineInPast);
		let id = NextEscrowId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = match control {
			Control::Direct { .. } => T::EscrowDeposit::get(),
			Control::Managed => Zero::zero(),
		};
		let total = amount.checked_add(&deposit).ok_or(Error::<T>::InsufficientBalance)?;
		ensure!(
			T::Currency::can_hold(&HoldReason::Escrow.into(), &payer, total),
			Error::<T>::InsufficientBalance
		);

		T::Currency::hold(&HoldReason::Escrow.into(), &payer, amount)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		if !deposit.is_zero() {
			T::Currency::hold(&HoldReason::StorageDeposit.into(), &payer, deposit)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
		}
		NextEscrowId::<T>::put(next);
		Escrows::<T>::insert(
			id,
			Escrow {
				payer: payer.clone(),
				amount,
				deadline,
				control: control.clone(),
				opened_at: now,
				deposit,
			},
		);
		Self::deposit_event(Event::Opened {
			escrow: id,
			payer,
			amount,
			deadline,
			control,
			deposit,
		});
		Ok(id)
	}

	/// Pays an escrow out in `parts`, which must sum exactly to its amount, and closes it. All
	/// parts are paid or none: a part that cannot be paid undoes the others.
	pub(crate) fn do_release(
		escrow: EscrowId,
		parts: Vec<(T::AccountId, BalanceOf<T>)>,
	) -> DispatchResult {
		let record = Escrows::<T>::get(escrow).ok_or(Error::<T>::UnknownEscrow)?;
		ensure!(!parts.is_empty(), Error::<T>::NoParts);
		let parts: BoundedVec<_, T::MaxParts> =
			parts.try_into().map_err(|_| Error::<T>::TooManyParts)?;
		let mut total = BalanceOf::<T>::zero();
		for (_, part) in parts.iter() {
			total = total.checked_add(part).ok_or(Error::<T>::PartsDoNotSumToAmount)?;
		}
		ensure!(total == record.amount, Error::<T>::PartsDoNotSumToAmount);

		with_storage_layer(|| {
			let reason = HoldReason::Escrow.into();
			for (payee, part) in parts.iter().filter(|(_, part)| !part.is_zero()) {
				if *payee == record.payer {
					T::Currency::release(&reason, payee, *part, Precision::Exact)
						.map_err(|_| Error::<T>::CannotPay)?;
				} else {
					T::Currency::transfer_on_hold(
						&reason,
						&record.payer,
						payee,
						*part,
						Precision::Exact,
						Restriction::Free,
						Fortitude::Polite,
					)
					.map_err(|_| Error::<T>::CannotPay)?;
				}
			}
			Self::release_deposit(&record)?;
			Escrows::<T>::remove(escrow);
			Self::deposit_event(Event::Released { escrow, parts });
			Ok(())
		})
	}

	/// Returns a closing escrow's storage deposit to its payer.
	fn release_deposit(record: &Escrow<T>) -> DispatchResult {
		if !record.deposit.is_zero() {
			T::Currency::release(
				&HoldReason::StorageDeposit.into(),
				&record.payer,
				record.deposit,
				Precision::Exact,
			)?;
		}
		Ok(())
	}

	/// Returns an escrow's funds (and deposit) to its payer and closes it.
	pub(crate) fn do_refund(escrow: EscrowId) -> DispatchResult {
		let record = Escrows::<T>::get(escrow).ok_or(Error::<T>::UnknownEscrow)?;
		T::Currency::release(
			&HoldReason::Escrow.into(),
			&record.payer,
			record.amount,
			Precision::Exact,
		)?;
		Self::release_deposit(&record)?;
		Escrows::<T>::remove(escrow);
		Self::deposit_event(Event::Refunded { escrow, payer: record.payer, amount: record.amount });
		Ok(())
	}

	/// `caller` releases a direct escrow in full to its payee.
	pub(crate) fn do_release_direct(caller: T::AccountId, escrow: EscrowId) -> DispatchResult {
		let record = Escrows::<T>::get(escrow).ok_or(Error::<T>::UnknownEscrow)?;
		let Control::Direct { payee, arbiter } = record.control else {
			return Err(Error::<T>::ManagedEscrow.into());
		};
		ensure!(
			caller == record.payer || arbiter.as_ref() == Some(&caller),
			Error::<T>::NotAllowedToRelease
		);
		Self::do_release(escrow, alloc::vec![(payee, record.amount)])
	}

	/// Refunds a direct escrow: by its payee or arbiter (`Some(caller)`) at any time, or by anyone
	/// (`None`) after the deadline.
	pub(crate) fn do_refund_direct(
		caller: Option<T::AccountId>,
		escrow: EscrowId,
	) -> DispatchResult {
		let record = Escrows::<T>::get(escrow).ok_or(Error::<T>::UnknownEscrow)?;
		let Control::Direct { payee, arbiter } = &record.control else {
			return Err(Error::<T>::ManagedEscrow.into());
		};
		match caller {
			Some(caller) => ensure!(
				caller == *payee || arbiter.as_ref() == Some(&caller),
				Error::<T>::NotAllowedToRefund
			),
			None => ensure!(
				frame_system::Pallet::<T>::block_number() > record.deadline,
				Error::<T>::NotExpired
			),
		}
		Self::do_refund(escrow)
	}

	/// Other pallets may only close the escrows they opened.
	fn ensure_managed(escrow: EscrowId) -> DispatchResult {
		let record = Escrows::<T>::get(escrow).ok_or(Error::<T>::UnknownEscrow)?;
		ensure!(record.control == Control::Managed, Error::<T>::NotManaged);
		Ok(())
	}

	/// Checks that every payer's held escrow balance equals the sum of their open escrows, and
	/// their held deposits the sum of those escrows' deposits; managed escrows carry none.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextEscrowId::<T>::get();
		let mut held: BTreeMap<T::AccountId, (BalanceOf<T>, BalanceOf<T>)> = BTreeMap::new();
		for (id, escrow) in Escrows::<T>::iter() {
			ensure!(id >= 1 && id < next, "escrow ids come from the counter");
			ensure!(!escrow.amount.is_zero(), "open escrows hold something");
			if escrow.control == Control::Managed {
				ensure!(escrow.deposit.is_zero(), "managed escrows carry no deposit");
			}
			let (amounts, deposits) =
				held.entry(escrow.payer.clone()).or_insert_with(|| (Zero::zero(), Zero::zero()));
			*amounts = amounts.saturating_add(escrow.amount);
			*deposits = deposits.saturating_add(escrow.deposit);
		}
		for (payer, (amounts, deposits)) in held {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::Escrow.into(), &payer) == amounts,
				"the balance held in escrow equals the sum of the payer's open escrows"
			);
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::StorageDeposit.into(), &payer)
					== deposits,
				"the deposits held equal the sum of the payer's open escrows' deposits"
			);
		}
		Ok(())
	}
}

impl<T: Config> EscrowManager<T::AccountId, BalanceOf<T>, BlockNumberFor<T>> for Pallet<T> {
	type MaxParts = T::MaxParts;

	fn open(
		payer: &T::AccountId,
		amount: BalanceOf<T>,
		deadline: BlockNumberFor<T>,
	) -> Result<EscrowId, DispatchError> {
		Self::do_open(payer.clone(), amount, deadline, Control::Managed)
	}

	fn release(escrow: EscrowId, parts: Vec<(T::AccountId, BalanceOf<T>)>) -> DispatchResult {
		Self::ensure_managed(escrow)?;
		Self::do_release(escrow, parts)
	}

	fn refund(escrow: EscrowId) -> DispatchResult {
		Self::ensure_managed(escrow)?;
		Self::do_refund(escrow)
	}

	fn held(escrow: EscrowId) -> Option<(T::AccountId, BalanceOf<T>)> {
		Escrows::<T>::get(escrow).map(|record| (record.payer, record.amount))
	}
}
