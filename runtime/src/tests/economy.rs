//! The runtime's economy against spam: fees that rise while ordinary transactions fill the blocks
//! and fall back after, registrars' recording calls that still go through a congested block, and
//! council motions whose deposits bound what one member can occupy.

use super::{initialize_block, new_test_ext, register_call, signed};
use crate::{
	configs::{CouncilFreeMotions, CouncilInstance, CouncilMotionDepositBase},
	Balance, Balances, Council, Executive, Runtime, RuntimeCall, RuntimeOrigin, System,
	TransactionPayment, UNIT,
};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchClass, GetDispatchInfo},
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		Get, UnfilteredDispatchable,
	},
};
use pallet_transaction_payment::Multiplier;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie};
use sp_runtime::{
	traits::{BlakeTwo256, Hash as _, One},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
};

/// Applies `xt` as the node's block builder does: a transaction the block refuses leaves no trace
/// (its nonce is not used up).
fn apply(xt: crate::UncheckedExtrinsic) -> sp_runtime::ApplyExtrinsicResult {
	use frame_support::storage::{with_transaction, TransactionOutcome};
	with_transaction(|| {
		let result = Executive::apply_extrinsic(xt);
		let outcome =
			if result.is_ok() { TransactionOutcome::Commit } else { TransactionOutcome::Rollback };
		outcome(Ok::<_, sp_runtime::DispatchError>(result))
	})
	.expect("the closure returns Ok")
}

/// Fills the open block with Alice's signed remarks, from `nonce` on, until the block refuses one
/// for lack of room; returns the next nonce.
fn fill_with_remarks(mut nonce: u32) -> u32 {
	loop {
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![0; 32] });
		match apply(signed(Alice, nonce, remark)) {
			Ok(outcome) => {
				assert_ok!(outcome);
				nonce += 1;
			}
			Err(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources)) => {
				return nonce
			}
			Err(other) => panic!("a remark was refused for another reason: {other:?}"),
		}
	}
}

/// How full the block's ordinary (normal-class) space is, in percent.
fn normal_fullness_percent() -> u64 {
	let used = System::block_weight().get(DispatchClass::Normal).ref_time();
	let max = <Runtime as frame_system::Config>::BlockWeights::get()
		.get(DispatchClass::Normal)
		.max_total
		.expect("the normal class has a limit")
		.ref_time();
	used * 100 / max
}

#[test]
fn fees_rise_while_remarks_fill_the_blocks_and_fall_back_when_they_empty() {
	new_test_ext("development").execute_with(|| {
		assert_eq!(TransactionPayment::next_fee_multiplier(), Multiplier::one());
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![0; 32] });
		let length = signed(Alice, 0, remark.clone()).encoded_size() as u32;
		let fee_before = TransactionPayment::compute_fee(length, &remark.get_dispatch_info(), 0);

		// Three blocks full of remarks: the multiplier climbs after each.
		let (mut nonce, mut multipliers) = (0, Vec::new());
		for number in 1..=3 {
			initialize_block(number);
			nonce = fill_with_remarks(nonce);
			assert!(normal_fullness_percent() >= 99, "the block is full of remarks");
			Executive::finalize_block();
			multipliers.push(TransactionPayment::next_fee_multiplier());
		}
		assert!(nonce > 3 * 1_000, "thousands of remarks filled the blocks: {nonce}");
		assert!(
			multipliers.windows(2).all(|pair| pair[1] > pair[0])
				&& multipliers[0] > Multiplier::one(),
			"the multiplier rises with every full block: {multipliers:?}"
		);
		let fee_congested = TransactionPayment::compute_fee(length, &remark.get_dispatch_info(), 0);
		assert!(fee_congested > fee_before, "{fee_congested} > {fee_before}");

		// Quiet blocks: the multiplier falls back to exactly one, never below.
		let mut number = 4;
		while TransactionPayment::next_fee_multiplier() > Multiplier::one() {
			assert!(number < 100, "the multiplier does not fall back");
			initialize_block(number);
			Executive::finalize_block();
			number += 1;
		}
		initialize_block(number);
		Executive::finalize_block();
		assert_eq!(TransactionPayment::next_fee_multiplier(), Multiplier::one());
		assert_eq!(
			TransactionPayment::compute_fee(length, &remark.get_dispatch_info(), 0),
			fee_before
		);
	});
}

#[test]
fn a_registrars_recording_goes_through_a_block_that_remarks_filled() {
	new_test_ext("development").execute_with(|| {
		initialize_block(1);
		fill_with_remarks(0);
		// An ordinary transaction no longer fits …
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Sr25519Keyring::Dave.to_account_id().into(),
			value: UNIT,
		});
		assert_eq!(
			apply(signed(Bob, 0, transfer)),
			Err(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources))
		);
		// … but the registrar's recording call does: it is operational.
		let register = register_call("CONGESTED-1");
		assert_eq!(register.get_dispatch_info().class, DispatchClass::Operational);
		let first = pallet_land_registry::NextParcelId::<Runtime>::get();
		assert_ok!(apply(signed(Bob, 0, register)).expect("it fits"));
		assert!(pallet_land_registry::Parcels::<Runtime>::contains_key(first));
		Executive::finalize_block();
	});
}

/// `proposer` proposes a distinct remark motion (numbered `n`) needing two ayes.
fn propose(
	proposer: Sr25519Keyring,
	n: u32,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	let call = RuntimeCall::System(frame_system::Call::remark_with_event { remark: n.encode() });
	let length = call.encoded_size() as u32;
	Council::propose(RuntimeOrigin::signed(proposer.to_account_id()), 2, Box::new(call), length)
}

fn open_motions() -> u32 {
	pallet_collective::Proposals::<Runtime, CouncilInstance>::get().len() as u32
}

fn held_for_motions(who: Sr25519Keyring) -> Balance {
	Balances::balance_on_hold(
		&crate::RuntimeHoldReason::Council(pallet_collective::HoldReason::ProposalSubmission),
		&who.to_account_id(),
	)
}

#[test]
fn one_council_member_cannot_fill_the_motion_slots_its_deposits_run_out_first() {
	new_test_ext("development").execute_with(|| {
		System::set_block_number(1);
		let max = <Runtime as pallet_collective::Config<CouncilInstance>>::MaxProposals::get();
		let spammer = Charlie;
		let balance = Balances::balance(&spammer.to_account_id());
		// The first motions are free; then each costs a doubling deposit, until the member's
		// balance cannot pay the next one.
		let mut n = 0;
		while propose(spammer, n).is_ok() {
			n += 1;
			assert!(n < max, "one member filled every motion slot");
		}
		let free = CouncilFreeMotions::get();
		assert!(n > free, "the free motions and some paid ones were opened: {n}");
		assert!(n < max / 4, "the member's balance ({balance}) ran out after {n} motions");
		assert_eq!(
			held_for_motions(spammer),
			(0..n - free).map(|k| CouncilMotionDepositBase::get() << k).sum::<Balance>()
		);

		// The other members can still propose: richer ones pay the current deposit.
		let before = held_for_motions(Bob);
		Balances::set_balance(&Bob.to_account_id(), 1_000_000_000 * UNIT);
		assert_ok!(propose(Bob, 10_000));
		assert_eq!(held_for_motions(Bob) - before, CouncilMotionDepositBase::get() << (n - free));
		assert_eq!(open_motions(), n + 1);
	});
}

#[test]
fn a_closed_motions_deposit_is_returned_and_a_killed_spam_motions_is_burned() {
	new_test_ext("development").execute_with(|| {
		System::set_block_number(1);
		for n in 0..CouncilFreeMotions::get() {
			assert_ok!(propose(Alice, n));
		}
		assert_eq!(held_for_motions(Alice), 0, "the first motions are free");
		// Two paid motions of Charlie's.
		let index_100 = pallet_collective::ProposalCount::<Runtime, CouncilInstance>::get();
		assert_ok!(propose(Charlie, 100));
		assert_ok!(propose(Charlie, 101));
		let paid = held_for_motions(Charlie);
		assert_eq!(paid, 3 * CouncilMotionDepositBase::get());
		let hash = |n: u32| {
			BlakeTwo256::hash_of(&RuntimeCall::System(frame_system::Call::remark_with_event {
				remark: n.encode(),
			}))
		};
		// Its deposit cannot be taken back while the motion is open.
		assert_noop!(
			Council::release_proposal_cost(RuntimeOrigin::signed(Bob.to_account_id()), hash(100)),
			pallet_collective::Error::<Runtime, CouncilInstance>::ProposalActive
		);
		// Motion 100 is disapproved by vote and closed: anyone releases the deposit.
		for voter in [Alice, Bob, Charlie] {
			assert_ok!(Council::vote(
				RuntimeOrigin::signed(voter.to_account_id()),
				hash(100),
				index_100,
				false
			));
		}
		assert_ok!(Council::close(
			RuntimeOrigin::signed(Bob.to_account_id()),
			hash(100),
			index_100,
			frame_support::weights::Weight::from_parts(1_000_000_000, 10_000),
			100
		));
		assert_ok!(Council::release_proposal_cost(
			RuntimeOrigin::signed(Bob.to_account_id()),
			hash(100)
		));
		assert_eq!(held_for_motions(Charlie), 2 * CouncilMotionDepositBase::get());
		// Motion 101 is killed as spam by two thirds of the council: its deposit is burned.
		let issuance = Balances::total_issuance();
		let kill = RuntimeCall::Council(pallet_collective::Call::kill { proposal_hash: hash(101) });
		assert_ok!(kill.dispatch_bypass_filter(
			pallet_collective::RawOrigin::<crate::AccountId, CouncilInstance>::Members(2, 3).into()
		));
		assert_eq!(held_for_motions(Charlie), 0);
		assert_eq!(Balances::total_issuance(), issuance - 2 * CouncilMotionDepositBase::get());
	});
}
