//! The audit report: `audit.json` (everything, machine-readable), `titles.csv` (one row per title
//! version), `encumbrances.csv` (one row per encumbrance) and `summary.txt` (the short human
//! summary, also printed).

use crate::{
	error::AuditError,
	titles::{ParcelEntry, Registry, TitleEntry},
	BlockNumber, Hash,
};
use landchain_runtime::AccountId;
use pallet_land_registry::{Source, TitleChange};
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
	/// Blocks whose reported events were compared with the replayed ones.
	pub blocks_with_events_compared: u64,
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
	/// Blocks re-executed per second.
	pub blocks_per_second: f64,
	/// Extrinsics re-executed per second.
	pub extrinsics_per_second: f64,
	/// Differences between the rebuilt and the on-chain registry.
	pub registry_differences: usize,
}

fn account(account: &AccountId) -> String {
	account.to_ss58check()
}

fn accounts(list: &[AccountId]) -> String {
	list.iter().map(account).collect::<Vec<_>>().join(" ")
}

fn hash(hash: impl AsRef<[u8]>) -> String {
	sp_core::bytes::to_hex(hash.as_ref(), false)
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

/// The change of a title version as `kind`, with the split parent or the dealing, and the price.
fn change(change: &TitleChange<landchain_runtime::Balance>) -> (&'static str, String, String) {
	match change {
		TitleChange::FirstRegistration => ("first-registration", String::new(), String::new()),
		TitleChange::Sale { dealing, price } => ("sale", dealing.to_string(), price.to_string()),
		TitleChange::Inheritance => ("inheritance", String::new(), String::new()),
		TitleChange::CourtOrder => ("court-order", String::new(), String::new()),
		TitleChange::Rectification => ("rectification", String::new(), String::new()),
		TitleChange::Split { parent } => ("split", parent.to_string(), String::new()),
		TitleChange::Merge => ("merge", String::new(), String::new()),
	}
}

fn source_kind(source: &Source) -> String {
	format!("{:?}", source.kind)
}

/// One CSV field, quoted when needed.
fn csv_field(field: &str) -> String {
	if field.contains([',', '"', '\n', '\r']) {
		format!("\"{}\"", field.replace('"', "\"\""))
	} else {
		field.to_string()
	}
}

fn csv_row(fields: &[String]) -> String {
	let mut row = fields.iter().map(|field| csv_field(field)).collect::<Vec<_>>().join(",");
	row.push('\n');
	row
}

/// The columns of `titles.csv`.
pub const TITLES_CSV_HEADER: &str = "parcel,jurisdiction,cadastral_reference,version,block,\
extrinsic,change,split_parent_or_dealing,price,owners,tenure,source_kind,source_hash,recorded_by,\
signers,buyer,payouts,encumbrances_recorded,encumbrances_released";

fn title_row(parcel: &ParcelEntry, version: &TitleEntry) -> Vec<String> {
	let title = &version.title;
	let (kind, reference, price) = change(&title.change);
	let owners = title
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
		.join(" ");
	let tenure = match title.tenure {
		pallet_land_registry::Tenure::Freehold => "freehold".to_string(),
		pallet_land_registry::Tenure::Leasehold { expires_at } => {
			format!("leasehold until {expires_at}")
		}
	};
	let (buyer, payouts) = match &version.sale {
		Some(sale) => (
			sale.buyer.as_ref().map(account).unwrap_or_default(),
			sale.payouts
				.iter()
				.map(|(to, amount, why)| format!("{}:{amount}:{why}", account(to)))
				.collect::<Vec<_>>()
				.join(" "),
		),
		None => (String::new(), String::new()),
	};
	let ids = |ids: &[u64]| ids.iter().map(u64::to_string).collect::<Vec<_>>().join(" ");
	vec![
		title.parcel.to_string(),
		text(&parcel.parcel.jurisdiction),
		text(&parcel.parcel.cadastral_reference),
		title.version.to_string(),
		version.provenance.block.to_string(),
		version.provenance.extrinsic.map(|index| index.to_string()).unwrap_or_default(),
		kind.to_string(),
		reference,
		price,
		owners,
		tenure,
		source_kind(&title.source),
		hash(title.source.document_hash),
		title.recorded_by.as_ref().map(account).unwrap_or_default(),
		accounts(&version.signers()),
		buyer,
		payouts,
		ids(&version.encumbrances_recorded),
		ids(&version.encumbrances_released),
	]
}

/// `titles.csv`: one row per title version, in parcel and version order.
pub fn titles_csv(registry: &Registry) -> String {
	let mut csv = format!("{TITLES_CSV_HEADER}\n");
	for (parcel, version) in registry.versions() {
		csv.push_str(&csv_row(&title_row(parcel, version)));
	}
	csv
}

/// `encumbrances.csv`: one row per encumbrance ever recorded.
pub fn encumbrances_csv(registry: &Registry) -> String {
	let mut csv = String::from(
		"parcel,encumbrance,kind,terms,source_kind,source_hash,recorded_by,recorded_block,\
		 recorded_extrinsic,released_block,released_extrinsic,released_by,release_source_hash\n",
	);
	for (id, parcel) in &registry.parcels {
		for encumbrance in &parcel.encumbrances {
			let terms = serde_json::to_value(&encumbrance.kind).unwrap_or(Value::Null);
			let kind = terms
				.as_object()
				.and_then(|object| object.keys().next().cloned())
				.unwrap_or_else(|| terms.to_string());
			let released = encumbrance.released.as_ref();
			csv.push_str(&csv_row(&[
				id.to_string(),
				encumbrance.id.to_string(),
				kind,
				terms.to_string(),
				source_kind(&encumbrance.source),
				hash(encumbrance.source.document_hash),
				account(&encumbrance.recorded_by),
				encumbrance.recorded.block.to_string(),
				encumbrance.recorded.extrinsic.map(|i| i.to_string()).unwrap_or_default(),
				released.map(|r| r.provenance.block.to_string()).unwrap_or_default(),
				released
					.and_then(|r| r.provenance.extrinsic)
					.map(|i| i.to_string())
					.unwrap_or_default(),
				released
					.map(|r| match &r.registrar {
						Some(registrar) => account(registrar),
						None => "settlement".into(),
					})
					.unwrap_or_default(),
				released
					.and_then(|r| r.source.as_ref())
					.map(|source| hash(source.document_hash))
					.unwrap_or_default(),
			]));
		}
	}
	csv
}

fn provenance(provenance: &crate::titles::Provenance) -> Value {
	json!({
		"block": provenance.block,
		"extrinsic": provenance.extrinsic,
		"signer": provenance.signer.as_ref().map(account),
	})
}

/// The whole report as JSON.
pub fn json(summary: &Summary, registry: &Registry, differences: &[String]) -> Value {
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
pub fn summary_text(summary: &Summary, differences: &[String]) -> String {
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
		("events compared", format!("{} blocks", summary.blocks_with_events_compared)),
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

fn write_file(path: &Path, contents: &[u8]) -> Result<(), AuditError> {
	std::fs::write(path, contents)
		.map_err(|error| AuditError::Other(format!("cannot write {}: {error}", path.display())))
}

/// Writes the report files into `out` (created if needed).
pub fn write(
	out: &Path,
	summary: &Summary,
	registry: &Registry,
	differences: &[String],
) -> Result<(), AuditError> {
	std::fs::create_dir_all(out)
		.map_err(|error| AuditError::Other(format!("cannot create {}: {error}", out.display())))?;
	let report = json(summary, registry, differences);
	let pretty = serde_json::to_vec_pretty(&report)
		.map_err(|error| AuditError::Other(format!("cannot encode the report: {error}")))?;
	write_file(&out.join("audit.json"), &pretty)?;
	write_file(&out.join("titles.csv"), titles_csv(registry).as_bytes())?;
	write_file(&out.join("encumbrances.csv"), encumbrances_csv(registry).as_bytes())?;
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
