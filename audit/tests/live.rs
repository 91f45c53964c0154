//! The audit of a real chain: starts `landchain-node --dev --tmp` on free loopback ports, drives
//! registry activity through signed extrinsics (a mortgage and a sale that discharges it, a split,
//! a lien recorded and released, a runtime upgrade through a council motion, an inheritance under
//! the new runtime), waits for finality, then audits the node over RPC and checks the rebuilt
//! chains of title. Then `landchain-node audit` re-verifies the saved archive offline, and fails
//! with the block named on a copy with a block dropped. A node killed and restarted under a
//! connected client: the client reconnects (as an audit does when its RPC node restarts).
//!
//! Needs the release node (`$CARGO_TARGET_DIR/release/landchain-node`, or `LANDCHAIN_NODE`) and
//! the upgrade-test runtime (`landchain-runtime-upgrade-test`'s compressed wasm in the same target
//! directory, or `LANDCHAIN_UPGRADE_WASM`); `scripts/test.sh` builds both first.

#[path = "support/node.rs"]
mod support;

use codec::{Decode, Encode};
use frame_support::dispatch::GetDispatchInfo;
use landchain_audit::{
	archive, audit,
	events::{self, EventRecord},
	source::{RpcClient, RpcSource},
	synthetic::{self, document, ChainContext},
	Hash, Options,
};
use landchain_primitives::storage::system_events;
use landchain_runtime::pallets::land_registry::{
	ChildParcel, EncumbranceKind, LandUse, LawfulTransferReason, Owner, ParcelAttributes,
	SourceKind, Tenure, TitleChange,
};
use landchain_runtime::pallets::{collective, conveyance, land_registry, upgrade_gate};
use landchain_runtime::{RuntimeCall, RuntimeEvent, UNIT};
use serde_json::Value;
use sp_core::crypto::Ss58Codec;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::traits::{BlakeTwo256, ConstU32, Hash as _};
use std::{
	path::PathBuf,
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// How long one transaction may take to be included, and the chain to finalize it.
const INCLUSION_TIMEOUT: Duration = Duration::from_secs(90);
/// How long the node may take to start serving RPC.
const START_TIMEOUT: Duration = Duration::from_secs(90);

fn node_binary() -> PathBuf {
	support::node_binary().unwrap_or_else(|missing| panic!("{missing}"))
}

fn upgrade_wasm() -> Vec<u8> {
	let path = std::env::var_os("LANDCHAIN_UPGRADE_WASM").map(PathBuf::from).unwrap_or_else(|| {
		support::target_dir().join(
			"release/wbuild/landchain-runtime-upgrade-test/\
			 landchain_runtime_upgrade_test.compact.compressed.wasm",
		)
	});
	std::fs::read(&path).unwrap_or_else(|error| {
		panic!(
			"{}: {error}; build it with `cargo build --release -p landchain-runtime-upgrade-test`",
			path.display()
		)
	})
}

/// The dev node, killed and reaped when dropped (also when the test fails), and its log (stderr),
/// removed then.
struct Node {
	child: Child,
	log: PathBuf,
}

impl Drop for Node {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
		let _ = std::fs::remove_file(&self.log);
	}
}

/// Starts `landchain-node --dev` with `extra` arguments (a `--tmp` or `--base-path`) on loopback,
/// serving RPC on `rpc_port`, or on a port it picks itself when `None`; returns the node and the
/// port it serves RPC on, once it does.
fn spawn_dev_node(rpc_port: Option<u16>, extra: &[&str]) -> (Node, u16) {
	static STARTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
	let count = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
	let log = std::env::temp_dir()
		.join(format!("landchain-audit-live-{}-{count}.log", std::process::id()));
	let stderr = std::fs::File::create(&log).expect("the node's log is writable");
	let mut ports = support::LOOPBACK_ANY_PORT.map(String::from);
	if let Some(port) = rpc_port {
		ports[1] = port.to_string();
	}
	let child = Command::new(node_binary())
		.args(["--dev", "--no-prometheus", "--no-telemetry", "--no-mdns"])
		.args(&ports)
		.args(extra)
		.stdout(Stdio::null())
		.stderr(stderr)
		.spawn()
		.expect("landchain-node starts");
	let mut node = Node { child, log };
	let port = support::wait_for_rpc_port(&mut node.child, &node.log, 0, START_TIMEOUT);
	if let Some(wanted) = rpc_port {
		assert_eq!(port, wanted, "the restarted node could not bind its earlier RPC port");
	}
	(node, port)
}

#[test]
fn the_rpc_port_is_read_from_the_last_server_line_of_a_node_log() {
	assert_eq!(support::rpc_port_in_log("starting\n"), None);
	let log = "x Running JSON-RPC server: addr=127.0.0.1:43037,[::1]:34631\n\
	           y Running JSON-RPC server: addr=127.0.0.1:40001,[::1]:40002\n";
	assert_eq!(support::rpc_port_in_log(log), Some(40001));
}

/// Connects to `url`, retrying while `node` starts.
fn connect_when_up(node: &mut Node, url: &str) -> RpcClient {
	let deadline = Instant::now() + START_TIMEOUT;
	loop {
		match RpcClient::connect(url) {
			Ok(client) => return client,
			Err(error) => {
				assert!(Instant::now() < deadline, "the node never served RPC: {error}");
				assert!(node.child.try_wait().ok().flatten().is_none(), "the node exited");
				std::thread::sleep(Duration::from_millis(500));
			}
		}
	}
}

/// Starts `landchain-node --dev --tmp` with `extra` arguments on free loopback ports; returns the
/// node (killed when dropped), its RPC URL and a connected client.
fn start_dev_node(extra: &[&str]) -> (Node, String, RpcClient) {
	let mut extra = extra.to_vec();
	extra.push("--tmp");
	let (mut node, rpc_port) = spawn_dev_node(None, &extra);
	let url = format!("ws://127.0.0.1:{rpc_port}");
	let client = connect_when_up(&mut node, &url);
	(node, url, client)
}

fn hex(bytes: &[u8]) -> String {
	sp_core::bytes::to_hex(bytes, false)
}

fn parse_number(value: &Value) -> u32 {
	value["number"]
		.as_str()
		.and_then(|hex| u32::from_str_radix(hex.trim_start_matches("0x"), 16).ok())
		.expect("a header has a hex number")
}

/// A test's view of the live chain: its client and signing context.
struct Chain {
	client: RpcClient,
	context: ChainContext,
	/// The last block searched for inclusions.
	searched: u32,
}

/// Where a transaction landed.
struct Included {
	block: u32,
	events: Vec<EventRecord>,
}

impl Chain {
	fn best(&self) -> u32 {
		let header: Value = self.client.request("chain_getHeader", vec![]).expect("best header");
		parse_number(&header)
	}

	fn finalized(&self) -> u32 {
		let hash: Value = self.client.request("chain_getFinalizedHead", vec![]).expect("head");
		let header: Value = self.client.request("chain_getHeader", vec![hash]).expect("header");
		parse_number(&header)
	}

	/// The runtime version transactions are signed for: the one at the *finalized* head. Right
	/// after an upgrade the best block already reports the new version while the transaction
	/// pool may still validate against its parent (old runtime, hence "bad signature"); once the
	/// upgrade is final, the pool is past it.
	fn refresh_version(&mut self) {
		let head: Value = self.client.request("chain_getFinalizedHead", vec![]).expect("head");
		let version: Value =
			self.client.request("state_getRuntimeVersion", vec![head]).expect("runtime version");
		self.context.spec_version = version["specVersion"].as_u64().expect("specVersion") as u32;
		self.context.transaction_version =
			version["transactionVersion"].as_u64().expect("transactionVersion") as u32;
	}

	/// Submits each call signed by its account, waits (bounded) until all are in blocks and
	/// succeeded, and returns where each landed, in order.
	fn submit(&mut self, calls: Vec<(Sr25519Keyring, RuntimeCall)>) -> Vec<Included> {
		let mut pending = Vec::new();
		// Nonces are counted here for a signer's second call in a batch: asking the node again
		// could race the pool's import of the first one.
		let mut nonces: std::collections::BTreeMap<String, u32> = Default::default();
		for (signer, call) in calls {
			let address = signer.to_account_id().to_ss58check();
			let nonce = match nonces.get(&address) {
				Some(next) => *next,
				None => self
					.client
					.request("system_accountNextIndex", vec![address.clone().into()])
					.expect("a nonce"),
			};
			nonces.insert(address, nonce + 1);
			let extrinsic = synthetic::sign(signer, nonce, call, &self.context).encode();
			let _: Value = self
				.client
				.request("author_submitExtrinsic", vec![hex(&extrinsic).into()])
				.unwrap_or_else(|error| panic!("the node accepts the transaction: {error}"));
			pending.push(hex(&extrinsic));
		}
		let mut found: Vec<Option<Included>> = pending.iter().map(|_| None).collect();
		let deadline = Instant::now() + INCLUSION_TIMEOUT;
		while found.iter().any(Option::is_none) {
			assert!(Instant::now() < deadline, "transactions not included in time");
			std::thread::sleep(Duration::from_millis(500));
			let best = self.best();
			while self.searched < best {
				let number = self.searched + 1;
				let hash: Value =
					self.client.request("chain_getBlockHash", vec![number.into()]).expect("hash");
				let block: Value =
					self.client.request("chain_getBlock", vec![hash.clone()]).expect("block");
				let extrinsics =
					block["block"]["extrinsics"].as_array().cloned().unwrap_or_default();
				for (slot, wanted) in pending.iter().enumerate() {
					let Some(index) = extrinsics.iter().position(|e| e.as_str() == Some(wanted))
					else {
						continue;
					};
					let raw: Option<String> = self
						.client
						.request(
							"state_getStorage",
							vec![hex(&system_events()).into(), hash.clone()],
						)
						.expect("events");
					let raw = raw
						.map(|raw| sp_core::bytes::from_hex(&raw).expect("hex"))
						.unwrap_or_default();
					// Read as the audit reads them: with the block's own runtime's metadata (the
					// upgrade-test runtime's `TitleRecorded` differs from the compiled one).
					let types = self.event_types(&hash);
					let outcome = events::decode_dynamic(&raw, &types)
						.expect("events decode")
						.into_iter()
						.find(|record| {
							record.phase == frame_system::Phase::ApplyExtrinsic(index as u32)
								&& matches!(
									events::names(&record.event),
									("System", "ExtrinsicSuccess" | "ExtrinsicFailed")
								)
						})
						.map(|record| {
							events::name(&record.event) + " " + &record.event.to_string()
						});
					match outcome {
						Some(outcome) if outcome.starts_with("System.ExtrinsicSuccess") => {}
						other => panic!("transaction #{slot} in block #{number} failed: {other:?}"),
					}
					let records = events::read(&raw, &types).expect("events read");
					let events = records
						.into_iter()
						.filter(|record| {
							record.phase == frame_system::Phase::ApplyExtrinsic(index as u32)
						})
						.collect();
					found[slot] = Some(Included { block: number, events });
				}
				self.searched = number;
			}
		}
		found.into_iter().map(|included| included.expect("all found")).collect()
	}

	/// The event types of the runtime that ran block `hash`, from its metadata.
	fn event_types(&self, hash: &Value) -> events::EventTypes {
		let version = hex(&events::METADATA_VERSION.encode());
		let raw: String = self
			.client
			.request(
				"state_call",
				vec!["Metadata_metadata_at_version".into(), version.into(), hash.clone()],
			)
			.expect("metadata");
		let bytes = sp_core::bytes::from_hex(&raw).expect("hex");
		let metadata = Option::<Vec<u8>>::decode(&mut &bytes[..])
			.expect("an optional metadata")
			.expect("the runtime serves metadata version 15");
		events::EventTypes::from_metadata(&metadata).expect("valid metadata")
	}
}

fn registry_event<T>(
	included: &Included,
	pick: impl Fn(&land_registry::Event<landchain_runtime::Runtime>) -> Option<T>,
) -> T {
	included
		.events
		.iter()
		.find_map(|record| match &record.event {
			RuntimeEvent::LandRegistry(event) => pick(event),
			_ => None,
		})
		.expect("the registry event is there")
}

#[test]
fn a_live_dev_chain_with_sales_splits_and_an_upgrade_audits_clean() {
	let (node, url, client) = start_dev_node(&[]);
	let genesis: String =
		client.request("chain_getBlockHash", vec![0.into()]).expect("the genesis hash");
	let genesis_hash = Hash::from_slice(&sp_core::bytes::from_hex(&genesis).expect("hex"));
	let mut chain = Chain {
		client,
		context: ChainContext { genesis_hash, spec_version: 0, transaction_version: 0 },
		searched: 0,
	};
	chain.refresh_version();
	let first_spec = chain.context.spec_version;
	use land_registry::Call as Registry;

	// A mortgage on Charlie's parcel 1 (with his consent), a new parcel for Dave, a lien on 3.
	let price = 100_000 * UNIT;
	let mortgage = 40_000 * UNIT;
	let batch = chain.submit(vec![
		(
			Charlie,
			RuntimeCall::LandRegistry(Registry::consent_to_mortgage {
				parcel: 1,
				lender: Eve.to_account_id(),
				amount: mortgage,
				rank: 1,
			}),
		),
		(Alice, synthetic::register("AUDIT-1", 1_000, Dave.to_account_id())),
		(
			Bob,
			RuntimeCall::LandRegistry(Registry::record_encumbrance {
				parcel: 3,
				kind: EncumbranceKind::Lien { holder: Ferdie.to_account_id(), amount: 5 * UNIT },
				source: document(SourceKind::CourtOrder, "rates claim"),
			}),
		),
	]);
	let new_parcel = registry_event(&batch[1], |event| match event {
		land_registry::Event::ParcelRegistered { parcel, .. } => Some(*parcel),
		_ => None,
	});
	let lien = registry_event(&batch[2], |event| match event {
		land_registry::Event::EncumbranceRecorded { encumbrance, .. } => Some(*encumbrance),
		_ => None,
	});

	// The mortgage is recorded, the new parcel split, the lien discharged by its holder.
	let children = ["A", "B"]
		.iter()
		.zip([400u64, 600])
		.map(|(suffix, area_m2)| ChildParcel {
			cadastral_reference: format!("AUDIT-1/{suffix}")
				.into_bytes()
				.try_into()
				.expect("short"),
			attributes: ParcelAttributes {
				area_m2,
				land_use: LandUse::Residential,
				geometry_hash: Hash::repeat_byte(3),
			},
		})
		.collect::<Vec<_>>()
		.try_into()
		.expect("two children fit");
	let batch = chain.submit(vec![
		(
			Alice,
			RuntimeCall::LandRegistry(Registry::record_encumbrance {
				parcel: 1,
				kind: EncumbranceKind::Mortgage {
					lender: Eve.to_account_id(),
					amount: mortgage,
					rank: 1,
				},
				source: document(SourceKind::MortgageInstrument, "mortgage of parcel 1"),
			}),
		),
		(
			Alice,
			RuntimeCall::LandRegistry(Registry::split_parcel {
				parcel: new_parcel,
				children,
				source: document(SourceKind::Survey, "subdivision plan"),
			}),
		),
		(Ferdie, RuntimeCall::LandRegistry(Registry::discharge { parcel: 3, encumbrance: lien })),
	]);
	let mortgage_id = registry_event(&batch[0], |event| match event {
		land_registry::Event::EncumbranceRecorded { encumbrance, .. } => Some(*encumbrance),
		_ => None,
	});
	let split_block = batch[1].block;
	let child = new_parcel + 1;

	// Charlie sells parcel 1 to Ferdie; the sale discharges the mortgage.
	let deadline = chain.best() + 1_000;
	let batch = chain.submit(vec![(
		Charlie,
		RuntimeCall::Conveyance(conveyance::Call::offer {
			parcel: 1,
			buyer: Ferdie.to_account_id(),
			grantees: Owner::sole(Ferdie.to_account_id()),
			price,
			deadline,
			deed: document(SourceKind::Deed, "deed of sale of parcel 1"),
		}),
	)]);
	let offer = batch[0]
		.events
		.iter()
		.find_map(|record| match &record.event {
			RuntimeEvent::Conveyance(conveyance::Event::Offered { offer, .. }) => Some(*offer),
			_ => None,
		})
		.expect("Offered");
	// Financed: Eve lodges her redemption figure (interest accrued), Ferdie pays a fifth and
	// Dave, his bank, four fifths against a first mortgage on the new title.
	let redemption = mortgage + 1_000 * UNIT;
	let advance = price / 5 * 4;
	let bank_deed = document(SourceKind::MortgageInstrument, "Dave's mortgage of parcel 1");
	chain.submit(vec![
		(
			Eve,
			RuntimeCall::Conveyance(conveyance::Call::lodge_redemption {
				offer,
				encumbrance: mortgage_id,
				amount: redemption,
			}),
		),
		(
			Ferdie,
			RuntimeCall::Conveyance(conveyance::Call::accept_with_finance {
				offer,
				advances: vec![conveyance::AdvanceRequest {
					lender: Dave.to_account_id(),
					amount: advance,
					rank: 1,
				}]
				.try_into()
				.expect("one lender"),
			}),
		),
	]);
	chain.submit(vec![(
		Dave,
		RuntimeCall::Conveyance(conveyance::Call::fund_advance {
			offer,
			amount: advance,
			rank: 1,
			deed: bank_deed.clone(),
		}),
	)]);
	chain.submit(vec![(
		Ferdie,
		RuntimeCall::Conveyance(conveyance::Call::consent_to_advance {
			offer,
			lender: Dave.to_account_id(),
			deed_hash: bank_deed.document_hash,
		}),
	)]);
	let sale_block = chain
		.submit(vec![(Alice, RuntimeCall::Conveyance(conveyance::Call::approve { offer }))])[0]
		.block;

	// The runtime upgrade: a council motion (2 of 3 ayes), then the code.
	let code = upgrade_wasm();
	let authorize = RuntimeCall::UpgradeGate(upgrade_gate::Call::authorize_upgrade {
		code_hash: BlakeTwo256::hash(&code),
	});
	let length = authorize.encoded_size() as u32;
	let weight = authorize.get_dispatch_info().call_weight;
	let proposal = BlakeTwo256::hash_of(&authorize);
	let batch = chain.submit(vec![(
		Alice,
		RuntimeCall::Council(collective::Call::propose {
			threshold: 2,
			proposal: Box::new(authorize),
			length_bound: length,
		}),
	)]);
	let index = batch[0]
		.events
		.iter()
		.find_map(|record| match &record.event {
			RuntimeEvent::Council(collective::Event::Proposed { proposal_index, .. }) => {
				Some(*proposal_index)
			}
			_ => None,
		})
		.expect("Proposed");
	let vote = |_| RuntimeCall::Council(collective::Call::vote { proposal, index, approve: true });
	chain.submit(vec![(Alice, vote(())), (Bob, vote(()))]);
	chain.submit(vec![(
		Alice,
		RuntimeCall::Council(collective::Call::close {
			proposal_hash: proposal,
			index,
			proposal_weight_bound: weight,
			length_bound: length,
		}),
	)]);
	let upgrade_block = chain.submit(vec![(
		Alice,
		RuntimeCall::System(frame_system::Call::apply_authorized_upgrade { code }),
	)])[0]
		.block;
	let deadline = Instant::now() + INCLUSION_TIMEOUT;
	while chain.context.spec_version == first_spec {
		assert!(Instant::now() < deadline, "the upgrade never took effect");
		std::thread::sleep(Duration::from_millis(500));
		chain.refresh_version();
	}

	// Under the new runtime: Eve inherits one of the split children, by an application Alice
	// proposes, Bob confirms, and Eve enacts once the dev chain's notice period is over.
	let proposed = chain.submit(vec![(
		Alice,
		RuntimeCall::LandRegistry(Registry::propose_application {
			parcel: child,
			change: land_registry::ProposedChange::TransferByOperationOfLaw {
				owners: Owner::sole(Eve.to_account_id()),
				tenure: Tenure::Freehold,
				reason: LawfulTransferReason::Inheritance,
			},
			source: document(SourceKind::Probate, "probate of Dave"),
		}),
	)]);
	let application = registry_event(&proposed[0], |event| match event {
		land_registry::Event::ApplicationProposed { application, .. } => Some(*application),
		_ => None,
	});
	let confirmed = chain.submit(vec![(
		Bob,
		RuntimeCall::LandRegistry(Registry::confirm_application { application }),
	)]);
	let notice_ends = registry_event(&confirmed[0], |event| match event {
		land_registry::Event::ApplicationConfirmed { notice_ends, .. } => Some(*notice_ends),
		_ => None,
	});
	let deadline = Instant::now() + INCLUSION_TIMEOUT;
	while chain.best() + 1 < notice_ends {
		assert!(Instant::now() < deadline, "the notice period never ended");
		std::thread::sleep(Duration::from_millis(500));
	}
	let inheritance_block = chain.submit(vec![(
		Eve,
		RuntimeCall::LandRegistry(Registry::enact_application { application }),
	)])[0]
		.block;
	let deadline = Instant::now() + INCLUSION_TIMEOUT;
	while chain.finalized() < inheritance_block {
		assert!(Instant::now() < deadline, "block #{inheritance_block} was never finalized");
		std::thread::sleep(Duration::from_millis(500));
	}

	// The audit over RPC, to the finalized head.
	let dir = std::env::temp_dir().join(format!("landchain-audit-live-{}", std::process::id()));
	let _ = std::fs::remove_dir_all(&dir);
	let archive_path = dir.join("chain.lcaudit");
	let mut source = RpcSource::connect(&url).expect("connects");
	let genesis_storage = synthetic::dev_genesis().expect("the dev genesis");
	let options = Options {
		out: Some(dir.join("report")),
		save_archive: Some(archive_path.clone()),
		..Default::default()
	};
	let outcome =
		audit(&mut source, genesis_storage, &options).unwrap_or_else(|error| panic!("{error}"));
	let (summary, registry) = (&outcome.summary, &outcome.registry);
	assert!(summary.head >= inheritance_block);
	assert_eq!(summary.blocks_with_events_compared, u64::from(summary.head) + 1);
	// The head is proven final from the chain spec's authority: by its own justification or,
	// asked of the node, a later one with the headers between.
	assert!(summary.finality_checked);
	assert!(summary.finality_proven_by >= summary.head);
	assert_eq!((summary.finality_signed_by, summary.authority_set_id), ((1, 1), 0));
	assert_eq!(summary.upgrades, 1);
	assert_eq!(
		(summary.spec_version_at_start, summary.spec_version_at_head),
		(first_spec, first_spec + 1)
	);
	// The upgrade-test runtime's `TitleRecorded` has another field: every block it ran was read
	// with its own metadata, the upgrade block itself (run by the old code) with the compiled types.
	assert_eq!(summary.blocks_read_with_their_metadata, u64::from(summary.head - upgrade_block));
	let upgrade = &registry.upgrades[0];
	assert_eq!(upgrade.provenance.block, upgrade_block);
	assert_eq!(upgrade.provenance.signer, Some(Alice.to_account_id()));

	// Parcel 1: genesis title, then the sale with its price, parties and the discharged mortgage.
	let parcel = &registry.parcels[&1];
	assert_eq!(parcel.titles.len(), 2);
	let (before, sold) = (&parcel.titles[0], &parcel.titles[1]);
	assert_eq!(before.provenance.block, 0);
	assert_eq!(before.encumbrances_recorded, vec![mortgage_id]);
	assert_eq!(before.encumbrances_released, vec![mortgage_id], "discharged at the sale");
	assert_eq!(sold.title.change, TitleChange::Sale { dealing: offer, price });
	assert_eq!(sold.provenance.block, sale_block);
	assert_eq!(
		sold.title.owners.to_vec(),
		Owner::sole::<ConstU32<1>>(Ferdie.to_account_id()).to_vec()
	);
	let sale = sold.sale.as_ref().expect("the sale is attached");
	assert_eq!(sale.price, price);
	assert_eq!(sale.offered_by, Some(Charlie.to_account_id()));
	assert_eq!(sale.buyer, Some(Ferdie.to_account_id()));
	assert_eq!(sale.approved_by, Some(Alice.to_account_id()));
	assert!(
		sale.payouts
			.iter()
			.any(|(to, amount, _)| *to == Eve.to_account_id() && *amount == redemption),
		"the old lender is paid its lodged figure"
	);
	assert_eq!(sale.lenders, vec![(Dave.to_account_id(), advance, 1)]);
	// The bank's mortgage was recorded on the new title in the settlement block, by the
	// approving registrar; the cross-check found it in the state.
	assert_eq!(sold.encumbrances_recorded.len(), 1);
	let granted = parcel
		.encumbrances
		.iter()
		.find(|open| open.id == sold.encumbrances_recorded[0])
		.expect("the new mortgage is rebuilt");
	assert_eq!(
		granted.kind,
		EncumbranceKind::Mortgage { lender: Dave.to_account_id(), amount: advance, rank: 1 }
	);
	assert_eq!(
		(granted.recorded.block, granted.recorded_by.clone()),
		(sale_block, Alice.to_account_id())
	);
	assert_eq!(granted.source, bank_deed);
	assert!(granted.released.is_none());
	let signers = sold.signers();
	for who in [Charlie, Ferdie, Alice, Dave] {
		assert!(signers.contains(&who.to_account_id()), "{who:?} signed for the sale");
	}
	let discharged = &parcel.encumbrances[0];
	let release = discharged.released.as_ref().expect("released");
	assert_eq!((release.provenance.block, release.registrar.clone()), (sale_block, None));

	// The split parcel and the child inherited under the new runtime.
	let split = &registry.parcels[&new_parcel];
	assert!(
		matches!(split.parcel.status, land_registry::ParcelStatus::SplitInto { at, .. } if at == split_block)
	);
	let inherited = &registry.parcels[&child];
	assert_eq!(inherited.titles.len(), 2);
	assert_eq!(inherited.titles[0].title.change, TitleChange::Split { parent: new_parcel });
	assert_eq!(inherited.titles[1].title.change, TitleChange::Inheritance);
	assert_eq!(inherited.titles[1].provenance.block, inheritance_block);
	assert!(inheritance_block > upgrade_block);
	// The lien on parcel 3, recorded by Bob and discharged by its holder Ferdie's signature.
	let lien_entry = &registry.parcels[&3].encumbrances[0];
	assert_eq!(lien_entry.recorded_by, Bob.to_account_id());
	let release = lien_entry.released.as_ref().expect("the lien was released");
	assert_eq!(release.registrar, None, "no registrar released it");
	assert_eq!(release.provenance.signer, Some(Ferdie.to_account_id()));

	// Certificates of title from the live node, verified offline against the chain spec.
	certificates_verify_offline_and_every_tampered_field_fails(&chain.client, &dir, new_parcel);

	drop(node);

	// Offline: `landchain-node audit` re-verifies the saved archive …
	let report = dir.join("offline");
	let output = Command::new(node_binary())
		.args(["audit", "--dev", "--no-progress", "--archive"])
		.arg(&archive_path)
		.arg("--out")
		.arg(&report)
		.output()
		.expect("landchain-node audit runs");
	let stdout = String::from_utf8_lossy(&output.stdout);
	assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
	assert!(stdout.contains("PASSED"), "{stdout}");
	// The proof the node gave is in the archive: the offline run checks finality too.
	assert!(stdout.contains("proven final by"), "{stdout}");
	let mut csv = csv::Reader::from_path(report.join("titles.csv")).expect("titles.csv");
	let rows: Vec<std::collections::HashMap<String, String>> =
		csv.deserialize().map(|row| row.expect("a well-formed row")).collect();
	assert!(rows.iter().any(|row| {
		(row["parcel"].as_str(), row["cadastral_reference"].as_str(), row["version"].as_str())
			== ("1", "BLOCK-1/101", "2")
			&& row["change"] == "sale"
			&& !row["price"].is_empty()
	}));

	// … and fails, naming the block, on a copy with a block dropped.
	let mut blocks = archive::read_all(&archive_path).expect("the archive reads");
	blocks.remove(5);
	let tampered = dir.join("dropped.lcaudit");
	archive::write(&tampered, &blocks).expect("written");
	let output = Command::new(node_binary())
		.args(["audit", "--dev", "--no-progress", "--archive"])
		.arg(&tampered)
		.arg("--out")
		.arg(dir.join("tampered"))
		.output()
		.expect("landchain-node audit runs");
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert_eq!(output.status.code(), Some(1), "{stderr}");
	assert!(stderr.contains("block #6") && stderr.contains("#5 missing"), "{stderr}");
	let _ = std::fs::remove_dir_all(&dir);
}

/// A node run with a small state-pruning window (as `scripts/run-dev.sh` runs with the default
/// one) keeps every block body but only recent states: the audit replays it from genesis to the
/// finalized head from the bodies alone, and compares the node's events only where the node still
/// has them.
#[test]
fn a_node_that_pruned_old_states_audits_from_its_blocks() {
	const PRUNING: u32 = 4;
	let (_node, url, client) = start_dev_node(&["--state-pruning", &PRUNING.to_string()]);
	let chain = Chain {
		client,
		context: ChainContext {
			genesis_hash: Hash::zero(),
			spec_version: 0,
			transaction_version: 0,
		},
		searched: 0,
	};
	// Far enough past the window that the states of the first blocks are gone (bounded wait).
	let deadline = Instant::now() + INCLUSION_TIMEOUT;
	while chain.finalized() < 3 * PRUNING {
		assert!(Instant::now() < deadline, "the dev chain stopped finalizing");
		std::thread::sleep(Duration::from_millis(500));
	}
	let early: Value = chain.client.request("chain_getBlockHash", vec![1.into()]).expect("hash");
	let discarded = chain
		.client
		.request::<Value>("state_getStorage", vec![hex(&system_events()).into(), early])
		.expect_err("the node has discarded the state of block #1");
	assert!(discarded.to_string().contains("State already discarded"), "{discarded}");

	let mut source = RpcSource::connect(&url).expect("connects");
	let genesis_storage = synthetic::dev_genesis().expect("the dev genesis");
	let outcome = audit(&mut source, genesis_storage, &Options::default())
		.unwrap_or_else(|error| panic!("a pruned node must audit clean: {error}"));
	let summary = &outcome.summary;
	assert!(summary.head >= 3 * PRUNING, "audited to the finalized head #{}", summary.head);
	assert_eq!(summary.blocks, u64::from(summary.head), "every block after genesis replayed");
	assert!(
		summary.blocks_with_events_compared > 0
			&& summary.blocks_with_events_compared < u64::from(summary.head),
		"events compared where the node kept the state only: {} of {} blocks",
		summary.blocks_with_events_compared,
		summary.head + 1
	);
}

/// The auditor's node is killed and started again from its database under a connected client
/// (as in an audit that outlives a restart of its RPC node): the client reconnects to the same
/// URL and gets the same answers. With no reconnect window it stops at the lost connection and
/// says so.
#[test]
fn the_rpc_client_reconnects_to_a_restarted_node_and_stops_when_told_not_to() {
	let base =
		std::env::temp_dir().join(format!("landchain-audit-reconnect-{}", std::process::id()));
	let base_arg = base.display().to_string();
	let (mut node, rpc_port) = spawn_dev_node(None, &["--base-path", &base_arg]);
	let url = format!("ws://127.0.0.1:{rpc_port}");
	let client = connect_when_up(&mut node, &url);
	let genesis: String = client.request("chain_getBlockHash", vec![0.into()]).expect("genesis");
	assert_eq!(client.reconnections(), 0);

	drop(node); // SIGKILL
	let (mut node, _) = spawn_dev_node(Some(rpc_port), &["--base-path", &base_arg]);
	let again: String = client.request("chain_getBlockHash", vec![0.into()]).expect("reconnects");
	assert_eq!(again, genesis, "the restarted node serves the same chain");
	assert_eq!(client.reconnections(), 1);

	let impatient = connect_when_up(&mut node, &url).with_reconnect_window(Duration::ZERO);
	drop(node);
	let error = impatient
		.request::<String>("chain_getBlockHash", vec![0.into()])
		.expect_err("the node is gone and the window is zero");
	assert!(
		error.to_string().contains("could not reconnect within 0 s"),
		"the error names the lost connection: {error}"
	);
	assert_eq!(impatient.reconnections(), 0);
	std::fs::remove_dir_all(&base).expect("the node's directory is removed");
}

/// Certificates of parcel 1 (sold with a new mortgage, two title versions) and of the split parcel
/// verify offline against the dev chain spec; each tampered field fails with what fails; the CLI
/// verifies one and refuses it against another chain.
fn certificates_verify_offline_and_every_tampered_field_fails(
	client: &RpcClient,
	dir: &std::path::Path,
	split_parcel: u64,
) {
	use landchain_audit::certificate::{self, Certificate};
	let genesis = synthetic::dev_genesis().expect("the dev genesis");
	let sold = certificate::issue(client, 1, None).expect("a certificate is issued");
	let verified = certificate::verify(&sold, &genesis).expect("the certificate verifies");
	let title = verified.title.as_ref().expect("parcel 1 has a title");
	assert_eq!(title.version, 2, "the sale's title version");
	assert_eq!(title.owners[0].account, Ferdie.to_account_id(), "the buyer holds it");
	assert_eq!(verified.history.len(), 1, "the earlier version is carried");
	assert!(!verified.encumbrances.is_empty(), "the buyer's lender's mortgage is shown");
	assert!(verified.finalized >= verified.block);
	assert_eq!(verified.signed_by, (1, 1), "the dev chain's one authority signed");

	let split = certificate::issue(client, split_parcel, None).expect("issued");
	let verified = certificate::verify(&split, &genesis).expect("verifies");
	assert!(
		matches!(
			&verified.parcel.expect("the parcel exists").status,
			land_registry::ParcelStatus::SplitInto { children, .. } if children.contains(&(split_parcel + 1))
		),
		"a retired parcel's certificate says so and names its children"
	);

	let fails = |what: &str, tamper: &dyn Fn(&mut Certificate), expected: &str| {
		let mut bad = sold.clone();
		tamper(&mut bad);
		let error = certificate::verify(&bad, &genesis).expect_err(what).to_string();
		assert!(error.contains(expected), "{what}: the error should say {expected:?}: {error}");
	};
	let entry = |cert: &mut Certificate, what: &str| -> usize {
		cert.entries.iter().position(|entry| entry.what == what).expect("the entry is there")
	};
	fails(
		"an owner changed",
		&|cert| {
			let index = entry(cert, "title");
			let value = cert.entries[index].value.as_mut().expect("a title");
			// The owner's account starts after parcel (8 bytes), version (4) and the owners'
			// length (1).
			value.0[13] ^= 1;
		},
		"the title shown is not what block",
	);
	fails(
		"an encumbrance removed",
		&|cert| {
			let index = entry(cert, "encumbrances");
			cert.entries[index].value = Some(vec![0u8].into());
		},
		"the encumbrances shown is not what block",
	);
	fails(
		"the block number changed",
		&|cert| {
			let mut header = landchain_audit::Header::decode(&mut &cert.header[..]).unwrap();
			header.number += 1;
			cert.header = header.encode().into();
		},
		"",
	);
	fails(
		"a proof node dropped",
		&|cert| {
			cert.proof.pop();
		},
		"the storage proof does not verify",
	);
	// The justification: round (8 bytes), the commit's target (32 + 4), the precommits' length
	// (1), the first precommit's target (32 + 4), its signature (64), its authority (32).
	fails(
		"a signature changed",
		&|cert| cert.finality.justification.0[81 + 10] ^= 1,
		"the GRANDPA justification does not verify",
	);
	fails(
		"another authority named",
		&|cert| cert.finality.justification.0[81 + 64 + 3] ^= 1,
		"the GRANDPA justification does not verify",
	);
	fails(
		"a header of the chain changed",
		&|cert| {
			if let Some(header) = cert.finality.headers.first_mut() {
				header.0[40] ^= 1;
			} else {
				cert.finality.justification.0[8] ^= 1;
			}
		},
		"",
	);
	fails(
		"another signing set claimed",
		&|cert| cert.finality.set_id = 1,
		"the certificate says authority set 1 signed, but its proof is signed by set 0",
	);
	fails(
		"the block's time read from another key (the GRANDPA set id's, proven in the same proof)",
		&|cert| {
			let set = entry(cert, "grandpaSet");
			let set = cert.entries[set].clone();
			let index = entry(cert, "time");
			cert.entries[index].key = set.key;
			cert.entries[index].value = set.value;
		},
		"the time shown is not the block's (its storage key is another's)",
	);
	fails(
		"another chain's certificate",
		&|cert| cert.genesis_hash = Hash::repeat_byte(7),
		"another chain",
	);

	// The CLI: valid against the dev chain spec, refused against another chain's.
	let file = dir.join("certificate.json");
	std::fs::write(&file, serde_json::to_string(&sold).unwrap()).expect("written");
	let verify = |chain: &str| {
		Command::new(node_binary())
			.args(["certificate", "verify", "--chain", chain])
			.arg(&file)
			.output()
			.expect("landchain-node certificate verify runs")
	};
	let valid = verify("dev");
	let stdout = String::from_utf8_lossy(&valid.stdout);
	assert!(valid.status.success(), "{stdout}{}", String::from_utf8_lossy(&valid.stderr));
	assert!(
		stdout.contains("VALID certificate of title") && stdout.contains("BLOCK-1/101"),
		"{stdout}"
	);
	let other = verify("local");
	assert_eq!(other.status.code(), Some(1));
	assert!(String::from_utf8_lossy(&other.stderr)
		.contains("INVALID: certificate: the certificate is about another chain"));

	certificate_page_reads_scans_and_verifies(&file, dir);
}

/// The page `certificate verify --html` writes, as a person sees it: Chromium renders it (the
/// text it shows is checked, the screenshot kept), the QR code on the screenshot is read back
/// as a phone would and names the certificate's hash; the page itself verifies as the JSON does,
/// and a page whose title was altered is refused.
fn certificate_page_reads_scans_and_verifies(file: &std::path::Path, dir: &std::path::Path) {
	use landchain_audit::certificate_page::qr_payload;
	let page = dir.join("certificate.html");
	let output = Command::new(node_binary())
		.args(["certificate", "verify", "--chain", "dev", "--html"])
		.arg(&page)
		.arg(file)
		.output()
		.expect("landchain-node certificate verify --html runs");
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

	// What Chromium shows.
	let chromium = |args: &[&str]| {
		let output = Command::new(std::env::var("CHROMIUM").unwrap_or("chromium".into()))
			.args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"])
			.args(args)
			.arg(format!("file://{}", page.display()))
			.output()
			.expect("chromium runs (scripts/setup.sh installs it)");
		assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
		output
	};
	let dom = String::from_utf8_lossy(&chromium(&["--dump-dom"]).stdout).into_owned();
	for shown in [
		"Certificate of title — parcel 1",
		"VALID certificate of title",
		"BLOCK-1/101",
		&Ferdie.to_account_id().to_ss58check(),
		"mortgage to",
		"finalized at block",
	] {
		assert!(dom.contains(shown), "the page shows {shown:?}: {dom}");
	}
	let screenshot = dir.join("certificate.png");
	chromium(&[&format!("--screenshot={}", screenshot.display()), "--window-size=1000,2200"]);
	let json = std::fs::read_to_string(file).expect("the certificate");
	assert_eq!(scan_qr(&screenshot), qr_payload(1, &json), "the QR code names this certificate");
	let kept = std::env::temp_dir().join("landchain-certificate-page.png");
	std::fs::copy(&screenshot, &kept).expect("the screenshot is kept");
	eprintln!("certificate page screenshot: {}", kept.display());

	// The page verifies; a page whose owner was altered does not.
	let verify_page = |path: &std::path::Path| {
		Command::new(node_binary())
			.args(["certificate", "verify", "--chain", "dev"])
			.arg(path)
			.output()
			.expect("landchain-node certificate verify runs")
	};
	assert!(verify_page(&page).status.success(), "the page carries a valid certificate");
	// The owner in the title the page carries is altered (the page's own text left as it was).
	let text = std::fs::read_to_string(&page).expect("the page");
	let carried = landchain_audit::certificate_page::embedded_certificate(&text)
		.expect("the page carries its certificate");
	let mut forged: landchain_audit::certificate::Certificate =
		serde_json::from_str(&carried).expect("the carried certificate parses");
	let title = forged.entries.iter_mut().find(|entry| entry.what == "title").expect("a title");
	title.value.as_mut().expect("a title value").0[13] ^= 1;
	let forged_json = serde_json::to_string(&forged).expect("serializes");
	let forged_page = dir.join("forged.html");
	std::fs::write(&forged_page, text.replace(&carried, &forged_json)).expect("written");
	let refused = verify_page(&forged_page);
	assert_eq!(refused.status.code(), Some(1));
	assert!(String::from_utf8_lossy(&refused.stderr).contains("a tampered value"));
}

/// The text of the one QR code on a PNG screenshot.
fn scan_qr(path: &std::path::Path) -> String {
	let decoder = png::Decoder::new(std::io::BufReader::new(
		std::fs::File::open(path).expect("the screenshot"),
	));
	let mut reader = decoder.read_info().expect("a PNG");
	let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
	let info = reader.next_frame(&mut pixels).expect("a frame");
	let channels = info.color_type.samples();
	let (width, height) = (info.width as usize, info.height as usize);
	let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
		let pixel = &pixels[(y * width + x) * channels..];
		if channels >= 3 {
			((u16::from(pixel[0]) + u16::from(pixel[1]) + u16::from(pixel[2])) / 3) as u8
		} else {
			pixel[0]
		}
	});
	let grids = image.detect_grids();
	assert_eq!(grids.len(), 1, "one QR code on the page");
	grids[0].decode().expect("the QR code reads").1
}
