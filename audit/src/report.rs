//! The audit report: `audit.json` (everything, machine-readable), `titles.csv` (one row per title
//! version), `encumbrances.csv` (one row per encumbrance) and `summary.txt` (the short human
//! summary, also printed).

use crate::{
	crosscheck::Difference,
	error::AuditError,
	titles::{ParcelEntry, Registry, TitleEntry},
	types::{BlockNumber, Hash},
};
use landchain_primitives::{DealingId, EncumbranceId, ParcelId, Source, TitleVersion};
use landchain_runtime::pallets::land_registry::{ParcelStatus, Tenure, TitleChange};
use landchain_runtime::AccountId;
use serde::Serialize;
use serde_json::{json, Value};
use sp_core::crypto::Ss58Codec;
use std::{fmt::Write as _, path::Path};

/// The figures of a run.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
	/// Where the blocks came from.
	pub source: String,
	/// The chain's genesis hash.
	pub genesis_hash: Hash,
	/// The first block of this run (0, or the checkpoint's block).
	pub from: BlockNumber,
	/// The last verified block.
	pub head: BlockNumber,
	/// Its hash.
	pub head_hash: Hash,
	/// Its state root.
	pub head_state_root: Hash,
	/// Blocks re-executed in this run.
	pub blocks: u64,
	/// Extrinsics re-executed (inherents included).
	pub extrinsics: u64,
	/// Of which signed transactions.
	pub signed_extrinsics: u64,
	/// Blocks whose reported events were compared with the replayed ones: every block of an
	/// archive; of a node, those whose state it still keeps (a pruned node has discarded the
	/// older ones, which are then audited from their bodies alone).
	pub blocks_with_events_compared: u64,
	/// Blocks whose runtime's types differ from this audit's compiled ones, whose events were
	/// therefore read with that runtime's own metadata and translated by name.
	pub blocks_read_with_their_metadata: u64,
	/// Parcels in the registry (active and retired).
	pub parcels: usize,
	/// Active parcels.
	pub active_parcels: usize,
	/// Title versions (genesis included).
	pub title_versions: usize,
	/// Transfers of ownership seen (sales, inheritance, court orders).
	pub transfers: u64,
	/// Sales settled.
	pub sales: u64,
	/// Splits.
	pub splits: u64,
	/// Merges.
	pub merges: u64,
	/// Encumbrances recorded.
	pub encumbrances_recorded: u64,
	/// Encumbrances released or discharged.
	pub encumbrances_released: u64,
	/// Runtime upgrades.
	pub upgrades: usize,
	/// `spec_version` at the first block of the run.
	pub spec_version_at_start: u32,
	/// `spec_version` at the head.
	pub spec_version_at_head: u32,
	/// Wall-clock seconds of the run.
	pub seconds: f64,
	/// Blocks re-executed per second of the whole run.
	pub blocks_per_second: f64,
	/// Extrinsics re-executed per second of the whole run.
	pub extrinsics_per_second: f64,
	/// Of the run, seconds setting up: the first block's state (genesis or checkpoint) and the
	/// compilation of its runtime.
	pub setup_seconds: f64,
	/// Seconds waiting for the source's blocks (with a node, what fetching did not overlap with
	/// the replay).
	pub waiting_seconds: f64,
	/// Seconds re-executing and checking the blocks, comparing their events and rebuilding the
	/// registry from them.
	pub replay_seconds: f64,
	/// Seconds cross-checking the rebuilt registry with the head state.
	pub crosscheck_seconds: f64,
	/// Blocks per second of replay alone (the steady state: no setup, no waiting).
	pub replay_blocks_per_second: f64,
	/// Extrinsics per second of replay alone.
	pub replay_extrinsics_per_second: f64,
	/// Differences between the rebuilt and the on-chain registry.
	pub registry_differences: usize,
	/// Whether GRANDPA finality was checked (not when the run was told to skip it).
	pub finality_checked: bool,
	/// GRANDPA justifications verified: those the blocks carry, and the one proving the head.
	pub justifications_verified: u64,
	/// GRANDPA authority set changes followed, each proven by the old set's justification.
	pub authority_set_changes: u64,
	/// The GRANDPA authority set in force at the head.
	pub authority_set_id: u64,
	/// The block whose justification proves the head final (the head itself or a later block
	/// linked to it by headers).
	pub finality_proven_by: BlockNumber,
	/// How many authorities signed that justification, of how many.
	pub finality_signed_by: (usize, usize),
}

fn account(account: &AccountId) -> String {
	account.to_ss58check()
}

fn hash(hash: impl AsRef<[u8]>) -> String {
	sp_core::bytes::to_hex(hash.as_ref(), false)
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

fn source_kind(source: &Source) -> String {
	format!("{:?}", source.kind)
}

/// One row of `titles.csv`: the columns of `docs/TITLES-CSV.md`, in order, shared with
/// `landchain auditor export`. `None` is an empty field.
#[derive(Serialize)]
struct TitleRow {
	parcel: ParcelId,
	jurisdiction: String,
	cadastral_reference: String,
	parcel_status: &'static str,
	version: TitleVersion,
	current: bool,
	owners: String,
	tenure: &'static str,
	leasehold_expires_at: Option<u64>,
	change: &'static str,
	dealing: Option<DealingId>,
	price: Option<String>,
	split_from: Option<ParcelId>,
	source_kind: String,
	document_hash: String,
	uri: String,
	recorded_at: BlockNumber,
	recorded_by: String,
	extrinsic: Option<u32>,
	signers: String,
	buyer: String,
	payouts: String,
	encumbrances_recorded: String,
	encumbrances_released: String,
}

/// The list separator inside one field (owners, signers, payouts, ids).
const LIST: &str = ";";

fn title_row(parcel: &ParcelEntry, version: &TitleEntry) -> TitleRow {
	let title = &version.title;
	let (change, dealing, price, split_from) = match &title.change {
		TitleChange::FirstRegistration => ("first-registration", None, None, None),
		TitleChange::Sale { dealing, price } => {
			("sale", Some(*dealing), Some(price.to_string()), None)
		}
		TitleChange::Inheritance => ("inheritance", None, None, None),
		TitleChange::CourtOrder => ("court-order", None, None, None),
		TitleChange::Rectification => ("rectification", None, None, None),
		TitleChange::Split { parent } => ("split", None, None, Some(*parent)),
		TitleChange::Merge => ("merge", None, None, None),
		TitleChange::KeyRecovery => ("key-recovery", None, None, None),
	};
	let (tenure, leasehold_expires_at) = match title.tenure {
		Tenure::Freehold => ("freehold", None),
		Tenure::Leasehold { expires_at } => ("leasehold", Some(expires_at)),
	};
	let parcel_status = match parcel.parcel.status {
		ParcelStatus::Active => "active",
		ParcelStatus::SplitInto { .. } => "split",
		ParcelStatus::MergedInto { .. } => "merged",
	};
	let current = parcel.parcel.is_active()
		&& parcel.titles.last().map(|last| last.title.version) == Some(title.version);
	let (buyer, payouts) = match &version.sale {
		Some(sale) => (
			sale.buyer.as_ref().map(account).unwrap_or_default(),
			sale.payouts
				.iter()
				.map(|(to, amount, why)| format!("{}:{amount}:{why}", account(to)))
				.collect::<Vec<_>>()
				.join(LIST),
		),
		None => (String::new(), String::new()),
	};
	let ids = |ids: &[u64]| ids.iter().map(u64::to_string).collect::<Vec<_>>().join(LIST);
	TitleRow {
		parcel: title.parcel,
		jurisdiction: text(&parcel.parcel.jurisdiction),
		cadastral_reference: text(&parcel.parcel.cadastral_reference),
		parcel_status,
		version: title.version,
		current,
		owners: title
			.owners
			.iter()
			.map(|owner| {
				format!(
					"{}:{}/{}",
					account(&owner.account),
					owner.share.numerator,
					owner.share.denominator
				)
			})
			.collect::<Vec<_>>()
			.join(LIST),
		tenure,
		leasehold_expires_at,
		change,
		dealing,
		price,
		split_from,
		source_kind: source_kind(&title.source),
		document_hash: hash(title.source.document_hash),
		uri: title.source.uri.as_ref().map(|uri| text(uri)).unwrap_or_default(),
		recorded_at: title.recorded_at,
		recorded_by: title.recorded_by.as_ref().map(account).unwrap_or_default(),
		extrinsic: version.provenance.extrinsic,
		signers: version.signers().iter().map(account).collect::<Vec<_>>().join(LIST),
		buyer,
		payouts,
		encumbrances_recorded: ids(&version.encumbrances_recorded),
		encumbrances_released: ids(&version.encumbrances_released),
	}
}

/// One row of `encumbrances.csv`.
#[derive(Serialize)]
struct EncumbranceRow {
	parcel: ParcelId,
	encumbrance: EncumbranceId,
	kind: String,
	terms: String,
	source_kind: String,
	source_hash: String,
	recorded_by: String,
	recorded_block: BlockNumber,
	recorded_extrinsic: Option<u32>,
	released_block: Option<BlockNumber>,
	released_extrinsic: Option<u32>,
	released_by: String,
	release_source_hash: String,
}

/// RFC 4180 CSV with CRLF line ends: a header from the row type's fields, then the rows.
fn to_csv<R: Serialize>(rows: impl IntoIterator<Item = R>) -> Result<Vec<u8>, AuditError> {
	let fail = |error: csv::Error| AuditError::Other(format!("cannot write a CSV row: {error}"));
	let mut writer =
		csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
	for row in rows {
		writer.serialize(row).map_err(fail)?;
	}
	writer.into_inner().map_err(|error| AuditError::Other(format!("cannot write the CSV: {error}")))
}

/// `titles.csv`: one row per title version, in parcel and version order (docs/TITLES-CSV.md).
pub fn titles_csv(registry: &Registry) -> Result<Vec<u8>, AuditError> {
	to_csv(registry.versions().map(|(parcel, version)| title_row(parcel, version)))
}

/// `encumbrances.csv`: one row per encumbrance ever recorded.
pub fn encumbrances_csv(registry: &Registry) -> Result<Vec<u8>, AuditError> {
	let rows = registry.parcels.iter().flat_map(|(id, parcel)| {
		parcel.encumbrances.iter().map(move |encumbrance| {
			let terms = serde_json::to_value(&encumbrance.kind).unwrap_or(Value::Null);
			let kind = terms
				.as_object()
				.and_then(|object| object.keys().next().cloned())
				.unwrap_or_else(|| terms.to_string());
			let released = encumbrance.released.as_ref();
			EncumbranceRow {
				parcel: *id,
				encumbrance: encumbrance.id,
				kind,
				terms: terms.to_string(),
				source_kind: source_kind(&encumbrance.source),
				source_hash: hash(encumbrance.source.document_hash),
				recorded_by: account(&encumbrance.recorded_by),
				recorded_block: encumbrance.recorded.block,
				recorded_extrinsic: encumbrance.recorded.extrinsic,
				released_block: released.map(|r| r.provenance.block),
				released_extrinsic: released.and_then(|r| r.provenance.extrinsic),
				released_by: released
					.map(|r| match &r.registrar {
						Some(registrar) => account(registrar),
						None => "settlement".into(),
					})
					.unwrap_or_default(),
				release_source_hash: released
					.and_then(|r| r.source.as_ref())
					.map(|source| hash(source.document_hash))
					.unwrap_or_default(),
			}
		})
	});
	to_csv(rows)
}

fn provenance(provenance: &crate::titles::Provenance) -> Value {
	json!({
		"block": provenance.block,
		"extrinsic": provenance.extrinsic,
		"signer": provenance.signer.as_ref().map(account),
	})
}

/// The whole report as JSON.
pub fn json(summary: &Summary, registry: &Registry, differences: &[Difference]) -> Value {
	let parcels: Vec<Value> = registry
		.parcels
		.values()
		.map(|entry| {
			let titles: Vec<Value> = entry
				.titles
				.iter()
				.map(|version| {
					json!({
						"title": serde_json::to_value(&version.title).unwrap_or(Value::Null),
						"provenance": provenance(&version.provenance),
						"signers": version.signers().iter().map(account).collect::<Vec<_>>(),
						"sale": version.sale.as_ref().map(|sale| json!({
							"offer": sale.offer,
							"price": sale.price.to_string(),
							"offeredBy": sale.offered_by.as_ref().map(account),
							"consents": sale.consents.iter().map(account).collect::<Vec<_>>(),
							"buyer": sale.buyer.as_ref().map(account),
							"lenders": sale.lenders.iter().map(|(lender, amount, rank)| json!({
								"lender": account(lender), "advance": amount.to_string(), "rank": rank,
							})).collect::<Vec<_>>(),
							"approvedBy": sale.approved_by.as_ref().map(account),
							"payouts": sale.payouts.iter().map(|(to, amount, why)| json!({
								"to": account(to), "amount": amount.to_string(), "kind": why,
							})).collect::<Vec<_>>(),
						})),
						"encumbrancesRecorded": version.encumbrances_recorded,
						"encumbrancesReleased": version.encumbrances_released,
					})
				})
				.collect();
			let encumbrances: Vec<Value> = entry
				.encumbrances
				.iter()
				.map(|encumbrance| {
					json!({
						"id": encumbrance.id,
						"kind": serde_json::to_value(&encumbrance.kind).unwrap_or(Value::Null),
						"source": serde_json::to_value(&encumbrance.source).unwrap_or(Value::Null),
						"recordedBy": account(&encumbrance.recorded_by),
						"recorded": provenance(&encumbrance.recorded),
						"released": encumbrance.released.as_ref().map(|release| json!({
							"provenance": provenance(&release.provenance),
							"source": serde_json::to_value(&release.source).unwrap_or(Value::Null),
							"registrar": release.registrar.as_ref().map(account),
						})),
					})
				})
				.collect();
			json!({
				"parcel": serde_json::to_value(&entry.parcel).unwrap_or(Value::Null),
				"registered": provenance(&entry.registered),
				"titles": titles,
				"encumbrances": encumbrances,
			})
		})
		.collect();
	let upgrades: Vec<Value> = registry
		.upgrades
		.iter()
		.map(|upgrade| {
			json!({
				"provenance": provenance(&upgrade.provenance),
				"fromSpecVersion": upgrade.from_spec_version,
				"toSpecVersion": upgrade.to_spec_version,
				"codeHash": hash(upgrade.code_hash),
			})
		})
		.collect();
	json!({
		"status": if differences.is_empty() { "passed" } else { "failed" },
		"summary": summary,
		"upgrades": upgrades,
		"registryDifferences": differences,
		"parcels": parcels,
	})
}

/// The short human summary.
pub fn summary_text(summary: &Summary, differences: &[Difference]) -> String {
	let mut text = String::new();
	let verdict = if differences.is_empty() {
		"PASSED: every block re-executed to its state root; the rebuilt registry matches the chain"
	} else {
		"FAILED: the rebuilt registry differs from the chain"
	};
	let _ = writeln!(text, "Landchain audit — {verdict}");
	let rows: Vec<(&str, String)> = vec![
		("source", summary.source.clone()),
		("genesis", hash(summary.genesis_hash)),
		(
			"blocks",
			format!("#{}..#{} ({} re-executed)", summary.from, summary.head, summary.blocks),
		),
		(
			"head",
			format!("{} (state root {})", hash(summary.head_hash), hash(summary.head_state_root)),
		),
		("extrinsics", format!("{} ({} signed)", summary.extrinsics, summary.signed_extrinsics)),
		(
			"events compared",
			// The run's first block and every block replayed after it; a node compares only the
			// blocks whose state it still keeps (state pruning).
			format!(
				"{} of {} blocks with the source's own events",
				summary.blocks_with_events_compared,
				summary.blocks + 1
			),
		),
		(
			"events read",
			format!(
				"{} blocks with this audit's runtime types, {} with their own runtime's metadata",
				summary.blocks.saturating_sub(summary.blocks_read_with_their_metadata),
				summary.blocks_read_with_their_metadata
			),
		),
		("parcels", format!("{} ({} active)", summary.parcels, summary.active_parcels)),
		("title versions", summary.title_versions.to_string()),
		("transfers", format!("{} ({} sales)", summary.transfers, summary.sales)),
		("splits / merges", format!("{} / {}", summary.splits, summary.merges)),
		(
			"encumbrances",
			format!(
				"{} recorded, {} released",
				summary.encumbrances_recorded, summary.encumbrances_released
			),
		),
		(
			"runtime upgrades",
			format!(
				"{} (spec_version {} → {})",
				summary.upgrades, summary.spec_version_at_start, summary.spec_version_at_head
			),
		),
		(
			"time",
			format!(
				"{:.1} s ({:.1} blocks/s, {:.1} extrinsics/s)",
				summary.seconds, summary.blocks_per_second, summary.extrinsics_per_second
			),
		),
		(
			"of which",
			format!(
				"setup {:.1} s, replay {:.1} s ({:.1} blocks/s, {:.1} extrinsics/s), waiting for \
				 the source {:.1} s, cross-check {:.1} s",
				summary.setup_seconds,
				summary.replay_seconds,
				summary.replay_blocks_per_second,
				summary.replay_extrinsics_per_second,
				summary.waiting_seconds,
				summary.crosscheck_seconds
			),
		),
		("finality", finality_text(summary)),
		("registry differences", summary.registry_differences.to_string()),
	];
	for (label, value) in rows {
		let _ = writeln!(text, "  {label:<22} {value}");
	}
	for difference in differences.iter().take(20) {
		let _ = writeln!(text, "  - {difference}");
	}
	text
}

/// The `finality` line of the summary.
fn finality_text(summary: &Summary) -> String {
	if !summary.finality_checked {
		return "NOT CHECKED (--skip-finality): the blocks are not proven final".to_string();
	}
	let by = if summary.finality_proven_by == summary.head {
		"its own GRANDPA justification".to_string()
	} else {
		format!(
			"the GRANDPA justification of #{} and the headers up to it",
			summary.finality_proven_by
		)
	};
	format!(
		"head #{} proven final by {by}, signed by {} of {} authorities of set {}; {} \
		 justifications verified, {} authority set changes followed from the chain spec's set",
		summary.head,
		summary.finality_signed_by.0,
		summary.finality_signed_by.1,
		summary.authority_set_id,
		summary.justifications_verified,
		summary.authority_set_changes
	)
}

fn write_file(path: &Path, contents: &[u8]) -> Result<(), AuditError> {
	std::fs::write(path, contents)
		.map_err(|error| AuditError::Other(format!("cannot write {}: {error}", path.display())))
}

/// Writes the report files into `out` (created if needed).
pub fn write(
	out: &Path,
	summary: &Summary,
	registry: &Registry,
	differences: &[Difference],
) -> Result<(), AuditError> {
	std::fs::create_dir_all(out)
		.map_err(|error| AuditError::Other(format!("cannot create {}: {error}", out.display())))?;
	let report = json(summary, registry, differences);
	let pretty = serde_json::to_vec_pretty(&report)
		.map_err(|error| AuditError::Other(format!("cannot encode the report: {error}")))?;
	write_file(&out.join("audit.json"), &pretty)?;
	write_file(&out.join("titles.csv"), &titles_csv(registry)?)?;
	write_file(&out.join("encumbrances.csv"), &encumbrances_csv(registry)?)?;
	write_file(&out.join("summary.txt"), summary_text(summary, differences).as_bytes())
}

/// Writes `audit.json` for a run that stopped at a failed block (no registry report).
pub fn write_failure(out: &Path, error: &AuditError, source: &str) -> Result<(), AuditError> {
	std::fs::create_dir_all(out)
		.map_err(|error| AuditError::Other(format!("cannot create {}: {error}", out.display())))?;
	let report = json!({
		"status": "failed",
		"source": source,
		"error": error.to_string(),
		"block": error.block_number(),
		"mismatch": error.mismatch().map(|mismatch| mismatch.kind()),
	});
	let pretty = serde_json::to_vec_pretty(&report)
		.map_err(|error| AuditError::Other(format!("cannot encode the report: {error}")))?;
	write_file(&out.join("audit.json"), &pretty)?;
	write_file(
		&out.join("summary.txt"),
		format!("Landchain audit — FAILED\n  {error}\n").as_bytes(),
	)
}
