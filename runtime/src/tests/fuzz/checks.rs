//! What must hold after every block, checked by the fuzzer: every pallet's `try_state` (the
//! registry's own invariants among them: one title per active parcel, shares summing to one, the
//! owner index both ways, lineage, complete history, deposits held per record), and, across the
//! pallets, that value is conserved:
//! - total issuance falls only by the fees burned and dust lost in the block;
//! - every planck of issuance is in some account (free + reserved);
//! - everything held is an open escrow or a record's deposit, reason by reason, and nothing else
//!   is held (reserves are not used: every reserved planck is a hold).

use crate::{
	AllPalletsWithSystem, Balance, Balances, BlockNumber, Runtime, RuntimeEvent, RuntimeHoldReason,
};
use codec::{Decode, Encode};
use frame_support::traits::{TryState, TryStateSelect};

/// Checks everything after block `number`, given the issuance before it; returns the issuance
/// after it.
pub fn after_block(number: BlockNumber, issuance_before: Balance) -> Result<Balance, String> {
	// Landchain's own invariants first, by name, so that a failure says which one broke; then
	// every pallet's `try_state` (the upstream ones log their reason and return a summary).
	let landchain = [
		("LandRegistry", crate::LandRegistry::do_try_state as fn() -> _),
		("Escrow", crate::Escrow::do_try_state),
		("Conveyance", crate::Conveyance::do_try_state),
		("UpgradeGate", crate::UpgradeGate::do_try_state),
	];
	for (pallet, check) in landchain {
		check().map_err(|error| format!("{pallet} try_state: {error:?}"))?;
	}
	AllPalletsWithSystem::try_state(number, TryStateSelect::All)
		.map_err(|error| format!("try_state: {error:?}"))?;
	let issuance = issuance_accounts_for_fees(issuance_before)?;
	every_planck_is_in_an_account(issuance)?;
	holds_are_escrows_and_deposits()?;
	Ok(issuance)
}

fn issuance_accounts_for_fees(before: Balance) -> Result<Balance, String> {
	let (mut fees, mut dust) = (0u128, 0u128);
	for record in frame_system::Pallet::<Runtime>::events() {
		match record.event {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
			) => fees += actual_fee,
			RuntimeEvent::Balances(pallet_balances::Event::DustLost { amount, .. }) => {
				dust += amount
			}
			_ => {}
		}
	}
	let after = Balances::total_issuance();
	let expected = before.checked_sub(fees + dust).ok_or("fees exceed the issuance")?;
	if after != expected {
		return Err(format!(
			"issuance {after} ≠ {before} − fees {fees} − dust {dust} = {expected}: value was created \
			 or destroyed"
		));
	}
	Ok(after)
}

fn every_planck_is_in_an_account(issuance: Balance) -> Result<(), String> {
	let (mut total, mut reserved) = (0u128, 0u128);
	for info in frame_system::Account::<Runtime>::iter_values() {
		total += info.data.free + info.data.reserved;
		reserved += info.data.reserved;
	}
	if total != issuance {
		return Err(format!("the accounts hold {total}, the issuance is {issuance}"));
	}
	let held: Balance =
		pallet_balances::Holds::<Runtime>::iter_values().flatten().map(|hold| hold.amount).sum();
	if held != reserved {
		return Err(format!("{reserved} reserved but {held} held: a reserve outside the holds"));
	}
	Ok(())
}

/// The total held for `reason`, over every account.
fn held(reason: RuntimeHoldReason) -> Balance {
	pallet_balances::Holds::<Runtime>::iter_values()
		.flatten()
		.filter(|hold| hold.id == reason)
		.map(|hold| hold.amount)
		.sum()
}

fn holds_are_escrows_and_deposits() -> Result<(), String> {
	use pallet_land_registry::HoldReason as Registry;
	let escrows: Vec<_> = pallet_escrow::Escrows::<Runtime>::iter_values().collect();
	let expected: [(RuntimeHoldReason, Balance); 8] = [
		(
			Registry::EncumbranceDeposit.into(),
			pallet_land_registry::Encumbrances::<Runtime>::iter_values()
				.flatten()
				.map(|encumbrance| encumbrance.deposit)
				.sum(),
		),
		(
			Registry::ConsentDeposit.into(),
			pallet_land_registry::MortgageConsents::<Runtime>::iter_values()
				.map(|consent| consent.deposit)
				.sum(),
		),
		(
			Registry::ApplicationDeposit.into(),
			pallet_land_registry::Applications::<Runtime>::iter_values()
				.map(|application| application.deposit)
				.sum(),
		),
		(
			Registry::RestrictionDeposit.into(),
			pallet_land_registry::Restrictions::<Runtime>::iter_values()
				.map(|restriction| restriction.deposit)
				.sum(),
		),
		(
			pallet_escrow::HoldReason::Escrow.into(),
			escrows.iter().map(|escrow| escrow.amount).sum(),
		),
		(
			pallet_escrow::HoldReason::StorageDeposit.into(),
			escrows.iter().map(|escrow| escrow.deposit).sum(),
		),
		(
			pallet_conveyance::HoldReason::OfferDeposit.into(),
			pallet_conveyance::Offers::<Runtime>::iter_values().map(|offer| offer.deposit).sum(),
		),
		(
			pallet_collective::HoldReason::ProposalSubmission.into(),
			// A motion's deposit (`HoldConsideration`) encodes as the amount it holds.
			pallet_collective::CostOf::<Runtime, crate::configs::CouncilInstance>::iter_values()
				.map(|(_, cost)| {
					Balance::decode(&mut &cost.encode()[..]).expect("a consideration is its amount")
				})
				.sum(),
		),
	];
	for (reason, records) in &expected {
		let holds = held(*reason);
		if holds != *records {
			return Err(format!("{reason:?}: {holds} held, but the records account for {records}"));
		}
	}
	let all_held: Balance =
		pallet_balances::Holds::<Runtime>::iter_values().flatten().map(|hold| hold.amount).sum();
	let accounted: Balance = expected.iter().map(|(_, amount)| amount).sum();
	if all_held != accounted {
		return Err(format!("{all_held} held in all, {accounted} for escrows and deposits"));
	}
	Ok(())
}
