//! An audit of a chain on which lost keys were replaced: the owner's key (the title moves to the
//! new account, a `KeyRecovery` version) and a lien holder's key (the charge moves, the title does
//! not). The rebuilt registry must match the chain's, encumbrance holders included.

use landchain_audit::{archive, audit, synthetic, Options};
use landchain_runtime::{
	pallets::{
		land_registry::{self, EncumbranceKind, ProposedChange, SourceKind, TitleChange},
		party_register::{self, PartyKind},
	},
	RuntimeCall, UNIT,
};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie, FerdieStash};

/// The first parcel registered after the dev chain's five demo parcels.
const PARCEL: u64 = 6;

fn attest(party: sp_keyring::Sr25519Keyring) -> RuntimeCall {
	RuntimeCall::PartyRegister(party_register::Call::attest {
		party: party.to_account_id(),
		commitment: sp_core::H256::repeat_byte(party as u8),
		kind: PartyKind::Person,
		expires_at: 10_000,
	})
}

fn recover(lost: sp_keyring::Sr25519Keyring, new: sp_keyring::Sr25519Keyring) -> RuntimeCall {
	RuntimeCall::LandRegistry(land_registry::Call::propose_application {
		parcel: PARCEL,
		change: ProposedChange::RecoverKey {
			lost: lost.to_account_id(),
			replacement: new.to_account_id(),
		},
		source: synthetic::document(SourceKind::Other, &format!("{lost:?} lost the key")),
	})
}

#[test]
fn an_audit_rebuilds_titles_and_charges_whose_keys_were_recovered() {
	let genesis = synthetic::dev_genesis().expect("the dev genesis builds");
	let mut chain = synthetic::Builder::new(&genesis).expect("the builder starts");
	let lien = EncumbranceKind::Lien { holder: Ferdie.to_account_id(), amount: UNIT };
	chain
		.block(vec![
			(Alice, synthetic::register("RECOVERY-1", 1_000, Charlie.to_account_id())),
			(Bob, attest(Dave)),
			(Bob, attest(FerdieStash)),
		])
		.expect("block 1");
	chain
		.block(vec![(
			Bob,
			RuntimeCall::LandRegistry(land_registry::Call::record_encumbrance {
				parcel: PARCEL,
				kind: lien,
				source: synthetic::document(SourceKind::CourtOrder, "lien"),
			}),
		)])
		.expect("block 2");
	chain
		.block(vec![(Alice, recover(Charlie, Dave)), (Alice, recover(Ferdie, FerdieStash))])
		.expect("block 3");
	let confirm = |application| {
		RuntimeCall::LandRegistry(land_registry::Call::confirm_application { application })
	};
	chain.block(vec![(Bob, confirm(1)), (Bob, confirm(2))]).expect("block 4");
	// The dev chain's notice is five blocks.
	for _ in 5..9 {
		chain.block(Vec::new()).expect("an empty block");
	}
	let enact = |application| {
		RuntimeCall::LandRegistry(land_registry::Call::enact_application { application })
	};
	let events = chain.block(vec![(Eve, enact(1)), (Eve, enact(2))]).expect("block 9");
	let recovered = events
		.iter()
		.filter(|record| {
			matches!(
				record.event,
				landchain_runtime::RuntimeEvent::LandRegistry(
					land_registry::Event::KeyRecovered { .. }
				)
			)
		})
		.count();
	assert_eq!(recovered, 2, "both recoveries were enacted");

	let dir = std::env::temp_dir().join(format!("landchain-audit-recovery-{}", std::process::id()));
	std::fs::create_dir_all(&dir).expect("temp dir is writable");
	let path = dir.join("chain.lcaudit");
	archive::write(&path, &chain.finish()).expect("the archive is written");
	let mut source = archive::ArchiveSource::open(&path).expect("the archive opens");
	let options = Options { out: Some(dir.join("report")), ..Default::default() };
	let outcome = audit(&mut source, genesis, &options).unwrap_or_else(|error| panic!("{error}"));
	assert_eq!(outcome.summary.registry_differences, 0);

	let entry = outcome.registry.parcels.get(&PARCEL).expect("the parcel was rebuilt");
	let current = &entry.titles.last().expect("titled").title;
	assert_eq!(current.change, TitleChange::KeyRecovery);
	assert_eq!(current.owners[0].account, Dave.to_account_id());
	assert_eq!(entry.titles.len(), 2, "the lien holder's recovery did not touch the title");
	let held_by: Vec<_> =
		entry.encumbrances.iter().map(|open| open.kind.holder().cloned()).collect();
	assert_eq!(held_by, vec![Some(FerdieStash.to_account_id())]);
	std::fs::remove_dir_all(&dir).ok();
}
