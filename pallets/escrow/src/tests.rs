//! Unit tests of the escrow. Every test checks the invariants afterwards (`build_and_execute`).

use crate::{mock::*, Error, EscrowManager, Escrows, Event, HoldReason};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_runtime::DispatchError;

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::Escrow(HoldReason::Escrow), &who)
}

fn deposit_held(who: u64) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::Escrow(HoldReason::StorageDeposit), &who)
}

fn free(who: u64) -> u64 {
	Balances::balance(&who)
}

fn open_direct(amount: u64, arbiter: Option<u64>) -> u64 {
	assert_ok!(Escrow::open(RuntimeOrigin::signed(BUYER), SELLER, amount, 10, arbiter));
	crate::NextEscrowId::<Test>::get() - 1
}

#[test]
fn open_holds_the_payers_funds() {
	ExtBuilder::default().build_and_execute(|| {
		let id = open_direct(300, None);
		assert_eq!((held(BUYER), deposit_held(BUYER)), (300, ESCROW_DEPOSIT));
		assert_eq!(free(BUYER), STARTING_BALANCE - 300 - ESCROW_DEPOSIT);
		let record = Escrows::<Test>::get(id).unwrap();
		assert_eq!((record.amount, record.deposit), (300, ESCROW_DEPOSIT));
		System::assert_last_event(
			Event::Opened {
				escrow: id,
				payer: BUYER,
				amount: 300,
				deadline: 10,
				control: crate::Control::Direct { payee: SELLER, arbiter: None },
				deposit: ESCROW_DEPOSIT,
			}
			.into(),
		);
	});
}

/// Deadlines are inclusive: an escrow cannot be refunded as expired in its deadline block, only
/// the block after; and it must be opened with a deadline after the current block.
#[test]
fn an_escrow_expires_only_after_its_deadline_block() {
	ExtBuilder::default().build_and_execute(|| {
		let open =
			|deadline| Escrow::open(RuntimeOrigin::signed(BUYER), SELLER, 100, deadline, None);
		System::set_block_number(5);
		assert_noop!(open(5), Error::<Test>::DeadlineInPast);
		assert_ok!(open(6));
		let id = crate::NextEscrowId::<Test>::get() - 1;

		System::set_block_number(6);
		assert_noop!(
			Escrow::refund_expired(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::NotExpired
		);
		System::set_block_number(7);
		assert_ok!(Escrow::refund_expired(RuntimeOrigin::signed(STRANGER), id));
		assert_eq!((free(BUYER), held(BUYER), deposit_held(BUYER)), (STARTING_BALANCE, 0, 0));
	});
}

#[test]
fn open_rejects_bad_input_without_changing_anything() {
	ExtBuilder::default().build_and_execute(|| {
		let open = |amount, deadline, payee| {
			Escrow::open(RuntimeOrigin::signed(BUYER), payee, amount, deadline, None)
		};
		assert_noop!(open(0, 10, SELLER), Error::<Test>::ZeroAmount);
		assert_noop!(open(4, 10, SELLER), Error::<Test>::BelowMinimum);
		assert_noop!(open(10, 1, SELLER), Error::<Test>::DeadlineInPast);
		assert_noop!(open(10, 10, BUYER), Error::<Test>::PayerIsPayee);
		assert_noop!(open(STARTING_BALANCE * 2, 10, SELLER), Error::<Test>::InsufficientBalance);
		// The amount alone fits, but not with the deposit: nothing is held.
		assert_noop!(
			open(STARTING_BALANCE - ESCROW_DEPOSIT, 10, SELLER),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(open(u64::MAX, 10, SELLER), Error::<Test>::InsufficientBalance);
		assert_noop!(
			Escrow::open(RuntimeOrigin::root(), SELLER, 1, 10, None),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_payer_or_arbiter_releases_to_the_payee() {
	ExtBuilder::default().build_and_execute(|| {
		let by_payer = open_direct(100, None);
		assert_noop!(
			Escrow::release(RuntimeOrigin::signed(SELLER), by_payer),
			Error::<Test>::NotAllowedToRelease
		);
		assert_ok!(Escrow::release(RuntimeOrigin::signed(BUYER), by_payer));
		assert_eq!(free(SELLER), STARTING_BALANCE + 100);

		let by_arbiter = open_direct(50, Some(ARBITER));
		assert_ok!(Escrow::release(RuntimeOrigin::signed(ARBITER), by_arbiter));
		assert_eq!(free(SELLER), STARTING_BALANCE + 150);
		assert_eq!((held(BUYER), deposit_held(BUYER)), (0, 0));
		assert_eq!(free(BUYER), STARTING_BALANCE - 150, "the deposits came back");
		assert_noop!(
			Escrow::release(RuntimeOrigin::signed(BUYER), by_arbiter),
			Error::<Test>::UnknownEscrow
		);
	});
}

#[test]
fn the_payee_or_arbiter_refunds_and_anyone_after_the_deadline() {
	ExtBuilder::default().build_and_execute(|| {
		let waived = open_direct(100, Some(ARBITER));
		assert_noop!(
			Escrow::refund(RuntimeOrigin::signed(STRANGER), waived),
			Error::<Test>::NotAllowedToRefund
		);
		assert_ok!(Escrow::refund(RuntimeOrigin::signed(SELLER), waived));
		assert_eq!(free(BUYER), STARTING_BALANCE);

		let expiring = open_direct(100, None);
		assert_noop!(
			Escrow::refund_expired(RuntimeOrigin::signed(STRANGER), expiring),
			Error::<Test>::NotExpired
		);
		System::set_block_number(11);
		assert_ok!(Escrow::refund_expired(RuntimeOrigin::signed(STRANGER), expiring));
		assert_eq!((free(BUYER), held(BUYER), deposit_held(BUYER)), (STARTING_BALANCE, 0, 0));
		System::assert_last_event(
			Event::Refunded { escrow: expiring, payer: BUYER, amount: 100 }.into(),
		);
	});
}

#[test]
fn a_managed_escrow_pays_out_in_exact_parts() {
	ExtBuilder::default().build_and_execute(|| {
		let issuance = Balances::total_issuance();
		let id = <Escrow as EscrowManager<_, _, _>>::open(&BUYER, 1_000 - 100, 20).unwrap();
		// Users cannot touch it.
		assert_noop!(
			Escrow::release(RuntimeOrigin::signed(BUYER), id),
			Error::<Test>::ManagedEscrow
		);
		assert_noop!(
			Escrow::refund(RuntimeOrigin::signed(SELLER), id),
			Error::<Test>::ManagedEscrow
		);
		System::set_block_number(30);
		assert_noop!(
			Escrow::refund_expired(RuntimeOrigin::signed(SELLER), id),
			Error::<Test>::ManagedEscrow
		);

		let parts = vec![(LENDER, 400), (TREASURY, 27), (SELLER, 473)];
		assert_ok!(<Escrow as EscrowManager<_, _, _>>::release(id, parts));
		assert_eq!(free(LENDER), STARTING_BALANCE + 400);
		assert_eq!(free(TREASURY), STARTING_BALANCE + 27);
		assert_eq!(free(SELLER), STARTING_BALANCE + 473);
		assert_eq!(free(BUYER), 100, "a managed escrow holds no deposit");
		assert_eq!(deposit_held(BUYER), 0);
		assert_eq!(Balances::total_issuance(), issuance, "no value created or lost");
	});
}

#[test]
fn a_release_pays_every_part_or_none() {
	ExtBuilder::default().build_and_execute(|| {
		let id = <Escrow as EscrowManager<_, _, _>>::open(&BUYER, 100, 20).unwrap();
		let release =
			|parts: Vec<(u64, u64)>| <Escrow as EscrowManager<_, _, _>>::release(id, parts);
		assert_noop!(release(vec![]), Error::<Test>::NoParts);
		assert_noop!(release(vec![(SELLER, 99)]), Error::<Test>::PartsDoNotSumToAmount);
		assert_noop!(
			release(vec![(SELLER, 60), (LENDER, 41)]),
			Error::<Test>::PartsDoNotSumToAmount
		);
		assert_noop!(release(vec![(SELLER, 20); 5]), Error::<Test>::TooManyParts);
		assert_noop!(
			release(vec![(SELLER, u64::MAX), (LENDER, 2)]),
			Error::<Test>::PartsDoNotSumToAmount
		);
		// The second part would create an account below the existential deposit (5): nothing moves.
		assert_noop!(release(vec![(SELLER, 97), (NEWCOMER, 3)]), Error::<Test>::CannotPay);
		assert_eq!(held(BUYER), 100);
		// A part back to the payer is simply released.
		assert_ok!(release(vec![(SELLER, 70), (BUYER, 30)]));
		assert_eq!(free(BUYER), STARTING_BALANCE - 70);
	});
}

#[test]
fn the_trait_refunds_managed_escrows_only() {
	ExtBuilder::default().build_and_execute(|| {
		let direct = open_direct(10, None);
		assert_noop!(<Escrow as EscrowManager<_, _, _>>::refund(direct), Error::<Test>::NotManaged);
		assert_noop!(<Escrow as EscrowManager<_, _, _>>::refund(77), Error::<Test>::UnknownEscrow);
		let managed = <Escrow as EscrowManager<_, _, _>>::open(&BUYER, 10, 5).unwrap();
		assert_eq!(<Escrow as EscrowManager<_, _, _>>::held(managed), Some((BUYER, 10)));
		assert_ok!(<Escrow as EscrowManager<_, _, _>>::refund(managed));
		assert_eq!(<Escrow as EscrowManager<_, _, _>>::held(managed), None);
	});
}

#[test]
fn try_state_catches_a_hold_out_of_step() {
	ExtBuilder::default().build().execute_with(|| {
		let id = open_direct(100, None);
		assert_ok!(try_state());
		Escrows::<Test>::mutate(id, |escrow| escrow.as_mut().unwrap().amount = 99);
		assert!(try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_deposit_out_of_step() {
	ExtBuilder::default().build().execute_with(|| {
		let id = open_direct(100, None);
		Escrows::<Test>::mutate(id, |escrow| escrow.as_mut().unwrap().deposit = 0);
		assert!(try_state().is_err());
		Escrows::<Test>::mutate(id, |escrow| escrow.as_mut().unwrap().deposit = ESCROW_DEPOSIT);
		assert_ok!(try_state());
		let managed = <Escrow as EscrowManager<_, _, _>>::open(&SELLER, 10, 5).unwrap();
		Escrows::<Test>::mutate(managed, |escrow| escrow.as_mut().unwrap().deposit = 1);
		assert!(try_state().is_err(), "managed escrows carry no deposit");
	});
}

#[test]
fn integrity_test_passes_for_the_mock_config() {
	use frame_support::traits::Hooks;
	<Escrow as Hooks<u64>>::integrity_test();
}

#[test]
#[should_panic(expected = "a release pays at least one part")]
fn integrity_test_refuses_a_config_whose_releases_pay_no_part() {
	use frame_support::traits::Hooks;
	MaxParts::set(0);
	<Escrow as Hooks<u64>>::integrity_test();
}

mod migration_v1_to_v2 {
	use super::*;
	use crate::{
		migrations::v2::{EscrowV1, MigrateV1ToV2},
		Control, Pallet,
	};
	use codec::Encode;
	use frame_support::traits::{
		fungible::MutateHold, GetStorageVersion, OnRuntimeUpgrade, StorageVersion,
	};

	/// Writes escrows as version 1 stored them (no deposit) with their funds held, and marks the
	/// pallet's storage as version 1.
	fn version_1_state() -> Vec<EscrowV1<u64, u64, u64>> {
		let old = vec![
			EscrowV1 {
				payer: BUYER,
				amount: 300,
				deadline: 10,
				control: Control::Direct { payee: SELLER, arbiter: Some(ARBITER) },
				opened_at: 1,
			},
			EscrowV1 {
				payer: BUYER,
				amount: 50,
				deadline: 20,
				control: Control::Managed,
				opened_at: 1,
			},
		];
		for (index, escrow) in old.iter().enumerate() {
			Balances::hold(&HoldReason::Escrow.into(), &escrow.payer, escrow.amount).unwrap();
			let key = Escrows::<Test>::hashed_key_for(index as u64 + 1);
			frame_support::storage::unhashed::put_raw(&key, &escrow.encode());
		}
		crate::NextEscrowId::<Test>::put(old.len() as u64 + 1);
		StorageVersion::new(1).put::<Pallet<Test>>();
		old
	}

	#[test]
	fn every_escrow_keeps_its_terms_and_records_a_zero_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			let old = version_1_state();
			#[cfg(feature = "try-runtime")]
			let checkpoint = MigrateV1ToV2::<Test>::pre_upgrade().expect("pre_upgrade passes");

			let weight = MigrateV1ToV2::<Test>::on_runtime_upgrade();

			#[cfg(feature = "try-runtime")]
			MigrateV1ToV2::<Test>::post_upgrade(checkpoint).expect("post_upgrade passes");
			assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(2));
			// Two escrows read and written, plus the storage version read and written.
			assert_eq!(weight, MockDbWeight::get().reads_writes(3, 3));
			for (index, before) in old.into_iter().enumerate() {
				let after = Escrows::<Test>::get(index as u64 + 1).expect("migrated");
				assert_eq!(
					(after.payer, after.amount, after.deadline, after.control, after.opened_at),
					(
						before.payer,
						before.amount,
						before.deadline,
						before.control,
						before.opened_at
					)
				);
				assert_eq!(after.deposit, 0);
			}
			// Migrated escrows close as before, returning exactly what was held.
			assert_ok!(Escrow::release(RuntimeOrigin::signed(BUYER), 1));
			assert_eq!(free(BUYER), STARTING_BALANCE - 300 - 50);
		});
	}

	#[test]
	fn runs_only_on_version_1() {
		ExtBuilder::default().build_and_execute(|| {
			// A chain that started on version 2 (as genesis sets it) is left alone.
			StorageVersion::new(2).put::<Pallet<Test>>();
			let id = open_direct(100, None);
			let before = Escrows::<Test>::get(id);
			let weight = MigrateV1ToV2::<Test>::on_runtime_upgrade();
			assert_eq!(weight, MockDbWeight::get().reads(1), "only the version was read");
			assert_eq!(Escrows::<Test>::get(id), before);
			assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(2));
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn post_upgrade_catches_a_lost_escrow() {
		ExtBuilder::default().build().execute_with(|| {
			version_1_state();
			let checkpoint = MigrateV1ToV2::<Test>::pre_upgrade().unwrap();
			MigrateV1ToV2::<Test>::on_runtime_upgrade();
			Escrows::<Test>::remove(2);
			assert!(MigrateV1ToV2::<Test>::post_upgrade(checkpoint).is_err());
		});
	}
}
