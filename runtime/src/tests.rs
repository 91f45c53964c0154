//! Runtime-level tests: genesis presets build, blocks with signed transactions execute, the
//! metadata lists the pallets at their fixed indices, and the version is as declared.

use crate::{
	genesis_config_presets, AccountId, Address, Balance, Balances, BalancesCall, Executive, Header,
	Runtime, RuntimeCall, RuntimeGenesisConfig, RuntimeHoldReason, RuntimeOrigin, Signature,
	SignedPayload, System, TimestampCall, UncheckedExtrinsic, EXISTENTIAL_DEPOSIT, SLOT_DURATION,
	UNIT, VERSION,
};
use codec::Encode;
use frame_support::{assert_ok, traits::fungible::Inspect};
use landchain_primitives::Owner;
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, traits::Header as _, BoundedVec, BuildStorage, Digest, DigestItem};

/// Fees that rise under congestion, registrars' calls through it, and council motion deposits.
mod economy;
/// Random dealings through the whole runtime, with every invariant checked after every block.
#[cfg(feature = "try-runtime")]
mod fuzz;
/// The registry office's toolbox: clerks' proxies and multisig registrars.
mod office;
/// The verified-parties policy through the registry and the conveyance.
mod parties;
/// Every call from every role, against the table in docs/PERMISSIONS.md.
mod permissions;

/// Deep-merges a genesis preset patch into the runtime's default genesis JSON, as the node does.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

/// The genesis config of a named preset, as the node builds it.
fn preset_config(name: &str) -> RuntimeGenesisConfig {
	let patch = genesis_config_presets::get_preset(&PresetId::from(name))
		.unwrap_or_else(|| panic!("preset {name} exists"));
	let patch: serde_json::Value = serde_json::from_slice(&patch).expect("a preset is JSON");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
	merge(&mut config, patch);
	serde_json::from_value(config).expect("a preset patch fits the genesis config")
}

/// The genesis storage of a named preset.
fn preset_storage(name: &str) -> sp_runtime::Storage {
	preset_config(name).build_storage().expect("the preset builds a genesis state")
}

fn new_test_ext(preset: &str) -> sp_io::TestExternalities {
	let mut ext = sp_io::TestExternalities::new(preset_storage(preset));
	// `CheckGenesis` signs against the hash of block 0, which a real chain has.
	ext.execute_with(|| frame_system::BlockHash::<Runtime>::insert(0, crate::Hash::repeat_byte(7)));
	ext
}

#[test]
fn runtime_version_is_as_declared() {
	assert_eq!(VERSION.spec_name, "landchain");
	assert_eq!(VERSION.impl_name, "landchain-node");
	assert!(VERSION.spec_version >= 100);
	assert_eq!(<Runtime as frame_system::Config>::Version::get(), VERSION);
}

#[test]
fn both_presets_build_with_their_validators_and_funded_accounts() {
	for (preset, validators) in [("development", 1), ("local_testnet", 3)] {
		new_test_ext(preset).execute_with(|| {
			assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), validators, "{preset}");
			assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), validators);
			let alice: AccountId = Sr25519Keyring::Alice.to_account_id();
			assert_eq!(Balances::balance(&alice), genesis_config_presets::ENDOWMENT);
		});
	}
	assert_eq!(genesis_config_presets::preset_names().len(), 2);
	assert!(genesis_config_presets::get_preset(&PresetId::from("no-such-preset")).is_none());
}

/// A signed extrinsic as Polkadot.js would build it.
fn signed(signer: Sr25519Keyring, nonce: u32, call: RuntimeCall) -> UncheckedExtrinsic {
	signed_by(&signer.pair(), nonce, call)
}

/// A signed extrinsic of any sr25519 key pair, as Polkadot.js would build it.
fn signed_by(signer: &sp_core::sr25519::Pair, nonce: u32, call: RuntimeCall) -> UncheckedExtrinsic {
	use sp_core::Pair as _;
	let tx_ext = crate::transaction_extension(nonce, Era::Immortal);
	let payload = SignedPayload::new(call.clone(), tx_ext.clone()).expect("implicit data is set");
	let signature: Signature = payload.using_encoded(|bytes| signer.sign(bytes)).into();
	let address: Address = AccountId::from(signer.public()).into();
	UncheckedExtrinsic::new_signed(call, address, signature, tx_ext)
}

/// Opens block `number` in slot `number`, as Aura would, and applies the timestamp inherent.
/// Returns whether the block may take transactions (not while a multi-block migration runs).
fn initialize_block(number: u32) -> sp_runtime::ExtrinsicInclusionMode {
	let slot = Slot::from(u64::from(number));
	let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
	let header =
		Header::new(number, Default::default(), Default::default(), System::parent_hash(), digest);
	let mode = Executive::initialize_block(&header);
	let timestamp = UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(TimestampCall::set {
		now: u64::from(number) * SLOT_DURATION,
	}));
	assert_ok!(Executive::apply_extrinsic(timestamp).expect("the timestamp inherent is valid"));
	mode
}

#[test]
fn blocks_with_signed_transfers_execute_and_charge_fees() {
	new_test_ext("development").execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let dave = Sr25519Keyring::Dave.to_account_id();
		let dave_before = Balances::balance(&dave);
		let issuance_before = Balances::total_issuance();

		for number in 1..=3u32 {
			initialize_block(number);
			let transfer = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
				dest: dave.clone().into(),
				value: 10 * UNIT,
			});
			let outcome =
				Executive::apply_extrinsic(signed(Sr25519Keyring::Alice, number - 1, transfer))
					.expect("the transaction is valid");
			assert_ok!(outcome);
			let header = Executive::finalize_block();
			assert_eq!(header.number, number);
		}

		assert_eq!(Balances::balance(&dave), dave_before + 30 * UNIT);
		assert_eq!(System::account_nonce(&alice), 3);
		let fees_burned = issuance_before - Balances::total_issuance();
		assert!(fees_burned > 0, "transaction fees are charged");
		assert!(fees_burned < UNIT / 5, "fees stay cheap: {fees_burned} planck for 3 transfers");
	});
}

#[test]
fn the_measured_base_weights_charge_each_transaction_extension_once() {
	use frame_support::{
		dispatch::{DispatchClass, GetDispatchInfo},
		weights::constants,
	};
	let weights = crate::configs::RuntimeBlockWeights::get();
	weights.clone().validate().expect("the measured weights make valid block weights");
	let base = weights.get(DispatchClass::Normal).base_extrinsic;
	let measured = crate::weights::extrinsic_weights::ExtrinsicBaseWeight::get();
	let extensions = crate::configs::transaction_extensions_ref_time();
	assert_eq!(base.saturating_add(extensions), measured, "the extensions are taken out once");
	assert!(
		base.ref_time() >= 10 * constants::WEIGHT_REF_TIME_PER_MICROS,
		"what is left, the signature check and the dispatch, is not zero: {base:?}"
	);
	assert_eq!(weights.base_block, crate::weights::block_weights::BlockExecutionWeight::get());

	// A signed remark, the transaction `benchmark overhead` timed, is charged at least that.
	new_test_ext("development").execute_with(|| {
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: Vec::new() });
		let info = signed(Sr25519Keyring::Alice, 0, remark).get_dispatch_info();
		let charged = base.saturating_add(info.total_weight());
		assert!(charged.all_gte(measured), "{charged:?} charged for {measured:?} measured");
	});
}

#[test]
fn a_transaction_with_a_bad_signature_is_refused() {
	new_test_ext("development").execute_with(|| {
		initialize_block(1);
		let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![1, 2, 3] });
		let mut forged = signed(Sr25519Keyring::Bob, 0, call);
		// Claim Alice sent what Bob signed.
		if let sp_runtime::generic::Preamble::Signed(address, _, _) = &mut forged.preamble {
			*address = Sr25519Keyring::Alice.to_account_id().into();
		}
		assert!(Executive::apply_extrinsic(forged).is_err());
	});
}

#[test]
fn metadata_lists_every_pallet_at_its_fixed_index() {
	// Constants backed by governance parameters (the deposits) read storage, as in a node.
	let pallets: Vec<(String, u8)> = new_test_ext("development").execute_with(|| {
		Runtime::metadata_ir()
			.pallets
			.into_iter()
			.map(|pallet| (pallet.name.to_string(), pallet.index))
			.collect()
	});
	let expected = [
		("System", 0),
		("Timestamp", 1),
		("Aura", 2),
		("Grandpa", 3),
		("Balances", 4),
		("TransactionPayment", 5),
		("MultiBlockMigrations", 6),
		("LandRegistry", 10),
		("Escrow", 11),
		("Conveyance", 12),
		("PartyRegister", 13),
		("Council", 20),
		("Registrars", 21),
		("UpgradeGate", 22),
		("Parameters", 23),
		("Utility", 30),
		("Proxy", 31),
		("Multisig", 32),
	];
	for (name, index) in expected {
		assert!(
			pallets.contains(&(name.to_string(), index)),
			"{name} at index {index} missing from {pallets:?}"
		);
	}
	assert!(!pallets.iter().any(|(name, _)| name == "Sudo"), "Landchain has no sudo key");
}

#[test]
fn every_pallet_passes_its_integrity_test_and_the_cross_pallet_bounds_hold() {
	use frame_support::traits::IntegrityTest;
	new_test_ext("development").execute_with(|| {
		crate::AllPalletsWithSystem::integrity_test();
		// The conveyance asserts these in its own `integrity_test`; stated here too so that a
		// change of one pallet's limit in `configs/` fails with the reason.
		let max_owners: u32 = <Runtime as pallet_land_registry::Config>::MaxOwners::get();
		let max_parties: u32 = <Runtime as pallet_conveyance::Config>::MaxParties::get();
		let max_payouts: u32 = <Runtime as pallet_conveyance::Config>::MaxPayouts::get();
		let max_parts: u32 = <Runtime as pallet_escrow::Config>::MaxParts::get();
		assert!(max_parties >= max_owners, "every owner of a title fits in an offer");
		assert!(max_payouts <= max_parts, "a settlement's payouts fit in one escrow release");
	});
}

#[test]
fn the_primitives_storage_keys_are_the_pallets_keys() {
	use landchain_primitives::storage;
	use pallet_land_registry as registry;
	assert_eq!(storage::title(7), registry::Titles::<Runtime>::hashed_key_for(7));
	assert_eq!(storage::parcel(7), registry::Parcels::<Runtime>::hashed_key_for(7));
	assert_eq!(
		storage::title_history(7, 3),
		registry::TitleHistory::<Runtime>::hashed_key_for(7, 3)
	);
	assert_eq!(storage::encumbrances(7), registry::Encumbrances::<Runtime>::hashed_key_for(7));
	assert_eq!(
		storage::parcel_applications(7),
		registry::ParcelApplications::<Runtime>::hashed_key_for(7)
	);
	assert_eq!(storage::parcel_lock(7), registry::ParcelLocks::<Runtime>::hashed_key_for(7));
	assert_eq!(
		storage::system_events(),
		frame_support::storage::storage_prefix(b"System", b"Events")
	);
	assert_eq!(storage::timestamp_now().to_vec(), pallet_timestamp::Now::<Runtime>::hashed_key());
	assert_eq!(
		storage::grandpa_authorities().to_vec(),
		pallet_grandpa::Authorities::<Runtime>::hashed_key()
	);
	assert_eq!(
		storage::grandpa_current_set_id().to_vec(),
		pallet_grandpa::CurrentSetId::<Runtime>::hashed_key()
	);
	assert_eq!(
		storage::grandpa_pending_change().to_vec(),
		pallet_grandpa::PendingChange::<Runtime>::hashed_key()
	);
}

#[test]
fn no_origin_but_root_can_set_code() {
	new_test_ext("development").execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let result =
			frame_system::Pallet::<Runtime>::set_code(RuntimeOrigin::signed(alice), vec![0]);
		assert!(result.is_err());
	});
}

#[test]
fn the_dev_preset_seeds_registrars_and_demo_parcels() {
	new_test_ext("development").execute_with(|| {
		let registrars =
			pallet_membership::Members::<Runtime, crate::configs::RegistrarsInstance>::get();
		assert!(registrars.contains(&Sr25519Keyring::Alice.to_account_id()));
		let demo = genesis_config_presets::demo_parcels().len() as u64;
		assert!(demo >= 5);
		assert_eq!(pallet_land_registry::NextParcelId::<Runtime>::get(), demo + 1);
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		assert!(!crate::LandRegistry::parcels_of(charlie, None, 10).is_empty());
		crate::LandRegistry::do_try_state().expect("the demo registry is consistent");
	});
	new_test_ext("local_testnet").execute_with(|| {
		assert_eq!(pallet_land_registry::NextParcelId::<Runtime>::get(), 1);
		let registrars =
			pallet_membership::Members::<Runtime, crate::configs::RegistrarsInstance>::get();
		assert_eq!(registrars.len(), 3);
	});
}

fn register_call(reference: &str) -> RuntimeCall {
	use pallet_land_registry::{LandUse, ParcelAttributes, Source, SourceKind, Tenure};
	RuntimeCall::LandRegistry(pallet_land_registry::Call::register_parcel {
		jurisdiction: b"LC-CENTRAL".to_vec().try_into().unwrap(),
		cadastral_reference: reference.as_bytes().to_vec().try_into().unwrap(),
		attributes: ParcelAttributes {
			area_m2: 500,
			land_use: LandUse::Residential,
			geometry_hash: crate::Hash::repeat_byte(1),
		},
		source: Source {
			kind: SourceKind::Survey,
			document_hash: crate::Hash::repeat_byte(2),
			uri: None,
		},
		owners: Owner::sole(Sr25519Keyring::Dave.to_account_id()),
		tenure: Tenure::Freehold,
	})
}

#[test]
fn only_registrars_register_parcels_in_signed_transactions() {
	new_test_ext("development").execute_with(|| {
		initialize_block(1);
		let by_registrar = signed(Sr25519Keyring::Alice, 0, register_call("NEW-1"));
		assert_ok!(Executive::apply_extrinsic(by_registrar).expect("valid transaction"));
		let by_citizen = signed(Sr25519Keyring::Dave, 0, register_call("NEW-2"));
		let outcome = Executive::apply_extrinsic(by_citizen).expect("valid transaction");
		assert_eq!(outcome, Err(sp_runtime::DispatchError::BadOrigin));
		Executive::finalize_block();

		let dave = Sr25519Keyring::Dave.to_account_id();
		let reference_found =
			crate::LandRegistry::parcel_by_reference(b"LC-CENTRAL".to_vec(), b"NEW-1".to_vec());
		assert!(reference_found.is_some());
		assert!(
			crate::LandRegistry::parcels_of(dave, None, 100).contains(&reference_found.unwrap())
		);
		crate::LandRegistry::do_try_state().expect("registry invariants hold");
	});
}

#[test]
fn a_registrar_s_batch_all_registers_every_parcel_or_none_and_a_citizen_s_batch_nothing() {
	use pallet_land_registry::NextParcelId;
	let batch =
		|calls: Vec<RuntimeCall>| RuntimeCall::Utility(pallet_utility::Call::batch_all { calls });
	new_test_ext("development").execute_with(|| {
		initialize_block(1);
		let first = NextParcelId::<Runtime>::get();
		let three = batch(vec![register_call("B-1"), register_call("B-2"), register_call("B-3")]);
		assert_ok!(Executive::apply_extrinsic(signed(Sr25519Keyring::Alice, 0, three))
			.expect("valid transaction"));
		assert_eq!(NextParcelId::<Runtime>::get(), first + 3, "three parcels in one transaction");

		// The third reuses a reference: the batch fails and the first two are not registered.
		let clash = batch(vec![register_call("B-4"), register_call("B-5"), register_call("B-1")]);
		let outcome = Executive::apply_extrinsic(signed(Sr25519Keyring::Alice, 1, clash))
			.expect("valid transaction");
		assert!(outcome.is_err(), "{outcome:?}");
		assert_eq!(NextParcelId::<Runtime>::get(), first + 3, "nothing of the failed batch");

		// A batch is dispatched with its signer's origin: a citizen's registrations fail.
		let by_citizen = batch(vec![register_call("B-6")]);
		let outcome = Executive::apply_extrinsic(signed(Sr25519Keyring::Dave, 0, by_citizen))
			.expect("valid transaction");
		assert_eq!(outcome, Err(sp_runtime::DispatchError::BadOrigin));
		assert_eq!(NextParcelId::<Runtime>::get(), first + 3);
		crate::LandRegistry::do_try_state().expect("the registry stays consistent");
		Executive::finalize_block();
	});
}

/// Charlie's demo parcel `LC-CENTRAL BLOCK-1/101` of the dev preset.
fn charlies_demo_parcel() -> pallet_land_registry::ParcelId {
	crate::LandRegistry::parcel_by_reference(b"LC-CENTRAL".to_vec(), b"BLOCK-1/101".to_vec())
		.expect("Charlie's demo parcel")
}

/// A stand-in document of `kind` whose hash is `byte` repeated.
fn doc(kind: pallet_land_registry::SourceKind, byte: u8) -> pallet_land_registry::Source {
	pallet_land_registry::Source { kind, document_hash: crate::Hash::repeat_byte(byte), uri: None }
}

/// Charlie offers his demo parcel to `buyer` alone at `price`, open for 100 blocks. Returns the
/// offer's id.
fn charlie_offers_to(buyer: &AccountId, price: Balance) -> pallet_conveyance::OfferId {
	assert_ok!(crate::Conveyance::offer(
		RuntimeOrigin::signed(Sr25519Keyring::Charlie.to_account_id()),
		charlies_demo_parcel(),
		buyer.clone(),
		Owner::sole(buyer.clone()),
		price,
		100,
		doc(pallet_land_registry::SourceKind::Deed, 2)
	));
	pallet_conveyance::NextOfferId::<Runtime>::get() - 1
}

/// The whole sale, through the real registry, escrow and conveyance: a mortgaged parcel is sold,
/// the lender is paid off first, duty goes to the treasury, the seller gets the rest, the title
/// moves, and no LAND is created or lost.
#[test]
fn a_mortgaged_parcel_is_sold_and_settled_atomically() {
	use pallet_land_registry::{EncumbranceKind, SourceKind, TitleChange};
	new_test_ext("development").execute_with(|| {
		System::set_block_number(1);
		let registrar = || RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id());
		let seller = Sr25519Keyring::Charlie.to_account_id();
		let lender = Sr25519Keyring::Eve.to_account_id();
		let buyer = Sr25519Keyring::Ferdie.to_account_id();
		let treasury = genesis_config_presets::treasury_account();
		let parcel = charlies_demo_parcel();

		assert_ok!(crate::LandRegistry::consent_to_mortgage(
			RuntimeOrigin::signed(seller.clone()),
			parcel,
			lender.clone(),
			40_000 * UNIT,
			1
		));
		assert_ok!(crate::LandRegistry::record_encumbrance(
			registrar(),
			parcel,
			EncumbranceKind::Mortgage { lender: lender.clone(), amount: 40_000 * UNIT, rank: 1 },
			doc(SourceKind::MortgageInstrument, 1)
		));

		let issuance = Balances::total_issuance();
		let (seller_before, lender_before, buyer_before, treasury_before) = (
			Balances::balance(&seller),
			Balances::balance(&lender),
			Balances::balance(&buyer),
			Balances::balance(&treasury),
		);
		let price = 100_000 * UNIT;
		let offer = charlie_offers_to(&buyer, price);
		assert_ok!(crate::Conveyance::accept_and_fund(RuntimeOrigin::signed(buyer.clone()), offer));
		assert_ok!(crate::Conveyance::approve(registrar(), offer));

		let title = pallet_land_registry::Titles::<Runtime>::get(parcel).expect("titled");
		assert_eq!(title.owners[0].account, buyer);
		assert_eq!(title.change, TitleChange::Sale { dealing: offer, price });
		assert!(pallet_land_registry::Encumbrances::<Runtime>::get(parcel).is_empty());
		let duty = 2 * price / 100;
		assert_eq!(Balances::balance(&lender), lender_before + 40_000 * UNIT);
		assert_eq!(Balances::balance(&treasury), treasury_before + duty);
		// The seller also gets the offer deposit back.
		assert_eq!(Balances::balance(&seller), seller_before + price - 40_000 * UNIT - duty);
		assert_eq!(Balances::balance(&buyer), buyer_before - price);
		assert_eq!(Balances::total_issuance(), issuance);
		crate::LandRegistry::do_try_state().expect("registry invariants");
		crate::Escrow::do_try_state().expect("escrow invariants");
		crate::Conveyance::do_try_state().expect("conveyance invariants");
	});
}

/// Every preset's treasury exists (holds at least the existential deposit) and its duty rate is
/// within the runtime's bound, as `set_transfer_duty` requires of any later setting: a duty
/// smaller than the existential deposit can always be paid to it.
#[test]
fn every_presets_treasury_can_be_paid_any_duty() {
	for preset in ["development", "local_testnet"] {
		new_test_ext(preset).execute_with(|| {
			let treasury = pallet_conveyance::Treasury::<Runtime>::get().expect("a treasury");
			assert!(Balances::total_balance(&treasury) >= EXISTENTIAL_DEPOSIT, "{preset}");
			assert!(
				pallet_conveyance::DutyRate::<Runtime>::get()
					<= <Runtime as pallet_conveyance::Config>::MaxDutyRate::get(),
				"{preset}"
			);
		});
	}
}

/// A financed purchase on the real pallets, with no payout that cannot land: the old mortgage's
/// lender is an account that does not exist yet and is owed exactly the existential deposit (the
/// least a mortgage may be); the buyer pays a fifth, a bank advances four fifths; one approval
/// pays everyone, moves the title and records the bank's mortgage on it, recorded by the
/// approving registrar; no LAND is created or lost.
#[test]
fn a_financed_purchase_pays_a_lender_with_no_account_yet_and_records_the_new_mortgage() {
	use pallet_land_registry::{EncumbranceKind, SourceKind};
	new_test_ext("development").execute_with(|| {
		System::set_block_number(1);
		let seller = Sr25519Keyring::Charlie.to_account_id();
		let buyer = Sr25519Keyring::Ferdie.to_account_id();
		let bank = Sr25519Keyring::Dave.to_account_id();
		let approver = Sr25519Keyring::Bob.to_account_id();
		let old_lender = AccountId::from([0x5a; 32]);
		assert_eq!(Balances::total_balance(&old_lender), 0, "the old lender has no account");
		let parcel = charlies_demo_parcel();
		let too_small = EXISTENTIAL_DEPOSIT - 1;
		frame_support::assert_noop!(
			crate::LandRegistry::consent_to_mortgage(
				RuntimeOrigin::signed(seller.clone()),
				parcel,
				old_lender.clone(),
				too_small,
				1
			),
			pallet_land_registry::Error::<Runtime>::BelowMinimum
		);
		assert_ok!(crate::LandRegistry::consent_to_mortgage(
			RuntimeOrigin::signed(seller.clone()),
			parcel,
			old_lender.clone(),
			EXISTENTIAL_DEPOSIT,
			1
		));
		assert_ok!(crate::LandRegistry::record_encumbrance(
			RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id()),
			parcel,
			EncumbranceKind::Mortgage {
				lender: old_lender.clone(),
				amount: EXISTENTIAL_DEPOSIT,
				rank: 1
			},
			doc(SourceKind::MortgageInstrument, 1)
		));

		let issuance = Balances::total_issuance();
		let price = 10_000 * UNIT;
		let offer = charlie_offers_to(&buyer, price);
		let advances = BoundedVec::truncate_from(vec![pallet_conveyance::AdvanceRequest {
			lender: bank.clone(),
			amount: 8_000 * UNIT,
			rank: 1,
		}]);
		assert_ok!(crate::Conveyance::accept_with_finance(
			RuntimeOrigin::signed(buyer.clone()),
			offer,
			advances
		));
		assert_ok!(crate::Conveyance::fund_advance(
			RuntimeOrigin::signed(bank.clone()),
			offer,
			8_000 * UNIT,
			1,
			doc(SourceKind::MortgageInstrument, 3)
		));
		assert_ok!(crate::Conveyance::consent_to_advance(
			RuntimeOrigin::signed(buyer.clone()),
			offer,
			bank.clone(),
			crate::Hash::repeat_byte(3)
		));
		assert_ok!(crate::Conveyance::approve(RuntimeOrigin::signed(approver.clone()), offer));

		assert_eq!(Balances::total_balance(&old_lender), EXISTENTIAL_DEPOSIT);
		let title = pallet_land_registry::Titles::<Runtime>::get(parcel).expect("titled");
		assert_eq!(title.owners[0].account, buyer);
		let open = pallet_land_registry::Encumbrances::<Runtime>::get(parcel);
		assert_eq!(open.len(), 1);
		assert_eq!(
			open[0].kind,
			EncumbranceKind::Mortgage { lender: bank, amount: 8_000 * UNIT, rank: 1 }
		);
		assert_eq!(open[0].recorded_by, approver);
		assert_eq!(Balances::total_issuance(), issuance);
		crate::LandRegistry::do_try_state().expect("registry invariants");
		crate::Escrow::do_try_state().expect("escrow invariants");
		crate::Conveyance::do_try_state().expect("conveyance invariants");
	});
}

/// With `--features try-runtime`: offers stored in the conveyance's version-1 layout (a funded
/// one among them) are migrated at the upgrade by the runtime's `Migrations`, with the
/// migration's checks and every pallet's `try_state` passing: the funded offer settles at the
/// duty rate in force at the upgrade, and offers carry no lenders.
#[cfg(feature = "try-runtime")]
#[test]
fn try_runtime_migrates_offers_from_version_1() {
	use codec::Encode;
	use frame_support::traits::{GetStorageVersion, StorageVersion, UpgradeCheckSelect};
	use pallet_conveyance::migrations::v2::{OfferStatusV1, OfferV1};
	new_test_ext("development").execute_with(|| {
		System::set_block_number(1);
		let buyer = Sr25519Keyring::Ferdie.to_account_id();
		// A real funded offer, then its record rewritten in the version-1 layout.
		let id = charlie_offers_to(&buyer, 1_000 * UNIT);
		assert_ok!(crate::Conveyance::accept_and_fund(RuntimeOrigin::signed(buyer.clone()), id));
		let new = pallet_conveyance::Offers::<Runtime>::get(id).expect("offered");
		let pallet_conveyance::OfferStatus::Funded { escrow, .. } = new.status else {
			panic!("funded")
		};
		let old = OfferV1 {
			parcel: new.parcel,
			sellers: new.sellers.clone(),
			buyer: new.buyer.clone(),
			grantees: new.grantees.clone(),
			price: new.price,
			deadline: new.deadline,
			deed: new.deed.clone(),
			consents: new.consents.clone(),
			status: OfferStatusV1::Funded { escrow },
			offered_by: new.offered_by.clone(),
			deposit: new.deposit,
		};
		let key = pallet_conveyance::Offers::<Runtime>::hashed_key_for(id);
		frame_support::storage::unhashed::put_raw(&key, &old.encode());
		pallet_conveyance::DutyRate::<Runtime>::put(sp_runtime::Permill::from_percent(3));
		StorageVersion::new(1).put::<crate::Conveyance>();

		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("the upgrade checks pass");

		assert_eq!(crate::Conveyance::on_chain_storage_version(), StorageVersion::new(2));
		let migrated = pallet_conveyance::Offers::<Runtime>::get(id).expect("kept");
		assert_eq!(
			migrated.status,
			pallet_conveyance::OfferStatus::Funded {
				escrow,
				duty_rate: sp_runtime::Permill::from_percent(3)
			}
		);
		assert!(migrated.advances.is_empty() && migrated.redemptions.is_empty());
		assert_ok!(crate::Conveyance::approve(
			RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id()),
			id
		));
	});
}

/// The court order's path on the real pallets: two registrars, the dev chain's notice, and the
/// open funded sale of the parcel closed atomically (buyer refunded, deposit returned).
#[test]
fn a_court_order_closes_a_funded_sale_on_the_real_pallets() {
	use pallet_land_registry::{
		LawfulTransferReason, ProposedChange, SourceKind, Tenure, TitleChange,
	};
	new_test_ext("development").execute_with(|| {
		System::set_block_number(1);
		let (alice, bob) =
			(Sr25519Keyring::Alice.to_account_id(), Sr25519Keyring::Bob.to_account_id());
		let seller = Sr25519Keyring::Charlie.to_account_id();
		let buyer = Sr25519Keyring::Ferdie.to_account_id();
		let heir = Sr25519Keyring::Eve.to_account_id();
		let parcel = charlies_demo_parcel();
		let (seller_before, buyer_before) = (Balances::balance(&seller), Balances::balance(&buyer));

		assert_ok!(crate::Conveyance::offer(
			RuntimeOrigin::signed(seller.clone()),
			parcel,
			buyer.clone(),
			Owner::sole(buyer.clone()),
			5_000 * UNIT,
			500,
			doc(SourceKind::Deed, 1)
		));
		let offer = pallet_conveyance::NextOfferId::<Runtime>::get() - 1;
		assert_ok!(crate::Conveyance::accept_and_fund(RuntimeOrigin::signed(buyer.clone()), offer));

		assert_ok!(crate::LandRegistry::propose_application(
			RuntimeOrigin::signed(alice.clone()),
			parcel,
			ProposedChange::TransferByOperationOfLaw {
				owners: Owner::sole(heir.clone()),
				tenure: Tenure::Freehold,
				reason: LawfulTransferReason::CourtOrder,
			},
			doc(SourceKind::CourtOrder, 2)
		));
		let application = pallet_land_registry::NextApplicationId::<Runtime>::get() - 1;
		frame_support::assert_noop!(
			crate::LandRegistry::confirm_application(RuntimeOrigin::signed(alice), application),
			pallet_land_registry::Error::<Runtime>::SameRegistrar
		);
		assert_ok!(crate::LandRegistry::confirm_application(
			RuntimeOrigin::signed(bob),
			application
		));
		let notice = genesis_config_presets::DEV_NOTICE_PERIODS.court_order_notice;
		System::set_block_number(1 + notice);
		assert_ok!(crate::LandRegistry::enact_application(
			RuntimeOrigin::signed(buyer.clone()),
			application
		));

		let title = pallet_land_registry::Titles::<Runtime>::get(parcel).expect("titled");
		assert_eq!(
			(title.owners[0].account.clone(), title.change),
			(heir, TitleChange::CourtOrder)
		);
		assert!(pallet_conveyance::Offers::<Runtime>::get(offer).is_none());
		assert!(pallet_land_registry::ParcelLocks::<Runtime>::get(parcel).is_none());
		assert_eq!(Balances::balance(&buyer), buyer_before, "the buyer is refunded in full");
		assert_eq!(Balances::balance(&seller), seller_before, "the offer deposit is returned");
		crate::LandRegistry::do_try_state().expect("registry invariants");
		crate::Escrow::do_try_state().expect("escrow invariants");
		crate::Conveyance::do_try_state().expect("conveyance invariants");
	});
}

mod governance {
	use super::*;
	use codec::Encode;
	use frame_support::{assert_noop, dispatch::GetDispatchInfo};
	use sp_runtime::{traits::Hash as _, DispatchError};

	fn account(keyring: Sr25519Keyring) -> AccountId {
		keyring.to_account_id()
	}

	/// Alice proposes `call` in the council with `threshold` ayes, `voters` vote aye (a proposer
	/// votes like everyone else), then Alice closes it. Returns the result of closing.
	fn motion(
		call: RuntimeCall,
		threshold: u32,
		voters: &[Sr25519Keyring],
	) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
		let length = call.encoded_size() as u32;
		let weight = call.get_dispatch_info().call_weight;
		let hash = BlakeTwo256Hash::hash_of(&call);
		let index =
			pallet_collective::ProposalCount::<Runtime, crate::configs::CouncilInstance>::get();
		assert_ok!(crate::Council::propose(
			RuntimeOrigin::signed(account(Sr25519Keyring::Alice)),
			threshold,
			Box::new(call),
			length
		));
		for voter in voters {
			assert_ok!(crate::Council::vote(
				RuntimeOrigin::signed(account(*voter)),
				hash,
				index,
				true
			));
		}
		crate::Council::close(
			RuntimeOrigin::signed(account(Sr25519Keyring::Alice)),
			hash,
			index,
			weight,
			length,
		)
	}

	type BlakeTwo256Hash = sp_runtime::traits::BlakeTwo256;

	#[test]
	fn two_thirds_of_the_council_authorize_a_runtime_upgrade() {
		new_test_ext("development").execute_with(|| {
			System::set_block_number(1);
			let code_hash = BlakeTwo256Hash::hash(b"new runtime code");
			let authorize =
				RuntimeCall::UpgradeGate(pallet_upgrade_gate::Call::authorize_upgrade {
					code_hash,
				});
			assert_ok!(motion(authorize, 2, &[Sr25519Keyring::Alice, Sr25519Keyring::Bob]));
			let authorization = System::authorized_upgrade();
			assert_eq!(authorization.as_ref().map(|a| *a.code_hash()), Some(code_hash));
			assert_eq!(
				authorization.encode(),
				Some((code_hash, true)).encode(),
				"version checks on"
			);
		});
	}

	#[test]
	fn a_motion_without_enough_votes_does_not_execute() {
		new_test_ext("development").execute_with(|| {
			System::set_block_number(1);
			let code_hash = BlakeTwo256Hash::hash(b"rogue code");
			let authorize =
				RuntimeCall::UpgradeGate(pallet_upgrade_gate::Call::authorize_upgrade {
					code_hash,
				});
			// One aye of the two needed: closing before the motion's end fails, nothing is authorized.
			assert!(motion(authorize.clone(), 2, &[Sr25519Keyring::Alice]).is_err());
			assert!(System::authorized_upgrade().is_none());
			// A threshold of one executes at once, but one member of three is not two thirds.
			let authorize =
				RuntimeCall::UpgradeGate(pallet_upgrade_gate::Call::authorize_upgrade {
					code_hash: BlakeTwo256Hash::hash(b"other rogue code"),
				});
			let length = authorize.encoded_size() as u32;
			assert_ok!(crate::Council::propose(
				RuntimeOrigin::signed(account(Sr25519Keyring::Bob)),
				1,
				Box::new(authorize),
				length
			));
			assert!(System::authorized_upgrade().is_none());
		});
	}

	#[test]
	fn a_council_majority_admits_a_registrar() {
		new_test_ext("development").execute_with(|| {
			System::set_block_number(1);
			let dave = account(Sr25519Keyring::Dave);
			let admit = RuntimeCall::Registrars(pallet_membership::Call::add_member {
				who: dave.clone().into(),
			});
			assert_ok!(motion(admit, 2, &[Sr25519Keyring::Alice, Sr25519Keyring::Charlie]));
			let registrars =
				pallet_membership::Members::<Runtime, crate::configs::RegistrarsInstance>::get();
			assert!(registrars.contains(&dave));
		});
	}

	#[test]
	fn no_single_key_upgrades_or_changes_registrars() {
		new_test_ext("development").execute_with(|| {
			let alice = RuntimeOrigin::signed(account(Sr25519Keyring::Alice));
			let code_hash = BlakeTwo256Hash::hash(b"code");
			assert_noop!(
				crate::UpgradeGate::authorize_upgrade(alice.clone(), code_hash),
				DispatchError::BadOrigin
			);
			assert_noop!(
				crate::Registrars::add_member(alice.clone(), account(Sr25519Keyring::Dave).into()),
				DispatchError::BadOrigin
			);
			assert_noop!(
				crate::Conveyance::set_transfer_duty(
					alice.clone(),
					sp_runtime::Permill::from_percent(9),
					account(Sr25519Keyring::Dave)
				),
				DispatchError::BadOrigin
			);
			assert_noop!(
				frame_system::Pallet::<Runtime>::authorize_upgrade(alice.clone(), code_hash),
				DispatchError::BadOrigin
			);
			assert_noop!(
				crate::Parameters::set_parameter(alice, direct_escrow_deposit(UNIT)),
				DispatchError::BadOrigin
			);
			assert!(System::authorized_upgrade().is_none());
		});
	}

	fn direct_escrow_deposit(value: Balance) -> crate::configs::RuntimeParameters {
		use crate::configs::dynamic_params::deposits;
		crate::configs::RuntimeParameters::Deposits(deposits::Parameters::DirectEscrow(
			deposits::DirectEscrow,
			Some(value),
		))
	}

	#[test]
	fn a_council_majority_changes_a_deposit_without_an_upgrade() {
		use crate::configs::dynamic_params::deposits;
		use frame_support::traits::{fungible::InspectHold, Get};
		new_test_ext("development").execute_with(|| {
			System::set_block_number(1);
			let dave = account(Sr25519Keyring::Dave);
			let open = |dave: &AccountId| {
				assert_ok!(crate::Escrow::open(
					RuntimeOrigin::signed(dave.clone()),
					account(Sr25519Keyring::Eve),
					10 * UNIT,
					100,
					None
				));
				pallet_escrow::NextEscrowId::<Runtime>::get() - 1
			};
			let before = open(&dave);
			assert_eq!(deposits::DirectEscrow::get(), 100 * crate::MILLI_UNIT, "the default");

			let set = RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
				key_value: direct_escrow_deposit(2 * UNIT),
			});
			assert_ok!(motion(set, 2, &[Sr25519Keyring::Bob, Sr25519Keyring::Charlie]));
			assert_eq!(deposits::DirectEscrow::get(), 2 * UNIT);

			let after = open(&dave);
			let deposit = |id| pallet_escrow::Escrows::<Runtime>::get(id).unwrap().deposit;
			assert_eq!((deposit(before), deposit(after)), (100 * crate::MILLI_UNIT, 2 * UNIT));
			let reason = RuntimeHoldReason::Escrow(pallet_escrow::HoldReason::StorageDeposit);
			assert_eq!(
				crate::Balances::balance_on_hold(&reason, &dave),
				2 * UNIT + 100 * crate::MILLI_UNIT
			);
			// Each escrow gives back exactly the deposit it was opened with.
			assert_ok!(crate::Escrow::release(RuntimeOrigin::signed(dave.clone()), before));
			assert_eq!(crate::Balances::balance_on_hold(&reason, &dave), 2 * UNIT);
		});
	}
}

/// With `--features try-runtime`: the runtime-upgrade checks (every pallet's `pre_upgrade`,
/// migrations, `post_upgrade` and `try_state`) pass on each preset's genesis state, and also
/// after a sale has run. The pattern for testing the next storage migration.
/// The registry's document index is built at a runtime upgrade by a multi-block migration:
/// `pallet-migrations` starts it, blocks carry only inherents while it runs, and afterwards every
/// stored record is listed under its document and the registry is at storage version 2. (Not in
/// the benchmark build, whose `pallet-migrations` runs mocked migrations.)
#[cfg(not(feature = "runtime-benchmarks"))]
#[test]
fn the_document_index_is_built_over_blocks_at_an_upgrade_while_transactions_wait() {
	use frame_support::{
		migrations::MultiStepMigrator,
		traits::{GetStorageVersion, StorageVersion},
	};
	use pallet_land_registry::Citations;
	use sp_runtime::ExtrinsicInclusionMode;
	new_test_ext("development").execute_with(|| {
		let mut genesis_index: Vec<_> = Citations::<Runtime>::iter_keys().collect();
		assert!(!genesis_index.is_empty(), "the demo parcels are indexed at genesis");
		// The registry as a version-1 chain has it: no index.
		assert!(Citations::<Runtime>::clear(u32::MAX, None).maybe_cursor.is_none());
		StorageVersion::new(1).put::<crate::LandRegistry>();

		// The chain last ran the previous spec version: block 1 runs the upgrade's migrations.
		frame_system::LastRuntimeUpgrade::<Runtime>::put(
			frame_system::LastRuntimeUpgradeInfo::from(sp_version::RuntimeVersion {
				spec_version: VERSION.spec_version - 1,
				..VERSION
			}),
		);
		let mut blocks_without_transactions = 0;
		for number in 1..=10 {
			if initialize_block(number) == ExtrinsicInclusionMode::AllExtrinsics {
				break;
			}
			assert!(crate::MultiBlockMigrations::ongoing());
			blocks_without_transactions += 1;
			// The block's migration step runs once its inherents are in.
			Executive::inherents_applied();
			Executive::finalize_block();
		}
		assert!(blocks_without_transactions >= 1, "the upgrade block takes no transactions");
		assert!(!crate::MultiBlockMigrations::ongoing(), "the migration ends");

		assert_eq!(crate::LandRegistry::on_chain_storage_version(), StorageVersion::new(2));
		let mut index: Vec<_> = Citations::<Runtime>::iter_keys().collect();
		index.sort();
		genesis_index.sort();
		assert_eq!(index, genesis_index);
		pallet_land_registry::Pallet::<Runtime>::do_try_state().expect("the invariants hold");
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn try_runtime_upgrade_checks_pass_on_every_preset() {
	use frame_support::traits::UpgradeCheckSelect;
	for preset in ["development", "local_testnet"] {
		new_test_ext(preset).execute_with(|| {
			System::set_block_number(1);
			Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
				.unwrap_or_else(|error| panic!("{preset}: {error:?}"));
		});
	}
}

/// With `--features try-runtime`: a chain whose escrow storage is still at version 1 (escrows
/// without a deposit field, funds held) is migrated by the runtime's `Migrations` at the upgrade,
/// with the migration's `pre_upgrade`/`post_upgrade` and every pallet's `try_state` passing, and
/// the storage version ends at 2.
#[cfg(feature = "try-runtime")]
#[test]
fn try_runtime_migrates_escrows_from_version_1() {
	use codec::Encode;
	use frame_support::traits::{
		fungible::MutateHold, GetStorageVersion, StorageVersion, UpgradeCheckSelect,
	};
	use pallet_escrow::{migrations::v2::EscrowV1, Control};
	new_test_ext("development").execute_with(|| {
		System::set_block_number(1);
		let payer = Sr25519Keyring::Dave.to_account_id();
		let payee = Sr25519Keyring::Eve.to_account_id();
		let old = [
			EscrowV1 {
				payer: payer.clone(),
				amount: 5 * UNIT,
				deadline: 100u32,
				control: Control::Direct { payee: payee.clone(), arbiter: None },
				opened_at: 1u32,
			},
			EscrowV1 {
				payer: payer.clone(),
				amount: 7 * UNIT,
				deadline: 100,
				control: Control::Managed,
				opened_at: 1,
			},
		];
		for (index, escrow) in old.iter().enumerate() {
			let reason = RuntimeHoldReason::Escrow(pallet_escrow::HoldReason::Escrow);
			assert_ok!(crate::Balances::hold(&reason, &escrow.payer, escrow.amount));
			let key = pallet_escrow::Escrows::<Runtime>::hashed_key_for(index as u64 + 1);
			frame_support::storage::unhashed::put_raw(&key, &escrow.encode());
		}
		pallet_escrow::NextEscrowId::<Runtime>::put(3);
		StorageVersion::new(1).put::<crate::Escrow>();

		Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("the upgrade checks pass");

		assert_eq!(crate::Escrow::on_chain_storage_version(), StorageVersion::new(2));
		let migrated = pallet_escrow::Escrows::<Runtime>::get(1).expect("kept");
		assert_eq!((migrated.amount, migrated.deposit), (5 * UNIT, 0));
		assert_ok!(crate::Escrow::release(RuntimeOrigin::signed(payer), 1));
	});
}
