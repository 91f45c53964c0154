//! The permission table of `docs/PERMISSIONS.md`, enforced: every call of every Landchain pallet
//! (and the upstream calls that change the registrars and the deposits), dispatched from every
//! role on a fresh copy of one registry in which each call has a target. The outcome must be the
//! table's cell, and a refused call must leave the state root exactly as it was. The table must
//! list every call the Landchain pallets have, so a new call cannot ship without its row.

use super::{doc, preset_config};
use crate::{
	configs::{dynamic_params::deposits, CouncilInstance, RuntimeParameters},
	genesis_config_presets::treasury_account,
	AccountId, Conveyance, Escrow, LandRegistry, PartyRegister, Runtime, RuntimeCall,
	RuntimeOrigin, System, UNIT,
};
use frame_support::{assert_ok, traits::GetCallMetadata};
use landchain_primitives::{Owner, Share};
use pallet_land_registry::{
	ApplicationId, ChildParcel, EncumbranceId, EncumbranceKind, LandUse, NoticeSchedule,
	ParcelAttributes, ParcelId, ProposedChange, SourceKind, Tenure,
};
use pallet_party_register::PartyKind;
use sp_core::H256;
use sp_keyring::Sr25519Keyring as Keyring;
use sp_runtime::{
	traits::Dispatchable, BoundedVec, BuildStorage, DispatchError, Permill, StateVersion,
};

/// The table, as auditors read it.
const TABLE: &str = include_str!("../../../docs/PERMISSIONS.md");

/// The roles, in the table's column order.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
	Stranger,
	Owner,
	CoOwner,
	Buyer,
	Grantee,
	Lender,
	Registrar,
	SecondRegistrar,
	CouncilMember,
	CouncilMajority,
	TwoThirds,
}

const ROLES: [(Role, &str); 11] = [
	(Role::Stranger, "stranger"),
	(Role::Owner, "owner"),
	(Role::CoOwner, "co-owner"),
	(Role::Buyer, "buyer"),
	(Role::Grantee, "grantee"),
	(Role::Lender, "lender"),
	(Role::Registrar, "registrar"),
	(Role::SecondRegistrar, "second registrar"),
	(Role::CouncilMember, "council member"),
	(Role::CouncilMajority, "council majority"),
	(Role::TwoThirds, "two thirds"),
];

/// The council of this test: five members, so that a simple majority (3) is not two thirds (4).
const COUNCIL: [Keyring; 5] = [
	Keyring::CharlieStash,
	Keyring::DaveStash,
	Keyring::EveStash,
	Keyring::FerdieStash,
	Keyring::One,
];

fn account(role: Role) -> AccountId {
	let keyring = match role {
		Role::Stranger => Keyring::BobStash,
		Role::Owner => Keyring::Charlie,
		Role::CoOwner => Keyring::Dave,
		Role::Buyer => Keyring::Ferdie,
		Role::Grantee => Keyring::Eve,
		Role::Lender => Keyring::AliceStash,
		Role::Registrar => Keyring::Alice,
		Role::SecondRegistrar => Keyring::Bob,
		Role::CouncilMember => COUNCIL[0],
		Role::CouncilMajority | Role::TwoThirds => unreachable!("a motion is not an account"),
	};
	keyring.to_account_id()
}

fn origin(role: Role) -> RuntimeOrigin {
	let motion = |ayes| {
		RuntimeOrigin::from(pallet_collective::RawOrigin::<AccountId, CouncilInstance>::Members(
			ayes,
			COUNCIL.len() as u32,
		))
	};
	match role {
		Role::CouncilMajority => motion(3),
		Role::TwoThirds => motion(4),
		role => RuntimeOrigin::signed(account(role)),
	}
}

fn signed(role: Role) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(role))
}

/// The dev chain's genesis without its demo parcels, with the five-member council.
fn genesis() -> sp_runtime::Storage {
	let mut config = preset_config("development");
	config.land_registry.parcels = Vec::new();
	config.council.members = COUNCIL.iter().map(|keyring| keyring.to_account_id()).collect();
	config.build_storage().expect("the permission test's genesis builds")
}

fn sole(role: Role) -> pallet_land_registry::OwnersOf<Runtime> {
	Owner::sole(account(role))
}

fn attributes(area_m2: u64) -> ParcelAttributes {
	ParcelAttributes {
		area_m2,
		land_use: LandUse::Residential,
		geometry_hash: H256::repeat_byte(1),
	}
}

fn text<S: sp_core::Get<u32>>(text: &str) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(text.as_bytes().to_vec())
}

/// The targets of the calls: what each call acts on.
struct Scene {
	/// Half the owner's, half the co-owner's; the lender's mortgage and four applications on it.
	shared: ParcelId,
	mortgage: EncumbranceId,
	/// Sole parcels of the owner with the same title: to split, merge, restrict, encumber, offer.
	free_a: ParcelId,
	free_b: ParcelId,
	/// The owner's pending mortgage consent and restriction are on it.
	consented: ParcelId,
	/// Proposed, not confirmed.
	proposed: ApplicationId,
	/// Confirmed; its notice is over.
	noticed: ApplicationId,
	/// Objected to by the owner.
	objected: ApplicationId,
	/// Proposed long ago: past its confirmation period.
	lapsed_application: ApplicationId,
	/// Offered to the buyer and the grantee; the grantee has not consented.
	invited_offer: pallet_conveyance::OfferId,
	/// Offered to the buyer, open for funding.
	open_offer: pallet_conveyance::OfferId,
	/// Funded by the buyer.
	funded_offer: pallet_conveyance::OfferId,
	/// Past its deadline.
	lapsed_offer: pallet_conveyance::OfferId,
	/// Accepted by the buyer with finance from the lender, which has not funded yet.
	financing_offer: pallet_conveyance::OfferId,
	/// Of a parcel carrying the lender's mortgage, accepted with finance from the lender, which
	/// has funded; the buyer (the sole grantee) has not consented to its terms.
	financed_offer: pallet_conveyance::OfferId,
	/// The lender's mortgage on the parcel of `financed_offer`.
	financed_mortgage: EncumbranceId,
	/// The buyer's direct escrow paying the owner.
	escrow: pallet_escrow::EscrowId,
	/// The same, past its deadline.
	lapsed_escrow: pallet_escrow::EscrowId,
	/// A party the registrar attested, current.
	attested: AccountId,
	/// A party whose attestation has expired.
	expired_party: AccountId,
	/// Proposed: a recovery of the owner's key on `consented`, to `attested`.
	recovery: ApplicationId,
}

fn register(reference: &str, owners: pallet_land_registry::OwnersOf<Runtime>) -> ParcelId {
	assert_ok!(LandRegistry::register_parcel(
		signed(Role::Registrar),
		text("LC-CENTRAL"),
		text(reference),
		attributes(1_000),
		doc(SourceKind::Survey, 1),
		owners,
		Tenure::Freehold,
	));
	pallet_land_registry::NextParcelId::<Runtime>::get() - 1
}

fn propose(parcel: ParcelId, area_m2: u64) -> ApplicationId {
	assert_ok!(LandRegistry::propose_application(
		signed(Role::Registrar),
		parcel,
		ProposedChange::RectifyParcel { attributes: attributes(area_m2) },
		doc(SourceKind::Survey, 2),
	));
	pallet_land_registry::NextApplicationId::<Runtime>::get() - 1
}

fn offer(
	parcel: ParcelId,
	grantees: pallet_land_registry::OwnersOf<Runtime>,
	deadline: u32,
) -> pallet_conveyance::OfferId {
	assert_ok!(Conveyance::offer(
		signed(Role::Owner),
		parcel,
		account(Role::Buyer),
		BoundedVec::truncate_from(grantees.into_inner()),
		100 * UNIT,
		deadline,
		doc(SourceKind::Deed, 3),
	));
	pallet_conveyance::NextOfferId::<Runtime>::get() - 1
}

fn open_escrow(deadline: u32) -> pallet_escrow::EscrowId {
	assert_ok!(Escrow::open(signed(Role::Buyer), account(Role::Owner), 100 * UNIT, deadline, None));
	pallet_escrow::NextEscrowId::<Runtime>::get() - 1
}

/// Builds the registry every cell starts from; block 216 at the end.
fn scene() -> Scene {
	System::set_block_number(1);
	let half =
		|role| Owner { account: account(role), share: Share { numerator: 1, denominator: 2 } };
	let shared = register(
		"PERM-SHARED",
		BoundedVec::truncate_from(vec![half(Role::Owner), half(Role::CoOwner)]),
	);
	let invited = register("PERM-INVITED", sole(Role::Owner));
	let open = register("PERM-OPEN", sole(Role::Owner));
	let funded = register("PERM-FUNDED", sole(Role::Owner));
	let lapsed = register("PERM-LAPSED", sole(Role::Owner));
	let consented = register("PERM-CONSENTED", sole(Role::Owner));
	let free_a = register("PERM-A", sole(Role::Owner));
	let free_b = register("PERM-B", sole(Role::Owner));
	let financing = register("PERM-FINANCING", sole(Role::Owner));
	let financed = register("PERM-FINANCED", sole(Role::Owner));

	let lender = account(Role::Lender);
	for owner in [Role::Owner, Role::CoOwner] {
		assert_ok!(LandRegistry::consent_to_mortgage(
			signed(owner),
			shared,
			lender.clone(),
			1_000 * UNIT,
			1
		));
	}
	assert_ok!(LandRegistry::record_encumbrance(
		signed(Role::Registrar),
		shared,
		EncumbranceKind::Mortgage { lender: lender.clone(), amount: 1_000 * UNIT, rank: 1 },
		doc(SourceKind::MortgageInstrument, 4),
	));
	let mortgage = pallet_land_registry::NextEncumbranceId::<Runtime>::get() - 1;
	assert_ok!(LandRegistry::consent_to_mortgage(
		signed(Role::Owner),
		financed,
		lender.clone(),
		20 * UNIT,
		1
	));
	assert_ok!(LandRegistry::record_encumbrance(
		signed(Role::Registrar),
		financed,
		EncumbranceKind::Mortgage { lender: lender.clone(), amount: 20 * UNIT, rank: 1 },
		doc(SourceKind::MortgageInstrument, 4),
	));
	let financed_mortgage = pallet_land_registry::NextEncumbranceId::<Runtime>::get() - 1;
	assert_ok!(LandRegistry::consent_to_mortgage(
		signed(Role::Owner),
		consented,
		lender,
		500 * UNIT,
		1
	));
	assert_ok!(LandRegistry::place_restriction(signed(Role::Owner), consented));

	let lapsed_application = propose(shared, 1_001);
	let lapsed_offer = offer(lapsed, sole(Role::Buyer), 10);
	let lapsed_escrow = open_escrow(10);
	let attest = |party: &AccountId, until| {
		assert_ok!(PartyRegister::attest(
			signed(Role::Registrar),
			party.clone(),
			H256::repeat_byte(3),
			PartyKind::Person,
			until
		));
	};
	let attested = AccountId::from([8; 32]);
	attest(&attested, 2_000);
	let expired_party = AccountId::from([9; 32]);
	attest(&expired_party, 10);

	// Past the dev chain's confirmation period (200 blocks) of the first application.
	System::set_block_number(210);
	let proposed = propose(shared, 1_002);
	let noticed = propose(shared, 1_003);
	assert_ok!(LandRegistry::confirm_application(signed(Role::SecondRegistrar), noticed));
	assert_ok!(LandRegistry::propose_application(
		signed(Role::Registrar),
		consented,
		ProposedChange::RecoverKey { lost: account(Role::Owner), replacement: attested.clone() },
		doc(SourceKind::Other, 6),
	));
	let recovery = pallet_land_registry::NextApplicationId::<Runtime>::get() - 1;
	let objected = propose(shared, 1_004);
	assert_ok!(LandRegistry::object(signed(Role::Owner), objected, H256::repeat_byte(5)));
	let both = BoundedVec::truncate_from(vec![half(Role::Buyer), half(Role::Grantee)]);
	let invited_offer = offer(invited, both, 300);
	let open_offer = offer(open, sole(Role::Buyer), 300);
	let funded_offer = offer(funded, sole(Role::Buyer), 300);
	assert_ok!(Conveyance::accept_and_fund(signed(Role::Buyer), funded_offer));
	let advance = || {
		BoundedVec::truncate_from(vec![pallet_conveyance::AdvanceRequest {
			lender: account(Role::Lender),
			amount: 50 * UNIT,
			rank: 1,
		}])
	};
	let financing_offer = offer(financing, sole(Role::Buyer), 300);
	assert_ok!(Conveyance::accept_with_finance(signed(Role::Buyer), financing_offer, advance()));
	let financed_offer = offer(financed, sole(Role::Buyer), 300);
	assert_ok!(Conveyance::accept_with_finance(signed(Role::Buyer), financed_offer, advance()));
	assert_ok!(Conveyance::fund_advance(
		signed(Role::Lender),
		financed_offer,
		50 * UNIT,
		1,
		doc(SourceKind::MortgageInstrument, 14)
	));
	let escrow = open_escrow(300);

	// The dev chain's notice (5 blocks) of `noticed` is over.
	System::set_block_number(216);
	Scene {
		shared,
		mortgage,
		free_a,
		free_b,
		consented,
		proposed,
		noticed,
		objected,
		lapsed_application,
		invited_offer,
		open_offer,
		funded_offer,
		lapsed_offer,
		financing_offer,
		financed_offer,
		financed_mortgage,
		escrow,
		lapsed_escrow,
		attested,
		expired_party,
		recovery,
	}
}

/// The call a row names, aimed at its target in the scene.
fn call(name: &str, scene: &Scene) -> RuntimeCall {
	use pallet_conveyance::Call as C;
	use pallet_escrow::Call as E;
	use pallet_land_registry::Call as L;
	use pallet_party_register::Call as P;
	let registry = |call: L<Runtime>| RuntimeCall::LandRegistry(call);
	let conveyance = |call: C<Runtime>| RuntimeCall::Conveyance(call);
	let escrow = |call: E<Runtime>| RuntimeCall::Escrow(call);
	match name {
		"LandRegistry.register_parcel" => registry(L::register_parcel {
			jurisdiction: text("LC-CENTRAL"),
			cadastral_reference: text("PERM-NEW"),
			attributes: attributes(500),
			source: doc(SourceKind::Survey, 6),
			owners: sole(Role::Grantee),
			tenure: Tenure::Freehold,
		}),
		"LandRegistry.record_encumbrance" => registry(L::record_encumbrance {
			parcel: scene.free_a,
			kind: EncumbranceKind::Lien { holder: account(Role::Stranger), amount: 10 * UNIT },
			source: doc(SourceKind::Statutory, 7),
		}),
		"LandRegistry.split_parcel" => {
			let child = |reference: &str| ChildParcel {
				cadastral_reference: text(reference),
				attributes: attributes(500),
			};
			registry(L::split_parcel {
				parcel: scene.free_a,
				children: BoundedVec::truncate_from(vec![child("PERM-A/1"), child("PERM-A/2")]),
				source: doc(SourceKind::Survey, 8),
			})
		}
		"LandRegistry.merge_parcels" => registry(L::merge_parcels {
			parcels: BoundedVec::truncate_from(vec![scene.free_a, scene.free_b]),
			cadastral_reference: text("PERM-AB"),
			geometry_hash: H256::repeat_byte(9),
			land_use: LandUse::Residential,
			source: doc(SourceKind::Survey, 9),
		}),
		"LandRegistry.consent_to_mortgage" => registry(L::consent_to_mortgage {
			parcel: scene.shared,
			lender: account(Role::Lender),
			amount: 2_000 * UNIT,
			rank: 2,
		}),
		"LandRegistry.withdraw_mortgage_consent" => {
			registry(L::withdraw_mortgage_consent { parcel: scene.consented })
		}
		"LandRegistry.propose_application" => registry(L::propose_application {
			parcel: scene.free_a,
			change: ProposedChange::RectifyParcel { attributes: attributes(1_010) },
			source: doc(SourceKind::Survey, 10),
		}),
		"LandRegistry.confirm_application" => {
			registry(L::confirm_application { application: scene.proposed })
		}
		"LandRegistry.object" => {
			registry(L::object { application: scene.proposed, grounds: H256::repeat_byte(11) })
		}
		"LandRegistry.decide_objection" => {
			registry(L::decide_objection { application: scene.objected, enact: false })
		}
		"LandRegistry.enact_application" => {
			registry(L::enact_application { application: scene.noticed })
		}
		"LandRegistry.withdraw_application" => {
			registry(L::withdraw_application { application: scene.proposed })
		}
		"LandRegistry.expire_application" => {
			registry(L::expire_application { application: scene.lapsed_application })
		}
		"LandRegistry.discharge" => {
			registry(L::discharge { parcel: scene.shared, encumbrance: scene.mortgage })
		}
		"LandRegistry.place_restriction" => registry(L::place_restriction { parcel: scene.free_a }),
		"LandRegistry.remove_restriction" => {
			registry(L::remove_restriction { parcel: scene.consented })
		}
		"LandRegistry.veto_recovery" => registry(L::veto_recovery { application: scene.recovery }),
		"LandRegistry.set_notice_periods" => registry(L::set_notice_periods {
			periods: NoticeSchedule { notice: 6, court_order_notice: 4, confirmation: 100 },
		}),
		"Conveyance.offer" => conveyance(C::offer {
			parcel: scene.free_a,
			buyer: account(Role::Buyer),
			grantees: BoundedVec::truncate_from(sole(Role::Buyer).into_inner()),
			price: 100 * UNIT,
			deadline: 300,
			deed: doc(SourceKind::Deed, 12),
		}),
		"Conveyance.consent" => conveyance(C::consent { offer: scene.invited_offer }),
		"Conveyance.accept_and_fund" => conveyance(C::accept_and_fund { offer: scene.open_offer }),
		"Conveyance.approve" => conveyance(C::approve { offer: scene.funded_offer }),
		"Conveyance.reject" => conveyance(C::reject {
			offer: scene.funded_offer,
			reason: pallet_conveyance::RejectionReason::DocumentsIncomplete,
		}),
		"Conveyance.cancel" => conveyance(C::cancel { offer: scene.funded_offer }),
		"Conveyance.expire" => conveyance(C::expire { offer: scene.lapsed_offer }),
		"Conveyance.set_transfer_duty" => conveyance(C::set_transfer_duty {
			rate: Permill::from_percent(3),
			treasury: treasury_account(),
		}),
		"Conveyance.accept_with_finance" => conveyance(C::accept_with_finance {
			offer: scene.open_offer,
			advances: BoundedVec::truncate_from(vec![pallet_conveyance::AdvanceRequest {
				lender: account(Role::Lender),
				amount: 50 * UNIT,
				rank: 1,
			}]),
		}),
		"Conveyance.fund_advance" => conveyance(C::fund_advance {
			offer: scene.financing_offer,
			amount: 50 * UNIT,
			rank: 1,
			deed: doc(SourceKind::MortgageInstrument, 15),
		}),
		"Conveyance.consent_to_advance" => conveyance(C::consent_to_advance {
			offer: scene.financed_offer,
			lender: account(Role::Lender),
			deed_hash: doc(SourceKind::MortgageInstrument, 14).document_hash,
		}),
		"Conveyance.withdraw_advance" => {
			conveyance(C::withdraw_advance { offer: scene.financed_offer })
		}
		"Conveyance.lodge_redemption" => conveyance(C::lodge_redemption {
			offer: scene.financed_offer,
			encumbrance: scene.financed_mortgage,
			amount: 25 * UNIT,
		}),
		"Escrow.open" => escrow(E::open {
			payee: account(Role::Owner),
			amount: 10 * UNIT,
			deadline: 300,
			arbiter: None,
		}),
		"Escrow.release" => escrow(E::release { escrow: scene.escrow }),
		"Escrow.refund" => escrow(E::refund { escrow: scene.escrow }),
		"Escrow.refund_expired" => escrow(E::refund_expired { escrow: scene.lapsed_escrow }),
		"PartyRegister.attest" => RuntimeCall::PartyRegister(P::attest {
			party: account(Role::Stranger),
			commitment: H256::repeat_byte(6),
			kind: PartyKind::Company,
			expires_at: 1_000,
		}),
		"PartyRegister.renew" => RuntimeCall::PartyRegister(P::renew {
			party: scene.attested.clone(),
			commitment: Some(H256::repeat_byte(7)),
			expires_at: 1_500,
		}),
		"PartyRegister.revoke" => {
			RuntimeCall::PartyRegister(P::revoke { party: scene.attested.clone() })
		}
		"PartyRegister.remove_expired" => {
			RuntimeCall::PartyRegister(P::remove_expired { party: scene.expired_party.clone() })
		}
		"PartyRegister.set_policy" => {
			RuntimeCall::PartyRegister(P::set_policy { require_verified_parties: true })
		}
		"UpgradeGate.authorize_upgrade" => {
			RuntimeCall::UpgradeGate(pallet_upgrade_gate::Call::authorize_upgrade {
				code_hash: H256::repeat_byte(13),
			})
		}
		"Registrars.add_member" => RuntimeCall::Registrars(pallet_membership::Call::add_member {
			who: account(Role::Stranger).into(),
		}),
		"Parameters.set_parameter" => {
			RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
				key_value: RuntimeParameters::Deposits(deposits::Parameters::Offer(
					deposits::Offer,
					Some(2 * UNIT),
				)),
			})
		}
		"Treasury.spend" => RuntimeCall::Treasury(pallet_treasury::Call::spend {
			asset_kind: Box::new(()),
			amount: 10 * UNIT,
			beneficiary: Box::new(account(Role::Stranger)),
			valid_from: None,
		}),
		other => panic!("docs/PERMISSIONS.md has a row for {other}, which this test cannot build"),
	}
}

/// `✓`, or the error's name as the table writes it.
fn outcome(result: Result<(), DispatchError>) -> String {
	match result {
		Ok(()) => "✓".into(),
		Err(DispatchError::Module(error)) => error.message.unwrap_or("unnamed module error").into(),
		Err(DispatchError::Other(reason)) => reason.into(),
		Err(error) => format!("{error:?}"),
	}
}

/// The table's rows: `(call, cells in role order)`.
fn rows() -> Vec<(String, Vec<String>)> {
	let cells = |line: &str| -> Vec<String> {
		line.trim().trim_matches('|').split('|').map(|cell| cell.trim().to_string()).collect()
	};
	let header = TABLE
		.lines()
		.find(|line| line.starts_with("| call |"))
		.expect("docs/PERMISSIONS.md has the table");
	let roles: Vec<String> = cells(header).into_iter().skip(1).collect();
	let expected: Vec<&str> = ROLES.iter().map(|(_, name)| *name).collect();
	assert_eq!(roles, expected, "the table's columns are the roles, in this order");
	TABLE
		.lines()
		.filter(|line| line.starts_with("| `"))
		.map(|line| {
			let mut cells = cells(line);
			let call = cells.remove(0).trim_matches('`').to_string();
			assert_eq!(cells.len(), ROLES.len(), "{call}: one cell per role");
			(call, cells)
		})
		.collect()
}

#[test]
fn the_permission_table_lists_every_call_of_every_landchain_pallet() {
	let listed: Vec<String> = rows().into_iter().map(|(call, _)| call).collect();
	for pallet in ["LandRegistry", "Conveyance", "Escrow", "PartyRegister", "UpgradeGate"] {
		for function in <RuntimeCall as GetCallMetadata>::get_call_names(pallet) {
			let name = format!("{pallet}.{function}");
			assert!(listed.contains(&name), "docs/PERMISSIONS.md has no row for {name}");
		}
	}
}

#[test]
fn every_role_gets_exactly_what_the_permission_table_says_and_refusals_change_nothing() {
	let genesis = genesis();
	let mut differences = Vec::new();
	let mut cells = 0;
	for (name, expected) in rows() {
		for ((role, role_name), expected) in ROLES.iter().zip(expected) {
			let mut ext = sp_io::TestExternalities::new(genesis.clone());
			ext.execute_with(|| {
				let scene = scene();
				let call = call(&name, &scene);
				let before = sp_io::storage::root(StateVersion::V1);
				let result = call.dispatch(origin(*role)).map(|_| ()).map_err(|e| e.error);
				let refused = result.is_err();
				let actual = outcome(result);
				if actual != expected {
					differences
						.push(format!("{name} by {role_name}: table {expected}, chain {actual}"));
				}
				if refused && sp_io::storage::root(StateVersion::V1) != before {
					differences.push(format!("{name} by {role_name}: refused but changed storage"));
				}
				cells += 1;
			});
		}
	}
	assert!(cells >= 30 * ROLES.len(), "{cells} cells checked");
	assert!(
		differences.is_empty(),
		"{} differences:\n{}",
		differences.len(),
		differences.join("\n")
	);
}
