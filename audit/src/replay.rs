//! Re-executes blocks on an in-memory copy of the chain's state, exactly as a node importing them
//! would: the runtime is the `:code` (or `:pending_code`) in the replayed state, run by the same
//! wasm executor and host functions as `landchain-node`, so runtime upgrades replay with the
//! code that was on chain.
//!
//! Per block: the number follows on, the parent hash is the verified previous block's hash, the
//! header hashes to what the source listed, the extrinsics hash to the extrinsics root, the Aura
//! seal is a valid signature of the slot's authority, `Core_execute_block` succeeds, and the
//! resulting state has the header's state root. A failure is diagnosed by re-running the block
//! through the block-builder API to say *what* differs (state root, digest, an invalid
//! extrinsic).

use crate::{
	error::{AuditError, Mismatch},
	events::{self, EventTypes},
	types::{Block, BlockNumber, Hash, Header, SignedBlock},
};
use codec::{Decode, Encode};
use sc_executor::{RuntimeVersion, RuntimeVersionOf, WasmExecutor};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::{
	storage::{well_known_keys, StateVersion, Storage},
	traits::{CallContext, ReadRuntimeVersionExt},
	Pair as _,
};
use sp_externalities::Extensions;
use sp_runtime::{
	traits::{BlakeTwo256, Block as _, Hash as _, Header as _},
	ApplyExtrinsicResult, DigestItem,
};
use sp_state_machine::{
	backend::{BackendRuntimeCode, TryPendingCode},
	Backend, BasicExternalities, InMemoryBackend, OverlayedChanges, StateMachine,
};
use std::{collections::BTreeMap, sync::Arc};

/// The executor: the node's wasm executor with the node's host functions.
pub type Executor = WasmExecutor<sp_io::SubstrateHostFunctions>;

/// Drop unreferenced trie nodes from memory every this many blocks.
const PURGE_EVERY: u32 = 128;

/// What replaying one block found.
#[derive(Clone, Debug)]
pub struct Executed {
	/// The block's number.
	pub number: BlockNumber,
	/// The block's hash.
	pub hash: Hash,
	/// How many extrinsics it carries.
	pub extrinsics: usize,
	/// The raw `System.Events` after the block.
	pub events: Vec<u8>,
	/// The types of the runtime that executed the block, which wrote its events.
	pub event_types: Arc<EventTypes>,
	/// The runtime version before the block, when the block changed the runtime code.
	pub upgraded_from: Option<RuntimeVersion>,
}

/// The replayed chain: its state after the last verified block.
pub struct Replayer {
	executor: Executor,
	backend: InMemoryBackend<BlakeTwo256>,
	state_version: StateVersion,
	version: RuntimeVersion,
	code_hash: Option<Hash>,
	/// The event types of the runtime the next block runs, from its metadata.
	event_types: Arc<EventTypes>,
	number: BlockNumber,
	hash: Hash,
	since_purge: u32,
}

fn other(what: impl std::fmt::Display) -> AuditError {
	AuditError::Other(what.to_string())
}

/// A new executor with the node's settings.
pub fn executor() -> Executor {
	WasmExecutor::builder().with_max_runtime_instances(1).with_runtime_cache_size(4).build()
}

/// The runtime version of the code (or pending code) in `backend`.
fn runtime_version(
	executor: &Executor,
	backend: &InMemoryBackend<BlakeTwo256>,
) -> Result<RuntimeVersion, String> {
	let code = BackendRuntimeCode::new(backend, TryPendingCode::Yes);
	let runtime_code = code.runtime_code().map_err(|error| error.to_string())?;
	let mut ext = BasicExternalities::new_empty();
	executor.runtime_version(&mut ext, &runtime_code).map_err(|error| error.to_string())
}

/// Calls the runtime API `method` of the code (or pending code) in `backend`; its writes go to
/// `overlay`.
fn call(
	executor: &Executor,
	backend: &InMemoryBackend<BlakeTwo256>,
	overlay: &mut OverlayedChanges<BlakeTwo256>,
	method: &str,
	data: &[u8],
) -> Result<Vec<u8>, String> {
	let code = BackendRuntimeCode::new(backend, TryPendingCode::Yes);
	let runtime_code = code.runtime_code().map_err(|error| error.to_string())?;
	let mut extensions = Extensions::new();
	extensions.register(ReadRuntimeVersionExt::new(executor.clone()));
	let result = StateMachine::new(
		backend,
		overlay,
		executor,
		method,
		data,
		&mut extensions,
		&runtime_code,
		CallContext::Onchain { import: true },
	)
	.execute();
	result.map_err(|error| error.to_string())
}

/// The event types of the code (or pending code) in `backend`, from its metadata.
fn event_types(
	executor: &Executor,
	backend: &InMemoryBackend<BlakeTwo256>,
) -> Result<EventTypes, String> {
	let mut overlay = OverlayedChanges::<BlakeTwo256>::default();
	let version = events::METADATA_VERSION;
	let raw =
		call(executor, backend, &mut overlay, "Metadata_metadata_at_version", &version.encode())?;
	let metadata = Option::<Vec<u8>>::decode(&mut &raw[..])
		.map_err(|error| format!("the metadata call's result does not decode: {error}"))?
		.ok_or_else(|| format!("the runtime has no metadata version {version}"))?;
	EventTypes::from_metadata(&metadata)
}

/// The hash of the runtime code that the next block will run.
fn code_hash(backend: &InMemoryBackend<BlakeTwo256>) -> Option<Hash> {
	backend
		.storage_hash(well_known_keys::PENDING_CODE)
		.ok()
		.flatten()
		.or_else(|| backend.storage_hash(well_known_keys::CODE).ok().flatten())
}

/// The version of the runtime `code`: from its embedded `runtime_version` section (no need to
/// compile it), or by calling it when the section is missing.
fn genesis_runtime_version(code: &[u8]) -> Result<RuntimeVersion, AuditError> {
	let unreadable =
		|error: String| other(format!("the genesis runtime has no readable version: {error}"));
	let blob = sc_executor_common::runtime_blob::RuntimeBlob::uncompress_if_needed(code)
		.map_err(|error| unreadable(error.to_string()))?;
	if let Ok(Some(version)) = sc_executor::read_embedded_version(&blob) {
		return Ok(version);
	}
	let fetcher = sp_core::traits::WrappedRuntimeCode(code.into());
	let runtime_code = sp_core::traits::RuntimeCode {
		code_fetcher: &fetcher,
		heap_pages: None,
		hash: BlakeTwo256::hash(code).encode(),
	};
	executor()
		.runtime_version(&mut BasicExternalities::new_empty(), &runtime_code)
		.map_err(|error| unreadable(error.to_string()))
}

/// The genesis block of a chain whose genesis state is `storage`, with the state version of its
/// runtime, as `landchain-node` builds it.
pub fn genesis_block(storage: &Storage) -> Result<(Block, StateVersion), AuditError> {
	let code = storage
		.top
		.get(well_known_keys::CODE)
		.ok_or_else(|| other("the genesis state has no runtime code (`:code`)"))?;
	let state_version = genesis_runtime_version(code)?.state_version();
	let backend = InMemoryBackend::<BlakeTwo256>::from((storage.clone(), state_version));
	let extrinsics_root = BlakeTwo256::trie_root(Vec::new(), state_version);
	let header =
		Header::new(0, extrinsics_root, *backend.root(), Default::default(), Default::default());
	Ok((Block::new(header, Vec::new()), state_version))
}

/// A saved replay state: what `--checkpoint-out` writes and `--from-checkpoint` reads.
#[derive(Encode, Decode)]
pub struct StateSnapshot {
	/// The block the state is after.
	pub number: BlockNumber,
	/// That block's hash.
	pub hash: Hash,
	/// Every storage pair of the state.
	pub pairs: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Replayer {
	/// The genesis state of a chain spec, checked against the source's block 0: its header must
	/// be exactly the genesis header built from that state.
	pub fn from_genesis(storage: Storage, block0: &SignedBlock) -> Result<Self, AuditError> {
		if !storage.children_default.is_empty() {
			return Err(other("genesis states with child tries are not supported"));
		}
		let (genesis, state_version) = genesis_block(&storage)?;
		let expected = genesis.header;
		let found = &block0.block.header;
		let hash = found.hash();
		let fail =
			|what: String| AuditError::Block { number: 0, hash, mismatch: Mismatch::Genesis(what) };
		if found.number != 0 {
			return Err(fail(format!("the source's first block is #{}, not #0", found.number)));
		}
		if found.state_root != expected.state_root {
			return Err(fail(format!(
				"the chain spec's genesis state has root {:?} but block #0 says {:?} (wrong \
				 --chain for this node?)",
				expected.state_root, found.state_root
			)));
		}
		if *found != expected || !block0.block.extrinsics.is_empty() {
			return Err(fail(format!(
				"block #0 is not the genesis block of the chain spec: expected hash {:?}",
				expected.hash()
			)));
		}
		let backend = InMemoryBackend::<BlakeTwo256>::from((storage, state_version));
		let executor = executor();
		let version = runtime_version(&executor, &backend).map_err(other)?;
		Self::at(executor, backend, state_version, version, 0, hash)
	}

	/// A replayer whose state `backend` is that after block `number` (`hash`).
	fn at(
		executor: Executor,
		backend: InMemoryBackend<BlakeTwo256>,
		state_version: StateVersion,
		version: RuntimeVersion,
		number: BlockNumber,
		hash: Hash,
	) -> Result<Self, AuditError> {
		let code_hash = code_hash(&backend);
		let event_types = event_types(&executor, &backend).map_err(|error| {
			other(format!("block #{number}: the runtime's event types: {error}"))
		})?;
		Ok(Replayer {
			executor,
			backend,
			state_version,
			version,
			code_hash,
			event_types: Arc::new(event_types),
			number,
			hash,
			since_purge: 0,
		})
	}

	/// The event types of the runtime the next block runs.
	pub fn event_types(&self) -> &Arc<EventTypes> {
		&self.event_types
	}

	/// A state saved at a trusted block: its root must be the header's state root.
	pub fn from_snapshot(snapshot: StateSnapshot, header: &Header) -> Result<Self, AuditError> {
		if header.hash() != snapshot.hash || header.number != snapshot.number {
			return Err(other(format!(
				"the checkpoint is at block #{} ({:?}) but the source's block #{} is {:?}",
				snapshot.number,
				snapshot.hash,
				header.number,
				header.hash()
			)));
		}
		let executor = executor();
		let pairs: BTreeMap<Vec<u8>, Vec<u8>> = snapshot.pairs.into_iter().collect();
		// The state version is the runtime's; read it from the code in the checkpoint.
		let probe = InMemoryBackend::<BlakeTwo256>::from((pairs.clone(), StateVersion::V1));
		let version = runtime_version(&executor, &probe).map_err(other)?;
		let state_version = version.state_version();
		let backend = InMemoryBackend::<BlakeTwo256>::from((pairs, state_version));
		if *backend.root() != header.state_root {
			return Err(other(format!(
				"the checkpoint's state has root {:?} but block #{} says {:?}",
				backend.root(),
				header.number,
				header.state_root
			)));
		}
		Self::at(executor, backend, state_version, version, snapshot.number, snapshot.hash)
	}

	/// The whole state, to save as a checkpoint.
	pub fn snapshot(&self) -> Result<StateSnapshot, AuditError> {
		let pairs = self
			.backend
			.pairs(Default::default())
			.map_err(other)?
			.collect::<Result<Vec<_>, _>>()
			.map_err(other)?;
		if pairs.iter().any(|(key, _)| key.starts_with(well_known_keys::CHILD_STORAGE_KEY_PREFIX)) {
			return Err(other("checkpoints of states with child tries are not supported"));
		}
		Ok(StateSnapshot { number: self.number, hash: self.hash, pairs })
	}

	/// The last verified block's number.
	pub fn number(&self) -> BlockNumber {
		self.number
	}

	/// The last verified block's hash.
	pub fn hash(&self) -> Hash {
		self.hash
	}

	/// The runtime version the next block runs with.
	pub fn runtime_version(&self) -> &RuntimeVersion {
		&self.version
	}

	/// The root of the replayed state.
	pub fn state_root(&self) -> Hash {
		*self.backend.root()
	}

	/// A raw storage value of the replayed state.
	pub fn storage(&self, key: &[u8]) -> Option<Vec<u8>> {
		self.backend.storage(key).ok().flatten()
	}

	/// Runs `f` with the replayed state as its externalities, to read storage with the native
	/// runtime types. Writes `f` makes are discarded.
	pub fn with_state<R>(&self, f: impl FnOnce() -> R) -> R {
		let mut overlay = OverlayedChanges::<BlakeTwo256>::default();
		let mut ext = sp_state_machine::Ext::new(&mut overlay, &self.backend, None);
		sp_externalities::set_and_run_with_externalities(&mut ext, f)
	}

	fn call(
		&self,
		overlay: &mut OverlayedChanges<BlakeTwo256>,
		method: &str,
		data: &[u8],
	) -> Result<Vec<u8>, String> {
		call(&self.executor, &self.backend, overlay, method, data)
	}

	/// Verifies and executes the next block. On success the replayed state is the state after it.
	pub fn execute(
		&mut self,
		signed: &SignedBlock,
		listed: Option<Hash>,
	) -> Result<Executed, AuditError> {
		let block = &signed.block;
		let header = &block.header;
		let number = header.number;
		let hash = header.hash();
		let fail = |mismatch: Mismatch| AuditError::Block { number, hash, mismatch };

		let expected_number = self.number.saturating_add(1);
		if number != expected_number {
			return Err(fail(Mismatch::Number { expected: expected_number, found: number }));
		}
		if let Some(claimed) = listed {
			if claimed != hash {
				return Err(fail(Mismatch::BlockHash { claimed, computed: hash }));
			}
		}
		if header.parent_hash != self.hash {
			return Err(fail(Mismatch::ParentHash {
				expected: self.hash,
				found: header.parent_hash,
			}));
		}
		// The runtime's extrinsics-root trie version (V0 up to `system_version` 1), not its
		// state version.
		let extrinsics_root = BlakeTwo256::ordered_trie_root(
			block.extrinsics.iter().map(Encode::encode).collect(),
			self.version.extrinsics_root_state_version(),
		);
		if extrinsics_root != header.extrinsics_root {
			return Err(fail(Mismatch::ExtrinsicsRoot {
				header: header.extrinsics_root,
				computed: extrinsics_root,
			}));
		}

		// The runtime executes the header without the author's seal, as the node's import does.
		let pre_header = self.check_seal(header).map_err(|what| fail(Mismatch::Seal(what)))?;
		let pre_block = Block::new(pre_header.clone(), block.extrinsics.clone());

		let mut overlay = OverlayedChanges::<BlakeTwo256>::default();
		if let Err(message) = self.call(&mut overlay, "Core_execute_block", &pre_block.encode()) {
			return Err(fail(self.diagnose(&pre_block, message)));
		}
		let changes = overlay
			.drain_storage_changes(&self.backend, self.state_version)
			.map_err(|error| other(format!("block #{number}: {error}")))?;
		// The runtime checked the root itself; check it again independently of the runtime.
		if changes.transaction_storage_root != header.state_root {
			return Err(fail(Mismatch::StateRoot {
				header: header.state_root,
				computed: changes.transaction_storage_root,
			}));
		}
		self.backend.apply_transaction(changes.transaction_storage_root, changes.transaction);
		self.since_purge += 1;
		if self.since_purge >= PURGE_EVERY {
			self.backend.backend_storage_mut().purge();
			self.since_purge = 0;
		}
		self.number = number;
		self.hash = hash;
		let events =
			self.storage(&landchain_primitives::storage::system_events()).unwrap_or_default();

		let mut upgraded_from = None;
		let executed_by = self.event_types.clone();
		let new_code_hash = code_hash(&self.backend);
		if new_code_hash != self.code_hash {
			let version = runtime_version(&self.executor, &self.backend).map_err(|error| {
				other(format!("block #{number} installed runtime code without a version: {error}"))
			})?;
			self.state_version = version.state_version();
			upgraded_from = Some(std::mem::replace(&mut self.version, version));
			self.code_hash = new_code_hash;
			self.event_types =
				Arc::new(event_types(&self.executor, &self.backend).map_err(|error| {
					other(format!(
						"block #{number} installed a runtime without event types: {error}"
					))
				})?);
		}
		Ok(Executed {
			number,
			hash,
			extrinsics: block.extrinsics.len(),
			events,
			event_types: executed_by,
			upgraded_from,
		})
	}

	/// Checks the Aura seal (the last digest item) against the slot's authority in the parent
	/// state, and returns the header without it.
	fn check_seal(&self, header: &Header) -> Result<Header, String> {
		let mut pre_header = header.clone();
		let seal = match pre_header.digest.pop() {
			Some(DigestItem::Seal(engine, seal)) if engine == AURA_ENGINE_ID => seal,
			_ => return Err("the header carries no Aura seal".into()),
		};
		let slot = pre_header
			.digest
			.logs()
			.iter()
			.find_map(|item| item.pre_runtime_try_to::<Slot>(&AURA_ENGINE_ID))
			.ok_or("the header carries no Aura slot")?;
		let authorities_key = frame_support::storage::storage_prefix(b"Aura", b"Authorities");
		let authorities = self
			.storage(&authorities_key)
			.and_then(|raw| Vec::<sp_core::sr25519::Public>::decode(&mut &raw[..]).ok())
			.filter(|authorities| !authorities.is_empty())
			.ok_or("the parent state has no Aura authorities")?;
		let author = authorities[(u64::from(slot) % authorities.len() as u64) as usize];
		let signature = sp_core::sr25519::Signature::decode(&mut &seal[..])
			.map_err(|_| "the seal is not an sr25519 signature".to_string())?;
		let pre_hash = pre_header.hash();
		if !sp_core::sr25519::Pair::verify(&signature, pre_hash.as_ref(), &author) {
			return Err(format!(
				"the seal is not a signature of slot {}'s authority {author} over the header",
				u64::from(slot)
			));
		}
		Ok(pre_header)
	}

	/// Explains a failed `Core_execute_block` by building the block again through the
	/// block-builder API, which reports each extrinsic's outcome and the computed header.
	fn diagnose(&self, block: &Block, message: String) -> Mismatch {
		let mut overlay = OverlayedChanges::<BlakeTwo256>::default();
		let header = &block.header;
		if self.call(&mut overlay, "Core_initialize_block", &header.encode()).is_err() {
			return Mismatch::Execution(message);
		}
		for (index, extrinsic) in block.extrinsics.iter().enumerate() {
			let outcome = self
				.call(&mut overlay, "BlockBuilder_apply_extrinsic", &extrinsic.encode())
				.map_err(|error| error.to_string())
				.and_then(|raw| {
					ApplyExtrinsicResult::decode(&mut &raw[..]).map_err(|error| error.to_string())
				});
			let reason = match outcome {
				Ok(Ok(_)) => continue,
				Ok(Err(validity)) => format!("{validity:?}"),
				Err(error) => error,
			};
			return Mismatch::InvalidExtrinsic { index: index as u32, reason };
		}
		let computed = match self
			.call(&mut overlay, "BlockBuilder_finalize_block", &[])
			.ok()
			.and_then(|raw| Header::decode(&mut &raw[..]).ok())
		{
			Some(computed) => computed,
			None => return Mismatch::Execution(message),
		};
		if computed.digest != header.digest {
			return Mismatch::Digest(format!(
				"the header has {:?} but the runtime computes {:?}",
				header.digest.logs(),
				computed.digest.logs()
			));
		}
		if computed.state_root != header.state_root {
			return Mismatch::StateRoot {
				header: header.state_root,
				computed: computed.state_root,
			};
		}
		if computed.extrinsics_root != header.extrinsics_root {
			return Mismatch::ExtrinsicsRoot {
				header: header.extrinsics_root,
				computed: computed.extrinsics_root,
			};
		}
		Mismatch::Execution(message)
	}
}
