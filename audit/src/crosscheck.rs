//! Compares the registry rebuilt from the events with the registry in the replayed state at the
//! head: every parcel, current title, past title, owner-index entry, open encumbrance, lock,
//! reference-index entry, parcel revision and document citation, and the id counters. Run inside
//! [`crate::replay::Replayer::with_state`].

pub use crate::error::Difference;
use crate::titles::Registry;
use frame_support::storage::StoragePrefixedMap;
use landchain_runtime::pallets::land_registry as registry;
use landchain_runtime::{AccountId, Runtime};
use std::{
	collections::{BTreeMap, BTreeSet},
	fmt::Debug,
};

/// How many entries one storage map holds in raw storage, decodable or not.
fn raw_count(prefix: &[u8]) -> usize {
	let mut count = 0;
	let mut key = prefix.to_vec();
	while let Some(next) = sp_io::storage::next_key(&key) {
		if !next.starts_with(prefix) {
			break;
		}
		count += 1;
		key = next;
	}
	count
}

fn short(value: &impl Debug) -> String {
	let text = format!("{value:?}");
	if text.chars().count() > 400 {
		format!("{}…", text.chars().take(400).collect::<String>())
	} else {
		text
	}
}

/// Compares two maps keyed alike, naming each key that is missing on one side or differs.
fn compare_maps<K: Ord + Debug, V: PartialEq + Debug>(
	what: &'static str,
	on_chain: &BTreeMap<K, V>,
	rebuilt: &BTreeMap<K, V>,
	differences: &mut Vec<Difference>,
) {
	for (key, value) in on_chain {
		match rebuilt.get(key) {
			None => differences.push(Difference::OnlyOnChain {
				what,
				key: format!("{key:?}"),
				on_chain: short(value),
			}),
			Some(rebuilt) if rebuilt != value => differences.push(Difference::Differs {
				what,
				key: format!("{key:?}"),
				on_chain: short(value),
				rebuilt: short(rebuilt),
			}),
			Some(_) => {}
		}
	}
	for (key, value) in rebuilt {
		if !on_chain.contains_key(key) {
			differences.push(Difference::OnlyRebuilt {
				what,
				key: format!("{key:?}"),
				rebuilt: short(value),
			});
		}
	}
}

fn check_decoded(
	item: &'static str,
	prefix: [u8; 32],
	decoded: usize,
	differences: &mut Vec<Difference>,
) {
	let on_chain = raw_count(&prefix);
	if on_chain != decoded {
		differences.push(Difference::Undecodable { item, on_chain, decoded });
	}
}

/// Every difference between `rebuilt` and the on-chain registry in the current externalities.
pub fn compare(rebuilt: &Registry) -> Vec<Difference> {
	let mut differences = Vec::new();
	compare_titles(rebuilt, &mut differences);
	compare_encumbrances(rebuilt, &mut differences);
	compare_indexes(rebuilt, &mut differences);
	compare_citations(rebuilt, &mut differences);
	compare_counters(rebuilt, &mut differences);
	differences
}

/// Parcels, current titles, past titles and the owner index.
fn compare_titles(rebuilt: &Registry, differences: &mut Vec<Difference>) {
	// Parcels.
	let on_chain: BTreeMap<_, _> = registry::Parcels::<Runtime>::iter().collect();
	check_decoded(
		"Parcels",
		registry::Parcels::<Runtime>::final_prefix(),
		on_chain.len(),
		differences,
	);
	let parcels: BTreeMap<_, _> =
		rebuilt.parcels.iter().map(|(id, entry)| (*id, entry.parcel.clone())).collect();
	compare_maps("parcel", &on_chain, &parcels, differences);

	// Current titles.
	let on_chain: BTreeMap<_, _> = registry::Titles::<Runtime>::iter().collect();
	check_decoded(
		"Titles",
		registry::Titles::<Runtime>::final_prefix(),
		on_chain.len(),
		differences,
	);
	let current: BTreeMap<_, _> = rebuilt
		.parcels
		.keys()
		.filter_map(|id| rebuilt.current_title(*id).map(|title| (*id, title.clone())))
		.collect();
	compare_maps("current title of parcel", &on_chain, &current, differences);

	// Past titles.
	let on_chain: BTreeMap<_, _> = registry::TitleHistory::<Runtime>::iter()
		.map(|(parcel, version, title)| ((parcel, version), title))
		.collect();
	check_decoded(
		"TitleHistory",
		registry::TitleHistory::<Runtime>::final_prefix(),
		on_chain.len(),
		differences,
	);
	let history: BTreeMap<_, _> = rebuilt
		.parcels
		.iter()
		.flat_map(|(id, entry)| {
			let keep_current = !entry.parcel.is_active();
			let past = if keep_current {
				&entry.titles[..]
			} else {
				&entry.titles[..entry.titles.len().saturating_sub(1)]
			};
			past.iter().map(move |version| ((*id, version.title.version), version.title.clone()))
		})
		.collect();
	compare_maps("past title (parcel, version)", &on_chain, &history, differences);

	// Owner index.
	let on_chain: BTreeSet<(AccountId, u64)> =
		registry::OwnerParcels::<Runtime>::iter_keys().collect();
	check_decoded(
		"OwnerParcels",
		registry::OwnerParcels::<Runtime>::final_prefix(),
		on_chain.len(),
		differences,
	);
	let owners: BTreeSet<(AccountId, u64)> = current
		.iter()
		.flat_map(|(id, title)| title.owners.iter().map(move |owner| (owner.account.clone(), *id)))
		.collect();
	for (account, parcel) in owners.difference(&on_chain) {
		differences
			.push(Difference::OwnerNotIndexed { account: account.to_string(), parcel: *parcel });
	}
	for (account, parcel) in on_chain.difference(&owners) {
		differences.push(Difference::IndexedWithoutTitle {
			account: account.to_string(),
			parcel: *parcel,
		});
	}
}

/// Open encumbrances (the deposit is not in the events and is not compared).
fn compare_encumbrances(rebuilt: &Registry, differences: &mut Vec<Difference>) {
	let on_chain: BTreeMap<_, _> = registry::Encumbrances::<Runtime>::iter()
		.map(|(parcel, open)| {
			let open: Vec<_> = open
				.into_iter()
				.map(|e| (e.id, e.kind, e.source, e.recorded_at, e.recorded_by))
				.collect();
			(parcel, open)
		})
		.collect();
	check_decoded(
		"Encumbrances",
		registry::Encumbrances::<Runtime>::final_prefix(),
		on_chain.len(),
		differences,
	);
	let open: BTreeMap<_, _> = rebuilt
		.parcels
		.iter()
		.filter_map(|(id, entry)| {
			let open: Vec<_> = entry
				.encumbrances
				.iter()
				.filter(|e| e.released.is_none())
				.map(|e| {
					(
						e.id,
						e.kind.clone(),
						e.source.clone(),
						e.recorded.block,
						e.recorded_by.clone(),
					)
				})
				.collect();
			(!open.is_empty()).then_some((*id, open))
		})
		.collect();
	compare_maps("open encumbrances of parcel", &on_chain, &open, differences);
}

/// Locks, the reference index and parcel revisions.
fn compare_indexes(rebuilt: &Registry, differences: &mut Vec<Difference>) {
	// Locks.
	let on_chain: BTreeMap<_, _> = registry::ParcelLocks::<Runtime>::iter().collect();
	compare_maps("lock of parcel", &on_chain, &rebuilt.locks, differences);

	// Reference index.
	let on_chain: BTreeMap<_, _> = registry::ParcelByReference::<Runtime>::iter()
		.map(|(jurisdiction, reference, id)| {
			((jurisdiction.into_inner(), reference.into_inner()), id)
		})
		.collect();
	let references: BTreeMap<_, _> = rebuilt
		.parcels
		.values()
		.map(|entry| {
			(
				(
					entry.parcel.jurisdiction.clone().into_inner(),
					entry.parcel.cadastral_reference.clone().into_inner(),
				),
				entry.parcel.id,
			)
		})
		.collect();
	compare_maps("reference index entry", &on_chain, &references, differences);

	// Parcel revisions.
	let on_chain: BTreeMap<_, _> = registry::ParcelRevisions::<Runtime>::iter()
		.map(|(parcel, revision, value)| ((parcel, revision), value))
		.collect();
	compare_maps("parcel revision", &on_chain, &rebuilt.revisions, differences);
}

/// The document index: every record the events say cited a document, and no other.
fn compare_citations(rebuilt: &Registry, differences: &mut Vec<Difference>) {
	let on_chain: BTreeMap<_, _> =
		registry::Citations::<Runtime>::iter_keys().map(|key| (key, ())).collect();
	check_decoded(
		"Citations",
		registry::Citations::<Runtime>::final_prefix(),
		on_chain.len(),
		differences,
	);
	let rebuilt: BTreeMap<_, _> = rebuilt.citations.iter().map(|key| (*key, ())).collect();
	compare_maps("document citation", &on_chain, &rebuilt, differences);
}

/// The id counters against the ids the events used.
fn compare_counters(rebuilt: &Registry, differences: &mut Vec<Difference>) {
	let next_parcel = rebuilt.parcels.keys().max().map_or(1, |last| last + 1);
	let on_chain = registry::NextParcelId::<Runtime>::get();
	if on_chain != next_parcel {
		differences.push(Difference::Counter {
			counter: "NextParcelId",
			on_chain,
			used: "registered parcels",
			last: next_parcel - 1,
		});
	}
	let on_chain = registry::NextEncumbranceId::<Runtime>::get();
	if on_chain != rebuilt.last_encumbrance + 1 {
		differences.push(Difference::Counter {
			counter: "NextEncumbranceId",
			on_chain,
			used: "recorded encumbrances",
			last: rebuilt.last_encumbrance,
		});
	}
}
