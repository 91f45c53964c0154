//! Every parcel's chain of title, rebuilt from the events alone.
//!
//! The registry starts from the genesis state (genesis parcels emit no events; that state is
//! verified against block 0's state root), then every `LandRegistry` and `Conveyance` event is
//! applied in order: each title version with the block, extrinsic index and signer(s) behind it,
//! the source document, the sale (price, parties, payouts) where there was one, and the
//! encumbrances recorded and released while it was current.

use crate::{
	events::EventRecord,
	types::{BlockNumber, Hash, OpaqueExtrinsic},
};
use codec::{Decode, Encode};
use landchain_runtime::pallets::land_registry::{
	Citation, DealingId, EncumbranceId, EncumbranceKindOf, Parcel, ParcelAttributes, ParcelId,
	ParcelStatus, Source, Title, TitleChange,
};
use landchain_runtime::pallets::{conveyance, land_registry};
use landchain_runtime::{AccountId, Balance, Runtime, RuntimeEvent};
use sp_core::H256;
use std::collections::{BTreeMap, BTreeSet};

/// Where a record came from: the block, the extrinsic (by index) and its signer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode)]
pub struct Provenance {
	/// The block (0 for the genesis state).
	pub block: BlockNumber,
	/// The extrinsic's index in the block, if an extrinsic caused it.
	pub extrinsic: Option<u32>,
	/// The extrinsic's signer, if signed.
	pub signer: Option<AccountId>,
}

/// The sale behind a title version.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Sale {
	/// The offer (dealing) id.
	pub offer: DealingId,
	/// The price paid.
	pub price: Balance,
	/// Who offered the parcel (signed the offer).
	pub offered_by: Option<AccountId>,
	/// The co-owners and grantees who consented.
	pub consents: Vec<AccountId>,
	/// The buyer, who funded the escrow.
	pub buyer: Option<AccountId>,
	/// The lenders whose advances paid part of the price, each with its advance and the rank
	/// of the mortgage it took on this title (the mortgages are in `encumbrances_recorded`).
	pub lenders: Vec<(AccountId, Balance, u32)>,
	/// The registrar who approved the settlement.
	pub approved_by: Option<AccountId>,
	/// Every payment of the settlement: recipient, amount and why.
	pub payouts: Vec<(AccountId, Balance, String)>,
}

/// One version of a parcel's title and how it came to be.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct TitleEntry {
	/// The title as recorded.
	pub title: Title<Runtime>,
	/// The block and extrinsic that recorded it.
	pub provenance: Provenance,
	/// The sale, if the version came from one.
	pub sale: Option<Sale>,
	/// Encumbrances recorded on the parcel while this version was current.
	pub encumbrances_recorded: Vec<EncumbranceId>,
	/// Encumbrances released (or discharged) while this version was current.
	pub encumbrances_released: Vec<EncumbranceId>,
}

impl TitleEntry {
	/// Everyone who signed for this version: the extrinsic's signer and, for a sale, the seller
	/// who offered, the parties who consented and the buyer who funded it.
	pub fn signers(&self) -> Vec<AccountId> {
		let mut signers: Vec<AccountId> = Vec::new();
		let mut add = |account: &AccountId| {
			if !signers.contains(account) {
				signers.push(account.clone());
			}
		};
		if let Some(sale) = &self.sale {
			sale.offered_by.iter().for_each(&mut add);
			sale.consents.iter().for_each(&mut add);
			sale.buyer.iter().for_each(&mut add);
			sale.lenders.iter().for_each(|(lender, ..)| add(lender));
		}
		self.provenance.signer.iter().for_each(&mut add);
		signers
	}
}

/// The release of an encumbrance.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Release {
	/// The block and extrinsic.
	pub provenance: Provenance,
	/// The discharge document (`None` when a settled sale or the holder discharged it).
	pub source: Option<Source>,
	/// The registrar (`None` when a settled sale or the holder, the provenance's signer,
	/// discharged it).
	pub registrar: Option<AccountId>,
}

/// An encumbrance and its life.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct EncumbranceEntry {
	/// Its id.
	pub id: EncumbranceId,
	/// Kind and terms.
	pub kind: EncumbranceKindOf<Runtime>,
	/// The instrument.
	pub source: Source,
	/// The registrar who recorded it.
	pub recorded_by: AccountId,
	/// The block and extrinsic that recorded it.
	pub recorded: Provenance,
	/// Its release, once released.
	pub released: Option<Release>,
}

/// A parcel with its whole chain of title and its encumbrances.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct ParcelEntry {
	/// The parcel record as it stands now.
	pub parcel: Parcel<Runtime>,
	/// Where it was registered.
	pub registered: Provenance,
	/// Every title version, oldest first; the last is current while the parcel is active.
	pub titles: Vec<TitleEntry>,
	/// Every encumbrance ever recorded, open or released, in order.
	pub encumbrances: Vec<EncumbranceEntry>,
}

/// A runtime upgrade seen during the replay.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Upgrade {
	/// Where the new code was installed.
	pub provenance: Provenance,
	/// `spec_version` before.
	pub from_spec_version: u32,
	/// `spec_version` after.
	pub to_spec_version: u32,
	/// The blake2-256 hash of the new code.
	pub code_hash: Hash,
}

/// What an offer went through, kept until it settles.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode)]
struct OfferTrail {
	offered_by: Option<AccountId>,
	consents: Vec<AccountId>,
	buyer: Option<AccountId>,
	lenders: Vec<(AccountId, Balance, u32)>,
}

/// Counters for the summary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode)]
pub struct Counts {
	/// Parcels registered (first registration, split children, merges), genesis excluded.
	pub parcels_registered: u64,
	/// Title versions recorded, genesis excluded.
	pub title_versions: u64,
	/// Transfers of ownership: sales, inheritance and court orders.
	pub transfers: u64,
	/// Of which sales settled through a conveyance.
	pub sales: u64,
	/// Splits.
	pub splits: u64,
	/// Merges.
	pub merges: u64,
	/// Encumbrances recorded.
	pub encumbrances_recorded: u64,
	/// Encumbrances released or discharged.
	pub encumbrances_released: u64,
	/// Parcel rectifications.
	pub parcel_rectifications: u64,
}

/// The registry as rebuilt from the genesis state and the events.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode)]
pub struct Registry {
	/// Every parcel, by id.
	pub parcels: BTreeMap<ParcelId, ParcelEntry>,
	/// Earlier attributes of rectified parcels, by `(parcel, revision)`.
	pub revisions: BTreeMap<(ParcelId, u32), (ParcelAttributes, Source)>,
	/// Parcels locked by an open dealing.
	pub locks: BTreeMap<ParcelId, DealingId>,
	/// Runtime upgrades, in order.
	pub upgrades: Vec<Upgrade>,
	/// The highest encumbrance id seen.
	pub last_encumbrance: EncumbranceId,
	/// Counters.
	pub counts: Counts,
	/// Every record citing a document, under the document's hash: the document index.
	pub citations: BTreeSet<(H256, Citation)>,
	offers: BTreeMap<DealingId, OfferTrail>,
}

/// The signer of each extrinsic of a block (`None` for inherents and undecodable extrinsics).
pub fn signers(extrinsics: &[OpaqueExtrinsic]) -> Vec<Option<AccountId>> {
	extrinsics
		.iter()
		.map(|opaque| {
			let bytes = opaque.encode();
			let extrinsic = landchain_runtime::UncheckedExtrinsic::decode(&mut &bytes[..]).ok()?;
			match extrinsic.preamble {
				sp_runtime::generic::Preamble::Signed(sp_runtime::MultiAddress::Id(who), ..) => {
					Some(who)
				}
				_ => None,
			}
		})
		.collect()
}

/// The document index entry a registry event writes, if it records something with a source.
fn citation_of(event: &land_registry::Event<Runtime>) -> Option<(H256, Citation)> {
	use land_registry::Event as Registry;
	Some(match event {
		Registry::ParcelRegistered { parcel, source, .. } => {
			(source.document_hash, Citation::ParcelAttributes { parcel: *parcel, revision: 0 })
		}
		Registry::ParcelRectified { parcel, revision, source, .. } => (
			source.document_hash,
			Citation::ParcelAttributes { parcel: *parcel, revision: *revision },
		),
		Registry::TitleRecorded { parcel, version, source, .. } => {
			(source.document_hash, Citation::Title { parcel: *parcel, version: *version })
		}
		Registry::EncumbranceRecorded { parcel, encumbrance, source, .. } => (
			source.document_hash,
			Citation::EncumbranceRecorded { parcel: *parcel, encumbrance: *encumbrance },
		),
		Registry::EncumbranceReleased { parcel, encumbrance, source: Some(source), .. } => (
			source.document_hash,
			Citation::EncumbranceReleased { parcel: *parcel, encumbrance: *encumbrance },
		),
		Registry::ApplicationProposed { application, parcel, source, .. } => (
			source.document_hash,
			Citation::Application { parcel: *parcel, application: *application },
		),
		_ => return None,
	})
}

impl Registry {
	/// The registry in the current externalities (the replayed genesis state), every record
	/// attributed to block 0.
	pub fn from_storage() -> Self {
		use landchain_runtime::pallets::land_registry as registry;
		let genesis = Provenance::default();
		let mut parcels: BTreeMap<ParcelId, ParcelEntry> = registry::Parcels::<Runtime>::iter()
			.map(|(id, parcel)| {
				let entry = ParcelEntry {
					parcel,
					registered: genesis.clone(),
					titles: Vec::new(),
					encumbrances: Vec::new(),
				};
				(id, entry)
			})
			.collect();
		let mut titles: Vec<Title<Runtime>> =
			registry::TitleHistory::<Runtime>::iter_values().collect();
		titles.extend(registry::Titles::<Runtime>::iter_values());
		titles.sort_by_key(|title| (title.parcel, title.version));
		for title in titles {
			if let Some(entry) = parcels.get_mut(&title.parcel) {
				entry.titles.push(TitleEntry {
					title,
					provenance: genesis.clone(),
					sale: None,
					encumbrances_recorded: Vec::new(),
					encumbrances_released: Vec::new(),
				});
			}
		}
		let mut last_encumbrance = 0;
		for (parcel, open) in registry::Encumbrances::<Runtime>::iter() {
			if let Some(entry) = parcels.get_mut(&parcel) {
				for encumbrance in open {
					last_encumbrance = last_encumbrance.max(encumbrance.id);
					entry.encumbrances.push(EncumbranceEntry {
						id: encumbrance.id,
						kind: encumbrance.kind,
						source: encumbrance.source,
						recorded_by: encumbrance.recorded_by,
						recorded: genesis.clone(),
						released: None,
					});
				}
			}
		}
		Registry {
			parcels,
			revisions: registry::ParcelRevisions::<Runtime>::iter()
				.map(|(parcel, revision, value)| ((parcel, revision), value))
				.collect(),
			locks: registry::ParcelLocks::<Runtime>::iter().collect(),
			citations: registry::Citations::<Runtime>::iter_keys().collect(),
			last_encumbrance: last_encumbrance
				.max(registry::NextEncumbranceId::<Runtime>::get().saturating_sub(1)),
			..Default::default()
		}
	}

	/// Every title version of every parcel, in parcel and version order.
	pub fn versions(&self) -> impl Iterator<Item = (&ParcelEntry, &TitleEntry)> {
		self.parcels.values().flat_map(|entry| entry.titles.iter().map(move |title| (entry, title)))
	}

	/// The current title of an active parcel.
	pub fn current_title(&self, parcel: ParcelId) -> Option<&Title<Runtime>> {
		let entry = self.parcels.get(&parcel)?;
		if !entry.parcel.is_active() {
			return None;
		}
		entry.titles.last().map(|entry| &entry.title)
	}

	fn entry(&mut self, parcel: ParcelId) -> Result<&mut ParcelEntry, String> {
		self.parcels.get_mut(&parcel).ok_or_else(|| format!("parcel {parcel} was never registered"))
	}

	/// Records a runtime upgrade installed by `provenance`.
	pub fn note_upgrade(&mut self, upgrade: Upgrade) {
		self.upgrades.push(upgrade);
	}

	/// Applies the events of block `number`. `signers` gives each extrinsic's signer.
	pub fn apply_block(
		&mut self,
		number: BlockNumber,
		signers: &[Option<AccountId>],
		events: &[EventRecord],
	) -> Result<(), String> {
		for record in events {
			let extrinsic = match record.phase {
				frame_system::Phase::ApplyExtrinsic(index) => Some(index),
				_ => None,
			};
			let signer = extrinsic.and_then(|index| signers.get(index as usize).cloned().flatten());
			let provenance = Provenance { block: number, extrinsic, signer };
			self.apply_event(&record.event, provenance)?;
		}
		Ok(())
	}

	fn apply_event(&mut self, event: &RuntimeEvent, at: Provenance) -> Result<(), String> {
		match event {
			RuntimeEvent::LandRegistry(event) => self.apply_registry_event(event, at),
			RuntimeEvent::Conveyance(event) => self.apply_conveyance_event(event, at),
			_ => Ok(()),
		}
	}

	fn apply_registry_event(
		&mut self,
		event: &land_registry::Event<Runtime>,
		at: Provenance,
	) -> Result<(), String> {
		use land_registry::Event as Registry;
		if let Some(cited) = citation_of(event) {
			self.citations.insert(cited);
		}
		match event {
			Registry::ParcelRegistered {
				parcel,
				jurisdiction,
				cadastral_reference,
				attributes,
				source,
				origin,
			} => {
				let record = Parcel {
					id: *parcel,
					jurisdiction: jurisdiction.clone(),
					cadastral_reference: cadastral_reference.clone(),
					attributes: attributes.clone(),
					source: source.clone(),
					revision: 0,
					origin: origin.clone(),
					status: ParcelStatus::Active,
					registered_at: at.block,
				};
				self.register_parcel(record, at)
			}
			Registry::TitleRecorded {
				parcel,
				version,
				owners,
				tenure,
				source,
				change,
				recorded_by,
				..
			} => {
				let title = Title {
					parcel: *parcel,
					version: *version,
					owners: owners.clone(),
					tenure: *tenure,
					source: source.clone(),
					change: change.clone(),
					recorded_at: at.block,
					recorded_by: recorded_by.clone(),
				};
				self.record_title(title, at)
			}
			Registry::ParcelRectified { parcel, revision, attributes, source, .. } => {
				let entry = self.entry(*parcel)?;
				let old = (entry.parcel.attributes.clone(), entry.parcel.source.clone());
				let old_revision = entry.parcel.revision;
				if *revision != old_revision + 1 {
					return Err(format!(
						"parcel {parcel}: revision {revision} follows revision {old_revision}"
					));
				}
				entry.parcel.attributes = attributes.clone();
				entry.parcel.source = source.clone();
				entry.parcel.revision = *revision;
				self.revisions.insert((*parcel, old_revision), old);
				self.counts.parcel_rectifications += 1;
				Ok(())
			}
			Registry::ParcelSplit { parent, children, .. } => {
				let entry = self.entry(*parent)?;
				entry.parcel.status =
					ParcelStatus::SplitInto { children: children.clone(), at: at.block };
				self.counts.splits += 1;
				Ok(())
			}
			Registry::ParcelsMerged { parents, parcel, .. } => {
				for parent in parents.iter() {
					let entry = self.entry(*parent)?;
					entry.parcel.status =
						ParcelStatus::MergedInto { parcel: *parcel, at: at.block };
				}
				self.counts.merges += 1;
				Ok(())
			}
			Registry::EncumbranceRecorded { parcel, encumbrance, kind, source, registrar } => {
				let record = EncumbranceEntry {
					id: *encumbrance,
					kind: kind.clone(),
					source: source.clone(),
					recorded_by: registrar.clone(),
					recorded: at,
					released: None,
				};
				self.record_encumbrance(*parcel, record)
			}
			Registry::EncumbranceReleased { parcel, encumbrance, source, registrar } => {
				let release = Release {
					provenance: at,
					source: source.clone(),
					registrar: registrar.clone(),
				};
				self.release_encumbrance(*parcel, *encumbrance, release)
			}
			Registry::KeyRecovered { parcel, lost, replacement, encumbrances, .. } => {
				self.recover_key(*parcel, lost, replacement, encumbrances)
			}
			Registry::ParcelLocked { parcel, dealing } => {
				self.locks.insert(*parcel, *dealing);
				Ok(())
			}
			Registry::ParcelUnlocked { parcel, .. } => {
				self.locks.remove(parcel);
				Ok(())
			}
			// Applications and restrictions change the registry only through the events above
			// (an enacted application's `TitleRecorded`, `EncumbranceReleased`, …).
			Registry::MortgageConsentGiven { .. }
			| Registry::MortgageConsentWithdrawn { .. }
			| Registry::ApplicationProposed { .. }
			| Registry::ApplicationConfirmed { .. }
			| Registry::ApplicationObjected { .. }
			| Registry::ObjectionDecided { .. }
			| Registry::ApplicationEnacted { .. }
			| Registry::ApplicationClosed { .. }
			| Registry::DischargedByHolder { .. }
			| Registry::NoticePeriodsSet { .. }
			| Registry::RestrictionPlaced { .. }
			| Registry::RestrictionRemoved { .. }
			| Registry::__Ignore(..) => Ok(()),
		}
	}

	/// `ParcelRegistered`: a new parcel, without a title until its `TitleRecorded`.
	fn register_parcel(&mut self, parcel: Parcel<Runtime>, at: Provenance) -> Result<(), String> {
		let id = parcel.id;
		if self.parcels.contains_key(&id) {
			return Err(format!("parcel {id} is registered twice"));
		}
		let entry =
			ParcelEntry { parcel, registered: at, titles: Vec::new(), encumbrances: Vec::new() };
		self.parcels.insert(id, entry);
		self.counts.parcels_registered += 1;
		Ok(())
	}

	/// `TitleRecorded`: the parcel's next title version.
	fn record_title(&mut self, title: Title<Runtime>, at: Provenance) -> Result<(), String> {
		let (parcel, version) = (title.parcel, title.version);
		let entry = self.entry(parcel)?;
		let expected = entry.titles.last().map_or(1, |last| last.title.version + 1);
		if version != expected {
			return Err(format!(
				"parcel {parcel}: title version {version} recorded, expected version {expected}"
			));
		}
		let transfer = matches!(
			title.change,
			TitleChange::Sale { .. } | TitleChange::Inheritance | TitleChange::CourtOrder
		);
		entry.titles.push(TitleEntry {
			title,
			provenance: at,
			sale: None,
			encumbrances_recorded: Vec::new(),
			encumbrances_released: Vec::new(),
		});
		self.counts.title_versions += 1;
		if transfer {
			self.counts.transfers += 1;
		}
		Ok(())
	}

	/// `EncumbranceRecorded`: a charge, easement, lease or caveat on the parcel's current title.
	fn record_encumbrance(
		&mut self,
		parcel: ParcelId,
		record: EncumbranceEntry,
	) -> Result<(), String> {
		let id = record.id;
		self.last_encumbrance = self.last_encumbrance.max(id);
		let entry = self.entry(parcel)?;
		if entry.encumbrances.iter().any(|open| open.id == id) {
			return Err(format!("encumbrance {id} is recorded twice"));
		}
		entry.encumbrances.push(record);
		if let Some(current) = entry.titles.last_mut() {
			current.encumbrances_recorded.push(id);
		}
		self.counts.encumbrances_recorded += 1;
		Ok(())
	}

	/// `EncumbranceReleased`: an open encumbrance of the parcel released or discharged.
	fn release_encumbrance(
		&mut self,
		parcel: ParcelId,
		encumbrance: EncumbranceId,
		release: Release,
	) -> Result<(), String> {
		let entry = self.entry(parcel)?;
		let open = entry
			.encumbrances
			.iter_mut()
			.find(|open| open.id == encumbrance && open.released.is_none())
			.ok_or_else(|| {
				format!("encumbrance {encumbrance} on parcel {parcel} released but not open")
			})?;
		open.released = Some(release);
		if let Some(current) = entry.titles.last_mut() {
			current.encumbrances_released.push(encumbrance);
		}
		self.counts.encumbrances_released += 1;
		Ok(())
	}

	/// `KeyRecovered`: the charges and leases it names, held by the lost key, are now the
	/// replacement's (its title change came in its own `TitleRecorded`).
	fn recover_key(
		&mut self,
		parcel: ParcelId,
		lost: &AccountId,
		replacement: &AccountId,
		encumbrances: &[EncumbranceId],
	) -> Result<(), String> {
		let entry = self.entry(parcel)?;
		for id in encumbrances {
			let open = entry
				.encumbrances
				.iter_mut()
				.find(|open| open.id == *id && open.released.is_none())
				.ok_or_else(|| {
					format!("encumbrance {id} on parcel {parcel} recovered but not open")
				})?;
			let holder =
				open.kind.holder_mut().filter(|holder| *holder == lost).ok_or_else(|| {
					format!(
						"encumbrance {id} on parcel {parcel} recovered from {lost}, not its holder"
					)
				})?;
			*holder = replacement.clone();
		}
		Ok(())
	}

	fn apply_conveyance_event(
		&mut self,
		event: &conveyance::Event<Runtime>,
		at: Provenance,
	) -> Result<(), String> {
		use conveyance::Event as Conveyance;
		match event {
			Conveyance::Offered { offer, .. } => {
				self.offers
					.insert(*offer, OfferTrail { offered_by: at.signer, ..Default::default() });
			}
			Conveyance::Consented { offer, party } => {
				let trail = self.offers.entry(*offer).or_default();
				if !trail.consents.contains(party) {
					trail.consents.push(party.clone());
				}
			}
			Conveyance::Funded { offer, buyer, .. } => {
				self.offers.entry(*offer).or_default().buyer = Some(buyer.clone());
			}
			Conveyance::AdvanceFunded { offer, lender, amount, rank, .. } => {
				self.offers.entry(*offer).or_default().lenders.push((
					lender.clone(),
					*amount,
					*rank,
				));
			}
			Conveyance::AdvanceWithdrawn { offer, lender } => {
				let trail = self.offers.entry(*offer).or_default();
				trail.lenders.retain(|(funded, ..)| funded != lender);
			}
			Conveyance::Settled { offer, parcel, registrar, price, payouts } => {
				let payouts = payouts.iter().map(|payout| {
					let why = match &payout.kind {
						conveyance::PayoutKind::Mortgage { encumbrance } => {
							format!("mortgage {encumbrance}")
						}
						conveyance::PayoutKind::Duty => "duty".into(),
						conveyance::PayoutKind::Proceeds => "proceeds".into(),
					};
					(payout.to.clone(), payout.amount, why)
				});
				self.settle(*offer, *parcel, registrar.clone(), *price, payouts.collect())?;
			}
			Conveyance::Rejected { offer, .. }
			| Conveyance::Cancelled { offer, .. }
			| Conveyance::ClosedByOperationOfLaw { offer, .. }
			| Conveyance::Expired { offer } => {
				self.offers.remove(offer);
			}
			_ => {}
		}
		Ok(())
	}

	/// `Settled`: the sale's trail (offer, consents, funding) and payouts are attached to the
	/// title version the sale made.
	fn settle(
		&mut self,
		offer: DealingId,
		parcel: ParcelId,
		registrar: AccountId,
		price: Balance,
		payouts: Vec<(AccountId, Balance, String)>,
	) -> Result<(), String> {
		let trail = self.offers.remove(&offer).unwrap_or_default();
		let entry = self.entry(parcel)?;
		let version = entry
			.titles
			.iter_mut()
			.rev()
			.find(
				|version| matches!(version.title.change, TitleChange::Sale { dealing, .. } if dealing == offer),
			)
			.ok_or_else(|| {
				format!("offer {offer} settled but parcel {parcel} has no title from it")
			})?;
		version.sale = Some(Sale {
			offer,
			price,
			offered_by: trail.offered_by,
			consents: trail.consents,
			buyer: trail.buyer,
			lenders: trail.lenders,
			approved_by: Some(registrar),
			payouts,
		});
		self.counts.sales += 1;
		Ok(())
	}
}
