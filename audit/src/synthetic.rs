//! Chains built natively, for tests and the replay benchmark: blocks are produced by the native
//! runtime (fast), sealed by the dev authority (Alice) like Aura would, and then audited by
//! re-executing them in wasm like any chain. Also signs transactions as Polkadot.js does, for
//! tests that drive a live node.

use crate::{
	events::{self, EventRecord},
	replay,
	source::SourceBlock,
	types::{Block, BlockNumber, Hash, Header, OpaqueExtrinsic, SignedBlock},
};
use codec::Encode;
use landchain_runtime::pallets::land_registry::{
	ApplicationId, ChildParcel, EncumbranceId, EncumbranceKind, LandUse, LawfulTransferReason,
	Owner, ParcelAttributes, ParcelId, ParcelOrigin, ProposedChange, Source, SourceKind, Tenure,
};
use landchain_runtime::pallets::{land_registry, timestamp};
use landchain_runtime::{
	AccountId, Executive, RuntimeCall, SignedPayload, UncheckedExtrinsic, SLOT_DURATION,
};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::storage::Storage;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::Era,
	traits::{Block as _, Header as _},
	Digest, DigestItem, MultiSignature,
};
use std::collections::BTreeMap;

/// What a signed transaction commits to besides its call: the chain and the runtime it is for.
#[derive(Clone, Copy, Debug)]
pub struct ChainContext {
	/// The genesis hash (`CheckGenesis`, and `CheckEra` for immortal transactions).
	pub genesis_hash: Hash,
	/// The runtime's `spec_version` (`CheckSpecVersion`).
	pub spec_version: u32,
	/// The runtime's `transaction_version` (`CheckTxVersion`).
	pub transaction_version: u32,
}

/// A signed, immortal transaction with the runtime's transaction extensions, as Polkadot.js
/// builds it, for the chain and runtime in `context`.
pub fn sign(
	signer: Sr25519Keyring,
	nonce: u32,
	call: RuntimeCall,
	context: &ChainContext,
) -> UncheckedExtrinsic {
	let tx_ext = landchain_runtime::transaction_extension(nonce, Era::Immortal);
	let implicit = landchain_runtime::immortal_implicit(
		context.spec_version,
		context.transaction_version,
		context.genesis_hash,
	);
	let payload = SignedPayload::from_raw(call.clone(), tx_ext.clone(), implicit);
	let signature: MultiSignature = payload.using_encoded(|bytes| signer.sign(bytes)).into();
	UncheckedExtrinsic::new_signed(call, signer.to_account_id().into(), signature, tx_ext)
}

/// The dev chain's genesis state, exactly as `landchain-node --dev` builds it (the runtime's
/// `development` preset run by its own wasm).
pub fn dev_genesis() -> Result<Storage, String> {
	use sp_runtime::BuildStorage;
	dev_chain_spec()?.build_storage()
}

/// The raw chain spec (JSON) of [`dev_genesis`]: for a `landchain-node` that must start from
/// exactly this genesis (`--chain <file>`), whatever runtime it embeds itself.
pub fn dev_chain_spec_json() -> Result<String, String> {
	dev_chain_spec()?.as_json(true)
}

fn dev_chain_spec() -> Result<sc_chain_spec::GenericChainSpec<sc_chain_spec::NoExtension>, String> {
	let code = landchain_runtime_wasm::WASM_BINARY
		.ok_or("the runtime wasm was not built (SKIP_WASM_BUILD set?)")?;
	Ok(sc_chain_spec::GenericChainSpec::<sc_chain_spec::NoExtension>::builder(code, None)
		.with_name("Landchain")
		.with_id("landchain_dev")
		.with_chain_type(sc_chain_spec::ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.build())
}

/// Builds blocks natively on top of a genesis state.
pub struct Builder {
	ext: sp_io::TestExternalities,
	context: ChainContext,
	parent: Hash,
	number: BlockNumber,
	nonces: BTreeMap<AccountId, u32>,
	blocks: Vec<SourceBlock>,
	transactions: usize,
}

impl Builder {
	/// Starts from `genesis` (the state of a chain spec), with its genesis block as block 0.
	pub fn new(genesis: &Storage) -> Result<Self, String> {
		let (block0, state_version) = replay::genesis_block(genesis).map_err(|e| e.to_string())?;
		let genesis_hash = block0.header.hash();
		let version = landchain_runtime::VERSION;
		// `TestExternalities` overwrites `:code`: give it the chain spec's own code.
		let code = genesis
			.top
			.get(sp_core::storage::well_known_keys::CODE)
			.cloned()
			.ok_or("the genesis state has no runtime code")?;
		let ext = sp_io::TestExternalities::new_with_code_and_state(
			&code,
			genesis.clone(),
			state_version,
		);
		Ok(Builder {
			ext,
			context: ChainContext {
				genesis_hash,
				spec_version: version.spec_version,
				transaction_version: version.transaction_version,
			},
			parent: genesis_hash,
			number: 0,
			nonces: BTreeMap::new(),
			blocks: vec![SourceBlock {
				block: SignedBlock { block: block0, justifications: None },
				hash: Some(genesis_hash),
				events: Some(Vec::new()),
			}],
			transactions: 0,
		})
	}

	/// The signing context of this chain.
	pub fn context(&self) -> ChainContext {
		self.context
	}

	/// Signed transactions so far.
	pub fn transactions(&self) -> usize {
		self.transactions
	}

	/// Reads the current state with the native runtime types.
	pub fn with_state<R>(&mut self, f: impl FnOnce() -> R) -> R {
		self.ext.execute_with(f)
	}

	/// Builds, seals and keeps the next block with `calls`, each signed by its keyring account
	/// with the next nonce. Every transaction must succeed. Returns the block's events.
	pub fn block(
		&mut self,
		calls: Vec<(Sr25519Keyring, RuntimeCall)>,
	) -> Result<Vec<EventRecord>, String> {
		let number = self.number + 1;
		let signed: Vec<UncheckedExtrinsic> = calls
			.into_iter()
			.map(|(signer, call)| {
				let nonce = self.nonces.entry(signer.to_account_id()).or_insert(0);
				let extrinsic = sign(signer, *nonce, call, &self.context);
				*nonce += 1;
				extrinsic
			})
			.collect();
		let slot = Slot::from(u64::from(number));
		let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
		let parent = self.parent;
		let (header, extrinsics, events) = self.ext.execute_with(|| {
			let header =
				Header::new(number, Default::default(), Default::default(), parent, digest);
			Executive::initialize_block(&header);
			let timestamp =
				UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(timestamp::Call::set {
					now: u64::from(number) * SLOT_DURATION,
				}));
			let mut extrinsics = vec![timestamp];
			extrinsics.extend(signed);
			for (index, extrinsic) in extrinsics.iter().enumerate() {
				match Executive::apply_extrinsic(extrinsic.clone()) {
					Ok(Ok(())) => {}
					outcome => {
						return Err(format!(
							"block #{number}: extrinsic #{index} ({:?}) failed: {outcome:?}",
							extrinsic.function
						))
					}
				}
			}
			let header = Executive::finalize_block();
			let events = sp_io::storage::get(&landchain_primitives::storage::system_events())
				.map(|bytes| bytes.to_vec());
			Ok((header, extrinsics, events.unwrap_or_default()))
		})?;
		self.ext.commit_all()?;
		self.transactions += extrinsics.len() - 1;

		let mut header: Header = header;
		let signature = Sr25519Keyring::Alice.sign(header.hash().as_ref());
		header.digest.push(DigestItem::Seal(AURA_ENGINE_ID, signature.encode()));
		let hash = header.hash();
		let opaque = extrinsics
			.iter()
			.map(|extrinsic| OpaqueExtrinsic::try_from_encoded_extrinsic(&extrinsic.encode()))
			.collect::<Result<Vec<_>, _>>()
			.map_err(|error| format!("block #{number}: {error}"))?;
		self.blocks.push(SourceBlock {
			block: SignedBlock { block: Block::new(header, opaque), justifications: None },
			hash: Some(hash),
			events: Some(events.clone()),
		});
		self.parent = hash;
		self.number = number;
		events::decode(&events).map_err(|error| format!("block #{number}: events: {error}"))
	}

	/// Every block built, genesis first; the last one carries a GRANDPA justification signed by
	/// the dev chain's one authority (Alice), as a node's finalized head can.
	pub fn finish(mut self) -> Vec<SourceBlock> {
		if let Some(last) = self.blocks.last_mut().filter(|block| block.number() > 0) {
			let justification = crate::finality::sign_justification(
				&last.block.block.header,
				0,
				&[sp_keyring::Ed25519Keyring::Alice.pair()],
			);
			last.block.justifications = Some(sp_runtime::Justifications::from((
				sp_consensus_grandpa::GRANDPA_ENGINE_ID,
				justification,
			)));
		}
		self.blocks
	}
}

/// A document hash standing in for an off-chain document.
pub fn document(kind: SourceKind, label: &str) -> Source {
	Source { kind, document_hash: sp_io::hashing::blake2_256(label.as_bytes()).into(), uri: None }
}

fn bounded<T: TryFrom<Vec<u8>>>(text: &str) -> T
where
	T::Error: std::fmt::Debug,
{
	T::try_from(text.as_bytes().to_vec()).expect("synthetic references are short")
}

/// A first registration of `reference` in `LC-BENCH`, owned by `owner`.
pub fn register(reference: &str, area_m2: u64, owner: AccountId) -> RuntimeCall {
	RuntimeCall::LandRegistry(land_registry::Call::register_parcel {
		jurisdiction: bounded("LC-BENCH"),
		cadastral_reference: bounded(reference),
		attributes: ParcelAttributes {
			area_m2,
			land_use: LandUse::Residential,
			geometry_hash: sp_io::hashing::blake2_256(reference.as_bytes()).into(),
		},
		source: document(SourceKind::Survey, reference),
		owners: Owner::sole(owner),
		tenure: Tenure::Freehold,
	})
}

/// The `registry_history` of a benchmark: how much and what was built.
pub struct History {
	/// Every block, genesis first.
	pub blocks: Vec<SourceBlock>,
	/// Signed registry transactions.
	pub transactions: usize,
}

/// `blocks` empty blocks (only the timestamp inherent) on `genesis`: what a chain with no
/// dealings costs to replay, block by block.
pub fn empty_history(genesis: &Storage, blocks: u32) -> Result<Vec<SourceBlock>, String> {
	let mut builder = Builder::new(genesis)?;
	for _ in 0..blocks {
		builder.block(Vec::new())?;
	}
	Ok(builder.finish())
}

/// A registry history of `blocks` blocks in which `per_block` parcels are registered in every
/// block, and each parcel then goes through a lien (recorded by Bob, discharged by its holder
/// Ferdie), an inheritance by application (proposed by Alice, confirmed by Bob, enacted by Eve
/// after the dev chain's notice period) and a split by Alice: seven registry transactions per
/// parcel.
pub fn registry_history(genesis: &Storage, blocks: u32, per_block: u32) -> Result<History, String> {
	let mut builder = Builder::new(genesis)?;
	let (alice, bob) = (Sr25519Keyring::Alice, Sr25519Keyring::Bob);
	let mut registered: Vec<ParcelId> = Vec::new();
	let mut liened: Vec<(ParcelId, EncumbranceId)> = Vec::new();
	let mut proposed: Vec<ApplicationId> = Vec::new();
	let mut in_notice: Vec<(ApplicationId, BlockNumber)> = Vec::new();
	let mut inherited: Vec<ParcelId> = Vec::new();
	for block in 0..blocks {
		let number = block + 1;
		let mut calls = Vec::new();
		for parcel in inherited.drain(..) {
			let children = ["A", "B"]
				.iter()
				.zip([400u64, 600])
				.map(|(suffix, area_m2)| ChildParcel {
					cadastral_reference: bounded(&format!("P{parcel}-{suffix}")),
					attributes: ParcelAttributes {
						area_m2,
						land_use: LandUse::Residential,
						geometry_hash: sp_io::hashing::blake2_256(&parcel.encode()).into(),
					},
				})
				.collect::<Vec<_>>()
				.try_into()
				.expect("two children fit");
			calls.push((
				alice,
				RuntimeCall::LandRegistry(land_registry::Call::split_parcel {
					parcel,
					children,
					source: document(SourceKind::Survey, &format!("split {parcel}")),
				}),
			));
		}
		let (due, waiting): (Vec<_>, Vec<_>) =
			in_notice.drain(..).partition(|(_, notice_ends)| number >= *notice_ends);
		in_notice = waiting;
		for (application, _) in due {
			calls.push((
				Sr25519Keyring::Eve,
				RuntimeCall::LandRegistry(land_registry::Call::enact_application { application }),
			));
		}
		for application in proposed.drain(..) {
			calls.push((
				bob,
				RuntimeCall::LandRegistry(land_registry::Call::confirm_application { application }),
			));
		}
		for (parcel, encumbrance) in liened.drain(..) {
			calls.push((
				Sr25519Keyring::Ferdie,
				RuntimeCall::LandRegistry(land_registry::Call::discharge { parcel, encumbrance }),
			));
			calls.push((
				alice,
				RuntimeCall::LandRegistry(land_registry::Call::propose_application {
					parcel,
					change: ProposedChange::TransferByOperationOfLaw {
						owners: Owner::sole(Sr25519Keyring::Dave.to_account_id()),
						tenure: Tenure::Freehold,
						reason: LawfulTransferReason::Inheritance,
					},
					source: document(SourceKind::Probate, &format!("probate {parcel}")),
				}),
			));
		}
		for parcel in registered.drain(..) {
			calls.push((
				bob,
				RuntimeCall::LandRegistry(land_registry::Call::record_encumbrance {
					parcel,
					kind: EncumbranceKind::Lien {
						holder: Sr25519Keyring::Ferdie.to_account_id(),
						amount: landchain_runtime::UNIT,
					},
					source: document(SourceKind::CourtOrder, &format!("lien {parcel}")),
				}),
			));
		}
		for index in 0..per_block {
			let reference = format!("B{block}-{index}");
			calls.push((
				alice,
				register(&reference, 1_000, Sr25519Keyring::Charlie.to_account_id()),
			));
		}
		for record in builder.block(calls)? {
			if let landchain_runtime::RuntimeEvent::LandRegistry(event) = record.event {
				match event {
					land_registry::Event::ParcelRegistered {
						parcel,
						origin: ParcelOrigin::FirstRegistration,
						..
					} => registered.push(parcel),
					land_registry::Event::EncumbranceRecorded { parcel, encumbrance, .. } => {
						liened.push((parcel, encumbrance))
					}
					land_registry::Event::ApplicationProposed { application, .. } => {
						proposed.push(application)
					}
					land_registry::Event::ApplicationConfirmed {
						application, notice_ends, ..
					} => in_notice.push((application, notice_ends)),
					land_registry::Event::ApplicationEnacted { parcel, .. } => {
						inherited.push(parcel)
					}
					_ => {}
				}
			}
		}
	}
	let transactions = builder.transactions();
	Ok(History { blocks: builder.finish(), transactions })
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn signed_transactions_carry_the_runtime_version() {
		let context = ChainContext {
			genesis_hash: Hash::repeat_byte(1),
			spec_version: 100,
			transaction_version: 1,
		};
		let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
		let extrinsic = sign(Sr25519Keyring::Alice, 0, call, &context);
		assert!(matches!(extrinsic.preamble, sp_runtime::generic::Preamble::Signed(..)));
	}
}
