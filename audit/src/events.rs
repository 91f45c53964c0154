//! The events of a block, read with the metadata of the runtime that emitted them.
//!
//! Every runtime on the chain describes its own types in its metadata, which the replay asks it
//! for whenever the code changes ([`EventTypes`]). When a block's runtime has exactly the type
//! registry of the runtime compiled into this audit, its `System.Events` value is that runtime's
//! `Vec<EventRecord>` and decodes directly. Otherwise — a runtime before or after an upgrade
//! that changed an event type — each event is decoded with its own runtime's types into a
//! dynamic value, and the events the chain of title reads ([`read_by_the_audit`]) are
//! translated to the compiled types by pallet, variant and field *names*: a field a runtime
//! added is left out, a field it moved is found by its name, and a field the audit needs but the
//! runtime lacks stops the audit, naming the block's event. Differences between what a source
//! reports and what the replay emits are named the same way, with the block's own metadata.

use crate::{error::Mismatch, types::Hash};
use codec::{Compact, Decode};
use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
use frame_system::Phase;
use landchain_runtime::RuntimeEvent;
use scale_encode::EncodeAsType;
use scale_info::PortableRegistry;
use scale_value::{Value, ValueDef};
use std::sync::OnceLock;

/// One event with its phase and topics, in the compiled runtime's types.
pub type EventRecord = frame_system::EventRecord<RuntimeEvent, Hash>;

/// The metadata version the audit asks each runtime for (`Metadata_metadata_at_version`).
pub const METADATA_VERSION: u32 = 15;

/// A runtime's event types: its type registry and the id of its `RuntimeEvent` in it.
#[derive(Debug)]
pub struct EventTypes {
	registry: PortableRegistry,
	event: u32,
	/// Whether these are exactly the compiled runtime's types, so the events decode directly.
	native: bool,
}

impl EventTypes {
	/// The types described by a runtime's metadata (`RuntimeMetadataPrefixed`, version 15).
	pub fn from_metadata(bytes: &[u8]) -> Result<Self, String> {
		let (registry, event) = Self::parse(bytes)?;
		let compiled = compiled();
		let native = compiled.registry == registry && compiled.event == event;
		Ok(Self { registry, event, native })
	}

	fn parse(bytes: &[u8]) -> Result<(PortableRegistry, u32), String> {
		let prefixed = RuntimeMetadataPrefixed::decode(&mut &bytes[..])
			.map_err(|error| format!("the runtime's metadata does not decode: {error}"))?;
		match prefixed.1 {
			RuntimeMetadata::V15(metadata) => {
				Ok((metadata.types, metadata.outer_enums.event_enum_ty.id))
			}
			other => Err(format!(
				"the runtime returned metadata version {} for version {METADATA_VERSION}",
				other.version()
			)),
		}
	}

	/// Whether the events of this runtime decode with the compiled types as they are.
	pub fn is_native(&self) -> bool {
		self.native
	}
}

/// The compiled runtime's event types, the vocabulary every block's events are translated to.
fn compiled() -> &'static EventTypes {
	static COMPILED: OnceLock<EventTypes> = OnceLock::new();
	COMPILED.get_or_init(|| {
		let metadata = compiled_metadata()
			.expect("the compiled runtime serves the metadata version the audit reads");
		let (registry, event) =
			EventTypes::parse(&metadata).expect("the compiled runtime's metadata is valid");
		EventTypes { registry, event, native: true }
	})
}

/// The compiled runtime's metadata (its constants are read from an empty state).
fn compiled_metadata() -> Option<Vec<u8>> {
	sp_state_machine::BasicExternalities::new_empty().execute_with(|| {
		landchain_runtime::Runtime::metadata_at_version(METADATA_VERSION).map(|m| m.to_vec())
	})
}

/// One event decoded with its own runtime's types.
#[derive(Clone, Debug, PartialEq)]
pub struct DynamicRecord {
	/// When in the block it was emitted.
	pub phase: Phase,
	/// The event: a variant named after the pallet, holding a variant named after the event.
	pub event: Value<u32>,
	/// Its topics.
	pub topics: Vec<Hash>,
}

/// Decodes a raw `System.Events` value (absent storage is an empty list) with the compiled
/// runtime's types.
pub fn decode(bytes: &[u8]) -> Result<Vec<EventRecord>, codec::Error> {
	if bytes.is_empty() {
		return Ok(Vec::new());
	}
	Vec::<EventRecord>::decode(&mut &bytes[..])
}

/// Decodes a raw `System.Events` value with the types of the runtime that wrote it.
pub fn decode_dynamic(bytes: &[u8], types: &EventTypes) -> Result<Vec<DynamicRecord>, String> {
	if bytes.is_empty() {
		return Ok(Vec::new());
	}
	let input = &mut &bytes[..];
	let count = Compact::<u32>::decode(input)
		.map_err(|error| format!("the event count does not decode: {error}"))?
		.0;
	let mut records = Vec::new();
	for index in 0..count {
		let phase = Phase::decode(input)
			.map_err(|error| format!("event #{index}: the phase does not decode: {error}"))?;
		let event = scale_value::scale::decode_as_type(input, types.event, &types.registry)
			.map_err(|error| format!("event #{index} does not decode: {error}"))?;
		let topics = Vec::<Hash>::decode(input)
			.map_err(|error| format!("event #{index}: the topics do not decode: {error}"))?;
		records.push(DynamicRecord { phase, event, topics });
	}
	if !input.is_empty() {
		return Err(format!("{} bytes follow the last of {count} events", input.len()));
	}
	Ok(records)
}

/// The pallet and event names of a dynamic event, e.g. `("LandRegistry", "TitleRecorded")`.
pub fn names(event: &Value<u32>) -> (&str, &str) {
	let ValueDef::Variant(pallet) = &event.value else { return ("?", "?") };
	match pallet.values.values().next().map(|inner| &inner.value) {
		Some(ValueDef::Variant(inner)) => (&pallet.name, &inner.name),
		_ => (&pallet.name, ""),
	}
}

/// `Pallet.Event` of a dynamic event, e.g. `LandRegistry.TitleRecorded`.
pub fn name(event: &Value<u32>) -> String {
	match names(event) {
		(pallet, "") => pallet.to_string(),
		(pallet, variant) => format!("{pallet}.{variant}"),
	}
}

/// Whether the chain of title reads an event: every registry and conveyance event, and the
/// system's `CodeUpdated` (a runtime upgrade). Other events are checked with the whole event
/// stream ([`compare`]) but not read.
pub fn read_by_the_audit(pallet: &str, variant: &str) -> bool {
	matches!((pallet, variant), ("LandRegistry" | "Conveyance", _) | ("System", "CodeUpdated"))
}

/// The events of a block that the chain of title reads, in the compiled runtime's types: see
/// the module documentation. `types` are those of the runtime that executed the block.
pub fn read(bytes: &[u8], types: &EventTypes) -> Result<Vec<EventRecord>, String> {
	if types.native {
		return decode(bytes).map_err(|error| format!("the events do not decode: {error}"));
	}
	let target = compiled();
	let mut records = Vec::new();
	for (index, record) in decode_dynamic(bytes, types)?.into_iter().enumerate() {
		let (pallet, variant) = names(&record.event);
		if !read_by_the_audit(pallet, variant) {
			continue;
		}
		let translated = translate(&record.event, target).map_err(|error| {
			format!(
				"event #{index} ({}) cannot be read in this audit's types: {error}",
				name(&record.event)
			)
		})?;
		records.push(EventRecord { phase: record.phase, event: translated, topics: record.topics });
	}
	Ok(records)
}

/// An event decoded with another runtime's types, re-encoded by names into the compiled
/// `RuntimeEvent` and decoded as one.
fn translate(event: &Value<u32>, target: &EventTypes) -> Result<RuntimeEvent, scale_encode::Error> {
	let mut encoded = Vec::new();
	event.encode_as_type_to(target.event, &target.registry, &mut encoded)?;
	RuntimeEvent::decode(&mut &encoded[..]).map_err(scale_encode::Error::custom)
}

/// Compares the events a source reports for a block with those the replay emitted (both
/// written by the runtime with `types`); names the first event that differs.
pub fn compare(reported: &[u8], replayed: &[u8], types: &EventTypes) -> Result<(), Mismatch> {
	if reported == replayed {
		return Ok(());
	}
	let what = match (decode_dynamic(reported, types), decode_dynamic(replayed, types)) {
		(Err(error), _) => format!(
			"the reported events ({} bytes) do not decode ({error}); the replay emitted {} bytes",
			reported.len(),
			replayed.len()
		),
		(Ok(_), Err(error)) => format!("the replayed events do not decode: {error}"),
		(Ok(reported), Ok(replayed)) => describe_difference(&reported, &replayed),
	};
	Err(Mismatch::Events(what))
}

/// The first difference between two decoded event lists, in words.
fn describe_difference(reported: &[DynamicRecord], replayed: &[DynamicRecord]) -> String {
	let first_difference = reported
		.iter()
		.zip(replayed.iter())
		.position(|(a, b)| a != b)
		.unwrap_or(reported.len().min(replayed.len()));
	let show = |record: &DynamicRecord| {
		format!("{} {} ({:?})", name(&record.event), record.event, record.phase)
	};
	match (reported.get(first_difference), replayed.get(first_difference)) {
		(Some(a), Some(b)) => format!(
			"event #{first_difference} differs: the source reports {}, the replay emits {}",
			show(a),
			show(b)
		),
		(Some(a), None) => format!(
			"the source reports {} events, the replay emits {}; first extra: {}",
			reported.len(),
			replayed.len(),
			name(&a.event)
		),
		(None, Some(b)) => format!(
			"the source reports {} events, the replay emits {}; first missing: {}",
			reported.len(),
			replayed.len(),
			name(&b.event)
		),
		(None, None) => "the encodings differ although every event is equal".into(),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::synthetic;

	/// The compiled runtime's own types, forced through the dynamic path.
	fn dynamic_compiled() -> EventTypes {
		let metadata = compiled_metadata().expect("metadata v15");
		let (registry, event) = EventTypes::parse(&metadata).expect("valid metadata");
		EventTypes { registry, event, native: false }
	}

	#[test]
	fn events_translated_by_name_equal_the_events_decoded_directly() {
		let genesis = synthetic::dev_genesis().expect("the dev genesis builds");
		let chain = synthetic::registry_history(&genesis, 12, 2).expect("the history builds");
		let types = dynamic_compiled();
		let mut read = 0;
		for block in &chain.blocks {
			let Some(raw) = &block.events else { continue };
			let direct: Vec<EventRecord> = decode(raw)
				.expect("native decode")
				.into_iter()
				.filter(|record| {
					matches!(
						record.event,
						RuntimeEvent::LandRegistry(_)
							| RuntimeEvent::Conveyance(_)
							| RuntimeEvent::System(frame_system::Event::CodeUpdated { .. })
					)
				})
				.collect();
			let translated = super::read(raw, &types).expect("translates");
			assert_eq!(translated, direct, "block #{}", block.number());
			read += translated.len();
		}
		assert!(read > 10, "the fixture has registry events ({read})");
	}

	#[test]
	fn a_dynamic_event_is_named_by_pallet_and_variant() {
		let genesis = synthetic::dev_genesis().expect("the dev genesis builds");
		let chain = synthetic::registry_history(&genesis, 12, 2).expect("the history builds");
		let types = dynamic_compiled();
		let names: Vec<String> = chain
			.blocks
			.iter()
			.filter_map(|block| block.events.as_ref())
			.flat_map(|raw| decode_dynamic(raw, &types).expect("decodes"))
			.map(|record| name(&record.event))
			.collect();
		assert!(names.iter().any(|name| name == "LandRegistry.TitleRecorded"), "{names:?}");
		assert!(names.iter().any(|name| name == "System.ExtrinsicSuccess"), "{names:?}");
	}
}
