//! Offline audits of an archive of a natively built dev chain: the untouched archive passes and
//! its chains of title are rebuilt as expected; a modified block, a dropped block and a modified
//! event stream are each detected and named (block number and what differs).

use landchain_audit::{
	archive, audit, synthetic, titles::Registry, AuditError, Mismatch, Options, SourceBlock,
};
use landchain_runtime::pallets::land_registry::{ParcelStatus, TitleChange};
use sp_core::storage::Storage;
use sp_keyring::Sr25519Keyring;
use std::{path::PathBuf, sync::OnceLock};

/// Blocks of the test history after genesis.
const BLOCKS: u32 = 12;
/// Parcels registered per block.
const PER_BLOCK: u32 = 2;

struct Fixture {
	genesis: Storage,
	blocks: Vec<SourceBlock>,
}

fn fixture() -> &'static Fixture {
	static FIXTURE: OnceLock<Fixture> = OnceLock::new();
	FIXTURE.get_or_init(|| {
		let genesis = synthetic::dev_genesis().expect("the dev genesis builds");
		let history =
			synthetic::registry_history(&genesis, BLOCKS, PER_BLOCK).expect("the history builds");
		Fixture { genesis, blocks: history.blocks }
	})
}

fn temp_dir(name: &str) -> PathBuf {
	let dir = std::env::temp_dir().join(format!("landchain-audit-{name}-{}", std::process::id()));
	let _ = std::fs::remove_dir_all(&dir);
	std::fs::create_dir_all(&dir).expect("temp dir is writable");
	dir
}

/// Writes `blocks` as an archive and audits it offline.
fn audit_blocks(
	name: &str,
	blocks: &[SourceBlock],
) -> Result<landchain_audit::Outcome, AuditError> {
	let dir = temp_dir(name);
	let path = dir.join("chain.lcaudit");
	archive::write(&path, blocks).expect("the archive is written");
	let mut source = archive::ArchiveSource::open(&path).expect("the archive opens");
	let options = Options { out: Some(dir.join("report")), ..Default::default() };
	audit(&mut source, fixture().genesis.clone(), &options)
}

fn expect_block_failure(result: Result<landchain_audit::Outcome, AuditError>) -> (u32, Mismatch) {
	match result {
		Err(AuditError::Block { number, mismatch, .. }) => (number, mismatch),
		Err(other) => panic!("expected a block mismatch, got: {other}"),
		Ok(_) => panic!("a tampered chain must fail the audit"),
	}
}

#[test]
fn the_untouched_archive_passes_and_rebuilds_every_chain_of_title() {
	let blocks = &fixture().blocks;
	let outcome = audit_blocks("clean", blocks).unwrap_or_else(|error| panic!("{error}"));
	let summary = &outcome.summary;
	assert_eq!(summary.head, BLOCKS);
	assert_eq!(summary.blocks, u64::from(BLOCKS));
	assert_eq!(summary.blocks_with_events_compared, u64::from(BLOCKS) + 1);
	assert_eq!(summary.registry_differences, 0);

	// The first parcel registered (after the five demo parcels) went through every step.
	let registry: &Registry = &outcome.registry;
	let alice = Sr25519Keyring::Alice.to_account_id();
	let bob = Sr25519Keyring::Bob.to_account_id();
	let entry = registry.parcels.get(&6).expect("parcel 6 was registered in block 1");
	assert_eq!(entry.registered.block, 1);
	assert_eq!(entry.titles.len(), 2);
	let (first, second) = (&entry.titles[0], &entry.titles[1]);
	assert_eq!(first.title.change, TitleChange::FirstRegistration);
	assert_eq!((first.provenance.block, first.provenance.signer.clone()), (1, Some(alice.clone())));
	assert_eq!(first.provenance.extrinsic, Some(1), "after the timestamp inherent");
	assert_eq!(first.encumbrances_recorded.len(), 1, "the lien of block 2");
	assert_eq!(first.encumbrances_released, first.encumbrances_recorded);
	// Proposed in block 3, confirmed in block 4, enacted after the dev chain's 5-block notice.
	assert_eq!(second.title.change, TitleChange::Inheritance);
	assert_eq!(second.provenance.block, 9);
	assert_eq!(second.title.recorded_by, Some(alice.clone()), "the proposing registrar");
	assert_eq!(second.title.owners[0].account, Sr25519Keyring::Dave.to_account_id());
	let lien = &entry.encumbrances[0];
	assert_eq!((lien.recorded.block, lien.recorded_by.clone()), (2, bob.clone()));
	let release = lien.released.as_ref().expect("discharged in block 3");
	assert_eq!((release.provenance.block, release.registrar.clone()), (3, None));
	assert_eq!(release.provenance.signer, Some(Sr25519Keyring::Ferdie.to_account_id()));
	match &entry.parcel.status {
		ParcelStatus::SplitInto { children, at } => {
			assert_eq!(*at, 10);
			for child in children.iter() {
				let child = registry.parcels.get(child).expect("children are registered");
				assert_eq!(child.titles[0].title.change, TitleChange::Split { parent: 6 });
				assert_eq!(child.titles[0].title.owners, second.title.owners);
			}
		}
		status => panic!("parcel 6 should be split, is {status:?}"),
	}
	// The demo parcels of the genesis state keep their first titles.
	assert_eq!(registry.parcels.get(&1).map(|p| p.titles.len()), Some(1));
}

#[test]
fn the_report_has_one_csv_row_per_title_version_and_a_json_summary() {
	let dir = temp_dir("report");
	let path = dir.join("chain.lcaudit");
	archive::write(&path, &fixture().blocks).expect("written");
	let mut source = archive::ArchiveSource::open(&path).expect("opens");
	let out = dir.join("report");
	let options = Options { out: Some(out.clone()), ..Default::default() };
	let outcome = audit(&mut source, fixture().genesis.clone(), &options).expect("passes");
	let (header, rows) = read_csv(&out.join("titles.csv"));
	assert_eq!(header, documented_title_columns(), "titles.csv has the columns of TITLES-CSV.md");
	let versions: usize = outcome.registry.parcels.values().map(|p| p.titles.len()).sum();
	assert_eq!(rows.len(), versions, "one row per version");
	assert!(
		rows.iter().any(|row| {
			(
				row["parcel"].as_str(),
				row["jurisdiction"].as_str(),
				row["cadastral_reference"].as_str(),
			) == ("6", "LC-BENCH", "B0-0")
				&& (row["version"].as_str(), row["recorded_at"].as_str()) == ("2", "9")
				&& row["change"] == "inheritance"
				&& (row["parcel_status"].as_str(), row["current"].as_str()) == ("split", "false")
		}),
		"the inheritance of parcel 6 is its last version, retired by the split of block 10"
	);
	let json: serde_json::Value =
		serde_json::from_slice(&std::fs::read(out.join("audit.json")).expect("audit.json"))
			.expect("valid JSON");
	assert_eq!(json["status"], "passed");
	assert_eq!(json["summary"]["head"], BLOCKS);
	let summary = std::fs::read_to_string(out.join("summary.txt")).expect("summary.txt");
	assert!(summary.contains("PASSED"), "{summary}");
}

#[test]
fn a_modified_extrinsic_is_named() {
	let mut blocks = fixture().blocks.clone();
	let block = &mut blocks[3].block.block;
	let mut bytes = block.extrinsics[2].inner().to_vec();
	let last = bytes.len() - 1;
	bytes[last] ^= 1;
	block.extrinsics[2] = landchain_audit::OpaqueExtrinsic::from_blob(bytes);
	let (number, mismatch) = expect_block_failure(audit_blocks("extrinsic", &blocks));
	assert_eq!(number, 3);
	assert!(matches!(mismatch, Mismatch::ExtrinsicsRoot { .. }), "{mismatch}");
}

#[test]
fn a_modified_header_is_named() {
	// The state root of block 4 is altered: the header no longer hashes to the listed hash.
	let mut blocks = fixture().blocks.clone();
	blocks[4].block.block.header.state_root = landchain_audit::Hash::repeat_byte(9);
	let (number, mismatch) = expect_block_failure(audit_blocks("header", &blocks));
	assert_eq!(number, 4);
	assert!(matches!(mismatch, Mismatch::BlockHash { .. }), "{mismatch}");

	// Without a listed hash to compare with, the author's seal no longer covers the header.
	blocks[4].hash = None;
	let (number, mismatch) = expect_block_failure(audit_blocks("header-unlisted", &blocks));
	assert_eq!(number, 4);
	assert!(matches!(mismatch, Mismatch::Seal(_)), "{mismatch}");
}

/// Changes the GRANDPA justification the head of `blocks` carries.
fn change_head_justification(blocks: &mut [SourceBlock], change: impl FnOnce(&mut Vec<u8>)) {
	use sp_consensus_grandpa::GRANDPA_ENGINE_ID;
	let head = blocks.last_mut().expect("blocks");
	let mut justification = head
		.block
		.justifications
		.as_ref()
		.and_then(|justifications| justifications.get(GRANDPA_ENGINE_ID))
		.cloned()
		.expect("the synthetic head carries a justification");
	change(&mut justification);
	head.block.justifications =
		Some(sp_runtime::Justifications::from((GRANDPA_ENGINE_ID, justification)));
}

fn expect_finality_failure(result: Result<landchain_audit::Outcome, AuditError>) -> (u32, String) {
	match expect_block_failure(result) {
		(number, Mismatch::Finality(what)) => (number, what),
		(number, other) => panic!("expected a finality failure, got block #{number}: {other}"),
	}
}

#[test]
fn the_head_is_proven_final_by_the_chain_spec_authority_and_the_report_says_so() {
	let outcome = audit_blocks("finality", &fixture().blocks).unwrap_or_else(|e| panic!("{e}"));
	let summary = &outcome.summary;
	assert!(summary.finality_checked);
	assert_eq!((summary.finality_proven_by, summary.finality_signed_by), (BLOCKS, (1, 1)));
	assert_eq!((summary.justifications_verified, summary.authority_set_id), (1, 0));
	let text = landchain_audit::report::summary_text(summary, &[]);
	assert!(
		text.contains(&format!("head #{BLOCKS} proven final by its own GRANDPA justification")),
		"{text}"
	);
}

#[test]
fn a_forged_justification_fails_the_audit_naming_the_block() {
	let mut blocks = fixture().blocks.clone();
	change_head_justification(&mut blocks, |justification| {
		let byte = justification.len() - 40; // inside the precommit's signature
		justification[byte] ^= 1;
	});
	let (number, what) = expect_finality_failure(audit_blocks("forged", &blocks));
	assert_eq!(number, BLOCKS);
	assert!(what.contains("does not verify against authority set 0"), "{what}");

	// Signed correctly, but by a key the chain spec does not name.
	let mut blocks = fixture().blocks.clone();
	let header = blocks.last().expect("head").block.block.header.clone();
	change_head_justification(&mut blocks, |justification| {
		*justification = landchain_audit::finality::sign_justification(
			&header,
			0,
			&[sp_keyring::Ed25519Keyring::Bob.pair()],
		)
	});
	let (number, what) = expect_finality_failure(audit_blocks("stranger", &blocks));
	assert_eq!(number, BLOCKS);
	assert!(what.contains("does not verify"), "{what}");

	// A justification of another block, attached to this one.
	let mut blocks = fixture().blocks.clone();
	let earlier = blocks[3].block.block.header.clone();
	change_head_justification(&mut blocks, |justification| {
		*justification = landchain_audit::finality::sign_justification(
			&earlier,
			0,
			&[sp_keyring::Ed25519Keyring::Alice.pair()],
		)
	});
	let (number, what) = expect_finality_failure(audit_blocks("elsewhere", &blocks));
	assert_eq!(number, BLOCKS);
	assert!(what.contains("finalizes #3"), "{what}");
}

#[test]
fn a_forged_justification_before_the_head_is_named_too() {
	let mut blocks = fixture().blocks.clone();
	let header = blocks[5].block.block.header.clone();
	blocks[5].block.justifications = Some(sp_runtime::Justifications::from((
		sp_consensus_grandpa::GRANDPA_ENGINE_ID,
		landchain_audit::finality::sign_justification(
			&header,
			0,
			&[sp_keyring::Ed25519Keyring::Eve.pair()],
		),
	)));
	let (number, what) = expect_finality_failure(audit_blocks("forged-5", &blocks));
	assert_eq!(number, 5);
	assert!(what.contains("does not verify"), "{what}");
}

#[test]
fn a_missing_justification_fails_the_audit_unless_finality_is_skipped() {
	let mut blocks = fixture().blocks.clone();
	blocks.last_mut().expect("head").block.justifications = None;
	let error = audit_blocks("missing", &blocks).expect_err("an unproven head fails");
	let message = error.to_string();
	let (number, what) = expect_finality_failure(Err(error));
	assert_eq!(number, BLOCKS);
	assert!(what.contains("no GRANDPA justification proves the block final"), "{what}");
	assert!(message.contains("--skip-finality"), "the message says what to do: {message}");

	let dir = temp_dir("missing-skipped");
	let path = dir.join("chain.lcaudit");
	archive::write(&path, &blocks).expect("written");
	let mut source = archive::ArchiveSource::open(&path).expect("opens");
	let options = Options { skip_finality: true, ..Default::default() };
	let outcome = audit(&mut source, fixture().genesis.clone(), &options).expect("skipped");
	assert!(!outcome.summary.finality_checked);
	let text = landchain_audit::report::summary_text(&outcome.summary, &[]);
	assert!(text.contains("NOT CHECKED"), "{text}");
}

#[test]
fn a_dropped_block_is_named() {
	let mut blocks = fixture().blocks.clone();
	blocks.remove(3);
	let error = audit_blocks("dropped", &blocks).expect_err("a gap fails the audit");
	let message = error.to_string();
	let (number, mismatch) = expect_block_failure(Err(error));
	assert_eq!(number, 4, "block #4 arrives where #3 should");
	assert_eq!(mismatch, Mismatch::Number { expected: 3, found: 4 });
	assert!(message.contains("#3 missing"), "{message}");
}

#[test]
fn a_modified_event_stream_is_named() {
	let mut blocks = fixture().blocks.clone();
	let events = blocks[2].events.as_mut().expect("the archive carries events");
	let last = events.len() - 1;
	events[last] ^= 0x40;
	let (number, mismatch) = expect_block_failure(audit_blocks("events", &blocks));
	assert_eq!(number, 2);
	assert!(matches!(mismatch, Mismatch::Events(_)), "{mismatch}");
}

#[test]
fn an_audit_resumes_from_a_checkpoint_and_stops_where_asked() {
	let dir = temp_dir("checkpoint");
	let path = dir.join("chain.lcaudit");
	archive::write(&path, &fixture().blocks).expect("written");
	let checkpoint = dir.join("at-3.checkpoint");

	let mut source = archive::ArchiveSource::open(&path).expect("opens");
	// Block 3 carries no justification (only the head does): the first part skips finality.
	let first = Options {
		to: Some(3),
		checkpoint_out: Some(checkpoint.clone()),
		skip_finality: true,
		..Default::default()
	};
	let outcome =
		audit(&mut source, fixture().genesis.clone(), &first).expect("the first part passes");
	assert_eq!((outcome.summary.head, outcome.summary.blocks), (3, 3));
	assert!(!outcome.summary.finality_checked);

	let mut source = archive::ArchiveSource::open(&path).expect("opens");
	let rest = Options { from_checkpoint: Some(checkpoint), ..Default::default() };
	let resumed = audit(&mut source, fixture().genesis.clone(), &rest).expect("the rest passes");
	assert_eq!((resumed.summary.from, resumed.summary.head), (3, BLOCKS));
	assert_eq!(resumed.summary.blocks, u64::from(BLOCKS - 3));

	let whole = audit_blocks("checkpoint-whole", &fixture().blocks).expect("passes");
	assert_eq!(resumed.registry, whole.registry, "resuming rebuilds the same registry");

	let mut source = archive::ArchiveSource::open(&path).expect("opens");
	let beyond = Options { to: Some(BLOCKS + 1), ..Default::default() };
	let error =
		audit(&mut source, fixture().genesis.clone(), &beyond).expect_err("beyond the head");
	assert!(error.to_string().contains("beyond the last block"), "{error}");
}

#[test]
fn an_export_blocks_file_is_audited_with_the_replayed_events() {
	let dir = temp_dir("export");
	let path = dir.join("blocks.bin");
	let blocks = &fixture().blocks;
	landchain_audit::source::write_exported_blocks(&path, blocks).expect("written");
	let mut source =
		landchain_audit::source::ExportedBlocksSource::open(&path).expect("the export opens");
	let outcome = audit(&mut source, fixture().genesis.clone(), &Options::default())
		.unwrap_or_else(|error| panic!("{error}"));
	assert_eq!(outcome.summary.head, BLOCKS);
	assert_eq!(outcome.summary.blocks_with_events_compared, 0, "an export has no events");
	assert_eq!(outcome.registry, audit_blocks("export-whole", blocks).expect("passes").registry);
}

#[test]
fn a_registry_that_differs_from_the_chain_is_reported_in_detail() {
	use landchain_audit::{crosscheck, replay::Replayer};
	let genesis = fixture().genesis.clone();
	let replayer = Replayer::from_genesis(genesis, &fixture().blocks[0].block).expect("genesis");
	let differences = replayer.with_state(|| {
		let mut registry = Registry::from_storage();
		assert!(crosscheck::compare(&registry).is_empty(), "the genesis registry matches");
		// Rebuilt wrongly: parcel 2's owners swapped for Ferdie, parcel 5 forgotten.
		let title = &mut registry.parcels.get_mut(&2).expect("demo parcel 2").titles[0].title;
		title.owners[0].account = Sr25519Keyring::Ferdie.to_account_id();
		registry.parcels.remove(&5);
		crosscheck::compare(&registry)
	});
	let text = differences.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
	assert!(text.contains("current title of parcel 2 differs"), "{text}");
	assert!(text.contains("owner index"), "{text}");
	assert!(text.contains("parcel 5 is on chain"), "{text}");
}

/// A CSV file's header and its rows keyed by column name.
fn read_csv(
	path: &std::path::Path,
) -> (Vec<String>, Vec<std::collections::HashMap<String, String>>) {
	let mut reader = csv::Reader::from_path(path).expect("the CSV opens");
	let header: Vec<String> =
		reader.headers().expect("a header row").iter().map(str::to_string).collect();
	let rows = reader.deserialize().map(|row| row.expect("a well-formed row")).collect();
	(header, rows)
}

/// The columns `docs/TITLES-CSV.md` documents, in order (its table's second column).
fn documented_title_columns() -> Vec<String> {
	let doc = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/TITLES-CSV.md");
	let text = std::fs::read_to_string(&doc).expect("docs/TITLES-CSV.md");
	text.lines()
		.filter_map(|line| {
			let mut cells = line.split('|').map(str::trim).skip(1);
			let number = cells.next()?;
			let column = cells.next()?;
			(number.parse::<u32>().is_ok()).then(|| column.trim_matches('`').to_string())
		})
		.collect()
}
