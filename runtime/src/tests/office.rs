//! The registry office's toolbox on the real runtime: a clerk signs registry calls through the
//! office's `RegistryClerk` proxy and nothing else, and a 2-of-3 multisig account can be a
//! registrar.

use super::{new_test_ext, register_call};
use crate::{
	configs::ProxyType, AccountId, Multisig, Proxy, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, System,
};
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use pallet_land_registry::NextParcelId;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve};
use sp_runtime::DispatchError;

/// The result of the last `Proxy.ProxyExecuted` event.
fn last_proxy_result() -> Result<(), DispatchError> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
			_ => None,
		})
		.expect("a ProxyExecuted event")
}

fn as_clerk(clerk: &AccountId, office: &AccountId, call: RuntimeCall) -> Result<(), DispatchError> {
	Proxy::proxy(
		RuntimeOrigin::signed(clerk.clone()),
		office.clone().into(),
		None,
		Box::new(call),
	)?;
	last_proxy_result()
}

/// Who recorded the current title of `parcel`.
fn recorded_by(parcel: pallet_land_registry::ParcelId) -> Option<AccountId> {
	pallet_land_registry::Titles::<Runtime>::get(parcel).expect("titled").recorded_by
}

fn is_registrar(account: &AccountId) -> bool {
	pallet_membership::Members::<Runtime, crate::configs::RegistrarsInstance>::get()
		.contains(account)
}

#[test]
fn a_clerk_signs_registry_calls_through_the_offices_proxy_and_nothing_else() {
	new_test_ext("development").execute_with(|| {
		System::set_block_number(1);
		// Alice is a registry office (a registrar); Dave is one of her clerks.
		let (office, clerk) = (Alice.to_account_id(), Dave.to_account_id());
		assert_ok!(Proxy::add_proxy(
			RuntimeOrigin::signed(office.clone()),
			clerk.clone().into(),
			ProxyType::RegistryClerk,
			0
		));
		let first = NextParcelId::<Runtime>::get();
		assert_ok!(as_clerk(&clerk, &office, register_call("CLERK-1")));
		assert_eq!(NextParcelId::<Runtime>::get(), first + 1, "registered as the office");
		assert_eq!(
			recorded_by(first),
			Some(office.clone()),
			"the office is the registrar of record"
		);

		// Not the office's money, not its proxies, not governance: filtered, alone or batched.
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: clerk.clone().into(),
			value: crate::UNIT,
		});
		let call_filtered: DispatchError = frame_system::Error::<Runtime>::CallFiltered.into();
		assert_eq!(as_clerk(&clerk, &office, transfer.clone()), Err(call_filtered));
		let promote = RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
			delegate: Eve.to_account_id().into(),
			proxy_type: ProxyType::Any,
			delay: 0,
		});
		assert_eq!(as_clerk(&clerk, &office, promote), Err(call_filtered));
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![register_call("CLERK-2"), transfer],
		});
		assert_eq!(as_clerk(&clerk, &office, batch), Err(call_filtered));
		assert_eq!(NextParcelId::<Runtime>::get(), first + 1, "nothing of the filtered batch");

		// The office removes the clerk: the office stays a registrar, the clerk can do nothing.
		assert_ok!(Proxy::remove_proxy(
			RuntimeOrigin::signed(office.clone()),
			clerk.clone().into(),
			ProxyType::RegistryClerk,
			0
		));
		assert!(is_registrar(&office));
		assert_noop!(
			Proxy::proxy(
				RuntimeOrigin::signed(clerk.clone()),
				office.clone().into(),
				None,
				Box::new(register_call("CLERK-3"))
			),
			pallet_proxy::Error::<Runtime>::NotProxy
		);
		crate::LandRegistry::do_try_state().expect("registry invariants");
	});
}

#[test]
fn a_two_of_three_multisig_account_can_be_a_registrar() {
	new_test_ext("development").execute_with(|| {
		System::set_block_number(1);
		let mut signatories =
			vec![Bob.to_account_id(), Charlie.to_account_id(), Eve.to_account_id()];
		signatories.sort();
		let office = Multisig::multi_account_id(&signatories, 2);
		// The council admits the multisig account (set here directly; the end-to-end test takes
		// it through a council motion).
		pallet_membership::Members::<Runtime, crate::configs::RegistrarsInstance>::mutate(
			|members| {
				members.try_push(office.clone()).expect("room for a registrar");
				members.sort();
			},
		);
		assert_ok!(pallet_balances::Pallet::<Runtime>::transfer_keep_alive(
			RuntimeOrigin::signed(Alice.to_account_id()),
			office.clone().into(),
			100 * crate::UNIT
		));
		let call = register_call("MULTI-1");
		let weight = call.get_dispatch_info().call_weight;
		let others = |who: &AccountId| -> Vec<AccountId> {
			signatories.iter().filter(|other| *other != who).cloned().collect()
		};
		let first = NextParcelId::<Runtime>::get();
		// The first signatory proposes; one signature registers nothing.
		let (one, two) = (&signatories[0], &signatories[1]);
		assert_ok!(Multisig::as_multi(
			RuntimeOrigin::signed(one.clone()),
			2,
			others(one),
			None,
			Box::new(call.clone()),
			weight
		));
		assert_eq!(NextParcelId::<Runtime>::get(), first);
		let timepoint = pallet_multisig::Pallet::<Runtime>::timepoint();
		// The second signs: the parcel is registered, by the multisig account.
		assert_ok!(Multisig::as_multi(
			RuntimeOrigin::signed(two.clone()),
			2,
			others(two),
			Some(timepoint),
			Box::new(call),
			weight
		));
		assert_eq!(NextParcelId::<Runtime>::get(), first + 1);
		assert_eq!(recorded_by(first), Some(office));
		crate::LandRegistry::do_try_state().expect("registry invariants");
	});
}

/// The duty of a settled sale lands in the treasury; a simple majority of the council pays it
/// out by motion, within its limit; one member alone, or a minority, cannot.
#[test]
fn duty_from_a_settled_sale_is_spent_by_a_council_majority_and_not_by_one_member() {
	use crate::{configs::CouncilInstance, Balances, Treasury, UNIT};
	use frame_support::traits::fungible::Inspect;
	type Motion = pallet_collective::RawOrigin<AccountId, CouncilInstance>;
	new_test_ext("development").execute_with(|| {
		System::set_block_number(1);
		let treasury = Treasury::account_id();
		assert_eq!(pallet_conveyance::Treasury::<Runtime>::get(), Some(treasury.clone()));
		let before = Balances::balance(&treasury);
		let buyer = Eve.to_account_id();
		let price = 10_000 * UNIT;
		let offer = super::charlie_offers_to(&buyer, price);
		assert_ok!(crate::Conveyance::accept_and_fund(RuntimeOrigin::signed(buyer), offer));
		assert_ok!(crate::Conveyance::approve(RuntimeOrigin::signed(Alice.to_account_id()), offer));
		let duty = 2 * price / 100;
		assert_eq!(Balances::balance(&treasury), before + duty, "the duty is in the treasury");

		let beneficiary = AccountId::from([0x42; 32]);
		let spend = |origin: RuntimeOrigin, amount| {
			Treasury::spend(origin, Box::new(()), amount, Box::new(beneficiary.clone()), None)
		};
		let member = RuntimeOrigin::signed(Bob.to_account_id());
		assert_noop!(spend(member, duty), DispatchError::BadOrigin);
		assert_noop!(spend(Motion::Members(2, 5).into(), duty), DispatchError::BadOrigin);
		let over_limit = crate::configs::MajoritySpendLimit::get() + 1;
		assert_noop!(
			spend(Motion::Members(3, 5).into(), over_limit),
			pallet_treasury::Error::<Runtime>::InsufficientPermission
		);
		assert_ok!(spend(Motion::Members(3, 5).into(), duty));
		let index = pallet_treasury::SpendCount::<Runtime>::get() - 1;
		assert_ok!(Treasury::payout(RuntimeOrigin::signed(Dave.to_account_id()), index));
		assert_eq!(Balances::balance(&beneficiary), duty);
		assert_eq!(Balances::balance(&treasury), before, "paid out of the treasury");

		// The treasury is never emptied below its existential deposit: it must stay able to
		// receive any duty. A spend of everything is approved but cannot be paid.
		let everything = Balances::balance(&treasury);
		assert_ok!(spend(Motion::Members(5, 5).into(), everything));
		let index = pallet_treasury::SpendCount::<Runtime>::get() - 1;
		assert_noop!(
			Treasury::payout(RuntimeOrigin::signed(Dave.to_account_id()), index),
			pallet_treasury::Error::<Runtime>::PayoutError
		);
		assert_eq!(Balances::balance(&treasury), everything);
	});
}
