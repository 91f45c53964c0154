//! Where the blocks come from: a node over JSON-RPC ([`RpcSource`]), an audit archive written by
//! an earlier run ([`crate::archive::ArchiveSource`]), or a file of `landchain-node export-blocks
//! --binary` ([`ExportedBlocksSource`]).
//!
//! Nothing a source says is trusted: every block is re-executed and every hash recomputed.

use crate::{
	error::AuditError,
	finality::{self, FinalityProof},
	types::{BlockNumber, Hash, SignedBlock},
};
use codec::{Decode, Encode};
use futures::future::try_join_all;
use jsonrpsee_core::{
	client::{Client, ClientT, Error as ClientError},
	params::ArrayParams,
};
use landchain_primitives::storage::system_events;
use serde::de::DeserializeOwned;
use serde_json::Value;
use sp_consensus_grandpa::SetId;
use std::{
	cell::{Cell, RefCell},
	fs::File,
	io::{BufReader, Read},
	path::Path,
	sync::Arc,
	time::{Duration, Instant},
};

/// One block as a source gives it.
#[derive(Clone, Debug, codec::Encode, codec::Decode)]
pub struct SourceBlock {
	/// The block and its justifications.
	pub block: SignedBlock,
	/// The hash the source lists for this block number, when it says one (a node does).
	pub hash: Option<Hash>,
	/// The raw `System.Events` storage value at this block, when the source has it.
	pub events: Option<Vec<u8>>,
}

impl SourceBlock {
	/// The number in the block's header.
	pub fn number(&self) -> BlockNumber {
		self.block.block.header.number
	}
}

/// A sequence of blocks to audit.
pub trait BlockSource {
	/// Where the blocks come from, for messages and the report.
	fn describe(&self) -> String;

	/// The highest block the source can give that an audit should reach by default: a node's
	/// finalized head, or the last block of a file.
	fn head(&mut self) -> Result<BlockNumber, AuditError>;

	/// Positions the source so that [`BlockSource::next_block`] gives the blocks `from..=to` in
	/// order (as far as the source has them: a file gives what it holds, in its order).
	fn seek(&mut self, from: BlockNumber, to: BlockNumber) -> Result<(), AuditError>;

	/// The next block, or `None` once past `to` or the end of the source.
	fn next_block(&mut self) -> Result<Option<SourceBlock>, AuditError>;

	/// A proof that block `number`/`hash` — the last block of the run, when the blocks carry no
	/// justification of it — is final, for a verifier at authority set `set` (finalizing blocks
	/// after `number`): a later block's GRANDPA justification and the headers between. `None`
	/// when the source has none: a file holds only what its blocks carry (and an archive the
	/// proof its writer saved).
	fn finality_proof(
		&mut self,
		_number: BlockNumber,
		_hash: Hash,
		_set: SetId,
	) -> Result<Option<FinalityProof>, AuditError> {
		Ok(None)
	}
}

/// How many blocks the RPC source asks for at once.
const RPC_PREFETCH: u32 = 32;
/// How long one RPC request may take.
const RPC_TIMEOUT: Duration = Duration::from_secs(60);
/// The largest RPC response accepted (a block with a runtime upgrade carries the code twice in hex).
const RPC_MAX_RESPONSE: u32 = 128 * 1024 * 1024;
/// How long the client keeps trying to reach a node that dropped the connection (restarted, a
/// network blip) before the audit stops, unless [`RpcClient::with_reconnect_window`] says otherwise.
pub const DEFAULT_RECONNECT_WINDOW: Duration = Duration::from_secs(120);
/// The pause between two attempts to reconnect.
const RECONNECT_PAUSE: Duration = Duration::from_secs(1);

/// Why one request to the node failed.
enum RpcFailure {
	/// The connection is gone or the node stopped answering (it was stopped or restarted, the
	/// network dropped): reconnect and ask again.
	ConnectionLost(String),
	/// The node answered with an error, or with something malformed: asking again cannot help.
	Refused(AuditError),
}

impl From<AuditError> for RpcFailure {
	fn from(error: AuditError) -> Self {
		RpcFailure::Refused(error)
	}
}

/// Sorts a client error into a lost connection (worth reconnecting) or a refusal.
fn rpc_failure(method: &str, error: ClientError) -> RpcFailure {
	match error {
		ClientError::RestartNeeded(_) | ClientError::Transport(_) | ClientError::RequestTimeout => {
			RpcFailure::ConnectionLost(format!("{method}: {error}"))
		}
		error => RpcFailure::Refused(source_error(format!("{method} failed: {error}"))),
	}
}

/// A WebSocket JSON-RPC client of a Landchain node (no TLS: audit a node you reach directly or
/// through a local tunnel). Blocking: it owns a small Tokio runtime.
///
/// When the connection is lost (the node was restarted, the network dropped) the client
/// reconnects to the same URL, once a second for up to its reconnect window (default
/// [`DEFAULT_RECONNECT_WINDOW`]), says so on standard error, and asks again; an audit therefore
/// resumes where it was. Nothing the node says is trusted more for it: every block is still
/// re-executed and linked to the one before.
pub struct RpcClient {
	runtime: tokio::runtime::Runtime,
	client: RefCell<Arc<Client>>,
	url: String,
	reconnect_window: Duration,
	reconnections: Cell<u32>,
}

fn source_error(what: impl std::fmt::Display) -> AuditError {
	AuditError::Source(what.to_string())
}

/// Opens a connection to `url`.
async fn open(url: &str) -> Result<Client, String> {
	let parsed = url
		.parse::<jsonrpsee_client_transport::ws::Url>()
		.map_err(|error| format!("invalid node URL {url:?}: {error}"))?;
	let (sender, receiver) = jsonrpsee_client_transport::ws::WsTransportClientBuilder::default()
		.max_response_size(RPC_MAX_RESPONSE)
		.connection_timeout(Duration::from_secs(10))
		.build(parsed)
		.await
		.map_err(|error| format!("cannot connect to {url}: {error}"))?;
	Ok(jsonrpsee_core::client::ClientBuilder::default()
		.request_timeout(RPC_TIMEOUT)
		.max_concurrent_requests(4 * RPC_PREFETCH as usize)
		.build_with_tokio(sender, receiver))
}

impl RpcClient {
	/// Connects to `url` (`ws://host:port`). The first connection is not retried: a wrong URL
	/// or a node that is not running fails at once.
	pub fn connect(url: &str) -> Result<Self, AuditError> {
		let runtime = tokio::runtime::Builder::new_multi_thread()
			.worker_threads(1)
			.enable_all()
			.build()
			.map_err(|error| source_error(format!("cannot start the RPC client: {error}")))?;
		let parsed = url
			.parse::<jsonrpsee_client_transport::ws::Url>()
			.map_err(|error| source_error(format!("invalid node URL {url:?}: {error}")))?;
		if parsed.scheme() != "ws" {
			return Err(source_error(format!(
				"invalid node URL {url:?}: use ws://host:port (wss:// is not supported; reach \
				 a remote node through a local tunnel)"
			)));
		}
		let client = runtime.block_on(open(url)).map_err(source_error)?;
		Ok(RpcClient {
			runtime,
			client: RefCell::new(Arc::new(client)),
			url: url.to_string(),
			reconnect_window: DEFAULT_RECONNECT_WINDOW,
			reconnections: Cell::new(0),
		})
	}

	/// Sets how long the client keeps trying to reconnect after losing the node; zero stops at
	/// the first lost connection.
	pub fn with_reconnect_window(mut self, window: Duration) -> Self {
		self.reconnect_window = window;
		self
	}

	/// One JSON-RPC call with positional parameters.
	pub fn request<T: DeserializeOwned>(
		&self,
		method: &str,
		params: Vec<Value>,
	) -> Result<T, AuditError> {
		self.call(method, |client| {
			let params = params.clone();
			async move { request(&client, method, params).await }
		})
	}

	/// The first notification of a subscription (`subscribe` with no parameters, ended with
	/// `unsubscribe`), waiting at most `timeout`. Not retried on a lost connection: the caller
	/// asks again.
	pub fn first_notification<T: DeserializeOwned>(
		&self,
		subscribe: &str,
		unsubscribe: &str,
		timeout: Duration,
	) -> Result<T, AuditError> {
		use jsonrpsee_core::client::SubscriptionClientT;
		let client = self.client.borrow().clone();
		self.runtime.block_on(async {
			let mut subscription = client
				.subscribe::<T, _>(subscribe, ArrayParams::new(), unsubscribe)
				.await
				.map_err(|error| source_error(format!("{subscribe}: {error}")))?;
			match tokio::time::timeout(timeout, subscription.next()).await {
				Ok(Some(Ok(value))) => Ok(value),
				Ok(Some(Err(error))) => Err(source_error(format!("{subscribe}: {error}"))),
				Ok(None) => {
					Err(source_error(format!("{subscribe}: the node ended the subscription")))
				}
				Err(_) => Err(source_error(format!(
					"{subscribe}: no notification within {} s",
					timeout.as_secs()
				))),
			}
		})
	}

	/// The node's URL.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// How many times the client has reconnected after losing the node.
	pub fn reconnections(&self) -> u32 {
		self.reconnections.get()
	}

	/// Runs `work` on the current connection; when the connection is lost, reconnects and runs
	/// it again from the start (every request the audit makes is a read, so asking twice is
	/// harmless). The window counts from the first loss: a node that keeps accepting connections
	/// but never answers `work` in time stops the audit once the window has passed.
	fn call<T, F, Fut>(&self, what: &str, work: F) -> Result<T, AuditError>
	where
		F: Fn(Arc<Client>) -> Fut,
		Fut: std::future::Future<Output = Result<T, RpcFailure>>,
	{
		let mut first_loss: Option<Instant> = None;
		loop {
			let client = self.client.borrow().clone();
			match self.runtime.block_on(work(client)) {
				Ok(value) => return Ok(value),
				Err(RpcFailure::Refused(error)) => return Err(error),
				Err(RpcFailure::ConnectionLost(why)) => {
					let since = *first_loss.get_or_insert_with(Instant::now);
					self.reconnect(what, &why, since)?
				}
			}
		}
	}

	/// Replaces the lost connection with a new one to the same URL, trying once a second until
	/// the reconnect window, counted from `since` (the first loss), has passed.
	fn reconnect(&self, what: &str, why: &str, since: Instant) -> Result<(), AuditError> {
		let give_up = |error: &str| {
			source_error(format!(
				"lost the connection to {} during {what} ({why}) and could not reconnect within \
				 {} s: {error}",
				self.url,
				self.reconnect_window.as_secs()
			))
		};
		if since.elapsed() >= self.reconnect_window {
			return Err(give_up("the node kept dropping the connection or not answering"));
		}
		eprintln!("lost the connection to {} ({why}); reconnecting …", self.url);
		let started = Instant::now();
		let mut attempts = 0u32;
		loop {
			attempts = attempts.saturating_add(1);
			match self.runtime.block_on(open(&self.url)) {
				Ok(client) => {
					*self.client.borrow_mut() = Arc::new(client);
					self.reconnections.set(self.reconnections.get().saturating_add(1));
					eprintln!(
						"reconnected to {} after {:.1} s ({attempts} attempts); asking again for {what}",
						self.url,
						started.elapsed().as_secs_f64()
					);
					return Ok(());
				}
				Err(error) if since.elapsed() >= self.reconnect_window => {
					return Err(give_up(&error));
				}
				Err(_) => std::thread::sleep(RECONNECT_PAUSE),
			}
		}
	}
}

async fn request<T: DeserializeOwned>(
	client: &Client,
	method: &str,
	params: Vec<Value>,
) -> Result<T, RpcFailure> {
	let mut array = ArrayParams::new();
	for param in params {
		array.insert(param).map_err(|error| source_error(format!("{method}: {error}")))?;
	}
	client.request::<T, _>(method, array).await.map_err(|error| rpc_failure(method, error))
}

/// Parses a `0x…` hash as the node returns it.
fn parse_hash(value: &str) -> Result<Hash, AuditError> {
	let bytes = sp_core::bytes::from_hex(value)
		.map_err(|error| source_error(format!("malformed hash {value:?}: {error:?}")))?;
	if bytes.len() != 32 {
		return Err(source_error(format!("malformed hash {value:?}: not 32 bytes")));
	}
	Ok(Hash::from_slice(&bytes))
}

/// The blocks `first..=last`, fetched concurrently.
async fn fetch_blocks(
	client: Arc<Client>,
	first: BlockNumber,
	last: BlockNumber,
) -> Result<Vec<SourceBlock>, RpcFailure> {
	try_join_all((first..=last).map(|number| fetch_block(&client, number))).await
}

async fn fetch_block(client: &Client, number: BlockNumber) -> Result<SourceBlock, RpcFailure> {
	let hash: Option<String> = request(client, "chain_getBlockHash", vec![number.into()]).await?;
	let hash = hash.ok_or_else(|| source_error(format!("the node has no block #{number}")))?;
	let block: Option<Value> =
		request(client, "chain_getBlock", vec![Value::String(hash.clone())]).await?;
	let block = block.ok_or_else(|| source_error(format!("the node has no body of #{number}")))?;
	let block: SignedBlock = serde_json::from_value(block)
		.map_err(|error| source_error(format!("malformed block #{number}: {error}")))?;
	let events = fetch_events(client, number, &hash).await?;
	Ok(SourceBlock { block, hash: Some(parse_hash(&hash)?), events })
}

/// Whether a node's error says it no longer keeps the state of a block (state pruning):
/// Substrate answers `UnknownBlock: State already discarded for …`.
fn is_state_discarded(message: &str) -> bool {
	message.contains("State already discarded")
}

/// The raw `System.Events` value at block `hash`, or `None` when the node has pruned that
/// block's state. The audit re-executes every block and so has every event itself; the node's
/// events are only a second opinion, compared where the node still keeps them.
async fn fetch_events(
	client: &Client,
	number: BlockNumber,
	hash: &str,
) -> Result<Option<Vec<u8>>, RpcFailure> {
	let key = sp_core::bytes::to_hex(&system_events(), false);
	let mut params = ArrayParams::new();
	for param in [key, hash.to_string()] {
		params.insert(param).map_err(|error| source_error(format!("state_getStorage: {error}")))?;
	}
	match client.request::<Option<String>, _>("state_getStorage", params).await {
		Ok(Some(hex)) => {
			Ok(Some(sp_core::bytes::from_hex(&hex).map_err(|error| {
				source_error(format!("malformed events of #{number}: {error:?}"))
			})?))
		}
		// No events stored (e.g. genesis): the value is absent, which decodes as no events.
		Ok(None) => Ok(Some(Vec::new())),
		Err(ClientError::Call(error)) if is_state_discarded(error.message()) => Ok(None),
		Err(error) => Err(rpc_failure("state_getStorage", error)),
	}
}

/// Blocks from a node over JSON-RPC: `chain_getBlockHash`, `chain_getBlock` and, where the node
/// still keeps the block's state, the raw `System.Events` at it (`state_getStorage`), fetched
/// ahead in batches. A node with the default state pruning keeps every block body but only the
/// recent states: older blocks are audited from their bodies alone.
///
/// Fetching overlaps the replay: once the audit has taken half of one batch, the next is fetched
/// on the client's runtime while the rest is replayed, so a node that answers faster than blocks
/// execute never keeps the audit waiting.
pub struct RpcSource {
	client: RpcClient,
	next: BlockNumber,
	to: BlockNumber,
	buffer: std::collections::VecDeque<SourceBlock>,
	/// The batch being fetched in the background: its first and last block numbers.
	ahead: Option<(BlockNumber, BlockNumber, Prefetch)>,
}

/// A batch of blocks fetched in the background.
type Prefetch = tokio::task::JoinHandle<Result<Vec<SourceBlock>, RpcFailure>>;

impl RpcSource {
	/// Connects to a node at `url` (`ws://127.0.0.1:9944`).
	pub fn connect(url: &str) -> Result<Self, AuditError> {
		Ok(RpcSource {
			client: RpcClient::connect(url)?,
			next: 0,
			to: 0,
			buffer: Default::default(),
			ahead: None,
		})
	}

	/// The batch starting at `first`: up to [`RPC_PREFETCH`] blocks, not past `to`.
	fn batch_from(&self, first: BlockNumber) -> (BlockNumber, BlockNumber) {
		(first, self.to.min(first.saturating_add(RPC_PREFETCH - 1)))
	}

	/// The blocks `first..=last`: the background batch when it is that one and arrived whole,
	/// otherwise fetched now (reconnecting if the connection was lost meanwhile).
	fn take_batch(
		&mut self,
		first: BlockNumber,
		last: BlockNumber,
	) -> Result<Vec<SourceBlock>, AuditError> {
		if let Some((ahead_first, ahead_last, handle)) = self.ahead.take() {
			if (ahead_first, ahead_last) == (first, last) {
				match self.client.runtime.block_on(handle) {
					Ok(Ok(blocks)) => return Ok(blocks),
					Ok(Err(RpcFailure::Refused(error))) => return Err(error),
					// A lost connection (or a failed task): fetch again, reconnecting.
					Ok(Err(RpcFailure::ConnectionLost(_))) | Err(_) => {}
				}
			} else {
				handle.abort();
			}
		}
		self.client.call(&format!("blocks #{first}..=#{last}"), |client| async move {
			fetch_blocks(client, first, last).await
		})
	}

	/// Sets how long to keep trying to reconnect after losing the node (see [`RpcClient`]).
	pub fn with_reconnect_window(mut self, window: Duration) -> Self {
		self.client = self.client.with_reconnect_window(window);
		self
	}

	/// The underlying client.
	pub fn client(&self) -> &RpcClient {
		&self.client
	}
}

impl BlockSource for RpcSource {
	fn describe(&self) -> String {
		format!("node {}", self.client.url)
	}

	fn head(&mut self) -> Result<BlockNumber, AuditError> {
		let hash: String = self.client.request("chain_getFinalizedHead", vec![])?;
		let header: Option<Value> = self.client.request("chain_getHeader", vec![hash.into()])?;
		let number = header
			.as_ref()
			.and_then(|header| header.get("number"))
			.and_then(Value::as_str)
			.and_then(|hex| u32::from_str_radix(hex.trim_start_matches("0x"), 16).ok())
			.ok_or_else(|| source_error("the node's finalized header has no block number"))?;
		Ok(number)
	}

	fn seek(&mut self, from: BlockNumber, to: BlockNumber) -> Result<(), AuditError> {
		self.next = from;
		self.to = to;
		self.buffer.clear();
		if let Some((_, _, handle)) = self.ahead.take() {
			handle.abort();
		}
		Ok(())
	}

	/// A node proves any finalized block: see [`finality::prove_from_node`].
	fn finality_proof(
		&mut self,
		number: BlockNumber,
		hash: Hash,
		set: SetId,
	) -> Result<Option<FinalityProof>, AuditError> {
		finality::prove_from_node(&self.client, number, hash, (set, number + 1)).map(Some)
	}

	fn next_block(&mut self) -> Result<Option<SourceBlock>, AuditError> {
		if self.buffer.is_empty() && self.next <= self.to {
			let (first, last) = self.batch_from(self.next);
			let blocks = self.take_batch(first, last)?;
			self.buffer.extend(blocks);
			self.next = last.saturating_add(1);
			if last == BlockNumber::MAX {
				self.to = 0;
				self.next = 1;
			}
		}
		let block = self.buffer.pop_front();
		// Once half of this batch has been handed out, fetch the next one while the rest is
		// replayed (at most a batch and a half is held).
		if self.ahead.is_none()
			&& self.buffer.len() < (RPC_PREFETCH / 2) as usize
			&& self.next <= self.to
		{
			let (first, last) = self.batch_from(self.next);
			let client = self.client.client.borrow().clone();
			let handle = self.client.runtime.spawn(fetch_blocks(client, first, last));
			self.ahead = Some((first, last, handle));
		}
		Ok(block)
	}
}

/// Writes `blocks` in the format of `landchain-node export-blocks --binary` (which
/// `landchain-node import-blocks --binary` reads): a `u64` count, then each SCALE-encoded signed
/// block.
pub fn write_exported_blocks(path: &Path, blocks: &[SourceBlock]) -> Result<(), AuditError> {
	let mut bytes = (blocks.len() as u64).encode();
	for block in blocks {
		block.block.encode_to(&mut bytes);
	}
	std::fs::write(path, bytes)
		.map_err(|error| source_error(format!("{}: {error}", path.display())))
}

/// Blocks from a file written by `landchain-node export-blocks --binary`: a `u64` count, then
/// that many SCALE-encoded signed blocks. Such a file carries no events: the replay's own events
/// are used (and cannot be compared with the node's).
pub struct ExportedBlocksSource {
	path: String,
	reader: BufReader<File>,
	remaining: u64,
	first: Option<SourceBlock>,
	head: BlockNumber,
	from: BlockNumber,
	to: BlockNumber,
}

impl ExportedBlocksSource {
	/// Opens `path`.
	pub fn open(path: &Path) -> Result<Self, AuditError> {
		let name = path.display().to_string();
		let file = File::open(path).map_err(|error| source_error(format!("{name}: {error}")))?;
		let total_len = file.metadata().map(|m| m.len()).unwrap_or(0);
		let mut reader = BufReader::new(file);
		let mut count = [0u8; 8];
		reader
			.read_exact(&mut count)
			.map_err(|error| source_error(format!("{name}: not a block export: {error}")))?;
		let remaining = u64::from_le_bytes(count);
		if remaining > total_len {
			return Err(source_error(format!(
				"{name}: not a binary block export (claims {remaining} blocks)"
			)));
		}
		let mut source = ExportedBlocksSource {
			path: name,
			reader,
			remaining,
			first: None,
			head: 0,
			from: 0,
			to: BlockNumber::MAX,
		};
		source.first = source.read_one()?;
		let first_number = source.first.as_ref().map(SourceBlock::number).unwrap_or(0);
		source.head = first_number.saturating_add(source.remaining.min(u32::MAX as u64) as u32);
		Ok(source)
	}

	fn read_one(&mut self) -> Result<Option<SourceBlock>, AuditError> {
		if self.remaining == 0 {
			return Ok(None);
		}
		self.remaining -= 1;
		let mut input = codec::IoReader(&mut self.reader);
		let block = SignedBlock::decode(&mut input).map_err(|error| {
			source_error(format!("{}: malformed block record: {error}", self.path))
		})?;
		Ok(Some(SourceBlock { block, hash: None, events: None }))
	}
}

impl BlockSource for ExportedBlocksSource {
	fn describe(&self) -> String {
		format!("block export {}", self.path)
	}

	fn head(&mut self) -> Result<BlockNumber, AuditError> {
		Ok(self.head)
	}

	fn seek(&mut self, from: BlockNumber, to: BlockNumber) -> Result<(), AuditError> {
		self.from = from;
		self.to = to;
		Ok(())
	}

	fn next_block(&mut self) -> Result<Option<SourceBlock>, AuditError> {
		loop {
			let block = match self.first.take() {
				Some(block) => Some(block),
				None => self.read_one()?,
			};
			match block {
				Some(block) if block.number() < self.from => continue,
				Some(block) if block.number() > self.to => return Ok(None),
				other => return Ok(other),
			}
		}
	}
}
