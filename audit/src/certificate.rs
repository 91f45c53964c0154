//! Certificates of title that anyone can verify offline.
//!
//! A certificate holds a parcel's records at one finalized block — the parcel, its current title,
//! its open encumbrances, its pending applications, its last title versions, the block's time and
//! GRANDPA set — with the **storage read proof** of every value, the block's **header**, a
//! **GRANDPA justification** finalizing that block or a later one and the headers between, and
//! the chain's genesis hash. [`verify`] needs nothing but the certificate and the chain spec: the
//! genesis state gives the genesis hash and the genesis GRANDPA authorities; the justification's
//! signatures and threshold are checked against them, the header chain links the certificate's
//! block to the finalized one, and each value is checked against the block's state root.
//!
//! The justification is checked by [`crate::finality`]: from the chain spec's genesis set through
//! every authority set change the certificate carries (each change block justified by the set
//! before it) to the set that signed.

use crate::{
	error::AuditError,
	finality::{self, AuthoritySet, FinalityProof, SetChange},
	replay,
	source::RpcClient,
	types::{BlockNumber, Hash, Header},
};
use codec::{Decode, Encode};
use landchain_primitives::{storage, ApplicationId, ParcelId, TitleVersion};
use landchain_runtime::registry;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sp_core::{storage::Storage, Bytes};
use sp_runtime::traits::BlakeTwo256;
use sp_state_machine::{read_proof_check, StorageProof};

/// What the certificate's `format` says: this layout, version 1.
pub const FORMAT: &str = "landchain-certificate/1";

/// How many of the latest title versions a certificate carries (the current one included).
pub const HISTORY_VERSIONS: u32 = 5;

/// A certificate of title (JSON, hex for bytes).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Certificate {
	/// [`FORMAT`].
	pub format: String,
	/// The chain's genesis hash: the certificate is about this chain only.
	pub genesis_hash: Hash,
	/// The runtime the block was executed by (its records are decoded as this node's runtime).
	pub spec_name: String,
	/// Its version.
	pub spec_version: u32,
	/// The parcel.
	pub parcel: ParcelId,
	/// The certificate's block header (SCALE).
	pub header: Bytes,
	/// The proof that the block is final.
	pub finality: Finality,
	/// The storage trie nodes proving every entry against the header's state root.
	pub proof: Vec<Bytes>,
	/// The values shown, each with its storage key.
	pub entries: Vec<Entry>,
}

/// A GRANDPA justification, the headers linking the certificate's block to its target, and the
/// authority set changes since genesis.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Finality {
	/// The authority set that signed the justification (as the issuer says; verification
	/// derives it from the set changes and refuses a certificate that says otherwise).
	pub set_id: u64,
	/// The justification (SCALE).
	pub justification: Bytes,
	/// The headers after the certificate's block up to the justification's target (SCALE),
	/// in order; empty when the justification finalizes the certificate's block itself.
	pub headers: Vec<Bytes>,
	/// Every GRANDPA authority set change from genesis to the set that signed, oldest first
	/// (none on a chain whose validators never changed).
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub set_changes: Vec<CertifiedSetChange>,
}

/// One authority set change: the change block's header and the old set's justification of it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CertifiedSetChange {
	/// The header carrying the `ScheduledChange` digest (SCALE).
	pub header: Bytes,
	/// The old set's justification of it (SCALE).
	pub justification: Bytes,
}

impl Finality {
	fn from_proof(proof: FinalityProof, set_id: u64) -> Self {
		Finality {
			set_id,
			justification: Bytes(proof.justification),
			headers: proof.headers.iter().map(|header| Bytes(header.encode())).collect(),
			set_changes: proof
				.set_changes
				.into_iter()
				.map(|change| CertifiedSetChange {
					header: Bytes(change.header.encode()),
					justification: Bytes(change.justification),
				})
				.collect(),
		}
	}

	fn to_proof(&self) -> Result<FinalityProof, AuditError> {
		let header = |bytes: &Bytes, what: &str| {
			Header::decode(&mut &bytes[..])
				.map_err(|error| cert_error(format!("{what} does not decode: {error}")))
		};
		Ok(FinalityProof {
			set_changes: self
				.set_changes
				.iter()
				.map(|change| {
					Ok(SetChange {
						header: header(&change.header, "a set change's header")?,
						justification: change.justification.to_vec(),
					})
				})
				.collect::<Result<_, AuditError>>()?,
			justification: self.justification.to_vec(),
			headers: self
				.headers
				.iter()
				.map(|bytes| header(bytes, "a header after the block"))
				.collect::<Result<_, _>>()?,
		})
	}
}

/// One storage value shown by the certificate.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Entry {
	/// What it is: `parcel`, `title`, `encumbrances`, `applications`, `time`, `grandpaSet`,
	/// `titleVersion:N`.
	pub what: String,
	/// Its storage key.
	pub key: Bytes,
	/// Its value (SCALE), or none when the key is empty.
	pub value: Option<Bytes>,
}

/// What a verified certificate says, decoded.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verified {
	/// The block number.
	pub block: BlockNumber,
	/// The block hash.
	pub block_hash: Hash,
	/// The block's time (Unix milliseconds).
	pub time_ms: u64,
	/// The block that the justification finalized (the certificate's or a later one).
	pub finalized: BlockNumber,
	/// How many of the authority set's voters signed, of how many.
	pub signed_by: (usize, usize),
	/// The parcel (none if it does not exist at that block).
	pub parcel: Option<registry::Parcel>,
	/// Its current title.
	pub title: Option<registry::Title>,
	/// Its open encumbrances.
	pub encumbrances: Vec<registry::Encumbrance>,
	/// Its pending applications' ids.
	pub applications: Vec<ApplicationId>,
	/// Its last title versions before the current one, latest first.
	pub history: Vec<registry::Title>,
}

fn cert_error(message: impl Into<String>) -> AuditError {
	AuditError::Certificate(message.into())
}

/// Entries' names and storage keys for `parcel`: the fixed ones, then the title versions before
/// `current` (at most [`HISTORY_VERSIONS`] in all).
pub fn keys(parcel: ParcelId, current: Option<TitleVersion>) -> Vec<(String, Vec<u8>)> {
	let mut keys = vec![
		("parcel".to_string(), storage::parcel(parcel)),
		("title".to_string(), storage::title(parcel)),
		("encumbrances".to_string(), storage::encumbrances(parcel)),
		("applications".to_string(), storage::parcel_applications(parcel)),
		("time".to_string(), storage::timestamp_now().to_vec()),
		("grandpaSet".to_string(), storage::grandpa_current_set_id().to_vec()),
	];
	if let Some(current) = current {
		let oldest = current.saturating_sub(HISTORY_VERSIONS - 1).max(1);
		for version in (oldest..current).rev() {
			keys.push((format!("titleVersion:{version}"), storage::title_history(parcel, version)));
		}
	}
	keys
}

fn hex(bytes: &[u8]) -> Value {
	Value::String(sp_core::bytes::to_hex(bytes, false))
}

fn hash_value(hash: &Hash) -> Value {
	hex(hash.as_bytes())
}

/// Issues a certificate for `parcel` at block `at` (default: the finalized head) from a node
/// over RPC; waits (bounded) for a GRANDPA justification finalizing that block or a later one.
pub fn issue(
	client: &RpcClient,
	parcel: ParcelId,
	at: Option<Hash>,
) -> Result<Certificate, AuditError> {
	let at = match at {
		Some(hash) => hash,
		None => client.request("chain_getFinalizedHead", vec![])?,
	};
	let header: Option<Header> = client.request("chain_getHeader", vec![hash_value(&at)])?;
	let header = header.ok_or_else(|| cert_error(format!("the node has no block {at:?}")))?;
	let genesis_hash: Hash = client.request("chain_getBlockHash", vec![0.into()])?;
	let version: Value = client.request("state_getRuntimeVersion", vec![hash_value(&at)])?;

	// The current title's version decides which history entries to carry.
	let title: Option<Bytes> =
		client.request("state_getStorage", vec![hex(&storage::title(parcel)), hash_value(&at)])?;
	let current = match title {
		Some(bytes) => Some(
			registry::Title::decode(&mut &bytes[..])
				.map_err(|error| cert_error(format!("the node's title does not decode: {error}")))?
				.version,
		),
		None => None,
	};
	let keys = keys(parcel, current);
	let read: Value = client.request(
		"state_getReadProof",
		vec![Value::Array(keys.iter().map(|(_, key)| hex(key)).collect()), hash_value(&at)],
	)?;
	let proof: Vec<Bytes> = serde_json::from_value(read["proof"].clone())
		.map_err(|error| cert_error(format!("the node's read proof is malformed: {error}")))?;
	// The values, taken from the proof itself: what the certificate shows is what it proves.
	let values = read_proof_check::<BlakeTwo256, _>(
		header.state_root,
		StorageProof::new(proof.iter().map(|node| node.to_vec())),
		keys.iter().map(|(_, key)| key.as_slice()),
	)
	.map_err(|error| cert_error(format!("the node's read proof does not verify: {error:?}")))?;
	let entries = keys
		.into_iter()
		.map(|(what, key)| {
			let value = values.get(&key).cloned().flatten().map(Bytes);
			Entry { what, key: Bytes(key), value }
		})
		.collect();

	// From the genesis set (set 0 finalizes blocks from #1 on).
	let finality_proof = finality::prove_from_node(client, header.number, header.hash(), (0, 1))?;
	let set_id = finality_proof.set_changes.len() as u64;
	let finality = Finality::from_proof(finality_proof, set_id);
	Ok(Certificate {
		format: FORMAT.to_string(),
		genesis_hash,
		spec_name: version["specName"].as_str().unwrap_or_default().to_string(),
		spec_version: version["specVersion"].as_u64().unwrap_or_default() as u32,
		parcel,
		header: Bytes(header.encode()),
		finality,
		proof,
		entries,
	})
}

fn decode<T: Decode>(entry: &Entry, what: &str) -> Result<Option<T>, AuditError> {
	entry
		.value
		.as_ref()
		.map(|bytes| {
			T::decode(&mut &bytes[..])
				.map_err(|error| cert_error(format!("the {what} does not decode: {error}")))
		})
		.transpose()
}

/// Verifies `certificate` against the chain whose genesis state is `genesis` (from its chain
/// spec), offline. Every failure names what fails: another chain, the header chain, the
/// justification (signatures, threshold, target), a storage proof, a tampered value.
pub fn verify(certificate: &Certificate, genesis: &Storage) -> Result<Verified, AuditError> {
	if certificate.format != FORMAT {
		return Err(cert_error(format!("unknown certificate format {:?}", certificate.format)));
	}
	let (genesis_block, _) = replay::genesis_block(genesis)?;
	let genesis_hash = genesis_block.header.hash();
	if certificate.genesis_hash != genesis_hash {
		return Err(cert_error(format!(
			"the certificate is about another chain: its genesis is {:?}, this chain spec's is \
			 {genesis_hash:?}",
			certificate.genesis_hash
		)));
	}

	// Finality: from the chain spec's GRANDPA set, through the set changes, to the
	// justification of the certificate's block or of a later one linked to it by headers.
	let header = Header::decode(&mut &certificate.header[..])
		.map_err(|error| cert_error(format!("the block header does not decode: {error}")))?;
	let genesis_set = AuthoritySet::from_state(|key| genesis.top.get(key).cloned())
		.map_err(|what| cert_error(format!("the chain spec's genesis: {what}")))?;
	let justified = genesis_set
		.verify_proof(&certificate.finality.to_proof()?, header.number, header.hash())
		.map_err(|what| {
			cert_error(format!("block #{} is not proven final: {what}", header.number))
		})?;
	if justified.set_id != certificate.finality.set_id {
		return Err(cert_error(format!(
			"the certificate says authority set {} signed, but its proof is signed by set {}",
			certificate.finality.set_id, justified.set_id
		)));
	}

	// Every value against the block's state root.
	let proven = read_proof_check::<BlakeTwo256, _>(
		header.state_root,
		StorageProof::new(certificate.proof.iter().map(|node| node.to_vec())),
		certificate.entries.iter().map(|entry| &entry.key[..]),
	)
	.map_err(|error| {
		cert_error(format!(
			"the storage proof does not verify against block #{}'s state root: {error:?}",
			header.number
		))
	})?;
	for entry in &certificate.entries {
		let proven = proven.get(&entry.key[..]).cloned().flatten();
		if proven.as_deref() != entry.value.as_deref() {
			return Err(cert_error(format!(
				"the {} shown is not what block #{}'s state holds (a tampered value)",
				entry.what, header.number
			)));
		}
	}

	// The entries the certificate must have, for its parcel.
	let entry = |what: &str| -> Result<&Entry, AuditError> {
		certificate
			.entries
			.iter()
			.find(|entry| entry.what == what)
			.ok_or_else(|| cert_error(format!("the certificate lacks the {what}")))
	};
	let parcel = certificate.parcel;
	// Every fixed entry, the block's time and GRANDPA set among them: a value proven under
	// another key (another parcel's, or any other number in the state) is refused. The entries
	// are checked in the certificate's own order, as the portal's verifier checks them, so both
	// give the same reason for the same file.
	for (what, expected) in keys(parcel, None) {
		let what = what.as_str();
		if entry(what)?.key[..] != expected[..] {
			let whose = match what {
				"time" | "grandpaSet" => "the block's".to_string(),
				_ => format!("parcel {parcel}'s"),
			};
			return Err(cert_error(format!(
				"the {what} shown is not {whose} (its storage key is another's)"
			)));
		}
	}
	let title: Option<registry::Title> = decode(entry("title")?, "title")?;
	let mut history = Vec::new();
	if let Some(title) = &title {
		let fixed = keys(parcel, None).len();
		for (what, key) in keys(parcel, Some(title.version)).into_iter().skip(fixed) {
			let found = entry(&what)?;
			if found.key[..] != key[..] {
				return Err(cert_error(format!("the {what} shown is not parcel {parcel}'s")));
			}
			if let Some(version) = decode::<registry::Title>(found, &what)? {
				history.push(version);
			}
		}
	}
	Ok(Verified {
		block: header.number,
		block_hash: header.hash(),
		time_ms: decode::<u64>(entry("time")?, "block time")?.unwrap_or_default(),
		finalized: justified.number,
		signed_by: justified.signed_by,
		parcel: decode(entry("parcel")?, "parcel")?,
		title,
		encumbrances: decode::<Vec<registry::Encumbrance>>(entry("encumbrances")?, "encumbrances")?
			.unwrap_or_default(),
		applications: decode::<Vec<ApplicationId>>(entry("applications")?, "applications")?
			.unwrap_or_default(),
		history,
	})
}
