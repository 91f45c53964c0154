//! The events of a block: the raw `System.Events` value, decoded with this node's runtime types,
//! and compared between what the source reports and what the replay emits.

use crate::{error::Mismatch, Hash};
use codec::Decode;
use landchain_runtime::RuntimeEvent;

/// One event with its phase and topics.
pub type EventRecord = frame_system::EventRecord<RuntimeEvent, Hash>;

/// Decodes a raw `System.Events` value (absent storage is an empty list).
pub fn decode(bytes: &[u8]) -> Result<Vec<EventRecord>, codec::Error> {
	if bytes.is_empty() {
		return Ok(Vec::new());
	}
	Vec::<EventRecord>::decode(&mut &bytes[..])
}

/// `Pallet.Variant` of an event, e.g. `LandRegistry.TitleRecorded`.
pub fn name(event: &RuntimeEvent) -> String {
	let debug = format!("{event:?}");
	let mut parts = debug.split(['(', '{', ' ']).filter(|s| !s.is_empty());
	match (parts.next(), parts.next()) {
		(Some(pallet), Some(variant)) => format!("{pallet}.{variant}"),
		(Some(pallet), None) => pallet.to_string(),
		_ => debug,
	}
}

/// Compares the events a source reports for a block with those the replay emitted; names the
/// first event that differs.
pub fn compare(reported: &[u8], replayed: &[u8]) -> Result<(), Mismatch> {
	if reported == replayed {
		return Ok(());
	}
	let reported_events = decode(reported);
	let replayed_events = decode(replayed);
	let what = match (reported_events, replayed_events) {
		(Err(error), _) => format!(
			"the reported events ({} bytes) do not decode ({error}); the replay emitted {} bytes",
			reported.len(),
			replayed.len()
		),
		(Ok(_), Err(error)) => format!("the replayed events do not decode: {error}"),
		(Ok(reported), Ok(replayed)) => {
			let first_difference = reported
				.iter()
				.zip(replayed.iter())
				.position(|(a, b)| a != b)
				.unwrap_or(reported.len().min(replayed.len()));
			match (reported.get(first_difference), replayed.get(first_difference)) {
				(Some(a), Some(b)) => format!(
					"event #{first_difference} differs: the source reports {} {:?}, the replay \
					 emits {} {:?}",
					name(&a.event),
					a,
					name(&b.event),
					b
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
	};
	Err(Mismatch::Events(what))
}
